"""URLs of the console's disclosure applications (included under ``/console/cases/``)."""

from django.urls import path

from gongkai.console import cases, letter_templates
from gongkai.console.cases import released

app_name = "cases"

urlpatterns = [
    path("", cases.inbox, name="inbox"),
    path("export.csv", cases.export_csv, name="export_csv"),
    path("export.xlsx", cases.export_xlsx, name="export_xlsx"),
    path("new/", cases.register, name="register"),
    path(
        "letter-templates/<int:agency_id>/",
        letter_templates.templates,
        name="letter_templates",
    ),
    path(
        "letter-templates/<int:agency_id>/default/<str:kind>.docx",
        letter_templates.default,
        name="letter_template_default",
    ),
    path("<int:pk>/", cases.case_page, name="case"),
    path("<int:pk>/attach/", cases.attach, name="attach"),
    path(
        "<int:pk>/letters/<int:letter_id>.<str:fmt>",
        cases.letter_file,
        name="letter",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        cases.attachment_file,
        name="attachment",
    ),
    path("<int:pk>/forms/<str:name>.<str:fmt>", cases.form_file, name="form"),
    path("<int:pk>/released/add/", released.add, name="released_add"),
    path("<int:pk>/released/link/", released.link, name="released_link"),
    path("<int:pk>/released/<int:item_id>/remove/", released.remove, name="released_remove"),
    path("<int:pk>/released/<int:item_id>/redact/", released.redact_page, name="redact"),
    path(
        "<int:pk>/released/<int:item_id>/pages/<int:page>.png",
        released.preview,
        name="redact_preview",
    ),
    path("<int:pk>/released/<int:item_id>/publish/", released.propose, name="released_propose"),
    path(
        "<int:pk>/released/<int:item_id>/<str:which>/",
        released.download,
        name="released_file",
    ),
    path("<int:pk>/<str:action>/", cases.act, name="act"),
]
