"""Bulk import of items already published elsewhere (an earlier catalog)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, actor_label, actor_user
from gongkai.agencies.actions import RowError
from gongkai.agencies.models import Agency
from gongkai.publications import search
from gongkai.publications.access import can_draft
from gongkai.publications.actions.drafting import body_text, sanitise
from gongkai.publications.choices import (
    NORMATIVE_KINDS,
    Channel,
    Disclosure,
    DocumentKind,
    EventKind,
    Status,
    Validity,
)
from gongkai.publications.models import (
    Genre,
    IndexCounter,
    Publication,
    PublicationEvent,
    SearchDocument,
    Topic,
)
from gongkai.publications.signals import written_in_bulk

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
    from gongkai.agencies.queries import calendar_for

    if not can_draft(actor, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not publish for {agency}")
    calendar = calendar_for(timezone.localdate())
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
                kind=EventKind.PUBLISHED,
                status_after=Status.PUBLISHED,
                data={"imported_from": source, "line": line, "index_number": item.index_number},
            )
            for (line, _i), item in zip(chunk, created, strict=True)
        )
        documents = []
        for item in created:
            title_tokens, body_tokens = search.document_tokens(item, [], filed=[])
            documents.append(
                SearchDocument(publication=item, title_tokens=title_tokens, body_tokens=body_tokens)
            )
        SearchDocument.objects.bulk_create(documents)
        # bulk_create sends no post_save: the public pages' cache is told here.
        written_in_bulk.send(sender=Publication, count=len(created))

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
