"""The annual report computed from the platform's records (annual-report.md; issue 7).

``compute(agency, year)`` builds the ``Report`` of that year's format:

- section 三 from the cases, by the counting rules of ``core/report/compute.py`` (received in the
  year; carried over = open on 1 January; results = *first* concluded in the year by the first
  outcome — a reopened case is not a new application; carried forward = open on 31 December).
  A split original (status ``split``) is counted nowhere; each of its parts is one application.
  The cases are counted by **one grouped query** over all the units (agency × applicant type ×
  received before/in the year × outcome if concluded in the year), and each group is placed by
  ``compute.case_rows`` — the very function the drill-down (``cell_cases``) uses, so a cell and
  its cases can never disagree. This scales to millions of cases: no row is fetched one by one.
- section 四 from the disputes (``disputes.queries``: by the year of filing, 尚未审结 if not
  decided by 31 December).
- section 二 from the catalog (规章 / 行政规范性文件 issued, repealed, in force on 31 December —
  ``publications.queries.normative_counts``) and the 第二十条 figures entered per year.
- the narrative (sections 一, 五, 六 and the opening paragraph) drafted by
  ``core/report/narrative.py`` from the figures and last year's report.

Carry-over (``carry.continuity``): when last year's report is on the platform — published
(computed here or imported from the published text with the reader, the migration path) — this
year's row ``2`` is its row ``4``; applications open on 1 January without a record on the platform
stay in row ``4`` (``compute.untracked_carry_over``). A draft last year is recomputed first, so a
chain of drafts is consistent too.

Roll-up: a government's report over a chosen set of units (``rollup_units``: its whole subtree
by default) is the same computation over all of them; ``cell_cases`` drills a cell down to the
units and the case ids behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Case as SqlCase
from django.db.models import Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.fields import CharField, IntegerField

from gongkai.agencies.access import descendant_ids
from gongkai.agencies.choices import GOVERNMENTS, AgencyKind
from gongkai.agencies.models import Agency
from gongkai.annual_reports import facts as narrative_facts
from gongkai.annual_reports.choices import Source, Status
from gongkai.annual_reports.models import AnnualReport
from gongkai.cases.choices import ApplicantType
from gongkai.cases.choices import Status as CaseStatus
from gongkai.cases.models import Case, FeeNotice
from gongkai.core.report import compute as rc
from gongkai.core.report import narrative
from gongkai.core.report.formats import (
    APPLICANT_COLUMNS,
    TOTAL_INDEX,
    ReportFormat,
    format_for_year,
)
from gongkai.core.report.model import Cell, Report, Row
from gongkai.disputes import queries as dispute_queries
from gongkai.publications.choices import ENDED, PUBLIC_STATUSES, DocumentKind
from gongkai.publications.models import Article20Figures, Publication

# The counting rules in the words the report's notes print (official text, never gettext).
NOTES = (rc.APPLICATION_RULE, dispute_queries.COUNTING_RULE)

_LABEL = {code: label for code, label in ApplicantType.choices}
_COLUMN = {code: rc.APPLICANT_TYPES.index(label) for code, label in _LABEL.items()}


# -- units -------------------------------------------------------------------------------------


def rollup_units(agency: Agency) -> list[int]:
    """The agency and its whole subtree: a government's roll-up by default."""
    return [agency.pk, *sorted(descendant_ids([agency.pk]))]


def _unit_ids(agency: Agency, units: Iterable[Agency | int] | None) -> list[int]:
    if units is None:
        return [agency.pk]
    ids = sorted({u.pk if isinstance(u, Agency) else int(u) for u in units})
    if not ids:
        raise ValueError("a report needs at least one unit")
    return ids


# -- section 三 --------------------------------------------------------------------------------


