"""Reads of investment for a viewer. Lists never show a draft to someone who does not manage it;
interests (who invests, how much) are shown to the investor, the publishing body's officials
and admins only — everyone else sees counts and totals."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from kieubao.community.models import Organisation, OrganisationKind
from kieubao.community.rules import Viewer
from kieubao.community.selectors import PAGE_SIZE, ResultPage, paginate
from kieubao.core.text import fold

from . import rules
from .models import (
    PIPELINE,
    Interest,
    Opportunity,
    OpportunityStatus,
    OvEnterprise,
    Stage,
)


def visible_opportunities(viewer: Viewer) -> QuerySet[Opportunity]:
    qs = Opportunity.objects.select_related("body", "contact_body")
    if viewer.is_admin:
        return qs
    mine = Q(pk__in=[])
    if rules.can_publish_opportunities(viewer):
        mine = Q(body_id=viewer.scope.body_id)
    return qs.filter(~Q(status=OpportunityStatus.DRAFT) | mine)


def opportunities_list(
    viewer: Viewer,
    *,
    q: str = "",
    sector: str = "",
    province_code: int | None = None,
    stage: str = "",
    status: str = "",
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ResultPage:
    qs = visible_opportunities(viewer).annotate(n_interests=Count("interests", distinct=True))
    if sector:
        qs = qs.filter(sector=sector)
    if province_code:
        qs = qs.filter(province_code=province_code)
    if stage:
        qs = qs.filter(stage=stage)
    if status:
        qs = qs.filter(status=status)
    for word in fold(q).replace("\x00", "").split()[:10]:
        qs = qs.filter(search_text__contains=word)
    # Drafts (not published yet) last, on SQLite and PostgreSQL alike.
    return paginate(qs.order_by(F("published_at").desc(nulls_last=True), "-pk"), page, per_page)


def opportunity_get(viewer: Viewer, pk: int) -> Opportunity | None:
    return visible_opportunities(viewer).filter(pk=pk).first()


def stage_counts(opportunity: Opportunity) -> dict[str, int]:
    counts = dict.fromkeys(Stage.values, 0)
    for stage, n in opportunity.interests.values_list("stage").annotate(n=Count("pk")).order_by():
        counts[stage] = n
    return counts


def interests_of(opportunity: Opportunity) -> QuerySet[Interest]:
    """For the body's officials (the caller checks rules.can_manage)."""
    return (
        opportunity.interests.select_related("person", "organisation", "meeting__event")
        .prefetch_related("steps")
        .order_by("-created_at", "-pk")
    )


def interest_get(viewer: Viewer, pk: int) -> Interest | None:
    interest = (
        Interest.objects.select_related(
            "opportunity", "opportunity__body", "person", "organisation", "meeting__event"
        )
        .filter(pk=pk)
        .first()
    )
    if interest is None or not rules.can_view_interest(viewer, interest):
        return None
    if not rules.can_view(viewer, interest.opportunity):
        return None
    return interest


def my_interests(viewer: Viewer) -> QuerySet[Interest]:
    if viewer.person_id is None:
        return Interest.objects.none()
    return (
        Interest.objects.filter(person_id=viewer.person_id)
        .select_related("opportunity", "opportunity__body", "organisation", "meeting__event")
        .prefetch_related("steps")
        .order_by("-created_at", "-pk")
    )


def my_interest_in(viewer: Viewer, opportunity: Opportunity) -> Interest | None:
    if viewer.person_id is None:
        return None
    return Interest.objects.filter(opportunity=opportunity, person_id=viewer.person_id).first()


def businesses_of(viewer: Viewer) -> QuerySet[Organisation]:
    """The businesses this viewer administers (they may invest on their behalf)."""
    return Organisation.objects.filter(
        pk__in=viewer.admin_of, kind=OrganisationKind.BUSINESS
    ).order_by("name_folded")


def meetings_of(viewer: Viewer):
    """The B2B meetings this viewer took part in (an interest may come from one)."""
    from kieubao.events.models import Meeting

    if viewer.person_id is None:
        return Meeting.objects.none()
    person = viewer.person_id
    return (
        Meeting.objects.filter(
            Q(request__requester__registration__person_id=person)
            | Q(request__recipient__registration__person_id=person)
        )
        .select_related("event", "slot")
        .order_by("-slot__starts_at", "-pk")
    )


