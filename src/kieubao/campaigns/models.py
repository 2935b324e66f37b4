"""Campaigns and funds: fundraising and pledge campaigns with a public allocation ledger, and the
support fund for overseas Vietnamese businesses with its applications.

- A ``Campaign`` (fundraising, pledge, or a support *fund*) belongs to an owner body: a homeland
  body (its officials run it) or an association (its admins run it). Its target is in VND
  (integer đồng: VND has no minor unit), over a period (end ≥ start); draft → open → closed.
- Money in a foreign currency is converted at a *recorded* ``ExchangeRate`` (currency, VND per
  unit, date, source, who recorded it): a pledge or a contribution keeps the amount, the
  currency, the rate it used (and a copy of its value) and the VND amount.
- A ``Pledge`` is a promise by a member (and/or an organisation they administer); a
  ``Contribution`` is money received, recorded by the campaign's managers, possibly fulfilling a
  pledge. An ``Allocation`` is where money went: recipient, VND amount, date, purpose and an
  evidence document (required). The ledger: contributed = Σ contributions, allocated =
  Σ allocations, held = contributed − allocated ≥ 0 (services.allocation_record refuses an
  allocation beyond what is held, under a lock of the campaign row).
- A ``FundApplication`` is an OV business's request to a fund: submitted → under review →
  approved / rejected with a recorded reason; an approved one is awarded as an Allocation of the
  fund (so awards show in the ledger and cannot exceed what the fund holds).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kieubao.community.models import Organisation, Person

# ISO 4217 codes accepted for contributions and pledges (the currencies of the countries where
# overseas Vietnamese live in numbers, and the main reserve currencies).
CURRENCIES = (
    "VND", "USD", "EUR", "JPY", "AUD", "GBP", "CAD", "CHF", "CNY", "KRW", "SGD", "THB", "TWD",
    "HKD", "NZD", "SEK", "NOK", "DKK", "CZK", "PLN", "HUF", "RUB", "MYR", "KHR", "LAK", "AED",
    "QAR", "SAR", "ILS", "INR", "PHP", "IDR", "ZAR", "BRL", "MXN", "UAH",
)  # fmt: skip
VND = "VND"


def _pick(vi: str, en: str, language: str | None) -> str:
    language = language or get_language() or "vi"
    return en if language.startswith("en") and en else vi


class CampaignKind(models.TextChoices):
    FUNDRAISING = "fundraising", _("Fundraising campaign")
    PLEDGE = "pledge", _("Pledge campaign")
    FUND = "fund", _("Support fund for overseas Vietnamese businesses")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("campaign status", "Draft")
    OPEN = "open", pgettext_lazy("campaign status", "Open")
    CLOSED = "closed", pgettext_lazy("campaign status", "Closed")


class Campaign(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=CampaignKind.choices)
    title = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    cause = models.TextField(_("cause (Vietnamese)"), blank=True, max_length=10000)
    cause_en = models.TextField(_("cause (English)"), blank=True, max_length=10000)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("owner")
    )
    target_vnd = models.BigIntegerField(_("target (VND)"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    status = models.CharField(
        max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT, db_index=True
    )
    # A campaign that is not public is shown to signed-in members only.
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-starts_on", "-pk")
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(target_vnd__gte=0), name="campaign_target_gte_0"),
        ]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self.title, self.title_en, language)

    def cause_text(self, language: str | None = None) -> str:
        return _pick(self.cause, self.cause_en, language)

    @property
    def is_fund(self) -> bool:
        return self.kind == CampaignKind.FUND


class ExchangeRate(models.Model):
    currency = models.CharField(_("currency"), max_length=3)
    vnd_per_unit = models.DecimalField(_("VND per unit"), max_digits=18, decimal_places=4)
    on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("currency", "-on", "-pk")
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.CheckConstraint(condition=Q(vnd_per_unit__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.vnd_per_unit} VND ({self.on}, {self.source})"


class Money(models.Model):
    """An amount in a currency, with the recorded rate it was converted at and its VND value."""

    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default=VND)
    rate = models.ForeignKey(
        ExchangeRate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exchange rate"),
    )
    # The rate's value when it was used (1 for VND), kept with the amount.
    vnd_per_unit = models.DecimalField(max_digits=18, decimal_places=4, default=1)
    amount_vnd = models.BigIntegerField(_("amount (VND)"))

    class Meta:
        abstract = True


class PledgeStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("pledge status", "Open")
    FULFILLED = "fulfilled", pgettext_lazy("pledge status", "Fulfilled")
    WITHDRAWN = "withdrawn", pgettext_lazy("pledge status", "Withdrawn")


class Pledge(Money):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pledges")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="pledges"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="pledges"
    )
    anonymous = models.BooleanField(_("anonymous to the public"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="pledge_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def pledger_name(self) -> str:
        if self.organisation_id:
            return self.organisation.display_name()
        return self.person.full_name if self.person_id else ""


class Contribution(Money):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="contributions")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    name = models.CharField(_("contributor's name"), max_length=200, blank=True)
    anonymous = models.BooleanField(_("anonymous to the public"), default=False)
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    pledge = models.ForeignKey(
        Pledge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("fulfils the pledge"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-received_on", "-pk")
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="contribution_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def contributor_name(self) -> str:
        if self.name:
            return self.name
        if self.organisation_id:
            return self.organisation.display_name()
        return self.person.full_name if self.person_id else ""


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
    UNDER_REVIEW = "under_review", pgettext_lazy("application status", "Under review")
    APPROVED = "approved", pgettext_lazy("application status", "Approved")
    REJECTED = "rejected", pgettext_lazy("application status", "Rejected")


class FundApplication(models.Model):
    fund = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="applications")
    business = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="fund_applications",
        verbose_name=_("business"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    amount_requested_vnd = models.BigIntegerField(_("amount requested (VND)"))
    plan = models.TextField(_("plan"), max_length=10000)
    plan_name = models.CharField(max_length=60, blank=True)  # stored upload (core.uploads)
    plan_kind = models.CharField(max_length=8, blank=True)
    plan_size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=14,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    reason = models.TextField(_("reason for the decision"), blank=True, max_length=5000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("fund application")
        verbose_name_plural = _("fund applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested_vnd__gt=0), name="application_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.purpose


class Allocation(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="allocations")
    recipient_name = models.CharField(_("recipient"), max_length=200, blank=True)
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocations_received",
        verbose_name=_("recipient organisation"),
    )
    amount_vnd = models.BigIntegerField(_("amount (VND)"))
    allocated_on = models.DateField(_("date"))
    purpose = models.CharField(_("purpose"), max_length=500)
    # The evidence document (required): a stored upload (kieubao.core.uploads).
    evidence_name = models.CharField(max_length=60)
    evidence_kind = models.CharField(max_length=8)
    evidence_size = models.PositiveIntegerField(default=0)
    evidence_original = models.CharField(max_length=200, blank=True)
    application = models.OneToOneField(
        FundApplication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-allocated_on", "-pk")
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="allocation_positive"),
            models.CheckConstraint(condition=~Q(evidence_name=""), name="allocation_has_evidence"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_label()}: {self.amount_vnd} VND"

    def recipient_label(self) -> str:
        if self.recipient_name:
            return self.recipient_name
        return self.recipient.display_name() if self.recipient_id else ""
