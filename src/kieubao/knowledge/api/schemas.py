"""Input and output schemas of the knowledge network's API. Names start with ``Knowledge`` so
that they never clash with another app's in the OpenAPI document (one shared name breaks it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from kieubao.community.selectors import PAGE_SIZE

# The models' TextChoices, spelled out for the OpenAPI document (tests/test_api.py checks that
# they stay equal to the models' values).
KindName = Literal["advice", "review", "training", "research", "transfer", "investment", "policy"]
ModeName = Literal["remote", "on_site", "either"]
NeedStatusName = Literal["draft", "published", "closed"]
InvitationStatusName = Literal["pending", "accepted", "declined", "withdrawn"]
EngagementStatusName = Literal["active", "ended"]
OutcomeName = Literal[
    "advice_delivered", "training_held", "project_started", "investment_made", "nothing"
]
AvailabilityName = Literal["available", "limited", "unavailable"]
WorkKindName = Literal["publication", "patent"]
ReasonKindName = str  # matching's reasons (field, keyword, work …): open to new kinds

Slug = Annotated[str, Field(max_length=50)]
Keyword = Annotated[str, Field(max_length=100)]
DbId = Annotated[int, Field(ge=1, le=2_147_483_647)]  # beyond it no row can match


# -- output ---------------------------------------------------------------------------------------


class KnowledgeBody(Schema):
    """The body that owns a need (ministry, province, mission, university, business)."""

    id: int
    name: str
    kind: str


class KnowledgeNeed(Schema):
    id: int
    owner: KnowledgeBody
    title: str
    description: str
    language: str
    fields: list[str]  # slugs of /api/v1/taxonomy/fields
    kind: KindName
    mode: ModeName
    starts_on: date | None = None
    ends_on: date | None = None
    deadline: date | None = None
    experts_wanted: int
    status: NeedStatusName
    closed_reason: str = ""
    published_at: datetime | None = None
    closed_at: datetime | None = None
    created_at: datetime
    manages: bool  # the caller manages this need (may edit, invite, see its invitations)


class KnowledgeNeeds(Schema):
    count: int
    page: int
    pages: int
    results: list[KnowledgeNeed]


class KnowledgeReason(Schema):
    kind: ReasonKindName
    label: str


class KnowledgeRecommendation(Schema):
    person_id: int
    name: str
    position: str
    score: float
    reasons: list[KnowledgeReason]
    at_capacity: bool  # already at their stated maximum of engagements at once
    invitation_id: int | None = None  # already invited to this need


class KnowledgeNeedRef(Schema):
    id: int
    title: str
    status: NeedStatusName
    owner: KnowledgeBody


class KnowledgePersonRef(Schema):
    id: int
    name: str


class KnowledgeInvitation(Schema):
    id: int
    need: KnowledgeNeedRef
    expert: KnowledgePersonRef
    message: str
    status: InvitationStatusName
    decline_reason: str = ""
    created_at: datetime
    responded_at: datetime | None = None
    engagement_id: int | None = None


class KnowledgeMilestone(Schema):
    id: int
    title: str
    due_on: date | None = None
    done_at: datetime | None = None


class KnowledgeDocument(Schema):
    id: int
    title: str
    file_kind: str
    size: int
    uploaded_at: datetime


class KnowledgeEngagement(Schema):
    id: int
    need: KnowledgeNeedRef
    expert: KnowledgePersonRef
    invitation_id: int
    status: EngagementStatusName
    outcome: OutcomeName | None = None
    outcome_note: str = ""
    started_at: datetime
    ended_at: datetime | None = None
    milestones: list[KnowledgeMilestone]
    documents: list[KnowledgeDocument]


class KnowledgeEngagementSummary(Schema):
    id: int
    need: KnowledgeNeedRef
    expert: KnowledgePersonRef
    status: EngagementStatusName
    outcome: OutcomeName | None = None
    started_at: datetime
    ended_at: datetime | None = None


class KnowledgeWork(Schema):
    id: int
    kind: WorkKindName
    title: str
    year: int | None = None
    link: str = ""


class KnowledgeExpertProfile(Schema):
    person_id: int
    # Only people who consented to be contacted are recommended and invited (set it with
    # PATCH /api/v1/me/profile, consents.contact).
    consent_contact: bool
    position: str
    keywords: list[str]
    summary: str
    availability: AvailabilityName
    engagement_kinds: list[KindName]
    work_modes: list[ModeName]
    max_load: int
    employers: list[int]  # organisation ids: needs of these bodies are conflicts of interest
    works: list[KnowledgeWork]
    updated_at: datetime


class KnowledgeInvitationsPage(Schema):
    count: int
    page: int
    pages: int
    results: list[KnowledgeInvitation]


class KnowledgeEngagementsPage(Schema):
    count: int
    page: int
    pages: int
    results: list[KnowledgeEngagementSummary]


# -- query parameters -----------------------------------------------------------------------------


class KnowledgeNeedsQuery(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Words of the title or description; tones, đ and case do not matter",
    )
    field: str | None = Field(None, max_length=50, description="A field's slug")
    kind: KindName | None = None
    status: NeedStatusName | None = None
    owner: DbId | None = Field(None, description="The owner body's id")
    mine: bool = Field(False, description="Only needs of the bodies I manage")
    page: int = 1
    per_page: int = PAGE_SIZE


class KnowledgeInvitationsQuery(Schema):
    status: InvitationStatusName | None = None
    page: int = 1
    per_page: int = PAGE_SIZE


class KnowledgeEngagementsQuery(Schema):
    status: EngagementStatusName | None = None
    page: int = 1
    per_page: int = PAGE_SIZE


# -- input ----------------------------------------------------------------------------------------


class KnowledgeNeedIn(Schema):
    """A new need. ``owner_id`` is the body it is posted for: needed when the caller may post
    for more than one body (platform admins always)."""

    model_config = ConfigDict(extra="forbid")

    owner_id: DbId | None = None
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    fields: list[Slug] = Field([], max_length=30)
    kind: KindName
    mode: ModeName = "either"
    starts_on: date | None = None
    ends_on: date | None = None
    deadline: date | None = None
    experts_wanted: int = Field(1, ge=1, le=50)


class KnowledgeNeedPatch(Schema):
    """Changes to a need: only the attributes sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=10_000)
    fields: list[Slug] | None = Field(None, max_length=30)
    kind: KindName | None = None
    mode: ModeName | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    deadline: date | None = None
    experts_wanted: int | None = Field(None, ge=1, le=50)


class KnowledgeCloseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field("", max_length=500)


class KnowledgeInvitationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    expert_id: DbId  # the person's id in the registry
    message: str = Field("", max_length=3000)


class KnowledgeDeclineIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=1000)


class KnowledgeMilestoneIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    due_on: date | None = None


class KnowledgeEndIn(Schema):
    model_config = ConfigDict(extra="forbid")

    outcome: OutcomeName
    note: str = Field("", max_length=5000)


class KnowledgeWorkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: WorkKindName = "publication"
    title: str = Field(min_length=1, max_length=300)
    year: int | None = Field(None, ge=1900, le=2100)
    link: str = Field("", max_length=200)


class KnowledgeExpertProfileIn(Schema):
    """The whole expert profile: what is not sent takes its default, and ``works`` replaces the
    list of publications and patents."""

    model_config = ConfigDict(extra="forbid")

    position: str = Field("", max_length=200)
    keywords: list[Keyword] = Field([], max_length=50)
    summary: str = Field("", max_length=3000)
    availability: AvailabilityName = "available"
    engagement_kinds: list[KindName] = Field([], max_length=7)
    work_modes: list[ModeName] = Field([], max_length=3)
    max_load: int = Field(2, ge=0, le=20)
    employers: list[DbId] = Field([], max_length=20)
    works: list[KnowledgeWorkIn] = Field([], max_length=100)
