"""The one upload check shared by case attachments, dispute documents and supervision evidence."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from gongkai.cases.actions import DOCX_TYPE, CaseError, check_upload
from gongkai.disputes.actions import DisputeError
from gongkai.supervision.actions import OrderError

TYPE = "%(name)s: only PDF, JPEG, PNG or DOCX files are accepted."
SIZE = "%(name)s is larger than %(limit)s MB."
CONTENT = "%(name)s is not really a %(suffix)s file."


def test_it_accepts_a_file_whose_content_matches_its_suffix_and_rewinds_it() -> None:
    upload = SimpleUploadedFile("证据.PDF", b"%PDF-1.7\nbody", "application/octet-stream")
    upload.read(3)
    assert check_upload(upload) == ("application/pdf", ".pdf")
    assert upload.read(5) == b"%PDF-"
    docx = SimpleUploadedFile("复函.docx", b"PK\x03\x04rest", "application/zip")
    assert check_upload(docx) == (DOCX_TYPE, ".docx")


@pytest.mark.parametrize(
    ("error", "field"),
    [(CaseError, "attachments"), (DisputeError, "documents"), (OrderError, "file")],
)
def test_each_domain_gets_the_same_refusals_on_its_own_field(
    error: type[ValidationError], field: str, settings: Any
) -> None:
    cases: list[tuple[SimpleUploadedFile, str, dict[str, object]]] = [
        (SimpleUploadedFile("a.exe", b"MZ", "application/octet-stream"), TYPE, {}),
        (SimpleUploadedFile("noext", b"%PDF-", "application/pdf"), TYPE, {}),
        (
            SimpleUploadedFile("a.pdf", b"MZ\x90 no pdf", "application/pdf"),
            CONTENT,
            {"suffix": ".pdf"},
        ),
        (SimpleUploadedFile("a.png", b"%PDF-1.4", "image/png"), CONTENT, {"suffix": ".png"}),
    ]
    settings.GONGKAI_UPLOAD_MAX_MB = 1
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024)
    cases.append((SimpleUploadedFile("a.pdf", big, "application/pdf"), SIZE, {"limit": 1}))
    for upload, message, params in cases:
        with pytest.raises(error) as raised:
            check_upload(upload, field=field, error=error)
        expected = _(message) % {"name": upload.name, **params}
        assert raised.value.message_dict == {field: [expected]}
