"""Query strings taken strictly: ``StrictQuery[Schema]`` in place of django-ninja's ``Query``;
and the one way a list operation cuts its page (``paginate``).

A parameter the operation does not know (a typo such as ``?yaer=2024``) or a parameter given
twice (``?year=2024&year=2025``) is a 422 naming it, instead of being silently ignored or
silently reduced to its last value: what the client meant is not what it would get.
The bounds of each value are in the schemas (``agencies.params``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.params import ParamShortcut
from ninja.params import models as param_models

T = TypeVar("T")


class _StrictQueryModel(param_models.QueryModel):
    @classmethod
    def get_request_data(
        cls, request: HttpRequest, api: NinjaAPI, path_params: dict[str, Any]
    ) -> dict[str, Any] | None:
        flatten = getattr(cls, "__ninja_flatten_map__", None) or {}
        known = set(flatten) or {f.alias or name for name, f in cls.model_fields.items()}
        lists = set(getattr(cls, "__ninja_collection_fields__", []))
        errors = [
            {"type": "unknown_parameter", "loc": ("query", key)}
            for key in request.GET
            if key not in known
        ] + [
            {"type": "repeated_parameter", "loc": ("query", key)}
            for key in request.GET
            if key in known and key not in lists and len(request.GET.getlist(key)) > 1
        ]
        if errors:
            raise NinjaValidationError(errors)
        return super().get_request_data(request, api, path_params)


class _StrictQueryParam(param_models.Query):  # type: ignore[misc]
    _model = _StrictQueryModel

    @classmethod
    def _param_source(cls) -> str:
        return "query"


def _strict_query(default: Any = ..., **kwargs: Any) -> Any:
    return _StrictQueryParam(default, **kwargs)


if TYPE_CHECKING:
    StrictQuery = Annotated[T, _strict_query()]
else:
    StrictQuery = ParamShortcut(_strict_query)


class Page[M: Model](NamedTuple):
    total: int
    page: int
    pages: int
    items: list[M]


def paginate[M: Model](items: QuerySet[M], page: int, per_page: int) -> Page[M]:
    """One page of ``items``: a page past the last is the last, an empty list is one page."""
    total = items.count()
    pages = max(1, math.ceil(total / per_page))
    page = max(1, min(page, pages))
    return Page(total, page, pages, list(items[(page - 1) * per_page : page * per_page]))
