"""URLs of the console's 行政复议 / 行政诉讼 (included under ``/console/disputes/``)."""

from django.urls import path

from gongkai.console import disputes, evidence

app_name = "disputes"

urlpatterns = [
    path("", disputes.dispute_list, name="list"),
    path("new/", disputes.new_dispute, name="new"),
    path("<int:pk>/", disputes.dispute_page, name="dispute"),
    path("<int:pk>/attach/", disputes.attach, name="attach"),
    path("<int:pk>/evidence.zip", evidence.evidence_pack, name="evidence"),
    path("<int:pk>/documents/<int:document_id>/", disputes.document_file, name="document"),
    path("<int:pk>/<str:action>/", disputes.act, name="act"),
]
