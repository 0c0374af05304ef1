"""Inputs (plain text, HTML, DOCX, PDF) turned into one stream of table cells.

Every layout real pages produce ends up as a list of ``Cell``: a cell's text, whether it is an
explicit blank (``| |``, a lone ``|`` line, ``<td>&nbsp;</td>``), an empty line (a gap: a
separator in some layouts, a blank cell in others — the parser decides), or a spacer (a run of
``||||`` that stands for an unknown number of blanks), and the line it came from. Row labels
and numbers are recognised later, by the parser; here only the cell boundaries are decided.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Any, Literal, NamedTuple

from gongkai.core.reader import labels as L
from gongkai.core.reader.labels import memo

CellKind = Literal["text", "blank", "spacer", "gap", "bar", "run"]
# "bar": a line holding only ``|`` — a blank cell in some layouts, a separator between cells in
# others (CMS exports print one cell per line with a ``|`` line between); the parser decides by
# the rhythm of the region. "run": figures run together after a label with no separator
# (``行政许可3960181``); the parser splits them only where the table's arithmetic decides.


class Cell(NamedTuple):  # a tuple: built by the thousand per page, cheaply
    text: str
    kind: CellKind
    line: int  # index of the source line (or table row)
    first: bool  # the first cell of its line
    last: bool  # the last cell of its line
    piped: bool = False  # its line holds a ``|`` beside it (a pipe layout's cell)
    start: int = -1  # offsets of the cell's text in the text read (-1: not known)
    end: int = -1


# A value at the end of a line, after whitespace: a whole row printed on one line
# ("规章 0 0 0", "一、本年新收政府信息公开申请数量 681 89 0 0 0 3 773").
_VALUE = r"(?:[+-]?\d[\d,]*(?:\.\d+)?(?:亿|万)?元?|/|-|—+|无|_|＿)"
_TRAILING_VALUES = re.compile(rf"^(?P<head>.*?\S)(?P<values>(?:[ \t]+{_VALUE})+)[ \t]*$")
_ONLY_VALUES = re.compile(rf"^{_VALUE}(?:[ \t]+{_VALUE})+$")


_MARKUP = re.compile(r"^#{1,6}\s+|^\*\*|\*\*$")


def _part(text: str) -> tuple[str, CellKind]:
    # Markdown headings and bold (our own Markdown output, pages saved as Markdown).
    text = text.strip()
    if text[:1] in {"#", "*"} or text.endswith("**"):
        text = _MARKUP.sub("", text).strip()
    return (text, "text") if text else ("", "blank")


_MARKDOWN_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$", re.M)


@lru_cache(maxsize=1 << 15)
def _split_line(line: str, markdown: bool = False) -> tuple[tuple[str, CellKind], ...]:
    return tuple(_split(line, markdown))


def _split(line: str, markdown: bool) -> list[tuple[str, CellKind]]:
    """Cells of one line. Pages copied with a `` |`` after every cell put a pipe at the start
    only when the first cell is blank; Markdown tables (``markdown``) always do."""
    stripped = line.strip()
    if not stripped:
        # A row of blank cells copied from a spreadsheet is only tabs.
        return [("", "blank")] * (line.count("\t") + 1) if line.count("\t") >= 2 else []
    if "|" in stripped:
        if stripped == "|":
            return [("", "bar")]
        if set(stripped) == {"|"}:
            return [("", "spacer")]
        if squashed := _SQUASHED.search(stripped):
            # A row's blank cells squashed into a run of pipes after its last figure ("3 |
            # ||||||"): no cell each, their places lost (as on a line of their own, "|||").
            return [*_split(stripped[: squashed.start()] + "|", markdown), ("", "spacer")]
        parts = stripped.split("|")
        if markdown and stripped.startswith("|"):
            parts = parts[1:]
        if stripped.endswith("|"):
            parts = parts[:-1]
        return [_part(p) for p in parts]
    if "\t" in (tabbed := line.strip(" \n\r")):
        # (tabs around a lone cell too: a spreadsheet's row of blanks but its last, "\t\t…\t0")
        return [_part(p) for p in tabbed.split("\t")]
    if _FOOTER.match(stripped):
        return []  # a page footer ("— 4 —", "第 4 页") inside a table is no cell
    if _ONLY_VALUES.match(stripped):
        words = stripped.split()
        if (
            len(words) > 2  # (two: one figure a blank split, "2 04", read as such in place.py)
            and any(map(_NO_FIGURE.fullmatch, words))
            and all(map(FIGURE_APART.fullmatch, words))
            and not _THOUSANDS.fullmatch(stripped)
        ):
            # Figures run together, a blank kept here and there (not one figure printed with
            # blanks between its thousands, "4 076")
            return [(stripped, "run")]
        return [_part(p) for p in words]
    if len(stripped) > _FLAT_LENGTH and (tokens := _flattened(stripped)):
        return [_part(p) for p in tokens]
    match = _TRAILING_VALUES.match(stripped)
    if match and len(match.group("head")) <= 80 and not match.group("head").endswith(("，", ",")):
        if spaced := _spaced_run(match.group("head"), match.group("values")):
            return spaced
        # The label part may hold several cells too ("三、本年度办理结果 (一)予以公开 3 …"), or
        # a group's label and its row's run together ("(三)不予公开1.属于国家秘密 0 …").
        head = match.group("head").split()
        if len(head) == 1 and len(labels := _glued_labels(head[0])) > 1:
            head = labels
        return [*map(_part, head), *map(_part, match.group("values").split())]
    glued = _GLUED.match(stripped)
    if glued and (labels := _glued_labels(glued.group("head"))):
        return [*((label, "text") for label in labels), (glued.group("figures"), "run")]
    if grouped := _GROUP_THEN_ROW.match(stripped):
        # A group's label and its first row's, a wrapped one, on one line of a page's text
        # ("（六）其他 2.申请人逾期未按收费通知要求缴纳", the group's cell centred beside it;
        # a PDF's lines are split before they are normalised)
        return [_part(grouped["group"]), _part(grouped["row"])]
    return [_part(stripped)]


_GROUP_THEN_ROW = re.compile(
    r"(?P<group>[(（][一二三四五六七八九十]{1,2}[)）][\u4e00-\u9fff]{2,8})"
    r"\s+(?P<row>\d{1,2}\.[\u4e00-\u9fff].*)"
)


def _spaced_run(head: str, values: str) -> list[tuple[str, CellKind]] | None:
    """A row's figures run together, some of them apart by blanks a web archive kept
    ("一、本年新收政府信息公开申请数量200 000121", "四、结转下年度继续办理 0 0 00 00 0"): its
    label(s) and one run of its figures, blanks and all (``runs.split_run`` cuts no figure
    across a blank) — where the label runs into a figure, or a word of figures is no figure
    ("00", a count of eight digits or more). Else None: figures apart by blanks, a cell each."""
    words = values.split()
    if not all(map(FIGURE_APART.fullmatch, words)):
        return None
    glued = _GLUED.match(head)
    if (
        glued
        and FIGURE_APART.fullmatch(glued.group("figures"))
        and (labels := _glued_labels(glued["head"]))
    ):
        figures = glued.group("figures") + values.rstrip()
    elif any(map(_NO_FIGURE.fullmatch, words)) and (labels := _glued_labels(head)):
        figures = values.strip()
    else:
        return None
    return [*((label, "text") for label in labels), (figures, "run")]


# A word of digits no cell prints: a leading zero, or a count of eight digits or more (money
# has its decimals, or its 元).
_NO_FIGURE = re.compile(r"[+-]?(?:0\d+|\d{8,})")
_THOUSANDS = re.compile(r"\d{1,3}(?: \d{3})+")
# A figure as a web archive keeps it apart from the next by a blank (signed, with decimals).
FIGURE_APART = re.compile(r"[+-]?\d+(?:\.\d+)?(?:亿|万)?元?")


def spaced_run(tokens: list[Cell]) -> Cell | None:
    """A short row's figures, apart by blanks on one line, as one run (blanks and all), in a
    table whose other rows run theirs together: fewer figures than columns there are cells run
    together with a blank between some ("其他对外管理服务事项 1325 -1871589": 1325 | -187 |
    1589), not cells whose blanks the page dropped."""
    first, last = tokens[0], tokens[-1]
    if first.start < 0 or any(
        t.kind != "text" or t.line != first.line or not FIGURE_APART.fullmatch(t.text)
        for t in tokens
    ):
        return None
    text = first.text
    for before, token in pairwise(tokens):
        text += " " * (token.start - before.end) + token.text
    return first._replace(text=text, kind="run", end=last.end)


_SQUASHED = re.compile(r"(?<=\S)\s*\|\s*\|{4,}\s*$")
_FOOTER = re.compile(
    r"^(?:[-—–─]{1,2}\s*\d{1,3}\s*[-—–─]{1,2}|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)$"
)
_GLUED = re.compile(r"^(?P<head>.*?[^\d\s.,+|/-])[ \t]*(?P<figures>[+-]?\d[\d.+-]*(?:亿|万)?元?)$")
_NUMBER_MARK = re.compile(
    r"\([一二三四五六七八九十]+\)|(?<![\d.])\d{1,2}\.|[一二三四五六七八九十]+、"
)


# A whole table flattened onto one line, its cells apart by blanks ("规 章 0 0 0 行政规范性文件
# 0 0 0 第二十条第(五)项 …", a page's text taken with its rows' breaks lost): a long line of
# figures among row labels, each a word of its own. Each word is a cell (a label broken by a
# blank, "规 章", is joined as a label wrapped over two cells is).
_FLAT_LENGTH = 80
_FLAT_FIGURES = 1
_FLAT_LABELS = 2
_FIGURE_WORD = re.compile(_VALUE)


def _flattened(line: str) -> list[str] | None:
    words = line.split()
    if len(words) < _FLAT_FIGURES + _FLAT_LABELS:
        return None
    figures = sum(1 for word in words if _FIGURE_WORD.fullmatch(word))
    if figures < _FLAT_FIGURES:
        return None
    labels = sum(1 for word in words if _row_label(word))
    return words if labels >= _FLAT_LABELS else None


def _row_label(text: str) -> bool:
    key = L.application_label(text) or L.proactive_label(text)
    return key is not None and not key.startswith("group:")


def _glued_labels(head: str) -> list[str]:
    """The row label(s) a line of figures run together starts with (``行政许可3960181``,
    ``(三)不予公开1.属于国家秘密000…``), or none: then the line is not a row."""
    if len(head) > 80:
        return []
    if _row_label(head):
        return [head]
    marks = [m.start() for m in _NUMBER_MARK.finditer(head) if m.start() > 0]
    for cut in reversed(marks):
        if _row_label(head[cut:]):
            return [head[:cut], head[cut:]]
    return []


_new = tuple.__new__


def text_cells(text: str) -> list[Cell]:
    # (a Markdown rule holds "---": the cheap test spares most texts the regex scan)
    markdown = "---" in text and bool(_MARKDOWN_RULE.search(text))
    line_cells = _markdown_cells if markdown else _plain_cells
    if not markdown and "\t" in text and len(_PIPE_END.findall(text)) >= _PIPED_TEXT:
        # Cells a pipe closes, lines indented by tabs (an HTML page's source copied: "规章  |",
        # "\t\t\t0  |", "\t\t"): the tabs are the page's indentation, not a spreadsheet's
        # blank cells; a "|" alone under a cell printed without its pipe is that cell's pipe.
        line_cells = _indented_cells
    cells: list[Cell] = []
    append = cells.append
    at = 0  # where the line starts in the text
    lines = text.split("\n")
    indented = line_cells is _indented_cells
    space_cells = _space_cells(text)  # (asked once: most texts hold none)
    # (a plain loop: cheaper than a comprehension over zipped iterators of line numbers and
    # starts; tuple.__new__ spares the named tuple's Python-level constructor)
    for number, line in enumerate(lines):
        if not (markdown and _MARKDOWN_RULE.match(line)):  # (a Markdown rule line is no row)
            parts = line_cells(line)
            if indented and _lone_bar(parts) and _wrapped(lines, number):
                parts = ()  # (the cell above is a piped one: "\t\t\t0" / "   |")
                if cells and cells[-1].line == number - 1:
                    cells[-1] = cells[-1]._replace(piped=True)
            elif space_cells and number in space_cells and parts is _GAP_PART:
                parts = _BLANK_PART
            for value, kind, first, last, piped, start, end in parts:
                append(_new(Cell, (value, kind, number, first, last, piped, at + start, at + end)))
        at += len(line) + 1
    return cells


def _lone_bar(parts: tuple[_Part, ...]) -> bool:
    return len(parts) == 1 and parts[0][1] == "bar"


def _wrapped(lines: list[str], number: int) -> bool:
    """Whether the line before a "|" alone holds a cell printed without its pipe."""
    before = lines[number - 1].strip() if number else ""
    return bool(before) and not before.endswith("|")


# A line of spaces with an empty line on either side (the match opens at the end of the line
# before that empty line).
_SPACE_CELL = re.compile(r"\n\n[^\S\n]+(?=\n\n)")


def _space_cells(text: str) -> frozenset[int]:
    """The lines of spaces that are blank cells: where an empty line stands between every two
    cells, a page printing its blank cells as "&nbsp;" shows each as a line of spaces with an
    empty line on either side ("行政许可", "", "148", "", " ", "", " "), where the text holds
    two such lines or more. (One alone may be a row's lost label, "规章", "", "  ", "", "2382",
    the blanks dropped: ``damaged.first_label_lost``. Elsewhere a line of spaces is an empty
    line.)"""
    if "\n\n" not in text:
        return frozenset()
    found = [text.count("\n", 0, match.start()) + 2 for match in _SPACE_CELL.finditer(text)]
    return frozenset(found) if len(found) >= 2 else frozenset()


_Part = tuple[str, CellKind, bool, bool, bool, int, int]


# One memo per layout, keyed by the line alone.
_plain_cells = memo(lambda line: _line_cells(line, False), 1 << 15)
_markdown_cells = memo(lambda line: _line_cells(line, True), 1 << 14)
_indented_cells = memo(lambda line: _line_cells(line.replace("\t", " "), False), 1 << 12)
_PIPE_END = re.compile(r"\|[^\S\n]*$", re.M)
_PIPED_TEXT = 10  # (lines a pipe ends, at least)


_GAP_PART: tuple[_Part, ...] = (("", "gap", True, True, False, 0, 0),)
_BLANK_PART: tuple[_Part, ...] = (("", "blank", True, True, False, 0, 0),)


def _line_cells(line: str, markdown: bool) -> tuple[_Part, ...]:
    """The cells of one line: text, kind, first, last, piped, and offsets in the line."""
    parts = _split_line(line, markdown)
    if not parts:
        return _GAP_PART if not line.strip() else ()
    piped = ("|" in line and len(parts) > 1) or (parts[0][1] == "text" and "|" in line)
    n = len(parts) - 1
    return tuple(
        (value, kind, i == 0, i == n, piped, start, end)
        for i, ((value, kind), (start, end)) in enumerate(
            zip(parts, _offsets(line, parts), strict=True)
        )
    )


def _offsets(line: str, parts: tuple[tuple[str, CellKind], ...]) -> tuple[tuple[int, int], ...]:
    """Where each cell's text stands in its line (an empty cell: where the search stands)."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for value, kind in parts:
        if kind == "bar":
            found = line.find("|", cursor)
            start = found if found >= 0 else cursor
            out.append((start, start + 1))
            cursor = start + 1
            continue
        found = line.find(value, cursor) if value else -1
        if found < 0:
            out.append((cursor, cursor))
            continue
        out.append((found, found + len(value)))
        cursor = found + len(value)
    return tuple(out)


