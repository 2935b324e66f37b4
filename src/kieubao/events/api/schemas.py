"""Input and output schemas of the events API. Names start with ``Event`` so that they never
clash with another app's in the OpenAPI document (one shared name breaks it). No input field is
called ``body``: the shared error handler drops that name from error paths."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, StrictInt, StrictStr

from kieubao.community.selectors import PAGE_SIZE

# The models' TextChoices, spelled out for the OpenAPI document (tests/test_api.py checks that
# they stay equal to the models' values).
EventStatusName = Literal["draft", "published", "cancelled"]
AccessName = Literal["open", "invitation"]
RegStatusName = Literal["confirmed", "waitlisted", "cancelled"]
PhaseName = Literal["registration", "feedback"]
QuestionKindName = Literal["text", "yesno", "choice", "date", "rating"]
RequestStatusName = Literal["pending", "accepted", "declined", "cancelled"]
OutcomeKindName = Literal["mou", "deal", "investment", "nothing"]
WhenName = Literal["upcoming", "past", "all"]

# Strict in bodies: JSON true is not the id 1, nor the number 1 (pydantic would take it).
DbId = Annotated[StrictInt, Field(ge=1, le=2_147_483_647)]
QueryId = Annotated[int, Field(ge=1, le=2_147_483_647)]
Language = Annotated[str, Field(max_length=10)]
# An answer to a custom question: text, a choice's value, a date (YYYY-MM-DD), yes/no, 1–5.
Answer = StrictStr | StrictBool | StrictInt | None
Answers = Annotated[
    dict[Annotated[str, Field(max_length=12)], Answer],
    Field(max_length=100, description="Answers keyed by the question's id"),
]


# -- output ---------------------------------------------------------------------------------------


class EventRef(Schema):
    id: int
    name: str  # in the caller's language


class EventSummary(Schema):
    id: int
    name: str  # in the caller's language (Accept-Language)
    title: str  # Vietnamese
    title_en: str
    programme: EventRef | None = None
    host: EventRef  # the organisation that runs it
    venue: str
    city: str
    province_code: int | None = None  # empty for an event abroad
    country: str
    starts_at: datetime  # UTC
    ends_at: datetime
    access: AccessName
    status: EventStatusName
    capacity: int | None = None  # null: no limit
    b2b_enabled: bool


class EventDetail(EventSummary):
    agenda: str  # in the caller's language
    address: str
    registration_deadline: datetime | None = None
    table_count: int
    seats_left: int | None = None  # null: no limit
    is_organiser: bool  # the caller organises it
    my_registration_id: int | None = None  # the caller's active registration


class EventsPage(Schema):
    count: int
    page: int
    pages: int
    results: list[EventSummary]


class EventProgramme(Schema):
    id: int
    name: str  # in the caller's language
    title: str
    title_en: str
    description: str  # in the caller's language
    owner: EventRef
    starts_on: str  # YYYY-MM-DD
    ends_on: str
    event_count: int  # published and cancelled events (not drafts)


class EventProgrammeDetail(EventProgramme):
    events: list[EventSummary]


class EventSession(Schema):
    id: int
    name: str  # in the caller's language
    description: str
    starts_at: datetime
    ends_at: datetime
    venue: str


class EventChoice(Schema):
    value: str
    label: str  # in the caller's language


class EventQuestion(Schema):
    id: int  # answer it as answers["<id>"]
    phase: PhaseName
    kind: QuestionKindName
    label: str  # in the caller's language
    required: bool
    choices: list[EventChoice]  # for kind "choice": answer with a value


class EventGuest(Schema):
    id: int
    full_name: str
    email: str
    organisation_name: str
    status: RegStatusName


class EventRegistration(Schema):
    id: int
    event: EventRef
    status: RegStatusName
    status_label: str
    full_name: str
    email: str
    organisation_name: str
    delegation_name: str
    leader_id: int | None = None  # set for a guest of a delegation
    delegates: list[EventGuest]  # the people a leader brought
    answers: dict[str, Answer]
    # The ticket's secret code (its QR code): for its holder and the delegation's leader only.
    ticket_code: str | None = None
    checked_in_at: datetime | None = None
    waitlist_position: int | None = None  # 1: next in line; null: not on the waiting list
    created_at: datetime
    confirmed_at: datetime | None = None
    cancelled_at: datetime | None = None


class EventCancelled(Schema):
    registration: EventRegistration
    promoted: int  # registrations seated from the waiting list by this cancellation


class EventWaitlist(Schema):
    registration_id: int
    status: RegStatusName
    position: int | None = None  # null: not on the waiting list


class EventAttendee(Schema):
    """What the registration holds for the event; a member's contact and location only where
    their registry visibility lets the caller see them (empty otherwise)."""

    registration_id: int
    full_name: str
    organisation: str
    delegation: str
    status: RegStatusName
    status_label: str
    checked_in_at: datetime | None = None
    email: str
    phone: str
    country: str
    city: str
    answers: dict[str, Answer]


class EventAttendance(Schema):
    capacity: int | None = None
    confirmed: int
    waitlisted: int
    cancelled: int
    checked_in: int
    seats_left: int | None = None


class EventCheckIn(Schema):
    """A refused ticket is ``ok: false`` with the reason in ``message`` (still a 200: the scan
    was read, the ticket was not let in)."""

    ok: bool
    message: str
    registration_id: int | None = None
    full_name: str | None = None
    checked_in_at: datetime | None = None


class EventProfile(Schema):
    id: int
    registration_id: int
    full_name: str
    organisation_name: str
    offer: str
    seek: str
    sectors: str
    languages: list[str]  # ISO 639-1
    unavailable: list[int]  # ids of the slots they are not available
    published: bool
    updated_at: datetime


class EventDirectoryEntry(Schema):
    id: int  # the profile's id: request a meeting with it (recipient_id)
    full_name: str
    organisation_name: str
    offer: str
    seek: str
    sectors: str
    languages: list[str]


class EventSlot(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime


class EventParty(Schema):
    profile_id: int
    full_name: str
    organisation_name: str


class EventMeetingPlace(Schema):
    meeting_id: int
    slot: EventSlot
    table: int
    interpreter: str | None = None
    pinned: bool


class EventMeetingRequest(Schema):
    id: int
    event_id: int
    requester: EventParty
    recipient: EventParty
    message: str
    status: RequestStatusName
    status_label: str
    mutual: bool  # both asked each other
    weight: int  # what holding it is worth to the scheduler (mutual interest: 4)
    requester_priority: bool
    recipient_priority: bool
    decline_reason: str
    created_at: datetime
    answered_at: datetime | None = None
    meeting: EventMeetingPlace | None = None  # where the scheduler placed it


class EventMeetingRequests(Schema):
    received: list[EventMeetingRequest]
    sent: list[EventMeetingRequest]


class EventInterpreter(Schema):
    id: int
    name: str
    languages: list[str]
    unavailable: list[int]


class EventMeeting(Schema):
    id: int
    request_id: int
    slot: EventSlot
    table: int
    interpreter: str | None = None
    pinned: bool
    mutual: bool
    weight: int
    requester: EventParty
    recipient: EventParty


class EventSchedule(Schema):
    """Organisers see every meeting and the accepted requests not placed; a participant their
    own meetings."""

    meetings: list[EventMeeting]
    unscheduled: list[int]  # ids of accepted requests without a meeting (organisers only)


class EventScheduleRun(Schema):
    id: int
    requests: int  # accepted requests
    placed: int
    pinned: int
    weight: int
    weight_possible: int
    seconds: float
    created_at: datetime


class EventOutcome(Schema):
    id: int
    meeting_id: int
    kind: OutcomeKindName
    kind_label: str
    note: str
    value_usd: float | None = None
    recorded_at: datetime


class EventFeedback(Schema):
    id: int
    registration_id: int
    rating: int
    answers: dict[str, Answer]
    comment: str
    created_at: datetime


# -- query parameters -----------------------------------------------------------------------------


class EventsQuery(Schema):
    when: WhenName = Field("upcoming", description="upcoming (not over), past, or all")
    programme: QueryId | None = Field(None, description="A programme's id")
    province: int | None = Field(None, ge=1, le=99, description="The hosting province's code")
    q: str = Field("", max_length=200, description="Words of the title, venue or city")
    page: int = 1
    per_page: int = PAGE_SIZE


class EventQuestionsQuery(Schema):
    phase: PhaseName = "registration"


class EventAttendeesQuery(Schema):
    status: RegStatusName | None = None


class EventDirectoryQuery(Schema):
    q: str = Field("", max_length=200, description="Words of the name, offer, seek or sectors")
    language: str = Field("", max_length=10, description="Only people speaking this language")


# -- input ----------------------------------------------------------------------------------------


class EventFields(Schema):
    model_config = ConfigDict(extra="forbid")

    title_en: str = Field("", max_length=200)
    agenda: str = Field("", max_length=20_000)
    agenda_en: str = Field("", max_length=20_000)
    address: str = Field("", max_length=300)
    city: str = Field("", max_length=120)
    province_code: StrictInt | None = Field(
        None, ge=1, le=99, description="Needed for an event in Vietnam"
    )
    country: str = Field("VN", max_length=2)
    capacity: StrictInt | None = Field(None, ge=1, le=1_000_000, description="null: no limit")
    access: AccessName = "open"
    registration_deadline: datetime | None = None
    b2b_enabled: StrictBool = False
    table_count: StrictInt = Field(0, ge=0, le=10_000)
    programme_id: DbId | None = None


class EventIn(EventFields):
    """A new event, a draft until published. Times without a zone are Vietnam time."""

    host_id: DbId = Field(description="The organisation that runs it (one the caller organises)")
    title: str = Field(max_length=200)
    venue: str = Field(max_length=200)
    starts_at: datetime
    ends_at: datetime


class EventPatch(Schema):
    """Only the fields given change. A larger capacity seats people from the waiting list."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=200)
    title_en: str | None = Field(None, max_length=200)
    agenda: str | None = Field(None, max_length=20_000)
    agenda_en: str | None = Field(None, max_length=20_000)
    venue: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=300)
    city: str | None = Field(None, max_length=120)
    province_code: StrictInt | None = Field(None, ge=1, le=99)
    country: str | None = Field(None, max_length=2)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    capacity: StrictInt | None = Field(None, ge=1, le=1_000_000)
    access: AccessName | None = None
    registration_deadline: datetime | None = None
    b2b_enabled: StrictBool | None = None
    table_count: StrictInt | None = Field(None, ge=0, le=10_000)
    programme_id: DbId | None = None


class EventCancelIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=1000, description="Told to the participants")


class EventGuestIn(Schema):
    model_config = ConfigDict(extra="forbid")

    full_name: str = Field(max_length=200)
    email: str = Field("", max_length=254)
    organisation_name: str = Field("", max_length=200)


class EventRegisterIn(Schema):
    """Register oneself, and as a delegation's leader the people one brings: they all get a
    seat, or all go to the waiting list together."""

    model_config = ConfigDict(extra="forbid")

    answers: Answers = {}
    delegates: list[EventGuestIn] = Field([], max_length=50)
    delegation_name: str = Field("", max_length=200)
    organisation_name: str = Field("", max_length=200)
    invitation_token: str | None = Field(
        None, max_length=200, description="From the invitation link (events by invitation)"
    )


class EventCheckInIn(Schema):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(max_length=500, description="The ticket's code, or the scanned URL")


class EventProfileIn(Schema):
    model_config = ConfigDict(extra="forbid")

    offer: str = Field("", max_length=2000)
    seek: str = Field("", max_length=2000)
    sectors: str = Field("", max_length=300)
    languages: list[Language] = Field(max_length=20, description="ISO 639-1 codes")
    unavailable: list[DbId] = Field([], max_length=200, description="Ids of slots")
    published: StrictBool = True


