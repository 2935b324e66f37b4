"""Calendar files (RFC 5545, with icalendar): an event for a participant's calendar (attached
to the confirmation email and downloadable), and a participant's personal B2B schedule."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event, Meeting, MeetingProfile

PRODID = "-//kieubao//events//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "kieubao"


def _where(event: Event) -> str:
    return ", ".join(p for p in (event.venue, event.address, event.city) if p)


def event_ics(event: Event) -> bytes:
    calendar = _calendar(event.name())
    item = VEvent()
    item.add("uid", f"event-{event.pk}@{_host()}")
    item.add("dtstamp", datetime.now(UTC))
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", event.name())
    item.add("location", _where(event))
    item.add("description", event.agenda_text()[:2000])
    item.add("url", f"{settings.SITE_URL}/events/{event.pk}/")
    if event.status == "cancelled":
        item.add("status", "CANCELLED")
    calendar.add_component(item)
    return calendar.to_ical()


def schedule_ics(profile: MeetingProfile, meetings: list[Meeting]) -> bytes:
    event = profile.event
    calendar = _calendar(_("B2B meetings — %(event)s") % {"event": event.name()})
    for meeting in meetings:
        request = meeting.request
        other = request.recipient if request.requester_id == profile.pk else request.requester
        item = VEvent()
        item.add("uid", f"meeting-{meeting.request_id}@{_host()}")
        item.add("dtstamp", datetime.now(UTC))
        item.add("dtstart", meeting.slot.starts_at)
        item.add("dtend", meeting.slot.ends_at)
        item.add(
            "summary",
            _("Meeting with %(name)s") % {"name": other.registration.full_name},
        )
        where = _("Table %(n)d") % {"n": meeting.table}
        if meeting.interpreter_id:
            where += " · " + _("interpreter: %(name)s") % {"name": meeting.interpreter.name}
        item.add("location", f"{where} — {_where(event)}")
        calendar.add_component(item)
    return calendar.to_ical()
