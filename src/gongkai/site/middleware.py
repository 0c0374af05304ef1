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
