"""The public catalog: views parse, call a query, render. Nothing here writes."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from gongkai.agencies.access import C, agencies_for
from gongkai.annual_reports.access import published_reports
from gongkai.portal import pagecache
from gongkai.portal.filters import CatalogFilter
from gongkai.publications import queries, search
from gongkai.publications.access import get_publication_for_viewer, public_publications
from gongkai.publications.choices import Validity
from gongkai.publications.models import CatalogItem, Domain, Genre, Publication, Topic

PER_PAGE = 20


def _choices() -> dict[str, Any]:
    years = sorted(
        {d.year for d in public_publications().dates("published_on", "year")}, reverse=True
    )
    public = public_publications()  # only options that find something (issue 15)
    return {
        "agencies": agencies_for(None, C.VIEW_PUBLIC_GUIDE)  # type: ignore[arg-type]
        .filter(pk__in=public.values("agency_id"))
        .only("pk", "name"),
        "topics": Topic.objects.filter(pk__in=public.values("topic_id")),
        "genres": Genre.objects.filter(pk__in=public.values("genre_id")),
        "domains": Domain.objects.filter(
            pk__in=CatalogItem.objects.filter(publications__in=public).values("domain_id")
        ),
        "years": years,
        "validities": [(v, label) for v, label in Validity.choices if v],
    }


def _query(request: HttpRequest) -> str:
    """The query string without its page, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@pagecache.reads(*CatalogFilter.base_fields)
def catalog(request: HttpRequest) -> HttpResponse:
    form = CatalogFilter(request.GET)
    filters = form.filters()
    items = queries.public_list(**filters) if form.is_valid() else Publication.objects.none()
    page = Paginator(items, PER_PAGE).get_page(form.value("page"))
    return render(
        request,
        "portal/catalog.html",
        {
            "page": page,
            "filters": filters,
            "problems": form.problems,
            "query": _query(request),
            **_choices(),
        },
        status=form.http_status,
    )


@pagecache.reads("q", *CatalogFilter.base_fields)
def search_page(request: HttpRequest) -> HttpResponse:
    form = CatalogFilter(request.GET)
    q = form.search_words()
    filters = form.filters()
    result = None
    if q and form.is_valid():
        result = search.search(
            q,
            search.Filters(
                agency_id=filters["agency_id"],
                year=filters["year"],
                topic_id=filters["topic_id"],
                genre_id=filters["genre_id"],
                validity=filters["validity"],
                domain_id=filters["domain_id"],
            ),
            page=form.value("page") or 1,
            sort=form.sort_order(),
        )
    return render(
        request,
        "portal/search.html",
        {
            "q": q,
            "result": result,
            "sort": form.sort_order(),
            "filters": filters,
            "problems": form.problems,
            "query": _query(request),
            **_choices(),
        },
        status=form.http_status,
    )


def item(request: HttpRequest, pk: int) -> HttpResponse:
    publication = get_publication_for_viewer(request.user, pk)
    return render(
        request,
        "portal/item.html",
        {
            "item": publication,
            "attachments": publication.attachments.all(),
            "interpretations": queries.public_interpretations(publication),
            "policy": (
                publication.interprets
                if publication.interprets_id
                and public_publications().filter(pk=publication.interprets_id).exists()
                else None
            ),
            "is_public": public_publications().filter(pk=publication.pk).exists(),
        },
    )


# The sitemaps.org limit per file; past it /sitemap.xml is an index of numbered files.
SITEMAP_URLS = 50_000


def _xml(lines: list[str]) -> HttpResponse:
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines)
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _urlset(request: HttpRequest, page: int) -> list[str]:
    base = request.build_absolute_uri("/")[:-1]
    start = (page - 1) * SITEMAP_URLS
    rows = public_publications().values_list("pk", "updated_at").order_by("pk")
    lines = ['<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for pk, updated in rows[start : start + SITEMAP_URLS]:
        url = base + reverse("portal:item", args=[pk])
        lines.append(f"<url><loc>{url}</loc><lastmod>{updated.date().isoformat()}</lastmod></url>")
    if page == 1:  # the published annual reports head the first file
        for pk in published_reports().values_list("pk", flat=True).order_by("pk"):
            lines.append(f"<url><loc>{base}{reverse('portal:report', args=[pk])}</loc></url>")
    lines.append("</urlset>")
    return lines


def sitemap(request: HttpRequest) -> HttpResponse:
    """Every public item's and published report's page, for search engines (sitemaps.org)."""
    pages = max(1, -(-public_publications().count() // SITEMAP_URLS))
    if pages == 1:
        return _xml(_urlset(request, 1))
    base = request.build_absolute_uri("/")[:-1]
    lines = ['<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in range(1, pages + 1):
        url = base + reverse("portal:sitemap_page", args=[page])
        lines.append(f"<sitemap><loc>{url}</loc></sitemap>")
    lines.append("</sitemapindex>")
    return _xml(lines)


def sitemap_page(request: HttpRequest, page: int) -> HttpResponse:
    pages = max(1, -(-public_publications().count() // SITEMAP_URLS))
    if not 1 <= page <= pages:
        raise Http404("no such sitemap page")
    return _xml(_urlset(request, page))


def attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """An attachment, through the same rights check as its item (media is never served raw)."""
    publication = get_publication_for_viewer(request.user, pk)
    found = publication.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise Http404("no such attachment")
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
