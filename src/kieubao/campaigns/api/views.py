"""The campaigns API under /api/v1/campaigns/: campaigns, their ledger, pledges, contributions,
allocations (with the evidence document as a multipart upload), exchange rates and the support
fund's applications. Thin: parse input, call one service or selector, serialise.

Open and closed public campaigns and their ledgers are read without credentials (anonymous
contributors show as "Anonymous" to anyone but the campaign's managers); drafts only by their
managers. Everything else needs a signed-in caller (401 otherwise). What the caller may not see
is a 404, what they see but may not do a 403. Validation errors of the services come back as 422
with translated messages keyed by the request's field names (Accept-Language: vi or en).

An allocation is created with ``multipart/form-data``: its fields and the ``evidence`` file (a
PDF or an image). Without evidence it is refused (422), as on the web page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Router, Status, UploadedFile

from kieubao.community.api.common import BODY_ERRORS, DB_ID, ERRORS
from kieubao.community.api.common import WRITE_ERRORS as DENIED
from kieubao.community.api.common import renamed as _renamed
from kieubao.community.models import Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.api.auth import OPTIONAL, REQUIRED

from .. import rules, selectors, services
from ..models import Allocation, Campaign, ExchangeRate, FundApplication, Pledge
from .schemas import (
    CampaignAllocation,
    CampaignAllocationIn,
    CampaignApplication,
    CampaignApplicationIn,
    CampaignContribution,
    CampaignContributionIn,
    CampaignDecisionIn,
    CampaignIn,
    CampaignLedger,
    CampaignOut,
    CampaignPatch,
    CampaignPledge,
    CampaignPledgeIn,
    CampaignRate,
    CampaignRateIn,
)

router = Router(tags=["campaigns"], auth=REQUIRED)

API = "/campaigns"
MONEY_NAMES = {"rate": "rate_id", "organisation": "organisation_id", "person": "person_id"}


# -- helpers --------------------------------------------------------------------------------------
def _viewer(request: HttpRequest) -> Viewer:
    return viewer_for_request(request)


def _campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    campaign = selectors.campaign_get(_viewer(request), campaign_id)
    if campaign is None:
        raise Http404
    return campaign


def _managed(request: HttpRequest, campaign_id: int) -> Campaign:
    campaign = _campaign(request, campaign_id)
    if not rules.is_manager(_viewer(request), campaign):
        raise PermissionDenied
    return campaign


def _person(viewer: Viewer) -> Person:
    if viewer.person_id is None:
        raise ValidationError(
            {"person": [_("Create your registry profile first: pledges are by members.")]}
        )
    return Person.objects.get(pk=viewer.person_id)


def _ref(obj, name: str) -> dict:
    return {"id": obj.pk, "name": name}


def _figures(campaign: Campaign) -> dict:
    ledger = selectors.ledger(campaign)
    return {
        "target_vnd": ledger.target,
        "contributed_vnd": ledger.contributed,
        "allocated_vnd": ledger.allocated,
        "held_vnd": ledger.held,
        "pledged_vnd": ledger.pledged,
        "percent": ledger.percent,
    }


def _campaign_out(campaign: Campaign, viewer: Viewer) -> dict:
    return {
        "id": campaign.pk,
        "kind": campaign.kind,
        "name": campaign.name(),
        "title": campaign.title,
        "title_en": campaign.title_en,
        "cause": campaign.cause_text(),
        "owner": _ref(campaign.owner, campaign.owner.display_name()),
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "status": campaign.status,
        "public": campaign.public,
        "figures": _figures(campaign),
        "is_manager": rules.is_manager(viewer, campaign),
    }


def _fresh(request: HttpRequest, campaign_id: int) -> dict:
    viewer = _viewer(request)
    return _campaign_out(selectors.campaign_get(viewer, campaign_id), viewer)


def _rate_out(rate: ExchangeRate) -> dict:
    return {
        "id": rate.pk,
        "currency": rate.currency,
        "vnd_per_unit": str(rate.vnd_per_unit),
        "on": rate.on,
        "source": rate.source,
    }


def _allocation_out(allocation: Allocation) -> dict:
    return {
        "id": allocation.pk,
        "allocated_on": allocation.allocated_on,
        "recipient": allocation.recipient_label(),
        "recipient_id": allocation.recipient_id,
        "purpose": allocation.purpose,
        "amount_vnd": allocation.amount_vnd,
        "evidence_url": reverse("campaigns:evidence", args=[allocation.pk]),
        "application_id": allocation.application_id,
    }


def _pledge_out(pledge: Pledge) -> dict:
    return {
        "id": pledge.pk,
        "campaign": _ref(pledge.campaign, pledge.campaign.name()),
        "organisation": _ref(pledge.organisation, pledge.organisation.display_name())
        if pledge.organisation_id
        else None,
        "amount": str(pledge.amount),
        "currency": pledge.currency,
        "vnd_per_unit": str(pledge.vnd_per_unit),
        "amount_vnd": pledge.amount_vnd,
        "anonymous": pledge.anonymous,
        "status": pledge.status,
        "created_at": pledge.created_at,
    }


def _application_out(application: FundApplication) -> dict:
    award = Allocation.objects.filter(application=application).first()
    return {
        "id": application.pk,
        "fund": _ref(application.fund, application.fund.name()),
        "business": _ref(application.business, application.business.display_name()),
        "purpose": application.purpose,
        "amount_requested_vnd": application.amount_requested_vnd,
        "plan": application.plan,
        "status": application.status,
        "reason": application.reason,
        "decided_at": application.decided_at,
        "awarded_vnd": award.amount_vnd if award else None,
        "created_at": application.created_at,
    }


# -- campaigns ------------------------------------------------------------------------------------
@router.get(
    API, response={200: list[CampaignOut], **ERRORS}, auth=OPTIONAL, summary="Campaigns and funds"
)
def campaigns_list(request: HttpRequest):
    """Open and closed campaigns (non-public ones for signed-in callers), and the drafts the
    caller manages; the latest first, at most 200."""
    viewer = _viewer(request)
    return [_campaign_out(c, viewer) for c in selectors.campaigns_list(viewer)[:200]]


@router.post(API, response={201: CampaignOut, **BODY_ERRORS}, summary="Create a campaign")
def campaign_create(request: HttpRequest, payload: CampaignIn):
    """A draft, run by a homeland body (its officials) or an association (its admins)."""
    viewer = _viewer(request)
    if not rules.can_create_campaign(viewer) or not rules.can_own(viewer, payload.owner_id):
        raise PermissionDenied
    values = payload.model_dump(exclude={"owner_id"})
    try:
        campaign = services.campaign_create(owner=payload.owner_id, user=request.auth, **values)
    except ValidationError as error:
        raise _renamed(error, {"owner": "owner_id"}) from None
    return Status(201, _fresh(request, campaign.pk))


@router.get(
    f"{API}/rates",
    response={200: list[CampaignRate], **DENIED},
    summary="Recorded exchange rates (campaign managers)",
)
def rates_list(request: HttpRequest):
    if not rules.can_create_campaign(_viewer(request)):
        raise PermissionDenied
    return [_rate_out(r) for r in selectors.rates_list()[:500]]


@router.post(
    f"{API}/rates",
    response={201: CampaignRate, **BODY_ERRORS},
    summary="Record an exchange rate (campaign managers)",
)
def rate_create(request: HttpRequest, payload: CampaignRateIn):
    if not rules.can_create_campaign(_viewer(request)):
        raise PermissionDenied
    rate = services.rate_record(user=request.auth, **payload.model_dump())
    return Status(201, _rate_out(rate))


@router.get(
    f"{API}/pledges/mine", response={200: list[CampaignPledge], **ERRORS}, summary="My pledges"
)
def my_pledges(request: HttpRequest):
    return [_pledge_out(p) for p in selectors.my_pledges(_viewer(request))[:500]]


@router.get(
    f"{API}/applications",
    response={200: list[CampaignApplication], **ERRORS},
    summary="Fund applications (my businesses', and those of the funds I manage)",
)
def applications_list(request: HttpRequest):
    return [_application_out(a) for a in selectors.applications_for(_viewer(request))[:500]]


@router.post(
    f"{API}/applications/{{application_id}}/decide",
    response={200: CampaignApplication, **BODY_ERRORS},
    summary="Approve or reject an application, with the reason (fund managers)",
)
def application_decide(
    request: HttpRequest, payload: CampaignDecisionIn, application_id: int = Path(..., **DB_ID)
):
    """The applicant is told by email. An approved application is awarded on the web page,
    with the decision document as the evidence of the allocation."""
    viewer = _viewer(request)
    application = (
        FundApplication.objects.select_related("fund", "business").filter(pk=application_id).first()
    )
    if application is None or not rules.can_view_application(viewer, application):
        raise Http404
    if not rules.can_decide(viewer, application):
        raise PermissionDenied
    services.application_decide(
        application, approve=payload.approve, reason=payload.reason, user=request.auth
    )
    return _application_out(application)


@router.get(
    f"{API}/{{campaign_id}}", response={200: CampaignOut, **ERRORS}, auth=OPTIONAL, summary="One"
)
def campaign_detail(request: HttpRequest, campaign_id: int = Path(..., **DB_ID)):
    return _campaign_out(_campaign(request, campaign_id), _viewer(request))


@router.patch(
    f"{API}/{{campaign_id}}",
    response={200: CampaignOut, **BODY_ERRORS},
    summary="Change, open or close a campaign (managers)",
)
def campaign_update(
    request: HttpRequest, payload: CampaignPatch, campaign_id: int = Path(..., **DB_ID)
):
    campaign = _managed(request, campaign_id)
    values = payload.model_dump(exclude_unset=True)
    status = values.pop("status", None)
    values = {k: v for k, v in values.items() if v is not None}
    with transaction.atomic():
        if values:
            services.campaign_update(campaign, user=request.auth, **values)
        if status:
            services.campaign_set_status(campaign, status=status, user=request.auth)
    return _fresh(request, campaign_id)


@router.get(
    f"{API}/{{campaign_id}}/ledger",
    response={200: CampaignLedger, **ERRORS},
    auth=OPTIONAL,
    summary="The public ledger: contributed, allocated, held, and every entry",
)
def ledger(request: HttpRequest, campaign_id: int = Path(..., **DB_ID)):
    campaign = _campaign(request, campaign_id)
    viewer = _viewer(request)
    return {
        "campaign": _ref(campaign, campaign.name()),
        "figures": _figures(campaign),
        "contributions": [
            {
                "id": c.pk,
                "received_on": c.received_on,
                "contributor": c.shown_name,
                "amount": str(c.amount),
                "currency": c.currency,
                "vnd_per_unit": str(c.vnd_per_unit),
                "rate_id": c.rate_id,
                "amount_vnd": c.amount_vnd,
                "pledge_id": c.pledge_id,
            }
            for c in selectors.contributions(viewer, campaign)
        ],
        "allocations": [_allocation_out(a) for a in selectors.allocations(campaign)],
    }


@router.post(
    f"{API}/{{campaign_id}}/pledges",
    response={201: CampaignPledge, **BODY_ERRORS},
    summary="Pledge to an open campaign (members with a profile)",
)
def pledge_create(
    request: HttpRequest, payload: CampaignPledgeIn, campaign_id: int = Path(..., **DB_ID)
):
    """Another currency than VND is converted at the latest recorded rate."""
    campaign = _campaign(request, campaign_id)
    viewer = _viewer(request)
    if not rules.can_pledge(viewer, campaign):
        raise PermissionDenied
    values = payload.model_dump(exclude={"organisation_id"})
    try:
        pledge = services.pledge_create(
            campaign,
            person=_person(viewer),
            user=request.auth,
            organisation=payload.organisation_id,
            **values,
        )
    except ValidationError as error:
        raise _renamed(error, MONEY_NAMES) from None
    return Status(201, _pledge_out(pledge))


@router.post(
    f"{API}/{{campaign_id}}/contributions",
    response={201: CampaignContribution, **BODY_ERRORS},
    summary="Record money received (managers)",
)
def contribution_create(
    request: HttpRequest, payload: CampaignContributionIn, campaign_id: int = Path(..., **DB_ID)
):
    campaign = _managed(request, campaign_id)
    values = payload.model_dump(exclude={"rate_id", "person_id", "organisation_id", "pledge_id"})
    try:
        contribution = services.contribution_record(
            campaign,
            user=request.auth,
            rate=payload.rate_id,
            person=payload.person_id,
            organisation=payload.organisation_id,
            pledge=payload.pledge_id,
            **values,
        )
    except ValidationError as error:
        raise _renamed(error, MONEY_NAMES | {"pledge": "pledge_id"}) from None
    return Status(
        201,
        {
            "id": contribution.pk,
            "received_on": contribution.received_on,
            "contributor": contribution.contributor_name(),
            "amount": str(contribution.amount),
            "currency": contribution.currency,
            "vnd_per_unit": str(contribution.vnd_per_unit),
            "rate_id": contribution.rate_id,
            "amount_vnd": contribution.amount_vnd,
            "pledge_id": contribution.pledge_id,
        },
    )


@router.get(
    f"{API}/{{campaign_id}}/allocations",
    response={200: list[CampaignAllocation], **ERRORS},
    auth=OPTIONAL,
    summary="Where the money went, with the evidence documents",
)
def allocations_list(request: HttpRequest, campaign_id: int = Path(..., **DB_ID)):
    campaign = _campaign(request, campaign_id)
    return [_allocation_out(a) for a in selectors.allocations(campaign)]


@router.post(
    f"{API}/{{campaign_id}}/allocations",
    response={201: CampaignAllocation, **BODY_ERRORS},
    summary="Record an allocation with its evidence document (managers; multipart)",
)
def allocation_create(
    request: HttpRequest,
    payload: Form[CampaignAllocationIn],
    evidence: File[UploadedFile] = None,
    campaign_id: int = Path(..., **DB_ID),
):
    """Refused when it would allocate more than the campaign holds, or without evidence."""
    campaign = _managed(request, campaign_id)
    values = payload.model_dump(exclude={"recipient_id"})
    try:
        allocation = services.allocation_record(
            campaign,
            user=request.auth,
            recipient=payload.recipient_id,
            evidence=evidence,
            **values,
        )
    except ValidationError as error:
        raise _renamed(error, {"recipient": "recipient_id"}) from None
    return Status(201, _allocation_out(allocation))


@router.post(
    f"{API}/{{campaign_id}}/applications",
    response={201: CampaignApplication, **BODY_ERRORS},
    summary="Apply to a support fund for a business the caller administers",
)
def application_create(
    request: HttpRequest, payload: CampaignApplicationIn, campaign_id: int = Path(..., **DB_ID)
):
    fund = _campaign(request, campaign_id)
    viewer = _viewer(request)
    if not rules.can_apply(viewer, fund):
        raise PermissionDenied
    values = payload.model_dump(exclude={"business_id"})
    try:
        application = services.application_submit(
            fund,
            business=payload.business_id,
            person=_person(viewer),
            user=request.auth,
            **values,
        )
    except ValidationError as error:
        raise _renamed(error, {"business": "business_id"}) from None
    return Status(201, _application_out(application))
