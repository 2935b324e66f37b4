"""Reads of proposals, always for a viewer (rules.py): lists and search, similar proposals while
typing a title, one proposal with what the viewer may see of it, the agencies' queues (overdue
ones flagged) and the public dashboard's figures."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kieubao.community.models import Organisation
from kieubao.community.rules import Viewer
from kieubao.community.selectors import PAGE_SIZE, ResultPage
from kieubao.community.selectors import paginate as _page
from kieubao.core.text import fold

from . import rules
from .models import (
    FINAL,
    OVERDUE_DAYS,
    AbuseReport,
    AbuseStatus,
    Comment,
    Proposal,
    Status,
)

# Folded words too common to say two titles are alike.
STOP_WORDS = frozenset(
    "va cua cho cac nhung mot the voi trong tai de ve la co khong duoc nguoi viet nam kieu bao "
    "de xuat the and for the of to in on a an with by from about proposal".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("author", "assigned_body", "addressed_to")


def visible(viewer: Viewer) -> QuerySet[Proposal]:
    qs = _proposals()
    if rules.is_moderator(viewer):
        return qs
    hidden_mine = Q(author_id=viewer.person_id) if viewer.person_id else Q(pk__in=[])
    return qs.filter(Q(hidden=False) | hidden_mine)


def proposals_list(
    viewer: Viewer,
    *,
    text: str = "",
    status: str = "",
    field_slug: str = "",
    body: int | None = None,
    mine: bool = False,
    endorsed: bool = False,
    order: str = "new",
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ResultPage:
    if "\x00" in f"{text}{status}{field_slug}{order}":
        return ResultPage(total=0, page=1, per_page=per_page, items=[])
    qs = visible(viewer)
    if status:
        qs = qs.filter(status=status)
    if field_slug:
        qs = qs.filter(fields__slug=field_slug)
    if body is not None:
        qs = qs.filter(assigned_body_id=body)
    if mine:
        qs = qs.filter(author_id=viewer.person_id) if viewer.person_id else qs.none()
    if endorsed:
        qs = qs.filter(endorsements__person_id=viewer.person_id) if viewer.person_id else qs.none()
    for word in fold(text).split()[:8]:
        qs = qs.filter(text_folded__contains=word)
    ordering = {
        "new": ("-created_at", "-id"),
        "endorsed": ("-endorsement_count", "-created_at", "-id"),
        "updated": ("-updated_at", "-id"),
    }.get(order, ("-created_at", "-id"))
    return _page(qs.distinct().order_by(*ordering), page, per_page)


def proposal_get(viewer: Viewer, proposal_id: int) -> Proposal | None:
    proposal = _proposals().prefetch_related("fields").filter(pk=proposal_id).first()
    if proposal is None or not rules.can_view(viewer, proposal):
        return None
    return proposal


@dataclass
class Similar:
    proposal: Proposal
    shared: int  # folded words in common


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if len(w) > 2 and w not in STOP_WORDS]


def similar(viewer: Viewer, title: str, *, limit: int = 5, exclude: int | None = None):
    """Existing proposals whose title shares words with this one (folded: tones and case do not
    matter), most words in common first, then the most endorsed; merged and hidden ones left
    out. For the suggestions shown while a title is typed."""
    words = list(dict.fromkeys(_words(title)))[:8]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition |= Q(title_folded__contains=word)
    qs = (
        visible(viewer)
        .filter(condition, hidden=False)
        .exclude(status=Status.MERGED)
        .order_by("-endorsement_count", "-id")
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    scored = []
    for proposal in qs[:200]:
        mine = set(_words(proposal.title))
        shared = sum(1 for w in words if w in mine)
        if shared:
            scored.append(Similar(proposal, shared))
    needed = 1 if len(words) <= 2 else 2
    scored = [s for s in scored if s.shared >= needed]
    scored.sort(key=lambda s: (-s.shared, -s.proposal.endorsement_count, -s.proposal.pk))
    return scored[:limit]


def timeline(proposal: Proposal):
    return list(proposal.timeline.select_related("body"))


def comments(viewer: Viewer, proposal: Proposal) -> list[Comment]:
    """Threaded: top-level comments in order, each with ``thread_replies``. Hidden comments
    keep their place with their text left out, except for moderators."""
    items = list(proposal.comments.select_related("author"))
    by_parent: dict[int | None, list[Comment]] = {}
    for comment in items:
        comment.show_text = not comment.hidden or rules.is_moderator(viewer)
        by_parent.setdefault(comment.parent_id, []).append(comment)
    for comment in items:
        comment.thread_replies = by_parent.get(comment.pk, [])
    return by_parent.get(None, [])


def abuse_reports(viewer: Viewer, *, status: str = AbuseStatus.OPEN) -> list[AbuseReport]:
    if not rules.is_moderator(viewer):
        return []
    qs = AbuseReport.objects.select_related("proposal", "comment")
    if status:
        qs = qs.filter(status=status)
    return list(qs)


# --- agencies ------------------------------------------------------------------------------------
def is_overdue(proposal: Proposal, now=None) -> bool:
    """Assigned and not answered within OVERDUE_DAYS."""
    now = now or timezone.now()
    return (
        proposal.status == Status.ASSIGNED
        and proposal.first_answer_at is None
        and proposal.assigned_at is not None
        and proposal.assigned_at <= now - timedelta(days=OVERDUE_DAYS)
    )


def agency_queue(body_id: int) -> list[Proposal]:
    """A body's open proposals, the overdue ones first (each with ``overdue`` set)."""
    now = timezone.now()
    items = list(
        _proposals()
        .filter(assigned_body_id=body_id, hidden=False)
        .exclude(status__in=FINAL)
        .order_by("assigned_at", "id")
    )
    for proposal in items:
        proposal.overdue = is_overdue(proposal, now)
    items.sort(key=lambda p: (not p.overdue,))
    return items


