"""Every change to the catalog: one function each, the only writers of these models.

Each action takes a keyword-only ``actor``, checks the right in ``access.py``, runs in one
transaction and appends an immutable ``PublicationEvent`` (who, when, status before/after).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, SystemActor
from gongkai.agencies.models import Agency, User
from gongkai.publications import search
from gongkai.publications.access import can_draft, can_enter_figures, can_review
from gongkai.publications.choices import (
    NORMATIVE_KINDS,
    PUBLIC_STATUSES,
    Channel,
    Disclosure,
    DocumentKind,
    Event,
    ReviewKind,
    Status,
    Validity,
)
from gongkai.publications.models import (
    Article20Figures,
    Attachment,
    CatalogItem,
    Domain,
    Genre,
    IndexCounter,
    Publication,
    PublicationEvent,
    ReviewSignoff,
    Topic,
)
from gongkai.publications.queries import due_date

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
)


def sanitise(body: str) -> str:
    return nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener")


def body_text(body: str) -> str:
    return html.unescape(nh3.clean(body.replace("</p>", "</p>\n"), tags=set())).strip()


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _label(actor: Actor) -> str:
    return actor.label if isinstance(actor, SystemActor) else actor.get_username()


def _event(
    actor: Actor,
    publication: Publication,
    kind: Event,
    before: str = "",
    data: Mapping[str, Any] | None = None,
) -> PublicationEvent:
    return PublicationEvent.objects.create(
        publication=publication,
        actor=_user(actor),
        actor_label=_label(actor),
        kind=kind,
        status_before=before,
        status_after=publication.status,
        data=dict(data or {}),
    )


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def _require_draft_right(actor: Actor, publication: Publication) -> None:
    if not can_draft(actor, publication.agency):
        raise _deny(f"{_label(actor)} may not draft or publish for {publication.agency}")


def _require_status(publication: Publication, *allowed: Status) -> None:
    if publication.status not in allowed:
        raise ValidationError(
            _("Not possible while the item is %(status)s.")
            % {"status": Status(publication.status).label}
        )


def _lock(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().select_related("agency").get(pk=publication.pk)


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
        raise _deny(f"{_label(actor)} may not draft for {agency}")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    publication = Publication(agency=agency, created_by=_user(actor), **fields)
    _check(publication)
    # 索引号: from the agency's pattern and the year the information was formed.
    publication.index_number = next_index_number(agency, publication.written_on.year)
    publication.save()
    _event(actor, publication, Event.CREATED, data={"index_number": publication.index_number})
    return publication


@transaction.atomic
def update_draft(*, actor: Actor, publication: Publication, changes: Mapping[str, Any]) -> None:
    publication = _lock(publication)
    _require_draft_right(actor, publication)
    _require_status(publication, Status.DRAFT)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    before = {k: str(getattr(publication, k)) for k in changes}
    for key, value in changes.items():
        setattr(publication, key, value)
    _check(publication)
    publication.save()
    after = {k: str(getattr(publication, k)) for k in changes}
    _event(actor, publication, Event.EDITED, Status.DRAFT, {"before": before, "after": after})


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


@transaction.atomic
def add_attachment(
    *, actor: Actor, publication: Publication, name: str, content: bytes, content_type: str = ""
) -> Attachment:
    publication = _lock(publication)
    _require_draft_right(actor, publication)
    _require_status(publication, Status.DRAFT)
    attachment = Attachment(
        publication=publication,
        name=name[:200],
        content_type=content_type,
        size=len(content),
        text=extract_text(name, content),
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    _event(actor, publication, Event.ATTACHED, Status.DRAFT, {"name": attachment.name})
    return attachment


@transaction.atomic
def submit(*, actor: Actor, publication: Publication) -> Publication:
    publication = _lock(publication)
    _require_draft_right(actor, publication)
    _require_status(publication, Status.DRAFT)
    publication.status = Status.SUBMITTED
    publication.save(update_fields=["status", "updated_at"])
    _event(actor, publication, Event.SUBMITTED, Status.DRAFT)
    return publication


def current_signoffs(publication: Publication) -> dict[str, ReviewSignoff]:
    return {
        s.kind: s
        for s in publication.signoffs.filter(round=publication.review_round).select_related(
            "reviewer"
        )
    }


@transaction.atomic
def sign_off(
    *, actor: Actor, publication: Publication, kind: ReviewKind | str, note: str = ""
) -> ReviewSignoff:
    """A reviewer's content review or 保密审查 (条例第十七条); both done → reviewed."""
    publication = _lock(publication)
    if not can_review(actor, publication.agency) or not isinstance(actor, User):
        raise _deny(f"{_label(actor)} may not review for {publication.agency}")
    _require_status(publication, Status.SUBMITTED)
    if publication.created_by_id == actor.pk:
        raise ValidationError(_("The drafter cannot review their own item."))
    kind = ReviewKind(kind)
    if kind in current_signoffs(publication):
        raise ValidationError(_("This review has already been signed off."))
    signoff = ReviewSignoff.objects.create(
        publication=publication, kind=kind, round=publication.review_round, reviewer=actor,
        note=note,
    )  # fmt: skip
    before = publication.status
    if set(current_signoffs(publication)) == set(ReviewKind.values):
        publication.status = Status.REVIEWED
        publication.save(update_fields=["status", "updated_at"])
    _event(actor, publication, Event.SIGNED_OFF, before, {"review": kind.value, "note": note})
    return signoff


