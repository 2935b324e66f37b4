"""Forms of the campaigns' pages. They parse input only: amounts and dates are typed as text
and the services validate them (a negative or non-numeric amount, an end before the start, a
pledge to a closed campaign), so every door shows the same message, in the reader's language,
on the field, with what was typed kept."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kieubao.community.models import Organisation, OrganisationKind
from kieubao.community.rules import Viewer

from .models import CURRENCIES, CampaignKind, PledgeStatus
from .selectors import rate_choices

BLANK = ("", "—")
CURRENCY_CHOICES = [(c, c) for c in CURRENCIES]


class DateInput(forms.TextInput):
    input_type = "date"


def _amount(label, *, help_text=None, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=40,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _date(label, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=40, required=required, widget=DateInput())


VND_HELP = _("In đồng, a whole number (e.g. 65670000000).")


def owner_choices(viewer: Viewer) -> list[tuple[int, str]]:
    """The organisations this viewer may run a campaign for: their homeland body, the
    associations they administer, any body or association for platform admins."""
    kinds = (
        OrganisationKind.MINISTRY,
        OrganisationKind.PROVINCE,
        OrganisationKind.MISSION,
        OrganisationKind.ASSOCIATION,
    )
    qs = Organisation.objects.filter(kind__in=kinds)
    if not viewer.is_admin:
        ids = set(viewer.admin_of)
        if viewer.scope is not None:
            ids.add(viewer.scope.body_id)
        qs = qs.filter(pk__in=ids)
    return [(o.pk, o.display_name()) for o in qs.order_by("name_folded")[:500]]


class CampaignForm(forms.Form):
    owner = forms.TypedChoiceField(label=_("Run by"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=CampaignKind.choices)
    title = forms.CharField(label=_("Title (Vietnamese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    cause = forms.CharField(
        label=_("Cause (Vietnamese)"), required=False, max_length=10000, widget=forms.Textarea
    )
    cause_en = forms.CharField(
        label=_("Cause (English)"), required=False, max_length=10000, widget=forms.Textarea
    )
    target_vnd = _amount(_("Target (VND)"), help_text=VND_HELP)
    starts_on = _date(_("First day"))
    ends_on = _date(_("Last day"))
    public = forms.BooleanField(
        label=_("Public (shown to visitors who are not signed in)"), required=False, initial=True
    )

    def __init__(self, *args, viewer: Viewer, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["owner"]
        else:
            self.fields["owner"].choices = owner_choices(viewer)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        return data


class PledgeForm(forms.Form):
    amount = _amount(_("Amount"))
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES, initial="VND")
    organisation = forms.TypedChoiceField(
        label=_("On behalf of"), coerce=int, required=False, empty_value=None
    )
    anonymous = forms.BooleanField(
        label=_("Do not show my name publicly (the amount is shown as “Anonymous”)"),
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, viewer: Viewer, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(pk__in=viewer.admin_of).order_by("name_folded")
        self.fields["organisation"].choices = [("", _("Myself"))] + [
            (o.pk, o.display_name()) for o in organisations
        ]
        self.fields["currency"].help_text = _(
            "Other currencies are converted at the latest exchange rate recorded by the managers."
        )


class _MoneyFields(forms.Form):
    amount = _amount(_("Amount"))
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES, initial="VND")
    rate = forms.TypedChoiceField(
        label=_("Recorded exchange rate"), coerce=int, required=False, empty_value=None
    )
    rate_value = _amount(
        _("Or a new rate: VND per unit"),
        required=False,
        help_text=_("It is recorded, with its source, and used for this amount."),
    )
    rate_source = forms.CharField(label=_("Source of the new rate"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rate"].choices = [BLANK, *rate_choices()]


class ContributionForm(_MoneyFields):
    name = forms.CharField(label=_("Contributor's name"), max_length=200, required=False)
    organisation = forms.TypedChoiceField(
        label=_("Or a registered organisation"), coerce=int, required=False, empty_value=None
    )
    pledge = forms.TypedChoiceField(
        label=_("Fulfils the pledge"), coerce=int, required=False, empty_value=None
    )
    anonymous = forms.BooleanField(label=_("Anonymous to the public"), required=False)
    received_on = _date(_("Received on"))
    reference = forms.CharField(
        label=_("Reference (bank transfer, receipt)"), max_length=200, required=False
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [BLANK] + [
            (o.pk, o.display_name()) for o in Organisation.objects.order_by("name_folded")[:500]
        ]
        open_pledges = campaign.pledges.filter(status=PledgeStatus.OPEN).select_related(
            "person", "organisation"
        )
        self.fields["pledge"].choices = [BLANK] + [
            (p.pk, f"{p.pledger_name()} — {p.amount} {p.currency}") for p in open_pledges[:500]
        ]
        self.order_fields(["name", "organisation", "pledge", "anonymous"])


class AllocationForm(forms.Form):
    recipient_name = forms.CharField(label=_("Recipient"), max_length=200, required=False)
    recipient = forms.TypedChoiceField(
        label=_("Or a registered organisation"), coerce=int, required=False, empty_value=None
    )
    amount_vnd = _amount(_("Amount (VND)"), help_text=VND_HELP)
    allocated_on = _date(_("Date"))
    purpose = forms.CharField(label=_("Purpose"), max_length=500)
    evidence = forms.FileField(
        label=_("Evidence document (PDF or image)"),
        required=False,
        help_text=_("Required: the transfer order, the receipt or the decision."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [BLANK] + [
            (o.pk, o.display_name()) for o in Organisation.objects.order_by("name_folded")[:500]
        ]


class RateForm(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES[1:])
    vnd_per_unit = _amount(_("VND per unit"))
    on = _date(_("Date"))
    source = forms.CharField(label=_("Source"), max_length=200, required=False)


class ApplicationForm(forms.Form):
    business = forms.TypedChoiceField(label=_("Business"), coerce=int)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    amount_requested_vnd = _amount(_("Amount requested (VND)"), help_text=VND_HELP)
    plan = forms.CharField(label=_("Plan"), max_length=10000, widget=forms.Textarea)
    plan_document = forms.FileField(label=_("Plan document (optional)"), required=False)

    def __init__(self, *args, viewer: Viewer, **kwargs):
        super().__init__(*args, **kwargs)
        businesses = Organisation.objects.filter(
            pk__in=viewer.admin_of, kind=OrganisationKind.BUSINESS
        ).order_by("name_folded")
        self.fields["business"].choices = [(o.pk, o.display_name()) for o in businesses]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, required=False, widget=forms.Textarea
    )


class AwardForm(forms.Form):
    amount_vnd = _amount(_("Amount awarded (VND)"), help_text=VND_HELP)
    allocated_on = _date(_("Date"))
    evidence = forms.FileField(
        label=_("Decision document (PDF or image)"),
        required=False,
        help_text=_("Required: it is the evidence of the award in the fund's public ledger."),
    )
