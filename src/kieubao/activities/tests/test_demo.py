"""The demo loads on an empty database (without the community demo), once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kieubao.activities import selectors
from kieubao.activities.models import ActivityReport, Status

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_fills_the_review():
    out = StringIO()
    call_command("activities", "demo", "--if-empty", stdout=out)
    assert "60 reports" in out.getvalue()
    reports = ActivityReport.objects.all()
    assert reports.values("country").distinct().count() == 8
    assert reports.filter(status=Status.APPROVED).count() > 40
    assert reports.filter(status=Status.RETURNED).exclude(return_reason="").exists()
    assert reports.filter(breakthrough=True).count() == 3
    years = selectors.report_years()
    assert len(years) >= 2 and selectors.year_review(years[0]).reports > 0
    call_command("activities", "demo", "--if-empty", stdout=out)
    assert "already loaded" in out.getvalue() and reports.count() == 60
