"""The events' part of the API fuzzer's seeded data (core/tests/test_api_schema_fuzz.py), so that
the member's runs reach every operation's happy path and not only its refusals.

The fuzzer's member leads a delegation (one guest) at a published B2B event hosted by Đà Nẵng,
with a meeting profile; three other participants asked them for meetings (pending, so the
member can answer), the member asked a fourth (pending, to withdraw) and one accepted request
has a meeting (to record an outcome). Two open events take the member's registration, and one
that has begun takes their feedback. Editing, publishing, cancelling events, attendees,
check-in, slots, interpreters, running the scheduler and pinning are the organisers': the
member's runs of those stop at the permission check (``member_refused``).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from kieubao.community.models import Person
from kieubao.community.tests.factories import make_official, make_person, province_body
from kieubao.events import services
from kieubao.events.models import Meeting

from .factories import make_b2b_event, make_event, make_profile, make_registration

API = "/api/v1/events"


def fuzz_world(*, member: Person) -> dict:
    host = province_body("Đà Nẵng")
    make_official(host)
    programme = services.programme_create(
        owner=host,
        title="Xuân Quê hương 2027",
        title_en="Homeland Spring 2027",
        starts_on=date(2027, 2, 6),
        ends_on=date(2027, 2, 9),
    )
    event = make_b2b_event(host, slots=4, tables=6, capacity=100, programme=programme.pk)
    services.session_add(
        event,
        title="Khai mạc",
        title_en="Opening",
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(hours=1),
    )
    services.question_add(event, kind="text", label="Nhu cầu ăn uống", label_en="Dietary needs")
    services.question_add(event, kind="rating", label="Chất lượng", phase="feedback")
    mine = make_registration(
        event,
        member,
        delegates=[{"full_name": "Khách Đoàn", "email": "khach.doan@example.org"}],
        delegation_name="Đoàn Berlin",
    )
    guest = mine.delegates.get()
    my_profile = make_profile(mine)
    others = []
    for n in range(5):
        person = make_person(full_name=f"Doanh Nhân {n + 1}")
        others.append(make_profile(make_registration(event, person), offer=f"Sản phẩm {n + 1}"))
    received = [
        services.meeting_request(requester=p, recipient=my_profile, message="Xin gặp.")
        for p in others[:3]
    ]
    sent = services.meeting_request(requester=my_profile, recipient=others[3])
    accepted = services.meeting_request(requester=others[4], recipient=my_profile)
    services.request_answer(accepted, accept=True)
    meeting = Meeting.objects.create(
        request=accepted, event=event, slot=event.slots.first(), table=1
    )
    open_events = [make_event(host, title=f"Gặp mặt doanh nhân {n}") for n in (1, 2)]
    begun = make_event(host, title="Diễn đàn đang diễn ra", days_ahead=0)
    services.event_update(begun, starts_at=timezone.now() - timedelta(hours=1))
    attended = make_registration(begun, member)
    spare = make_registration(open_events[1], member)
    requests = [*received, sent, accepted]
    return {
        "ids": {
            "event_id": [event.pk, open_events[0].pk, begun.pk],
            "programme_id": [programme.pk],
            "registration_id": [mine.pk, guest.pk, attended.pk, spare.pk],
            "meeting_request_id": [r.pk for r in requests],
            "meeting_id": [meeting.pk],
        },
        "bodies": {
            ("POST", f"{API}/{{event_id}}/registrations"): [
                {},
                {
                    "answers": {},
                    "delegates": [{"full_name": "Khách Mời", "email": "khach@example.org"}],
                    "delegation_name": "Đoàn Paris",
                },
            ],
            ("PUT", f"{API}/{{event_id}}/b2b/profile"): [
                {"offer": "Cà phê đặc sản", "seek": "Nhà nhập khẩu", "languages": ["vi", "de"]}
            ],
            ("POST", f"{API}/{{event_id}}/b2b/requests"): [
                {"recipient_id": p.pk, "message": "Xin một cuộc gặp."} for p in others
            ],
            ("POST", f"{API}/b2b/requests/{{meeting_request_id}}/answer"): [
                {"accept": True, "priority": True},
                {"accept": False, "reason": "Lịch đã kín."},
            ],
            ("POST", f"{API}/b2b/meetings/{{meeting_id}}/outcomes"): [
                {"kind": "mou", "note": "Ký biên bản ghi nhớ."},
                {"kind": "investment", "value_usd": 250000},
            ],
            ("POST", f"{API}/registrations/{{registration_id}}/feedback"): [
                {"rating": 5, "comment": "Rất bổ ích."}
            ],
        },
        # For the event's organisers only: the member is refused (403), never served.
        "member_refused": {
            ("POST", API),
            ("PATCH", f"{API}/{{event_id}}"),
            ("POST", f"{API}/{{event_id}}/publish"),
            ("POST", f"{API}/{{event_id}}/cancel"),
            ("GET", f"{API}/{{event_id}}/attendees"),
            ("GET", f"{API}/{{event_id}}/attendance"),
            ("POST", f"{API}/{{event_id}}/check-in"),
            ("POST", f"{API}/{{event_id}}/b2b/slots"),
            ("GET", f"{API}/{{event_id}}/b2b/interpreters"),
            ("POST", f"{API}/{{event_id}}/b2b/interpreters"),
            ("POST", f"{API}/{{event_id}}/b2b/schedule/run"),
            ("POST", f"{API}/b2b/requests/{{meeting_request_id}}/place"),
            ("POST", f"{API}/b2b/meetings/{{meeting_id}}/unpin"),
        },
    }
