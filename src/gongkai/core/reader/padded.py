"""Rows printed with more empty cells than the table has columns: a full grid's padding.

Excel and Word copy a table, and PDF table extractors print it, as a full grid: every line as
wide as the table, a merged cell's text in its first place and its other places empty. In
section 三 the row labels are merged across the form's label columns, so the padding stands
between a label and its figures ("一、本年新收政府信息公开申请数量 | | | 12 | 1 | … | 13",
"三、本年度办理结果 | （一）予以公开 | | 5 | …", "| | 1.属于国家秘密 | 0 | …"): taken as the row's
first cells, every figure would stand in the wrong column. Elsewhere empty cells after a row
are blanks beyond it ("行政许可 | 12 | |"). Two proofs tell the two apart: the table's rhythm
(``unpad``) and the sums a row must satisfy (``beyond``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Literal

from gongkai.core.reader import wording as W
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.rows import Finding, Row

_CELL = frozenset({"text", "blank"})


def _empty(cell: Cell) -> bool:
    return cell.kind == "blank" and not cell.text  # (a printed mark "/" or "-" is a cell)


def unpad(rows: list[Row], region: Sequence[Cell], width: Callable[[str], int]) -> None:
    """Drop the padding between each row's label and its figures where the table is a full
    grid: most rows' lines hold the same number of cells, with the label standing further
    left in some rows than in others (a merged label) while the figures end every line at
    the same place — and the padding empty in each row. (``width``: a row's columns.)"""
    if not any(len(row.tokens) > width(row.key) for row in rows):
        return  # (most tables: no row holds more cells than its columns)
    own = [(row, [t for t in row.tokens if t.line == row.label_line and t.kind in _CELL])
           for row in rows if row.label_line >= 0]  # fmt: skip
    own = [(row, on) for row, on in own if on]  # (a line of blanks may print its label alone)
    if not any(len(on) > width(row.key) for row, on in own):
        return  # (… nor on its label's line: empty lines between cells are no padding)
    cells_on = Counter(cell.line for cell in region if cell.kind in _CELL)
    wide = Counter(cells_on[row.label_line] for row, _ in own)
    if not wide:
        return
    line_width, count = wide.most_common(1)[0]
    grid = [(row, on) for row, on in own if cells_on[row.label_line] == line_width]
    excess = {id(row): len(on) - width(row.key) for row, on in grid}
    if (
        count < 3
        or count * 2 < len(own)
        # (the label further left in some rows: not every row ends in blanks of its own)
        or not any(e == 0 for e in excess.values())
        or not any(e > 0 for e in excess.values())
        or any(not all(map(_empty, on[: max(excess[id(row)], 0)])) for row, on in grid)
    ):
        return
    for row, on in grid:
        if excess[id(row)] > 0:
            pads = {id(cell) for cell in on[: excess[id(row)]]}
            row.tokens = [t for t in row.tokens if id(t) not in pads]


def beyond(
    row: Row,
    tokens: list[Cell],
    n: int,
    wrapped: bool,
    adds_up: Callable[[list[Cell]], bool] | None,
    where: str,
    findings: list[Finding],
) -> list[Cell] | Literal[False] | None:
    """The row's ``n`` cells where ``tokens`` hold more; None where it is left out (said so);
    False where nothing here places it (figures beyond its columns: rows run together?).

    Empty cells after the figures are blanks beyond the row: its first ``n`` cells — unless
    empty cells also stand before the figures on its line, where they may as well be a merged
    label's padding (``unpad`` found no grid to tell) and the row has sums to tell
    (``adds_up``; section 二's narrow blocks merge their last cell to the right): then the
    reading whose figures add up, and with none or several adding up, None. (``wrapped``: the
    first cell is a "|" alone under the label, ``rows.wrapped_pipe``.)"""
    extra = len(tokens) - n
    beyond_empty = all(cell.kind != "text" for cell in tokens[n:])
    if beyond_empty and wrapped:
        # "行政规范性文件" / "|" / "0 |" / "|" / "|": the first "|" a blank, the last cell one
        # too many; or the label's own pipe wrapped, the last cell the row's. Left out.
        findings.append(
            Finding(
                "cell_unreadable",
                f"{W.place(where)}：行名称下单独一行的“|”可能是空白单元格，也可能是行名称"
                f"自带的分隔线，各单元格所在的列因此无法确定，{W.this(where)}未读取",
                f'{where}: a "|" alone under its label may be a blank cell or the label\'s '
                "own pipe; the row's cells then stand in other columns (left out)",
                where,
            )
        )
        return None
    padded = [] if adds_up is None or any(c.line != row.label_line for c in tokens) else [
        k for k in range(1, extra + 1)
        if all(map(_empty, tokens[:k])) and all(map(_empty, tokens[k + n :]))
    ]  # fmt: skip
    if not padded:
        return tokens[:n] if beyond_empty else False
    assert adds_up is not None  # (``padded`` is asked only with sums to tell)
    readings = [0, *padded] if beyond_empty else padded
    fits = [k for k in readings if adds_up(tokens[k : k + n])]
    if len(fits) == 1:
        return tokens[fits[0] : fits[0] + n]
    if not fits and not beyond_empty:
        return False  # (as without the empty cells before: figures beyond the row's columns)
    if len({tuple(c.text for c in tokens[k : k + n]) for k in fits or readings}) == 1:
        return tokens[(fits or readings)[0] : (fits or readings)[0] + n]
    findings.append(
        Finding(
            "cell_unreadable",
            f"{W.place(where)}：{len(tokens)}个单元格对应{n}列，前后都有空白单元格，各数字所在"
            f"的列无法确定（合并单元格的空位，还是空白单元格？），{W.this(where)}未读取",
            f"{where}: {len(tokens)} cells for {n} columns, empty ones both before and after "
            "the figures (a merged cell's places, or blank cells?): left out",
            where,
        )
    )
    return None
