"""How the API refuses: one JSON shape for every 4xx, documented on every operation.

Every refusal is ``ErrorOut``: ``{"detail": "<Chinese message>", "errors": {field: [messages]}}``
(``errors`` is empty unless fields are at fault). django-ninja's own answers (validation errors,
a body that is not JSON, a missing token) are rewritten into it by the handlers installed here,
and a lost race (``TransitionRefused``: the case changed meanwhile) is a 409, never a 500.

JSON only (issue 12, "Abuse"): a request body must be declared ``application/json``, else 415.
A browser sends a cross-site request without asking first (no CORS preflight) only as
``text/plain``, ``application/x-www-form-urlencoded`` or ``multipart/form-data``; refusing
those bodies means no other web site can make its visitors' browsers file an application. No
operation authenticates by cookie (staff use bearer tokens), so there is no session to ride on.

``document`` adds the answers the machinery can give to every operation of the OpenAPI: 400,
413, 415 and 422 where there is a body, 422 where there are parameters, 401 where a token is
required, 404 where the path names an object; an operation declares its own 404/409/429.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from pydantic import Field

from gongkai.agencies.lifecycle import TransitionRefused


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


class UnsupportedMediaType(Exception):
    """The body is not declared JSON (``JsonOnly``)."""


JSON_TYPES = ("application/json",)
# django-ninja's own English messages, answered in the user's language instead.
NINJA_DEFAULTS = {"", "Unauthorized", "Forbidden", "Too many requests."}


def _nul_errors(value: Any, loc: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Where a NUL character hides in parsed input (PostgreSQL stores no text with one)."""
    if isinstance(value, str):
        return [{"type": "string_nul", "loc": loc}] if "\x00" in value else []
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            found += _nul_errors(str(key), (*loc, key)) + _nul_errors(item, (*loc, key))
        return found
    if isinstance(value, list):
        return [e for i, item in enumerate(value) for e in _nul_errors(item, (*loc, i))]
    return []


class JsonOnly(Parser):
    """The default JSON parser, for bodies declared ``application/json`` only, and no input
    (body or query string) with a NUL character: refused here rather than by the database."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if request.content_type not in JSON_TYPES:
            raise UnsupportedMediaType(request.content_type)
        data = super().parse_body(request)
        found = _nul_errors(data, ("body", "body"))
        if found:
            raise NinjaValidationError(found)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        found = _nul_errors(parsed, ("query",))
        if found:
            raise NinjaValidationError(found)
        return parsed


def _answer(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    detail: str,
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body = ErrorOut(detail=detail, errors=errors or {}).model_dump()
    return api.create_response(request, body, status=status)


def status_message(status: int) -> str:
    """The generic message of a refusal with nothing more particular to say."""
    messages = {
        400: _("The request could not be understood."),
        401: _("A valid access token is required (Authorization: Bearer …)."),
        403: _("You may not do that."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        409: _("This step is no longer possible: the case has changed. Reload and try again."),
        413: _("The request is too large."),
        415: _("The request body must be JSON (Content-Type: application/json)."),
        422: _("The request was not accepted: see the errors of each field."),
        429: _("Too many requests. Please try again later."),
        500: _("Something went wrong on our side. Please try again later."),
    }
    return messages.get(status, _("The request could not be understood."))


def _field_message(error: dict[str, Any]) -> str:
    """A pydantic error as a sentence for the applicant (pydantic's own text is English)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "unknown_parameter":
        return _("Unknown parameter.")
    if kind == "repeated_parameter":
        return _("Given more than once.")
    if kind == "string_nul":
        return _("Text may not contain NUL characters.")
    if kind == "missing":
        return _("This field is required.")
    if kind in {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}:
        return _("Enter a whole number.")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Must be at least %(limit)s.") % {"limit": ctx.get("ge", ctx.get("gt", ""))}
    if kind in {"less_than_equal", "less_than"}:
        return _("Must be at most %(limit)s.") % {"limit": ctx.get("le", ctx.get("lt", ""))}
    if kind == "string_too_long":
        return _("At most %(limit)s characters.") % {"limit": ctx.get("max_length", "")}
    if kind == "string_too_short":
        return _("At least %(limit)s characters.") % {"limit": ctx.get("min_length", "")}
    if kind in {"literal_error", "enum"}:
        return _("Not one of the allowed values.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Enter a valid date.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    return _("This value is not valid.")


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    """``("body", "body", "phone")`` → ``phone``; ``("query", "year")`` → ``year``."""
    parts = [str(p) for p in loc]
    source, rest = (parts[0], parts[1:]) if parts else ("", [])
    if source == "body":
        rest = rest[1:]  # the view's argument that holds the body: the body as a whole
    return ".".join(rest) or "__all__"


def validation_errors(exc: NinjaValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        name = _field_name(error.get("loc", ()))
        message = _field_message(error)
        if message not in fields.setdefault(name, []):
            fields[name].append(message)
    return fields


def install(api: NinjaAPI) -> None:
    """Answer every refusal as ``ErrorOut`` (in place of django-ninja's own shapes)."""

    def validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return _answer(api, request, 422, status_message(422), validation_errors(exc))

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        status, detail = exc.status_code, str(exc)
        if isinstance(exc.__cause__, NinjaValidationError):  # found while parsing the body
            return validation(request, exc.__cause__)
        if isinstance(exc.__cause__, UnsupportedMediaType):
            status, detail = 415, status_message(415)
        elif status == 400 and detail.startswith("Cannot parse request body"):
            detail = _("The request body is not valid JSON.")
        elif isinstance(exc, AuthenticationError):
            detail = status_message(401)
        elif detail in NINJA_DEFAULTS:
            detail = status_message(status)
        return _answer(api, request, status, detail)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return _answer(api, request, 404, status_message(404))

    def denied(request: HttpRequest, exc: Any) -> HttpResponse:
        return _answer(api, request, 403, status_message(403))

    def refused(request: HttpRequest, exc: Any) -> HttpResponse:
        return _answer(api, request, 409, status_message(409), {"__all__": exc.messages})

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            fields = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        else:
            fields = {"__all__": [str(m) for m in exc.messages]}
        return _answer(api, request, 422, status_message(422), fields)

    api.add_exception_handler(NinjaValidationError, validation)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, denied)
    api.add_exception_handler(TransitionRefused, refused)
    api.add_exception_handler(ValidationError, invalid)


DESCRIPTIONS = {
    400: "The body is not JSON",
    401: "No valid bearer token",
    403: "Not allowed",
    404: "No such object (or not yours to see)",
    409: "No longer possible: the object changed meanwhile",
    413: "The body is too large",
    415: "The body is not declared application/json",
    422: "A parameter or a field of the body was refused (see errors)",
    429: "Too many attempts from this address; try again later",
}
ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


def error_response(status: int) -> dict[str, Any]:
    return {
        "description": DESCRIPTIONS[status],
        "content": {"application/json": {"schema": ERROR_REF}},
    }


def document(schema: OpenAPISchema) -> OpenAPISchema:
    """Add the refusals every operation can meet to its documented answers."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template=""))
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            parameters = operation.get("parameters") or []
            statuses: set[int] = set()
            if operation.get("requestBody"):
                statuses |= {400, 413, 415, 422}
            if parameters:
                statuses.add(422)
            if operation.get("security"):
                statuses.add(401)
            if any(p.get("in") == "path" for p in parameters):
                statuses.add(404)
            responses = operation["responses"]
            for status in sorted(statuses):
                if status not in responses and str(status) not in responses:
                    responses[status] = error_response(status)
    return schema
