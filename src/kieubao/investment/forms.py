"""Forms of the investment pages. They parse input only: amounts are read as typed so that the
services refuse a negative or non-numeric one with their message, on the field, in the
reader's language, with what was typed kept."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from kieubao.core.provinces import province_choices

from .models import EnterpriseLocation, ProjectStage, Sector, Stage

ANY = ("", "—")
PIPELINE_MOVES = [
    (Stage.SITE_VISIT, Stage.SITE_VISIT.label),
    (Stage.MOU, Stage.MOU.label),
    (Stage.LICENCE, Stage.LICENCE.label),
    (Stage.DISBURSED, Stage.DISBURSED.label),
    (Stage.DECLINED, Stage.DECLINED.label),
]


class DateInput(forms.TextInput):
    input_type = "date"


def _amount(label, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def _provinces() -> list:
    return [ANY, *province_choices()]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Search projects"), "aria-label": _("Search")}
        ),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    province = forms.TypedChoiceField(label=_("Province"), required=False, coerce=int)
    stage = forms.ChoiceField(label=_("Stage of the project"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [ANY, *Sector.choices]
        self.fields["province"].choices = _provinces()
        self.fields["stage"].choices = [ANY, *ProjectStage.choices]


class OpportunityForm(forms.Form):
    body = forms.TypedChoiceField(label=_("Published by"), coerce=int)
    title = forms.CharField(label=_("Title (Vietnamese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary (Vietnamese)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    summary_en = forms.CharField(
        label=_("Summary (English)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Description (Vietnamese)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    province_code = forms.ChoiceField(label=_("Province (location)"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    size_usd = _amount(_("Size (USD)"), _("Give one currency and the rate, or both."))
    size_vnd = _amount(_("Size (VND)"), _("Whole đồng."))
    rate_vnd_per_usd = _amount(_("Exchange rate (VND per USD)"))
    rate_date = forms.CharField(
        label=_("Date of the exchange rate"), required=False, max_length=20, widget=DateInput()
    )
    incentives = forms.CharField(
        label=_("Incentives (Vietnamese)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    incentives_en = forms.CharField(
        label=_("Incentives (English)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    stage = forms.ChoiceField(label=_("Stage of the project"), required=False)
    contact_email = forms.CharField(label=_("Contact email"), max_length=254, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is None:
            del self.fields["body"]
        else:
            self.fields["body"].choices = [(b.pk, b.display_name()) for b in bodies]
        self.fields["sector"].choices = [ANY, *Sector.choices]
        self.fields["province_code"].choices = _provinces()
        self.fields["stage"].choices = ProjectStage.choices

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "body"}

    @staticmethod
    def initial_for(opportunity) -> dict:
        from .services import _OPPORTUNITY_FIELDS

        initial = {f: getattr(opportunity, f) for f in _OPPORTUNITY_FIELDS}
        if opportunity.rate_date:
            initial["rate_date"] = opportunity.rate_date.isoformat()
        return {k: ("" if v is None else v) for k, v in initial.items()}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF or image)"), required=False)


class InterestForm(forms.Form):
    organisation = forms.ChoiceField(label=_("On behalf of"), required=False)
    amount_usd = _amount(_("Amount considered (USD)"))
    message = forms.CharField(
        label=_("Message to the province"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    meeting = forms.ChoiceField(label=_("From a B2B meeting"), required=False)

    def __init__(self, *args, businesses=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("Myself")),
            *[(o.pk, o.display_name()) for o in businesses],
        ]
        if meetings:
            self.fields["meeting"].choices = [
                ANY,
                *[
                    (m.pk, f"{m.event.name()} · {m.slot.starts_at:%d/%m/%Y %H:%M}")
                    for m in meetings
                ],
            ]
        else:
            del self.fields["meeting"]


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=PIPELINE_MOVES)
    date = forms.CharField(label=_("Date"), required=False, max_length=20, widget=DateInput())
    amount_usd = _amount(
        _("Amount (USD)"), _("Committed at the MoU and licence; each disbursement adds up.")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)


class EnterpriseForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Business"))
    location = forms.ChoiceField(label=_("Location"), choices=EnterpriseLocation.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    province_code = forms.ChoiceField(
        label=_("Province"),
        required=False,
        help_text=_("Home province for an enterprise abroad; its location for one in Vietnam."),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    founded_year = forms.CharField(label=_("Year founded"), required=False, max_length=8)
    employees = forms.CharField(label=_("Employees"), required=False, max_length=12)
    capital_usd = _amount(_("Capital (USD)"))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, businesses=None, **kwargs):
        super().__init__(*args, **kwargs)
        if businesses is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = [(o.pk, o.display_name()) for o in businesses]
        self.fields["country"].choices = [ANY, *countries]
        self.fields["province_code"].choices = _provinces()
        self.fields["sector"].choices = [ANY, *Sector.choices]

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "organisation"}
