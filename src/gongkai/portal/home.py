"""The home page of the site and of each unit it hosts (机构信息, newest items, reports).

``/``: the government's page — its name, search, the newest items, 政策解读, the latest annual
reports, how to apply and the units. ``/units/<id>/``: a unit's own page — 机构信息 (contacts,
reconsideration body, parent, subordinate units), its items, its reports, its 公开指南.
Nothing here writes.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.models import Agency
from gongkai.annual_reports.access import published_reports
from gongkai.portal import consultations, gazette
from gongkai.portal.agency import public_unit, site_agency, tree_ids
from gongkai.publications import queries as pub_queries
from gongkai.publications.access import public_publications
from gongkai.publications.models import Publication

NEWEST = 10


def interpretations() -> QuerySet[Publication]:
    """政策解读 (``publications.queries.interpretations``), public, newest first.

    ``interprets_public``: whether the policy it explains is public (a withdrawn or unpublished
    one is never named or linked)."""
    return (
        pub_queries.interpretations(public_publications())
        .annotate(
            interprets_public=Exists(public_publications().filter(pk=OuterRef("interprets_id")))
        )
        .select_related("agency", "interprets")
        .order_by("-published_on", "-id")
    )


def _newest(agency_ids: set[int] | None = None) -> QuerySet[Publication]:
    items = public_publications().select_related("agency")
    if agency_ids is not None:
        items = items.filter(agency_id__in=agency_ids)
    return items.order_by("-published_on", "-id")


def home(request: HttpRequest) -> HttpResponse:
    agency = site_agency()
    units = (
        Agency.objects.filter(is_active=True, parent=agency).order_by("name")
        if agency is not None
        else Agency.objects.none()
    )
    return render(
        request,
        "portal/site/home.html",
        {
            "agency": agency,
            "newest": _newest()[:NEWEST],
            "interpretations": interpretations()[:5],
            "reports": published_reports()
            .select_related("agency")
            .order_by("-year", "agency__name")[:8],
            "units": units,
            "consultations": consultations.in_progress()[:5],
            "gazette": gazette.latest(3),
        },
    )


def unit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = public_unit(pk)
    tree = tree_ids(agency)
    return render(
        request,
        "portal/site/unit.html",
        {
            "agency": agency,
            "children": agency.children.filter(is_active=True).order_by("name"),
            "newest": _newest(tree)[:NEWEST],
            "reports": published_reports().filter(agency=agency).order_by("-year"),
            "consultations": consultations.in_progress(tree)[:5],
            "gazette": gazette.latest(3, {agency.pk}),
        },
    )
