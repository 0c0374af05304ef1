"""URLs of the console's annual reports (included under ``/console/reports/``)."""

from django.urls import path

from gongkai.console import report_preview, reports

app_name = "reports"

urlpatterns = [
    path("", reports.report_list, name="list"),
    path("start/", reports.start, name="start"),
    path("import/", reports.import_report, name="import"),
    path("preview/<int:agency_id>/", report_preview.preview, name="preview"),
    path("<int:pk>/", reports.report_page, name="report"),
    path("<int:pk>/text/<str:section>/", reports.edit_section, name="edit"),
    path("<int:pk>/recompute/", reports.recompute, name="recompute"),
    path("<int:pk>/review/", reports.review, name="review"),
    path("<int:pk>/publish/", reports.publish, name="publish"),
    path("<int:pk>/cells/<str:row>/<str:column>/", reports.cell, name="cell"),
]
