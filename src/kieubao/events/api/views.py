"""The events API under /api/v1/events/: programmes and events, registration (delegations,
invitations, the waiting list), check-in, and the B2B meetings (profiles, requests, slots,
interpreters, the schedule, outcomes), and feedback. Thin: parse input, call one service or
selector, serialise.

Published events, their agenda, questions and programmes are read without credentials; drafts
only by their organisers. Everything else needs a signed-in caller (401 otherwise). Deny by
default, as the pages do (see ..rules): what the caller may not see is a 404 (its existence is
not confirmed), what they may see but not do is a 403 — a member may not edit an event, a
participant may not run the scheduler. Validation errors of the services come back as 422 with
translated messages keyed by the request's field names (Accept-Language: vi or en).

Check-in answers 200 for every ticket read, ``ok: false`` with the reason for a refused one
(used already — with the time —, for another event, cancelled, on the waiting list, unknown):
the door's phone shows the message either way.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status

from kieubao.community.api.common import BODY_ERRORS, DB_ID, ERRORS
from kieubao.community.api.common import WRITE_ERRORS as DENIED
from kieubao.community.api.common import renamed as _renamed
from kieubao.community.models import Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.api.auth import OPTIONAL, REQUIRED

from .. import rules, selectors, services
from ..models import (
    Event,
    Meeting,
    MeetingProfile,
    MeetingRequest,
    Programme,
    Registration,
    RegStatus,
)
from .schemas import (
    EventAnswerIn,
    EventAttendance,
    EventAttendee,
    EventAttendeesQuery,
    EventCancelIn,
    EventCancelled,
    EventCheckIn,
    EventCheckInIn,
    EventDetail,
    EventDirectoryEntry,
    EventDirectoryQuery,
    EventFeedback,
    EventFeedbackIn,
    EventIn,
    EventInterpreter,
    EventInterpreterIn,
    EventMeeting,
    EventMeetingRequest,
    EventMeetingRequests,
    EventOutcome,
    EventOutcomeIn,
    EventPatch,
    EventPlaceIn,
    EventProfile,
    EventProfileIn,
    EventProgramme,
    EventProgrammeDetail,
    EventQuestion,
    EventQuestionsQuery,
    EventRegisterIn,
    EventRegistration,
    EventRequestIn,
    EventSchedule,
    EventScheduleRun,
    EventSession,
    EventSlot,
    EventSlotIn,
    EventsPage,
    EventsQuery,
    EventWaitlist,
)

router = Router(tags=["events"], auth=REQUIRED)

API = "/events"


# -- helpers --------------------------------------------------------------------------------------


def _viewer(request: HttpRequest) -> Viewer:
    return viewer_for_request(request)


def _no_nul(value: str | None) -> bool:
    return value is not None and "\x00" in value


def _event(request: HttpRequest, event_id: int) -> Event:
    event = selectors.event_get(_viewer(request), event_id)
    if event is None:
        raise Http404
    return event


def _organised(request: HttpRequest, event_id: int) -> Event:
    event = _event(request, event_id)
    if not rules.is_organiser(_viewer(request), event):
        raise PermissionDenied
    return event


def _registration(request: HttpRequest, registration_id: int) -> Registration:
    registration = (
        Registration.objects.select_related("event", "leader").filter(pk=registration_id).first()
    )
    if registration is None or not rules.can_view_registration(_viewer(request), registration):
        raise Http404
    return registration


def _participation(request: HttpRequest, event: Event) -> Registration:
    """The caller's own confirmed registration at a B2B event (403 otherwise)."""
    viewer = _viewer(request)
    registration = selectors.registration_of(viewer, event)
    if not rules.is_participant(viewer, registration):
        raise PermissionDenied
    return registration


def _own_profile(request: HttpRequest, event: Event) -> MeetingProfile:
    profile = selectors.profile_of(_participation(request, event))
    if profile is None:
        raise ValidationError(
            {"profile": [_("Save your meeting profile first: say what you offer and seek.")]}
        )
    return profile


