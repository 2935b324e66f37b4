"""Emails about events, each in its recipient's language, sent after the transaction that
caused them commits. A registration's confirmation carries the event as an ICS attachment.
Guests of a delegation (no account) are written to at the address the leader gave, in the
leader's language. A failing mail server is logged, never an error of the user's action."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from kieubao.core.mail import send_to_address, send_to_users

from .models import RegStatus


def link(name: str, *args) -> str:
    try:
        path = reverse(f"events:{name}", args=args)
    except NoReverseMatch:
        path = "/events/"
    return f"{settings.SITE_URL}{path}"


def _later(function) -> None:
    transaction.on_commit(function)


def _users_of(person_ids) -> list:
    return list(get_user_model().objects.filter(person__pk__in=list(person_ids), is_active=True))


def _ics(event) -> list:
    from .ics import event_ics

    return [("event.ics", event_ics(event), "text/calendar")]


def _to_registration(registration, template: str, context: dict, attachments=()) -> None:
    """To the holder (their account) or, for a guest, to the address their leader gave."""
    template = f"events/email/{template}"
    if registration.person_id is not None:
        send_to_users(_users_of([registration.person_id]), template, context, attachments)
        return
    leader = registration.leader
    language = ""
    if leader is not None and leader.registered_by_id:
        language = getattr(leader.registered_by, "language", "")
    send_to_address(registration.email, language, template, context, attachments)


def registered(leader) -> None:
    def send() -> None:
        leader.refresh_from_db()
        event = leader.event
        people = [leader, *leader.delegates.all()]
        for registration in people:
            context = {
                "event": event,
                "registration": registration,
                "waitlisted": registration.status == RegStatus.WAITLISTED,
                "url": link("registration", registration.pk),
            }
            attachments = _ics(event) if registration.status == RegStatus.CONFIRMED else ()
            _to_registration(registration, "registered", context, attachments)

    _later(send)


def promoted(registration) -> None:
    def send() -> None:
        registration.refresh_from_db()
        event = registration.event
        for person in [registration, *registration.delegates.filter(status=RegStatus.CONFIRMED)]:
            context = {
                "event": event,
                "registration": person,
                "url": link("registration", person.pk),
            }
            _to_registration(person, "promoted", context, _ics(event))

    _later(send)


def cancelled(registration) -> None:
    def send() -> None:
        context = {"event": registration.event, "registration": registration}
        _to_registration(registration, "cancelled", context)

    _later(send)


def event_cancelled(event, reason: str) -> None:
    def send() -> None:
        for registration in event.registrations.exclude(status=RegStatus.CANCELLED):
            context = {"event": event, "registration": registration, "reason": reason}
            _to_registration(registration, "event_cancelled", context)

    _later(send)


def invitations_sent(event, made) -> None:
    def send() -> None:
        for invitation, token in made:
            context = {
                "event": event,
                "invitation": invitation,
                "url": f"{link('register', event.pk)}?invitation={token}",
            }
            language = (
                getattr(invitation.created_by, "language", "") if invitation.created_by_id else ""
            )
            send_to_address(invitation.email, language, "events/email/invitation", context)

    _later(send)


def request_received(request) -> None:
    def send() -> None:
        context = {
            "request": request,
            "event": request.event,
            "who": request.requester.registration.full_name,
            "url": link("b2b_requests", request.event_id),
        }
        _to_registration(request.recipient.registration, "request_received", context)

    _later(send)


def request_answered(request) -> None:
    def send() -> None:
        context = {
            "request": request,
            "event": request.event,
            "who": request.recipient.registration.full_name,
            "accepted": request.status == "accepted",
            "url": link("b2b_requests", request.event_id),
        }
        _to_registration(request.requester.registration, "request_answered", context)

    _later(send)


def schedule_ready(event) -> None:
    def send() -> None:
        from .models import MeetingProfile

        profiles = MeetingProfile.objects.filter(event=event).select_related("registration")
        people = {p.registration.person_id for p in profiles if p.registration.person_id}
        send_to_users(
            _users_of(people),
            "events/email/schedule_ready",
            {"event": event, "url": link("b2b_schedule", event.pk)},
        )

    _later(send)


def meeting_moved(meeting) -> None:
    def send() -> None:
        request = meeting.request
        ids = [request.requester.registration.person_id, request.recipient.registration.person_id]
        send_to_users(
            _users_of([i for i in ids if i]),
            "events/email/meeting_moved",
            {
                "meeting": meeting,
                "event": meeting.event,
                "url": link("b2b_schedule", meeting.event_id),
            },
        )

    _later(send)
