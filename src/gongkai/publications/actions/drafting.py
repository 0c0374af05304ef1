"""Drafting: a new item, its edits and attachments, and the submission for review."""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Mapping
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, actor_label, actor_user
from gongkai.agencies.lifecycle import record_event
from gongkai.agencies.models import Agency
from gongkai.publications.access import can_draft
from gongkai.publications.actions._base import lock, step
from gongkai.publications.choices import (
    NORMATIVE_KINDS,
    Channel,
    DocumentKind,
    EventKind,
    InterpretationForm,
    Status,
    Validity,
)
from gongkai.publications.models import (
    Attachment,
    Genre,
    IndexCounter,
    Publication,
    PublicationEvent,
    Topic,
)

# What a body may contain: the formatting offices use, nothing that runs or loads.
ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "blockquote", "a", "span", "div", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}

EDITABLE_FIELDS = (
    "title",
    "summary",
    "document_number",
    "written_on",
    "changed_on",
    "topic",
    "genre",
    "kind",
    "disclosure",
    "valid_from",
    "channels",
    "body",
    "interprets",
    "interpretation_form",
    "speakers",
)


def sanitise(body: str) -> str:
    return nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener")


def body_text(body: str) -> str:
    return html.unescape(nh3.clean(body.replace("</p>", "</p>\n"), tags=set())).strip()


def next_index_number(agency: Agency, year: int) -> str:
    """Take the next serial for the year (inside the caller's transaction); never reused."""
    counter, _created = IndexCounter.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    while True:
        counter.last += 1
        number = agency.index_number(year, counter.last)
        # A pattern without {short}/{credit_code} could collide across agencies: skip on.
        if not Publication.objects.filter(index_number=number).exists():
            break
    counter.save(update_fields=["last"])
    return number


def _vocabulary_ok(agency: Agency, value: Topic | Genre | None) -> None:
    if value is not None and value.agency_id not in (None, agency.pk):
        raise ValidationError(_("That term belongs to another agency's vocabulary."))


def _check(publication: Publication) -> None:
    _vocabulary_ok(publication.agency, publication.topic)
    _vocabulary_ok(publication.agency, publication.genre)
    if publication.kind == DocumentKind.INTERPRETATION and publication.interprets is None:
        raise ValidationError(_("A policy interpretation must name the policy it interprets."))
    if publication.interprets is not None:
        if publication.kind != DocumentKind.INTERPRETATION:
            raise ValidationError(_("Only a policy interpretation can interpret a policy."))
        if publication.interprets.agency_id != publication.agency_id:
            raise ValidationError(_("The policy must be the same agency's."))
    if publication.interpretation_form and publication.kind != DocumentKind.INTERPRETATION:
        raise ValidationError(_("Only a policy interpretation has a form of interpretation."))
    if publication.speakers and publication.interpretation_form != InterpretationForm.PRESS:
        raise ValidationError(
            _("Speakers are recorded only for an interpretation given as a press conference.")
        )
    unknown_channels = set(publication.channels or []) - set(Channel.values)
    if unknown_channels:
        raise ValidationError(
            _("Unknown channels: %(cols)s") % {"cols": ", ".join(sorted(unknown_channels))}
        )
    if publication.changed_on and publication.changed_on < publication.written_on:
        raise ValidationError(_("The date of change cannot be before the date written."))
    publication.body = sanitise(publication.body)
    publication.body_text = body_text(publication.body)
    publication.validity = (
        (publication.validity or Validity.IN_FORCE)
        if publication.kind in NORMATIVE_KINDS
        else Validity.NONE
    )
    publication.full_clean(exclude=["index_number", "catalog_items"])


@transaction.atomic
def create_draft(*, actor: Actor, agency: Agency, **fields: Any) -> Publication:
    if not can_draft(actor, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not draft for {agency}")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    publication = Publication(agency=agency, created_by=actor_user(actor), **fields)
    _check(publication)
    # 索引号: from the agency's pattern and the year the information was formed.
    publication.index_number = next_index_number(agency, publication.written_on.year)
    publication.save()
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.CREATED,
        after=publication.status,
        data={"index_number": publication.index_number},
        publication=publication,
    )
    return publication


@transaction.atomic
def update_draft(*, actor: Actor, publication: Publication, changes: Mapping[str, Any]) -> None:
    publication = lock(publication)
    step(actor, publication, "edit")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    before = {k: str(getattr(publication, k)) for k in changes}
    for key, value in changes.items():
        setattr(publication, key, value)
    _check(publication)
    publication.save()
    after = {k: str(getattr(publication, k)) for k in changes}
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.EDITED,
        before=Status.DRAFT,
        after=publication.status,
        data={"before": before, "after": after},
        publication=publication,
    )


def extract_text(name: str, content: bytes) -> str:
    """Text of an attachment for search: PDF (text layer), DOCX, OFD, plain text; else ''."""
    lower = name.lower()
    try:
        if lower.endswith(".pdf"):
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(content))
            return "\n".join(page.extract_text() or "" for page in reader.pages)
        if lower.endswith(".docx"):
            import docx

            document = docx.Document(io.BytesIO(content))
            return "\n".join(p.text for p in document.paragraphs)
        if lower.endswith(".ofd"):
            # OFD (GB/T 33190) is a zip of XML pages; the text sits in TextCode elements.
            import re

            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                parts = [
                    archive.read(n).decode("utf-8", "replace")
                    for n in archive.namelist()
                    if n.endswith("Content.xml")
                ]
            found = re.findall(r"<(?:ofd:)?TextCode[^>]*>([^<]*)<", "\n".join(parts))
            return "".join(html.unescape(t) for t in found)
        if lower.endswith((".txt", ".csv", ".html", ".htm")):
            text = content.decode("utf-8", "replace")
            return body_text(text) if lower.endswith((".html", ".htm")) else text
    except Exception:
        return ""
    return ""  # images and other formats: kept, not searchable


def add_attachment(
    *, actor: Actor, publication: Publication, name: str, content: bytes, content_type: str = ""
) -> Attachment:
    step(actor, publication, "attach")
    # Reading a long PDF takes seconds: before the write transaction, which on SQLite holds the
    # write lock for every other writer.
    text = extract_text(name, content)
    with transaction.atomic():
        publication = lock(publication)
        step(actor, publication, "attach")
        attachment = Attachment(
            publication=publication,
            name=name[:200],
            content_type=content_type,
            size=len(content),
            text=text,
        )
        attachment.file.save(name, ContentFile(content), save=False)
        attachment.save()
        record_event(
            PublicationEvent,
            actor=actor,
            kind=EventKind.ATTACHED,
            before=Status.DRAFT,
            after=publication.status,
            data={"name": attachment.name},
            publication=publication,
        )
    return attachment


@transaction.atomic
def submit(*, actor: Actor, publication: Publication) -> Publication:
    publication = lock(publication)
    before = step(actor, publication, "submit").apply(publication)
    publication.save(update_fields=["status", "updated_at"])
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.SUBMITTED,
        before=before,
        after=publication.status,
        publication=publication,
    )
    return publication
