"""Issue 4 acceptance: an official uploads the province's survey file, maps the one column the
platform does not recognise, confirms, and sees the dashboard give back the file's figures."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from kieubao.community.tests import factories
from kieubao.insights.tests.test_imports import EXPECTED_QUALIFICATIONS, HEADERS, ROWS, TITLE

from .helpers import enrol_totp, login

pytestmark = pytest.mark.e2e


def test_official_imports_a_survey_and_sees_the_dashboard(server, new_page, tmp_path, settings):
    settings.IMPORT_DIR = tmp_path / "imports"
    headers = [*HEADERS]
    headers[5] = "Xuất thân"  # the hometown column, under a header nobody else uses
    path = tmp_path / "kieu-bao-hai-phong.xlsx"
    book = Workbook()
    for row in (TITLE, headers, *ROWS):
        book.active.append(row)
    book.save(path)

    official = factories.make_official("Hải Phòng", email="so.ngoai.vu@example.org")
    page = new_page()
    console_errors = []
    page.on(
        "console",
        lambda m: console_errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )
    page.on("response", lambda r: console_errors.append(r.url) if r.status == 404 else None)
    login(page, server, official.email, totp_secret=enrol_totp(official))

    page.goto(f"{server}/insights/imports/")
    page.get_by_label("What the file holds").select_option("people")
    page.get_by_label("File (CSV or XLSX)").set_input_files(str(path))
    page.get_by_test_id("upload").click()

    # The preview: every column with what it was recognised as; the unknown one is flagged.
    unknown = page.get_by_label("Read “Xuất thân” as")
    expect(unknown).to_have_value("")
    expect(page.get_by_label("Read “Quốc gia cư trú” as")).to_have_value("country")
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("report-ok")).to_contain_text("7 new")
    expect(page.get_by_test_id("report")).to_contain_text("Xuất thân")  # listed as not imported

    page.get_by_label("Read “Xuất thân” as").select_option("hometown_province")
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("report-ok")).to_contain_text("7 new")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("import-done")).to_contain_text("7 new")

    page.get_by_test_id("to-dashboard").click()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("Hai Phong")
    expect(page.get_by_test_id("exact")).to_be_visible()
    expect(page.get_by_test_id("people-total")).to_have_text("7")
    expect(page.get_by_test_id("people-countries")).to_have_text("7")
    for key, count in EXPECTED_QUALIFICATIONS.items():
        cell = page.get_by_test_id("by-qualification").locator(f'td[data-key="{key}"]')
        expect(cell).to_have_text(str(count))
    expect(page.get_by_test_id("by-country").locator('td[data-code="TW"]')).to_have_text("1")
    # The chart library is served locally and runs under the CSP.
    page.wait_for_function("typeof Chart === 'function' && !!Chart.getChart('chart-countries')")
    assert not console_errors, console_errors
