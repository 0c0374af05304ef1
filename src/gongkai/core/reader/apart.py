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

from collections.abc import Callable
from operator import itemgetter

from gongkai.core.reader import wording as W
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.rows import UNLABELED, Finding, Row

_CELLS = frozenset({"text", "blank", "run", "spacer"})
_KIND = itemgetter(1)  # a cell's kind


def _bare(row: Row) -> bool:
    """A label printed alone: no cell after it (empty lines aside; a run of pipes, "|||", is
    its blank cells squashed together)."""
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


def _one_per_line(row: Row, labels: int, width: Callable[[str], int] | None) -> list[list[Cell]]:
    """The row's figures, one to a line after its label with no blank cell marked, cut into
    ``labels`` rows of its width: where there are exactly that many (every cell printed),
    the block's rows are decided in order; otherwise none."""
    if width is None:
        return []
    figures = [t for t in row.tokens if t.kind != "gap"]
    n = width(row.key)
    if len(figures) != labels * n or not all(
        t.kind == "text" and t.line > row.label_line for t in figures
    ):
        return []
    if len({t.line for t in figures}) != len(figures):
        return []
    return [figures[i * n : (i + 1) * n] for i in range(labels)]


def labels_apart(
    rows: list[Row],
    section: str,
    findings: list[Finding],
    width: Callable[[str], int] | None = None,
) -> list[Row]:
    """Label-only rows followed by a last label that collects the block's figures: each
    label takes its value line (or, figures one to a line, its width of them) in order."""
    if not any(map(_bare, rows)):
        return rows  # most regions: every label has cells after it
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
        counted = False  # figures one to a line, counted off into the labels' rows
        if (
            lines is None
            and last.key != UNLABELED
            and len({width(r.key) for r in block} if width else ()) == 1
        ):
            lines = _one_per_line(last, len(block), width) or None
            counted = lines is not None
        if lines is None:
            out.extend(block)
        elif len(lines) == len(block):
            for row, cells in zip(block, lines, strict=True):
                # A value line stands for its label's line (the row was printed whole); figures
                # counted off stay after their label, placed by their count alone (they are
                # trusted only as far as the region's other rows are: ``confirm.trust``).
                line = row.label_line if counted else cells[0].line
                out.append(
                    Row(row.key, list(cells), closed=True, label_line=line, label=row.label,
                        counted=counted)
                )  # fmt: skip
            out[-1].closed = last.closed
        else:
            for row in block:
                findings.append(
                    Finding(
                        "cell_unreadable",
                        f"{W.place(f'{section}.{row.key}')}：行名称与数字分开排列，"
                        f"{len(block)}个行名称对应{len(lines)}行数字，数量不符，该行未读取",
                        f"{section}.{row.key}: labels printed apart from their value rows, "
                        f"{len(block)} labels for {len(lines)} rows of figures (left out)",
                        f"{section}.{row.key}",
                    )
                )
        i = j + 1
    return out
