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
    ISSUED = "issued", _("Supervision order issued")
    ANSWERED = "answered", _("Rectification reported")
    RETURNED = "returned", _("Answer sent back")
    CLOSED = "closed", _("Rectification accepted")
    DOCUMENT = "document", _("Evidence added")


# Between the supervising office and the unit: not public.
OrderEventKind.PUBLIC = {}


class ChannelKind(models.TextChoices):
    """Government websites and 政务新媒体 accounts (国办发〔2018〕123号 names the platforms)."""

    WEBSITE = "website", _("Government website")
    WECHAT = "wechat", _("WeChat official account")
    WEIBO = "weibo", _("Weibo account")
    DOUYIN = "douyin", _("Douyin account")
    APP = "app", _("Mobile app")
    OTHER = "other", _("Other platform")


# 国办秘函〔2019〕19号 (政府网站与政务新媒体检查指标): a 政务新媒体 account not updated for two
# weeks fails the check outright (单项否决), as does a website's home page not updated for two
# weeks; serious wrong content and messages left unanswered fail it too.
STALE_DAYS = 14


class SchemeStatus(models.TextChoices):
    """draft (indicators editable, scores recomputed) → reviewed → published (frozen)."""

    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Published")
