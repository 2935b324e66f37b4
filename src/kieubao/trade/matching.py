"""Ranked counterparts of a trade lead, with the reasons.

    @dataclass Match: kind ("product" | "company"), product: Product | None,
                      company: Company, score: float (0..1), reasons: list[str] (translated
                      sentences), parts: dict[str, float] (each criterion's share)
    matches_for_lead(lead, *, limit=10, day=None) -> list[Match]
        buy request -> published products of active exporters; sell offer -> distributors

Two steps. Candidates come from the search indexes (search.py), which score roughly as below
(the lead's HS chapter required, heading, subheading, market, certificates valid on the day,
verification as bonuses), so the query touches only the chapter's documents and stops at
``CANDIDATES``. Then every candidate is read again from the database — still published, company
still active, certificates valid on ``day``, verifications not revoked — and scored exactly:

    HS code ........ 0.30  same subheading 1, same heading 0.7, same chapter 0.4 (a lead asking
                           for a heading gets 1 for any product of that heading)
    market ......... 0.15  the exporter already exports there (sell offers: the distributor
                           sells there)
    certificates ... 0.25  the share of the certificates needed (by the lead, and by the
                           market for the HS code: certificates.required_kinds) held valid on
                           the day; the missing ones are named. Nothing needed: full share
    volume ......... 0.10  the minimum order is at most the volume requested (units compared
                           only when equal); unknown or not comparable: half
    verification ... 0.10  an active verification by a public body
    reputation ..... 0.10  Company.reliability / 100

Each criterion that counts gives a sentence in the reader's language (``reasons``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import tantivy
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_countries import countries

from kieubao.core.text import tokens as _tokens

from . import reliability
from .certificates import required_kinds, valid_kinds_by_product
from .hs import chapter_name, display
from .models import (
    Certificate,
    CertificateKind,
    Company,
    CompanyRole,
    CompanyStatus,
    DistributionChannel,
    Lead,
    LeadKind,
    LeadStatus,
    Product,
    ProductStatus,
    Unit,
    Verification,
)
from .search import (
    COMPANY_SCHEMA,
    PRODUCT_SCHEMA,
    company_index,
    product_index,
    term,
    valid_on,
)

WEIGHTS = {
    "hs": 0.30,
    "market": 0.15,
    "certificates": 0.25,
    "volume": 0.10,
    "verified": 0.10,
    "reputation": 0.10,
}
CANDIDATES = 60
MAX_MARKETS_CHECKED = 5


@dataclass
class Match:
    kind: str
    product: Product | None
    company: Company
    score: float
    reasons: list[str] = field(default_factory=list)
    parts: dict[str, float] = field(default_factory=dict)


def matches_for_lead(lead: Lead, *, limit: int = 10, day: date | None = None) -> list[Match]:
    day = day or timezone.localdate()
    limit = max(1, min(int(limit), 50))
    if lead.kind == LeadKind.BUY:
        return _products_for(lead, limit, day)
    return _distributors_for(lead, limit, day)


# -- shared criteria ------------------------------------------------------------------------


def _kind_label(kind: str) -> str:
    try:
        return str(CertificateKind(kind).label)
    except ValueError:
        return kind


def _kinds(kinds) -> str:
    return ", ".join(_kind_label(k) for k in sorted(kinds))


def _country(code: str) -> str:
    return str(countries.name(code)) or code


def _hs_depth(wanted: str, code: str) -> float:
    """How closely ``code`` falls under the ``wanted`` code: 1 when it is within it (as
    precise as asked), else 0.7 for the same heading, 0.4 for the same chapter."""
    shared = 0
    for n in (2, 4, 6):
        if len(wanted) >= n and len(code) >= n and wanted[:n] == code[:n]:
            shared = n
        else:
            break
    if not shared:
        return 0.0
    if shared == len(wanted):
        return 1.0
    return 0.7 if shared == 4 else 0.4


def _hs_reason(wanted: str, code: str, part: float) -> str | None:
    if part <= 0:
        return None
    if part >= 1.0:
        if code == wanted:
            return _("Same HS code %(code)s") % {"code": display(code)}
        return _("HS code %(code)s, within the %(asked)s asked for") % {
            "code": display(code),
            "asked": display(wanted),
        }
    if part >= 0.7:
        return _("Same HS heading %(heading)s") % {"heading": display(code[:4])}
    return _("Same HS chapter %(chapter)s: %(name)s") % {
        "chapter": code[:2],
        "name": chapter_name(code[:2]),
    }


def _certificates_part(
    needed: set[str], required: set[str], held: set[str], market: str, reasons: list | None
) -> float:
    wanted = needed | required
    if not wanted:
        return 1.0
    have = wanted & held
    missing = wanted - held
    if reasons is None:
        return len(have) / len(wanted)
    if have:
        reasons.append(_("Holds valid certificates: %(kinds)s") % {"kinds": _kinds(have)})
    if missing & needed:
        reasons.append(
            _("Missing certificates asked for: %(kinds)s") % {"kinds": _kinds(missing & needed)}
        )
    if (missing & required) - needed:
        reasons.append(
            _("Missing certificates %(market)s requires for these goods: %(kinds)s")
            % {"market": _country(market), "kinds": _kinds((missing & required) - needed)}
        )
    return len(have) / len(wanted)


def _volume_part(
    minimum: Decimal | None,
    minimum_unit: str,
    volume: Decimal | None,
    volume_unit: str,
    reasons: list | None,
) -> float:
    if minimum is None or volume is None or minimum_unit != volume_unit:
        return 0.5
    if reasons is None:
        return 1.0 if minimum <= volume else 0.0
    unit = str(Unit(minimum_unit).label) if minimum_unit in Unit.values else minimum_unit
    values = {
        "minimum": number_format(minimum, decimal_pos=0, use_l10n=True, force_grouping=True),
        "volume": number_format(volume, decimal_pos=0, use_l10n=True, force_grouping=True),
        "unit": unit,
    }
    if minimum <= volume:
        reasons.append(
            _("Minimum order %(minimum)s %(unit)s fits the %(volume)s %(unit)s asked for") % values
        )
        return 1.0
    reasons.append(
        _("Minimum order %(minimum)s %(unit)s is more than the %(volume)s %(unit)s asked for")
        % values
    )
    return 0.0


def _verifications(company_ids) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for verification in Verification.objects.filter(
        company_id__in=company_ids, revoked_at__isnull=True
    ).select_related("body"):
        out.setdefault(verification.company_id, []).append(verification.body.display_name())
    return out


def _trust_reasons(company: Company, bodies: list[str], reasons: list[str]) -> None:
    if bodies:
        reasons.append(_("Verified by %(bodies)s") % {"bodies": ", ".join(sorted(bodies))})
    _key, label = reliability.level(company)
    if company.reliability_detail:
        reasons.append(
            _("Reliability %(score)d / 100 (%(level)s)")
            % {"score": company.reliability, "level": label}
        )


def _total(parts: dict[str, float]) -> tuple[float, dict[str, float]]:
    shares = {k: round(WEIGHTS[k] * v, 4) for k, v in parts.items()}
    return round(sum(shares.values()), 4), shares


def _const(query: tantivy.Query, score: float) -> tuple[tantivy.Occur, tantivy.Query]:
    return (tantivy.Occur.Should, tantivy.Query.const_score_query(query, score))


# -- buy request -> products ----------------------------------------------------------------


def product_candidates(lead: Lead, day: date, wanted: set[str]) -> list[int]:
    code = lead.hs_code
    clauses = [
        (
            tantivy.Occur.Must,
            tantivy.Query.const_score_query(
                term(PRODUCT_SCHEMA, "kw", f"hs:{code[:2]}"), 0.4 * WEIGHTS["hs"]
            ),
        )
    ]
    if len(code) >= 4:
        clauses.append(_const(term(PRODUCT_SCHEMA, "kw", f"hs:{code[:4]}"), 0.3 * WEIGHTS["hs"]))
    if len(code) >= 6:
        clauses.append(_const(term(PRODUCT_SCHEMA, "kw", f"hs:{code}"), 0.3 * WEIGHTS["hs"]))
    if lead.market:
        clauses.append(_const(term(PRODUCT_SCHEMA, "kw", f"m:{lead.market}"), WEIGHTS["market"]))
    for kind in sorted(wanted):
        share = WEIGHTS["certificates"] / len(wanted)
        clauses.append(_const(valid_on(PRODUCT_SCHEMA, kind, day), share))
    clauses.append(_const(term(PRODUCT_SCHEMA, "kw", "ver"), WEIGHTS["verified"]))
    for word in _tokens(lead.title)[:6]:
        clauses.append(
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(term(PRODUCT_SCHEMA, "name", word), 0.01),
            )
        )
    clauses.append((tantivy.Occur.MustNot, term(PRODUCT_SCHEMA, "company", lead.company_id)))
    query = tantivy.Query.boolean_query(clauses)
    return product_index().search(query, ranked=True, limit=CANDIDATES, count=False).ids


def _product_parts(
    lead: Lead, wanted: tuple[set, set, str], row: tuple, held: set, verified: bool, reasons
) -> dict[str, float]:
    """The criteria for one product (``row``: hs_code, markets, minimum, unit, reliability);
    with a ``reasons`` list, their sentences too."""
    needed, required, market = wanted
    hs_code, markets, minimum, unit, reliability_score = row
    parts = {"hs": _hs_depth(lead.hs_code, hs_code)}
    parts["market"] = 1.0 if market and market in (markets or ()) else 0.0
    if reasons is not None:
        hs_reason = _hs_reason(lead.hs_code, hs_code, parts["hs"])
        if hs_reason:
            reasons.append(hs_reason)
        if parts["market"]:
            reasons.append(_("Already exports to %(market)s") % {"market": _country(market)})
    parts["certificates"] = _certificates_part(needed, required, held, market, reasons)
    parts["volume"] = _volume_part(minimum, unit, lead.volume, lead.volume_unit, reasons)
    parts["verified"] = 1.0 if verified else 0.0
    parts["reputation"] = reliability_score / 100
    return parts


def _valid_kinds(product_companies: dict[int, int], day: date) -> dict[int, set[str]]:
    """product id -> kinds valid on ``day`` (its own certificates and its company's)."""
    valid = Q(valid_from__lte=day, valid_to__gte=day)
    own: dict[int, set[str]] = {}
    for pid, kind in Certificate.objects.filter(
        valid, product_id__in=list(product_companies)
    ).values_list("product_id", "kind"):
        own.setdefault(pid, set()).add(kind)
    wide: dict[int, set[str]] = {}
    for cid, kind in Certificate.objects.filter(
        valid, product__isnull=True, company_id__in=set(product_companies.values())
    ).values_list("company_id", "kind"):
        wide.setdefault(cid, set()).add(kind)
    return {
        pid: own.get(pid, set()) | wide.get(cid, set()) for pid, cid in product_companies.items()
    }


def _products_for(lead: Lead, limit: int, day: date) -> list[Match]:
    needed = set(lead.certificates or ())
    market = str(lead.market or "")
    required = required_kinds(market, lead.hs_code)
    wanted = (needed, required, market)
    ids = product_candidates(lead, day, needed | required)
    if not ids:
        return []
    # Score from plain values first; objects and sentences only for the ``limit`` best.
    rows = {
        pk: (cid, row)
        for pk, cid, *row in Product.objects.filter(
            pk__in=ids,
            status=ProductStatus.PUBLISHED,
            company__status=CompanyStatus.ACTIVE,
            company__role=CompanyRole.EXPORTER,
        )
        .exclude(company_id=lead.company_id)
        .values_list(
            "pk",
            "company_id",
            "hs_code",
            "company__markets",
            "min_order_quantity",
            "min_order_unit",
            "company__reliability",
        )
    }
    if not rows:
        return []
    held = _valid_kinds({pk: cid for pk, (cid, _row) in rows.items()}, day)
    verified = set(
        Verification.objects.filter(
            company_id__in={cid for cid, _row in rows.values()}, revoked_at__isnull=True
        ).values_list("company_id", flat=True)
    )
    ranked = []
    for pk, (cid, row) in rows.items():
        parts = _product_parts(lead, wanted, row, held[pk], cid in verified, None)
        score, _shares = _total(parts)
        ranked.append((-score, -row[-1], pk))
    ranked.sort()
    best = [pk for _s, _r, pk in ranked[:limit]]
    products = Product.objects.select_related("company__organisation").in_bulk(best)
    bodies = _verifications({products[pk].company_id for pk in best})
    matches = []
    for pk in best:
        product = products[pk]
        company = product.company
        reasons: list[str] = []
        cid, row = rows[pk]
        parts = _product_parts(lead, wanted, row, held[pk], cid in verified, reasons)
        _trust_reasons(company, bodies.get(cid, []), reasons)
        score, shares = _total(parts)
        matches.append(
            Match(
                kind="product",
                product=product,
                company=company,
                score=score,
                reasons=reasons,
                parts=shares,
            )
        )
    return matches


# -- sell offer -> distributors -------------------------------------------------------------


def distributor_candidates(lead: Lead) -> list[int]:
    """Active distributors selling in the offer's market (any market if it names none) whose
    sectors, buy requests or distribution channels touch the offer's HS chapter."""
    chapter = lead.hs_code[:2]
    clauses = [
        (tantivy.Occur.Must, term(COMPANY_SCHEMA, "kw", "role:distributor")),
        (tantivy.Occur.Must, term(COMPANY_SCHEMA, "kw", f"s:{chapter}")),
        _const(term(COMPANY_SCHEMA, "kw", "ver"), WEIGHTS["verified"]),
    ]
    if lead.market:
        clauses.append((tantivy.Occur.Must, term(COMPANY_SCHEMA, "kw", f"m:{lead.market}")))
    query = tantivy.Query.boolean_query(clauses)
    ids = company_index().search(query, ranked=True, limit=CANDIDATES, count=False).ids
    # Buy requests and channels are not in the company index's sectors until the next
    # update: read them (indexed columns, bounded).
    ids += list(
        Lead.objects.filter(kind=LeadKind.BUY, status=LeadStatus.OPEN, hs_code__startswith=chapter)
        .order_by("-created_at")
        .values_list("company_id", flat=True)[: CANDIDATES * 2]
    )
    ids += list(
        DistributionChannel.objects.filter(product__hs_code__startswith=chapter)
        .exclude(status="ended")
        .values_list("distributor_id", flat=True)[: CANDIDATES * 2]
    )
    return list(dict.fromkeys(ids))


def _offer_held(lead: Lead, day: date) -> set[str]:
    if lead.product_id:
        return valid_kinds_by_product([lead.product_id], day).get(lead.product_id, set())
    return set(
        Certificate.objects.filter(
            company_id=lead.company_id, valid_from__lte=day, valid_to__gte=day
        ).values_list("kind", flat=True)
    )


@dataclass
class _Distributor:
    pk: int
    markets: list
    sectors: list
    reliability: int


def _distributor_parts(
    lead: Lead, d: _Distributor, facts: dict, verified: bool, reasons
) -> dict[str, float]:
    """The criteria for one distributor; with a ``reasons`` list, their sentences too."""
    chapter, market = lead.hs_code[:2], str(lead.market or "")
    leads = facts["buy_leads"].get(d.pk, [])
    best = max(leads, key=lambda b: _hs_depth(b.hs_code, lead.hs_code), default=None)
    hs_part = _hs_depth(best.hs_code, lead.hs_code) if best else 0.0
    says = reasons is not None
    if says and best is not None and hs_part:
        reasons.append(
            _("Has an open buy request for HS %(code)s: %(title)s")
            % {"code": display(best.hs_code), "title": best.title}
        )
    if d.pk in facts["carrying"]:
        hs_part = max(hs_part, 0.7)
        if says:
            reasons.append(
                _("Already distributes goods of HS chapter %(chapter)s") % {"chapter": chapter}
            )
    if chapter in (d.sectors or ()):
        hs_part = max(hs_part, 0.4)
        if says:
            reasons.append(
                _("Works in HS chapter %(chapter)s: %(name)s")
                % {"chapter": chapter, "name": chapter_name(chapter)}
            )
    parts = {"hs": hs_part}
    markets = list(d.markets or ())
    if market:
        parts["market"] = 1.0
        checked = [market]
        if says:
            reasons.append(_("Sells in %(market)s") % {"market": _country(market)})
    else:
        parts["market"] = 1.0 if markets else 0.0
        checked = markets[:MAX_MARKETS_CHECKED]
        if says and markets:
            reasons.append(
                _("Sells in %(markets)s") % {"markets": ", ".join(_country(m) for m in checked)}
            )
    needed = {k for b in leads for k in (b.certificates or ())}
    required = set().union(*(facts["required"](m) for m in checked)) if checked else set()
    parts["certificates"] = _certificates_part(
        needed, required, facts["held"], checked[0] if checked else "", reasons
    )
    parts["volume"] = 0.5
    if best is not None:
        # The offer's volume is what the exporter can supply: enough for the request?
        parts["volume"] = _volume_part(
            best.volume, best.volume_unit, lead.volume, lead.volume_unit, None
        )
    parts["verified"] = 1.0 if verified else 0.0
    parts["reputation"] = d.reliability / 100
    return parts


def _distributors_for(lead: Lead, limit: int, day: date) -> list[Match]:
    ids = distributor_candidates(lead)
    if not ids:
        return []
    market = str(lead.market or "")
    distributors = [
        d
        for d in (
            _Distributor(*row)
            for row in Company.objects.filter(
                pk__in=ids, role=CompanyRole.DISTRIBUTOR, status=CompanyStatus.ACTIVE
            ).values_list("pk", "markets", "sectors", "reliability")
        )
        if not market or market in (d.markets or ())
    ]
    if not distributors:
        return []
    chapter = lead.hs_code[:2]
    dids = [d.pk for d in distributors]
    buy_leads: dict[int, list[Lead]] = {}
    for buy in Lead.objects.filter(
        company_id__in=dids,
        kind=LeadKind.BUY,
        status=LeadStatus.OPEN,
        hs_code__startswith=chapter,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day)):
        buy_leads.setdefault(buy.company_id, []).append(buy)
    required_of: dict[str, set[str]] = {}

    def required(country: str) -> set[str]:
        if country not in required_of:
            required_of[country] = required_kinds(country, lead.hs_code)
        return required_of[country]

    facts = {
        "buy_leads": buy_leads,
        "carrying": set(
            DistributionChannel.objects.filter(
                distributor_id__in=dids, product__hs_code__startswith=chapter
            )
            .exclude(status="ended")
            .values_list("distributor_id", flat=True)
        ),
        "held": _offer_held(lead, day),
        "required": required,
    }
    verified = set(
        Verification.objects.filter(company_id__in=dids, revoked_at__isnull=True).values_list(
            "company_id", flat=True
        )
    )
    ranked = []
    for d in distributors:
        score, _shares = _total(_distributor_parts(lead, d, facts, d.pk in verified, None))
        ranked.append((-score, -d.reliability, d.pk, d))
    ranked.sort(key=lambda r: r[:3])
    best = [r[3] for r in ranked[:limit]]
    companies = Company.objects.select_related("organisation").in_bulk([d.pk for d in best])
    bodies = _verifications([d.pk for d in best])
    matches = []
    for d in best:
        company = companies[d.pk]
        reasons: list[str] = []
        parts = _distributor_parts(lead, d, facts, d.pk in verified, reasons)
        _trust_reasons(company, bodies.get(d.pk, []), reasons)
        score, shares = _total(parts)
        matches.append(
            Match(
                kind="company",
                product=None,
                company=company,
                score=score,
                reasons=reasons,
                parts=shares,
            )
        )
    return matches
