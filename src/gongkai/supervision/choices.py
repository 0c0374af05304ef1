"""The 督办单's states and timeline kinds as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies import lifecycle


class OrderStatus(models.TextChoices):
    """issued → answered → closed; an answer sent back returns the order to ``issued``."""

    ISSUED = "issued", _("Issued, awaiting the unit's answer")
    ANSWERED = "answered", _("Answered, awaiting review")
    CLOSED = "closed", _("Rectified and closed")


class OrderEventKind(lifecycle.EventKind):
    ISSUED = "issued", _("督办单 issued")
    ANSWERED = "answered", _("Rectification reported")
    RETURNED = "returned", _("Answer sent back")
    CLOSED = "closed", _("Rectification accepted")
    DOCUMENT = "document", _("Evidence added")


# Between the supervising office and the unit: not public.
OrderEventKind.PUBLIC = {}
