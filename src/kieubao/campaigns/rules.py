"""Who may do what with campaigns and funds (deny by default).

- Managers of a campaign: the officials of its owner body (a ministry, a province, a mission),
  the admins of its owner organisation (an association that runs it), and platform admins. They
  edit, open and close it, record contributions and allocations, see every contributor's name,
  and review, decide and award the applications to a fund.
- Exchange rates are recorded and read by whoever may run campaigns.
- A campaign that is open or closed is public (a non-public one: signed-in members only); a
  draft is seen by its managers only. Its ledger shows contributions (anonymous ones as
  "Anonymous" to anyone but the managers) and allocations with their evidence documents.
- Members with a registry profile pledge (the service checks that the campaign is open and
  within its period); a pledge is seen and withdrawn by its pledger, and seen by the managers.
- A business's admins apply to an open fund for it (an admin of another kind of organisation
  may not); an application is seen by the business's
  admins and the fund's managers.
"""

from __future__ import annotations

from kieubao.community.models import OrganisationKind
from kieubao.community.rules import Viewer

from .models import Campaign, CampaignStatus, FundApplication, Pledge


def _administers(viewer: Viewer, kind: str) -> bool:
    """Whether the viewer administers an organisation of this kind."""
    if not viewer.admin_of:
        return False
    from kieubao.community.models import Organisation

    return Organisation.objects.filter(pk__in=viewer.admin_of, kind=kind).exists()


def can_create_campaign(viewer: Viewer) -> bool:
    """Homeland bodies' officials, associations' admins and platform admins run campaigns."""
    if viewer.is_admin or viewer.scope is not None:
        return True
    return _administers(viewer, OrganisationKind.ASSOCIATION)


def can_own(viewer: Viewer, owner_id: int) -> bool:
    """Whether this viewer may run a campaign owned by this organisation."""
    if viewer.is_admin:
        return True
    if viewer.scope is not None and viewer.scope.body_id == owner_id:
        return True
    return owner_id in viewer.admin_of


def is_manager(viewer: Viewer, campaign: Campaign) -> bool:
    return can_own(viewer, campaign.owner_id)


def can_view(viewer: Viewer, campaign: Campaign) -> bool:
    if is_manager(viewer, campaign):
        return True
    if campaign.status == CampaignStatus.DRAFT:
        return False
    return campaign.public or viewer.is_authenticated


def can_pledge(viewer: Viewer, campaign: Campaign) -> bool:
    """May try to pledge (the service checks the status and the period)."""
    return viewer.person_id is not None and can_view(viewer, campaign)


def can_view_pledge(viewer: Viewer, pledge: Pledge) -> bool:
    return owns_pledge(viewer, pledge) or is_manager(viewer, pledge.campaign)


def owns_pledge(viewer: Viewer, pledge: Pledge) -> bool:
    return viewer.person_id is not None and pledge.person_id == viewer.person_id


def can_apply(viewer: Viewer, fund: Campaign) -> bool:
    """Admins of an organisation may try to apply to a fund they see (the service checks that
    the organisation is a business, the fund open and within its period)."""
    return (
        fund.is_fund and can_view(viewer, fund) and _administers(viewer, OrganisationKind.BUSINESS)
    )


def can_view_application(viewer: Viewer, application: FundApplication) -> bool:
    return application.business_id in viewer.admin_of or is_manager(viewer, application.fund)


def can_decide(viewer: Viewer, application: FundApplication) -> bool:
    return is_manager(viewer, application.fund)