# -- HTML ---------------------------------------------------------------------------------

_BLOCK = frozenset(
    {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article",
        "table", "tr", "title", "header", "footer", "ul", "ol", "blockquote", "dd", "dt",
        "pre", "form", "center",
    }
)  # fmt: skip
_SKIP = frozenset({"script", "style", "noscript", "head", "template"})
_CELL_TAGS = frozenset({"td", "th"})


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    if "<" not in head:
        return False  # (no tag at all: spared lower-casing the head)
    head = head.lower()
    return bool(re.search(r"<(table|tr|td|p|div|html|body|br)\b", head))


_HANZI_GAP = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _cell_text(text: str) -> str:
    # Runs of whitespace as one space (``str.split`` splits where ``\s`` matches).
    text = " ".join(text.split())
    # Headers broken over lines inside a cell ("本年新<br/>制作数量") join up.
    return _HANZI_GAP.sub("", text) if " " in text else text


# A table cell's text and kind (memoised: the same cells recur in every report).
_td_part = memo(lambda raw: _part(_cell_text(raw)), 1 << 14)


@lru_cache(maxsize=1)
def _lxml() -> Any:
    """The HTML parser ``lxml.html`` uses, with lxml's own element classes."""
    from lxml import etree

    return etree.HTMLParser()


