"""Figures run together with no separator (``行政许可3960181``), split by the table's arithmetic.

Web archives and some copy-pastes dump a table row as its label followed by all its figures
glued. Every way of cutting the figures into the row's columns is considered — a column may
always be blank (its cell printed nothing: a reading that assumes every cell printed would let
a 0 stand where the report printed nothing), a figure has no leading zero, a total column must
equal the sum of its group (section 三's 总计, section 四's 总计 of each group; a blank counts 0,
and a total may be blank where its group adds up to 0). A cell is returned only when every
consistent reading agrees on it; the others stay blank and the caller reports them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

# The figure a column of each kind may print (no leading zeros; money may have decimals).
_FIGURE = {
    "int": re.compile(r"0|[1-9]\d{0,6}"),
    "signed": re.compile(r"-?(?:0|[1-9]\d{0,5})"),
    "money": re.compile(r"(?:0|[1-9]\d{0,9})(?:\.\d{1,6})?(?:亿|万)?元?"),
}
_MAX_LEN = 17
_MAX_STATES = 200_000


class _TooMany(Exception):
    pass


def split_run(
    figures: str,
    kinds: Sequence[str],
    totals: Sequence[tuple[int, int]],
    blanks: bool = True,
    readings: list[tuple[str | None, ...]] | None = None,
) -> list[set[tuple[str, int] | None]] | None:
    """For each column, the set of figures (with their offsets; None: blank) it takes in some
    consistent reading;
    None when no reading is consistent (or the search is too large to be sure).

    ``totals``: (first, total) — column ``total`` is the sum of columns ``first`` … ``total-1``.
    ``blanks`` is not used: any column may have printed nothing, a blank hidden among figures
    run together leaves no trace, so readings with blanks are always weighed (a reading
    without blanks that meets the totals may put a 0 where nothing was printed).
    ``readings``, if given, receives
    every consistent reading (the figure of each column) when there are at most
    ``MAX_READINGS``.
    """
    del blanks  # see above: never assumed away
    blanks = True
    n = len(kinds)
    total_of: dict[int, int] = {}  # total column → first column of its group
    starts: set[int] = set()
    for first, total in totals:
        total_of[total] = first
        starts.add(first)
    length = len(figures)
    states = 0

    @cache
    def options(col: int, pos: int) -> tuple[tuple[str | None, int], ...]:
        out: list[tuple[str | None, int]] = [(None, pos)] if blanks else []
        pattern = _FIGURE.get(kinds[col], _FIGURE["int"])
        for end in range(pos + 1, min(length, pos + _MAX_LEN) + 1):
            piece = figures[pos:end]
            if pattern.fullmatch(piece):
                out.append((piece, end))
        return tuple(out)

    @cache
    def complete(col: int, pos: int, running: int, seen: bool) -> bool:
        nonlocal states
        states += 1
        if states > _MAX_STATES:
            raise _TooMany
        if col == n:
            return pos == length
        if n - col > 0 and pos > length:
            return False
        if col in starts:
            running, seen = 0, False
        for piece, end in _choices(col, pos, running, seen):
            if complete(col + 1, end, *_carry(col, piece, running, seen)):
                return True
        return False

    def _choices(
        col: int, pos: int, running: int, seen: bool
    ) -> tuple[tuple[str | None, int], ...]:
        if col in total_of:
            if running == 0 and blanks:
                zeros = [(p, e) for p, e in options(col, pos) if p is not None and _number(p) == 0]
                return ((None, pos), *zeros)
            expected = str(running)
            if figures.startswith(expected, pos):
                return ((expected, pos + len(expected)),)
            return ()
        return options(col, pos)

    def _carry(col: int, piece: str | None, running: int, seen: bool) -> tuple[int, bool]:
        if piece is None or col in total_of:
            return running, seen
        return running + _number(piece), True

    try:
        if not complete(0, 0, 0, False):
            return None
        # Walk the reachable states that complete, collecting each column's figures.
        found: list[set[tuple[str, int] | None]] = [set() for _ in range(n)]
        frontier = {(0, 0, 0, False)}
        for col in range(n):
            following: set[tuple[int, int, int, bool]] = set()
            for _, pos, running, seen in frontier:
                if col in starts:
                    running, seen = 0, False
                for piece, end in _choices(col, pos, running, seen):
                    state = (col + 1, end, *_carry(col, piece, running, seen))
                    if complete(*state):
                        found[col].add(None if piece is None else (piece, pos))
                        following.add(state)
            frontier = following
        # The whole readings too, while they are few (to be weighed against the columns).
        whole: list[tuple[str | None, ...]] = []

        def walk(
            col: int, pos: int, running: int, seen: bool, taken: tuple[str | None, ...]
        ) -> None:
            if len(whole) > MAX_READINGS:
                return
            if col == n:
                whole.append(taken)
                return
            if col in starts:
                running, seen = 0, False
            for piece, end in _choices(col, pos, running, seen):
                state = (col + 1, end, *_carry(col, piece, running, seen))
                if complete(*state):
                    walk(*state, (*taken, piece))

        walk(0, 0, 0, False, ())
    except _TooMany:
        return None
    if readings is not None and len(whole) <= MAX_READINGS:
        readings.extend(whole)
    return found


MAX_READINGS = 400


def _number(piece: str) -> int:
    figure = piece.rstrip("亿万元")
    return int(float(figure)) if "." in figure else int(figure)
