"""Counts of 意见征集 for the annual report's narrative (重大行政决策程序暂行条例第十四、十五条).

``consultation_counts(agency_ids, year)``: the consultations opened in ``year`` by those
agencies, the comments received on them, adopted in full or in part, and the consultations
whose 采纳情况 was published; ``comment_counts(consultation)``: one consultation's figures, from
the same aggregate. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai.publications.models.participation import (
    Adoption,
    CommentStatus,
    Consultation,
    ConsultationComment,
    ConsultationStatus,
)


@dataclass(frozen=True)
class CommentCounts:
    received: int
    published: int
    adopted: int
    partly: int
    not_adopted: int


def _comment_counts(comments: QuerySet[ConsultationComment]) -> CommentCounts:
    """The one aggregate of comments: received, published (approved), and by 采纳情况."""
    c = comments.aggregate(
        n=Count("id"),
        shown=Count("id", filter=Q(status=CommentStatus.APPROVED)),
        adopted=Count("id", filter=Q(adoption=Adoption.ADOPTED)),
        partly=Count("id", filter=Q(adoption=Adoption.PARTLY)),
        not_adopted=Count("id", filter=Q(adoption=Adoption.NOT_ADOPTED)),
    )
    return CommentCounts(c["n"], c["shown"], c["adopted"], c["partly"], c["not_adopted"])


def comment_counts(consultation: Consultation) -> CommentCounts:
    """One consultation's comments: the figures of its published 采纳情况 (第十五条)."""
    return _comment_counts(consultation.comments.all())


@dataclass(frozen=True)
class ConsultationCounts:
    consultations: int
    comments: int
    adopted: int  # in full or in part
    feedback_published: int


def consultation_counts(agency_ids: Iterable[int], year: int) -> ConsultationCounts:
    ids = list(agency_ids)
    opened = Consultation.objects.filter(agency_id__in=ids, opens_on__year=year).exclude(
        status=ConsultationStatus.DRAFT
    )
    c = opened.aggregate(
        n=Count("id"), fed=Count("id", filter=Q(status=ConsultationStatus.FEEDBACK))
    )
    comments = _comment_counts(ConsultationComment.objects.filter(consultation__in=opened))
    return ConsultationCounts(
        consultations=c["n"],
        comments=comments.received,
        adopted=comments.adopted + comments.partly,
        feedback_published=c["fed"],
    )
