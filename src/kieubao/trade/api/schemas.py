"""Input and output schemas of the trade portal's API (catalogue, leads, contacts, deals,
reviews, verification, fraud reports). Names start with ``Trade`` so that they never clash with
another app's in the OpenAPI document (one shared name breaks it). Market data's schemas are in
markets.py's module (``TradeMarket…``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictFloat, StrictInt, StrictStr

from kieubao.community.selectors import PAGE_SIZE

# The models' TextChoices, spelled out for the OpenAPI document (tests/test_api.py checks that
# they stay equal to the models' values).
RoleName = Literal["exporter", "distributor"]
CompanyStatusName = Literal["active", "suspended"]
ChannelName = Literal["supermarket", "grocery", "ecommerce", "restaurant", "wholesale"]
CategoryName = Literal[
    "agriculture",
    "seafood",
    "processed_food",
    "coffee_tea",
    "beverages",
    "handicrafts",
    "furniture",
    "textiles",
    "cosmetics",
    "household",
    "industrial",
    "other",
]
UnitName = Literal["kg", "t", "l", "piece", "carton", "c20", "c40"]
ProductStatusName = Literal["draft", "published", "withdrawn"]
CertificateKindName = Literal[
    "haccp",
    "iso22000",
    "fssc22000",
    "iso9001",
    "brcgs",
    "ifs",
    "globalgap",
    "vietgap",
    "organic_eu",
    "organic_usda",
    "organic_jas",
    "halal",
    "kosher",
    "fda",
    "asc",
    "msc",
    "bap",
    "fairtrade",
    "rainforest",
    "fsc",
    "ce",
    "other",
]
LeadKindName = Literal["buy", "sell"]
LeadStatusName = Literal["open", "closed"]
ContactStatusName = Literal["pending", "accepted", "declined"]
DealStatusName = Literal["proposed", "confirmed", "cancelled"]
FraudStatusName = Literal["open", "dismissed", "upheld"]
LevelName = Literal["new", "low", "medium", "high"]

# Strict: JSON true is not the id 1, nor the number 1 (pydantic would take it).
DbId = Annotated[StrictInt, Field(ge=1, le=2_147_483_647)]  # beyond it no row can match
CountryCode = Annotated[str, Field(max_length=2, description="ISO 3166 alpha-2, e.g. DE")]
# Codes are checked by the services (a clear message: which chapter does not exist, …).
HsCode = Annotated[str, Field(max_length=20, description="e.g. 090111, 0901.11 or 09 01 11")]
Amount = Annotated[
    StrictStr | StrictFloat | StrictInt | None,
    Field(description="A number, e.g. 1200 or 1200.50"),
]
TaxCode = Annotated[
    str, Field(max_length=20, description="10 digits, or 13 for a branch: 0100109106-001")
]


# -- output ---------------------------------------------------------------------------------------


class TradeProvince(Schema):
    code: int
    name: str


class TradeCompanyRef(Schema):
    id: int
    name: str
    role: RoleName
    country: str
    reliability: int
    verified: bool


class TradePhoto(Schema):
    id: int
    caption: str
    file_kind: str  # png, jpeg or webp (the image is served by the product's web page)
    size: int


class TradeCertificate(Schema):
    id: int
    kind: CertificateKindName
    kind_label: str
    issuer: str
    number: str
    valid_from: date
    valid_to: date
    product_id: int | None = None  # empty: the company's, for all its products
    expired: bool  # the day after valid_to: no longer counts
    has_document: bool  # the scanned document is uploaded and shown on the web pages


class TradeProduct(Schema):
    id: int
    company: TradeCompanyRef
    name: str  # in the caller's language (Accept-Language)
    name_vi: str
    name_en: str
    description: str
    hs_code: str
    hs_chapter: str  # the chapter's name, in the caller's language
    category: CategoryName
    province: TradeProvince | None = None
    ocop_stars: StrictInt | None = None
    min_order_quantity: str | None = None
    min_order_unit: UnitName
    signature: bool
    status: ProductStatusName
    published_at: datetime | None = None
    photos: list[TradePhoto]
    certificates: list[TradeCertificate] = []  # on the product's own page only
    manages: bool  # the caller manages the product's company


class TradeProducts(Schema):
    count: int
    page: int
    pages: int
    results: list[TradeProduct]


class TradeReliabilityPart(Schema):
    key: str  # verified, deals, reviews, certificates, tenure, fraud, suspended
    points: int
    count: int
    label: str  # how it was counted, in the caller's language


class TradeReliability(Schema):
    score: int  # 0–100
    level: LevelName
    label: str
    parts: list[TradeReliabilityPart]


class TradeBody(Schema):
    id: int
    name: str
    kind: str


class TradeVerification(Schema):
    id: int
    body: TradeBody
    evidence: str
    verified_at: datetime
    revoked_at: datetime | None = None
    revoked_reason: str = ""


class TradeReview(Schema):
    id: int
    deal_id: int
    company_id: int  # the company reviewed
    reviewer: TradeCompanyRef | None = None  # to signed-in callers only
    rating: StrictInt
    text: str
    created_at: datetime


class TradeContacts(Schema):
    name: str
    email: str
    phone: str


class TradeCompany(Schema):
    id: int
    name: str
    name_en: str
    role: RoleName
    country: str
    city: str
    website: str
    description: str
    tax_code: str
    province: TradeProvince | None = None
    sectors: list[str]
    capacity: str
    markets: list[str]
    channels: list[ChannelName]
    status: CompanyStatusName
    contacts: TradeContacts | None = None  # to signed-in callers only
    manages: bool


class TradeCompanyDetail(TradeCompany):
    reliability: TradeReliability
    verifications: list[TradeVerification]  # the active ones
    certificates: list[TradeCertificate]
    reviews: list[TradeReview]


class TradeCompanySummary(TradeCompany):
    reliability: int
    verified: bool


class TradeCompanies(Schema):
    count: int
    page: int
    pages: int
    results: list[TradeCompanySummary]


class TradeLead(Schema):
    id: int
    kind: LeadKindName
    company: TradeCompanyRef
    title: str
    description: str
    hs_code: str
    product_id: int | None = None
    market: str
    volume: str | None = None
    volume_unit: UnitName
    certificates: list[CertificateKindName]
    valid_until: date | None = None
    status: LeadStatusName
    created_at: datetime
    closed_at: datetime | None = None
    manages: bool


class TradeLeads(Schema):
    count: int
    page: int
    pages: int
    results: list[TradeLead]


class TradeMatch(Schema):
    kind: Literal["product", "company"]
    product_id: int | None = None
    product_name: str | None = None
    company: TradeCompanyRef
    score: float  # 0–1
    parts: dict[str, float]  # each criterion's share of the score
    reasons: list[str]  # in the caller's language


class TradeContactRequest(Schema):
    id: int
    from_company: TradeCompanyRef
    to_company: TradeCompanyRef
    lead_id: int | None = None
    product_id: int | None = None
    message: str
    status: ContactStatusName
    created_at: datetime
    responded_at: datetime | None = None
    incoming: bool  # addressed to a company the caller manages


class TradeDeal(Schema):
    id: int
    exporter: TradeCompanyRef
    distributor: TradeCompanyRef
    proposed_by: int  # the proposing company's id
    lead_id: int | None = None
    product_id: int | None = None
    value_usd: str
    volume: str
    volume_unit: UnitName
    market: str
    deal_date: date
    status: DealStatusName
    exporter_confirmed_at: datetime | None = None
    distributor_confirmed_at: datetime | None = None
    confirmed_at: datetime | None = None


class TradeFraudReport(Schema):
    id: int
    company: TradeCompanyRef
    reason: str
    status: FraudStatusName
    resolution: str
    created_at: datetime
    resolved_at: datetime | None = None


class TradeContactRequests(Schema):
    count: int
    page: int
    pages: int
    results: list[TradeContactRequest]


class TradeDeals(Schema):
    count: int
    page: int
    pages: int
    results: list[TradeDeal]


class TradeFraudReports(Schema):
    count: int
    page: int
    pages: int
    results: list[TradeFraudReport]


# -- query parameters -----------------------------------------------------------------------------


class TradeProductsQuery(Schema):
    q: str = Field("", max_length=200, description="Words; tones, đ and case do not matter")
    hs: str = Field("", max_length=20, description="An HS chapter, heading or subheading")
    province: int | None = Field(None, description="Province of origin (code)")
    category: CategoryName | None = None
    certificate: str = Field(
        "", max_length=20, description="A certificate kind held valid today, or any"
    )
    market: str = Field("", max_length=2, description="Exported to this country (alpha-2)")
    signature: bool = Field(False, description="Signature products only")
    ocop_min: int | None = Field(None, ge=1, le=5, description="At least this many OCOP stars")
    verified: bool = Field(False, description="Of companies verified by a public body only")
    page: int = 1
    per_page: int = PAGE_SIZE


class TradeCompaniesQuery(Schema):
    q: str = Field("", max_length=200)
    role: RoleName | None = None
    country: str = Field("", max_length=2)
    province: int | None = None
    sector: str = Field("", max_length=2, description="An HS chapter, e.g. 09")
    certificate: str = Field("", max_length=20)
    verified: bool = False
    page: int = 1
    per_page: int = PAGE_SIZE


class TradeLeadsQuery(Schema):
    kind: LeadKindName | None = None
    hs: str = Field("", max_length=20)
    market: str = Field("", max_length=2)
    q: str = Field("", max_length=200)
    mine: bool = Field(False, description="Only leads of the companies I manage")
    include_closed: bool = Field(False, description="With mine: closed leads too")
    page: int = 1
    per_page: int = PAGE_SIZE


class TradeContactRequestsQuery(Schema):
    direction: Literal["incoming", "outgoing"] = Field(
        "incoming", description="incoming: to answer; outgoing: those sent"
    )
    page: int = 1
    per_page: int = PAGE_SIZE


class TradeDealsQuery(Schema):
    status: DealStatusName | None = None
    page: int = 1
    per_page: int = PAGE_SIZE


class TradeFraudReportsQuery(Schema):
    status: FraudStatusName | None = Field(None, description="Platform admins: default open")
    page: int = 1
    per_page: int = PAGE_SIZE


# -- input ----------------------------------------------------------------------------------------


class TradeCompanyIn(Schema):
    """A new company: the caller becomes its admin. An exporter is Vietnamese (country VN) with
    a tax code and a province; a distributor is an overseas business."""

    model_config = ConfigDict(extra="forbid")

    role: RoleName
    name: str = Field(max_length=255)
    name_en: str = Field("", max_length=255)
    country: CountryCode
    city: str = Field("", max_length=120)
    website: str = Field("", max_length=200)
    description: str = Field("", max_length=5000)
    tax_code: TaxCode = ""
    province_code: StrictInt | None = None
    sectors: list[Annotated[str, Field(max_length=10)]] = Field([], max_length=97)
    capacity: str = Field("", max_length=300)
    markets: list[CountryCode] = Field([], max_length=250)
    channels: list[ChannelName] = Field([], max_length=5)
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=40)


class TradeCompanyPatch(Schema):
    """Only the attributes sent are changed (role and country stay)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=255)
    name_en: str | None = Field(None, max_length=255)
    city: str | None = Field(None, max_length=120)
    website: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=5000)
    tax_code: TaxCode | None = None
    province_code: StrictInt | None = None
    sectors: list[Annotated[str, Field(max_length=10)]] | None = Field(None, max_length=97)
    capacity: str | None = Field(None, max_length=300)
    markets: list[CountryCode] | None = Field(None, max_length=250)
    channels: list[ChannelName] | None = Field(None, max_length=5)
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=40)


