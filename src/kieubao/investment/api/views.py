"""The investment API under /api/v1/investment/: opportunities (list, get, create, update,
publish), interests (express, mine, per opportunity for its body's officials, move, withdraw),
a province's figures, and the OV enterprises registry. Thin: parse input, call one service or
selector, serialise.

Published opportunities, the province figures and the registry are read without credentials;
everything else needs a signed-in caller (401 otherwise). What the caller may not see is a 404,
what they see but may not do a 403. Service validation errors are 422 with translated messages
keyed by the request's field names (Accept-Language: vi or en).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Status

from kieubao.community.api.common import BODY_ERRORS, DB_ID, ERRORS
from kieubao.community.api.common import WRITE_ERRORS as DENIED
from kieubao.community.api.common import renamed as _renamed
from kieubao.community.models import Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.api.auth import OPTIONAL, REQUIRED
from kieubao.core.provinces import province_by_code

from .. import rules, selectors, services
from ..models import Interest, Opportunity, OvEnterprise
from .schemas import (
    InvestmentEnterprise,
    InvestmentEnterpriseIn,
    InvestmentEnterprisePatch,
    InvestmentEnterprisesPage,
    InvestmentEnterprisesQuery,
    InvestmentInterest,
    InvestmentInterestIn,
    InvestmentMoveIn,
    InvestmentOpportunitiesPage,
    InvestmentOpportunitiesQuery,
    InvestmentOpportunityDetail,
    InvestmentOpportunityIn,
    InvestmentOpportunityPatch,
    InvestmentProvince,
    InvestmentWithdrawIn,
)

router = Router(tags=["investment"], auth=REQUIRED)

API = "/investment"
CENT = Decimal("0.01")


def _money(value: Decimal | int | None) -> Decimal | None:
    """To the cent, whatever the database gave back (SQLite may drop trailing zeros)."""
    return None if value is None else Decimal(value).quantize(CENT)


def _viewer(request: HttpRequest) -> Viewer:
    return viewer_for_request(request)


def _ref(obj, name: str) -> dict:
    return {"id": obj.pk, "name": name}


def _opportunity(request: HttpRequest, pk: int) -> Opportunity:
    found = selectors.opportunity_get(_viewer(request), pk)
    if found is None:
        raise Http404
    return found


def _managed(request: HttpRequest, pk: int) -> Opportunity:
    found = _opportunity(request, pk)
    if not rules.can_manage(_viewer(request), found):
        raise PermissionDenied
    return found


def _summary(o: Opportunity, interests: int | None = None) -> dict:
    if interests is None:
        interests = getattr(o, "n_interests", None)
        if interests is None:
            interests = o.interests.count()
    return {
        "id": o.pk,
        "name": o.name(),
        "title": o.title,
        "title_en": o.title_en,
        "summary": o.summary_text(),
        "body": _ref(o.body, o.body.display_name()),
        "sector": o.sector,
        "province_code": o.province_code,
        "address": o.address,
        "size_usd": _money(o.size_usd),
        "size_vnd": o.size_vnd,
        "rate_vnd_per_usd": _money(o.rate_vnd_per_usd),
        "rate_date": o.rate_date,
        "stage": o.stage,
        "status": o.status,
        "published_at": o.published_at,
        "interests": interests,
    }


def _detail(o: Opportunity, viewer: Viewer) -> dict:
    counts = selectors.stage_counts(o)
    mine = selectors.my_interest_in(viewer, o)
    return _summary(o, sum(counts.values())) | {
        "summary_vi": o.summary,
        "summary_en": o.summary_en,
        "description": o.description_text(),
        "incentives": o.incentives_text(),
        "contact_body": _ref(o.contact_body, o.contact_body.display_name())
        if o.contact_body
        else None,
        "contact_email": o.contact_email,
        "contact_phone": o.contact_phone,
        "documents": [_ref(d, str(d)) for d in o.attachments.all()],
        "by_stage": counts,
        "can_manage": rules.can_manage(viewer, o),
        "my_interest_id": mine.pk if mine else None,
    }


def _interest(i: Interest) -> dict:
    event = i.meeting.event if i.meeting_id else None
    return {
        "id": i.pk,
        "opportunity": _ref(i.opportunity, i.opportunity.name()),
        "investor": i.investor_name,
        "organisation": _ref(i.organisation, i.organisation.display_name())
        if i.organisation
        else None,
        "message": i.message,
        "amount_usd": _money(i.amount_usd),
        "stage": i.stage,
        "committed_usd": _money(i.committed_usd),
        "disbursed_usd": _money(i.disbursed_usd),
        "event": _ref(event, event.name()) if event else None,
        "steps": [
            {"stage": s.stage, "date": s.date, "amount_usd": _money(s.amount_usd), "note": s.note}
            for s in i.steps.all()
        ],
        "created_at": i.created_at,
    }


def _interest_of(request: HttpRequest, pk: int) -> Interest:
    found = selectors.interest_get(_viewer(request), pk)
    if found is None:
        raise Http404
    return found


def _enterprise(e: OvEnterprise) -> dict:
    return {
        "id": e.pk,
        "name": e.organisation.display_name(),
        "location": e.location,
        "country": str(e.country),
        "province_code": e.province_code,
        "sector": e.sector,
        "founded_year": e.founded_year,
        "employees": e.employees,
        "capital_usd": _money(e.capital_usd),
        "description": e.description,
        "projects": [
            _ref(i.opportunity, i.opportunity.name()) for i in selectors.enterprise_projects(e)
        ],
    }


def _page(result, items) -> dict:
    return {"count": result.total, "page": result.page, "pages": result.pages, "results": items}


# --- opportunities -------------------------------------------------------------------------------
@router.get(
    f"{API}/opportunities",
    response={200: InvestmentOpportunitiesPage, **ERRORS},
    auth=OPTIONAL,
    summary="Search investment opportunities",
)
def opportunities_list(request: HttpRequest, query: Query[InvestmentOpportunitiesQuery]):
    """Published (and closed) opportunities; drafts only for their body's officials. Tones, đ and
    case do not matter in ``q``."""
    result = selectors.opportunities_list(
        _viewer(request),
        q=query.q,
        sector=query.sector or "",
        province_code=query.province,
        stage=query.stage or "",
        page=query.page,
        per_page=query.per_page,
    )
    return _page(result, [_summary(o) for o in result.items])


@router.post(
    f"{API}/opportunities",
    response={201: InvestmentOpportunityDetail, **BODY_ERRORS},
    summary="Create an opportunity (officials of a province or ministry)",
)
def opportunity_create(request: HttpRequest, payload: InvestmentOpportunityIn):
    """A draft until published, for the caller's own body (platform admins: any province or
    ministry). Give the size in one currency with the exchange rate, or in both."""
    viewer = _viewer(request)
    if not rules.can_publish_for(viewer, payload.body_id):
        raise PermissionDenied
    values = payload.model_dump(exclude={"body_id"}, exclude_none=True)
    try:
        created = services.opportunity_create(body=payload.body_id, user=request.auth, **values)
    except ValidationError as error:
        raise _renamed(error, {"body": "body_id"}) from None
    return Status(201, _detail(selectors.opportunity_get(viewer, created.pk), viewer))


@router.get(
    f"{API}/opportunities/{{opportunity_id}}",
    response={200: InvestmentOpportunityDetail, **ERRORS},
    auth=OPTIONAL,
    summary="One opportunity",
)
def opportunity_detail(request: HttpRequest, opportunity_id: int = Path(..., **DB_ID)):
    return _detail(_opportunity(request, opportunity_id), _viewer(request))


@router.patch(
    f"{API}/opportunities/{{opportunity_id}}",
    response={200: InvestmentOpportunityDetail, **BODY_ERRORS},
    summary="Change an opportunity (its body's officials)",
)
def opportunity_update(
    request: HttpRequest,
    payload: InvestmentOpportunityPatch,
    opportunity_id: int = Path(..., **DB_ID),
):
    found = _managed(request, opportunity_id)
    services.opportunity_update(found, user=request.auth, **payload.model_dump(exclude_unset=True))
    viewer = _viewer(request)
    return _detail(selectors.opportunity_get(viewer, opportunity_id), viewer)


@router.post(
    f"{API}/opportunities/{{opportunity_id}}/publish",
    response={200: InvestmentOpportunityDetail, **DENIED},
    summary="Publish an opportunity (its body's officials)",
)
def opportunity_publish(request: HttpRequest, opportunity_id: int = Path(..., **DB_ID)):
    """Needs a summary and a size. A closed opportunity cannot be published again."""
    found = _managed(request, opportunity_id)
    services.opportunity_publish(found, user=request.auth)
    viewer = _viewer(request)
    return _detail(selectors.opportunity_get(viewer, opportunity_id), viewer)


# --- interests -----------------------------------------------------------------------------------
@router.post(
    f"{API}/opportunities/{{opportunity_id}}/interests",
    response={201: InvestmentInterest, **BODY_ERRORS},
    summary="Express interest (members with a profile)",
)
def interest_create(
    request: HttpRequest, payload: InvestmentInterestIn, opportunity_id: int = Path(..., **DB_ID)
):
    """Once per person and opportunity, for themself or a business they administer; from a B2B
    meeting they took part in, the interest is credited to that event."""
    viewer = _viewer(request)
    found = _opportunity(request, opportunity_id)
    if viewer.person_id is None:
        raise PermissionDenied
    try:
        interest = services.interest_create(
            opportunity=found,
            person=Person.objects.get(pk=viewer.person_id),
            user=request.auth,
            organisation=payload.organisation_id,
            message=payload.message,
            amount_usd=payload.amount_usd,
            meeting=payload.meeting_id,
            admin_of=viewer.admin_of,
        )
    except ValidationError as error:
        raise _renamed(
            error, {"organisation": "organisation_id", "meeting": "meeting_id"}
        ) from None
    return Status(201, _interest(_interest_of(request, interest.pk)))


@router.get(
    f"{API}/opportunities/{{opportunity_id}}/interests",
    response={200: list[InvestmentInterest], **DENIED},
    summary="The interests in an opportunity (its body's officials)",
)
def opportunity_interests(request: HttpRequest, opportunity_id: int = Path(..., **DB_ID)):
    found = _managed(request, opportunity_id)
    return [_interest(i) for i in selectors.interests_of(found)]


@router.get(
    f"{API}/interests/mine",
    response={200: list[InvestmentInterest], **ERRORS},
    summary="My interests",
)
def my_interests(request: HttpRequest):
    return [_interest(i) for i in selectors.my_interests(_viewer(request))]


@router.post(
    f"{API}/interests/{{interest_id}}/move",
    response={200: InvestmentInterest, **BODY_ERRORS},
    summary="Move an interest in the pipeline (the body's officials)",
)
def interest_move(
    request: HttpRequest, payload: InvestmentMoveIn, interest_id: int = Path(..., **DB_ID)
):
    """Forward one or more stages, never back; ``amount_usd`` is required (positive) at the MoU,
    the licence and each disbursement (tranches add up). Declining needs a ``note``."""
    found = _interest_of(request, interest_id)
    if not rules.can_move(_viewer(request), found):
        raise PermissionDenied
    services.interest_move(found, user=request.auth, **payload.model_dump())
    return _interest(_interest_of(request, interest_id))


@router.post(
    f"{API}/interests/{{interest_id}}/withdraw",
    response={200: InvestmentInterest, **BODY_ERRORS},
    summary="Withdraw an interest (the investor)",
)
def interest_withdraw(
    request: HttpRequest, payload: InvestmentWithdrawIn, interest_id: int = Path(..., **DB_ID)
):
    found = _interest_of(request, interest_id)
    if not rules.can_withdraw(_viewer(request), found):
        raise PermissionDenied
    services.interest_withdraw(found, user=request.auth, reason=payload.reason)
    return _interest(_interest_of(request, interest_id))


# --- a province's figures ------------------------------------------------------------------------
@router.get(
    f"{API}/provinces/{{code}}",
    response={200: InvestmentProvince, **ERRORS},
    auth=OPTIONAL,
    summary="A province's published projects: interests per stage, amounts, credited events",
)
def province_figures(request: HttpRequest, code: int = Path(..., ge=1, le=999)):
    """Totals for everyone; investors' names only for those who manage the opportunity."""
    province = province_by_code(code)
    if province is None:
        raise Http404
    dashboard = selectors.province_dashboard(_viewer(request), province.code)
    return {
        "province_code": province.code,
        "name": province.name(),
        "totals": dashboard["totals"]
        | {
            "committed_usd": _money(dashboard["totals"]["committed_usd"]),
            "disbursed_usd": _money(dashboard["totals"]["disbursed_usd"]),
        },
        "projects": [
            {
                "opportunity": _ref(r["opportunity"], r["opportunity"].name()),
                "by_stage": r["by_stage"],
                "interests": r["interests"],
                "committed_usd": _money(r["committed_usd"]),
                "disbursed_usd": _money(r["disbursed_usd"]),
                "events": r["events"],
                "investors": [i.investor_name for i in r["investors"]]
                if r["investors"] is not None
                else None,
            }
            for r in dashboard["rows"]
        ],
    }


