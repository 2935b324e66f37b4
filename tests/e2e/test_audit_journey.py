"""Issue 3 acceptance: an official logs in with a TOTP code, views a person — the read appears
on the person's "who looked at my data" page — and is refused a person of another province."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kieubao.community.models import Visibility
from kieubao.community.tests import factories
from kieubao.core.models import AuditAction, AuditEntry

from .helpers import enrol_totp, login

pytestmark = pytest.mark.e2e


def test_official_read_is_audited_and_other_provinces_are_refused(server, new_page):
    with_data = factories.make_user("nguoi.duoc.xem@example.org")
    ours = factories.make_person(
        user=with_data,
        full_name="Vũ Thị Hải Yến",
        hometown_province=31,  # Hải Phòng
        birth_year=1979,
        vis_personal=Visibility.OFFICIALS,
    )
    theirs = factories.make_person(full_name="Đỗ Văn Đà", hometown_province=48)  # Đà Nẵng
    official = factories.make_official("Hải Phòng", email="can.bo.hp@example.org")
    secret = enrol_totp(official)

    page = new_page()
    login(page, server, official.email, totp_secret=secret)
    page.goto(f"{server}/people/{ours.pk}/")
    expect(page.get_by_test_id("person-detail")).to_contain_text("Vũ Thị Hải Yến")
    expect(page.locator('dd[data-field="birth_year"]')).to_have_text("1979")

    refused = page.goto(f"{server}/people/{theirs.pk}/")
    assert refused.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    assert AuditEntry.objects.filter(
        action=AuditAction.ACCESS_REFUSED, actor_id=official.pk, target_id=theirs.pk
    ).exists()
    page.context.close()

    # The person sees the read on their own page, named by the official's body.
    person_page = new_page()
    login(person_page, server, with_data.email)
    person_page.goto(f"{server}/me/profile/")
    person_page.get_by_test_id("access-log-link").click()
    log = person_page.get_by_test_id("access-log")
    expect(log).to_contain_text("An official of UBND Thành phố Hải Phòng")
    expect(log).to_contain_text("Year of birth and sex")
    expect(log.locator("tbody tr")).to_have_count(1)
