"""Disputes in the admin, read-only: every change goes through ``actions.py``."""

from __future__ import annotations

from django.contrib import admin

from gongkai.disputes.models import Dispute, DisputeDocument, DisputeEvent
from gongkai.publications.admin import ReadOnly


class _Events(admin.TabularInline):  # type: ignore[type-arg]
    model = DisputeEvent
    extra = 0
    can_delete = False
    fields = ("at", "on", "actor_label", "kind", "status_before", "status_after", "data")
    readonly_fields = fields

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


class _Documents(admin.TabularInline):  # type: ignore[type-arg]
    model = DisputeDocument
    extra = 0
    can_delete = False
    fields = ("name", "content_type", "size", "added_at")
    readonly_fields = fields

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Dispute)
class DisputeAdmin(ReadOnly):
    list_display = ("pk", "agency", "case", "kind", "body", "filed_on", "outcome", "decided_on")
    list_filter = ("kind", "outcome", "stage")
    search_fields = ("reference", "body", "case__number")
    inlines = (_Events, _Documents)
