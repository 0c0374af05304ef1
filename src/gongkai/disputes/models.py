"""行政复议 and 行政诉讼 about a disclosure application (条例第五十一条).

A dispute names its respondent agency (被申请人 / 被告) and, usually, the case it arises from;
one recorded before its application is identified (a list from the 复议机关, a copy received by
post) is linked to the case later (``actions.link_case``). State changes go through
``actions.py``; the events are the immutable timeline.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.lifecycle import TimelineEvent
from gongkai.agencies.models import Agency, User
from gongkai.cases.models import Case
from gongkai.disputes.choices import DocumentKind, EventKind, Kind, Outcome, Stage


class Dispute(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name=_("respondent"), on_delete=models.PROTECT, related_name="disputes"
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disputes",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # 复议后起诉: the review the suit follows (same case).
    follows = models.ForeignKey(
        "self",
        verbose_name=_("review it follows"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
    )
    body = models.CharField(_("review body or court"), max_length=200)
    reference = models.CharField(_("case number"), max_length=100, blank=True)
    filed_on = models.DateField(_("date filed"), db_index=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.FILED)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("date decided"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The respondent's clock (core/disputes_deadlines.py): the day the 申请书副本 / 起诉状副本
    # reached the agency, the 简易程序 (行政复议法第五十四条: 5 working days), and the day the
    # 答复书 / 答辩状 was submitted.
    copy_received_on = models.DateField(_("copy received"), null=True, blank=True)
    simplified = models.BooleanField(_("simplified procedure"), default=False)
    replied_on = models.DateField(_("reply submitted"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("review or litigation")
        verbose_name_plural = _("reviews and litigation")
        ordering: ClassVar[list[str]] = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        """Kind, reference and the application's tracking number (or "not linked yet"): it is
        shown on pages (a scorecard drill-down, the review a suit follows)."""
        case = self.case.number if self.case is not None else gettext("not linked yet")
        return " · ".join(filter(None, [str(self.get_kind_display()), self.reference, case]))

    @property
    def is_decided(self) -> bool:
        return self.outcome != Outcome.PENDING


class DisputeEvent(TimelineEvent):
    """One immutable line of the dispute's timeline (who, when, what, before/after)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=40, choices=EventKind.choices)

    def __str__(self) -> str:
        return f"{self.dispute_id} {self.kind}"


def _private_path(instance: Any, filename: str) -> str:
    # Under MEDIA_ROOT, which no URL serves: downloads go through a view with a rights check.
    return f"disputes/{instance.dispute.agency_id}/{instance.dispute_id}/{filename}"


class DisputeDocument(models.Model):
    """申请书, 答复书, 决定书, 判决书 …: kept private, read through VIEW_CASES."""

    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="documents")
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    file = models.FileField(upload_to=_private_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name
