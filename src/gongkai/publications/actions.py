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

from gongkai.agencies.access import Actor, actor_label, actor_user
from gongkai.agencies.actions import RowError
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
    SearchDocument,
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


def _event(
    actor: Actor,
    publication: Publication,
    kind: Event,
    before: str = "",
    data: Mapping[str, Any] | None = None,
) -> PublicationEvent:
    return PublicationEvent.objects.create(
        publication=publication,
        actor=actor_user(actor),
        actor_label=actor_label(actor),
        kind=kind,
        status_before=before,
        status_after=publication.status,
        data=dict(data or {}),
    )


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def _require_draft_right(actor: Actor, publication: Publication) -> None:
    if not can_draft(actor, publication.agency):
        raise _deny(f"{actor_label(actor)} may not draft or publish for {publication.agency}")


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
        raise _deny(f"{actor_label(actor)} may not draft for {agency}")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    publication = Publication(agency=agency, created_by=actor_user(actor), **fields)
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
        raise _deny(f"{actor_label(actor)} may not review for {publication.agency}")
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
        raise _deny(f"{actor_label(actor)} may not review for {publication.agency}")
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
        raise _deny(f"{actor_label(actor)} may not change {agency}'s vocabularies")
    name = name.strip()
    if not name:
        raise ValidationError(_("A term needs a name."))
    return vocabulary.objects.get_or_create(agency=agency, name=name)[0]


@transaction.atomic
def add_domain(*, actor: Actor, agency: Agency, name: str) -> Domain:
    if not can_draft(actor, agency):
        raise _deny(f"{actor_label(actor)} may not change {agency}'s standard catalog")
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
        raise _deny(f"{actor_label(actor)} may not change {agency}'s standard catalog")
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
def update_catalog_item(*, actor: Actor, item: CatalogItem, **fields: Any) -> CatalogItem:
    """Change one row of the standard catalog in place (its number or domain too)."""
    item = CatalogItem.objects.select_for_update().get(pk=item.pk)
    if not can_draft(actor, item.agency):
        raise _deny(f"{actor_label(actor)} may not change {item.agency}'s standard catalog")
    domain = fields.get("domain", item.domain)
    if domain.agency_id not in (None, item.agency_id):
        raise ValidationError(_("That domain belongs to another agency."))
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
        raise _deny(f"{actor_label(actor)} may not enter figures for {agency}")
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
    record.entered_by = actor_user(actor)
    record.entered_by_label = actor_label(actor)
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


# -- bulk import of published items -----------------------------------------------------------

IMPORT_FIELDS = (
    "index_number",
    "title",
    "summary",
    "document_number",
    "written_on",
    "published_on",
    "topic",
    "genre",
    "kind",
    "validity",
    "validity_changed_on",
    "channels",
    "body",
)
# Column headers as offices write them (the catalog.md names), beside the field names.
IMPORT_HEADERS = {
    "索引号": "index_number",
    "名称": "title",
    "标题": "title",
    "内容概述": "summary",
    "文号": "document_number",
    "成文日期": "written_on",
    "生成日期": "written_on",
    "发布日期": "published_on",
    "主题分类": "topic",
    "体裁": "genre",
    "文件类型": "kind",
    "有效性": "validity",
    "有效性变更日期": "validity_changed_on",
    "公开渠道": "channels",
    "正文": "body",
}
_KIND_WORDS = {"规章": DocumentKind.RULES, "行政规范性文件": DocumentKind.NORMATIVE,
               "规范性文件": DocumentKind.NORMATIVE, "政策解读": DocumentKind.INTERPRETATION,
               "其他": DocumentKind.GENERAL}  # fmt: skip
_VALIDITY_WORDS = {"有效": Validity.IN_FORCE, "现行有效": Validity.IN_FORCE,
                   "已修改": Validity.AMENDED, "已废止": Validity.REPEALED,
                   "失效": Validity.EXPIRED, "已失效": Validity.EXPIRED}  # fmt: skip
