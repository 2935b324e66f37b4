"""Provincial insights: what provinces import from their surveys of their overseas community
(enterprises, investment projects, remittances; people go to the community registry as
statistical records), the aggregates the dashboards are served from, and the imports
themselves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from kieubao.community.models import ExpertiseField


class ImportKind(models.TextChoices):
    PEOPLE = "people", _("People")
    ENTERPRISES = "enterprises", _("Enterprises")
    INVESTMENTS = "investments", _("Investment projects")
    REMITTANCES = "remittances", _("Remittances")


class EnterpriseLocation(models.TextChoices):
    ABROAD = "abroad", _("Abroad")
    HOME = "home", _("In Vietnam")


class ProjectStatus(models.TextChoices):
    LICENSED = "licensed", _("Licensed")
    BUILDING = "building", _("Under construction")
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")
    UNKNOWN = "", _("Not given")


class Enterprise(models.Model):
    """An enterprise founded or owned by overseas Vietnamese of a province, abroad or at home."""

    province_code = models.PositiveSmallIntegerField(_("province"), db_index=True)
    external_id = models.CharField(_("external id"), max_length=100)
    name = models.CharField(_("name"), max_length=255)
    location = models.CharField(
        _("location"), max_length=8, choices=EnterpriseLocation.choices, blank=True
    )
    country = CountryField(_("country"), blank=True)
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    owner = models.CharField(_("owner or representative"), max_length=200, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    capital_usd = models.BigIntegerField(_("capital (USD)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ("province_code", "name")
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "external_id"], name="one_enterprise_per_external_id"
            )
        ]

    def __str__(self) -> str:
        return self.name


class InvestmentProject(models.Model):
    """An investment project in a province by overseas Vietnamese."""

    province_code = models.PositiveSmallIntegerField(_("province"), db_index=True)
    external_id = models.CharField(_("external id"), max_length=100)
    name = models.CharField(_("name"), max_length=255)
    investor = models.CharField(_("investor"), max_length=255, blank=True)
    investor_country = CountryField(_("investor's country"), blank=True)
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    capital_usd = models.BigIntegerField(_("capital (USD)"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year licensed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ("province_code", "name")
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "external_id"], name="one_project_per_external_id"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Remittance(models.Model):
    """Remittances received by a province from its people abroad in one year (USD)."""

    province_code = models.PositiveSmallIntegerField(_("province"))
    year = models.PositiveSmallIntegerField(_("year"))
    amount_usd = models.BigIntegerField(_("amount (USD)"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("remittances of a year")
        verbose_name_plural = _("remittances")
        ordering = ("province_code", "year")
        constraints = [
            models.UniqueConstraint(fields=["province_code", "year"], name="one_amount_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.province_code} {self.year}: {self.amount_usd}"


class PeopleCount(models.Model):
    """The aggregate the dashboards read instead of scanning millions of people: how many
    counted people (imported survey records, and registered people who consented to
    statistics, and the anonymous remnants of erased ones) share one combination. Kept up to
    date by ``aggregates`` in the same transaction as every change; ``kieubao insights
    rebuild`` recomputes it from scratch."""

    province_code = models.PositiveSmallIntegerField(default=0)  # 0: not given
    country = models.CharField(max_length=2, blank=True)
    residency_status = models.CharField(max_length=16, blank=True)
    qualification = models.CharField(max_length=16, blank=True)
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("people count")
        verbose_name_plural = _("people counts")
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "country", "residency_status", "qualification"],
                name="one_people_count_per_combination",
            )
        ]

    def __str__(self) -> str:
        return f"{self.province_code}/{self.country}/{self.residency_status}/{self.qualification}"


class FieldCount(models.Model):
    """Counted people per province and field of expertise (a person may have several)."""

    province_code = models.PositiveSmallIntegerField(default=0)
    field = models.ForeignKey(ExpertiseField, on_delete=models.CASCADE, related_name="+")
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("field count")
        verbose_name_plural = _("field counts")
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "field"], name="one_field_count_per_province"
            )
        ]

    def __str__(self) -> str:
        return f"{self.province_code}/{self.field_id}: {self.count}"


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Waiting for confirmation")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Refused: nothing was written")
    CANCELLED = "cancelled", _("Cancelled")


class SurveyImport(models.Model):
    """One import of a survey file: the stored upload, the column and value mappings chosen,
    and the report (problems, or what was created/updated)."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    province_code = models.PositiveSmallIntegerField(_("province"))
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(max_length=100, blank=True)  # random name under IMPORT_DIR
    original_name = models.CharField(_("file"), max_length=200, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    column_map = models.JSONField(default=dict, blank=True)  # header -> field ("" = ignore)
    value_map = models.JSONField(default=list, blank=True)  # ["column:value=canonical", …]
    # What the page shows before the import: headers, first rows, encoding (read once, at upload).
    preview = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.kind} {self.province_code} {self.original_name}"
