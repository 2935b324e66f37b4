"""The public event pages: list, programme and event (Vietnam time and the viewer's), the ICS
file, registration (the event's questions, delegations, invitations, the waiting list),
tickets and cancellation, check-in by the organisers and staff only (a ticket used twice or for
another event refused), and feedback; bad input refused with a clear message in the reader's
language (English and Vietnamese)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from kieubao.community.tests.factories import make_official, make_person, make_user
from kieubao.events import services
from kieubao.events.models import Event, Feedback, Registration, RegStatus

from .factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def _client(user=None, *, language: str = "en") -> Client:
    client = Client()
    client.cookies["kieubao_language"] = language
    if user is not None:
        if hasattr(user, "official") and not Authenticator.objects.filter(user=user).exists():
            # Officials pass a second factor before anything else.
            Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"s": "x"})
        client.force_login(user)
    return client


def _message(language: str, text: str, **values) -> str:
    with translation.override(language):
        translated = gettext(text)
    return escape(translated % values if values else translated)


def _member(name: str = "Nguyễn Kiều Bào", email: str | None = None):
    user = make_user(email)
    return make_person(user=user, full_name=name), user


@pytest.fixture
def world():
    organiser = make_official("Hải Phòng", email="haiphong@example.org")
    event = make_event(capacity=2, agenda="Khai mạc\nGặp gỡ doanh nghiệp")
    diet = services.question_add(
        event,
        kind="choice",
        label="Chế độ ăn",
        label_en="Dietary needs",
        choices=["Bình thường | Regular", "Chay | Vegetarian"],
        required=True,
    )
    arrival = services.question_add(
        event, kind="date", label="Ngày đến", label_en="Arrival date", required=False
    )
    visa = services.question_add(
        event, kind="yesno", label="Cần thư mời xin thị thực", label_en="Visa support letter"
    )
    person, user = _member("Lê Thành Viên", "member@example.org")
    return {
        "organiser": organiser,
        "event": event,
        "diet": diet,
        "arrival": arrival,
        "visa": visa,
        "person": person,
        "user": user,
    }


def _answers(world, diet: str = "c2") -> dict:
    return {str(world["diet"].pk): diet}


# --- list, programme, event ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "vi"])
def test_pages_render_in_both_languages(world, language):
    event = world["event"]
    programme = services.programme_create(
        owner=event.host,
        title="Xuân Quê hương 2027",
        title_en="Homeland Spring 2027",
        starts_on=event.starts_at.date(),
        ends_on=event.ends_at.date(),
    )
    services.event_update(event, programme=programme.pk)
    client = _client(world["user"], language=language)
    listing = client.get("/events/").content.decode()
    assert event.name(language) in listing
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert event.name(language) in page
    assert f'lang="{language}"' in page
    # Vietnam time on the server; the viewer's own zone from <time datetime> by the static JS.
    vn = timezone.localtime(event.starts_at).strftime("%d/%m/%Y %H:%M")
    assert vn in page
    assert f'datetime="{timezone.localtime(event.starts_at).isoformat()}"' in page
    assert "events/local-time.js" in page
    assert "<script>" not in page  # the CSP: no inline script
    assert _message(language, "Register") in page
    programme_page = client.get(f"/events/programmes/{programme.pk}/").content.decode()
    assert programme.name(language) in programme_page
    assert event.name(language) in programme_page
    form = client.get(f"/events/{event.pk}/register/").content.decode()
    assert world["diet"].text(language) in form


def test_list_filters_and_searches_without_tones(world):
    event = world["event"]
    other = make_event(
        title="Gặp mặt doanh nhân Đà Nẵng", title_en="Da Nang business meeting", province_code=48
    )
    client = _client()
    found = client.get("/events/?q=hoi+nghi+xuc+tien").content.decode()
    assert event.name() in found and other.name() not in found
    by_province = client.get("/events/?province=48").content.decode()
    assert other.name() in by_province and event.name() not in by_province
    past = client.get("/events/?when=past").content.decode()
    assert event.name() not in past
    fragment = client.get("/events/?q=da+nang", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and other.name() in fragment


def test_draft_is_hidden_from_the_public(world):
    draft = make_event(publish=False)
    assert _client().get(f"/events/{draft.pk}/").status_code == 404
    assert _client(world["user"]).get(f"/events/{draft.pk}/register/").status_code == 404
    assert _client(world["organiser"]).get(f"/events/{draft.pk}/").status_code == 200


def test_event_shows_seats_left_then_full_waiting_list(world):
    event = world["event"]
    page = _client().get(f"/events/{event.pk}/").content.decode()
    assert "2 seats left of 2" in page
    for name in ("An", "Bình"):
        person, _user = _member(name)
        make_registration(event, person, answers=_answers(world))
    page = _client().get(f"/events/{event.pk}/").content.decode()
    assert "Full — waiting list" in page
    assert "Join the waiting list" in page


def test_calendar_file(world):
    response = _client().get(f"/events/{world['event'].pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content


def test_organiser_links_only_for_organisers(world):
    event = world["event"]
    assert (
        'data-testid="check-in-link"'
        not in _client(world["user"]).get(f"/events/{event.pk}/").content.decode()
    )
    page = _client(world["organiser"]).get(f"/events/{event.pk}/").content.decode()
    assert 'data-testid="check-in-link"' in page


# --- registration --------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(world):
    response = _client().get(f"/events/{world['event'].pk}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_without_profile_is_told_to_create_one(world):
    response = _client(make_user()).get(f"/events/{world['event'].pk}/register/")
    body = response.content.decode()
    assert 'data-testid="no-profile"' in body
    assert "/me/profile/" in body


@pytest.mark.parametrize("language", ["en", "vi"])
def test_required_question_missing_keeps_what_was_typed(world, language):
    event = world["event"]
    response = _client(world["user"], language=language).post(
        f"/events/{event.pk}/register/",
        {"organisation_name": "Công ty Sen Vàng GmbH", f"q{world['arrival'].pk}": "2027-02-05"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'data-error-for="q{world["diet"].pk}"' in body
    assert 'value="Công ty Sen Vàng GmbH"' in body
    assert 'value="2027-02-05"' in body
    assert not Registration.objects.filter(event=event).exists()


def test_registration_with_answers_is_confirmed(world, django_capture_on_commit_callbacks):
    event = world["event"]
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(world["user"]).post(
            f"/events/{event.pk}/register/",
            {
                f"q{world['diet'].pk}": "c2",
                f"q{world['arrival'].pk}": "2027-02-05",
                f"q{world['visa'].pk}": "on",
            },
            follow=True,
        )
    registration = Registration.objects.get(event=event, person=world["person"])
    assert registration.status == RegStatus.CONFIRMED
    assert registration.answers == {
        str(world["diet"].pk): "c2",
        str(world["arrival"].pk): "2027-02-05",
        str(world["visa"].pk): True,
    }
    body = response.content.decode()
    assert "Your registration is confirmed" in body
    assert 'data-testid="ticket-qr"' in body and "<svg" in body
    assert registration.ticket_code in body
    assert mail.outbox[-1].to == ["member@example.org"]
    assert mail.outbox[-1].attachments[0][0] == "event.ics"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_deadline_passed_is_refused_clearly(world, language):
    event = world["event"]
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - timedelta(days=1)
    )
    client = _client(world["user"], language=language)
    page = client.get(f"/events/{event.pk}/register/").content.decode()
    assert 'data-testid="registration-closed"' in page
    response = client.post(f"/events/{event.pk}/register/", {f"q{world['diet'].pk}": "c1"})
    body = response.content.decode()
    with translation.override(language):
        expected = escape(gettext("Registration closed on %(date)s.") % {"date": ""})
    assert expected.rstrip(".") in body
    assert not Registration.objects.filter(event=event).exists()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_second_registration_is_refused(world, language):
    event = world["event"]
    make_registration(event, world["person"], answers=_answers(world))
    client = _client(world["user"], language=language)
    page = client.get(f"/events/{event.pk}/register/").content.decode()
    assert 'data-testid="already-registered"' in page
    body = client.post(
        f"/events/{event.pk}/register/", {f"q{world['diet'].pk}": "c1"}
    ).content.decode()
    assert _message(language, "You are already registered for this event.") in body
    assert Registration.objects.filter(event=event, person=world["person"]).count() == 1


def test_invitation_only_needs_a_token_used_once(world):
    event = make_event(access="invitation", title="Gặp mặt trí thức")
    (_invitation, token), *_ = services.invite(
        event, people=[("Khách", "member@example.org")], user=world["organiser"]
    )
    client = _client(world["user"])
    page = client.get(f"/events/{event.pk}/register/").content.decode()
    assert 'data-testid="registration-closed"' in page
    body = client.post(f"/events/{event.pk}/register/", {}).content.decode()
    assert "This event is by invitation" in body
    page = client.get(f"/events/{event.pk}/register/?invitation={token}").content.decode()
    assert 'data-testid="registration-form"' in page and f'value="{token}"' in page
    response = client.post(f"/events/{event.pk}/register/", {"invitation": token})
    assert response.status_code == 302
    # Used: someone else with the same link is refused.
    other, other_user = _member("Người Khác")
    body = (
        _client(other_user)
        .post(f"/events/{event.pk}/register/", {"invitation": token})
        .content.decode()
    )
    assert "This event is by invitation" in body
    assert not Registration.objects.filter(event=event, person=other).exists()


def test_delegation_gets_a_ticket_each(world):
    event = world["event"]
    Event.objects.filter(pk=event.pk).update(capacity=10)
    response = _client(world["user"]).post(
        f"/events/{event.pk}/register/",
        {
            f"q{world['diet'].pk}": "c1",
            "delegation_name": "Đoàn Berlin",
            "guest1_full_name": "Phạm Khách Một",
            "guest1_email": "khach1@example.org",
            "guest2_full_name": "Võ Khách Hai",
            "guest2_organisation_name": "Hội doanh nhân",
        },
    )
    assert response.status_code == 302
    leader = Registration.objects.get(event=event, person=world["person"])
    guests = list(leader.delegates.order_by("pk"))
    assert [g.full_name for g in guests] == ["Phạm Khách Một", "Võ Khách Hai"]
    page = _client(world["user"]).get(f"/events/registrations/{leader.pk}/").content.decode()
    assert page.count('data-testid="delegate"') == 2
    # The leader sees each guest's ticket.
    guest_page = _client(world["user"]).get(f"/events/registrations/{guests[0].pk}/")
    assert guest_page.status_code == 200 and guests[0].ticket_code in guest_page.content.decode()


def test_delegation_bad_email_is_refused_and_kept(world):
    event = world["event"]
    body = (
        _client(world["user"])
        .post(
            f"/events/{event.pk}/register/",
            {
                f"q{world['diet'].pk}": "c1",
                "guest1_full_name": "Phạm Khách",
                "guest1_email": "not-an-email",
            },
        )
        .content.decode()
    )
    assert 'value="Phạm Khách"' in body and 'value="not-an-email"' in body
    assert 'data-error-for="guest1_email"' in body
    assert not Registration.objects.filter(event=event).exists()


def test_full_event_waitlist_then_promotion_by_cancel(world, django_capture_on_commit_callbacks):
    event = world["event"]
    holders = []
    for name in ("An", "Bình"):
        person, user = _member(name)
        holders.append((make_registration(event, person, answers=_answers(world)), user))
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(world["user"]).post(
            f"/events/{event.pk}/register/", {f"q{world['diet'].pk}": "c1"}, follow=True
        )
    mine = Registration.objects.get(event=event, person=world["person"])
    assert mine.status == RegStatus.WAITLISTED
    body = response.content.decode()
    assert "waiting list, position 1" in body
    assert 'data-testid="ticket-qr"' not in body

    # The first holder cancels through the confirm step; the member is promoted and told.
    first, first_user = holders[0]
    client = _client(first_user)
    confirm = client.get(f"/events/registrations/{first.pk}/cancel/").content.decode()
    assert 'data-testid="confirm-cancel"' in confirm
    client.post(f"/events/registrations/{first.pk}/cancel/", {})  # not confirmed: nothing
    first.refresh_from_db()
    assert first.status == RegStatus.CONFIRMED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/registrations/{first.pk}/cancel/", {"confirm": "yes"})
    first.refresh_from_db()
    mine.refresh_from_db()
    assert first.status == RegStatus.CANCELLED
    assert mine.status == RegStatus.CONFIRMED
    promoted = [m for m in mail.outbox if m.to == ["member@example.org"]]
    assert promoted and f"/events/registrations/{mine.pk}/" in promoted[0].body


def test_registration_is_seen_by_its_holder_and_organisers_only(world):
    registration = make_registration(world["event"], world["person"], answers=_answers(world))
    url = f"/events/registrations/{registration.pk}/"
    _stranger, stranger_user = _member("Người Lạ")
    assert _client(stranger_user).get(url).status_code == 404
    assert _client(make_official("Đà Nẵng")).get(url).status_code == 404
    assert _client(world["organiser"]).get(url).status_code == 200
    assert _client(stranger_user).post(f"{url}cancel/", {"confirm": "yes"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegStatus.CONFIRMED


def test_mine_lists_my_registrations(world):
    registration = make_registration(world["event"], world["person"], answers=_answers(world))
    body = _client(world["user"]).get("/events/mine/").content.decode()
    assert f"/events/registrations/{registration.pk}/" in body


# --- check-in ------------------------------------------------------------------------------------


def test_check_in_ok_then_used_ticket_refused(world):
    event = world["event"]
    registration = make_registration(event, world["person"], answers=_answers(world))
    client = _client(world["organiser"])
    page = client.get(f"/events/{event.pk}/check-in/").content.decode()
    assert 'data-testid="attendance"' in page and 'hx-trigger="every 5s"' in page
    body = client.post(
        f"/events/{event.pk}/check-in/", {"code": registration.ticket_code}
    ).content.decode()
    assert 'data-ok="true"' in body and "Checked in: Lê Thành Viên" in body
    # A second scan of the same QR (the scanned address) is refused, with the time.
    scanned = f"http://testserver/events/{event.pk}/check-in/{registration.ticket_code}/"
    body = client.post(f"/events/{event.pk}/check-in/", {"code": scanned}).content.decode()
    assert 'data-ok="false"' in body and "Already checked in at" in body
    counts = client.get(f"/events/{event.pk}/check-in/counts/").content.decode()
    assert re.search(r'data-testid="count-checked-in">1<', counts)


def test_ticket_address_get_changes_nothing_post_checks_in(world):
    event = world["event"]
    registration = make_registration(event, world["person"], answers=_answers(world))
    url = f"/events/{event.pk}/check-in/{registration.ticket_code}/"
    client = _client(world["organiser"])
    page = client.get(url).content.decode()
    assert "Lê Thành Viên" in page and 'data-testid="ticket-check-in-form"' in page
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert 'data-ok="true"' in client.post(url).content.decode()
    again = client.post(url).content.decode()
    assert 'data-ok="false"' in again and "Already checked in" in again


def test_ticket_of_another_event_and_unknown_code_refused(world):
    event = world["event"]
    other = make_event()
    theirs = make_registration(other, world["person"])
    client = _client(world["organiser"])
    body = client.post(
        f"/events/{event.pk}/check-in/", {"code": theirs.ticket_code}
    ).content.decode()
    assert "This ticket is for another event" in body
    body = client.get(f"/events/{event.pk}/check-in/{theirs.ticket_code}/").content.decode()
    assert "This ticket is for another event" in body and "Lê Thành Viên" not in body
    body = client.post(f"/events/{event.pk}/check-in/", {"code": "nope"}).content.decode()
    assert "Unknown ticket." in body
    theirs.refresh_from_db()
    assert theirs.checked_in_at is None


def test_waitlisted_and_cancelled_tickets_refused(world):
    event = world["event"]
    Event.objects.filter(pk=event.pk).update(capacity=1)
    first = make_registration(event, world["person"], answers=_answers(world))
    person, _user = _member("Người Chờ")
    waiting = make_registration(event, person, answers=_answers(world))
    client = _client(world["organiser"])
    body = client.post(f"/events/{event.pk}/check-in/", {"code": waiting.ticket_code})
    assert "still on the waiting list" in body.content.decode()
    services.registration_cancel(first)
    body = client.post(f"/events/{event.pk}/check-in/", {"code": first.ticket_code})
    assert "was cancelled" in body.content.decode()


def test_check_in_is_for_staff_only(world):
    event = world["event"]
    registration = make_registration(event, world["person"], answers=_answers(world))
    url = f"/events/{event.pk}/check-in/{registration.ticket_code}/"
    # The holder scanning their own QR: a polite page, nothing of the ticket.
    response = _client(world["user"]).get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="staff-only"' in body and "Lê Thành Viên" not in body
    assert 'data-field="holder"' not in body
    assert _client(world["user"]).post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert _client(world["user"]).get(f"/events/{event.pk}/check-in/").status_code == 403
    assert _client(make_official("Đà Nẵng")).get(f"/events/{event.pk}/check-in/").status_code == 403
    # A volunteer the organisers added checks tickets in.
    volunteer = make_user("volunteer@example.org")
    services.staff_add(event, email=volunteer.email, user=world["organiser"])
    body = _client(volunteer).post(url).content.decode()
    assert 'data-ok="true"' in body


# --- feedback ------------------------------------------------------------------------------------


def test_feedback_once_the_event_has_begun(world):
    event = world["event"]
    question = services.question_add(
        event, phase="feedback", kind="rating", label="Hậu cần", label_en="Logistics"
    )
    registration = make_registration(event, world["person"], answers=_answers(world))
    url = f"/events/registrations/{registration.pk}/feedback/"
    client = _client(world["user"])
    assert 'data-testid="feedback-not-open"' in client.get(url).content.decode()
    start = timezone.now() - timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + timedelta(hours=8))
    ticket = client.get(f"/events/registrations/{registration.pk}/").content.decode()
    assert 'data-testid="feedback-link"' in ticket
    body = client.post(url, {"comment": "Rất hữu ích"}).content.decode()
    assert 'data-error-for="rating"' in body and "Rất hữu ích" in body
    response = client.post(url, {"rating": "5", f"q{question.pk}": "4", "comment": "Tốt"})
    assert response.status_code == 302
    feedback = Feedback.objects.get(registration=registration)
    assert feedback.rating == 5 and feedback.answers == {str(question.pk): 4}
    assert 'data-testid="feedback-given"' in client.get(url).content.decode()
    assert _client(world["organiser"]).get(url).status_code == 403
