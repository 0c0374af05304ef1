"""The printed layout of a report's three tables, shared by every renderer.

``layout(report)`` turns a ``Report`` into ``Table`` grids laid out as government sites
publish them: merged header cells, the 勾稽 note in the top-left cell of section 三, the
``三、本年度办理结果`` cell spanning its result rows, group cells for （三）…（六）. Each
renderer (HTML, DOCX, XLSX, Markdown, PDF) only draws these grids, so the layout is written
once and follows the format data: a new format needs no renderer change.

Only rows present in the report are laid out (a partial report stays partial); a section
absent from the report yields a table with ``missing=True`` and no rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from gongkai.core.report.formats import (
    APPLICANT_COLUMNS,
    APPLICANT_GROUP,
    APPLICANT_GROUP_SLICE,
    APPLICANT_HEADER,
    BALANCE_NOTE,
    DISPUTE_COLUMNS,
    DISPUTE_GROUPS,
    ROW_LABEL_HEADER,
    ApplicationLine,
)
from gongkai.core.report.model import Cell, Report

Role = Literal["header", "block", "label", "group", "number", "note"]

MISSING_NOTE = "（本部分数据未在报告中提供）"

# Section 二 puts blocks of 1, 2 or 3 value columns in one grid: 6 slots divide evenly.
PROACTIVE_SLOTS = 6


@dataclass(frozen=True)
class LayoutCell:
    row: int
    col: int
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    value: Cell = None
    key: str | None = None  # "applications.3.1.natural_person" for number cells
    kind: str = "int"


@dataclass
class Table:
    key: str  # proactive / applications / disputes
    title: str
    ncols: int
    header_rows: int = 0
    cells: list[LayoutCell] = field(default_factory=list)
    missing: bool = False
    col_weights: tuple[float, ...] = ()

    @property
    def nrows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    def rows(self) -> list[list[LayoutCell]]:
        """Cells grouped by their starting row, left to right (HTML order)."""
        out: list[list[LayoutCell]] = [[] for _ in range(self.nrows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out


def report_title(report: Report) -> str:
    # "瓯海区人民政府2020年政府信息公开工作年度报告": the agency first, as most offices title it
    # (the year first would print "人民政府政府信息…").
    return f"{report.agency}{report.year}年政府信息公开工作年度报告"


def format_cell(value: Cell, unit: str = "") -> str:
    if value is None:
        return ""
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return f"{text}{unit}"


# The prose sections' official headings (annual-report.md "Sections"); their text is the office's.
PROSE_TITLES: dict[str, str] = {
    "一": "一、总体情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}


@dataclass(frozen=True)
class Prose:
    """The report's text around its tables: the opening, 一 before them, 五 and 六 after."""

    opening: tuple[str, ...] = ()
    before: tuple[tuple[str, tuple[str, ...]], ...] = ()
    after: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _paragraphs(text: object) -> tuple[str, ...]:
    if not isinstance(text, str):
        return ()
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def prose(report: Report) -> Prose:
    """What ``extra["narrative"]`` holds (a computed or edited report); empty for bare tables."""
    texts = report.extra.get("narrative")
    if not isinstance(texts, dict):
        return Prose()

    def sections(keys: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple(
            (PROSE_TITLES[key], _paragraphs(texts.get(key)))
            for key in keys
            if _paragraphs(texts.get(key))
        )

    return Prose(_paragraphs(texts.get("opening")), sections(("一",)), sections(("五", "六")))


def layout(report: Report) -> list[Table]:
    return [_proactive(report), _applications(report), _disputes(report)]


# -- section 二 ---------------------------------------------------------------------------


def _proactive(report: Report) -> Table:
    spec = report.spec
    table = Table(
        "proactive",
        spec.title_proactive,
        1 + PROACTIVE_SLOTS,
        missing=report.proactive is None,
        col_weights=(3.0, *([1.0] * PROACTIVE_SLOTS)),
    )
    if report.proactive is None:
        return table
    r = 0
    for block in spec.proactive:
        rows = [row for row in block.rows if row.key in report.proactive]
        if not rows:
            continue
        span = PROACTIVE_SLOTS // len(block.columns)
        table.cells.append(LayoutCell(r, 0, block.title, "block", colspan=table.ncols))
        r += 1
        table.cells.append(LayoutCell(r, 0, ROW_LABEL_HEADER, "header"))
        for i, column in enumerate(block.columns):
            table.cells.append(LayoutCell(r, 1 + i * span, column.label, "header", colspan=span))
        r += 1
        for row in rows:
            values = report.proactive[row.key]
            table.cells.append(LayoutCell(r, 0, row.label, "label"))
            for i, column in enumerate(block.columns):
                value = values.get(column.key)
                table.cells.append(
                    LayoutCell(
                        r,
                        1 + i * span,
                        format_cell(value, column.printed_unit),
                        "number",
                        colspan=span,
                        value=value,
                        key=f"proactive.{row.key}.{column.key}",
                        kind=column.kind,
                    )
                )
            r += 1
    return table


# -- section 三 ---------------------------------------------------------------------------


def _applications(report: Report) -> Table:
    spec = report.spec
    table = Table(
        "applications",
        spec.title_applications,
        3 + len(APPLICANT_COLUMNS),
        header_rows=3,
        missing=report.applications is None,
        col_weights=(1.0, 1.6, 4.2, *([1.0] * len(APPLICANT_COLUMNS))),
    )
    if report.applications is None:
        return table
    apps = report.applications
    cells = table.cells
    cells.append(LayoutCell(0, 0, BALANCE_NOTE, "note", rowspan=3, colspan=3))
    cells.append(LayoutCell(0, 3, APPLICANT_HEADER, "header", colspan=len(APPLICANT_COLUMNS)))
    first, group, last = (
        APPLICANT_COLUMNS[0],
        APPLICANT_COLUMNS[APPLICANT_GROUP_SLICE],
        APPLICANT_COLUMNS[-1],
    )
    cells.append(LayoutCell(1, 3, first.label, "header", rowspan=2))
    cells.append(LayoutCell(1, 4, APPLICANT_GROUP, "header", colspan=len(group)))
    cells.append(LayoutCell(1, 3 + len(APPLICANT_COLUMNS) - 1, last.label, "header", rowspan=2))
    for i, column in enumerate(group):
        cells.append(LayoutCell(2, 4 + i, column.label, "header"))

    lines = spec.application_lines
    r = table.header_rows
    for index, line in enumerate(lines):
        if line.is_group:
            span = _present_under(lines, index, apps)
            if span:
                cells.append(LayoutCell(r, line.level, line.label, "group", rowspan=span))
            continue
        assert line.key is not None
        if line.key not in apps:
            continue
        cells.append(LayoutCell(r, line.level, line.label, "label", colspan=3 - line.level))
        for c, column in enumerate(APPLICANT_COLUMNS):
            value = apps[line.key][c]
            cells.append(
                LayoutCell(
                    r,
                    3 + c,
                    format_cell(value),
                    "number",
                    value=value,
                    key=f"applications.{line.key}.{column.key}",
                )
            )
        r += 1
    return table


def _present_under(
    lines: tuple[ApplicationLine, ...], index: int, apps: dict[str, list[Cell]]
) -> int:
    """How many present keyed rows a group header at ``index`` spans."""
    level = lines[index].level
    count = 0
    for line in lines[index + 1 :]:
        if line.level <= level:
            break
        if line.key is not None and line.key in apps:
            count += 1
    return count


# -- section 四 ---------------------------------------------------------------------------


def _disputes(report: Report) -> Table:
    n = len(DISPUTE_COLUMNS)
    table = Table(
        "disputes",
        report.spec.title_disputes,
        n * len(DISPUTE_GROUPS),
        header_rows=3,
        missing=report.disputes is None,
        col_weights=tuple([1.0] * n * len(DISPUTE_GROUPS)),
    )
    if report.disputes is None:
        return table
    cells = table.cells
    col = 0
    parents_done: set[str] = set()
    for group in DISPUTE_GROUPS:
        if group.parent is None:
            cells.append(LayoutCell(0, col, group.label, "header", colspan=n))
            for i, column in enumerate(DISPUTE_COLUMNS):
                cells.append(LayoutCell(1, col + i, column.label, "header", rowspan=2))
        else:
            if group.parent not in parents_done:
                siblings = [g for g in DISPUTE_GROUPS if g.parent == group.parent]
                cells.append(LayoutCell(0, col, group.parent, "header", colspan=n * len(siblings)))
                parents_done.add(group.parent)
            cells.append(LayoutCell(1, col, group.label, "header", colspan=n))
            for i, column in enumerate(DISPUTE_COLUMNS):
                cells.append(LayoutCell(2, col + i, column.label, "header"))
        values = report.disputes.get(group.key) or [None] * n
        for i, column in enumerate(DISPUTE_COLUMNS):
            cells.append(
                LayoutCell(
                    3,
                    col + i,
                    format_cell(values[i]),
                    "number",
                    value=values[i],
                    key=f"disputes.{group.key}.{column.key}",
                )
            )
        col += n
    return table
