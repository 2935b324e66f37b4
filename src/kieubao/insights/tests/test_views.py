"""The web side: the dashboard and its exports, and the import flow officials use."""

from __future__ import annotations

import csv
import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from kieubao.community.models import Person
from kieubao.community.tests.factories import make_official, make_user
from kieubao.insights.models import SurveyImport
from kieubao.insights.tests.test_imports import HEADERS, ROWS, TITLE, _csv_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _imports_dir(settings, tmp_path):
    settings.IMPORT_DIR = tmp_path / "imports"


def official_client(province="Hải Phòng") -> Client:
    """Signed in as an official of ``province`` who has set up a second factor (officials
    without one are sent to set it up before anything else)."""
    official = make_official(province)
    Authenticator.objects.create(user=official, type="totp", data={"secret": "x"})
    client = Client()
    client.force_login(official)
    return client


def upload(client, content: bytes, name="khao-sat.csv", kind="people"):
    return client.post(
        "/insights/imports/",
        {"kind": kind, "file": SimpleUploadedFile(name, content), "sheet": ""},
    )


def test_upload_check_and_import_then_the_dashboard_shows_the_figures():
    client = official_client()
    response = upload(client, _csv_text([TITLE, HEADERS, *ROWS]).encode("utf-8"))
    assert response.status_code == 302
    survey = SurveyImport.objects.get()
    assert survey.province_code == 31 and survey.preview["rows"] == 7
    page = client.get(response["Location"])
    assert "Quốc gia cư trú" in page.content.decode()
    checked = client.post(response["Location"], {"action": "check"})
    assert checked.status_code == 302
    survey.refresh_from_db()
    assert survey.report["ok"] and survey.report["dry_run"] and Person.objects.count() == 0
    client.post(response["Location"], {"action": "confirm"})
    survey.refresh_from_db()
    assert survey.status == "done" and survey.report["created"] == 7
    assert Person.objects.count() == 7
    dashboard = client.get("/insights/31/").content.decode()
    assert 'data-testid="people-total">7<' in dashboard


def test_a_file_with_problems_is_refused_with_the_list():
    client = official_client()
    rows = [list(r) for r in ROWS]
    rows[0][6] = "Atlantis"
    location = upload(client, _csv_text([HEADERS, *rows]).encode("utf-8"))["Location"]
    client.post(location, {"action": "check"})
    page = client.get(location).content.decode()
    assert "Atlantis" in page and 'data-testid="report-problems"' in page
    assert 'data-testid="confirm"' not in page  # nothing to confirm


def test_files_that_are_not_surveys_are_refused_at_upload():
    client = official_client()
    response = upload(client, b"%PDF-1.7 not a table", name="survey.csv")
    assert response.status_code == 200
    assert "not of an accepted type" in response.content.decode()
    assert not SurveyImport.objects.exists()


def test_an_official_sees_only_the_imports_of_their_province():
    location = upload(official_client(), _csv_text([HEADERS, *ROWS]).encode())["Location"]
    assert official_client("Đà Nẵng").get(location).status_code == 404
    member = Client()
    member.force_login(make_user())
    assert member.get("/insights/imports/").status_code == 403


def test_exports_as_csv_and_xlsx_with_suppressed_figures_for_the_public():
    client = official_client()
    location = upload(client, _csv_text([HEADERS, *ROWS]).encode())["Location"]
    client.post(location, {"action": "confirm"})
    public = Client().get("/insights/31/figures.csv")
    assert public["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(public.content.decode("utf-8-sig"))))
    assert ["People", "Total", "<10"] in rows  # 7 people: suppressed for the public
    exact = client.get("/insights/31/figures.xlsx")
    book = load_workbook(io.BytesIO(exact.content), read_only=True)
    values = [tuple(r) for r in book.active.iter_rows(values_only=True)]
    assert ("People", "Total", 7) in values


def test_the_province_picker_redirects_to_its_dashboard():
    response = Client().get("/insights/?p=31")
    assert response.status_code == 302 and response["Location"] == "/insights/31/"
    assert Client().get("/insights/national/").status_code == 200


def test_a_failure_while_writing_leaves_nothing_and_a_readable_report(monkeypatch):
    client = official_client()
    location = upload(client, _csv_text([HEADERS, *ROWS]).encode())["Location"]

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("kieubao.insights.services._write", broken)
    with pytest.raises(RuntimeError):
        client.post(location, {"action": "confirm"})
    survey = SurveyImport.objects.get()
    assert survey.status == "failed" and Person.objects.count() == 0
    page = client.get(location).content.decode()
    assert "nothing was written" in page
