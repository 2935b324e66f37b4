"""The trade portal (Project 1797): Vietnamese exporters and their products, overseas
Vietnamese distributors, certificates, trade leads and the deals they become, the reliability
of partners, the distribution of Vietnamese products abroad, and market data.

A *company* is the trade profile of a registry Organisation of kind ``business``: the
organisation holds name, country, city, website and description; its admins (registry
Membership, role admin) manage the company, its products, certificates and leads. An exporter
is a Vietnamese company (tax code, province); a distributor is an overseas Vietnamese business
abroad. Nothing here is personal data except the authors of market reports and reviews, which
are shown as their company or, for market reports, the name the person's visibility allows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from kieubao.community.models import Organisation, Person
from kieubao.core.provinces import province_choices


class CompanyRole(models.TextChoices):
    EXPORTER = "exporter", _("Vietnamese exporter")
    DISTRIBUTOR = "distributor", _("Overseas Vietnamese distributor")


class Channel(models.TextChoices):
    SUPERMARKET = "supermarket", _("Supermarket chain")
    GROCERY = "grocery", _("Asian or Vietnamese grocery")
    ECOMMERCE = "ecommerce", _("E-commerce")
    RESTAURANT = "restaurant", _("Restaurant supply")
    WHOLESALE = "wholesale", _("Wholesale or import")


class CompanyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended by the platform")


class Company(models.Model):
    # The company's id is its organisation's (rules compare it with Viewer.admin_of).
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="company"
    )
    role = models.CharField(_("role"), max_length=16, choices=CompanyRole.choices)
    # Exporters: the tax code (10 digits, or 10-3 for a branch) and the province.
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    province_code = models.PositiveSmallIntegerField(
        _("province"), null=True, blank=True, choices=province_choices("vi")
    )
    sectors = models.JSONField(_("sectors (HS chapters)"), default=list, blank=True)
    capacity = models.CharField(_("production capacity"), max_length=300, blank=True)
    # Exporters: where they export to; distributors: where they sell. ISO 3166 alpha-2 codes.
    markets = models.JSONField(_("markets"), default=list, blank=True)
    channels = models.JSONField(_("distribution channels"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CompanyStatus.choices, default=CompanyStatus.ACTIVE
    )
    # The reliability indicator (0–100) and how it was computed (reliability.py), kept by the
    # services whenever one of its inputs changes.
    reliability = models.PositiveSmallIntegerField(_("reliability"), default=0)
    reliability_detail = models.JSONField(default=list, blank=True, editable=False)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name_folded", "pk")
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(tax_code=""), name="one_company_per_tax_code"
            ),
            models.CheckConstraint(
                condition=~Q(role="exporter") | ~Q(tax_code=""), name="exporter_has_tax_code"
            ),
        ]
        indexes = [models.Index(fields=["role", "status"])]

    def __str__(self) -> str:
        return self.organisation.display_name()

    @property
    def name(self) -> str:
        return self.organisation.display_name()

    @property
    def country(self):
        return self.organisation.country


class ProductCategory(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agricultural produce")
    SEAFOOD = "seafood", _("Seafood")
    PROCESSED_FOOD = "processed_food", _("Processed food")
    COFFEE_TEA = "coffee_tea", _("Coffee, tea and spices")
    BEVERAGES = "beverages", _("Beverages")
    HANDICRAFTS = "handicrafts", _("Handicrafts")
    FURNITURE = "furniture", _("Furniture and wood")
    TEXTILES = "textiles", _("Textiles, garments and footwear")
    COSMETICS = "cosmetics", _("Cosmetics and herbal products")
    HOUSEHOLD = "household", _("Household goods")
    INDUSTRIAL = "industrial", _("Industrial goods")
    OTHER = "other", _("Other")


class Unit(models.TextChoices):
    KG = "kg", _("kg")
    TONNE = "t", _("tonnes")
    LITRE = "l", _("litres")
    PIECE = "piece", _("pieces")
    CARTON = "carton", _("cartons")
    CONTAINER_20 = "c20", _("20-foot containers")
    CONTAINER_40 = "c40", _("40-foot containers")


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Product(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="products", verbose_name=_("exporter")
    )
    name_vi = models.CharField(_("name in Vietnamese"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    description_vi = models.TextField(_("description in Vietnamese"), max_length=5000, blank=True)
    description_en = models.TextField(_("description in English"), max_length=5000, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=6, db_index=True)
    category = models.CharField(_("category"), max_length=20, choices=ProductCategory.choices)
    province_code = models.PositiveSmallIntegerField(
        _("province of origin"), choices=province_choices("vi")
    )
    ocop_stars = models.PositiveSmallIntegerField(_("OCOP stars"), null=True, blank=True)
    min_order_quantity = models.DecimalField(
        _("minimum order"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    min_order_unit = models.CharField(
        _("unit"), max_length=8, choices=Unit.choices, default=Unit.KG
    )
    signature = models.BooleanField(_("signature product"), default=False)
    signature_by = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("flagged as a signature product by"),
    )
    signature_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    # fold(both names, both descriptions, company name): kept by services.py.
    text_folded = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = (F("published_at").desc(nulls_last=True), "-id")
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [models.Index(fields=["status", "hs_code"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ocop_stars__isnull=True) | Q(ocop_stars__gte=1, ocop_stars__lte=5),
                name="ocop_one_to_five_stars",
            ),
            models.CheckConstraint(
                condition=Q(min_order_quantity__isnull=True) | Q(min_order_quantity__gt=0),
                name="min_order_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name_vi

    def name(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = language or get_language() or "vi"
        return self.name_en if language.startswith("en") and self.name_en else self.name_vi

    def description(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = language or get_language() or "vi"
        if language.startswith("en") and self.description_en:
            return self.description_en
        return self.description_vi or self.description_en


class ProductPhoto(models.Model):
    """A photo of a product; stored through kieubao.core.uploads (images only)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    stored_name = models.CharField(max_length=100)
    file_kind = models.CharField(max_length=16)
    size = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.stored_name


