from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views import defaults

from gongkai.api.api import api
from gongkai.api.errors import ErrorOut, status_message


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers and `gongkai serve` smoke tests."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("console/", include("gongkai.console.urls")),
    path("", include("gongkai.portal.urls")),
]


def _json_under_api(status: int, page: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Django's error page, or under /api/ the API's own JSON refusal (``api/errors.py``):
    a path no operation matches, a request Django refuses before any view."""

    def handler(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.path.startswith("/api/"):
            body = ErrorOut(detail=str(status_message(status))).model_dump()
            return JsonResponse(body, status=status)
        return page(request, *args, **kwargs)

    return handler


handler400 = _json_under_api(400, defaults.bad_request)
handler403 = _json_under_api(403, defaults.permission_denied)
handler404 = _json_under_api(404, defaults.page_not_found)
handler500 = _json_under_api(500, defaults.server_error)
