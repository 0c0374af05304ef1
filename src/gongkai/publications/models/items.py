"""Published items (政府信息公开目录 entries), their review record and their search document."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.lifecycle import Immutable, TimelineEvent
from gongkai.agencies.models import Agency, User
from gongkai.publications.choices import (
    Disclosure,
    DocumentKind,
    EventKind,
    InterpretationForm,
    ReviewKind,
    Status,
    Validity,
)


class _Vocabulary(models.Model):
    """A managed word list: rows without an agency are the shared seeds, others an agency's own."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        abstract = True
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class Topic(_Vocabulary):
    """主题分类 (e.g. 综合政务\\政务公开)."""

    class Meta(_Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "name"], name="topic_unique"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(agency=None), name="topic_shared_unique"
            ),
        ]


class Genre(_Vocabulary):
    """体裁 (通知, 决定, 公告 …)."""

    class Meta(_Vocabulary.Meta):
        verbose_name = _("genre")
        verbose_name_plural = _("genres")
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "name"], name="genre_unique"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(agency=None), name="genre_shared_unique"
            ),
        ]


class IndexCounter(models.Model):
    """The last 索引号 serial given per agency and year: serials only go up, never reused."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "year"], name="index_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class Publication(models.Model):
    """One catalog entry: 条例第十二条 asks 索引, 名称, 内容概述, 生成日期; catalog.md the rest."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("publishing agency"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    # Given once at drafting from the agency's pattern; never changes (catalog.md).
    index_number = models.CharField(_("index number"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    written_on = models.DateField(_("date written"))
    changed_on = models.DateField(
        _("date changed"),
        null=True,
        blank=True,
        help_text=_("When the information changed: the 20 working days then run from this date"),
    )
    published_on = models.DateField(_("date published"), null=True, blank=True, db_index=True)
    due_on = models.DateField(_("publication due"), null=True, blank=True)
    is_late = models.BooleanField(_("published late"), default=False)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.PROTECT
    )
    genre = models.ForeignKey(
        Genre, verbose_name=_("genre"), null=True, blank=True, on_delete=models.PROTECT
    )
    kind = models.CharField(
        _("document kind"), max_length=20, choices=DocumentKind.choices, default="general"
    )
    disclosure = models.CharField(
        _("disclosure"), max_length=20, choices=Disclosure.choices, default="active"
    )
    validity = models.CharField(
        _("validity"), max_length=10, choices=Validity.choices, blank=True, default=""
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    validity_changed_on = models.DateField(_("validity changed on"), null=True, blank=True)
    validity_changed_by = models.ForeignKey(
        "self",
        verbose_name=_("repealing or amending document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="validity_changes",
    )
    validity_changed_by_text = models.CharField(
        _("repealing or amending document (as written)"), max_length=200, blank=True
    )
    channels = models.JSONField(_("channels"), default=list, blank=True)
    body = models.TextField(_("body"), blank=True)  # sanitised HTML (actions.sanitise)
    body_text = models.TextField(_("body as text"), blank=True, editable=False)
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("interprets"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_form = models.CharField(
        _("form of interpretation"),
        max_length=20,
        choices=InterpretationForm.choices,
        blank=True,
        default="",
    )
    # 新闻发布会 (an interpretation of the form ``press``): who spoke; its date is the day written,
    # its topic the title, its materials the attachments.
    speakers = models.CharField(_("Speakers"), max_length=300, blank=True, default="")
    # 三同步: an interpretation published after its policy.
    interpretation_late = models.BooleanField(_("interpretation published late"), default=False)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default="draft", db_index=True
    )
    review_round = models.PositiveSmallIntegerField(default=1, editable=False)
    catalog_items = models.ManyToManyField(
        "publications.CatalogItem",
        verbose_name=_("standard catalog items"),
        blank=True,
        related_name="publications",
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("published item")
        verbose_name_plural = _("published items")
        ordering: ClassVar[list[str]] = ["-published_on", "-id"]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["agency", "status", "published_on"], name="pub_agency_status"),
            models.Index(fields=["kind", "validity"], name="pub_kind_validity"),
        ]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"

    @property
    def formed_on(self) -> Any:
        """The date the 20 working days run from (条例第二十六条: formed or changed)."""
        return self.changed_on or self.written_on

    @property
    def year(self) -> int | None:
        return self.published_on.year if self.published_on else None


class Attachment(models.Model):
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to="publications/%Y/")
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    # Extracted for search where the format allows (PDF, DOCX, OFD, text); empty for images.
    text = models.TextField(blank=True, editable=False)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return self.name


class ReviewSignoff(Immutable):
    """One reviewer's sign-off (content, or 保密审查 under 条例第十七条) in one review round."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="signoffs")
    kind = models.CharField(_("review"), max_length=20, choices=ReviewKind.choices)
    round = models.PositiveSmallIntegerField()
    reviewer = models.ForeignKey(User, verbose_name=_("reviewer"), on_delete=models.PROTECT)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("review sign-off")
        verbose_name_plural = _("review sign-offs")
        ordering: ClassVar[list[str]] = ["at", "id"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["publication", "kind", "round"], name="signoff_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.reviewer} · {self.at:%Y-%m-%d %H:%M}"


class PublicationEvent(TimelineEvent):
    """The item's timeline: who did what when, status before and after (the audit log)."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_kind_display()}"


class SearchDocument(models.Model):
    """Bigram and unigram tokens of a publicly visible item (``search.py``).

    Only items the public may see have one, so a search can never reveal a draft. SQLite keeps
    an FTS5 table over it (triggers, migration 0002); PostgreSQL a generated tsvector with a GIN
    index.
    """

    publication = models.OneToOneField(
        Publication, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    title_tokens = models.TextField()
    body_tokens = models.TextField()

    def __str__(self) -> str:
        return str(self.publication_id)
