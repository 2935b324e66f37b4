"""The events' business rules, through the services: capacity and the waiting list (first come
first served, a delegation moves together, a smaller group gets a seat a delegation cannot
use), promotion on a cancellation or a larger capacity with an email, the confirmation's ICS
attachment, the deadline, one registration per person, invitations, check-in (once, never for
another event), B2B requests (not with oneself, not outside the event, once; mutual interest
merged), the schedule (conflict-free, pins kept, availability respected), outcomes, feedback
and the answers to custom questions."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from kieubao.community.tests.factories import make_person, make_user, province_body
from kieubao.events import services
from kieubao.events.models import (
    Invitation,
    Meeting,
    MeetingRequest,
    Registration,
    RegStatus,
    RequestStatus,
)

from .factories import make_b2b_event, make_event, make_profile, make_registration

pytestmark = pytest.mark.django_db


def _person(name: str, email: str | None = None):
    return make_person(user=make_user(email), full_name=name)


def _messages(exc: pytest.ExceptionInfo, field: str) -> list[str]:
    return exc.value.message_dict[field]


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run the emails the services schedule on commit."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


# --- capacity and the waiting list -------------------------------------------------------------


def test_waiting_list_is_first_come_and_a_smaller_group_gets_a_seat_a_delegation_cannot_use(mails):
    event = make_event(capacity=2)
    first = make_registration(event, _person("Người Một"))
    delegation = make_registration(
        event,
        _person("Trưởng Đoàn"),
        delegates=[{"full_name": "Thành Viên A"}, {"full_name": "Thành Viên B"}],
        delegation_name="Đoàn Paris",
    )
    single = make_registration(event, _person("Người Lẻ", "le@example.org"))
    assert first.status == RegStatus.CONFIRMED
    # The delegation (3 seats) does not fit in the one seat left: all three wait together.
    assert {r.status for r in services.group_of(delegation)} == {RegStatus.WAITLISTED}
    # Someone behind the waiting list waits too, even though a seat is free.
    assert single.status == RegStatus.WAITLISTED
    assert services.seats_left(event) == 1
    mail.outbox.clear()
    with mails():
        promoted = services.registration_cancel(first)
    # Two seats free: the delegation of three still does not fit; the single person behind it
    # gets a seat, and an email.
    assert [r.pk for r in promoted] == [single.pk]
    single.refresh_from_db()
    assert single.status == RegStatus.CONFIRMED and single.promoted_at is not None
    promoted_mail = [m for m in mail.outbox if m.to == ["le@example.org"]]
    assert len(promoted_mail) == 1 and promoted_mail[0].attachments  # with the calendar file
    delegation.refresh_from_db()
    assert {r.status for r in services.group_of(delegation)} == {RegStatus.WAITLISTED}


def test_a_larger_capacity_promotes_a_delegation_together_with_an_email(mails):
    event = make_event(capacity=1)
    make_registration(event, _person("Người Một"))
    leader = make_registration(
        event,
        _person("Trưởng Đoàn", "truong@example.org"),
        delegates=[{"full_name": "Khách", "email": "khach@example.org"}],
    )
    assert leader.status == RegStatus.WAITLISTED
    mail.outbox.clear()
    with mails():
        services.event_update(event, capacity=3)
    leader.refresh_from_db()
    assert {r.status for r in services.group_of(leader)} == {RegStatus.CONFIRMED}
    assert sorted(m.to[0] for m in mail.outbox) == ["khach@example.org", "truong@example.org"]
    assert all(a[2] == "text/calendar" for m in mail.outbox for a in m.attachments)


def test_confirmation_email_carries_the_event_as_ics_in_utc(mails):
    event = make_event()
    with mails():
        make_registration(event, _person("Người Nhận", "nhan@example.org"))
    (message,) = mail.outbox
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar" and name.endswith(".ics")
    calendar = Calendar.from_ical(content)
    (vevent,) = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert vevent.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert "DTSTART:" + event.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in (
        content.decode() if isinstance(content, bytes) else content
    )


def test_a_waitlisted_registration_gets_no_calendar_file(mails):
    event = make_event(capacity=1)
    make_registration(event, _person("Người Một"))
    mail.outbox.clear()
    with mails():
        make_registration(event, _person("Người Chờ", "cho@example.org"))
    assert mail.outbox and not mail.outbox[0].attachments


def test_registration_after_the_deadline_is_refused_with_its_date():
    event = make_event()
    deadline = timezone.now() - timedelta(hours=2)
    services.event_update(event, registration_deadline=deadline)
    with pytest.raises(ValidationError) as exc:
        make_registration(event, _person("Trễ Hạn"))
    shown = timezone.localtime(deadline).strftime("%d/%m/%Y %H:%M")
    assert _messages(exc, "event") == [f"Registration closed on {shown}."]


def test_a_second_registration_is_refused():
    event = make_event()
    person = _person("Hai Lần")
    make_registration(event, person)
    with pytest.raises(ValidationError) as exc:
        make_registration(event, person)
    assert _messages(exc, "event") == ["You are already registered for this event."]
    assert Registration.objects.filter(event=event, person=person).count() == 1


def test_one_may_register_again_after_cancelling():
    event = make_event()
    person = _person("Quay Lại")
    services.registration_cancel(make_registration(event, person))
    assert make_registration(event, person).status == RegStatus.CONFIRMED


# --- invitations --------------------------------------------------------------------------------


def test_invitation_only_events_need_a_valid_single_use_link():
    event = make_event(access="invitation")
    made = services.invite(event, people=[("A", "a@example.org"), ("B", "b@example.org")])
    (_used, token), (revoked, revoked_token) = made
    message = (
        "This event is by invitation: use the link in your invitation. A link works once and "
        "expires."
    )
    for token_given in (None, "made-up"):
        with pytest.raises(ValidationError) as exc:
            make_registration(event, _person("Không Mời"), invitation_token=token_given)
        assert _messages(exc, "invitation") == [message]
    assert make_registration(event, _person("Được Mời"), invitation_token=token).pk
    with pytest.raises(ValidationError) as exc:  # used once already
        make_registration(event, _person("Dùng Lại"), invitation_token=token)
    assert _messages(exc, "invitation") == [message]
    services.invitation_revoke(revoked)
    with pytest.raises(ValidationError):
        make_registration(event, _person("Bị Thu Hồi"), invitation_token=revoked_token)
    (expired, expired_token), *_ = services.invite(event, people=[("C", "c@example.org")])
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    with pytest.raises(ValidationError):
        make_registration(event, _person("Hết Hạn"), invitation_token=expired_token)


# --- custom questions ---------------------------------------------------------------------------


def test_answers_are_checked_against_their_questions():
    event = make_event()
    diet = services.question_add(
        event, kind="choice", label="Chế độ ăn", choices=["Thường", "Chay"], required=True
    )
    arrival = services.question_add(event, kind="date", label="Ngày đến", required=True)
    visa = services.question_add(event, kind="yesno", label="Cần thư mời xin visa")
    person = _person("Người Trả Lời")
    with pytest.raises(ValidationError) as exc:
        make_registration(event, person, answers={})
    assert exc.value.message_dict == {
        f"q{diet.pk}": ["Please answer this question."],
        f"q{arrival.pk}": ["Please answer this question."],
    }
    with pytest.raises(ValidationError) as exc:
        make_registration(
            event, person, answers={str(diet.pk): "c9", str(arrival.pk): "31/02/2027"}
        )
    assert exc.value.message_dict == {
        f"q{diet.pk}": ["Choose one of the choices."],
        f"q{arrival.pk}": ["Enter a date as YYYY-MM-DD."],
    }
    registration = make_registration(
        event, person, answers={str(diet.pk): "c2", str(arrival.pk): "2027-02-05"}
    )
    assert registration.answers == {
        str(diet.pk): "c2",
        str(arrival.pk): "2027-02-05",
        str(visa.pk): False,
    }


# --- check-in -----------------------------------------------------------------------------------


def test_check_in_once_then_refused_with_the_time():
    event = make_event()
    registration = make_registration(event, _person("Người Đến"))
    staff = make_user()
    first = services.check_in(event, registration.ticket_code, user=staff)
    assert first.ok and first.message == "Checked in: Người Đến."
    registration.refresh_from_db()
    assert registration.checked_in_at is not None and registration.checked_in_by == staff
    again = services.check_in(event, registration.ticket_code, user=staff)
    shown = timezone.localtime(registration.checked_in_at).strftime("%H:%M %d/%m")
    assert not again.ok and again.message == f"Already checked in at {shown}."
    # The scanned URL works as well as the code.
    url = f"https://kieubao.example/events/{event.pk}/check-in/{registration.ticket_code}/"
    assert not services.check_in(event, url).ok


def test_check_in_refuses_another_events_cancelled_waitlisted_and_unknown_tickets():
    event = make_event(capacity=1)
    other = make_event(title="Sự kiện khác")
    elsewhere = make_registration(other, _person("Nơi Khác"))
    result = services.check_in(event, elsewhere.ticket_code)
    assert not result.ok and result.message == f"This ticket is for another event: {other.name()}."
    seated = make_registration(event, _person("Có Chỗ"))
    waiting = make_registration(event, _person("Đang Chờ"))
    result = services.check_in(event, waiting.ticket_code)
    assert not result.ok and result.message == "This person is still on the waiting list."
    services.registration_cancel(seated)  # the waiting person takes the seat
    result = services.check_in(event, seated.ticket_code)
    assert not result.ok and result.message == "This registration was cancelled."
    assert services.check_in(event, waiting.ticket_code).ok
    assert services.check_in(event, "").message == "Unknown ticket."
    assert not Registration.objects.filter(pk=elsewhere.pk, checked_in_at__isnull=False).exists()


def test_two_phones_scanning_at_once_check_in_once(monkeypatch):
    """The other phone's scan lands between this scan's read and its write: one of them
    checks the ticket in, the other is refused."""
    event = make_event()
    registration = make_registration(event, _person("Quét Hai Lần"))
    real_now = timezone.now
    results = []

    def now_with_a_scan_in_between():
        if not results:
            results.append(None)  # once
            results.append(services.check_in(event, registration.ticket_code))
        return real_now()

    monkeypatch.setattr(services.timezone, "now", now_with_a_scan_in_between)
    mine = services.check_in(event, registration.ticket_code)
    theirs = results[1]
    assert sorted([mine.ok, theirs.ok]) == [False, True]
    assert (theirs if mine.ok else mine).message.startswith("Already checked in at ")


def test_a_used_ticket_cannot_be_cancelled():
    event = make_event()
    registration = make_registration(event, _person("Đã Vào"))
    services.check_in(event, registration.ticket_code)
    with pytest.raises(ValidationError) as exc:
        services.registration_cancel(registration)
    assert _messages(exc, "registration") == ["This ticket has already been used."]


# --- B2B requests -------------------------------------------------------------------------------


@pytest.fixture
def b2b():
    event = make_b2b_event(slots=3, tables=2)
    profiles = {
        name: make_profile(make_registration(event, _person(full)))
        for name, full in (("an", "Nguyễn An"), ("binh", "Trần Bình"), ("chi", "Lê Chi"))
    }
    return event, profiles


def test_meeting_requests_refused_with_clear_messages(b2b):
    event, p = b2b
    with pytest.raises(ValidationError) as exc:
        services.meeting_request(requester=p["an"], recipient=p["an"])
    assert _messages(exc, "recipient") == ["You cannot request a meeting with yourself."]
    other_event = make_b2b_event(province_body("Đà Nẵng"))
    outsider = make_profile(make_registration(other_event, _person("Người Ngoài")))
    outside = "This person is not a participant of the B2B meetings of this event."
    with pytest.raises(ValidationError) as exc:
        services.meeting_request(requester=p["an"], recipient=outsider.pk)
    assert _messages(exc, "recipient") == [outside]
    hidden = make_profile(
        make_registration(event, _person("Ẩn Danh")), published=False, offer="Không công khai"
    )
    with pytest.raises(ValidationError) as exc:
        services.meeting_request(requester=p["an"], recipient=hidden)
    assert _messages(exc, "recipient") == [outside]
    services.meeting_request(requester=p["an"], recipient=p["binh"])
    with pytest.raises(ValidationError) as exc:
        services.meeting_request(requester=p["an"], recipient=p["binh"])
    assert _messages(exc, "recipient") == ["You have already asked this person for a meeting."]


def test_mutual_interest_merges_into_one_accepted_request_of_weight_4(b2b):
    _event, p = b2b
    first = services.meeting_request(requester=p["an"], recipient=p["binh"], message="Chào.")
    merged = services.meeting_request(requester=p["binh"], recipient=p["an"])
    assert merged.pk == first.pk
    assert merged.status == RequestStatus.ACCEPTED and merged.mutual and merged.weight == 4
    assert MeetingRequest.objects.count() == 1


def test_decline_with_a_reason_and_only_once(b2b):
    _event, p = b2b
    request = services.meeting_request(requester=p["an"], recipient=p["chi"])
    services.request_answer(request, accept=False, reason="Lịch đã kín.")
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED and request.decline_reason == "Lịch đã kín."
    with pytest.raises(ValidationError) as exc:
        services.request_answer(request, accept=True)
    assert _messages(exc, "status") == ["This request has already been answered."]
    accepted = services.meeting_request(requester=p["binh"], recipient=p["chi"])
    services.request_answer(accepted, accept=True, priority=True)
    accepted.refresh_from_db()
    assert accepted.weight == 2  # one side's high interest


# --- the schedule -------------------------------------------------------------------------------


def _accepted(requester, recipient):
    request = services.meeting_request(requester=requester, recipient=recipient)
    services.request_answer(request, accept=True)
    return request


def _assert_conflict_free(event):
    meetings = list(Meeting.objects.filter(event=event).select_related("request"))
    assert len({(m.slot_id, m.table) for m in meetings}) == len(meetings)
    seats = Counter(
        (m.slot_id, who)
        for m in meetings
        for who in (m.request.requester_id, m.request.recipient_id)
    )
    assert max(seats.values(), default=1) == 1
    return meetings


def test_schedule_run_places_every_accepted_request_without_conflicts():
    event = make_b2b_event(slots=3, tables=2)
    people = [make_profile(make_registration(event, _person(f"Người {n}"))) for n in range(5)]
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (3, 4), (2, 4)]
    for a, b in pairs:
        _accepted(people[a], people[b])
    run = services.schedule(event)
    meetings = _assert_conflict_free(event)
    assert run.placed == len(meetings) == len(pairs) and run.requests == len(pairs)
    assert run.weight == run.weight_possible


def test_a_participants_unavailability_is_respected():
    event = make_b2b_event(slots=2, tables=3)
    slots = list(event.slots.order_by("starts_at"))
    an = make_profile(make_registration(event, _person("Bận Sáng")))
    binh = make_profile(make_registration(event, _person("Rảnh")))
    services.profile_save(an.registration, offer="Gạo", languages=["vi"], unavailable=[slots[0].pk])
    _accepted(an, binh)
    services.schedule(event)
    (meeting,) = Meeting.objects.filter(event=event)
    assert meeting.slot == slots[1]
    with pytest.raises(ValidationError) as exc:
        services.meeting_place(meeting.request, slot=slots[0])
    assert _messages(exc, "slot") == ["A participant is not available in this slot."]


def test_a_pinned_meeting_survives_a_rerun():
    event = make_b2b_event(slots=3, tables=2)
    slots = list(event.slots.order_by("starts_at"))
    people = [make_profile(make_registration(event, _person(f"Người {n}"))) for n in range(4)]
    pinned_request = _accepted(people[0], people[1])
    _accepted(people[0], people[2])
    _accepted(people[2], people[3])
    services.schedule(event)
    meeting = services.meeting_place(pinned_request, slot=slots[2], table=2)
    assert meeting.pinned and meeting.slot == slots[2] and meeting.table == 2
    _assert_conflict_free(event)
    run = services.schedule(event)
    kept = Meeting.objects.get(request=pinned_request)
    assert (kept.slot, kept.table, kept.pinned) == (slots[2], 2, True)
    assert run.pinned == 1 and run.placed == 3
    _assert_conflict_free(event)
    services.meeting_unpin(kept)
    assert not Meeting.objects.get(request=pinned_request).pinned


def test_pinning_into_a_slot_moves_what_was_in_the_way_and_tells_its_participants(mails):
    event = make_b2b_event(slots=2, tables=1)
    slots = list(event.slots.order_by("starts_at"))
    people = [
        make_profile(make_registration(event, _person(f"Người {n}", f"p{n}@example.com")))
        for n in range(4)
    ]
    first = _accepted(people[0], people[1])
    second = _accepted(people[2], people[3])
    services.schedule(event)
    in_the_way = Meeting.objects.get(slot=slots[1])
    mover = first if in_the_way.request_id == second.pk else second
    with mails():
        services.meeting_place(mover, slot=slots[1], table=1)
    _assert_conflict_free(event)
    displaced = Meeting.objects.get(pk=in_the_way.pk)  # same row: its id and outcomes stay
    assert displaced.slot == slots[0]
    told = {address for message in mail.outbox for address in message.to}
    assert told == {f"p{n}@example.com" for n in range(4)}


def test_cancelling_a_registration_frees_its_meetings(b2b):
    event, p = b2b
    request = _accepted(p["an"], p["binh"])
    other = _accepted(p["binh"], p["chi"])
    services.schedule(event)
    assert Meeting.objects.filter(event=event).count() == 2
    services.registration_cancel(p["an"].registration)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert list(Meeting.objects.filter(event=event).values_list("request", flat=True)) == [other.pk]
    assert services.schedule(event).requests == 1


# --- outcomes and feedback ----------------------------------------------------------------------


def test_an_outcome_of_nothing_has_no_value(b2b):
    event, p = b2b
    _accepted(p["an"], p["binh"])
    services.schedule(event)
    meeting = Meeting.objects.get(event=event)
    with pytest.raises(ValidationError) as exc:
        services.outcome_add(meeting, kind="nothing", value_usd="5000")
    assert _messages(exc, "value_usd") == ["“Nothing came of it” has no value."]
    outcome = services.outcome_add(meeting, kind="investment", value_usd="1 200 000")
    assert str(outcome.value_usd) == "1200000.00"


def test_feedback_only_from_participants_after_the_start_and_once():
    event = make_event(days_ahead=1)
    rating = services.question_add(event, kind="rating", label="Tổ chức", phase="feedback")
    registration = make_registration(event, _person("Người Góp Ý"))
    with pytest.raises(ValidationError) as exc:
        services.feedback_submit(registration, rating=5)
    assert _messages(exc, "registration") == ["Feedback opens when the event begins."]
    event.starts_at = timezone.now() - timedelta(hours=1)
    event.save(update_fields=["starts_at"])
    registration = Registration.objects.get(pk=registration.pk)
    with pytest.raises(ValidationError) as exc:
        services.feedback_submit(registration, rating=9, answers={str(rating.pk): 0})
    assert set(exc.value.message_dict) == {"rating", f"q{rating.pk}"}
    feedback = services.feedback_submit(
        registration, rating=4, answers={str(rating.pk): 5}, comment="Tốt."
    )
    assert feedback.answers == {str(rating.pk): 5}
    with pytest.raises(ValidationError) as exc:
        services.feedback_submit(registration, rating=5)
    assert _messages(exc, "registration") == ["You have already given your feedback."]
    cancelled = make_registration(event, _person("Đã Huỷ"))
    services.registration_cancel(cancelled)
    cancelled = Registration.objects.get(pk=cancelled.pk)
    with pytest.raises(ValidationError) as exc:
        services.feedback_submit(cancelled, rating=5)
    assert _messages(exc, "registration") == ["Only participants give feedback."]
