from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router

from kieubao.community.api.schemas import ErrorOut
from kieubao.community.selectors import viewer_for_user
from kieubao.core.api.auth import OPTIONAL, request_user

from .. import selectors
from .schemas import InsightsSummary

router = Router(tags=["insights"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 429: ErrorOut}


@router.get(
    "/insights/provinces/{code}/summary",
    response={200: InsightsSummary, **ERRORS},
    auth=OPTIONAL,
    summary="Figures of a province's overseas community (or national)",
)
def province_summary(request: HttpRequest, code: str):
    """`code` is the province's official code (31 for Hải Phòng) or `national`. Officials of
    the province, officials of ministries and platform admins get exact figures; everyone
    else gets the same figures with counts from 1 to 9 shown as "<10" and further cells shown
    as "x" where they would let a hidden count be worked out by subtraction (`exact` says
    which)."""
    area = selectors.area_for(code)
    if area is None:
        raise Http404
    viewer = viewer_for_user(request_user(request))
    return selectors.province_summary(area, exact=selectors.can_see_exact(viewer, area))
