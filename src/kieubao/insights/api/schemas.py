from __future__ import annotations

from ninja import Schema

# A count is an integer, or for callers without exact figures "<10" (a count from 1 to 9) or
# "x" (hidden so that a small count cannot be worked out by subtraction).
Count = int | str


class InsightsArea(Schema):
    code: int | str  # the province's official code, or "national"
    name: str


class InsightsCountryCount(Schema):
    code: str
    name: str
    count: Count


class InsightsFieldCount(Schema):
    slug: str
    name: str
    count: Count


class InsightsResidency(Schema):
    permanent: Count
    temporary: Count
    student: Count
    labour: Count


class InsightsQualification(Schema):
    phd: Count
    master: Count
    bachelor: Count
    college: Count
    other: Count


class InsightsPeople(Schema):
    total: Count
    countries: int
    by_residency: InsightsResidency
    not_given_residency: Count
    by_qualification: InsightsQualification
    by_country: list[InsightsCountryCount]
    by_field: list[InsightsFieldCount]


class InsightsEnterprises(Schema):
    total: Count
    abroad: Count
    home: Count
    countries: int
    by_country: list[InsightsCountryCount]


class InsightsStatus(Schema):
    licensed: Count
    building: Count
    operating: Count
    suspended: Count
    terminated: Count


class InsightsInvestments(Schema):
    total: Count
    capital_usd: int | None
    by_status: InsightsStatus


class InsightsRemittanceYear(Schema):
    year: int
    usd: int
    growth_pct: float | None  # on the year before, when it is in the data


class InsightsRemittancePeriod(Schema):
    from_year: int
    to_year: int
    usd: int
    years: int
    complete: bool
    growth_pct: float | None  # on the previous period, when both are complete


class InsightsSummary(Schema):
    province: InsightsArea
    exact: bool  # False: counts from 1 to 9 are shown as "<10", cover cells as "x"
    people: InsightsPeople
    enterprises: InsightsEnterprises
    investments: InsightsInvestments
    remittances: list[InsightsRemittanceYear]
    remittance_periods: list[InsightsRemittancePeriod]
