"""Input and output schemas of the investment API. Names start with ``Investment`` so that they
never clash with another app's in the OpenAPI document. No input field is called ``body``: the
shared error handler drops that name from error paths (the publishing body is ``body_id``).
Amounts in USD are decimal strings (or numbers) to the cent; VND are whole đồng."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StrictInt

from kieubao.community.selectors import PAGE_SIZE

SectorName = Literal[
    "startups",
    "digital",
    "biotech",
    "materials",
    "green",
    "semiconductors",
    "agritech",
    "infrastructure",
    "tourism",
    "other",
]
ProjectStageName = Literal[
    "idea", "feasibility", "approved", "land_ready", "construction", "operating"
]
OpportunityStatusName = Literal["draft", "published", "closed"]
StageName = Literal[
    "interest", "site_visit", "mou", "licence", "disbursed", "withdrawn", "declined"
]
MoveStageName = Literal["site_visit", "mou", "licence", "disbursed", "declined"]
LocationName = Literal["abroad", "home"]

DbId = Annotated[StrictInt, Field(ge=1, le=2_147_483_647)]
Amount = Annotated[Decimal, Field(allow_inf_nan=False)]
Vnd = Annotated[int, Field(ge=-(10**18), le=10**18)]
ProvinceCode = Annotated[StrictInt, Field(ge=0, le=999)]


class InvestmentRef(Schema):
    id: int
    name: str


class InvestmentOpportunity(Schema):
    id: int
    name: str  # in the caller's language
    title: str
    title_en: str
    summary: str  # in the caller's language
    body: InvestmentRef
    sector: SectorName
    province_code: int
    address: str
    size_usd: Decimal | None = None
    size_vnd: int | None = None
    rate_vnd_per_usd: Decimal | None = None
    rate_date: dt.date | None = None
    stage: ProjectStageName
    status: OpportunityStatusName
    published_at: datetime | None = None
    interests: int  # how many (the public sees counts only)


class InvestmentOpportunityDetail(InvestmentOpportunity):
    summary_vi: str
    summary_en: str
    description: str  # in the caller's language
    incentives: str
    contact_body: InvestmentRef | None = None
    contact_email: str
    contact_phone: str
    documents: list[InvestmentRef]
    by_stage: dict[str, int]
    can_manage: bool
    my_interest_id: int | None = None


class InvestmentOpportunitiesPage(Schema):
    count: int
    page: int
    pages: int
    results: list[InvestmentOpportunity]


class InvestmentOpportunitiesQuery(Schema):
    q: str = Field("", max_length=200, description="Words of the title, summary or address")
    sector: SectorName | None = None
    province: int | None = Field(None, ge=1, le=99, description="The location's province code")
    stage: ProjectStageName | None = None
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(PAGE_SIZE, ge=1, le=100)


class InvestmentOpportunityPatch(Schema):
    title: str | None = Field(None, max_length=200)
    title_en: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=1000)
    summary_en: str | None = Field(None, max_length=1000)
    description: str | None = Field(None, max_length=20000)
    description_en: str | None = Field(None, max_length=20000)
    sector: SectorName | None = None
    province_code: ProvinceCode | None = None
    address: str | None = Field(None, max_length=300)
    size_usd: Amount | None = None
    size_vnd: Vnd | None = None
    rate_vnd_per_usd: Amount | None = None
    rate_date: dt.date | None = None
    incentives: str | None = Field(None, max_length=5000)
    incentives_en: str | None = Field(None, max_length=5000)
    stage: ProjectStageName | None = None
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=40)


class InvestmentOpportunityIn(InvestmentOpportunityPatch):
    body_id: DbId = Field(..., description="The publishing province or ministry")
    title: str = Field(..., max_length=200)
    sector: SectorName
    province_code: ProvinceCode


class InvestmentStep(Schema):
    stage: StageName
    date: dt.date
    amount_usd: Decimal | None = None
    note: str


class InvestmentInterest(Schema):
    id: int
    opportunity: InvestmentRef
    investor: str
    organisation: InvestmentRef | None = None
    message: str
    amount_usd: Decimal | None = None
    stage: StageName
    committed_usd: Decimal | None = None
    disbursed_usd: Decimal
    event: InvestmentRef | None = None  # credited event (from a B2B meeting)
    steps: list[InvestmentStep]
    created_at: datetime


class InvestmentInterestIn(Schema):
    organisation_id: DbId | None = Field(None, description="A business the caller administers")
    message: str = Field("", max_length=3000)
    amount_usd: Amount | None = None
    meeting_id: DbId | None = Field(None, description="The B2B meeting it came from")


class InvestmentMoveIn(Schema):
    stage: MoveStageName
    date: dt.date | None = None
    amount_usd: Amount | None = None
    note: str = Field("", max_length=2000)


class InvestmentWithdrawIn(Schema):
    reason: str = Field(..., max_length=2000)


class InvestmentProvinceRow(Schema):
    opportunity: InvestmentRef
    by_stage: dict[str, int]
    interests: int
    committed_usd: Decimal
    disbursed_usd: Decimal
    events: list[InvestmentRef]
    investors: list[str] | None = None  # for those who manage the opportunity only


class InvestmentProvinceTotals(Schema):
    opportunities: int
    interests: int
    committed_usd: Decimal
    disbursed_usd: Decimal
    by_stage: dict[str, int]


class InvestmentProvince(Schema):
    province_code: int
    name: str
    totals: InvestmentProvinceTotals
    projects: list[InvestmentProvinceRow]


class InvestmentEnterprise(Schema):
    id: int
    name: str
    location: LocationName
    country: str
    province_code: int
    sector: SectorName
    founded_year: int | None = None
    employees: int | None = None
    capital_usd: Decimal | None = None
    description: str
    projects: list[InvestmentRef]


class InvestmentEnterprisesPage(Schema):
    count: int
    page: int
    pages: int
    results: list[InvestmentEnterprise]


class InvestmentEnterprisesQuery(Schema):
    q: str = Field("", max_length=200)
    sector: SectorName | None = None
    province: int | None = Field(None, ge=1, le=99)
    location: LocationName | None = None
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(PAGE_SIZE, ge=1, le=100)


class InvestmentEnterprisePatch(Schema):
    location: LocationName | None = None
    country: str | None = Field(None, max_length=2)
    province_code: ProvinceCode | None = None
    sector: SectorName | None = None
    founded_year: Annotated[StrictInt, Field(ge=0, le=9999)] | None = None
    employees: Annotated[StrictInt, Field(ge=0, le=10**9)] | None = None
    capital_usd: Amount | None = None
    description: str | None = Field(None, max_length=3000)


class InvestmentEnterpriseIn(InvestmentEnterprisePatch):
    organisation_id: DbId
    location: LocationName
    country: str = Field(..., max_length=2)
    province_code: ProvinceCode
    sector: SectorName
