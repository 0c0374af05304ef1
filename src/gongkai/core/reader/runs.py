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
from operator import itemgetter

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
    readings: list[tuple[str | None, ...]] | None = None,
) -> list[set[tuple[str, int] | None]] | None:
    """``_split``, of figures run together where a blank between two of them, if any, stands
    between two cells ("200 000121": 20 | 0 | 0 0 0 1 21, a web archive keeping some of the
    page's blanks): no figure spans it. Offsets are in ``figures`` as given."""
    if " " not in figures:
        return _split(figures, kinds, totals, readings, ())
    source = digit_offsets(figures)  # each digit's offset in ``figures``
    digits = figures.replace(" ", "")
    # (where a piece ends: a digit followed by a blank)
    breaks = tuple(i + 1 for i, at in enumerate(source[:-1]) if figures[at + 1] == " ")
    found = _split(digits, kinds, totals, readings, breaks)
    if found is None:
        return None
    return [{None if f is None else (f[0], source[f[1]]) for f in column} for column in found]


def digit_offsets(figures: str) -> list[int]:
    """Where each character of ``figures`` but its blanks stands in it."""
    return [i for i, ch in enumerate(figures) if ch != " "]


def _split(
    figures: str,
    kinds: Sequence[str],
    totals: Sequence[tuple[int, int]],
    readings: list[tuple[str | None, ...]] | None,
    breaks: tuple[int, ...],
) -> list[set[tuple[str, int] | None]] | None:
    """For each column, the set of figures (with their offsets; None: blank) it takes in some
    consistent reading;
    None when no reading is consistent (or the search is too large to be sure).

    ``totals``: (first, total) — column ``total`` is the sum of columns ``first`` … ``total-1``.
    Any column may have printed nothing: a blank hidden among figures run together leaves no
    trace, so readings with blanks are always weighed (a reading without blanks that meets the
    totals may put a 0 where nothing was printed).
    ``readings``, if given, receives
    every consistent reading (the figure of each column) when there are at most
    ``MAX_READINGS``. ``breaks``: where a cell must end (no figure runs across).
    """
    n = len(kinds)
    total_of: dict[int, int] = {}  # total column → first column of its group
    starts: set[int] = set()
    for first, total in totals:
        total_of[total] = first
        starts.add(first)
    length = len(figures)
    # The end a figure starting at each offset may reach (the next break, else the end).
    reach = [length] * (length + 1)
    stops = set(breaks)
    for q in range(length - 1, -1, -1):
        reach[q] = q + 1 if q + 1 in stops else reach[q + 1]
    states = 0
    # The last group, when it ends the row (section 三's 总计, section 四's last 总计): its
    # total is the row's last figure, so its parts are cut to add up to each candidate — a
    # figure at the end of the run (or 0) — and no part may exceed it (the search stays small).
    last = max(totals, key=itemgetter(1)) if totals else None
    capped = last is not None and last[1] == n - 1
    caps: tuple[int, ...] = (-1,)
    if last is not None and capped:
        pattern = _FIGURE.get(kinds[n - 1], _FIGURE["int"])
        ends = {figures[q:] for q in range(max(0, length - _MAX_LEN), length) if reach[q] == length}
        caps = tuple(sorted({0} | {_number(e) for e in ends if pattern.fullmatch(e)}))
    group_of = {c: first for first, total in totals for c in range(first, total + 1)}
    # A figure is congruent to the sum of its digits modulo 9, so however the parts are cut
    # they add up, modulo 9, to the sum of their digits: a total that disagrees is no total.
    nines = [0]
    for ch in figures:
        nines.append(nines[-1] + (int(ch) if ch.isdigit() else 0))

    @cache
    def options(col: int, pos: int) -> tuple[tuple[str | None, int], ...]:
        out: list[tuple[str | None, int]] = [(None, pos)]
        pattern = _FIGURE.get(kinds[col], _FIGURE["int"])
        for end in range(pos + 1, min(reach[pos], pos + _MAX_LEN) + 1):
            piece = figures[pos:end]
            if pattern.fullmatch(piece):
                out.append((piece, end))
        return tuple(out)

    State = tuple[int, int, int, int]  # column, position, running sum, cap (-1: none)

    def starting(col: int, pos: int, running: int, cap: int) -> list[State]:
        """The state entering ``col`` (a group's first column resets its sum and, in the
        last group, picks the total its parts must reach)."""
        if col < n and col in starts:
            if capped and last is not None and col == last[0]:
                return [
                    (col, pos, 0, c)
                    for c in caps
                    if (nines[_cut(c)] - nines[pos] - c) % 9 == 0 and pos <= _cut(c)
                ]
            return [(col, pos, 0, -1)]
        return [(col, pos, running, cap)]

    def moves(state: State) -> list[tuple[str | None, int, State]]:
        col, pos, running, cap = state
        out: list[tuple[str | None, int, State]] = []
        if col in total_of:
            if cap >= 0 and running != cap:
                return out
            if running == 0:  # nothing to add up: the total may be blank too
                zeros = [(p, e) for p, e in options(col, pos) if p is not None and _number(p) == 0]
                choices = [(None, pos), *zeros]
            elif figures.startswith(str(running), pos) and pos + len(str(running)) <= reach[pos]:
                choices = [(str(running), pos + len(str(running)))]
            else:
                choices = []
        else:
            choices = list(options(col, pos))
        summed = col in group_of and col not in total_of
        for piece, end in choices:
            after = running + _number(piece) if summed and piece is not None else running
            if cap >= 0 and (after > cap or not _room(col, end, cap, cap - after)):
                continue
            for following in starting(col + 1, end, after, cap):
                out.append((piece, end, following))
        return out

    def _cut(cap: int) -> int:
        """Where the last group's parts end, for that total (its figure ends the run)."""
        return length if cap == 0 else length - len(str(cap))

    def _room(col: int, end: int, cap: int, rest: int) -> bool:
        """Whether the parts after ``col`` can take the figures left before the total
        ``cap``, none of them above ``rest``."""
        if cap == 0 or col >= n - 1:
            return True
        left, parts = _cut(cap) - end, n - 2 - col
        if left <= 0 or parts <= 0:
            return left == 0
        if rest == 0:  # only zeros left, one to a column
            return left <= parts and nines[_cut(cap)] == nines[end]
        # As many figures as can share them, each no longer than the rest; the longest is
        # at least as long as an even share.
        return left <= parts * len(str(rest)) and 10 ** (-(-left // parts) - 1) <= rest

    @cache
    def complete(state: State) -> bool:
        nonlocal states
        states += 1
        if states > _MAX_STATES:
            raise _TooMany
        if state[0] == n:
            return state[1] == length
        return any(complete(following) for _, _, following in moves(state))

    try:
        entry = starting(0, 0, 0, -1)
        if not any(complete(state) for state in entry):
            return None
        # Walk the reachable states that complete, collecting each column's figures.
        found: list[set[tuple[str, int] | None]] = [set() for _ in range(n)]
        frontier = {state for state in entry if complete(state)}
        for col in range(n):
            following: set[State] = set()
            for state in frontier:
                for piece, _, after in moves(state):
                    if complete(after):
                        found[col].add(None if piece is None else (piece, state[1]))
                        following.add(after)
            frontier = following
        # The whole readings too, while they are few (to be weighed against the columns).
        whole: list[tuple[str | None, ...]] = []

        def walk(state: State, taken: tuple[str | None, ...]) -> None:
            if len(whole) > MAX_READINGS:
                return
            if state[0] == n:
                whole.append(taken)
                return
            for piece, _, after in moves(state):
                if complete(after):
                    walk(after, (*taken, piece))

        for state in entry:
            if complete(state):
                walk(state, ())
    except _TooMany:
        return None
    if readings is not None and len(whole) <= MAX_READINGS:
        readings.extend(whole)
    return found


MAX_READINGS = 400


def _number(piece: str) -> int:
    if piece.isdigit():
        return int(piece)
    figure = piece.rstrip("亿万元")
    return int(float(figure)) if "." in figure else int(figure)
