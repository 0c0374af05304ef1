"""The catalog item's life cycle as one table: what each step needs and where it leads.

先审后发 (条例第十七条): an item is published only after both sign-offs of its current review
round, the content review and the 保密审查. Officers (``DRAFT_PUBLICATIONS``) draft, submit,
publish, withdraw and supersede; reviewers (``REVIEW_PUBLICATIONS``) sign off or send back.
``actions`` check this table and apply its target; the console shows ``allowed()`` as buttons.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.access import Capability, Viewer
from gongkai.agencies.lifecycle import Transition, TransitionTable
from gongkai.agencies.models import User
from gongkai.publications.choices import NORMATIVE_KINDS, ReviewKind, Status
from gongkai.publications.queries import current_signoffs, fully_reviewed

if TYPE_CHECKING:
    from gongkai.publications.models import Publication

C = Capability
S = Status


def _fully_reviewed(publication: Publication, today: dt.date) -> bool:
    return fully_reviewed(publication)


def _normative(publication: Publication, today: dt.date) -> bool:
    # 有效性 belongs to 规章 and 行政规范性文件 only.
    return publication.kind in NORMATIVE_KINDS


TABLE: TransitionTable[Publication] = TransitionTable(
    transitions=[
        Transition(
            action="edit",
            label=_("Edit the draft"),
            sources=frozenset({S.DRAFT}),
            capability=C.DRAFT_PUBLICATIONS,
        ),
        Transition(
            action="attach",
            label=_("Add attachment"),
            sources=frozenset({S.DRAFT}),
            capability=C.DRAFT_PUBLICATIONS,
        ),
        Transition(
            action="submit",
            label=_("Submit for review"),
            sources=frozenset({S.DRAFT}),
            capability=C.DRAFT_PUBLICATIONS,
            target=S.SUBMITTED,
            needs_form=False,
        ),
        # One review signed off; the item stays submitted until the other is too.
        Transition(
            action="sign_off",
            label=_("Sign off a review"),
            sources=frozenset({S.SUBMITTED}),
            capability=C.REVIEW_PUBLICATIONS,
        ),
        # The second sign-off of the round completes the review (条例第十七条); not a button.
        Transition(
            action="complete_review",
            label=_("Reviewed"),
            sources=frozenset({S.SUBMITTED}),
            capability=C.REVIEW_PUBLICATIONS,
            target=S.REVIEWED,
            guard=_fully_reviewed,
        ),
        Transition(
            action="send_back",
            label=_("Send back"),
            sources=frozenset({S.SUBMITTED, S.REVIEWED}),
            capability=C.REVIEW_PUBLICATIONS,
            target=S.DRAFT,
        ),
        # 先审后发 (条例第十七条): both sign-offs of the current round, or nothing goes out.
        Transition(
            action="publish",
            label=_("Publish"),
            sources=frozenset({S.REVIEWED}),
            capability=C.DRAFT_PUBLICATIONS,
            target=S.PUBLISHED,
            guard=_fully_reviewed,
            needs_form=False,
        ),
        Transition(
            action="withdraw",
            label=_("Withdraw"),
            sources=frozenset({S.PUBLISHED}),
            capability=C.DRAFT_PUBLICATIONS,
            target=S.WITHDRAWN,
        ),
        # A revised version replaces the item; the old one stays visible, marked superseded.
        Transition(
            action="supersede",
            label=_("Supersede"),
            sources=frozenset({S.PUBLISHED}),
            capability=C.DRAFT_PUBLICATIONS,
            target=S.SUPERSEDED,
        ),
        Transition(
            action="validity",
            label=_("Change validity"),
            sources=frozenset({S.PUBLISHED, S.SUPERSEDED}),
            capability=C.DRAFT_PUBLICATIONS,
            guard=_normative,
        ),
        Transition(
            action="file",
            label=_("File under this item"),
            sources=frozenset(S.values),
            capability=C.DRAFT_PUBLICATIONS,
        ),
    ],
    agency_of=lambda publication: publication.agency,
    status_label=lambda publication: publication.get_status_display(),
)


def drafted_by(viewer: Viewer, publication: Publication) -> bool:
    """The drafter never reviews their own item: the review is a second person's."""
    return isinstance(viewer, User) and publication.created_by_id == viewer.pk


def reviews_open(viewer: Viewer, publication: Publication, today: dt.date) -> list[ReviewKind]:
    """The reviews ``viewer`` may still sign off in the item's current round (the buttons)."""
    if not TABLE.permitted(viewer, publication, "sign_off", today) or drafted_by(
        viewer, publication
    ):
        return []
    signed = current_signoffs(publication)
    return [kind for kind in ReviewKind if kind not in signed]
