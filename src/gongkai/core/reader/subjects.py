"""The body an opening sentence names as its subject ("2023年，南溪县民政局认真贯彻…", "衡阳市统计局
坚持以…"): ``meta.find_agency``'s last sources, where no title, field or 落款 names it."""

from __future__ import annotations

import re
from collections import Counter

from gongkai.core.reader.cleaning import clean
from gongkai.core.reader.fields import HEADING_MARK

# (… or its territory alone, "2022年，茅箭区坚持…", not "全区", "各县", "辖区", nor "我院按照县…";
# with its second name in brackets: "X区司法局(区行政复议局)")
_SUBJECT_NAME = (
    r"(?P<name>(?![全各该我本]|度(?!假)|辖区|城区|市区|园区|景区|社区|片区)[\u4e00-\u9fff()]{2,30}?"
    r"(?:人民政府|[镇乡]政府(?!信息)|委员会|联合会|总工会|红十字会|协会|管委会|街道办事处|办事处|办公室|办公厅|管理区|研究室|参事室|开发区|支行|分行|公司|集团|局|厅|委|办|"
    r"署|(?<![干内])部|中心|大学|学院|镇|乡|苏木|街道|街|区|县|市|旗)(?:[(（][\u4e00-\u9fff]{2,15}[)）])?)"
)
# (… or where it lies: "保安街道办事处地处…"; what it did not do: "X乡没有收到…"; "本年新收到")
_SUBJECT_ACT = (
    r"(?:认真|严格|坚持|坚决|深入|全面|切实|始终|紧紧|紧扣|按照|根据|依据|进一步|高度重视|围绕|扎实|"
    r"持续|积极|未|共|依法|不断|主动|着力|在|以|依照|贯彻|通过|为|紧密|把|聚焦|立足|紧盯|强化|"
    r"加强|注重|大力|出台|制定|地处|位于|新收到?|收到|受理|没有)"
)
# (… or, after its year, its name fused with its work: "2022年，河东乡政府信息公开工作在…",
# "2021年,开发区管委会政务信息工作紧紧围绕…", "2019年市人防办政府信息公开以…"; a ministry too,
# "2024年,教育部坚持…", no 干部; "全年" before what it did: "2024年,X局全年主动公开…")
_SUBJECT_VERB = (
    rf"(?:全年)?(?:{_SUBJECT_ACT}|的?(?:人民)?(?:政府|政务)?信息(?:公开)?工作|政务公开工作"
    rf"|(?:政府|政务)信息公开{_SUBJECT_ACT})"
)
# "2023年，南溪县民政局认真贯彻落实《条例》…": the body a sentence of the opening lines opens
# with, after its year or its date ("截至2019年12月31日,X通过…") (and "在…下，", how it
# worked, or "根据《…》要求，"), before what it did (used last: no title, no "由…编制", no 落款).
_SUBJECT = re.compile(
    # (the year first, its sentence's start looked behind it: a pattern opening with its
    # literals is searched for them alone, one opening with a boundary tried everywhere)
    # (a school year too: "2019-2020学年,长江大学以…")
    r"(?:(?:19|20)\d\d(?<![^。;；,，]\d{4})年度?(?:以来)?|本(?<![^。;；]本)年度?"
    r"|(?:19|20)\d\d(?<![^。;；,，\n]\d{4})[-—至](?:19|20)\d\d学年"
    r"|今(?<![^。;；\n]今)年(?:以来)?"
    r"|截[至止](?<![^。;；\n,，]截[至止])(?:(?:19|20)\d\d年)?(?:\d{1,2}月\d{1,2}日止?|\d{1,2}月底|底))"
    r"[,，]?"
    rf"(?:(?:在[^。;；]{{2,30}}?下|根据[^。;；]{{2,80}}?(?:要求|部署))[,，])*{_SUBJECT_NAME}"
    rf"{_SUBJECT_VERB}"
)
# ("衡阳市统计局坚持以…": the 总体情况's first sentence, with no year before its body; "安远县
# 行政审批局2024年通过…": a line's first words, the year after its body)
OVERVIEW_SUBJECT = re.compile(rf"{_SUBJECT_NAME}{_SUBJECT_VERB}")
# (… or 本年度 after it: "区科技工业商务信息化局本年度主动公开…")
_SUBJECT_FIRST = re.compile(rf"{_SUBJECT_NAME}(?:(?:19|20)\d\d|本)年度?[,，]?{_SUBJECT_ACT}")


def opening_subject(lines: list[str]) -> str | None:
    for index, line in enumerate(lines):
        dated = "年" in line or "截" in line  # (its leads: a year, 本年, 今年, 截至…)
        found = (_SUBJECT.search(line) or _SUBJECT_FIRST.match(line)) if dated else None
        if found and (name := clean(found.group("name"))):
            return _said_most(name, lines[index + 1 :])
    for index, line in enumerate(lines):
        at = line.find(_OVERVIEW)
        if at >= 0:
            # (its first words, on the heading's line or the next, or after a subheading:
            # "一、总体情况\n(一)组织领导\nX镇人民政府坚持…")
            after = iter(lines[index + 1 : index + 3])
            words = line[at + len(_OVERVIEW) :] or next(after, "")
            if HEADING_MARK.match(words) and len(words) <= _SUBHEADING:
                words = next(after, "")
            found = OVERVIEW_SUBJECT.match(_YEAR_LEAD.sub("", words, count=1))
            found = found or _after_lead(lines[:index])
            return clean(found.group("name")) if found else None
    return None


def _after_lead(preamble: list[str]) -> re.Match[str] | None:
    """… or the preamble's, after what it followed: "根据《条例》、省市…的相关要求,市卫生健康局
    高度重视、认真组织…"."""
    for line in preamble:
        words = _YEAR_LEAD.sub("", line, count=1) if line.startswith(("根据", "按照")) else line
        if words != line and (found := OVERVIEW_SUBJECT.match(words)):
            return found
    return None


_OVERVIEW = "一、总体情况"
_SUBHEADING = 20  # (a subheading's length at most: "(一)加强组织领导")
# ("一、总体情况2023年,徐水区…", "按照区委、区政府有关要求,区政府政务服务办进一步…")
_YEAR_LEAD = re.compile(
    r"^(?:(?:19|20)\d\d年度?(?:以来)?[,，]?)?(?:(?:按照|根据)[^。;；]{2,80}?(?:要求|部署)[,，])?"
)


_SAID_MOST = 3


def _said_most(first: str, rest: list[str]) -> str:
    """The first sentence's subject, unless it is never named again and another body opens
    three sentences or more after it: a template's leftover ("2024年,X县人民政府办公室认真落实
    …", then "2024年,Y乡主动公开…", "2024年,Y乡没有收到…", "2024年,Y乡没有发生…": Y乡's)."""
    if any(first in line for line in rest):
        return first
    said = Counter(
        clean(found.group("name"))
        for line in rest
        if "年" in line
        for found in _SUBJECT.finditer(line)
    )
    if not said:
        return first
    other, times = said.most_common(1)[0]
    return other if times >= _SAID_MOST and other else first
