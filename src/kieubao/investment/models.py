"""Investment opportunities: projects a province or a ministry publishes for overseas Vietnamese
capital, the interest investors express, and the pipeline each interest goes through.

- An ``Opportunity`` is published by a homeland body (``body``: a province or a ministry): a
  bilingual title, summary and description, a sector, a location (one of the 34 provinces and
  an address), a size in USD and in VND with the exchange rate used (VND per USD, and its
  date), incentives, the project's stage, ``Attachment``s (PDF or images) and a contact. It is a
  draft (seen by the body's officials only), published, or closed.
- An ``Interest`` is one overseas Vietnamese investor's (their registry ``Person``, optionally
  acting for a business they administer) interest in one opportunity, once per person. It moves
  through the pipeline interest → site visit → MoU → licence → capital disbursed (or is
  withdrawn or declined); each move is a ``PipelineStep`` with its date, amount and note. An
  interest that came from a B2B meeting at an event (``meeting``) is credited to that event.
- ``OvEnterprise`` is the registry of enterprises founded by overseas Vietnamese: the profile of
  a community organisation of kind business (same id). Saving one, and an interest reaching
  licence or disbursement, updates the provincial insights (see services.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from kieubao.community.models import Organisation, Person
from kieubao.core.provinces import province_by_code


def _pick(vi: str, en: str, language: str | None) -> str:
    language = language or get_language() or "vi"
    return en if language.startswith("en") and en else vi


class Sector(models.TextChoices):
    STARTUPS = "startups", _("Innovative start-ups")
    DIGITAL = "digital", _("Digital transformation")
    BIOTECH = "biotech", _("Biotechnology")
    MATERIALS = "materials", _("New materials")
    GREEN = "green", _("Green and circular economy")
    SEMICONDUCTORS = "semiconductors", _("Semiconductors")
    AGRITECH = "agritech", _("High-tech agriculture")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    TOURISM = "tourism", _("Tourism")
    OTHER = "other", pgettext_lazy("sector", "Other")


# The provinces' five strategic sectors for overseas Vietnamese capital.
STRATEGIC_SECTORS = (
    Sector.STARTUPS,
    Sector.DIGITAL,
    Sector.BIOTECH,
    Sector.MATERIALS,
    Sector.GREEN,
)


class ProjectStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    FEASIBILITY = "feasibility", _("Feasibility study")
    APPROVED = "approved", _("Approved in principle")
    LAND_READY = "land_ready", _("Land ready")
    CONSTRUCTION = "construction", _("Under construction")
    OPERATING = "operating", _("Operating, expanding")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("opportunity status", "Draft")
    PUBLISHED = "published", pgettext_lazy("opportunity status", "Published")
    CLOSED = "closed", pgettext_lazy("opportunity status", "Closed")


class Opportunity(models.Model):
    body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="investment_opportunities",
        verbose_name=_("published by"),
    )
    title = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary = models.TextField(_("summary (Vietnamese)"), max_length=1000, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=1000, blank=True)
    description = models.TextField(_("description (Vietnamese)"), max_length=20000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=20000, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    province_code = models.PositiveSmallIntegerField(_("province"), db_index=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    size_usd = models.DecimalField(
        _("size (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    size_vnd = models.BigIntegerField(_("size (VND)"), null=True, blank=True)
    rate_vnd_per_usd = models.DecimalField(
        _("exchange rate (VND per USD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    rate_date = models.DateField(_("date of the exchange rate"), null=True, blank=True)
    incentives = models.TextField(_("incentives (Vietnamese)"), max_length=5000, blank=True)
    incentives_en = models.TextField(_("incentives (English)"), max_length=5000, blank=True)
    stage = models.CharField(
        _("stage of the project"),
        max_length=16,
        choices=ProjectStage.choices,
        default=ProjectStage.IDEA,
    )
    contact_body = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact body"),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
        db_index=True,
    )
    search_text = models.TextField(editable=False, blank=True)  # folded titles and summaries
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("investment opportunity")
        verbose_name_plural = _("investment opportunities")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self.title, self.title_en, language)

    def summary_text(self, language: str | None = None) -> str:
        return _pick(self.summary, self.summary_en, language)

    def description_text(self, language: str | None = None) -> str:
        return _pick(self.description, self.description_en, language)

    def incentives_text(self, language: str | None = None) -> str:
        return _pick(self.incentives, self.incentives_en, language)

    @property
    def province(self):
        return province_by_code(self.province_code)

    @property
    def is_published(self) -> bool:
        return self.status == OpportunityStatus.PUBLISHED


class Attachment(models.Model):
    """A document of an opportunity (a PDF or an image), stored by kieubao.core.uploads."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    kind = models.CharField(max_length=8)
    file_name = models.CharField(max_length=100)  # random name under UPLOAD_DIR/investment/
    original_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title or self.original_name


