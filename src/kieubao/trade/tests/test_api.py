"""The trade portal's API: each operation's happy path and its refusals (401 anonymous except
the catalogue, 404 what the caller may not see, 403 what they see but may not do, 422 bad input
with translated field messages in the caller's language)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import get_args

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from kieubao.accounts.services import api_token_create
from kieubao.api import api
from kieubao.community.tests.factories import (
    make_ministry,
    make_official,
    make_person,
    make_user,
)
from kieubao.core.models import AuditAction, AuditEntry
from kieubao.trade import models, services
from kieubao.trade.api import schemas

from .factories import (
    make_certificate,
    make_confirmed_deal,
    make_distributor,
    make_exporter,
    make_product,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/trade"
PUBLIC = {
    ("GET", f"{API}/products"),
    ("GET", f"{API}/products/{{product_id}}"),
    ("GET", f"{API}/companies"),
    ("GET", f"{API}/companies/{{company_id}}"),
}


class ApiClient(Client):
    """A client with a user's API token; JSON bodies."""

    def __init__(self, user=None, **defaults):
        if user is not None:
            _token, key = api_token_create(user=user)
            defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        super().__init__(**defaults)
        self.user = user

    def send(self, method: str, path: str, body=None, **extra):
        data = "" if body is None else json.dumps(body)
        return self.generic(method, path, data, content_type="application/json", **extra)

    def post_json(self, path: str, body=None, **extra):
        return self.send("POST", path, body, **extra)


