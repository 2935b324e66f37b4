"""Input and output schemas of the activities API. Names start with ``Activity`` so that they
never clash with another app's in the OpenAPI document. No input field is called ``body``: the
shared error handler drops that name from error paths."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictInt

from kieubao.community.selectors import PAGE_SIZE

# The models' TextChoices, spelled out for the OpenAPI document (tests/test_api.py checks that
# they stay equal to the models' values).
ActivityKindName = Literal[
    "cultural",
    "language_class",
    "charity",
    "trade",
    "knowledge",
    "youth",
    "celebration",
    "commemoration",
    "sport",
    "other",
]
ActivityThemeName = Literal[
    "homeland",
    "language_culture",
    "sovereignty",
    "solidarity",
    "economy",
    "science",
    "youth",
    "other",
]
ActivityStatusName = Literal["draft", "submitted", "approved", "returned"]

DbId = Annotated[StrictInt, Field(ge=1, le=2_147_483_647)]
Count = Annotated[StrictInt, Field(ge=0, le=10_000_000)]
CountryCode = Annotated[str, Field(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")]


# -- output ---------------------------------------------------------------------------------------


class ActivityRef(Schema):
    id: int
    name: str  # in the caller's language


class ActivityReportOut(Schema):
    id: int
    reporter: ActivityRef
    kind: ActivityKindName
    title: str
    date: dt.date
    end_date: dt.date | None = None
    country: str
    city: str
    partners: list[str]
    activity_count: int
    participants: int
    participants_overseas: int | None = None
    participants_local: int | None = None
    theme: ActivityThemeName
    programme: ActivityRef | None = None
    description: str
    status: ActivityStatusName
    return_reason: str  # why it was returned (empty otherwise)
    approved_by: ActivityRef | None = None  # the mission or ministry that approved it
    breakthrough: bool
    breakthrough_note: str
    submitted_at: dt.datetime | None = None
    decided_at: dt.datetime | None = None


class ActivityReportsPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ActivityReportOut]


class ActivityReviewLine(Schema):
    key: str  # a country code, a theme, a kind, a month (1–12) or an organisation's id
    label: str  # in the caller's language
    reports: int
    activities: int
    participants: int


class ActivityReview(Schema):
    """Only approved reports count."""

    year: int
    reports: int
    activities: int
    participants: int
    participants_overseas: int
    participants_local: int
    countries: int
    organisations: int
    by_country: list[ActivityReviewLine]
    by_theme: list[ActivityReviewLine]
    by_kind: list[ActivityReviewLine]
    by_month: list[ActivityReviewLine]
    top_organisations: list[ActivityReviewLine]
    breakthroughs: list[ActivityReportOut]


# -- query and input ------------------------------------------------------------------------------


class ActivityReportsQuery(Schema):
    country: CountryCode | None = Field(None, description="Where it took place (ISO code)")
    theme: ActivityThemeName | None = None
    kind: ActivityKindName | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    q: str = Field("", max_length=200, description="Words of the title, organisation or city")
    mine: bool = Field(
        False,
        description="The reports of the organisations the caller reports for, every status "
        "(otherwise: approved reports only)",
    )
    page: int = 1
    per_page: int = PAGE_SIZE


class ActivityFields(Schema):
    model_config = ConfigDict(extra="forbid")

    end_date: dt.date | None = None
    city: str = Field("", max_length=120)
    partners: list[Annotated[str, Field(max_length=200)]] = Field([], max_length=50)
    activity_count: Annotated[StrictInt, Field(ge=1, le=10_000)] = 1
    participants_overseas: Count | None = None
    participants_local: Count | None = None
    programme_id: DbId | None = None
    description: str = Field("", max_length=10_000)


class ActivityReportIn(ActivityFields):
    """A new report, a draft until submitted."""

    reporter_id: DbId = Field(
        description="The organisation it reports for: an association, network or professional "
        "body the caller administers, or the caller's diplomatic mission"
    )
    kind: ActivityKindName
    theme: ActivityThemeName
    title: str = Field(max_length=200)
    date: dt.date
    country: CountryCode
    participants: Count


class ActivityReportPatch(Schema):
    """Only the fields given change (a draft or a returned report)."""

    model_config = ConfigDict(extra="forbid")

    kind: ActivityKindName | None = None
    theme: ActivityThemeName | None = None
    title: str | None = Field(None, max_length=200)
    date: dt.date | None = None
    end_date: dt.date | None = None
    country: CountryCode | None = None
    city: str | None = Field(None, max_length=120)
    partners: list[Annotated[str, Field(max_length=200)]] | None = Field(None, max_length=50)
    activity_count: Annotated[StrictInt, Field(ge=1, le=10_000)] | None = None
    participants: Count | None = None
    participants_overseas: Count | None = None
    participants_local: Count | None = None
    programme_id: DbId | None = None
    description: str | None = Field(None, max_length=10_000)


class ActivityReturnIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=1000, description="Told to the reporter")
