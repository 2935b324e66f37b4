from __future__ import annotations

from ninja import Schema

# A count is an integer, or for callers without exact figures "<10" (a count from 1 to 9) or
# "x" (hidden so that a small count cannot be worked out by subtraction).
Count = int | str


class AreaOut(Schema):
    code: int | str  # the province's official code, or "national"
    name: str


class CountryCount(Schema):
    code: str
    name: str
    count: Count


class FieldCountOut(Schema):
    slug: str
    name: str
    count: Count


class ResidencyOut(Schema):
    permanent: Count
    temporary: Count
    student: Count
    labour: Count


class QualificationOut(Schema):
    phd: Count
    master: Count
    bachelor: Count
    college: Count
    other: Count


class PeopleOut(Schema):
    total: Count
    countries: int
    by_residency: ResidencyOut
    not_given_residency: Count
    by_qualification: QualificationOut
    by_country: list[CountryCount]
    by_field: list[FieldCountOut]


class EnterprisesOut(Schema):
    total: Count
    abroad: Count
    home: Count
    countries: int
    by_country: list[CountryCount]


class StatusOut(Schema):
    licensed: Count
    building: Count
    operating: Count
    suspended: Count
    terminated: Count


class InvestmentsOut(Schema):
    total: Count
    capital_usd: int | None
    by_status: StatusOut


class RemittanceYear(Schema):
    year: int
    usd: int
    growth_pct: float | None  # on the year before, when it is in the data


class RemittancePeriod(Schema):
    from_year: int
    to_year: int
    usd: int
    years: int
    complete: bool
    growth_pct: float | None  # on the previous period, when both are complete


class SummaryOut(Schema):
    province: AreaOut
    exact: bool  # False: counts from 1 to 9 are shown as "<10", cover cells as "x"
    people: PeopleOut
    enterprises: EnterprisesOut
    investments: InvestmentsOut
    remittances: list[RemittanceYear]
    remittance_periods: list[RemittancePeriod]
