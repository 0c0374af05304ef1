"""政府公报: numbered issues (2026年第3期) of the government's gazette, their contents and PDF.

条例第二十四条 names the 政府公报 among the channels of proactive disclosure; an issue lists
catalog items under section headings (栏目), in order, and carries a PDF (uploaded, or
generated from its contents by ``actions.gazette.render_pdf``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.lifecycle import EventKind, TimelineEvent
from gongkai.agencies.models import Agency, User
from gongkai.publications.models.items import Publication


class GazetteStatus(models.TextChoices):
    DRAFT = "draft", _("Being edited")
    PUBLISHED = "published", _("Issued")


class GazetteEventKind(EventKind):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Contents edited")
    PDF = "pdf", _("PDF updated")
    PUBLISHED = "published", _("Issue published")


class GazetteIssue(models.Model):
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("Compiling agency"),
        on_delete=models.PROTECT,
        related_name="gazette_issues",
    )
    year = models.PositiveSmallIntegerField(_("Calendar year"))
    number = models.PositiveSmallIntegerField(_("Issue number"))
    published_on = models.DateField(_("Publication date"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=GazetteStatus.choices, default=GazetteStatus.DRAFT
    )
    pdf = models.FileField(_("PDF"), upload_to="gazette/%Y/", blank=True)
    pdf_generated = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Government gazette")
        verbose_name_plural = _("Government gazettes")
        ordering: ClassVar[list[str]] = ["-year", "-number"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "year", "number"], name="gazette_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期"


class GazetteEntry(models.Model):
    """One line of an issue's contents: an item, under a section heading, at a position."""

    issue = models.ForeignKey(GazetteIssue, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveSmallIntegerField(_("Position"))
    section = models.CharField(_("Section"), max_length=50)
    publication = models.ForeignKey(
        Publication, verbose_name=_("Document"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.issue_id}/{self.position}"


class GazetteEvent(TimelineEvent):
    issue = models.ForeignKey(GazetteIssue, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=GazetteEventKind.choices)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_kind_display()}"
