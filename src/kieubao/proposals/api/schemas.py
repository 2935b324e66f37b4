"""Input and output schemas of the proposals API. Names start with ``Proposal`` so that they
never clash with another app's in the OpenAPI document (one shared name breaks it)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, StrictInt

from kieubao.community.selectors import PAGE_SIZE

# The models' TextChoices, spelled out for the OpenAPI document (tests/test_api.py checks that
# they stay equal to the models' values).
StatusName = Literal[
    "submitted",
    "screening",
    "assigned",
    "under_review",
    "accepted",
    "declined",
    "in_implementation",
    "implemented",
    "merged",
]
EntryKindName = Literal["submitted", "status", "assigned", "answer", "outcome", "merged"]
OutcomeKindName = Literal["engagement", "policy", "project", "other"]
AbuseStatusName = Literal["open", "hidden", "dismissed"]
LanguageName = Literal["vi", "en"]
OrderName = Literal["new", "endorsed", "updated"]

Slug = Annotated[str, Field(max_length=50)]
# Strict in bodies: JSON true is not the id 1, nor the number 1 (pydantic would take it).
DbId = Annotated[StrictInt, Field(ge=1, le=2_147_483_647)]  # beyond it no row can match
QueryId = Annotated[int, Field(ge=1, le=2_147_483_647)]  # query strings are text


# -- output ---------------------------------------------------------------------------------------


class ProposalBody(Schema):
    """A homeland body (ministry, province, diplomatic mission)."""

    id: int
    name: str
    kind: str


class ProposalAuthor(Schema):
    id: int  # the person's id in the registry
    name: str


class ProposalSummary(Schema):
    id: int
    title: str
    status: StatusName
    status_label: str
    language: LanguageName
    fields: list[str]  # slugs of /api/v1/taxonomy/fields
    addressed_to: ProposalBody | None = None  # null: the platform routes it
    assigned_body: ProposalBody | None = None
    anonymous: bool  # anonymous to the public
    # Null when the proposer chose to be anonymous, except for the proposer themself, the
    # assigned body's officials and platform admins.
    author: ProposalAuthor | None = None
    endorsement_count: int
    merged_into_id: int | None = None
    hidden: bool
    overdue: bool  # assigned and not answered within 30 days
    created_at: datetime
    updated_at: datetime
    assigned_at: datetime | None = None
    first_answer_at: datetime | None = None
    closed_at: datetime | None = None


class ProposalAttachment(Schema):
    id: int
    title: str
    file_kind: str
    size: int
    uploaded_at: datetime


class ProposalOutcome(Schema):
    id: int
    kind: OutcomeKindName
    kind_label: str
    title: str
    description: str
    link: str
    engagement_id: int | None = None  # an engagement of /api/v1/knowledge/engagements
    progress: int  # percent
    created_at: datetime
    updated_at: datetime


class ProposalDetail(ProposalSummary):
    body: str  # sanitised HTML
    hidden_reason: str = ""  # for moderators and the proposer
    attachments: list[ProposalAttachment]
    outcomes: list[ProposalOutcome]
    endorsed: bool  # the caller endorses it
    can_endorse: bool
    can_handle: bool  # the caller may move it, answer and link outcomes


class ProposalsPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ProposalSummary]


class ProposalSimilar(Schema):
    id: int
    title: str
    status: StatusName
    endorsement_count: int
    shared_words: int


class ProposalEndorsement(Schema):
    proposal_id: int
    endorsed: bool
    endorsement_count: int


class ProposalComment(Schema):
    """Comments come in thread order: each reply right after its parent's thread so far, with
    its ``depth`` (0 for a comment on the proposal)."""

    id: int
    parent_id: int | None = None
    depth: int
    author: ProposalAuthor
    text: str | None = None  # null: hidden by a moderator (moderators still see it)
    hidden: bool
    hidden_reason: str | None = None  # moderators only
    created_at: datetime


class ProposalAbuseReport(Schema):
    id: int
    proposal_id: int
    comment_id: int | None = None
    reason: str
    status: AbuseStatusName
    created_at: datetime
    resolved_at: datetime | None = None


class ProposalTimelineEntry(Schema):
    """A public step: the body that acted (or the platform), never the official's name unless
    they chose to sign."""

    id: int
    kind: EntryKindName
    from_status: StatusName | Literal[""] = ""
    to_status: StatusName | Literal[""] = ""
    body: ProposalBody | None = None
    by_platform: bool
    signed_name: str
    text: str
    created_at: datetime


class ProposalFieldCount(Schema):
    name: str
    count: int


class ProposalAgencyFigures(Schema):
    body: ProposalBody
    total: int
    answered: int
    share_answered: float | None = None
    median_days: float | None = None
    implemented: int
    overdue: int


class ProposalDashboard(Schema):
    """Hidden proposals are left out, merged ones counted in the one they joined."""

    total: int
    by_status: dict[str, int]
    by_field: list[ProposalFieldCount]
    by_agency: list[ProposalAgencyFigures]
    assigned: int  # ever assigned to an agency
    answered: int  # of those, answered
    share_answered: float | None = None
    median_days_to_answer: float | None = None
    accepted: int  # accepted, in implementation or implemented
    implemented: int
    share_implemented: float | None = None  # implemented / accepted
    overdue: int  # assigned and not answered within 30 days


# -- query parameters -----------------------------------------------------------------------------


class ProposalsQuery(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Words of the title or text; tones, đ and case do not matter",
    )
    status: StatusName | None = None
    field: str | None = Field(None, max_length=50, description="A field's slug")
    agency: QueryId | None = Field(None, description="The assigned body's id")
    mine: bool = Field(False, description="Only my proposals")
    endorsed: bool = Field(False, description="Only proposals I endorse")
    order: OrderName = Field("new", description="new, most endorsed, or recently updated first")
    page: int = 1
    per_page: int = PAGE_SIZE


class ProposalSimilarQuery(Schema):
    title: str = Field(max_length=200, description="The title being typed")
    exclude: QueryId | None = Field(None, description="A proposal to leave out (the one edited)")


class ProposalAbuseQuery(Schema):
    status: AbuseStatusName | Literal[""] = Field("open", description="Empty: all")


# -- input ----------------------------------------------------------------------------------------


class ProposalIn(Schema):
    """A new proposal. ``text`` is rich text (HTML): what is not safe is removed (scripts,
    event handlers, javascript: links)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=200)
    text: str = Field(max_length=50_000)
    language: LanguageName = "vi"
    fields: list[Slug] = Field([], max_length=30)
    addressed_to_id: DbId | None = Field(
        None, description="A ministry, province or mission; null: let the platform route it"
    )
    anonymous: StrictBool = False


class ProposalCommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=5000)
    parent_id: DbId | None = Field(None, description="The comment this one replies to")


class ProposalAbuseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=2000)
    comment_id: DbId | None = Field(None, description="The comment reported (null: the proposal)")


class ProposalAssignIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body_id: DbId = Field(description="A ministry, province or mission")
    note: str = Field("", max_length=2000)


class ProposalMoveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to: StatusName
    reason: str = Field("", max_length=10_000, description="Public; needed to decline")
    signed_name: str = Field("", max_length=200, description="Sign the step with one's name")


class ProposalAnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=10_000)
    signed_name: str = Field("", max_length=200)


class ProposalMergeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    into_id: DbId = Field(description="The proposal it joins")
    note: str = Field("", max_length=2000)


class ProposalOutcomeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: OutcomeKindName
    title: str = Field(max_length=200)
    description: str = Field("", max_length=5000)
    link: str = Field("", max_length=200)
    engagement_id: DbId | None = Field(None, description="Needed for the engagement kind")
    progress: StrictInt = Field(0, ge=0, le=100)


class ProposalProgressIn(Schema):
    model_config = ConfigDict(extra="forbid")

    progress: StrictInt = Field(ge=0, le=100)


class ProposalHideIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=500)
