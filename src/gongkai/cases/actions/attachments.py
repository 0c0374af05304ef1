"""Files: what an applicant or officer may attach (checked by content), and an agency's own
letter templates."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Capability, actor_label, actor_user, can
from gongkai.agencies.lifecycle import record_event
from gongkai.agencies.models import Agency
from gongkai.cases.actions._common import CaseError, _today
from gongkai.cases.choices import AttachmentKind, LetterKind
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.models import Case, CaseAttachment, CaseEvent, LetterTemplate

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Uploads an applicant or officer may attach: what offices accept, checked by content too.
ATTACHMENT_TYPES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    DOCX_TYPE: (b"PK\x03\x04",),
}
ATTACHMENT_SUFFIXES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": DOCX_TYPE,
}


def check_upload(
    upload: UploadedFile[Any],
    *,
    field: str = "attachments",
    error: type[ValidationError] = CaseError,
) -> tuple[str, str]:
    """The one check of an uploaded file (a case attachment, a dispute document, supervision
    evidence): an accepted suffix, within ``GONGKAI_UPLOAD_MAX_MB``, and content that starts
    like its suffix says. Returns ``(content type, suffix)``; a refusal is ``error`` raised on
    ``field``. The upload is left at its start."""
    name = upload.name or ""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    content_type = ATTACHMENT_SUFFIXES.get(suffix)
    limit = settings.GONGKAI_UPLOAD_MAX_MB * 1024 * 1024
    if content_type is None:
        raise error(
            {
                field: _("%(name)s: only PDF, JPEG, PNG or DOCX files are accepted.")
                % {"name": name}
            },
        )
    if (upload.size or 0) > limit:
        raise error(
            {
                field: _("%(name)s is larger than %(limit)s MB.")
                % {"name": name, "limit": settings.GONGKAI_UPLOAD_MAX_MB}
            },
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ATTACHMENT_TYPES[content_type]):
        raise error(
            {
                field: _("%(name)s is not really a %(suffix)s file.")
                % {"name": name, "suffix": suffix}
            },
        )
    return content_type, suffix


def _check_upload(kind: str, upload: UploadedFile[Any]) -> str:
    if kind not in AttachmentKind.values:
        raise CaseError({"attachments": _("Unknown kind of attachment.")})
    return check_upload(upload)[0]


def _store_upload(case: Case, kind: str, upload: UploadedFile[Any]) -> CaseAttachment:
    content_type = _check_upload(kind, upload)
    attachment = CaseAttachment(
        case=case,
        kind=kind,
        name=(upload.name or "file")[-200:],
        content_type=content_type,
        size=upload.size or 0,
    )
    attachment.file.save(f"{secrets.token_hex(8)}{(upload.name or '')[-8:]}", upload, save=False)
    attachment.save()
    return attachment


def add_attachment(
    *, actor: Actor, case: Case, kind: str, upload: UploadedFile[Any], today: dt.date | None = None
) -> CaseAttachment:
    today = today or _today()
    if not can(actor, Capability.HANDLE_CASES, case.agency):
        raise PermissionDenied(f"{actor_label(actor)} may not add files to {case}")
    with transaction.atomic():
        attachment = _store_upload(case, kind, upload)
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.ATTACHMENT_ADDED,
            before=case.status,
            after=case.status,
            data={"name": attachment.name, "kind": kind},
            case=case,
        )
    return attachment


def upload_letter_template(
    *, actor: Actor, agency: Agency, kind: LetterKind | str, content: bytes, name: str = ""
) -> LetterTemplate:
    from django.core.files.base import ContentFile

    from gongkai.core.letters.docx import check_template

    if not can(actor, Capability.MANAGE_AGENCY, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not change {agency}'s letter templates")
    kind = LetterKind(kind)
    problems = check_template(content)
    if problems:
        raise CaseError({"file": problems}, code="template")
    with transaction.atomic():
        LetterTemplate.objects.filter(agency=agency, kind=kind).delete()
        template = LetterTemplate(agency=agency, kind=kind, uploaded_by=actor_user(actor))
        template.file.save(f"{agency.pk}-{kind}.docx", ContentFile(content), save=False)
        template.save()
    return template


def remove_letter_template(*, actor: Actor, agency: Agency, kind: LetterKind | str) -> bool:
    """Back to the default template for that kind of letter."""
    if not can(actor, Capability.MANAGE_AGENCY, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not change {agency}'s letter templates")
    deleted, _rows = LetterTemplate.objects.filter(agency=agency, kind=LetterKind(kind)).delete()
    return bool(deleted)
