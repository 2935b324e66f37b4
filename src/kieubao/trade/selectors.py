"""Reads of the trade portal, always for a viewer (see rules.py). Catalogue search (products and
companies, through the search indexes) is in catalogue.py; ranked counterparts of a lead in
matching.py; market data and programme figures in markets.py."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kieubao.community.rules import Viewer
from kieubao.community.selectors import PAGE_SIZE, ResultPage
from kieubao.community.selectors import paginate as page_of

from . import rules
from .models import (
    Certificate,
    Company,
    CompanyStatus,
    ContactRequest,
    Deal,
    DealStatus,
    DistributionChannel,
    FraudReport,
    FraudStatus,
    Lead,
    LeadStatus,
    MarketReport,
    MarketReportStatus,
    Product,
    ProductStatus,
    Review,
    Verification,
)


def _companies() -> QuerySet[Company]:
    return Company.objects.select_related("organisation")


def company_get(viewer: Viewer, company_id: int) -> Company | None:
    company = _companies().filter(pk=company_id).first()
    if company is None or not rules.can_view_company(viewer, company):
        return None
    return company


def managed_companies(viewer: Viewer, *, role: str | None = None) -> list[Company]:
    """The companies this viewer administers (all of them for nobody: admins act through
    the company pages, not as a party)."""
    qs = _companies().filter(pk__in=viewer.admin_of)
    if role:
        qs = qs.filter(role=role)
    return list(qs.order_by("name_folded"))


def _products() -> QuerySet[Product]:
    return Product.objects.select_related("company__organisation").prefetch_related("photos")


def product_get(viewer: Viewer, product_id: int) -> Product | None:
    product = _products().filter(pk=product_id).first()
    if product is None or not rules.can_view_product(viewer, product):
        return None
    return product


def company_products(viewer: Viewer, company: Company) -> list[Product]:
    """Published products; the company's managers see drafts and withdrawn ones too."""
    qs = _products().filter(company=company)
    if not rules.can_manage_company(viewer, company):
        qs = qs.filter(status=ProductStatus.PUBLISHED)
    return list(qs)


def company_certificates(company: Company) -> list[Certificate]:
    """Certificates are public (a buyer checks them); expired ones are flagged by the page."""
    return list(company.certificates.select_related("product").order_by("kind", "-valid_to"))


def active_verifications(company: Company) -> list[Verification]:
    return list(
        company.verifications.filter(revoked_at__isnull=True)
        .select_related("body")
        .order_by("-verified_at")
    )


def verifications_history(company: Company) -> list[Verification]:
    return list(company.verifications.select_related("body").order_by("-verified_at"))


def company_reviews(company: Company) -> list[Review]:
    return list(company.reviews.select_related("reviewer__organisation", "deal"))


# --- leads --------------------------------------------------------------------------------------
def _leads() -> QuerySet[Lead]:
    return Lead.objects.select_related("company__organisation", "product")


