"""Campaigns' part of the API fuzzer's seeded data (core/tests/test_api_schema_fuzz.py), so that
the member's runs reach the happy paths and not only the refusals.

An open public campaign of a province with contributions (one anonymous, one in USD at a
recorded rate) and an allocation with evidence, where the member pledges (VND or USD, at the
latest recorded rate); a closed campaign (pledges refused with their reason); an open support
fund where the member applies for a business they administer, and an application of theirs.
Editing campaigns, contributions, allocations and decisions are the managers': the member's
runs stop at the permission check (``member_refused``); the member administers an association
(the fuzzer's world), so they may record exchange rates, and may create a campaign only for it.
"""

from __future__ import annotations

from kieubao.community import services as community
from kieubao.community.models import OrganisationKind, Person
from kieubao.community.tests.factories import make_official, province_body

from .factories import allocate, contribute, make_campaign

API = "/api/v1/campaigns"


def fuzz_world(*, member: Person) -> dict:
    from kieubao.campaigns import services

    body = province_body("Huế")
    make_official(body)
    campaign = make_campaign(body, title="Chung tay vì miền Trung")
    rate = services.rate_record(currency="USD", vnd_per_unit="26000", source="Vietcombank")
    contribute(campaign, 50_000_000, name="Nhà hảo tâm")
    contribute(campaign, "200", currency="USD", rate=rate, anonymous=True)
    allocate(campaign, 10_000_000)
    closed = make_campaign(body, status="closed", title="Chiến dịch đã khép lại")
    fund = make_campaign(body, kind="fund", title="Quỹ hỗ trợ doanh nghiệp")
    business = community.organisation_create(
        name="Công ty Fuzz", kind=OrganisationKind.BUSINESS, country="DE"
    )
    community.membership_add(person=member, organisation=business, role="admin")
    application = services.application_submit(
        fund,
        business=business,
        person=member,
        purpose="Chuyển đổi số",
        amount_requested_vnd=100_000_000,
        plan="Kế hoạch.",
    )
    return {
        "ids": {
            "campaign_id": [campaign.pk, closed.pk, fund.pk],
            "application_id": [application.pk],
        },
        "bodies": {
            ("POST", f"{API}/{{campaign_id}}/pledges"): [
                {"amount": 1_000_000},
                {"amount": 100, "currency": "USD", "anonymous": True},
            ],
            # The fuzzer's member administers an association: they may record rates.
            ("POST", f"{API}/rates"): [
                {"currency": "EUR", "vnd_per_unit": 30500, "source": "Vietcombank"}
            ],
            ("POST", f"{API}/{{campaign_id}}/applications"): [
                {
                    "business_id": business.pk,
                    "purpose": "Mở rộng sản xuất",
                    "amount_requested_vnd": 50_000_000,
                    "plan": "Hai năm.",
                }
            ],
        },
        "member_refused": {
            ("POST", API),
            ("PATCH", f"{API}/{{campaign_id}}"),
            ("POST", f"{API}/{{campaign_id}}/contributions"),
            ("POST", f"{API}/{{campaign_id}}/allocations"),
            ("POST", f"{API}/applications/{{application_id}}/decide"),
        },
    }
