"""Forms of the activity report pages. Values are checked by the services (one set of messages
for every door): the fields here are mostly plain text, so that what was typed — even a
non-number in a number field — comes back with the service's message on the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from kieubao.core.forms import apply_errors  # noqa: F401  (re-exported for the views)

from .models import Kind, Theme

_NUMBER = {"inputmode": "numeric", "autocomplete": "off"}


def _blank(choices, label=""):
    return [("", label or "—"), *choices]


class ReportFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Title, organisation, city")}
        ),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=_blank(Theme.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_blank(Kind.choices))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    page = forms.IntegerField(
        required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _blank(list(countries))


class ReportForm(forms.Form):
    reporter = forms.ChoiceField(label=_("Reported by"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of activity"), required=False, choices=_blank(Kind.choices)
    )
    title = forms.CharField(label=pgettext_lazy("heading", "Title"), required=False, max_length=200)
    date = forms.CharField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.CharField(
        label=_("Last day (if it lasted several days)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    country = forms.ChoiceField(label=_("Country where it took place"), required=False)
    city = forms.CharField(label=_("City"), required=False, max_length=120)
    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        help_text=_("One per line: local authorities, schools, associations, sponsors."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    activity_count = forms.CharField(
        label=_("Number of activities"),
        required=False,
        initial="1",
        help_text=_("A report may cover a series: e.g. 12 sessions of a language class."),
        widget=forms.TextInput(attrs=_NUMBER),
    )
    participants = forms.CharField(
        label=_("Participants"), required=False, widget=forms.TextInput(attrs=_NUMBER)
    )
    participants_overseas = forms.CharField(
        label=_("Of whom overseas Vietnamese (optional)"),
        required=False,
        widget=forms.TextInput(attrs=_NUMBER),
    )
    participants_local = forms.CharField(
        label=_("Of whom local people (optional)"),
        required=False,
        widget=forms.TextInput(attrs=_NUMBER),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=_blank(Theme.choices))
    programme = forms.ChoiceField(label=_("Linked programme (optional)"), required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    attachment = forms.FileField(
        label=_("Photo or document (PDF, PNG, JPEG, WebP; optional)"), required=False
    )

    def __init__(self, *args, reporters=(), programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        if reporters:
            self.fields["reporter"].choices = [(o.pk, o.display_name()) for o in reporters]
        else:
            del self.fields["reporter"]
        self.fields["country"].choices = _blank(list(countries))
        self.fields["programme"].choices = _blank([(p.pk, p.name()) for p in programmes])


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", "approve"), ("return", "return"), ("reopen", "reopen")],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason (told to the reporter)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BreakthroughForm(forms.Form):
    breakthrough = forms.BooleanField(label=_("A breakthrough initiative"), required=False)
    note = forms.CharField(
        label=_("Why (shown in the review)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
