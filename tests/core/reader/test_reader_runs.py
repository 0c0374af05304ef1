"""split_run on its own: every reading with blanks is weighed, the true one is never lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reader.runs import split_run

KINDS = ["int"] * 7
TOTALS = ((0, 6),)


def _printed(cells: list[int | None]) -> str:
    return "".join(str(c) for c in cells if c is not None)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(0, 400)), min_size=6, max_size=6),
    st.booleans(),
)
def test_the_true_reading_is_always_among_the_readings(
    parts: list[int | None], blank_total: bool
) -> None:
    total = sum(p or 0 for p in parts)
    cells = [*parts, None if blank_total and total == 0 else total]
    readings: list[tuple[str | None, ...]] = []
    found = split_run(_printed(cells), KINDS, TOTALS, readings=readings)
    assert found is not None
    truth = tuple(None if c is None else str(c) for c in cells)
    if readings:
        assert truth in readings
    for c, options in enumerate(found):
        assert (None if cells[c] is None else str(cells[c])) in {
            None if o is None else o[0] for o in options
        }


def test_a_zero_beside_a_blank_is_undecided_and_zeros_after_the_sum_are_kept() -> None:
    # 5 0 0 … 5: the zeros may stand in any two of the five columns after the 5.
    found = split_run("5005", KINDS, TOTALS)
    assert found is not None
    assert found[0] == {("5", 0), None} or None in found[1]
    assert found[6] == {("5", 3)}
    # Seven zeros: one to a column, no room for a blank.
    found = split_run("0000000", KINDS, TOTALS)
    assert found is not None and all(f == {("0", i)} for i, f in enumerate(found))
    # A total the digits cannot add up to (mod 9) has no reading.
    assert split_run("12349", KINDS, TOTALS) is None
