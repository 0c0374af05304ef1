"""Rows whose label and figures a PDF/OCR conversion printed apart (issue 16, class 3).

A conversion that extracts a table's label column on its own prints the labels as one block,
then the value rows as another, in the same order::

    规章
    行政规范性文件
     | 756 |  |
    12 | 516 | 460 |

The parser then sees label-only rows followed by a last label that collects every value line.
Where the block has as many value lines as labels, each line is its label's row; where the
counts differ nothing tells which line belongs to which label, and the block's rows are left out
with ``cell_unreadable`` — never placed by guess.
"""

from __future__ import annotations

from operator import itemgetter

from gongkai.core.reader.cells import Cell
from gongkai.core.reader.rows import UNLABELED, Finding, Row

_CELLS = frozenset({"text", "blank", "run"})
_KIND = itemgetter(1)  # a cell's kind


def _bare(row: Row) -> bool:
    """A label printed alone: no cell after it (empty lines aside)."""
    return row.key != UNLABELED and _CELLS.isdisjoint(map(_KIND, row.tokens))


def _value_lines(row: Row) -> list[list[Cell]] | None:
    """The row's tokens by line, when all stand on lines after its label and each line is a
    row of cells (two cells or more, or a piped line): a block of value rows."""
    lines: dict[int, list[Cell]] = {}
    for t in row.tokens:
        if t.kind in {"gap", "spacer"}:
            continue
        if t.line <= row.label_line:
            return None
        lines.setdefault(t.line, []).append(t)
    if len(lines) < 2 or not all(len(cells) >= 2 or cells[0].piped for cells in lines.values()):
        return None
    return list(lines.values())


def labels_apart(rows: list[Row], section: str, findings: list[Finding]) -> list[Row]:
    out: list[Row] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and _bare(rows[j]):
            j += 1
        if j == i or j == len(rows):
            out.extend(rows[i : j + 1])
            i = j + 1
            continue
        block, last = rows[i : j + 1], rows[j]
        lines = _value_lines(last) if last.key != UNLABELED else None
        if lines is None:
            out.extend(block)
        elif len(lines) == len(block):
            for row, cells in zip(block, lines, strict=True):
                out.append(
                    Row(row.key, list(cells), closed=True, label_line=cells[0].line,
                        label=row.label)
                )  # fmt: skip
            out[-1].closed = last.closed
        else:
            for row in block:
                findings.append(
                    Finding(
                        "cell_unreadable",
                        f"{section}.{row.key}: labels printed apart from their value rows, "
                        f"{len(block)} labels for {len(lines)} rows of figures (left out)",
                        f"{section}.{row.key}",
                    )
                )
        i = j + 1
    return out
