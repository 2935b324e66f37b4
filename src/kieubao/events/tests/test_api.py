"""The events API: public reads (drafts only for their organisers), registration with a
delegation and the waiting list, cancellation promoting the next in line, check-in (a used
ticket refused with its time), the B2B flow (profile, request, mutual interest, schedule, pin,
outcome) and feedback. Refusals are JSON: 401 without credentials, 404 what the caller may not
see, 403 what they see but may not do, 422 bad input with translated messages on its field
(Accept-Language: vi or en)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import get_args

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from kieubao.accounts.services import api_token_create
from kieubao.api import api
from kieubao.community.tests.factories import make_official, make_person, make_user, province_body
from kieubao.events import models, services
from kieubao.events.api import schemas

from .factories import make_b2b_event, make_event, make_profile, make_registration

pytestmark = pytest.mark.django_db

API = "/api/v1/events"


class ApiClient(Client):
    """A client with a user's API token; JSON bodies."""

    def __init__(self, user=None, **defaults):
        if user is not None:
            _token, key = api_token_create(user=user)
            defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        super().__init__(**defaults)

    def send(self, method: str, path: str, data=None, **extra):
        raw = "" if data is None else json.dumps(data)
        return self.generic(method, path, raw, content_type="application/json", **extra)

    def post_json(self, path: str, data=None, **extra):
        return self.send("POST", path, data, **extra)


