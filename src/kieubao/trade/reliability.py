"""The reliability indicator of a company (0–100), with how it was computed.

Built only from facts recorded on the platform, each shown with its points:

    verification by a public body ....... +30 for the first body, +10 for a second (revoked ones
                                           do not count)
    confirmed deals ...................... +4 each, at most +20
    reviews by deal partners ............. up to +25: the mean rating pulled towards 3 by two
                                           imaginary neutral reviews (a single 5 is not a track
                                           record), mapped from 1–5 to 0–25 points
    valid certificates ................... +5 with one, +10 with three or more kinds
    on the platform for a year ........... +5
    upheld fraud reports ................. −40 each
    suspended by the platform ............ the indicator is 0

Open fraud reports are not counted (a report is not a finding) but are shown to the admins.
Levels: 70 and above "high", 40–69 "medium", below 40 "low"; without any fact at all, "new".
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    Certificate,
    Company,
    CompanyStatus,
    Deal,
    DealStatus,
    FraudReport,
    FraudStatus,
    Review,
    Verification,
)

PRIOR_REVIEWS = 2
PRIOR_RATING = 3.0
LEVELS = (
    (70, "high", _("High")),
    (40, "medium", _("Medium")),
    (0, "low", _("Low")),
)


def compute(company: Company, *, today: date | None = None) -> tuple[int, list[dict]]:
    """(score, parts): each part {"key", "points", "count"} — labels are made at display time
    (``describe``) so they follow the reader's language."""
    today = today or timezone.localdate()
    if company.status == CompanyStatus.SUSPENDED:
        return 0, [{"key": "suspended", "points": 0, "count": 1}]
    parts: list[dict] = []
    bodies = (
        Verification.objects.filter(company=company, revoked_at__isnull=True)
        .values("body")
        .distinct()
        .count()
    )
    if bodies:
        parts.append({"key": "verified", "points": 30 + (10 if bodies > 1 else 0), "count": bodies})
    deals = Deal.objects.filter(_party(company), status=DealStatus.CONFIRMED).count()
    if deals:
        parts.append({"key": "deals", "points": min(20, 4 * deals), "count": deals})
    reviews = Review.objects.filter(company=company).aggregate(n=Count("id"), mean=Avg("rating"))
    if reviews["n"]:
        n, mean = reviews["n"], float(reviews["mean"])
        smoothed = (mean * n + PRIOR_RATING * PRIOR_REVIEWS) / (n + PRIOR_REVIEWS)
        parts.append(
            {
                "key": "reviews",
                "points": round((smoothed - 1) / 4 * 25),
                "count": n,
                "mean": round(mean, 2),
            }
        )
    kinds = (
        Certificate.objects.filter(company=company, valid_from__lte=today, valid_to__gte=today)
        .values("kind")
        .distinct()
        .count()
    )
    if kinds:
        parts.append({"key": "certificates", "points": 10 if kinds >= 3 else 5, "count": kinds})
    if company.created_at and company.created_at.date() <= today - timedelta(days=365):
        parts.append({"key": "tenure", "points": 5, "count": 1})
    upheld = FraudReport.objects.filter(company=company, status=FraudStatus.UPHELD).count()
    if upheld:
        parts.append({"key": "fraud", "points": -40 * upheld, "count": upheld})
    score = max(0, min(100, sum(p["points"] for p in parts)))
    return score, parts


def _party(company: Company) -> Q:
    return Q(exporter=company) | Q(distributor=company)


def refresh(company: Company, *, today: date | None = None) -> Company:
    score, parts = compute(company, today=today)
    if score != company.reliability or parts != company.reliability_detail:
        company.reliability = score
        company.reliability_detail = parts
        Company.objects.filter(pk=company.pk).update(reliability=score, reliability_detail=parts)
    return company


def level(company: Company) -> tuple[str, str]:
    """(key, label) of the company's level."""
    if not company.reliability_detail:
        return "new", str(_("New: nothing recorded yet"))
    for threshold, key, label in LEVELS:
        if company.reliability >= threshold:
            return key, str(label)
    return "low", str(_("Low"))


def describe(part: dict) -> str:
    """A sentence for one part of the indicator, in the active language."""
    key, n = part["key"], part.get("count", 0)
    if key == "verified":
        return ngettext("Verified by %(n)d public body", "Verified by %(n)d public bodies", n) % {
            "n": n
        }
    if key == "deals":
        return ngettext(
            "%(n)d deal confirmed by both sides", "%(n)d deals confirmed by both sides", n
        ) % {"n": n}
    if key == "reviews":
        return ngettext(
            "%(n)d review by a deal partner, mean %(mean)s / 5",
            "%(n)d reviews by deal partners, mean %(mean)s / 5",
            n,
        ) % {"n": n, "mean": part.get("mean")}
    if key == "certificates":
        return ngettext(
            "%(n)d kind of valid certificate", "%(n)d kinds of valid certificates", n
        ) % {"n": n}
    if key == "tenure":
        return str(_("On the platform for more than a year"))
    if key == "fraud":
        return ngettext(
            "%(n)d fraud report upheld by the platform",
            "%(n)d fraud reports upheld by the platform",
            n,
        ) % {"n": n}
    if key == "suspended":
        return str(_("Suspended by the platform"))
    return key
