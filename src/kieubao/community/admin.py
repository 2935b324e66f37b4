from django.contrib import admin
from django.db import models

from kieubao.core import audit

from .models import ConsentRecord, ExpertiseField, Membership, Official, Organisation, Person

# "example.org" means https (Django 6's default).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ExpertiseField)
class ExpertiseFieldAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_vi", "name_en", "parent", "position")
    search_fields = ("slug", "name_vi", "name_en")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "province_code", "parent")
    list_filter = ("kind",)
    search_fields = ("name_folded",)
    raw_id_fields = ("parent",)
    formfield_overrides = HTTPS_URLS


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "country", "hometown_province", "qualification", "source")
    list_filter = ("source", "qualification", "consent_directory")
    search_fields = ("full_name_folded", "external_id")
    raw_id_fields = ("user",)
    formfield_overrides = HTTPS_URLS
    readonly_fields = ("consent_directory", "consent_contact", "consent_statistics")
    show_full_result_count = False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The admin reads people around the selectors: audit it the same way.
        if object_id and str(object_id).isdigit():
            audit.record_person_reads(
                actor_id=request.user.pk,
                actor_body_id=None,
                reads=[(int(object_id), ["admin"])],
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("person", "organisation", "role", "title")
    raw_id_fields = ("person", "organisation")


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ("user", "body", "title", "created_at")
    raw_id_fields = ("user", "body")


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ("person", "purpose", "granted", "text_version", "created_at")
    raw_id_fields = ("person",)

    def has_add_permission(self, request):
        return False  # consent is given by the person, through the services

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
