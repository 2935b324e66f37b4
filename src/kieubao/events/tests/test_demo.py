"""`kieubao events demo`: Homeland Spring, Hải Phòng's conference with a B2B schedule and last
year's edition with its outcomes, on top of the community demo."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from kieubao.community.demo import create_demo_users, create_organisations
from kieubao.community.selectors import viewer_for_user
from kieubao.events import scheduler, selectors, services
from kieubao.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Programme,
    Registration,
    RegStatus,
    RequestStatus,
)

pytestmark = pytest.mark.django_db

MEMBER = "member@kieubao.local"


def _run(*args) -> str:
    out = StringIO()
    call_command("events", *args, stdout=out)
    return out.getvalue()


def test_demo(index_now):
    """One load of the demo (it takes seconds), checked part by part."""
    with index_now():
        create_organisations()
        create_demo_users()
        mail.outbox.clear()
        started = time.perf_counter()
        output = _run("demo", "--if-empty")
        seconds = time.perf_counter() - started
    assert seconds < 15
    _homeland_spring(output)
    _conference()
    _member_schedule_request_to_answer_and_waiting_list()
    _last_year()
    _schedule_command()
    before = (Event.objects.count(), Registration.objects.count(), Meeting.objects.count())
    with index_now():
        assert _run("demo", "--if-empty").startswith("Events demo data already loaded.")
    assert (Event.objects.count(), Registration.objects.count(), Meeting.objects.count()) == before


def _homeland_spring(output: str) -> None:
    assert output.startswith("Events demo: 1 programme, 6 events")
    assert mail.outbox == []  # demo people are not emailed
    programme = Programme.objects.get()
    assert programme.title.startswith("Xuân Quê hương ")
    assert (programme.starts_on.month, programme.starts_on.day) == (2, 6)
    assert programme.starts_on > timezone.localdate()
    assert programme.owner.name == "Ủy ban Nhà nước về người Việt Nam ở nước ngoài"
    assert set(programme.events.values_list("city", flat=True)) == {"Hà Nội", "Ninh Bình"}
    assert programme.events.filter(access="invitation").count() == 1


def _conference() -> None:
    """Conflict-free, with interpreters for those who speak only German, French, Japanese or
    Korean, and two meetings pinned by hand."""
    event = Event.objects.get(title__startswith="Hội nghị Xúc tiến đầu tư kiều bào vào Hải Phòng")
    assert event.host.province_code == 31 and event.ends_at > timezone.now()
    assert (event.slots.count(), event.table_count, event.interpreters.count()) == (8, 12, 3)
    assert event.meeting_profiles.count() == 40
    assert event.sessions.exclude(title_en="").count() == 6
    assert {q.kind for q in event.questions.all()} == {"choice", "yesno", "date"}
    requests = MeetingRequest.objects.filter(event=event)
    accepted = requests.filter(status=RequestStatus.ACCEPTED)
    assert 75 <= accepted.count() <= 85
    assert accepted.filter(mutual=True).count() >= 10
    assert requests.filter(status=RequestStatus.PENDING).exists()
    assert requests.filter(status=RequestStatus.DECLINED).exists()
    problem, index, _slots = services.build_problem(event)
    placements = {
        m.request_id: scheduler.Placement(index[m.slot_id], m.table, m.interpreter_id)
        for m in Meeting.objects.filter(event=event)
    }
    assert scheduler.violations(problem, placements) == []
    assert len(placements) >= 0.95 * accepted.count()
    assert Meeting.objects.filter(event=event, interpreter__isnull=False).count() >= 5
    pinned = Meeting.objects.filter(event=event, pinned=True)
    assert pinned.count() == 2 and set(pinned.values_list("table", flat=True)) == {1}
    # Someone who speaks only German meets with an interpreter.
    lukas = event.meeting_profiles.get(registration__full_name="Lukas Trần Minh")
    assert lukas.languages == ["de"]
    assert all(m.interpreter is not None for m in selectors.schedule_of(lukas))
    assert event.registrations.filter(delegates__isnull=False).exists()  # a delegation


def _member_schedule_request_to_answer_and_waiting_list() -> None:
    viewer = viewer_for_user(_member())
    forum = Event.objects.get(title_en__startswith="Overseas Vietnamese Business Forum")
    registration = selectors.registration_of(viewer, forum)
    assert registration.status == RegStatus.CONFIRMED
    profile = selectors.profile_of(registration)
    assert len(selectors.schedule_of(profile)) >= 3
    received, sent = selectors.requests_of(profile)
    assert received.filter(status=RequestStatus.PENDING).exists()
    assert sent.filter(status=RequestStatus.PENDING).exists()
    cultural = Event.objects.get(title_en__startswith="Tràng An cultural evening")
    attendance = selectors.attendance(cultural)
    assert attendance.confirmed == cultural.capacity and attendance.seats_left == 0
    waiting = selectors.registration_of(viewer, cultural)
    assert waiting.status == RegStatus.WAITLISTED
    assert selectors.waitlist_position(waiting) == 3
    gala = Event.objects.get(access="invitation")
    assert selectors.registration_of(viewer, gala).status == RegStatus.CONFIRMED


def _last_year() -> None:
    """Attendance, outcomes credited to Hải Phòng, feedback."""
    past = Event.objects.get(ends_at__lt=timezone.now())
    assert 330 <= (timezone.now() - past.starts_at).days <= 400
    figures = selectors.statistics(past)
    assert figures.attendance.checked_in >= 25
    assert figures.attendance.cancelled == 2
    assert figures.meetings >= 30
    assert figures.outcomes["mou"] >= 3 and figures.outcomes["deal"] >= 2
    assert figures.outcomes["investment"] >= 1 and figures.outcomes["nothing"] >= 1
    assert figures.outcome_value_usd >= 20_000_000
    assert figures.feedback_count >= 20 and 3 <= figures.feedback_rating <= 5
    credit = selectors.province_outcomes(31)
    assert credit["value_usd"] == figures.outcome_value_usd and credit["events"] == 2


def _schedule_command() -> None:
    """`kieubao events schedule`: a re-run keeps the pins; clear refusals."""
    event = Event.objects.get(title__startswith="Hội nghị Xúc tiến đầu tư kiều bào vào Hải Phòng")
    pinned = set(Meeting.objects.filter(event=event, pinned=True).values_list("pk", "slot_id"))
    output = _run("schedule", str(event.pk), "--time-limit", "2")
    assert "accepted requests placed (2 pinned)" in output
    assert set(Meeting.objects.filter(event=event, pinned=True).values_list("slot_id")) == {
        (slot,) for _pk, slot in pinned
    }
    with pytest.raises(CommandError, match="No event with id 999999"):
        _run("schedule", "999999")
    gala = Event.objects.get(access="invitation")
    with pytest.raises(CommandError, match="no B2B meetings"):
        _run("schedule", str(gala.pk))


def _member():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=MEMBER)