def _meeting_request(request: HttpRequest, request_id: int) -> MeetingRequest:
    found = (
        MeetingRequest.objects.select_related(
            "event", "requester__registration", "recipient__registration", "meeting__slot"
        )
        .filter(pk=request_id)
        .first()
    )
    if found is None or not rules.can_view_request(_viewer(request), found):
        raise Http404
    return found


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    found = (
        Meeting.objects.select_related(
            "event",
            "slot",
            "interpreter",
            "request__event",
            "request__requester__registration",
            "request__recipient__registration",
        )
        .filter(pk=meeting_id)
        .first()
    )
    if found is None or not rules.can_view_meeting(_viewer(request), found):
        raise Http404
    return found


def _ref(obj, name: str) -> dict:
    return {"id": obj.pk, "name": name}


def _summary(event: Event) -> dict:
    return {
        "id": event.pk,
        "name": event.name(),
        "title": event.title,
        "title_en": event.title_en,
        "programme": _ref(event.programme, event.programme.name()) if event.programme else None,
        "host": _ref(event.host, event.host.display_name()),
        "venue": event.venue,
        "city": event.city,
        "province_code": event.province_code,
        "country": event.country,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "access": event.access,
        "status": event.status,
        "capacity": event.capacity,
        "b2b_enabled": event.b2b_enabled,
    }


def _detail(event: Event, viewer: Viewer) -> dict:
    mine = selectors.registration_of(viewer, event)
    return _summary(event) | {
        "agenda": event.agenda_text(),
        "address": event.address,
        "registration_deadline": event.registration_deadline,
        "table_count": event.table_count,
        "seats_left": services.seats_left(event),
        "is_organiser": rules.is_organiser(viewer, event),
        "my_registration_id": mine.pk if mine else None,
    }


def _programme(programme: Programme) -> dict:
    return {
        "id": programme.pk,
        "name": programme.name(),
        "title": programme.title,
        "title_en": programme.title_en,
        "description": programme.text(),
        "owner": _ref(programme.owner, programme.owner.display_name()),
        "starts_on": programme.starts_on.isoformat(),
        "ends_on": programme.ends_on.isoformat(),
        "event_count": programme.event_count,
    }


def _registration_out(registration: Registration, viewer: Viewer) -> dict:
    delegates = []
    if registration.leader_id is None:
        delegates = [
            {
                "id": d.pk,
                "full_name": d.full_name,
                "email": d.email,
                "organisation_name": d.organisation_name,
                "status": d.status,
            }
            for d in registration.delegates.order_by("pk")
        ]
    return {
        "id": registration.pk,
        "event": _ref(registration.event, registration.event.name()),
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "full_name": registration.full_name,
        "email": registration.email,
        "organisation_name": registration.organisation_name,
        "delegation_name": registration.delegation_name,
        "leader_id": registration.leader_id,
        "delegates": delegates,
        "answers": registration.answers,
        "ticket_code": registration.ticket_code
        if rules.owns_registration(viewer, registration)
        else None,
        "checked_in_at": registration.checked_in_at,
        "waitlist_position": selectors.waitlist_position(registration),
        "created_at": registration.created_at,
        "confirmed_at": registration.confirmed_at,
        "cancelled_at": registration.cancelled_at,
    }


def _slot(slot) -> dict:
    return {"id": slot.pk, "starts_at": slot.starts_at, "ends_at": slot.ends_at}


def _party(profile: MeetingProfile) -> dict:
    return {
        "profile_id": profile.pk,
        "full_name": profile.registration.full_name,
        "organisation_name": profile.registration.organisation_name,
    }


def _profile_out(profile: MeetingProfile) -> dict:
    return {
        "id": profile.pk,
        "registration_id": profile.registration_id,
        "full_name": profile.registration.full_name,
        "organisation_name": profile.registration.organisation_name,
        "offer": profile.offer,
        "seek": profile.seek,
        "sectors": profile.sectors,
        "languages": list(profile.languages or []),
        "unavailable": sorted(s.pk for s in profile.unavailable.all()),
        "published": profile.published,
        "updated_at": profile.updated_at,
    }


