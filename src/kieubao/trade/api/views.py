"""The trade portal's API: catalogue, leads, matches under /api/v1/trade/ (market data in
markets.py, mounted on the same prefix). Thin: parse input, call one service or selector,
serialise.

The catalogue (products and companies) may be read without credentials; a company's contacts
and reviewers are shown to signed-in callers only. Everything else needs a signed-in caller
(401 otherwise). Deny by default, as the pages do (see ..rules): what the caller may not see is
a 404 (its existence is not confirmed), what they may see but not do is a 403. Validation errors
of the services come back as 422 with translated messages keyed by the request's field names.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from kieubao.community.api.common import BODY_ERRORS, DB_ID, ERRORS, WRITE_ERRORS
from kieubao.community.api.common import renamed as _renamed
from kieubao.community.models import Organisation, OrganisationKind, Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    ResultPage,
    viewer_for_request,
)
from kieubao.core.api.auth import OPTIONAL, REQUIRED
from kieubao.core.provinces import province_by_code

from .. import hs, reliability, rules, selectors, services
from ..models import (
    Certificate,
    Company,
    CompanyRole,
    ContactRequest,
    Deal,
    FraudReport,
    Lead,
    LeadKind,
    Product,
    Review,
    Verification,
)
from .markets import router as markets_router
from .schemas import (
    TradeCertificate,
    TradeCertificateIn,
    TradeCompanies,
    TradeCompaniesQuery,
    TradeCompanyDetail,
    TradeCompanyIn,
    TradeCompanyPatch,
    TradeContactRequest,
    TradeContactRequestIn,
    TradeContactRequests,
    TradeContactRequestsQuery,
    TradeDeal,
    TradeDealIn,
    TradeDeals,
    TradeDealsQuery,
    TradeFraudReport,
    TradeFraudReports,
    TradeFraudReportsQuery,
    TradeLead,
    TradeLeadIn,
    TradeLeads,
    TradeLeadsQuery,
    TradeMatch,
    TradeProduct,
    TradeProductIn,
    TradeProductPatch,
    TradeProducts,
    TradeProductsQuery,
    TradeReasonIn,
    TradeResolutionIn,
    TradeReview,
    TradeReviewIn,
    TradeVerification,
    TradeVerificationIn,
)

router = Router(tags=["trade"], auth=REQUIRED)
router.add_router("/", markets_router)


# -- helpers --------------------------------------------------------------------------------------


def _viewer(request: HttpRequest) -> Viewer:
    return viewer_for_request(request)


def _page_out(result: ResultPage, serialise) -> dict:
    return {
        "count": result.total,
        "page": result.page,
        "pages": result.pages,
        "results": [serialise(item) for item in result.items],
    }


def _page_of_list(items: list, page: int, per_page: int) -> ResultPage:
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    page = max(1, min(page, MAX_PAGE))
    start = (page - 1) * per_page
    return ResultPage(
        total=len(items), page=page, per_page=per_page, items=items[start : start + per_page]
    )


def _decimal(value) -> str | None:
    return None if value is None else str(value)


def _company_ref(company: Company) -> dict:
    return {
        "id": company.pk,
        "name": company.organisation.display_name(),
        "role": company.role,
        "country": str(company.organisation.country),
        "reliability": company.reliability,
        "verified": any(p.get("key") == "verified" for p in company.reliability_detail or []),
    }


def _province(code: int | None) -> dict | None:
    province = province_by_code(code)
    return {"code": province.code, "name": province.name()} if province else None


def _certificate_out(certificate: Certificate, today: date) -> dict:
    return {
        "id": certificate.pk,
        "kind": certificate.kind,
        "kind_label": str(certificate.get_kind_display()),
        "issuer": certificate.issuer,
        "number": certificate.number,
        "valid_from": certificate.valid_from,
        "valid_to": certificate.valid_to,
        "product_id": certificate.product_id,
        "expired": today > certificate.valid_to,
        "has_document": bool(certificate.document_name),
    }


def _product_out(product: Product, viewer: Viewer, *, certificates: bool = False) -> dict:
    out = {
        "id": product.pk,
        "company": _company_ref(product.company),
        "name": product.name(),
        "name_vi": product.name_vi,
        "name_en": product.name_en,
        "description": product.description(),
        "hs_code": product.hs_code,
        "hs_chapter": hs.chapter_name(product.hs_code),
        "category": product.category,
        "province": _province(product.province_code),
        "ocop_stars": product.ocop_stars,
        "min_order_quantity": _decimal(product.min_order_quantity),
        "min_order_unit": product.min_order_unit,
        "signature": product.signature,
        "status": product.status,
        "published_at": product.published_at,
        "photos": [
            {"id": p.pk, "caption": p.caption, "file_kind": p.file_kind, "size": p.size}
            for p in product.photos.all()
        ],
        "manages": rules.can_manage_company(viewer, product.company),
    }
    if certificates:
        from ..certificates import certificates_of

        today = timezone.localdate()
        out["certificates"] = [_certificate_out(c, today) for c in certificates_of(product)]
    return out


def _company_out(company: Company, viewer: Viewer) -> dict:
    organisation = company.organisation
    contacts = None
    if rules.can_see_contacts(viewer, company):
        contacts = {
            "name": company.contact_name,
            "email": company.contact_email,
            "phone": company.contact_phone,
        }
    return {
        "id": company.pk,
        "name": organisation.display_name(),
        "name_en": organisation.name_en,
        "role": company.role,
        "country": str(organisation.country),
        "city": organisation.city,
        "website": organisation.website,
        "description": organisation.description,
        "tax_code": company.tax_code,
        "province": _province(company.province_code),
        "sectors": company.sectors,
        "capacity": company.capacity,
        "markets": company.markets,
        "channels": company.channels,
        "status": company.status,
        "contacts": contacts,
        "manages": rules.can_manage_company(viewer, company),
    }


def _company_summary(company: Company, viewer: Viewer) -> dict:
    ref = _company_ref(company)
    return _company_out(company, viewer) | {
        "reliability": ref["reliability"],
        "verified": ref["verified"],
    }


def _body(organisation: Organisation) -> dict:
    return {"id": organisation.pk, "name": organisation.display_name(), "kind": organisation.kind}


def _verification_out(verification: Verification) -> dict:
    return {
        "id": verification.pk,
        "body": _body(verification.body),
        "evidence": verification.evidence,
        "verified_at": verification.verified_at,
        "revoked_at": verification.revoked_at,
        "revoked_reason": verification.revoked_reason,
    }


def _review_out(review: Review, viewer: Viewer) -> dict:
    # Who wrote a review is for signed-in members (rules.py).
    reviewer = _company_ref(review.reviewer) if viewer.is_authenticated else None
    return {
        "id": review.pk,
        "deal_id": review.deal_id,
        "company_id": review.company_id,
        "reviewer": reviewer,
        "rating": review.rating,
        "text": review.text,
        "created_at": review.created_at,
    }


def _reliability_out(company: Company) -> dict:
    key, label = reliability.level(company)
    return {
        "score": company.reliability,
        "level": key,
        "label": label,
        "parts": [
            {
                "key": part["key"],
                "points": part["points"],
                "count": part.get("count", 0),
                "label": reliability.describe(part),
            }
            for part in company.reliability_detail or []
        ],
    }


def _company_detail(company: Company, viewer: Viewer) -> dict:
    today = timezone.localdate()
    return _company_out(company, viewer) | {
        "reliability": _reliability_out(company),
        "verifications": [_verification_out(v) for v in selectors.active_verifications(company)],
        "certificates": [
            _certificate_out(c, today) for c in selectors.company_certificates(company)
        ],
        "reviews": [_review_out(r, viewer) for r in selectors.company_reviews(company)],
    }


def _lead_out(lead: Lead, viewer: Viewer) -> dict:
    return {
        "id": lead.pk,
        "kind": lead.kind,
        "company": _company_ref(lead.company),
        "title": lead.title,
        "description": lead.description,
        "hs_code": lead.hs_code,
        "product_id": lead.product_id,
        "market": str(lead.market or ""),
        "volume": _decimal(lead.volume),
        "volume_unit": lead.volume_unit,
        "certificates": lead.certificates,
        "valid_until": lead.valid_until,
        "status": lead.status,
        "created_at": lead.created_at,
        "closed_at": lead.closed_at,
        "manages": rules.can_manage_company(viewer, lead.company),
    }


def _contact_out(request: ContactRequest, viewer: Viewer) -> dict:
    return {
        "id": request.pk,
        "from_company": _company_ref(request.from_company),
        "to_company": _company_ref(request.to_company),
        "lead_id": request.lead_id,
        "product_id": request.product_id,
        "message": request.message,
        "status": request.status,
        "created_at": request.created_at,
        "responded_at": request.responded_at,
        "incoming": request.to_company_id in viewer.admin_of,
    }


def _deal_out(deal: Deal) -> dict:
    return {
        "id": deal.pk,
        "exporter": _company_ref(deal.exporter),
        "distributor": _company_ref(deal.distributor),
        "proposed_by": deal.proposed_by_id,
        "lead_id": deal.lead_id,
        "product_id": deal.product_id,
        "value_usd": str(deal.value_usd),
        "volume": str(deal.volume),
        "volume_unit": deal.volume_unit,
        "market": str(deal.market),
        "deal_date": deal.deal_date,
        "status": deal.status,
        "exporter_confirmed_at": deal.exporter_confirmed_at,
        "distributor_confirmed_at": deal.distributor_confirmed_at,
        "confirmed_at": deal.confirmed_at,
    }


def _fraud_out(report: FraudReport) -> dict:
    return {
        "id": report.pk,
        "company": _company_ref(report.company),
        "reason": report.reason,
        "status": report.status,
        "resolution": report.resolution,
        "created_at": report.created_at,
        "resolved_at": report.resolved_at,
    }


def _company(request: HttpRequest, company_id: int) -> Company:
    company = selectors.company_get(_viewer(request), company_id)
    if company is None:
        raise Http404
    return company


def _managed_company(request: HttpRequest, company_id: int) -> Company:
    company = _company(request, company_id)
    if not rules.can_manage_company(_viewer(request), company):
        raise PermissionDenied
    return company


def _product(request: HttpRequest, product_id: int) -> Product:
    product = selectors.product_get(_viewer(request), product_id)
    if product is None:
        raise Http404
    return product


def _managed_product(request: HttpRequest, product_id: int) -> Product:
    product = _product(request, product_id)
    if not rules.can_manage_company(_viewer(request), product.company):
        raise PermissionDenied
    return product


def _lead(request: HttpRequest, lead_id: int) -> Lead:
    lead = selectors.lead_get(_viewer(request), lead_id)
    if lead is None:
        raise Http404
    return lead


def _managed_lead(request: HttpRequest, lead_id: int) -> Lead:
    lead = _lead(request, lead_id)
    if not rules.can_manage_company(_viewer(request), lead.company):
        raise PermissionDenied
    return lead


def _acting_company(viewer: Viewer, company_id: int | None, *, role: str | None = None) -> Company:
    """The company the caller acts for: the one named (which they must manage), or the only one
    they manage (of ``role`` when they manage several). 403 for a caller who manages none."""
    if company_id is not None:
        if viewer.is_admin:
            company = selectors.company_get(viewer, company_id)
        else:
            company = next(
                (c for c in selectors.managed_companies(viewer) if c.pk == company_id), None
            )
        if company is None:
            if not viewer.admin_of and not viewer.is_admin:
                raise PermissionDenied
            raise ValidationError({"company_id": _("You do not manage this company.")})
        return company
    managed = selectors.managed_companies(viewer)
    if not managed:
        raise PermissionDenied
    if len(managed) > 1 and role:
        managed = [c for c in managed if c.role == role] or managed
    if len(managed) > 1:
        raise ValidationError({"company_id": _("Choose the company you act for.")})
    return managed[0]


# -- the catalogue: products ----------------------------------------------------------------------


@router.get(
    "/trade/products",
    response={200: TradeProducts, **ERRORS},
    auth=OPTIONAL,
    summary="Search the catalogue of products",
)
def products_list(request: HttpRequest, query: Query[TradeProductsQuery]):
    """Published products of active Vietnamese exporters, with the filters of the catalogue
    page. Tones, đ and case do not matter. ``certificate``: a kind held valid today (or
    ``any``); ``market``: exporters that export there."""
    from .. import catalogue

    viewer = _viewer(request)
    result = catalogue.search_products(
        viewer,
        text=query.q,
        hs=query.hs,
        province=query.province,
        category=query.category or "",
        certificate=query.certificate,
        market=query.market,
        signature=query.signature,
        ocop_min=query.ocop_min,
        verified=query.verified,
        page=query.page,
        per_page=query.per_page,
    )
    return _page_out(result, lambda product: _product_out(product, viewer))


@router.get(
    "/trade/products/{product_id}",
    response={200: TradeProduct, **ERRORS},
    auth=OPTIONAL,
    summary="One product, with its certificates",
)
def product_detail(request: HttpRequest, product_id: int = Path(..., **DB_ID)):
    """Its own certificates and its company's (expired ones flagged). Drafts and withdrawn
    products are seen by the company's managers only."""
    return _product_out(_product(request, product_id), _viewer(request), certificates=True)


