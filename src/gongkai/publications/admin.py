"""The admin shows the catalog read-only: every change goes through ``actions.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.publications.models import (
    Article20Figures,
    CatalogItem,
    Domain,
    Genre,
    Publication,
    PublicationEvent,
    ReviewSignoff,
    Topic,
)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The platform administrator audits; staff work in the console (rights per agency).
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


class _TimelineInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(_TimelineInline):
    model = PublicationEvent
    readonly_fields = ("at", "actor_label", "kind", "status_before", "status_after", "data")
    fields = readonly_fields


class SignoffInline(_TimelineInline):
    model = ReviewSignoff
    readonly_fields = ("kind", "round", "reviewer", "note", "at")
    fields = readonly_fields


@admin.register(Publication)
class PublicationAdmin(ReadOnly):
    list_display = ("index_number", "title", "agency", "status", "published_on", "is_late")
    list_filter = ("status", "kind", "validity", "is_late")
    search_fields = ("index_number", "title", "document_number")
    inlines = (SignoffInline, EventInline)


for model in (Topic, Genre, Domain, CatalogItem, Article20Figures):
    admin.site.register(model, ReadOnly)
