"""The annual report of one agency for one year (条例第四十九、五十条; annual-report.md).

``data`` is the report as ``gongkai/annual-report@1`` JSON, recomputed from the records while
the report is a draft. Publishing freezes it: ``snapshot`` keeps the published JSON and the
rendered files are stored; a published report is never changed again (``save`` refuses).
State changes go through ``actions.py``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, ClassVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.lifecycle import Immutable, TimelineEvent
from gongkai.agencies.models import Agency, User
from gongkai.annual_reports.choices import EventKind, FileKind, Source, Status
from gongkai.core.report.model import Report


class ReportJSONEncoder(DjangoJSONEncoder):
    """Money cells (``Decimal``) as JSON numbers, as ``gongkai/annual-report@1`` has them."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return float(o)  # shortest repr: 180.338174 stays 180.338174
        return super().default(o)


class ReportJSONDecoder(json.JSONDecoder):
    """Numbers with a fraction back as ``Decimal`` (money is never a binary float)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("parse_float", Decimal)
        super().__init__(*args, **kwargs)


_JSON = {"encoder": ReportJSONEncoder, "decoder": ReportJSONDecoder}


class PublishedReportError(ValueError):
    """A published report is frozen: its numbers and files never change."""


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    format_key = models.CharField(_("format"), max_length=4)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.COMPUTED
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The agencies whose records it counts (roll-up); empty: the agency alone.
    units = models.JSONField(_("units"), default=list, blank=True)
    data = models.JSONField(_("report data"), default=dict, **_JSON)  # type: ignore[arg-type]
    findings = models.JSONField(
        _("check findings"),
        default=list,
        blank=True,
        **_JSON,  # type: ignore[arg-type]
    )
    snapshot = models.JSONField(
        _("published data"),
        null=True,
        blank=True,
        editable=False,
        **_JSON,  # type: ignore[arg-type]
    )
    imported_text = models.TextField(_("imported text"), blank=True, editable=False)
    edited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering: ClassVar[list[str]] = ["-year", "agency__name"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["agency", "year"], name="annual_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if getattr(self, "_stored_status", None) == Status.PUBLISHED:
            raise PublishedReportError(f"{self} is published and cannot change")
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.status == Status.PUBLISHED:
            raise PublishedReportError(f"{self} is published and cannot be deleted")
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> AnnualReport:
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_status = instance.status
        return instance

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def report(self) -> Report:
        """The published numbers once published, the current draft before."""
        return Report.from_dict(self.snapshot if self.snapshot is not None else self.data)


class NarrativeVersion(Immutable):
    """One version of one prose section (opening, 一, 五, 六); every edit adds one."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="narrative_versions"
    )
    section = models.CharField(max_length=10)
    number = models.PositiveIntegerField()
    text = models.TextField()
    author = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT)
    author_label = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["section", "number"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(
                fields=["report", "section", "number"], name="narrative_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.section} v{self.number}"


class ReportEvent(TimelineEvent):
    """The report's timeline: drafted, recomputed, edited, reviewed, published …"""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=EventKind.choices)

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


def _file_path(instance: Any, filename: str) -> str:
    report = instance.report
    return f"annual-reports/{report.agency_id}/{report.year}/{filename}"


class ReportFile(Immutable):
    """One rendering of the published report (HTML, DOCX, PDF, XLSX, JSON)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=FileKind.choices)
    file = models.FileField(upload_to=_file_path)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["report", "kind"], name="report_file_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}.{self.kind}"
