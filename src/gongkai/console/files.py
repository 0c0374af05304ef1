"""The console's private files: one download and one upload path for case attachments,
dispute documents and supervision evidence.

The rights check is not here: each view first fetches the file's owner through its domain's
``access`` function (404 for what the user may not see) and passes the stored record on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _


class StoredUpload(Protocol):
    """A row holding one upload: ``CaseAttachment``, ``DisputeDocument``, ``OrderDocument``."""

    file: FieldFile
    name: str
    content_type: str


def download(stored: StoredUpload | None) -> FileResponse:
    """The upload as an attachment under its original name and type; 404 if there is none."""
    if stored is None or not stored.file:
        raise Http404("no such file")
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )


def attach_posted(
    request: HttpRequest,
    form: forms.Form,
    run: Callable[[dict[str, Any]], object],
    *,
    invalid: str,
) -> bool:
    """Validate a posted upload form and run the attaching action with its cleaned data.

    The outcome goes to the messages framework: the action's refusals (wrong type, too large …)
    one by one, ``invalid`` for a form without its file. True when the file was attached.
    """
    if not form.is_valid():
        messages.error(request, invalid)
        return False
    try:
        run(form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, _("File attached."))
    return True
