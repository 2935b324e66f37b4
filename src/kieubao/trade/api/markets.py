"""The trade portal's market data API (markets, trade statistics, market reports,
distribution, programme figures) under /api/v1/trade/. Thin: parse input, call one service or
selector, serialise.

Market data and programme figures are public aggregates (no credentials needed; credentials
that fail are refused with 401). Filing a market report needs a registry profile; recording a
distribution channel, a distributor the caller manages (403 otherwise). An unknown market is a
404; services' validation errors are 422 with translated messages keyed by the request's field
names. Schemas are named ``TradeMarket…`` and ``TradeProgramme…``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from kieubao.community.api.common import BODY_ERRORS, ERRORS
from kieubao.community.models import Person
from kieubao.community.selectors import viewer_for_user
from kieubao.core.api.auth import OPTIONAL, REQUIRED, request_user

from .. import markets, rules, selectors, services
from ..models import Company, CompanyRole, DistributionChannel, MarketReport, Product

router = Router(tags=["trade"])

Iso = Annotated[str, Field(min_length=2, max_length=2, pattern=r"^[A-Za-z]{2}$")]
DbId = Annotated[int, Field(ge=1, le=2_147_483_647)]


# --- schemas -------------------------------------------------------------------------------------
class TradeMarketSummary(Schema):
    code: str
    name: str
    exports_usd: Decimal | None = None
    exports_year: int | None = None
    source: str | None = None  # "vietnam" (reported by Viet Nam) or "mirror" (by the market)
    distributors: int
    buy_requests: int
    reports: int
    channels: int


class TradeMarketChapterRow(Schema):
    chapter: str
    name: str
    values: list[Decimal | None]  # aligned with the market's years
    total: Decimal


class TradeMarketDemand(Schema):
    chapter: str
    name: str
    requests: int


class TradeMarketDistributor(Schema):
    id: int
    name: str
    city: str
    country: str
    channels: list[str]
    carried: int  # Vietnamese products carried in this market


class TradeMarketChannel(Schema):
    id: int
    product_id: int
    product: str
    exporter_id: int
    exporter: str
    distributor_id: int
    distributor: str
    market: str
    channel: str
    shelf_type: str
    status: str
    city: str
    outlets: int | None = None
    started_on: date
    ended_on: date | None = None


class TradeMarketPrice(Schema):
    currency: str
    low: Decimal | None = None
    high: Decimal | None = None


class TradeMarketReportSummary(Schema):
    hs_code: str
    reports: int
    prices: list[TradeMarketPrice]
    certificates: list[str]


class TradeMarketRequirement(Schema):
    hs_prefix: str  # "" for all goods
    certificates: list[str]
    note: str


class TradeMarketDetail(Schema):
    code: str
    name: str
    chapter: str
    source: str | None = None
    years: list[int]
    exports: list[TradeMarketChapterRow]
    exports_total: list[Decimal]
    demand: list[TradeMarketDemand]
    distributors: list[TradeMarketDistributor]
    channels: list[TradeMarketChannel]
    report_summary: list[TradeMarketReportSummary]
    requirements: list[TradeMarketRequirement]


class TradeMarketFigure(Schema):
    chapter: str
    year: int
    value_usd: Decimal


class TradeMarketStats(Schema):
    market: str
    source: str | None = None
    figures: list[TradeMarketFigure]


class TradeMarketReport(Schema):
    id: int
    market: str
    hs_code: str
    product_label: str
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    currency: str
    price_unit: str
    regulations: str
    certificates: list[str]
    competitors: str
    demand: str
    observed_on: date
    created_at: datetime


class TradeMarketReportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    hs_code: str = Field(max_length=12)
    product_label: str = Field(max_length=200)
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    currency: str = Field("", max_length=3)
    price_unit: str = Field("", max_length=40)
    regulations: str = Field("", max_length=5000)
    certificates: list[Annotated[str, Field(max_length=16)]] = Field(default=[], max_length=30)
    competitors: str = Field("", max_length=5000)
    demand: str = Field("", max_length=5000)
    observed_on: date | None = None


class TradeMarketChannelIn(Schema):
    model_config = ConfigDict(extra="forbid")

    distributor_id: DbId
    product_id: DbId
    market: Iso
    channel: str = Field(max_length=16)
    shelf_type: str = Field(max_length=16)
    status: str = Field("active", max_length=8)
    city: str = Field("", max_length=120)
    outlets: int | None = Field(None, ge=1, le=1_000_000)
    started_on: date
    ended_on: date | None = None


class TradeMarketChannelsQuery(Schema):
    market: Iso | None = None
    product_id: DbId | None = None


class TradeProgrammeTotals(Schema):
    products: int
    channels: int
    deals: int
    deal_value_usd: Decimal


class TradeProgrammeYear(Schema):
    year: int
    count: int
    value_usd: Decimal | None = None


class TradeProgrammeMarket(Schema):
    market: str
    name: str
    year: int | None = None
    count: int
    value_usd: Decimal | None = None


class TradeProgramme(Schema):
    totals: TradeProgrammeTotals
    products_by_year: list[TradeProgrammeYear]
    products_by_market: list[TradeProgrammeMarket]
    channels_by_year: list[TradeProgrammeYear]
    channels_by_market_year: list[TradeProgrammeMarket]
    deals_by_year: list[TradeProgrammeYear]
    deals_by_market_year: list[TradeProgrammeMarket]


# --- helpers -------------------------------------------------------------------------------------
def _viewer(request: HttpRequest):
    return viewer_for_user(request_user(request))


def _market(iso: str) -> str:
    code = iso.upper()
    if not markets.is_market(code):
        raise Http404
    return code


def _channel_out(channel: DistributionChannel) -> dict:
    return {
        "id": channel.pk,
        "product_id": channel.product_id,
        "product": channel.product.name(),
        "exporter_id": channel.product.company_id,
        "exporter": channel.product.company.name,
        "distributor_id": channel.distributor_id,
        "distributor": channel.distributor.name,
        "market": str(channel.market),
        "channel": channel.channel,
        "shelf_type": channel.shelf_type,
        "status": channel.status,
        "city": channel.city,
        "outlets": channel.outlets,
        "started_on": channel.started_on,
        "ended_on": channel.ended_on,
    }


def _report_out(report: MarketReport) -> dict:
    # The author is not given: reports speak for the market, not for a person.
    return {
        "id": report.pk,
        "market": str(report.market),
        "hs_code": report.hs_code,
        "product_label": report.product_label,
        "price_min": report.price_min,
        "price_max": report.price_max,
        "currency": report.currency,
        "price_unit": report.price_unit,
        "regulations": report.regulations,
        "certificates": list(report.certificates),
        "competitors": report.competitors,
        "demand": report.demand,
        "observed_on": report.observed_on,
        "created_at": report.created_at,
    }


# --- markets -------------------------------------------------------------------------------------
@router.get(
    "/trade/markets",
    response={200: list[TradeMarketSummary], **ERRORS},
    auth=OPTIONAL,
    summary="Markets with their figures",
)
def markets_list(request: HttpRequest):
    """Every market the portal knows something about, the largest export markets first:
    Viet Nam's exports in the latest year with figures (``source`` says whether Viet Nam or
    the market reported them), distributors, open buy requests, reports, products carried."""
    return [
        {
            "code": m.code,
            "name": m.name,
            "exports_usd": m.exports_usd,
            "exports_year": m.exports_year,
            "source": m.source or None,
            "distributors": m.distributors,
            "buy_requests": m.buy_requests,
            "reports": m.reports,
            "channels": m.channels,
        }
        for m in markets.markets_list()
    ]


@router.get(
    "/trade/markets/{iso}",
    response={200: TradeMarketDetail, **ERRORS},
    auth=OPTIONAL,
    summary="One market",
)
def market_detail(request: HttpRequest, iso: str, chapter: str = Query("", max_length=8)):
    """Exports by HS chapter and year, demand (open buy requests by chapter), distributors,
    who carries which products, what members report and the certificates required; ``chapter``
    (2 digits) narrows everything to one HS chapter."""
    page = markets.market_page(_viewer(request), _market(iso), chapter=chapter)
    if page is None:
        raise Http404
    return {
        "code": page.code,
        "name": page.name,
        "chapter": page.chapter,
        "source": page.source or None,
        "years": page.years,
        "exports": page.exports,
        "exports_total": page.exports_total,
        "demand": page.demand,
        "distributors": [
            {
                "id": d["company"].pk,
                "name": d["company"].name,
                "city": d["company"].organisation.city,
                "country": str(d["company"].organisation.country),
                "channels": list(d["company"].channels),
                "carried": d["carried"],
            }
            for d in page.distributors
        ],
        "channels": [_channel_out(c) for c in page.channels],
        "report_summary": [
            {
                "hs_code": s.hs_code,
                "reports": s.reports,
                "prices": [
                    {"currency": currency, "low": low, "high": high}
                    for currency, (low, high) in sorted(s.prices.items())
                ],
                "certificates": sorted(s.certificates),
            }
            for s in page.report_summary
        ],
        "requirements": [
            {"hs_prefix": r["hs_prefix"], "certificates": r["certificates"], "note": r["note"]}
            for r in page.requirements
        ],
    }


@router.get(
    "/trade/markets/{iso}/stats",
    response={200: TradeMarketStats, **ERRORS},
    auth=OPTIONAL,
    summary="Trade statistics of a market by HS chapter and year",
)
def market_stats(request: HttpRequest, iso: str):
    """Viet Nam's exports to the market by chapter and year, in USD (a chapter's figure is its
    chapter line, else the sum of its headings, else of its subheadings); ``source`` is
    ``mirror`` when they are the market's reported imports from Viet Nam."""
    return markets.market_stats(_market(iso))


