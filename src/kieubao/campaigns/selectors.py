"""Reads of campaigns and funds, scoped to the viewer (rules.py): what they may see, with the
ledger's figures, and contributors anonymised for anyone but the campaign's managers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kieubao.community.rules import Viewer

from . import rules
from .models import (
    Allocation,
    ApplicationStatus,
    Campaign,
    CampaignStatus,
    Contribution,
    ExchangeRate,
    FundApplication,
    Pledge,
    PledgeStatus,
)


def _total(model, **filters):
    rows = (
        model.objects.filter(campaign=OuterRef("pk"), **filters)
        .order_by()
        .values("campaign")
        .annotate(total=Sum("amount_vnd"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_totals(qs: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """Each campaign with ``contributed``, ``allocated`` and ``pledged`` (open and fulfilled
    pledges), in VND: subqueries, so no join multiplies the sums."""
    return qs.annotate(
        contributed=_total(Contribution),
        allocated=_total(Allocation),
        pledged=_total(Pledge, status__in=(PledgeStatus.OPEN, PledgeStatus.FULFILLED)),
    )


def visible(viewer: Viewer) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("owner")
    if viewer.is_admin:
        return qs
    managed = Q(owner_id__in=viewer.admin_of)
    if viewer.scope is not None:
        managed |= Q(owner_id=viewer.scope.body_id)
    shown = ~Q(status=CampaignStatus.DRAFT)
    if not viewer.is_authenticated:
        shown &= Q(public=True)
    return qs.filter(shown | managed)


def campaigns_list(
    viewer: Viewer, *, kind: str = "", status: str = "", q: str = ""
) -> QuerySet[Campaign]:
    qs = with_totals(visible(viewer))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(title_en__icontains=q))
    return qs.order_by("-starts_on", "-pk")


def campaign_get(viewer: Viewer, pk: int) -> Campaign | None:
    campaign = with_totals(Campaign.objects.select_related("owner")).filter(pk=pk).first()
    if campaign is None or not rules.can_view(viewer, campaign):
        return None
    return campaign


def managed_by(viewer: Viewer) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("owner")
    if viewer.is_admin:
        return qs
    ids = set(viewer.admin_of) | ({viewer.scope.body_id} if viewer.scope else set())
    return qs.filter(owner_id__in=ids)


@dataclass
class Ledger:
    target: int
    contributed: int
    allocated: int
    pledged: int

    @property
    def held(self) -> int:
        return self.contributed - self.allocated

    @property
    def percent(self) -> int:
        """Contributed against the target (may exceed 100: the issue's campaign raised 10×)."""
        return round(100 * self.contributed / self.target) if self.target else 0

    @property
    def bar(self) -> int:
        return min(self.percent, 100)


def ledger(campaign: Campaign) -> Ledger:
    if not hasattr(campaign, "contributed"):
        campaign = with_totals(Campaign.objects.filter(pk=campaign.pk)).get()
    return Ledger(
        target=campaign.target_vnd,
        contributed=campaign.contributed,
        allocated=campaign.allocated,
        pledged=campaign.pledged,
    )


@dataclass
class ContributionLine:
    contribution: Contribution
    shown_name: str  # "Anonymous" to the public for those who asked

    def __getattr__(self, name: str):
        return getattr(self.contribution, name)


def contributions(viewer: Viewer, campaign: Campaign) -> list[ContributionLine]:
    manager = rules.is_manager(viewer, campaign)
    rows = campaign.contributions.select_related("person", "organisation", "rate").order_by(
        "-received_on", "-pk"
    )
    return [
        ContributionLine(
            c,
            c.contributor_name() if (manager or not c.anonymous) else _("Anonymous"),
        )
        for c in rows
    ]


def allocations(campaign: Campaign) -> QuerySet[Allocation]:
    return campaign.allocations.select_related("recipient").order_by("-allocated_on", "-pk")


def pledges(viewer: Viewer, campaign: Campaign) -> list[tuple[Pledge, str]]:
    """Open and fulfilled pledges with the name the viewer may see."""
    manager = rules.is_manager(viewer, campaign)
    rows = (
        campaign.pledges.filter(status__in=(PledgeStatus.OPEN, PledgeStatus.FULFILLED))
        .select_related("person", "organisation")
        .order_by("-created_at", "-pk")
    )
    return [(p, p.pledger_name() if (manager or not p.anonymous) else _("Anonymous")) for p in rows]


def my_pledges(viewer: Viewer) -> QuerySet[Pledge]:
    if viewer.person_id is None:
        return Pledge.objects.none()
    return (
        Pledge.objects.filter(person_id=viewer.person_id)
        .select_related("campaign", "organisation", "rate")
        .order_by("-created_at", "-pk")
    )


def applications_for(viewer: Viewer, *, fund: Campaign | None = None, mine: bool = False):
    """Applications the viewer may see: their businesses' (``mine``) or, for managers, a
    fund's."""
    qs = FundApplication.objects.select_related("fund", "business", "decided_by")
    if fund is not None:
        qs = qs.filter(fund=fund)
    if mine:
        qs = qs.filter(business_id__in=viewer.admin_of)
    elif not viewer.is_admin:
        funds = managed_by(viewer).values("pk")
        qs = qs.filter(Q(business_id__in=viewer.admin_of) | Q(fund_id__in=funds))
    return qs.annotate(
        awarded=Exists(Allocation.objects.filter(application=OuterRef("pk")))
    ).order_by("-created_at", "-pk")


def review_queue(fund: Campaign):
    return applications_for_managers(fund).filter(
        status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)
    )


