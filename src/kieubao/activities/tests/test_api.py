"""The activities API: the reporter writes and submits, the mission of the country approves or
returns, the review's figures count approved reports only; errors are translated."""

from __future__ import annotations

import json
from typing import get_args

import pytest
from django.test import Client

from kieubao.accounts.services import api_token_create
from kieubao.activities import models
from kieubao.activities.api import schemas
from kieubao.community.tests.factories import make_mission, make_official, make_user

from .factories import make_association, make_report

pytestmark = pytest.mark.django_db

API = "/api/v1/activities"


class ApiClient(Client):
    def __init__(self, user=None, **defaults):
        if user is not None:
            _token, key = api_token_create(user=user)
            defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        super().__init__(**defaults)

    def send(self, method: str, path: str, data=None, **extra):
        raw = "" if data is None else json.dumps(data)
        return self.generic(method, path, raw, content_type="application/json", **extra)


def _errors(response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    errors: dict[str, list[str]] = {}
    for item in response.json()["errors"]:
        errors.setdefault(item["field"], []).append(item["message"])
    return errors


def test_schema_choices_are_the_models():
    assert set(get_args(schemas.ActivityKindName)) == set(models.Kind.values)
    assert set(get_args(schemas.ActivityThemeName)) == set(models.Theme.values)
    assert set(get_args(schemas.ActivityStatusName)) == set(models.Status.values)


def test_report_from_draft_to_the_review_through_the_api():
    admin, stranger = make_user(), make_user()
    paris = make_association("FR", admin=admin)
    france, germany = make_mission("FR"), make_mission("DE")
    reporter = ApiClient(admin)
    body = {
        "reporter_id": paris.pk,
        "kind": "language_class",
        "theme": "language_culture",
        "title": "Lớp tiếng Việt mùa hè",
        "date": "2025-07-01",
        "end_date": "2025-08-15",
        "country": "FR",
        "city": "Lyon",
        "partners": ["Mairie de Lyon", "Trường Việt ngữ"],
        "activity_count": 12,
        "participants": 40,
    }
    assert ApiClient(stranger).send("POST", f"{API}/reports", body).status_code == 403
    created = reporter.send("POST", f"{API}/reports", body)
    assert created.status_code == 201, created.content
    report = created.json()
    assert report["status"] == "draft" and report["partners"] == body["partners"]
    url = f"{API}/reports/{report['id']}"
    assert Client().get(url).status_code == 404  # a draft is not public
    assert reporter.send("PATCH", url, {"participants": 45}).json()["participants"] == 45
    assert reporter.send("POST", f"{url}/submit").json()["status"] == "submitted"
    # Another country's mission may not even see it; the reporter may not approve it.
    assert ApiClient(make_official(germany)).send("POST", f"{url}/approve").status_code == 404
    assert reporter.send("POST", f"{url}/approve").status_code == 403
    official = ApiClient(make_official(france))
    assert official.send("GET", f"{API}/review/2025").json()["reports"] == 0
    approved = official.send("POST", f"{url}/approve")
    assert approved.json()["status"] == "approved"
    assert approved.json()["approved_by"]["id"] == france.pk
    assert Client().get(url).status_code == 200
    figures = Client().get(f"{API}/review/2025").json()
    assert (figures["reports"], figures["activities"], figures["participants"]) == (1, 12, 45)
    assert figures["by_country"][0]["key"] == "FR"
    listed = Client().get(f"{API}/reports?country=FR&year=2025&theme=language_culture").json()
    assert [r["id"] for r in listed["results"]] == [report["id"]]


def test_return_needs_a_reason_and_bad_input_is_refused_in_the_callers_language():
    admin = make_user()
    paris = make_association("FR", admin=admin)
    report = make_report(paris, status="submitted")
    official = ApiClient(make_official(make_mission("FR")))
    url = f"{API}/reports/{report.pk}"
    assert "reason" in _errors(official.send("POST", f"{url}/return", {"reason": " "}))
    returned = official.send("POST", f"{url}/return", {"reason": "Thiếu ảnh."})
    assert returned.json()["status"] == "returned"
    reporter = ApiClient(admin)
    late = {"date": "2025-03-10", "end_date": "2025-03-01"}
    errors = _errors(reporter.send("PATCH", url, late, HTTP_ACCEPT_LANGUAGE="vi"))
    assert errors["end_date"] == ["Ngày kết thúc không thể trước ngày bắt đầu."]
    errors = _errors(reporter.send("PATCH", url, late, HTTP_ACCEPT_LANGUAGE="en"))
    assert errors["end_date"] == ["The end cannot come before the start."]
    assert "participants" in _errors(reporter.send("PATCH", url, {"participants": -1}))
    assert "participants" in _errors(reporter.send("PATCH", url, {"participants": "many"}))
