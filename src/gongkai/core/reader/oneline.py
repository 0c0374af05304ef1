"""A page whose tables lost every line break and separator: a web archive's or a document
site's text dump ("…二、主动公开政府信息情况第二十条第(一)项信息内容本年新制作数量…规章555规范性文件
(指各行政机关印发的有正式文号的文件)141414第二十条第(五)项…").

Its line is cut again before each heading, block title and row label the forms print, and before
the first header of a header row, from the first table's heading to section 五 (and before
section 四's figures): each row then stands on a line of its own,
its figures run together after its label (some apart by blanks, or all of them), and is read
as such a row is (``runs``: split where the totals and the columns decide, no figure across a
blank, else left out). Nothing is cut outside the tables, nor in a text whose lines are of a
normal length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from gongkai.core.reader import labels as L
from gongkai.core.reader.normalize import normalize
from gongkai.core.report.formats import FORMATS

_LONG = 300  # (a line of a table this long holds several rows: a page's rows run together)
_TABLE_HEADINGS = (("二、", "主动公开政府信息情况"), ("三、", "收到和处理政府信息公开申请情况"))


def unflatten(text: str) -> tuple[str, list[int]]:
    """The text with its tables' line cut again, and where the line breaks were put in (their
    offsets in the text returned); the text itself, and none, for most texts."""
    start = _flattened_at(text)
    if start < 0:
        return text, []
    after = _AFTER.search(text, start + 1)
    end = after.start() if after else len(text)
    cuts = [m.start() for m in _breaks().finditer(text, start, end) if m.start() > start]
    cuts = sorted({start, *cuts, *_disputes_figures(text, start, end), *([end] if after else [])})
    parts: list[str] = []
    inserted: list[int] = []
    at = 0
    for cut in cuts:
        if cut == 0 or text[cut - 1] == "\n":
            continue
        parts.append(text[at:cut])
        inserted.append(cut + len(inserted))  # (the break's offset in the text returned)
        at = cut
    parts.append(text[at:])
    return "\n".join(parts), inserted


def _disputes_figures(text: str, start: int, end: int) -> list[int]:
    """Where section 四's figures start after its headers (none if it is not there): at its
    first figure, or, its cells piped, right after the last header ("…尚未审结 | 总计 |  |  |
    295 |": the row's blank cells before its first figure are its own)."""
    disputes = _DISPUTES.search(text, start, end)
    figures = _FIGURES.search(text, disputes.end(), end) if disputes else None
    if disputes is None or figures is None:
        return []
    total = text.rfind("总计", disputes.end(), figures.start())
    piped = _PIPE.match(text, total + 2) if total >= 0 else None
    if piped and not text[piped.end() : figures.start()].strip(" |｜"):
        return [piped.end()]
    return [figures.start()]


def source_offset(inserted: list[int], at: int) -> int:
    """An offset of the text ``unflatten`` returned, in the text it was given."""
    return at - bisect_left(inserted, at)


def _flattened_at(text: str) -> int:
    """Where the first table's heading stands inside a long line (its "二、"), else -1."""
    for number, heading in _TABLE_HEADINGS:
        # (its number before it: not the words listing the parts, "报告全文包括总体情况、主动
        # 公开政府信息情况、…")
        at = text.find(number + heading) + 2
        if at < 2:
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        if at - 2 > line_start and line_end - line_start > _LONG:
            return at - 2
    return -1


# Section 五 or 六 after the tables: no more cutting.
_AFTER = re.compile(r"[五六]、(?=[\u4e00-\u9fff])")
# Section 四's figures follow its headers with no label: cut before them too.
_DISPUTES = re.compile(r"四、政府信息公开行政.?复议")  # (a typo too: "行政法复议")
_FIGURES = re.compile(r"\d")
_PIPE = re.compile(r"\s*[|｜]")


@lru_cache(maxsize=1)
def _breaks() -> re.Pattern[str]:
    """Where a line is cut: before the forms' headings, block titles and row labels, and
    before the first of a table's headers (a header row stays one line, as pages print it; a
    header alone on a line, "总计", would be a row's label). The longest first: a label holding
    another, "行政规范性文件", is cut before its start."""
    words: set[str] = {"信息内容", "申请人情况", "行政复议"}
    for fmt in FORMATS.values():
        for block in fmt.proactive:
            words |= {normalize(r.label) for r in block.rows}
        for line in fmt.application_lines:
            words |= {L.compact(normalize(line.label)), L.core(normalize(line.label))}
    # ("其他", 3.6.3's label, only numbered: it is in many a label and header)
    words = {w for w in words if len(w) >= 2} - {"其他", "总计"}
    alternatives = sorted(map(re.escape, words), key=len, reverse=True)
    return re.compile(
        # (a numeral doubled too: "…0000000三三、本年度办理结果")
        r"[二三四五六]?[二三四五六]、(?:主动公开|收到|政府信息公开行政.?复议|存在|其他需要|本年度)"
        r"|第二十条第\([一二三四五六七八九十]+\)项|"
        + "|".join(alternatives)
        # (… and before an item of the prose after a table: "…行政事业性收费5949.09(二)主动公开
        # 政府信息的主要类别")
        + r"|(?<=[\d元])[ \t]*\([一二三四五六七八九十]+\)"
    )
