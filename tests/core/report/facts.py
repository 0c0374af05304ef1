"""Hypothesis strategies for the facts the report is computed from."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from gongkai.core.outcomes import OUTCOMES
from gongkai.core.report.compute import (
    APPLICANT_TYPES,
    DISPUTE_KINDS,
    DISPUTE_RESULTS,
    CaseFact,
    DisputeFact,
)

FIRST, LAST = date(2018, 6, 1), date(2024, 6, 30)
DAYS = st.dates(min_value=FIRST, max_value=LAST)
# Most cases take days or weeks; a few run over a year (litigation, a lost file).
DURATION = st.one_of(st.integers(0, 60), st.integers(0, 500))


@st.composite
def case_fact(draw: st.DrawFn, id: int = 0) -> CaseFact:
    received = draw(DAYS)
    concluded = None
    if draw(st.integers(0, 9)):  # one in ten is still open
        concluded = received + timedelta(days=draw(DURATION))
    return CaseFact(
        received=received,
        applicant_type=draw(st.sampled_from(APPLICANT_TYPES)),
        concluded=concluded,
        outcome=draw(st.sampled_from(sorted(OUTCOMES))) if concluded else None,
        id=id,
    )


@st.composite
def case_facts(draw: st.DrawFn, max_size: int = 60) -> list[CaseFact]:
    n = draw(st.integers(0, max_size))
    return [draw(case_fact(i)) for i in range(n)]


@st.composite
def dispute_fact(draw: st.DrawFn, id: int = 0) -> DisputeFact:
    filed = draw(DAYS)
    decided = result = None
    if draw(st.booleans()):
        decided = filed + timedelta(days=draw(DURATION))
        result = draw(st.sampled_from(DISPUTE_RESULTS))
    return DisputeFact(
        kind=draw(st.sampled_from(DISPUTE_KINDS)),  # type: ignore[arg-type]
        filed=filed,
        decided=decided,
        result=result,  # type: ignore[arg-type]
        id=id,
    )


@st.composite
def dispute_facts(draw: st.DrawFn, max_size: int = 20) -> list[DisputeFact]:
    n = draw(st.integers(0, max_size))
    return [draw(dispute_fact(i)) for i in range(n)]
