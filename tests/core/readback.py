"""Read rendered reports back into numbers, independently of the renderers' code.

Each extractor turns a rendered file into tables of rows of cell texts (a merged cell once, in
the row where it starts; a blank cell as ""). ``cells_by_label`` then finds every data row by
its official label and reads the numbers after it, so a test can compare them with the report.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser

from gongkai.core.report import Report
from gongkai.core.report.formats import APPLICANT_COLUMNS, DISPUTE_COLUMNS, DISPUTE_GROUPS
from gongkai.core.report.model import Cell

Rows = list[list[str]]


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Rows] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(data: bytes) -> list[Rows]:
    parser = _TableParser()
    parser.feed(data.decode("utf-8"))
    return parser.tables


def docx_tables(data: bytes) -> list[Rows]:
    from docx import Document

    document = Document(io.BytesIO(data))
    tables: list[Rows] = []
    for table in document.tables:
        seen: list[object] = []
        rows: Rows = []
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                # python-docx repeats a merged cell at every grid position it covers.
                # Keep the elements themselves: ids of freed proxies get reused.
                if any(cell._tc is s for s in seen):
                    continue
                seen.append(cell._tc)
                cells.append(cell.text.strip())
            rows.append(cells)
        tables.append(rows)
    return tables


def xlsx_tables(data: bytes) -> list[Rows]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    tables: list[Rows] = []
    for sheet in workbook.worksheets:
        covered = set()
        for merged in sheet.merged_cells.ranges:
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != (merged.min_row, merged.min_col):
                        covered.add((r, c))
        rows: Rows = []
        # Row 1 is the table's title.
        for r in range(2, sheet.max_row + 1):
            cells = []
            for c in range(1, sheet.max_column + 1):
                if (r, c) in covered:
                    continue
                value = sheet.cell(row=r, column=c).value
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                cells.append("" if value is None else str(value))
            rows.append(cells)
        tables.append(rows)
    return tables


def markdown_tables(data: bytes) -> list[Rows]:
    """Markdown tables per section (## heading); the separator lines are dropped."""
    tables: list[Rows] = []
    for line in data.decode("utf-8").splitlines():
        if line.startswith("## "):
            tables.append([])
        elif line.startswith("|") and tables and not re.fullmatch(r"\|(---\|)+", line):
            cells = [c.strip().replace("\\|", "|") for c in line.strip()[1:-1].split(" | ")]
            tables[-1].append(cells)
    return tables


def parse_cell(text: str) -> Cell:
    text = text.strip().removesuffix("元")
    if text == "":
        return None
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    return Decimal(text)


def cells_by_label(report: Report, tables: list[Rows]) -> Report:
    """A report of the numbers found after each official row label in ``tables``."""
    spec = report.spec
    proactive_t, apps_t, disputes_t = tables
    out = Report(agency=report.agency, year=report.year, format=report.format)
    if report.proactive is not None:
        out.proactive = {}
        for block in spec.proactive:
            for row in block.rows:
                for cells in proactive_t:
                    if row.label in cells:
                        start = cells.index(row.label) + 1
                        values = cells[start : start + len(block.columns)]
                        out.proactive[row.key] = {
                            c.key: parse_cell(v) for c, v in zip(block.columns, values, strict=True)
                        }
    if report.applications is not None:
        out.applications = {}
        labels = {line.label: line.key for line in spec.application_lines if line.key}
        for cells in apps_t:
            for text in cells:
                if text in labels:
                    # The numbers are the row's last seven cells, whatever spans precede them.
                    values = cells[-len(APPLICANT_COLUMNS) :]
                    out.applications[labels[text]] = [parse_cell(v) for v in values]
    if report.disputes is not None:
        numbers = disputes_t[-1]
        width = len(DISPUTE_COLUMNS)
        out.disputes = {
            g.key: [parse_cell(v) for v in numbers[i * width : (i + 1) * width]]
            for i, g in enumerate(DISPUTE_GROUPS)
        }
    return out
