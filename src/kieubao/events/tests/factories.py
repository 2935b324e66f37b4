"""Test data for events, through the services (so tests see what users would)."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from kieubao.community.tests.factories import province_body
from kieubao.events import services

_counter = itertools.count(1)


def make_event(host=None, *, publish: bool = True, days_ahead: int = 30, hours: int = 8, **values):
    """A published event in Hải Phòng a month from now, hosted by the province (by default)."""
    host = host or province_body("Hải Phòng")
    starts = timezone.now() + timedelta(days=days_ahead)
    defaults = {
        "title": f"Hội nghị xúc tiến đầu tư kiều bào {next(_counter)}",
        "title_en": "Overseas Vietnamese investment conference",
        "venue": "Trung tâm Hội nghị thành phố",
        "city": "Hải Phòng",
        "province_code": host.province_code or 31,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=hours),
    }
    event = services.event_create(host=host, **(defaults | values))
    if publish:
        services.event_publish(event)
    return event


def make_b2b_event(host=None, *, slots: int = 4, tables: int = 10, **values):
    event = make_event(host, b2b_enabled=True, table_count=tables, **values)
    services.slots_generate(event, first=event.starts_at, count=slots, minutes=20, gap=5)
    return event


def make_registration(event, person, **values):
    return services.register(event, person=person, user=person.user, **values)


def make_profile(registration, *, languages=("vi", "en"), **values):
    defaults = {"offer": "Cà phê rang xay xuất khẩu", "seek": "Nhà phân phối tại châu Âu"}
    return services.profile_save(registration, languages=list(languages), **(defaults | values))
