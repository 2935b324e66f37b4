from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from kieubao.core.languages import language_choices
from kieubao.core.provinces import province_choices, resolve_province

from .models import (
    ConsentPurpose,
    ExpertiseField,
    FieldGroup,
    Organisation,
    OrganisationKind,
    Person,
    Qualification,
    Visibility,
)
from .services import PROFILE_ATTRIBUTES


class FieldChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ExpertiseField) -> str:
        return obj.name()


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # "example.org" means https (Django 6 default)
    return field.formfield(**kwargs)


class ProfileForm(forms.ModelForm):
    """The person's own profile, its visibility per field group, and consents."""

    fields_of_expertise = FieldChoice(
        queryset=ExpertiseField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Fields of expertise"),
    )
    languages = forms.MultipleChoiceField(
        choices=language_choices,
        required=False,
        label=_("Languages"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    hometown_province = forms.TypedChoiceField(
        choices=lambda: [("", "—"), *province_choices()],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Hometown province"),
    )

    class Meta:
        model = Person
        formfield_callback = _formfield
        fields = [a for a in PROFILE_ATTRIBUTES if a != "languages"] + [
            f"vis_{g}" for g in FieldGroup.values
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "birth_year": forms.NumberInput(attrs={"min": 1900, "max": 2100}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].required = True
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        for group in FieldGroup:
            field = self.fields[f"vis_{group.value}"]
            field.label = _("Who sees: %(group)s") % {"group": group.label}
            field.choices = Visibility.choices
        for purpose in ConsentPurpose:
            self.fields[f"consent_{purpose.value}"] = forms.BooleanField(
                required=False, label=purpose.label
            )
        if self.instance.pk:
            self.fields["fields_of_expertise"].initial = list(
                self.instance.fields.values_list("pk", flat=True)
            )
            self.fields["languages"].initial = self.instance.languages
            for purpose in ConsentPurpose.values:
                self.fields[f"consent_{purpose}"].initial = getattr(
                    self.instance, f"consent_{purpose}"
                )

    def visibility_fields(self):
        return [self[f"vis_{g}"] for g in FieldGroup.values]

    def consent_fields(self):
        return [self[f"consent_{p}"] for p in ConsentPurpose.values]

    def profile_values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields} | {"languages": data["languages"]}

    def consents(self) -> dict[str, bool]:
        return {p: self.cleaned_data[f"consent_{p}"] for p in ConsentPurpose.values}


class PeopleSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("Name, city, employer, field…"))
    country = forms.ChoiceField(required=False, label=_("Country"))
    province = forms.CharField(required=False, max_length=60, label=_("Hometown province"))
    field = forms.ChoiceField(required=False, label=_("Field of expertise"))
    qualification = forms.ChoiceField(
        required=False,
        choices=[("", _("Any qualification")), *Qualification.choices],
        label=_("Qualification"),
    )
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *countries]
        self.fields["field"].choices = [("", _("Any field"))] + [
            (f.slug, f.name()) for f in ExpertiseField.objects.all()
        ]
        self.fields["province"].widget = forms.Select(
            choices=[("", _("Any province")), *province_choices()]
        )

    def clean_province(self):
        value = self.cleaned_data.get("province")
        if not value:
            return None
        province = resolve_province(value)
        if province is None:
            raise forms.ValidationError(_("Unknown province."))
        return province.code


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("Name"))
    kind = forms.ChoiceField(
        required=False,
        choices=[("", _("Any type")), *OrganisationKind.choices],
        label=_("Type"),
    )
    country = forms.ChoiceField(required=False, label=_("Country"))
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *countries]


class OrganisationForm(forms.ModelForm):
    """What an organisation's admins may change (name and kind are set by platform admins)."""

    fields_of_expertise = FieldChoice(
        queryset=ExpertiseField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Fields of expertise"),
    )

    class Meta:
        model = Organisation
        fields = ["name_en", "city", "description", "website", "email"]
        formfield_callback = _formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["fields_of_expertise"].initial = list(
                self.instance.fields.values_list("pk", flat=True)
            )
