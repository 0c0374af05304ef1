"""Sections 二, 三 and 四 of an annual report computed from the platform's own records.

The app turns its case and dispute records into plain facts (``CaseFact``, ``DisputeFact``) and
this module counts them by the rules of ``annual-report.md``; nothing here reads a clock, a
database or settings. The counting is one classification per fact (``case_rows`` /
``dispute_cells``), so the totals and the drill-down (``cell_members``) can never disagree.

Section 三 (applications), for the reporting year Y (1 January – 31 December):

- row ``1`` 本年新收: received in Y. An application split under 一事一申请 is one fact per part.
- row ``2`` 上年结转: received before Y and not concluded before 1 January of Y — open on
  1 January. It always equals last year's row ``4`` counted from the same facts.
- result rows: concluded in Y, in the row of its outcome (``outcomes.report_row``: a ``3.6.x``
  outcome counts in ``3.6`` in a 2019-format year); row ``3.7`` is their sum.
- row ``4`` 结转下年度继续办理: received by 31 December of Y and not concluded by then.

So every fact counted in Y is in exactly one of rows 1/2 and one of 3.7/4, and
``1 + 2 = 3.7 + 4`` holds in every column by construction. An application received in
December and concluded in January counts in rows 1 and 4 of the first year, and in row 2 and
its result row of the next.

A reopened case (its decision corrected after 行政复议 or 行政诉讼) is not a new application:
the fact keeps the date and outcome of its *first* conclusion, and the new decision changes no
row of any year. The correction itself is counted in section 四 (结果纠正). Counting the new
decision instead would move a case already reported as concluded back into a past year's
row 4, and a published report would no longer follow from the records.

Migration (the platform's first year): the office's last published report, read back with
the reader, gives row ``2`` (``carried_over`` = its row ``4``). The cases received before the
platform started are absent from the facts except those the office enters to finish them
(received before Y, still open). Per column, the entered ones may fall short of the published
figure; the shortfall (``untracked_carry_over``) has no record of being concluded on the
platform, so it stays in row ``4`` — the balance and ``carry.continuity`` hold, and the app
shows the shortfall so that the office enters the missing applications. More entered open
applications than the published figure is an error (``CarryOverError``): a published number
is never lowered.

Section 四 (行政复议、行政诉讼), for the year Y: a dispute counts in the year it was *filed*
(申请复议 / 起诉). Decided by 31 December of Y, it counts under its result (结果维持 / 结果纠正 /
其他结果); not decided by then it counts as 尚未审结 — also when the report is recomputed after
the decision, so a published year never changes — and it is not counted again in the year of
its decision. 总计 is the sum of the four. ``DISPUTE_RULE`` states this for the report's notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from gongkai.core import outcomes
from gongkai.core.report.formats import (
    APPLICANT_COLUMNS,
    DISPUTE_COLUMNS,
    DISPUTE_GROUPS,
    TOTAL_INDEX,
    ReportFormat,
    format_for_year,
    get_format,
)
from gongkai.core.report.model import Cell, Report, Row

CaseId = str | int
DisputeKind = Literal["review", "litigation_direct", "litigation_after_review"]
DisputeResult = Literal["upheld", "corrected", "other"]

# The six applicant columns, as the app names them (the official column labels).
APPLICANT_TYPES: tuple[str, ...] = tuple(c.label for c in APPLICANT_COLUMNS[:TOTAL_INDEX])
DISPUTE_KINDS: tuple[str, ...] = tuple(g.key for g in DISPUTE_GROUPS)
DISPUTE_RESULTS: tuple[str, ...] = ("upheld", "corrected", "other")

# The counting rules in the words the report's notes print (data, never gettext).
APPLICATION_RULE = (
    "本年新收申请按收到申请的日期统计；上年结转为上年度收到、截至本年1月1日尚未办结的申请；"
    "办理结果按本年度办结的申请及其办理结果统计；结转下年度继续办理为截至本年12月31日尚未办结的申请。"
    "因行政复议、行政诉讼被纠正后重新作出答复的，不作为新收申请，也不重复统计办理结果。"
)
DISPUTE_RULE = (
    "行政复议、行政诉讼案件按申请复议或起诉的日期统计在当年；截至本年12月31日尚未作出决定或裁判的，"
    "统计为“尚未审结”，此后审结的不在审结年度重复统计。"
)


class CarryOverError(ValueError):
    """The records hold more applications open on 1 January than the published row 4 says."""

    def __init__(self, column: str, known: int, published: int) -> None:
        super().__init__(
            f"“{column}”列：平台记录中截至1月1日尚未办结的申请有{known}件，"
            f"多于上年度报告公布的结转数{published}件"
        )
        self.column = column
        self.known = known
        self.published = published


@dataclass(frozen=True)
class CaseFact:
    """One application (one part of a split application) as the report counts it.

    ``concluded`` / ``outcome`` are the *first* conclusion and its outcome code
    (``gongkai.core.outcomes``); a later reopening does not change them (see the module doc).
    ``applicant_type`` is one of ``APPLICANT_TYPES``. ``id`` names the case for drill-down.
    """

    received: date
    applicant_type: str
    concluded: date | None = None
    outcome: str | None = None
    id: CaseId | None = None

    def __post_init__(self) -> None:
        if self.applicant_type not in APPLICANT_TYPES:
            raise ValueError(
                f"unknown applicant type {self.applicant_type!r} "
                f"(expected one of {'、'.join(APPLICANT_TYPES)})"
            )
        if self.concluded is not None:
            if self.outcome is None:
                raise ValueError(f"case {self.id!r}: a concluded case needs its outcome")
            outcomes.get(self.outcome)
            if self.concluded < self.received:
                raise ValueError(f"case {self.id!r}: concluded before it was received")


@dataclass(frozen=True)
class DisputeFact:
    """One 行政复议 or 行政诉讼 about disclosure; ``result`` is set once it is decided."""

    kind: DisputeKind
    filed: date
    decided: date | None = None
    result: DisputeResult | None = None
    id: CaseId | None = None

    def __post_init__(self) -> None:
        if self.kind not in DISPUTE_KINDS:
            raise ValueError(f"unknown dispute kind {self.kind!r}")
        if (self.decided is None) != (self.result is None):
            raise ValueError(f"dispute {self.id!r}: a decision date and a result go together")
        if self.result is not None and self.result not in DISPUTE_RESULTS:
            raise ValueError(f"unknown dispute result {self.result!r}")
        if self.decided is not None and self.decided < self.filed:
            raise ValueError(f"dispute {self.id!r}: decided before it was filed")


def _format(year: int, fmt: ReportFormat | str | None) -> ReportFormat:
    if fmt is None:
        return format_for_year(year)
    return get_format(fmt) if isinstance(fmt, str) else fmt


# -- section 三 ----------------------------------------------------------------------------


def case_rows(fact: CaseFact, year: int, fmt: ReportFormat | str | None = None) -> tuple[str, ...]:
    """The rows of ``year``'s section 三 that ``fact`` counts in (empty if none)."""
    spec = _format(year, fmt)
    start, end = date(year, 1, 1), date(year, 12, 31)
    if fact.received > end or (fact.concluded is not None and fact.concluded < start):
        return ()
    rows = ["1" if fact.received >= start else "2"]
    if fact.concluded is not None and fact.concluded <= end:
        assert fact.outcome is not None  # checked in __post_init__
        rows += [outcomes.report_row(fact.outcome, spec.key), "3.7"]
    else:
        rows.append("4")
    return tuple(rows)


