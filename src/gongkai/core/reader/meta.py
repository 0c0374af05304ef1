"""Agency and year of a published report, from its title, opening lines, sentences and 落款.

The report's own title comes first ("瓯海区人民政府2021年政府信息公开工作年度报告", also broken
over two lines); a title quoted inside a sentence ("公开发布《国家新闻出版署2021年…报告》") is
another report's and is skipped. Without a title the agency is taken from "现将X2021年度…",
"由X编制", "请与X联系", the page's "发布机构：X" or "来源：X", or the 落款 (the agency's name
alone on a line near the end). Names are returned as printed: a territory named alone
("兰州市2020年…") is completed only with a suffix the text itself prints ("兰州市人民政府"),
never with one the reader supplies.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain

from gongkai.core.reader.cleaning import DOUBLED_PLACE, PUT_OUT, clean
from gongkai.core.reader.fields import (
    PAGE_FIELD_REACH,
    PERIOD,
    PUBLISHED,
    page_field,
    signature,
    stated_period,
)
from gongkai.core.reader.labels import compact, without_spaces
from gongkai.core.reader.names import (
    AGENCY_END,
    COUNTY_IN,
    DIVISION,
    DIVISION_IN,
    TERRITORY,
    TOWNSHIP,
    abbreviates,
    as_body,
    as_named,
    bare,
    body,
    finds,
    plausible,
)
from gongkai.core.reader.sentences import NAMED
from gongkai.core.reader.sites import ZONES, crumb, of_kind, own_site, self_kind
from gongkai.core.reader.subjects import OVERVIEW_SUBJECT, opening_subject

# The work a title names: 政府信息公开, also shortened ("X局2022年政府公开年度报告") or called
# 政务公开 ("X局2022年度政务公开工作报告").
_WORK = r"(?:政府信息|政务信息|信息|政务|政府)公开"
_TITLE = re.compile(
    r"(?P<before>[^\s,，。:：;；|]{0,40}?)(?P<year>(?:19|20)\d\d)\s*"
    rf"(?:年度?|(?={_WORK}))"  # (its 年 left out: "X局2022政府信息公开工作年度报告")
    # (no year between: the first was a date's, "2021年03月18日X系统2020年…年度报告")
    r"(?P<between>(?:(?!(?:19|20)\d\d\s*年)[^\s,，。:：;；|]){0,40}?)"
    rf"{_WORK}(?:工作)?的?(?:年度|情况)?(?:工作)?(?:报告|年报)"
)
# A title ends so ("…政府信息公开工作年度报告", "…信息公开年报"): found first (a literal, fast),
# it bounds where the costly search starts.
_TITLE_END = re.compile(r"公开(?:工作)?的?(?:年度|情况)?(?:工作)?(?:报告|年报)")
_TITLE_REACH = 40 + 4 + 2 + 40 + 4  # before, year, 年度, between, the work's lead (no spaces)
_YEAR_WORD = re.compile(r"((?:19|20)\d\d)\s*年")
_SENTENCE_YEAR = re.compile(r"((?:19|20)\d\d)年(?!\d)")  # (not a date's: "2020年1月…")


# A line that can be the first part of a broken title: words only (after the title's 《, if
# it stands in one), no sentence, no heading.
_TITLE_PART = re.compile(r"《?(?![一二三四五六七八九十]+、)[\u4e00-\u9fff（）()]{2,30}")
_HEAD_LINES = 80
# Compiled once (a pattern given as a string is looked up in ``re``'s cache at each call).
_CITED = re.compile(r"《[^《》\n]{0,80}》")
_FIELD = re.compile("[:：]")
_KEYWORDS = ("主题词", "关键词", "关键字")
_YEAR_AFTER = re.compile(r"(?:政府)?信息公开工作(?P<year>(?:19|20)\d\d)\s*年度?报告$")
_YEAR_FIRST = r"\g<year>年政府信息公开工作年度报告"
_OWN_QUOTED = re.compile(r"^[#*]*《[^《》]+(?:报告|年报)》?[#*]*$")  # (its 》 may wrap)
# (now, by the body itself: "现发布《…》", "现编制形成了《…》"; "公开发布《…》等信息" cites one)
_PUT_OUT_BEFORE = re.compile(rf"(?:(?:现|特|现予|特此){PUT_OUT}|{PUT_OUT}形成了?|现[将把])$")


def _lines(text: str) -> list[str]:
    """The opening lines of ``text``, compacted (empty ones dropped)."""
    head = text.split("\n", _HEAD_LINES)[:_HEAD_LINES]
    return [line for line in map(compact, head) if line]


# The opening lines of the last text seen, with the offset where they end in it: the year and
# the agency are both looked for in them, read once per text (the text told by identity).
_last: tuple[str, list[str], int] = ("", [], 0)


def _opening(text: str) -> tuple[list[str], int]:
    """``_lines(text)`` and the offset where the lines it looked at end in ``text``."""
    global _last
    last = _last
    if last[0] is text:
        return last[1], last[2]
    head = text.split("\n", _HEAD_LINES)[:_HEAD_LINES]
    reach = sum(map(len, head)) + len(head) - 1
    lines = [line for line in map(compact, head) if line]
    _last = (text, lines, reach)
    return lines, reach


def _quoted(line: str, start: int) -> bool:
    """A title inside 《》 after other words: another report cited, not this one's title. (A
    line that is the title in 《》 alone, "《X2022年…报告》", is the report's own.)"""
    opened = line[:start]
    if opened.count("《") > opened.count("》"):
        # ("现向社会公开《X2022年…报告》": the title put out is the report's own)
        put_out = _PUT_OUT_BEFORE.search(opened, 0, opened.rfind("《"))
        return not (_OWN_QUOTED.match(line) or put_out)
    # (a citation closed before the year, "根据《条例》…，现公布X2022年…报告", quotes no title)
    bracket = line.find("《", line.rfind("》", 0, start) + 1, start + 60)
    return 0 < bracket < line.find("报告", start) and bool(line[:bracket].strip("#*"))


