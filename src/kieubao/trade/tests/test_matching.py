"""Matching a trade lead: which products or distributors come first, and the reasons given."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kieubao.community.tests.factories import make_ministry
from kieubao.trade import services
from kieubao.trade.matching import matches_for_lead

from .factories import make_certificate, make_distributor, make_exporter, make_product

pytestmark = pytest.mark.django_db


def buy_request(distributor, **values):
    values.setdefault("title", "Cần mua cà phê Robusta")
    values.setdefault("hs_code", "0901")
    values.setdefault("market", "DE")
    return services.lead_create(company=distributor, kind="buy", **values)


@pytest.fixture
def coffee_world(index_now):
    with index_now():
        buyer = make_distributor(name="Asia Markt Berlin", country="DE", sectors=["09"])
        certified_co = make_exporter(name="Cà phê Buôn Ma Thuột", markets=["DE"])
        plain_co = make_exporter(name="Cà phê Cầu Đất", markets=["DE"])
        far_co = make_exporter(name="Gia vị Đông Nam", markets=["US"])
        certified = make_product(
            certified_co,
            name_vi="Cà phê Robusta nhân",
            hs_code="090111",
            min_order_quantity="1000",
            min_order_unit="kg",
        )
        uncertified = make_product(plain_co, name_vi="Cà phê Arabica nhân", hs_code="090111")
        pepper = make_product(far_co, name_vi="Hồ tiêu trắng", hs_code="090412")
        make_product(plain_co, name_vi="Gạo ST25", hs_code="100630", category="agriculture")
        make_certificate(certified_co, product=certified, kind="haccp")
        make_certificate(far_co, kind="haccp")
    return {
        "buyer": buyer,
        "certified": certified,
        "uncertified": uncertified,
        "pepper": pepper,
        "certified_co": certified_co,
    }


def test_the_product_with_the_needed_certificate_in_the_heading_and_market_ranks_first(
    coffee_world,
):
    lead = buy_request(
        coffee_world["buyer"], certificates=["haccp"], volume="5000", volume_unit="kg"
    )
    matches = matches_for_lead(lead)
    assert [m.product for m in matches[:2]] == [
        coffee_world["certified"],
        coffee_world["uncertified"],
    ]
    first = matches[0]
    assert first.kind == "product" and first.company == coffee_world["certified_co"]
    assert 0 < first.score <= 1
    assert "HS code 0901.11, within the 0901 asked for" in first.reasons
    assert "Already exports to Germany" in first.reasons
    assert "Holds valid certificates: HACCP" in first.reasons
    assert "Minimum order 1,000 kg fits the 5,000 kg asked for" in first.reasons
    assert first.parts["certificates"] == pytest.approx(0.25)


def test_missing_certificates_lower_the_rank_and_are_named(coffee_world):
    lead = buy_request(coffee_world["buyer"], certificates=["haccp"])
    by_product = {m.product: m for m in matches_for_lead(lead)}
    uncertified = by_product[coffee_world["uncertified"]]
    assert "Missing certificates asked for: HACCP" in uncertified.reasons
    assert uncertified.score < by_product[coffee_world["certified"]].score
    assert uncertified.parts["certificates"] == 0


def test_what_the_market_requires_counts_and_is_named(coffee_world):
    services.requirement_set(country="DE", hs_prefix="09", certificates=["globalgap"])
    lead = buy_request(coffee_world["buyer"], certificates=["haccp"])
    first = matches_for_lead(lead)[0]
    assert first.product == coffee_world["certified"]
    assert "Missing certificates Germany requires for these goods: GlobalG.A.P." in first.reasons
    assert first.parts["certificates"] == pytest.approx(0.125)


def test_other_headings_of_the_chapter_rank_below_and_other_chapters_never_come(coffee_world):
    lead = buy_request(coffee_world["buyer"], hs_code="090111")
    products = [m.product for m in matches_for_lead(lead)]
    assert products[-1] == coffee_world["pepper"]
    assert all(p.hs_code.startswith("09") for p in products)
    pepper = matches_for_lead(lead)[-1]
    assert "Same HS chapter 09: Coffee, tea, maté and spices" in pepper.reasons


def test_a_certificate_expired_on_the_day_no_longer_counts(coffee_world, index_now):
    end = timezone.localdate() + timedelta(days=3)
    with index_now():
        other = make_exporter(markets=["DE"])
        product = make_product(other, name_vi="Cà phê Culi", hs_code="090111")
        make_certificate(other, product=product, kind="haccp", valid_to=end)
    lead = buy_request(coffee_world["buyer"], hs_code="090111", certificates=["haccp"])
    on_the_day = {m.product: m for m in matches_for_lead(lead, day=end)}
    after = {m.product: m for m in matches_for_lead(lead, day=end + timedelta(days=1))}
    assert on_the_day[product].parts["certificates"] == pytest.approx(0.25)
    assert after[product].parts["certificates"] == 0
    assert "Missing certificates asked for: HACCP" in after[product].reasons


def test_verification_counts_and_says_by_whom(coffee_world, index_now):
    ministry = make_ministry("Bộ Công Thương")
    with index_now():
        services.verification_add(
            company=coffee_world["certified_co"], body=ministry, evidence="Visited"
        )
    lead = buy_request(coffee_world["buyer"])
    first = matches_for_lead(lead)[0]
    assert first.product == coffee_world["certified"]
    assert "Verified by Bộ Công Thương" in first.reasons
    assert first.parts["verified"] == pytest.approx(0.10)


def test_withdrawn_products_and_suspended_exporters_are_never_matched(coffee_world, index_now):
    with index_now():
        services.product_set_status(coffee_world["uncertified"], "withdrawn")
        services.company_set_status(
            coffee_world["certified_co"], status="suspended", reason="Fraud", user=None
        )
    lead = buy_request(coffee_world["buyer"])
    assert [m.product for m in matches_for_lead(lead)] == [coffee_world["pepper"]]


def test_sell_offer_finds_distributors_in_the_market(coffee_world, index_now):
    with index_now():
        in_france = make_distributor(name="Paris Viet Food", country="FR", sectors=["09"])
        make_distributor(name="Tokyo Asia", country="JP", sectors=["09"])
        make_distributor(name="Berlin Furniture", country="DE", sectors=["94"])
        requester = make_distributor(name="Lyon Épicerie", country="FR", sectors=["03"])
    services.lead_create(
        company=requester,
        kind="buy",
        title="Robusta beans wanted",
        hs_code="090111",
        market="FR",
        certificates=["haccp"],
    )
    offer = services.lead_create(
        company=coffee_world["certified_co"],
        kind="sell",
        title="Robusta nhân xuất khẩu",
        hs_code="090111",
        product=coffee_world["certified"],
        market="FR",
    )
    matches = matches_for_lead(offer)
    assert {m.company for m in matches} == {in_france, requester}
    assert all(m.kind == "company" and m.product is None for m in matches)
    first = matches[0]
    assert first.company == requester
    assert "Has an open buy request for HS 0901.11: Robusta beans wanted" in first.reasons
    assert "Sells in France" in first.reasons
    assert "Holds valid certificates: HACCP" in first.reasons
    assert "Works in HS chapter 09: Coffee, tea, maté and spices" in matches[1].reasons


def test_sell_offer_without_market_reaches_every_market(coffee_world, index_now):
    with index_now():
        tokyo = make_distributor(name="Tokyo Asia", country="JP", sectors=["09"])
    offer = services.lead_create(
        company=coffee_world["certified_co"], kind="sell", title="Cà phê", hs_code="0901"
    )
    companies = {m.company for m in matches_for_lead(offer)}
    assert companies == {tokyo, coffee_world["buyer"]}
