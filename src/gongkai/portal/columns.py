"""法定主动公开内容: an agency's standard catalog (基层政务公开标准目录) made public.

``/standard/`` (the site's government) and ``/units/<id>/standard/``: the catalog's domains as
columns, each row (公开事项) with its time limit, disclosing body and channels, and the public
items filed under it, newest first. Nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.models import Agency
from gongkai.portal.agency import public_unit, site_agency
from gongkai.publications.access import public_publications
from gongkai.publications.models import CatalogItem, Publication

SHOWN_PER_ROW = 5


def _columns(agency: Agency) -> list[tuple[Any, list[tuple[CatalogItem, list[Publication]]]]]:
    rows = list(CatalogItem.objects.filter(agency=agency).select_related("domain"))
    filed: dict[int, list[Publication]] = defaultdict(list)
    through = Publication.catalog_items.through
    newest = [F("publication__published_on").desc(), F("publication_id").desc()]
    links = (
        through.objects.filter(
            catalogitem__in=rows, publication__in=public_publications().filter(agency=agency)
        )
        .annotate(rank=Window(RowNumber(), partition_by=F("catalogitem_id"), order_by=newest))
        .filter(rank__lte=SHOWN_PER_ROW)  # type: ignore[misc]  # the newest few a row, in SQL
        .select_related("publication")
        .order_by(*newest)
    )
    for link in links:
        filed[link.catalogitem_id].append(link.publication)
    columns: dict[int, tuple[Any, list[tuple[CatalogItem, list[Publication]]]]] = {}
    for row in rows:
        columns.setdefault(row.domain_id, (row.domain, []))[1].append((row, filed[row.pk]))
    return list(columns.values())


def _standard(request: HttpRequest, agency: Agency | None) -> HttpResponse:
    if agency is None:
        raise Http404("no agency")
    return render(
        request, "portal/site/standard.html", {"agency": agency, "columns": _columns(agency)}
    )


def standard(request: HttpRequest) -> HttpResponse:
    return _standard(request, site_agency())


def unit_standard(request: HttpRequest, pk: int) -> HttpResponse:
    return _standard(request, public_unit(pk))