def _request_out(found: MeetingRequest) -> dict:
    meeting = Meeting.objects.select_related("slot", "interpreter").filter(request=found).first()
    return {
        "id": found.pk,
        "event_id": found.event_id,
        "requester": _party(found.requester),
        "recipient": _party(found.recipient),
        "message": found.message,
        "status": found.status,
        "status_label": str(found.get_status_display()),
        "mutual": found.mutual,
        "weight": found.weight,
        "requester_priority": found.requester_priority,
        "recipient_priority": found.recipient_priority,
        "decline_reason": found.decline_reason,
        "created_at": found.created_at,
        "answered_at": found.answered_at,
        "meeting": None
        if meeting is None
        else {
            "meeting_id": meeting.pk,
            "slot": _slot(meeting.slot),
            "table": meeting.table,
            "interpreter": meeting.interpreter.name if meeting.interpreter else None,
            "pinned": meeting.pinned,
        },
    }


def _meeting_out(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "request_id": meeting.request_id,
        "slot": _slot(meeting.slot),
        "table": meeting.table,
        "interpreter": meeting.interpreter.name if meeting.interpreter else None,
        "pinned": meeting.pinned,
        "mutual": meeting.request.mutual,
        "weight": meeting.request.weight,
        "requester": _party(meeting.request.requester),
        "recipient": _party(meeting.request.recipient),
    }


def _interpreter_out(interpreter) -> dict:
    return {
        "id": interpreter.pk,
        "name": interpreter.name,
        "languages": list(interpreter.languages or []),
        "unavailable": sorted(s.pk for s in interpreter.unavailable.all()),
    }


# -- programmes and events ------------------------------------------------------------------------


@router.get(
    API,
    response={200: EventsPage, **ERRORS},
    auth=OPTIONAL,
    summary="Search events",
)
def events_list(request: HttpRequest, query: Query[EventsQuery]):
    """Upcoming events first by date (``when=past``: the latest first). Drafts only for their
    organisers. Tones, đ and case do not matter in ``q``."""
    result = selectors.events_list(
        _viewer(request),
        when=query.when,
        q=query.q,
        programme=query.programme,
        province_code=query.province,
        page=query.page,
        per_page=query.per_page,
    )
    return {
        "count": result.total,
        "page": result.page,
        "pages": result.pages,
        "results": [_summary(e) for e in result.items],
    }


@router.post(
    API,
    response={201: EventDetail, **BODY_ERRORS},
    summary="Create an event (organisers)",
)
def event_create(request: HttpRequest, payload: EventIn):
    """A draft until published, hosted by an organisation the caller organises for: their
    homeland body (officials) or an association they administer; platform admins any."""
    viewer = _viewer(request)
    if not rules.can_create_event(viewer) or not rules.can_host(viewer, payload.host_id):
        raise PermissionDenied
    values = payload.model_dump(exclude={"host_id", "programme_id"})
    try:
        event = services.event_create(
            host=payload.host_id, user=request.auth, programme=payload.programme_id, **values
        )
    except ValidationError as error:
        raise _renamed(error, {"host": "host_id", "programme": "programme_id"}) from None
    return Status(201, _detail(selectors.event_get(viewer, event.pk), viewer))


@router.get(
    f"{API}/programmes",
    response={200: list[EventProgramme], **ERRORS},
    auth=OPTIONAL,
    summary="Programmes (Homeland Spring …)",
)
def programmes_list(request: HttpRequest):
    return [_programme(p) for p in selectors.programmes_list()]


@router.get(
    f"{API}/programmes/{{programme_id}}",
    response={200: EventProgrammeDetail, **ERRORS},
    auth=OPTIONAL,
    summary="A programme with its events",
)
def programme_detail(request: HttpRequest, programme_id: int = Path(..., **DB_ID)):
    programme = selectors.programmes_list().filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    events = selectors.programme_events(_viewer(request), programme)
    return _programme(programme) | {"events": [_summary(e) for e in events]}


@router.get(
    f"{API}/registrations/mine",
    response={200: list[EventRegistration], **ERRORS},
    summary="My registrations (and those of the people I brought)",
)
def my_registrations(request: HttpRequest):
    viewer = _viewer(request)
    return [_registration_out(r, viewer) for r in selectors.my_registrations(viewer)]


