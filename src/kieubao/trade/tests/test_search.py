"""Catalogue search: what a visitor finds, with which filters, and on which day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kieubao.community.rules import ANONYMOUS
from kieubao.community.tests.factories import make_ministry
from kieubao.trade import services
from kieubao.trade.catalogue import search_companies, search_products
from kieubao.trade.search import product_index

from .factories import make_certificate, make_distributor, make_exporter, make_product

pytestmark = pytest.mark.django_db


def names(page) -> list[str]:
    return [p.name_vi for p in page.items]


@pytest.fixture
def catalogue(index_now):
    today = timezone.localdate()
    with index_now():
        coffee_co = make_exporter(name="Công ty Cà phê Tây Nguyên", province_code=66)
        fish_co = make_exporter(name="Thủy sản Mekong", province_code=92, markets=["US"])
        coffee = make_product(
            coffee_co,
            name_vi="Cà phê Robusta rang xay",
            name_en="Roasted Robusta coffee",
            hs_code="090121",
            province_code=66,
            ocop_stars=4,
        )
        pepper = make_product(
            coffee_co,
            name_vi="Hồ tiêu đen",
            name_en="Black pepper",
            description_vi="Tiêu Đắk Lắk, hạt chắc",
            hs_code="090411",
            province_code=66,
        )
        fish = make_product(
            fish_co,
            name_vi="Cá tra phi lê đông lạnh",
            name_en="Frozen pangasius fillet",
            hs_code="030462",
            category="seafood",
            province_code=92,
        )
        make_product(coffee_co, name_vi="Cà phê bản nháp", publish=False)
        make_certificate(fish_co, product=fish, kind="haccp", valid_to=today + timedelta(days=5))
    return {"coffee": coffee, "pepper": pepper, "fish": fish, "coffee_co": coffee_co}


@pytest.mark.parametrize("text", ["cà phê", "ca phe", "CÀ PHÊ", "Cà Phê", "coffee robusta"])
def test_any_spelling_finds_the_product(catalogue, text):
    # The pepper's company is "Công ty Cà phê …": found too, below the product so named.
    assert names(search_products(ANONYMOUS, text=text))[0] == "Cà phê Robusta rang xay"


def test_every_word_must_match(catalogue):
    assert names(search_products(ANONYMOUS, text="ROBUSTA ca phe")) == ["Cà phê Robusta rang xay"]
    assert search_products(ANONYMOUS, text="robusta pangasius").total == 0


def test_folding_works_for_names_typed_without_tones_too(index_now):
    with index_now():
        company = make_exporter()
        make_product(company, name_vi="Bánh phở khô", name_en="Dried rice noodles")
    assert names(search_products(ANONYMOUS, text="BÁNH PHỞ")) == ["Bánh phở khô"]
    assert names(search_products(ANONYMOUS, text="banh pho")) == ["Bánh phở khô"]


def test_descriptions_and_company_name_are_searched(catalogue):
    assert names(search_products(ANONYMOUS, text="dak lak")) == ["Hồ tiêu đen"]
    assert set(names(search_products(ANONYMOUS, text="Tây Nguyên"))) == {
        "Cà phê Robusta rang xay",
        "Hồ tiêu đen",
    }


def test_drafts_are_not_in_the_catalogue(catalogue):
    page = search_products(ANONYMOUS, text="bản nháp")
    assert page.total == 0 and page.items == []


def test_hs_prefix_filter(catalogue):
    assert set(names(search_products(ANONYMOUS, hs="09"))) == {
        "Cà phê Robusta rang xay",
        "Hồ tiêu đen",
    }
    assert names(search_products(ANONYMOUS, hs="0901")) == ["Cà phê Robusta rang xay"]
    assert names(search_products(ANONYMOUS, hs="0904.11")) == ["Hồ tiêu đen"]
    assert names(search_products(ANONYMOUS, hs="03")) == ["Cá tra phi lê đông lạnh"]


@pytest.mark.parametrize(
    "filters",
    [
        {"hs": "99"},
        {"category": "spaceships"},
        {"certificate": "nonsense"},
    ],
)
def test_filter_values_that_cannot_match_give_an_empty_page(catalogue, filters):
    page = search_products(ANONYMOUS, **filters)
    assert page.total == 0 and page.items == []


@pytest.mark.parametrize(
    "filters",
    [
        {"hs": "coffee"},
        {"province": "abc"},
        {"ocop_min": "many"},
        {"ocop_min": 9},
        {"market": "Germany!"},
        {"page": "x", "per_page": "y"},
    ],
)
def test_filter_values_that_are_no_value_are_ignored(catalogue, filters):
    assert search_products(ANONYMOUS, **filters).total == 3


def test_province_category_market_ocop_filters(catalogue):
    assert set(names(search_products(ANONYMOUS, province=66))) == {
        "Cà phê Robusta rang xay",
        "Hồ tiêu đen",
    }
    assert names(search_products(ANONYMOUS, category="seafood")) == ["Cá tra phi lê đông lạnh"]
    assert names(search_products(ANONYMOUS, market="us")) == ["Cá tra phi lê đông lạnh"]
    assert names(search_products(ANONYMOUS, ocop_min=3)) == ["Cà phê Robusta rang xay"]
    assert search_products(ANONYMOUS, ocop_min=5).total == 0
    assert names(search_products(ANONYMOUS, text="tiêu", province="66")) == ["Hồ tiêu đen"]


def test_signature_filter_and_signature_first(catalogue, index_now):
    ministry = make_ministry()
    with index_now():
        services.product_set_signature(catalogue["pepper"], signature=True, body=ministry)
    assert names(search_products(ANONYMOUS, signature=True)) == ["Hồ tiêu đen"]
    assert names(search_products(ANONYMOUS))[0] == "Hồ tiêu đen"


def test_verified_filter(catalogue, index_now):
    ministry = make_ministry()
    with index_now():
        services.verification_add(
            company=catalogue["coffee_co"], body=ministry, evidence="Visited the factory"
        )
    assert set(names(search_products(ANONYMOUS, verified=True))) == {
        "Cà phê Robusta rang xay",
        "Hồ tiêu đen",
    }
    assert [c.pk for c in search_companies(ANONYMOUS, verified=True).items] == [
        catalogue["coffee_co"].pk
    ]


def test_an_expired_certificate_leaves_the_certified_results_the_day_after(catalogue):
    """valid_to = D: found on D, not on D+1 — without any reindexing in between."""
    end = timezone.localdate() + timedelta(days=5)
    assert names(search_products(ANONYMOUS, certificate="haccp", day=end)) == [
        "Cá tra phi lê đông lạnh"
    ]
    assert names(search_products(ANONYMOUS, certificate="any", day=end)) == [
        "Cá tra phi lê đông lạnh"
    ]
    assert search_products(ANONYMOUS, certificate="haccp", day=end + timedelta(days=1)).total == 0
    assert search_products(ANONYMOUS, certificate="iso22000", day=end).total == 0


def test_a_certificate_not_yet_valid_does_not_count(index_now):
    today = timezone.localdate()
    with index_now():
        company = make_exporter()
        product = make_product(company)
        make_certificate(
            company,
            product=product,
            kind="organic_eu",
            valid_from=today + timedelta(days=10),
            valid_to=today + timedelta(days=400),
        )
    assert search_products(ANONYMOUS, certificate="organic_eu").total == 0
    assert search_products(ANONYMOUS, certificate="organic_eu", day=today + timedelta(10)).total


def test_company_wide_certificate_covers_every_product_until_it_expires(catalogue, index_now):
    end = timezone.localdate() + timedelta(days=30)
    with index_now():
        make_certificate(catalogue["coffee_co"], kind="iso22000", valid_to=end)
    found = search_products(ANONYMOUS, certificate="iso22000", day=end)
    assert set(names(found)) == {"Cà phê Robusta rang xay", "Hồ tiêu đen"}
    assert search_products(ANONYMOUS, certificate="iso22000", day=end + timedelta(1)).total == 0
    companies = search_companies(ANONYMOUS, certificate="iso22000", day=end)
    assert [c.pk for c in companies.items] == [catalogue["coffee_co"].pk]
    assert search_companies(ANONYMOUS, certificate="iso22000", day=end + timedelta(1)).total == 0


def test_a_gap_between_two_certificates_of_a_kind_is_not_covered(index_now):
    today = timezone.localdate()
    with index_now():
        company = make_exporter()
        product = make_product(company)
        make_certificate(
            company,
            product=product,
            valid_from=today - timedelta(days=100),
            valid_to=today - timedelta(days=1),
        )
        make_certificate(
            company,
            product=product,
            valid_from=today + timedelta(days=10),
            valid_to=today + timedelta(days=300),
        )
    assert search_products(ANONYMOUS, certificate="haccp", day=today - timedelta(1)).total == 1
    assert search_products(ANONYMOUS, certificate="haccp").total == 0
    assert search_products(ANONYMOUS, certificate="haccp", day=today + timedelta(10)).total == 1


def test_suspended_company_and_withdrawn_product_disappear(catalogue, index_now):
    admin_user = None
    with index_now():
        services.product_set_status(catalogue["fish"], "withdrawn")
    assert "Cá tra phi lê đông lạnh" not in names(search_products(ANONYMOUS))
    with index_now():
        services.company_set_status(
            catalogue["coffee_co"], status="suspended", reason="Fraud upheld", user=admin_user
        )
    assert search_products(ANONYMOUS).total == 0
    assert search_products(ANONYMOUS, text="cà phê").total == 0
    assert catalogue["coffee_co"].pk not in [c.pk for c in search_companies(ANONYMOUS).items]


def test_the_database_decides_when_the_index_lags(catalogue):
    from kieubao.trade.models import Product

    # Withdrawn behind the index's back (no hook): the page drops it all the same.
    Product.objects.filter(pk=catalogue["coffee"].pk).update(status="withdrawn")
    assert names(search_products(ANONYMOUS, text="robusta")) == []


def test_companies_by_role_country_sector_and_market(index_now):
    with index_now():
        exporter = make_exporter(name="Gốm sứ Bát Tràng", sectors=["69"], markets=["JP"])
        distributor = make_distributor(
            name="Asia Markt Berlin", country="DE", sectors=["09"], channels=["supermarket"]
        )
    assert [c.pk for c in search_companies(ANONYMOUS, text="bat trang").items] == [exporter.pk]
    assert [c.pk for c in search_companies(ANONYMOUS, role="distributor").items] == [distributor.pk]
    assert [c.pk for c in search_companies(ANONYMOUS, country="de").items] == [distributor.pk]
    assert [c.pk for c in search_companies(ANONYMOUS, sector="69").items] == [exporter.pk]
    assert [c.pk for c in search_companies(ANONYMOUS, market="JP").items] == [exporter.pk]
    assert search_companies(ANONYMOUS, role="pirate").total == 0


def test_pages(index_now):
    with index_now():
        company = make_exporter()
        for i in range(5):
            make_product(company, name_vi=f"Gạo ST25 lô {i}", name_en=f"ST25 rice lot {i}")
    first = search_products(ANONYMOUS, text="gao", per_page=2)
    third = search_products(ANONYMOUS, text="gao", per_page=2, page=3)
    assert first.total == 5 and first.pages == 3 and len(first.items) == 2
    assert len(third.items) == 1 and not third.has_next


def test_reindex_command_rebuilds_from_the_database(catalogue):
    product_index().clear()
    assert search_products(ANONYMOUS).total == 0
    call_command("trade", "reindex", verbosity=0)
    assert search_products(ANONYMOUS).total == 3
    assert search_companies(ANONYMOUS).total == 2


def test_certified_results_agree_with_the_database_on_any_day():
    """The generated catalogue (bench data, small), indexed once, searched on several days:
    the certified products are exactly those the database says hold a valid certificate."""
    from kieubao.trade.bulk import generate
    from kieubao.trade.certificates import valid_kinds_by_product
    from kieubao.trade.models import Product
    from kieubao.trade.search import rebuild_all

    generate(exporters=12, distributors=3, products=60, seed=3)
    rebuild_all()
    listed = list(
        Product.objects.filter(status="published", company__status="active").values_list(
            "pk", flat=True
        )
    )
    today = timezone.localdate()
    for day in (today - timedelta(days=200), today, today + timedelta(days=400)):
        held = valid_kinds_by_product(listed, day)
        for kind in ("haccp", "globalgap", "any"):
            expected = {
                pk for pk, kinds in held.items() if (kinds if kind == "any" else kind in kinds)
            }
            page = search_products(ANONYMOUS, certificate=kind, day=day, per_page=100)
            assert {p.pk for p in page.items} == expected, (kind, day)
            assert page.total == len(expected)
