"""机构信息 (条例第二十条第一项), the 申请须知 and privacy notice, the published summary of results.

``/about/`` and ``/units/<id>/about/``: 职能, 领导 (姓名, 职务, 分工), 内设机构 and the contacts,
from the agency's profile (agencies/profile.py). ``/apply/notice/``: what an application contains,
the channels, the time limits, fees, remedies, and what the form collects and why (个人信息保护法
第十七条). ``/applications/summary/`` and ``/units/<id>/applications/summary/``: where the agency
opts in, the number of concluded applications by outcome (report rows 3.1 … 3.6.3) per month of
this year and the last — counts only, no applicant data. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.agencies.guide_text import contacts
from gongkai.agencies.models import Agency
from gongkai.agencies.profile_actions import profile_of
from gongkai.cases.queries import monthly_outcomes
from gongkai.core.outcomes import OUTCOMES
from gongkai.portal.agency import public_unit, site_agency

MONTHS = tuple(range(1, 13))


def _site() -> Agency:
    agency = site_agency()
    if agency is None:
        raise Http404("no agency")
    return agency


def _is_site(agency: Agency) -> bool:
    site = site_agency()
    return site is not None and site.pk == agency.pk


def _about(request: HttpRequest, agency: Agency) -> HttpResponse:
    profile = profile_of(agency)
    return render(
        request,
        "portal/site/about.html",
        {
            "agency": agency,
            "is_site": _is_site(agency),
            "profile": profile,
            "leaders": list(profile.leaders.all()) if profile is not None else [],
            "departments": list(profile.departments.all()) if profile is not None else [],
            "contacts": contacts(agency),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return _about(request, _site())


def unit_about(request: HttpRequest, pk: int) -> HttpResponse:
    return _about(request, public_unit(pk))


def apply_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/apply/notice.html", {})


@dataclass(frozen=True)
class YearTable:
    year: int
    rows: list[tuple[str, str, list[int], int]]  # code, label, per month, total
    month_totals: list[int]
    total: int


def _tables(agency: Agency, today_year: int) -> list[YearTable]:
    years = (today_year, today_year - 1)
    counts = monthly_outcomes(agency.pk, years)  # one grouped query
    tables = []
    for year in years:
        rows = []
        for code, outcome in OUTCOMES.items():
            per_month = [counts.get((year, m, code), 0) for m in MONTHS]
            rows.append((code, outcome.label, per_month, sum(per_month)))
        month_totals = [sum(r[2][i] for r in rows) for i in range(12)]
        tables.append(YearTable(year, rows, month_totals, sum(month_totals)))
    return tables


def _summary(request: HttpRequest, agency: Agency) -> HttpResponse:
    profile = profile_of(agency)
    if profile is None or not profile.publish_summary:
        raise Http404("not published")  # the agency has not opted in
    response = render(
        request,
        "portal/site/summary.html",
        {
            "agency": agency,
            "is_site": _is_site(agency),
            "tables": _tables(agency, timezone.localdate().year),
            "months": MONTHS,
        },
    )
    # Counts move with every concluded case, whose saves do not bump the page cache (that would
    # empty it on every step of every case): the page is rendered afresh (one grouped query).
    response["Cache-Control"] = "private, no-cache"
    return response


def summary(request: HttpRequest) -> HttpResponse:
    return _summary(request, _site())


def unit_summary(request: HttpRequest, pk: int) -> HttpResponse:
    return _summary(request, public_unit(pk))