def _errors(response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "validation_error"
    errors: dict[str, list[str]] = {}
    for item in body["errors"]:
        errors.setdefault(item["field"], []).append(item["message"])
    return errors


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def _in_both_languages(send, field: str, message: str) -> None:
    """The refusal names the field and says why, in English and in Vietnamese."""
    for language, translate in (("en", str), ("vi", _vi)):
        errors = _errors(send(HTTP_ACCEPT_LANGUAGE=language))
        assert errors.get(field) == [translate(message)], (language, errors)


@pytest.fixture
def world(index_now):
    exporter_user = make_user("exporter@example.org")
    distributor_user = make_user("distributor@example.org")
    third_user = make_user("third@example.org")
    with index_now():
        exporter = make_exporter(
            person=make_person(user=exporter_user, full_name="Nguyễn Xuất Khẩu"),
            name="Cà phê Hải Phòng",
            contact_email="sales@caphe.example",
        )
        distributor = make_distributor(
            person=make_person(user=distributor_user, full_name="Lê Phân Phối"),
            name="Asia Markt GmbH",
        )
        third = make_exporter(person=make_person(user=third_user), name="Gốm Đà Nẵng")
        product = make_product(exporter)
        draft = make_product(exporter, publish=False, name_vi="Bản nháp", name_en="Draft")
        make_certificate(exporter, product=product, kind="haccp")
        make_certificate(exporter, kind="iso22000", days_left=-1)  # expired yesterday
    member = make_person(user=make_user("member@example.org"), full_name="Trần Thành Viên")
    return {
        "exporter": exporter,
        "distributor": distributor,
        "third": third,
        "product": product,
        "draft": draft,
        "exporter_client": ApiClient(exporter_user),
        "distributor_client": ApiClient(distributor_user),
        "third_client": ApiClient(third_user),
        "member_client": ApiClient(member.user),
        "member": member,
        "official": ApiClient(make_official("Hải Phòng")),
        "other_official": ApiClient(make_official("Đà Nẵng")),
        "admin": ApiClient(make_user(is_staff=True, is_superuser=True)),
    }


# -- the document and authentication -------------------------------------------------------------


def _operations():
    """This module's operations (market data's are tested with the markets)."""
    from kieubao.trade.api.views import router

    document = api.get_openapi_schema()
    for path, item in document["paths"].items():
        if path.removeprefix("/api/v1") in router.path_operations:
            for method in item:
                yield method.upper(), path


def test_the_catalogue_is_public_and_everything_else_needs_a_signed_in_caller(world):
    anonymous = ApiClient()
    operations = list(_operations())
    assert len(operations) == 30
    ids = {
        "product_id": world["product"].pk,
        "company_id": world["exporter"].pk,
        "lead_id": 1,
        "request_id": 1,
        "deal_id": 1,
        "verification_id": 1,
        "report_id": 1,
    }
    for method, path in operations:
        url = path.format(**ids)
        response = anonymous.send(method, url, {} if method != "GET" else None)
        if (method, path) in PUBLIC:
            assert response.status_code == 200, (method, path)
        else:
            assert response.status_code == 401, (method, path)
            assert response.json()["code"] == "unauthorized"
    # Credentials that fail are refused even where nobody is welcome.
    response = anonymous.get(f"{API}/products", HTTP_AUTHORIZATION="Bearer kb_wrong")
    assert response.status_code == 401


def test_the_documented_choices_are_the_models_choices():
    for literal, choices in (
        (schemas.RoleName, models.CompanyRole),
        (schemas.CompanyStatusName, models.CompanyStatus),
        (schemas.ChannelName, models.Channel),
        (schemas.CategoryName, models.ProductCategory),
        (schemas.UnitName, models.Unit),
        (schemas.ProductStatusName, models.ProductStatus),
        (schemas.CertificateKindName, models.CertificateKind),
        (schemas.LeadKindName, models.LeadKind),
        (schemas.LeadStatusName, models.LeadStatus),
        (schemas.ContactStatusName, models.ContactStatus),
        (schemas.DealStatusName, models.DealStatus),
        (schemas.FraudStatusName, models.FraudStatus),
    ):
        assert set(get_args(literal)) == set(choices.values), choices


def test_session_writes_without_a_csrf_token_are_refused(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world["exporter_client"].user)
    response = browser.post(
        f"{API}/products/{world['product'].pk}/withdraw", "{}", content_type="application/json"
    )
    assert response.status_code == 403
    world["product"].refresh_from_db()
    assert world["product"].status == models.ProductStatus.PUBLISHED


# -- the catalogue --------------------------------------------------------------------------------


def test_products_are_searched_like_the_catalogue_page(world):
    anonymous = ApiClient()
    page = anonymous.get(f"{API}/products", {"q": "ca phe", "hs": "0901"}).json()
    assert [p["id"] for p in page["results"]] == [world["product"].pk]
    assert (page["count"], page["pages"]) == (1, 1)
    assert anonymous.get(f"{API}/products", {"hs": "0902"}).json()["count"] == 0
    found = anonymous.get(f"{API}/products", {"certificate": "haccp"}).json()
    assert found["count"] == 1
    # The company-wide certificate expired yesterday: it is not "held".
    assert anonymous.get(f"{API}/products", {"certificate": "iso22000"}).json()["count"] == 0


def test_a_product_with_its_certificates_flagged_when_expired(world):
    product = ApiClient().get(f"{API}/products/{world['product'].pk}").json()
    assert product["name"] == "Roasted ground Robusta coffee"
    assert product["company"]["name"] == "Cà phê Hải Phòng" and product["manages"] is False
    assert product["hs_chapter"] == "Coffee, tea, maté and spices"
    assert {(c["kind"], c["expired"]) for c in product["certificates"]} == {
        ("haccp", False),
        ("iso22000", True),
    }
    vietnamese = (
        ApiClient().get(f"{API}/products/{world['product'].pk}", HTTP_ACCEPT_LANGUAGE="vi").json()
    )
    assert vietnamese["name"] == "Cà phê Robusta rang xay"


def test_a_draft_is_seen_by_its_managers_only(world):
    url = f"{API}/products/{world['draft'].pk}"
    for client in (ApiClient(), world["member_client"], world["third_client"]):
        assert client.get(url).status_code == 404
    response = world["exporter_client"].get(url)
    assert response.status_code == 200 and response.json()["manages"] is True


def test_a_company_with_its_reliability_and_contacts_for_members(world):
    exporter, distributor = world["exporter"], world["distributor"]
    deal = make_confirmed_deal(exporter, distributor)
    services.review_create(deal=deal, reviewer=distributor, rating=5, text="Đúng hẹn.")
    url = f"{API}/companies/{exporter.pk}"
    company = ApiClient().get(url).json()
    assert company["contacts"] is None  # contacts are for signed-in members
    assert company["reviews"][0]["reviewer"] is None and company["reviews"][0]["rating"] == 5
    reliability = company["reliability"]
    assert reliability["score"] == sum(p["points"] for p in reliability["parts"])
    assert {p["key"]: p["label"] for p in reliability["parts"]}["deals"] == (
        "1 deal confirmed by both sides"
    )
    assert {(c["kind"], c["expired"]) for c in company["certificates"]} == {
        ("haccp", False),
        ("iso22000", True),
    }
    signed_in = world["member_client"].get(url, HTTP_ACCEPT_LANGUAGE="vi").json()
    assert signed_in["contacts"]["email"] == "sales@caphe.example"
    assert signed_in["reviews"][0]["reviewer"]["name"] == "Asia Markt GmbH"
    reviews = world["member_client"].get(f"{url}/reviews").json()
    assert [r["rating"] for r in reviews] == [5]


def test_companies_are_searched(world):
    page = ApiClient().get(f"{API}/companies", {"role": "distributor"}).json()
    assert [c["id"] for c in page["results"]] == [world["distributor"].pk]
    assert page["results"][0]["contacts"] is None


# -- companies, products and certificates for their managers --------------------------------------


def test_a_member_registers_a_company_and_becomes_its_admin(world):
    client = world["member_client"]
    response = client.post_json(
        f"{API}/companies",
        {
            "role": "exporter",
            "name": "Hạt điều Bình Phước",
            "country": "VN",
            "tax_code": "0300588569",
            "province_code": 79,
            "sectors": ["08"],
        },
    )
    assert response.status_code == 201, response.content
    company = response.json()
    assert (company["tax_code"], company["manages"]) == ("0300588569", True)
    assert company["reliability"]["level"] == "new"
    # Officials act for the State, not for a business.
    body = {"role": "distributor", "name": "X", "country": "DE"}
    assert world["official"].post_json(f"{API}/companies", body).status_code == 403


def test_a_wrong_tax_code_is_refused_in_the_callers_language(world):
    body = {
        "role": "exporter",
        "name": "Công ty Mới",
        "country": "VN",
        "tax_code": "0100109105",
        "province_code": 31,
    }

    def send(**extra):
        return world["member_client"].post_json(f"{API}/companies", body, **extra)

    for language in ("en", "vi"):
        errors = _errors(send(HTTP_ACCEPT_LANGUAGE=language))
        with translation.override(language):
            expected = gettext(
                "“%(value)s” is not a valid tax code: its check digit does not match."
            ) % {"value": "0100109105"}
        assert errors == {"tax_code": [expected]}
    assert _vi("Some values are not valid: see the errors.") != (
        "Some values are not valid: see the errors."
    )  # the Accept-Language really switched the language
    assert models.Company.objects.filter(tax_code="0100109105").count() == 0


def test_managers_change_their_company(world):
    url = f"{API}/companies/{world['exporter'].pk}"
    response = world["exporter_client"].send("PATCH", url, {"capacity": "300 tấn/năm"})
    assert response.status_code == 200 and response.json()["capacity"] == "300 tấn/năm"
    assert world["third_client"].send("PATCH", url, {"capacity": "x"}).status_code == 403
    errors = _errors(world["exporter_client"].send("PATCH", url, {"markets": ["Germany"]}))
    assert "markets.0" in errors  # not a two-letter code: refused by the schema


def test_a_product_is_listed_published_and_withdrawn(world):
    client = world["exporter_client"]
    response = client.post_json(
        f"{API}/companies/{world['exporter'].pk}/products",
        {
            "name_vi": "Chè xanh Thái Nguyên",
            "name_en": "Thai Nguyen green tea",
            "hs_code": "0902.10",
            "category": "coffee_tea",
            "ocop_stars": 4,
        },
    )
    assert response.status_code == 201, response.content
    product = response.json()
    assert (product["status"], product["hs_code"], product["province"]["code"]) == (
        "draft",
        "090210",
        31,
    )
    url = f"{API}/products/{product['id']}"
    assert client.post(f"{url}/publish").json()["status"] == "published"
    assert world["third_client"].post(f"{url}/withdraw").status_code == 403
    assert client.post(f"{url}/withdraw").json()["status"] == "withdrawn"
    assert ApiClient().get(url).status_code == 404
    changed = client.send("PATCH", url, {"name_en": "Green tea"}).json()
    assert changed["name_en"] == "Green tea"
    # Distributors list no products.
    response = world["distributor_client"].post_json(
        f"{API}/companies/{world['distributor'].pk}/products",
        {"name_vi": "A", "name_en": "A", "hs_code": "090111", "category": "coffee_tea"},
    )
    assert _errors(response) == {
        "company": ["Only a Vietnamese exporter lists products in the catalogue."]
    }


@pytest.mark.parametrize(
    ("hs_code", "message"),
    [
        (
            "7701.00",
            "HS chapter %(chapter)s does not exist (chapters run from 01 to 97, without 77).",
        ),
        ("0900.11", "HS heading %(heading)s does not exist: headings are numbered from 01."),
    ],
)
def test_a_wrong_hs_code_is_refused_in_the_callers_language(world, hs_code, message):
    url = f"{API}/products/{world['product'].pk}"
    for language in ("en", "vi"):
        response = world["exporter_client"].send(
            "PATCH", url, {"hs_code": hs_code}, HTTP_ACCEPT_LANGUAGE=language
        )
        with translation.override(language):
            expected = gettext(message) % {"chapter": hs_code[:2], "heading": hs_code[:4]}
        assert _errors(response) == {"hs_code": [expected]}
    world["product"].refresh_from_db()
    assert world["product"].hs_code == "090121"


def test_certificates_are_recorded_and_their_dates_checked(world):
    url = f"{API}/companies/{world['exporter'].pk}/certificates"
    body = {
        "kind": "organic_eu",
        "issuer": "Control Union",
        "number": "CU-1",
        "valid_from": "2026-05-01",
        "valid_to": "2026-04-30",
        "product_id": world["product"].pk,
    }
    message = "A certificate cannot expire (%(end)s) before it is valid (%(start)s)."
    for language in ("en", "vi"):
        response = world["exporter_client"].post_json(url, body, HTTP_ACCEPT_LANGUAGE=language)
        with translation.override(language):
            expected = gettext(message) % {"end": "2026-04-30", "start": "2026-05-01"}
        assert _errors(response) == {"valid_to": [expected]}
    response = world["exporter_client"].post_json(url, body | {"valid_to": "2028-04-30"})
    assert response.status_code == 201, response.content
    assert (response.json()["expired"], response.json()["has_document"]) == (False, False)
    other = make_product(world["third"])
    response = world["exporter_client"].post_json(
        url, body | {"valid_to": "2028-04-30", "product_id": other.pk}
    )
    assert _errors(response) == {"product_id": ["This product is not the company's."]}
    assert world["distributor_client"].post_json(url, body).status_code == 403


# -- leads, matches, contacts ---------------------------------------------------------------------


def test_a_distributor_posts_a_buy_request_and_sees_its_matches(world, index_now):
    client = world["distributor_client"]
    with index_now():
        response = client.post_json(
            f"{API}/leads",
            {
                "kind": "buy",
                "title": "Cần cà phê rang xay",
                "hs_code": "0901",
                "market": "DE",
                "volume": "2000",
                "certificates": ["haccp"],
            },
        )
    assert response.status_code == 201, response.content
    lead = response.json()
    assert (lead["hs_code"], lead["market"], lead["volume"]) == ("0901", "DE", "2000.00")
    url = f"{API}/leads/{lead['id']}"
    assert world["member_client"].get(url).status_code == 200
    matches = client.get(f"{url}/matches").json()
    assert matches and matches[0]["product_id"] == world["product"].pk
    assert 0 < matches[0]["score"] <= 1 and matches[0]["reasons"] and matches[0]["parts"]
    assert world["member_client"].get(f"{url}/matches").status_code == 403
    listed = world["member_client"].get(f"{API}/leads", {"hs": "090121"}).json()
    assert [item["id"] for item in listed["results"]] == [lead["id"]]
    assert client.post(f"{url}/close").json()["status"] == "closed"
    assert world["member_client"].get(url).status_code == 404  # closed: its managers only


def test_lead_refusals(world):
    response = world["exporter_client"].post_json(
        f"{API}/leads", {"kind": "buy", "title": "Cần", "hs_code": "09", "market": "DE"}
    )
    assert _errors(response) == {"kind": ["Buy requests are posted by overseas distributors."]}
    response = world["distributor_client"].post_json(
        f"{API}/leads", {"kind": "buy", "title": "Cần", "hs_code": "77"}
    )
    errors = _errors(response)
    assert set(errors) == {"hs_code", "market"}
    assert (
        world["member_client"]
        .post_json(f"{API}/leads", {"kind": "buy", "title": "Cần", "hs_code": "09", "market": "DE"})
        .status_code
        == 403
    )  # manages no company


def test_contact_requests_are_answered_by_the_company_asked(world):
    response = world["distributor_client"].post_json(
        f"{API}/contact-requests",
        {
            "to_company_id": world["exporter"].pk,
            "message": "Xin báo giá.",
            "product_id": world["product"].pk,
        },
    )
    assert response.status_code == 201, response.content
    request_id = response.json()["id"]
    again = world["distributor_client"].post_json(
        f"{API}/contact-requests", {"to_company_id": world["exporter"].pk}
    )
    assert _errors(again) == {
        "to_company_id": ["You already asked this company; wait for its answer."]
    }
    incoming = world["exporter_client"].get(f"{API}/contact-requests").json()
    assert [(r["id"], r["incoming"]) for r in incoming["results"]] == [(request_id, True)]
    outgoing = (
        world["distributor_client"].get(f"{API}/contact-requests", {"direction": "outgoing"}).json()
    )
    assert outgoing["count"] == 1
    url = f"{API}/contact-requests/{request_id}"
    assert world["distributor_client"].post(f"{url}/accept").status_code == 403
    assert world["third_client"].post(f"{url}/accept").status_code == 404
    assert world["exporter_client"].post(f"{url}/accept").json()["status"] == "accepted"
    assert _errors(world["exporter_client"].post(f"{url}/decline")) == {
        "status": ["This request was already answered."]
    }
    response = world["exporter_client"].post_json(
        f"{API}/contact-requests", {"to_company_id": world["exporter"].pk}
    )
    assert _errors(response) == {"to_company_id": ["A company cannot ask itself for contact."]}


# -- deals and reviews ----------------------------------------------------------------------------


def _deal_body(counterpart, **values):
    return {
        "counterpart_id": counterpart.pk,
        "value_usd": "25000",
        "volume": "5000",
        "market": "DE",
        "deal_date": timezone.localdate().isoformat(),
    } | values


def test_a_deal_is_proposed_and_confirmed_by_the_other_side(world):
    response = world["distributor_client"].post_json(
        f"{API}/deals", _deal_body(world["exporter"], product_id=world["product"].pk)
    )
    assert response.status_code == 201, response.content
    deal = response.json()
    assert deal["status"] == "proposed" and deal["distributor_confirmed_at"] is not None
    assert deal["exporter_confirmed_at"] is None
    url = f"{API}/deals/{deal['id']}/confirm"
    assert world["third_client"].post(url).status_code == 404
    assert world["admin"].post(url).status_code == 403  # not a party
    confirmed = world["exporter_client"].post(url).json()
    assert confirmed["status"] == "confirmed" and confirmed["confirmed_at"] is not None
    mine = world["exporter_client"].get(f"{API}/deals", {"status": "confirmed"}).json()
    assert [d["id"] for d in mine["results"]] == [deal["id"]]
    assert world["member_client"].get(f"{API}/deals").json()["count"] == 0


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"value_usd": "0"}, "value_usd", "Enter a number greater than zero."),
        ({"value_usd": "-5"}, "value_usd", "Enter a number greater than zero."),
        ({"volume": "nhiều"}, "volume", "Enter a number, e.g. 1200 or 1200.50."),
        (
            {"deal_date": "2099-01-01"},
            "deal_date",
            "A deal is recorded once it is made: this date is ahead.",
        ),
    ],
)
def test_deal_refusals(world, values, field, message):
    def send(**extra):
        return world["distributor_client"].post_json(
            f"{API}/deals", _deal_body(world["exporter"], **values), **extra
        )

    _in_both_languages(send, field, message)
    assert models.Deal.objects.count() == 0