@router.get(
    f"{API}/{{event_id}}",
    response={200: EventDetail, **ERRORS},
    auth=OPTIONAL,
    summary="One event",
)
def event_detail(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    """A draft is seen by its organisers only (404 for anyone else)."""
    return _detail(_event(request, event_id), _viewer(request))


@router.patch(
    f"{API}/{{event_id}}",
    response={200: EventDetail, **BODY_ERRORS},
    summary="Change an event (organisers)",
)
def event_update(request: HttpRequest, payload: EventPatch, event_id: int = Path(..., **DB_ID)):
    """Only the fields given change; a larger capacity seats people from the waiting list (they
    are told by email)."""
    event = _organised(request, event_id)
    values = payload.model_dump(exclude_unset=True)
    if "programme_id" in values:
        values["programme"] = values.pop("programme_id")
    try:
        services.event_update(event, user=request.auth, **values)
    except ValidationError as error:
        raise _renamed(error, {"programme": "programme_id"}) from None
    viewer = _viewer(request)
    return _detail(selectors.event_get(viewer, event_id), viewer)


@router.post(
    f"{API}/{{event_id}}/publish",
    response={200: EventDetail, **DENIED},
    summary="Publish an event (organisers)",
)
def event_publish(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    """Members see it and may register. A cancelled event cannot be published again."""
    event = _organised(request, event_id)
    services.event_publish(event, user=request.auth)
    viewer = _viewer(request)
    return _detail(selectors.event_get(viewer, event_id), viewer)


@router.post(
    f"{API}/{{event_id}}/cancel",
    response={200: EventDetail, **BODY_ERRORS},
    summary="Cancel an event (organisers)",
)
def event_cancel(request: HttpRequest, payload: EventCancelIn, event_id: int = Path(..., **DB_ID)):
    """Everyone registered is told by email, with the reason."""
    event = _organised(request, event_id)
    services.event_cancel(event, user=request.auth, reason=payload.reason)
    viewer = _viewer(request)
    return _detail(selectors.event_get(viewer, event_id), viewer)


@router.get(
    f"{API}/{{event_id}}/sessions",
    response={200: list[EventSession], **ERRORS},
    auth=OPTIONAL,
    summary="An event's agenda",
)
def sessions_list(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    event = _event(request, event_id)
    return [
        {
            "id": s.pk,
            "name": s.name(),
            "description": s.text(),
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "venue": s.venue,
        }
        for s in event.sessions.all()
    ]


@router.get(
    f"{API}/{{event_id}}/questions",
    response={200: list[EventQuestion], **ERRORS},
    auth=OPTIONAL,
    summary="An event's registration questions (or its feedback survey)",
)
def questions_list(
    request: HttpRequest, query: Query[EventQuestionsQuery], event_id: int = Path(..., **DB_ID)
):
    event = _event(request, event_id)
    return [
        {
            "id": q.pk,
            "phase": q.phase,
            "kind": q.kind,
            "label": q.text(),
            "required": q.required,
            "choices": [{"value": v, "label": label} for v, label in q.choice_pairs()],
        }
        for q in event.questions.filter(phase=query.phase)
    ]


# -- registration ---------------------------------------------------------------------------------


@router.post(
    f"{API}/{{event_id}}/registrations",
    response={201: EventRegistration, **BODY_ERRORS},
    summary="Register for an event",
)
def register(request: HttpRequest, payload: EventRegisterIn, event_id: int = Path(..., **DB_ID)):
    """For members with a registry profile. ``answers`` are keyed by the question's id. When
    the event is full the registration (with its delegation) goes to the waiting list and is
    promoted in order when seats free up. An event by invitation needs the token of an
    invitation link (single use). The confirmation email carries the event as an ICS file."""
    viewer = _viewer(request)
    event = _event(request, event_id)
    if viewer.person_id is None:
        raise PermissionDenied
    texts = [payload.delegation_name, payload.organisation_name]
    texts += [value for d in payload.delegates for value in (d.full_name, d.email)]
    texts += [d.organisation_name for d in payload.delegates]
    if any(_no_nul(t) for t in texts):  # PostgreSQL text cannot hold NUL
        raise ValidationError({"delegates": [_("Null characters are not allowed.")]})
    registration = services.register(
        event,
        person=Person.objects.get(pk=viewer.person_id),
        user=request.auth,
        answers=payload.answers,
        delegates=[d.model_dump() for d in payload.delegates],
        delegation_name=payload.delegation_name,
        organisation_name=payload.organisation_name,
        invitation_token=payload.invitation_token,
    )
    return Status(201, _registration_out(_registration(request, registration.pk), viewer))


@router.get(
    f"{API}/registrations/{{registration_id}}",
    response={200: EventRegistration, **ERRORS},
    summary="A registration (its holder, the delegation's leader, the organisers)",
)
def registration_detail(request: HttpRequest, registration_id: int = Path(..., **DB_ID)):
    return _registration_out(_registration(request, registration_id), _viewer(request))


@router.post(
    f"{API}/registrations/{{registration_id}}/cancel",
    response={200: EventCancelled, **DENIED},
    summary="Cancel a registration",
)
def registration_cancel(request: HttpRequest, registration_id: int = Path(..., **DB_ID)):
    """A leader's cancellation cancels the delegation's too; their meetings are freed. Seats
    freed go to the waiting list in order (``promoted``: how many were seated; they are told
    by email)."""
    registration = _registration(request, registration_id)
    if not rules.can_cancel_registration(_viewer(request), registration):
        raise PermissionDenied
    promoted = services.registration_cancel(registration, user=request.auth)
    return {
        "registration": _registration_out(
            _registration(request, registration_id), _viewer(request)
        ),
        "promoted": sum(
            1 + p.delegates.filter(status=RegStatus.CONFIRMED).count() for p in promoted
        ),
    }


@router.get(
    f"{API}/registrations/{{registration_id}}/waiting-list",
    response={200: EventWaitlist, **ERRORS},
    summary="A registration's place on the waiting list",
)
def waitlist_position(request: HttpRequest, registration_id: int = Path(..., **DB_ID)):
    """1 is next in line; a delegation holds one place (it moves together)."""
    registration = _registration(request, registration_id)
    return {
        "registration_id": registration.pk,
        "status": registration.status,
        "position": selectors.waitlist_position(registration),
    }


@router.post(
    f"{API}/registrations/{{registration_id}}/feedback",
    response={201: EventFeedback, **BODY_ERRORS},
    summary="Give feedback on an event (its participants, once)",
)
def feedback_submit(
    request: HttpRequest, payload: EventFeedbackIn, registration_id: int = Path(..., **DB_ID)
):
    """From the event's start; ``answers`` to the feedback survey keyed by the question's id."""
    registration = _registration(request, registration_id)
    if not rules.owns_registration(_viewer(request), registration):
        raise PermissionDenied
    if _no_nul(payload.comment):
        raise ValidationError({"comment": [_("Null characters are not allowed.")]})
    feedback = services.feedback_submit(
        registration, rating=payload.rating, answers=payload.answers, comment=payload.comment
    )
    return Status(
        201,
        {
            "id": feedback.pk,
            "registration_id": registration.pk,
            "rating": feedback.rating,
            "answers": feedback.answers,
            "comment": feedback.comment,
            "created_at": feedback.created_at,
        },
    )


@router.get(
    f"{API}/{{event_id}}/attendees",
    response={200: list[EventAttendee], **DENIED},
    summary="An event's attendees (organisers)",
)
def attendees_list(
    request: HttpRequest, query: Query[EventAttendeesQuery], event_id: int = Path(..., **DB_ID)
):
    """What each registration holds for the event; a member's contact and location only where
    that member's registry visibility lets the caller see them. Officials' reads are audited."""
    event = _organised(request, event_id)
    rows = selectors.attendees(_viewer(request), event, status=query.status)
    return [
        {
            "registration_id": row.registration.pk,
            "full_name": row.full_name,
            "organisation": row.organisation,
            "delegation": row.delegation,
            "status": row.registration.status,
            "status_label": str(row.status),
            "checked_in_at": row.checked_in_at,
            "email": row.email,
            "phone": row.phone,
            "country": row.country,
            "city": row.city,
            "answers": row.answers,
        }
        for row in rows
    ]


@router.get(
    f"{API}/{{event_id}}/attendance",
    response={200: EventAttendance, **DENIED},
    summary="Live attendance counts (organisers and check-in staff)",
)
def attendance(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    event = _event(request, event_id)
    if not rules.can_check_in(_viewer(request), event):
        raise PermissionDenied
    counts = selectors.attendance(event)
    return {
        "capacity": counts.capacity,
        "confirmed": counts.confirmed,
        "waitlisted": counts.waitlisted,
        "cancelled": counts.cancelled,
        "checked_in": counts.checked_in,
        "seats_left": counts.seats_left,
    }


@router.post(
    f"{API}/{{event_id}}/check-in",
    response={200: EventCheckIn, **BODY_ERRORS},
    summary="Check a ticket in (organisers and check-in staff)",
)
def check_in(request: HttpRequest, payload: EventCheckInIn, event_id: int = Path(..., **DB_ID)):
    """``code`` is the ticket's code or the URL its QR code holds. Every ticket read answers
    200: ``ok: true`` when let in; ``ok: false`` with the reason otherwise (already used, and
    when; for another event; cancelled; on the waiting list; unknown). Two phones scanning the
    same ticket at once check it in once."""
    event = _event(request, event_id)
    if not rules.can_check_in(_viewer(request), event):
        raise PermissionDenied
    code = "" if _no_nul(payload.code) else payload.code
    result = services.check_in(event, code, user=request.auth)
    shown = (
        result.registration
        if result.ok
        or (result.registration is not None and result.registration.event_id == event.pk)
        else None
    )  # a ticket of another event: not its holder's name
    return {
        "ok": result.ok,
        "message": result.message,
        "registration_id": shown.pk if shown else None,
        "full_name": shown.full_name if shown else None,
        "checked_in_at": shown.checked_in_at if shown else None,
    }


# -- B2B: profiles, directory, requests -----------------------------------------------------------


@router.get(
    f"{API}/{{event_id}}/b2b/profile",
    response={200: EventProfile, **DENIED},
    summary="My meeting profile at an event",
)
def profile_get(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    """For the event's confirmed participants (403 otherwise); 404 until saved."""
    profile = selectors.profile_of(_participation(request, _event(request, event_id)))
    if profile is None:
        raise Http404
    return _profile_out(profile)


@router.put(
    f"{API}/{{event_id}}/b2b/profile",
    response={200: EventProfile, **BODY_ERRORS},
    summary="Save my meeting profile at an event",
)
def profile_put(request: HttpRequest, payload: EventProfileIn, event_id: int = Path(..., **DB_ID)):
    """What one offers and seeks, the languages one speaks (a meeting without a language in
    common gets an interpreter), the slots one is not available. Published profiles are shown
    to the other participants."""
    registration = _participation(request, _event(request, event_id))
    texts = [payload.offer, payload.seek, payload.sectors, *payload.languages]
    if any(_no_nul(t) for t in texts):
        raise ValidationError({"offer": [_("Null characters are not allowed.")]})
    profile = services.profile_save(registration, **payload.model_dump())
    return _profile_out(profile)


@router.get(
    f"{API}/{{event_id}}/b2b/directory",
    response={200: list[EventDirectoryEntry], **DENIED},
    summary="The other participants' published profiles",
)
def directory(
    request: HttpRequest, query: Query[EventDirectoryQuery], event_id: int = Path(..., **DB_ID)
):
    """For the event's confirmed participants and its organisers."""
    viewer = _viewer(request)
    event = _event(request, event_id)
    mine = None
    if not rules.is_organiser(viewer, event):
        mine = selectors.profile_of(_participation(request, event))
    if _no_nul(query.q) or _no_nul(query.language):
        return []
    found = selectors.directory(event, exclude=mine, q=query.q, language=query.language)
    return [
        {
            "id": p.pk,
            "full_name": p.registration.full_name,
            "organisation_name": p.registration.organisation_name,
            "offer": p.offer,
            "seek": p.seek,
            "sectors": p.sectors,
            "languages": list(p.languages or []),
        }
        for p in found
    ]


@router.post(
    f"{API}/{{event_id}}/b2b/requests",
    response={201: EventMeetingRequest, **BODY_ERRORS},
    summary="Request a meeting",
)
def request_create(
    request: HttpRequest, payload: EventRequestIn, event_id: int = Path(..., **DB_ID)
):
    """With another participant of the same event (``recipient_id``: their profile's id). If
    they already asked you, the two requests become one accepted meeting of mutual interest."""
    profile = _own_profile(request, _event(request, event_id))
    if _no_nul(payload.message):
        raise ValidationError({"message": [_("Null characters are not allowed.")]})
    try:
        found = services.meeting_request(
            requester=profile,
            recipient=payload.recipient_id,
            message=payload.message,
            priority=payload.priority,
        )
    except ValidationError as error:
        raise _renamed(error, {"recipient": "recipient_id"}) from None
    return Status(201, _request_out(found))


@router.get(
    f"{API}/{{event_id}}/b2b/requests",
    response={200: EventMeetingRequests, **DENIED},
    summary="My meeting requests at an event (received and sent)",
)
def requests_list(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    profile = selectors.profile_of(_participation(request, _event(request, event_id)))
    if profile is None:
        return {"received": [], "sent": []}
    received, sent = selectors.requests_of(profile)
    return {
        "received": [_request_out(r) for r in received],
        "sent": [_request_out(r) for r in sent],
    }


@router.post(
    f"{API}/b2b/requests/{{meeting_request_id}}/answer",
    response={200: EventMeetingRequest, **BODY_ERRORS},
    summary="Accept or decline a meeting request (its recipient)",
)
def request_answer(
    request: HttpRequest, payload: EventAnswerIn, meeting_request_id: int = Path(..., **DB_ID)
):
    """Declining may give a reason, which the requester sees."""
    found = _meeting_request(request, meeting_request_id)
    if not rules.can_answer_request(_viewer(request), found):
        raise PermissionDenied
    if _no_nul(payload.reason):
        raise ValidationError({"reason": [_("Null characters are not allowed.")]})
    services.request_answer(
        found, accept=payload.accept, priority=payload.priority, reason=payload.reason
    )
    return _request_out(_meeting_request(request, meeting_request_id))


@router.post(
    f"{API}/b2b/requests/{{meeting_request_id}}/cancel",
    response={200: EventMeetingRequest, **DENIED},
    summary="Withdraw a meeting request (either side)",
)
def request_cancel(request: HttpRequest, meeting_request_id: int = Path(..., **DB_ID)):
    """Its meeting, if placed, is freed."""
    found = _meeting_request(request, meeting_request_id)
    if not rules.is_request_party(_viewer(request), found):
        raise PermissionDenied
    services.request_cancel(found)
    return _request_out(_meeting_request(request, meeting_request_id))


# -- B2B: slots, interpreters, the schedule -------------------------------------------------------


@router.get(
    f"{API}/{{event_id}}/b2b/slots",
    response={200: list[EventSlot], **DENIED},
    summary="The meeting slots of an event (participants and organisers)",
)
def slots_list(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    event = _event(request, event_id)
    if not rules.is_organiser(_viewer(request), event):
        _participation(request, event)
    return [_slot(s) for s in event.slots.all()]


@router.post(
    f"{API}/{{event_id}}/b2b/slots",
    response={201: EventSlot, **BODY_ERRORS},
    summary="Add a meeting slot (organisers)",
)
def slot_create(request: HttpRequest, payload: EventSlotIn, event_id: int = Path(..., **DB_ID)):
    """Within the event's time, overlapping no other slot; ``ends_at`` or ``minutes``."""
    event = _organised(request, event_id)
    slot = services.slot_add(
        event, starts_at=payload.starts_at, ends_at=payload.ends_at, minutes=payload.minutes
    )
    return Status(201, _slot(slot))


@router.get(
    f"{API}/{{event_id}}/b2b/interpreters",
    response={200: list[EventInterpreter], **DENIED},
    summary="The interpreters of an event (organisers)",
)
def interpreters_list(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    event = _organised(request, event_id)
    return [_interpreter_out(i) for i in event.interpreters.prefetch_related("unavailable")]


@router.post(
    f"{API}/{{event_id}}/b2b/interpreters",
    response={201: EventInterpreter, **BODY_ERRORS},
    summary="Add an interpreter (organisers)",
)
def interpreter_create(
    request: HttpRequest, payload: EventInterpreterIn, event_id: int = Path(..., **DB_ID)
):
    """At least two languages; the slots they are not available. The scheduler gives each
    meeting without a common language an interpreter of a suitable pair, one meeting per slot."""
    event = _organised(request, event_id)
    if any(_no_nul(t) for t in [payload.name, *payload.languages]):
        raise ValidationError({"name": [_("Null characters are not allowed.")]})
    interpreter = services.interpreter_add(
        event, name=payload.name, languages=payload.languages, unavailable=payload.unavailable
    )
    return Status(201, _interpreter_out(interpreter))


@router.post(
    f"{API}/{{event_id}}/b2b/schedule/run",
    response={200: EventScheduleRun, **DENIED},
    summary="Run the scheduler (organisers)",
)
def schedule_run(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    """Places every accepted request it can in a slot at a table (with an interpreter where
    needed): nobody double-booked, availability respected, mutual interest first. Pinned
    meetings stay where they are. The participants are told their schedule is ready."""
    event = _organised(request, event_id)
    run = services.schedule(event, user=request.auth)
    return {
        "id": run.pk,
        "requests": run.requests,
        "placed": run.placed,
        "pinned": run.pinned,
        "weight": run.weight,
        "weight_possible": run.weight_possible,
        "seconds": run.seconds,
        "created_at": run.created_at,
    }


@router.get(
    f"{API}/{{event_id}}/b2b/schedule",
    response={200: EventSchedule, **DENIED},
    summary="The meeting schedule (organisers: all; participants: their own)",
)
def schedule_get(request: HttpRequest, event_id: int = Path(..., **DB_ID)):
    event = _event(request, event_id)
    if rules.is_organiser(_viewer(request), event):
        return {
            "meetings": [_meeting_out(m) for m in selectors.event_schedule(event)],
            "unscheduled": [r.pk for r in selectors.unscheduled(event)],
        }
    profile = selectors.profile_of(_participation(request, event))
    meetings = selectors.schedule_of(profile) if profile else []
    return {"meetings": [_meeting_out(m) for m in meetings], "unscheduled": []}


@router.post(
    f"{API}/b2b/requests/{{meeting_request_id}}/place",
    response={200: EventMeeting, **BODY_ERRORS},
    summary="Pin a meeting to a slot and table (organisers)",
)
def meeting_place(
    request: HttpRequest, payload: EventPlaceIn, meeting_request_id: int = Path(..., **DB_ID)
):
    """An accepted request, placed by hand; what was in the way is placed again at once, every
    other pinned meeting kept. A re-run of the scheduler keeps it there."""
    found = _meeting_request(request, meeting_request_id)
    if not rules.is_organiser(_viewer(request), found.event):
        raise PermissionDenied
    try:
        meeting = services.meeting_place(
            found, slot=payload.slot_id, table=payload.table, user=request.auth
        )
    except ValidationError as error:
        raise _renamed(error, {"slot": "slot_id", "request": "meeting_request_id"}) from None
    return _meeting_out(_meeting(request, meeting.pk))


@router.post(
    f"{API}/b2b/meetings/{{meeting_id}}/unpin",
    response={200: EventMeeting, **DENIED},
    summary="Let the scheduler move a meeting again (organisers)",
)
def meeting_unpin(request: HttpRequest, meeting_id: int = Path(..., **DB_ID)):
    meeting = _meeting(request, meeting_id)
    if not rules.is_organiser(_viewer(request), meeting.event):
        raise PermissionDenied
    services.meeting_unpin(meeting)
    return _meeting_out(_meeting(request, meeting_id))


@router.post(
    f"{API}/b2b/meetings/{{meeting_id}}/outcomes",
    response={201: EventOutcome, **BODY_ERRORS},
    summary="Record what came of a meeting (its participants and the organisers)",
)
def outcome_create(
    request: HttpRequest, payload: EventOutcomeIn, meeting_id: int = Path(..., **DB_ID)
):
    """An MoU, a deal, an investment project (with its value in USD), or nothing; credited to
    the event and the province that hosted it."""
    meeting = _meeting(request, meeting_id)
    if not rules.can_record_outcome(_viewer(request), meeting):
        raise PermissionDenied
    if _no_nul(payload.note):
        raise ValidationError({"note": [_("Null characters are not allowed.")]})
    outcome = services.outcome_add(
        meeting,
        kind=payload.kind,
        note=payload.note,
        value_usd=payload.value_usd,
        user=request.auth,
    )
    return Status(
        201,
        {
            "id": outcome.pk,
            "meeting_id": meeting.pk,
            "kind": outcome.kind,
            "kind_label": str(outcome.get_kind_display()),
            "note": outcome.note,
            "value_usd": float(outcome.value_usd) if outcome.value_usd is not None else None,
            "recorded_at": outcome.recorded_at,
        },
    )
