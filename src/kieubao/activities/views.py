"""Pages of activity reports: the public list of approved reports, a report, the reporter's
form and their reports, the approval queue of a mission, and the yearly review (charts, XLSX,
printable).

Thin: parse, check the rule (rules.py), call a service or selector, render. Deny by default: a
report a viewer may not see is 404; one they see but may not change is 403. A service's refusal
is shown on the form, in the reader's language, with what was typed kept.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieubao.community.models import Organisation, OrganisationKind
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.htmx import template_for
from kieubao.core.middleware import accepts_uploads
from kieubao.core.uploads import KINDS, StoredUpload, serve_upload

from . import exports, rules, selectors, services
from .forms import BreakthroughForm, DecisionForm, ReportFilterForm, ReportForm, apply_errors
from .models import ActivityReport, Attachment, Status

PER_PAGE = 20
MIN_YEAR, MAX_YEAR = 1900, 2200


def _report_or_404(request: HttpRequest, pk: int) -> ActivityReport:
    report = selectors.report_get(viewer_for_request(request), pk)
    if report is None:
        raise Http404
    return report


def _reporters(viewer: Viewer) -> list[Organisation]:
    """The organisations this viewer may report for."""
    ids = set(viewer.admin_of)
    if rules.is_mission_official(viewer):
        ids.add(viewer.scope.body_id)
    return [
        o
        for o in Organisation.objects.filter(pk__in=ids).order_by("name_folded", "pk")
        if rules.can_report_for(viewer, o.pk, o.kind)
    ]


def _programmes():
    from kieubao.events.selectors import programmes_list

    return list(programmes_list().order_by("-starts_on", "pk")[:100])


def _values(form: ReportForm) -> dict:
    data = form.data
    return {name: data.get(name, "") for name in services.FIELDS}


# -- public list and a report ------------------------------------------------------------------


@require_GET
def list_page(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = selectors.reports_list(
        country=data.get("country") or "",
        theme=data.get("theme") or "",
        kind=data.get("kind") or "",
        year=data.get("year"),
        q=data.get("q") or "",
        page=data.get("page") or 1,
        per_page=PER_PAGE,
    )
    query = request.GET.copy()
    query.pop("page", None)
    viewer = viewer_for_request(request)
    return render(
        request,
        template_for(request, "activities/list.html", "activities/_results.html"),
        {
            "form": form,
            "result": result,
            "query": query.urlencode(),
            "years": selectors.report_years(),
            "can_report": rules.can_report(viewer),
            "can_see_queue": rules.can_see_queue(viewer),
            "section": "list",
        },
    )


def _report_context(request: HttpRequest, report: ActivityReport, **extra) -> dict:
    viewer = viewer_for_request(request)
    return {
        "report": report,
        "attachments": list(report.attachments.all()),
        "can_edit": rules.can_edit(viewer, report),
        "can_decide": rules.can_decide(viewer, report) and report.status == Status.SUBMITTED,
        "can_reopen": rules.can_reopen(viewer, report),
        "can_mark": rules.can_mark_breakthrough(viewer) and report.status == Status.APPROVED,
        "decision_form": extra.pop("decision_form", None) or DecisionForm(),
        "breakthrough_form": BreakthroughForm(
            initial={"breakthrough": report.breakthrough, "note": report.breakthrough_note}
        ),
        **extra,
    }


@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    return render(request, "activities/report.html", _report_context(request, report))


@require_GET
def attachment_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    attachment = Attachment.objects.filter(report=report, pk=file_id).first()
    if attachment is None:
        raise Http404
    extension = KINDS[attachment.file_kind][1]
    stored = StoredUpload(
        kind=attachment.file_kind,
        name=attachment.stored_name,
        area=services.ATTACHMENT_AREA,
        size=attachment.size,
        original_name=f"activity-{report.pk}-{attachment.pk}.{extension}",
    )
    return serve_upload(stored, inline=True)


# -- the reporter -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@accepts_uploads
def create_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    reporters = _reporters(viewer)
    if not reporters:
        raise PermissionDenied
    programmes = _programmes()
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, reporters=reporters, programmes=programmes)
        form.is_valid()
        reporter = next(
            (o for o in reporters if str(o.pk) == request.POST.get("reporter")), reporters[0]
        )
        upload = request.FILES.get("attachment")
        try:
            report = services.report_create(
                reporter=reporter,
                user=request.user,
                attachments=[upload] if upload else [],
                **_values(form),
            )
        except ValidationError as error:
            apply_errors(form, error, {"attachments": "attachment"})
        else:
            if request.POST.get("submit"):
                services.report_submit(report=report)
                messages.success(request, _("Your report was submitted to the mission."))
            else:
                messages.success(request, _("Your report was saved as a draft."))
            return redirect("activities:report", report.pk)
    else:
        initial = {"activity_count": "1"}
        if reporters[0].kind != OrganisationKind.MISSION or len(reporters) == 1:
            initial["country"] = str(reporters[0].country)
        form = ReportForm(reporters=reporters, programmes=programmes, initial=initial)
    return render(request, "activities/form.html", {"form": form, "report": None})


@login_required
@require_http_methods(["GET", "POST"])
@accepts_uploads
def edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    if not rules.can_edit(viewer_for_request(request), report):
        raise PermissionDenied
    programmes = _programmes()
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, programmes=programmes)
        form.is_valid()
        upload = request.FILES.get("attachment")
        try:
            services.report_update(
                report=report, attachments=[upload] if upload else [], **_values(form)
            )
        except ValidationError as error:
            apply_errors(form, error, {"attachments": "attachment"})
        else:
            if request.POST.get("submit"):
                services.report_submit(report=report)
                messages.success(request, _("Your report was submitted to the mission."))
            else:
                messages.success(request, _("Your changes were saved."))
            return redirect("activities:report", report.pk)
    else:
        initial = {name: getattr(report, name) for name in services.FIELDS}
        initial["programme"] = report.programme_id or ""
        initial["country"] = str(report.country)
        for name in ("date", "end_date"):
            initial[name] = initial[name].isoformat() if initial[name] else ""
        form = ReportForm(programmes=programmes, initial=initial)
    return render(request, "activities/form.html", {"form": form, "report": report})


@login_required
@require_POST
def submit_report(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    if not rules.can_submit(viewer_for_request(request), report):
        raise PermissionDenied
    try:
        services.report_submit(report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your report was submitted to the mission."))
    return redirect("activities:report", report.pk)


@login_required
@require_GET
def mine_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    return render(
        request,
        "activities/mine.html",
        {
            "reports": list(selectors.my_reports(viewer)[:500]),
            "can_report": rules.can_report(viewer),
            "section": "mine",
        },
    )


# -- approval ---------------------------------------------------------------------------------


@login_required
@require_GET
def queue_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not rules.can_see_queue(viewer):
        raise PermissionDenied
    return render(
        request,
        "activities/queue.html",
        {"reports": list(selectors.approval_queue(viewer)[:500]), "section": "queue"},
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or return (with a reason) a submitted report; reopen an approved one."""
    viewer = viewer_for_request(request)
    report = _report_or_404(request, pk)
    form = DecisionForm(request.POST)
    action = request.POST.get("action")
    allowed = (
        rules.can_reopen(viewer, report) if action == "reopen" else rules.can_decide(viewer, report)
    )
    if not allowed:
        raise PermissionDenied
    if not form.is_valid():
        return render(
            request,
            "activities/report.html",
            _report_context(request, report, decision_form=form),
        )
    reason = form.cleaned_data["reason"]
    try:
        if action == "approve":
            services.report_approve(report=report, user=request.user)
            messages.success(request, _("The report is approved: it is now public."))
        elif action == "return":
            services.report_return(report=report, reason=reason, user=request.user)
            messages.success(request, _("The report was returned to its reporter."))
        else:
            services.report_reopen(report=report, reason=reason, user=request.user)
            messages.success(request, _("The report was reopened: it is no longer public."))
    except ValidationError as error:
        apply_errors(form, error)
        return render(
            request,
            "activities/report.html",
            _report_context(request, report, decision_form=form),
        )
    return redirect("activities:report", report.pk)


