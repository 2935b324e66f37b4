"""Reads of the market pages and the programme dashboard: public aggregates only (no person,
no contact). A *market* is a country (ISO 3166 alpha-2) other than Viet Nam that something on
the portal is about: trade statistics, distributors, buy requests, channels, reports or
declared requirements.

Trade statistics may hold a chapter and its headings and subheadings side by side (a Comtrade
extract at several levels): a chapter's value in a year is its 2-digit line if there is one,
else the sum of its 4-digit lines, else of its 6-digit lines — never a sum across levels.
Viet Nam's exports to a market are the lines reported by Viet Nam (flow export); where Viet Nam
reported nothing for the market, the market's own imports from Viet Nam (mirror data) are shown
instead, and the page says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear, Length, Substr
from django_countries import countries

from kieubao.community.rules import Viewer
from kieubao.core.countries import country_name

from . import selectors
from .hs import CHAPTERS, chapter_name
from .models import (
    CertificateKind,
    Company,
    CompanyRole,
    CompanyStatus,
    Deal,
    DealStatus,
    DistributionChannel,
    Lead,
    LeadKind,
    LeadStatus,
    MarketReport,
    MarketReportStatus,
    MarketRequirement,
    Product,
    ProductStatus,
    TradeFlow,
    TradeStat,
)

VIETNAM = "VN"
SOURCE_VIETNAM = "vietnam"  # Viet Nam's reported exports
SOURCE_MIRROR = "mirror"  # the market's reported imports from Viet Nam
CHART_CHAPTERS = 6  # chapters drawn one by one; the rest are summed as "other"


def is_market(code: str) -> bool:
    code = (code or "").upper()
    return len(code) == 2 and code != VIETNAM and code in countries


def demo_statistics() -> bool:
    """Whether the trade statistics include the demo's synthetic figures (the pages say so)."""
    from kieubao.core.models import AuditAction, AuditEntry

    return AuditEntry.objects.filter(
        action=AuditAction.IMPORT, target_type="trade_stats", detail__demo=True
    ).exists()


def clean_chapter(value: str | None) -> str:
    """A chapter from a query parameter ("09", "9", "0901" → "09"), or "" when not one."""
    digits = "".join(ch for ch in str(value or "")[:8] if ch.isdigit())
    if len(digits) == 1:
        digits = "0" + digits
    return digits[:2] if digits[:2] in CHAPTERS else ""


# --- trade statistics ----------------------------------------------------------------------------
def _chapter_values(qs) -> dict[tuple[str, int, str], Decimal]:
    """(country, year, chapter) -> value, one level per chapter (see the module docstring);
    ``qs`` is annotated with ``country``."""
    rows = (
        qs.annotate(chapter=Substr("hs_code", 1, 2), digits=Length("hs_code"))
        .values("country", "year", "chapter", "digits")
        .annotate(total=Sum("value_usd"))
        .order_by()
    )
    best: dict[tuple[str, int, str], tuple[int, Decimal]] = {}
    for row in rows:
        key = (row["country"], row["year"], row["chapter"])
        if key not in best or row["digits"] < best[key][0]:
            best[key] = (row["digits"], row["total"] or Decimal(0))
    return {key: value for key, (_digits, value) in best.items()}


def _exports(market: str | None = None) -> tuple[dict, dict[str, str]]:
    """(market, year, chapter) -> value of Viet Nam's exports, and market -> source."""
    from django.db.models import F

    reported = TradeStat.objects.filter(reporter=VIETNAM, flow=TradeFlow.EXPORT)
    mirror = TradeStat.objects.filter(partner=VIETNAM, flow=TradeFlow.IMPORT)
    if market:
        reported = reported.filter(partner=market)
        mirror = mirror.filter(reporter=market)
    values = _chapter_values(reported.annotate(country=F("partner")))
    sources = {key[0]: SOURCE_VIETNAM for key in values}
    for key, value in _chapter_values(mirror.annotate(country=F("reporter"))).items():
        if sources.get(key[0], SOURCE_MIRROR) == SOURCE_MIRROR:
            sources[key[0]] = SOURCE_MIRROR
            values[key] = value
    return values, sources