@transaction.atomic
def send_back(*, actor: Actor, publication: Publication, reason: str) -> Publication:
    """A reviewer returns the item to its drafter; the next round needs fresh sign-offs."""
    publication = _lock(publication)
    if not can_review(actor, publication.agency):
        raise _deny(f"{_label(actor)} may not review for {publication.agency}")
    _require_status(publication, Status.SUBMITTED, Status.REVIEWED)
    if not reason.strip():
        raise ValidationError(_("Say why the item goes back."))
    before = publication.status
    publication.status = Status.DRAFT
    publication.review_round += 1
    publication.save(update_fields=["status", "review_round", "updated_at"])
    _event(actor, publication, Event.SENT_BACK, before, {"reason": reason})
    return publication


@transaction.atomic
def publish(*, actor: Actor, publication: Publication, on: dt.date | None = None) -> Publication:
    publication = _lock(publication)
    _require_draft_right(actor, publication)
    _require_status(publication, Status.REVIEWED)
    # 先审后发: both sign-offs of the current round, or nothing goes out.
    if set(current_signoffs(publication)) != set(ReviewKind.values):
        raise ValidationError(
            _("Both the content review and the confidentiality review are needed.")
        )
    if publication.disclosure != Disclosure.ACTIVE:
        raise ValidationError(_("Only proactively disclosed items are published."))
    on = on or timezone.localdate()
    if on < publication.written_on:
        raise ValidationError(_("An item cannot be published before it was written."))
    policy = publication.interprets
    if policy is not None and policy.status not in PUBLIC_STATUSES:
        raise ValidationError(_("Publish the policy before (or with) its interpretation."))
    publication.published_on = on
    publication.due_on = due_date(publication)
    publication.is_late = on > publication.due_on
    # 三同步: the interpretation should go out with its policy, not after.
    publication.interpretation_late = bool(
        policy is not None and policy.published_on is not None and on > policy.published_on
    )
    if publication.kind in NORMATIVE_KINDS and publication.valid_from is None:
        publication.valid_from = on
    publication.status = Status.PUBLISHED
    publication.save()
    search.index(publication)
    _event(
        actor,
        publication,
        Event.PUBLISHED,
        Status.REVIEWED,
        {
            "published_on": on.isoformat(),
            "due_on": publication.due_on.isoformat(),
            "late": publication.is_late,
        },
    )
    return publication


@transaction.atomic
def withdraw(*, actor: Actor, publication: Publication, reason: str) -> Publication:
    publication = _lock(publication)
    _require_draft_right(actor, publication)
    _require_status(publication, Status.PUBLISHED)
    if not reason.strip():
        raise ValidationError(_("Say why the item is withdrawn."))
    publication.status = Status.WITHDRAWN
    publication.save(update_fields=["status", "updated_at"])
    search.unindex(publication)
    _event(actor, publication, Event.WITHDRAWN, Status.PUBLISHED, {"reason": reason})
    return publication