# --- the OV enterprises registry -----------------------------------------------------------------
@router.get(
    f"{API}/enterprises",
    response={200: InvestmentEnterprisesPage, **ERRORS},
    auth=OPTIONAL,
    summary="Enterprises founded by overseas Vietnamese",
)
def enterprises_list(request: HttpRequest, query: Query[InvestmentEnterprisesQuery]):
    result = selectors.enterprises_list(
        q=query.q,
        sector=query.sector or "",
        province_code=query.province,
        location=query.location or "",
        page=query.page,
        per_page=query.per_page,
    )
    return _page(result, [_enterprise(e) for e in result.items])


@router.post(
    f"{API}/enterprises",
    response={201: InvestmentEnterprise, **BODY_ERRORS},
    summary="Add a business to the registry (its admins)",
)
def enterprise_create(request: HttpRequest, payload: InvestmentEnterpriseIn):
    if not rules.can_manage_enterprise(_viewer(request), payload.organisation_id):
        raise PermissionDenied
    values = payload.model_dump(exclude={"organisation_id"}, exclude_none=True)
    try:
        created = services.enterprise_create(
            organisation=payload.organisation_id, user=request.auth, **values
        )
    except ValidationError as error:
        raise _renamed(error, {"organisation": "organisation_id"}) from None
    return Status(201, _enterprise(created))


def _enterprise_of(pk: int) -> OvEnterprise:
    found = OvEnterprise.objects.select_related("organisation").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@router.get(
    f"{API}/enterprises/{{enterprise_id}}",
    response={200: InvestmentEnterprise, **ERRORS},
    auth=OPTIONAL,
    summary="One enterprise with its investment projects",
)
def enterprise_detail(request: HttpRequest, enterprise_id: int = Path(..., **DB_ID)):
    return _enterprise(_enterprise_of(enterprise_id))


@router.patch(
    f"{API}/enterprises/{{enterprise_id}}",
    response={200: InvestmentEnterprise, **BODY_ERRORS},
    summary="Change an enterprise's profile (its admins)",
)
def enterprise_update(
    request: HttpRequest,
    payload: InvestmentEnterprisePatch,
    enterprise_id: int = Path(..., **DB_ID),
):
    found = _enterprise_of(enterprise_id)
    if not rules.can_manage_enterprise(_viewer(request), found.pk):
        raise PermissionDenied
    services.enterprise_update(found, user=request.auth, **payload.model_dump(exclude_unset=True))
    return _enterprise(_enterprise_of(enterprise_id))
