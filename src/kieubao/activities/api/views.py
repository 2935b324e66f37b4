"""The activities API under /api/v1/activities/: reports (list, get, create, update, submit,
approve, return) and the yearly review's figures. Thin: parse input, call one service or
selector, serialise.

Approved reports and the review are read without credentials; everything else needs a signed-in
caller (401 otherwise). Deny by default, as the pages do (see ..rules): a report the caller may
not see is a 404, one they see but may not change a 403 — only the reporter writes and submits,
only the mission of the report's country (or the ministry, or platform admins) approves or
returns it. Validation errors of the services come back as 422 with translated messages keyed by
the request's field names (Accept-Language: vi or en).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Status

from kieubao.community.api.common import BODY_ERRORS, DB_ID, ERRORS
from kieubao.community.api.common import WRITE_ERRORS as DENIED
from kieubao.community.api.common import renamed as _renamed
from kieubao.community.models import Organisation
from kieubao.community.selectors import viewer_for_request
from kieubao.core.api.auth import OPTIONAL, REQUIRED

from .. import rules, selectors, services
from ..models import ActivityReport
from .schemas import (
    ActivityReportIn,
    ActivityReportOut,
    ActivityReportPatch,
    ActivityReportsPage,
    ActivityReportsQuery,
    ActivityReturnIn,
    ActivityReview,
)

router = Router(tags=["activities"], auth=REQUIRED)

API = "/activities"
_NAMES = {"programme": "programme_id", "reporter": "reporter_id"}


def _report(request: HttpRequest, report_id: int) -> ActivityReport:
    report = selectors.report_get(viewer_for_request(request), report_id)
    if report is None:
        raise Http404
    return report


def _ref(obj, name: str) -> dict:
    return {"id": obj.pk, "name": name}


def _out(report: ActivityReport) -> dict:
    return {
        "id": report.pk,
        "reporter": _ref(report.reporter, report.reporter.display_name()),
        "kind": report.kind,
        "title": report.title,
        "date": report.date,
        "end_date": report.end_date,
        "country": str(report.country),
        "city": report.city,
        "partners": [line for line in report.partners.splitlines() if line.strip()],
        "activity_count": report.activity_count,
        "participants": report.participants,
        "participants_overseas": report.participants_overseas,
        "participants_local": report.participants_local,
        "theme": report.theme,
        "programme": _ref(report.programme, report.programme.name()) if report.programme else None,
        "description": report.description,
        "status": report.status,
        "return_reason": report.return_reason,
        "approved_by": _ref(report.decided_body, report.decided_body.display_name())
        if report.is_approved and report.decided_body
        else None,
        "breakthrough": report.breakthrough,
        "breakthrough_note": report.breakthrough_note,
        "submitted_at": report.submitted_at,
        "decided_at": report.decided_at,
    }


def _fresh(request: HttpRequest, report: ActivityReport) -> dict:
    return _out(_report(request, report.pk))


def _values(payload) -> dict:
    values = payload.model_dump(exclude_unset=True)
    if "programme_id" in values:
        values["programme"] = values.pop("programme_id")
    values.pop("reporter_id", None)
    return values


@router.get(
    f"{API}/reports",
    response={200: ActivityReportsPage, **ERRORS},
    auth=OPTIONAL,
    summary="Activity reports (approved; filters)",
)
def reports_list(request: HttpRequest, query: Query[ActivityReportsQuery]):
    """Approved reports, the latest first. With ``mine=true`` (signed in): the reports of the
    organisations the caller reports for, in every status."""
    base = None
    if query.mine:
        base = selectors.my_reports(viewer_for_request(request))
    result = selectors.reports_list(
        country=(query.country or "").upper(),
        theme=query.theme or "",
        kind=query.kind or "",
        year=query.year,
        q=query.q,
        page=query.page,
        per_page=query.per_page,
        base=base,
    )
    return {
        "count": result.total,
        "page": result.page,
        "pages": result.pages,
        "results": [_out(r) for r in result.items],
    }


@router.post(
    f"{API}/reports",
    response={201: ActivityReportOut, **BODY_ERRORS},
    summary="Write a report (an organisation's admins, a mission's officials)",
)
def report_create(request: HttpRequest, payload: ActivityReportIn):
    """A draft until submitted."""
    viewer = viewer_for_request(request)
    reporter = Organisation.objects.filter(pk=payload.reporter_id).first()
    if reporter is None or not rules.can_report_for(viewer, reporter.pk, reporter.kind):
        raise PermissionDenied
    values = _values(payload)
    try:
        report = services.report_create(reporter=reporter, user=request.auth, **values)
    except ValidationError as error:
        raise _renamed(error, _NAMES) from None
    return Status(201, _fresh(request, report))


@router.get(
    f"{API}/reports/{{activity_report_id}}",
    response={200: ActivityReportOut, **ERRORS},
    auth=OPTIONAL,
    summary="One report",
)
def report_detail(request: HttpRequest, activity_report_id: int = Path(..., **DB_ID)):
    """An approved report is public; others are seen by the reporter and the approvers."""
    return _out(_report(request, activity_report_id))


@router.patch(
    f"{API}/reports/{{activity_report_id}}",
    response={200: ActivityReportOut, **BODY_ERRORS},
    summary="Change a draft or returned report (the reporter)",
)
def report_update(
    request: HttpRequest,
    payload: ActivityReportPatch,
    activity_report_id: int = Path(..., **DB_ID),
):
    report = _report(request, activity_report_id)
    if not rules.is_reporter(viewer_for_request(request), report):
        raise PermissionDenied
    try:
        services.report_update(report=report, **_values(payload))
    except ValidationError as error:
        raise _renamed(error, _NAMES) from None
    return _fresh(request, report)


@router.post(
    f"{API}/reports/{{activity_report_id}}/submit",
    response={200: ActivityReportOut, **DENIED},
    summary="Submit a report to the mission of its country (the reporter)",
)
def report_submit(request: HttpRequest, activity_report_id: int = Path(..., **DB_ID)):
    report = _report(request, activity_report_id)
    if not rules.is_reporter(viewer_for_request(request), report):
        raise PermissionDenied
    services.report_submit(report=report)
    return _fresh(request, report)


@router.post(
    f"{API}/reports/{{activity_report_id}}/approve",
    response={200: ActivityReportOut, **DENIED},
    summary="Approve a submitted report (the mission of its country, the ministry)",
)
def report_approve(request: HttpRequest, activity_report_id: int = Path(..., **DB_ID)):
    """It becomes public and counts in the yearly review; the reporter is told by email."""
    report = _report(request, activity_report_id)
    if not rules.can_decide(viewer_for_request(request), report):
        raise PermissionDenied
    services.report_approve(report=report, user=request.auth)
    return _fresh(request, report)


@router.post(
    f"{API}/reports/{{activity_report_id}}/return",
    response={200: ActivityReportOut, **BODY_ERRORS},
    summary="Return a submitted report with a reason (the mission of its country, the ministry)",
)
def report_return(
    request: HttpRequest, payload: ActivityReturnIn, activity_report_id: int = Path(..., **DB_ID)
):
    report = _report(request, activity_report_id)
    if not rules.can_decide(viewer_for_request(request), report):
        raise PermissionDenied
    services.report_return(report=report, reason=payload.reason, user=request.auth)
    return _fresh(request, report)


@router.get(
    f"{API}/review/{{year}}",
    response={200: ActivityReview, **ERRORS},
    auth=OPTIONAL,
    summary="The yearly review's figures",
)
def review(request: HttpRequest, year: int = Path(..., ge=1900, le=2200)):
    """Approved reports of the year, added up by country, theme, kind, month and organisation,
    and the breakthrough initiatives."""
    figures = selectors.year_review(year)
    lines = ("by_country", "by_theme", "by_kind", "by_month", "top_organisations")
    return {
        "year": figures.year,
        "reports": figures.reports,
        "activities": figures.activities,
        "participants": figures.participants,
        "participants_overseas": figures.participants_overseas,
        "participants_local": figures.participants_local,
        "countries": figures.countries,
        "organisations": figures.organisations,
        **{name: [vars(line) for line in getattr(figures, name)] for name in lines},
        "breakthroughs": [_out(r) for r in figures.highlights],
    }
