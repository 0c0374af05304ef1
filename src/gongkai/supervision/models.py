"""督办单 (supervision orders): the supervising office (条例第四十六、四十七条) asks a unit to
rectify a finding within a number of working days; the unit answers with what it rectified and
evidence; the office accepts the answer or sends it back. State changes go through
``actions.py`` and ``transitions.TABLE``; the events are the immutable timeline.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.lifecycle import Immutable, TimelineEvent
from gongkai.agencies.models import Agency, User
from gongkai.supervision.choices import ChannelKind, OrderEventKind, OrderStatus, SchemeStatus


class Order(models.Model):
    unit = models.ForeignKey(
        Agency, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="supervision_orders"
    )
    issuer = models.ForeignKey(
        Agency, verbose_name=_("supervising office"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    serial = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=100, unique=True)
    finding = models.TextField(_("finding"))
    requirement = models.TextField(_("requirement"))
    issued_on = models.DateField(_("date issued"))
    workdays = models.PositiveSmallIntegerField(_("working days to rectify"))
    due_on = models.DateField(_("answer due"), db_index=True)
    # The scorecard figure that prompted it (``scorecard.METRICS``) and its year, if any.
    source = models.CharField(_("scorecard figure"), max_length=40, blank=True)
    source_year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.ISSUED
    )
    answer = models.TextField(_("rectification"), blank=True)
    answered_on = models.DateField(_("date answered"), null=True, blank=True)
    closed_on = models.DateField(_("date closed"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("supervision order")
        ordering: ClassVar[list[str]] = ["-issued_on", "-pk"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["issuer", "year", "serial"], name="supervision_order_serial"
            )
        ]

    def __str__(self) -> str:
        return self.number


class OrderEvent(TimelineEvent):
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=40, choices=OrderEventKind.choices)

    def __str__(self) -> str:
        return f"{self.order_id} {self.kind}"


def _private_path(instance: Any, filename: str) -> str:
    # Under MEDIA_ROOT, which no URL serves: downloads go through a view with a rights check.
    return f"supervision/{instance.order.unit_id}/{instance.order_id}/{filename}"


class OrderDocument(models.Model):
    """Evidence of the rectification (PDF, JPEG, PNG or DOCX)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="documents")
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(upload_to=_private_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Channel(models.Model):
    """A unit's government website or 政务新媒体 account (the registry the checks run on)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("operator unit"), on_delete=models.PROTECT, related_name="channels"
    )
    kind = models.CharField(_("platform"), max_length=20, choices=ChannelKind.choices)
    name = models.CharField(_("name"), max_length=200)
    operator = models.CharField(_("operated by"), max_length=200, blank=True)
    opened_on = models.DateField(_("opened"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    filing = models.CharField(_("filing number"), max_length=100, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["agency__name", "kind", "name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["kind", "name"], name="supervision_channel_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class ChannelCheck(Immutable):
    """One periodic check (国办秘函〔2019〕19号 style) of a channel, as recorded."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="checks")
    checked_on = models.DateField(_("date checked"))
    last_update = models.DateField(_("last update"))
    broken_links = models.PositiveIntegerField(_("broken links"), default=0)
    wrong_content = models.PositiveIntegerField(_("wrong content"), default=0)
    unanswered = models.PositiveIntegerField(_("messages unanswered"), default=0)
    passed = models.BooleanField(_("passed"))
    reasons = models.JSONField(default=list)
    checked_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering: ClassVar[list[str]] = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.checked_on}"


class TrainingSession(models.Model):
    """A training session on 政务公开 held by a unit (counted in the annual report's 监督保障)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="trainings"
    )
    held_on = models.DateField(_("date held"), db_index=True)
    topic = models.CharField(_("topic"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=200)
    participants = models.PositiveIntegerField(_("participants"))
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering: ClassVar[list[str]] = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class Scheme(models.Model):
    """A 考核 scheme for one year, issued by a supervising government (its 考核细则): the
    indicators as data (``core.assessment.Indicator.to_dict``), then one ``Score`` per unit."""

    issuer = models.ForeignKey(
        Agency, verbose_name=_("supervising office"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    indicators = models.JSONField(_("indicators"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT
    )
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-year", "issuer__name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["issuer", "year"], name="supervision_scheme_year")
        ]

    def __str__(self) -> str:
        return self.title


class Score(models.Model):
    """A unit's score under a scheme: manual scores and deductions entered, the lines and total
    computed (``core.assessment.score``) from the scorecard."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    manual = models.JSONField(default=dict)
    deductions = models.JSONField(default=list)  # [{"reason": …, "points": …}]
    lines = models.JSONField(default=list)
    total = models.DecimalField(max_digits=7, decimal_places=2, default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["-total", "unit__name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["scheme", "unit"], name="supervision_score_unit")
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id} {self.unit_id} {self.total}"


class Bulletin(Immutable):
    """A 通报: a numbered document summarising a round of checks (websites and 政务新媒体) and
    the 督办单 issued in a period; ``data`` is the summary as issued (the files render from it)."""

    issuer = models.ForeignKey(
        Agency, verbose_name=_("supervising office"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    serial = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField()
    period_end = models.DateField()
    issued_on = models.DateField(_("date issued"))
    data = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar[list[str]] = ["-issued_on", "-pk"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["issuer", "year", "serial"], name="supervision_bulletin_serial_once"
            )
        ]

    def __str__(self) -> str:
        return self.number