class TradeProductIn(Schema):
    """A new product of an exporter, a draft unless ``publish``."""

    model_config = ConfigDict(extra="forbid")

    name_vi: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    description_vi: str = Field("", max_length=5000)
    description_en: str = Field("", max_length=5000)
    hs_code: HsCode
    category: CategoryName
    province_code: StrictInt | None = Field(None, description="Of origin; default: the company's")
    ocop_stars: StrictInt | None = None
    min_order_quantity: Amount = None
    min_order_unit: UnitName = "kg"
    publish: bool = False


class TradeProductPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name_vi: str | None = Field(None, max_length=200)
    name_en: str | None = Field(None, max_length=200)
    description_vi: str | None = Field(None, max_length=5000)
    description_en: str | None = Field(None, max_length=5000)
    hs_code: HsCode | None = None
    category: CategoryName | None = None
    province_code: StrictInt | None = None
    ocop_stars: StrictInt | None = None
    min_order_quantity: Amount = None
    min_order_unit: UnitName | None = None


class TradeCertificateIn(Schema):
    """A certificate, without its document (documents are uploaded on the web pages)."""

    model_config = ConfigDict(extra="forbid")

    kind: CertificateKindName
    issuer: str = Field(max_length=200)
    number: str = Field(max_length=100)
    valid_from: date
    valid_to: date
    product_id: DbId | None = Field(None, description="Empty: all the company's products")


