"""Catalogue search: published products of active companies, and companies, through the search
indexes (search.py).

    search_products(viewer, *, text="", hs="", province=None, category="", certificate="",
                    market="", signature=False, ocop_min=None, verified=False, page=1,
                    per_page=PAGE_SIZE, day=None) -> ResultPage   # items: Product
    search_companies(viewer, *, text="", role="", country="", province=None, sector="",
                     certificate="", verified=False, page=1, per_page=PAGE_SIZE) -> ResultPage

With text, results come by relevance (a word in a name weighs more than one in a description);
without, signature products first, then the newest (companies: the most reliable first).
``certificate`` is a certificate kind (or "any") held valid on ``day`` (default today).

Filter values come from users (query strings, API parameters): a value that cannot match
anything (an unknown HS chapter, category or certificate kind) gives an empty page; one that
is no value at all (letters in a province code, stars out of 1–5) is ignored. Never an error.
Items are read from the database in the index's order; the database decides (a product
withdrawn a moment ago is dropped even if the index still holds it).
"""

from __future__ import annotations

import re
from datetime import date

from kieubao.community.rules import Viewer
from kieubao.community.selectors import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, ResultPage

from .models import (
    CertificateKind,
    Channel,
    Company,
    CompanyRole,
    CompanyStatus,
    Product,
    ProductCategory,
    ProductStatus,
)
from .search import (
    ANY_CERTIFICATE,
    COMPANY_SCHEMA,
    PRODUCT_SCHEMA,
    Filters,
    combine,
    company_index,
    filter_clauses,
    product_index,
    text_clauses,
)

_SEPARATORS = re.compile(r"[\s.\-]")
_NOTHING = object()


def clean_hs_prefix(value) -> str | object:
    """The digits of an HS prefix typed by a user (a chapter, heading or subheading), or ""
    to ignore it. An unknown chapter is kept: it matches nothing."""
    digits = _SEPARATORS.sub("", str(value or ""))
    if not digits or not digits.isdigit() or len(digits) < 2:
        return ""
    return digits[: min(6, len(digits) // 2 * 2)]


def clean_province(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 1000 else None


def clean_choice(value, choices) -> str | object:
    value = str(value or "").strip()
    if not value:
        return ""
    return value if value in choices.values else _NOTHING


def clean_certificate(value) -> str | object:
    value = str(value or "").strip().lower()
    if not value:
        return ""
    if value == ANY_CERTIFICATE or value in CertificateKind.values:
        return value
    return _NOTHING


def clean_country(value) -> str:
    value = str(value or "").strip().upper()
    return value if len(value) == 2 and value.isalpha() else ""


def clean_stars(value) -> int | None:
    try:
        stars = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return stars if 1 <= stars <= 5 else None


def _page_numbers(page, per_page) -> tuple[int, int]:
    try:
        per_page = max(1, min(int(per_page), MAX_PAGE_SIZE))
    except (TypeError, ValueError):
        per_page = PAGE_SIZE
    try:
        page = max(1, min(int(page), MAX_PAGE))
    except (TypeError, ValueError):
        page = 1
    return page, per_page


def product_filters(
    *,
    hs="",
    province=None,
    category="",
    certificate="",
    market="",
    signature=False,
    ocop_min=None,
    verified=False,
    day: date | None = None,
) -> Filters:
    filters = Filters(day=day)
    prefix = clean_hs_prefix(hs)
    if prefix:
        filters.keywords.append(f"hs:{prefix}")
    province = clean_province(province) if province not in (None, "") else None
    if province is not None:
        filters.keywords.append(f"p:{province}")
    category = clean_choice(category, ProductCategory)
    if category is _NOTHING:
        filters.nothing = True
    elif category:
        filters.keywords.append(f"cat:{category}")
    kind = clean_certificate(certificate)
    if kind is _NOTHING:
        filters.nothing = True
    else:
        filters.certificate = kind
    market = clean_country(market)
    if market:
        filters.keywords.append(f"m:{market}")
    if signature:
        filters.keywords.append("sig")
    if verified:
        filters.keywords.append("ver")
    filters.ocop_min = clean_stars(ocop_min) if ocop_min not in (None, "") else None
    return filters


def search_products(
    viewer: Viewer,
    *,
    text: str = "",
    hs="",
    province=None,
    category="",
    certificate="",
    market="",
    signature=False,
    ocop_min=None,
    verified=False,
    page=1,
    per_page=PAGE_SIZE,
    day: date | None = None,
) -> ResultPage:
    page, per_page = _page_numbers(page, per_page)
    filters = product_filters(
        hs=hs,
        province=province,
        category=category,
        certificate=certificate,
        market=market,
        signature=signature,
        ocop_min=ocop_min,
        verified=verified,
        day=day,
    )
    if filters.nothing:
        return ResultPage(total=0, page=page, per_page=per_page, items=[])
    words = text_clauses(PRODUCT_SCHEMA, text or "")
    query = combine(words + filter_clauses(PRODUCT_SCHEMA, filters))
    hits = product_index().search(
        query, ranked=bool(words), offset=(page - 1) * per_page, limit=per_page
    )
    found = Product.objects.select_related("company__organisation").in_bulk(hits.ids)
    items = [
        p
        for p in (found.get(pid) for pid in hits.ids)
        if p is not None
        and p.status == ProductStatus.PUBLISHED
        and p.company.status == CompanyStatus.ACTIVE
    ]
    return ResultPage(total=hits.total, page=page, per_page=per_page, items=items)


def search_companies(
    viewer: Viewer,
    *,
    text: str = "",
    role="",
    country="",
    province=None,
    sector="",
    certificate="",
    verified=False,
    page=1,
    per_page=PAGE_SIZE,
    market="",
    channel="",
    day: date | None = None,
) -> ResultPage:
    """Active companies. ``sector`` is an HS chapter (the sectors a company declares and the
    chapters of the goods it carries); ``market`` where it exports or sells."""
    page, per_page = _page_numbers(page, per_page)
    filters = Filters(day=day)
    role = clean_choice(role, CompanyRole)
    channel = clean_choice(channel, Channel)
    kind = clean_certificate(certificate)
    if _NOTHING in (role, channel, kind):
        return ResultPage(total=0, page=page, per_page=per_page, items=[])
    if role:
        filters.keywords.append(f"role:{role}")
    if channel:
        filters.keywords.append(f"ch:{channel}")
    filters.certificate = kind
    if clean_country(country):
        filters.keywords.append(f"c:{clean_country(country)}")
    if clean_country(market):
        filters.keywords.append(f"m:{clean_country(market)}")
    province = clean_province(province) if province not in (None, "") else None
    if province is not None:
        filters.keywords.append(f"p:{province}")
    chapter = clean_hs_prefix(sector)
    if chapter:
        filters.keywords.append(f"s:{chapter[:2]}")
    if verified:
        filters.keywords.append("ver")
    words = text_clauses(COMPANY_SCHEMA, text or "")
    query = combine(words + filter_clauses(COMPANY_SCHEMA, filters))
    hits = company_index().search(
        query, ranked=bool(words), offset=(page - 1) * per_page, limit=per_page
    )
    found = Company.objects.select_related("organisation").in_bulk(hits.ids)
    items = [
        c
        for c in (found.get(cid) for cid in hits.ids)
        if c is not None and c.status == CompanyStatus.ACTIVE
    ]
    return ResultPage(total=hits.total, page=page, per_page=per_page, items=items)
