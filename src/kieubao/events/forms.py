"""Forms of the public event pages: the list's filters, registration (the event's own questions,
a delegation, an invitation), check-in and the feedback survey. They parse input only; the
services validate (deadline, capacity, invitation, answers) and their field errors are shown on
these forms, in the reader's language, with what was typed kept."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kieubao.core.provinces import province_choices

from .models import Event, Phase, Question, QuestionKind

ANY = ("", "—")
DELEGATE_ROWS = 5
WHEN = (
    ("upcoming", pgettext_lazy("events", "Upcoming")),
    ("past", pgettext_lazy("events", "Past")),
    ("all", pgettext_lazy("events", "All")),
)


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, above
    the form otherwise (the event is closed, the invitation is not valid …)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            field = form.fields.get(name)
            # A hidden field (the invitation) shows its error above the form.
            shown = (field is not None and not field.widget.is_hidden) or name == "delegates"
            form.add_error(name if shown else None, messages)
    else:
        form.add_error(None, error.messages)


class EventSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("Title, venue or city")}),
    )
    when = forms.ChoiceField(label=_("When"), choices=WHEN, required=False)
    programme = forms.TypedChoiceField(
        label=_("Programme"), coerce=int, required=False, empty_value=None
    )
    province = forms.TypedChoiceField(
        label=_("Province"), coerce=int, required=False, empty_value=None
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [ANY, *((p.pk, p.name()) for p in programmes)]
        self.fields["province"].choices = [ANY, *province_choices(get_language())]

    def clean_q(self) -> str:
        return self.cleaned_data["q"].replace("\x00", "")


def _question_field(question: Question) -> forms.Field:
    label = question.text()
    required = question.required and question.kind != QuestionKind.YESNO
    if question.kind == QuestionKind.YESNO:
        return forms.BooleanField(label=label, required=False)
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            label=label, required=required, choices=[ANY, *question.choice_pairs()]
        )
    if question.kind == QuestionKind.DATE:
        return forms.DateField(
            label=label,
            required=required,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
    if question.kind == QuestionKind.RATING:
        return forms.TypedChoiceField(
            label=label,
            required=required,
            coerce=int,
            choices=[ANY, *((n, str(n)) for n in range(1, 6))],
        )
    return forms.CharField(
        label=label, required=required, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class _QuestionsMixin:
    """Adds one field ``q<id>`` per question of the event's phase."""

    def add_questions(self, event: Event, phase: str) -> None:
        self.questions = list(event.questions.filter(phase=phase))
        for question in self.questions:
            self.fields[f"q{question.pk}"] = _question_field(question)

    def question_fields(self) -> list:
        return [self[f"q{q.pk}"] for q in self.questions]

    def answers(self) -> dict[str, object]:
        """The answers as the services take them: {str(question id): value}."""
        out: dict[str, object] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            out[str(question.pk)] = value
        return out


class RegistrationForm(_QuestionsMixin, forms.Form):
    organisation_name = forms.CharField(
        label=_("Organisation or company"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the employer of your profile."),
    )
    delegation_name = forms.CharField(
        label=_("Name of the delegation"), required=False, max_length=200
    )
    invitation = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.add_questions(event, Phase.REGISTRATION)
        for i in range(1, DELEGATE_ROWS + 1):
            self.fields[f"guest{i}_full_name"] = forms.CharField(
                label=_("Full name"), required=False, max_length=200
            )
            self.fields[f"guest{i}_email"] = forms.EmailField(
                label=_("Email"), required=False, max_length=254
            )
            self.fields[f"guest{i}_organisation_name"] = forms.CharField(
                label=_("Organisation"), required=False, max_length=200
            )
        # "delegates" carries the service's errors about the delegation.
        self.fields["delegates"] = forms.CharField(required=False, widget=forms.HiddenInput)

    def guest_rows(self) -> list[tuple[int, object, object, object]]:
        return [
            (
                i,
                self[f"guest{i}_full_name"],
                self[f"guest{i}_email"],
                self[f"guest{i}_organisation_name"],
            )
            for i in range(1, DELEGATE_ROWS + 1)
        ]

    def delegates(self) -> list[dict[str, str]]:
        rows = []
        for i in range(1, DELEGATE_ROWS + 1):
            row = {
                "full_name": self.cleaned_data.get(f"guest{i}_full_name", ""),
                "email": self.cleaned_data.get(f"guest{i}_email", ""),
                "organisation_name": self.cleaned_data.get(f"guest{i}_organisation_name", ""),
            }
            if any(row.values()):
                rows.append(row)
        return rows

    def has_guests(self) -> bool:
        return any(
            (self.data.get(f"guest{i}_full_name") or self.data.get(f"guest{i}_email"))
            for i in range(1, DELEGATE_ROWS + 1)
        ) or bool(self.errors.get("delegates"))


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code or scanned address"),
        max_length=500,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "inputmode": "url",
            }
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace("\x00", "").strip()


class FeedbackForm(_QuestionsMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how was the event?"),
        coerce=int,
        required=False,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1 = poor, 5 = excellent"),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_questions(event, Phase.FEEDBACK)
