"""Roll-up (汇总): the cell-wise sum of several units' reports of one format and year.

Blank + blank stays blank; blank + n = n. A row or section is present when any unit has it.
Format-2019 ``prev_items``/``change`` and format-2021 ``in_force`` are sums of the units' own
figures too: no de-duplication across units is possible from the tables alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.core.report.model import Cell, Report, Row


class RollupError(ValueError):
    pass


def add_cells(a: Cell, b: Cell) -> Cell:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _add_rows(a: Row | None, b: Row) -> Row:
    if a is None:
        return list(b)
    return [add_cells(x, y) for x, y in zip(a, b, strict=True)]


def rollup(reports: Sequence[Report], agency: str) -> Report:
    """Sum ``reports`` into one report for ``agency``; ``extra["units"]`` lists the units."""
    if not reports:
        raise RollupError("nothing to roll up: give at least one report")
    first = reports[0]
    for r in reports[1:]:
        if r.format != first.format:
            raise RollupError(
                f"cannot mix formats: {first.agency} uses {first.format}, "
                f"{r.agency} uses {r.format}"
            )
        if r.year != first.year:
            raise RollupError(
                f"cannot mix years: {first.agency} is {first.year}, {r.agency} is {r.year}"
            )
    total = Report(agency=agency, year=first.year, format=first.format)
    for r in reports:
        if r.proactive is not None:
            total.proactive = total.proactive or {}
            for row_key, cells in r.proactive.items():
                into = total.proactive.setdefault(row_key, {})
                for column, cell in cells.items():
                    into[column] = add_cells(into.get(column), cell)
        if r.applications is not None:
            total.applications = total.applications or {}
            for row_key, row in r.applications.items():
                total.applications[row_key] = _add_rows(total.applications.get(row_key), row)
        if r.disputes is not None:
            total.disputes = total.disputes or {}
            for group, row in r.disputes.items():
                total.disputes[group] = _add_rows(total.disputes.get(group), row)
    total.extra["units"] = [r.agency for r in reports]
    return total