class CertificateKind(models.TextChoices):
    HACCP = "haccp", "HACCP"
    ISO22000 = "iso22000", "ISO 22000"
    FSSC22000 = "fssc22000", "FSSC 22000"
    ISO9001 = "iso9001", "ISO 9001"
    BRCGS = "brcgs", "BRCGS"
    IFS = "ifs", "IFS Food"
    GLOBALGAP = "globalgap", "GlobalG.A.P."
    VIETGAP = "vietgap", "VietGAP"
    ORGANIC_EU = "organic_eu", _("Organic (EU)")
    ORGANIC_USDA = "organic_usda", _("Organic (USDA)")
    ORGANIC_JAS = "organic_jas", _("Organic (JAS, Japan)")
    HALAL = "halal", "Halal"
    KOSHER = "kosher", "Kosher"
    FDA = "fda", _("FDA registration")
    ASC = "asc", "ASC"
    MSC = "msc", "MSC"
    BAP = "bap", "BAP"
    FAIRTRADE = "fairtrade", "Fairtrade"
    RAINFOREST = "rainforest", "Rainforest Alliance"
    FSC = "fsc", "FSC"
    CE = "ce", _("CE marking")
    OTHER = "other", _("Other")


class Certificate(models.Model):
    """A certificate held by a company, for one of its products or (product empty) for all of
    them (e.g. a factory's ISO 22000). Valid from ``valid_from`` to ``valid_to`` inclusive: the
    day after, it is expired, flagged, and no longer counts."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="certificates")
    product = models.ForeignKey(
        Product,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("product"),
    )
    kind = models.CharField(_("certificate"), max_length=16, choices=CertificateKind.choices)
    issuer = models.CharField(_("issued by"), max_length=200)
    number = models.CharField(_("certificate number"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    document_name = models.CharField(max_length=100, blank=True)
    document_kind = models.CharField(max_length=16, blank=True)
    document_size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("kind", "-valid_to", "id")
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["company", "kind", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="certificate_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_to


class MarketRequirement(models.Model):
    """Certificates a market requires for goods of an HS chapter, heading or subheading
    (``hs_prefix``; empty: every product), declared by a trade office, a mission or the
    platform."""

    country = CountryField(_("market"))
    hs_prefix = models.CharField(_("HS code or prefix"), max_length=6, blank=True)
    certificates = models.JSONField(_("certificates required"), default=list)
    note = models.CharField(_("note"), max_length=500, blank=True)
    declared_by = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("country", "hs_prefix")
        verbose_name = _("market requirement")
        verbose_name_plural = _("market requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "hs_prefix"], name="one_requirement_per_market_and_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.hs_prefix or '*'}"


class LeadKind(models.TextChoices):
    BUY = "buy", _("Buy request")
    SELL = "sell", _("Sell offer")


class LeadStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Lead(models.Model):
    """A buy request (a distributor wants goods of an HS code for a market) or a sell offer (an
    exporter offers goods, optionally one of its products, to markets)."""

    kind = models.CharField(_("kind"), max_length=8, choices=LeadKind.choices)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="leads")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=6)  # 2, 4 or 6 digits
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )
    # Buy requests: the market the goods are for; sell offers: empty (any) or one market.
    market = CountryField(_("market"), blank=True)
    volume = models.DecimalField(
        _("volume"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    volume_unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.KG)
    certificates = models.JSONField(_("certificates needed"), default=list, blank=True)
    valid_until = models.DateField(_("open until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=LeadStatus.choices, default=LeadStatus.OPEN
    )
    text_folded = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("trade lead")
        verbose_name_plural = _("trade leads")
        indexes = [models.Index(fields=["kind", "status", "hs_code"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(volume__gt=0), name="lead_volume_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("contact request", "Accepted")
    DECLINED = "declined", _("Declined")


class ContactRequest(models.Model):
    """One company asks another to get in touch (about a lead or a product). Accepted, both see
    each other's contacts and may record a deal."""

    from_company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    to_company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contact_requests"
    )
    lead = models.ForeignKey(Lead, null=True, blank=True, on_delete=models.SET_NULL)
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.SET_NULL)
    message = models.TextField(_("message"), max_length=3000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_company=F("to_company")), name="no_contact_request_to_self"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_company_id} → {self.to_company_id}"


class DealStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the other side")
    CONFIRMED = "confirmed", _("Confirmed by both sides")
    CANCELLED = "cancelled", _("Cancelled")


class Deal(models.Model):
    """A deal between an exporter and a distributor: proposed by one side, recorded once the
    other confirms it. Only confirmed deals count (figures, reliability, reviews)."""

    exporter = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="sales")
    distributor = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="purchases")
    lead = models.ForeignKey(Lead, null=True, blank=True, on_delete=models.SET_NULL)
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.SET_NULL)
    value_usd = models.DecimalField(_("value (USD)"), max_digits=16, decimal_places=2)
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=2)
    volume_unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.KG)
    market = CountryField(_("market"))
    deal_date = models.DateField(_("date of the deal"))
    status = models.CharField(
        _("status"), max_length=16, choices=DealStatus.choices, default=DealStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="+")
    exporter_confirmed_at = models.DateTimeField(null=True, blank=True)
    distributor_confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-deal_date", "-id")
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        indexes = [models.Index(fields=["status", "deal_date"])]
        constraints = [
            models.CheckConstraint(condition=Q(value_usd__gt=0), name="deal_value_positive"),
            models.CheckConstraint(condition=Q(volume__gt=0), name="deal_volume_positive"),
            models.CheckConstraint(
                condition=~Q(exporter=F("distributor")), name="deal_between_two_companies"
            ),
        ]

    def __str__(self) -> str:
        return f"deal {self.pk}"

    def parties(self) -> tuple[int, int]:
        return (self.exporter_id, self.distributor_id)


class Review(models.Model):
    """A party to a confirmed deal reviews the other party (once per deal)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="reviews_given")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("review"), max_length=3000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["deal", "reviewer"], name="one_review_per_deal_side"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="rating_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"review {self.pk}"


class Verification(models.Model):
    """A trade office, diplomatic mission or province vouches for a company: who, when, on what
    evidence. Revocable (with a reason); a revoked verification no longer counts."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="verifications")
    body = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("verified by")
    )
    evidence = models.TextField(_("evidence"), max_length=3000)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=1000, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-verified_at", "-id")
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "body"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_verification_per_body",
            )
        ]

    def __str__(self) -> str:
        return f"verification {self.pk}"


class FraudStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("fraud report", "Open")
    DISMISSED = "dismissed", _("Dismissed")
    UPHELD = "upheld", _("Upheld")


