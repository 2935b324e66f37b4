"""Who may do what with events (deny by default).

- Published events, their agenda and their programme are public. Drafts are seen by their
  organisers only. Platform admins may do everything.
- Organisers of an event: the officials of its host body (a ministry, a province, a mission),
  the admins of its host organisation (an association that runs it), and platform admins. They
  edit it, manage questions, invitations, staff, slots, tables and interpreters, see and export
  the attendees (with the registry's privacy rules for contact details), run the scheduler, pin
  and move meetings, and see the statistics and the feedback.
- Check-in: organisers and the event's staff.
- Members with a registry profile register themselves (an invitation-only event needs a valid
  invitation link), and may bring a delegation. A registration is seen and cancelled by its
  holder, the delegation's leader and the organisers.
- B2B: confirmed participants with a meeting profile browse the other published profiles of the
  same event, request meetings and answer the requests they receive. A meeting is seen by its
  two participants and the organisers; either participant or an organiser records its outcome.
"""

from __future__ import annotations

from kieubao.community.rules import Viewer

from .models import Event, EventStatus, Meeting, MeetingRequest, Registration, RegStatus


def can_create_event(viewer: Viewer) -> bool:
    """Homeland bodies' officials, associations' admins and platform admins organise events."""
    return viewer.is_admin or viewer.scope is not None or bool(viewer.admin_of)


def can_host(viewer: Viewer, host_id: int) -> bool:
    """Whether this viewer may organise an event hosted by this organisation."""
    if viewer.is_admin:
        return True
    if viewer.scope is not None and viewer.scope.body_id == host_id:
        return True
    return host_id in viewer.admin_of


def is_organiser(viewer: Viewer, event: Event) -> bool:
    return can_host(viewer, event.host_id)


def can_view(viewer: Viewer, event: Event) -> bool:
    return event.status != EventStatus.DRAFT or is_organiser(viewer, event)


def can_check_in(viewer: Viewer, event: Event) -> bool:
    if is_organiser(viewer, event):
        return True
    return viewer.user_id is not None and event.staff.filter(user_id=viewer.user_id).exists()


def can_register(viewer: Viewer, event: Event) -> bool:
    """May try to register (the service checks the deadline, capacity and invitation)."""
    return viewer.person_id is not None and event.status == EventStatus.PUBLISHED


def owns_registration(viewer: Viewer, registration: Registration) -> bool:
    if viewer.person_id is not None and registration.person_id == viewer.person_id:
        return True
    if viewer.user_id is not None and registration.registered_by_id == viewer.user_id:
        return True  # the delegation's leader for the people they brought
    return False


def can_view_registration(viewer: Viewer, registration: Registration) -> bool:
    return owns_registration(viewer, registration) or is_organiser(viewer, registration.event)


def can_cancel_registration(viewer: Viewer, registration: Registration) -> bool:
    return can_view_registration(viewer, registration)


def is_participant(viewer: Viewer, registration: Registration | None) -> bool:
    """A confirmed participant of the B2B programme (their own registration)."""
    return (
        registration is not None
        and registration.status == RegStatus.CONFIRMED
        and viewer.person_id is not None
        and registration.person_id == viewer.person_id
        and registration.event.b2b_enabled
    )


def can_answer_request(viewer: Viewer, request: MeetingRequest) -> bool:
    return viewer.person_id is not None and (
        request.recipient.registration.person_id == viewer.person_id
    )


def is_request_party(viewer: Viewer, request: MeetingRequest) -> bool:
    return viewer.person_id is not None and viewer.person_id in (
        request.requester.registration.person_id,
        request.recipient.registration.person_id,
    )


def can_view_request(viewer: Viewer, request: MeetingRequest) -> bool:
    return is_request_party(viewer, request) or is_organiser(viewer, request.event)


def can_view_meeting(viewer: Viewer, meeting: Meeting) -> bool:
    return can_view_request(viewer, meeting.request)


def can_record_outcome(viewer: Viewer, meeting: Meeting) -> bool:
    return can_view_meeting(viewer, meeting)
