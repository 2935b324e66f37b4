from __future__ import annotations

import pytest
from django.test import Client

from kieubao.community.tests.factories import make_official, make_person, make_user, province_body
from kieubao.investment.models import Interest, Opportunity

from .factories import make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def official():
    from allauth.mfa.models import Authenticator

    user = make_official(province_body("Hải Phòng"))
    Authenticator.objects.create(user=user, type="totp", data={"secret": "x"})
    return user


def _client(user, language: str) -> Client:
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize(
    ("language", "number", "positive"),
    [
        ("en", "Enter a number", "greater than zero"),
        ("vi", "nhập một số, ví dụ", "lớn hơn 0"),
    ],
)
def test_bad_amounts_are_refused_on_the_form_in_the_readers_language(
    official, language, number, positive
):
    client = _client(official, language)
    body = province_body("Hải Phòng")
    response = client.post(
        "/investment/new/",
        {
            "body": body.pk,
            "title": "Khu công nghệ cao",
            "sector": "digital",
            "province_code": 31,
            "size_usd": "nhiều",
            "size_vnd": "-3",
            "stage": "idea",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-error-for="size_usd"' in page and 'data-error-for="size_vnd"' in page
    assert 'value="Khu công nghệ cao"' in page  # what was typed is kept
    assert not Opportunity.objects.exists()
    assert number in page and positive in page


def test_interest_form_refuses_a_negative_amount_and_then_accepts(official):
    opportunity = make_opportunity(province_body("Hải Phòng"))
    user = make_user()
    make_person(user=user, full_name="Phạm Minh")
    client = _client(user, "en")
    response = client.post(f"/investment/{opportunity.pk}/", {"amount_usd": "-100"})
    assert response.status_code == 200
    assert "greater than zero" in response.content.decode()
    response = client.post(f"/investment/{opportunity.pk}/", {"amount_usd": "250000"})
    assert response.status_code == 302
    assert Interest.objects.get().amount_usd == 250000


def test_pipeline_move_without_amount_is_refused_and_the_public_sees_no_names(official):
    opportunity = make_opportunity(province_body("Hải Phòng"))
    from kieubao.investment import services

    interest = services.interest_create(
        opportunity=opportunity, person=make_person(full_name="Đỗ Lan Hương")
    )
    client = _client(official, "en")
    response = client.post(
        f"/investment/{opportunity.pk}/pipeline/",
        {"interest": interest.pk, "stage": "mou", "amount_usd": ""},
    )
    assert response.status_code == 200
    assert 'data-error-for="amount_usd"' in response.content.decode()
    response = client.post(
        f"/investment/{opportunity.pk}/pipeline/",
        {"interest": interest.pk, "stage": "mou", "amount_usd": "1200000"},
    )
    assert response.status_code == 302
    assert "Đỗ Lan Hương" in client.get("/investment/provinces/31/").content.decode()
    public = Client().get("/investment/provinces/31/").content.decode()
    assert "Đỗ Lan Hương" not in public and "1,200,000.00" in public.replace("\xa0", ",")
