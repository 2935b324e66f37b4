"""Who may do what in the knowledge network (deny by default).

- A need's *managers* are the officials of its owner body and the admins of the owner
  organisation (universities, businesses), and platform admins.
- Published and closed needs are visible to every signed-in member; drafts only to managers.
- An invitation is answered by its expert; an engagement is seen and worked on by its expert
  and the managers of its need.
"""

from __future__ import annotations

from kieubao.community.models import HOMELAND_BODY_KINDS, OrganisationKind
from kieubao.community.rules import Viewer

from .models import Need, NeedStatus

# Kinds of organisation that may own a need.
OWNER_KINDS = (*HOMELAND_BODY_KINDS, OrganisationKind.UNIVERSITY, OrganisationKind.BUSINESS)


def owner_bodies(viewer: Viewer) -> list[int]:
    """The bodies this viewer acts for: their official body and the organisations they
    administer (which of them may own needs: selectors.postable_bodies)."""
    bodies = []
    if viewer.scope is not None:
        bodies.append(viewer.scope.body_id)
    bodies.extend(sorted(viewer.admin_of))
    return bodies


def can_manage_need(viewer: Viewer, need: Need) -> bool:
    if viewer.is_admin:
        return True
    if viewer.scope is not None and viewer.scope.body_id == need.owner_id:
        return True
    return need.owner_id in viewer.admin_of


def can_view_need(viewer: Viewer, need: Need) -> bool:
    if can_manage_need(viewer, need):
        return True
    return viewer.is_authenticated and need.status != NeedStatus.DRAFT


def can_answer_invitation(viewer: Viewer, invitation) -> bool:
    return viewer.person_id is not None and invitation.expert_id == viewer.person_id


def can_work_on_engagement(viewer: Viewer, engagement) -> bool:
    if viewer.person_id is not None and engagement.expert_id == viewer.person_id:
        return True
    return can_manage_need(viewer, engagement.need)
