"""Investment's part of the API fuzzer's seeded data (core/tests/test_api_schema_fuzz.py), so
that the member's runs reach every operation's happy path and not only its refusals.

Hải Phòng (the fuzzer's province body, with an official) publishes four opportunities and keeps
one draft; the member expressed interest in two of them (open, so they can withdraw) and not in
the others (so they can express it). The member administers two businesses: one in the OV
enterprises registry (to edit) and one not yet (to add). Creating, editing and publishing
opportunities, the interests of an opportunity and moving the pipeline are the officials': the
member's runs of those stop at the permission check (``member_refused``).
"""

from __future__ import annotations

from kieubao.community.models import Person
from kieubao.community.tests.factories import make_official, province_body
from kieubao.investment import services

from .factories import make_business, make_enterprise, make_opportunity

API = "/api/v1/investment"


def fuzz_world(*, member: Person) -> dict:
    body = province_body("Hải Phòng")
    make_official(body)
    opportunities = [
        make_opportunity(body, title=f"Dự án đổi mới sáng tạo {n}", sector=sector)
        for n, sector in enumerate(("startups", "digital", "biotech", "green"), start=1)
    ]
    make_opportunity(body, publish=False, title="Dự án chưa công bố")
    interests = [
        services.interest_create(opportunity=o, person=member, amount_usd="100000")
        for o in opportunities[:2]
    ]
    services.interest_move(interests[1], stage="site_visit")
    listed = make_business(member, name="Berlin Digital GmbH", country="DE")
    enterprise = make_enterprise(listed, sector="digital")
    unlisted = make_business(member, name="Leipzig Bio GmbH", country="DE")
    return {
        "ids": {
            "opportunity_id": [o.pk for o in opportunities],
            "interest_id": [i.pk for i in interests],
            "enterprise_id": [enterprise.pk],
        },
        "bodies": {
            ("POST", f"{API}/opportunities/{{opportunity_id}}/interests"): [
                {"message": "Chúng tôi quan tâm.", "amount_usd": 250000},
                {"organisation_id": listed.pk, "amount_usd": "1500000.50"},
            ],
            ("POST", f"{API}/interests/{{interest_id}}/withdraw"): [
                {"reason": "Đổi kế hoạch đầu tư."}
            ],
            ("POST", f"{API}/enterprises"): [
                {
                    "organisation_id": unlisted.pk,
                    "location": "abroad",
                    "country": "DE",
                    "province_code": 31,
                    "sector": "biotech",
                    "employees": 12,
                }
            ],
            ("PATCH", f"{API}/enterprises/{{enterprise_id}}"): [
                {"employees": 25, "capital_usd": "2000000"}
            ],
        },
        "member_refused": {
            ("POST", f"{API}/opportunities"),
            ("PATCH", f"{API}/opportunities/{{opportunity_id}}"),
            ("POST", f"{API}/opportunities/{{opportunity_id}}/publish"),
            ("GET", f"{API}/opportunities/{{opportunity_id}}/interests"),
            ("POST", f"{API}/interests/{{interest_id}}/move"),
        },
    }