def test_a_deal_is_between_an_exporter_and_a_distributor(world):
    response = world["exporter_client"].post_json(f"{API}/deals", _deal_body(world["third"]))
    assert _errors(response) == {
        "counterpart_id": ["A deal is between a Vietnamese exporter and a distributor."]
    }


def test_the_parties_of_a_confirmed_deal_review_each_other(world):
    exporter, distributor = world["exporter"], world["distributor"]
    deal = make_confirmed_deal(exporter, distributor)
    url = f"{API}/companies/{exporter.pk}/reviews"
    response = world["distributor_client"].post_json(
        url, {"deal_id": deal.pk, "rating": 4, "text": "Hàng tốt."}
    )
    assert response.status_code == 201, response.content
    assert response.json()["reviewer"]["id"] == distributor.pk
    _in_both_languages(
        lambda **extra: world["distributor_client"].post_json(
            url, {"deal_id": deal.pk, "rating": 5}, **extra
        ),
        "deal_id",
        "You already reviewed this deal.",
    )
    back = world["exporter_client"].post_json(
        f"{API}/companies/{distributor.pk}/reviews", {"deal_id": deal.pk, "rating": 9}
    )
    assert _errors(back) == {"rating": ["Give a rating from 1 to 5."]}


def test_no_review_without_a_confirmed_deal(world):
    exporter, distributor = world["exporter"], world["distributor"]
    proposed = services.deal_propose(
        company=distributor,
        counterpart=exporter,
        value_usd="100",
        volume="1",
        market="DE",
        deal_date=timezone.localdate() - timedelta(days=1),
    )
    _in_both_languages(
        lambda **extra: world["distributor_client"].post_json(
            f"{API}/companies/{exporter.pk}/reviews", {"deal_id": proposed.pk, "rating": 5}, **extra
        ),
        "deal_id",
        "A review needs a deal confirmed by both sides.",
    )
    response = world["distributor_client"].post_json(
        f"{API}/companies/{exporter.pk}/reviews", {"rating": 5}
    )
    assert _errors(response) == {"deal_id": ["This field is required."]}


