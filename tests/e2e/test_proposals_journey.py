"""Issue 7 acceptance: an overseas Vietnamese member submits a proposal; a second member sees it
suggested while typing a similar title (without tones) and endorses it instead; a platform admin
assigns it to a ministry; the ministry's official declines it without a reason (refused, with
the message on the field), then accepts it and links an outcome; the public timeline shows each
step (the ministry, never the official's name) and so does the public dashboard. No console
errors under the CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kieubao.community.tests import factories
from kieubao.proposals.models import Proposal, Status

from .helpers import HtmxRequests, enrol_totp, force_login, login

pytestmark = pytest.mark.e2e

TITLE = "Quỹ học bổng bán dẫn cho sinh viên Việt Nam"
TYPED = "hoc bong ban dan cho sinh vien"  # what the second member types: no tones
BODY = (
    "Các kỹ sư kiều bào tại Hoa Kỳ và Nhật Bản sẵn sàng hướng dẫn sinh viên ngành bán dẫn.\n\n"
    "Đề nghị lập quỹ học bổng chung với các trường đại học kỹ thuật."
)
MINISTRY = "Bộ Khoa học và Công nghệ"


def _watch_console(page, errors: list[str]) -> None:
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )


def test_proposal_submitted_endorsed_assigned_declined_accepted_with_outcome(
    server, new_page, settings, tmp_path
):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    proposer_user = factories.make_user("dexuat@example.de")
    factories.make_person(user=proposer_user, full_name="Nguyễn Đề Xuất", country="DE")
    endorser_user = factories.make_user("ungho@example.jp")
    factories.make_person(user=endorser_user, full_name="Trần Ủng Hộ", country="JP")
    ministry = factories.make_ministry(MINISTRY)
    official = factories.make_official(ministry, email="hoptac@most.example.gov.vn")
    admin = factories.make_user("admin@kieubao.example", is_staff=True, is_superuser=True)

    console_errors: list[str] = []

    # An OV member submits a proposal (plain text: its paragraphs are kept).
    proposer = new_page()
    _watch_console(proposer, console_errors)
    force_login(proposer, server, proposer_user)
    proposer.goto(f"{server}/proposals/")
    proposer.get_by_test_id("submit-proposal").click()
    form = proposer.get_by_test_id("proposal-form")
    form.locator("#id_title").fill(TITLE)
    form.locator("#id_body").fill(BODY)
    form.locator("#id_fields_0").check()
    form.locator("#id_language").select_option("vi")
    form.get_by_test_id("submit").click()
    expect(proposer.get_by_test_id("proposal-title")).to_have_text(TITLE)
    expect(proposer.get_by_test_id("proposal-body").locator("p")).to_have_count(2)
    expect(proposer.get_by_test_id("proposal-status")).to_have_text("Submitted")
    proposal = Proposal.objects.get(title=TITLE)
    proposal_url = f"{server}/proposals/{proposal.pk}/"

    # A second member starts a proposal of their own; the similar one is suggested while the
    # title is typed (without tones), and they endorse it instead.
    endorser = new_page()
    _watch_console(endorser, console_errors)
    force_login(endorser, server, endorser_user)
    htmx = HtmxRequests(endorser)  # before the page loads: its title is checked on load too
    endorser.goto(f"{server}/proposals/new/")
    htmx.settle()
    endorser.locator("#id_title").press_sequentially(TYPED, delay=20)
    sent = htmx.settle()
    assert any("/proposals/similar/" in url for url in sent)
    suggestion = endorser.get_by_test_id("similar-item")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_contain_text(TITLE)
    suggestion.get_by_test_id("endorse-instead").click()
    endorser.wait_for_url(proposal_url)
    expect(endorser.get_by_test_id("endorsement-count")).to_have_text("1 endorsement")
    expect(endorser.get_by_test_id("withdraw")).to_be_visible()

    # A platform admin (through the second factor) assigns it to the ministry.
    platform = new_page()
    _watch_console(platform, console_errors)
    login(platform, server, admin.email, totp_secret=enrol_totp(admin))
    platform.goto(proposal_url)
    platform.get_by_test_id("assign-panel").locator("summary").click()
    assign = platform.get_by_test_id("assign-form")
    assign.locator("#assign_body").select_option(str(ministry.pk))
    assign.locator("#assign_note").fill("Thuộc lĩnh vực khoa học công nghệ.")
    assign.get_by_test_id("assign").click()
    expect(platform.get_by_test_id("assigned-body")).to_have_text(MINISTRY)
    expect(platform.get_by_test_id("proposal-status")).to_have_text("Assigned to an agency")

    # The ministry's official declines without a reason: refused, said on the field.
    agency = new_page()
    _watch_console(agency, console_errors)
    login(agency, server, official.email, totp_secret=enrol_totp(official))
    agency.goto(proposal_url)
    agency.get_by_test_id("move-panel").locator("summary").click()
    move = agency.get_by_test_id("move-form")
    move.locator("#move_to").select_option("declined")
    move.get_by_test_id("move").click()
    expect(agency.locator('[data-error-for="reason"]')).to_contain_text("Declining needs a reason")
    expect(agency.get_by_test_id("proposal-status")).to_have_text("Assigned to an agency")
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED

    # … then accepts it, with a public text, and links an outcome.
    move = agency.get_by_test_id("move-form")
    move.locator("#move_to").select_option("accepted")
    move.locator("#move_reason").fill("Bộ sẽ xây dựng đề án học bổng trong năm nay.")
    move.get_by_test_id("move").click()
    expect(agency.get_by_test_id("proposal-status")).to_have_text("Accepted")
    agency.get_by_test_id("outcome-panel").locator("summary").click()
    outcome = agency.get_by_test_id("outcome-form")
    outcome.locator("#outcome_kind").select_option("project")
    outcome.locator("#outcome_title").fill("Đề án học bổng bán dẫn 2026")
    outcome.locator("#outcome_progress").fill("20")
    outcome.get_by_test_id("add-outcome").click()
    expect(agency.get_by_test_id("outcome")).to_contain_text("Đề án học bổng bán dẫn 2026")
    expect(agency.get_by_test_id("outcome-progress")).to_have_text("20%")

    # The public sees every step: who (the platform, the ministry, never the official) and when.
    public = new_page()
    _watch_console(public, console_errors)
    public.goto(proposal_url)
    entries = public.get_by_test_id("timeline-entry")
    expect(entries).to_have_count(4)  # submitted, assigned, accepted, outcome
    expect(public.locator('[data-kind="submitted"]')).to_contain_text("Nguyễn Đề Xuất")
    expect(public.locator('[data-kind="assigned"]')).to_contain_text("kieubao platform")
    expect(public.locator('[data-kind="assigned"]')).to_contain_text(MINISTRY)
    accepted = public.locator('[data-kind="status"]')
    expect(accepted).to_contain_text(MINISTRY)
    expect(accepted).to_contain_text("Accepted")
    expect(accepted).to_contain_text("Bộ sẽ xây dựng đề án học bổng trong năm nay.")
    expect(public.locator('[data-kind="outcome"]')).to_contain_text("Đề án học bổng bán dẫn 2026")
    expect(public.get_by_test_id("timeline")).not_to_contain_text(official.email)
    expect(public.get_by_test_id("outcome").locator("progress")).to_have_attribute("value", "20")

    # … and the public dashboard counts it, answered and accepted, under the ministry.
    public.goto(f"{server}/proposals/dashboard/")
    expect(public.get_by_test_id("figure-total")).to_have_text("1")
    expect(public.get_by_test_id("by-agency")).to_contain_text(MINISTRY)
    expect(public.get_by_test_id("figure-answered")).to_contain_text("100")

    assert not console_errors, console_errors
