"""Test data for the trade portal, through the services (so tests see what users would)."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from kieubao.trade import services
from kieubao.trade.taxcode import make_tax_code

_counter = itertools.count(1)


def next_tax_code() -> str:
    while True:
        code = make_tax_code(f"01{next(_counter):07d}")
        if code is not None:
            return code


def make_exporter(*, person=None, name: str | None = None, province_code: int = 31, **values):
    values.setdefault("tax_code", next_tax_code())
    values.setdefault("markets", ["DE", "FR"])
    values.setdefault("sectors", ["09"])
    return services.company_create(
        role="exporter",
        name=name or f"Công ty Xuất khẩu {next(_counter)}",
        country="VN",
        province_code=province_code,
        person=person,
        **values,
    )


def make_distributor(*, person=None, name: str | None = None, country: str = "DE", **values):
    values.setdefault("markets", [country])
    values.setdefault("channels", ["grocery"])
    return services.company_create(
        role="distributor",
        name=name or f"Việt Phân Phối {next(_counter)}",
        country=country,
        person=person,
        **values,
    )


def make_product(company, *, publish: bool = True, **values):
    values.setdefault("name_vi", "Cà phê Robusta rang xay")
    values.setdefault("name_en", "Roasted ground Robusta coffee")
    values.setdefault("hs_code", "090121")
    values.setdefault("category", "coffee_tea")
    values.setdefault("province_code", company.province_code or 31)
    return services.product_create(company=company, publish=publish, **values)


def make_certificate(company, *, product=None, kind: str = "haccp", days_left: int = 365, **values):
    today = timezone.localdate()
    values.setdefault("issuer", "Bureau Veritas")
    values.setdefault("number", f"CERT-{next(_counter)}")
    values.setdefault("valid_from", today - timedelta(days=30))
    values.setdefault("valid_to", today + timedelta(days=days_left))
    return services.certificate_add(company=company, product=product, kind=kind, **values)


def make_confirmed_deal(exporter, distributor, *, product=None, value_usd="25000", market="DE"):
    deal = services.deal_propose(
        company=distributor,
        counterpart=exporter,
        value_usd=value_usd,
        volume="5000",
        market=market,
        deal_date=timezone.localdate(),
        product=product,
    )
    return services.deal_confirm(deal, company=exporter)
