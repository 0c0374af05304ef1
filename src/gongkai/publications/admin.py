"""The admin shows the catalog read-only: every change goes through ``actions.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongkai.publications.models import (
    Article20Figures,
    CatalogItem,
    Consultation,
    ConsultationComment,
    Domain,
    GazetteIssue,
    Genre,
    Publication,
    PublicationEvent,
    ReviewSignoff,
    Topic,
)
from gongkai.publications.models.gazette import GazetteEntry, GazetteEvent
from gongkai.publications.models.participation import ConsultationAttachment, ConsultationEvent


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


# 意见征集 and 政府公报 (publications/models/participation.py, gazette.py): read only as well.
class CommentInline(_TimelineInline):
    model = ConsultationComment
    verbose_name = _("Comment")
    verbose_name_plural = _("Public comments")
    # No contact, address or token: the form promises 仅供本机关联系您 (the agency's, in the
    # console), and the platform administrator audits without them.
    readonly_fields = ("submitted_at", "name", "body", "status", "adoption", "reply")
    fields = readonly_fields


class AttachmentInline(_TimelineInline):
    model = ConsultationAttachment
    verbose_name = _("Attachment")
    verbose_name_plural = _("Attachments")
    readonly_fields = ("name", "content_type", "size", "added_at")
    fields = readonly_fields


class ConsultationEventInline(_TimelineInline):
    model = ConsultationEvent
    verbose_name = _("Event")
    verbose_name_plural = _("Handling records")
    readonly_fields = ("at", "actor_label", "kind", "status_before", "status_after")
    fields = readonly_fields


@admin.register(Consultation)
class ConsultationAdmin(ReadOnly):
    list_display = ("title", "agency", "status", "opens_on", "closes_on", "feedback_on")
    list_filter = ("status",)
    search_fields = ("title",)
    inlines = (AttachmentInline, CommentInline, ConsultationEventInline)


@admin.register(ConsultationComment)
class ConsultationCommentAdmin(ReadOnly):
    list_display = ("consultation", "submitted_at", "status", "adoption")
    list_filter = ("status", "adoption")
    search_fields = ("body",)
    # The commenter's contact, address and token are for the agency alone (CommentInline).
    fields = ("consultation", "submitted_at", "name", "body", "status", "adoption", "reply")
    readonly_fields = fields


class EntryInline(_TimelineInline):
    model = GazetteEntry
    verbose_name = _("Contents entry")
    verbose_name_plural = _("Contents")
    readonly_fields = ("position", "section", "publication")
    fields = readonly_fields


class GazetteEventInline(_TimelineInline):
    model = GazetteEvent
    verbose_name = _("Event")
    verbose_name_plural = _("Handling records")
    readonly_fields = ("at", "actor_label", "kind", "status_before", "status_after")
    fields = readonly_fields


@admin.register(GazetteIssue)
class GazetteIssueAdmin(ReadOnly):
    list_display = ("__str__", "agency", "year", "number", "status", "published_on")
    list_filter = ("status", "year")
    inlines = (EntryInline, GazetteEventInline)
