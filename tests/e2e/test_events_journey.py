"""Issue 8 acceptance: a member registers for a full event through the form and lands on the
waiting list; the holder of the last seat cancels (through the confirm step); the member is
promoted and gets an email; the host's official (through the second factor) opens the ticket's
check-in address on a phone-sized screen and checks it in; the same QR is refused as already
checked in, both from its address and pasted into the check-in page. The event's time is shown
in Vietnam time and in the viewer's own zone. No console errors under the CSP."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from kieubao.community.tests import factories
from kieubao.events import services
from kieubao.events.models import Registration, RegStatus

from .conftest import DEFAULT_TIMEOUT_MS
from .helpers import enrol_totp, force_login, login

pytestmark = pytest.mark.e2e

MEMBER_EMAIL = "mai.tran@example.de"
MEMBER_NAME = "Trần Thị Mai"


def _watch_console(page, errors: list[str]) -> None:
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))


def _event(host):
    starts = (timezone.now() + timedelta(days=20)).replace(hour=1, minute=30, second=0)
    event = services.event_create(
        host=host,
        title="Hội nghị xúc tiến đầu tư kiều bào Hải Phòng",
        title_en="Hai Phong investment conference with overseas Vietnamese",
        agenda="Khai mạc; gặp gỡ doanh nghiệp; tham quan khu công nghiệp.",
        agenda_en="Opening; business meetings; visit to the industrial zone.",
        venue="Trung tâm Hội nghị thành phố",
        city="Hải Phòng",
        province_code=host.province_code,
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        capacity=1,
    )
    services.event_publish(event)
    question = services.question_add(
        event,
        kind="choice",
        label="Chế độ ăn",
        label_en="Dietary needs",
        choices=["Bình thường | Regular", "Chay | Vegetarian"],
        required=True,
    )
    return event, question


def test_waiting_list_promotion_and_check_in_once(server, new_page, browser):
    host = factories.province_body("Hải Phòng")
    official = factories.make_official(host, email="xuctien@haiphong.example.gov.vn")
    event, question = _event(host)
    holder_user = factories.make_user("an.nguyen@example.fr")
    holder = factories.make_person(user=holder_user, full_name="Nguyễn Văn An", country="FR")
    seat = services.register(
        event, person=holder, user=holder_user, answers={str(question.pk): "c1"}
    )
    member_user = factories.make_user(MEMBER_EMAIL)
    factories.make_person(user=member_user, full_name=MEMBER_NAME, country="DE")
    console_errors: list[str] = []

    # The member, in Berlin, finds the full event: Vietnam time and their own time are shown.
    context = browser.new_context(
        locale="en-US", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        member = context.new_page()
        _watch_console(member, console_errors)
        force_login(member, server, member_user)
        member.goto(f"{server}/events/")
        member.get_by_test_id("event-results").get_by_role(
            "link", name="Hai Phong investment conference with overseas Vietnamese"
        ).click()
        expect(member.get_by_test_id("event-title")).to_have_text(
            "Hai Phong investment conference with overseas Vietnamese"
        )
        expect(member.get_by_test_id("seats")).to_contain_text("Full — waiting list")
        when = member.get_by_test_id("event-when")
        vietnam = timezone.localtime(event.starts_at).strftime("%d/%m/%Y %H:%M")
        expect(when.locator("time").first).to_contain_text(vietnam)
        local = when.locator("[data-local-for]").first
        expect(local).to_be_visible()
        expect(local).to_contain_text(re.compile(r"GMT\+1|GMT\+2|CET|CEST"))

        # … registers through the form; the required question is answered; waiting list.
        member.get_by_test_id("register-button").click()
        expect(member.get_by_test_id("full-notice")).to_be_visible()
        form = member.get_by_test_id("registration-form")
        form.get_by_test_id("submit-registration").click()  # the question left empty
        expect(member.locator(f'[data-error-for="q{question.pk}"]')).to_be_visible()
        member.get_by_test_id("registration-form").locator(f"#id_q{question.pk}").select_option(
            "c2"
        )
        member.get_by_test_id("registration-form").locator("#id_organisation_name").fill(
            "Sen Vàng GmbH"
        )
        member.get_by_test_id("submit-registration").click()
        member.wait_for_url(re.compile(r"/events/registrations/\d+/$"))
        expect(member.locator(".messages")).to_contain_text("waiting list, position 1")
        expect(member.get_by_test_id("registration-status")).to_have_text("On the waiting list")
        expect(member.get_by_test_id("waitlist-position")).to_contain_text("position 1")
        expect(member.get_by_test_id("ticket-qr")).to_have_count(0)
        mine = Registration.objects.get(event=event, person__user=member_user)
        assert mine.status == RegStatus.WAITLISTED
        registration_url = member.url

        # The holder of the last seat cancels, through the confirm step.
        holder_page = new_page()
        _watch_console(holder_page, console_errors)
        force_login(holder_page, server, holder_user)
        holder_page.goto(f"{server}/events/mine/")
        holder_page.get_by_test_id("my-registration").get_by_role("link").first.click()
        expect(holder_page.get_by_test_id("ticket-qr").locator("svg")).to_be_visible()
        mail.outbox.clear()
        holder_page.get_by_test_id("cancel-registration").click()
        holder_page.get_by_test_id("confirm-cancel").click()
        expect(holder_page.get_by_test_id("registration-status")).to_have_text("Cancelled")
        seat.refresh_from_db()
        assert seat.status == RegStatus.CANCELLED

        # The member is promoted and told by email, with the link to the ticket.
        mine.refresh_from_db()
        assert mine.status == RegStatus.CONFIRMED
        promoted = [m for m in mail.outbox if m.to == [MEMBER_EMAIL]]
        assert len(promoted) == 1, [(m.to, m.subject) for m in mail.outbox]
        assert f"/events/registrations/{mine.pk}/" in promoted[0].body
        assert any(name == "event.ics" for name, *_rest in promoted[0].attachments)
        member.goto(registration_url)
        expect(member.get_by_test_id("registration-status")).to_have_text("Confirmed")
        expect(member.get_by_test_id("ticket-qr").locator("svg")).to_be_visible()
        expect(member.get_by_test_id("ticket-code")).to_have_text(mine.ticket_code)
        ticket_path = member.get_by_test_id("ticket-link").get_attribute("href")
        assert ticket_path == f"/events/{event.pk}/check-in/{mine.ticket_code}/"

        # Scanning their own QR tells the member that only staff check tickets in.
        member.goto(f"{server}{ticket_path}")
        expect(member.get_by_test_id("staff-only")).to_be_visible()
        expect(member.locator("main")).not_to_contain_text(MEMBER_NAME)
    finally:
        context.close()
    mine.refresh_from_db()
    assert mine.checked_in_at is None

    # The host's official, on a phone, signs in with the second factor and opens the QR.
    staff = new_page()
    _watch_console(staff, console_errors)
    staff.set_viewport_size({"width": 375, "height": 740})
    login(staff, server, official.email, totp_secret=enrol_totp(official))
    staff.goto(f"{server}{ticket_path}")
    expect(staff.get_by_test_id("holder")).to_have_text(MEMBER_NAME)
    mine.refresh_from_db()
    assert mine.checked_in_at is None  # opening the address changes nothing
    button = staff.get_by_test_id("check-in-submit")
    box = button.bounding_box()
    assert box is not None and box["width"] >= 300 and box["height"] >= 44  # a thumb's target
    button.click()
    result = staff.get_by_test_id("check-in-result")
    expect(result).to_have_attribute("data-ok", "true")
    expect(result).to_contain_text(f"Checked in: {MEMBER_NAME}")
    mine.refresh_from_db()
    assert mine.checked_in_at is not None

    # The same QR again: refused, already checked in (opened again, and pasted at the door).
    staff.goto(f"{server}{ticket_path}")
    expect(staff.get_by_test_id("checked-in-at")).to_be_visible()
    staff.get_by_test_id("check-in-submit").click()
    result = staff.get_by_test_id("check-in-result")
    expect(result).to_have_attribute("data-ok", "false")
    expect(result).to_contain_text("Already checked in at")
    staff.get_by_test_id("next-ticket").click()
    staff.locator("#id_code").fill(f"{server}{ticket_path}")
    staff.get_by_test_id("check-in-submit").click()
    result = staff.get_by_test_id("check-in-result")
    expect(result).to_have_attribute("data-ok", "false")
    expect(result).to_contain_text("Already checked in at")
    expect(staff.get_by_test_id("count-checked-in")).to_have_text("1")
    expect(staff.get_by_test_id("count-confirmed")).to_have_text("1")
    # The page fits the phone's width.
    assert staff.evaluate("document.querySelector('.check-in').scrollWidth") <= 375

    assert not console_errors, console_errors
