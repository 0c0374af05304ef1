"""Markdown: GFM pipe tables, one per section (one per 第二十条 block in section 二).

Markdown has no merged cells, so each table is flattened: one header row naming every value
column by all the header cells above it, one label column, and the group labels
(三、本年度办理结果, （三）不予公开 …) on rows of their own, before the rows they group.
The result reads naturally and reads back without ambiguity.
"""

from __future__ import annotations

from gongkai.core.report.model import Report
from gongkai.core.report.render.layout import (
    MISSING_NOTE,
    LayoutCell,
    Table,
    layout,
    prose,
    report_title,
)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(_escape(c) for c in cells) + " |"


def table_markdown(table: Table) -> str:
    if table.missing:
        return MISSING_NOTE
    rows = table.rows()
    chunks: list[list[list[LayoutCell]]] = [[]]
    for row in rows:
        # Section 二 stacks blocks of different widths: one Markdown table per block.
        if any(c.role == "block" for c in row) and chunks[-1]:
            chunks.append([])
        chunks[-1].append(row)
    return "\n\n".join(_chunk(table, chunk) for chunk in chunks)


def _chunk(table: Table, rows: list[list[LayoutCell]]) -> str:
    cells = [c for row in rows for c in row]
    numbers = [c for c in cells if c.role == "number"]
    value_cols = sorted({c.col for c in numbers}) or sorted(
        {c.col for c in cells if c.role == "header" and c.col > 0}
    )
    headers = [c for c in cells if c.role in {"header", "note"}]
    has_labels = any(c.role in {"label", "group"} for c in cells)
    label_header = next((c.text for c in headers if c.col == 0), "") if has_labels else ""
    titles = []
    for col in value_cols:
        above = sorted(
            (c for c in headers if c.col <= col < c.col + c.colspan and c.text != label_header),
            key=lambda c: c.row,
        )
        titles.append("·".join(dict.fromkeys(c.text for c in above)))
    out: list[str] = []
    out.extend(f"**{c.text}**\n" for c in cells if c.role == "block")
    head = ([label_header] if has_labels else []) + titles
    out.append(_line(head))
    out.append("|" + "---|" * len(head))
    for row in rows:
        if all(c.role in {"header", "note", "block"} for c in row):
            continue
        for group in (c for c in row if c.role == "group"):
            out.append(_line([group.text] + [""] * len(value_cols)))
        label = next((c.text for c in row if c.role == "label"), None)
        by_col = {c.col: c.text for c in row if c.role == "number"}
        values = [by_col.get(col, "") for col in value_cols]
        out.append(_line(([label or ""] if has_labels else []) + values))
    return "\n".join(out)


def render(report: Report) -> bytes:
    text = prose(report)
    parts = [f"# {report_title(report)}", *text.opening]
    parts += [f"## {title}\n\n" + "\n\n".join(paras) for title, paras in text.before]
    for table in layout(report):
        parts.append(f"## {table.title}\n\n{table_markdown(table)}")
    parts += [f"## {title}\n\n" + "\n\n".join(paras) for title, paras in text.after]
    return ("\n\n".join(parts) + "\n").encode("utf-8")