def html_cells(text: str) -> list[Cell]:
    """HTML → lines: a table row is one line of cells, other blocks are lines of text."""
    from lxml import etree

    parser = _lxml()
    tostring = etree.tostring
    try:
        # As ``lxml.html.document_fromstring`` parses, without its Python element classes.
        root = etree.fromstring(text, parser)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError):
        return text_cells(re.sub(r"<[^>]*>", "\n", text))
    rows: list[Sequence[tuple[str, CellKind]]] = []
    buffer: list[str] = []

    def flush() -> None:
        if not buffer:
            return  # (most blocks open and close with nothing pending)
        for line in "".join(buffer).split("\n"):
            if parts := _split_line(line):
                rows.append(parts)
        buffer.clear()

    # (lxml builds a new string each time ``tag``, ``text`` or ``tail`` is read: read once)
    def walk(element: etree._Element) -> None:
        tag = element.tag
        if not isinstance(tag, str):
            tag = ""  # a comment or a processing instruction
        if tag in _SKIP:
            return
        if tag == "table":
            flush()
            for tr in element.iter("tr"):
                # A cell's text content (its descendants' text, as XPath ``string()`` and
                # ``text_content`` read it), serialised as text: half the XPath call's cost.
                cells = [
                    _td_part(tostring(td, method="text", encoding="unicode", with_tail=False))
                    for td in tr
                    if td.tag in _CELL_TAGS
                ]
                if cells:
                    rows.append(cells)
            return
        if tag == "br":
            buffer.append("\n")
            return
        block = tag in _BLOCK
        if block:
            flush()
        if tag and (text := element.text):
            buffer.append(text)
        for child in element:
            walk(child)
            if tail := child.tail:
                buffer.append(tail)
        if block:
            flush()

    walk(root)
    flush()
    return _rows_to_cells(rows)