_CHANNEL_WORDS = {"政府网站": Channel.WEBSITE, "政务新媒体": Channel.NEW_MEDIA,
                  "政府公报": Channel.GAZETTE, "公开查阅点": Channel.READING_ROOM,
                  "新闻发布会": Channel.PRESS, "其他": Channel.OTHER}  # fmt: skip


def _import_date(row: Mapping[str, Any], name: str, *, required: bool) -> dt.date | None:
    raw = str(row.get(name) or "").strip()
    if not raw:
        if required:
            raise ValidationError(_("%(name)s is missing") % {"name": name})
        return None
    try:
        return dt.date.fromisoformat(raw.replace("/", "-")[:10])
    except ValueError:
        raise ValidationError(
            _("%(name)s: %(raw)s is not a date (YYYY-MM-DD)") % {"name": name, "raw": raw}
        ) from None


def _word(row: Mapping[str, Any], name: str, words: Mapping[str, str], choices: Any) -> str:
    raw = str(row.get(name) or "").strip()
    if not raw:
        return ""
    if raw in words:
        return words[raw]
    if raw in choices.values:
        return raw
    raise ValidationError(
        _("%(name)s: %(raw)s is not one of %(words)s")
        % {"name": name, "raw": raw, "words": "/".join(words)}
    )