def _errors(response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    payload = response.json()
    assert payload["code"] == "validation_error"
    errors: dict[str, list[str]] = {}
    for item in payload["errors"]:
        errors.setdefault(item["field"], []).append(item["message"])
    return errors


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def _in_both_languages(send, field: str, message: str) -> None:
    for language, translate in (("en", str), ("vi", _vi)):
        errors = _errors(send(HTTP_ACCEPT_LANGUAGE=language))
        assert errors.get(field) == [translate(message)], (language, errors)


@pytest.fixture
def world():
    province = province_body("Hải Phòng")
    official = make_official(province, "tinh@example.org")
    other_official = make_official("Đà Nẵng", "danang@example.org")
    people = {
        name: make_person(user=make_user(f"{name}@example.org"), full_name=full)
        for name, full in (("an", "Nguyễn Văn An"), ("binh", "Trần Thị Bình"), ("chi", "Lê Chi"))
    }
    event = make_b2b_event(province, capacity=2, slots=3, tables=2)
    return {
        "province": province,
        "event": event,
        "people": people,
        "official": ApiClient(official),
        "other_official": ApiClient(other_official),
        "anonymous": ApiClient(),
        **{name: ApiClient(p.user) for name, p in people.items()},
    }


def test_schema_names_follow_the_models():
    assert set(get_args(schemas.EventStatusName)) == set(models.EventStatus.values)
    assert set(get_args(schemas.AccessName)) == set(models.Access.values)
    assert set(get_args(schemas.RegStatusName)) == set(models.RegStatus.values)
    assert set(get_args(schemas.PhaseName)) == set(models.Phase.values)
    assert set(get_args(schemas.QuestionKindName)) == set(models.QuestionKind.values)
    assert set(get_args(schemas.RequestStatusName)) == set(models.RequestStatus.values)
    assert set(get_args(schemas.OutcomeKindName)) == set(models.OutcomeKind.values)
    names = [n for n in api.get_openapi_schema()["components"]["schemas"] if "Event" in n]
    assert names and all(n.startswith("Event") for n in names)


# --- public reads ------------------------------------------------------------------------------


def test_published_events_are_read_without_credentials_drafts_only_by_organisers(world):
    draft = make_event(world["province"], publish=False, title="Hội nghị chưa công bố")
    listed = world["anonymous"].get(API).json()
    ids = [e["id"] for e in listed["results"]]
    assert world["event"].pk in ids and draft.pk not in ids
    assert world["anonymous"].get(f"{API}/{draft.pk}").status_code == 404
    assert world["other_official"].get(f"{API}/{draft.pk}").status_code == 404
    detail = world["official"].get(f"{API}/{draft.pk}").json()
    assert detail["status"] == "draft" and detail["is_organiser"] is True
    english = world["anonymous"].get(f"{API}/{world['event'].pk}", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["name"] == "Overseas Vietnamese investment conference"
    assert english.json()["seats_left"] == 2


def test_list_filters_by_when_province_and_words(world):
    past = make_event(world["province"], title="Gặp mặt kiều bào Xuân", days_ahead=-10)
    elsewhere = make_event(province_body("Đà Nẵng"), title="Diễn đàn Đà Nẵng")
    anonymous = world["anonymous"]
    upcoming = [e["id"] for e in anonymous.get(API).json()["results"]]
    assert past.pk not in upcoming and elsewhere.pk in upcoming
    assert [e["id"] for e in anonymous.get(f"{API}?when=past").json()["results"]] == [past.pk]
    in_hp = anonymous.get(f"{API}?when=all&province=31").json()["results"]
    assert elsewhere.pk not in [e["id"] for e in in_hp]
    found = anonymous.get(f"{API}?q=dien dan da nang").json()
    assert [e["id"] for e in found["results"]] == [elsewhere.pk] and found["count"] == 1
    assert anonymous.get(f"{API}?when=soon").status_code == 422


def test_programmes_and_questions(world):
    programme = services.programme_create(
        owner=world["province"],
        title="Xuân Quê hương 2026",
        title_en="Homeland Spring 2026",
        starts_on="2026-02-06",
        ends_on="2026-02-09",
    )
    services.event_update(world["event"], programme=programme.pk)
    services.question_add(
        world["event"],
        kind="choice",
        label="Chế độ ăn",
        label_en="Dietary needs",
        choices=["Bình thường | Regular", "Chay | Vegetarian"],
        required=True,
    )
    anonymous = world["anonymous"]
    listed = anonymous.get(f"{API}/programmes", HTTP_ACCEPT_LANGUAGE="en").json()
    assert listed[0]["name"] == "Homeland Spring 2026" and listed[0]["event_count"] == 1
    detail = anonymous.get(f"{API}/programmes/{programme.pk}").json()
    assert [e["id"] for e in detail["events"]] == [world["event"].pk]
    questions = anonymous.get(
        f"{API}/{world['event'].pk}/questions", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert questions[0]["label"] == "Dietary needs"
    assert [c["label"] for c in questions[0]["choices"]] == ["Regular", "Vegetarian"]


# --- organisers ---------------------------------------------------------------------------------


def test_organiser_creates_publishes_updates_and_cancels(world):
    province = world["province"]
    data = {
        "host_id": province.pk,
        "title": "Hội thảo công nghệ",
        "venue": "Nhà hát lớn",
        "province_code": 31,
        "starts_at": "2030-03-01T09:00:00",
        "ends_at": "2030-03-01T17:00:00",
        "capacity": 100,
    }
    assert world["an"].post_json(API, data).status_code == 403
    assert world["other_official"].post_json(API, data).status_code == 403
    created = world["official"].post_json(API, data)
    assert created.status_code == 201, created.content
    event = created.json()
    assert event["status"] == "draft" and event["starts_at"].startswith("2030-03-01T02:00:00")
    pk = event["id"]
    assert world["official"].post_json(f"{API}/{pk}/publish").json()["status"] == "published"
    changed = world["official"].send("PATCH", f"{API}/{pk}", {"capacity": 120, "city": "HP"})
    assert changed.json()["capacity"] == 120 and changed.json()["title"] == "Hội thảo công nghệ"
    assert world["other_official"].send("PATCH", f"{API}/{pk}", {"city": "X"}).status_code == 403
    _in_both_languages(
        lambda **h: world["official"].send(
            "PATCH", f"{API}/{pk}", {"ends_at": "2030-03-01T08:00:00"}, **h
        ),
        "ends_at",
        "The end must be after the start.",
    )
    _in_both_languages(
        lambda **h: world["official"].post_json(f"{API}/{pk}/cancel", {"reason": " "}, **h),
        "reason",
        "Say why the event is cancelled: the participants are told.",
    )
    cancelled = world["official"].post_json(f"{API}/{pk}/cancel", {"reason": "Bão."})
    assert cancelled.json()["status"] == "cancelled"


def test_create_refusals_on_their_field(world):
    _in_both_languages(
        lambda **h: world["official"].post_json(
            API,
            {
                "host_id": world["province"].pk,
                "title": "Hội nghị",
                "venue": "Hội trường",
                "starts_at": "2030-03-01T09:00:00",
                "ends_at": "2030-03-01T17:00:00",
            },
            **h,
        ),
        "province_code",
        "Choose the province that hosts the event.",
    )


# --- registration -------------------------------------------------------------------------------


def test_registration_waiting_list_and_promotion_on_cancel(
    world, django_capture_on_commit_callbacks
):
    pk = world["event"].pk
    with django_capture_on_commit_callbacks(execute=True):
        first = world["an"].post_json(
            f"{API}/{pk}/registrations",
            {"delegates": [{"full_name": "Khách", "email": "khach@example.org"}]},
        )
    assert first.status_code == 201, first.content
    mine = first.json()
    assert mine["status"] == "confirmed" and len(mine["delegates"]) == 1
    assert mine["ticket_code"]
    assert "text/calendar" in [a[2] for a in mail.outbox[0].attachments]
    again = world["an"].post_json(f"{API}/{pk}/registrations", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert _errors(again) == {"event": ["You are already registered for this event."]}
    waiting = world["binh"].post_json(f"{API}/{pk}/registrations", {}).json()
    assert waiting["status"] == "waitlisted" and waiting["waitlist_position"] == 1
    position = world["binh"].get(f"{API}/registrations/{waiting['id']}/waiting-list").json()
    assert position == {"registration_id": waiting["id"], "status": "waitlisted", "position": 1}
    # Someone else's registration is not found; the organisers see it without its ticket.
    assert world["chi"].get(f"{API}/registrations/{mine['id']}").status_code == 404
    seen = world["official"].get(f"{API}/registrations/{mine['id']}").json()
    assert seen["ticket_code"] is None
    assert [r["id"] for r in world["an"].get(f"{API}/registrations/mine").json()] == [
        mine["id"],
        mine["delegates"][0]["id"],
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = world["an"].post_json(f"{API}/registrations/{mine['id']}/cancel")
    assert cancelled.json()["promoted"] == 1
    assert cancelled.json()["registration"]["status"] == "cancelled"
    assert world["binh"].get(f"{API}/registrations/{waiting['id']}").json()["status"] == (
        "confirmed"
    )
    assert "binh@example.org" in [m.to[0] for m in mail.outbox]
    twice = world["an"].post_json(f"{API}/registrations/{mine['id']}/cancel")
    assert _errors(twice) == {"registration": ["This registration is already cancelled."]}


def test_registration_refusals(world):
    event = world["event"]
    question = services.question_add(event, kind="date", label="Ngày đến", required=True)
    url = f"{API}/{event.pk}/registrations"
    assert world["anonymous"].post_json(url, {}).status_code == 401
    no_profile = ApiClient(make_user())
    assert no_profile.post_json(url, {}).status_code == 403
    _in_both_languages(
        lambda **h: world["an"].post_json(url, {}, **h),
        f"q{question.pk}",
        "Please answer this question.",
    )
    _in_both_languages(
        lambda **h: world["an"].post_json(url, {"answers": {str(question.pk): "mai"}}, **h),
        f"q{question.pk}",
        "Enter a date as YYYY-MM-DD.",
    )
    services.event_update(event, registration_deadline=timezone.now() - timedelta(days=1))
    closed = _errors(world["an"].post_json(url, {"answers": {str(question.pk): "2030-01-01"}}))
    assert closed["event"][0].startswith("Registration closed on ")
    invited = make_event(world["province"], access="invitation")
    _in_both_languages(
        lambda **h: world["an"].post_json(f"{API}/{invited.pk}/registrations", {}, **h),
        "invitation",
        "This event is by invitation: use the link in your invitation. A link works once and "
        "expires.",
    )
    (_invitation, token), *_ = services.invite(invited, people=[("An", "an@example.org")])
    ok = world["an"].post_json(f"{API}/{invited.pk}/registrations", {"invitation_token": token})
    assert ok.status_code == 201
    used = world["binh"].post_json(f"{API}/{invited.pk}/registrations", {"invitation_token": token})
    assert "invitation" in _errors(used)


# --- check-in -----------------------------------------------------------------------------------


def test_check_in_once_and_refusals_are_ok_false(world):
    event = world["event"]
    registration = make_registration(event, world["people"]["an"])
    url = f"{API}/{event.pk}/check-in"
    assert world["an"].post_json(url, {"code": registration.ticket_code}).status_code == 403
    assert world["other_official"].post_json(url, {"code": "x"}).status_code == 403
    first = world["official"].post_json(url, {"code": registration.ticket_code}).json()
    assert first["ok"] is True and first["full_name"] == "Nguyễn Văn An"
    again = (
        world["official"]
        .post_json(
            url,
            {
                "code": f"https://kieubao.example/events/{event.pk}/check-in/{registration.ticket_code}/"
            },
        )
        .json()
    )
    assert again["ok"] is False and again["message"].startswith("Already checked in at ")
    other = make_event(world["province"])
    elsewhere = (
        world["official"]
        .post_json(f"{API}/{other.pk}/check-in", {"code": registration.ticket_code})
        .json()
    )
    assert elsewhere["ok"] is False and elsewhere["full_name"] is None
    assert "another event" in elsewhere["message"]
    counts = world["official"].get(f"{API}/{event.pk}/attendance").json()
    assert counts["confirmed"] == 1 and counts["checked_in"] == 1
    staff = make_user("door@example.org")
    services.staff_add(event, email=staff.email)
    assert ApiClient(staff).get(f"{API}/{event.pk}/attendance").status_code == 200
    attendees = world["official"].get(f"{API}/{event.pk}/attendees").json()
    assert [a["full_name"] for a in attendees] == ["Nguyễn Văn An"]
    assert world["an"].get(f"{API}/{event.pk}/attendees").status_code == 403


# --- B2B ----------------------------------------------------------------------------------------


def test_b2b_flow_profiles_requests_schedule_pin_and_outcome(world):
    event = world["event"]
    services.event_update(event, capacity=10)
    _an, binh, chi = (make_registration(event, world["people"][n]) for n in ("an", "binh", "chi"))
    base = f"{API}/{event.pk}/b2b"
    assert world["an"].get(f"{base}/profile").status_code == 404
    saved = world["an"].send("PUT", f"{base}/profile", {"offer": "Cà phê", "languages": ["vi"]})
    assert saved.status_code == 200 and saved.json()["languages"] == ["vi"]
    _in_both_languages(
        lambda **h: world["binh"].send("PUT", f"{base}/profile", {"languages": ["vi"]}, **h),
        "offer",
        "Say what you offer or what you seek.",
    )
    binh_profile = make_profile(binh)
    chi_profile = make_profile(chi)
    assert [p["id"] for p in world["an"].get(f"{base}/directory").json()] == [
        chi_profile.pk,
        binh_profile.pk,
    ] or {p["id"] for p in world["an"].get(f"{base}/directory").json()} == {
        chi_profile.pk,
        binh_profile.pk,
    }
    mine = saved.json()["id"]
    _in_both_languages(
        lambda **h: world["an"].post_json(f"{base}/requests", {"recipient_id": mine}, **h),
        "recipient_id",
        "You cannot request a meeting with yourself.",
    )
    sent = world["an"].post_json(f"{base}/requests", {"recipient_id": binh_profile.pk})
    assert sent.status_code == 201 and sent.json()["status"] == "pending"
    # Binh asks An too: one accepted request of mutual interest.
    mutual = world["binh"].post_json(f"{base}/requests", {"recipient_id": mine}).json()
    assert mutual["id"] == sent.json()["id"] and mutual["status"] == "accepted"
    assert mutual["mutual"] is True and mutual["weight"] == 4
    declined_id = world["chi"].post_json(f"{base}/requests", {"recipient_id": mine}).json()["id"]
    assert (
        world["binh"]
        .post_json(f"{API}/b2b/requests/{declined_id}/answer", {"accept": True})
        .status_code
        == 404
    )
    declined = (
        world["an"]
        .post_json(
            f"{API}/b2b/requests/{declined_id}/answer", {"accept": False, "reason": "Hết lịch."}
        )
        .json()
    )
    assert declined["status"] == "declined" and declined["decline_reason"] == "Hết lịch."
    received = world["an"].get(f"{base}/requests").json()
    assert {r["id"] for r in received["received"]} == {declined_id}
    # The organisers run the schedule; the participants see their own.
    assert world["an"].post_json(f"{base}/schedule/run").status_code == 403
    run = world["official"].post_json(f"{base}/schedule/run").json()
    assert run["placed"] == 1 and run["weight"] == 4
    own = world["an"].get(f"{base}/schedule").json()
    assert len(own["meetings"]) == 1 and own["unscheduled"] == []
    assert world["chi"].get(f"{base}/schedule").json()["meetings"] == []
    slots = world["official"].get(f"{base}/slots").json()
    placed = world["official"].post_json(
        f"{API}/b2b/requests/{mutual['id']}/place", {"slot_id": slots[2]["id"], "table": 2}
    )
    assert placed.status_code == 200, placed.content
    meeting = placed.json()
    assert meeting["pinned"] is True and meeting["slot"]["id"] == slots[2]["id"]
    rerun = world["official"].post_json(f"{base}/schedule/run").json()
    assert rerun["pinned"] == 1
    kept = world["official"].get(f"{base}/schedule").json()["meetings"][0]
    assert kept["slot"]["id"] == slots[2]["id"] and kept["table"] == 2
    assert (
        world["official"].post_json(f"{API}/b2b/meetings/{kept['id']}/unpin").json()["pinned"]
        is False
    )
    _in_both_languages(
        lambda **h: world["an"].post_json(
            f"{API}/b2b/meetings/{kept['id']}/outcomes", {"kind": "nothing", "value_usd": 10}, **h
        ),
        "value_usd",
        "“Nothing came of it” has no value.",
    )
    outcome = world["an"].post_json(
        f"{API}/b2b/meetings/{kept['id']}/outcomes", {"kind": "deal", "value_usd": 25000}
    )
    assert outcome.status_code == 201 and outcome.json()["value_usd"] == 25000
    assert (
        world["chi"]
        .post_json(f"{API}/b2b/meetings/{kept['id']}/outcomes", {"kind": "deal"})
        .status_code
        == 404
    )
    interpreter = world["official"].post_json(
        f"{base}/interpreters", {"name": "Phiên dịch", "languages": ["vi", "de"]}
    )
    assert interpreter.status_code == 201
    assert len(world["official"].get(f"{base}/interpreters").json()) == 1
    assert world["an"].get(f"{base}/interpreters").status_code == 403
    withdrawn = world["an"].post_json(f"{API}/b2b/requests/{mutual['id']}/cancel").json()
    assert withdrawn["status"] == "cancelled" and withdrawn["meeting"] is None


def test_slot_refusals_and_b2b_for_participants_only(world):
    event = world["event"]
    base = f"{API}/{event.pk}/b2b"
    assert world["an"].get(f"{base}/slots").status_code == 403  # not registered
    _in_both_languages(
        lambda **h: world["official"].post_json(
            f"{base}/slots",
            {"starts_at": (event.starts_at - timedelta(days=1)).isoformat(), "minutes": 20},
            **h,
        ),
        "starts_at",
        "A slot must lie within the event's time.",
    )
    made = world["official"].post_json(
        f"{base}/slots",
        {"starts_at": (event.ends_at - timedelta(hours=1)).isoformat(), "minutes": 30},
    )
    assert made.status_code == 201


# --- feedback -----------------------------------------------------------------------------------


def test_feedback_once_after_the_start(world):
    event = make_event(world["province"], days_ahead=0)
    services.event_update(event, starts_at=timezone.now() + timedelta(minutes=1))
    registration = make_registration(event, world["people"]["an"])
    url = f"{API}/registrations/{registration.pk}/feedback"
    _in_both_languages(
        lambda **h: world["an"].post_json(url, {"rating": 5}, **h),
        "registration",
        "Feedback opens when the event begins.",
    )
    models.Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    assert world["official"].post_json(url, {"rating": 4}).status_code == 403
    given = world["an"].post_json(url, {"rating": 4, "comment": "Tốt."})
    assert given.status_code == 201 and given.json()["rating"] == 4
    _in_both_languages(
        lambda **h: world["an"].post_json(url, {"rating": 5}, **h),
        "registration",
        "You have already given your feedback.",
    )
    assert world["an"].post_json(url, {"rating": 6}).status_code == 422


def test_errors_are_json_with_codes(world):
    assert world["anonymous"].get(f"{API}/registrations/mine").json()["code"] == "unauthorized"
    assert world["anonymous"].get(f"{API}/2147483647").json()["code"] == "not_found"
    forbidden = world["an"].post_json(f"{API}/{world['event'].pk}/publish")
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"
    bad = world["an"].post_json(f"{API}/{world['event'].pk}/registrations", {"extra": 1})
    assert _errors(bad) == {"extra": ["Unknown field."]}
