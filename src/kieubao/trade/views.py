"""The trade portal's pages: catalogue, companies, products, certificates, leads, matches,
contact requests, deals, reviews, verification and fraud reports. Thin: parse, call a service
or selector, render.

The catalogue (published products, companies) is public; leads, contact requests and deals are
for signed-in members. Deny by default: what a viewer may not see is a 404 (its existence is not
confirmed), what they may see but not change is a 403.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieubao.community.models import HOMELAND_BODY_KINDS, Organisation
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.forms import apply_errors
from kieubao.core.htmx import template_for as _template
from kieubao.core.middleware import accepts_uploads
from kieubao.core.uploads import KINDS, StoredUpload, serve_upload

from . import catalogue, certificates, hs, matching, reliability, rules, selectors, services
from .forms import (
    CatalogueSearchForm,
    CertificateForm,
    CompanyForm,
    CompanySearchForm,
    CompanyStatusForm,
    ContactForm,
    DealForm,
    FraudReportForm,
    FraudResolveForm,
    LeadForm,
    LeadSearchForm,
    PhotoForm,
    ProductForm,
    RequirementForm,
    ReviewForm,
    RevokeForm,
    VerificationForm,
)
from .models import (
    Certificate,
    Company,
    CompanyRole,
    ContactStatus,
    Deal,
    DealStatus,
    LeadKind,
    LeadStatus,
    MarketRequirement,
    Product,
    ProductStatus,
    Verification,
)

MATCHES = 10


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    """A 403 page that says why (the site's handler only says "not allowed")."""
    return render(request, "403.html", {"message": message}, status=403)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _official_body(viewer: Viewer) -> Organisation | None:
    if viewer.scope is None:
        return None
    return Organisation.objects.filter(pk=viewer.scope.body_id).first()


def _homeland_bodies():
    return Organisation.objects.filter(kind__in=HOMELAND_BODY_KINDS).order_by("name")


def _my_companies(viewer: Viewer, *, exclude: Company | None = None, role: str | None = None):
    qs = Company.objects.select_related("organisation").filter(
        pk__in=[c.pk for c in selectors.managed_companies(viewer, role=role)]
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("name_folded")


# -- catalogue -----------------------------------------------------------------------------------


@require_GET
def catalogue_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    form = CatalogueSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = catalogue.search_products(
        viewer,
        text=data.get("q", ""),
        hs=data.get("hs", ""),
        province=data.get("province"),
        category=data.get("category", ""),
        certificate=data.get("certificate", ""),
        market=data.get("market", ""),
        signature=bool(data.get("signature")),
        ocop_min=1 if data.get("ocop") else None,
        page=data.get("page") or 1,
    )
    kinds = certificates.valid_kinds_by_product([p.pk for p in result.items])
    return render(
        request,
        _template(request, "trade/catalogue.html", "trade/_partials/product_results.html"),
        {
            "form": form,
            "result": result,
            "valid_kinds": kinds,
            "query": _query_without_page(request),
            "my_companies": selectors.managed_companies(viewer),
            "can_register": rules.can_create_company(viewer),
            "section": "catalogue",
        },
    )


@require_GET
def companies_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    form = CompanySearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = catalogue.search_companies(
        viewer,
        text=data.get("q", ""),
        role=data.get("role", ""),
        country=data.get("country", ""),
        province=data.get("province"),
        sector=data.get("sector", ""),
        certificate=data.get("certificate", ""),
        verified=bool(data.get("verified")),
        page=data.get("page") or 1,
    )
    return render(
        request,
        _template(request, "trade/companies.html", "trade/_partials/company_results.html"),
        {
            "form": form,
            "result": result,
            "query": _query_without_page(request),
            "can_register": rules.can_create_company(viewer),
            "section": "companies",
        },
    )


# -- companies -----------------------------------------------------------------------------------


def _company_or_404(request: HttpRequest, company_id: int) -> Company:
    company = selectors.company_get(viewer_for_request(request), company_id)
    if company is None:
        raise Http404
    return company


def _managed_company(request: HttpRequest, company_id: int) -> Company:
    company = _company_or_404(request, company_id)
    if not rules.can_manage_company(viewer_for_request(request), company):
        raise PermissionDenied
    return company


@login_required
@require_http_methods(["GET", "POST"])
def company_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not rules.can_create_company(viewer):
        return _refused(
            request, _("Companies are registered by members with a profile in the registry.")
        )
    form = CompanyForm(request.POST or None, initial={"country": "VN", "role": "exporter"})
    if request.method == "POST" and form.is_valid():
        from kieubao.community.models import Person

        person = Person.objects.filter(pk=viewer.person_id).first()
        try:
            company = services.company_create(person=person, user=request.user, **form.values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The company is registered; you manage it."))
            return redirect("trade:company", company.pk)
    return render(request, "trade/company_form.html", {"form": form, "company": None})


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _managed_company(request, company_id)
    form = CompanyForm(request.POST or None, initial=CompanyForm.initial_for(company), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.company_update(company, **form.values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The company's profile has been saved."))
            return redirect("trade:company", company.pk)
    return render(request, "trade/company_form.html", {"form": form, "company": company})


def _render_company(request: HttpRequest, company: Company, **forms) -> HttpResponse:
    viewer = viewer_for_request(request)
    manages = rules.can_manage_company(viewer, company)
    history = selectors.verifications_history(company)
    review_deals = selectors.reviewable_deals(viewer, company) if viewer.is_authenticated else []
    contact_companies = _my_companies(viewer, exclude=company) if viewer.is_authenticated else []
    level_key, level_label = reliability.level(company)
    parts = [
        {"points": part["points"], "text": reliability.describe(part)}
        for part in company.reliability_detail
    ]
    products = selectors.company_products(viewer, company)
    context = {
        "company": company,
        "manages": manages,
        "sees_contacts": rules.can_see_contacts(viewer, company),
        "level_key": level_key,
        "level_label": level_label,
        "parts": parts,
        "active_verifications": [v for v in history if v.revoked_at is None],
        "revoked_verifications": [v for v in history if v.revoked_at is not None],
        "revocable": {v.pk for v in history if rules.can_revoke_verification(viewer, v)},
        "reviews": selectors.company_reviews(company),
        "products": products,
        "certificates": selectors.company_certificates(company),
        "today": timezone.localdate(),
        "can_verify": rules.can_verify(viewer, company),
        "verify_form": forms.get("verify_form")
        or VerificationForm(bodies=None if viewer.scope else _homeland_bodies()),
        "revoke_form": forms.get("revoke_form") or RevokeForm(),
        "review_deals": review_deals,
        "review_form": forms.get("review_form") or ReviewForm(),
        "contact_form": forms.get("contact_form")
        or (ContactForm(companies=contact_companies) if contact_companies else None),
        "fraud_form": forms.get("fraud_form") or FraudReportForm(),
        "status_form": forms.get("status_form") or CompanyStatusForm(),
        "is_admin": viewer.is_admin,
        "certificate_form": forms.get("certificate_form")
        or (CertificateForm(products=products) if manages else None),
        "sectors": [(code, hs.chapter_name(code)) for code in company.sectors],
        "section": "companies",
    }
    return render(request, "trade/company_detail.html", context, status=forms.get("status", 200))


@require_GET
def company_detail(request: HttpRequest, company_id: int) -> HttpResponse:
    return _render_company(request, _company_or_404(request, company_id))


@login_required
@require_POST
def company_status(request: HttpRequest, company_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    company = _company_or_404(request, company_id)
    if not rules.can_resolve_fraud(viewer):
        raise PermissionDenied
    form = CompanyStatusForm(request.POST)
    if form.is_valid():
        try:
            services.company_set_status(company, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The company's status has been changed."))
            return redirect("trade:company", company.pk)
    return _render_company(request, company, status_form=form)


@login_required
@require_POST
def contact_create(request: HttpRequest, company_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    company = _company_or_404(request, company_id)
    companies = _my_companies(viewer, exclude=company)
    if not companies.exists():
        return _refused(request, _("Contact requests are sent on behalf of a company you manage."))
    form = ContactForm(request.POST, companies=companies)
    if form.is_valid():
        data = form.cleaned_data
        lead = selectors.lead_get(viewer, data["lead"]) if data.get("lead") else None
        product = selectors.product_get(viewer, data["product"]) if data.get("product") else None
        try:
            services.contact_request_create(
                from_company=data["from_company"],
                to_company=company,
                message=data["message"],
                lead=lead,
                product=product,
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your contact request has been sent."))
            return redirect("trade:contacts")
    return _render_company(request, company, contact_form=form)


@login_required
@require_POST
def verification_add(request: HttpRequest, company_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    company = _company_or_404(request, company_id)
    if not rules.can_verify(viewer, company):
        raise PermissionDenied
    own_body = _official_body(viewer)
    form = VerificationForm(request.POST, bodies=None if own_body else _homeland_bodies())
    if form.is_valid():
        try:
            services.verification_add(
                company=company,
                body=own_body or form.cleaned_data["body"],
                evidence=form.cleaned_data["evidence"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The company is verified by your body."))
            return redirect("trade:company", company.pk)
    return _render_company(request, company, verify_form=form)


@login_required
@require_POST
def verification_revoke(request: HttpRequest, verification_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    verification = (
        Verification.objects.select_related("company__organisation")
        .filter(pk=verification_id)
        .first()
    )
    if verification is None or selectors.company_get(viewer, verification.company_id) is None:
        raise Http404
    if not rules.can_revoke_verification(viewer, verification):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.verification_revoke(
                verification, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The verification has been revoked."))
            return redirect("trade:company", verification.company_id)
    return _render_company(request, verification.company, revoke_form=form)


@login_required
@require_POST
def fraud_report_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _company_or_404(request, company_id)
    form = FraudReportForm(request.POST)
    if form.is_valid():
        try:
            report = services.fraud_report_create(
                company=company, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: the platform's admins will look into it."))
            return redirect("trade:fraud-report", report.pk)
    return _render_company(request, company, fraud_form=form)


# -- products ------------------------------------------------------------------------------------


def _product_or_404(request: HttpRequest, product_id: int) -> Product:
    product = selectors.product_get(viewer_for_request(request), product_id)
    if product is None:
        raise Http404
    return product


def _managed_product(request: HttpRequest, product_id: int) -> Product:
    product = _product_or_404(request, product_id)
    if not rules.can_manage_company(viewer_for_request(request), product.company):
        raise PermissionDenied
    return product


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _managed_company(request, company_id)
    if company.role != CompanyRole.EXPORTER:
        return _refused(request, _("Only a Vietnamese exporter lists products in the catalogue."))
    form = ProductForm(
        request.POST or None,
        initial={"province_code": company.province_code or "", "min_order_unit": "kg"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(
                company=company,
                user=request.user,
                publish=request.POST.get("publish") == "1",
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The product has been saved."))
            return redirect("trade:product", product.pk)
    return render(
        request, "trade/product_form.html", {"form": form, "company": company, "product": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request: HttpRequest, product_id: int) -> HttpResponse:
    product = _managed_product(request, product_id)
    form = ProductForm(request.POST or None, initial=ProductForm.initial_for(product))
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(product, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The product has been saved."))
            return redirect("trade:product", product.pk)
    return render(
        request,
        "trade/product_form.html",
        {"form": form, "company": product.company, "product": product},
    )


def _render_product(request: HttpRequest, product: Product, **forms) -> HttpResponse:
    viewer = viewer_for_request(request)
    manages = rules.can_manage_company(viewer, product.company)
    today = timezone.localdate()
    held = certificates.certificates_of(product)
    markets = list(product.company.markets)
    chosen = (request.GET.get("market") or "").strip().upper()[:2]
    if chosen and chosen.isalpha() and chosen not in markets:
        markets.append(chosen)
    missing = [
        {"market": code, "missing": certificates.missing_for_market(product, code, today)}
        for code in markets
        if code.isalpha()
    ]
    contact_companies = _my_companies(viewer, exclude=product.company)
    from django_countries import countries

    context = {
        "product": product,
        "company": product.company,
        "manages": manages,
        "hs_display": hs.display(product.hs_code),
        "chapter": hs.chapter_name(product.hs_code),
        "certificates": held,
        "today": today,
        "missing": missing,
        "chosen_market": chosen,
        "market_choices": list(countries),
        "channels": selectors.channels_for_product(product),
        "can_flag": rules.can_flag_signature(viewer, product),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "certificate_form": forms.get("certificate_form")
        or CertificateForm(products=[product], initial={"product": product.pk}),
        "contact_form": forms.get("contact_form")
        or (
            ContactForm(companies=contact_companies, initial={"product": product.pk})
            if contact_companies.exists()
            else None
        ),
        "section": "catalogue",
    }
    return render(request, "trade/product_detail.html", context, status=forms.get("status", 200))


@require_GET
def product_detail(request: HttpRequest, product_id: int) -> HttpResponse:
    return _render_product(request, _product_or_404(request, product_id))


@login_required
@require_POST
def product_status(request: HttpRequest, product_id: int) -> HttpResponse:
    product = _managed_product(request, product_id)
    status = request.POST.get("status")
    if status not in (ProductStatus.PUBLISHED, ProductStatus.WITHDRAWN):
        messages.error(request, _("Publish or withdraw the product."))
        return redirect("trade:product", product.pk)
    services.product_set_status(product, status)
    if status == ProductStatus.PUBLISHED:
        messages.success(request, _("The product is published in the catalogue."))
    else:
        messages.success(request, _("The product is withdrawn from the catalogue."))
    return redirect("trade:product", product.pk)


@login_required
@require_POST
def product_signature(request: HttpRequest, product_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    product = _product_or_404(request, product_id)
    if not rules.can_flag_signature(viewer, product):
        raise PermissionDenied
    flag = request.POST.get("signature") == "1"
    services.product_set_signature(product, signature=flag, body=_official_body(viewer))
    if flag:
        messages.success(request, _("The product is flagged as a signature product."))
    else:
        messages.success(request, _("The signature flag has been removed."))
    return redirect("trade:product", product.pk)


@login_required
@require_POST
@accepts_uploads
def photo_add(request: HttpRequest, product_id: int) -> HttpResponse:
    product = _managed_product(request, product_id)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(
                product=product,
                upload=form.cleaned_data["photo"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The photo has been added."))
            return redirect("trade:product", product.pk)
    return _render_product(request, product, photo_form=form)


def _photo(product: Product, photo_id: int):
    photo = next((p for p in product.photos.all() if p.pk == photo_id), None)
    if photo is None or photo.file_kind not in KINDS:
        raise Http404
    return photo


@require_GET
def photo_file(request: HttpRequest, product_id: int, photo_id: int) -> HttpResponse:
    """Photos are as public as their product; served inline (images only) through the safe
    upload view."""
    photo = _photo(_product_or_404(request, product_id), photo_id)
    stored = StoredUpload(
        kind=photo.file_kind,
        name=photo.stored_name,
        area=services.PHOTO_AREA,
        size=photo.size,
        original_name=f"photo-{photo.pk}.{KINDS[photo.file_kind][1]}",
    )
    response = serve_upload(stored, inline=True)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def photo_remove(request: HttpRequest, product_id: int, photo_id: int) -> HttpResponse:
    product = _managed_product(request, product_id)
    services.photo_remove(_photo(product, photo_id))
    messages.success(request, _("The photo has been removed."))
    return redirect("trade:product", product.pk)


# -- certificates --------------------------------------------------------------------------------


@login_required
@require_POST
@accepts_uploads
def certificate_add(request: HttpRequest, company_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    company = _managed_company(request, company_id)
    products = selectors.company_products(viewer, company)
    form = CertificateForm(request.POST, request.FILES, products=products)
    if form.is_valid():
        data = form.cleaned_data
        product = next((p for p in products if p.pk == data["product"]), None)
        try:
            services.certificate_add(
                company=company,
                product=product,
                kind=data["kind"],
                issuer=data["issuer"],
                number=data["number"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                document=data["document"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The certificate has been added."))
            if product is not None:
                return redirect("trade:product", product.pk)
            return redirect("trade:company", company.pk)
    product = next((p for p in products if p.pk == form.cleaned_data.get("product")), None)
    if product is not None:
        return _render_product(request, product, certificate_form=form)
    return _render_company(request, company, certificate_form=form)


def _certificate(request: HttpRequest, certificate_id: int) -> Certificate:
    viewer = viewer_for_request(request)
    certificate = (
        Certificate.objects.select_related("company__organisation", "product")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or not rules.can_view_company(viewer, certificate.company):
        raise Http404
    if certificate.product is not None and not rules.can_view_product(viewer, certificate.product):
        raise Http404
    return certificate


@login_required
@require_GET
def certificate_document(request: HttpRequest, certificate_id: int) -> HttpResponse:
    """Certificate documents are for signed-in members (the certificates themselves are
    public)."""
    certificate = _certificate(request, certificate_id)
    if not certificate.document_name or certificate.document_kind not in KINDS:
        raise Http404
    extension = KINDS[certificate.document_kind][1]
    name = PurePath(f"{certificate.get_kind_display()}-{certificate.number}").name
    stored = StoredUpload(
        kind=certificate.document_kind,
        name=certificate.document_name,
        area=services.DOCUMENT_AREA,
        size=certificate.document_size,
        original_name=f"{name}.{extension}",
    )
    return serve_upload(stored)


@login_required
@require_POST
def certificate_remove(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = _certificate(request, certificate_id)
    if not rules.can_manage_company(viewer_for_request(request), certificate.company):
        raise PermissionDenied
    product_id, company_id = certificate.product_id, certificate.company_id
    services.certificate_remove(certificate)
    messages.success(request, _("The certificate has been removed."))
    if product_id:
        return redirect("trade:product", product_id)
    return redirect("trade:company", company_id)


# -- leads ---------------------------------------------------------------------------------------


@login_required
@require_GET
def leads_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    form = LeadSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = selectors.leads_list(
        viewer,
        kind=data.get("kind") or None,
        hs=data.get("hs", ""),
        market=data.get("market", ""),
        text=data.get("q", ""),
        mine=bool(data.get("mine")),
        include_closed=bool(data.get("mine")),
        page=data.get("page") or 1,
    )
    return render(
        request,
        _template(request, "trade/leads.html", "trade/_partials/lead_results.html"),
        {
            "form": form,
            "result": result,
            "query": _query_without_page(request),
            "can_post": bool(selectors.managed_companies(viewer)),
            "section": "leads",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lead_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    companies = _my_companies(viewer)
    if not companies.exists():
        return _refused(
            request, _("Trade leads are posted on behalf of a company you manage: register it.")
        )
    first = companies.first()
    initial = {
        "kind": LeadKind.BUY if first.role == CompanyRole.DISTRIBUTOR else LeadKind.SELL,
        "market": first.markets[0]
        if first.role == CompanyRole.DISTRIBUTOR and first.markets
        else "",
    }
    products = [
        p
        for c in companies
        if c.role == CompanyRole.EXPORTER
        for p in selectors.company_products(viewer, c)
        if p.status == ProductStatus.PUBLISHED
    ]
    form = LeadForm(request.POST or None, companies=companies, products=products, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        company = data.pop("company")
        product_id = data.pop("product")
        product = next((p for p in products if p.pk == product_id), None)
        try:
            lead = services.lead_create(company=company, user=request.user, product=product, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The lead is posted."))
            return redirect("trade:lead", lead.pk)
    return render(request, "trade/lead_form.html", {"form": form, "section": "leads"})


def _lead_or_404(request: HttpRequest, lead_id: int):
    lead = selectors.lead_get(viewer_for_request(request), lead_id)
    if lead is None:
        raise Http404
    return lead


@login_required
@require_GET
def lead_detail(request: HttpRequest, lead_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    lead = _lead_or_404(request, lead_id)
    manages = rules.can_manage_company(viewer, lead.company)
    matches = []
    if manages and lead.status == LeadStatus.OPEN:
        matches = matching.matches_for_lead(lead, limit=MATCHES)
    contact_companies = _my_companies(viewer, exclude=lead.company)
    # The lead's own managers contact a match on behalf of the lead's company.
    return render(
        request,
        "trade/lead_detail.html",
        {
            "lead": lead,
            "manages": manages,
            "matches": matches,
            "hs_display": hs.display(lead.hs_code),
            "chapter": hs.chapter_name(lead.hs_code),
            "contact_form": ContactForm(companies=contact_companies, initial={"lead": lead.pk})
            if contact_companies.exists() and not manages
            else None,
            "section": "leads",
        },
    )


@login_required
@require_POST
def lead_close(request: HttpRequest, lead_id: int) -> HttpResponse:
    lead = _lead_or_404(request, lead_id)
    if not rules.can_manage_company(viewer_for_request(request), lead.company):
        raise PermissionDenied
    services.lead_close(lead)
    messages.success(request, _("The lead is closed."))
    return redirect("trade:lead", lead.pk)


# -- contact requests ----------------------------------------------------------------------------


@login_required
@require_GET
def contacts_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    return render(
        request,
        "trade/contacts.html",
        {
            "incoming": selectors.contact_requests_for(viewer, incoming=True),
            "outgoing": selectors.contact_requests_for(viewer, incoming=False),
            "section": "contacts",
        },
    )


@login_required
@require_POST
def contact_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    contact = selectors.contact_request_get(viewer, request_id)
    if contact is None:
        raise Http404
    if contact.to_company_id not in viewer.admin_of:
        raise PermissionDenied
    action = request.POST.get("action")
    if action not in ("accept", "decline"):
        messages.error(request, _("Accept or decline the request."))
        return redirect("trade:contacts")
    try:
        services.contact_request_answer(contact, accept=action == "accept")
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        if action == "accept":
            messages.success(
                request, _("You accepted: both companies now see each other's contacts.")
            )
        else:
            messages.success(request, _("You declined the request."))
    return redirect("trade:contacts")


# -- deals and reviews ---------------------------------------------------------------------------


@login_required
@require_GET
def deals_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    deals = selectors.deals_for(viewer)
    accepted = [
        c
        for incoming in (True, False)
        for c in selectors.contact_requests_for(viewer, incoming=incoming)
        if c.status == ContactStatus.ACCEPTED
    ]
    return render(
        request,
        "trade/deals.html",
        {"deals": deals, "accepted_contacts": accepted, "section": "deals"},
    )


def _deal_parties(request: HttpRequest) -> tuple[Company, object | None]:
    """The counterpart (and the lead) a deal is proposed with: from an accepted contact request
    (?contact=) or a lead (?lead=)."""
    viewer = viewer_for_request(request)
    contact_id = request.POST.get("contact") or request.GET.get("contact")
    lead_id = request.POST.get("lead") or request.GET.get("lead")
    if contact_id and contact_id.isdigit():
        contact = selectors.contact_request_get(viewer, int(contact_id))
        if contact is None:
            raise Http404
        if contact.status != ContactStatus.ACCEPTED:
            raise PermissionDenied
        mine = contact.from_company_id in viewer.admin_of
        return (contact.to_company if mine else contact.from_company), contact.lead
    if lead_id and lead_id.isdigit():
        lead = selectors.lead_get(viewer, int(lead_id))
        if lead is None:
            raise Http404
        return lead.company, lead
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def deal_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    counterpart, lead = _deal_parties(request)
    other_role = (
        CompanyRole.DISTRIBUTOR
        if counterpart.role == CompanyRole.EXPORTER
        else CompanyRole.EXPORTER
    )
    companies = _my_companies(viewer, exclude=counterpart, role=other_role)
    if not companies.exists():
        return _refused(
            request,
            _("A deal is recorded by one of its two parties, an exporter and a distributor."),
        )
    exporter = counterpart if counterpart.role == CompanyRole.EXPORTER else companies.first()
    products = selectors.company_products(viewer, exporter)
    initial = {"deal_date": timezone.localdate(), "market": getattr(lead, "market", "") or ""}
    if lead is not None:
        initial |= {"product": lead.product_id, "volume": lead.volume or ""}
    form = DealForm(request.POST or None, companies=companies, products=products, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        product = next((p for p in products if p.pk == data.pop("product")), None)
        try:
            deal = services.deal_propose(
                company=data.pop("company"),
                counterpart=counterpart,
                lead=lead,
                product=product,
                **data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The deal is recorded; it counts once the other side confirms it.")
            )
            return redirect("trade:deal", deal.pk)
    return render(
        request,
        "trade/deal_form.html",
        {
            "form": form,
            "counterpart": counterpart,
            "lead": lead,
            "contact": request.POST.get("contact") or request.GET.get("contact") or "",
            "section": "deals",
        },
    )


def _deal_or_404(request: HttpRequest, deal_id: int) -> Deal:
    deal = selectors.deal_get(viewer_for_request(request), deal_id)
    if deal is None:
        raise Http404
    return deal


def _render_deal(request: HttpRequest, deal: Deal, *, review_form=None, status=200):
    viewer = viewer_for_request(request)
    side = rules.deal_side(viewer, deal)
    reviewed = side is not None and deal.reviews.filter(reviewer=side).exists()
    waiting_for = None
    if deal.status == DealStatus.PROPOSED:
        waiting_for = deal.exporter if deal.exporter_confirmed_at is None else deal.distributor
    return render(
        request,
        "trade/deal_detail.html",
        {
            "deal": deal,
            "side": side,
            "waiting_for": waiting_for,
            "can_confirm": side is not None and waiting_for is not None and waiting_for == side,
            "can_review": rules.can_review(viewer, deal) and not reviewed,
            "reviews": list(deal.reviews.select_related("reviewer__organisation")),
            "review_form": review_form or ReviewForm(),
            "section": "deals",
        },
        status=status,
    )


@login_required
@require_GET
def deal_detail(request: HttpRequest, deal_id: int) -> HttpResponse:
    return _render_deal(request, _deal_or_404(request, deal_id))


@login_required
@require_POST
def deal_confirm(request: HttpRequest, deal_id: int) -> HttpResponse:
    deal = _deal_or_404(request, deal_id)
    side = rules.deal_side(viewer_for_request(request), deal)
    if side is None:
        raise PermissionDenied
    try:
        services.deal_confirm(deal, company=side)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("You confirmed the deal."))
    return redirect("trade:deal", deal.pk)


@login_required
@require_POST
def deal_cancel(request: HttpRequest, deal_id: int) -> HttpResponse:
    deal = _deal_or_404(request, deal_id)
    if rules.deal_side(viewer_for_request(request), deal) is None:
        raise PermissionDenied
    try:
        services.deal_cancel(deal)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The deal is cancelled."))
    return redirect("trade:deal", deal.pk)


@login_required
@require_POST
def review_create(request: HttpRequest, deal_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    deal = _deal_or_none(deal_id)
    side = rules.deal_side(viewer, deal) if deal is not None else None
    if side is None:
        # A third party (or a deal that does not exist): no review, and the page says why.
        return _refused(request, _("Only the parties to a recorded deal may review each other."))
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_create(
                deal=deal,
                reviewer=side,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: your review is published."))
            return redirect("trade:deal", deal.pk)
    return _render_deal(request, deal, review_form=form)


def _deal_or_none(deal_id: int) -> Deal | None:
    return (
        Deal.objects.select_related("exporter__organisation", "distributor__organisation")
        .filter(pk=deal_id)
        .first()
    )


# -- fraud reports -------------------------------------------------------------------------------


@login_required
@require_GET
def fraud_reports_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    status = request.GET.get("status", "open")
    if status not in ("open", "dismissed", "upheld", "all"):
        status = "open"
    reports = selectors.fraud_reports(viewer, status=None if status == "all" else status)
    return render(
        request,
        "trade/fraud_reports.html",
        {"reports": reports, "is_admin": viewer.is_admin, "status": status, "section": "fraud"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def fraud_report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    report = selectors.fraud_report_get(viewer, report_id)
    if report is None:
        raise Http404
    form = FraudResolveForm(request.POST or None)
    status_code = 200
    if request.method == "POST":
        if not rules.can_resolve_fraud(viewer):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.fraud_report_resolve(report, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The report is resolved."))
                return redirect("trade:fraud-report", report.pk)
        status_code = 200  # the form again, with its errors
    return render(
        request,
        "trade/fraud_report.html",
        {
            "report": report,
            "form": form,
            "can_resolve": rules.can_resolve_fraud(viewer) and report.status == "open",
            "is_admin": viewer.is_admin,
            "status_form": CompanyStatusForm(),
            "section": "fraud",
        },
        status=status_code,
    )


# -- market requirements ------------------------------------------------------------------------


def _requirement_countries(viewer: Viewer) -> list[str] | None:
    """None: every market; a list: these markets only; empty: none."""
    if viewer.is_admin or (viewer.scope is not None and viewer.scope.national):
        return None
    if viewer.scope is not None and viewer.scope.country:
        return [viewer.scope.country]
    return []


@login_required
@require_http_methods(["GET", "POST"])
def requirements_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    allowed = _requirement_countries(viewer)
    if allowed == []:
        raise PermissionDenied
    form = RequirementForm(request.POST or None, countries_allowed=allowed)
    status_code = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if not rules.can_declare_requirements(viewer, data["country"]):
                raise PermissionDenied
            try:
                services.requirement_set(body=_official_body(viewer), **data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The market's requirements have been saved."))
                return redirect("trade:requirements")
        status_code = 200  # the form again, with its errors
    requirements = MarketRequirement.objects.select_related("declared_by")
    if allowed is not None:
        requirements = requirements.filter(country__in=allowed)
    return render(
        request,
        "trade/requirements.html",
        {"form": form, "requirements": list(requirements), "section": "requirements"},
        status=status_code,
    )


urlpatterns = [
    path("trade/", catalogue_page, name="catalogue"),
    path("trade/companies/", companies_page, name="companies"),
    path("trade/companies/new/", company_create, name="company-create"),
    path("trade/companies/<int:company_id>/", company_detail, name="company"),
    path("trade/companies/<int:company_id>/edit/", company_edit, name="company-edit"),
    path("trade/companies/<int:company_id>/status/", company_status, name="company-status"),
    path("trade/companies/<int:company_id>/contact/", contact_create, name="contact-create"),
    path("trade/companies/<int:company_id>/verify/", verification_add, name="verify"),
    path("trade/companies/<int:company_id>/report/", fraud_report_create, name="fraud-create"),
    path("trade/companies/<int:company_id>/products/new/", product_create, name="product-create"),
    path("trade/companies/<int:company_id>/certificates/", certificate_add, name="certificate-add"),
    path(
        "trade/verifications/<int:verification_id>/revoke/",
        verification_revoke,
        name="verification-revoke",
    ),
    path("trade/products/<int:product_id>/", product_detail, name="product"),
    path("trade/products/<int:product_id>/edit/", product_edit, name="product-edit"),
    path("trade/products/<int:product_id>/status/", product_status, name="product-status"),
    path("trade/products/<int:product_id>/signature/", product_signature, name="product-signature"),
    path("trade/products/<int:product_id>/photos/", photo_add, name="photo-add"),
    path("trade/products/<int:product_id>/photos/<int:photo_id>/", photo_file, name="photo"),
    path(
        "trade/products/<int:product_id>/photos/<int:photo_id>/remove/",
        photo_remove,
        name="photo-remove",
    ),
    path(
        "trade/certificates/<int:certificate_id>/document/",
        certificate_document,
        name="certificate-document",
    ),
    path(
        "trade/certificates/<int:certificate_id>/remove/",
        certificate_remove,
        name="certificate-remove",
    ),
    path("trade/leads/", leads_page, name="leads"),
    path("trade/leads/new/", lead_create, name="lead-create"),
    path("trade/leads/<int:lead_id>/", lead_detail, name="lead"),
    path("trade/leads/<int:lead_id>/close/", lead_close, name="lead-close"),
    path("trade/contacts/", contacts_page, name="contacts"),
    path("trade/contacts/<int:request_id>/answer/", contact_answer, name="contact-answer"),
    path("trade/deals/", deals_page, name="deals"),
    path("trade/deals/new/", deal_create, name="deal-create"),
    path("trade/deals/<int:deal_id>/", deal_detail, name="deal"),
    path("trade/deals/<int:deal_id>/confirm/", deal_confirm, name="deal-confirm"),
    path("trade/deals/<int:deal_id>/cancel/", deal_cancel, name="deal-cancel"),
    path("trade/deals/<int:deal_id>/review/", review_create, name="review-create"),
    path("trade/fraud/", fraud_reports_page, name="fraud-reports"),
    path("trade/fraud/<int:report_id>/", fraud_report_detail, name="fraud-report"),
    path("trade/requirements/", requirements_page, name="requirements"),
]
