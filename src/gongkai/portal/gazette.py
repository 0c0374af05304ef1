"""政府公报 on the public site: the issues by year, an issue's contents, its PDF.

``/gazette/``: the years with issues and the issues of one year (``?year=``, the newest year by
default); ``/gazette/<id>/``: the contents under their section headings, each line a link to
the catalog item; a refused ``?year=`` (not a year of 1900–2100) answers 400 and lists nothing;
``/gazette/<id>/pdf/``: the issue's PDF. Only published issues exist here.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.portal import pagecache
from gongkai.portal.filters import GazetteParams
from gongkai.publications.access import get_issue_for_public, public_gazette, public_publications
from gongkai.publications.models import GazetteIssue, Publication


def latest(limit: int = 3, agency_ids: set[int] | None = None) -> list[GazetteIssue]:
    issues = public_gazette().select_related("agency")
    if agency_ids is not None:
        issues = issues.filter(agency_id__in=agency_ids)
    return list(issues.order_by("-published_on", "-year", "-number")[:limit])


@pagecache.reads(*GazetteParams.base_fields)
def index(request: HttpRequest) -> HttpResponse:
    params = GazetteParams(request.GET)
    years = sorted(set(public_gazette().values_list("year", flat=True)), reverse=True)
    asked = params.value("year")
    year = asked if asked in years else (years[0] if years else None)
    issues = (
        public_gazette().filter(year=year).select_related("agency").order_by("-number")
        if year is not None and not params.problems
        else public_gazette().none()
    )
    return render(
        request,
        "portal/gazette/index.html",
        {"years": years, "year": year, "issues": issues, "problems": params.problems},
        status=params.http_status,
    )


def issue(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_issue_for_public(pk)
    sections: list[tuple[str, list[Publication]]] = []
    entries = found.entries.filter(publication__in=public_publications()).select_related(
        "publication", "publication__agency"
    )  # an item withdrawn since the issue was published is no longer listed
    for entry in entries:
        if not sections or sections[-1][0] != entry.section:
            sections.append((entry.section, []))
        sections[-1][1].append(entry.publication)
    return render(request, "portal/gazette/issue.html", {"issue": found, "sections": sections})


def pdf(request: HttpRequest, pk: int) -> FileResponse:
    found = get_issue_for_public(pk)
    if not found.pdf:
        raise Http404("no PDF")
    name = f"{found.agency.name}公报{found.label}.pdf"
    return FileResponse(found.pdf.open("rb"), filename=name, content_type="application/pdf")