def _rows_to_cells(rows: Sequence[Sequence[tuple[str, CellKind]]]) -> list[Cell]:
    """Cells of table rows and lines, with their offsets in the text of their texts joined by
    line breaks (what ``Reading.text`` holds for HTML, DOCX and PDF)."""
    cells: list[Cell] = []
    append = cells.append
    at = 0
    for number, parts in enumerate(rows):
        piped = len(parts) > 1
        n = len(parts) - 1
        for i, (value, kind) in enumerate(parts):
            end = at + len(value)
            append(_new(Cell, (value, kind, number, i == 0, i == n, piped, at, end)))
            at = end + 1
    return cells


def with_offsets(cells: Sequence[Cell]) -> list[Cell]:
    """The cells with their offsets in their texts joined by line breaks (one per cell)."""
    out: list[Cell] = []
    at = 0
    for c in cells:
        piped = not (c.first and c.last)
        out.append(Cell(c.text, c.kind, c.line, c.first, c.last, piped, at, at + len(c.text)))
        at += len(c.text) + 1
    return out


# -- DOCX and PDF -------------------------------------------------------------------------


def docx_cells(data: bytes) -> list[Cell]:
    """Paragraphs and table rows of a Word file, in document order."""
    from io import BytesIO

    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(BytesIO(data))
    rows: list[Sequence[tuple[str, CellKind]]] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = Paragraph(child, document).text.strip()
            if text:
                rows.append([(text, "text")])
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            previous: list[object] = []
            for row in table.rows:
                current: list[object] = []
                parts: list[tuple[str, CellKind]] = []
                for cell in row.cells:
                    element = cell._tc
                    # A merged cell repeats across the grid: keep it where it starts only.
                    if any(element is e for e in current) or any(element is e for e in previous):
                        current.append(element)
                        continue
                    current.append(element)
                    text = re.sub(r"\s+", "", cell.text)
                    parts.append((text, "text" if text else "blank"))
                previous = current
                if parts:
                    rows.append(parts)
    return _rows_to_cells(rows)


def pdf_cells(data: bytes) -> list[Cell]:
    """Text and ruled tables of a PDF with a text layer, page after page."""
    from io import BytesIO

    import pdfplumber

    rows: list[Sequence[tuple[str, CellKind]]] = []
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict[str, float], boxes: Sequence[Sequence[float]] = boxes) -> bool:
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            items: list[tuple[float, list[Sequence[tuple[str, CellKind]]]]] = []
            # Text above the first table, tables, and text below are interleaved by position:
            # each line of text where it stands (a page's footer, "- 5 -", no line of cells).
            items.extend(
                (line["top"], [parts])
                for line in page.filter(outside).extract_text_lines()
                if (parts := _split_line(line["text"]))
            )
            for table in tables:
                table_rows: list[Sequence[tuple[str, CellKind]]] = []
                for row in table.extract():
                    cells = [_part(re.sub(r"\s+", "", c or "")) for c in row if c is not None]
                    if cells:
                        table_rows.append(cells)
                items.append((table.bbox[1], table_rows))
            for _, block in sorted(items, key=lambda item: item[0]):
                rows.extend(block)
    return _rows_to_cells(rows)