@transaction.atomic
def supersede(*, actor: Actor, publication: Publication, by: Publication) -> Publication:
    """A revised version replaces the item; the old one stays visible, marked superseded."""
    publication = _lock(publication)
    _require_draft_right(actor, publication)
    _require_status(publication, Status.PUBLISHED)
    if by.agency_id != publication.agency_id or by.status != Status.PUBLISHED or by == publication:
        raise ValidationError(_("The new version must be another published item of the agency."))
    publication.status = Status.SUPERSEDED
    publication.superseded_by = by
    publication.save(update_fields=["status", "superseded_by", "updated_at"])
    _event(actor, publication, Event.SUPERSEDED, Status.PUBLISHED, {"by": by.index_number})
    return publication


@transaction.atomic
def change_validity(
    *,
    actor: Actor,
    publication: Publication,
    validity: Validity | str,
    on: dt.date,
    by: Publication | None = None,
    by_text: str = "",
) -> Publication:
    """Repeal, amend or let expire a 规章 / 行政规范性文件; it stays visible with its status."""
    publication = _lock(publication)
    _require_draft_right(actor, publication)
    _require_status(publication, Status.PUBLISHED, Status.SUPERSEDED)
    validity = Validity(validity)
    if publication.kind not in NORMATIVE_KINDS:
        raise ValidationError(_("Only rules and normative documents have a validity."))
    if validity in (Validity.NONE, Validity.IN_FORCE):
        raise ValidationError(_("Choose repealed, amended or expired."))
    if publication.published_on and on < publication.published_on:
        raise ValidationError(_("The change cannot be before the item was published."))
    if validity in (Validity.REPEALED, Validity.AMENDED) and by is None and not by_text.strip():
        raise ValidationError(_("Name the document that repeals or amends it."))
    if by is not None and (by.pk == publication.pk or by.status not in PUBLIC_STATUSES):
        raise ValidationError(_("The repealing document must be another published item."))
    before = publication.validity
    publication.validity = validity
    publication.validity_changed_on = on
    publication.validity_changed_by = by
    publication.validity_changed_by_text = by_text or (by.title if by else "")
    publication.save()
    _event(
        actor,
        publication,
        Event.VALIDITY,
        publication.status,
        {
            "before": before,
            "after": validity.value,
            "on": on.isoformat(),
            "by": by.index_number if by else by_text,
        },
    )
    return publication


# -- vocabularies and the standard catalog ---------------------------------------------------


@transaction.atomic
def add_term(
    *, actor: Actor, agency: Agency, vocabulary: type[Topic] | type[Genre], name: str
) -> Any:
    if not can_draft(actor, agency) and not can_enter_figures(actor, agency):
        raise _deny(f"{_label(actor)} may not change {agency}'s vocabularies")
    name = name.strip()
    if not name:
        raise ValidationError(_("A term needs a name."))
    return vocabulary.objects.get_or_create(agency=agency, name=name)[0]


@transaction.atomic
def add_domain(*, actor: Actor, agency: Agency, name: str) -> Domain:
    if not can_draft(actor, agency):
        raise _deny(f"{_label(actor)} may not change {agency}'s standard catalog")
    if Domain.objects.filter(agency=None, name=name.strip()).exists():
        raise ValidationError(_("That domain is already one of the seeded ones."))
    # An agency's own domains come after the 26 seeded ones.
    return Domain.objects.get_or_create(agency=agency, name=name.strip(), defaults={"order": 1000})[
        0
    ]