class TradeLeadIn(Schema):
    """A buy request (by a distributor: an HS prefix and a market) or a sell offer (by an
    exporter, optionally of one of its products). ``company_id``: needed when the caller
    manages more than one company."""

    model_config = ConfigDict(extra="forbid")

    company_id: DbId | None = None
    kind: LeadKindName
    title: str = Field(max_length=200)
    description: str = Field("", max_length=5000)
    hs_code: HsCode = Field("", description="2, 4 or 6 digits; a sell offer: its product's")
    product_id: DbId | None = None
    market: str = Field("", max_length=2)
    volume: Amount = None
    volume_unit: UnitName = "kg"
    certificates: list[CertificateKindName] = Field([], max_length=22)
    valid_until: date | None = None


class TradeContactRequestIn(Schema):
    model_config = ConfigDict(extra="forbid")

    company_id: DbId | None = Field(None, description="Asking for this company of mine")
    to_company_id: DbId
    message: str = Field("", max_length=3000)
    lead_id: DbId | None = None
    product_id: DbId | None = None


class TradeDealIn(Schema):
    """A deal made between an exporter and a distributor, recorded by one side: it counts once
    the other side confirms it."""

    model_config = ConfigDict(extra="forbid")

    company_id: DbId | None = Field(None, description="Recording it for this company of mine")
    counterpart_id: DbId
    value_usd: Amount
    volume: Amount
    volume_unit: UnitName = "kg"
    market: CountryCode
    deal_date: date
    lead_id: DbId | None = None
    product_id: DbId | None = None


class TradeReviewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    deal_id: DbId  # a deal with this company, confirmed by both sides
    rating: StrictInt
    text: str = Field("", max_length=3000)


class TradeVerificationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    evidence: str = Field(max_length=3000)
    body_id: DbId | None = Field(
        None, description="Platform admins: the public body on whose behalf"
    )


class TradeReasonIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=5000)


class TradeResolutionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: Literal["dismissed", "upheld"]
    resolution: str = Field(max_length=3000)
