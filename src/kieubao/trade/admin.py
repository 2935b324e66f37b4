"""The trade portal in the admin site, for platform admins (support and moderation). Day-to-day
work goes through the pages, which call the services (validation, audit, re-indexing): here
the records that carry trust (reviews, verifications, fraud reports, deals) cannot be changed,
and uploaded files are not edited."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    Certificate,
    Company,
    ContactRequest,
    Deal,
    DistributionChannel,
    FraudReport,
    Lead,
    MarketReport,
    MarketRequirement,
    Product,
    ProductPhoto,
    Review,
    TradeStat,
    Verification,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Trust records are changed through the pages only (audited there); the admin site reads
    them (its add page stays open for support, as for every model)."""

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ProductPhotoInline(admin.TabularInline):
    model = ProductPhoto
    extra = 0
    fields = ("caption", "position", "file_kind", "size", "uploaded_at")
    readonly_fields = ("file_kind", "size", "uploaded_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # photos are uploaded through the product page (checked by content)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "role", "tax_code", "province_code", "status", "reliability")
    list_filter = ("role", "status")
    search_fields = ("name_folded", "tax_code")
    raw_id_fields = ("organisation", "created_by")
    readonly_fields = ("reliability", "status", "created_at", "updated_at")


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name_vi", "company", "hs_code", "status", "signature", "published_at")
    list_filter = ("status", "category", "signature")
    search_fields = ("text_folded", "hs_code")
    raw_id_fields = ("company", "signature_by", "created_by")
    readonly_fields = ("signature", "signature_by", "signature_at", "published_at", "created_at")
    inlines = [ProductPhotoInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("kind", "number", "company", "product", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("number", "issuer")
    raw_id_fields = ("company", "product", "created_by")
    readonly_fields = ("document_name", "document_kind", "document_size", "created_at")


@admin.register(MarketRequirement)
class MarketRequirementAdmin(admin.ModelAdmin):
    list_display = ("country", "hs_prefix", "certificates", "declared_by")
    list_filter = ("country",)
    raw_id_fields = ("declared_by",)


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "company", "hs_code", "market", "status", "created_at")
    list_filter = ("kind", "status")
    search_fields = ("text_folded", "hs_code")
    raw_id_fields = ("company", "product", "created_by")
    readonly_fields = ("created_at", "closed_at")


@admin.register(ContactRequest)
class ContactRequestAdmin(ReadOnlyAdmin):
    list_display = ("from_company", "to_company", "status", "created_at")
    list_filter = ("status",)


@admin.register(Deal)
class DealAdmin(ReadOnlyAdmin):
    list_display = ("exporter", "distributor", "market", "value_usd", "deal_date", "status")
    list_filter = ("status", "market")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("company", "reviewer", "rating", "created_at")
    list_filter = ("rating",)


@admin.register(Verification)
class VerificationAdmin(ReadOnlyAdmin):
    list_display = ("company", "body", "verified_at", "revoked_at")
    list_filter = ("revoked_at",)


@admin.register(FraudReport)
class FraudReportAdmin(ReadOnlyAdmin):
    list_display = ("company", "status", "created_at", "resolved_at")
    list_filter = ("status",)


@admin.register(DistributionChannel)
class DistributionChannelAdmin(admin.ModelAdmin):
    list_display = ("product", "distributor", "market", "channel", "status", "started_on")
    list_filter = ("market", "channel", "status")
    raw_id_fields = ("distributor", "product")


@admin.register(MarketReport)
class MarketReportAdmin(admin.ModelAdmin):
    list_display = ("market", "hs_code", "product_label", "observed_on", "status")
    list_filter = ("market", "status")
    raw_id_fields = ("author",)


@admin.register(TradeStat)
class TradeStatAdmin(admin.ModelAdmin):
    list_display = ("reporter", "partner", "flow", "hs_code", "year", "value_usd")
    list_filter = ("flow", "year", "reporter")
    search_fields = ("hs_code",)
