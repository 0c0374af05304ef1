"""Generators of the damaged layouts real pages show (issue 16's failure classes 1–4).

Each writes a report the way a CMS export, a web archive, a PDF/OCR → Markdown conversion or a
mirror that lost characters carries it. The property the tests hold the reader to: every number
it returns is the report's number in its place; a cell the text leaves undecided is blank and a
finding says so; no row is invented.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

from gongkai.core.report import Report
from gongkai.core.report.formats import APPLICANT_COLUMNS, FORMATS
from gongkai.core.report.render.layout import LayoutCell, report_title
from tests.core.reader import undecided
from tests.core.reader.layouts import _row, _rows, page

ENDING = [
    "五、存在的主要问题及改进情况",
    "一是公开的及时性有待提高。",
    "六、其他需要报告的事项",
    "无。",
]


def _head(report: Report) -> list[str]:
    first = page(report, "pipe", random.Random(0)).split("二、主动公开政府信息情况")[0]
    return first.rstrip("\n").split("\n")


def _is_number_row(row: list[str]) -> bool:
    return any((c and c[0].isdigit()) or c[:1] == "-" for c in row[1:])


def _keyed_tables(
    report: Report,
) -> Iterator[tuple[str, list[tuple[list[str], str, list[LayoutCell]]]]]:
    """``_rows``' tables, each row beside its section and its number cells
    (``undecided.keyed_rows``, in the same order)."""
    keyed = undecided.keyed_rows(report)
    for title, rows in _rows(report):
        yield title, [(row, *next(keyed)) for row in rows]


def cms_bars(report: Report, rng: random.Random) -> str:
    """Class 1: one cell per line, a line holding only ``|`` between two cells (CMS export).

    A blank cell is nothing between two bars (an empty line or none)."""
    lines = _head(report)
    empty = rng.choice(("", None))
    separator = rng.random() < 0.3  # a bar after every row too
    for title, rows in _rows(report):
        lines.append(title)
        for row in rows:
            out: list[str] = []
            for n, cell in enumerate(row):
                if n:
                    out.append("|")
                if cell:
                    out.append(cell)
                elif empty is not None and n:
                    out.append(empty)
            lines += out
            if separator:
                lines.append("|")
    return "\n".join(lines + ENDING) + "\n"


def run_together(report: Report, rng: random.Random, blanks: float = 0.0) -> str:
    """Class 2: cells run together with no separator (web archives: ``行政许可3960181``);
    ``blanks``: the chance of a blank kept between two cells, or before the first."""

    def gap() -> str:
        return " " if blanks and rng.random() < blanks else ""

    lines = _head(report)
    for title, rows in _rows(report):
        lines.append(title)
        for row in rows:
            labels = [c for c in row if c and not _value(c)]
            values = [c for c in row if _value(c)]
            if not values:
                lines.append(" ".join(c for c in row if c))
                continue
            # (blank cells leave nothing at all)
            figures = values[0] + "".join(gap() + v for v in values[1:])
            lines.append("".join(labels) + gap() + figures)
    return "\n".join(lines + ENDING) + "\n"


def run_together_spaced(report: Report, rng: random.Random) -> str:
    """Class 2 as a web archive keeps some of a page's blanks, always between two cells
    ("一、本年新收政府信息公开申请数量200 000121", "四、结转下年度继续办理 0 0 00 00 0")."""
    return run_together(report, rng, blanks=0.3)


def one_line(report: Report, rng: random.Random) -> str:
    """Class 2 at its worst: a page that lost its line breaks too, the whole report one line
    (a document site's text dump: "…规章555规范性文件141414第二十条第(五)项…")."""
    return run_together(report, rng).replace("\n", "")


def _value(cell: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:\.\d+)?(?:万|亿)?元?", cell))


def markdown_ocr(report: Report, rng: random.Random) -> str:
    """Class 3: PDF/OCR → Markdown: a heading repeating a row label, one table per row, stray
    header rows, page footers inside tables, section 四 as three 5-cell tables."""
    lines = _head(report)
    page_no = rng.randint(2, 9)
    for title, rows in _rows(report):
        lines.append(f"## {title}")
        split_disputes = "复议" in title and rng.random() < 0.5
        for n, row in enumerate(rows):
            if split_disputes and n == len(rows) - 1 and len(row) == 15:
                for g, name in enumerate(("行政复议", "未经复议直接起诉", "复议后起诉")):
                    lines += ["", f"| {name} | | | | |", "|---|---|---|---|---|"]
                    lines.append("| " + " | ".join(row[g * 5 : g * 5 + 5]) + " |")
                continue
            if _is_number_row(row) and rng.random() < 0.2:
                label = next((c for c in row if c and not _value(c)), "")
                if label:
                    lines += ["", f"### {label}", ""]
            cells = [c for c in row]
            per_row = rng.random() < 0.5
            if per_row or n == 0:
                lines += ["", "| " + " | ".join(cells) + " |", "|" + "---|" * len(cells)]
            else:
                lines.append("| " + " | ".join(cells) + " |")
            if rng.random() < 0.1:
                lines += ["", f"— {page_no} —", ""]
                page_no += 1
    return "\n".join(lines + ENDING) + "\n"


def lossy_mirror(report: Report, rng: random.Random) -> tuple[str, set[str]]:
    """Class 4: a mirror that lost characters: garbled cells (``? 0``), short rows with a blank
    dropped, labels lost. Returns the page and the cells (as ``truth.cells_of`` names them) the
    damage leaves undecided: a garbled cell, and the cells of a short row that another
    placement of its figures would fill otherwise (``undecided.dropped_blank``)."""
    lines = _head(report)
    damaged: set[str] = set()
    fixed = undecided.balanced(report)
    for title, rows in _keyed_tables(report):
        lines.append(title)
        for row, section, numbers in rows:
            offset = len(row) - len(numbers)  # the number cells end the row
            cells = list(row)
            r = rng.random()
            values = [i for i, c in enumerate(cells) if _value(c)]
            if values and r < 0.1:
                i = rng.choice(values)
                cells[i] = "? " + cells[i][-1]
                damaged.add(undecided.cell_key(numbers[i - offset].key or ""))
            elif values and r < 0.2 and "" in cells[1:]:
                cells = [cells[0]] + [c for c in cells[1:] if c]  # the blank dropped
                damaged |= undecided.dropped_blank(
                    section, numbers, fixed and section == "applications"
                )
            elif values and r < 0.3 and not _value(cells[0]):
                cells[0] = ""  # the label lost
            lines.append(" | ".join(cells) + " |")
    return "\n".join(lines + ENDING) + "\n", damaged


CLASSES = {
    "cms_bars": cms_bars,
    "run_together": run_together,
    "run_together_spaced": run_together_spaced,
    "one_line": one_line,
    "markdown_ocr": markdown_ocr,
}


def labels_apart(report: Report, rng: random.Random) -> str:
    """Class 3: a PDF conversion that prints a table's row labels as one block, then its value
    rows as another block in the same order (the label column extracted apart)."""
    lines = _head(report)
    for title, rows in _rows(report):
        lines.append(title)
        apart = rng.random() < 0.7
        labels: list[str] = []
        values: list[str] = []
        for row in rows:
            if not apart or not _is_number_row(row) or not row[0] or _value(row[0]):
                if labels:
                    lines += labels + values
                    labels, values = [], []
                lines.append(" | ".join(row) + " |")
                continue
            cut = next(i for i, c in enumerate(row) if i and (_value(c) or not c))
            labels.append(" ".join(c for c in row[:cut] if c))
            values.append(" | ".join(row[cut:]) + " |")
        lines += labels + values
    return "\n".join(lines + ENDING) + "\n"


def floating_cells(report: Report, rng: random.Random) -> str:
    """Class 3: multi-line cells floating outside their row: a label broken over two lines with
    the numbers on the first or on the second line, a header cell's text continued on the next
    line."""
    lines = _head(report)
    for title, rows in _rows(report):
        lines.append(title)
        for row in rows:
            label = row[0]
            if not _is_number_row(row):
                cells = list(row)
                long = [i for i, c in enumerate(cells) if len(c) >= 6 and not _value(c)]
                if long and rng.random() < 0.5:
                    i = rng.choice(long)
                    cut = rng.randint(2, len(cells[i]) - 2)
                    tail = cells[i][cut:]
                    cells[i] = cells[i][:cut]
                    lines += [" | ".join(cells) + " |", tail]
                else:
                    lines.append(" | ".join(cells) + " |")
                continue
            rest = " | ".join(row[1:]) + " |"
            if len(label) >= 6 and not _value(label) and rng.random() < 0.6:
                cut = rng.randint(3, len(label) - 2)
                if rng.random() < 0.5:
                    lines += [f"{label[:cut]} | {rest}", label[cut:]]  # numbers on the first line
                else:
                    lines += [label[:cut], f"{label[cut:]} | {rest}"]  # on the second
            else:
                lines.append(f"{label} | {rest}")
    return "\n".join(lines + ENDING) + "\n"


CLASSES |= {"labels_apart": labels_apart, "floating_cells": floating_cells}

GROUPS = ("（三）不予公开", "（四）无法提供", "（五）不予处理")


def lost_sublabels(report: Report, rng: random.Random) -> str:
    """Class 3/4: a CMS export of explicit cells, one to a line with its own pipe (a blank is a
    lone "|"), that lost the row labels of one group of section 三: the group's label, then its
    rows' figures with no label between."""
    lost = rng.choice(GROUPS)
    lines = _head(report)
    dropping = False
    for title, rows in _rows(report):
        lines.append(title)
        for row in rows:
            cells = list(row)
            if cells[0].startswith("（") and cells[0][:3] in {g[:3] for g in GROUPS}:
                dropping = cells[0] == lost
                if dropping:
                    cells = [cells[0], *cells[2:]]  # the group's label, its first row's lost
            elif dropping and not cells[0].startswith(("（", "四、")):
                cells = cells[1:]
            else:
                dropping = False
            lines += [f"{c} |" if c else "|" for c in cells]
    return "\n".join(lines + ENDING) + "\n"


CLASSES["lost_sublabels"] = lost_sublabels

# Rows some agencies add to a template's table ("其他主动公开文件" under 规章 and 行政规范性文件).
EXTRA_LABELS = ("其他主动公开文件", "部门文件", "政策解读稿件", "其他事项")


def extra_rows(
    report: Report, rng: random.Random, style: str | None = None, extra: bool = True
) -> str:
    """A page (pipes, tabs, or one cell to a line) whose section 二 prints rows no template
    has, with figures of their own, after rows of its blocks (``extra``: else the same page
    without them)."""
    style = style or rng.choice(("pipe", "pipe_cell_per_line", "tab", "cell_per_line_gaps"))
    chooser = random.Random(rng.getrandbits(32))  # (the extra rows' own draws)

    def row_lines(title: str, row: list[str]) -> list[str]:
        out = _style_row(row, style, rng)
        if "主动公开" in title and _is_number_row(row) and chooser.random() < 0.4:
            cells = [chooser.choice(EXTRA_LABELS)]
            cells += [str(chooser.randint(0, 60)) for _ in row[1:]]
            if extra:
                out += _style_row(cells, style, rng)
        return out

    return _page_by_rows(report, row_lines)


def _page_by_rows(report: Report, row_lines: Callable[[str, list[str]], list[str]]) -> str:
    """The report's page, each table's title, then each row as ``row_lines(title, row)``
    prints it."""
    lines = _head(report)
    for title, rows in _rows(report):
        lines.append(title)
        for row in rows:
            lines += row_lines(title, list(row))
    return "\n".join(lines + ENDING) + "\n"


def _style_row(cells: list[str], style: str, rng: random.Random) -> list[str]:
    return _row(cells, style, "-", rng)


CLASSES["extra_rows"] = extra_rows


def one_line_piped(report: Report, rng: random.Random) -> str:
    """Class 2 with the cells' pipes kept: a page that lost its line breaks, its prose and its
    rows one line ("…二、主动公开政府信息情况 第二十条第(一)项 | 信息内容 | … | 规章 | 0 | 0 | 0 |
    规范性文件 | …")."""
    page = _page_by_rows(report, lambda _title, cells: _style_row(cells, "pipe", rng))
    return page.replace("\n", " ")


CLASSES["one_line_piped"] = one_line_piped


def first_label_lost(
    report: Report, rng: random.Random, style: str | None = None, lost: bool = True
) -> str:
    """One cell to a line (a blank an empty line, or a lone "|"), the label of section 二's
    first row lost (a line of spaces left: ``lost``; else the same page with it)."""
    style = style or rng.choice(
        ("cell_per_line_gaps", "cell_per_line_spaced", "pipe_cell_per_line")
    )
    first = True

    def row_lines(title: str, cells: list[str]) -> list[str]:
        nonlocal first
        if first and "主动公开" in title and _is_number_row(cells):
            first = False
            if lost:
                cells[0] = "  "
        return _style_row(cells, style, rng)

    return _page_by_rows(report, row_lines)


def lost_first_row(report: Report) -> set[str]:
    """The cells of the row ``first_label_lost`` takes the label of (no text decides them)."""
    rows = report.proactive or {}
    for key in FORMATS[report.format].proactive_rows:  # (in the table's order)
        if key in rows and any(value is not None for value in rows[key].values()):
            return {f"proactive.{key}.{column}" for column in rows[key]}
    return set()


def blank_before_lost(report: Report) -> set[str]:
    """The row ``first_label_lost`` takes the label of and the row printed just before it, where
    that row prints no figure ("section.row"; else none): one cell to a line between empty lines,
    the lost label's line of spaces is one more empty line, and the text reads the lost row's
    figures as the blank row's — the text decides neither."""
    rows = report.proactive or {}
    order = [key for key in FORMATS[report.format].proactive_rows if key in rows]
    printed = [any(v is not None for v in rows[key].values()) for key in order]
    lost = next((i for i, figures in enumerate(printed) if figures), None)
    if lost is None or lost == 0 or printed[lost - 1]:
        return set()
    return {f"proactive.{order[lost - 1]}", f"proactive.{order[lost]}"}


CLASSES["first_label_lost"] = first_label_lost


def begins_inside(
    report: Report, rng: random.Random, style: str | None = None
) -> tuple[str, set[str]]:
    """A page that begins inside section 三's table (an excerpt, a PDF's later page under its
    running head): no heading, no column headers, its rows from one on, then section 四; and
    the cells of the rows before it and of section 二 (in no text: left open). Blank cells are
    printed (a page dropping them leaves its rows' columns undecided, see ``cms_bars``)."""
    style = style or rng.choice(("pipe", "tab", "pipe_cell_per_line", "cell_per_line_gaps"))
    keys = [line.key for line in FORMATS[report.format].application_lines if line.key]
    lines = [report_title(report), *(["（续表）"] if rng.random() < 0.5 else [])]
    cut = rng.randint(2, len(keys) - 1)  # (row 4 at least)
    for title, rows in _rows(report):
        if title.startswith("三"):
            for row in rows[len(rows) - len(keys) + cut :]:
                lines += _style_row(list(row), style, rng)
        elif title.startswith("四"):
            lines.append(title)
            for row in rows:
                lines += _style_row(list(row), style, rng)
    before = {
        f"applications.{key}.{i}" for key in keys[:cut] for i in range(len(APPLICANT_COLUMNS))
    }
    before |= {
        f"proactive.{key}.{column}"
        for key, row in (report.proactive or {}).items()
        for column in row
    }
    return "\n".join(lines + ENDING) + "\n", before


def flattened(report: Report, rng: random.Random) -> tuple[str, set[str]]:
    """Tables flattened onto one line, each or all together, their cells apart by one blank
    (a page's text taken with its rows' breaks lost: "二、主动公开政府信息情况 第二十条第(一)项 …
    规 章 0 0 0 行政规范性文件 0 0 0 …"); a two-character label may be letter-spaced ("规 章").
    A blank cell prints nothing; returns the page and the cells that leaves open: those another
    placement of a short row's figures would fill otherwise (``undecided.dropped_blank``, the
    row alone: the reader does not weigh a flattened table's sums to place a short row)."""
    lines = _head(report)
    together = rng.random() < 0.5
    words: list[str] = []
    left_open: set[str] = set()
    for title, rows in _keyed_tables(report):
        words.append(title)
        for row, section, numbers in rows:
            if "" in row[1:] and any(_value(c) for c in row):
                left_open |= undecided.dropped_blank(section, numbers, fixed=False)
            cells = [c for c in row if c]
            if cells and len(cells[0]) == 2 and not _value(cells[0]) and rng.random() < 0.5:
                cells[0] = " ".join(cells[0])
            words += cells
        if not together:
            lines.append(" ".join(words))
            words = []
    if words:
        lines.append(" ".join(words))
    return "\n".join(lines + ENDING) + "\n", left_open


def clipped(report: Report, rng: random.Random) -> tuple[str, set[str]]:
    """Class 4: a CMS page of one cell a line that clipped or mistyped words and split a
    figure: section 二's headers lose characters ("本年发件" for 本年制发件数), its labels their
    first ("政许可" for 行政许可: no other row's name ends so), a long label of
    section 三 one character printed wrong ("属于三类内容事务信息") or some lost ("其他法律行政
    止公开": what is left names its row alone), a figure of ten or more
    printed with a space inside it ("1 6" for 16). Returns the page and the cells it leaves
    open: a split figure's row that does not add up (one figure too many, nothing tells which
    two are one). Every other cell stays decided: a blank is marked, a clipped header is still
    a header, the label still names its row alone."""
    lines = _head(report)
    left_open: set[str] = set()
    for title, rows in _keyed_tables(report):
        lines.append(title)
        words_of = [w.group(1) for row, _, _ in rows if (w := _LABEL_WORDS.match(row[0]))]
        for row, _, numbers in rows:
            cells = list(row)
            if title.startswith("二") and not _is_number_row(row) and len(cells) > 1:
                for i, cell in enumerate(cells[1:], 1):
                    words, unit = _BEFORE_UNIT.match(cell).groups()  # type: ignore[union-attr]
                    if len(words) >= 5 and rng.random() < 0.5:
                        # (its words, never its unit: "（单位：万元）" clipped is another unit)
                        cut = rng.sample(range(len(words)), 2)
                        cells[i] = "".join(c for n, c in enumerate(words) if n not in cut) + unit
            elif (
                title.startswith("二")
                and _is_number_row(row)
                and len(cells[0]) >= 4
                and rng.random() < 0.3
            ):
                cells[0] = cells[0][1:]  # (a label's first character lost: "政许可")
            elif title.startswith("三") and _is_number_row(row):
                label = cells[0]
                # (in its words, after its numbering, before its aside: "属于三类内部事务信息"
                # long enough that one wrong character leaves it alone among the labels)
                words = _LABEL_WORDS.match(label)
                start, end = words.span(1) if words else (0, 0)
                if end - start >= 6 and rng.random() < 0.3:
                    i = rng.randrange(start, end)
                    cells[0] = label[:i] + rng.choice(_TYPOS) + label[i + 1 :]
                elif end - start >= 6 and rng.random() < 0.3:
                    # (… or characters lost, a PDF's font mapping none to their glyphs: "2.其他
                    # 法律行政止公开"; where what is left is still this label's alone)
                    kept = sorted(
                        rng.sample(
                            range(start, end), end - start - rng.randint(1, (end - start) // 3)
                        )
                    )
                    lost = "".join(label[i] for i in kept)
                    if [w for w in words_of if _within(lost, w)] == [label[start:end]]:
                        cells[0] = label[:start] + lost + label[end:]
                wide = [i for i, c in enumerate(cells) if c.isdigit() and len(c) >= 2]
                if wide and rng.random() < 0.4:
                    i = rng.choice(wide)
                    cut = rng.randint(1, len(cells[i]) - 1)
                    cells[i] = f"{cells[i][:cut]} {cells[i][cut:]}"
                    figures = [int(c.text) if c.text else 0 for c in numbers]
                    if sum(figures[:-1]) != figures[-1]:
                        left_open |= {undecided.cell_key(c.key or "") for c in numbers}
            # (a blank cell of a figures' row marked "/": the CMS prints one)
            blank = "/" if _is_number_row(row) else ""
            for cell in cells:
                lines += [f"    {cell or blank}", ""] if cell or blank else []
    return "\n".join(lines + ENDING) + "\n", left_open


def _within(lost: str, label: str) -> bool:
    """Whether ``lost`` is ``label`` less some characters (two thirds kept, at least)."""
    rest = iter(label)
    return len(label) * 2 <= len(lost) * 3 and all(c in rest for c in lost)


_BEFORE_UNIT = re.compile(r"([^（(]*)(.*)")  # (a header's words, and its unit after them)
_LABEL_WORDS = re.compile(
    r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+\.)?([^（(]*)"
)
_TYPOS = "甲乙丙丁戊庚辛壬癸"  # (no label's word: a typo names no other row)


CLASSES["clipped"] = lambda report, rng: clipped(report, rng)[0]
