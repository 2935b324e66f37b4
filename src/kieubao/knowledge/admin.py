"""The knowledge network in the admin site, for platform admins (support and moderation).
Day-to-day work goes through the pages, which call the services."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from kieubao.core.text import fold

from .models import Engagement, ExpertProfile, Invitation, Milestone, Need, Work
from .services import text_language

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class WorkInline(admin.TabularInline):
    model = Work
    extra = 0
    formfield_overrides = HTTPS_URLS


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ("person", "position", "availability", "max_load", "updated_at")
    list_filter = ("availability",)
    search_fields = ("person__full_name_folded", "keywords")
    raw_id_fields = ("person",)
    filter_horizontal = ("employers",)
    inlines = [WorkInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "kind", "status", "published_at", "deadline")
    list_filter = ("status", "kind", "mode")
    search_fields = ("text_folded",)
    raw_id_fields = ("owner", "created_by")
    filter_horizontal = ("fields",)
    readonly_fields = ("language", "published_at", "closed_at", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        # What services keep derived from the text: its language and the tone-less copy.
        obj.language = text_language(f"{obj.title} {obj.description}")
        obj.text_folded = fold(f"{obj.title} {obj.description}")
        super().save_model(request, obj, form, change)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("need", "expert", "status", "created_at", "responded_at")
    list_filter = ("status",)
    raw_id_fields = ("need", "expert", "invited_by")
    readonly_fields = ("created_at", "responded_at")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ("need", "expert", "status", "outcome", "started_at", "ended_at")
    list_filter = ("status", "outcome")
    raw_id_fields = ("invitation", "need", "expert")
    readonly_fields = ("started_at",)
    inlines = [MilestoneInline]
