"""The organisers' pages: creating, editing, publishing and cancelling an event (bad input
refused on the form in the reader's language, nothing saved), the agenda, questions with
choices, check-in staff, invitations, the attendee list and its CSV/XLSX exports under the
registry's privacy rules, the statistics and the public outcomes by province; and another
province's official or a member refused."""

from __future__ import annotations

import csv
import io
from datetime import UTC, timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from kieubao.community.models import Visibility
from kieubao.community.tests.factories import (
    make_official,
    make_person,
    make_user,
    province_body,
)
from kieubao.core.models import AuditAction, AuditEntry
from kieubao.events import services
from kieubao.events.models import (
    Event,
    EventStatus,
    Invitation,
    Meeting,
    Question,
    RegStatus,
    Session,
)

from .factories import make_b2b_event, make_event, make_profile, make_registration

pytestmark = pytest.mark.django_db


def _client(user=None, *, language: str = "en") -> Client:
    client = Client()
    client.cookies["kieubao_language"] = language
    if user is not None:
        if user.is_staff or hasattr(user, "official"):
            Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"s": "x"})
        client.force_login(user)
    return client


def _message(language: str, text: str, **values) -> str:
    with translation.override(language):
        translated = gettext(text)
    return escape(translated % values if values else translated)


@pytest.fixture
def world():
    body = province_body("Hải Phòng")
    official = make_official(body, email="haiphong@example.org")
    other = make_official("Đà Nẵng", email="danang@example.org")
    member_user = make_user("member@example.org")
    member = make_person(user=member_user, full_name="Thành Viên")
    return {
        "body": body,
        "official": official,
        "other": other,
        "member_user": member_user,
        "member": member,
    }


def _event_data(**values) -> dict:
    data = {
        "host": "",
        "title": "Hội nghị kiều bào Hải Phòng",
        "title_en": "Hai Phong overseas Vietnamese conference",
        "venue": "Trung tâm Hội nghị",
        "city": "Hải Phòng",
        "province_code": "",
        "country": "VN",
        "starts_at": "2030-03-10T09:00",
        "ends_at": "2030-03-10T17:00",
        "capacity": "100",
        "access": "open",
        "registration_deadline": "2030-03-08T17:00",
        "table_count": "0",
    }
    return data | values


# --- creating and editing ------------------------------------------------------------------------
def test_an_official_creates_a_draft_read_in_vietnam_time(world):
    client = _client(world["official"])
    page = client.get("/events/new/")
    assert page.status_code == 200
    assert "Vietnam time" in page.content.decode()
    data = _event_data(host=world["body"].pk, province_code=world["body"].province_code)
    response = client.post("/events/new/", data)
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/{event.pk}/edit/"
    assert event.status == EventStatus.DRAFT
    assert event.host == world["body"] and event.capacity == 100
    # 09:00 in Vietnam is 02:00 UTC.
    assert event.starts_at.astimezone(UTC).hour == 2
    assert event.registration_deadline < event.starts_at


def test_an_official_cannot_host_for_another_body(world):
    other_body = province_body("Đà Nẵng")
    client = _client(world["official"])
    data = _event_data(host=other_body.pk, province_code=other_body.province_code)
    response = client.post("/events/new/", data)
    assert response.status_code == 200  # not one of the choices: the form says so
    assert not Event.objects.exists()


