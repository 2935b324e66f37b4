"""Forms of the proposal pages. They parse input only; the services validate (lengths, the
workflow, files by their content) and their field errors are shown on these forms."""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kieubao.community.models import HOMELAND_BODY_KINDS, ExpertiseField, Organisation

from .models import OutcomeKind, Status

ANY = ("", "—")
_TAG = re.compile(r"<[a-zA-Z/!]")


def homeland_bodies():
    return Organisation.objects.filter(kind__in=HOMELAND_BODY_KINDS).order_by("kind", "name")


class BodyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.display_name()} ({obj.get_kind_display()})"


class FieldChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ExpertiseField) -> str:
        return obj.name()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); each is checked by the
    service, which names a refused file with its reason."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


# --- list ---------------------------------------------------------------------------------------
ORDERS = (
    ("new", _("Newest")),
    ("endorsed", _("Most endorsed")),
    ("updated", _("Recently updated")),
)


class ProposalSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("Words of the title or text")}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )
    field = forms.ChoiceField(label=_("Field"), required=False)
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)
    order = forms.ChoiceField(label=_("Order"), required=False, choices=ORDERS)
    mine = forms.BooleanField(label=_("My proposals"), required=False)
    endorsed = forms.BooleanField(label=_("Endorsed by me"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Any field"))] + [
            (f.slug, f.name()) for f in ExpertiseField.objects.all()
        ]
        self.fields["agency"].choices = [("", _("Any agency"))] + [
            (b.pk, b.display_name()) for b in homeland_bodies()
        ]


# --- submission ---------------------------------------------------------------------------------
class ProposalForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("heading", "Title"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Say in a few words what you propose."),
    )
    body = forms.CharField(
        label=_("Your proposal"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Paragraphs are kept; simple formatting (bold, lists, links) may be written in HTML."
        ),
    )
    fields = FieldChoice(
        queryset=ExpertiseField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Fields"),
    )
    addressed_to = BodyChoice(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Addressed to"),
        empty_label=_("Let the platform route it"),
        help_text=_("A ministry, a province or a diplomatic mission."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF or images, at most 10 MB each, up to 5 files."),
    )
    language = forms.ChoiceField(
        label=_("Language of the proposal"),
        choices=(("vi", _("Vietnamese")), ("en", _("English"))),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous to the public"),
        required=False,
        help_text=_("The agency handling it and the platform admins always know who you are."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].queryset = homeland_bodies()
        # While the title is typed, similar proposals are fetched (an htmx fragment).
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse("proposals:similar"),
                "hx-trigger": "input changed delay:400ms, load",
                "hx-target": "#similar",
                "data-testid": "proposal-title",
            }
        )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not _TAG.search(body):
            # Plain text: its blank lines make paragraphs (escaped; the service sanitises).
            body = linebreaks(body, autoescape=True)
        return body

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "fields": [f.slug for f in data["fields"]],
            "addressed_to": data["addressed_to"],
            "attachments": data["attachments"],
            "language": data["language"],
            "anonymous": data["anonymous"],
        }


class PageForm(forms.Form):
    """One of the several forms of a proposal's page: its ids are prefixed so that they stay
    unique on the page (labels point at the right field)."""

    id_prefix = "form"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


# --- endorsements, comments, moderation ---------------------------------------------------------
class CommentForm(PageForm):
    id_prefix = "comment"
    text = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AbuseReportForm(PageForm):
    id_prefix = "report"
    reason = forms.CharField(
        label=_("What is wrong?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


class HideForm(PageForm):
    id_prefix = "hide"
    reason = forms.CharField(label=_("Reason for hiding (shown to moderators)"), max_length=500)
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)


# --- the workflow -------------------------------------------------------------------------------
class AssignForm(PageForm):
    id_prefix = "assign"
    body = BodyChoice(queryset=Organisation.objects.none(), label=_("Agency"), empty_label=ANY[1])
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = homeland_bodies()


class MergeForm(PageForm):
    id_prefix = "merge"
    into = forms.IntegerField(
        label=_("Merge into proposal number"),
        min_value=1,
        help_text=_("The number of the proposal it duplicates (in its address: /proposals/N/)."),
    )
    note = forms.CharField(label=_("Public note"), required=False, max_length=2000)


class SignedForm(PageForm):
    """An official may sign a public step with their name; by default only the agency's
    name is shown."""

    sign = forms.BooleanField(
        label=_("Sign with my name"),
        required=False,
        help_text=_("Otherwise the public sees only your agency's name."),
    )
    signed_name = forms.CharField(label=_("Name to sign with"), required=False, max_length=200)

    def signature(self) -> str:
        """The name to sign with, or "" (the agency's name only)."""
        if not self.cleaned_data.get("sign"):
            return ""
        name = self.cleaned_data.get("signed_name", "").strip()
        if not name:
            self.add_error("signed_name", _("Write the name to sign with."))
        return name


class MoveForm(SignedForm):
    id_prefix = "move"
    field_order = ("to", "reason", "sign", "signed_name")
    to = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Public text (required to decline: the reason)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, moves: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [ANY, *((m, Status(m).label) for m in moves)]


class AnswerForm(SignedForm):
    id_prefix = "answer"
    field_order = ("text", "sign", "signed_name")
    text = forms.CharField(
        label=_("Public answer"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )


class EngagementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.need.title} (#{obj.pk})"


class OutcomeForm(PageForm):
    id_prefix = "outcome"
    kind = forms.ChoiceField(
        label=pgettext_lazy("proposal outcome", "Kind"), choices=[ANY, *OutcomeKind.choices]
    )
    title = forms.CharField(label=pgettext_lazy("heading", "Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    link = forms.CharField(label=_("Link"), required=False, max_length=200)
    engagement = EngagementChoice(
        queryset=None, required=False, label=_("Engagement of the knowledge network")
    )
    progress = forms.CharField(
        label=_("Progress (%)"),
        initial="0",
        max_length=10,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
    )

    def __init__(self, *args, engagements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = engagements


class ProgressForm(PageForm):
    id_prefix = "progress"
    progress = forms.CharField(
        label=_("Progress (%)"),
        max_length=10,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
    )
