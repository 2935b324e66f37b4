"""Proposal pages: list and search, submission (with similar proposals suggested while the
title is typed), a proposal with its public timeline, endorsements, threaded comments, abuse
reports and moderation, and the workflow for the platform and the assigned agency.

Thin: parse, check the rule (rules.py), call a service or selector, render. Deny by default:
what a viewer may not see is a 404, what they see but may not change a 403 (an official of
another body gets 403 for every workflow POST). A service's refusal is shown on the form's
field, in the reader's language, with what was typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieubao.community.models import Organisation, Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.forms import apply_errors
from kieubao.core.htmx import template_for
from kieubao.core.middleware import accepts_uploads
from kieubao.core.uploads import KINDS, StoredUpload, serve_upload

from . import rules, selectors, services
from .forms import (
    AbuseReportForm,
    AnswerForm,
    AssignForm,
    CommentForm,
    HideForm,
    MergeForm,
    MoveForm,
    OutcomeForm,
    ProgressForm,
    ProposalForm,
    ProposalSearchForm,
)
from .models import FINAL, AbuseReport, Comment, Endorsement, Proposal, Status

ASSIGNABLE = (Status.SUBMITTED, Status.SCREENING, Status.ASSIGNED)
OUTCOME_STATUSES = (Status.ACCEPTED, Status.IN_IMPLEMENTATION, Status.IMPLEMENTED)


def _person(viewer: Viewer) -> Person | None:
    if viewer.person_id is None:
        return None
    return Person.objects.filter(pk=viewer.person_id).first()


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _proposal_or_404(request: HttpRequest, proposal_id: int) -> Proposal:
    proposal = selectors.proposal_get(viewer_for_request(request), proposal_id)
    if proposal is None:
        raise Http404
    return proposal


def _handled(request: HttpRequest, proposal_id: int) -> Proposal:
    """A proposal the viewer may move on (its assigned body's officials, platform admins)."""
    proposal = _proposal_or_404(request, proposal_id)
    if not rules.can_handle(viewer_for_request(request), proposal):
        raise PermissionDenied
    return proposal


def _screened(request: HttpRequest, proposal_id: int) -> Proposal:
    """A proposal the platform screens, assigns, merges or moderates (admins)."""
    proposal = _proposal_or_404(request, proposal_id)
    if not rules.can_screen(viewer_for_request(request)):
        raise PermissionDenied
    return proposal


def _acting_body(viewer: Viewer, proposal: Proposal) -> Organisation | None:
    """The body the step is recorded for: the assigned body when its official acts; None when
    a platform admin acts for the platform."""
    if rules.is_assigned_official(viewer, proposal):
        return proposal.assigned_body
    return None


def _engagements(proposal: Proposal):
    """The assigned body's engagements of the knowledge network (what an outcome may link)."""
    from kieubao.knowledge.models import Engagement

    if proposal.assigned_body_id is None:
        return Engagement.objects.none()
    return Engagement.objects.select_related("need").filter(
        need__owner_id=proposal.assigned_body_id
    )


# -- list ----------------------------------------------------------------------------------------


@require_GET
def proposals_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    form = ProposalSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = selectors.proposals_list(
        viewer,
        text=data.get("q", ""),
        status=data.get("status", ""),
        field_slug=data.get("field", ""),
        body=data.get("agency"),
        mine=bool(data.get("mine")),
        endorsed=bool(data.get("endorsed")),
        order=data.get("order") or "new",
        page=data.get("page") or 1,
    )
    return render(
        request,
        template_for(request, "proposals/list.html", "proposals/_partials/results.html"),
        {
            "form": form,
            "result": result,
            "query": _query_without_page(request),
            "can_submit": rules.can_submit(viewer),
            "is_moderator": rules.is_moderator(viewer),
            "viewer_person_id": viewer.person_id,
            "section": "list",
        },
    )


# -- submission ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@accepts_uploads
def proposal_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not rules.can_submit(viewer):
        return render(
            request,
            "403.html",
            {"message": _("Proposals are submitted by members with a profile in the registry.")},
            status=403,
        )
    language = "en" if (request.LANGUAGE_CODE or "").startswith("en") else "vi"
    form = ProposalForm(request.POST or None, request.FILES or None, initial={"language": language})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(author=_person(viewer), **form.values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Your proposal has been submitted; the platform will route it.")
            )
            return redirect("proposals:proposal", proposal.pk)
    return render(request, "proposals/proposal_form.html", {"form": form, "section": "new"})


@require_GET
def similar_page(request: HttpRequest) -> HttpResponse:
    """Existing proposals like the title being typed (an htmx fragment of the submission
    page; folded, so tones and case do not matter)."""
    viewer = viewer_for_request(request)
    title = request.GET.get("title", "")[:200].replace("\x00", "")
    items = selectors.similar(viewer, title)
    endorsed = set()
    if viewer.person_id is not None and items:
        endorsed = set(
            Endorsement.objects.filter(
                person_id=viewer.person_id, proposal_id__in=[s.proposal.pk for s in items]
            ).values_list("proposal_id", flat=True)
        )
    return render(
        request,
        "proposals/_partials/similar.html",
        {
            "items": items,
            "endorsed": endorsed,
            "endorsable": {s.proposal.pk for s in items if rules.can_endorse(viewer, s.proposal)},
        },
    )


# -- a proposal ----------------------------------------------------------------------------------


def _render(request: HttpRequest, proposal: Proposal, status: int = 200, **forms) -> HttpResponse:
    viewer = viewer_for_request(request)
    handles = rules.can_handle(viewer, proposal)
    screens = rules.can_screen(viewer)
    moves = services.BODY_MOVES.get(proposal.status, ()) if handles else ()
    outcomes = list(proposal.outcomes.select_related("engagement__need"))
    endorsed = (
        viewer.person_id is not None
        and Endorsement.objects.filter(proposal=proposal, person_id=viewer.person_id).exists()
    )
    context = {
        "proposal": proposal,
        "fields": list(proposal.fields.all()),
        "attachments": list(proposal.attachments.all()),
        "timeline": selectors.timeline(proposal),
        "outcomes": outcomes,
        "comments": selectors.comments(viewer, proposal),
        "merged": list(proposal.merged.filter(hidden=False)),
        "sees_author": rules.can_see_author(viewer, proposal),
        "is_author": rules.is_author(viewer, proposal),
        "is_moderator": rules.is_moderator(viewer),
        "endorsed": endorsed,
        "can_endorse": rules.can_endorse(viewer, proposal),
        "can_comment": rules.can_comment(viewer, proposal),
        "can_report": rules.can_report_abuse(viewer),
        "screens": screens,
        "handles": handles,
        "moves": moves,
        "overdue": selectors.is_overdue(proposal),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "new_comment_form": forms.get("comment_form")
        if forms.get("comment_form") and not forms.get("reply_to")
        else CommentForm(),
        "proposal_report_form": forms.get("report_form")
        if forms.get("report_form") and not forms.get("report_comment")
        else AbuseReportForm(),
        "proposal_hide_form": forms.get("hide_form")
        if forms.get("hide_form") and not forms.get("hide_comment")
        else HideForm(),
        "can_assign": screens and proposal.status in ASSIGNABLE,
        "can_merge": screens and proposal.status not in FINAL,
        "can_link_outcome": handles and proposal.status in OUTCOME_STATUSES,
        "reply_to": forms.get("reply_to"),
        "report_form": forms.get("report_form") or AbuseReportForm(),
        "hide_form": forms.get("hide_form") or HideForm(),
        "hide_comment": forms.get("hide_comment"),
        "report_comment": forms.get("report_comment"),
        "assign_form": forms.get("assign_form") or (AssignForm() if screens else None),
        "merge_form": forms.get("merge_form") or (MergeForm() if screens else None),
        "move_form": forms.get("move_form") or (MoveForm(moves=moves) if moves else None),
        "answer_form": forms.get("answer_form") or (AnswerForm() if handles else None),
        "outcome_form": forms.get("outcome_form")
        or (OutcomeForm(engagements=_engagements(proposal)) if handles else None),
        "progress_form": forms.get("progress_form"),
        "progress_outcome": forms.get("progress_outcome"),
    }
    return render(request, "proposals/proposal.html", context, status=status)


@require_GET
def proposal_page(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _render(request, _proposal_or_404(request, proposal_id))


@require_GET
def attachment_file(request: HttpRequest, proposal_id: int, attachment_id: int) -> HttpResponse:
    """Attachments are as public as their proposal; served through the safe upload view."""
    proposal = _proposal_or_404(request, proposal_id)
    attachment = proposal.attachments.filter(pk=attachment_id).first()
    if attachment is None or attachment.file_kind not in KINDS:
        raise Http404
    extension = KINDS[attachment.file_kind][1]
    name = attachment.title if attachment.title.lower().endswith(f".{extension}") else None
    stored = StoredUpload(
        kind=attachment.file_kind,
        name=attachment.stored_name,
        area=services.ATTACHMENT_AREA,
        size=attachment.size,
        original_name=name or f"attachment-{attachment.pk}.{extension}",
    )
    return serve_upload(stored, inline=True)


@login_required
@require_POST
def endorse(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Endorse (once) or withdraw one's endorsement (``action=withdraw``)."""
    viewer = viewer_for_request(request)
    proposal = _proposal_or_404(request, proposal_id)
    person = _person(viewer)
    if request.POST.get("action") == "withdraw":
        if person is None:
            raise PermissionDenied
        services.endorsement_withdraw(proposal=proposal, person=person)
        messages.success(request, _("Your endorsement has been withdrawn."))
        return redirect("proposals:proposal", proposal.pk)
    if person is None:
        raise PermissionDenied
    try:
        services.endorse(proposal=proposal, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: you endorse this proposal."))
    return redirect("proposals:proposal", proposal.pk)


def _comment_of(proposal: Proposal, comment_id: int | None) -> Comment | None:
    if comment_id is None:
        return None
    return proposal.comments.filter(pk=comment_id).first()


@login_required
@require_POST
def comment_create(request: HttpRequest, proposal_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    proposal = _proposal_or_404(request, proposal_id)
    if not rules.can_comment(viewer, proposal):
        raise PermissionDenied
    form = CommentForm(request.POST)
    parent = None
    if form.is_valid():
        parent = _comment_of(proposal, form.cleaned_data["parent"])
        if form.cleaned_data["parent"] and parent is None:
            form.add_error("text", _("The comment you reply to is not on this proposal."))
        else:
            try:
                comment = services.comment_add(
                    proposal=proposal,
                    author=_person(viewer),
                    text=form.cleaned_data["text"],
                    parent=parent,
                )
            except ValidationError as error:
                apply_errors(form, error, aliases={"parent": "text"})
            else:
                messages.success(request, _("Your comment has been posted."))
                return redirect(
                    f"{reverse('proposals:proposal', args=[proposal.pk])}#comment-{comment.pk}"
                )
    return _render(request, proposal, comment_form=form, reply_to=parent)


@login_required
@require_POST
def report_create(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Report abuse in the proposal or (``comment``) one of its comments."""
    viewer = viewer_for_request(request)
    proposal = _proposal_or_404(request, proposal_id)
    if not rules.can_report_abuse(viewer):
        raise PermissionDenied
    form = AbuseReportForm(request.POST)
    comment = None
    if form.is_valid():
        comment = _comment_of(proposal, form.cleaned_data["comment"])
        if form.cleaned_data["comment"] and comment is None:
            form.add_error("reason", _("This comment is not on this proposal."))
        else:
            try:
                services.abuse_report(
                    proposal=proposal,
                    comment=comment,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error, aliases={"comment": "reason"})
            else:
                messages.success(request, _("Thank you: the moderators will look into it."))
                return redirect("proposals:proposal", proposal.pk)
    return _render(request, proposal, report_form=form, report_comment=comment)


@login_required
@require_POST
def hide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Moderators hide the proposal or (``comment``) one of its comments, with a reason."""
    proposal = _proposal_or_404(request, proposal_id)
    if not rules.is_moderator(viewer_for_request(request)):
        raise PermissionDenied
    form = HideForm(request.POST)
    comment = None
    if form.is_valid():
        comment = _comment_of(proposal, form.cleaned_data["comment"])
        if form.cleaned_data["comment"] and comment is None:
            form.add_error("reason", _("This comment is not on this proposal."))
        else:
            reason = form.cleaned_data["reason"]
            try:
                if comment is not None:
                    services.comment_hide(comment, reason=reason, user=request.user)
                else:
                    services.proposal_hide(proposal, reason=reason, user=request.user)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Hidden: only moderators see it now."))
                return redirect("proposals:proposal", proposal.pk)
    return _render(request, proposal, hide_form=form, hide_comment=comment)


# -- the workflow: the platform ------------------------------------------------------------------


@login_required
@require_POST
def screen(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _screened(request, proposal_id)
    try:
        services.screen(proposal, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal is being screened."))
    return redirect("proposals:proposal", proposal.pk)


@login_required
@require_POST
def assign(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _screened(request, proposal_id)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.assign(
                proposal,
                body=form.cleaned_data["body"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error, aliases={"status": "body"})
        else:
            messages.success(
                request,
                _("The proposal is assigned to %(body)s.") % {"body": form.cleaned_data["body"]},
            )
            return redirect("proposals:proposal", proposal.pk)
    return _render(request, proposal, assign_form=form)


@login_required
@require_POST
def merge(request: HttpRequest, proposal_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    proposal = _screened(request, proposal_id)
    form = MergeForm(request.POST)
    if form.is_valid():
        into = selectors.proposal_get(viewer, form.cleaned_data["into"])
        if into is None:
            form.add_error("into", _("There is no proposal with this number."))
        else:
            try:
                services.merge(
                    proposal, into=into, note=form.cleaned_data["note"], user=request.user
                )
            except ValidationError as error:
                apply_errors(form, error, aliases={"status": "into"})
            else:
                messages.success(request, _("The proposal has been merged."))
                return redirect("proposals:proposal", into.pk)
    return _render(request, proposal, merge_form=form)


# -- the workflow: the assigned body -------------------------------------------------------------


@login_required
@require_POST
def move(request: HttpRequest, proposal_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    proposal = _handled(request, proposal_id)
    form = MoveForm(request.POST, moves=services.BODY_MOVES.get(proposal.status, ()))
    signed_name = form.signature() if form.is_valid() else ""
    if form.is_valid():
        try:
            services.move(
                proposal,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                signed_name=signed_name,
                user=request.user,
                body=_acting_body(viewer, proposal),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The proposal is now: %(status)s.") % {"status": proposal.get_status_display()},
            )
            return redirect("proposals:proposal", proposal.pk)
    return _render(request, proposal, move_form=form)


@login_required
@require_POST
def answer(request: HttpRequest, proposal_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    proposal = _handled(request, proposal_id)
    form = AnswerForm(request.POST)
    signed_name = form.signature() if form.is_valid() else ""
    if form.is_valid():
        try:
            services.answer(
                proposal,
                text=form.cleaned_data["text"],
                signed_name=signed_name,
                user=request.user,
                body=_acting_body(viewer, proposal),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your answer is published on the proposal's timeline."))
            return redirect("proposals:proposal", proposal.pk)
    return _render(request, proposal, answer_form=form)


@login_required
@require_POST
def outcome_create(request: HttpRequest, proposal_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    proposal = _handled(request, proposal_id)
    form = OutcomeForm(request.POST, engagements=_engagements(proposal))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.outcome_add(
                proposal,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                link=data["link"],
                engagement=data["engagement"],
                progress=data["progress"],
                user=request.user,
                body=_acting_body(viewer, proposal),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The outcome is linked to the proposal."))
            return redirect("proposals:proposal", proposal.pk)
    return _render(request, proposal, outcome_form=form)


@login_required
@require_POST
def outcome_progress(request: HttpRequest, proposal_id: int, outcome_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    proposal = _handled(request, proposal_id)
    outcome = proposal.outcomes.filter(pk=outcome_id).first()
    if outcome is None:
        raise Http404
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.outcome_progress(
                outcome,
                progress=form.cleaned_data["progress"],
                user=request.user,
                body=_acting_body(viewer, proposal),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The progress has been updated."))
            return redirect("proposals:proposal", proposal.pk)
    return _render(request, proposal, progress_form=form, progress_outcome=outcome.pk)


# -- moderation ----------------------------------------------------------------------------------


def _moderator(request: HttpRequest) -> Viewer:
    viewer = viewer_for_request(request)
    if not rules.is_moderator(viewer):
        raise PermissionDenied
    return viewer


@login_required
@require_GET
def moderation_page(request: HttpRequest) -> HttpResponse:
    viewer = _moderator(request)
    return render(
        request,
        "proposals/moderation.html",
        {"reports": selectors.abuse_reports(viewer), "section": "moderation"},
    )


@login_required
@require_POST
def report_resolve(request: HttpRequest, report_id: int) -> HttpResponse:
    """A moderator hides the reported content (with a reason) or dismisses the report."""
    _moderator(request)
    report = AbuseReport.objects.select_related("proposal", "comment").filter(pk=report_id).first()
    if report is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "dismiss":
            services.abuse_dismiss(report, user=request.user)
            messages.success(request, _("The report has been dismissed."))
        elif action == "hide":
            reason = request.POST.get("reason", "")
            if report.comment is not None:
                services.comment_hide(report.comment, reason=reason, user=request.user)
            else:
                services.proposal_hide(report.proposal, reason=reason, user=request.user)
            messages.success(request, _("Hidden: only moderators see it now."))
        else:
            messages.error(request, _("Choose to hide the content or to dismiss the report."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("proposals:moderation")


urlpatterns = [
    path("proposals/", proposals_page, name="proposals"),
    path("proposals/new/", proposal_create, name="proposal-create"),
    path("proposals/similar/", similar_page, name="similar"),
    path("proposals/moderation/", moderation_page, name="moderation"),
    path("proposals/moderation/<int:report_id>/", report_resolve, name="report-resolve"),
    path("proposals/<int:proposal_id>/", proposal_page, name="proposal"),
    path(
        "proposals/<int:proposal_id>/attachments/<int:attachment_id>/",
        attachment_file,
        name="attachment",
    ),
    path("proposals/<int:proposal_id>/endorse/", endorse, name="endorse"),
    path("proposals/<int:proposal_id>/comments/", comment_create, name="comment"),
    path("proposals/<int:proposal_id>/report/", report_create, name="report"),
    path("proposals/<int:proposal_id>/hide/", hide, name="hide"),
    path("proposals/<int:proposal_id>/screen/", screen, name="screen"),
    path("proposals/<int:proposal_id>/assign/", assign, name="assign"),
    path("proposals/<int:proposal_id>/merge/", merge, name="merge"),
    path("proposals/<int:proposal_id>/move/", move, name="move"),
    path("proposals/<int:proposal_id>/answer/", answer, name="answer"),
    path("proposals/<int:proposal_id>/outcomes/", outcome_create, name="outcome-create"),
    path(
        "proposals/<int:proposal_id>/outcomes/<int:outcome_id>/",
        outcome_progress,
        name="outcome-progress",
    ),
]
