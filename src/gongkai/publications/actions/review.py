"""Review (先审后发, 条例第十七条): the content review and the 保密审查, or back to the drafter."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, actor_label
from gongkai.agencies.lifecycle import record_event
from gongkai.agencies.models import User
from gongkai.publications.actions._base import lock, step
from gongkai.publications.choices import EventKind, ReviewKind
from gongkai.publications.models import Publication, PublicationEvent, ReviewSignoff
from gongkai.publications.queries import current_signoffs
from gongkai.publications.transitions import TABLE, drafted_by


@transaction.atomic
def sign_off(
    *, actor: Actor, publication: Publication, kind: ReviewKind | str, note: str = ""
) -> ReviewSignoff:
    """A reviewer's content review or 保密审查 (条例第十七条); both done → reviewed."""
    publication = lock(publication)
    step(actor, publication, "sign_off")
    if not isinstance(actor, User):
        raise PermissionDenied(f"{actor_label(actor)} may not review for {publication.agency}")
    if drafted_by(actor, publication):
        raise ValidationError(_("The drafter cannot review their own item."))
    kind = ReviewKind(kind)
    if kind in current_signoffs(publication):
        raise ValidationError(_("This review has already been signed off."))
    signoff = ReviewSignoff.objects.create(
        publication=publication, kind=kind, round=publication.review_round, reviewer=actor,
        note=note,
    )  # fmt: skip
    before = publication.status
    if TABLE.permitted(actor, publication, "complete_review", timezone.localdate()):
        TABLE["complete_review"].apply(publication)
        publication.save(update_fields=["status", "updated_at"])
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.SIGNED_OFF,
        before=before,
        after=publication.status,
        data={"review": kind.value, "note": note},
        publication=publication,
    )
    return signoff


@transaction.atomic
def send_back(*, actor: Actor, publication: Publication, reason: str) -> Publication:
    """A reviewer returns the item to its drafter; the next round needs fresh sign-offs."""
    publication = lock(publication)
    transition = step(actor, publication, "send_back")
    if not reason.strip():
        raise ValidationError(_("Say why the item goes back."))
    before = transition.apply(publication)
    publication.review_round += 1
    publication.save(update_fields=["status", "review_round", "updated_at"])
    record_event(
        PublicationEvent,
        actor=actor,
        kind=EventKind.SENT_BACK,
        before=before,
        after=publication.status,
        data={"reason": reason},
        publication=publication,
    )
    return publication
