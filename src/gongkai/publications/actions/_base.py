"""What every stage's actions share: the row lock and the table's check."""

from __future__ import annotations

from django.utils import timezone

from gongkai.agencies.access import Actor
from gongkai.agencies.lifecycle import Transition
from gongkai.publications.models import Publication
from gongkai.publications.transitions import TABLE


def lock(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().select_related("agency").get(pk=publication.pk)


def step(actor: Actor, publication: Publication, action: str) -> Transition[Publication]:
    """The table's transition for ``action`` now, or PermissionDenied / TransitionRefused."""
    return TABLE.check(actor, publication, action, timezone.localdate())