def _imported_item(
    agency: Agency,
    row: Mapping[str, Any],
    terms: dict[tuple[str, str], Any],
    calendar: Any,
) -> Publication:
    """One row as an unsaved published item; ValidationError says what is wrong with it."""
    from gongkai.publications.queries import PUBLICATION_PERIOD_WORKDAYS

    unknown = set(row) - set(IMPORT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown columns: %(cols)s") % {"cols": ", ".join(sorted(unknown))})
    title = str(row.get("title") or "").strip()
    if not title:
        raise ValidationError(_("%(name)s is missing") % {"name": "title"})
    written_on = _import_date(row, "written_on", required=True)
    published_on = _import_date(row, "published_on", required=True)
    assert written_on is not None and published_on is not None
    if published_on < written_on:
        raise ValidationError(_("An item cannot be published before it was written."))
    kind = _word(row, "kind", _KIND_WORDS, DocumentKind) or DocumentKind.GENERAL
    if kind == DocumentKind.INTERPRETATION:
        # An interpretation names its policy: link it in the console after the import.
        kind = DocumentKind.GENERAL
    validity = _word(row, "validity", _VALIDITY_WORDS, Validity)
    raw_channels = row.get("channels") or []
    if isinstance(raw_channels, str):
        raw_channels = [c for c in raw_channels.replace("；", ";").replace("、", ";").split(";")]
    channels = [_word({"channels": c}, "channels", _CHANNEL_WORDS, Channel) for c in raw_channels]
    item = Publication(
        agency=agency,
        index_number=str(row.get("index_number") or "").strip(),
        title=title,
        summary=str(row.get("summary") or "").strip(),
        document_number=str(row.get("document_number") or "").strip(),
        written_on=written_on,
        published_on=published_on,
        kind=kind,
        disclosure=Disclosure.ACTIVE,
        channels=[c for c in channels if c] or [Channel.WEBSITE],
        body=sanitise(str(row.get("body") or "")),
        status=Status.PUBLISHED,
    )
    item.body_text = body_text(item.body)
    for field, vocabulary in (("topic", Topic), ("genre", Genre)):
        name = str(row.get(field) or "").strip()
        if name:
            key = (field, name)
            if key not in terms:
                terms[key] = (
                    vocabulary.objects.filter(agency=None, name=name).first()
                    or vocabulary.objects.get_or_create(agency=agency, name=name)[0]
                )
            setattr(item, field, terms[key])
    if kind in NORMATIVE_KINDS:
        item.validity = validity or Validity.IN_FORCE
        item.valid_from = published_on
        if item.validity != Validity.IN_FORCE:
            item.validity_changed_on = _import_date(row, "validity_changed_on", required=True)
    # 条例第二十六条: published within 20 working days of being formed.
    item.due_on = calendar.add_workdays(written_on, PUBLICATION_PERIOD_WORKDAYS)
    item.is_late = published_on > item.due_on
    return item


def _number_items(agency: Agency, items: list[Publication]) -> None:
    """索引号 for the items without one: the next serials of each year, taken in one go."""
    by_year: dict[int, list[Publication]] = {}
    for item in items:
        if not item.index_number:
            by_year.setdefault(item.written_on.year, []).append(item)
    for year, waiting in by_year.items():
        counter, _created = IndexCounter.objects.select_for_update().get_or_create(
            agency=agency, year=year
        )
        while waiting:
            numbers = [
                agency.index_number(year, counter.last + i) for i in range(1, len(waiting) + 1)
            ]
            taken = set(
                Publication.objects.filter(index_number__in=numbers).values_list(
                    "index_number", flat=True
                )
            )
            counter.last += len(numbers)
            free = [n for n in numbers if n not in taken]
            for item, number in zip(waiting, free, strict=False):
                item.index_number = number
            waiting = waiting[len(free) :]
        counter.save(update_fields=["last"])


def import_published(
    *,
    actor: Actor,
    agency: Agency,
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    source: str,
    batch: int = 2000,
) -> int:
    """Items already published elsewhere (an earlier catalog), streamed in batches; all or
    nothing. Returns how many were imported.

    They go in as published, without passing through review here: their review record is the
    earlier system's, and each item's ``published`` event names the file and line it came from
    (先审后发 applies to what is published on this platform). A row without 索引号 gets the
    agency's next serial of its 成文日期's year. The search index is built once at the end
    (``search.bulk_indexing``). Raises ``agencies.actions.RowError`` (with the line) on the
    first bad row.
    """
    from gongkai.agencies.queries import workday_calendar

    if not can_draft(actor, agency):
        raise _deny(f"{actor_label(actor)} may not publish for {agency}")
    calendar = workday_calendar(predict_through=timezone.localdate().year + 1)
    terms: dict[tuple[str, str], Any] = {}
    user, label = actor_user(actor), actor_label(actor)
    count = 0

    def flush(chunk: list[tuple[int, Publication]]) -> None:
        items = [item for _line, item in chunk]
        _number_items(agency, items)
        numbers = [item.index_number for item in items]
        taken = set(
            Publication.objects.filter(index_number__in=numbers).values_list(
                "index_number", flat=True
            )
        )
        seen: set[str] = set()
        for line, item in chunk:
            if item.index_number in taken or item.index_number in seen:
                raise RowError(line, _("index number %(n)s is taken") % {"n": item.index_number})
            seen.add(item.index_number)
        created = Publication.objects.bulk_create(items)
        PublicationEvent.objects.bulk_create(
            PublicationEvent(
                publication=item,
                actor=user,
                actor_label=label,
                kind=Event.PUBLISHED,
                status_after=Status.PUBLISHED,
                data={"imported_from": source, "line": line, "index_number": item.index_number},
            )
            for (line, _i), item in zip(chunk, created, strict=True)
        )
        documents = []
        for item in created:
            title_tokens, body_tokens = search.document_tokens(item, [])
            documents.append(
                SearchDocument(publication=item, title_tokens=title_tokens, body_tokens=body_tokens)
            )
        SearchDocument.objects.bulk_create(documents)

    with search.bulk_indexing(), transaction.atomic():
        chunk: list[tuple[int, Publication]] = []
        for line, row in rows:
            try:
                chunk.append((line, _imported_item(agency, row, terms, calendar)))
            except ValidationError as exc:
                raise RowError(line, "; ".join(exc.messages)) from exc
            if len(chunk) >= batch:
                flush(chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            flush(chunk)
            count += len(chunk)
    return count
