"""Middleware of the whole site."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def body_limit(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse a request whose declared body exceeds ``GONGKAI_MAX_BODY_BYTES`` before reading it.

    Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) apply while a body is parsed; this one
    stops a 400 MB upload at its Content-Length, so the worker never reads it.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        limit = settings.GONGKAI_MAX_BODY_BYTES
        if length < 0 or length > limit:
            message = _("The request is too large: at most %(mb)d MB may be sent at once.") % {
                "mb": limit // (1024 * 1024)
            }
            if request.path.startswith("/api/"):
                response: HttpResponse = JsonResponse({"detail": message}, status=413)
            else:
                response = HttpResponse(
                    message, status=413, content_type="text/plain; charset=utf-8"
                )
            response["Connection"] = "close"
            return response
        return get_response(request)

    return middleware


def refuse_nul(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse a page request with a NUL character in its path, query string or form (400).

    No form, URL or text field has a use for one, and PostgreSQL cannot store or even compare
    text holding one (the query fails: a 500 wherever a view passes the text on). The API
    refuses them itself, naming the field (``api/errors.py``).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/") and _has_nul(request):
            message = _("The request contains a character that is not allowed (NUL).")
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    forms = [request.GET]
    if request.method == "POST" and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        forms.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for data in forms
        for key, values in data.lists()
    )
