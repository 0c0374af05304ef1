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

# 《重大行政决策程序暂行条例》第十四条: 公开征求意见的期限一般不少于30日.
DEFAULT_PERIOD_DAYS = 30
MAX_COMMENT = 2000  # characters of one comment
MAX_NAME = 50


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("征集结束")
    FEEDBACK = "feedback", _("已反馈")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不予公开")


class Adoption(models.TextChoices):
    UNDECIDED = "", _("未答复")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class ConsultationEventKind(EventKind):
    CREATED = "created", _("起草")
    EDITED = "edited", _("修改")
    ATTACHED = "attached", _("添加附件")
    OPENED = "opened", _("开始征集")
    COMMENTED = "commented", _("收到意见")
    MODERATED = "moderated", _("审核意见")
    ANSWERED = "answered", _("答复意见")
    CLOSED = "closed", _("结束征集")
    FEEDBACK = "feedback", _("公布采纳情况")


class Consultation(models.Model):
    """One 意见征集: the draft, its period and, at the end, the published 采纳情况."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("征集单位"), on_delete=models.PROTECT, related_name="consultations"
    )
    title = models.CharField(_("标题"), max_length=300)
    summary = models.TextField(_("起草说明"), blank=True)
    draft_text = models.TextField(_("草案全文"))
    how_to_comment = models.TextField(_("其他反馈方式"), blank=True)
    period_days = models.PositiveSmallIntegerField(_("征集天数"), default=DEFAULT_PERIOD_DAYS)
    opens_on = models.DateField(_("开始日期"), null=True, blank=True)
    closes_on = models.DateField(_("截止日期"), null=True, blank=True)
    closed_on = models.DateField(_("实际结束日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
        db_index=True,
    )
    feedback = models.TextField(_("采纳情况说明"), blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering: ClassVar[list[str]] = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title


class ConsultationAttachment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("文件名"), max_length=200)
    file = models.FileField(_("文件"), upload_to="consultations/%Y/")
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("征集附件")
        verbose_name_plural = _("征集附件")
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return self.name


class ConsultationComment(models.Model):
    """One comment from the public: hidden until staff approve it; its author's data staff-only."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments"
    )
    name = models.CharField(_("姓名或单位"), max_length=MAX_NAME, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    body = models.TextField(_("意见内容"), max_length=MAX_COMMENT)
    address = models.CharField(_("IP地址"), max_length=45, blank=True)
    token = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("审核状态"),
        max_length=20,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    adoption = models.CharField(
        _("采纳情况"), max_length=20, choices=Adoption.choices, default="", blank=True
    )
    reply = models.TextField(_("答复及理由"), blank=True)
    moderated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
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
