"""URLs of the console's 监督保障 (included under ``/console/supervision/``)."""

from django.urls import path

from gongkai.console import (
    supervision,
    supervision_bulletins,
    supervision_registry,
    supervision_schemes,
    supervision_submitted,
)

app_name = "supervision"

urlpatterns = [
    path("", supervision.scorecard_page, name="scorecard"),
    path("scorecard.xlsx", supervision.scorecard_xlsx, name="scorecard_xlsx"),
    path("submitted/", supervision_submitted.submitted, name="submitted"),
    path(
        "<int:year>/<int:agency_id>/<str:metric>/",
        supervision.members_page,
        name="members",
    ),
    path("units/<int:agency_id>/issue/", supervision.issue, name="issue"),
    path(
        "units/<int:agency_id>/registry/",
        supervision_registry.registry_page,
        name="registry",
    ),
    path("orders/<int:pk>/", supervision.order_page, name="order"),
    path("orders/<int:pk>/<str:action>/", supervision.act, name="act"),
    path("schemes/", supervision_schemes.scheme_list, name="schemes"),
    path("bulletins/", supervision_bulletins.bulletin_list, name="bulletins"),
    path(
        "bulletins/<int:pk>.<str:fmt>",
        supervision_bulletins.bulletin_file,
        name="bulletin",
    ),
    path("schemes/<int:pk>/", supervision_schemes.scheme_page, name="scheme"),
    path(
        "orders/<int:pk>/documents/<int:document_id>/",
        supervision.order_document,
        name="order_document",
    ),
]
