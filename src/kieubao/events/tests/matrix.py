"""Events' rows of the authorization matrix, and their part of the world.

World (added to core/tests/test_authorization_matrix.py's ``world``; keys start with E):
    EP   a programme owned by the ministry's body
    EV   a published event with B2B meetings, hosted by province A (official_a organises it;
         official_b and the ministry official do not), in programme EP; capacity 50
    ED   a draft event hosted by province A (only official_a and admin see it)
    EI   a published event by invitation, hosted by the ministry's body (the ministry organises)
    EQ   a registration question of EV (required dietary choice)
    ER   member's confirmed registration for EV, leading a delegation with one guest EG
    EG   the guest of ER (no account)
    EO   org_admin's confirmed registration for EV
    EMP  member's meeting profile at EV;  EOP  org_admin's meeting profile at EV
    ES   EV's first slot (EV has 3 slots, 5 tables);  EIN  an interpreter of EV
    EMR  a meeting request from org_admin to member, accepted, placed as meeting EM (slot ES)
    EPR  a pending meeting request from member to ETP
    ETP  a third participant's profile at EV (a person outside the roles)
    EM   the meeting of EMR;  EMO  its outcome (MoU)
    EINV an open invitation to EI
    ESTF a staff member of EV (a user outside the roles)

Rows: public pages, registration, tickets and check-in in matrix_web.py (WEB_ROWS); the
organisers' pages in matrix_manage.py (MANAGE_ROWS); B2B pages in matrix_b2b.py (B2B_ROWS); the
API in matrix_api.py (API_ROWS).
"""

from __future__ import annotations

from datetime import date

from kieubao.community.models import Organisation
from kieubao.community.tests.factories import make_person, make_user

from .matrix_api import API_ROWS
from .matrix_b2b import B2B_ROWS
from .matrix_manage import MANAGE_ROWS
from .matrix_web import WEB_ROWS


def events_world(world: dict) -> dict:
    from kieubao.events import services
    from kieubao.events.models import Meeting

    from .factories import make_b2b_event, make_event, make_profile

    users = world["users"]
    body_a = Organisation.objects.get(officials__user=users["official_a"])
    ministry = Organisation.objects.get(officials__user=users["ministry"])
    member, org_admin = world["own"]["member"], world["own"]["org_admin"]
    admin = users["admin"]
    programme = services.programme_create(
        owner=ministry,
        title="Xuân Quê hương 2026",
        title_en="Homeland Spring 2026",
        starts_on=date(2027, 2, 6),
        ends_on=date(2027, 2, 9),
    )
    event = make_b2b_event(body_a, slots=3, tables=5, capacity=50, programme=programme)
    question = services.question_add(
        event,
        kind="choice",
        label="Chế độ ăn",
        label_en="Dietary needs",
        choices=["Bình thường | Regular", "Chay | Vegetarian"],
        required=True,
    )
    draft = make_event(body_a, publish=False, title="Sự kiện chưa công bố")
    invited = make_event(ministry, access="invitation", title="Gặp mặt trí thức kiều bào")
    (invitation, _token), *_ = services.invite(
        invited, people=[("Khách mời", "khach@example.com")], user=users["ministry"]
    )
    answers = {str(question.pk): "c1"}
    mine = services.register(
        event,
        person=member,
        user=users["member"],
        answers=answers,
        delegates=[{"full_name": "Khách Đoàn", "email": "khach.doan@example.com"}],
        delegation_name="Đoàn Berlin",
    )
    guest = mine.delegates.get()
    theirs = services.register(event, person=org_admin, user=users["org_admin"], answers=answers)
    third_person = make_person(user=make_user(), full_name="Người Thứ Ba")
    third = services.register(event, person=third_person, user=third_person.user, answers=answers)
    my_profile = make_profile(mine)
    their_profile = make_profile(theirs, offer="Quỹ đầu tư", seek="Dự án công nghệ")
    third_profile = make_profile(third, languages=("de",), seek="Đối tác Việt Nam")
    request = services.meeting_request(requester=their_profile, recipient=my_profile)
    services.request_answer(request, accept=True)
    pending = services.meeting_request(requester=my_profile, recipient=third_profile)
    interpreter = services.interpreter_add(
        event, name="Phiên dịch Đức", languages=["vi", "de"], unavailable=[]
    )
    slot = event.slots.order_by("starts_at").first()
    meeting = Meeting.objects.create(request=request, event=event, slot=slot, table=1)
    outcome = services.outcome_add(meeting, kind="mou", note="Ký biên bản ghi nhớ.", user=admin)
    staff = services.staff_add(event, email=make_user().email, user=users["official_a"])
    return {
        "EP": programme.pk,
        "EV": event.pk,
        "ED": draft.pk,
        "EI": invited.pk,
        "EQ": question.pk,
        "ER": mine.pk,
        "EG": guest.pk,
        "EO": theirs.pk,
        "EMP": my_profile.pk,
        "EOP": their_profile.pk,
        "ETP": third_profile.pk,
        "ES": slot.pk,
        "EIN": interpreter.pk,
        "EMR": request.pk,
        "EPR": pending.pk,
        "EM": meeting.pk,
        "EMO": outcome.pk,
        "EINV": invitation.pk,
        "ESTF": staff.pk,
        "ER_CODE": mine.ticket_code,
    }


EVENTS_ROWS = [*WEB_ROWS, *MANAGE_ROWS, *B2B_ROWS, *API_ROWS]
