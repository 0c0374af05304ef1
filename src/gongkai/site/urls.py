from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from gongkai.api.api import api


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
