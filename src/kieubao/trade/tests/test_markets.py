"""Market pages, market reports, distribution channels and the programme dashboard."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kieubao.community.tests.factories import make_person, make_user
from kieubao.trade import markets, services
from kieubao.trade.models import DistributionChannel, MarketReport, TradeStat

from .factories import make_confirmed_deal, make_distributor, make_exporter, make_product

pytestmark = pytest.mark.django_db


def _admin():
    from allauth.mfa.models import Authenticator

    user = make_user("root@example.org", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


def _stat(reporter, partner, hs_code, year, value, flow="export"):
    return TradeStat.objects.create(
        reporter=reporter,
        partner=partner,
        flow=flow,
        hs_code=hs_code,
        year=year,
        value_usd=Decimal(value),
    )


@pytest.fixture
def market(db):
    """Germany with statistics at two levels, a distributor carrying a product, a buy request,
    a report and a requirement."""
    _stat("VN", "DE", "09", 2022, "1000000")
    _stat("VN", "DE", "0901", 2022, "700000")  # a heading of 09: not added to the chapter
    _stat("VN", "DE", "0306", 2022, "300000")  # no chapter line: headings summed
    _stat("VN", "DE", "030617", 2022, "250000")  # a subheading of 0306: not added
    _stat("VN", "DE", "09", 2023, "1200000")
    _stat("JP", "VN", "03", 2023, "5000000", flow="import")  # Japan: mirror data only
    exporter = make_exporter(markets=["DE", "JP"])
    product = make_product(exporter)
    manager = make_person(user=make_user("dist@example.org"), full_name="Lê Văn Phân")
    distributor = make_distributor(person=manager, name="Saigon Markt GmbH", country="DE")
    channel = services.channel_add(
        distributor=distributor,
        product=product,
        market="DE",
        channel="grocery",
        shelf_type="world_food",
        started_on="2024-03-01",
        city="Leipzig",
        outlets=4,
    )
    services.lead_create(
        company=distributor, kind="buy", title="Cần hạt tiêu đen", hs_code="0904", market="DE"
    )
    author = make_person(user=make_user("author@example.org"), full_name="Người Báo Cáo")
    report = services.market_report_create(
        author=author,
        market="DE",
        hs_code="0901",
        product_label="Cà phê phin",
        price_min="5",
        price_max="9.5",
        currency="EUR",
        certificates=["organic_eu"],
        competitors="Cà phê Brazil",
        demand="Nhu cầu tăng",
    )
    services.requirement_set(country="DE", hs_prefix="09", certificates=["haccp"])
    return {
        "exporter": exporter,
        "product": product,
        "distributor": distributor,
        "manager": manager,
        "channel": channel,
        "report": report,
        "author": author,
    }


def test_chapter_values_never_add_up_levels(market):
    page = markets.market_page(None, "DE")
    assert page.source == markets.SOURCE_VIETNAM
    assert page.years == [2022, 2023]
    rows = {row["chapter"]: row["values"] for row in page.exports}
    assert rows["09"] == [Decimal("1000000"), Decimal("1200000")]
    assert rows["03"] == [Decimal("300000"), None]
    assert page.exports_total == [Decimal("1300000"), Decimal("1200000")]
    assert page.chart["exports"]["labels"] == ["2022", "2023"]


def test_mirror_data_when_vietnam_reported_nothing(market):
    page = markets.market_page(None, "JP")
    assert page.source == markets.SOURCE_MIRROR
    assert page.exports[0]["chapter"] == "03"
    response = Client().get("/trade/markets/JP/")
    assert 'data-source="mirror"' in response.content.decode()


def test_market_page_shows_charts_tables_and_distribution(market):
    response = Client().get("/trade/markets/DE/")
    assert response.status_code == 200
    body = response.content.decode()
    chart = json.loads(body.split('id="market-chart" type="application/json">')[1].split("<")[0])
    assert chart["exports"]["labels"] == ["2022", "2023"]
    assert chart["demand"]["datasets"][0]["data"] == [1]
    assert 'data-testid="exports-table"' in body and 'data-chapter="09"' in body
    assert "1,200,000" in body or "1.200.000" in body
    assert 'data-testid="demand-table"' in body
    assert "Saigon Markt GmbH" in body
    assert f'data-channel="{market["channel"].pk}"' in body
    assert "Leipzig" in body
    assert "Cà phê phin" in body and "5.00–9.50 EUR" in body
    assert "HACCP" in body
    assert "vendor/chartjs/chart.umd.min.js" in body and "trade/charts.js" in body
    assert "<script>" not in body  # CSP: no inline script


def test_chapter_filter(market):
    page = markets.market_page(None, "DE", chapter="03")
    assert [row["chapter"] for row in page.exports] == ["03"]
    assert page.demand == []
    assert page.reports == []
    assert page.channels == []  # the product is coffee (09)
    assert ("09", markets.chapter_name("09")) in page.chapters
    assert markets.clean_chapter("9") == "09"
    assert markets.clean_chapter("x\x00") == ""


def test_markets_list(market):
    response = Client().get("/trade/markets/")
    assert response.status_code == 200
    summaries = {m.code: m for m in markets.markets_list()}
    assert summaries["DE"].exports_usd == Decimal("1200000")
    assert summaries["DE"].exports_year == 2023
    assert summaries["DE"].distributors == 1
    assert summaries["DE"].buy_requests == 1
    assert summaries["DE"].reports == 1
    assert summaries["DE"].channels == 1
    assert summaries["JP"].source == markets.SOURCE_MIRROR
    assert "VN" not in summaries
    assert Client().get("/trade/markets/XX/").status_code == 404
    assert Client().get("/trade/markets/VN/").status_code == 404
    assert Client().get("/trade/markets/de/").status_code == 302


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"price_min": "10", "price_max": "5", "currency": "EUR"}, "price_max"),
        ({"price_min": "10", "currency": "XYZ"}, "currency"),
        ({"price_min": "10", "currency": ""}, "currency"),
        ({"hs_code": "7701"}, "hs_code"),
        ({"hs_code": "12345"}, "hs_code"),
        ({"price_min": "-1", "currency": "EUR"}, "price_min"),
    ],
)
def test_market_report_validation(values, field):
    author = make_person(full_name="Người Báo Cáo")
    data = {"market": "DE", "hs_code": "0901", "product_label": "Cà phê", "demand": "Có"} | values
    with pytest.raises(ValidationError) as error:
        services.market_report_create(author=author, **data)
    assert field in error.value.message_dict


def test_member_files_a_report_through_the_form_and_errors_keep_the_input(market):
    client = Client()
    client.force_login(market["author"].user)
    url = "/trade/markets/FR/reports/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "hs_code": "0904",
            "product_label": "Tiêu Phú Quốc",
            "price_min": "12",
            "price_max": "8",
            "currency": "EUR",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-error-for="price_max"' in body and "Tiêu Phú Quốc" in body
    response = client.post(
        url,
        {
            "hs_code": "0904",
            "product_label": "Tiêu Phú Quốc",
            "price_min": "8",
            "price_max": "12",
            "currency": "eur",
            "certificates": ["organic_eu"],
        },
    )
    assert response.status_code == 302
    report = MarketReport.objects.get(market="FR")
    assert (report.currency, report.price_max) == ("EUR", Decimal("12"))


def test_hidden_reports_are_not_shown(market):
    services.market_report_hide(market["report"], reason="Quảng cáo trá hình")
    assert markets.market_page(None, "DE").reports == []
    body = Client().get("/trade/markets/DE/").content.decode()
    assert "Cà phê phin" not in body
    assert markets.markets_list()[0].reports == 0


def test_only_admins_hide_reports(market):
    client = Client()
    client.force_login(market["author"].user)
    url = f"/trade/market-reports/{market['report'].pk}/hide/"
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(_admin())
    assert client.post(url, {"reason": "Spam"}).status_code == 302
    market["report"].refresh_from_db()
    assert market["report"].status == "hidden" and market["report"].hidden_reason == "Spam"


def test_distributor_manager_records_and_ends_a_channel(market):
    client = Client()
    client.force_login(market["manager"].user)
    assert client.get(f"/trade/channels/new/?product={market['product'].pk}").status_code == 200
    response = client.post(
        "/trade/channels/new/",
        {
            "distributor": market["distributor"].pk,
            "product": market["product"].pk,
            "market": "at",
            "channel": "ecommerce",
            "shelf_type": "online",
            "status": "active",
            "started_on": "2025-01-15",
        },
    )
    assert response.status_code == 302
    channel = DistributionChannel.objects.get(market="AT")
    response = client.post(f"/trade/channels/{channel.pk}/end/", {"ended_on": "2024-01-01"})
    channel.refresh_from_db()
    assert channel.status == "active"  # the end before the start: refused
    client.post(f"/trade/channels/{channel.pk}/end/", {"ended_on": "2025-06-30"})
    channel.refresh_from_db()
    assert (channel.status, channel.ended_on) == ("ended", date(2025, 6, 30))
    other = Client()
    other.force_login(market["author"].user)
    assert other.get("/trade/channels/new/").status_code == 403
    assert other.post(f"/trade/channels/{market['channel'].pk}/end/").status_code == 403


def test_programme_figures_and_export(market):
    make_confirmed_deal(market["exporter"], market["distributor"], value_usd="25000")
    make_confirmed_deal(market["exporter"], market["distributor"], value_usd="5000", market="JP")
    services.deal_propose(  # not confirmed: not counted
        company=market["distributor"],
        counterpart=market["exporter"],
        value_usd="999999",
        volume="1",
        market="DE",
        deal_date=timezone.localdate(),
    )
    figures = markets.programme_figures()
    year = timezone.localdate().year
    assert figures.products == 1
    assert figures.products_by_year == [(year, 1)]
    assert {(c, n) for c, _name, n in figures.products_by_market} == {("DE", 1), ("JP", 1)}
    assert figures.channels == 1
    assert [(c, y, n) for c, _n, y, n in figures.channels_by_market_year] == [("DE", 2024, 1)]
    assert figures.deals == 2
    assert figures.deal_value_usd == Decimal("30000")
    by_market = {c: (n, v) for c, _name, _y, n, v in figures.deals_by_market_year}
    assert by_market == {"DE": (1, Decimal("25000")), "JP": (1, Decimal("5000"))}

    response = Client().get("/trade/programme/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="total-deals">2<' in body
    assert 'id="programme-chart"' in body

    response = Client().get("/trade/programme/figures.xlsx")
    assert response.status_code == 200
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 5
    totals = [[c.value for c in row] for row in book[book.sheetnames[0]].iter_rows()]
    assert totals[1:] == [
        ["Products introduced", 1],
        ["Distribution channels opened", 1],
        ["Deals recorded", 2],
        ["Value of deals (USD)", 30000],
    ]
    deals = [[c.value for c in row] for row in book[book.sheetnames[4]].iter_rows()]
    assert deals[0] == ["Market", "Country code", "Year", "Deals", "Value (USD)"]
    assert ["Germany", "DE", year, 1, 25000] in deals


def test_xlsx_export_is_formula_safe(market, monkeypatch):
    figures = markets.programme_figures()
    figures.products_by_market = [("DE", '=HYPERLINK("http://x")', 1)]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(markets.programme_xlsx(figures)))
    cell = book[book.sheetnames[2]]["A2"].value
    assert cell.startswith("'=")


def test_trade_stats_upload_page(market, tmp_path):
    client = Client()
    client.force_login(market["author"].user)
    assert client.get("/trade/markets/import/").status_code == 403
    client.force_login(_admin())
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "s.csv", b"reporter,partner,hs_code,year,value_usd\nVN,FR,0901,2023,-1\n", "text/csv"
    )
    response = client.post("/trade/markets/import/", {"file": upload})
    body = response.content.decode()
    assert 'data-ok="false"' in body and "negative" in body
    upload = SimpleUploadedFile(
        "s.csv", b"reporter,partner,hs_code,year,value_usd\nVN,FR,0901,2023,10\n", "text/csv"
    )
    response = client.post("/trade/markets/import/", {"file": upload})
    assert 'data-ok="true"' in response.content.decode()
    assert TradeStat.objects.filter(partner="FR").count() == 1


# --- the API --------------------------------------------------------------------------------------
def _json_client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _post(client: Client, url: str, data: dict):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_api_market_data_is_public(market):
    client = _json_client()
    listed = {m["code"]: m for m in client.get("/api/v1/trade/markets").json()}
    assert listed["DE"]["exports_usd"] in ("1200000.00", 1200000.0, "1200000")
    assert listed["JP"]["source"] == "mirror"
    detail = client.get("/api/v1/trade/markets/de").json()
    assert detail["years"] == [2022, 2023]
    assert detail["distributors"][0]["name"] == "Saigon Markt GmbH"
    assert detail["channels"][0]["id"] == market["channel"].pk
    assert detail["requirements"] == [{"hs_prefix": "09", "certificates": ["haccp"], "note": ""}]
    stats = client.get("/api/v1/trade/markets/DE/stats").json()
    assert {(f["chapter"], f["year"]) for f in stats["figures"]} == {
        ("09", 2022),
        ("03", 2022),
        ("09", 2023),
    }
    reports = client.get("/api/v1/trade/markets/DE/reports?hs=09").json()
    assert [r["product_label"] for r in reports] == ["Cà phê phin"]
    assert "author" not in reports[0]
    assert client.get("/api/v1/trade/markets/XX").status_code == 404
    assert client.get("/api/v1/trade/markets/VN/stats").status_code == 404
    channels = client.get(f"/api/v1/trade/channels?product_id={market['product'].pk}").json()
    assert [c["market"] for c in channels] == ["DE"]
    assert client.get("/api/v1/trade/channels").status_code == 422
    programme = client.get("/api/v1/trade/programme").json()
    assert programme["totals"]["channels"] == 1


def test_api_market_reports_need_a_member(market):
    data = {"hs_code": "0904", "product_label": "Tiêu", "price_min": "12", "price_max": "8",
            "currency": "EUR"}  # fmt: skip
    assert _post(_json_client(), "/api/v1/trade/markets/FR/reports", data).status_code == 401
    client = _json_client(market["author"].user)
    response = _post(client, "/api/v1/trade/markets/FR/reports", data)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "price_max"
    response = _post(
        client, "/api/v1/trade/markets/FR/reports", data | {"currency": "XYZ", "price_max": "15"}
    )
    assert [e["field"] for e in response.json()["errors"]] == ["currency"]
    response = _post(client, "/api/v1/trade/markets/FR/reports", data | {"price_max": "15"})
    assert response.status_code == 201
    assert response.json()["market"] == "FR"
    from kieubao.community.tests.factories import make_official

    official = make_official("Hải Phòng")
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=official, type=Authenticator.Type.TOTP, data={"secret": "x"})
    response = _post(_json_client(official), "/api/v1/trade/markets/FR/reports", data)
    assert response.status_code == 403


def test_api_channels_for_the_distributors_managers(market):
    data = {
        "distributor_id": market["distributor"].pk,
        "product_id": market["product"].pk,
        "market": "at",
        "channel": "ecommerce",
        "shelf_type": "online",
        "started_on": "2025-02-01",
    }
    response = _post(_json_client(market["author"].user), "/api/v1/trade/channels", data)
    assert response.status_code == 403
    client = _json_client(market["manager"].user)
    response = _post(client, "/api/v1/trade/channels", data | {"channel": "pigeon"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "channel"
    response = _post(client, "/api/v1/trade/channels", data | {"product_id": 2_147_483_647})
    assert response.json()["errors"][0]["field"] == "product_id"
    response = _post(client, "/api/v1/trade/channels", data)
    assert response.status_code == 201
    assert (response.json()["market"], response.json()["distributor"]) == (
        "AT",
        "Saigon Markt GmbH",
    )
