"""Activity reports: people-to-people activities of overseas Vietnamese associations and of
diplomatic missions, reported on one standard template and added up into the yearly review.

A report is written by a *reporter* (an organisation: an association, an innovation network or
a professional body, whose admins report, or a diplomatic mission, whose officials report). It
is a draft until submitted; the mission of the country where the activity took place approves
it or returns it with a reason (the ministry and platform admins may approve any). Only
approved reports are public and only they count in the yearly review. The ministry may mark an
approved report as a *breakthrough initiative* (the review of people-to-people diplomacy found
"a lack of breakthrough initiatives": the highlights show which ones there were).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from kieubao.community.models import Organisation


class Kind(models.TextChoices):
    CULTURAL = "cultural", _("Cultural event")
    LANGUAGE_CLASS = "language_class", _("Vietnamese-language class")
    CHARITY = "charity", _("Charity and solidarity")
    TRADE = "trade", _("Trade and investment promotion")
    KNOWLEDGE = "knowledge", _("Knowledge and expert exchange")
    YOUTH = "youth", _("Youth activity")
    CELEBRATION = "celebration", _("Community celebration (Tết …)")
    COMMEMORATION = "commemoration", _("Commemoration")
    SPORT = "sport", _("Sport")
    OTHER = "other", pgettext_lazy("activity kind", "Other")


class Theme(models.TextChoices):
    HOMELAND = "homeland", _("Promoting the homeland")
    LANGUAGE_CULTURE = "language_culture", _("Vietnamese language and culture")
    SOVEREIGNTY = "sovereignty", _("Sea and islands sovereignty")
    SOLIDARITY = "solidarity", _("Solidarity")
    ECONOMY = "economy", _("Economic cooperation")
    SCIENCE = "science", _("Science and technology")
    YOUTH = "youth", _("Youth")
    OTHER = "other", pgettext_lazy("activity theme", "Other")


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    APPROVED = "approved", pgettext_lazy("report status", "Approved")
    RETURNED = "returned", pgettext_lazy("report status", "Returned")


# The reporter may change a report in these statuses.
EDITABLE = (Status.DRAFT, Status.RETURNED)


class ActivityReport(models.Model):
    reporter = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="activity_reports",
        verbose_name=_("reported by"),
    )
    kind = models.CharField(_("kind of activity"), max_length=20, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    title_folded = models.CharField(max_length=200, editable=False, blank=True)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    country = CountryField(_("country where it took place"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    partners = models.TextField(_("partners"), max_length=2000, blank=True)
    activity_count = models.PositiveIntegerField(
        _("number of activities"),
        default=1,
        help_text=_("A report may cover a series: e.g. 12 sessions of a language class."),
    )
    participants = models.PositiveIntegerField(_("participants"), default=0)
    participants_overseas = models.PositiveIntegerField(
        _("of whom overseas Vietnamese"), null=True, blank=True
    )
    participants_local = models.PositiveIntegerField(
        _("of whom local people"), null=True, blank=True
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    programme = models.ForeignKey(
        "events.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activity_reports",
        verbose_name=_("programme"),
    )
    description = models.TextField(_("description"), max_length=10_000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    return_reason = models.CharField(_("reason for returning"), max_length=1000, blank=True)
    reopen_reason = models.CharField(_("reason for reopening"), max_length=1000, blank=True)
    decided_body = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    breakthrough = models.BooleanField(_("breakthrough initiative"), default=False)
    breakthrough_note = models.CharField(_("why it is a breakthrough"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-date", "-id")
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        indexes = [
            models.Index(fields=["status", "date"]),
            models.Index(fields=["country", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="activity_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(activity_count__gte=1), name="activity_report_covers_an_activity"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_approved(self) -> bool:
        return self.status == Status.APPROVED


class Attachment(models.Model):
    """A photo or a document of a report (kieubao.core.uploads: checked by content)."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    stored_name = models.CharField(max_length=100)
    file_kind = models.CharField(max_length=16)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "id")
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    @property
    def is_image(self) -> bool:
        return self.file_kind in ("png", "jpeg", "webp")
