"""Builders for the investment tests: everything through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kieubao.community import services as community
from kieubao.community.models import Organisation, OrganisationKind, Person
from kieubao.investment import services


def make_opportunity(body: Organisation, *, publish: bool = True, **values):
    values.setdefault("title", "Khu công nghệ sinh học Hải Phòng")
    values.setdefault("title_en", "Hai Phong biotechnology park")
    values.setdefault("summary", "Khu nghiên cứu và sản xuất công nghệ sinh học.")
    values.setdefault("summary_en", "A biotechnology research and production park.")
    values.setdefault("sector", "biotech")
    values.setdefault("province_code", body.province_code or 31)
    values.setdefault("size_usd", Decimal("20000000"))
    values.setdefault("rate_vnd_per_usd", Decimal("26000"))
    values.setdefault("rate_date", date(2026, 1, 5))
    opportunity = services.opportunity_create(body=body, **values)
    if publish:
        services.opportunity_publish(opportunity)
    return opportunity


def make_business(admin: Person, name: str = "Sen Vàng GmbH", country: str = "DE") -> Organisation:
    business = community.organisation_create(
        name=name, kind=OrganisationKind.BUSINESS, country=country
    )
    community.membership_add(person=admin, organisation=business, role="admin")
    return business


def make_enterprise(business: Organisation, **values):
    values.setdefault("location", "abroad")
    values.setdefault("country", str(business.country))
    values.setdefault("province_code", 31)
    values.setdefault("sector", "green")
    values.setdefault("founded_year", 2012)
    values.setdefault("employees", 40)
    values.setdefault("capital_usd", "1500000")
    return services.enterprise_create(organisation=business, **values)