def applications_for_managers(fund: Campaign):
    return (
        FundApplication.objects.filter(fund=fund)
        .select_related("business", "decided_by")
        .annotate(awarded=Exists(Allocation.objects.filter(application=OuterRef("pk"))))
        .order_by("-created_at", "-pk")
    )


def rates_list() -> QuerySet[ExchangeRate]:
    return ExchangeRate.objects.order_by("currency", "-on", "-pk")


def rate_choices() -> list[tuple[int, str]]:
    return [(r.pk, str(r)) for r in rates_list()[:200]]


# --- the check -----------------------------------------------------------------------------------
@dataclass
class Imbalance:
    campaign: Campaign
    problems: list[str] = field(default_factory=list)


def ledger_check(campaigns: QuerySet[Campaign] | None = None) -> list[Imbalance]:
    """Every campaign's ledger checked over all its entries: allocated ≤ contributed (held ≥ 0),
    every amount positive, every foreign amount's VND value equal to its amount at the rate it
    recorded, every allocation with its evidence document. Returns the campaigns out of
    balance, each with what is wrong (in English: this is for operators)."""
    from decimal import ROUND_HALF_UP, Decimal

    found = []
    qs = with_totals(campaigns if campaigns is not None else Campaign.objects.all()).order_by("pk")
    for campaign in qs:
        problems = []
        if campaign.allocated > campaign.contributed:
            problems.append(
                f"allocated {campaign.allocated} VND exceeds contributed "
                f"{campaign.contributed} VND (held {campaign.contributed - campaign.allocated})"
            )
        for c in campaign.contributions.select_related("rate"):
            expected = int((c.amount * c.vnd_per_unit).quantize(Decimal(1), ROUND_HALF_UP))
            if c.amount_vnd <= 0 or c.amount_vnd != expected:
                problems.append(
                    f"contribution {c.pk}: {c.amount} {c.currency} × {c.vnd_per_unit} "
                    f"≠ {c.amount_vnd} VND"
                )
            elif c.rate_id and c.rate.vnd_per_unit != c.vnd_per_unit:
                problems.append(f"contribution {c.pk}: rate {c.rate_id} changed since")
        for a in campaign.allocations.all():
            if a.amount_vnd <= 0:
                problems.append(f"allocation {a.pk}: amount {a.amount_vnd} VND")
            if not a.evidence_name:
                problems.append(f"allocation {a.pk}: no evidence document")
        if problems:
            found.append(Imbalance(campaign, problems))
    return found