def _column_index(column: str | int) -> int:
    if isinstance(column, int):
        if not 0 <= column < len(APPLICANT_COLUMNS):
            raise IndexError(column)
        return column
    for i, c in enumerate(APPLICANT_COLUMNS):
        if column in (c.key, c.label):
            return i
    raise KeyError(f"unknown column {column!r}")


def _zero_rows(spec: ReportFormat) -> dict[str, list[int]]:
    return {key: [0] * len(APPLICANT_COLUMNS) for key in spec.application_keys}


def _count(facts: Iterable[CaseFact], year: int, spec: ReportFormat) -> dict[str, list[int]]:
    rows = _zero_rows(spec)
    for fact in facts:
        column = APPLICANT_TYPES.index(fact.applicant_type)
        for key in case_rows(fact, year, spec):
            rows[key][column] += 1
            rows[key][TOTAL_INDEX] += 1
    return rows


def _carried(carried_over: Sequence[Cell]) -> list[int]:
    """Last year's row 4 as six applicant counts (blank as 0; the total is recomputed)."""
    if len(carried_over) not in (TOTAL_INDEX, len(APPLICANT_COLUMNS)):
        raise ValueError(f"carried_over needs 6 or 7 cells, got {len(carried_over)}")
    out = []
    for cell in carried_over[:TOTAL_INDEX]:
        if cell is None:
            out.append(0)
        elif isinstance(cell, int) and cell >= 0:
            out.append(cell)
        else:
            raise ValueError(f"carried_over cells are counts, got {cell!r}")
    return out


