from __future__ import annotations

import pytest
from django.test import Client

from kieubao.community.tests.factories import make_official, make_person, make_user, province_body
from kieubao.insights.models import InvestmentProject

from .factories import make_business

pytestmark = pytest.mark.django_db
API = "/api/v1/investment"


def _official(body):
    from allauth.mfa.models import Authenticator

    user = make_official(body)
    Authenticator.objects.create(user=user, type="totp", data={"secret": "x"})
    return user


def _client(user=None) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def test_publish_express_interest_move_to_disbursed_and_read_the_province(settings):
    settings.API_RATE_LIMITS = {}
    body = province_body("Hải Phòng")
    official = _client(_official(body))
    created = official.post(
        f"{API}/opportunities",
        {
            "body_id": body.pk,
            "title": "Trung tâm dữ liệu xanh",
            "summary": "Trung tâm dữ liệu dùng năng lượng tái tạo.",
            "sector": "digital",
            "province_code": 31,
            "size_vnd": 130_000_000_000,
            "rate_vnd_per_usd": "26000",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    opportunity = created.json()
    assert opportunity["status"] == "draft" and opportunity["size_usd"] == "5000000.00"
    assert _client().get(f"{API}/opportunities/{opportunity['id']}").status_code == 404
    assert official.post(f"{API}/opportunities/{opportunity['id']}/publish").status_code == 200

    user = make_user()
    investor = make_person(user=user, full_name="Lê Thu Hà", country="US")
    business = make_business(investor, name="Gulf Coast Data LLC", country="US")
    member = _client(user)
    response = member.post(
        f"{API}/opportunities/{opportunity['id']}/interests",
        {"organisation_id": business.pk, "amount_usd": "abc"},
        content_type="application/json",
    )
    assert response.status_code == 422
    response = member.post(
        f"{API}/opportunities/{opportunity['id']}/interests",
        {"organisation_id": business.pk, "amount_usd": 2_000_000},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    interest = response.json()
    # The investor may not move their own interest; the official moves it.
    move = {"stage": "disbursed", "amount_usd": -1}
    url = f"{API}/interests/{interest['id']}/move"
    assert member.post(url, move, content_type="application/json").status_code == 403
    refused = official.post(url, move, content_type="application/json")
    assert refused.status_code == 422 and "amount_usd" in refused.content.decode()
    moved = official.post(
        url, {"stage": "disbursed", "amount_usd": "1500000"}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["disbursed_usd"] == "1500000.00"
    project = InvestmentProject.objects.get()
    assert (project.capital_usd, project.status) == (1_500_000, "operating")

    figures = _client().get(f"{API}/provinces/31").json()
    assert figures["totals"]["disbursed_usd"] == "1500000.00"
    assert figures["projects"][0]["investors"] is None
    assert official.get(f"{API}/provinces/31").json()["projects"][0]["investors"] == [
        "Gulf Coast Data LLC (Lê Thu Hà)"
    ]
    mine = member.get(f"{API}/interests/mine").json()
    assert [s["stage"] for s in mine[0]["steps"]] == ["interest", "disbursed"]


def test_enterprise_registry_through_the_api(settings):
    settings.API_RATE_LIMITS = {}
    user = make_user()
    business = make_business(make_person(user=user, full_name="Vũ Ngọc Anh"), country="CZ")
    client = _client(user)
    payload = {
        "organisation_id": business.pk,
        "location": "abroad",
        "country": "CZ",
        "province_code": 31,
        "sector": "green",
        "capital_usd": "-3",
    }
    assert (
        client.post(f"{API}/enterprises", payload, content_type="application/json").status_code
        == 422
    )
    payload["capital_usd"] = "250000"
    created = client.post(f"{API}/enterprises", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    other = _client(make_user())
    patch = other.patch(
        f"{API}/enterprises/{business.pk}", {"employees": 12}, content_type="application/json"
    )
    assert patch.status_code == 403
    assert _client().get(f"{API}/enterprises?province=31").json()["count"] == 1