def _titles(lines: list[str]) -> Iterator[tuple[int, re.Match[str]]]:
    """The report's own title lines (a title broken over two lines is joined)."""
    for index, line in enumerate(lines):
        if line.startswith(_KEYWORDS):
            continue  # (a page's keywords: "主  题  词 X县 人民政府 2020 政府信息公开 … 年度报告")
        # A title ends in "报告": a line without it is tried joined to the next line, where
        # that line holds the rest of it.
        if "报告" in line or "年报" in line:
            # (the year after the words, "政府信息公开工作2021年度报告": read as the usual order;
            # a pipe table's cell, "…2020年度报告 |", too)
            year_after = line.rstrip("|").endswith("年度报告") and "工作" in line
            line = line.rstrip("|") if year_after else line
            candidate = _YEAR_AFTER.sub(_YEAR_FIRST, line) if year_after else line
        elif index + 1 < len(lines) and _title_rest(rest := lines[index + 1]):
            if _FIELD.search(line):
                continue  # (a line of fields, "来源：…", is no title's first half)
            candidate = line + rest
        else:
            continue
        match = _title_in(candidate)
        if not match or (candidate is not line and match.start("year") >= len(line)):
            continue  # a joined title must be broken inside itself, not before its year
        yield index, match


def _title_rest(line: str) -> bool:
    """Whether ``line`` may be the rest of a broken title: its 报告 or 年报, broken anywhere."""
    return "告" in line or "年报" in line or line.startswith("报")


@lru_cache(maxsize=1 << 12)
def _title_in(candidate: str) -> re.Match[str] | None:
    """The title ``candidate`` holds, unless quoted (kept by line: the year and the agency are
    both read from the title lines). A line citing a document whose name holds a title's words
    ("《…关于做好2020年政府信息公开工作年度报告…的通知》") may still hold its own after it."""
    if "公开" not in candidate:
        return None
    # The title regex is costly: try it only where a title's end is, and from no further back
    # than a title reaches (nor before the last title's end: a title is within one).
    after = 0
    for end in _TITLE_END.finditer(candidate):
        match = _TITLE.search(candidate, max(after, end.start() - _TITLE_REACH), end.end())
        after = end.end()
        if not match:
            continue
        before = match.group("before")
        # The leftmost title may start inside a quote: look from the year back. "关于" before
        # it opens a document's name ("关于做好…报告…的通知"), unless it ends there: "X关于
        # 2023年…报告" is a title.
        if (
            _quoted(candidate, match.start("year"))
            or ("关于" in before and not before.endswith("关于"))
            or before.endswith("做好")  # (a notice's words: "…做好2023年…报告编制发布工作")
            # (an item of a list: "主动公开了单位基本信息、2022年…年度报告、2022年度决算")
            or before.endswith(("、", "及", "和"))
            or candidate.startswith("、", match.end())
            or _later_sentence(candidate, match)
        ):
            continue
        return match
    return None