# --- the province's dashboard --------------------------------------------------------------------
def province_dashboard(viewer: Viewer, province_code: int) -> dict:
    """Published (and closed) opportunities of a province with their interests per stage, the
    amounts committed and disbursed, and the events credited. Investors' names only for those
    who manage the opportunity."""
    opportunities = list(
        Opportunity.objects.filter(
            province_code=province_code,
            status__in=(OpportunityStatus.PUBLISHED, OpportunityStatus.CLOSED),
        )
        .select_related("body")
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
    )
    ids = [o.pk for o in opportunities]
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Stage.values, 0))
    sums: dict[int, dict[str, Decimal]] = defaultdict(
        lambda: {"committed": Decimal(0), "disbursed": Decimal(0)}
    )
    for opportunity_id, stage, n, committed, disbursed in (
        Interest.objects.filter(opportunity_id__in=ids)
        .values_list("opportunity_id", "stage")
        .annotate(n=Count("pk"), c=Sum("committed_usd"), d=Sum("disbursed_usd"))
        .order_by()
    ):
        counts[opportunity_id][stage] += n
        if stage not in (Stage.WITHDRAWN, Stage.DECLINED):
            sums[opportunity_id]["committed"] += committed or 0
            sums[opportunity_id]["disbursed"] += disbursed or 0
    events: dict[int, dict[int, str]] = defaultdict(dict)
    for interest in Interest.objects.filter(
        opportunity_id__in=ids, meeting__isnull=False
    ).select_related("meeting__event"):
        event = interest.meeting.event
        events[interest.opportunity_id][event.pk] = event.name()
    investors: dict[int, list[Interest]] = defaultdict(list)
    managed = [o.pk for o in opportunities if rules.can_manage(viewer, o)]
    if managed:
        for interest in (
            Interest.objects.filter(opportunity_id__in=managed)
            .select_related("person", "organisation")
            .order_by("pk")
        ):
            investors[interest.opportunity_id].append(interest)
    rows = []
    totals = {
        "opportunities": len(opportunities),
        "interests": 0,
        "committed_usd": Decimal(0),
        "disbursed_usd": Decimal(0),
        "by_stage": dict.fromkeys(Stage.values, 0),
    }
    for o in opportunities:
        by_stage = counts[o.pk]
        rows.append(
            {
                "opportunity": o,
                "by_stage": by_stage,
                "pipeline": [(s, by_stage[s]) for s in PIPELINE],
                "interests": sum(by_stage.values()),
                "committed_usd": sums[o.pk]["committed"],
                "disbursed_usd": sums[o.pk]["disbursed"],
                "events": [{"id": k, "name": v} for k, v in sorted(events[o.pk].items())],
                "investors": investors.get(o.pk) if o.pk in managed else None,
            }
        )
        totals["interests"] += sum(by_stage.values())
        totals["committed_usd"] += sums[o.pk]["committed"]
        totals["disbursed_usd"] += sums[o.pk]["disbursed"]
        for stage, n in by_stage.items():
            totals["by_stage"][stage] += n
    return {"rows": rows, "totals": totals}


# --- the OV enterprises registry -----------------------------------------------------------------
def enterprises_list(
    *,
    q: str = "",
    sector: str = "",
    province_code: int | None = None,
    location: str = "",
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ResultPage:
    qs = OvEnterprise.objects.select_related("organisation")
    if sector:
        qs = qs.filter(sector=sector)
    if province_code:
        qs = qs.filter(province_code=province_code)
    if location:
        qs = qs.filter(location=location)
    for word in fold(q).replace("\x00", "").split()[:10]:
        qs = qs.filter(organisation__name_folded__contains=word)
    return paginate(qs.order_by("organisation__name_folded", "pk"), page, per_page)


def enterprise_projects(enterprise: OvEnterprise) -> QuerySet[Interest]:
    """The enterprise's investment projects: its interests that reached the licence."""
    return (
        Interest.objects.filter(
            organisation_id=enterprise.pk, stage__in=(Stage.LICENCE, Stage.DISBURSED)
        )
        .select_related("opportunity")
        .order_by("-updated_at", "-pk")
    )
