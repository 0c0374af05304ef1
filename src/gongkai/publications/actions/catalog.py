"""The agency's vocabularies, its standard catalog (基层政务公开标准目录) and filing under it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, actor_label
from gongkai.agencies.lifecycle import record_event
from gongkai.agencies.models import Agency
from gongkai.publications import search
from gongkai.publications.access import can_draft, can_enter_figures
from gongkai.publications.actions._base import lock, step
from gongkai.publications.choices import EventKind
from gongkai.publications.models import (
    CatalogItem,
    Domain,
    Genre,
    Publication,
    PublicationEvent,
    SearchDocument,
    Topic,
)


@transaction.atomic
def add_term(
    *, actor: Actor, agency: Agency, vocabulary: type[Topic] | type[Genre], name: str
) -> Any:
    if not can_draft(actor, agency) and not can_enter_figures(actor, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not change {agency}'s vocabularies")
    name = name.strip()
    if not name:
        raise ValidationError(_("A term needs a name."))
    return vocabulary.objects.get_or_create(agency=agency, name=name)[0]


@transaction.atomic
def add_domain(*, actor: Actor, agency: Agency, name: str) -> Domain:
    if not can_draft(actor, agency):
        raise PermissionDenied(f"{actor_label(actor)} may not change {agency}'s standard catalog")
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
        raise PermissionDenied(f"{actor_label(actor)} may not change {agency}'s standard catalog")
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
        raise PermissionDenied(
            f"{actor_label(actor)} may not change {item.agency}'s standard catalog"
        )
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
    publication = lock(publication)
    step(actor, publication, "file")
    if item.agency_id != publication.agency_id:
        raise ValidationError(_("File items under the agency's own standard catalog."))
    publication.catalog_items.add(item)
    if SearchDocument.objects.filter(publication=publication).exists():
        search.index(publication)  # the domain's name finds it from now on
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.FILED,
        before=publication.status,
        after=publication.status,
        data={"catalog_item": str(item)},
        publication=publication,
    )


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
