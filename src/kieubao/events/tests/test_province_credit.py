"""What meetings at an event led to is credited to the province that hosted it: the
province's insights dashboard shows it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kieubao.community.tests.factories import make_person, make_user, province_body
from kieubao.events import services
from kieubao.events.models import Meeting
from kieubao.events.selectors import province_outcomes

from .factories import make_b2b_event, make_profile, make_registration

pytestmark = pytest.mark.django_db


def _meeting(event):
    a, b = (
        make_profile(make_registration(event, make_person(user=make_user(), full_name=name)))
        for name in ("An", "Bình")
    )
    request = services.meeting_request(requester=a, recipient=b)
    services.request_answer(request, accept=True)
    services.schedule(event)
    return Meeting.objects.get(request=request)


def test_the_hosting_provinces_dashboard_shows_the_outcomes_of_its_events(client):
    haiphong = make_b2b_event(province_body("Hải Phòng"), slots=2, tables=2)
    services.outcome_add(_meeting(haiphong), kind="deal", value_usd="1500000")
    danang = make_b2b_event(province_body("Đà Nẵng"), slots=2, tables=2)
    services.outcome_add(_meeting(danang), kind="mou")

    page = client.get(reverse("insights:dashboard", args=[haiphong.province_code]))
    section = page.content.decode().split('data-testid="event-outcomes"')[1].split("</section>")[0]
    assert "1,500,000" in section or "1.500.000" in section
    assert province_outcomes(haiphong.province_code)["by_kind"] == {"deal": 1}

    other = client.get(reverse("insights:dashboard", args=[danang.province_code])).content.decode()
    assert "1,500,000" not in other and "1.500.000" not in other


def test_a_province_without_events_shows_no_events_section(client):
    page = client.get(reverse("insights:dashboard", args=[1]))
    assert 'data-testid="event-outcomes"' not in page.content.decode()
