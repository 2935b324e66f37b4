"""The trade portal's part of the API fuzzer's seeded data
(core/tests/test_api_schema_fuzz.py), so that the member's runs reach every operation's happy
path and not only its refusals.

The fuzzer's member manages an exporter (with a published product, a draft, a sell offer) and a
distributor (with a buy request); other companies asked them for contact, proposed deals to
them and made confirmed deals with them that they have not reviewed yet; the member filed a
fraud report. Verification and the resolution of fraud reports are for officials and platform
admins: the member's runs of those stop at the permission check (``member_refused``).
"""

from __future__ import annotations

from django.utils import timezone

from kieubao.community.models import Person
from kieubao.community.tests.factories import make_user, province_body
from kieubao.trade import services

from .factories import make_certificate, make_distributor, make_exporter, make_product

API = "/api/v1/trade"


def fuzz_world(*, member: Person) -> dict:
    today = timezone.localdate()
    exporter = make_exporter(person=member, name="Cà phê Thành Viên")
    distributor = make_distributor(person=member, name="Thành Viên Handel GmbH")
    other_exporter = make_exporter(name="Gốm Bát Tràng")
    other_distributors = [make_distributor(name=f"Asia Shop {n}") for n in (1, 2, 3)]
    product = make_product(exporter)
    draft = make_product(exporter, publish=False, name_vi="Bản nháp", name_en="Draft")
    other_product = make_product(other_exporter, name_vi="Bình gốm", hs_code="691200")
    make_certificate(exporter, product=product)
    verification = services.verification_add(
        company=other_exporter, body=province_body("Hà Nội"), evidence="Đã đối chiếu."
    )
    sell = services.lead_create(
        company=exporter, kind="sell", title="Robusta rang xay", product=product
    )
    buy = services.lead_create(
        company=distributor, kind="buy", title="Cần gốm", hs_code="69", market="DE"
    )
    requests = [
        services.contact_request_create(from_company=d, to_company=exporter, message="Xin chào")
        for d in other_distributors
    ]

    def deal(exporter_side, distributor_side, proposer):
        return services.deal_propose(
            company=proposer,
            counterpart=distributor_side if proposer == exporter_side else exporter_side,
            value_usd="1000",
            volume="10",
            market="DE",
            deal_date=today,
        )

    proposed = [deal(exporter, d, d) for d in other_distributors]
    confirmed = []
    for d in other_distributors:
        made = deal(exporter, d, d)
        confirmed.append(services.deal_confirm(made, company=exporter))
    report = services.fraud_report_create(
        company=other_exporter, reason="Nhận tiền đặt cọc rồi không giao hàng.", user=member.user
    )
    reporter = make_user()
    services.fraud_report_create(
        company=other_distributors[0], reason="Không thanh toán đơn hàng đã nhận.", user=reporter
    )
    partners = [d.pk for d in other_distributors]
    return {
        "ids": {
            "company_id": [exporter.pk, distributor.pk, *partners, other_exporter.pk],
            "product_id": [product.pk, draft.pk, other_product.pk],
            "lead_id": [sell.pk, buy.pk],
            "request_id": [r.pk for r in requests],
            "deal_id": [d.pk for d in (*proposed, *confirmed)],
            "verification_id": [verification.pk],
            "report_id": [report.pk],
            "iso": ["DE"],
        },
        "bodies": {
            ("POST", f"{API}/companies"): [
                {"role": "distributor", "name": "Việt Shop SARL", "country": "FR"}
            ],
            ("PATCH", f"{API}/companies/{{company_id}}"): [{"capacity": "300 tấn/năm"}],
            ("POST", f"{API}/companies/{{company_id}}/products"): [
                {"name_vi": "Chè", "name_en": "Tea", "hs_code": "090230", "category": "coffee_tea"}
            ],
            ("PATCH", f"{API}/products/{{product_id}}"): [{"name_en": "Robusta coffee"}],
            ("POST", f"{API}/companies/{{company_id}}/certificates"): [
                {
                    "kind": "iso22000",
                    "issuer": "SGS",
                    "number": "ISO-1",
                    "valid_from": "2026-01-01",
                    "valid_to": "2028-12-31",
                }
            ],
            ("POST", f"{API}/companies/{{company_id}}/reviews"): [
                {"deal_id": d.pk, "rating": 4, "text": "Tốt."} for d in confirmed
            ],
            ("POST", f"{API}/companies/{{company_id}}/fraud-reports"): [
                {"reason": "Giao hàng không đúng mẫu đã chào bán."}
            ],
            ("POST", f"{API}/leads"): [
                {"company_id": exporter.pk, "kind": "sell", "title": "Chè xanh", "hs_code": "0902"}
            ],
            ("POST", f"{API}/contact-requests"): [
                {"company_id": distributor.pk, "to_company_id": other_exporter.pk},
                {"company_id": exporter.pk, "to_company_id": other_distributors[1].pk},
            ],
            ("POST", f"{API}/deals"): [
                {
                    "company_id": exporter.pk,
                    "counterpart_id": partner,
                    "value_usd": "500",
                    "volume": "5",
                    "market": "DE",
                    "deal_date": today.isoformat(),
                }
                for partner in partners
            ],
            ("POST", f"{API}/markets/{{iso}}/reports"): [
                {"hs_code": "0901", "product_label": "Cà phê rang xay", "demand": "Đang tăng."}
            ],
            ("POST", f"{API}/channels"): [
                {
                    "distributor_id": distributor.pk,
                    "product_id": other_product.pk,
                    "market": "DE",
                    "channel": "grocery",
                    "shelf_type": "world_food",
                    "started_on": today.isoformat(),
                }
            ],
            ("POST", f"{API}/verifications/{{verification_id}}/revoke"): [{"reason": "Sai."}],
            ("POST", f"{API}/fraud-reports/{{report_id}}/resolve"): [
                {"status": "dismissed", "resolution": "Không đủ chứng cứ."}
            ],
        },
        # For officials or platform admins only: the member is refused (403), never served.
        "member_refused": {
            ("POST", f"{API}/companies/{{company_id}}/verifications"),
            ("POST", f"{API}/verifications/{{verification_id}}/revoke"),
            ("POST", f"{API}/fraud-reports/{{report_id}}/resolve"),
        },
    }