def leads_list(
    viewer: Viewer,
    *,
    kind: str | None = None,
    hs: str = "",
    market: str = "",
    text: str = "",
    mine: bool = False,
    include_closed: bool = False,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ResultPage:
    """Open leads of active companies for signed-in members (a lead's owner also sees its
    closed ones with ``include_closed``); ``hs`` matches a lead whose code and this one share
    their leading digits either way (a buy request for 0901 meets an offer of 090121)."""
    from kieubao.core.text import fold

    if not viewer.is_authenticated or "\x00" in f"{kind or ''}{hs}{market}{text}":
        return ResultPage(total=0, page=1, per_page=per_page, items=[])
    qs = _leads().filter(company__status=CompanyStatus.ACTIVE)
    if mine:
        qs = qs.filter(company_id__in=viewer.admin_of)
        if not include_closed:
            qs = qs.filter(status=LeadStatus.OPEN)
    else:
        qs = qs.filter(status=LeadStatus.OPEN)
    if kind:
        qs = qs.filter(kind=kind)
    if hs:
        digits = "".join(ch for ch in hs if ch.isdigit())[:6]
        if digits:
            shorter = [digits[:n] for n in (2, 4, 6) if n <= len(digits)]
            qs = qs.filter(Q(hs_code__startswith=digits) | Q(hs_code__in=shorter))
    if market:
        qs = qs.filter(market=market.upper())
    for word in fold(text).split()[:8]:
        qs = qs.filter(text_folded__contains=word)
    return page_of(qs, page, per_page)


def lead_get(viewer: Viewer, lead_id: int) -> Lead | None:
    """Leads are for signed-in members; a closed lead only for its company's managers."""
    if not viewer.is_authenticated:
        return None
    lead = _leads().filter(pk=lead_id).first()
    if lead is None:
        return None
    manages = rules.can_manage_company(viewer, lead.company)
    if lead.company.status != CompanyStatus.ACTIVE and not manages:
        return None
    if lead.status != LeadStatus.OPEN and not manages:
        return None
    return lead


# --- contact requests and deals ----------------------------------------------------------------
def contact_requests_for(viewer: Viewer, *, incoming: bool = True) -> list[ContactRequest]:
    qs = ContactRequest.objects.select_related(
        "from_company__organisation", "to_company__organisation", "lead", "product"
    )
    if incoming:
        qs = qs.filter(to_company_id__in=viewer.admin_of)
    else:
        qs = qs.filter(from_company_id__in=viewer.admin_of)
    return list(qs)


def contact_request_get(viewer: Viewer, request_id: int) -> ContactRequest | None:
    request = (
        ContactRequest.objects.select_related(
            "from_company__organisation", "to_company__organisation"
        )
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        return None
    if viewer.is_admin or {request.from_company_id, request.to_company_id} & viewer.admin_of:
        return request
    return None


def connected(a: Company, b: Company) -> bool:
    """Two companies are in touch once either accepted the other's contact request: they then
    see each other's contacts as parties."""
    return ContactRequest.objects.filter(
        Q(from_company=a, to_company=b) | Q(from_company=b, to_company=a), status="accepted"
    ).exists()


def _deals() -> QuerySet[Deal]:
    return Deal.objects.select_related(
        "exporter__organisation", "distributor__organisation", "product", "lead"
    )


def deals_for(viewer: Viewer, *, status: str | None = None) -> list[Deal]:
    """The deals of the companies the viewer administers (all deals for admins)."""
    qs = _deals()
    if not viewer.is_admin:
        qs = qs.filter(Q(exporter_id__in=viewer.admin_of) | Q(distributor_id__in=viewer.admin_of))
    if status:
        qs = qs.filter(status=status)
    return list(qs)


def deal_get(viewer: Viewer, deal_id: int) -> Deal | None:
    deal = _deals().filter(pk=deal_id).first()
    if deal is None or not rules.can_view_deal(viewer, deal):
        return None
    return deal


def reviewable_deals(viewer: Viewer, company: Company) -> list[Deal]:
    """Confirmed deals with ``company`` that a company of the viewer has not reviewed yet."""
    deals = _deals().filter(
        Q(exporter=company, distributor_id__in=viewer.admin_of)
        | Q(distributor=company, exporter_id__in=viewer.admin_of),
        status=DealStatus.CONFIRMED,
    )
    return [d for d in deals if not d.reviews.filter(company=company).exists()]


# --- fraud reports ------------------------------------------------------------------------------
def fraud_reports(viewer: Viewer, *, status: str | None = FraudStatus.OPEN) -> list[FraudReport]:
    """For the admins: every report (open ones by default); for others: their own."""
    qs = FraudReport.objects.select_related("company__organisation")
    if not viewer.is_admin:
        if viewer.user_id is None:
            return []
        qs = qs.filter(reporter_id=viewer.user_id)
    elif status:
        qs = qs.filter(status=status)
    return list(qs)


def fraud_report_get(viewer: Viewer, report_id: int) -> FraudReport | None:
    report = (
        FraudReport.objects.select_related("company__organisation").filter(pk=report_id).first()
    )
    if report is None or not rules.can_view_fraud_report(viewer, report):
        return None
    return report


# --- distribution and market reports ----------------------------------------------------------
def _channels() -> QuerySet[DistributionChannel]:
    return DistributionChannel.objects.select_related(
        "distributor__organisation", "product__company__organisation"
    ).filter(
        distributor__status=CompanyStatus.ACTIVE,
        product__status=ProductStatus.PUBLISHED,
        product__company__status=CompanyStatus.ACTIVE,
    )


def channels_for_product(product: Product) -> list[DistributionChannel]:
    return list(_channels().filter(product=product).order_by("market", "-started_on"))


def channels_for_market(market: str) -> list[DistributionChannel]:
    return list(_channels().filter(market=market.upper()).order_by("-started_on"))


def channels_of_distributor(company: Company) -> list[DistributionChannel]:
    return list(_channels().filter(distributor=company))


def market_reports(
    viewer: Viewer, *, market: str, hs: str = "", include_hidden: bool = False
) -> list[MarketReport]:
    qs = MarketReport.objects.select_related("author").filter(market=market.upper())
    if hs:
        digits = "".join(ch for ch in hs if ch.isdigit())[:6]
        shorter = [digits[:n] for n in (2, 4, 6) if n <= len(digits)]
        qs = qs.filter(Q(hs_code__startswith=digits) | Q(hs_code__in=shorter))
    if not (include_hidden and rules.can_moderate(viewer)):
        qs = qs.filter(status=MarketReportStatus.PUBLISHED)
    return list(qs)
