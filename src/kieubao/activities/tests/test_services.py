"""Activity reports: the workflow, who approves what, the yearly review and bad input."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from kieubao.activities import rules, selectors, services
from kieubao.activities.models import Status
from kieubao.community.selectors import viewer_for_user
from kieubao.community.tests.factories import (
    make_ministry,
    make_mission,
    make_official,
    make_user,
)

from .factories import make_association, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def missions():
    fr, de = make_mission("FR"), make_mission("DE")
    return {"FR": (fr, make_official(fr)), "DE": (de, make_official(de))}


def _approve_as(user, report):
    viewer = viewer_for_user(user)
    assert rules.can_decide(viewer, report)
    return services.report_approve(report=report, user=user)


def test_reports_approved_by_their_missions_add_up_in_the_review(
    missions, django_capture_on_commit_callbacks
):
    paris = make_association("FR", admin=make_user())
    berlin = make_association("DE", admin=make_user())
    one = make_report(paris, participants=120, participants_overseas=100, participants_local=20)
    two = make_report(
        berlin,
        kind="celebration",
        theme="homeland",
        date=date(2025, 1, 29),
        participants=300,
        activity_count=2,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=one)
        services.report_submit(report=two)
    # The mission of each country hears of its own country's report only.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [missions["FR"][1].email, missions["DE"][1].email]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _approve_as(missions["FR"][1], one)
        _approve_as(missions["DE"][1], two)
    assert len(mail.outbox) == 2  # each reporter's admin hears of the approval
    assert one.decided_body == missions["FR"][0]

    review = selectors.year_review(2025)
    assert (review.reports, review.activities, review.participants) == (2, 3, 420)
    assert {line.key: line.participants for line in review.by_country} == {"DE": 300, "FR": 120}
    assert {line.key: line.reports for line in review.by_theme} == {
        "homeland": 1,
        "language_culture": 1,
    }
    assert {line.key: line.reports for line in review.by_kind} == {"celebration": 1, "cultural": 1}
    assert [line.reports for line in review.by_month][:2] == [1, 1]
    assert review.participants_overseas == 100
    assert {line.key for line in review.top_organisations} == {str(paris.pk), str(berlin.pk)}
    assert selectors.year_review(2024).reports == 0


def test_a_report_not_approved_does_not_count(missions):
    paris = make_association("FR")
    approver = missions["FR"][1]
    make_report(paris, status="approved", approver=approver, participants=50)
    make_report(paris, status="submitted", participants=1000)
    make_report(paris, status="draft", participants=1000)
    make_report(paris, status="returned", approver=approver, participants=1000)
    reopened = make_report(paris, status="approved", approver=approver, participants=1000)
    services.report_reopen(report=reopened, reason="Trùng lặp.", user=approver)
    review = selectors.year_review(2025)
    assert (review.reports, review.participants) == (1, 50)
    assert selectors.reports_list().total == 1


def test_a_mission_cannot_approve_another_countrys_report(missions):
    report = make_report(make_association("FR"), status="submitted")
    germany = viewer_for_user(missions["DE"][1])
    assert not rules.can_decide(germany, report)
    assert not rules.can_view(germany, report)  # not public until approved
    assert rules.can_decide(viewer_for_user(missions["FR"][1]), report)
    ministry = make_official(make_ministry())
    assert rules.can_decide(viewer_for_user(ministry), report)
    # A province's official is no approver.
    assert not rules.can_decide(viewer_for_user(make_official("Hải Phòng")), report)
    assert not selectors.approval_queue(germany).exists()
    assert list(selectors.approval_queue(viewer_for_user(missions["FR"][1]))) == [report]


def test_only_the_reporter_edits_and_only_while_draft_or_returned(missions):
    admin = make_user()
    paris = make_association("FR", admin=admin)
    report = make_report(paris)
    reporter, approver = viewer_for_user(admin), viewer_for_user(missions["FR"][1])
    assert rules.can_edit(reporter, report) and not rules.can_edit(approver, report)
    services.report_submit(report=report)
    assert not rules.can_edit(reporter, report)
    services.report_return(report=report, reason="Thêm ảnh.", user=missions["FR"][1])
    assert report.status == Status.RETURNED and rules.can_edit(reporter, report)
    services.report_submit(report=report)
    services.report_approve(report=report, user=missions["FR"][1])
    with pytest.raises(ValidationError):
        services.report_update(report=report, title="Đổi tên")
    # Only the approver reopens.
    assert rules.can_reopen(approver, report) and not rules.can_reopen(reporter, report)


def test_returning_needs_a_reason(missions):
    report = make_report(make_association("FR"), status="submitted")
    with pytest.raises(ValidationError) as refused:
        services.report_return(report=report, reason="  ", user=missions["FR"][1])
    assert "reason" in refused.value.message_dict


@pytest.mark.parametrize(
    ("language", "end_date", "negative", "words"),
    [
        ("en", "The end cannot come before the start.", "Enter a number from 0", "whole number"),
        ("vi", "Ngày kết thúc không thể trước ngày bắt đầu.", "Nhập một số từ 0", "số nguyên"),
    ],
)
def test_bad_input_is_refused_with_clear_messages(language, end_date, negative, words):
    paris = make_association("FR")
    with translation.override(language), pytest.raises(ValidationError) as refused:
        services.report_create(
            reporter=paris,
            kind="cultural",
            theme="homeland",
            title="Lớp tiếng Việt",
            date="2025-03-10",
            end_date="2025-03-01",
            country="FR",
            participants="-5",
            participants_local="nhiều",
        )
    errors = refused.value.message_dict
    assert errors["end_date"] == [end_date]
    assert errors["participants"][0].startswith(negative)
    assert words in errors["participants_local"][0]


def test_breakthrough_only_on_approved_reports(missions):
    report = make_report(make_association("FR"), status="submitted")
    with pytest.raises(ValidationError):
        services.breakthrough_set(report=report, flag=True, note="Lần đầu tiên")
    services.report_approve(report=report, user=missions["FR"][1])
    services.breakthrough_set(report=report, flag=True, note="Lần đầu tiên")
    assert [r.pk for r in selectors.year_review(2025).highlights] == [report.pk]
