"""Reads of events for a viewer. Lists never show a draft to someone who does not organise it;
attendee lists and exports apply the registry's privacy rules (a person's contact and location
are shown only where that person's visibility settings let this viewer see them) and audit what
officials were shown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.utils import timezone

from kieubao.community.models import Visibility
from kieubao.community.rules import Viewer
from kieubao.community.selectors import PAGE_SIZE, ResultPage, paginate
from kieubao.core import audit
from kieubao.core.text import fold

from . import rules
from .models import (
    ACTIVE,
    Event,
    EventStatus,
    Feedback,
    Meeting,
    MeetingOutcome,
    MeetingProfile,
    MeetingRequest,
    OutcomeKind,
    Programme,
    Registration,
    RegStatus,
    RequestStatus,
)


# --- events and programmes ---------------------------------------------------------------------
def visible_events(viewer: Viewer) -> QuerySet[Event]:
    qs = Event.objects.select_related("host", "programme")
    if viewer.is_admin:
        return qs
    mine = Q(host_id__in=viewer.admin_of)
    if viewer.scope is not None:
        mine |= Q(host_id=viewer.scope.body_id)
    return qs.filter(~Q(status=EventStatus.DRAFT) | mine)


def events_list(
    viewer: Viewer,
    *,
    when: str = "upcoming",
    q: str = "",
    programme: int | None = None,
    province_code: int | None = None,
    page: int = 1,
    per_page: int | None = None,
) -> ResultPage:
    qs = visible_events(viewer)
    now = timezone.now()
    if when == "upcoming":
        qs = qs.filter(ends_at__gte=now).order_by("starts_at", "pk")
    elif when == "past":
        qs = qs.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        qs = qs.order_by("-starts_at", "-pk")
    if programme:
        qs = qs.filter(programme_id=programme)
    if province_code:
        qs = qs.filter(province_code=province_code)
    if q:
        words = fold(q).split()
        if words:
            ids = [
                e.pk
                for e in qs.select_related(None).only("pk", "title", "title_en", "venue", "city")
                if all(w in fold(f"{e.title} {e.title_en} {e.venue} {e.city}") for w in words)
            ]
            qs = qs.filter(pk__in=ids)
    return paginate(qs, page, per_page or PAGE_SIZE)


def event_get(viewer: Viewer, pk: int) -> Event | None:
    event = Event.objects.select_related("host", "programme").filter(pk=pk).first()
    if event is None or not rules.can_view(viewer, event):
        return None
    return event


def programmes_list() -> QuerySet[Programme]:
    return Programme.objects.select_related("owner").annotate(
        event_count=Count("events", filter=~Q(events__status=EventStatus.DRAFT))
    )


def programme_events(viewer: Viewer, programme: Programme) -> QuerySet[Event]:
    return visible_events(viewer).filter(programme=programme).order_by("starts_at", "pk")


def organised_by(viewer: Viewer) -> QuerySet[Event]:
    """The events this viewer organises (for their dashboard)."""
    qs = Event.objects.select_related("host")
    if viewer.is_admin:
        return qs.order_by("-starts_at")
    mine = Q(host_id__in=viewer.admin_of)
    if viewer.scope is not None:
        mine |= Q(host_id=viewer.scope.body_id)
    if not viewer.admin_of and viewer.scope is None:
        return qs.none()
    return qs.filter(mine).order_by("-starts_at")


# --- registrations -----------------------------------------------------------------------------
def registration_of(viewer: Viewer, event: Event) -> Registration | None:
    """The viewer's own active registration for this event."""
    if viewer.person_id is None:
        return None
    return (
        event.registrations.filter(person_id=viewer.person_id, status__in=ACTIVE)
        .select_related("event")
        .first()
    )


