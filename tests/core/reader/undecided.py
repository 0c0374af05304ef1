"""Which cells a damaged text truly leaves undecided: found by a witness, not by the reader.

A cell is undecided when another report — as plausible as the true one — prints the very
same text and differs in that cell. The witness is searched row by row, independently of the
reader's own code: every way of printing the row's figures into its columns (a blank prints
nothing) that yields the same text and keeps the relations the true row keeps (its 总计 is
the sum of its group where the true row's is). Where section 三's column relations hold in
the true report, a witness must keep them too: it may trade a 0 for a blank (both count 0),
or cut every row that prints the same figures the same other way where the relations hold.
The search is strict, a lower bound of what is undecided: a row whose search grows too
large is taken as decided, and witnesses that re-cut several rows of different figures at
once ("000011112" and "000011011" in rows 1 and 3.5.5 both read with 11 and 1 swapped) are
not sought, so the reader is held to some cells that no text decides.

Used by ``bench/accuracy.py`` to report the share of cells read right among the cells the
text decides — the measure issue 16 sets ("cells that a text leaves truly ambiguous are not
counted against it").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache

from gongkai.core.report import Report
from gongkai.core.report.formats import APPLICANT_COLUMNS, DISPUTE_COLUMNS, FORMATS
from gongkai.core.report.model import Cell
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
    return _relations_hold(report.applications or {}, FORMATS[report.format].leaf_result_keys)


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
    if fixed_apps:
        out |= _columns_traded(report)
    return out


def _columns_traded(report: Report) -> set[str]:
    """Cells of section 三 that change when every row printing the same glued figures is cut
    the same other way, where the column relations still hold ("000011011" in rows 1, 3.6 and
    3.7 reads 0 0 0 0 11 0 11 or 0 0 0 0 1 10 11 alike)."""
    rows = {key: cells for key, cells in _application_rows(report)}
    by_print: dict[str, list[str]] = {}
    for key, cells in rows.items():
        by_print.setdefault("".join(c.text for c in cells), []).append(key)
    out: set[str] = set()
    for printed, keys in by_print.items():
        if not printed.strip("0"):
            continue  # zeros only: the per-row search has weighed them
        truth = [c.text for c in rows[keys[0]]]
        for other in _cuts(printed, len(truth)):
            if other == truth:
                continue
            values = [int(t) if t else None for t in other]
            applications = {**(report.applications or {}), **dict.fromkeys(keys, values)}
            if _relations_hold(applications, FORMATS[report.format].leaf_result_keys):
                out |= {cell_key(rows[k][i].key or "") for k in keys for i in range(len(truth))
                        if other[i] != truth[i]}  # fmt: skip
    return out


def _relations_hold(rows: dict[str, list[Cell]], leaves: Sequence[str]) -> bool:
    """Section 三's column relations (row 3.7 = the result rows; rows 1 + 2 = rows 3.7 + 4),
    a blank counting 0."""

    def at(key: str, c: int) -> int:
        return int(rows.get(key, [None] * 7)[c] or 0)

    return all(
        at("3.7", c) == sum(at(k, c) for k in leaves)
        and at("1", c) + at("2", c) == at("3.7", c) + at("4", c)
        for c in range(len(APPLICANT_COLUMNS))
    )


def _application_rows(report: Report) -> Iterator[tuple[str, list[LayoutCell]]]:
    for section, cells in keyed_rows(report):
        if section == "applications" and cells:
            yield (cells[0].key or "").split(".", 1)[1].rsplit(".", 1)[0], cells


def _cuts(printed: str, n: int, limit: int = 500) -> Iterator[list[str]]:
    """Ways of cutting ``printed`` into ``n`` cells (blanks allowed) whose last is the sum of
    the others (section 三's 总计): at most ``limit`` of them, from a bounded search."""
    found = nodes = 0

    def walk(at: int, taken: list[str]) -> Iterator[list[str]]:
        nonlocal found, nodes
        nodes += 1
        if found >= limit or nodes > _MAX_NODES // 10:
            return
        if len(taken) == n - 1:  # the 总计: the rest of the text, the sum of the others
            total, rest = sum(int(t or 0) for t in taken), printed[at:]
            if rest == (str(total) if total or rest else ""):
                found += 1
                yield [*taken, rest]
            return
        left = n - len(taken) - 1
        if len(printed) - at <= left * 7:
            yield from walk(at, [*taken, ""])
        for end in range(at + 1, min(len(printed), at + 7) + 1):
            piece = printed[at:end]
            if (piece == "0" or piece[0] != "0") and len(printed) - end <= left * 7:
                yield from walk(end, [*taken, piece])

    yield from walk(0, [])


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