class EventRequestIn(Schema):
    model_config = ConfigDict(extra="forbid")

    recipient_id: DbId = Field(description="A participant's profile id (the directory's id)")
    message: str = Field("", max_length=1000)
    priority: StrictBool = Field(False, description="High interest")


class EventAnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    accept: StrictBool
    priority: StrictBool = Field(False, description="High interest (when accepting)")
    reason: str = Field("", max_length=300, description="Why not (when declining)")


class EventSlotIn(Schema):
    model_config = ConfigDict(extra="forbid")

    starts_at: datetime
    ends_at: datetime | None = None
    minutes: StrictInt | None = Field(None, ge=5, le=480, description="Instead of ends_at")


class EventInterpreterIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=200)
    languages: list[Language] = Field(max_length=20)
    unavailable: list[DbId] = Field([], max_length=200)


class EventPlaceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    slot_id: DbId
    table: StrictInt | None = Field(None, ge=1, le=10_000, description="null: a free table")


class EventOutcomeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: OutcomeKindName
    note: str = Field("", max_length=2000)
    value_usd: float | None = Field(None, gt=0, lt=1e12)


class EventFeedbackIn(Schema):
    model_config = ConfigDict(extra="forbid")

    rating: StrictInt = Field(ge=1, le=5)
    answers: Answers = {}
    comment: str = Field("", max_length=3000)