def my_registrations(viewer: Viewer) -> QuerySet[Registration]:
    """The viewer's own registrations and those of the guests they brought."""
    if viewer.user_id is None:
        return Registration.objects.none()
    mine = Q(registered_by_id=viewer.user_id, leader__isnull=False)
    if viewer.person_id is not None:
        mine |= Q(person_id=viewer.person_id)
    return (
        Registration.objects.filter(mine)
        .select_related("event", "leader")
        .order_by("-event__starts_at", "pk")
    )


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegStatus.WAITLISTED:
        return None
    head = registration.leader or registration
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=RegStatus.WAITLISTED,
        leader__isnull=True,
    ).filter(Q(queued_at__lt=head.queued_at) | Q(queued_at=head.queued_at, pk__lt=head.pk))
    return ahead.count() + 1


@dataclass
class Attendance:
    capacity: int | None
    confirmed: int
    waitlisted: int
    cancelled: int
    checked_in: int

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.confirmed)

    @property
    def share_checked_in(self) -> float:
        return self.checked_in / self.confirmed if self.confirmed else 0.0


def attendance(event: Event) -> Attendance:
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=RegStatus.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=RegStatus.CANCELLED)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    return Attendance(capacity=event.capacity, **counts)


@dataclass
class AttendeeRow:
    registration: Registration
    full_name: str
    organisation: str
    delegation: str
    status: str
    checked_in_at: object
    email: str = ""
    phone: str = ""
    country: str = ""
    city: str = ""
    answers: dict = field(default_factory=dict)


def attendees(
    viewer: Viewer, event: Event, *, status: str | None = None, audit_reads: bool = True
) -> list[AttendeeRow]:
    """The organisers' attendee list. What the registration holds for the event (name,
    organisation, delegation, answers) is shown; a member's contact and location come from the
    registry and only where that member lets this viewer see them. A guest's contact is what
    their leader gave for the event. Officials' reads of non-public groups are audited."""
    if not rules.is_organiser(viewer, event):
        return []
    qs = event.registrations.select_related("person", "leader").order_by("queued_at", "pk")
    if status:
        qs = qs.filter(status=status)
    rows: list[AttendeeRow] = []
    reads: list[tuple[int, list[str]]] = []
    for registration in qs:
        row = AttendeeRow(
            registration=registration,
            full_name=registration.full_name,
            organisation=registration.organisation_name,
            delegation=(registration.leader.delegation_name or registration.leader.full_name)
            if registration.leader_id
            else registration.delegation_name,
            status=registration.get_status_display(),
            checked_in_at=registration.checked_in_at,
            answers=registration.answers,
        )
        person = registration.person
        if person is None:
            row.email = registration.email
        else:
            level = viewer.level_for(person)
            groups = []
            if person.vis_contact <= level:
                row.email, row.phone = person.email, person.phone
                groups.append("contact")
            if person.vis_location <= level:
                row.city = person.city
                groups.append("location")
            if person.vis_profile <= level:
                row.country = str(person.country or "")
            if groups and level >= Visibility.OFFICIALS and person.user_id != viewer.user_id:
                reads.append((person.pk, groups))
        rows.append(row)
    if audit_reads and reads and viewer.user_id is not None:
        audit.record_person_reads(
            actor_id=viewer.user_id,
            actor_body_id=viewer.scope.body_id if viewer.scope else None,
            reads=reads,
        )
    return rows


# --- B2B ---------------------------------------------------------------------------------------
def profile_of(registration: Registration | None) -> MeetingProfile | None:
    if registration is None:
        return None
    return MeetingProfile.objects.filter(registration=registration).first()