def test_a_third_party_cannot_review(world):
    deal = make_confirmed_deal(world["exporter"], world["distributor"])
    url = f"{API}/companies/{world['exporter'].pk}/reviews"
    # A member who manages no company was party to no deal.
    response = world["member_client"].post_json(url, {"deal_id": deal.pk, "rating": 1})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    # Another company's manager is told why.
    _in_both_languages(
        lambda **extra: world["third_client"].post_json(
            url, {"deal_id": deal.pk, "rating": 1}, **extra
        ),
        "deal_id",
        "Only the parties to a recorded deal may review each other.",
    )
    assert models.Review.objects.count() == 0


# -- verification and fraud reports ---------------------------------------------------------------


def test_officials_verify_within_their_scope_and_revoke_their_own(world):
    url = f"{API}/companies/{world['exporter'].pk}/verifications"
    body = {"evidence": "Đối chiếu giấy chứng nhận ĐKDN."}
    assert world["other_official"].post_json(url, body).status_code == 403  # another province
    assert world["exporter_client"].post_json(url, body).status_code == 403
    response = world["official"].post_json(url, body)
    assert response.status_code == 201, response.content
    verification = response.json()
    assert verification["body"]["kind"] == "province"
    entry = AuditEntry.objects.get(
        action=AuditAction.TRUST_DECISION, target_id=world["exporter"].pk
    )
    assert entry.actor_id == world["official"].user.pk and entry.detail["verified"] is True
    company = ApiClient().get(f"{API}/companies/{world['exporter'].pk}").json()
    assert [v["id"] for v in company["verifications"]] == [verification["id"]]
    assert company["reliability"]["parts"][0]["key"] == "verified"
    revoke = f"{API}/verifications/{verification['id']}/revoke"
    ministry = ApiClient(make_official(make_ministry()))
    assert ministry.post_json(revoke, {"reason": "Sai."}).status_code == 403  # not its own
    assert _errors(world["official"].post_json(revoke, {"reason": " "})) == {
        "reason": ["Give the reason for revoking."]
    }
    revoked = world["official"].post_json(revoke, {"reason": "Giấy phép bị thu hồi."}).json()
    assert revoked["revoked_at"] is not None
    assert ApiClient().get(f"{API}/companies/{world['exporter'].pk}").json()["verifications"] == []
    # Platform admins name the body.
    assert _errors(world["admin"].post_json(url, body)) == {
        "body_id": ["Name the public body (ministry, mission or province) verifying."]
    }


