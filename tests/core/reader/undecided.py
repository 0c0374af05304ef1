"""Which cells a damaged text truly leaves undecided: found by a witness, not by the reader.

A cell is undecided when another report — as plausible as the true one — prints the very
same text and differs in that cell. The witness is searched row by row, independently of the
reader's own code: every way of printing the row's figures into its columns (a blank prints
nothing) that yields the same text and keeps the relations the true row keeps (its 总计 is
the sum of its group where the true row's is). Where section 三's column relations hold in
the true report, a witness must keep them too, so it may only trade a 0 for a blank (both
count 0). A row whose search grows too large is taken as decided (the strict choice: the
reader is then held to every cell of it).

Used by ``bench/accuracy.py`` to report the share of cells read right among the cells the
text decides — the measure issue 16 sets ("cells that a text leaves truly ambiguous are not
counted against it").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache

from gongkai.core.report import Report
from gongkai.core.report.checks import check
from gongkai.core.report.formats import APPLICANT_COLUMNS, DISPUTE_COLUMNS
from gongkai.core.report.render.layout import LayoutCell, layout

# Groups (first, total) whose total column is the sum of the columns before it.
_TOTALS = {
    "applications": ((0, 6),),
    "disputes": ((0, 4), (5, 9), (10, 14)),
    "proactive": (),
}
_FIGURE = re.compile(r"-?(?:0|[1-9]\d{0,9})(?:\.\d+)?")
_MAX_NODES = 200_000
_LONGEST = 16  # the longest figure a cell prints (digits, a point, decimals, a unit)


def keyed_rows(report: Report) -> Iterator[tuple[str, list[LayoutCell]]]:
    """The number cells of each printed row (section, cells in column order), in the order
    ``layouts._rows`` prints them (one row each, header rows included as empty lists)."""
    for table in layout(report):
        for row in table.rows():
            yield table.key, [c for c in row if c.key is not None]


def cell_key(key: str) -> str:
    """A layout cell's key (``applications.3.1.natural_person``) as ``truth.cells_of`` names
    it (``applications.3.1.0``)."""
    section, rest = key.split(".", 1)
    row, column = rest.rsplit(".", 1)
    if section == "applications":
        return f"{section}.{row}.{[c.key for c in APPLICANT_COLUMNS].index(column)}"
    if section == "disputes":
        return f"{section}.{row}.{[c.key for c in DISPUTE_COLUMNS].index(column)}"
    return key


def balanced(report: Report) -> bool:
    """Whether section 三's column relations hold (a witness must then keep every column)."""
    return not any(f.code in {"apps.balance", "apps.results_sum"} for f in check(report))


def _value(text: str) -> float:
    figure = _FIGURE.match(text)
    return float(figure.group()) if figure else 0.0


def _adds_up(texts: Sequence[str], totals: Sequence[tuple[int, int]]) -> list[bool]:
    return [
        abs(sum(_value(t) for t in texts[first:total]) - _value(texts[total])) < 1e-9
        for first, total in totals
    ]


def _witnesses(
    cells: list[LayoutCell],
    section: str,
    fixed: bool,
    following: Callable[[int, int], Iterable[tuple[str, int]]],
    end: int,
) -> set[int] | None:
    """Columns where some other printing of the row gives the same text (None: too many
    states to search). ``following(column, at)``: what the column may print from ``at`` of
    the text, with where the text then stands; ``end``: where a whole row's text ends.

    States are (column, where the text stands, the running sum of a group whose total the
    true row keeps): a witness is a path from the start to the end through them."""
    truth = [c.text for c in cells]
    n = len(cells)
    kept = [g for g, ok in zip(_TOTALS[section], _adds_up(truth, _TOTALS[section]), strict=True)
            if ok]  # fmt: skip
    part_of = {c: first for first, total in kept for c in range(first, total)}
    totals = {total for _, total in kept}
    State = tuple[int, int, float]
    seen = 0

    def moves(state: State) -> list[tuple[str, State]]:
        col, at, running = state
        out: list[tuple[str, State]] = []
        if col == n:
            return out
        for text, after in following(col, at):
            value = _value(text)
            if fixed and value != _value(truth[col]):
                continue  # the column relations hold: only a 0 may trade for a blank
            if col in totals:
                if abs(value - running) > 1e-9:
                    continue
                out.append((text, (col + 1, after, 0.0)))
            elif col in part_of:
                out.append((text, (col + 1, after, running + value)))
            else:
                out.append((text, (col + 1, after, running)))
        return out

    @cache
    def complete(state: State) -> bool:
        nonlocal seen
        seen += 1
        if seen > _MAX_NODES:
            raise _TooMany
        if state[0] == n:
            return state[1] == end
        return any(complete(following) for _, following in moves(state))

    differ: set[int] = set()
    try:
        frontier = {(0, 0, 0.0)} if complete((0, 0, 0.0)) else set()
        while frontier:
            nxt: set[State] = set()
            for state in frontier:
                for text, following_state in moves(state):
                    if complete(following_state):
                        if text != truth[state[0]]:
                            differ.add(state[0])
                        nxt.add(following_state)
            frontier = nxt
    except _TooMany:
        return None
    return differ


class _TooMany(Exception):
    pass


def run_together(report: Report) -> set[str]:
    """Cells ``damaged.run_together`` leaves undecided: its rows print their figures glued."""
    fixed_apps = balanced(report)
    out: set[str] = set()
    for section, cells in keyed_rows(report):
        if not cells:
            continue
        printed = "".join(c.text for c in cells)
        # A column prints nothing or a figure of the glued text, with the unit it prints.
        units = [_FIGURE.sub("", c.text, count=1) for c in cells]

        def following(
            col: int, at: int, printed: str = printed, units: list[str] = units
        ) -> Iterator[tuple[str, int]]:
            unit = units[col]
            after = len(units) - col - 1  # columns left after this one
            if len(printed) - at <= after * _LONGEST:
                yield "", at
            for end in range(at + 1, min(len(printed), at + _LONGEST) + 1):
                piece = printed[at:end]
                if len(printed) - end > after * _LONGEST or not piece.endswith(unit):
                    continue
                if _FIGURE.fullmatch(piece.removesuffix(unit) or "x"):
                    yield piece, end

        fixed = fixed_apps and section == "applications"
        out |= {cell_key(cells[i].key or "") for i in _witnesses(
            cells, section, fixed, following, len(printed)) or ()}  # fmt: skip
    return out


def dropped_blank(section: str, cells: list[LayoutCell], fixed: bool) -> set[str]:
    """Cells of a row printed without its blank cells (``| 规范性文件 | 34 | 189 |``) that
    another placement of the same figures, in the same order, would fill otherwise."""
    shown = [c.text for c in cells if c.text]

    def following(col: int, placed: int) -> list[tuple[str, int]]:
        out = [(shown[placed], placed + 1)] if placed < len(shown) else []
        if len(shown) - placed < len(cells) - col:
            out.append(("", placed))
        return out

    found = _witnesses(cells, section, fixed, following, len(shown))
    return {cell_key(cells[i].key or "") for i in found or ()}
