"""The B2B meeting pages as participants and organisers use them: profile, directory, requests
and answers, the organisers' slots, tables, interpreters and scheduler, personal schedules on
the web and as ICS, pinning and moving meetings, outcomes."""

from __future__ import annotations

import html
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kieubao.community.tests.factories import make_official, make_person, make_user
from kieubao.events import services
from kieubao.events.models import (
    Interpreter,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    RequestStatus,
)

from .factories import make_b2b_event, make_event, make_profile, make_registration

pytestmark = pytest.mark.django_db
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _participant(event, name, **profile):
    """A confirmed participant with a meeting profile, and their logged-in client."""
    person = make_person(user=make_user(), full_name=name)
    registration = make_registration(event, person)
    client = Client()
    client.force_login(person.user)
    return client, make_profile(registration, **profile)


@pytest.fixture
def b2b():
    """An event with B2B meetings, no slots or tables yet, and its organiser's client."""
    official = make_official("Hải Phòng")
    Authenticator.objects.create(user=official, type="totp", data={"secret": "x"})
    event = make_event(b2b_enabled=True, table_count=0)
    organiser = Client()
    organiser.force_login(official)
    return event, organiser, official


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _url(name, *args):
    return reverse(f"events:{name}", args=args)


def test_profile_without_a_language_is_refused_and_what_was_typed_is_kept(b2b):
    event, _organiser, _official = b2b
    person = make_person(user=make_user(), full_name="Chị Lan")
    make_registration(event, person)
    client = Client()
    client.force_login(person.user)
    # Without a profile the directory sends the participant to make one.
    response = client.get(_url("b2b", event.pk))
    assert response.status_code == 302 and response.url == _url("b2b_profile", event.pk)
    response = client.post(
        _url("b2b_profile", event.pk),
        {"offer": "Nông sản sấy khô", "seek": "Nhà nhập khẩu", "published": "on"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-error-for="languages"' in body
    assert "Nông sản sấy khô" in body
    assert not event.meeting_profiles.exists()
    response = client.post(
        _url("b2b_profile", event.pk),
        {"offer": "Nông sản sấy khô", "languages": ["vi", "fr"], "published": "on"},
    )
    assert response.status_code == 302
    saved = event.meeting_profiles.get()
    assert saved.languages == ["vi", "fr"] and saved.published


def test_directory_search_and_language_filter(b2b):
    event, organiser, _official = b2b
    client, _me = _participant(event, "Anh Minh")
    _participant(event, "Chị Hoa", offer="Cà phê hữu cơ", languages=("vi", "de"))
    _participant(event, "Ông Tuấn", offer="Phần mềm", languages=("en",))
    body = client.get(_url("b2b", event.pk), {"q": "ca phe"}).content.decode()
    assert "Chị Hoa" in body and "Ông Tuấn" not in body
    body = client.get(_url("b2b", event.pk), {"language": "en"}).content.decode()
    assert "Ông Tuấn" in body and "Chị Hoa" not in body
    # Organisers browse too, without request buttons.
    body = organiser.get(_url("b2b", event.pk)).content.decode()
    assert "Chị Hoa" in body and 'data-testid="request-form"' not in body


def test_request_to_oneself_is_refused_with_a_clear_message(b2b):
    event, _organiser, _official = b2b
    client, me = _participant(event, "Anh Minh")
    response = client.post(_url("b2b_request", event.pk, me.pk), {"message": "Chào"})
    assert response.status_code == 200
    assert "You cannot request a meeting with yourself." in response.content.decode()
    assert not MeetingRequest.objects.exists()


def test_request_to_a_profile_of_another_event_is_refused(b2b):
    event, _organiser, _official = b2b
    client, _me = _participant(event, "Anh Minh")
    other_event = make_b2b_event(slots=1, tables=1)
    _c, elsewhere = _participant(other_event, "Bà Ngọc")
    response = client.post(_url("b2b_request", event.pk, elsewhere.pk), {"message": "Chào"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "This person is not a participant of the B2B meetings of this event." in body
    assert 'data-testid="request-refused"' in body
    assert not MeetingRequest.objects.exists()


def test_asking_twice_is_refused_and_the_message_is_kept(b2b):
    event, _organiser, _official = b2b
    client, _me = _participant(event, "Anh Minh")
    _c, hoa = _participant(event, "Chị Hoa")
    assert (
        client.post(_url("b2b_request", event.pk, hoa.pk), {"message": "Lần một"}).status_code
        == 302
    )
    response = client.post(_url("b2b_request", event.pk, hoa.pk), {"message": "Lần hai"})
    assert "You have already asked this person for a meeting." in _text(response)
    assert MeetingRequest.objects.count() == 1


def test_accept_and_decline(b2b):
    event, _organiser, _official = b2b
    minh, _m = _participant(event, "Anh Minh")
    tuan, _t = _participant(event, "Ông Tuấn")
    hoa, hoa_profile = _participant(event, "Chị Hoa")
    minh.post(
        _url("b2b_request", event.pk, hoa_profile.pk), {"message": "Cà phê?", "priority": "on"}
    )
    tuan.post(_url("b2b_request", event.pk, hoa_profile.pk), {"message": "Phần mềm?"})
    page = hoa.get(_url("b2b_requests", event.pk)).content.decode()
    assert "Cà phê?" in page and "Phần mềm?" in page
    from_minh = MeetingRequest.objects.get(requester__registration__full_name="Anh Minh")
    from_tuan = MeetingRequest.objects.get(requester__registration__full_name="Ông Tuấn")
    response = hoa.post(_url("b2b_answer", from_minh.pk), {"decision": "accept", "priority": "on"})
    assert response.status_code == 302
    hoa.post(_url("b2b_answer", from_tuan.pk), {"decision": "decline", "reason": "Không phù hợp"})
    from_minh.refresh_from_db()
    from_tuan.refresh_from_db()
    assert from_minh.status == RequestStatus.ACCEPTED and from_minh.recipient_priority
    assert from_tuan.status == RequestStatus.DECLINED
    assert from_tuan.decline_reason == "Không phù hợp"
    # The requester sees the answer; answering again is refused; only the one asked answers.
    assert "Không phù hợp" in tuan.get(_url("b2b_requests", event.pk)).content.decode()
    again = hoa.post(_url("b2b_answer", from_tuan.pk), {"decision": "accept"}, follow=True)
    assert "This request has already been answered." in _text(again)
    from_tuan.refresh_from_db()
    assert from_tuan.status == RequestStatus.DECLINED
    assert minh.post(_url("b2b_answer", from_minh.pk), {"decision": "decline"}).status_code == 403


def test_cancel_is_for_the_requester(b2b):
    event, _organiser, _official = b2b
    minh, _m = _participant(event, "Anh Minh")
    hoa, hoa_profile = _participant(event, "Chị Hoa")
    minh.post(_url("b2b_request", event.pk, hoa_profile.pk), {})
    sent = MeetingRequest.objects.get()
    assert hoa.post(_url("b2b_cancel", sent.pk)).status_code == 403
    outsider = Client()
    outsider.force_login(make_person(user=make_user()).user)
    assert outsider.post(_url("b2b_cancel", sent.pk)).status_code == 404
    assert minh.post(_url("b2b_cancel", sent.pk)).status_code == 302
    sent.refresh_from_db()
    assert sent.status == RequestStatus.CANCELLED


def test_mutual_interest_is_marked(b2b):
    event, _organiser, _official = b2b
    minh, minh_profile = _participant(event, "Anh Minh")
    hoa, hoa_profile = _participant(event, "Chị Hoa")
    minh.post(_url("b2b_request", event.pk, hoa_profile.pk), {"message": "Gặp nhé"})
    response = hoa.post(_url("b2b_request", event.pk, minh_profile.pk), {"message": "Vâng"})
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert request.mutual and request.status == RequestStatus.ACCEPTED
    for client in (minh, hoa):
        assert 'data-testid="mutual"' in client.get(_url("b2b_requests", event.pk)).content.decode()


def test_a_participant_cannot_see_the_organisers_page(b2b):
    event, organiser, _official = b2b
    minh, _m = _participant(event, "Anh Minh")
    response = minh.get(_url("b2b_organise", event.pk))
    assert response.status_code == 403
    assert "This page is for the event's organisers." in _text(response)
    assert minh.post(_url("b2b_run", event.pk)).status_code == 403
    assert organiser.get(_url("b2b_organise", event.pk)).status_code == 200
    # Someone registered elsewhere is no participant here.
    stranger = Client()
    stranger.force_login(make_person(user=make_user()).user)
    response = stranger.get(_url("b2b", event.pk))
    assert response.status_code == 403
    assert "confirmed participants" in response.content.decode()
    # An event without B2B meetings has no such pages.
    plain = make_event()
    assert organiser.get(_url("b2b_organise", plain.pk)).status_code == 404


def _organise(organiser, event, **data):
    return organiser.post(_url("b2b_organise", event.pk), data)


def test_organiser_sets_up_runs_the_scheduler_and_schedules_show_the_meeting(b2b):
    event, organiser, _official = b2b
    first = timezone.localtime(event.starts_at + timedelta(hours=1), VIETNAM).replace(
        minute=0, second=0, microsecond=0
    )
    # Bad input is shown on the field, with what was typed kept.
    response = _organise(
        organiser, event, action="slots", first="ngày mai", count="4", minutes="20"
    )
    assert response.status_code == 200
    assert 'data-error-for="first"' in response.content.decode()
    assert "ngày mai" in response.content.decode()
    response = _organise(
        organiser,
        event,
        action="slots",
        first=first.strftime("%Y-%m-%dT%H:%M"),
        count="3",
        minutes="20",
        gap="10",
    )
    assert response.status_code == 302
    slots = list(event.slots.order_by("starts_at"))
    assert [timezone.localtime(s.starts_at, VIETNAM).strftime("%H:%M") for s in slots] == [
        first.strftime("%H:%M"),
        (first + timedelta(minutes=30)).strftime("%H:%M"),
        (first + timedelta(minutes=60)).strftime("%H:%M"),
    ]
    assert _organise(organiser, event, action="tables", table_count="2").status_code == 302
    event.refresh_from_db()
    assert event.table_count == 2
    response = _organise(organiser, event, action="interpreter", name="Hùng", languages=["vi"])
    assert "An interpreter speaks at least two languages." in response.content.decode()
    response = _organise(
        organiser, event, action="interpreter", name="Hùng", languages=["vi", "de"]
    )
    assert response.status_code == 302
    assert Interpreter.objects.get(event=event).languages == ["vi", "de"]

    # A German speaker and a Vietnamese speaker meet with the interpreter.
    minh, _m = _participant(event, "Anh Minh", languages=("vi",))
    klaus, klaus_profile = _participant(event, "Klaus Weber", languages=("de",))
    minh.post(_url("b2b_request", event.pk, klaus_profile.pk), {"message": "Hallo"})
    request = MeetingRequest.objects.get()
    klaus.post(_url("b2b_answer", request.pk), {"decision": "accept"})
    page = organiser.get(_url("b2b_organise", event.pk)).content.decode()
    assert 'data-testid="unplaced-request"' in page

    response = organiser.post(_url("b2b_run", event.pk))
    assert response.status_code == 302
    page = organiser.get(_url("b2b_organise", event.pk)).content.decode()
    assert 'data-testid="run-placed">1 / 1' in page
    meeting = Meeting.objects.get()
    assert meeting.interpreter.name == "Hùng"

    when = timezone.localtime(meeting.slot.starts_at, VIETNAM).strftime("%H:%M")
    for client in (minh, klaus):
        body = client.get(_url("b2b_schedule", event.pk)).content.decode()
        assert 'data-testid="meeting-row"' in body and when in body and "Hùng" in body
    assert "Klaus Weber" in minh.get(_url("b2b_schedule", event.pk)).content.decode()
    response = minh.get(_url("b2b_schedule_ics", event.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    items = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(items) == 1
    assert items[0].decoded("dtstart") == meeting.slot.starts_at
    assert "Klaus Weber" in str(items[0]["summary"])


def test_a_pinned_meeting_stays_where_it_was_moved_after_a_re_run(b2b):
    event, organiser, _official = b2b
    services.slots_generate(event, first=event.starts_at, count=3, minutes=20, gap=5)
    services.tables_set(event, count=2)
    minh, _minh_profile = _participant(event, "Anh Minh")
    hoa, hoa_profile = _participant(event, "Chị Hoa")
    minh.post(_url("b2b_request", event.pk, hoa_profile.pk), {})
    request = MeetingRequest.objects.get()
    hoa.post(_url("b2b_answer", request.pk), {"decision": "accept"})
    organiser.post(_url("b2b_run", event.pk))
    meeting = Meeting.objects.get()
    target = event.slots.exclude(pk=meeting.slot_id).order_by("-starts_at").first()
    # A slot of another event is refused, on the form.
    elsewhere = make_b2b_event(slots=1, tables=1).slots.get()
    response = organiser.post(_url("b2b_place", request.pk), {"slot": elsewhere.pk, "table": 1})
    assert response.status_code == 200 and 'data-error-for="slot"' in response.content.decode()
    response = organiser.post(_url("b2b_place", request.pk), {"slot": target.pk, "table": 2})
    assert response.status_code == 302
    moved = Meeting.objects.get()
    assert (moved.pk, moved.slot_id, moved.table, moved.pinned) == (meeting.pk, target.pk, 2, True)
    assert 'data-testid="pinned"' in organiser.get(_url("b2b_organise", event.pk)).content.decode()
    organiser.post(_url("b2b_run", event.pk))
    kept = Meeting.objects.get()
    assert (kept.slot_id, kept.table, kept.pinned) == (target.pk, 2, True)
    # A participant does not place meetings; the organiser unpins.
    assert minh.post(_url("b2b_place", request.pk), {"slot": target.pk}).status_code == 403
    assert minh.post(_url("b2b_unpin", kept.pk)).status_code == 403
    assert organiser.post(_url("b2b_unpin", kept.pk)).status_code == 302
    assert not Meeting.objects.get().pinned


def test_outcome_recorded_by_a_participant(b2b):
    event, organiser, _official = b2b
    services.slots_generate(event, first=event.starts_at, count=2, minutes=20)
    services.tables_set(event, count=1)
    minh, _minh_profile = _participant(event, "Anh Minh")
    hoa, hoa_profile = _participant(event, "Chị Hoa")
    minh.post(_url("b2b_request", event.pk, hoa_profile.pk), {})
    request = MeetingRequest.objects.get()
    hoa.post(_url("b2b_answer", request.pk), {"decision": "accept"})
    services.schedule(event)
    meeting = Meeting.objects.get()
    assert (
        _url("b2b_outcome", meeting.pk) in minh.get(_url("b2b_schedule", event.pk)).content.decode()
    )
    response = minh.post(
        _url("b2b_outcome", meeting.pk), {"kind": "nothing", "note": "Hẹn sau", "value_usd": "5"}
    )
    assert response.status_code == 200
    assert "“Nothing came of it” has no value." in response.content.decode()
    assert "Hẹn sau" in response.content.decode()
    response = minh.post(
        _url("b2b_outcome", meeting.pk),
        {"kind": "deal", "note": "Hợp đồng 20 tấn", "value_usd": "150000"},
    )
    assert response.status_code == 302
    outcome = MeetingOutcome.objects.get()
    assert outcome.kind == "deal" and outcome.value_usd == 150000
    assert "Hợp đồng 20 tấn" in organiser.get(_url("b2b_outcome", meeting.pk)).content.decode()
    # Someone else does not see the meeting.
    outsider = Client()
    outsider.force_login(make_person(user=make_user()).user)
    assert outsider.get(_url("b2b_outcome", meeting.pk)).status_code == 404
    # A re-run keeps the meeting and what was recorded for it.
    services.schedule(event)
    assert Meeting.objects.get().pk == meeting.pk
    assert MeetingOutcome.objects.filter(meeting_id=meeting.pk).exists()