def overdue(now=None) -> QuerySet[Proposal]:
    now = now or timezone.now()
    return _proposals().filter(
        status=Status.ASSIGNED,
        first_answer_at__isnull=True,
        assigned_at__lte=now - timedelta(days=OVERDUE_DAYS),
        hidden=False,
    )


# --- the public dashboard ------------------------------------------------------------------------
@dataclass
class Dashboard:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_field: list[tuple[str, int]] = field(default_factory=list)
    by_agency: list[dict] = field(default_factory=list)
    assigned: int = 0
    answered: int = 0
    share_answered: float | None = None
    median_days_to_answer: float | None = None
    accepted: int = 0
    implemented: int = 0
    share_implemented: float | None = None
    overdue: int = 0


def dashboard(*, language: str = "vi") -> Dashboard:
    """Public figures (hidden proposals left out, merged ones counted in the one they joined):

    - share answered = proposals with a first answer / proposals ever assigned to an agency
    - median days to first answer, over the answered ones
    - share implemented = implemented / accepted (accepted, in implementation, implemented)
    """
    qs = Proposal.objects.filter(hidden=False).exclude(status=Status.MERGED)
    result = Dashboard(total=qs.count())
    result.by_status = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    fields = (
        qs.values("fields__slug", "fields__name_vi", "fields__name_en")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n")
    )
    result.by_field = [
        (f["fields__name_en"] if language.startswith("en") else f["fields__name_vi"], f["n"])
        for f in fields
        if f["fields__slug"]
    ]
    assigned = qs.filter(assigned_body__isnull=False)
    result.assigned = assigned.count()
    answered = list(
        assigned.filter(first_answer_at__isnull=False).values_list("assigned_at", "first_answer_at")
    )
    result.answered = len(answered)
    if result.assigned:
        result.share_answered = result.answered / result.assigned
    days = [(b - a).total_seconds() / 86400 for a, b in answered if a and b]
    if days:
        result.median_days_to_answer = round(statistics.median(days), 1)
    result.accepted = qs.filter(
        status__in=(Status.ACCEPTED, Status.IN_IMPLEMENTATION, Status.IMPLEMENTED)
    ).count()
    result.implemented = result.by_status.get(Status.IMPLEMENTED, 0)
    if result.accepted:
        result.share_implemented = result.implemented / result.accepted
    result.overdue = overdue().count()
    now = timezone.now()
    bodies = {o.pk: o for o in Organisation.objects.filter(pk__in=assigned.values("assigned_body"))}
    per_body: dict[int, dict] = {}
    for p in assigned.only(
        "assigned_body_id", "status", "assigned_at", "first_answer_at", "hidden"
    ):
        row = per_body.setdefault(
            p.assigned_body_id,
            {"body": bodies.get(p.assigned_body_id), "total": 0, "answered": 0, "days": [],
             "implemented": 0, "overdue": 0},
        )  # fmt: skip
        row["total"] += 1
        if p.first_answer_at:
            row["answered"] += 1
            row["days"].append((p.first_answer_at - p.assigned_at).total_seconds() / 86400)
        if p.status == Status.IMPLEMENTED:
            row["implemented"] += 1
        if is_overdue(p, now):
            row["overdue"] += 1
    for row in per_body.values():
        row["share_answered"] = row["answered"] / row["total"] if row["total"] else None
        row["median_days"] = round(statistics.median(row["days"]), 1) if row["days"] else None
        del row["days"]
    result.by_agency = sorted(per_body.values(), key=lambda r: (-r["total"], str(r["body"])))
    return result
