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

from gongkai.agencies.lifecycle import TimelineEvent
from gongkai.agencies.models import Agency, User
from gongkai.supervision.choices import OrderEventKind, OrderStatus


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