def _counted_cases(unit_ids: Sequence[int], year: int) -> QuerySet[Case]:
    """Cases that count somewhere in ``year``: received by 31 December and not first concluded
    before 1 January; a split original never (its parts do)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        Case.objects.filter(agency_id__in=unit_ids, received_on__lte=end)
        .exclude(status=CaseStatus.SPLIT)
        .filter(Q(first_concluded_on__isnull=True) | Q(first_concluded_on__gte=start))
    )


def _zero(spec: ReportFormat) -> dict[str, list[int]]:
    return {key: [0] * len(APPLICANT_COLUMNS) for key in spec.application_keys}


def _grouped(
    unit_ids: Sequence[int], year: int, spec: ReportFormat, *, per_unit: bool
) -> dict[int, dict[str, list[int]]]:
    """Section 三 from one grouped query: per unit, or (``per_unit=False``) all units under
    the key ``0`` — the totals need no per-unit groups (500 units: 100× fewer rows to place).

    Each group is placed by ``compute.case_rows``, once per (applicant type, new, result): the
    placement depends on nothing else.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    keys = ["agency_id"] if per_unit else []
    grouped = (
        _counted_cases(unit_ids, year)
        .annotate(
            new=SqlCase(
                When(received_on__lt=start, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            result=SqlCase(
                When(first_concluded_on__lte=end, then=F("first_outcome")),
                default=Value(""),
                output_field=CharField(),
            ),
        )
        .values_list(*keys, "applicant_type", "new", "result")
        .annotate(n=Count("pk"))
        .order_by()
    )
    out: dict[int, dict[str, list[int]]] = {}
    placed: dict[tuple[str, int, str], tuple[str, ...]] = {}
    for group in grouped:
        agency_id = group[0] if per_unit else 0
        applicant_type, new, result, n = group[-4:]
        rows = out.get(agency_id)
        if rows is None:
            rows = out[agency_id] = _zero(spec)
        place = placed.get((applicant_type, new, result))
        if place is None:
            fact = rc.CaseFact(
                received=start if new else start - dt.timedelta(days=1),
                applicant_type=_LABEL[applicant_type],
                concluded=end if result else None,
                outcome=result or None,
            )
            place = placed[applicant_type, new, result] = rc.case_rows(fact, year, spec)
        column = _COLUMN[applicant_type]
        for key in place:
            rows[key][column] += n
            rows[key][TOTAL_INDEX] += n
    return out


def applications_by_unit(
    unit_ids: Sequence[int], year: int, fmt: ReportFormat | None = None
) -> dict[int, dict[str, list[int]]]:
    """Section 三 per unit, from one grouped query (no carry-over from a published report)."""
    return _grouped(unit_ids, year, fmt or format_for_year(year), per_unit=True)


def _sum_rows(parts: Iterable[dict[str, list[int]]], spec: ReportFormat) -> dict[str, list[int]]:
    total = _zero(spec)
    for rows in parts:
        for key, cells in rows.items():
            total[key] = [a + b for a, b in zip(total[key], cells, strict=True)]
    return total


def applications(
    unit_ids: Sequence[int],
    year: int,
    fmt: ReportFormat | None = None,
    *,
    carried_over: Sequence[Cell] | None = None,
) -> tuple[dict[str, Row], list[int]]:
    """Section 三 over the units, and the untracked carry-over per column (7 cells).

    With ``carried_over`` (last year's published row ``4``) row ``2`` equals it; the part of it
    with no open case on record stays in row ``4`` (``compute.untracked_carry_over``); more open
    cases on record than published raises ``compute.CarryOverError``.
    """
    spec = fmt or format_for_year(year)
    rows = _sum_rows(_grouped(unit_ids, year, spec, per_unit=False).values(), spec)
    gap = [0] * len(APPLICANT_COLUMNS)
    if carried_over is not None:
        published = [0 if c is None else int(c) for c in list(carried_over)[:TOTAL_INDEX]]
        if len(list(carried_over)) not in (TOTAL_INDEX, len(APPLICANT_COLUMNS)):
            raise ValueError("carried_over needs 6 or 7 cells")
        for i, column in enumerate(rc.APPLICANT_TYPES):
            known = rows["2"][i]
            if known > published[i]:
                raise rc.CarryOverError(column, known, published[i])
            gap[i] = published[i] - known
        gap[TOTAL_INDEX] = sum(gap[:TOTAL_INDEX])
        for i, n in enumerate(gap):
            rows["2"][i] += n
            rows["4"][i] += n
    return {key: list[Cell](cells) for key, cells in rows.items()}, gap


def case_facts(unit_ids: Sequence[int], year: int) -> list[tuple[int, rc.CaseFact]]:
    """(unit id, fact) for every case counted in ``year`` — for drill-down, not for totals."""
    rows = _counted_cases(unit_ids, year).values_list(
        "pk", "agency_id", "applicant_type", "received_on", "first_concluded_on", "first_outcome"
    )
    out = []
    for pk, agency_id, applicant_type, received, concluded, outcome in rows.order_by("pk"):
        assert received is not None  # filtered: received by 31 December
        fact = rc.CaseFact(
            received=received,
            applicant_type=_LABEL[applicant_type],
            concluded=concluded,
            outcome=outcome or None,
            id=pk,
        )
        out.append((agency_id, fact))
    return out


@dataclass(frozen=True)
class UnitCases:
    """One unit behind a cell: how many of the cell's applications it has, and which."""

    agency_id: int
    agency_name: str
    case_ids: list[int]

    @property
    def count(self) -> int:
        return len(self.case_ids)


def cell_cases(
    agency: Agency,
    year: int,
    row_key: str,
    column: str | int,
    units: Iterable[Agency | int] | None = None,
) -> list[UnitCases]:
    """The units and the case ids behind one cell of section 三 (units with none left out).

    ``column`` is a column key, its label (自然人 … 总计) or its index. Untracked carry-over from
    an imported report has no case, so it is behind no unit.
    """
    unit_ids = _unit_ids(agency, units)
    spec = format_for_year(year)
    by_unit: dict[int, list[rc.CaseFact]] = {}
    for agency_id, fact in case_facts(unit_ids, year):
        by_unit.setdefault(agency_id, []).append(fact)
    names = dict(Agency.objects.filter(pk__in=by_unit).values_list("pk", "name"))
    out = []
    for agency_id in sorted(by_unit, key=lambda pk: (names[pk], pk)):
        members = rc.cell_members(by_unit[agency_id], year, row_key, column, fmt=spec)
        if members:
            out.append(UnitCases(agency_id, names[agency_id], [int(m) for m in members]))
    return out


def _column(column: str | int) -> int:
    """A section 三 column by key (natural_person … total), label (自然人 … 总计) or index."""
    for i, c in enumerate(APPLICANT_COLUMNS):
        if column in (i, c.key, c.label):
            return i
    raise KeyError(f"unknown column {column!r}")


@dataclass(frozen=True)
class UnitCount:
    agency_id: int
    agency_name: str
    count: int


def cell_units(
    agency: Agency,
    year: int,
    row_key: str,
    column: str | int,
    units: Iterable[Agency | int] | None = None,
) -> list[UnitCount]:
    """The first step of a drill-down: how many of one cell's applications each unit has,
    from the same grouped query as the totals (units with none left out). ``cell_cases`` with
    ``units=[one]`` is the second step."""
    spec = format_for_year(year)
    if row_key not in spec.application_keys:
        raise KeyError(f"format {spec.key} has no row {row_key!r}")
    index = _column(column)
    by_unit = applications_by_unit(_unit_ids(agency, units), year, spec)
    names = dict(Agency.objects.filter(pk__in=by_unit).values_list("pk", "name"))
    out = [
        UnitCount(pk, names[pk], rows[row_key][index])
        for pk, rows in by_unit.items()
        if rows[row_key][index]
    ]
    return sorted(out, key=lambda u: (u.agency_name, u.agency_id))


# -- section 二 --------------------------------------------------------------------------------


def normative_counts_by_unit(
    unit_ids: Sequence[int], year: int
) -> dict[int, dict[str, dict[str, int]]]:
    """``publications.queries.normative_counts`` for many units in one grouped query.

    Same definition (catalog.md): public items only; issued = published in the year; repealed
    = validity ended in the year; in force = published by 31 December and not ended by then;
    and the 2019 format's made (成文日期 in the year), published (发布日期 in the year), total
    (published by 31 December, repealed or not).
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ended_in_year = Q(validity__in=ENDED, validity_changed_on__range=(start, end))
    grouped = (
        Publication.objects.filter(
            agency_id__in=unit_ids,
            status__in=PUBLIC_STATUSES,
            kind__in=[DocumentKind.RULES, DocumentKind.NORMATIVE],
        )
        .values_list("agency_id", "kind")
        .annotate(
            issued=Count("pk", filter=Q(published_on__range=(start, end))),
            repealed=Count("pk", filter=ended_in_year),
            in_force=Count(
                "pk",
                filter=Q(published_on__lte=end)
                & ~Q(validity__in=ENDED, validity_changed_on__lte=end),
            ),
            made=Count("pk", filter=Q(written_on__range=(start, end), published_on__isnull=False)),
            published=Count("pk", filter=Q(published_on__range=(start, end))),
            total=Count("pk", filter=Q(published_on__lte=end)),
        )
        .order_by()
    )
    out: dict[int, dict[str, dict[str, int]]] = {}
    names = ("issued", "repealed", "in_force", "made", "published", "total")
    for agency_id, kind, *figures in grouped:
        out.setdefault(agency_id, {})[kind] = dict(zip(names, figures, strict=True))
    return out


def _add(a: Cell, b: Cell) -> Cell:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def proactive(unit_ids: Sequence[int], year: int, spec: ReportFormat) -> dict[str, dict[str, Any]]:
    """Section 二 summed over the units (annual-report.md, Roll-up: sums of own figures).

    A 第二十条 figure no unit entered stays blank (the ``cells.blank`` warning asks for it).
    2019 format: 本年新制作 = 成文日期 in the year, 本年新公开 = 发布日期 in the year,
    对外公开总数量 = published by 31 December (as ``publications.queries.normative_counts``);
    the procurement amount is stored in 万元 and printed in 元.
    """
    names = ("issued", "repealed", "in_force", "made", "published", "total")
    counts: dict[str, dict[str, int]] = {
        kind: dict.fromkeys(names, 0) for kind in (DocumentKind.RULES, DocumentKind.NORMATIVE)
    }
    for per_kind in normative_counts_by_unit(unit_ids, year).values():
        for kind, figures in per_kind.items():
            for name, n in figures.items():
                counts[kind][name] += n
    entered = list(Article20Figures.objects.filter(agency_id__in=unit_ids, year=year))

    def total(field: str) -> Cell:
        out: Cell = None
        for f in entered:
            out = _add(out, getattr(f, field))
        return out

    procurement = total("procurement")
    # Every figure the platform keeps, by (row, column); the format takes the cells it has.
    known: dict[tuple[str, str], Cell] = {
        (row, name): n
        for row, kind in (("rules", DocumentKind.RULES), ("normative", DocumentKind.NORMATIVE))
        for name, n in counts[kind].items()
    }
    known |= {
        ("licensing", "prev_items"): total("licensing_items"),
        ("licensing", "change"): total("licensing_change"),
        ("licensing", "decisions"): total("licensing"),
        ("other_services", "decisions"): total("other_services"),
        ("penalty", "decisions"): total("penalties"),
        ("coercion", "decisions"): total("enforcement"),
        ("fees", "amount_wan_yuan"): total("fees"),
        # entered in 万元; the format that asks for it stores 元
        ("procurement", "amount_yuan"): None
        if procurement is None
        else Decimal(procurement) * 10000,
    }
    return {
        key: {column.key: known.get((key, column.key)) for column in block.columns}
        for key, (block, _) in spec.proactive_rows.items()
    }


# -- narrative figures ---------------------------------------------------------------------------


def fees_collected(unit_ids: Sequence[int], year: int) -> int:
    """信息处理费 paid in the year, in 元 (section 六)."""
    paid = FeeNotice.objects.filter(case__agency_id__in=unit_ids, paid_on__year=year).aggregate(
        total=Sum("amount")
    )["total"]
    return int(paid or 0)


def items_published(unit_ids: Sequence[int], year: int) -> int:
    return Publication.objects.filter(
        agency_id__in=unit_ids, status__in=PUBLIC_STATUSES, published_on__year=year
    ).count()


def latest_narrative(report: AnnualReport) -> dict[str, str]:
    """Section → the text of its newest version (only the sections someone edited)."""
    out: dict[str, str] = {}
    for section, text in report.narrative_versions.order_by("section", "number").values_list(
        "section", "text"
    ):
        out[section] = text
    return out


# -- last year -------------------------------------------------------------------------------


def _rolled_up(agency: Agency, unit_ids: Sequence[int]) -> bool:
    return list(unit_ids) not in ([], [agency.pk])


def previous_report(
    agency: Agency,
    year: int,
    units: Iterable[Agency | int] | None = None,
    _depth: int = 0,
) -> Report | None:
    """Last year's report over the same kind of scope as ``units`` (the agency alone, or a
    roll-up): published or imported, as published; a draft, recomputed now. An imported report
    is taken for either scope (a government's published report is usually its roll-up)."""
    prior = AnnualReport.objects.filter(agency=agency, year=year - 1).first()
    if prior is None:
        return None
    if prior.source == Source.IMPORTED:
        return prior.report()
    if _rolled_up(agency, prior.units) != _rolled_up(agency, _unit_ids(agency, units)):
        return None
    if prior.status == Status.PUBLISHED:
        return prior.report()
    if _depth > 50:
        return None
    return compute(agency, year - 1, units=prior.units or None, _depth=_depth + 1)


def _contact(agency: Agency) -> str | None:
    """The opening paragraph's contact (the agency's own contact block), if it has one."""
    parts = [
        f"地址：{agency.address}" if agency.address else "",
        f"电话：{agency.phone}" if agency.phone else "",
        f"电子邮箱：{agency.email}" if agency.email else "",
    ]
    details = "，".join(p for p in parts if p)
    return f"{agency.name}（{details}）" if details else None


# -- the whole report --------------------------------------------------------------------------


def compute(
    agency: Agency,
    year: int,
    *,
    units: Iterable[Agency | int] | None = None,
    narrative_texts: dict[str, str] | None = None,
    _depth: int = 0,
) -> Report:
    """The report of ``agency`` for ``year`` over ``units`` (default: the agency alone).

    ``narrative_texts`` (section → text) replaces the drafted prose of those sections (the
    office's edits). ``extra`` carries ``narrative``, ``notes`` (the counting rules) and
    ``computed`` (the units, and any untracked carry-over per column).
    """
    spec = format_for_year(year)
    unit_ids = _unit_ids(agency, units)
    previous = previous_report(agency, year, unit_ids, _depth)
    carried = None
    if previous is not None and previous.applications and "4" in previous.applications:
        carried = previous.applications["4"]
    apps, gap = applications(unit_ids, year, spec, carried_over=carried)
    report = rc.build_report(
        agency.name,
        year,
        applications=apps,
        disputes=dispute_queries.section_four(unit_ids, year),
        proactive=proactive(unit_ids, year, spec),
        fmt=spec,
    )
    fees = fees_collected(unit_ids, year)
    prose = narrative.draft(
        report,
        previous,
        fees_yuan=fees,
        items=items_published(unit_ids, year),
        government=agency.kind in GOVERNMENTS,
        contact=_contact(agency),
        # 平台建设 / 监督保障 / 考核 from the apps that keep them (``facts``: a hook)
        facts=narrative_facts.gather(agency, unit_ids, year),
    )
    texts = {"opening": prose.opening, **prose.sections()}
    texts.update(narrative_texts or {})
    report.extra["narrative"] = texts
    report.extra["notes"] = list(NOTES)
    report.extra["computed"] = {
        "units": unit_ids,
        "untracked_carry_over": gap,
        "fees_yuan": fees,
    }
    return Report.from_dict(report.to_dict())


# -- publication deadlines (条例第四十九、五十条) ----------------------------------------------


def township_deadline(year: int) -> dt.date:
    """The last day of a 乡镇人民政府 / 街道办事处's report: ``GONGKAI_TOWNSHIP_REPORT_DEADLINE``
    (``MM-DD`` of the next year, default 03-31). 条例第四十九条 names no date for them: without a
    national rule the default follows the governments' 31 March; a province or county that asks
    its 乡镇（街道） for 31 January with its departments sets ``01-31``."""
    value = str(getattr(settings, "GONGKAI_TOWNSHIP_REPORT_DEADLINE", "03-31"))
    month, day = (int(p) for p in value.split("-"))
    return dt.date(year + 1, month, day)


def deadline(agency: Agency, year: int) -> dt.date:
    """The last day to publish ``year``'s report (the one place it is computed).

    条例第四十九条: 各级人民政府部门 by 31 January of the next year; the 主管部门 of a
    县级以上地方人民政府 publishes its government's report by 31 March; 乡镇 / 街道: the setting
    (``township_deadline``)."""
    if agency.kind == AgencyKind.TOWNSHIP:
        return township_deadline(year)
    if agency.kind in GOVERNMENTS:
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


@dataclass(frozen=True)
class DueReport:
    agency: Agency
    year: int
    deadline: dt.date
    status: str | None  # the report's status, None when not even drafted


def reports_due(today: dt.date, *, within_days: int = 31) -> list[DueReport]:
    """Active agencies whose report for last year is not published and whose deadline is at
    most ``within_days`` away or already past (the morning reminders, ``tasks.remind``)."""
    year = today.year - 1
    status = dict(AnnualReport.objects.filter(year=year).values_list("agency_id", "status"))
    out = []
    for agency in Agency.objects.filter(is_active=True).order_by("name"):
        if status.get(agency.pk) == Status.PUBLISHED:
            continue
        last_day = deadline(agency, year)
        if (last_day - today).days <= within_days:
            out.append(DueReport(agency, year, last_day, status.get(agency.pk)))
    return out


# -- the live preview (not a draft, never stored) ------------------------------------------------


def preview(agency: Agency, year: int) -> Report:
    """``year``'s report as the records stand today: a government's over its whole subtree (its
    report is the roll-up), a unit's over its own records; the drafted prose, no edits. Nothing
    is stored: the console shows it marked 预览 at any time of the year."""
    units = rollup_units(agency) if agency.kind in GOVERNMENTS else None
    return compute(agency, year, units=units)
