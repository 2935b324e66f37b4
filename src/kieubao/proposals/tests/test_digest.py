"""`kieubao proposals digest [--dry-run]`: the agencies' daily digest."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kieubao.community.tests.factories import (
    make_ministry,
    make_official,
    make_person,
    province_body,
)
from kieubao.proposals import services
from kieubao.proposals.models import Proposal

from .factories import make_assigned, make_proposal

pytestmark = pytest.mark.django_db


def _age(proposal: Proposal, days: int) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(
        assigned_at=timezone.now() - timedelta(days=days)
    )


@pytest.fixture
def world():
    ministry = make_ministry("Bộ Giáo dục và Đào tạo")
    ministry.name_en = "Ministry of Education and Training"
    ministry.save()
    province = province_body("Đà Nẵng")
    english = make_official(ministry, "en.official@example.org")
    english.language = "en"
    english.save()
    vietnamese = make_official(ministry, "vi.official@example.org")
    vietnamese.language = "vi"
    vietnamese.save()
    danang = make_official(province, "danang@example.org")
    author = make_person()
    late = make_assigned(author, ministry, title="Công nhận bằng đại học nước ngoài")
    _age(late, 31)
    fresh = make_assigned(author, ministry, title="Lớp tiếng Việt cho con em kiều bào")
    _age(fresh, 3)
    closed = make_assigned(author, ministry, title="Học bổng đã bị từ chối từ lâu")
    services.move(closed, to="declined", user=english, body=ministry, reason="Không phù hợp.")
    _age(closed, 90)
    make_proposal(author, title="Chưa được giao cho cơ quan nào")  # nobody's queue yet
    other = make_assigned(author, province, title="Trung tâm dữ liệu Đà Nẵng cho kiều bào")
    mail.outbox.clear()
    return {
        "ministry": ministry,
        "english": english,
        "vietnamese": vietnamese,
        "danang": danang,
        "late": late,
        "fresh": fresh,
        "closed": closed,
        "other": other,
    }


def _digest(*args) -> str:
    out = StringIO()
    call_command("proposals", "digest", *args, stdout=out)
    return out.getvalue()


def _mail_to(address: str):
    found = [m for m in mail.outbox if m.to == [address]]
    assert len(found) == 1, [m.to for m in mail.outbox]
    return found[0]


def test_each_official_gets_their_bodys_waiting_proposals_in_their_language(world):
    output = _digest()
    assert len(mail.outbox) == 3  # two ministry officials, one of Đà Nẵng
    english = _mail_to("en.official@example.org")
    assert english.subject == "Proposals waiting for your agency — 1 newly overdue"
    assert "Ministry of Education and Training" in english.body
    assert "2 proposals wait for your agency." in english.body
    assert "1 of them is overdue" in english.body
    late_line = next(line for line in english.body.splitlines() if world["late"].title in line)
    assert "OVERDUE: no answer in 30 days (newly overdue)" in late_line
    fresh_line = next(line for line in english.body.splitlines() if world["fresh"].title in line)
    assert "OVERDUE" not in fresh_line
    assert f"/proposals/{world['late'].pk}/" in english.body
    assert "waiting for 31 days" in english.body
    assert world["closed"].title not in english.body
    assert world["other"].title not in english.body
    vietnamese = _mail_to("vi.official@example.org")
    assert "Bộ Giáo dục và Đào tạo" in vietnamese.body
    assert world["late"].title in vietnamese.body
    danang = _mail_to("danang@example.org")
    assert world["other"].title in danang.body and world["late"].title not in danang.body
    assert "Sent 3 digest email(s)" in output and "1 overdue (1 newly overdue)" in output


def test_a_proposal_is_flagged_newly_overdue_once(world):
    _digest()
    world["late"].refresh_from_db()
    assert world["late"].overdue_notified_at is not None
    mail.outbox.clear()
    _digest()
    english = _mail_to("en.official@example.org")
    assert english.subject == "Proposals waiting for your agency"
    assert "OVERDUE: no answer in 30 days" in english.body  # still overdue…
    assert "newly overdue" not in english.body  # …but no longer new


def test_dry_run_sends_nothing_and_stamps_nothing(world):
    output = _digest("--dry-run")
    assert mail.outbox == []
    world["late"].refresh_from_db()
    assert world["late"].overdue_notified_at is None
    assert "Dry run: Would send 3 digest email(s)" in output
    assert "en.official@example.org" in output


def test_bodies_without_officials_are_reported_and_their_proposals_stay_new(world):
    lonely = make_ministry("Bộ Tư pháp")
    proposal = make_assigned(make_person(), lonely, title="Thủ tục song tịch cho kiều bào")
    _age(proposal, 40)
    output = _digest()
    assert "No official to tell at: Bộ Tư pháp." in output
    proposal.refresh_from_db()
    assert proposal.overdue_notified_at is None
