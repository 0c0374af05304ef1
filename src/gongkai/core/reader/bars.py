"""Lines holding only ``|`` (a CMS export's rhythm, issue 16's class 1): separators between
cells, or blank cells, told by the region's layout."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.core.reader import labels as L
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.place import kind_letters


def resolve_bars(
    cells: list[Cell], spans: dict[str, tuple[int, int]], letters: str | None = None
) -> list[Cell]:
    """Lines holding only ``|``: separators in a region whose cells stand on lines without a
    pipe of their own (a CMS export's rhythm), blank cells everywhere else. ``letters``: the
    cells' ``kind_letters``, if at hand. (The cells as they are, the same list, without bars.)"""
    if letters is None:
        letters = kind_letters(cells)
    if not any("|" in letters[a:b] for a, b in spans.values()):
        return cells
    separated = [span for span in spans.values() if _bar_separated(cells[span[0] : span[1]])]
    out = [
        c._replace(kind="blank")
        if c.kind == "bar" and not any(a <= i < b for a, b in separated)
        else c
        for i, c in enumerate(cells)
    ]
    for a, b in separated:
        _row_separators(out, a, b)
    return out


def _row_separators(cells: list[Cell], start: int, end: int) -> None:
    """Where no figure is ever followed directly by the next row's label, the bar before each
    label ends a row (a separator), not a blank last cell: it is dropped."""
    before_label: list[int] = []
    direct = 0
    previous = -1
    for i in range(start, end):
        cell = cells[i]
        if cell.kind == "gap":
            continue
        if cell.kind == "text" and not L.is_value_like(cell.text) and previous >= 0:
            if cells[previous].kind == "bar":
                before_label.append(previous)
            elif cells[previous].kind == "text" and L.is_value_like(cells[previous].text):
                direct += 1
        previous = i
    if direct == 0:
        for i in before_label:
            cells[i] = cells[i]._replace(kind="gap")


def _bar_separated(region: Sequence[Cell]) -> bool:
    values = [c for c in region if c.kind == "text" and L.is_value_like(c.text)]
    bars = sum(1 for c in region if c.kind == "bar")
    piped = sum(1 for c in values if c.piped)
    return bars > 0 and bool(values) and piped * 10 <= len(values)
