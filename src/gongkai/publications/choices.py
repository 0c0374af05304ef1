"""Statuses, kinds and vocabularies of the catalog as data (catalog.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies import lifecycle


class Status(models.TextChoices):
    """先审后发 (条例第十七条): nothing is public before both review sign-offs."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded")


# What the public catalog shows: a superseded item stays visible with its status.
PUBLIC_STATUSES = frozenset({Status.PUBLISHED, Status.SUPERSEDED})


class EventKind(lifecycle.EventKind):
    """What happened on an item's timeline; the label is the staff wording."""

    CREATED = "created", _("Drafted")
    EDITED = "edited", _("Edited")
    ATTACHED = "attached", _("Attachment added")
    SUBMITTED = "submitted", _("Submitted for review")
    SIGNED_OFF = "signed_off", _("Review signed off")
    SENT_BACK = "sent_back", _("Sent back to the drafter")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded")
    VALIDITY = "validity", _("Validity changed")
    FILED = "filed", _("Filed under a standard catalog item")


# The public reads only what happened to the published item; drafting and review stay internal.
EventKind.PUBLIC = {
    EventKind.PUBLISHED: _("Published"),
    EventKind.WITHDRAWN: _("Withdrawn"),
    EventKind.SUPERSEDED: _("Superseded"),
    EventKind.VALIDITY: _("Validity changed"),
}


class ReviewKind(models.TextChoices):
    CONTENT = "content", _("Content review")
    # 条例第十七条: 保密审查 before anything is made public.
    CONFIDENTIALITY = "confidentiality", _("Confidentiality review")


class DocumentKind(models.TextChoices):
    GENERAL = "general", _("Other government information")
    RULES = "rules", _("Rules (规章)")
    NORMATIVE = "normative", _("Normative document (行政规范性文件)")
    INTERPRETATION = "interpretation", _("Policy interpretation (政策解读)")


NORMATIVE_KINDS = frozenset({DocumentKind.RULES, DocumentKind.NORMATIVE})


class InterpretationForm(models.TextChoices):
    """解读形式: how a policy is explained (国办发〔2016〕80号 asks for 图解, audio and video,
    press conferences, experts' and the media's interpretation besides the text); counted for
    the annual report's narrative."""

    TEXT = "text", _("Written interpretation (文字解读)")
    GRAPHIC = "graphic", _("Illustrated interpretation (图解)")
    VIDEO = "video", _("Video interpretation (视频)")
    PRESS = "press", _("Press conference (新闻发布会)")
    EXPERT = "expert", _("Expert interpretation (专家解读)")
    MEDIA = "media", _("Media interpretation (媒体解读)")


class Disclosure(models.TextChoices):
    """公开方式 / 公开属性: an item may be recorded without being published."""

    ACTIVE = "active", _("Proactive disclosure")
    ON_REQUEST = "on_request", _("Disclosure on request")
    NOT_DISCLOSED = "not_disclosed", _("Not disclosed")


class Validity(models.TextChoices):
    """有效性, for 规章 and 行政规范性文件 only."""

    NONE = "", _("Not applicable")
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")
    EXPIRED = "expired", _("Expired")


# No longer in force: counts as 本年废止 in the year it ended.
ENDED = frozenset({Validity.REPEALED, Validity.EXPIRED})


class Channel(models.TextChoices):
    WEBSITE = "website", _("Government website")
    NEW_MEDIA = "new_media", _("Government new media")
    GAZETTE = "gazette", _("Government gazette")
    READING_ROOM = "reading_room", _("Public reading point")
    PRESS = "press", _("Press conference")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("The whole public")
    SPECIFIC = "specific", _("Specific groups")


class Level(models.TextChoices):
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township level")


# Seeds shared by every agency (agency = NULL); agencies add their own.
COMMON_TOPICS = (
    "综合政务\\政务公开",
    "综合政务\\其他",
    "财政、金融、审计\\财政",
    "财政、金融、审计\\税务",
    "国土资源、能源\\土地",
    "城乡建设、环境保护\\城市规划",
    "城乡建设、环境保护\\环境监测、保护与治理",
    "农业、林业、水利\\农业、畜牧业、渔业",
    "劳动、人事、监察\\劳动就业",
    "卫生、体育\\卫生",
    "教育\\义务教育",
    "民政、扶贫、救灾\\社会救助",
    "公安、安全、司法\\司法",
    "市场监管、安全生产监管\\安全生产监管",
)
COMMON_GENRES = (
    "通知",
    "决定",
    "公告",
    "通告",
    "意见",
    "办法",
    "规定",
    "批复",
    "报告",
    "解读",
    "其他",
)
# 国办发〔2019〕54号: the 26 pilot domains of the 基层政务公开标准目录.
STANDARD_DOMAINS = (
    "城乡规划",
    "重大建设项目",
    "公共资源交易",
    "财政预决算",
    "安全生产",
    "税收管理",
    "征地补偿",
    "国有土地上房屋征收与补偿",
    "保障性住房",
    "农村危房改造",
    "生态环境",
    "公共文化服务",
    "公共法律服务",
    "扶贫",
    "救灾",
    "食品药品监管",
    "城市综合执法",
    "就业",
    "社会保险",
    "社会救助",
    "养老服务",
    "户籍管理",
    "涉农补贴",
    "义务教育",
    "卫生健康",
    "市政服务",
)