@router.post(
    "/trade/companies/{company_id}/products",
    response={201: TradeProduct, **BODY_ERRORS},
    summary="List a product (a draft unless published)",
)
def product_create(
    request: HttpRequest, payload: TradeProductIn, company_id: int = Path(..., **DB_ID)
):
    """For the exporter's managers. Photos are added on the web pages."""
    company = _managed_company(request, company_id)
    values = payload.model_dump()
    publish = values.pop("publish")
    if values["province_code"] is None:
        values["province_code"] = company.province_code
    product = services.product_create(company=company, user=request.auth, publish=publish, **values)
    return Status(201, _product_out(_product(request, product.pk), _viewer(request)))


@router.patch(
    "/trade/products/{product_id}",
    response={200: TradeProduct, **BODY_ERRORS},
    summary="Change a product",
)
def product_update(
    request: HttpRequest, payload: TradeProductPatch, product_id: int = Path(..., **DB_ID)
):
    """Only the attributes sent are changed."""
    product = _managed_product(request, product_id)
    services.product_update(product, **payload.model_dump(exclude_unset=True))
    return _product_out(_product(request, product_id), _viewer(request), certificates=True)


def _set_status(request: HttpRequest, product_id: int, status: str) -> dict:
    product = _managed_product(request, product_id)
    services.product_set_status(product, status)
    return _product_out(_product(request, product_id), _viewer(request), certificates=True)


