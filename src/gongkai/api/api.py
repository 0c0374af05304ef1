"""The JSON API (django-ninja), described at /api/openapi.json.

The public catalog's search (here); applications: public submission and status lookup, and
bearer-token staff reads (``api/cases.py``, tokens in ``agencies/tokens.py``).
"""

from __future__ import annotations

import datetime as dt

from ninja import NinjaAPI, Query, Schema

from gongkai.api.cases import router as cases_router
from gongkai.api.released import router as released_router
from gongkai.publications import search

api = NinjaAPI(title="Gongkai", version="1", urls_namespace="api")
api.add_router("", cases_router)
api.add_router("", released_router)


class PublicationOut(Schema):
    id: int
    index_number: str
    title: str
    summary: str
    agency: str
    document_number: str
    written_on: dt.date
    published_on: dt.date | None
    validity: str
    url: str


class SearchOut(Schema):
    query: str
    total: int
    capped: bool
    page: int
    pages: int
    items: list[PublicationOut]


class SearchIn(Schema):
    q: str
    agency: int | None = None
    year: int | None = None
    topic: int | None = None
    validity: str | None = None
    page: int = 1
    per_page: int = 20


@api.get("/publications", response=SearchOut, summary="Search the public catalog")
def publications(request: object, params: Query[SearchIn]) -> SearchOut:
    """Chinese full-text search (one character or more), ranked, 20 a page by default."""
    per_page = max(1, min(params.per_page, 100))
    result = search.search(
        params.q[:50],
        search.Filters(
            agency_id=params.agency,
            year=params.year,
            topic_id=params.topic,
            validity=params.validity or None,
        ),
        page=max(1, params.page),
        per_page=per_page,
    )
    return SearchOut(
        query=result.query,
        total=result.total,
        capped=result.capped,
        page=result.page,
        pages=result.pages,
        items=[
            PublicationOut(
                id=h.publication.pk,
                index_number=h.publication.index_number,
                title=h.publication.title,
                summary=h.publication.summary,
                agency=h.publication.agency.name,
                document_number=h.publication.document_number,
                written_on=h.publication.written_on,
                published_on=h.publication.published_on,
                validity=h.publication.validity,
                url=f"/catalog/{h.publication.pk}/",
            )
            for h in result.hits
        ],
    )
