"""The JSON API (django-ninja), described at /api/openapi.json.

The public catalog's list and search (here); applications: public submission and status lookup, and
bearer-token staff reads (``api/cases.py``, tokens in ``agencies/tokens.py``). Refusals, the
JSON-only rule and their documentation: ``api/errors.py``. Every parameter is bounded in its
schema (``agencies.params``): a value outside is a 422, never a server error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from django.urls import reverse
from ninja import NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema
from pydantic import Field

from gongkai.agencies.params import FIRST_YEAR, LAST_YEAR, MAX_ID, MAX_PAGE, SEARCH_CHARS
from gongkai.api import errors
from gongkai.api.cases import router as cases_router
from gongkai.api.params import StrictQuery, paginate
from gongkai.api.participation import router as participation_router
from gongkai.api.released import router as released_router
from gongkai.api.suggest import router as suggest_router
from gongkai.publications import queries, search
from gongkai.publications.choices import Validity
from gongkai.publications.models import Publication


class GongkaiAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return errors.document(schema)


api = GongkaiAPI(title="Gongkai", version="1", urls_namespace="api", parser=errors.JsonOnly())
errors.install(api)
api.add_router("", cases_router)
api.add_router("", released_router)
api.add_router("", suggest_router)
api.add_router("", participation_router)  # 意见征集, 政府公报 (read only)

# 有效性 as a filter ("" or absent: any).
ValidityName = Literal["", "in_force", "amended", "repealed", "expired"]
assert set(get_args(ValidityName)) == set(Validity.values)
SortName = Literal["relevance", "date"]
assert set(get_args(SortName)) == set(search.SORTS)


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
    snippet: str = Field(
        "", description="A search's piece of the text, HTML-escaped, the words in <mark>"
    )


class SearchOut(Schema):
    query: str
    total: int
    capped: bool
    page: int
    pages: int
    items: list[PublicationOut]


class SearchIn(Schema):
    q: str = Field(
        "",
        description=f"Words to find; the first {SEARCH_CHARS} characters count. Without: "
        "every published item, newest first",
    )
    agency: int | None = Field(None, ge=1, le=MAX_ID)
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    topic: int | None = Field(None, ge=1, le=MAX_ID)
    genre: int | None = Field(None, ge=1, le=MAX_ID)
    domain: int | None = Field(None, ge=1, le=MAX_ID, description="Standard catalog domain")
    validity: ValidityName | None = None
    sort: SortName = Field("relevance", description="A search's order: relevance or date")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=100)


def _out(item: Publication, snippet: str = "") -> PublicationOut:
    return PublicationOut(
        id=item.pk,
        index_number=item.index_number,
        title=item.title,
        summary=item.summary,
        agency=item.agency.name,
        document_number=item.document_number,
        written_on=item.written_on,
        published_on=item.published_on,
        validity=item.validity,
        url=reverse("portal:item", args=[item.pk]),
        snippet=snippet,
    )


@api.get("/publications", response=SearchOut, summary="List or search the public catalog")
def publications(request: object, params: StrictQuery[SearchIn]) -> SearchOut:
    """Without ``q``: every published item, newest first. With it: Chinese full-text search
    (one character or more), ranked (``sort``). 20 a page by default, the same filters."""
    q = params.q[:SEARCH_CHARS].strip()
    if not q:
        items = queries.public_list(
            agency_id=params.agency,
            topic_id=params.topic,
            genre_id=params.genre,
            year=params.year,
            domain_id=params.domain,
            validity=params.validity or None,
        )
        found = paginate(items, params.page, params.per_page)
        return SearchOut(
            query="",
            total=found.total,
            capped=False,
            page=found.page,
            pages=found.pages,
            items=[_out(item) for item in found.items],
        )
    result = search.search(
        q,
        search.Filters(
            agency_id=params.agency,
            year=params.year,
            topic_id=params.topic,
            genre_id=params.genre,
            domain_id=params.domain,
            validity=params.validity or None,
        ),
        page=params.page,
        per_page=params.per_page,
        sort=params.sort,
    )
    return SearchOut(
        query=result.query,
        total=result.total,
        capped=result.capped,
        page=result.page,
        pages=result.pages,
        items=[_out(h.publication, str(h.snippet_html)) for h in result.hits],
    )
