"""Issue 5 acceptance: a province official posts a need in Vietnamese; an expert whose profile
is in English and who consented to be contacted is recommended (top 10, with the reasons);
one who did not consent never appears; the expert accepts the invitation and the engagement
ends with its outcome recorded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kieubao.community.tests import factories
from kieubao.knowledge import services
from kieubao.knowledge.models import Engagement, EngagementStatus, Invitation

from .helpers import enrol_totp, login

pytestmark = pytest.mark.e2e

EXPERT_NAME = "Trương Minh Khoa"
SILENT_NAME = "Hoàng Không Liên Lạc"
NEED_TITLE = "Tư vấn thiết kế vi mạch bán dẫn"
NEED_TEXT = (
    "Thành phố cần chuyên gia về thiết kế vi mạch và công nghệ bán dẫn để tư vấn xây dựng "
    "trung tâm thiết kế chip tại khu công nghệ cao."
)


def _expert(name: str, *, contact: bool, email: str | None = None, **profile):
    user = factories.make_user(email) if email else None
    person = factories.make_person(
        user=user, full_name=name, contact=contact, country="US", **profile.pop("person", {})
    )
    services.expert_profile_save(person=person, **profile)
    return person


def _watch_console(page, errors: list[str]) -> None:
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )


def test_need_to_recommendation_to_engagement(server, new_page):
    official = factories.make_official("Hải Phòng", email="khcn.haiphong@example.org")
    expert = _expert(
        EXPERT_NAME,
        contact=True,
        email="khoa.truong@example.org",
        person={"fields": ("semiconductors",)},
        position="Professor of Electrical Engineering, chip design lab",
        keywords="semiconductor devices, integrated circuit design, VLSI, chip design",
        summary="I design integrated circuits and advise on semiconductor fabs.",
        engagement_kinds=["advice", "research"],
        work_modes=["remote", "either"],
        max_load=2,
    )
    # The best fit on paper, but without consent to be contacted: never recommended.
    _expert(
        SILENT_NAME,
        contact=False,
        person={"fields": ("semiconductors",)},
        position="Chip design engineer",
        keywords="semiconductor, integrated circuit design, chip design, VLSI",
        summary="Semiconductor chip design.",
    )
    others = [("agriculture", "rice farming, irrigation"), ("law", "contract law, arbitration")]
    for i, (field, keywords) in enumerate(others):
        _expert(f"Chuyên Gia {i}", contact=True, person={"fields": (field,)}, keywords=keywords)

    console_errors: list[str] = []
    page = new_page()
    _watch_console(page, console_errors)
    login(page, server, official.email, totp_secret=enrol_totp(official))

    # The official posts the need, in Vietnamese, and publishes it.
    page.goto(f"{server}/knowledge/")
    page.get_by_test_id("post-need").click()
    form = page.get_by_test_id("need-form")
    form.locator("#id_title").fill(NEED_TITLE)
    form.locator("#id_description").fill(NEED_TEXT)
    form.locator("#id_kind").select_option("advice")
    form.locator("#id_mode").select_option("either")
    form.get_by_test_id("save-need").click()
    expect(page.get_by_test_id("need-title")).to_have_text(NEED_TITLE)
    page.get_by_test_id("publish-need").click()
    expect(page.get_by_test_id("need-status")).to_have_text("Published")

    # The English-speaking expert who consented is among the top 10, with the reasons.
    recommendations = page.get_by_test_id("recommendation")
    expect(recommendations.first).to_be_visible()
    assert recommendations.count() <= 10
    ours = recommendations.filter(has_text=EXPERT_NAME)
    expect(ours).to_have_count(1)
    expect(ours.get_by_test_id("reasons").locator("li").first).to_be_visible()
    assert SILENT_NAME not in page.content()

    # Invite, with a message.
    ours.locator("textarea[name=message]").fill("Kính mời giáo sư tư vấn cho thành phố.")
    ours.get_by_test_id("invite").click()
    expect(page.get_by_test_id("invitation-row").filter(has_text=EXPERT_NAME)).to_contain_text(
        "Waiting for an answer"
    )
    assert SILENT_NAME not in page.content()

    # The expert, logged in, sees the invitation in the navigation and accepts it.
    expert_page = new_page()
    _watch_console(expert_page, console_errors)
    login(expert_page, server, "khoa.truong@example.org")
    expert_page.goto(f"{server}/knowledge/")
    badge = expert_page.get_by_test_id("pending-invitations")
    expect(badge).to_contain_text("1")
    badge.click()
    expert_page.get_by_test_id("invitation").filter(has_text=NEED_TITLE).locator("a").click()
    expect(expert_page.get_by_test_id("invitation-message")).to_contain_text("Kính mời")
    expert_page.get_by_test_id("accept").click()
    expect(expert_page.get_by_test_id("engagement-status")).to_have_text("Under way")
    expert_page.get_by_test_id("milestone-form").locator("#id_title").fill("Báo cáo khảo sát")
    expert_page.get_by_test_id("add-milestone").click()
    expect(expert_page.get_by_test_id("milestone")).to_contain_text("Báo cáo khảo sát")
    expert_page.get_by_test_id("milestone-done").click()
    expect(expert_page.get_by_test_id("milestone")).to_contain_text("✔")

    # The official ends the engagement with its outcome.
    page.reload()
    page.get_by_test_id("need-engagements").get_by_role("link", name=EXPERT_NAME).click()
    end_form = page.get_by_test_id("end-form")
    end_form.locator("#id_outcome").select_option("advice_delivered")
    end_form.locator("#id_note").fill("Đã bàn giao báo cáo tư vấn.")
    page.get_by_test_id("end-engagement").click()
    expect(page.get_by_test_id("outcome-label")).to_have_text("Advice delivered")
    expect(page.get_by_test_id("engagement-status")).to_have_text("Ended")

    invitation = Invitation.objects.get(expert=expert)
    engagement = Engagement.objects.get(invitation=invitation)
    assert engagement.status == EngagementStatus.ENDED
    assert engagement.outcome == "advice_delivered"
    assert engagement.milestones.get().done_at is not None
    assert not Invitation.objects.filter(expert__full_name=SILENT_NAME).exists()
    expert_page.reload()
    expect(expert_page.get_by_test_id("outcome-note")).to_have_text(
        re.compile("Đã bàn giao báo cáo")
    )
    assert not console_errors, console_errors
