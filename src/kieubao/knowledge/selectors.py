"""Reads of the knowledge network, always for a viewer (see rules.py)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from kieubao.community.models import Organisation, Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, ResultPage
from kieubao.community.selectors import paginate as _page
from kieubao.core.text import fold

from .models import (
    Engagement,
    ExpertProfile,
    Invitation,
    InvitationStatus,
    Need,
    NeedStatus,
)
from .rules import (
    OWNER_KINDS,
    can_manage_need,
    can_view_need,
    can_work_on_engagement,
    owner_bodies,
)


def _needs() -> QuerySet[Need]:
    return Need.objects.select_related("owner").prefetch_related("fields")


def needs_list(
    viewer: Viewer,
    *,
    text: str = "",
    field: str | None = None,
    kind: str | None = None,
    owner: int | None = None,
    status: str | None = None,
    mine: bool = False,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ResultPage:
    """Published and closed needs for signed-in members; a manager's drafts too. ``mine``:
    only the needs of the bodies this viewer manages."""
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    page = max(1, min(page, MAX_PAGE))
    if not viewer.is_authenticated or "\x00" in f"{text}{field or ''}{kind or ''}{status or ''}":
        return ResultPage(total=0, page=page, per_page=per_page, items=[])
    qs = _needs()
    managed = owner_bodies(viewer)
    if viewer.is_admin:
        visible = Q()
    else:
        visible = ~Q(status=NeedStatus.DRAFT) | Q(owner_id__in=managed)
    qs = qs.filter(visible)
    if mine and not viewer.is_admin:
        qs = qs.filter(owner_id__in=managed)
    if status:
        qs = qs.filter(status=status)
    if field:
        qs = qs.filter(fields__slug=field)
    if kind:
        qs = qs.filter(kind=kind)
    if owner is not None:
        qs = qs.filter(owner_id=owner)
    for word in fold(text).split()[:8]:
        qs = qs.filter(text_folded__contains=word)
    qs = qs.distinct()
    total = qs.count()
    start = (page - 1) * per_page
    return ResultPage(
        total=total, page=page, per_page=per_page, items=list(qs[start : start + per_page])
    )


def need_get(viewer: Viewer, need_id: int) -> Need | None:
    need = _needs().filter(pk=need_id).first()
    if need is None or not can_view_need(viewer, need):
        return None
    return need


def need_invitations(viewer: Viewer, need: Need) -> list[Invitation]:
    """The need's invitations, for its managers only."""
    if not can_manage_need(viewer, need):
        return []
    return list(need.invitations.select_related("expert", "engagement").order_by("-created_at"))


def expert_profile_for(person: Person | None) -> ExpertProfile | None:
    if person is None:
        return None
    return (
        ExpertProfile.objects.filter(person=person).prefetch_related("works", "employers").first()
    )


def _invitations_for(viewer: Viewer, status: str | None) -> QuerySet[Invitation]:
    if viewer.person_id is None:
        return Invitation.objects.none()
    qs = Invitation.objects.filter(expert_id=viewer.person_id).select_related(
        "need__owner", "expert", "engagement"
    )
    return qs.filter(status=status) if status else qs


def invitations_for(viewer: Viewer, *, status: str | None = None) -> list[Invitation]:
    """The invitations addressed to the viewer as an expert."""
    return list(_invitations_for(viewer, status))


def invitations_page(
    viewer: Viewer, *, status: str | None = None, page: int = 1, per_page: int = PAGE_SIZE
) -> ResultPage:
    return _page(_invitations_for(viewer, status), page, per_page)


def invitation_get(viewer: Viewer, invitation_id: int) -> Invitation | None:
    """An invitation, for its expert or the managers of its need."""
    invitation = (
        Invitation.objects.select_related("need__owner", "expert").filter(pk=invitation_id).first()
    )
    if invitation is None:
        return None
    if invitation.expert_id == viewer.person_id or can_manage_need(viewer, invitation.need):
        return invitation
    return None


def _engagements_for(viewer: Viewer) -> QuerySet[Engagement]:
    if not viewer.is_authenticated:
        return Engagement.objects.none()
    qs = Engagement.objects.select_related("need__owner", "expert")
    if not viewer.is_admin:
        condition = Q(need__owner_id__in=owner_bodies(viewer))
        if viewer.person_id is not None:
            condition |= Q(expert_id=viewer.person_id)
        qs = qs.filter(condition)
    return qs


def engagements_for(viewer: Viewer) -> list[Engagement]:
    """Engagements the viewer works on: as the expert, or as a manager of the need."""
    return list(_engagements_for(viewer))


def engagements_page(
    viewer: Viewer, *, status: str | None = None, page: int = 1, per_page: int = PAGE_SIZE
) -> ResultPage:
    qs = _engagements_for(viewer)
    return _page(qs.filter(status=status) if status else qs, page, per_page)


def engagement_get(viewer: Viewer, engagement_id: int) -> Engagement | None:
    engagement = (
        Engagement.objects.select_related("need__owner", "expert", "invitation")
        .prefetch_related("milestones", "documents")
        .filter(pk=engagement_id)
        .first()
    )
    if engagement is None or not can_work_on_engagement(viewer, engagement):
        return None
    return engagement


def active_load(person_ids: list[int]) -> dict[int, int]:
    """Engagements under way per expert (against their stated maximum load)."""
    rows = (
        Engagement.objects.filter(expert_id__in=person_ids, status="active")
        .values_list("expert_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def pending_invitation_count(viewer: Viewer) -> int:
    if viewer.person_id is None:
        return 0
    return Invitation.objects.filter(
        expert_id=viewer.person_id, status=InvitationStatus.PENDING
    ).count()


def postable_bodies(viewer: Viewer) -> QuerySet[Organisation]:
    """The bodies this viewer may post a need for: their own bodies of a kind that may own
    needs (rules.OWNER_KINDS); platform admins any such body."""
    bodies = Organisation.objects.filter(kind__in=OWNER_KINDS).order_by("kind", "name_folded")
    if viewer.is_admin:
        return bodies
    return bodies.filter(pk__in=owner_bodies(viewer))


def networks() -> QuerySet[Organisation]:
    """Innovation networks (top level; their chapters hang below)."""
    return Organisation.objects.filter(kind="innovation_network", parent__isnull=True)
