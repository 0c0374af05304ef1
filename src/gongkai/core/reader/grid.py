"""Columns by position in text laid out with spaces (``pdftotext -layout``, a fixed-width
print): a short row's figures placed under the columns the page's whole rows stand in.

Text extracted from a PDF with its layout keeps each figure at the character offset of its
column, on a grid of its own for each page (pages are separated by a form feed); blank cells
print nothing. The rows of the region that print every cell on their label's line give, page
by page, where each column stands; a row printing fewer figures takes a figure's column only
where the figure stands nearer to it than half the way to any other column. Anything less
clear leaves the row as it was (then placed only if its arithmetic decides it, or left out).
"""

from __future__ import annotations

from functools import cached_property
from itertools import accumulate, pairwise
from statistics import median

from gongkai.core.reader.cells import Cell
from gongkai.core.reader.rows import Row

# Figures at least this far apart on a line mark a print laid out with spaces.
_SPACED = "   "


class Grid:
    """Where the columns of a region stand on each page of a text laid out with spaces (told
    only when a row needs it: most rows print every cell, or mark their blanks)."""

    def __init__(self, lines: PageLines, rows: list[Row], width: int) -> None:
        self._lines = lines
        self._rows = rows
        self._width = width
        self._columns: dict[int, list[float]] | None = None

    def _x(self, cell: Cell) -> float:
        return (cell.start + cell.end) / 2 - self._lines.starts[cell.line]

    def _page(self, cell: Cell) -> int:
        return self._lines.pages[cell.line]

    def _grid(self) -> dict[int, list[float]]:
        if self._columns is not None:
            return self._columns
        width = self._width
        whole: dict[int, list[list[float]]] = {}
        every: dict[int, list[float]] = {}
        for row in self._rows:
            figures = _one_line(row)
            if figures is None or len(figures) > width:
                continue
            page = self._page(figures[0])
            xs = [self._x(c) for c in figures]
            every.setdefault(page, []).extend(xs)
            if len(figures) == width:
                whole.setdefault(page, []).append(xs)
        self._columns = {}
        for page, xs in every.items():
            # The figures' places fall in as many clusters as columns (each column printing
            # something on the page somewhere); else the page's whole rows tell them.
            clusters = _clusters(sorted(xs))
            if len(clusters) == width:
                self._columns[page] = [median(c) for c in clusters]
            elif page in whole:
                self._columns[page] = [median(x[c] for x in whole[page]) for c in range(width)]
        return self._columns

    def place(self, row: Row) -> list[Cell] | None:
        """``row``'s cells with a blank in each column it prints nothing in, by position; None
        where its page has no grid or a figure's column is not clear."""
        figures = _one_line(row)
        if figures is None or not 0 < len(figures) < self._width:
            return None
        columns = self._grid().get(self._page(figures[0]))
        if columns is None or any(b <= a for a, b in pairwise(columns)):
            return None
        out: list[Cell] = [Cell("", "blank", figures[0].line, False, False)] * self._width
        taken = -1
        for cell in figures:
            x = self._x(cell)
            c = min(range(self._width), key=lambda i: abs(columns[i] - x))
            others = [abs(columns[i] - x) for i in range(self._width) if i != c]
            if c <= taken or abs(columns[c] - x) * 2 >= min(others):
                return None  # out of order, or as near to another column as to its own
            out[c] = cell
            taken = c
        return out


class PageLines:
    """Each line's start in a text and its page: told once per text, for every grid of its
    sections, and only if a row needs its place (most rows print every cell)."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def _lines(self) -> list[str]:
        return self._text.split("\n")

    @cached_property
    def starts(self) -> list[int]:
        return list(accumulate((len(line) + 1 for line in self._lines), initial=0))

    @cached_property
    def pages(self) -> list[int]:
        # (a page's first line opens with the form feed: it counts for its own line)
        return list(accumulate(int("\f" in line) for line in self._lines))


def page_lines(text: str) -> PageLines | None:
    """The text's line index if it is laid out with spaces (figures apart by runs of them),
    else None: no grid places its rows."""
    return PageLines(text) if _SPACED in text else None


_APART = 2.0  # a column's figures stand within this many characters of each other


def _clusters(xs: list[float]) -> list[list[float]]:
    """``xs`` (sorted) in groups, a new group where the next stands more than ``_APART``
    from the last."""
    out: list[list[float]] = []
    for x in xs:
        if out and x - out[-1][-1] <= _APART:
            out[-1].append(x)
        else:
            out.append([x])
    return out


def _one_line(row: Row) -> list[Cell] | None:
    """The row's figures when they stand on one line (its label's, or one line of a label
    wrapped around them), with no blank cell marked and with known offsets (empty lines aside);
    else None."""
    figures = [t for t in row.tokens if t.kind != "gap"]
    if not figures:
        return None
    line = figures[0].line
    for _, kind, at, _, _, _, start, _ in figures:
        if kind != "text" or start < 0 or at != line:
            return None  # (most rows: their figures one to a line)
    return figures