@login_required
@require_POST
def mark_breakthrough(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    report = _report_or_404(request, pk)
    if not rules.can_mark_breakthrough(viewer):
        raise PermissionDenied
    form = BreakthroughForm(request.POST)
    form.is_valid()
    try:
        services.breakthrough_set(
            report=report,
            flag=bool(form.cleaned_data.get("breakthrough")),
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("activities:report", report.pk)


# -- the yearly review ------------------------------------------------------------------------


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


@require_GET
def review_page(request: HttpRequest, year: int) -> HttpResponse:
    review = selectors.year_review(_year(year))
    return render(
        request,
        "activities/review.html",
        {
            "review": review,
            "charts": review.chart_data(),
            "years": selectors.report_years(),
            "previous": year - 1,
            "next": year + 1 if year < dt.date.today().year else None,
            "section": "review",
        },
    )


@require_GET
def review_print(request: HttpRequest, year: int) -> HttpResponse:
    review = selectors.year_review(_year(year))
    return render(request, "activities/review_print.html", {"review": review})


@require_GET
def review_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    review = selectors.year_review(_year(year))
    response = HttpResponse(exports.review_xlsx(review), content_type=KINDS["xlsx"][0])
    response["Content-Disposition"] = f'attachment; filename="activity-review-{year}.xlsx"'
    return response


@require_GET
def review_latest(request: HttpRequest) -> HttpResponse:
    years = selectors.report_years()
    return redirect("activities:review", years[0] if years else dt.date.today().year)


urlpatterns: list = [
    path("activities/", list_page, name="list"),
    path("activities/mine/", mine_page, name="mine"),
    path("activities/queue/", queue_page, name="queue"),
    path("activities/new/", create_page, name="create"),
    path("activities/review/", review_latest, name="review_latest"),
    path("activities/review/<int:year>/", review_page, name="review"),
    path("activities/review/<int:year>/print/", review_print, name="review_print"),
    path("activities/review/<int:year>.xlsx", review_xlsx, name="review_xlsx"),
    path("activities/<int:pk>/", report_page, name="report"),
    path("activities/<int:pk>/edit/", edit_page, name="edit"),
    path("activities/<int:pk>/submit/", submit_report, name="submit"),
    path("activities/<int:pk>/decide/", decide, name="decide"),
    path("activities/<int:pk>/breakthrough/", mark_breakthrough, name="breakthrough"),
    path("activities/<int:pk>/files/<int:file_id>/", attachment_file, name="attachment"),
]
