"""Markdown: pipe tables (GFM), one row per printed row.

Markdown has no merged cells, so a spanned cell is written once, in its first position, and
the positions it covers stay empty; group labels (三、本年度办理结果, （三）不予公开 …) stand
in their own columns on the first row they cover, as pasted web tables show them.
"""

from __future__ import annotations

from gongkai.core.report.model import Report
from gongkai.core.report.render.layout import MISSING_NOTE, Table, layout, report_title


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def table_markdown(table: Table) -> str:
    if table.missing:
        return MISSING_NOTE
    # Section 二 stacks blocks of different widths in one grid; Markdown gets one table per
    # block, each keeping only the columns where some cell starts.
    chunks: list[list[int]] = [[]]
    for r, row in enumerate(table.rows()):
        if any(c.role == "block" for c in row) and chunks[-1]:
            chunks.append([])
        chunks[-1].append(r)
    return "\n\n".join(_grid(table, rows) for rows in chunks)


def _grid(table: Table, rows: list[int]) -> str:
    cells = [c for c in table.cells if c.row in rows]
    blocks = [c for c in cells if c.role == "block"]
    cells = [c for c in cells if c.role != "block"]
    cols = sorted({c.col for c in cells})
    grid = {(c.row, c.col): _escape(c.text) for c in cells}
    body_rows = [r for r in rows if any(c.row == r for c in cells)]
    lines = ["| " + " | ".join(grid.get((r, col), "") for col in cols) + " |" for r in body_rows]
    lines.insert(1, "|" + "---|" * len(cols))
    head = "".join(f"**{_escape(b.text)}**\n\n" for b in blocks)
    return head + "\n".join(lines)


def render(report: Report) -> bytes:
    parts = [f"# {report_title(report)}"]
    for table in layout(report):
        parts.append(f"## {table.title}\n\n{table_markdown(table)}")
    return ("\n\n".join(parts) + "\n").encode("utf-8")
