"""Comparing a reading with the report it was generated from, cell by cell."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.internal.conjecture import providers
from hypothesis.strategies import SearchStrategy

from gongkai.core.reader import Reading
from gongkai.core.report import Report

SECTIONS = ("proactive", "applications", "disputes")


def drawn[T](strategy: SearchStrategy[T], count: int, at: int) -> list[T]:
    """``count`` examples of ``strategy``, the same ones for the same seed (``at``): fixed
    inputs for a bench or a test that reads each of them — whatever the code under test holds
    (see ``_without_code_constants``)."""
    out: list[T] = []

    @seed(at)
    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(strategy)
    def collect(example: T) -> None:
        if len(out) < count:
            out.append(example)

    with _without_code_constants():
        collect()
    return out


@contextmanager
def _without_code_constants() -> Iterator[None]:
    """Hypothesis sometimes draws a literal of the project's own modules (a threshold, a year):
    good for finding bugs, but then adding a constant to the reader changes the reports a bench
    measures on. There is no setting to turn it off, so for fixed draws the pool of the
    project's constants is emptied (a private hook: `test_drawn_ignores_code_constants` fails
    if Hypothesis renames it)."""
    original = providers._get_local_constants
    providers._get_local_constants = lambda: providers.Constants()
    providers.CONSTANTS_CACHE.cache.clear()
    try:
        yield
    finally:
        providers._get_local_constants = original
        providers.CONSTANTS_CACHE.cache.clear()


def cells_of(report: Report | None) -> dict[str, Any]:
    """``section.row.column`` → value, for every cell of the three tables."""
    out: dict[str, Any] = {}
    if report is None:
        return out
    for key, row in (report.proactive or {}).items():
        for column, value in row.items():
            out[f"proactive.{key}.{column}"] = value
    for key, values in (report.applications or {}).items():
        for i, value in enumerate(values):
            out[f"applications.{key}.{i}"] = value
    for key, values in (report.disputes or {}).items():
        for i, value in enumerate(values):
            out[f"disputes.{key}.{i}"] = value
    return out


@dataclass
class Score:
    cells: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)  # missing with no finding


def score(reading: Reading, report: Report) -> Score:
    truth = cells_of(report)
    got = cells_of(reading.report)
    wheres = [f.where for f in reading.findings]
    s = Score(cells=len(truth))
    s.invented = [cell for cell in got if cell not in truth]
    for cell, want in truth.items():
        have = got.get(cell)
        if cell in got and have == want:
            s.right += 1
            continue
        if cell in got and have is not None:
            s.wrong.append(f"{cell}: {have!r} ≠ {want!r}")
            continue
        if want is None:
            continue  # a blank cell not returned loses no number
        section, row = cell.split(".")[0], ".".join(cell.split(".")[1:-1])
        explained = any(
            w == section or w == f"{section}.{row}" or w.startswith(f"{section}.{row}.")
            for w in wheres
        )
        if not explained:
            s.unexplained.append(cell)
    return s
