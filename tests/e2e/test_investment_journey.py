"""Issue 9 acceptance (investment): a province's official (through the second factor) publishes a
project through the web form; an overseas Vietnamese member whose enterprise is in the registry
expresses interest on its behalf; the official moves the pipeline to "capital disbursed" with
an amount (a negative one is refused first, on the field); the province's investment dashboard
and the provincial insights show the project and the amount. No console errors under the
CSP."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kieubao.community.tests import factories
from kieubao.investment.models import Interest, Opportunity
from kieubao.investment.tests.factories import make_business, make_enterprise

from .helpers import enrol_totp, force_login, login

pytestmark = pytest.mark.e2e

TITLE_EN = "Hai Phong green materials park"


def _watch_console(page, errors: list[str]) -> None:
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))


def test_province_publishes_enterprise_invests_dashboard_shows_it(server, new_page):
    host = factories.province_body("Hải Phòng")
    official = factories.make_official(host, email="xuctien@haiphong.example.gov.vn")
    investor_user = factories.make_user("hoang.viet@example.de")
    investor = factories.make_person(
        user=investor_user, full_name="Nguyễn Hoàng Việt", country="DE"
    )
    business = make_business(investor, name="Asia Logistik Berlin GmbH", country="DE")
    make_enterprise(business, sector="green", province_code=31)
    errors: list[str] = []

    # The official publishes the project through the form (a non-numeric size is refused).
    staff = new_page()
    _watch_console(staff, errors)
    login(staff, server, official.email, totp_secret=enrol_totp(official))
    staff.goto(f"{server}/investment/")
    staff.get_by_test_id("new-opportunity").click()
    form = staff.get_by_test_id("opportunity-form")
    form.locator("#id_title").fill("Khu công nghiệp vật liệu xanh Hải Phòng")
    form.locator("#id_title_en").fill(TITLE_EN)
    form.locator("#id_summary").fill("Khu công nghiệp vật liệu mới và kinh tế tuần hoàn.")
    form.locator("#id_summary_en").fill("An industrial park for new materials and circularity.")
    form.locator("#id_sector").select_option("materials")
    expect(form.locator("#id_province_code")).to_have_value("31")
    form.locator("#id_size_usd").fill("lots")
    form.locator("#id_rate_vnd_per_usd").fill("26000")
    staff.get_by_test_id("opportunity-save").click()
    expect(staff.locator('[data-error-for="size_usd"]')).to_contain_text("Enter a number")
    expect(staff.get_by_test_id("opportunity-form").locator("#id_title_en")).to_have_value(TITLE_EN)
    staff.get_by_test_id("opportunity-form").locator("#id_size_usd").fill("12000000")
    staff.get_by_test_id("opportunity-save").click()
    staff.wait_for_url(re.compile(r"/investment/\d+/edit/$"))
    expect(staff.get_by_test_id("opportunity-status")).to_have_text("Draft")
    staff.get_by_test_id("publish").click()
    expect(staff.get_by_test_id("opportunity-status")).to_have_text("Published")
    opportunity = Opportunity.objects.get(title_en=TITLE_EN)
    assert opportunity.size_vnd == 312_000_000_000

    # The member finds it and expresses interest for their enterprise.
    member = new_page()
    _watch_console(member, errors)
    force_login(member, server, investor_user)
    member.goto(f"{server}/investment/?q=vat+lieu+xanh")
    member.get_by_test_id("opportunity-results").get_by_role("link", name=TITLE_EN).click()
    expect(member.get_by_test_id("opportunity-title")).to_have_text(TITLE_EN)
    interest_form = member.get_by_test_id("interest-form")
    interest_form.locator("#id_organisation").select_option(str(business.pk))
    interest_form.locator("#id_amount_usd").fill("3000000")
    interest_form.locator("#id_message").fill("We would build a logistics hub for the park.")
    member.get_by_test_id("interest-submit").click()
    expect(member.get_by_test_id("my-interest-stage")).to_have_text("Interest expressed")
    interest = Interest.objects.get(opportunity=opportunity)
    assert interest.organisation_id == business.pk

    # The official moves the pipeline straight to disbursement; a negative amount first.
    staff.goto(f"{server}/investment/{opportunity.pk}/pipeline/")
    card = staff.locator(f'article[data-interest="{interest.pk}"]')
    expect(card.get_by_test_id("investor")).to_contain_text("Asia Logistik Berlin GmbH")
    card.locator(f"#id_stage_{interest.pk}").select_option("disbursed")
    card.locator(f"#id_amount_usd_{interest.pk}").fill("-5")
    card.get_by_test_id("move-submit").click()
    card = staff.locator(f'article[data-interest="{interest.pk}"]')
    expect(card.locator('[data-error-for="amount_usd"]')).to_contain_text("greater than zero")
    card.locator(f"#id_amount_usd_{interest.pk}").fill("2500000")
    card.get_by_test_id("move-submit").click()
    card = staff.locator(f'article[data-interest="{interest.pk}"]')
    expect(card.get_by_test_id("interest-stage")).to_have_text("Capital disbursed")
    expect(card.get_by_test_id("disbursed")).to_contain_text("2,500,000.00")

    # The province's dashboard shows the project and the amount, to the public too.
    member.goto(f"{server}/investment/provinces/31/")
    row = member.locator(f'tr[data-opportunity="{opportunity.pk}"]')
    expect(row).to_contain_text(TITLE_EN)
    expect(row.get_by_test_id("row-disbursed")).to_have_text("2,500,000.00")
    expect(row.locator('[data-field="investors"]')).to_have_count(0)
    expect(member.get_by_test_id("province-totals")).to_contain_text("disbursed USD 2,500,000.00")

    # … and the provincial insights count it as an operating project with its capital.
    staff.goto(f"{server}/insights/31/")
    expect(staff.get_by_test_id("investments-total")).to_have_text("1")
    expect(staff.get_by_test_id("investments-total").locator("xpath=..")).to_contain_text(
        "2,500,000"
    )
    assert not errors, errors
