"""Test data for activity reports, through the services (so tests see what users would)."""

from __future__ import annotations

import itertools
from datetime import date

from kieubao.activities import services
from kieubao.activities.models import ActivityReport
from kieubao.community import services as community
from kieubao.community.tests.factories import make_person

_counter = itertools.count(1)


def make_association(country: str = "FR", *, admin=None, name: str = ""):
    """An association in ``country``; ``admin`` (a user) becomes its admin."""
    organisation = community.organisation_create(
        name=name or f"Hội người Việt {next(_counter)}", kind="association", country=country
    )
    if admin is not None:
        person = getattr(admin, "person", None) or make_person(user=admin)
        community.membership_add(person=person, organisation=organisation, role="admin")
    return organisation


def make_report(reporter, *, status: str = "draft", approver=None, **values) -> ActivityReport:
    """A report of ``reporter`` (an organisation), taken to ``status`` through the services."""
    defaults = {
        "kind": "cultural",
        "theme": "language_culture",
        "title": f"Đêm văn hóa Việt Nam {next(_counter)}",
        "date": date(2025, 2, 1),
        "country": str(reporter.country),
        "city": "Paris",
        "participants": 120,
    }
    report = services.report_create(reporter=reporter, **(defaults | values))
    if status in ("submitted", "approved", "returned"):
        services.report_submit(report=report)
    if status == "approved":
        services.report_approve(report=report, user=approver)
    elif status == "returned":
        services.report_return(report=report, reason="Thiếu số người tham dự.", user=approver)
    return report
