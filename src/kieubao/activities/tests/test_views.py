"""Activity report pages: the reporter's form (errors kept, in the reader's language), the
mission's approval, the public list, the yearly review with its XLSX and printable report."""

from __future__ import annotations

import io
from datetime import date

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from openpyxl import load_workbook

from kieubao.activities.models import ActivityReport, Status
from kieubao.community.tests.factories import make_mission, make_official, make_user

from .factories import make_association, make_report

pytestmark = pytest.mark.django_db


def _client(user, language: str = "en") -> Client:
    if hasattr(user, "official") and not Authenticator.objects.filter(user=user).exists():
        Authenticator.objects.create(user=user, type="totp", data={"secret": "x"})  # MFA
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def reviewed():
    """2025: two approved reports (France, Germany), one submitted, one draft."""
    fr, de = make_mission("FR"), make_mission("DE")
    paris = make_association("FR", name="=Hội Paris")  # a name that looks like a formula
    berlin = make_association("DE", name="Hội Berlin")
    one = make_report(paris, status="approved", approver=make_official(fr), participants=120)
    make_report(berlin, status="approved", approver=make_official(de), participants=80)
    make_report(paris, status="submitted", participants=5000)
    make_report(berlin, status="draft", participants=5000)
    return one


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The end cannot come before the start."), ("vi", "Ngày kết thúc không thể")],
)
def test_the_form_keeps_what_was_typed_and_shows_errors(language, message):
    admin = make_user()
    paris = make_association("FR", admin=admin)
    response = _client(admin, language).post(
        "/activities/new/",
        {
            "reporter": paris.pk,
            "kind": "charity",
            "theme": "solidarity",
            "title": "Quyên góp ủng hộ đồng bào bão lũ",
            "date": "2025-09-20",
            "end_date": "2025-09-01",
            "country": "FR",
            "participants": "abc",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'data-error-for="participants"' in body
    assert "Quyên góp ủng hộ đồng bào bão lũ" in body and 'value="abc"' in body
    assert not ActivityReport.objects.exists()


def test_reporter_submits_and_the_mission_approves_on_the_pages():
    admin = make_user()
    paris = make_association("FR", admin=admin)
    official = make_official(make_mission("FR"))
    response = _client(admin).post(
        "/activities/new/",
        {
            "reporter": paris.pk,
            "kind": "celebration",
            "theme": "homeland",
            "title": "Tết cộng đồng 2025",
            "date": "2025-01-25",
            "country": "FR",
            "participants": "600",
            "submit": "1",
        },
    )
    report = ActivityReport.objects.get()
    assert response.status_code == 302 and report.status == Status.SUBMITTED
    queue = _client(official).get("/activities/queue/").content.decode()
    assert "Tết cộng đồng 2025" in queue
    refused = _client(official).post(f"/activities/{report.pk}/decide/", {"action": "return"})
    assert 'data-error-for="reason"' in refused.content.decode()
    _client(official).post(f"/activities/{report.pk}/decide/", {"action": "approve"})
    report.refresh_from_db()
    assert report.status == Status.APPROVED
    assert "Tết cộng đồng 2025" in Client().get("/activities/?country=FR").content.decode()


def test_the_review_page_shows_approved_reports_only(reviewed):
    body = Client().get("/activities/review/2025/").content.decode()
    assert 'data-testid="total-reports">2<' in body
    assert 'data-testid="total-participants">200<' in body
    assert 'id="review-chart"' in body and "trade/charts.js" in body and "print.js" in body


def test_the_xlsx_export_has_one_sheet_per_table_and_no_formula(reviewed):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/activities/review/2025.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Totals", "By country", "By theme"]
    totals = {row[0]: row[1] for row in book["Totals"].iter_rows(min_row=2, values_only=True)}
    assert totals["Reports"] == 2 and totals["Participants"] == 200
    countries = list(book["By country"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[3]) for row in countries] == [
        ("France", 1, 120),
        ("Germany", 1, 80),
    ]
    organisations = [
        row[0] for row in book["Top organisations"].iter_rows(min_row=2, values_only=True)
    ]
    assert "'=Hội Paris" in organisations


def test_the_printable_report_renders_in_the_readers_language(reviewed):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/activities/review/2025/print/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="printable-review"' in body and "data-print" in body
    assert "activities/print.js" in body and "<script>" not in body
    assert "People-to-people activities: review of 2025" in body
    assert "site-header" not in body  # no navigation on paper
    assert date.today().strftime("%d/%m/%Y") in body
