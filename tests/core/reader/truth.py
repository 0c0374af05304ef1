"""Comparing a reading with the report it was generated from, cell by cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.strategies import SearchStrategy

from gongkai.core.reader import Reading
from gongkai.core.report import Report

SECTIONS = ("proactive", "applications", "disputes")


def drawn[T](strategy: SearchStrategy[T], count: int, at: int) -> list[T]:
    """``count`` examples of ``strategy``, the same ones for the same seed (``at``): fixed
    inputs for a bench or a test that reads each of them."""
    out: list[T] = []

    @seed(at)
    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(strategy)
    def collect(example: T) -> None:
        if len(out) < count:
            out.append(example)

    collect()
    return out


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
