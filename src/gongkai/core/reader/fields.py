"""The page's own fields around a report (发布机构, 来源) and the report's 落款: where a page
names its body outside the report's sentences (asked by ``meta.find_agency``)."""

from __future__ import annotations

import re

from gongkai.core.reader.labels import compact
from gongkai.core.reader.names import AGENCY_END, BODY_END, DIVISION, body

_DATE = re.compile(r"^(?:19|20)\d\d年\d{1,2}月\d{1,2}日$")
_SENTENCE_MARK = re.compile(r"[,，。:：;；、|\d]")
# A heading's number ("(三)", "二、"): a heading is no name, nor a subject's sentence.
HEADING_MARK = re.compile(r"[(（]?[一二三四五六七八九十]+[)）、.．]")


# The page's own fields around a report copied from a government site (the 信息公开目录's
# "发布机构：", a news page's "来源："), the name up to the next blank or separator.
_PAGE_FIELD = re.compile(
    r"(?P<field>发布机构|发布单位|发布部门|发文机关|发文单位|公开主体|信息来源|来源)"
    r"(?:(?:\s*[:：|])+\s*|\s+)"
    r"(?P<name>[^\s,，。、;；:：()（）《》|【】\[\]]{2,40})"
)
PAGE_FIELD_REACH = 3000  # the fields stand above the report or at its head
# (… and a page's next widget run into the name: "来源:武汉市发展和改革委员会字号:[ 大 中 小 ]")
_WIDGET = re.compile(r"(?:字号|字体|分享|打印|浏览(?:次数)?|点击(?:数|量)?|阅读(?:次数)?)$")
# The field names, "信息来源" by its "来源": a text without any holds no field. Looked for
# first (a few literal searches): most reports hold none, and the pattern's scan of every
# place where one of its first characters stands costs several times more.
_PAGE_FIELD_NAMES = ("发布机构", "发布单位", "发布部门", "发文机关", "发文单位", "公开主体", "来源")


def page_field(text: str) -> str | None:
    """The body a page's 发布机构 / 来源 field names (its office stands for it)."""
    if all(text.find(name, 0, PAGE_FIELD_REACH) < 0 for name in _PAGE_FIELD_NAMES):
        return None
    for match in _PAGE_FIELD.finditer(text, 0, PAGE_FIELD_REACH):
        name = body(_WIDGET.sub("", match.group("name")))
        # (a place alone names its government where the field names the publishing body:
        # "发文机关:文昌市昌洒镇", "信息来源:兴化市大营镇"; a news page's 来源 may name a
        # place it reports on)
        # (… or a body of another ending, "发文机关: | X区高科园", a field of a table's cells)
        named = AGENCY_END.search(name) or (
            (DIVISION.search(name) or BODY_END.search(name)) and match.group("field") != "来源"
        )
        if named and not name.startswith(("我", "本")):
            return name
    return None


# 条例第五十条: a body publishes last year's report by 31 January; a page dated in a year's
# first half ("发布日期:2026-01-22") most likely carries the year before's (asked only where
# the text prints no reporting year: a guess, said so).
PUBLISHED = re.compile(
    r"(?:发布|发文|成文|公开|印发)(?:日期|时间)\s*[:：]?\s*((?:19|20)\d\d)\s*[-年/.]\s*(\d{1,2})"
)
_DUE_BY_MONTH = 6


def published_year(text: str) -> int | None:
    """The reporting year a page's date of publication implies, if it implies one."""
    found = PUBLISHED.search(text, 0, PAGE_FIELD_REACH)
    if found and 1 <= int(found.group(2)) <= _DUE_BY_MONTH:
        return int(found.group(1)) - 1
    return None


# The period the report's figures cover ("统计期限为2023年1月1日至…"): its year.
PERIOD = re.compile(r"((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日(?:起)?(?:至|到|-)")
_OPENING_LINES = 80


def stated_period(text: str) -> int | None:
    """The year of the period ``text`` states first, if it states one."""
    found = PERIOD.search(text)
    return int(found.group(1)) if found else None


def period_year(text: str) -> int | None:
    """The year of the period the opening lines state, if they state one."""
    return stated_period("\n".join(text.split("\n", _OPENING_LINES)[:_OPENING_LINES]))


def signature(text: str) -> str | None:
    """The 落款: the agency's name alone on one of the last lines, usually above a date."""
    tail = [line for line in (compact(raw) for raw in text.rsplit("\n", 15)[-15:]) if line]
    for index in range(len(tail) - 1, -1, -1):
        line = tail[index]
        if (
            4 <= len(line) <= 30
            and AGENCY_END.search(line)
            and not _SENTENCE_MARK.search(line)
            and not HEADING_MARK.match(line)  # (a heading the text stops after: "(三)政府")
            and (index + 1 == len(tail) or _DATE.match(tail[index + 1]))
        ):
            return line
    return None
