"""Who may do what in the trade portal (deny by default).

- The catalogue (published products of active companies, companies, market pages, programme
  figures) is public. A company's contacts, trade leads and reviews' authors need a signed-in
  member.
- A company is *managed* by the admins of its registry organisation and platform admins; its
  managers list products, certificates, leads and channels, answer contact requests, propose
  and confirm deals.
- Verification (and revocation) is by officials: of a ministry (trade offices) for any company,
  of a diplomatic mission for companies in its country, of a province for exporters of that
  province; a body revokes its own verifications (platform admins any).
- Signature products are flagged by ministry officials (the trade office) and, for products
  that come from their province, by province officials.
- Market requirements are declared by ministry officials, and by a mission for its country.
- A review is written by a manager of a party to a confirmed deal, about the other party.
- Fraud reports are filed by any signed-in member and resolved by platform admins; a report is
  seen by its reporter and the admins.
- Market reports are filed by members with a registry profile; moderators are platform admins.
"""

from __future__ import annotations

from kieubao.community.rules import Viewer

from .models import Company, CompanyRole, CompanyStatus, Deal, DealStatus, Product, ProductStatus


def managed_companies(viewer: Viewer) -> frozenset[int]:
    """Organisation ids this viewer administers (a company's id is its organisation's)."""
    return viewer.admin_of


def can_manage_company(viewer: Viewer, company: Company) -> bool:
    return viewer.is_admin or company.organisation_id in viewer.admin_of


def can_view_company(viewer: Viewer, company: Company) -> bool:
    return company.status == CompanyStatus.ACTIVE or can_manage_company(viewer, company)


def can_see_contacts(viewer: Viewer, company: Company) -> bool:
    return viewer.is_authenticated


def can_create_company(viewer: Viewer) -> bool:
    """Members with a registry profile register companies (and become their admins); officials
    act for the State, not for a business."""
    return viewer.is_admin or (viewer.person_id is not None and viewer.scope is None)


def can_view_product(viewer: Viewer, product: Product) -> bool:
    if can_manage_company(viewer, product.company):
        return True
    return (
        product.status == ProductStatus.PUBLISHED and product.company.status == CompanyStatus.ACTIVE
    )


def can_verify(viewer: Viewer, company: Company) -> bool:
    if viewer.is_admin:
        return True
    scope = viewer.scope
    if scope is None:
        return False
    if scope.national:
        return True
    if scope.country:
        return str(company.organisation.country) == scope.country
    if scope.province_code is not None:
        return company.role == CompanyRole.EXPORTER and company.province_code == scope.province_code
    return False


def can_revoke_verification(viewer: Viewer, verification) -> bool:
    if viewer.is_admin:
        return True
    return viewer.scope is not None and viewer.scope.body_id == verification.body_id


def can_flag_signature(viewer: Viewer, product: Product) -> bool:
    if viewer.is_admin:
        return True
    scope = viewer.scope
    if scope is None:
        return False
    return scope.national or (
        scope.province_code is not None and scope.province_code == product.province_code
    )


def can_declare_requirements(viewer: Viewer, country: str) -> bool:
    if viewer.is_admin:
        return True
    scope = viewer.scope
    return scope is not None and (
        scope.national or (bool(scope.country) and scope.country == country)
    )


def deal_side(viewer: Viewer, deal: Deal) -> Company | None:
    """The party this viewer acts for in the deal (the exporter first), or None."""
    for company in (deal.exporter, deal.distributor):
        if company.organisation_id in viewer.admin_of:
            return company
    return None


def can_view_deal(viewer: Viewer, deal: Deal) -> bool:
    return viewer.is_admin or deal_side(viewer, deal) is not None


def can_review(viewer: Viewer, deal: Deal) -> bool:
    return deal.status == DealStatus.CONFIRMED and deal_side(viewer, deal) is not None


def can_resolve_fraud(viewer: Viewer) -> bool:
    return viewer.is_admin


def can_view_fraud_report(viewer: Viewer, report) -> bool:
    return viewer.is_admin or (viewer.user_id is not None and report.reporter_id == viewer.user_id)


def can_file_market_report(viewer: Viewer) -> bool:
    return viewer.person_id is not None


def can_moderate(viewer: Viewer) -> bool:
    return viewer.is_admin


def can_import_trade_stats(viewer: Viewer) -> bool:
    return viewer.is_admin or (viewer.scope is not None and viewer.scope.national)