@router.post(
    "/trade/products/{product_id}/publish",
    response={200: TradeProduct, **WRITE_ERRORS},
    summary="Publish a product in the catalogue",
)
def product_publish(request: HttpRequest, product_id: int = Path(..., **DB_ID)):
    return _set_status(request, product_id, "published")


@router.post(
    "/trade/products/{product_id}/withdraw",
    response={200: TradeProduct, **WRITE_ERRORS},
    summary="Withdraw a product from the catalogue",
)
def product_withdraw(request: HttpRequest, product_id: int = Path(..., **DB_ID)):
    """It stays on record (deals and channels keep it) and may be published again."""
    return _set_status(request, product_id, "withdrawn")


# -- the catalogue: companies ---------------------------------------------------------------------


@router.get(
    "/trade/companies",
    response={200: TradeCompanies, **ERRORS},
    auth=OPTIONAL,
    summary="Search exporters and distributors",
)
def companies_list(request: HttpRequest, query: Query[TradeCompaniesQuery]):
    """Active companies; the most reliable first when no words are given. Contacts are shown
    to signed-in callers only."""
    from .. import catalogue

    viewer = _viewer(request)
    result = catalogue.search_companies(
        viewer,
        text=query.q,
        role=query.role or "",
        country=query.country,
        province=query.province,
        sector=query.sector,
        certificate=query.certificate,
        verified=query.verified,
        page=query.page,
        per_page=query.per_page,
    )
    return _page_out(result, lambda company: _company_summary(company, viewer))