def _later_sentence(line: str, match: re.Match[str]) -> bool:
    """Whether the sentence a title stands in talks of a later year: "2019年度我局…按时发布了原
    X局2018年度…报告" puts out an earlier report."""
    start = line.rfind("。", 0, match.start()) + 1
    year = int(match.group("year"))
    return any(int(y) > year for y in _SENTENCE_YEAR.findall(line, start, match.start("year")))


# The last opening lines found to hold no title (told by identity): the agency then looks for
# none again (a report without a title has each of its lines tried).
_untitled: list[str] | None = None


def find_year(text: str) -> int | None:
    global _untitled
    lines, reach = _opening(text)
    if reach > 6000:
        lines = _lines(text[:6000])  # (the opening lines of a text's first 6,000 characters)
    period: int | None = None
    for _index, match in _titles(lines):
        year = int(match.group("year"))
        before = match.group("before")
        if _PUT_OUT_IN.search(before) and not _COMPILED.search(before):
            # A title put out in a sentence, of another year than the period the text states:
            # another report's ("按规定及时发布市政府办公厅2019年度…年报" in 2020's); not one
            # the sentence's subject has just compiled ("根据…要求,X局编制了2021年…报告": this
            # one, its period's year a template's leftover — said so, ``year_doubtful``).
            period = period or stated_period("\n".join(lines))
            if period not in (None, year):
                continue
        return year
    _untitled = lines
    head = "\n".join(lines)
    if stated := PERIOD.search(head):
        return int(stated.group(1))
    # Years in the opening lines, less those of cited documents (《…2021年…》).
    unquoted = PUBLISHED.sub("", _CITED.sub("", head[:3000]))  # (nor a page's date)
    if years := _years(_YEAR_WORD.findall(unquoted)):
        # The reporting year is the one the opening lines talk about most.
        return years.most_common(1)[0][0]
    return None


def _title_name(title: re.Match[str]) -> str:
    """The name a title prints before its year, else between its year and its words (also
    where words before its year are none: "编制形成2021年X办公室政府信息公开年度报告"; its
    compiler's verb none of it: "…要求,市金融发展局编制2021年度…报告")."""
    before = clean(title.group("before"))  # ("X梳理编制2019年…": clean drops its verbs)
    if not plausible(before):
        before = clean(_COMPILED.sub("", title.group("before")))
    between = clean(title.group("between"))
    return before if plausible(before) or not plausible(between) else between


_UNDATED_TITLE = re.compile(
    r"^[#*《]*(?P<name>[\u4e00-\u9fff()]{0,40}?)(?:政府)?信息公开(?:工作)?(?:年度)?报告[》#*]*$"
)
_UNDATED_REACH = 5  # (a title stands at the head of the page)
# (… or one whose last words a mirror scrambled: "X镇2023年政府信息公开 工作告年度报")
_SCRAMBLED_TITLE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff()]{2,40}?)(?:19|20)\d\d年度?(?:政府)?信息公开"
    r"(?=[\u4e00-\u9fff]{0,8}$)(?=.*报)(?=.*告)"
)
# Compiled once: searched line by line.
_NOW_SUBMITTED = re.compile(r"现[将把就](?P<name>[^\s,。]{2,30}?)(?:19|20)\d\d年度?政府信息公开")
_PUT_OUT_IN = re.compile(r"发布|公布|编制|编写|印发")
_COMPILED = re.compile(r"(?:特|现)?(?:编制|编写)了?$")
_PUT_OUT_QUOTED = re.compile(rf"(?:{PUT_OUT})(?:完成)?了?《([^《》]{{4,80}})》")