# --- distributors -------------------------------------------------------------------------------
def _distributors() -> list[Company]:
    return list(
        Company.objects.select_related("organisation").filter(
            role=CompanyRole.DISTRIBUTOR, status=CompanyStatus.ACTIVE
        )
    )


def _markets_of(company: Company) -> set[str]:
    return {str(company.organisation.country), *company.markets} - {"", VIETNAM}


# --- the list of markets -----------------------------------------------------------------------
@dataclass
class MarketSummary:
    code: str
    name: str
    exports_usd: Decimal | None = None  # in the latest year with figures
    exports_year: int | None = None
    source: str = ""
    distributors: int = 0
    buy_requests: int = 0
    reports: int = 0
    channels: int = 0


def markets_list() -> list[MarketSummary]:
    """Every market the portal knows something about, the largest export markets first."""
    summaries: dict[str, MarketSummary] = {}

    def summary(code: str) -> MarketSummary | None:
        code = str(code or "").upper()
        if not is_market(code):
            return None
        if code not in summaries:
            summaries[code] = MarketSummary(code=code, name=country_name(code))
        return summaries[code]

    values, sources = _exports()
    by_year: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for (market, year, _chapter), value in values.items():
        by_year[(market, year)] += value
    for (market, year), value in by_year.items():
        s = summary(market)
        if s is not None and (s.exports_year is None or year > s.exports_year):
            s.exports_year, s.exports_usd, s.source = year, value, sources[market]
    for company in _distributors():
        for code in _markets_of(company):
            if (s := summary(code)) is not None:
                s.distributors += 1
    for market, n in (
        Lead.objects.filter(
            kind=LeadKind.BUY, status=LeadStatus.OPEN, company__status=CompanyStatus.ACTIVE
        )
        .values_list("market")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if (s := summary(market)) is not None:
            s.buy_requests = n
    for market, n in (
        MarketReport.objects.filter(status=MarketReportStatus.PUBLISHED)
        .values_list("market")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if (s := summary(market)) is not None:
            s.reports = n
    for market, n in _active_channels().values_list("market").annotate(n=Count("id")).order_by():
        if (s := summary(market)) is not None:
            s.channels = n
    for market in MarketRequirement.objects.values_list("country", flat=True).distinct():
        summary(market)
    return sorted(
        summaries.values(), key=lambda s: (-(s.exports_usd or 0), -s.distributors, s.name)
    )


def _active_channels():
    return DistributionChannel.objects.filter(
        distributor__status=CompanyStatus.ACTIVE,
        product__status=ProductStatus.PUBLISHED,
        product__company__status=CompanyStatus.ACTIVE,
    ).exclude(status="ended")


# --- one market --------------------------------------------------------------------------------
@dataclass
class ReportSummary:
    """What the members' reports say about one HS code of the market."""

    hs_code: str
    chapter_name: str
    reports: int = 0
    prices: dict[str, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    certificates: set[str] = field(default_factory=set)
    competitors: list[str] = field(default_factory=list)
    demand: list[str] = field(default_factory=list)

    @property
    def certificate_labels(self) -> list[str]:
        return certificate_labels(sorted(self.certificates))


def certificate_labels(kinds) -> list[str]:
    labels = dict(CertificateKind.choices)
    return [str(labels.get(kind, kind)) for kind in kinds]


@dataclass
class MarketPage:
    code: str
    name: str
    chapter: str  # the filter ("" for all)
    chapters: list[tuple[str, str]]  # chapters with something on the page, for the filter
    source: str  # SOURCE_VIETNAM, SOURCE_MIRROR or "" (no statistics)
    years: list[int]
    exports: list[dict]  # table rows: chapter, name, values by year (aligned with years), total
    exports_total: list[Decimal]  # by year
    chart: dict
    demand: list[dict]  # chapter, name, open buy requests
    distributors: list[dict]
    channels: list
    reports: list
    report_summary: list[ReportSummary]
    requirements: list[dict]  # hs_prefix, certificates (kinds), labels, note


def _in_chapter(code: str, chapter: str) -> bool:
    return not chapter or code.startswith(chapter)


def market_page(viewer: Viewer, code: str, *, chapter: str = "") -> MarketPage | None:
    code = (code or "").upper()
    if not is_market(code):
        return None
    chapter = clean_chapter(chapter)
    values, sources = _exports(code)
    present_chapters: set[str] = {c for (_m, _y, c) in values}
    years = sorted({y for (_m, y, _c) in values})
    per_chapter: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for (_market, year, ch), value in values.items():
        if _in_chapter(ch, chapter):
            per_chapter[ch][year] = value
    ranked = sorted(per_chapter, key=lambda c: (-sum(per_chapter[c].values()), c))
    exports = [
        {
            "chapter": ch,
            "name": chapter_name(ch),
            "values": [per_chapter[ch].get(y) for y in years],
            "total": sum(per_chapter[ch].values(), Decimal(0)),
        }
        for ch in ranked
    ]
    exports_total = [sum((per_chapter[c].get(y) or 0 for c in ranked), Decimal(0)) for y in years]
    datasets = [
        {"label": f"{row['chapter']} {row['name'][:40]}", "values": row["values"]}
        for row in exports[:CHART_CHAPTERS]
    ]
    if len(exports) > CHART_CHAPTERS:
        rest = exports[CHART_CHAPTERS:]
        datasets.append(
            {
                "label": "…",
                "values": [
                    sum((r["values"][i] or 0 for r in rest), Decimal(0)) for i in range(len(years))
                ],
            }
        )

    leads = Lead.objects.filter(
        kind=LeadKind.BUY,
        status=LeadStatus.OPEN,
        company__status=CompanyStatus.ACTIVE,
        market=code,
    )
    demand_counts: dict[str, int] = defaultdict(int)
    for hs_code in leads.values_list("hs_code", flat=True):
        present_chapters.add(hs_code[:2])
        if _in_chapter(hs_code, chapter):
            demand_counts[hs_code[:2]] += 1
    demand = [
        {"chapter": ch, "name": chapter_name(ch), "requests": n}
        for ch, n in sorted(demand_counts.items(), key=lambda item: (-item[1], item[0]))
    ]

    channels = [
        c
        for c in selectors.channels_for_market(code)
        if c.status != "ended" and _in_chapter(c.product.hs_code, chapter)
    ]
    for c in channels:
        present_chapters.add(c.product.hs_code[:2])
    channels_by_distributor: dict[int, list] = defaultdict(list)
    for c in channels:
        channels_by_distributor[c.distributor_id].append(c)
    distributors = []
    for company in _distributors():
        if code not in _markets_of(company):
            continue
        if chapter and chapter not in company.sectors and not channels_by_distributor[company.pk]:
            continue
        distributors.append(
            {
                "company": company,
                "channels": [_channel_label(c) for c in company.channels],
                "carried": len(channels_by_distributor[company.pk]),
            }
        )
    distributors.sort(key=lambda d: (-d["carried"], d["company"].name_folded))

    reports = selectors.market_reports(viewer, market=code, hs=chapter)
    all_reports = reports if not chapter else selectors.market_reports(viewer, market=code)
    present_chapters.update(r.hs_code[:2] for r in all_reports)
    summaries: dict[str, ReportSummary] = {}
    for report in reports:
        if report.status != MarketReportStatus.PUBLISHED:
            continue
        s = summaries.setdefault(
            report.hs_code, ReportSummary(report.hs_code, chapter_name(report.hs_code))
        )
        s.reports += 1
        if report.currency and (report.price_min is not None or report.price_max is not None):
            low, high = s.prices.get(report.currency, (None, None))
            if report.price_min is not None:
                low = report.price_min if low is None else min(low, report.price_min)
            if report.price_max is not None:
                high = report.price_max if high is None else max(high, report.price_max)
            s.prices[report.currency] = (low, high)
        s.certificates.update(report.certificates)
        if report.competitors:
            s.competitors.append(report.competitors)
        if report.demand:
            s.demand.append(report.demand)

    requirements = [
        {
            "hs_prefix": r.hs_prefix,
            "certificates": list(r.certificates),
            "labels": certificate_labels(r.certificates),
            "note": r.note,
        }
        for r in MarketRequirement.objects.filter(country=code).order_by("hs_prefix")
        if not chapter or not r.hs_prefix or r.hs_prefix.startswith(chapter)
    ]
    present_chapters.update(r["hs_prefix"][:2] for r in requirements if r["hs_prefix"])
    return MarketPage(
        code=code,
        name=country_name(code),
        chapter=chapter,
        chapters=[(c, chapter_name(c)) for c in sorted(present_chapters) if c in CHAPTERS],
        source=sources.get(code, ""),
        years=years,
        exports=exports,
        exports_total=exports_total,
        chart={
            "exports": {
                "labels": [str(y) for y in years],
                "datasets": [
                    {"label": d["label"], "data": [float(v or 0) for v in d["values"]]}
                    for d in datasets
                ],
            },
            "demand": {
                "labels": [f"{d['chapter']} {d['name'][:40]}" for d in demand],
                "datasets": [{"label": "", "data": [d["requests"] for d in demand]}],
            },
        },
        demand=demand,
        distributors=distributors,
        channels=channels,
        reports=reports,
        report_summary=sorted(summaries.values(), key=lambda s: (-s.reports, s.hs_code)),
        requirements=requirements,
    )


def _channel_label(value: str) -> str:
    from .models import Channel

    try:
        return str(Channel(value).label)
    except ValueError:
        return value


def market_stats(code: str) -> dict | None:
    """The market's trade statistics by chapter and year (for the API)."""
    code = (code or "").upper()
    if not is_market(code):
        return None
    values, sources = _exports(code)
    return {
        "market": code,
        "source": sources.get(code) or None,
        "figures": [
            {"chapter": ch, "year": year, "value_usd": value}
            for (_m, year, ch), value in sorted(values.items())
        ],
    }


# --- the programme dashboard ------------------------------------------------------------------
@dataclass
class ProgrammeFigures:
    products: int
    channels: int
    deals: int
    deal_value_usd: Decimal
    products_by_year: list[tuple[int, int]]
    products_by_market: list[tuple[str, str, int]]  # code, name, products
    channels_by_market_year: list[tuple[str, str, int, int]]  # code, name, year, channels
    channels_by_year: list[tuple[int, int]]
    deals_by_market_year: list[tuple[str, str, int, int, Decimal]]  # …, deals, value
    deals_by_year: list[tuple[int, int, Decimal]]
    chart: dict = field(default_factory=dict)


def programme_figures() -> ProgrammeFigures:
    """Project 1797's figures: products introduced (published, by year and by the exporters'
    markets), distribution channels opened (by market and year started) and confirmed deals
    (count and value by market and year). Suspended companies are left out."""
    products = Product.objects.filter(
        status=ProductStatus.PUBLISHED, company__status=CompanyStatus.ACTIVE
    )
    products_by_year = sorted(
        (year, n)
        for year, n in products.annotate(y=ExtractYear("published_at"))
        .values_list("y")
        .annotate(n=Count("id"))
        .order_by()
        if year is not None
    )
    per_market: dict[str, int] = defaultdict(int)
    for markets, n in products.values_list("company__markets").annotate(n=Count("id")).order_by():
        for code in set(markets or []):
            if is_market(code):
                per_market[code] += n
    channels = DistributionChannel.objects.filter(
        distributor__status=CompanyStatus.ACTIVE, product__company__status=CompanyStatus.ACTIVE
    )
    channel_rows = (
        channels.annotate(y=ExtractYear("started_on"))
        .values_list("market", "y")
        .annotate(n=Count("id"))
        .order_by()
    )
    channels_by_market_year = sorted(
        ((str(m), country_name(str(m)), y, n) for m, y, n in channel_rows),
        key=lambda r: (r[1], r[2]),
    )
    channels_by_year: dict[int, int] = defaultdict(int)
    for _code, _name, year, n in channels_by_market_year:
        channels_by_year[year] += n
    deals = Deal.objects.filter(
        Q(status=DealStatus.CONFIRMED),
        exporter__status=CompanyStatus.ACTIVE,
        distributor__status=CompanyStatus.ACTIVE,
    )
    deal_rows = (
        deals.annotate(y=ExtractYear("deal_date"))
        .values_list("market", "y")
        .annotate(n=Count("id"), v=Sum("value_usd"))
        .order_by()
    )
    deals_by_market_year = sorted(
        ((str(m), country_name(str(m)), y, n, v or Decimal(0)) for m, y, n, v in deal_rows),
        key=lambda r: (r[1], r[2]),
    )
    deals_by_year: dict[int, list] = defaultdict(lambda: [0, Decimal(0)])
    value_by_market: dict[str, Decimal] = defaultdict(Decimal)
    for code, _name, year, n, value in deals_by_market_year:
        deals_by_year[year][0] += n
        deals_by_year[year][1] += value
        value_by_market[code] += value
    figures = ProgrammeFigures(
        products=products.count(),
        channels=channels.count(),
        deals=sum(r[3] for r in deals_by_market_year),
        deal_value_usd=sum((r[4] for r in deals_by_market_year), Decimal(0)),
        products_by_year=products_by_year,
        products_by_market=sorted(
            ((c, country_name(c), n) for c, n in per_market.items()), key=lambda r: (-r[2], r[1])
        ),
        channels_by_market_year=channels_by_market_year,
        channels_by_year=sorted(channels_by_year.items()),
        deals_by_market_year=deals_by_market_year,
        deals_by_year=[(y, n, v) for y, (n, v) in sorted(deals_by_year.items())],
    )
    top_value = sorted(value_by_market.items(), key=lambda item: -item[1])[:12]
    figures.chart = {
        "products": _series(
            [str(y) for y, _n in products_by_year], [n for _y, n in products_by_year]
        ),
        "channels": _series(
            [str(y) for y, _n in figures.channels_by_year],
            [n for _y, n in figures.channels_by_year],
        ),
        "deals": _series(
            [str(y) for y, _n, _v in figures.deals_by_year],
            [float(v) for _y, _n, v in figures.deals_by_year],
        ),
        "markets": _series(
            [country_name(c) for c, _v in top_value], [float(v) for _c, v in top_value]
        ),
    }
    return figures


def _series(labels: list[str], data: list) -> dict:
    return {"labels": labels, "datasets": [{"label": "", "data": data}]}


def programme_tables(figures: ProgrammeFigures) -> list[tuple[str, list[str], list[list]]]:
    """The dashboard's tables as (title, headers, rows), for the XLSX export (a sheet each)."""
    from django.utils.translation import gettext as _

    return [
        (
            _("Totals"),
            [_("Figure"), _("Value")],
            [
                [_("Products introduced"), figures.products],
                [_("Distribution channels opened"), figures.channels],
                [_("Deals recorded"), figures.deals],
                [_("Value of deals (USD)"), figures.deal_value_usd],
            ],
        ),
        (
            _("Products by year"),
            [_("Year"), _("Products")],
            [[y, n] for y, n in figures.products_by_year],
        ),
        (
            _("Products by market"),
            [_("Market"), _("Country code"), _("Products")],
            [[name, code, n] for code, name, n in figures.products_by_market],
        ),
        (
            _("Channels by market"),
            [_("Market"), _("Country code"), _("Year started"), _("Channels")],
            [[name, code, y, n] for code, name, y, n in figures.channels_by_market_year],
        ),
        (
            _("Deals by market"),
            [_("Market"), _("Country code"), _("Year"), _("Deals"), _("Value (USD)")],
            [[name, code, y, n, v] for code, name, y, n, v in figures.deals_by_market_year],
        ),
    ]


def programme_xlsx(figures: ProgrammeFigures) -> bytes:
    """The tables in a workbook, a sheet each; text through core.csvsafe (no formulas)."""
    import io

    from openpyxl import Workbook

    from kieubao.core.csvsafe import safe_cell

    book = Workbook(write_only=True)
    for title, headers, rows in programme_tables(figures):
        sheet = book.create_sheet(safe_cell(str(title))[:31])
        sheet.append([safe_cell(str(h)) for h in headers])
        for row in rows:
            sheet.append(
                [
                    float(c)
                    if isinstance(c, Decimal)
                    else safe_cell(c)
                    if isinstance(c, str)
                    else c
                    for c in row
                ]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
