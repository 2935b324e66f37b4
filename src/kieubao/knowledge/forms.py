"""Forms of the knowledge network's pages. They parse and check input only; the services
validate again (every door the same) and their field errors are shown on these forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kieubao.community.forms import FieldChoice
from kieubao.community.models import ExpertiseField, Organisation
from kieubao.community.rules import Viewer
from kieubao.core.forms import apply_errors as core_apply_errors

from . import selectors
from .models import (
    EngagementKind,
    ExpertProfile,
    Need,
    Outcome,
    Work,
    WorkMode,
)
from .rules import OWNER_KINDS
from .services import NEED_ATTRIBUTES

# The services' names of fields that the forms call otherwise.
FIELD_ALIASES = {"fields": "fields_of_expertise"}


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    core_apply_errors(form, error, FIELD_ALIASES)


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.display_name()} ({obj.get_kind_display()})"


class OrganisationsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.display_name()} ({obj.get_kind_display()})"


def owner_choices(viewer: Viewer):
    return selectors.postable_bodies(viewer)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NeedForm(forms.ModelForm):
    owner = OrganisationChoice(queryset=Organisation.objects.none(), label=_("Posted by"))
    fields_of_expertise = FieldChoice(
        queryset=ExpertiseField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Fields of expertise"),
    )

    class Meta:
        model = Need
        fields = list(NEED_ATTRIBUTES)  # what the service takes
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "deadline": DateInput(),
            "experts_wanted": forms.NumberInput(attrs={"min": 1, "max": 50}),
        }

    def __init__(self, *args, viewer: Viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *EngagementKind.choices]
        self.fields["experts_wanted"].required = False  # the service makes it 1
        if self.instance.pk:
            # A need stays with the body that posted it.
            del self.fields["owner"]
            self.fields["fields_of_expertise"].initial = list(
                self.instance.fields.values_list("pk", flat=True)
            )
        else:
            self.fields["owner"].queryset = owner_choices(viewer)
            self.fields["owner"].empty_label = None if not viewer.is_admin else "—"

    def _post_clean(self):
        # The service validates the model (with the translated messages of the knowledge
        # network); the form's own model validation would only repeat it differently.
        pass

    def need_values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields}

    def field_slugs(self) -> list[str]:
        return [f.slug for f in self.cleaned_data["fields_of_expertise"]]


class CloseNeedForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the need closed?"),
        max_length=500,
        widget=forms.TextInput(),
        error_messages={"required": _("Say why the need is closed.")},
    )


class InviteForm(forms.Form):
    expert = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    message = forms.CharField(
        label=_("Message to the expert (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExpertProfileForm(forms.ModelForm):
    engagement_kinds = forms.MultipleChoiceField(
        choices=EngagementKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Preferred kinds of engagement"),
    )
    work_modes = forms.MultipleChoiceField(
        choices=WorkMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Ways of working"),
    )
    employers = OrganisationsChoice(
        queryset=Organisation.objects.filter(kind__in=OWNER_KINDS).order_by("kind", "name_folded"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        label=_("Employed by (so that you are never asked to advise or review your employer)"),
    )

    class Meta:
        model = ExpertProfile
        fields = ["position", "keywords", "summary", "availability", "max_load"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "max_load": forms.NumberInput(attrs={"min": 0, "max": 20}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["engagement_kinds"].initial = self.instance.engagement_kinds
            self.fields["work_modes"].initial = self.instance.work_modes
            self.fields["employers"].initial = list(
                self.instance.employers.values_list("pk", flat=True)
            )

    def _post_clean(self):
        pass  # validated by services.expert_profile_save

    def profile_values(self) -> dict:
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields}
        values["engagement_kinds"] = list(data["engagement_kinds"])
        values["work_modes"] = list(data["work_modes"])
        return values


class WorkForm(forms.ModelForm):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = Work
        fields = ["kind", "title", "year", "link"]

    def _post_clean(self):
        pass  # validated by services.work_add


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why you decline: it helps the body that asked.")},
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label=_("Milestone"),
        max_length=200,
        error_messages={"required": _("Give the milestone a title.")},
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File (PDF, image, XLSX or CSV)"),
        error_messages={"required": _("Choose a file to share.")},
    )


class EndEngagementForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of it"),
        choices=[("", "—"), *Outcome.choices],
        error_messages={"required": _("Choose what came of the engagement.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NeedSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("Words"))
    field = forms.ChoiceField(required=False, label=_("Field of expertise"))
    kind = forms.ChoiceField(
        required=False,
        choices=[("", _("Any kind")), *EngagementKind.choices],
        label=_("Kind of engagement"),
    )
    mine = forms.BooleanField(required=False, label=_("Only my bodies' needs"))
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Any field"))] + [
            (f.slug, f.name()) for f in ExpertiseField.objects.all()
        ]
