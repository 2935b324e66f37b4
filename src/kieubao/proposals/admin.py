"""Proposals in the admin site, for platform admins (support). Day-to-day work goes through the
pages, which call the services (sanitising, the public timeline, notifications): here the public
record (timeline entries, endorsements, abuse reports) is read, not changed, and uploaded files
are not edited."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from .models import (
    AbuseReport,
    Attachment,
    Comment,
    Endorsement,
    Outcome,
    Proposal,
    TimelineEntry,
)

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}  # "example.org" means https


class ReadOnlyAdmin(admin.ModelAdmin):
    """The public record is changed through the pages only; the admin site reads it (its add
    page stays open for support, as for every model)."""

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("title", "file_kind", "size", "uploaded_at")
    readonly_fields = ("file_kind", "size", "uploaded_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # attachments are uploaded through the pages (checked by content)


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ("kind", "title", "progress", "link")
    raw_id_fields = ("engagement",)
    formfield_overrides = HTTPS_URLS


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "assigned_body", "endorsement_count", "hidden", "created_at")
    list_filter = ("status", "hidden", "language")
    search_fields = ("title_folded", "text_folded")
    raw_id_fields = ("author", "addressed_to", "assigned_body", "merged_into")
    filter_horizontal = ("fields",)
    readonly_fields = (
        "endorsement_count",
        "created_at",
        "updated_at",
        "assigned_at",
        "first_answer_at",
        "closed_at",
        "overdue_notified_at",
    )
    inlines = [AttachmentInline, OutcomeInline]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("title", "proposal", "file_kind", "size", "uploaded_at")
    raw_id_fields = ("proposal",)


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnlyAdmin):
    list_display = ("proposal", "person", "created_at")
    raw_id_fields = ("proposal", "person")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "proposal", "hidden", "created_at")
    list_filter = ("hidden",)
    raw_id_fields = ("proposal", "parent", "author", "hidden_by")


@admin.register(AbuseReport)
class AbuseReportAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "proposal", "comment", "status", "created_at", "resolved_at")
    list_filter = ("status",)
    raw_id_fields = ("proposal", "comment", "reporter", "resolved_by")


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = ("proposal", "kind", "to_status", "body", "by_platform", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("proposal", "body", "actor")


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ("title", "proposal", "kind", "progress", "updated_at")
    list_filter = ("kind",)
    raw_id_fields = ("proposal", "engagement")
    formfield_overrides = HTTPS_URLS
