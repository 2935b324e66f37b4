"""Forms of the trade portal's pages. They parse input only; the services validate (every door
the same: tax codes, HS codes, dates, files) and their field errors are shown on these forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from kieubao.core.provinces import province_choices

from .hs import chapter_choices
from .models import (
    CertificateKind,
    Channel,
    CompanyRole,
    FraudStatus,
    LeadKind,
    ProductCategory,
    Unit,
)

ANY = ("", "—")


def country_choices(blank: bool = True) -> list[tuple[str, str]]:
    choices = [(code, name) for code, name in countries]
    return [ANY, *choices] if blank else choices


def _provinces(blank: bool = True) -> list:
    choices = list(province_choices("vi"))
    return [ANY, *choices] if blank else choices


def split_codes(value: str) -> list[str]:
    """'DE, fr  JP' -> ['DE', 'FR', 'JP'] (the service checks each)."""
    return [
        part.strip().upper()
        for part in value.replace(";", ",").replace(" ", ",").split(",")
        if part.strip()
    ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CompanyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


# --- search -------------------------------------------------------------------------------------
class CatalogueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": _("Product, company, e.g. ca phe")}),
    )
    hs = forms.ChoiceField(label=_("HS chapter"), required=False)
    province = forms.TypedChoiceField(
        label=_("Province of origin"), required=False, coerce=int, empty_value=None
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[ANY, *ProductCategory.choices]
    )
    certificate = forms.ChoiceField(
        label=_("Certified (valid today)"), required=False, choices=[ANY, *CertificateKind.choices]
    )
    market = forms.ChoiceField(label=_("Exported to"), required=False)
    signature = forms.BooleanField(label=_("Signature products"), required=False)
    ocop = forms.BooleanField(label=_("OCOP products"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hs"].choices = [ANY, *chapter_choices()]
        self.fields["province"].choices = _provinces()
        self.fields["market"].choices = country_choices()


class CompanySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.SearchInput()
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[ANY, *CompanyRole.choices])
    country = forms.ChoiceField(label=_("Country"), required=False)
    province = forms.TypedChoiceField(
        label=_("Province"), required=False, coerce=int, empty_value=None
    )
    sector = forms.ChoiceField(label=_("Sector (HS chapter)"), required=False)
    certificate = forms.ChoiceField(
        label=_("Certified (valid today)"), required=False, choices=[ANY, *CertificateKind.choices]
    )
    verified = forms.BooleanField(label=_("Verified by a public body"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["province"].choices = _provinces()
        self.fields["sector"].choices = [ANY, *chapter_choices()]


class LeadSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.SearchInput()
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("trade lead", "Kind"), required=False, choices=[ANY, *LeadKind.choices]
    )
    hs = forms.CharField(label=_("HS code"), required=False, max_length=8)
    market = forms.ChoiceField(label=_("Market"), required=False)
    mine = forms.BooleanField(label=_("My companies' leads"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].choices = country_choices()


# --- companies ----------------------------------------------------------------------------------
class CompanyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=CompanyRole.choices)
    name = forms.CharField(label=_("Name"), max_length=255)
    name_en = forms.CharField(label=_("Name in English"), max_length=255, required=False)
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tax_code = forms.CharField(
        label=_("Tax code"),
        max_length=20,
        required=False,
        help_text=_("Vietnamese exporters: 10 digits, or 10-3 for a branch."),
    )
    province_code = forms.ChoiceField(label=_("Province"), required=False)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors (HS chapters)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    capacity = forms.CharField(label=_("Production capacity"), max_length=300, required=False)
    markets = forms.CharField(
        label=_("Markets"),
        max_length=400,
        required=False,
        help_text=_("Country codes separated by commas, e.g. DE, FR, JP."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Distribution channels"),
        required=False,
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.CharField(label=_("Contact email"), max_length=254, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["province_code"].choices = _provinces()
        self.fields["sectors"].choices = chapter_choices()
        if editing:
            # A company keeps its role and its country (its registry organisation's).
            del self.fields["role"]
            del self.fields["country"]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["markets"] = split_codes(data.get("markets") or "")
        return data

    @staticmethod
    def initial_for(company) -> dict:
        organisation = company.organisation
        return {
            "name": organisation.name,
            "name_en": organisation.name_en,
            "city": organisation.city,
            "website": organisation.website,
            "description": organisation.description,
            "tax_code": company.tax_code,
            "province_code": company.province_code or "",
            "sectors": company.sectors,
            "capacity": company.capacity,
            "markets": ", ".join(company.markets),
            "channels": company.channels,
            "contact_name": company.contact_name,
            "contact_email": company.contact_email,
            "contact_phone": company.contact_phone,
        }


class CompanyStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("suspended", _("Suspend")), ("active", _("Reinstate"))],
    )
    reason = forms.CharField(
        label=_("Reason (the company is told)"), max_length=1000, required=False
    )


# --- products, photos, certificates ------------------------------------------------------------
class ProductForm(forms.Form):
    name_vi = forms.CharField(label=_("Name in Vietnamese"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    description_vi = forms.CharField(
        label=_("Description in Vietnamese"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    hs_code = forms.CharField(
        label=_("HS code"),
        max_length=12,
        required=False,
        help_text=_("6 digits, e.g. 090121 for roasted coffee."),
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[ANY, *ProductCategory.choices]
    )
    province_code = forms.ChoiceField(label=_("Province of origin"), required=False)
    ocop_stars = forms.ChoiceField(
        label=_("OCOP stars"),
        required=False,
        choices=[ANY, *((str(n), "★" * n) for n in range(1, 6))],
    )
    min_order_quantity = forms.CharField(label=_("Minimum order"), max_length=20, required=False)
    min_order_unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = _provinces()

    @staticmethod
    def initial_for(product) -> dict:
        return {
            name: getattr(product, name) if getattr(product, name) is not None else ""
            for name in (
                "name_vi",
                "name_en",
                "description_vi",
                "description_en",
                "hs_code",
                "category",
                "province_code",
                "ocop_stars",
                "min_order_quantity",
                "min_order_unit",
            )
        }


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo (PNG, JPEG or WebP, at most 5 MB)"),
        error_messages={"required": _("Choose a photo to upload.")},
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Certificate"), choices=[ANY, *CertificateKind.choices], required=False
    )
    product = forms.TypedChoiceField(
        label=_("For the product"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Leave empty for a certificate that covers all the company's products."),
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    number = forms.CharField(label=_("Certificate number"), max_length=100, required=False)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=DateInput())
    document = forms.FileField(label=_("Document (PDF or image, optional)"), required=False)

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = [
            ("", _("All the company's products")),
            *((p.pk, p.name()) for p in products),
        ]


# --- leads, contacts, deals, reviews -----------------------------------------------------------
class LeadForm(forms.Form):
    company = CompanyChoice(label=_("For the company"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=pgettext_lazy("trade lead", "Kind"), choices=LeadKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    hs_code = forms.CharField(
        label=_("HS code"),
        max_length=12,
        required=False,
        help_text=_("2, 4 or 6 digits: a chapter, a heading or a subheading."),
    )
    product = forms.TypedChoiceField(
        label=_("Product offered"), required=False, coerce=int, empty_value=None
    )
    market = forms.ChoiceField(label=_("Market"), required=False)
    volume = forms.CharField(label=_("Volume"), max_length=20, required=False)
    volume_unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, required=False)
    certificates = forms.MultipleChoiceField(
        label=_("Certificates needed"),
        required=False,
        choices=CertificateKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_until = forms.DateField(label=_("Open until"), required=False, widget=DateInput())

    def __init__(self, *args, companies, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.fields["market"].choices = country_choices()
        self.fields["product"].choices = [ANY, *((p.pk, p.name()) for p in products)]


class ContactForm(forms.Form):
    from_company = CompanyChoice(label=_("On behalf of"), queryset=None, empty_label=None)
    message = forms.CharField(
        label=_("Message"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lead = forms.IntegerField(required=False, widget=forms.HiddenInput)
    product = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_company"].queryset = companies


class DealForm(forms.Form):
    company = CompanyChoice(label=_("Your company"), queryset=None, empty_label=None)
    product = forms.TypedChoiceField(
        label=_("Product"), required=False, coerce=int, empty_value=None
    )
    value_usd = forms.CharField(label=_("Value (USD)"), max_length=20, required=False)
    volume = forms.CharField(label=_("Volume"), max_length=20, required=False)
    volume_unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, required=False)
    market = forms.ChoiceField(label=_("Market"), required=False)
    deal_date = forms.DateField(label=_("Date of the deal"), required=False, widget=DateInput())

    def __init__(self, *args, companies, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.fields["market"].choices = country_choices()
        self.fields["product"].choices = [ANY, *((p.pk, p.name()) for p in products)]


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        required=False,
        choices=[ANY, *((n, "★" * n) for n in range(5, 0, -1))],
    )
    text = forms.CharField(
        label=pgettext_lazy("deal review", "Review"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- trust: verification, fraud, requirements -------------------------------------------------
class VerificationForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Verified by"), queryset=None, required=False)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked, e.g. the business registration certificate."),
    )

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is None:
            del self.fields["body"]  # an official verifies for their own body
        else:
            self.fields["body"].queryset = bodies
            self.fields["body"].required = True


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revoking"), max_length=1000, required=False)


class FraudReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FraudResolveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(FraudStatus.DISMISSED, _("Dismiss")), (FraudStatus.UPHELD, _("Uphold"))],
    )
    resolution = forms.CharField(
        label=_("What was found"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequirementForm(forms.Form):
    country = forms.ChoiceField(label=_("Market"))
    hs_prefix = forms.CharField(
        label=_("HS code or prefix"),
        max_length=8,
        required=False,
        help_text=_("2, 4 or 6 digits; empty: every product."),
    )
    certificates = forms.MultipleChoiceField(
        label=_("Certificates required"),
        required=False,
        choices=CertificateKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to remove the requirement."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, countries_allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = country_choices()
        if countries_allowed is not None:
            choices = [c for c in choices if c[0] in countries_allowed]
        self.fields["country"].choices = choices