def _untracked(known: Sequence[int], carried_over: Sequence[Cell]) -> list[int]:
    published = _carried(carried_over)
    gap = []
    for i, column in enumerate(APPLICANT_TYPES):
        if known[i] > published[i]:
            raise CarryOverError(column, known[i], published[i])
        gap.append(published[i] - known[i])
    return [*gap, sum(gap)]


def untracked_carry_over(
    facts: Iterable[CaseFact], year: int, carried_over: Sequence[Cell]
) -> list[int]:
    """Per column (7 cells, 总计 last): published carry-over without an open case on record."""
    return _untracked(_count(facts, year, format_for_year(year))["2"], carried_over)


def compute_applications(
    facts: Iterable[CaseFact],
    year: int,
    *,
    fmt: ReportFormat | str | None = None,
    carried_over: Sequence[Cell] | None = None,
) -> dict[str, Row]:
    """Section 三 for ``year``: every row of the format, 7 cells each, no blanks.

    ``carried_over`` is last year's *published* row ``4`` (6 or 7 cells) when last year was not
    computed from these facts; row ``2`` then equals it (see the module doc). Blank cells count
    as 0 and the 总计 is the sum of the six columns: a published 总计 that disagrees is that
    report's own ``apps.row_total`` error, and ``carry.continuity`` will name it.
    """
    spec = _format(year, fmt)
    rows = _count(facts, year, spec)
    if carried_over is not None:
        gap = _untracked(rows["2"], carried_over)
        for i, n in enumerate(gap):
            rows["2"][i] += n
            rows["4"][i] += n
    return {key: list[Cell](cells) for key, cells in rows.items()}


def cell_members(
    facts: Iterable[CaseFact],
    year: int,
    row_key: str,
    column: str | int,
    *,
    fmt: ReportFormat | str | None = None,
) -> list[CaseId]:
    """The ids of the cases counted in one cell of section 三, in the order given.

    ``column`` is a column key (``natural_person`` … ``total``), its label (自然人 … 总计) or its
    index. Untracked carry-over (``untracked_carry_over``) has no case, so it has no member.
    """
    spec = _format(year, fmt)
    if row_key not in spec.application_keys:
        raise KeyError(f"format {spec.key} has no row {row_key!r}")
    index = _column_index(column)
    out: list[CaseId] = []
    for fact in facts:
        if index != TOTAL_INDEX and APPLICANT_TYPES.index(fact.applicant_type) != index:
            continue
        if row_key in case_rows(fact, year, spec):
            if fact.id is None:
                raise ValueError("drill-down needs an id on every fact")
            out.append(fact.id)
    return out


# -- section 四 ----------------------------------------------------------------------------

_DISPUTE_INDEX = {c.key: i for i, c in enumerate(DISPUTE_COLUMNS)}


def dispute_cells(fact: DisputeFact, year: int) -> tuple[str, ...]:
    """The columns of its group that ``fact`` counts in for ``year`` (empty if another year)."""
    if fact.filed.year != year:
        return ()
    decided = fact.decided is not None and fact.decided <= date(year, 12, 31)
    return (fact.result if decided and fact.result else "pending", "total")


def compute_disputes(facts: Iterable[DisputeFact], year: int) -> dict[str, Row]:
    """Section 四 for ``year``: the three groups, 5 cells each, by year of filing."""
    rows = {kind: [0] * len(DISPUTE_COLUMNS) for kind in DISPUTE_KINDS}
    for fact in facts:
        for column in dispute_cells(fact, year):
            rows[fact.kind][_DISPUTE_INDEX[column]] += 1
    return {kind: list[Cell](cells) for kind, cells in rows.items()}


