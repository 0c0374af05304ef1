"""Publishing and after: publish, withdraw, supersede, and the validity of rules (有效性)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor
from gongkai.agencies.lifecycle import record_event
from gongkai.publications import search
from gongkai.publications.actions._base import lock, step
from gongkai.publications.choices import (
    NORMATIVE_KINDS,
    PUBLIC_STATUSES,
    Disclosure,
    EventKind,
    Status,
    Validity,
)
from gongkai.publications.models import Publication, PublicationEvent
from gongkai.publications.queries import due_date


@transaction.atomic
def publish(*, actor: Actor, publication: Publication, on: dt.date | None = None) -> Publication:
    publication = lock(publication)
    # 先审后发 (条例第十七条): the table's guard wants both sign-offs of the current round.
    transition = step(actor, publication, "publish")
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
    before = transition.apply(publication)
    publication.save()
    search.index(publication)
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.PUBLISHED,
        before=before,
        after=publication.status,
        data={
            "published_on": on.isoformat(),
            "due_on": publication.due_on.isoformat(),
            "late": publication.is_late,
        },
        publication=publication,
    )
    return publication


@transaction.atomic
def withdraw(*, actor: Actor, publication: Publication, reason: str) -> Publication:
    publication = lock(publication)
    transition = step(actor, publication, "withdraw")
    if not reason.strip():
        raise ValidationError(_("Say why the item is withdrawn."))
    before = transition.apply(publication)
    publication.save(update_fields=["status", "updated_at"])
    search.unindex(publication)
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.WITHDRAWN,
        before=before,
        after=publication.status,
        data={"reason": reason},
        publication=publication,
    )
    return publication


@transaction.atomic
def supersede(*, actor: Actor, publication: Publication, by: Publication) -> Publication:
    """A revised version replaces the item; the old one stays visible, marked superseded."""
    publication = lock(publication)
    transition = step(actor, publication, "supersede")
    if by.agency_id != publication.agency_id or by.status != Status.PUBLISHED or by == publication:
        raise ValidationError(_("The new version must be another published item of the agency."))
    before = transition.apply(publication)
    publication.superseded_by = by
    publication.save(update_fields=["status", "superseded_by", "updated_at"])
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.SUPERSEDED,
        before=before,
        after=publication.status,
        data={"by": by.index_number},
        publication=publication,
    )
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
    publication = lock(publication)
    # The table's guard: only rules and normative documents have a validity.
    step(actor, publication, "validity")
    validity = Validity(validity)
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
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.VALIDITY,
        before=publication.status,
        after=publication.status,
        data={
            "before": before,
            "after": validity.value,
            "on": on.isoformat(),
            "by": by.index_number if by else by_text,
        },
        publication=publication,
    )
    return publication