@router.get(
    "/trade/companies/{company_id}",
    response={200: TradeCompanyDetail, **ERRORS},
    auth=OPTIONAL,
    summary="One company: reliability and how it was computed, verifications, certificates, "
    "reviews",
)
def company_detail(request: HttpRequest, company_id: int = Path(..., **DB_ID)):
    """The reliability indicator (0–100) with each part and its points; active verifications
    by public bodies; certificates with ``expired`` flags (expired the day after ``valid_to``);
    reviews by deal partners (who wrote them: to signed-in callers only)."""
    return _company_detail(_company(request, company_id), _viewer(request))


@router.post(
    "/trade/companies",
    response={201: TradeCompanyDetail, **BODY_ERRORS},
    summary="Register a company (the caller becomes its admin)",
)
def company_create(request: HttpRequest, payload: TradeCompanyIn):
    """For members with a registry profile (officials act for the State, not for a business)
    and platform admins."""
    viewer = _viewer(request)
    if not rules.can_create_company(viewer):
        raise PermissionDenied
    person = Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None
    company = services.company_create(person=person, user=request.auth, **payload.model_dump())
    viewer = _fresh_viewer(request)
    return Status(201, _company_detail(selectors.company_get(viewer, company.pk), viewer))


def _fresh_viewer(request: HttpRequest) -> Viewer:
    """The caller again, after a write that changed what they administer."""
    request._kieubao_viewer = None
    return _viewer(request)