@router.get(
    "/trade/markets/{iso}/reports",
    response={200: list[TradeMarketReport], **ERRORS},
    auth=OPTIONAL,
    summary="Members' reports from a market",
)
def market_reports(request: HttpRequest, iso: str, hs: str = Query("", max_length=8)):
    """Published reports, newest observation first; ``hs`` narrows to a chapter, heading or
    subheading (either way: a report on 0901 matches hs=09 and hs=090111)."""
    if "\x00" in hs:
        raise ValidationError({"hs": _("Enter an HS code.")})
    reports = selectors.market_reports(_viewer(request), market=_market(iso), hs=hs)
    return [_report_out(r) for r in reports]


@router.post(
    "/trade/markets/{iso}/reports",
    response={201: TradeMarketReport, **BODY_ERRORS},
    auth=REQUIRED,
    summary="File a report from a market",
)
def market_report_create(request: HttpRequest, payload: TradeMarketReportIn, iso: str):
    """For members with a registry profile: retail prices (with their currency), regulations,
    certificates asked for, competing products, demand — at least one of them."""
    code = _market(iso)
    viewer = _viewer(request)
    if not rules.can_file_market_report(viewer):
        raise PermissionDenied
    author = Person.objects.get(pk=viewer.person_id)
    report = services.market_report_create(author=author, market=code, **payload.model_dump())
    return Status(201, _report_out(report))


