"""Agency, year and format of a published report, from its title, opening lines and headers."""

from __future__ import annotations

import re
from collections import Counter

from gongkai.core.reader.labels import compact

_TITLE = re.compile(
    r"(?P<before>[^\s,。:;|]{0,40}?)(?P<year>(?:19|20)\d\d)\s*年度?(?P<between>[^\s,。:;|]{0,40}?)"
    r"政府信息公开(?:工作)?(?:年度|情况)?(?:工作)?报告"
)
_PERIOD = re.compile(r"((?:19|20)\d\d)年1月1日(?:起)?(?:至|到|-)")
_YEAR_WORD = re.compile(r"((?:19|20)\d\d)年")
_LEAD_NOISE = re.compile(r"^(?:.*?[:：]|关于|现将|现公布|公布|根据|按照|本报告由)")
_AGENCY_END = re.compile(
    r"(人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|管委会|管理委员会|局|厅|委|办|院|"
    r"中心|街道办事处|办事处|政府|署|所|站|队|会|部)$"
)
_DIVISION = re.compile(r"(省|市|县|区|旗|自治州|自治县|盟|镇|乡|街道)$")


def find_year(text: str) -> int | None:
    head = text[:6000]
    # The title regex is costly: try it only around the words every title ends with.
    at = head.find("政府信息公开")
    while at >= 0:
        match = _TITLE.search(head, max(0, at - 90), at + 20)
        if match:
            return int(match.group("year"))
        at = head.find("政府信息公开", at + 1)
    period = _PERIOD.search(head)
    if period:
        return int(period.group(1))
    years = [int(y) for y in _YEAR_WORD.findall(head[:3000]) if 2008 <= int(y) <= 2100]
    if years:
        # The reporting year is the one the opening lines talk about most.
        return Counter(years).most_common(1)[0][0]
    return None


def _clean_agency(name: str) -> str:
    name = compact(name).strip("《》“”\"'#*")
    name = re.sub(r"^(?:[【\[].*?[】\]])", "", name)
    name = _LEAD_NOISE.sub("", name)
    name = re.sub(r"^(?:我|本)(?:局|委|办|厅|院|镇|乡|街道|县|区|市)", "", name)
    return name


def find_agency(text: str, year: int | None) -> str | None:
    lines = [compact(line) for line in text.split("\n")[:80]]
    lines = [line for line in lines if line]
    for index, line in enumerate(lines):
        match = _TITLE.search(line)
        if not match or (year is not None and int(match.group("year")) != year):
            continue
        opened = line[: match.start()]
        if opened.count("《") > opened.count("》") or "关于" in match.group("before"):
            continue  # a notice quoted in the text ("《关于做好2020年…报告编制…的通知》")
        name = _clean_agency(match.group("before")) or _clean_agency(match.group("between"))
        if not name and index > 0 and _AGENCY_END.search(lines[index - 1]):
            # A title broken after the agency's name ("深州市人民政府办公室\n2021年…报告").
            name = _clean_agency(lines[index - 1])
        if name and len(name) >= 2:
            return _with_county(_official(name), lines)
    for line in lines:
        match = re.search(r"现将(?P<name>[^\s,。]{2,30}?)(?:19|20)\d\d年度?政府信息公开", line)
        if match and not match.group("name").startswith(("我", "本")):
            return _with_county(_official(_clean_agency(match.group("name"))), lines)
    return None


_COUNTY = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:县|市|区|旗))(?:人民)?政府")


def _with_county(name: str, lines: list[str]) -> str:
    """A township named without its county takes the county the opening lines name.

    ("现将茅坪回族镇2022年度…" after "按照镇安县人民政府办公室…" is 镇安县茅坪回族镇人民政府.)
    """
    if not re.search(r"(镇|乡|街道)(人民政府|政府|办事处)?$", name) or re.search(
        r"[县市区旗]", name
    ):
        return name
    for line in lines[:15]:
        match = _COUNTY.search(line)
        if match:
            return match.group(1) + name
    return name


def _official(name: str) -> str:
    # A report titled by its territory ("兰州市2020年…") is that people's government's.
    if _DIVISION.search(name) and not name.endswith("街道"):
        return name + "人民政府"
    return name
