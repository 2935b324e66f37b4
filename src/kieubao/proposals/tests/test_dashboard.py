"""The public accountability dashboard and the agencies' queues."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.utils import timezone

from kieubao.community.tests.factories import (
    make_ministry,
    make_official,
    make_person,
    make_user,
    province_body,
)
from kieubao.proposals import services
from kieubao.proposals.models import Proposal

from .factories import make_assigned, make_proposal

pytestmark = pytest.mark.django_db


def _client(user=None, *, language="en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        if user.is_superuser or hasattr(user, "official"):
            Authenticator.objects.get_or_create(
                user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
            )
        client.force_login(user)
        client.cookies["django_language"] = language
    return client


def _dated(proposal: Proposal, *, assigned_days_ago: int, answered_after: int | None = None):
    """Move a proposal's dates into the past (the services stamp them now)."""
    now = timezone.now()
    assigned_at = now - timedelta(days=assigned_days_ago)
    values = {"assigned_at": assigned_at, "created_at": assigned_at - timedelta(days=1)}
    if answered_after is not None:
        values["first_answer_at"] = assigned_at + timedelta(days=answered_after)
    Proposal.objects.filter(pk=proposal.pk).update(**values)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def world():
    """Ministry M and province H (Hải Phòng), each with an official:
    - late: assigned to M 45 days ago, never answered (overdue)
    - fresh: assigned to M 5 days ago, not answered yet (not overdue)
    - answered: assigned to M 40 days ago, answered after 10 days, under review
    - done: assigned to H 60 days ago, accepted after 4 days, implemented
    - waiting: just submitted (no agency yet)
    """
    ministry = make_ministry("Bộ Khoa học và Công nghệ")
    province = province_body("Hải Phòng")
    minister_official = make_official(ministry)
    province_official = make_official(province)
    author = make_person(full_name="Trần Văn Đề Xuất")
    late = make_assigned(
        author, ministry, title="Quỹ đào tạo kỹ sư bán dẫn", fields=["semiconductors"]
    )
    fresh = make_assigned(
        author, ministry, title="Thị thực chuyên gia kiều bào", fields=["law"], anonymous=True
    )
    answered = make_assigned(author, ministry, title="Công nhận bằng cấp nước ngoài")
    services.move(answered, to="under_review", user=minister_official, body=ministry)
    done = make_assigned(author, province, title="Một cửa đầu tư kiều bào Hải Phòng")
    services.move(done, to="accepted", user=province_official, body=province)
    services.move(done, to="implemented", user=province_official, body=province)
    waiting = make_proposal(author, title="Lớp tiếng Việt cho con em kiều bào")
    _dated(late, assigned_days_ago=45)
    _dated(fresh, assigned_days_ago=5)
    _dated(answered, assigned_days_ago=40, answered_after=10)
    _dated(done, assigned_days_ago=60, answered_after=4)
    return {
        "ministry": ministry,
        "province": province,
        "minister_official": minister_official,
        "province_official": province_official,
        "late": late,
        "fresh": fresh,
        "answered": answered,
        "done": done,
        "waiting": waiting,
        "author": author,
    }


def _figure(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', html)
    assert match, testid
    return match.group(1).strip()


def test_dashboard_shows_the_figures_and_how_each_is_computed(world):
    response = _client().get("/proposals/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _figure(html, "figure-total") == "5"
    # 2 of the 4 assigned proposals answered; median of 10 and 4 days is 7.
    assert _figure(html, "figure-answered") == "50 %"
    assert _figure(html, "figure-median-days") == "7.0"
    # 1 implemented of 1 accepted.
    assert _figure(html, "figure-implemented") == "100 %"
    assert _figure(html, "figure-overdue") == "1"
    assert "2 of the 4 assigned to an agency" in html
    assert "more than 30 days ago and not answered yet" in html
    assert "half of the answered proposals were answered faster" in html
    # By status, field and agency, as tables next to the charts.
    assert re.search(r'data-status="assigned"><th scope="row">[^<]+</th><td class="num">2<', html)
    assert "Semiconductors" in html and "Law" in html
    ministry_row = re.search(
        rf'<tr data-agency="{world["ministry"].pk}">(.*?)</tr>', html, re.S
    ).group(1)
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', ministry_row)
    # total, answered (share), median days, implemented, overdue
    assert cells == ["3", "1 (33 %)", "10.0", "0", "1"]
    chart = json.loads(re.search(r'id="proposals-chart"[^>]*>(.*?)</script>', html, re.S)[1])
    assert set(chart) == {"status", "fields", "agencies"}
    assert sum(chart["status"]["datasets"][0]["data"]) == 5
    assert "/static/vendor/chartjs/" in html and "trade/charts.js" in html


def test_dashboard_is_in_the_visitors_language_and_leaves_hidden_proposals_out(world):
    admin = make_user(is_staff=True, is_superuser=True)
    services.proposal_hide(world["waiting"], reason="Quảng cáo.", user=admin)
    html = _client(language="vi").get("/proposals/dashboard/").content.decode()
    assert _figure(html, "figure-total") == "4"
    assert "Bán dẫn" in html


def test_agency_queue_flags_overdue_proposals_in_red_first(world):
    response = _client(world["minister_official"]).get("/proposals/agency/")
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'<tr data-proposal="(\d+)"( class="overdue" data-overdue)?>', html)
    assert int(rows[0][0]) == world["late"].pk  # overdue first
    flags = {int(pk): bool(flag) for pk, flag in rows}
    assert flags == {world["late"].pk: True, world["fresh"].pk: False, world["answered"].pk: False}
    assert "Overdue: no answer in 45 days" in html
    # The official of the assigned body sees who proposed even an anonymous proposal.
    assert "Trần Văn Đề Xuất" in html and "anonymous to the public" in html
    # Only their own body's queue.
    assert world["done"].title not in html


def test_agency_queue_refuses_members_and_sends_visitors_to_log_in(world):
    member = make_user()
    make_person(user=member)
    assert _client(member).get("/proposals/agency/").status_code == 403
    response = _client().get("/proposals/agency/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_bodys_official_sees_only_their_own_queue(world):
    html = _client(world["province_official"]).get("/proposals/agency/").content.decode()
    assert world["late"].title not in html
    assert "Nothing is waiting for this agency." in html  # "done" is implemented: closed
    html = _client(world["province_official"]).get(
        f"/proposals/agency/?body={world['ministry'].pk}"
    )
    assert world["late"].title not in html.content.decode()  # no chooser for officials


def test_admins_choose_a_body_or_see_all(world):
    admin = make_user(is_staff=True, is_superuser=True)
    client = _client(admin)
    html = client.get("/proposals/agency/").content.decode()
    assert 'data-testid="agency-chooser"' in html
    assert world["late"].title in html and world["fresh"].title in html
    html = client.get(f"/proposals/agency/?body={world['province'].pk}").content.decode()
    assert world["late"].title not in html
    assert client.get("/proposals/agency/?body=nonsense").status_code == 200
