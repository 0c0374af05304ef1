"""Statuses and kinds of the annual report's record as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies import lifecycle


class Status(models.TextChoices):
    """draft → reviewed → published (cleared before published); a published report is frozen."""

    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Published")


class EventKind(lifecycle.EventKind):
    """What happened on a report's timeline; the label is the staff wording."""

    DRAFTED = "drafted", _("Draft computed")
    RECOMPUTED = "recomputed", _("Recomputed from the records")
    NARRATIVE_EDITED = "narrative_edited", _("Text edited")
    IMPORTED = "imported", _("Imported from the published report")
    REVIEWED = "reviewed", _("Marked reviewed")
    PUBLISHED = "published", _("Published")


# The public reads the published report, not how it was made.
EventKind.PUBLIC = {EventKind.PUBLISHED: _("Published")}


class Source(models.TextChoices):
    COMPUTED = "computed", _("Computed from the platform's records")
    # The migration path: last year's published report, read back with the reader.
    IMPORTED = "imported", _("Imported from a published report")


class FileKind(models.TextChoices):
    HTML = "html", "HTML"
    DOCX = "docx", "DOCX"
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    JSON = "json", "JSON"
    # 图解 for the published page (core/report/charts.py), frozen with the numbers.
    OUTCOMES_SVG = "svg_out", "SVG"
    YOY_SVG = "svg_yoy", "SVG"


# The renderings of ``core.report.render`` (the downloads), by output name.
DOCUMENT_KINDS = (FileKind.HTML, FileKind.DOCX, FileKind.PDF, FileKind.XLSX, FileKind.JSON)


# The prose sections an office edits: the opening paragraph, 一、总体情况, 五 and 六.
NARRATIVE_SECTIONS = ("opening", "一", "五", "六")