@router.patch(
    "/trade/companies/{company_id}",
    response={200: TradeCompanyDetail, **BODY_ERRORS},
    summary="Change a company",
)
def company_update(
    request: HttpRequest, payload: TradeCompanyPatch, company_id: int = Path(..., **DB_ID)
):
    """For its managers; only the attributes sent are changed."""
    company = _managed_company(request, company_id)
    services.company_update(company, **payload.model_dump(exclude_unset=True))
    return _company_detail(_company(request, company_id), _viewer(request))


@router.post(
    "/trade/companies/{company_id}/certificates",
    response={201: TradeCertificate, **BODY_ERRORS},
    summary="Record a certificate",
)
def certificate_create(
    request: HttpRequest, payload: TradeCertificateIn, company_id: int = Path(..., **DB_ID)
):
    """For the company's managers: a certificate of the company (all its products) or of one
    of its products. The scanned document is uploaded on the web pages only (the API takes
    JSON)."""
    company = _managed_company(request, company_id)
    values = payload.model_dump()
    product_id = values.pop("product_id")
    product = None
    if product_id is not None:
        product = Product.objects.filter(pk=product_id, company=company).first()
        if product is None:
            raise ValidationError({"product_id": _("This product is not the company's.")})
    certificate = services.certificate_add(
        company=company, product=product, user=request.auth, **values
    )
    return Status(201, _certificate_out(certificate, timezone.localdate()))


@router.get(
    "/trade/companies/{company_id}/reviews",
    response={200: list[TradeReview], **ERRORS},
    summary="Reviews of a company by its deal partners",
)
def company_reviews(request: HttpRequest, company_id: int = Path(..., **DB_ID)):
    viewer = _viewer(request)
    return [
        _review_out(r, viewer) for r in selectors.company_reviews(_company(request, company_id))
    ]


@router.post(
    "/trade/companies/{company_id}/reviews",
    response={201: TradeReview, **BODY_ERRORS},
    summary="Review a company after a deal with it",
)
def review_create(
    request: HttpRequest, payload: TradeReviewIn, company_id: int = Path(..., **DB_ID)
):
    """By a manager of the other party to a deal confirmed by both sides, once per deal;
    ``rating`` from 1 to 5."""
    viewer = _viewer(request)
    company = _company(request, company_id)
    if not viewer.admin_of:
        raise PermissionDenied  # a member who manages no company was party to no deal
    deal = selectors.deal_get(viewer, payload.deal_id)
    if deal is None:
        raise ValidationError(
            {"deal_id": _("Only the parties to a recorded deal may review each other.")}
        )
    reviewer = rules.deal_side(viewer, deal)
    if company.pk not in deal.parties() or reviewer is None or reviewer.pk == company.pk:
        raise ValidationError({"deal_id": _("This deal is not between you and this company.")})
    try:
        review = services.review_create(
            deal=deal,
            reviewer=reviewer,
            rating=payload.rating,
            text=payload.text,
            user=request.auth,
        )
    except ValidationError as error:
        raise _renamed(error, {"deal": "deal_id"}) from None
    return Status(201, _review_out(review, viewer))


# -- verification and fraud reports ---------------------------------------------------------------


