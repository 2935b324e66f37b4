from django.contrib import admin

from .models import ConsentRecord, ExpertiseField, Membership, Official, Organisation, Person


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


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "country", "hometown_province", "qualification", "source")
    list_filter = ("source", "qualification", "consent_directory")
    search_fields = ("full_name_folded", "external_id")
    raw_id_fields = ("user",)
    readonly_fields = ("consent_directory", "consent_contact", "consent_statistics")
    show_full_result_count = False


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

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