BAD_EVENTS = [
    ({"ends_at": "2030-03-10T08:00"}, "ends_at", "The end must be after the start.", {}),
    (
        {"registration_deadline": "2030-03-11T09:00"},
        "registration_deadline",
        "The deadline cannot be after the event ends.",
        {},
    ),
    (
        {"capacity": "0"},
        "capacity",
        "Enter a number from %(low)d to %(high)d.",
        {"low": 1, "high": 1_000_000},
    ),
    ({"capacity": "một trăm"}, "capacity", "Enter a whole number.", {}),
    ({"starts_at": "tomorrow"}, "starts_at", "Enter a date and time as YYYY-MM-DD HH:MM.", {}),
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("values", "field", "message", "params"), BAD_EVENTS)
def test_bad_event_input_is_refused_on_the_form(world, language, values, field, message, params):
    client = _client(world["official"], language=language)
    data = _event_data(host=world["body"].pk, province_code=world["body"].province_code, **values)
    response = client.post("/events/new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'data-error-for="{field}"' in body
    assert _message(language, message, **params) in body
    assert (
        _message(language, "Please correct the errors below. Nothing has been saved yet.") in body
    )
    assert escape(data["title"]) in body  # what was typed is kept
    assert not Event.objects.exists()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_bad_edit_saves_nothing(world, language):
    event = make_event(world["body"])
    client = _client(world["official"], language=language)
    data = _event_data(
        action="save",
        title="Tên mới",
        province_code=world["body"].province_code,
        ends_at="2030-03-09T08:00",
    )
    response = client.post(f"/events/{event.pk}/edit/", data)
    assert response.status_code == 200
    assert _message(language, "The end must be after the start.") in response.content.decode()
    event.refresh_from_db()
    assert event.title != "Tên mới"
    good = client.post(f"/events/{event.pk}/edit/", data | {"ends_at": "2030-03-10T18:00"})
    assert good.status_code == 302
    event.refresh_from_db()
    assert event.title == "Tên mới" and event.capacity == 100


def test_publish_and_cancel(world, django_capture_on_commit_callbacks):
    event = make_event(world["body"], publish=False)
    guest = make_person(user=make_user("guest@example.org"))
    client = _client(world["official"])
    assert client.post(f"/events/{event.pk}/edit/", {"publish": "1"}).status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    make_registration(event, guest)
    mail.outbox.clear()
    # No reason: refused, still published.
    response = client.post(f"/events/{event.pk}/edit/", {"action": "cancel", "reason": " "})
    assert response.status_code == 200
    assert 'data-error-for="reason"' in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/events/{event.pk}/edit/", {"action": "cancel", "reason": "Bão lớn / a typhoon"}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert any("guest@example.org" in m.to for m in mail.outbox)
    # A cancelled event is not published again; the page says why.
    page = client.post(f"/events/{event.pk}/edit/", {"action": "publish"}, follow=True)
    assert escape(gettext("A cancelled event cannot be published again.")) in page.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED


def test_programme_create_and_bad_dates(world):
    client = _client(world["official"])
    response = client.post(
        "/events/programmes/new/",
        {
            "owner": world["body"].pk,
            "title": "Xuân Quê hương",
            "starts_on": "2030-02-09",
            "ends_on": "2030-02-06",
        },
    )
    assert response.status_code == 200
    assert (
        escape(gettext("The last day cannot be before the first day.")) in response.content.decode()
    )
    response = client.post(
        "/events/programmes/new/",
        {
            "owner": world["body"].pk,
            "title": "Xuân Quê hương",
            "starts_on": "2030-02-06",
            "ends_on": "2030-02-09",
        },
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert _client(world["other"]).get(response["Location"]).status_code == 403


# --- agenda, questions, staff, invitations -------------------------------------------------------
def test_sessions(world):
    event = make_event(world["body"])
    client = _client(world["official"])
    url = f"/events/{event.pk}/sessions/"
    bad = client.post(
        url, {"title": "Khai mạc", "starts_at": "2030-03-10T10:00", "ends_at": "2030-03-10T09:00"}
    )
    assert bad.status_code == 200 and 'data-error-for="ends_at"' in bad.content.decode()
    assert not Session.objects.exists()
    good = client.post(
        url, {"title": "Khai mạc", "starts_at": "2030-03-10T09:00", "ends_at": "2030-03-10T10:00"}
    )
    assert good.status_code == 302
    session = Session.objects.get()
    assert "Khai mạc" in client.get(url).content.decode()
    assert client.post(url, {"action": "remove", "id": session.pk}).status_code == 302
    assert not Session.objects.exists()


def test_questions_with_choices(world):
    event = make_event(world["body"])
    client = _client(world["official"])
    url = f"/events/{event.pk}/questions/"
    one = client.post(
        url, {"phase": "registration", "kind": "choice", "label": "Ăn gì?", "choices": "Chay"}
    )
    assert one.status_code == 200
    assert escape(gettext("Give at least two choices, one per line.")) in one.content.decode()
    response = client.post(
        url,
        {
            "phase": "registration",
            "kind": "choice",
            "label": "Chế độ ăn",
            "label_en": "Dietary needs",
            "choices": "Chay | Vegetarian\n\nBình thường | Regular\n",
            "required": "on",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.required
    assert question.choice_pairs("en") == [("c1", "Vegetarian"), ("c2", "Regular")]
    client.post(url, {"phase": "feedback", "kind": "rating", "label": "Hài lòng?"})
    page = client.get(url).content.decode()
    assert "Dietary needs" in page and "Vegetarian" in page and "Hài lòng?" in page
    # A question of another event is not removed from this page.
    other = make_event(world["body"])
    elsewhere = client.post(
        f"/events/{other.pk}/questions/", {"action": "remove", "id": question.pk}
    )
    assert elsewhere.status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()


def test_staff(world):
    event = make_event(world["body"])
    helper = make_user("door@example.org")
    client = _client(world["official"])
    url = f"/events/{event.pk}/staff/"
    unknown = client.post(url, {"email": "nobody@example.org"})
    assert escape(gettext("No account has this email address.")) in unknown.content.decode()
    assert client.post(url, {"email": "DOOR@example.org"}).status_code == 302
    staff = event.staff.get()
    assert staff.user == helper
    assert client.post(url, {"action": "remove", "id": staff.pk}).status_code == 302
    assert not event.staff.exists()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_invitations_list_bad_emails(world, language):
    event = make_event(world["body"], access="invitation")
    client = _client(world["official"], language=language)
    url = f"/events/{event.pk}/invitations/"
    response = client.post(
        url, {"people": "Nguyễn An <an@example.com>\nkhong-phai-email\nbinh@example"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    expected = _message(
        language, "Not an email address: %(list)s.", list="khong-phai-email, binh@example"
    )
    assert expected in body
    assert not Invitation.objects.exists()


def test_invitations_sent_listed_and_revoked(world, django_capture_on_commit_callbacks):
    event = make_event(world["body"], access="invitation")
    client = _client(world["official"])
    url = f"/events/{event.pk}/invitations/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"people": "Nguyễn An <An@Example.com>\n\nbinh@example.com\n"})
    assert response.status_code == 302
    an = Invitation.objects.get(email="an@example.com")
    assert an.name == "Nguyễn An"
    assert Invitation.objects.count() == 2 and len(mail.outbox) >= 1
    assert client.post(url, {"action": "revoke", "id": an.pk}).status_code == 302
    page = client.get(url).content.decode()
    assert 'data-state="revoked"' in page and 'data-state="open"' in page
    other = make_event(world["body"])
    assert (
        client.post(
            f"/events/{other.pk}/invitations/", {"action": "revoke", "id": an.pk}
        ).status_code
        == 404
    )


# --- attendees and exports -----------------------------------------------------------------------
@pytest.fixture
def attended(world):
    """A Hải Phòng event with two members from Hải Phòng: one lets the officials responsible
    for her see her contact, the other keeps it to herself; and a delegation's guest."""
    event = make_event(world["body"])
    question = services.question_add(
        event, kind="choice", label="Chế độ ăn", label_en="Dietary needs",
        choices=["Chay | Vegetarian", "Bình thường | Regular"],
    )  # fmt: skip
    code = world["body"].province_code
    open_ = make_person(
        user=make_user("mo@example.org"), full_name="Người Công Khai", hometown_province=code,
        phone="+49 30 1", vis_contact=Visibility.OFFICIALS,
    )  # fmt: skip
    closed = make_person(
        user=make_user("kin@example.org"), full_name="Người Kín Đáo", hometown_province=code,
        phone="+49 30 2", vis_contact=Visibility.PRIVATE,
    )  # fmt: skip
    answers = {str(question.pk): "c1"}
    make_registration(
        event, open_, answers=answers, organisation_name="=HYPERLINK(\"http://x\")",
        delegates=[{"full_name": "Khách Mời", "email": "guest@example.org"}],
        delegation_name="Đoàn Berlin",
    )  # fmt: skip
    make_registration(event, closed, answers=answers)
    return {"event": event, "open": open_, "closed": closed}


def test_attendee_list_applies_contact_visibility(world, attended):
    event = attended["event"]
    client = _client(world["official"])
    page = client.get(f"/events/{event.pk}/attendees/").content.decode()
    assert "Người Công Khai" in page and "Người Kín Đáo" in page
    assert "mo@example.org" in page  # lets the officials responsible for her see it
    assert "kin@example.org" not in page and "+49 30 2" not in page  # keeps it to herself
    assert "guest@example.org" in page and "Đoàn Berlin" in page
    assert "Dietary needs" in page and "Vegetarian" in page
    # The official's read of her contact is in her access log.
    assert AuditEntry.objects.filter(
        action=AuditAction.PERSON_READ, actor_id=world["official"].pk, target_id=attended["open"].pk
    ).exists()
    # Filtered by status.
    services.registration_cancel(event.registrations.get(person=attended["closed"]))
    confirmed = client.get(f"/events/{event.pk}/attendees/?status=confirmed").content.decode()
    assert "Người Kín Đáo" not in confirmed and "Người Công Khai" in confirmed


def test_csv_export_is_formula_safe_private_and_audited(world, attended):
    event = attended["event"]
    client = _client(world["official"])
    response = client.get(f"/events/{event.pk}/attendees.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Full name" and "Dietary needs" in rows[0]
    names = {row[0]: row for row in rows[1:]}
    assert set(names) == {"Người Công Khai", "Khách Mời", "Người Kín Đáo"}
    assert names["Người Công Khai"][1] == '\'=HYPERLINK("http://x")'
    assert names["Người Công Khai"][5] == "mo@example.org"
    assert names["Người Kín Đáo"][5] == "" and "kin@example.org" not in text
    assert names["Người Kín Đáo"][rows[0].index("Dietary needs")] == "Vegetarian"
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, actor_id=world["official"].pk, target_id=event.pk
    ).exists()


def test_xlsx_export_is_formula_safe_and_private(world, attended):
    from openpyxl import load_workbook

    event = attended["event"]
    response = _client(world["official"]).get(f"/events/{event.pk}/attendees.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    cells = [str(c) for row in rows for c in row]
    assert not any(c.startswith("=") for c in cells)
    assert '\'=HYPERLINK("http://x")' in cells
    assert "mo@example.org" in cells and "kin@example.org" not in cells
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, target_id=event.pk).exists()


def test_an_admin_sees_every_contact(world, attended):
    admin = make_user("root@example.org", is_staff=True, is_superuser=True)
    page = _client(admin).get(f"/events/{attended['event'].pk}/attendees/").content.decode()
    assert "kin@example.org" in page


# --- statistics and outcomes ---------------------------------------------------------------------
def test_statistics_figures(world):
    event = make_b2b_event(world["body"], days_ahead=-1, hours=72, capacity=2)
    people = [make_person(user=make_user(), full_name=f"Người {i}") for i in range(3)]
    first, second, third = (make_registration(event, p) for p in people)
    assert third.status == RegStatus.WAITLISTED
    services.check_in(event, first.ticket_code)
    services.feedback_submit(first, rating=5, comment="Rất hữu ích")
    services.feedback_submit(second, rating=3)
    a, b = make_profile(first), make_profile(second)
    request = services.meeting_request(requester=a, recipient=b)
    services.request_answer(request, accept=True)
    meeting = Meeting.objects.create(
        request=request, event=event, slot=event.slots.first(), table=1, pinned=True
    )
    services.outcome_add(meeting, kind="investment", value_usd="2500000")
    page = _client(world["official"]).get(f"/events/{event.pk}/statistics/").content.decode()
    assert 'data-figure="confirmed">2<' in page
    assert 'data-figure="waitlisted">1<' in page
    assert 'data-figure="checked_in">1<' in page
    assert 'data-figure="share">50 %<' in page
    assert 'data-figure="meetings">1<' in page and 'data-figure="pinned">1<' in page
    assert "2,500,000" in page or "2.500.000" in page
    assert "Rất hữu ích" in page
    assert "4.0" in page or "4,0" in page  # mean rating
    assert "Hai Phong" in page  # the province credited
    public = _client().get("/events/outcomes/").content.decode()
    assert "Hai Phong" in public and ("2,500,000" in public or "2.500.000" in public)
    assert "Người 0" not in public  # figures only


# --- who may -------------------------------------------------------------------------------------
PAGES = (
    "edit/", "sessions/", "questions/", "staff/", "invitations/", "attendees/",
    "attendees.csv", "attendees.xlsx", "statistics/",
)  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_another_province_official_and_a_member_are_refused(world, page):
    event = make_event(world["body"])
    draft = make_event(world["body"], publish=False)
    for user in (world["other"], world["member_user"]):
        client = _client(user)
        assert client.get(f"/events/{event.pk}/{page}").status_code == 403
        assert client.get(f"/events/{draft.pk}/{page}").status_code == 404
    assert _client().get(f"/events/{event.pk}/{page}").status_code == 302
    assert _client(world["official"]).get(f"/events/{event.pk}/{page}").status_code == 200


def test_another_official_cannot_change_an_event(world):
    event = make_event(world["body"])
    client = _client(world["other"])
    response = client.post(f"/events/{event.pk}/edit/", {"action": "cancel", "reason": "Vì sao"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_my_events_lists_what_the_viewer_organises(world):
    mine = make_event(world["body"], title="Sự kiện của tôi", title_en="")
    theirs = make_event(province_body("Đà Nẵng"), title="Sự kiện của Đà Nẵng", title_en="")
    make_registration(mine, world["member"])
    page = _client(world["official"]).get("/events/organise/").content.decode()
    assert "Sự kiện của tôi" in page and "Sự kiện của Đà Nẵng" not in page
    assert f'href="/events/{mine.pk}/edit/"' in page and f"/events/{theirs.pk}/" not in page
    assert _client(world["member_user"]).get("/events/organise/").status_code == 403
    assert _client(world["member_user"]).get("/events/new/").status_code == 403
    assert _client().get("/events/organise/").status_code == 302


def test_an_association_admin_hosts_for_their_association(world):
    from kieubao.community import services as community

    association = community.organisation_create(
        name="Hội Doanh nhân", kind="association", country="DE"
    )
    community.membership_add(person=world["member"], organisation=association, role="admin")
    client = _client(world["member_user"])
    data = _event_data(host=association.pk, country="DE")
    response = client.post("/events/new/", data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.host == association and event.province_code is None
    assert client.get(f"/events/{event.pk}/attendees/").status_code == 200


def test_times_are_shown_in_vietnam_time(world):
    starts = timezone.now().replace(hour=2, minute=0, second=0, microsecond=0) + timedelta(days=3)
    event = make_event(world["body"], starts_at=starts, ends_at=starts + timedelta(hours=5))
    page = _client(world["official"]).get(f"/events/{event.pk}/edit/").content.decode()
    assert starts.astimezone(timezone.get_default_timezone()).strftime("%Y-%m-%dT09:00") in page
