"""Forms of the B2B meeting pages. They parse input only; the services validate (languages,
slots of the event, lengths, what the schedule allows) and their field errors are shown on
these forms. Times are typed and shown in Vietnam time, where the event takes place."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kieubao.core.languages import language_choices

from .models import OutcomeKind, Slot

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ANY = ("", "—")


def vietnam_time(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(VIETNAM)


def slot_label(slot: Slot) -> str:
    """“Fri 06/02 09:00–09:20” in Vietnam time."""
    starts, ends = vietnam_time(slot.starts_at), vietnam_time(slot.ends_at)
    day = formats.date_format(starts, "D d/m")
    return f"{day} {starts:%H:%M}–{ends:%H:%M}"


def slot_choices(slots) -> list[tuple[str, str]]:
    return [(str(slot.pk), slot_label(slot)) for slot in slots]


def _languages_field(label, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "languages"}),
        help_text=help_text,
    )


def _slots_field(label, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class ProfileForm(forms.Form):
    offer = forms.CharField(
        label=_("What I offer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Products, services, capital, expertise, networks …"),
    )
    seek = forms.CharField(
        label=_("What I seek"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Partners, distributors, investors, projects in the province …"),
    )
    sectors = forms.CharField(
        label=_("Sectors"),
        required=False,
        max_length=300,
        help_text=_("For example: agriculture, food processing, logistics."),
    )
    languages = _languages_field(
        _("Languages I speak"),
        _("A meeting with someone who shares none of your languages gets an interpreter."),
    )
    unavailable = _slots_field(
        _("Slots I am not available"), _("Times are in Vietnam time. Leave empty if free.")
    )
    published = forms.BooleanField(
        label=_("Show my profile to the other participants"), required=False, initial=True
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable"].choices = slot_choices(slots)
        if not slots:
            del self.fields["unavailable"]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "offer": data["offer"],
            "seek": data["seek"],
            "sectors": data["sectors"],
            "languages": data["languages"],
            "unavailable": data.get("unavailable") or [],
            "published": data["published"],
        }


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("Name, organisation, offer, sector …")}),
    )
    language = forms.ChoiceField(label=_("Speaks"), required=False, choices=())
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [ANY, *language_choices()]


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you would like to talk about."),
    )
    priority = forms.BooleanField(label=_("High interest for me"), required=False)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        choices=(
            ("accept", pgettext_lazy("meeting request", "Accept")),
            ("decline", pgettext_lazy("meeting request", "Decline")),
        ),
        widget=forms.HiddenInput,
    )
    priority = forms.BooleanField(label=_("High interest for me"), required=False)
    reason = forms.CharField(
        label=_("Reason (if you decline)"),
        required=False,
        max_length=300,
    )


class SlotsForm(forms.Form):
    first = forms.CharField(
        label=_("First slot starts (Vietnam time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=64, initial=8)
    minutes = forms.IntegerField(
        label=_("Minutes per meeting"), min_value=5, max_value=480, initial=20
    )
    gap = forms.IntegerField(
        label=_("Minutes between slots"), min_value=0, max_value=240, initial=5, required=False
    )

    def clean_first(self) -> dt.datetime:
        value = self.cleaned_data["first"].strip().replace(" ", "T")
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(_("Enter a date and time as YYYY-MM-DD HH:MM.")) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=VIETNAM)
        return moment


class TablesForm(forms.Form):
    table_count = forms.IntegerField(
        label=_("Number of tables"), min_value=0, max_value=10_000, required=False
    )


class InterpreterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    languages = _languages_field(_("Languages"), _("At least two."))
    unavailable = _slots_field(_("Slots not available"), _("Times are in Vietnam time."))

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable"].choices = slot_choices(slots)
        if not slots:
            del self.fields["unavailable"]


class PlaceForm(forms.Form):
    slot = forms.ChoiceField(label=pgettext_lazy("meeting", "Slot"), choices=())
    table = forms.IntegerField(
        label=pgettext_lazy("meeting", "Table"),
        required=False,
        min_value=1,
        help_text=_("Empty: the first free table."),
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = slot_choices(slots)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("What came of it"), choices=[ANY, *OutcomeKind.choices])
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    value_usd = forms.DecimalField(
        label=_("Value (USD)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("For a deal or an investment project, if known."),
    )
