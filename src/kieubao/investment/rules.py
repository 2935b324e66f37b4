"""Who may do what with investment opportunities (deny by default).

- Published and closed opportunities are public; a draft is seen by its body's officials and
  platform admins only.
- Officials of a province or a ministry publish opportunities for their own body; platform
  admins for any province or ministry. The body's officials (and admins) edit, publish, close,
  add documents, see the interests and move the pipeline.
- Members with a registry profile express interest in a published opportunity (once each). An
  interest is seen by the investor, the body's officials and admins; the public sees counts and
  totals only. The investor may withdraw their interest; only the body's officials (and admins)
  move it past "interest" or decline it.
- The OV enterprises registry is public; an enterprise's profile is created and edited by its
  organisation's admins (and platform admins).
"""

from __future__ import annotations

from kieubao.community.rules import Viewer

from .models import Interest, Opportunity, OpportunityStatus


def can_publish_opportunities(viewer: Viewer) -> bool:
    """Officials of a province or a ministry, and platform admins."""
    if viewer.is_admin:
        return True
    scope = viewer.scope
    return scope is not None and (scope.national or scope.province_code is not None)


def can_publish_for(viewer: Viewer, body_id: int) -> bool:
    if viewer.is_admin:
        return True
    return can_publish_opportunities(viewer) and viewer.scope.body_id == body_id


def can_manage(viewer: Viewer, opportunity: Opportunity) -> bool:
    return can_publish_for(viewer, opportunity.body_id)


def can_view(viewer: Viewer, opportunity: Opportunity) -> bool:
    return opportunity.status != OpportunityStatus.DRAFT or can_manage(viewer, opportunity)


def can_express_interest(viewer: Viewer, opportunity: Opportunity) -> bool:
    return viewer.person_id is not None and opportunity.status == OpportunityStatus.PUBLISHED


def is_investor(viewer: Viewer, interest: Interest) -> bool:
    return viewer.person_id is not None and interest.person_id == viewer.person_id


def can_view_interest(viewer: Viewer, interest: Interest) -> bool:
    return is_investor(viewer, interest) or can_manage(viewer, interest.opportunity)


def can_move(viewer: Viewer, interest: Interest) -> bool:
    return can_manage(viewer, interest.opportunity)


def can_withdraw(viewer: Viewer, interest: Interest) -> bool:
    return is_investor(viewer, interest) or can_manage(viewer, interest.opportunity)


def can_manage_enterprise(viewer: Viewer, organisation_id: int) -> bool:
    return viewer.is_admin or organisation_id in viewer.admin_of