def talked_of(text: str, year: int) -> int | None:
    """The year other than ``year`` the opening sentences talk of most, and more than of
    ``year``, at least twice ("2022年，我局…"; not a date's, so not the period's; not in cited
    documents or page dates); None if none."""
    head = "\n".join(_opening(text)[0])[:3000]
    if not _other_year(_SENTENCE_YEAR.findall(head), year):
        return None  # (most texts: counted without the citations, no other year could win)
    return _other_year(_SENTENCE_YEAR.findall(PUBLISHED.sub("", _CITED.sub("", head))), year)


def year_cited(text: str) -> int | None:
    """The year the documents cited in the opening lines name most ("落实《2023年…工作要点》":
    the year's own work plan), for a text whose sentences name none (``find_year`` counts only
    theirs); None on a tie or none. A guess, said to be one (``year_guessed``)."""
    cited = "".join(_CITED.findall("\n".join(_opening(text)[0])[:3000]))
    years = _years(_SENTENCE_YEAR.findall(cited)).most_common(2)
    if not years or (len(years) == 2 and years[0][1] == years[1][1]):
        return None
    return years[0][0]


def _years(found: list[str]) -> Counter[int]:
    """The years among ``found`` a report can be of (2008, the first 条例's, to 2100), counted
    (a tie goes to the first found)."""
    return Counter(int(y) for y in found if 2008 <= int(y) <= 2100)


def _other_year(found: list[str], year: int) -> int | None:
    years = _years(found)
    (other, times), *_ = years.most_common(1) or [(year, 0)]
    return other if other != year and times >= 2 and times > years[year] else None


def find_agency(text: str, year: int | None) -> str | None:
    lines, _ = _opening(text)
    for index, match in _titles(lines) if lines is not _untitled else ():
        if year is not None and int(match.group("year")) != year:
            continue
        name = as_body(_title_name(match), text)
        above = lines[index - 1] if index > 0 else ""
        if (
            not name
            and (AGENCY_END.search(above) or DIVISION.search(above))
            and not _FIELD.search(above)
        ):
            # A title broken after the agency's name ("深州市人民政府办公室\n2021年…报告").
            name = clean(above)
        elif (
            _TITLE_PART.fullmatch(above)
            and not DIVISION_IN.search(name)
            # (a place or a body's name: not a page's breadcrumb, "首页", "请输入搜索")
            and (DIVISION_IN.search(above) or AGENCY_END.search(above))
        ):
            # A title broken inside the name ("东江县人民政\n府2021年…", "东江县\n自然资源局…").
            joined = clean(above + match.group("before"))
            if AGENCY_END.search(joined):
                name = joined
        if not name and index + 1 < len(lines) and AGENCY_END.search(lines[index + 1]):
            # (… or on the line under a title naming no one: "2025年…报告" / "区数据局")
            under = lines[index + 1]
            name = clean(under) if len(under) <= 30 and not _FIELD.search(under) else ""
        if plausible(name):
            return _as_named(_fuller(name, lines, index, text), text, lines)
    for index, line in enumerate(lines[:_UNDATED_REACH]):
        # A title printing no year ("驼峰路街道办事处政府信息公开工作年度报告"), a line of its
        # own, or its agency on the line above.
        undated = _UNDATED_TITLE.match(line) if line.endswith("报告") else None
        name = clean(undated.group("name")) if undated else ""
        if undated and not name and index and not _FIELD.search(lines[index - 1]):
            name = lines[index - 1]
        if undated and plausible(name):
            return _as_named(name, text, lines)
        scrambled = _SCRAMBLED_TITLE.match(line)
        if scrambled and plausible(name := clean(scrambled.group("name"))):
            return _as_named(name, text, lines)
    for line in lines:
        found = _NOW_SUBMITTED.search(line) if "现将" in line or "现把" in line else None
        if found and plausible(name := clean(found.group("name"))):
            return _as_named(name, text, lines)
        # The report's own title put out in 《》 ("…规定，编制《临夏市人民政府2023年…报告》"),
        # of this year (a citation of last year's is another report).
        quoted = year and "报告》" in line
        for put_out in _PUT_OUT_QUOTED.finditer(line) if quoted else ():
            # (its year after the words too: "《X信息公开工作2022年度报告》")
            title = _TITLE.search(_YEAR_AFTER.sub(_YEAR_FIRST, put_out.group(1)))
            if title and int(title.group("year")) == year and "关于" not in title.group("before"):
                named = _title_name(title)
                if plausible(named):
                    return _as_named(named, text, lines)
    for find in (_named_in_sentences, _publisher, signature):
        named = find(text) or ""
        # (not a territory alone where the text calls itself a body: "我局…", "请与厦门市集美区
        # 政府信息公开工作领导小组办公室联系" names the district's group, not this 局)
        if plausible(named) and not (DIVISION.search(named) and _body_calls_itself(text)):
            return _as_named(_as_opening_says(named, text), text, lines)
    # (the first plausible one, each asked in turn: a garbled subject, "度我镇", leaves the
    # next its turn)
    for candidate in _last_sources(lines, text):
        named = _as_named(candidate, text, lines) if candidate and plausible(candidate) else ""
        # (a government by its division's word alone names no one: "我市…", "通过市政府门户网站"
        # in a department's report, its place printed nowhere)
        if named and not (bare(named) and TERRITORY.search(named)):
            return named
    return None


