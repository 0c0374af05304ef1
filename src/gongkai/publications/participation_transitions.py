"""The life cycles of a 意见征集 and of a 政府公报 issue, as ``TransitionTable``s.

意见征集 (《重大行政决策程序暂行条例》第十四条、第十五条): draft → open (the draft and the period
published) → closed (the period has run) → feedback (采纳情况 published). The agency's officers
(``DRAFT_PUBLICATIONS``) run every step, and moderate the comments while the consultation is
open or closed. 政府公报: draft → published.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from gongkai.agencies.access import Capability
from gongkai.agencies.lifecycle import Transition, TransitionTable
from gongkai.publications.models.gazette import GazetteIssue, GazetteStatus
from gongkai.publications.models.participation import (
    Adoption,
    CommentStatus,
    Consultation,
    ConsultationStatus,
)

C = Capability
S = ConsultationStatus


def _has_text(consultation: Consultation, today: dt.date) -> bool:
    return bool(consultation.title.strip() and consultation.draft_text.strip())


def _period_over(consultation: Consultation, today: dt.date) -> bool:
    # 第十四条: the period announced is given in full; it is closed only after its last day.
    return consultation.closes_on is not None and today > consultation.closes_on


def _all_answered(consultation: Consultation, today: dt.date) -> bool:
    # 第十五条: every comment moderated, and every published one answered (采纳 or why not).
    comments = consultation.comments.all()
    return (
        not comments.filter(status=CommentStatus.PENDING).exists()
        and not comments.filter(status=CommentStatus.APPROVED, adoption=Adoption.UNDECIDED).exists()
        and bool(consultation.feedback.strip())
    )


CONSULTATION_TABLE: TransitionTable[Consultation] = TransitionTable(
    transitions=[
        Transition(
            action="edit", label=_("Revise the draft"), sources=frozenset({S.DRAFT}),
            capability=C.DRAFT_PUBLICATIONS,
        ),
        Transition(
            action="open", label=_("Open for comment"), sources=frozenset({S.DRAFT}),
            capability=C.DRAFT_PUBLICATIONS, target=S.OPEN, guard=_has_text,
        ),
        Transition(
            action="moderate", label=_("Moderate comments"), sources=frozenset({S.OPEN, S.CLOSED}),
            capability=C.DRAFT_PUBLICATIONS,
        ),
        Transition(
            action="close", label=_("Close the consultation"), sources=frozenset({S.OPEN}),
            capability=C.DRAFT_PUBLICATIONS, target=S.CLOSED, guard=_period_over,
            needs_form=False,
        ),
        Transition(
            action="feedback", label=_("Publish the feedback"), sources=frozenset({S.CLOSED}),
            capability=C.DRAFT_PUBLICATIONS, target=S.FEEDBACK, guard=_all_answered,
        ),
    ],
    agency_of=lambda consultation: consultation.agency,
    status_label=lambda consultation: consultation.get_status_display(),
)  # fmt: skip


GAZETTE_TABLE: TransitionTable[GazetteIssue] = TransitionTable(
    transitions=[
        Transition(
            action="edit", label=_("Edit the contents"), sources=frozenset({GazetteStatus.DRAFT}),
            capability=C.DRAFT_PUBLICATIONS,
        ),
        Transition(
            action="publish", label=_("Publish the issue"),
            sources=frozenset({GazetteStatus.DRAFT}),
            capability=C.DRAFT_PUBLICATIONS, target=GazetteStatus.PUBLISHED,
            guard=lambda issue, today: issue.entries.exists(), needs_form=False,
        ),
    ],
    agency_of=lambda issue: issue.agency,
    status_label=lambda issue: issue.get_status_display(),
)  # fmt: skip
