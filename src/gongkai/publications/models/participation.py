"""重大行政决策预公开 / 意见征集: a draft decision opened for the public's comments, then 采纳情况.

《重大行政决策程序暂行条例》第十四条: the draft is published for comment, with the period, the
ways to comment and a feedback note; the period is in general not less than 30 days. 第十五条:
the opinions are studied and the adoption (采纳情况) made public with reasons. The life cycle is
``publications.participation_transitions.CONSULTATION_TABLE``; ``actions.participation`` writes.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.lifecycle import EventKind, TimelineEvent
from gongkai.agencies.models import Agency, User

# 《重大行政决策程序暂行条例》第十四条: 公开征求意见的期限一般不少于30日. The platform keeps
# those 30 days as its minimum (the "一般" exceptions are not offered) and its default.
MIN_PERIOD_DAYS = 30
DEFAULT_PERIOD_DAYS = MIN_PERIOD_DAYS
# The platform's own ceiling, not the law's: a consultation runs at most a year.
MAX_PERIOD_DAYS = 365
MAX_COMMENT = 2000  # characters of one comment
MAX_NAME = 50


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Comment period over")
    FEEDBACK = "feedback", _("Feedback given")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Made public")
    REJECTED = "rejected", _("Not published")


class Adoption(models.TextChoices):
    UNDECIDED = "", _("Not answered")
    ADOPTED = "adopted", _("Adopted")
    PARTLY = "partly", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class ConsultationEventKind(EventKind):
    CREATED = "created", _("Drafted")
    EDITED = "edited", _("Edited")
    ATTACHED = "attached", _("Attachment added")
    OPENED = "opened", _("Opened for comment")
    COMMENTED = "commented", _("Comment received")
    MODERATED = "moderated", _("Comment moderated")
    ANSWERED = "answered", _("Comment answered")
    CLOSED = "closed", _("Consultation closed")
    FEEDBACK = "feedback", _("Feedback published")


class Consultation(models.Model):
    """One 意见征集: the draft, its period and, at the end, the published 采纳情况."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("Consulting agency"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    title = models.CharField(_("Heading"), max_length=300)
    summary = models.TextField(_("Explanatory note"), blank=True)
    draft_text = models.TextField(_("Full text of the draft"))
    how_to_comment = models.TextField(_("Other ways to comment"), blank=True)
    period_days = models.PositiveSmallIntegerField(
        _("Comment period (days)"), default=DEFAULT_PERIOD_DAYS
    )
    opens_on = models.DateField(_("Opening date"), null=True, blank=True)
    closes_on = models.DateField(_("Closing date"), null=True, blank=True)
    closed_on = models.DateField(_("Actual closing date"), null=True, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
        db_index=True,
    )
    feedback = models.TextField(_("Feedback on adoption"), blank=True)
    feedback_on = models.DateField(_("Feedback date"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Public consultation")
        verbose_name_plural = _("Public consultations")
        ordering: ClassVar[list[str]] = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ConsultationAttachment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("File name"), max_length=200)
    file = models.FileField(_("File"), upload_to="consultations/%Y/")
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Consultation attachment")
        verbose_name_plural = _("Consultation attachments")
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return self.name


class ConsultationComment(models.Model):
    """One comment from the public: hidden until staff approve it; its author's data staff-only."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments"
    )
    name = models.CharField(_("Name or organization"), max_length=MAX_NAME, blank=True)
    contact = models.CharField(_("Contact details"), max_length=100, blank=True)
    body = models.TextField(_("Comment text"), max_length=MAX_COMMENT)
    address = models.CharField(_("IP address"), max_length=45, blank=True)
    token = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("Moderation status"),
        max_length=20,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    adoption = models.CharField(
        _("Adoption"), max_length=20, choices=Adoption.choices, default="", blank=True
    )
    reply = models.TextField(_("Reply and reasons"), blank=True)
    moderated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("Submitted at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Public comment")
        verbose_name_plural = _("Public comments")
        ordering: ClassVar[list[str]] = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.pk}"

    @property
    def masked_name(self) -> str:
        """What the public reads of the author: the first character, then ** (not the length)."""
        name = self.name.strip()
        return name[0] + "**" if name else "匿名"


class ConsultationEvent(TimelineEvent):
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=ConsultationEventKind.choices)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_kind_display()}"
