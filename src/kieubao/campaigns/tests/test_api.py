"""The API's allocations: a multipart upload with the evidence file; without it, or beyond
what is held, refused with the same messages as the web page."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from kieubao.accounts.services import api_token_create
from kieubao.community.tests.factories import make_ministry, make_official

from .factories import contribute, evidence, make_campaign

pytestmark = pytest.mark.django_db


def test_an_allocation_is_created_with_its_evidence_by_multipart_upload():
    ministry = make_ministry()
    user = make_official(ministry)
    Authenticator.objects.create(user=user, type="totp", data={"secret": "x"})
    _token, key = api_token_create(user=user)
    campaign = make_campaign(ministry)
    contribute(campaign, 1_000_000)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/v1/campaigns/{campaign.pk}/allocations"
    data = {"amount_vnd": "400000", "purpose": "Sửa trường", "recipient_name": "UBND xã"}
    refused = client.post(url, data)
    assert refused.status_code == 422 and "evidence" in refused.content.decode()
    refused = client.post(url, data | {"amount_vnd": "2000000", "evidence": evidence()})
    assert refused.status_code == 422 and "holds" in refused.content.decode()
    created = client.post(url, data | {"evidence": evidence()})
    assert created.status_code == 201, created.content
    assert created.json()["evidence_url"].endswith("/evidence/")
    ledger = client.get(f"/api/v1/campaigns/{campaign.pk}/ledger").json()
    assert ledger["figures"]["held_vnd"] == 600_000
