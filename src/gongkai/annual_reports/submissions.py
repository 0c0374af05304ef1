"""条例第四十九条: a unit's report, once published, is submitted to its supervising office, which
sees per year which of its units have submitted, on time or late (the deadline of
``queries.deadline``), and which are overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils import timezone

from gongkai.agencies.choices import GOVERNMENTS
from gongkai.agencies.models import Agency
from gongkai.annual_reports.choices import Source, Status
from gongkai.annual_reports.models import AnnualReport
from gongkai.annual_reports.queries import deadline


def supervising_office(agency: Agency) -> Agency | None:
    """Where ``agency``'s published report is submitted (条例第四十九条: a department to its own
    government's 政府信息公开工作主管部门; a government or 乡镇 to the government above it): the
    nearest government above it, None at the top of the tree."""
    node = agency.parent
    while node is not None:
        if node.kind in GOVERNMENTS:
            return node
        node = node.parent
    return None


def _office_id(pk: int, tree: Mapping[int, tuple[int | None, str]]) -> int | None:
    """``supervising_office`` over the tree held in memory."""
    parent = tree[pk][0]
    seen = 0
    while parent is not None and seen < 64:  # a cycle cannot be created; stop rather than loop
        if tree[parent][1] in GOVERNMENTS:
            return parent
        parent = tree[parent][0]
        seen += 1
    return None


def submitted_on(report: AnnualReport | None) -> dt.date | None:
    """The day ``report`` was published, which is the day it was submitted (条例第四十九条)."""
    if report is None or report.status != Status.PUBLISHED or report.published_at is None:
        return None
    return timezone.localdate(report.published_at)


def submission_state(report: AnnualReport | None, last_day: dt.date, today: dt.date) -> str:
    """条例第四十九条: ``on_time`` or ``late`` once published (submitted), else ``overdue`` past
    ``last_day`` or ``not_due``. A report imported as published elsewhere before the platform
    (no publishing date here) is taken as submitted on time. The one rule: the 第四十九条 view
    and the supervision scorecard (its ``report_late``, the 考核 ``on_time`` indicator) read it."""
    if report is not None and report.source == Source.IMPORTED:
        return "on_time"
    done = submitted_on(report)
    if done is not None:
        return "on_time" if done <= last_day else "late"
    return "overdue" if today > last_day else "not_due"


LATE_STATES = frozenset({"late", "overdue"})


@dataclass(frozen=True)
class Submission:
    """One unit's report for one year as its supervising office sees it."""

    agency: Agency
    office: Agency | None
    year: int
    deadline: dt.date
    report: AnnualReport | None
    state: str  # "on_time", "late", "overdue" (not submitted, past the deadline), "not_due"

    @property
    def submitted_on(self) -> dt.date | None:
        return submitted_on(self.report)


def submissions(units: Iterable[Agency], year: int, today: dt.date) -> list[Submission]:
    """Each unit's report of ``year``: submitted (published) on time or late, or not yet —
    overdue once its deadline (``deadline``) has passed. Published means submitted: publishing
    is the step that hands it to the office (条例第四十九条)."""
    units = list(units)
    # Every unit's office from one query of the tree (not a query per level per unit).
    tree = {
        pk: (parent, kind)
        for pk, parent, kind in Agency.objects.values_list("pk", "parent_id", "kind")
    }
    office_ids = {unit.pk: _office_id(unit.pk, tree) for unit in units}
    names = Agency.objects.in_bulk({pk for pk in office_ids.values() if pk is not None})
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=units, year=year).select_related("agency")
    }
    out = []
    for unit in units:
        report = reports.get(unit.pk)
        last_day = deadline(unit, year)
        office_id = office_ids[unit.pk]
        office = names.get(office_id) if office_id else None
        state = submission_state(report, last_day, today)
        out.append(Submission(unit, office, year, last_day, report, state))
    return out
