"""The catalogue's search indexes (products and companies). STUB: filled in by the search
work; services call these hooks after every change that a search result depends on."""

from __future__ import annotations

from collections.abc import Iterable


def schedule_product_update(product_ids: Iterable[int]) -> None:
    """Re-index these products when the current transaction commits."""


def schedule_company_update(company_ids: Iterable[int], *, with_products: bool = False) -> None:
    """Re-index these companies (and, with_products, all their products) on commit."""