@transaction.atomic
def save_catalog_item(*, actor: Actor, agency: Agency, **fields: Any) -> CatalogItem:
    """Add or replace (by domain and number) one row of the agency's standard catalog."""
    if not can_draft(actor, agency):
        raise _deny(f"{_label(actor)} may not change {agency}'s standard catalog")
    domain: Domain = fields["domain"]
    if domain.agency_id not in (None, agency.pk):
        raise ValidationError(_("That domain belongs to another agency."))
    item = CatalogItem.objects.filter(
        agency=agency, domain=domain, number=fields["number"]
    ).first() or CatalogItem(agency=agency)
    for key, value in fields.items():
        setattr(item, key, value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def file_under(*, actor: Actor, publication: Publication, item: CatalogItem) -> None:
    publication = _lock(publication)
    _require_draft_right(actor, publication)
    if item.agency_id != publication.agency_id:
        raise ValidationError(_("File items under the agency's own standard catalog."))
    publication.catalog_items.add(item)
    _event(actor, publication, Event.FILED, publication.status, {"catalog_item": str(item)})


@transaction.atomic
def import_catalog(
    *, actor: Actor, agency: Agency, rows: Iterable[tuple[int, Mapping[str, str]]]
) -> list[CatalogItem]:
    """Rows of the standard catalog spreadsheet (``catalog_xlsx.read``); all or nothing.

    A domain not among the 26 seeded ones becomes the agency's own (国办发〔2019〕54号 lets
    agencies add domains).
    """
    from gongkai.publications.catalog_xlsx import WORDS

    saved = []
    for line, row in rows:
        try:
            name = row.get("domain", "").strip()
            if not name:
                raise ValidationError(_("no domain"))
            domain = Domain.objects.filter(agency=None, name=name).first() or add_domain(
                actor=actor, agency=agency, name=name
            )
            fields: dict[str, Any] = {
                k: v for k, v in row.items() if k not in ("domain", *WORDS) and v is not None
            }
            for key, words in WORDS.items():
                if row.get(key):
                    if row[key] not in words:
                        raise ValidationError(
                            _("%(value)s is not one of %(words)s")
                            % {"value": row[key], "words": "/".join(words)}
                        )
                    fields[key] = words[row[key]]
            try:
                fields["number"] = int(float(row.get("number") or ""))
            except ValueError:
                raise ValidationError(_("no number")) from None
            saved.append(save_catalog_item(actor=actor, agency=agency, domain=domain, **fields))
        except ValidationError as exc:
            raise ValidationError(f"line {line}: {'; '.join(exc.messages)}") from exc
    return saved


# -- 条例第二十条 figures --------------------------------------------------------------------

FIGURE_FIELDS = (
    "licensing",
    "penalties",
    "enforcement",
    "fees",
    "licensing_items",
    "licensing_change",
    "other_services",
    "procurement",
)
_DECIMAL_FIGURES = frozenset({"fees", "procurement"})
_SIGNED_FIGURES = frozenset({"licensing_change"})


def parse_figure(name: str, raw: Any) -> int | Decimal | None:
    """A spreadsheet cell as a figure: blank is None; money in 万元; counts whole and >= 0."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip().replace(",", "").removesuffix("万元")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            _("%(name)s: %(raw)s is not a number") % {"name": name, "raw": raw}
        ) from None
    if value < 0 and name not in _SIGNED_FIGURES:
        raise ValidationError(_("%(name)s: must not be negative") % {"name": name})
    if name in _DECIMAL_FIGURES:
        return value
    if value != value.to_integral_value():
        raise ValidationError(_("%(name)s: must be a whole number") % {"name": name})
    return int(value)


@transaction.atomic
def record_figures(
    *, actor: Actor, agency: Agency, year: int, figures: Mapping[str, Any], source: str = ""
) -> Article20Figures:
    if not can_enter_figures(actor, agency):
        raise _deny(f"{_label(actor)} may not enter figures for {agency}")
    unknown = set(figures) - set(FIGURE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown columns: %(cols)s") % {"cols": ", ".join(sorted(unknown))})
    record = Article20Figures.objects.filter(agency=agency, year=year).first() or Article20Figures(
        agency=agency, year=year
    )
    for name, raw in figures.items():
        value = parse_figure(name, raw)
        if value is None and name in ("licensing", "penalties", "enforcement", "fees"):
            value = Decimal(0) if name == "fees" else 0
        setattr(record, name, value)
    record.entered_by = _user(actor)
    record.entered_by_label = _label(actor)
    record.entered_at = timezone.now()
    record.source = source
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def import_figures(
    *, actor: Actor, rows: Iterable[tuple[int, Mapping[str, Any]]], source: str
) -> list[Article20Figures]:
    """Rows of 机构, 年度 and figure columns (CSV or XLSX); all or nothing."""
    saved = []
    for line, row in rows:
        name = str(row.get("agency") or row.get("机构") or "").strip()
        agency = Agency.objects.filter(name=name).first()
        if agency is None:
            raise ValidationError(
                _("line %(line)s: no agency %(name)s") % {"line": line, "name": name}
            )
        try:
            year = int(str(row.get("year") or row.get("年度") or "").strip())
        except ValueError:
            raise ValidationError(_("line %(line)s: no year") % {"line": line}) from None
        figures = {k: v for k, v in row.items() if k in FIGURE_FIELDS}
        try:
            saved.append(
                record_figures(
                    actor=actor, agency=agency, year=year, figures=figures, source=source
                )
            )
        except ValidationError as exc:
            raise ValidationError(f"line {line}: {'; '.join(exc.messages)}") from exc
    return saved