@router.post(
    "/trade/companies/{company_id}/verifications",
    response={201: TradeVerification, **BODY_ERRORS},
    summary="Verify a company (public bodies)",
)
def verification_create(
    request: HttpRequest, payload: TradeVerificationIn, company_id: int = Path(..., **DB_ID)
):
    """By officials: of a ministry for any company, of a diplomatic mission for companies in its
    country, of a province for exporters of that province; the verification is their body's.
    Platform admins name the body (``body_id``). Audited."""
    viewer = _viewer(request)
    company = _company(request, company_id)
    if not rules.can_verify(viewer, company):
        raise PermissionDenied
    if viewer.scope is not None:
        body = Organisation.objects.get(pk=viewer.scope.body_id)
    else:
        public = (OrganisationKind.MINISTRY, OrganisationKind.PROVINCE, OrganisationKind.MISSION)
        body = Organisation.objects.filter(pk=payload.body_id or 0, kind__in=public).first()
        if body is None:
            raise ValidationError(
                {"body_id": _("Name the public body (ministry, mission or province) verifying.")}
            )
    verification = services.verification_add(
        company=company, body=body, evidence=payload.evidence, user=request.auth
    )
    return Status(201, _verification_out(verification))


@router.post(
    "/trade/verifications/{verification_id}/revoke",
    response={200: TradeVerification, **BODY_ERRORS},
    summary="Revoke a verification",
)
def verification_revoke(
    request: HttpRequest, payload: TradeReasonIn, verification_id: int = Path(..., **DB_ID)
):
    """By officials of the body that gave it (platform admins any), with the reason. Audited."""
    viewer = _viewer(request)
    verification = (
        Verification.objects.select_related("body", "company").filter(pk=verification_id).first()
    )
    if verification is None or selectors.company_get(viewer, verification.company_id) is None:
        raise Http404
    if not rules.can_revoke_verification(viewer, verification):
        raise PermissionDenied
    services.verification_revoke(verification, reason=payload.reason, user=request.auth)
    return _verification_out(verification)


@router.post(
    "/trade/companies/{company_id}/fraud-reports",
    response={201: TradeFraudReport, **BODY_ERRORS},
    summary="Report fraud by a company to the platform",
)
def fraud_report_create(
    request: HttpRequest, payload: TradeReasonIn, company_id: int = Path(..., **DB_ID)
):
    """Seen by the platform admins and the reporter only. An upheld report lowers the
    company's reliability; an open one does not (a report is not a finding)."""
    company = _company(request, company_id)
    report = services.fraud_report_create(company=company, reason=payload.reason, user=request.auth)
    return Status(201, _fraud_out(report))


@router.get(
    "/trade/fraud-reports",
    response={200: TradeFraudReports, **ERRORS},
    summary="Fraud reports: all for platform admins, one's own for others",
)
def fraud_reports_list(request: HttpRequest, query: Query[TradeFraudReportsQuery]):
    """Platform admins: the open reports (or those of ``status``); others: the reports they
    filed, newest first."""
    reports = selectors.fraud_reports(_viewer(request), status=query.status or "open")
    return _page_out(_page_of_list(reports, query.page, query.per_page), _fraud_out)


@router.post(
    "/trade/fraud-reports/{report_id}/resolve",
    response={200: TradeFraudReport, **BODY_ERRORS},
    summary="Resolve a fraud report (platform admins)",
)
def fraud_report_resolve(
    request: HttpRequest, payload: TradeResolutionIn, report_id: int = Path(..., **DB_ID)
):
    """Dismiss it or uphold it, saying what was found. Audited."""
    viewer = _viewer(request)
    report = selectors.fraud_report_get(viewer, report_id)
    if report is None:
        raise Http404
    if not rules.can_resolve_fraud(viewer):
        raise PermissionDenied
    services.fraud_report_resolve(
        report, status=payload.status, resolution=payload.resolution, user=request.auth
    )
    return _fraud_out(report)


# -- leads and matches ----------------------------------------------------------------------------


@router.get(
    "/trade/leads",
    response={200: TradeLeads, **ERRORS},
    summary="Search trade leads (buy requests and sell offers)",
)
def leads_list(request: HttpRequest, query: Query[TradeLeadsQuery]):
    """Open leads of active companies; ``hs`` matches leads whose codes share their leading
    digits either way (a buy request for 0901 meets an offer of 090121)."""
    viewer = _viewer(request)
    result = selectors.leads_list(
        viewer,
        kind=query.kind,
        hs=query.hs,
        market=query.market,
        text=query.q,
        mine=query.mine,
        include_closed=query.include_closed,
        page=query.page,
        per_page=query.per_page,
    )
    return _page_out(result, lambda lead: _lead_out(lead, viewer))


