"""Reads for the innovation networks' dashboards: counts only.

Who is counted: members of the network or of its chapters who consented to be listed in the
directory (``consent_directory``); nobody else is counted, and no name is ever returned here
(the organisation's own page lists members through the registry's visibility rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django_countries import countries

from kieubao.community.models import ExpertiseField, Organisation, Person

from .models import Engagement, EngagementStatus, Need, Outcome
from .selectors import networks

NEEDS_SHOWN = 20


@dataclass
class NetworkDashboard:
    network: Organisation
    chapters: list[Organisation]
    chapters_by_country: list[tuple[str, str, int]]  # code, name, count
    members: int
    members_by_country: list[tuple[str, str, int]]
    members_by_field: list[tuple[str, int]]  # field name, count
    needs_answered: int
    needs: list[Need]
    engagements: int
    engagements_active: int
    outcomes: list[tuple[str, str, int]]  # value, label, count
    chart: dict = field(default_factory=dict)


def network_get(network_id: int) -> Organisation | None:
    return networks().filter(pk=network_id).first()


def networks_overview() -> QuerySet[Organisation]:
    return (
        networks().annotate(chapter_count=Count("chapters", distinct=True)).order_by("name_folded")
    )


def _country_name(code: str) -> str:
    return str(countries.name(code)) if code else "—"


def _listed_members(organisation_ids: list[int]) -> QuerySet[Person]:
    return Person.objects.filter(
        consent_directory=True, memberships__organisation_id__in=organisation_ids
    ).distinct()


def network_dashboard(network: Organisation) -> NetworkDashboard:
    chapters = list(network.chapters.order_by("country", "name_folded"))
    ids = [network.pk, *(c.pk for c in chapters)]

    per_country: dict[str, int] = {}
    for chapter in chapters:
        per_country[str(chapter.country)] = per_country.get(str(chapter.country), 0) + 1
    chapters_by_country = sorted(
        ((code, _country_name(code), n) for code, n in per_country.items()),
        key=lambda row: (-row[2], row[1]),
    )

    member_ids = _listed_members(ids).values("pk")
    members = Person.objects.filter(pk__in=member_ids)
    total = members.count()
    members_by_country = sorted(
        (
            (str(code or ""), _country_name(str(code or "")), n)
            for code, n in members.values_list("country").annotate(n=Count("pk")).order_by()
        ),
        key=lambda row: (-row[2], row[1]),
    )
    fields = (
        ExpertiseField.objects.filter(people__in=member_ids)
        .annotate(n=Count("people", distinct=True))
        .order_by("-n", "position", "slug")
    )
    members_by_field = [(f.name(), f.n) for f in fields]

    engagements = Engagement.objects.filter(expert_id__in=member_ids)
    counts = engagements.aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(status=EngagementStatus.ACTIVE))
    )
    by_outcome = dict(
        engagements.exclude(outcome="").values_list("outcome").annotate(n=Count("pk")).order_by()
    )
    outcomes = [(value, str(label), by_outcome.get(value, 0)) for value, label in Outcome.choices]
    needs_qs = (
        Need.objects.filter(engagements__expert_id__in=member_ids)
        .exclude(status="draft")
        .select_related("owner")
        .distinct()
    )
    needs_answered = needs_qs.count()
    needs = list(needs_qs.order_by("-published_at", "-id")[:NEEDS_SHOWN])

    chart = {
        "countries": [{"label": name, "value": n} for _code, name, n in members_by_country[:15]],
        "fields": [{"label": name, "value": n} for name, n in members_by_field[:15]],
        "outcomes": [{"label": label, "value": n} for _v, label, n in outcomes if n],
    }
    return NetworkDashboard(
        network=network,
        chapters=chapters,
        chapters_by_country=chapters_by_country,
        members=total,
        members_by_country=members_by_country,
        members_by_field=members_by_field,
        needs_answered=needs_answered,
        needs=needs,
        engagements=counts["total"],
        engagements_active=counts["active"],
        outcomes=outcomes,
        chart=chart,
    )
