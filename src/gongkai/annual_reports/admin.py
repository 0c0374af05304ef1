"""Annual reports in the admin, read-only: every change goes through ``actions.py``."""

from __future__ import annotations

from django.contrib import admin

from gongkai.annual_reports.models import AnnualReport, NarrativeVersion, ReportEvent, ReportFile
from gongkai.publications.admin import ReadOnly


class _Events(admin.TabularInline):  # type: ignore[type-arg]
    model = ReportEvent
    extra = 0
    can_delete = False
    fields = ("at", "actor_label", "kind", "status_before", "status_after", "data")
    readonly_fields = fields

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


class _Files(admin.TabularInline):  # type: ignore[type-arg]
    model = ReportFile
    extra = 0
    can_delete = False
    fields = ("kind", "file", "size", "sha256")
    readonly_fields = fields

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnly):
    list_display = ("agency", "year", "format_key", "source", "status", "published_at")
    list_filter = ("status", "source", "year")
    search_fields = ("agency__name",)
    inlines = (_Events, _Files)


@admin.register(NarrativeVersion)
class NarrativeVersionAdmin(ReadOnly):
    list_display = ("report", "section", "number", "author_label", "at")
