"""The pages: the public page and ledger show contributed, allocated and held, with
anonymous contributors unnamed (also in the XLSX and the API); the managers' forms refuse bad
amounts, an end before the start and an allocation without evidence, in Vietnamese and English,
keeping what was typed; a pledge to a closed campaign is refused on the form."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from kieubao.campaigns import services
from kieubao.campaigns.models import Allocation, Campaign
from kieubao.community.tests.factories import make_ministry, make_official, make_person, make_user

from .factories import allocate, contribute, evidence, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry():
    return make_ministry()


@pytest.fixture
def manager(ministry):
    from allauth.mfa.models import Authenticator

    user = make_official(ministry)
    Authenticator.objects.create(user=user, type="totp", data={"secret": "x"})
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def campaign(ministry):
    campaign = make_campaign(ministry, target_vnd=10_000_000)
    rate = services.rate_record(currency="USD", vnd_per_unit="25000", source="SBV")
    contribute(campaign, 3_000_000, name="Public Donor")
    contribute(campaign, "100", currency="USD", rate=rate, name="Secret Donor", anonymous=True)
    allocate(campaign, 1_500_000, recipient_name="Trường Tiểu học Hướng Hóa")
    return campaign


def test_the_public_page_and_ledger_show_contributed_allocated_held(client, campaign):
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    for figure in ("5,500,000 ₫", "1,500,000 ₫", "4,000,000 ₫", "55% of the target"):
        assert figure in page
    ledger = client.get(f"/campaigns/{campaign.pk}/ledger/").content.decode()
    assert 'data-field="held">4,000,000 ₫' in ledger
    assert "Public Donor" in ledger and "Anonymous" in ledger
    assert "Secret Donor" not in ledger and "Secret Donor" not in page
    assert "Trường Tiểu học Hướng Hóa" in ledger
    allocation = Allocation.objects.get()
    response = client.get(f"/campaigns/allocations/{allocation.pk}/evidence/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    vi = client.get(f"/campaigns/{campaign.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    assert "5.500.000 ₫" in vi.content.decode()


def test_anonymous_contributors_are_named_to_managers_only_also_in_xlsx_and_api(
    client, manager, campaign
):
    sheet = load_workbook(io.BytesIO(client.get(f"/campaigns/{campaign.pk}/ledger.xlsx").content))
    names = [row[1] for row in sheet["Contributions"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Anonymous", "Public Donor"]
    api = client.get(f"/api/v1/campaigns/{campaign.pk}/ledger").json()
    assert {c["contributor"] for c in api["contributions"]} == {"Anonymous", "Public Donor"}
    assert api["figures"]["held_vnd"] == 4_000_000
    assert "Secret Donor" in manager.get(f"/campaigns/{campaign.pk}/ledger/").content.decode()


@pytest.mark.parametrize(
    ("language", "required"), [("en", "This field is required."), ("vi", "Trường này")]
)
def test_the_campaign_form_refuses_bad_amounts_and_dates_keeping_what_was_typed(
    manager, ministry, language, required
):
    data = {
        "owner": ministry.pk,
        "kind": "fundraising",
        "title": "Vì biển đảo",
        "target_vnd": "-5000",
        "starts_on": "2026-03-10",
        "ends_on": "2026-03-01",
    }
    page = manager.post("/campaigns/new/", data, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-error-for="target_vnd"' in page and 'data-error-for="ends_on"' in page
    assert 'value="Vì biển đảo"' in page and 'value="-5000"' in page
    page = manager.post(
        "/campaigns/new/", data | {"target_vnd": "nhiều tiền", "ends_on": "2026-04-01"},
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()  # fmt: skip
    assert 'data-error-for="target_vnd"' in page and 'value="nhiều tiền"' in page
    page = manager.post(
        "/campaigns/new/", data | {"ends_on": ""}, HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert 'data-error-for="ends_on"' in page and required in page
    assert not Campaign.objects.exists()


def test_an_allocation_without_evidence_or_beyond_what_is_held_is_refused_on_the_form(
    manager, campaign
):
    url = f"/campaigns/{campaign.pk}/allocations/new/"
    data = {"recipient_name": "UBND xã", "amount_vnd": "500000", "allocated_on": "2026-01-05",
            "purpose": "Sửa trường"}  # fmt: skip
    page = manager.post(url, data).content.decode()
    assert 'data-error-for="evidence"' in page and 'value="UBND xã"' in page
    page = manager.post(url, data | {"amount_vnd": "9000000", "evidence": evidence()})
    assert "more than the campaign holds" in page.content.decode()
    response = manager.post(url, data | {"evidence": evidence()})
    assert response.status_code == 302 and Allocation.objects.count() == 2


def test_a_contribution_in_a_foreign_currency_records_the_rate_typed(manager, campaign):
    response = manager.post(
        f"/campaigns/{campaign.pk}/contributions/new/",
        {"name": "Hội người Việt tại Úc", "amount": "200", "currency": "AUD",
         "rate_value": "17050", "rate_source": "Vietcombank", "received_on": "2026-01-05"},
    )  # fmt: skip
    assert response.status_code == 302
    assert campaign.contributions.get(currency="AUD").amount_vnd == 3_410_000


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_pledge_to_a_closed_campaign_is_refused_on_the_form(ministry, language):
    closed = make_campaign(ministry, status="closed")
    user = make_user()
    make_person(user=user)
    client = Client()
    client.force_login(user)
    page = client.post(
        f"/campaigns/{closed.pk}/pledge/",
        {"amount": "100000", "currency": "VND"},
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    assert 'data-testid="form-errors"' in page and 'value="100000"' in page
    assert not closed.pledges.exists()
    page = client.post(
        f"/campaigns/{closed.pk}/pledge/", {"amount": "-1", "currency": "VND"}
    ).content.decode()
    assert 'data-error-for="amount"' in page or 'data-error-for="__all__"' in page


def test_a_member_without_a_profile_is_sent_to_create_one(campaign):
    client = Client()
    client.force_login(make_user())
    response = client.get(f"/campaigns/{campaign.pk}/pledge/")
    assert response.status_code == 302 and response.url == "/me/profile/"