# --- distribution --------------------------------------------------------------------------------
@router.get(
    "/trade/channels",
    response={200: list[TradeMarketChannel], **ERRORS},
    auth=OPTIONAL,
    summary="Distribution channels",
)
def channels_list(request: HttpRequest, query: Query[TradeMarketChannelsQuery]):
    """Channels under way (not ended) of a market or of a product (one of the two is needed)."""
    if query.product_id is not None:
        product = selectors.product_get(_viewer(request), query.product_id)
        if product is None:
            raise Http404
        channels = selectors.channels_for_product(product)
        if query.market:
            channels = [c for c in channels if str(c.market) == query.market.upper()]
    elif query.market:
        channels = selectors.channels_for_market(_market(query.market))
    else:
        raise ValidationError({"market": _("Give a market or a product.")})
    return [_channel_out(c) for c in channels if c.status != "ended"]


@router.post(
    "/trade/channels",
    response={201: TradeMarketChannel, **BODY_ERRORS},
    auth=REQUIRED,
    summary="Record a distribution channel",
)
def channel_create(request: HttpRequest, payload: TradeMarketChannelIn):
    """For the managers of a distributor: the distributor carries a product of the catalogue in
    a market, through a channel."""
    viewer = _viewer(request)
    distributor = (
        Company.objects.select_related("organisation")
        .filter(pk=payload.distributor_id, role=CompanyRole.DISTRIBUTOR)
        .first()
    )
    if distributor is None:
        manages_one = Company.objects.filter(
            pk__in=viewer.admin_of, role=CompanyRole.DISTRIBUTOR
        ).exists()
        if not (manages_one or viewer.is_admin):
            raise PermissionDenied
        raise ValidationError({"distributor_id": _("This is not a distributor of the portal.")})
    if not rules.can_manage_company(viewer, distributor):
        raise PermissionDenied
    product = Product.objects.filter(pk=payload.product_id).first()
    if product is None:
        raise ValidationError({"product_id": _("Choose a product of the catalogue.")})
    values = payload.model_dump(exclude={"distributor_id", "product_id"})
    values["market"] = values["market"].upper()
    try:
        channel = services.channel_add(distributor=distributor, product=product, **values)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            names = {"distributor": "distributor_id", "product": "product_id"}
            raise ValidationError(
                {names.get(k, k): v for k, v in error.message_dict.items()}
            ) from None
        raise
    channel = DistributionChannel.objects.select_related(
        "distributor__organisation", "product__company__organisation"
    ).get(pk=channel.pk)
    return Status(201, _channel_out(channel))


# --- programme -----------------------------------------------------------------------------------
@router.get(
    "/trade/programme",
    response={200: TradeProgramme, **ERRORS},
    auth=OPTIONAL,
    summary="Project 1797's figures",
)
def programme(request: HttpRequest):
    """Products introduced (published, by year and by the exporters' markets), distribution
    channels opened (by year and market), confirmed deals (count and value by year and
    market). Suspended companies are left out."""
    f = markets.programme_figures()
    return {
        "totals": {
            "products": f.products,
            "channels": f.channels,
            "deals": f.deals,
            "deal_value_usd": f.deal_value_usd,
        },
        "products_by_year": [{"year": y, "count": n} for y, n in f.products_by_year],
        "products_by_market": [
            {"market": c, "name": name, "count": n} for c, name, n in f.products_by_market
        ],
        "channels_by_year": [{"year": y, "count": n} for y, n in f.channels_by_year],
        "channels_by_market_year": [
            {"market": c, "name": name, "year": y, "count": n}
            for c, name, y, n in f.channels_by_market_year
        ],
        "deals_by_year": [{"year": y, "count": n, "value_usd": v} for y, n, v in f.deals_by_year],
        "deals_by_market_year": [
            {"market": c, "name": name, "year": y, "count": n, "value_usd": v}
            for c, name, y, n, v in f.deals_by_market_year
        ],
    }