def directory(
    event: Event, *, exclude: MeetingProfile | None = None, q: str = "", language: str = ""
) -> QuerySet[MeetingProfile]:
    """Published profiles of confirmed participants, for participants to browse."""
    qs = (
        MeetingProfile.objects.filter(
            event=event, published=True, registration__status=RegStatus.CONFIRMED
        )
        .select_related("registration")
        .order_by("registration__full_name", "pk")
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    for word in fold(q).split():
        qs = qs.filter(folded__contains=word)
    if language:
        ids = [
            p.pk
            for p in qs.select_related(None).only("pk", "languages")
            if language in (p.languages or [])
        ]
        qs = qs.filter(pk__in=ids)
    return qs


def requests_of(profile: MeetingProfile) -> tuple[QuerySet, QuerySet]:
    """(received, sent) meeting requests of a participant."""
    base = MeetingRequest.objects.select_related(
        "requester__registration", "recipient__registration", "meeting__slot"
    )
    return (
        base.filter(recipient=profile).exclude(status=RequestStatus.CANCELLED),
        base.filter(requester=profile).exclude(status=RequestStatus.CANCELLED),
    )


def schedule_of(profile: MeetingProfile) -> list[Meeting]:
    return list(
        Meeting.objects.filter(Q(request__requester=profile) | Q(request__recipient=profile))
        .select_related(
            "slot",
            "interpreter",
            "event",
            "request__requester__registration",
            "request__recipient__registration",
        )
        .order_by("slot__starts_at", "pk")
    )


def event_schedule(event: Event) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(event=event)
        .select_related(
            "slot",
            "interpreter",
            "request__requester__registration",
            "request__recipient__registration",
        )
        .order_by("slot__starts_at", "table", "pk")
    )


def unscheduled(event: Event) -> QuerySet[MeetingRequest]:
    return (
        MeetingRequest.objects.filter(
            event=event, status=RequestStatus.ACCEPTED, meeting__isnull=True
        )
        .select_related("requester__registration", "recipient__registration")
        .order_by("-mutual", "pk")
    )


# --- after the event ---------------------------------------------------------------------------
@dataclass
class Statistics:
    attendance: Attendance
    delegations: int
    requests: dict[str, int]
    meetings: int
    meetings_pinned: int
    meetings_interpreted: int
    mutual: int
    outcomes: dict[str, int]
    outcome_value_usd: Decimal
    feedback_count: int
    feedback_rating: float | None
    ratings: dict[int, int]
    last_run: object = None


def statistics(event: Event) -> Statistics:
    requests = dict(
        Counter(MeetingRequest.objects.filter(event=event).values_list("status", flat=True))
    )
    meetings = Meeting.objects.filter(event=event)
    outcomes = MeetingOutcome.objects.filter(meeting__event=event)
    by_kind = dict(Counter(outcomes.values_list("kind", flat=True)))
    feedback = Feedback.objects.filter(registration__event=event)
    return Statistics(
        attendance=attendance(event),
        delegations=event.registrations.filter(
            leader__isnull=True, delegates__isnull=False, status__in=ACTIVE
        )
        .distinct()
        .count(),
        requests={s: requests.get(s, 0) for s in RequestStatus.values},
        meetings=meetings.count(),
        meetings_pinned=meetings.filter(pinned=True).count(),
        meetings_interpreted=meetings.filter(interpreter__isnull=False).count(),
        mutual=MeetingRequest.objects.filter(event=event, mutual=True).count(),
        outcomes={k: by_kind.get(k, 0) for k in OutcomeKind.values},
        outcome_value_usd=outcomes.aggregate(v=Sum("value_usd"))["v"] or Decimal(0),
        feedback_count=feedback.count(),
        feedback_rating=feedback.aggregate(r=Avg("rating"))["r"],
        ratings=dict(Counter(feedback.values_list("rating", flat=True))),
        last_run=event.schedule_runs.first(),
    )


def province_outcomes(province_code: int) -> dict:
    """What meetings at events hosted in a province came to (credited to the province)."""
    outcomes = MeetingOutcome.objects.filter(meeting__event__province_code=province_code)
    return {
        "events": Event.objects.filter(province_code=province_code)
        .exclude(status=EventStatus.DRAFT)
        .count(),
        "by_kind": dict(Counter(outcomes.values_list("kind", flat=True))),
        "value_usd": outcomes.aggregate(v=Sum("value_usd"))["v"] or Decimal(0),
    }