@router.post(
    "/trade/leads",
    response={201: TradeLead, **BODY_ERRORS},
    summary="Post a buy request or a sell offer",
)
def lead_create(request: HttpRequest, payload: TradeLeadIn):
    """Buy requests by overseas distributors (an HS chapter, heading or subheading and the
    market); sell offers by Vietnamese exporters (optionally of one of their products)."""
    viewer = _viewer(request)
    values = payload.model_dump()
    role = CompanyRole.DISTRIBUTOR if values["kind"] == LeadKind.BUY else CompanyRole.EXPORTER
    company = _acting_company(viewer, values.pop("company_id"), role=role)
    product_id = values.pop("product_id")
    if product_id is not None:
        values["product"] = Product.objects.filter(pk=product_id, company=company).first()
        if values["product"] is None:
            raise ValidationError({"product_id": _("This product is not the company's.")})
    try:
        lead = services.lead_create(company=company, user=request.auth, **values)
    except ValidationError as error:
        raise _renamed(error, {"product": "product_id"}) from None
    return Status(201, _lead_out(_lead(request, lead.pk), viewer))


@router.get(
    "/trade/leads/{lead_id}",
    response={200: TradeLead, **ERRORS},
    summary="One trade lead",
)
def lead_detail(request: HttpRequest, lead_id: int = Path(..., **DB_ID)):
    """A closed lead is seen by its company's managers only."""
    return _lead_out(_lead(request, lead_id), _viewer(request))


@router.post(
    "/trade/leads/{lead_id}/close",
    response={200: TradeLead, **WRITE_ERRORS},
    summary="Close a trade lead",
)
def lead_close(request: HttpRequest, lead_id: int = Path(..., **DB_ID)):
    """Closing a closed lead changes nothing."""
    lead = services.lead_close(_managed_lead(request, lead_id))
    return _lead_out(lead, _viewer(request))


@router.get(
    "/trade/leads/{lead_id}/matches",
    response={200: list[TradeMatch], **WRITE_ERRORS},
    summary="Counterparts for a lead, best first, with the reasons",
)
def lead_matches(
    request: HttpRequest,
    lead_id: int = Path(..., **DB_ID),
    limit: int = Query(10, ge=1, le=50),
):
    """For the lead's managers. A buy request gets published products of active exporters; a
    sell offer gets distributors. Each with its score (0–1), each criterion's share and the
    reasons in the caller's language."""
    from .. import matching

    lead = _managed_lead(request, lead_id)
    return [
        {
            "kind": match.kind,
            "product_id": match.product.pk if match.product is not None else None,
            "product_name": match.product.name() if match.product is not None else None,
            "company": _company_ref(match.company),
            "score": match.score,
            "parts": match.parts,
            "reasons": [str(reason) for reason in match.reasons],
        }
        for match in matching.matches_for_lead(lead, limit=limit)
    ]


# -- contact requests -----------------------------------------------------------------------------


@router.post(
    "/trade/contact-requests",
    response={201: TradeContactRequest, **BODY_ERRORS},
    summary="Ask a company to get in touch",
)
def contact_request_create(request: HttpRequest, payload: TradeContactRequestIn):
    """For a company the caller manages, about a lead or a product if given. The company asked
    is told by e-mail; accepted, both may record a deal."""
    viewer = _viewer(request)
    from_company = _acting_company(viewer, payload.company_id)
    to_company = selectors.company_get(viewer, payload.to_company_id)
    if to_company is None:
        raise ValidationError({"to_company_id": _("There is no such company.")})
    lead = product = None
    if payload.lead_id is not None:
        lead = selectors.lead_get(viewer, payload.lead_id)
        if lead is None:
            raise ValidationError({"lead_id": _("There is no such trade lead.")})
    if payload.product_id is not None:
        product = selectors.product_get(viewer, payload.product_id)
        if product is None:
            raise ValidationError({"product_id": _("There is no such product.")})
    try:
        contact = services.contact_request_create(
            from_company=from_company,
            to_company=to_company,
            message=payload.message,
            lead=lead,
            product=product,
            user=request.auth,
        )
    except ValidationError as error:
        raise _renamed(error, {"to_company": "to_company_id"}) from None
    return Status(201, _contact_out(selectors.contact_request_get(viewer, contact.pk), viewer))


