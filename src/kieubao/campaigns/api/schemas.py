"""Input and output schemas of the campaigns API. Names start with ``Campaign`` so that they
never clash with another app's in the OpenAPI document. No input field is called ``body``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, StrictInt

# The models' TextChoices, spelled out for the OpenAPI document.
CampaignKindName = Literal["fundraising", "pledge", "fund"]
CampaignStatusName = Literal["draft", "open", "closed"]
PledgeStatusName = Literal["open", "fulfilled", "withdrawn"]
ApplicationStatusName = Literal["submitted", "under_review", "approved", "rejected"]

DbId = Annotated[StrictInt, Field(ge=1, le=2_147_483_647)]
# Amounts in đồng (integers) and in a currency (up to 2 decimals), as JSON numbers.
Vnd = Annotated[StrictInt, Field(ge=1, le=10**15)]
Amount = Annotated[float, Field(gt=0, lt=1e12)]
Currency = Annotated[str, Field(min_length=3, max_length=3, description="ISO 4217, e.g. USD")]


# -- output ---------------------------------------------------------------------------------------
class CampaignRef(Schema):
    id: int
    name: str  # in the caller's language


class CampaignFigures(Schema):
    target_vnd: int
    contributed_vnd: int
    allocated_vnd: int
    held_vnd: int  # contributed − allocated, never negative
    pledged_vnd: int  # open and fulfilled pledges
    percent: int  # contributed against the target


class CampaignOut(Schema):
    id: int
    kind: CampaignKindName
    name: str  # in the caller's language
    title: str
    title_en: str
    cause: str  # in the caller's language
    owner: CampaignRef
    starts_on: date
    ends_on: date
    status: CampaignStatusName
    public: bool
    figures: CampaignFigures
    is_manager: bool


class CampaignRate(Schema):
    id: int
    currency: str
    vnd_per_unit: str  # a decimal, as text (exact)
    on: date
    source: str


class CampaignContribution(Schema):
    id: int
    received_on: date
    contributor: str  # "Anonymous" for those who asked, except to the managers
    amount: str  # a decimal, as text
    currency: str
    vnd_per_unit: str
    rate_id: int | None = None
    amount_vnd: int
    pledge_id: int | None = None


class CampaignAllocation(Schema):
    id: int
    allocated_on: date
    recipient: str
    recipient_id: int | None = None
    purpose: str
    amount_vnd: int
    evidence_url: str  # the evidence document (as public as the ledger)
    application_id: int | None = None


class CampaignLedger(Schema):
    campaign: CampaignRef
    figures: CampaignFigures
    contributions: list[CampaignContribution]
    allocations: list[CampaignAllocation]


class CampaignPledge(Schema):
    id: int
    campaign: CampaignRef
    organisation: CampaignRef | None = None
    amount: str
    currency: str
    vnd_per_unit: str
    amount_vnd: int
    anonymous: bool
    status: PledgeStatusName
    created_at: datetime


class CampaignApplication(Schema):
    id: int
    fund: CampaignRef
    business: CampaignRef
    purpose: str
    amount_requested_vnd: int
    plan: str
    status: ApplicationStatusName
    reason: str
    decided_at: datetime | None = None
    awarded_vnd: int | None = None
    created_at: datetime


# -- input ----------------------------------------------------------------------------------------
class CampaignIn(Schema):
    """A new campaign: a draft until opened."""

    model_config = ConfigDict(extra="forbid")

    owner_id: DbId = Field(description="A homeland body or association the caller runs")
    kind: CampaignKindName
    title: str = Field(max_length=200)
    title_en: str = Field("", max_length=200)
    cause: str = Field("", max_length=10_000)
    cause_en: str = Field("", max_length=10_000)
    target_vnd: Vnd
    starts_on: date
    ends_on: date
    public: StrictBool = True


class CampaignPatch(Schema):
    """Only the fields given change; ``status`` opens or closes the campaign."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=200)
    title_en: str | None = Field(None, max_length=200)
    cause: str | None = Field(None, max_length=10_000)
    cause_en: str | None = Field(None, max_length=10_000)
    target_vnd: Vnd | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    public: StrictBool | None = None
    status: CampaignStatusName | None = None


class CampaignPledgeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    amount: Amount
    currency: Currency = "VND"
    organisation_id: DbId | None = Field(None, description="An organisation the caller administers")
    anonymous: StrictBool = False
    note: str = Field("", max_length=500)


class CampaignContributionIn(Schema):
    """``rate_id`` (a recorded rate) or ``rate_value`` with ``rate_source`` (recorded then) for
    an amount in another currency than VND."""

    model_config = ConfigDict(extra="forbid")

    amount: Amount
    currency: Currency = "VND"
    rate_id: DbId | None = None
    rate_value: Amount | None = None
    rate_source: str = Field("", max_length=200)
    received_on: date | None = None
    name: str = Field("", max_length=200)
    person_id: DbId | None = None
    organisation_id: DbId | None = None
    anonymous: StrictBool = False
    reference: str = Field("", max_length=200)
    pledge_id: DbId | None = None


class CampaignAllocationIn(Schema):
    """The fields of an allocation (multipart form fields, with the ``evidence`` file): form
    fields are text, so numbers are read from it (not strict)."""

    amount_vnd: Annotated[int, Field(ge=1, le=10**15)]
    allocated_on: date | None = None
    purpose: str = Field(max_length=500)
    recipient_name: str = Field("", max_length=200)
    recipient_id: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None


class CampaignRateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    currency: Currency
    vnd_per_unit: Amount
    on: date | None = None
    source: str = Field(max_length=200)


class CampaignApplicationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    business_id: DbId
    purpose: str = Field(max_length=300)
    amount_requested_vnd: Vnd
    plan: str = Field(max_length=10_000)


class CampaignDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    approve: StrictBool
    reason: str = Field(max_length=5000)