class FraudReport(models.Model):
    """A report of fraud against a company, to the platform admins. Seen by the admins and the
    reporter only; an upheld report lowers the company's reliability."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="fraud_reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("what happened"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=16, choices=FraudStatus.choices, default=FraudStatus.OPEN
    )
    resolution = models.TextField(_("resolution"), max_length=3000, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("fraud report")
        verbose_name_plural = _("fraud reports")

    def __str__(self) -> str:
        return f"fraud report {self.pk}"


class ShelfType(models.TextChoices):
    MAINSTREAM = "mainstream", _("Mainstream shelf")
    WORLD_FOOD = "world_food", _("World food or Asian aisle")
    CHILLED = "chilled", _("Chilled")
    FROZEN = "frozen", _("Frozen")
    ONLINE = "online", _("Online listing")
    FOOD_SERVICE = "food_service", _("Food service")


class ChannelStatus(models.TextChoices):
    TRIAL = "trial", _("Trial")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class DistributionChannel(models.Model):
    """A distributor carries an exporter's product in a market, through a channel."""

    distributor = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="distribution_channels"
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="distribution_channels"
    )
    market = CountryField(_("market"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    shelf_type = models.CharField(_("shelf type"), max_length=16, choices=ShelfType.choices)
    outlets = models.PositiveIntegerField(_("number of outlets"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ChannelStatus.choices, default=ChannelStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("market", "-started_on", "id")
        verbose_name = _("distribution channel")
        verbose_name_plural = _("distribution channels")
        indexes = [models.Index(fields=["market", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="channel_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_id} in {self.market}"


class MarketReportStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")


class MarketReport(models.Model):
    """What an overseas Vietnamese member sees in a market for goods of an HS code: retail
    prices, rules and certificates, competing products, demand. Feeds the market pages."""

    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="market_reports")
    market = CountryField(_("market"))
    hs_code = models.CharField(_("HS code or prefix"), max_length=6)
    product_label = models.CharField(_("goods observed"), max_length=200)
    price_min = models.DecimalField(
        _("lowest retail price"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    price_max = models.DecimalField(
        _("highest retail price"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    price_unit = models.CharField(_("per"), max_length=40, blank=True)
    regulations = models.TextField(_("regulations"), max_length=5000, blank=True)
    certificates = models.JSONField(_("certificates required"), default=list, blank=True)
    competitors = models.TextField(_("competing products"), max_length=5000, blank=True)
    demand = models.TextField(_("demand notes"), max_length=5000, blank=True)
    observed_on = models.DateField(_("observed on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MarketReportStatus.choices,
        default=MarketReportStatus.PUBLISHED,
    )
    hidden_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-observed_on", "-id")
        verbose_name = _("market report")
        verbose_name_plural = _("market reports")
        indexes = [models.Index(fields=["market", "hs_code"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_max__gte=F("price_min")),
                name="price_range_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.market} {self.hs_code}"


class TradeFlow(models.TextChoices):
    EXPORT = "export", _("Exports")
    IMPORT = "import", _("Imports")


class TradeStat(models.Model):
    """A line of trade statistics: what ``reporter`` exported to (or imported from) ``partner``
    of goods of an HS code in a year, in USD. Loaded by ``kieubao import trade-stats FILE``."""

    reporter = models.CharField(_("reporter"), max_length=2)
    partner = models.CharField(_("partner"), max_length=2)
    flow = models.CharField(
        _("flow"), max_length=8, choices=TradeFlow.choices, default=TradeFlow.EXPORT
    )
    hs_code = models.CharField(_("HS code"), max_length=6)  # 2, 4 or 6 digits
    year = models.PositiveSmallIntegerField(_("year"))
    value_usd = models.DecimalField(_("value (USD)"), max_digits=18, decimal_places=2)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("reporter", "partner", "flow", "hs_code", "year")
        verbose_name = _("trade statistic")
        verbose_name_plural = _("trade statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "partner", "flow", "hs_code", "year"],
                name="one_trade_figure_per_key",
            ),
            models.CheckConstraint(condition=Q(value_usd__gte=0), name="trade_value_not_negative"),
        ]
        indexes = [models.Index(fields=["partner", "year"])]

    def __str__(self) -> str:
        return f"{self.reporter}→{self.partner} {self.hs_code} {self.year}"