@router.get(
    "/trade/contact-requests",
    response={200: TradeContactRequests, **ERRORS},
    summary="Contact requests of the companies I manage",
)
def contact_requests_list(request: HttpRequest, query: Query[TradeContactRequestsQuery]):
    """``incoming``: addressed to them (to answer); ``outgoing``: those they sent; newest
    first."""
    viewer = _viewer(request)
    requests = selectors.contact_requests_for(viewer, incoming=query.direction == "incoming")
    return _page_out(
        _page_of_list(requests, query.page, query.per_page), lambda r: _contact_out(r, viewer)
    )


def _answer(request: HttpRequest, request_id: int, *, accept: bool) -> dict:
    viewer = _viewer(request)
    contact = selectors.contact_request_get(viewer, request_id)
    if contact is None:
        raise Http404
    if contact.to_company_id not in viewer.admin_of and not viewer.is_admin:
        raise PermissionDenied  # the asking side sees it; the asked side answers
    services.contact_request_answer(contact, accept=accept)
    return _contact_out(contact, viewer)


@router.post(
    "/trade/contact-requests/{request_id}/accept",
    response={200: TradeContactRequest, **WRITE_ERRORS},
    summary="Accept a contact request",
)
def contact_request_accept(request: HttpRequest, request_id: int = Path(..., **DB_ID)):
    return _answer(request, request_id, accept=True)


@router.post(
    "/trade/contact-requests/{request_id}/decline",
    response={200: TradeContactRequest, **WRITE_ERRORS},
    summary="Decline a contact request",
)
def contact_request_decline(request: HttpRequest, request_id: int = Path(..., **DB_ID)):
    return _answer(request, request_id, accept=False)


# -- deals ----------------------------------------------------------------------------------------


@router.post(
    "/trade/deals",
    response={201: TradeDeal, **BODY_ERRORS},
    summary="Record a deal (it counts once the other side confirms it)",
)
def deal_create(request: HttpRequest, payload: TradeDealIn):
    """Between an exporter and a distributor, by one of them; made already (``deal_date`` not
    ahead); value in USD and volume greater than zero."""
    viewer = _viewer(request)
    values = payload.model_dump()
    company = _acting_company(viewer, values.pop("company_id"))
    counterpart = selectors.company_get(viewer, values.pop("counterpart_id"))
    if counterpart is None:
        raise ValidationError({"counterpart_id": _("There is no such company.")})
    lead_id, product_id = values.pop("lead_id"), values.pop("product_id")
    lead = product = None
    if lead_id is not None:
        lead = selectors.lead_get(viewer, lead_id)
        if lead is None:
            raise ValidationError({"lead_id": _("There is no such trade lead.")})
    if product_id is not None:
        product = selectors.product_get(viewer, product_id)
        if product is None:
            raise ValidationError({"product_id": _("There is no such product.")})
    try:
        deal = services.deal_propose(
            company=company, counterpart=counterpart, lead=lead, product=product, **values
        )
    except ValidationError as error:
        raise _renamed(error, {"counterpart": "counterpart_id", "product": "product_id"}) from None
    return Status(201, _deal_out(selectors.deal_get(viewer, deal.pk)))


@router.get(
    "/trade/deals",
    response={200: TradeDeals, **ERRORS},
    summary="Deals of the companies I manage",
)
def deals_list(request: HttpRequest, query: Query[TradeDealsQuery]):
    """Newest first (by the date of the deal); all deals for platform admins."""
    deals = selectors.deals_for(_viewer(request), status=query.status)
    return _page_out(_page_of_list(deals, query.page, query.per_page), _deal_out)


@router.post(
    "/trade/deals/{deal_id}/confirm",
    response={200: TradeDeal, **WRITE_ERRORS},
    summary="Confirm a deal the other side recorded",
)
def deal_confirm(request: HttpRequest, deal_id: int = Path(..., **DB_ID)):
    """By a manager of the other party: the deal is then on record (figures, reliability,
    reviews)."""
    viewer = _viewer(request)
    deal = selectors.deal_get(viewer, deal_id)
    if deal is None:
        raise Http404
    side = rules.deal_side(viewer, deal)
    if side is None:
        raise PermissionDenied  # platform admins see deals but are not a party
    services.deal_confirm(deal, company=side)
    return _deal_out(selectors.deal_get(viewer, deal_id))
