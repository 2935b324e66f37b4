"""`kieubao trade demo`: the trade portal's demo data on top of the community demo."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kieubao.community.demo import create_demo_users, create_organisations
from kieubao.community.models import Membership
from kieubao.trade import markets
from kieubao.trade.models import (
    Certificate,
    Company,
    Deal,
    DistributionChannel,
    Lead,
    MarketReport,
    MarketRequirement,
    Product,
    Review,
    TradeStat,
    Verification,
)

pytestmark = pytest.mark.django_db


def test_demo_loads_a_convincing_portal_and_is_idempotent(index_now):
    with index_now():
        create_organisations()
        create_demo_users()
        started = time.perf_counter()
        call_command("trade", "demo", "--if-empty")
        seconds = time.perf_counter() - started
    assert seconds < 30
    assert Company.objects.filter(role="exporter").count() >= 40
    assert Company.objects.filter(role="distributor").count() == 20
    provinces = set(Company.objects.filter(role="exporter").values_list("province_code", flat=True))
    assert len(provinces) >= 15
    st25 = Product.objects.get(name_vi="Gạo ST25")
    assert (st25.hs_code, st25.ocop_stars, st25.status, st25.signature) == (
        "100630",
        5,
        "published",
        True,
    )
    assert Product.objects.get(name_vi="Hồ tiêu đen Phú Quốc").hs_code == "090411"
    assert Product.objects.filter(signature=True, signature_by__isnull=False).count() >= 20
    today = timezone.localdate()
    assert Certificate.objects.filter(valid_to__lt=today).count() == 1
    assert Certificate.objects.filter(
        valid_to__gte=today, valid_to__lte=today + timezone.timedelta(days=60)
    ).exists()
    assert Verification.objects.filter(body__kind="province").exists()
    assert Verification.objects.filter(body__kind="mission").exists()
    member_admin = Membership.objects.filter(
        person__user__email="member@kieubao.local",
        role="admin",
        organisation__company__role="distributor",
    )
    assert member_admin.count() == 1
    assert DistributionChannel.objects.count() >= 40
    assert Lead.objects.filter(kind="buy").count() == 20
    assert Lead.objects.filter(kind="sell").exists()
    assert Deal.objects.filter(status="confirmed").count() >= 10
    assert Deal.objects.filter(status="proposed").exists()
    assert Review.objects.exists()
    assert set(MarketRequirement.objects.values_list("country", flat=True)) >= {
        "MY",
        "ID",
        "US",
        "DE",
    }
    assert MarketReport.objects.count() == 10
    assert TradeStat.objects.filter(reporter="VN").count() > 500
    assert markets.demo_statistics()
    figures = markets.programme_figures()
    assert figures.deals >= 10 and len(figures.products_by_year) >= 3
    assert markets.market_page(None, "MY").source == markets.SOURCE_MIRROR
    body = Client().get("/trade/markets/DE/").content.decode()
    assert 'data-testid="demo-statistics"' in body
    before = (Company.objects.count(), TradeStat.objects.count(), Deal.objects.count())
    call_command("trade", "demo", "--if-empty")
    assert (Company.objects.count(), TradeStat.objects.count(), Deal.objects.count()) == before
