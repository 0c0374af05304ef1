"""Warnings that compare what a report's text says with its tables (annual-report.md).

Only figures anchored to a phrase are compared ("共受理政府信息公开申请773件" → row 1's
total); a loose number is never grabbed. All findings are warnings: the text may count
differently (a department's share, natural persons only), so a person should look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from gongkai.core.report.checks import Finding
from gongkai.core.report.formats import TOTAL_INDEX
from gongkai.core.report.model import Report

Number = int | Decimal


def _total(report: Report, *rows: str) -> Number | None:
    """The 总计 of ``rows`` summed (a blank 总计 falls back to the row's own cells)."""
    apps = report.applications or {}
    if not all(r in apps for r in rows):
        return None
    out: Number = 0
    for r in rows:
        cells = apps[r]
        total = cells[TOTAL_INDEX]
        out += total if total is not None else sum(c or 0 for c in cells[:TOTAL_INDEX])
    return out


def _disputes(report: Report, *groups: str) -> Number | None:
    disputes = report.disputes or {}
    if not all(g in disputes for g in groups):
        return None
    return sum((disputes[g][4] or 0) for g in groups)


_N = r"(\d+)件"
_GAP = r"[^，。；;,\d]{0,12}?"
# (phrase pattern ending in the figure, what it names, the table value)
_ANCHORS: tuple[tuple[re.Pattern[str], str, Callable[[Report], Number | None]], ...] = (
    (
        re.compile(rf"(?:共|累计|全年)?(?:受理|收到|接收|新收){_GAP}政府信息公开申请(?:件)?{_N}"),
        "1",
        lambda r: _total(r, "1"),
    ),
    (
        re.compile(rf"(?:办结|答复|处理){_GAP}政府信息公开申请(?:件)?{_N}"),
        "3.7",
        lambda r: _total(r, "3.7"),
    ),
    (
        re.compile(rf"(?:含|包括)?上年度?结转(?:的)?(?:申请)?(?:件)?{_N}"),
        "2",
        lambda r: _total(r, "2"),
    ),
    (
        re.compile(rf"结转(?:至|到)?下一?年度?(?:继续办理)?(?:的)?(?:申请)?(?:件)?{_N}"),
        "4",
        lambda r: _total(r, "4"),
    ),
    (
        re.compile(rf"予以公开(?:和|及|与)部分公开(?:的情形)?(?:共计|共|合计)?{_N}"),
        "3.1+3.2",
        lambda r: _total(r, "3.1", "3.2"),
    ),
    (re.compile(rf"(?<![及和与])予以公开{_N}"), "3.1", lambda r: _total(r, "3.1")),
    (re.compile(rf"(?<!及|和|与)部分公开{_N}"), "3.2", lambda r: _total(r, "3.2")),
    (
        re.compile(rf"行政复议(?:或|和|及)(?:行政)?诉讼(?:案件)?(?:共计|共|合计)?{_N}"),
        "disputes",
        lambda r: _disputes(r, "review", "litigation_direct", "litigation_after_review"),
    ),
    (
        re.compile(rf"(?<!或|和|及)行政复议(?:案件|申请)?(?:共计|共|合计)?{_N}"),
        "review",
        lambda r: _disputes(r, "review"),
    ),
    (
        re.compile(rf"(?:提起|被提起|发生)(?:行政)?诉讼(?:案件)?(?:共计|共|合计)?{_N}"),
        "litigation",
        lambda r: _disputes(r, "litigation_direct", "litigation_after_review"),
    ),
)

_PERCENT = re.compile(r"(\d+)件[，,]?(?:[（(]约?(?:占比?)?|约?占比?)(\d+(?:\.\d+)?)[%％][)）]?")
_ALL_DONE = re.compile(
    r"(?<!未)(?:所有|全部)(?:的)?(?:申请)?(?:均|都|全部)?(?:已|已经)?(?:按时|依法)?(?:办结|答复完毕|处理完毕)"
)

_SECTIONS = (
    ("一", ("总体情况",)),
    ("二", ("主动公开",)),
    ("三", ("申请",)),
    ("四", ("复议", "诉讼")),
    ("五", ("问题", "改进")),
    ("六", ("其他需要报告",)),
)


# A report's text is far shorter; beyond this the input is a bundle or junk, not prose to check.
MAX_TEXT = 1_000_000


_NUMERALS = "一二三四五六"


def _headings(text: str) -> Iterator[tuple[str, str]]:
    """The numeral and line of each heading: a line "[ \t]*[一二三四五六]、" and 38 characters
    at most. Found from each line's first "、" (a report has far fewer than lines: a regex
    tried at every line break costs several times more on a table laid out a cell a line)."""
    at = text.find("、", 1)
    while at > 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if text[at - 1] in _NUMERALS and end - at <= 39:
            start = text.rfind("\n", 0, at) + 1
            if not text[start : at - 1].strip(" \t"):
                yield text[at - 1], text[start:end]
        # (a later "、" on this line has the first before it: no heading's)
        at = text.find("、", end)


def narrative_findings(text: str, report: Report, complete: bool) -> list[Finding]:
    text = text[:MAX_TEXT]
    figures = _figures(text)
    # (the phrases and percentages end in an "N件": a text printing none has none to compare)
    stated = (
        [*_numbers(text, report, figures), *_percents(text, report, figures)] if figures else []
    )
    return [*stated, *_all_done(text, report), *_order(text, complete)]


_ENDING = tuple((re.compile(p.pattern + r"\Z"), what, value) for p, what, value in _ANCHORS)
# A word each anchor's phrase holds (in the order of ``_ANCHORS``): a window without it cannot
# match, and ``in`` finds it far faster than the anchored pattern fails on each start.
_NEEDS = ("政府信息公开申请", "政府信息公开申请", "结转", "结转", "公开", "予以公开", "部分公开",
          "诉讼", "行政复议", "诉讼")  # fmt: skip


def _figures(text: str) -> list[tuple[int, int]]:
    """Start and end of each "N件" (``\\d+件`` as ``re`` finds them, by ``str.find``: a regex
    scan costs several times more on a whole report)."""
    out: list[tuple[int, int]] = []
    at = text.find("件")
    while at >= 0:
        start = at
        while start > 0 and text[start - 1].isdecimal():
            start -= 1
        if start < at:
            out.append((start, at + 1))
        at = text.find("件", at + 1)
    return out


def _numbers(text: str, report: Report, figures: list[tuple[int, int]]) -> Iterator[Finding]:
    # Each phrase ends in its figure: look only at the few dozen characters before each "N件".
    windows = [text[max(0, start - 45) : end] for start, end in figures]
    for (pattern, what, value), word in zip(_ENDING, _NEEDS, strict=True):
        held = [window for window in windows if word in window]
        if not held:
            continue  # (most phrases: the table's figure is summed only for one the text holds)
        matches = list(filter(None, map(pattern.search, held)))
        expected = value(report) if matches else None
        if expected is None:
            continue
        for match in matches:
            stated = int(match.group(1))
            if stated != expected:
                phrase = match.group(0)
                yield Finding(
                    "narrative.number",
                    "warning",
                    what,
                    expected,
                    stated,
                    f"正文“{phrase}”与表格（{what}）的{expected}不一致",
                    f"the text says “{phrase}” but the table ({what}) has {expected}",
                )


def _percents(text: str, report: Report, figures: list[tuple[int, int]]) -> Iterator[Finding]:
    # A percentage follows its "N件": tried only there (the matches ``finditer`` would find).
    matches = list(filter(None, (_PERCENT.match(text, start) for start, _ in figures)))
    if not matches:
        return  # (the table's bases are summed only for a text that prints a percentage)
    bases = {b for b in (_total(report, "1"), _total(report, "3.7"), _total(report, "1", "2")) if b}
    if not bases:
        return
    for match in matches:
        count, printed = int(match.group(1)), Decimal(match.group(2))
        places = len(match.group(2).partition(".")[2])
        # One unit in the last printed place: offices round and truncate alike.
        tolerance = Decimal(1) / Decimal(10) ** places + Decimal("0.0001")
        if not any(abs(Decimal(count) * 100 / b - printed) <= tolerance for b in bases):
            yield Finding(
                "narrative.percent",
                "warning",
                match.group(0),
                sorted(round(Decimal(count) * 100 / b, places or 1) for b in bases),
                printed,
                f"正文“{match.group(0)}”的百分比与表格数字不符",
                f"“{match.group(0)}”: the percentage does not follow from the table's figures",
            )


def _all_done(text: str, report: Report) -> Iterator[Finding]:
    open_cases = _total(report, "4")
    match = _all_done_phrase(text) if open_cases else None
    if match and open_cases:
        yield Finding(
            "narrative.all_done",
            "warning",
            "4",
            0,
            open_cases,
            f"正文称“{match.group(0)}”，但结转下年度继续办理为{open_cases}件",
            f"the text says all applications were concluded, but row 4 is {open_cases}",
        )


def _all_done_phrase(text: str) -> re.Match[str] | None:
    """``_ALL_DONE.search(text)``, tried only where "所有" or "全部" starts (the phrase opens with
    one; its lookbehind still sees the character before): a scan of every position costs more."""
    starts: list[int] = []
    for word in ("所有", "全部"):
        at = text.find(word)
        while at >= 0:
            starts.append(at)
            at = text.find(word, at + 1)
    for at in sorted(starts):
        if match := _ALL_DONE.match(text, at):
            return match
    return None


_KEYS = dict(_SECTIONS)
_ORDER = [n for n, _ in _SECTIONS]
_INLINE = {n: re.compile(rf"{n}、[^、。\n]{{0,12}}(?:{'|'.join(keys)})") for n, keys in _SECTIONS}


def _order(text: str, complete: bool) -> Iterator[Finding]:
    seen: list[str] = []
    for numeral, line in _headings(text):
        if not any(k in line for k in _KEYS[numeral]) or line.rstrip().endswith((";", "；")):
            continue  # (an item of the contents' list: "报告主要包括:一、总体情况;二、…;")
        if (numeral == "三" and "本年度办理结果" in line) or (
            numeral == "四" and "结转下年度" in line
        ):
            continue  # the table's row labels, not the section headings
        seen.append(numeral)
    if not seen:
        return  # (no heading: nothing to say of their order)
    repeated = [n for n in _ORDER if seen.count(n) > 1]
    if repeated:
        yield _layout(
            f"重复的部分：{'、'.join(repeated)}", f"sections repeated: {', '.join(repeated)}"
        )
    firsts = list(dict.fromkeys(seen))
    if firsts != sorted(firsts, key=_ORDER.index):
        yield _layout(f"各部分顺序为{'、'.join(firsts)}", f"sections out of order: {firsts}")
    # (… nor printed inside a line: a page that lost its line breaks, "…结果维持 0 五、存在的
    # 主要问题及改进情况 …", has its headings all the same)
    missing = [n for n in _ORDER if n not in seen and not _INLINE[n].search(text)]
    if complete and missing:
        yield _layout(
            f"缺少的部分：{'、'.join(missing)}", f"sections missing: {', '.join(missing)}"
        )


def _layout(zh: str, en: str) -> Finding:
    return Finding("layout.order", "warning", "sections", "一…六", None, f"报告结构：{zh}", en)
