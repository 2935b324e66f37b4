"""Pages of the knowledge network: needs, expert profiles, invitations, engagements and the
innovation networks' dashboards. Thin: parse input, call a service or selector, render.

Every page is for signed-in people (anonymous visitors are sent to log in). Deny by default:
what a viewer may not see is a 404 (its existence is not confirmed), what they may see but not
change is a 403 (audited by the site's 403 handler).
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieubao.community.models import Person
from kieubao.community.selectors import person_for_user, viewer_for_request
from kieubao.core.htmx import template_for as _template
from kieubao.core.middleware import accepts_uploads
from kieubao.core.uploads import KINDS, StoredUpload, serve_upload

from . import matching, networks, rules, selectors, services
from .forms import (
    CloseNeedForm,
    DeclineForm,
    DocumentForm,
    EndEngagementForm,
    ExpertProfileForm,
    InviteForm,
    MilestoneForm,
    NeedForm,
    NeedSearchForm,
    WorkForm,
    apply_errors,
    owner_choices,
)
from .models import (
    Engagement,
    EngagementStatus,
    ExpertProfile,
    Invitation,
    InvitationStatus,
    Need,
    NeedStatus,
    Work,
)

RECOMMENDATIONS = 10


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# -- needs ---------------------------------------------------------------------------------------


@login_required
@require_GET
def needs_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    form = NeedSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = selectors.needs_list(
        viewer,
        text=data.get("q", ""),
        field=data.get("field") or None,
        kind=data.get("kind") or None,
        mine=bool(data.get("mine")),
        page=data.get("page") or 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        _template(request, "knowledge/needs_list.html", "knowledge/_partials/need_results.html"),
        {
            "form": form,
            "result": result,
            "query": query.urlencode(),
            "can_post": owner_choices(viewer).exists(),
            "manages": bool(rules.owner_bodies(viewer)) or viewer.is_admin,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not owner_choices(viewer).exists():
        raise PermissionDenied
    form = NeedForm(request.POST or None, viewer=viewer)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_create(
                owner=form.cleaned_data["owner"],
                created_by=request.user,
                fields=form.field_slugs(),
                **form.need_values(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The need has been saved as a draft. Publish it when it is ready.")
            )
            return redirect("knowledge:need", need.pk)
    return render(request, "knowledge/need_form.html", {"form": form, "need": None})


def _need_or_404(request: HttpRequest, need_id: int) -> Need:
    need = selectors.need_get(viewer_for_request(request), need_id)
    if need is None:
        raise Http404
    return need


def _managed_need(request: HttpRequest, need_id: int) -> Need:
    need = _need_or_404(request, need_id)
    if not rules.can_manage_need(viewer_for_request(request), need):
        raise PermissionDenied
    return need


def _render_need(
    request: HttpRequest,
    need: Need,
    *,
    close_form: CloseNeedForm | None = None,
    invite_form: InviteForm | None = None,
) -> HttpResponse:
    viewer = viewer_for_request(request)
    manages = rules.can_manage_need(viewer, need)
    context: dict = {
        "need": need,
        "manages": manages,
        "close_form": close_form or CloseNeedForm(),
        "invite_form": invite_form,
        "invite_for": invite_form["expert"].value() if invite_form is not None else None,
    }
    if manages:
        invitations = selectors.need_invitations(viewer, need)
        invited = {i.expert_id: i for i in invitations}
        recommendations = []
        if need.status != NeedStatus.CLOSED:
            for rec in matching.recommend(need, limit=RECOMMENDATIONS):
                recommendations.append({"rec": rec, "invitation": invited.get(rec.person_id)})
        context |= {
            "invitations": invitations,
            "recommendations": recommendations,
            "engagements": list(need.engagements.select_related("expert")),
        }
    else:
        context["my_invitation"] = next(
            (i for i in selectors.invitations_for(viewer) if i.need_id == need.pk), None
        )
    return render(request, "knowledge/need_detail.html", context)


@login_required
@require_GET
def need_detail(request: HttpRequest, need_id: int) -> HttpResponse:
    return _render_need(request, _need_or_404(request, need_id))


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, need_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    need = _managed_need(request, need_id)
    if need.status == NeedStatus.CLOSED:
        messages.error(request, _("A closed need cannot be changed."))
        return redirect("knowledge:need", need.pk)
    form = NeedForm(request.POST or None, instance=need, viewer=viewer)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(need=need, fields=form.field_slugs(), **form.need_values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The need has been saved."))
            return redirect("knowledge:need", need.pk)
    return render(request, "knowledge/need_form.html", {"form": form, "need": need})


@login_required
@require_POST
def need_publish(request: HttpRequest, need_id: int) -> HttpResponse:
    need = _managed_need(request, need_id)
    try:
        services.need_publish(need=need)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The need is published: experts can now be invited."))
    return redirect("knowledge:need", need.pk)


@login_required
@require_POST
def need_close(request: HttpRequest, need_id: int) -> HttpResponse:
    need = _managed_need(request, need_id)
    form = CloseNeedForm(request.POST)
    if not form.is_valid():
        return _render_need(request, need, close_form=form)
    services.need_close(need=need, reason=form.cleaned_data["reason"])
    messages.success(request, _("The need is closed; pending invitations were withdrawn."))
    return redirect("knowledge:need", need.pk)


@login_required
@require_POST
def need_invite(request: HttpRequest, need_id: int) -> HttpResponse:
    need = _managed_need(request, need_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        expert = Person.objects.filter(pk=form.cleaned_data["expert"]).first()
        if expert is None:
            form.add_error("expert", _("This person is not in the registry."))
        else:
            try:
                services.invitation_create(
                    need=need,
                    expert=expert,
                    invited_by=request.user,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The invitation has been sent."))
                return redirect("knowledge:need", need.pk)
    return _render_need(request, need, invite_form=form)


# -- the expert's profile ------------------------------------------------------------------------


def _render_expert_profile(
    request: HttpRequest,
    person: Person | None,
    *,
    form: ExpertProfileForm | None = None,
    work_form: WorkForm | None = None,
) -> HttpResponse:
    profile = selectors.expert_profile_for(person)
    context: dict = {"person": person, "profile": profile}
    if person is not None:
        context |= {
            "form": form or ExpertProfileForm(instance=profile or ExpertProfile(person=person)),
            "work_form": work_form or WorkForm(),
            "works": list(profile.works.all()) if profile else [],
            "matches": matching.needs_for_expert(person, limit=10) if profile else [],
        }
    return render(request, "knowledge/expert_profile.html", context)


def _no_person(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("Create your profile in the registry first."))
    return redirect("knowledge:me")


@login_required
@require_http_methods(["GET", "POST"])
def expert_profile(request: HttpRequest) -> HttpResponse:
    person = person_for_user(request.user)
    if request.method == "GET" or person is None:
        if request.method == "POST":
            return _no_person(request)
        return _render_expert_profile(request, person)
    profile = selectors.expert_profile_for(person)
    form = ExpertProfileForm(request.POST, instance=profile or ExpertProfile(person=person))
    if form.is_valid():
        try:
            services.expert_profile_save(
                person=person, employers=form.cleaned_data["employers"], **form.profile_values()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your expert profile has been saved."))
            return redirect("knowledge:me")
    return _render_expert_profile(request, person, form=form)


@login_required
@require_POST
def work_add(request: HttpRequest) -> HttpResponse:
    person = person_for_user(request.user)
    if person is None:
        return _no_person(request)
    form = WorkForm(request.POST)
    if form.is_valid():
        profile = selectors.expert_profile_for(person) or services.expert_profile_save(
            person=person
        )
        data = form.cleaned_data
        try:
            services.work_add(
                profile=profile,
                title=data["title"],
                year=data["year"],
                link=data["link"],
                kind=data["kind"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Added to your publications and patents."))
            return redirect("knowledge:me")
    return _render_expert_profile(request, person, work_form=form)


@login_required
@require_POST
def work_remove(request: HttpRequest, work_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    if viewer.person_id is None:
        raise Http404
    work = get_object_or_404(Work, pk=work_id, profile__person_id=viewer.person_id)
    services.work_remove(work=work)
    messages.success(request, _("Removed from your publications and patents."))
    return redirect("knowledge:me")


# -- invitations ---------------------------------------------------------------------------------


@login_required
@require_GET
def invitations_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    invitations = selectors.invitations_for(viewer)
    pending = [i for i in invitations if i.status == InvitationStatus.PENDING]
    answered = [i for i in invitations if i.status != InvitationStatus.PENDING]
    return render(
        request,
        "knowledge/invitations.html",
        {"pending": pending, "answered": answered, "has_person": viewer.person_id is not None},
    )


def _render_invitation(
    request: HttpRequest, invitation: Invitation, *, decline_form: DeclineForm | None = None
) -> HttpResponse:
    viewer = viewer_for_request(request)
    return render(
        request,
        "knowledge/invitation_detail.html",
        {
            "invitation": invitation,
            "need": invitation.need,
            "is_expert": rules.can_answer_invitation(viewer, invitation),
            "manages": rules.can_manage_need(viewer, invitation.need),
            "decline_form": decline_form or DeclineForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_detail(request: HttpRequest, invitation_id: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    invitation = selectors.invitation_get(viewer, invitation_id)
    if invitation is None:
        raise Http404
    if request.method == "GET":
        return _render_invitation(request, invitation)
    action = request.POST.get("action")
    is_expert = rules.can_answer_invitation(viewer, invitation)
    try:
        if action == "accept" and is_expert:
            engagement = services.invitation_accept(invitation=invitation)
            messages.success(request, _("You accepted the invitation: the engagement has begun."))
            return redirect("knowledge:engagement", engagement.pk)
        if action == "decline" and is_expert:
            form = DeclineForm(request.POST)
            if not form.is_valid():
                return _render_invitation(request, invitation, decline_form=form)
            try:
                services.invitation_decline(
                    invitation=invitation, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    raise
                apply_errors(form, error)
                return _render_invitation(request, invitation, decline_form=form)
            messages.success(request, _("You declined the invitation."))
            return redirect("knowledge:invitation", invitation.pk)
        if action == "withdraw" and rules.can_manage_need(viewer, invitation.need):
            services.invitation_withdraw(invitation=invitation)
            messages.success(request, _("The invitation has been withdrawn."))
            return redirect("knowledge:need", invitation.need_id)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("knowledge:invitation", invitation.pk)
    raise PermissionDenied


# -- engagements ---------------------------------------------------------------------------------


@login_required
@require_GET
def engagements_list(request: HttpRequest) -> HttpResponse:
    engagements = selectors.engagements_for(viewer_for_request(request))
    return render(request, "knowledge/engagements.html", {"engagements": engagements})


def _engagement_or_404(request: HttpRequest, engagement_id: int) -> Engagement:
    engagement = selectors.engagement_get(viewer_for_request(request), engagement_id)
    if engagement is None:
        raise Http404
    return engagement


def _render_engagement(
    request: HttpRequest,
    engagement: Engagement,
    *,
    milestone_form: MilestoneForm | None = None,
    document_form: DocumentForm | None = None,
    end_form: EndEngagementForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "knowledge/engagement_detail.html",
        {
            "engagement": engagement,
            "need": engagement.need,
            "active": engagement.status == EngagementStatus.ACTIVE,
            "milestone_form": milestone_form or MilestoneForm(),
            "document_form": document_form or DocumentForm(),
            "end_form": end_form or EndEngagementForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_detail(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = _engagement_or_404(request, engagement_id)
    if request.method == "GET":
        return _render_engagement(request, engagement)
    action = request.POST.get("action")
    try:
        if action == "milestone":
            form = MilestoneForm(request.POST)
            if form.is_valid():
                try:
                    services.milestone_add(engagement=engagement, **form.cleaned_data)
                except ValidationError as error:
                    if not hasattr(error, "error_dict"):
                        raise
                    apply_errors(form, error)
                else:
                    messages.success(request, _("Milestone added."))
                    return redirect("knowledge:engagement", engagement.pk)
            return _render_engagement(request, engagement, milestone_form=form)
        if action == "done":
            milestone = get_object_or_404(
                engagement.milestones.all(), pk=request.POST.get("milestone") or 0
            )
            services.milestone_done(milestone=milestone, done=request.POST.get("done") != "0")
            return redirect("knowledge:engagement", engagement.pk)
        if action == "end":
            form = EndEngagementForm(request.POST)
            if form.is_valid():
                try:
                    services.engagement_end(
                        engagement=engagement,
                        outcome=form.cleaned_data["outcome"],
                        note=form.cleaned_data["note"],
                    )
                except ValidationError as error:
                    if not hasattr(error, "error_dict"):
                        raise
                    apply_errors(form, error)
                else:
                    messages.success(request, _("The engagement has ended; its outcome is saved."))
                    return redirect("knowledge:engagement", engagement.pk)
            return _render_engagement(request, engagement, end_form=form)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("knowledge:engagement", engagement.pk)
    return redirect("knowledge:engagement", engagement.pk)


@login_required
@require_POST
@accepts_uploads
def document_upload(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = _engagement_or_404(request, engagement_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                engagement=engagement,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                uploaded_by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                apply_errors(form, error)
            else:
                form.add_error("file", error)
        else:
            messages.success(request, _("The document has been shared."))
            return redirect("knowledge:engagement", engagement.pk)
    return _render_engagement(request, engagement, document_form=form)


@login_required
@require_GET
def document_download(request: HttpRequest, engagement_id: int, document_id: int) -> HttpResponse:
    """Documents are served to the engagement's participants only."""
    engagement = _engagement_or_404(request, engagement_id)
    document = next((d for d in engagement.documents.all() if d.pk == document_id), None)
    if document is None or document.file_kind not in KINDS:
        raise Http404
    extension = KINDS[document.file_kind][1]
    name = PurePath(document.title).name or "document"
    if not name.lower().endswith(f".{extension}"):
        name = f"{name}.{extension}"
    stored = StoredUpload(
        kind=document.file_kind,
        name=document.stored_name,
        area=services.DOCUMENT_AREA,
        size=document.size,
        original_name=name,
    )
    return serve_upload(stored)


# -- innovation networks -------------------------------------------------------------------------


@login_required
@require_GET
def networks_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "knowledge/networks.html", {"networks": list(networks.networks_overview())}
    )


@login_required
@require_GET
def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    network = networks.network_get(network_id)
    if network is None:
        raise Http404
    return render(
        request,
        "knowledge/network_detail.html",
        {"dashboard": networks.network_dashboard(network)},
    )