def _last_sources(lines: list[str], text: str) -> Iterator[str | None]:
    subject = opening_subject(lines)
    yield subject
    # (… or the body under its government where a mirror's spam took the place's name:
    # "新葡京博彩官网区人民政府北京街道办事处" is 北京街道办事处)
    under = _UNDER_GOVERNMENT.search(subject or "")
    yield under.group("body") if under else None
    yield own_site(text)
    yield _self_subject(text)
    yield crumb(text)


_UNDER_GOVERNMENT = re.compile(
    r"(?:人民政府|政府)(?P<body>[\u4e00-\u9fff]{2,10}(?:街道办事处|镇人民政府|乡人民政府))$"
)


# (… and its own 政府信息公开 work named after it: "我苏木成立X苏木政府信息公开领导小组", "调整X乡
# 政府信息公开工作领导小组成员", "我镇…
# 进一步健全完善X镇信息公开工作机制")
_OWN_WORK = re.compile(
    r"(?:(?<=成立|完善|健全|推进|做好|加强|规范|调整|组建|设立)|(?<=[,，。、;；\n]))"
    r"(?P<name>(?![我本全各该])(?:(?!成立|完善|健全|推进|做好|加强|规范|调整|组建|设立|进一步|负责|的)"
    r"[\u4e00-\u9fff]){2,12}?)(?:人民政府|政府)?"
    r"(?:政府信息|政务|信息)公开(?:工作)?(?:领导小组|工作机制|机制|制度)"
)


def _as_named(name: str, text: str, lines: list[str]) -> str:
    """``names.as_named`` (the page's 发布机构 field spells a short name out); a name still
    without its place takes the opening's subject's territory of its kind ("由区人民政府办公室…
    编制", "2024年,乃东区坚持…": 乃东区人民政府)."""
    named = as_named(name, text, lines, page_field)
    subject = opening_subject(lines) if named in ZONES or bare(named) else None
    if named in ZONES and subject and (at := subject.find(named)) > 0:
        # (a zone by its kind alone, "结合2019年高新区…工作实际编制", the opening's subject its
        # body: "2019年,宁波国家高新区(新材料科技城)管委会办公室…": 宁波国家高新区)
        return subject[: at + len(named)]
    territory = subject if bare(named) else None
    ours = territory and DIVISION.search(territory) and territory.endswith(named[0])
    if not ours and bare(named) and (site := own_site(text)) and site.endswith(named[0]):
        # (… or the territory whose own site it names, calling itself so: "区管委会办公室坚持…",
        # "依托长兴岛经济技术开发区门户网站", "我区": 长兴岛经济技术开发区管委会办公室)
        return site + named[1:]
    return territory + named[1:] if territory and ours else named


def _self_subject(text: str) -> str | None:
    """A sentence's subject of the kind the text calls itself ("我镇…", then "(二)…情况。广福镇
    政府根据公开要求,…"), where no other source names the body."""
    head = text[:PAGE_FIELD_REACH]
    kind = self_kind(head)
    if kind is None:
        return None
    for name in _subjects(head, _SENTENCE_START.finditer(head)):
        if plausible(name) and of_kind(name, kind):
            return name
    # (… or a clause's, with its county: "结合…等工作,高昌区林草局在“…平台”对…"; not "提高全镇";
    # only where its kind follows closely: the match is costly)
    clauses = (
        start
        for start in _CLAUSE_START.finditer(head)
        if head.find(kind, start.end(), start.end() + _CLAUSE_NAME) >= 0
    )
    for name in _subjects(head, clauses):
        placed = COUNTY_IN.search(name, 1, len(name) - 1)
        if placed and plausible(name) and of_kind(name, kind):
            return name
    for found in _OWN_WORK.finditer(head):
        name = found.group("name")
        if plausible(name) and of_kind(name, kind):
            return name
    return None


