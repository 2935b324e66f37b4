from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kieubao.community.tests.factories import (
    make_ministry,
    make_official,
    make_person,
    make_user,
    province_body,
)
from kieubao.insights.models import Enterprise, InvestmentProject
from kieubao.investment import services
from kieubao.investment.models import Stage

from .factories import make_business, make_enterprise, make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def hai_phong():
    body = province_body("Hải Phòng")
    make_official(body, email="xuctien@haiphong.example.gov.vn")
    return body


@pytest.fixture
def investor():
    return make_person(user=make_user("an@example.de"), full_name="Nguyễn Văn An", country="DE")


def test_size_in_one_currency_is_converted_with_the_recorded_rate(hai_phong):
    by_usd = make_opportunity(hai_phong, size_usd="1000000", rate_vnd_per_usd="26150.5")
    assert by_usd.size_vnd == 26_150_500_000
    by_vnd = make_opportunity(
        hai_phong, size_usd=None, size_vnd="52.300.000.000", rate_vnd_per_usd="26150"
    )
    assert by_vnd.size_usd == Decimal("2000000.00")
    assert by_vnd.rate_date is not None


def test_bad_sizes_and_a_province_outside_the_body_are_refused(hai_phong):
    with pytest.raises(ValidationError) as error:
        make_opportunity(hai_phong, publish=False, size_usd="-5", size_vnd="abc", province_code=48)
    fields = error.value.message_dict
    assert {"size_usd", "size_vnd", "province_code"} <= set(fields)
    with pytest.raises(ValidationError) as error:
        make_opportunity(hai_phong, publish=False, size_usd="100", rate_vnd_per_usd=None)
    assert "rate_vnd_per_usd" in error.value.message_dict
    # A ministry publishes anywhere.
    assert make_opportunity(make_ministry(), province_code=48).province_code == 48


def test_pipeline_goes_forward_records_amounts_and_feeds_the_insights(
    hai_phong, investor, django_capture_on_commit_callbacks
):
    opportunity = make_opportunity(hai_phong)
    with django_capture_on_commit_callbacks(execute=True):
        interest = services.interest_create(
            opportunity=opportunity, person=investor, amount_usd="500000", message="Quan tâm."
        )
    assert mail.outbox[-1].to == ["xuctien@haiphong.example.gov.vn"]
    with pytest.raises(ValidationError) as error:
        services.interest_create(opportunity=opportunity, person=investor)
    assert "opportunity" in error.value.message_dict

    services.interest_move(interest, stage="site_visit")
    with pytest.raises(ValidationError) as error:
        services.interest_move(interest, stage="mou", amount_usd="-10")
    assert "amount_usd" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.interest_move(interest, stage="mou")  # no amount
    services.interest_move(interest, stage="mou", amount_usd="400000")
    with pytest.raises(ValidationError) as error:
        services.interest_move(interest, stage="site_visit")
    assert error.value.message_dict["stage"]
    assert not InvestmentProject.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.interest_move(interest, stage="licence", amount_usd="450000")
    assert mail.outbox[-1].to == ["an@example.de"]
    project = InvestmentProject.objects.get(external_id=f"kieubao-interest:{interest.pk}")
    assert (project.province_code, project.capital_usd, project.status) == (31, 450000, "licensed")

    # Two tranches add up; disbursed may exceed committed.
    services.interest_move(interest, stage="disbursed", amount_usd="300000")
    services.interest_move(interest, stage="disbursed", amount_usd="200000.50")
    interest.refresh_from_db()
    assert interest.disbursed_usd == Decimal("500000.50")
    assert interest.steps.count() == 6
    project.refresh_from_db()
    assert project.status == "operating"
    with pytest.raises(ValidationError):
        services.interest_withdraw(interest, reason="Đổi ý.")


def test_withdraw_and_decline_end_the_pipeline_with_a_reason(hai_phong, investor):
    opportunity = make_opportunity(hai_phong)
    interest = services.interest_create(opportunity=opportunity, person=investor)
    with pytest.raises(ValidationError) as error:
        services.interest_withdraw(interest, reason="")
    assert "reason" in error.value.message_dict
    services.interest_withdraw(interest, reason="Chưa đủ vốn.")
    interest.refresh_from_db()
    assert interest.stage == Stage.WITHDRAWN
    with pytest.raises(ValidationError):
        services.interest_move(interest, stage="mou", amount_usd="1")
    other = services.interest_create(
        opportunity=opportunity, person=make_person(full_name="Trần Bình")
    )
    with pytest.raises(ValidationError) as error:
        services.interest_move(other, stage="declined")
    assert "note" in error.value.message_dict
    services.interest_move(other, stage="declined", note="Không phù hợp quy hoạch.")


def test_interest_needs_a_published_opportunity_and_a_business_one_administers(hai_phong, investor):
    draft = make_opportunity(hai_phong, publish=False)
    with pytest.raises(ValidationError):
        services.interest_create(opportunity=draft, person=investor)
    opportunity = make_opportunity(hai_phong)
    business = make_business(make_person(full_name="Người Khác"))
    with pytest.raises(ValidationError) as error:
        services.interest_create(
            opportunity=opportunity, person=investor, organisation=business.pk, admin_of={1}
        )
    assert "organisation" in error.value.message_dict


def test_interest_from_a_meeting_is_credited_to_the_event(hai_phong, investor):
    from kieubao.community.rules import ANONYMOUS
    from kieubao.events import services as events
    from kieubao.events.models import Meeting
    from kieubao.events.tests.factories import make_b2b_event, make_profile, make_registration
    from kieubao.investment.selectors import province_dashboard

    event = make_b2b_event(hai_phong, slots=1, tables=1, capacity=10)
    mine = make_profile(make_registration(event, investor))
    theirs = make_profile(make_registration(event, make_person(full_name="Cán Bộ")))
    request = events.meeting_request(requester=theirs, recipient=mine)
    events.request_answer(request, accept=True)
    meeting = Meeting.objects.create(request=request, event=event, slot=event.slots.get(), table=1)
    opportunity = make_opportunity(hai_phong)
    interest = services.interest_create(
        opportunity=opportunity, person=investor, meeting=meeting.pk
    )
    services.interest_move(interest, stage="mou", amount_usd="100000")
    dashboard = province_dashboard(ANONYMOUS, 31)
    row = dashboard["rows"][0]
    assert row["events"] == [{"id": event.pk, "name": event.name()}]
    assert row["investors"] is None  # the public sees totals only
    assert dashboard["totals"]["committed_usd"] == Decimal("100000")
    stranger = make_person(full_name="Người Lạ")
    with pytest.raises(ValidationError) as error:
        services.interest_create(opportunity=opportunity, person=stranger, meeting=meeting.pk)
    assert "meeting" in error.value.message_dict


def test_enterprise_upserts_the_insights_enterprise(investor):
    business = make_business(investor)
    enterprise = make_enterprise(business)
    row = Enterprise.objects.get(external_id=f"kieubao-org:{business.pk}")
    assert (row.province_code, row.owner, row.capital_usd, row.location) == (
        31,
        "Nguyễn Văn An",
        1500000,
        "abroad",
    )
    services.enterprise_update(enterprise, province_code=48, employees=55)
    row = Enterprise.objects.get(external_id=f"kieubao-org:{business.pk}")
    assert (row.province_code, row.employees) == (48, 55)
    with pytest.raises(ValidationError) as error:
        services.enterprise_update(enterprise, capital_usd="-1", location="home")
    assert {"capital_usd", "country"} <= set(error.value.message_dict)
