"""Inputs (plain text, HTML, DOCX, PDF) turned into one stream of table cells.

Every layout real pages produce ends up as a list of ``Cell``: a cell's text, whether it is an
explicit blank (``| |``, a lone ``|`` line, ``<td>&nbsp;</td>``), or a spacer (a run of
``||||`` that stands for an unknown number of blanks), and the line it came from. Row labels
and numbers are recognised later, by the parser; here only the cell boundaries are decided.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

CellKind = Literal["text", "blank", "spacer"]


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    kind: CellKind
    line: int  # index of the source line (or table row)
    first: bool  # the first cell of its line
    last: bool  # the last cell of its line


# A value at the end of a line, after whitespace: a whole row printed on one line
# ("规章 0 0 0", "一、本年新收政府信息公开申请数量 681 89 0 0 0 3 773").
_VALUE = r"(?:[+-]?\d[\d,]*(?:\.\d+)?(?:亿|万)?元?|/|-|—+|无)"
_TRAILING_VALUES = re.compile(rf"^(?P<head>.*?\S)(?P<values>(?:[ \t]+{_VALUE})+)[ \t]*$")
_ONLY_VALUES = re.compile(rf"^{_VALUE}(?:[ \t]+{_VALUE})+$")


def _part(text: str) -> tuple[str, CellKind]:
    text = text.strip()
    return (text, "text") if text else ("", "blank")


def _split_line(line: str) -> list[tuple[str, CellKind]]:
    stripped = line.strip()
    if not stripped:
        return []
    if "|" in stripped:
        if stripped == "|":
            return [("", "blank")]
        if set(stripped) == {"|"}:
            return [("", "spacer")]
        parts = stripped.split("|")
        if stripped.startswith("|"):
            parts = parts[1:]
        if stripped.endswith("|"):
            parts = parts[:-1]
        return [_part(p) for p in parts]
    if "\t" in stripped:
        return [_part(p) for p in stripped.split("\t")]
    if _ONLY_VALUES.match(stripped):
        return [_part(p) for p in stripped.split()]
    match = _TRAILING_VALUES.match(stripped)
    if match and len(match.group("head")) <= 80 and not match.group("head").endswith(("，", ",")):
        return [_part(match.group("head")), *(_part(p) for p in match.group("values").split())]
    return [(stripped, "text")]


def text_cells(text: str) -> list[Cell]:
    cells: list[Cell] = []
    for number, line in enumerate(text.split("\n")):
        parts = _split_line(line)
        for i, (value, kind) in enumerate(parts):
            cells.append(Cell(value, kind, number, i == 0, i == len(parts) - 1))
    return cells


# -- HTML ---------------------------------------------------------------------------------

_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article",
    "table", "tr", "title", "header", "footer", "ul", "ol", "blockquote",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "head"}


class _Flattener(HTMLParser):
    """HTML → lines: a table row is one line of cells, other blocks are lines of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, CellKind]]] = []
        self._text: list[str] = []
        self._row: list[tuple[str, CellKind]] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def _flush_text(self) -> None:
        text = "".join(self._text).strip()
        self._text = []
        if text:
            for line in text.split("\n"):
                parts = _split_line(line)
                if parts:
                    self.rows.append(parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "tr":
            self._flush_text()
            self._row = []
        elif tag in {"td", "th"} and self._row is not None:
            self._cell = []
        elif tag == "br":
            if self._cell is None:
                self._text.append("\n")
        elif tag in _BLOCK and self._cell is None:
            self._flush_text()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in {"td", "th"} and self._cell is not None and self._row is not None:
            text = re.sub(r"\s+", " ", "".join(self._cell)).strip()
            # Headers broken over lines inside a cell ("本年新<br/>制作数量") join up.
            text = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)
            self._row.append((text, "text" if text else "blank"))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.rows.append(self._row)
            self._row = None
        elif tag in _BLOCK and self._cell is None:
            self._flush_text()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._row is None:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush_text()


def looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    return bool(re.search(r"<(table|tr|td|p|div|html|body|br)\b", head))


def html_cells(text: str) -> list[Cell]:
    flattener = _Flattener()
    flattener.feed(text)
    flattener.close()
    return _rows_to_cells(flattener.rows)


def _rows_to_cells(rows: list[list[tuple[str, CellKind]]]) -> list[Cell]:
    cells: list[Cell] = []
    for number, parts in enumerate(rows):
        for i, (value, kind) in enumerate(parts):
            cells.append(Cell(value, kind, number, i == 0, i == len(parts) - 1))
    return cells


# -- DOCX and PDF -------------------------------------------------------------------------


def docx_cells(data: bytes) -> list[Cell]:
    """Paragraphs and table rows of a Word file, in document order."""
    from io import BytesIO

    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(BytesIO(data))
    rows: list[list[tuple[str, CellKind]]] = []
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

    rows: list[list[tuple[str, CellKind]]] = []
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict[str, float], boxes: Sequence[Sequence[float]] = boxes) -> bool:
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            items: list[tuple[float, list[list[tuple[str, CellKind]]]]] = []
            text = page.filter(outside).extract_text() or ""
            words = page.filter(outside).extract_words()
            top = words[0]["top"] if words else 0.0
            lines = [parts for line in text.split("\n") if (parts := _split_line(line))]
            # Text above the first table, tables, and text below are interleaved by position.
            for table in tables:
                table_rows: list[list[tuple[str, CellKind]]] = []
                for row in table.extract():
                    parts = [
                        (re.sub(r"\s+", "", c), "text") if c and c.strip() else ("", "blank")
                        for c in row
                        if c is not None
                    ]
                    if parts:
                        table_rows.append(parts)
                items.append((table.bbox[1], table_rows))
            items.extend(_positioned_lines(page.filter(outside), lines, top))
            for _, block in sorted(items, key=lambda item: item[0]):
                rows.extend(block)
    return _rows_to_cells(rows)


def _positioned_lines(
    page: object, lines: list[list[tuple[str, CellKind]]], top: float
) -> list[tuple[float, list[list[tuple[str, CellKind]]]]]:
    words = page.extract_text_lines() if hasattr(page, "extract_text_lines") else []
    if len(words) == len(lines):
        return [(w["top"], [parts]) for w, parts in zip(words, lines, strict=True)]
    return [(top, lines)]
