"""XLSX: one worksheet per section table, drawn from ``layout.layout(report)``.

Row 1 holds the section title; the grid starts on row 2 with the layout's merged cells.
Figures are real numbers, not text, so the workbook can be summed and compared: counts stay
``int``, money (the only ``Decimal`` cells) becomes ``float`` with a number format that prints
the published digits and unit. Blank cells stay empty rather than 0, as the report has them.

Output is byte-for-byte deterministic: workbook dates derive from the report year and ZIP
entries carry a fixed timestamp.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from gongkai.core.report.model import Report
from gongkai.core.report.render.layout import (
    MISSING_NOTE,
    LayoutCell,
    Table,
    format_cell,
    layout,
    report_title,
)
from gongkai.core.report.render.ooxml import rezip, stamp_for

SHEET_TITLES = {
    "proactive": "二、主动公开",
    "applications": "三、依申请公开",
    "disputes": "四、复议诉讼",
}
# Excel rejects these in sheet names, and names longer than 31 characters.
FORBIDDEN_IN_SHEET_TITLE = frozenset("[]:*?/\\")
MAX_SHEET_TITLE = 31

FONT_NAME = "宋体"
FONT_SIZE = 11
TITLE_SIZE = 14
# Column width in Excel character units per unit of ``col_weights``.
WIDTH_PER_WEIGHT = 10.0
# Points per line of wrapped 11 pt text (Excel's own default row is 14.25).
LINE_HEIGHT = 15.0
TITLE_HEIGHT = 24.0

CENTERED_ROLES = frozenset({"header", "block", "group", "number", "note"})
BOLD_ROLES = frozenset({"header", "block"})

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=TITLE_SIZE, bold=True)


def render(report: Report) -> bytes:
    workbook = Workbook()
    used: set[str] = set()
    for index, table in enumerate(layout(report)):
        ws = workbook.active if index == 0 else workbook.create_sheet()
        ws.title = _sheet_title(table, used)
        _sheet(ws, table)
    stamp = stamp_for(report.year)
    props = workbook.properties
    props.title = report_title(report)
    props.creator = report.agency
    props.language = "zh-CN"
    props.created = stamp
    props.modified = stamp
    buffer = BytesIO()
    # ``Workbook.save`` would stamp ``modified`` with the current time; the writer it wraps
    # keeps the properties as set.
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return rezip(buffer.getvalue(), stamp)


def _sheet_title(table: Table, used: set[str]) -> str:
    title = SHEET_TITLES.get(table.key)
    if title is None:
        clean = "".join(ch for ch in table.title if ch not in FORBIDDEN_IN_SHEET_TITLE)
        title = clean[:MAX_SHEET_TITLE] or table.key[:MAX_SHEET_TITLE]
    base, n = title, 2
    while title in used:
        suffix = f"({n})"
        title, n = base[: MAX_SHEET_TITLE - len(suffix)] + suffix, n + 1
    used.add(title)
    return title


# -- one sheet ----------------------------------------------------------------------------


def _sheet(ws: Worksheet, table: Table) -> None:
    ncols = table.ncols
    widths = [w * WIDTH_PER_WEIGHT for w in (table.col_weights or (1.0,) * ncols)]
    for index, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = width

    title = ws.cell(row=1, column=1, value=table.title)
    title.font = TITLE_FONT
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = TITLE_HEIGHT
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)

    if table.missing or not table.cells:
        note = ws.cell(row=2, column=1, value=MISSING_NOTE)
        note.font = BODY_FONT
        note.alignment = LEFT
        if ncols > 1:
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
        return

    # Every grid cell gets its border before merging: ``merge_cells`` rebuilds the edges of a
    # merged range from its top-left cell, and cells inside lose their own.
    for row in range(2, 2 + table.nrows):
        for col in range(1, 1 + ncols):
            ws.cell(row=row, column=col).border = BORDER
    for cell in table.cells:
        _write_cell(ws, cell)
    for cell in table.cells:
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=2 + cell.row,
                start_column=1 + cell.col,
                end_row=2 + cell.row + cell.rowspan - 1,
                end_column=1 + cell.col + cell.colspan - 1,
            )
    for index, height in _row_heights(table, widths).items():
        ws.row_dimensions[2 + index].height = height

    if table.header_rows:
        ws.freeze_panes = ws.cell(row=2 + table.header_rows, column=1)
        ws.print_title_rows = f"2:{1 + table.header_rows}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _write_cell(ws: Worksheet, cell: LayoutCell) -> None:
    target = ws.cell(row=2 + cell.row, column=1 + cell.col)
    target.font = BOLD_FONT if cell.role in BOLD_ROLES else BODY_FONT
    target.alignment = CENTER if cell.role in CENTERED_ROLES else LEFT
    if cell.role != "number":
        target.value = cell.text
        return
    value = cell.value
    if value is None:
        return  # blank as published: an empty cell, not 0 and not ""
    # The layout appends a unit to some figures (采购总金额 …元); keep it in the number
    # format so the cell stays a number.
    plain = format_cell(value)
    unit = cell.text[len(plain) :] if cell.text.startswith(plain) else ""
    if isinstance(value, Decimal):
        target.value = float(value)
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        # Show exactly the published digits rather than Excel's General rounding.
        number_format = "0." + "0" * places if places else "0"
    else:
        target.value = value
        number_format = "General" if not unit else "0"
    if unit:
        number_format += f'"{unit}"'
    target.number_format = number_format


# -- row heights --------------------------------------------------------------------------


def _text_width(text: str) -> float:
    """Approximate width in Excel's column units (the width of a digit in the default font).

    A CJK character in 11 pt 宋体 is about 2.1 digits wide, a Latin one about one.
    """
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def _lines(cell: LayoutCell, widths: list[float]) -> int:
    # One unit less for the cell's padding.
    room = max(1.0, sum(widths[cell.col : cell.col + cell.colspan]) - 1)
    return max(1, math.ceil(_text_width(cell.text) / room))


def _row_heights(table: Table, widths: list[float]) -> dict[int, float]:
    """Heights for rows whose wrapped text needs more than one line.

    Excel does not grow a row to fit wrapped text in a merged cell (and most of these cells
    are merged), so the heights are estimated here and set explicitly.
    """
    heights = [LINE_HEIGHT] * table.nrows
    for cell in table.cells:
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], _lines(cell, widths) * LINE_HEIGHT)
    # A cell spanning rows (the 勾稽 note, the group labels) shares out what it lacks.
    for cell in table.cells:
        if cell.rowspan > 1:
            rows = range(cell.row, cell.row + cell.rowspan)
            lacking = _lines(cell, widths) * LINE_HEIGHT - sum(heights[r] for r in rows)
            if lacking > 0:
                for r in rows:
                    heights[r] += lacking / cell.rowspan
    return {r: round(h, 2) for r, h in enumerate(heights) if h > LINE_HEIGHT}


# -- package ------------------------------------------------------------------------------
