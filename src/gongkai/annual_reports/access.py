"""Fetching annual reports with a rights check.

A published report is public (the portal shows it). A draft or reviewed one is read by the
agency's staff who read its cases (VIEW_CASES: officers, reviewers, heads, supervisors above
it); anyone else gets 404, never 403. Drill-down from a cell lists only the units whose cases
the viewer may read.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.access import Capability, SystemActor, Viewer, agencies_for, can
from gongkai.agencies.models import Agency
from gongkai.annual_reports import queries
from gongkai.annual_reports.choices import Status
from gongkai.annual_reports.models import AnnualReport


def published_reports() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(status=Status.PUBLISHED, agency__is_active=True)


def visible_reports(viewer: Viewer) -> QuerySet[AnnualReport]:
    if isinstance(viewer, SystemActor):
        return AnnualReport.objects.all()
    staff = agencies_for(viewer, Capability.VIEW_CASES)
    return AnnualReport.objects.filter(
        Q(status=Status.PUBLISHED, agency__is_active=True) | Q(agency__in=staff)
    )


def get_report_for_viewer(viewer: Viewer, report_id: int | str) -> AnnualReport:
    try:
        return visible_reports(viewer).select_related("agency").get(pk=report_id)
    except (AnnualReport.DoesNotExist, ValueError, TypeError):
        raise Http404("no such report") from None


def get_report_for_editor(viewer: Viewer, report_id: int | str) -> AnnualReport:
    """For the draft's page: the agency's staff only (404 for anyone else)."""
    report = get_report_for_viewer(viewer, report_id)
    if not can(viewer, Capability.VIEW_CASES, report.agency):
        raise Http404("no such report")
    return report


def cell_cases_for_viewer(
    viewer: Viewer, report: AnnualReport, row_key: str, column: str | int
) -> list[queries.UnitCases]:
    """``queries.cell_cases`` limited to the units whose cases ``viewer`` may read."""
    if not can(viewer, Capability.VIEW_CASES, report.agency):
        raise Http404("no such report")
    units: Iterable[int] = report.units or [report.agency_id]
    if not isinstance(viewer, SystemActor):
        readable = set(agencies_for(viewer, Capability.VIEW_CASES).values_list("pk", flat=True))
        units = [u for u in units if u in readable]
    if not units:
        return []
    agency: Agency = report.agency
    return queries.cell_cases(agency, report.year, row_key, column, units=units)