def dispute_members(
    facts: Iterable[DisputeFact], year: int, kind: str, column: str
) -> list[CaseId]:
    """The ids of the disputes counted in one cell of section 四 (``upheld`` … ``total``)."""
    if kind not in DISPUTE_KINDS or column not in _DISPUTE_INDEX:
        raise KeyError(f"no cell {kind!r}/{column!r} in section 四")
    out: list[CaseId] = []
    for fact in facts:
        if fact.kind == kind and column in dispute_cells(fact, year):
            if fact.id is None:
                raise ValueError("drill-down needs an id on every fact")
            out.append(fact.id)
    return out


# -- section 二 and the whole report -------------------------------------------------------


def _proactive(
    spec: ReportFormat, figures: Mapping[str, Mapping[str, Cell | float]]
) -> dict[str, dict[str, Cell]]:
    """Place the figures in the format's rows; a figure not given stays blank (a warning)."""
    rows = spec.proactive_rows
    for key in figures:
        if key not in rows:
            raise KeyError(f"format {spec.key} has no section 二 row {key!r}")
    out: dict[str, dict[str, Cell]] = {}
    for key in rows:
        given = figures.get(key, {})
        columns = spec.proactive_columns(key)
        known = {c.key for c in columns}
        for name in given:
            if name not in known:
                raise KeyError(f"section 二 row {key!r} has no column {name!r}")
        cells: dict[str, Cell] = {}
        for column in columns:
            value = given.get(column.key)
            if isinstance(value, float):
                value = Decimal(str(value))  # money typed as a float: keep what was written
            if isinstance(value, Decimal) and column.kind != "money":
                if value != value.to_integral_value():
                    raise ValueError(f"{key}.{column.key} is a count, got {value}")
                value = int(value)
            if value is not None and value < 0 and column.kind != "signed":
                raise ValueError(f"{key}.{column.key} cannot be negative ({value})")
            cells[column.key] = value
        out[key] = cells
    return out


def build_report(
    agency_name: str,
    year: int,
    *,
    applications: Mapping[str, Sequence[Cell]] | None = None,
    disputes: Mapping[str, Sequence[Cell]] | None = None,
    proactive: Mapping[str, Mapping[str, Cell | float]] | None = None,
    narrative: Mapping[str, str] | None = None,
    fmt: ReportFormat | str | None = None,
) -> Report:
    """A full report, validated against ``gongkai/annual-report@1``.

    A section not given is computed as empty (all zero for 三 and 四, all blank for 二), so the
    report always has its three tables; a section given must have every row of the format.
    ``narrative`` (section numeral → text, e.g. ``narrative.draft(...).sections()``) is kept in
    ``extra["narrative"]``.
    """
    spec = _format(year, fmt)
    apps = _zero_rows(spec) if applications is None else applications
    disp = compute_disputes((), year) if disputes is None else disputes
    # A computed report has every row: a missing one is a caller's slip, not a lost table.
    for section, given, wanted in (
        ("applications", apps, spec.application_keys),
        ("disputes", disp, DISPUTE_KINDS),
    ):
        missing = [key for key in wanted if key not in given]
        if missing:
            raise ValueError(f"{section}: rows missing for format {spec.key}: {missing}")
    report = Report(
        agency=agency_name,
        year=year,
        format=spec.key,
        proactive=_proactive(spec, proactive or {}),
        applications={key: list(cells) for key, cells in apps.items()},
        disputes={key: list(cells) for key, cells in disp.items()},
    )
    if narrative is not None:
        report.extra["narrative"] = dict(narrative)
    # Round-trip through the schema: a wrong row key or cell count fails here, not on publishing.
    return Report.from_dict(report.to_dict())


def compute_report(
    agency_name: str,
    year: int,
    cases: Iterable[CaseFact],
    disputes: Iterable[DisputeFact] = (),
    *,
    proactive: Mapping[str, Mapping[str, Cell | float]] | None = None,
    carried_over: Sequence[Cell] | None = None,
    narrative: Mapping[str, str] | None = None,
    fmt: ReportFormat | str | None = None,
) -> Report:
    """``build_report`` with sections 三 and 四 counted from facts."""
    spec = _format(year, fmt)
    return build_report(
        agency_name,
        year,
        applications=compute_applications(cases, year, fmt=spec, carried_over=carried_over),
        disputes=compute_disputes(disputes, year),
        proactive=proactive,
        narrative=narrative,
        fmt=spec,
    )