def _subjects(head: str, starts: Iterator[re.Match[str]]) -> Iterator[str]:
    """The names that open a sentence or a clause at ``starts`` before what the body did."""
    for start in starts:
        found = OVERVIEW_SUBJECT.match(head, start.end())
        if found:
            yield clean(found.group("name"))


_SENTENCE_START = re.compile(r"(?:^|[。；;\n])\s*")
_CLAUSE_START = re.compile(r"[,，]\s*")
_CLAUSE_NAME = 32  # (the longest name a clause opens with, its verb's first character)


def _fuller(name: str, lines: list[str], index: int, text: str) -> str:
    """A name a page's title prints short, as the text prints it whole: without its place
    ("市人民政府办公室2025年…报告", then "现公开天门市人民政府办公室2025年…报告" or an opening
    sentence), or a 街道/镇/乡 without its county and office ("沅江路街道…报告", "由洪江区沅江路
    街道办事处编制")."""
    # (… or its 落款: "长沙市天心区桂花坪街道办事处" above the date)
    township = TOWNSHIP.search(name) and not COUNTY_IN.search(name)
    for compiler in (_named_in_sentences(text) or "", signature(text) or "") if township else ():
        at = compiler.find(name)
        # (with its county before it, or its 办事处 / 人民政府 after: "由建章路街道办事处编制")
        wider = len(compiler) > len(name) and (at == 0 or COUNTY_IN.search(compiler[:at]))
        if at >= 0 and wider and TOWNSHIP.search(compiler):
            return compiler
    titled: Iterator[str] = (clean(m.group("before")) for _, m in _titles(lines[index + 1 :]))
    first = DIVISION_IN.search(name)
    if first is None or first.start() >= _SPAM_REACH:
        # (… or spam a mirror put before it, a later title clean: "第一足球网额济纳旗2021年…",
        # then "编制形成额济纳旗2021年…"; not a name's own lead, "中共…", "国家…")
        later = list(titled)
        titled = iter(later)
        for clean_name in later:
            extra = name[: -len(clean_name)] if clean_name and name.endswith(clean_name) else ""
            spam = extra and not DIVISION_IN.search(extra) and not _NAME_LEAD.search(extra)
            if spam and plausible(clean_name):
                return clean_name
    if not bare(name):
        if DIVISION.search(name):
            return name  # (a territory's: "兰州市2020年…", its government's)
        # (a body's title printed short, a later title whole: "曾都…管委会…报告", then "特向社会
        # 公布湖北曾都…管理委员会2023年度…报告"; no sentence's word in it: "?,F將X局…", a
        # mirror's garbled 现将, "并编写X局…")
        spelled = (w for w in titled if w.endswith(name) or abbreviates(name, w))
        return next((w for w in spelled if len(w) > len(name) and plausible(w) and w[0] not in
                     "将把对向由在与从" and not _PUT_OUT_IN.search(w)), name)  # fmt: skip
    # (… or the subject of an opening sentence: "2019年孝感市政府研究室主动公开信息16条")
    for whole in chain(titled, (opening_subject(lines) or "", _named_in_sentences(text) or "")):
        # (… or spelled out: "县政府办…报告", then "2022年,府谷县人民政府办公室严格…")
        if (whole.endswith(name) and len(whole) > len(name)) or abbreviates(name, whole):
            return whole
    return name


_SPAM_REACH = 5  # (characters before a name's first place: more may be spam)
_NAME_LEAD = re.compile(r"中共|中国|国家|全国|中华")


_OFFICE_SELF = (
    ("政府办", re.compile(r"(?:19|20)\d\d年度?[,，]?[市区县](?:人民)?\Z")),
    ("府办", re.compile(r"(?<![\u4e00-\u9fff])[市区县]\Z")),
)
_OFFICE_REACH = 10


