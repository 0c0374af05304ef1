"""第四十四条 while an application is written: published items that may already hold the
information described (``cases.suggest``, the catalog's own search). Anonymous, read-only,
nothing stored; limited per address (``throttle.SUGGEST``: 429 with ``Retry-After``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Reply
from pydantic import Field

from gongkai.agencies import throttle
from gongkai.agencies.auth import client_ip
from gongkai.api.errors import ErrorOut
from gongkai.api.params import StrictQuery
from gongkai.cases import suggest as suggestions

router = Router(tags=["applications"])


class SuggestIn(Schema):
    q: str = Field(
        description="The description of the information sought, as written so far",
        max_length=suggestions.MAX_QUERY,
    )


class SuggestionOut(Schema):
    id: int
    index_number: str
    title: str
    agency: str
    published_on: dt.date
    url: str


@router.get(
    "/applications/suggestions",
    response={200: list[SuggestionOut], 429: ErrorOut},
    summary="Published items that may already answer a request being written (第四十四条)",
)
def suggest(request: HttpRequest, params: StrictQuery[SuggestIn], response: HttpResponse) -> Any:
    """At most five public catalog items, best first; an empty list when nothing matches.
    Numbers of six digits or more (identity, phone, bank numbers) are never searched for."""
    wait = throttle.SUGGEST.hit(address=client_ip(request))
    if wait is not None:
        response["Retry-After"] = str(max(1, int(wait.total_seconds())))
        return Reply(429, ErrorOut(detail=_("Too many requests. Please wait a moment.")))
    return [
        SuggestionOut(
            id=s.pk,
            index_number=s.index_number,
            title=s.title,
            agency=s.agency,
            published_on=dt.date.fromisoformat(s.published_on),
            url=reverse("portal:item", args=[s.pk]),
        )
        for s in suggestions.suggest(params.q)
    ]
