"""Forms of the organisers' pages. They parse input only; the services validate (required
fields, times in order, the deadline, the capacity, emails) and their field errors are shown
on these forms, in the reader's language, with what was typed kept.

Dates and times are typed in Vietnam time (``datetime-local`` inputs carry no zone): the forms
read them so whatever zone is active, and the pages say so.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from kieubao.community.models import Organisation
from kieubao.community.rules import Viewer
from kieubao.core.provinces import province_choices

from .models import Access, Phase, Programme, QuestionKind, RegStatus

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ANY = ("", "—")
IN_VIETNAM_TIME = _("Vietnam time (UTC+7).")


def vietnam_time(value: str | None):
    """A ``datetime-local`` value read in Vietnam time; what cannot be read is passed on as
    typed, for the service to refuse with its message."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=VIETNAM)
    return moment


def local_input(moment: dt.datetime | None) -> str:
    """A stored (UTC) time as a ``datetime-local`` value in Vietnam time."""
    if not moment:
        return ""
    return moment.astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")


class DateTimeLocalInput(forms.TextInput):
    input_type = "datetime-local"


class DateInput(forms.TextInput):
    input_type = "date"


def _moment_field(label, *, required: bool = True, help_text=IN_VIETNAM_TIME):
    return forms.CharField(
        label=label,
        required=required,
        max_length=40,
        widget=DateTimeLocalInput(),
        help_text=help_text,
    )


def host_choices(viewer: Viewer) -> list[tuple[int, str]]:
    """The organisations this viewer may host an event (or a programme) for: their body for an
    official, the organisations they administer, any organisation for platform admins."""
    if viewer.is_admin:
        qs = Organisation.objects.all()
    else:
        ids = set(viewer.admin_of)
        if viewer.scope is not None:
            ids.add(viewer.scope.body_id)
        qs = Organisation.objects.filter(pk__in=ids)
    return [(o.pk, o.display_name()) for o in qs.order_by("kind", "name", "pk")]


def _programme_choices() -> list:
    return [ANY] + [(p.pk, p.name()) for p in Programme.objects.order_by("-starts_on", "pk")]


class EventForm(forms.Form):
    host = forms.TypedChoiceField(
        label=_("Organised by"),
        coerce=int,
        help_text=_("Its officials or admins are the event's organisers."),
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    title = forms.CharField(label=_("Title (Vietnamese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Agenda (Vietnamese)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    agenda_en = forms.CharField(
        label=_("Agenda (English)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    venue = forms.CharField(label=_("Venue"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    province_code = forms.ChoiceField(
        label=_("Province"),
        required=False,
        help_text=_("The province that hosts the event, credited with its outcomes."),
    )
    country = forms.ChoiceField(label=_("Country"), initial="VN")
    starts_at = _moment_field(_("Starts"))
    ends_at = _moment_field(_("Ends"))
    capacity = forms.CharField(
        label=_("Capacity"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("Seats; empty for no limit. Registrations beyond go to the waiting list."),
    )
    access = forms.ChoiceField(label=_("Access"), choices=Access.choices, initial=Access.OPEN)
    registration_deadline = _moment_field(
        _("Registration deadline"),
        required=False,
        help_text=_("Vietnam time (UTC+7). Empty: registration stays open until the end."),
    )
    b2b_enabled = forms.BooleanField(label=_("B2B meetings"), required=False)
    table_count = forms.CharField(
        label=_("Tables for meetings"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, viewer: Viewer | None = None, with_host: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_host:
            self.fields["host"].choices = host_choices(viewer) if viewer else []
        else:
            del self.fields["host"]
        self.fields["programme"].choices = _programme_choices()
        self.fields["province_code"].choices = [ANY, *province_choices()]
        # Most events are held in Vietnam: it comes first.
        self.fields["country"].choices = [
            ("VN", countries.name("VN")),
            *((code, name) for code, name in countries if code != "VN"),
        ]

    @classmethod
    def initial_for(cls, event) -> dict:
        return {
            "programme": event.programme_id or "",
            "title": event.title,
            "title_en": event.title_en,
            "agenda": event.agenda,
            "agenda_en": event.agenda_en,
            "venue": event.venue,
            "address": event.address,
            "city": event.city,
            "province_code": event.province_code or "",
            "country": event.country,
            "starts_at": local_input(event.starts_at),
            "ends_at": local_input(event.ends_at),
            "capacity": "" if event.capacity is None else event.capacity,
            "access": event.access,
            "registration_deadline": local_input(event.registration_deadline),
            "b2b_enabled": event.b2b_enabled,
            "table_count": event.table_count,
        }

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("host", None)
        for name in ("starts_at", "ends_at", "registration_deadline"):
            data[name] = vietnam_time(data.get(name))
        data["programme"] = data.get("programme") or None
        data["province_code"] = data.get("province_code") or None
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sent to everyone registered."),
    )


class ProgrammeForm(forms.Form):
    owner = forms.TypedChoiceField(label=_("Organised by"), coerce=int)
    title = forms.CharField(label=_("Title (Vietnamese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description (Vietnamese)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    starts_on = forms.CharField(label=_("First day"), max_length=20, widget=DateInput())
    ends_on = forms.CharField(label=_("Last day"), max_length=20, widget=DateInput())

    def __init__(self, *args, viewer: Viewer | None = None, with_owner: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_owner:
            self.fields["owner"].choices = host_choices(viewer) if viewer else []
        else:
            del self.fields["owner"]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        return data


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title (Vietnamese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description (Vietnamese)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    starts_at = _moment_field(_("Starts"))
    ends_at = _moment_field(_("Ends"))
    venue = forms.CharField(label=_("Room or venue"), max_length=200, required=False)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("starts_at", "ends_at"):
            data[name] = vietnam_time(data.get(name))
        return data


class QuestionForm(forms.Form):
    phase = forms.ChoiceField(label=_("Asked"), choices=Phase.choices, initial=Phase.REGISTRATION)
    kind = forms.ChoiceField(
        label=pgettext_lazy("question kind", "Kind of answer"),
        choices=[ANY, *QuestionKind.choices],
    )
    label = forms.CharField(label=_("Question (Vietnamese)"), max_length=300)
    label_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Chay | Vegetarian"}),
        help_text=_("For “One of a list”: one choice per line, as “Tiếng Việt | English”."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)


class StaffForm(forms.Form):
    email = forms.CharField(
        label=_("Email of their account"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("They will be able to check tickets in at this event, and nothing more."),
    )


_NAMED = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]*)>\s*$")


def parse_people(text: str) -> list[tuple[str, str]]:
    """One person a line: ``Name <email>`` or ``email``. Blank lines are skipped; a line that
    is not an email address is passed on as typed (the service lists the bad ones)."""
    people = []
    for line in (text or "").splitlines():
        line = line.strip().strip(",;")
        if not line:
            continue
        match = _NAMED.match(line)
        if match:
            people.append((match["name"].strip().strip('"'), match["email"].strip()))
        else:
            people.append(("", line))
    return people


class InvitationsForm(forms.Form):
    people = forms.CharField(
        label=_("People to invite"),
        max_length=100_000,
        widget=forms.Textarea(
            attrs={"rows": 6, "placeholder": "Nguyễn Văn An <an@example.com>\nbinh@example.com"}
        ),
        help_text=_(
            "One a line: “Name <email>” or just the email. Each gets a link that works once."
        ),
    )


class AttendeeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *RegStatus.choices],
    )