def _calls_itself_an_office(text: str) -> bool:
    """An office calling itself so ("我办", "2024年，市政府办公室…", "区府办") reports for
    itself ("可致电X区人民政府办公室" names it, not its government)."""
    head = text[:PAGE_FIELD_REACH]
    if "我办" in head:
        return True
    # (each looked for at its literal words, the words before them matched where they stand)
    for words, before in _OFFICE_SELF:
        for at in finds(head, words):
            if before.search(head, max(0, at - _OFFICE_REACH), at):
                return True
    return False


def _office_as_subject(text: str, named: str) -> str | None:
    """The office a name stands in (a government's 办公厅, of "X办公厅文电处") where the opening
    sentences' subject is that office: it reports for itself."""
    subject = opening_subject(_opening(text)[0])
    if subject and subject.endswith(("办公厅", "办公室")) and named.startswith(subject):
        return subject
    return None


def _publisher(text: str) -> str | None:
    """The page's 发布机构 / 来源 field (``fields.page_field``), unless it names a government
    of another kind than the text calls itself: the site's ("来源:X县人民政府办公室" over a
    report saying "我镇")."""
    named = page_field(text)
    kind = self_kind(text[:PAGE_FIELD_REACH]) if named and TERRITORY.search(named) else None
    if named and kind in _TERRITORY_KINDS and not of_kind(named, kind):
        return None
    return named


_TERRITORY_KINDS = frozenset({"区", "县", "市", "旗", "镇", "乡", "苏木", "街"})


def _as_opening_says(named: str, text: str) -> str:
    """A name found in a sentence or a field, or the opening's subject where that says whose
    report it is: the government's own, where the name is a unit named after the government
    ("请联系X市政府政务服务中心", "2022年,X市人民政府坚持…"); the office's own, where the name
    is the government the field's office answers for ("信息来源:市政府办公室", "2022年,市政府
    办公室按照…")."""
    unit = _UNIT_OF_GOVERNMENT.match(named)
    if unit and self_kind(text[:PAGE_FIELD_REACH]) == unit.group("place")[-1]:
        # (… or a unit named after the government, where the text calls itself by the place's
        # kind: "请联系吴起县政府政务服务中心", "我县…": the county's, as the text prints it)
        government = unit.group("place") + "人民政府"
        return government if government in text else unit.group("place") + "政府"
    subject = opening_subject(_opening(text)[0])
    if not subject or subject == named:
        return named
    if TERRITORY.search(subject):
        place = TERRITORY.sub("", subject)
        # (… or the government printed short: "请与X市政府信息公开办公室联系")
        governments = (place + "政府", place + "人民政府")
        if named == governments[0] or (named.startswith(governments) and len(named) > len(subject)):
            return subject
    offices = ("办公厅", "办公室")
    if subject.endswith(offices) and subject.startswith(named) and body(subject) == named:
        return named if _body_calls_itself(text) else subject
    return named


_UNIT_OF_GOVERNMENT = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,12}?[市县区旗])(?:人民)?政府.")


def _body_calls_itself(text: str) -> bool:
    """The text calls itself by a body's kind ("结合我中心实际", "我局"), not an office's nor a
    territory's ("我办", "我市": an office may speak of its place so)."""
    return self_kind(text[:PAGE_FIELD_REACH]) in _BODY_KINDS


_BODY_KINDS = frozenset({"局", "委", "厅", "署", "中心"})


def _named_in_sentences(text: str) -> str | None:
    flat = without_spaces(text)  # (a whole text: not kept by compact's memo)
    for pattern in NAMED:
        for match in pattern.finditer(flat):
            named = DOUBLED_PLACE.sub(r"\1", match.group("name"))  # ("请与X旗X旗…联系")
            # (an office reporting for itself; not a 街道办事处's office: its 办 calls itself 我办)
            own = (
                named.endswith(("办公室", "办"))
                and "办事处" not in named
                and _calls_itself_an_office(text)
            )
            name = named if own else body(named)
            # ("请与X办公厅文电处联系", "2025年,X办公厅坚持…": the 办公厅's own; not where the
            # text calls itself by its body's kind, "结合我中心实际", "X中心办公室共主动公开…")
            office = name != named and _office_as_subject(text, named)
            if office and not _body_calls_itself(text):
                name = office
            if plausible(name) and not name.startswith("本"):  # (我: never plausible)
                return name
    return None