class Stage(models.TextChoices):
    INTEREST = "interest", _("Interest expressed")
    SITE_VISIT = "site_visit", _("Site visit")
    MOU = "mou", _("MoU signed")
    LICENCE = "licence", _("Investment licence")
    DISBURSED = "disbursed", _("Capital disbursed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the investor")
    DECLINED = "declined", _("Declined")


# The pipeline's forward order; withdrawn and declined end it.
PIPELINE = (Stage.INTEREST, Stage.SITE_VISIT, Stage.MOU, Stage.LICENCE, Stage.DISBURSED)
ENDED = (Stage.WITHDRAWN, Stage.DECLINED)
WITH_AMOUNT = (Stage.MOU, Stage.LICENCE, Stage.DISBURSED)


class Interest(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="investment_interests"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="investment_interests",
        verbose_name=_("on behalf of"),
    )
    message = models.TextField(_("message"), max_length=3000, blank=True)
    amount_usd = models.DecimalField(
        _("amount considered (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.INTEREST, db_index=True
    )
    committed_usd = models.DecimalField(
        _("committed (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    disbursed_usd = models.DecimalField(
        _("disbursed (USD)"), max_digits=14, decimal_places=2, default=0
    )
    # From a B2B meeting at an event: the interest is credited to that event too.
    meeting = models.ForeignKey(
        "events.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="investment_interests",
        verbose_name=_("B2B meeting"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(
                fields=("opportunity", "person"), name="investment_interest_once_per_person"
            ),
            models.CheckConstraint(
                condition=Q(disbursed_usd__gte=0), name="investment_disbursed_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.opportunity}"

    @property
    def investor_name(self) -> str:
        if self.organisation_id:
            return f"{self.organisation.display_name()} ({self.person.full_name})"
        return self.person.full_name

    @property
    def is_open(self) -> bool:
        return self.stage not in ENDED


class PipelineStep(models.Model):
    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    date = models.DateField(_("date"))
    amount_usd = models.DecimalField(
        _("amount (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("pipeline step")
        verbose_name_plural = _("pipeline steps")

    def __str__(self) -> str:
        return f"{self.interest_id}: {self.stage} {self.date}"


class EnterpriseLocation(models.TextChoices):
    ABROAD = "abroad", _("Abroad")
    HOME = "home", _("In Vietnam")


class OvEnterprise(models.Model):
    """An enterprise founded by overseas Vietnamese: the registry profile of a community
    organisation of kind business (its id is the organisation's, as trade.Company's)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="ov_enterprise"
    )
    location = models.CharField(_("location"), max_length=8, choices=EnterpriseLocation.choices)
    country = CountryField(_("country"))
    # Home province for an enterprise abroad; its location for one in Vietnam.
    province_code = models.PositiveSmallIntegerField(_("province"), db_index=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    capital_usd = models.DecimalField(
        _("capital (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("description"), max_length=3000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("organisation__name_folded",)
        verbose_name = _("overseas Vietnamese enterprise")
        verbose_name_plural = _("overseas Vietnamese enterprises")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def province(self):
        return province_by_code(self.province_code)