def test_fraud_reports_go_to_the_admins_who_resolve_them(world):
    url = f"{API}/companies/{world['exporter'].pk}/fraud-reports"
    _in_both_languages(
        lambda **extra: world["member_client"].post_json(url, {"reason": "Lừa."}, **extra),
        "reason",
        "Describe what happened (at least 20 characters).",
    )
    response = world["member_client"].post_json(
        url, {"reason": "Nhận tiền đặt cọc rồi không giao hàng."}
    )
    assert response.status_code == 201, response.content
    report_id = response.json()["id"]
    assert world["member_client"].get(f"{API}/fraud-reports").json()["count"] == 1
    assert world["third_client"].get(f"{API}/fraud-reports").json()["count"] == 0
    assert world["admin"].get(f"{API}/fraud-reports").json()["results"][0]["id"] == report_id
    resolve = f"{API}/fraud-reports/{report_id}/resolve"
    body = {"status": "upheld", "resolution": "Xác minh: có lừa đảo."}
    assert world["member_client"].post_json(resolve, body).status_code == 403
    assert world["third_client"].post_json(resolve, body).status_code == 404
    resolved = world["admin"].post_json(resolve, body).json()
    assert resolved["status"] == "upheld"
    company = ApiClient().get(f"{API}/companies/{world['exporter'].pk}").json()
    assert {"key": "fraud", "points": -40, "count": 1} in [
        {k: p[k] for k in ("key", "points", "count")} for p in company["reliability"]["parts"]
    ]
    assert world["admin"].get(f"{API}/fraud-reports", {"status": "upheld"}).json()["count"] == 1
