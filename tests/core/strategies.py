"""Hypothesis strategies for reports: random valid ones, and balanced ones."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from gongkai.core.report import Report
from gongkai.core.report.formats import APPLICANT_COLUMNS, DISPUTE_GROUPS, FORMATS, ReportFormat
from gongkai.core.report.model import Cell

AGENCIES = st.sampled_from(
    [
        "瓯海区人民政府",
        "兰州市人民政府",
        "西山区政务服务管理局",
        "某县统计局",
        "沅陵县二酉苗族乡人民政府",
    ]
)
COUNT = st.integers(min_value=0, max_value=5000)
MONEY = st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False)


def _cell(kind: str, blank: bool) -> st.SearchStrategy[Cell]:
    if kind == "money":
        base: st.SearchStrategy[Any] = st.one_of(COUNT, MONEY)
    elif kind == "signed":
        base = st.integers(min_value=-500, max_value=500)
    else:
        base = COUNT
    return st.one_of(st.none(), base) if blank else base


def proactive(fmt: ReportFormat, blank: bool) -> st.SearchStrategy[dict[str, dict[str, Cell]]]:
    rows = {
        row.key: st.fixed_dictionaries({c.key: _cell(c.kind, blank) for c in block.columns})
        for block in fmt.proactive
        for row in block.rows
    }
    return st.fixed_dictionaries(rows)


@st.composite
def any_report(draw: st.DrawFn) -> Report:
    """A valid report with random cells (blanks allowed) and random rows/sections left out."""
    fmt = draw(st.sampled_from(list(FORMATS.values())))
    cell = st.one_of(st.none(), COUNT)
    keys = draw(st.lists(st.sampled_from(fmt.application_keys), unique=True))
    applications = {k: draw(st.lists(cell, min_size=7, max_size=7)) for k in keys}
    disputes = {
        g.key: draw(st.lists(cell, min_size=5, max_size=5))
        for g in DISPUTE_GROUPS
        if draw(st.booleans())
    }
    return Report(
        agency=draw(AGENCIES),
        year=draw(st.integers(2019, 2020) if fmt.key == "2019" else st.integers(2021, 2030)),
        format=fmt.key,
        proactive=draw(st.one_of(st.none(), proactive(fmt, blank=True))),
        applications=draw(st.sampled_from([None, applications])),
        disputes=draw(st.sampled_from([None, disputes])),
    )


@st.composite
def balanced_report(draw: st.DrawFn, fmt_key: str | None = None) -> Report:
    """A full report that passes every error-level check."""
    fmt = FORMATS[fmt_key] if fmt_key else draw(st.sampled_from(list(FORMATS.values())))
    small = st.integers(min_value=0, max_value=300)
    leaves = {k: [draw(small) for _ in range(6)] for k in fmt.leaf_result_keys}
    concluded = [sum(leaves[k][c] for k in leaves) for c in range(6)]
    carried_over = [draw(small) for _ in range(6)]
    carried_forward = [draw(st.integers(0, concluded[c] + carried_over[c] + 50)) for c in range(6)]
    received = [max(0, concluded[c] + carried_forward[c] - carried_over[c]) for c in range(6)]
    # Keep the identity exact: raise the carry-over where received would have gone negative.
    carried_over = [concluded[c] + carried_forward[c] - received[c] for c in range(6)]

    def row(cells: list[int]) -> list[Cell]:
        return [*cells, sum(cells)]

    applications: dict[str, list[Cell]] = {
        "1": row(received),
        "2": row(carried_over),
        **{k: row(v) for k, v in leaves.items()},
        "3.7": row(concluded),
        "4": row(carried_forward),
    }
    disputes: dict[str, list[Cell]] = {}
    for g in DISPUTE_GROUPS:
        four = [draw(st.integers(0, 20)) for _ in range(4)]
        disputes[g.key] = [*four, sum(four)]
    assert len(APPLICANT_COLUMNS) == 7
    return Report(
        agency=draw(AGENCIES),
        year=2020 if fmt.key == "2019" else draw(st.integers(2021, 2030)),
        format=fmt.key,
        proactive=draw(proactive(fmt, blank=False)),
        applications=applications,
        disputes=disputes,
    )


@st.composite
def full_report(draw: st.DrawFn) -> Report:
    """A report with every row of its format, blanks allowed, any numbers (not balanced)."""
    fmt = draw(st.sampled_from(list(FORMATS.values())))
    cell = st.one_of(st.none(), COUNT)
    applications = {k: draw(st.lists(cell, min_size=7, max_size=7)) for k in fmt.application_keys}
    disputes = {g.key: draw(st.lists(cell, min_size=5, max_size=5)) for g in DISPUTE_GROUPS}
    year = draw(st.integers(2019, 2020) if fmt.key == "2019" else st.integers(2021, 2030))
    return Report(
        agency=draw(AGENCIES),
        year=year,
        format=fmt.key,
        proactive=draw(proactive(fmt, blank=True)),
        applications=applications,
        disputes=disputes,
    )
