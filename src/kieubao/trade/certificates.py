"""Which certificates count for a product on a day, and what a market requires of it.

A product holds its own certificates and those of its company that name no product (a
factory's HACCP covers everything it makes). A certificate counts from ``valid_from`` to
``valid_to`` inclusive; the day after it is expired: flagged on the pages and left out of every
"certified" filter and of matching."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q
from django.utils import timezone

from .hs import prefixes
from .models import Certificate, MarketRequirement, Product


def certificates_of(product: Product) -> list[Certificate]:
    """All the product's certificates (its own and its company's), valid or not."""
    return list(
        Certificate.objects.filter(
            Q(product=product) | Q(company_id=product.company_id, product__isnull=True)
        ).order_by("kind", "-valid_to", "id")
    )


def valid_kinds(certificates: Iterable[Certificate], day: date | None = None) -> set[str]:
    day = day or timezone.localdate()
    return {c.kind for c in certificates if c.valid_from <= day <= c.valid_to}


def valid_kinds_by_product(
    product_ids: Iterable[int], day: date | None = None
) -> dict[int, set[str]]:
    """product id -> kinds valid on ``day`` (one query for the products, one for companies)."""
    day = day or timezone.localdate()
    ids = list(product_ids)
    result: dict[int, set[str]] = {pid: set() for pid in ids}
    if not ids:
        return result
    company_of = dict(Product.objects.filter(pk__in=ids).values_list("pk", "company_id"))
    valid = Q(valid_from__lte=day, valid_to__gte=day)
    for pid, kind in Certificate.objects.filter(valid, product_id__in=ids).values_list(
        "product_id", "kind"
    ):
        result[pid].add(kind)
    by_company: dict[int, set[str]] = {}
    for cid, kind in Certificate.objects.filter(
        valid, product__isnull=True, company_id__in=set(company_of.values())
    ).values_list("company_id", "kind"):
        by_company.setdefault(cid, set()).add(kind)
    for pid, cid in company_of.items():
        result[pid] |= by_company.get(cid, set())
    return result


def required_kinds(country: str, hs_code: str) -> set[str]:
    """What the market requires for goods of this HS code: the union of its requirements for
    the code's chapter, heading, subheading and for all goods."""
    if not country:
        return set()
    wanted = ["", *prefixes(hs_code)]
    kinds: set[str] = set()
    for certificates in MarketRequirement.objects.filter(
        country=country, hs_prefix__in=wanted
    ).values_list("certificates", flat=True):
        kinds.update(certificates)
    return kinds


def missing_for_market(product: Product, country: str, day: date | None = None) -> list[str]:
    """The certificate kinds ``country`` requires that the product does not hold valid today."""
    required = required_kinds(country, product.hs_code)
    if not required:
        return []
    have = valid_kinds(certificates_of(product), day)
    return sorted(required - have)
