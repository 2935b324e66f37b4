"""Investment pages: the list of opportunities, an opportunity with its interest form, the
publishing body's pages (create, edit, publish, close, documents, the pipeline), "my
interests", a province's dashboard and the OV enterprises registry.

Thin: parse, check the rule (rules.py), call a service or selector, render. Deny by default: a
draft the viewer may not see and an interest that is not theirs are 404; what they see but may
not do is 403; anonymous visitors are sent to log in for what needs an account. A service's
refusal is shown on the form, in the reader's language, with what was typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kieubao.community.models import Organisation, OrganisationKind, Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.forms import apply_errors
from kieubao.core.provinces import province_by_code
from kieubao.core.uploads import StoredUpload, serve_upload

from . import rules, selectors, services
from .forms import (
    DocumentForm,
    EnterpriseForm,
    InterestForm,
    MoveForm,
    OpportunityForm,
    SearchForm,
    WithdrawForm,
)
from .models import Attachment, Interest, Opportunity, OvEnterprise, Stage

T = "investment/"
PER_PAGE = 20


def _opportunity(request: HttpRequest, pk: int) -> tuple[Viewer, Opportunity]:
    viewer = viewer_for_request(request)
    opportunity = selectors.opportunity_get(viewer, pk)
    if opportunity is None:
        raise Http404
    return viewer, opportunity


def _managed(request: HttpRequest, pk: int) -> tuple[Viewer, Opportunity]:
    viewer, opportunity = _opportunity(request, pk)
    if not rules.can_manage(viewer, opportunity):
        raise PermissionDenied
    return viewer, opportunity


def _publishing_bodies(viewer: Viewer):
    qs = Organisation.objects.filter(kind__in=services.PUBLISHING_KINDS)
    if not viewer.is_admin:
        qs = qs.filter(pk=viewer.scope.body_id)
    return list(qs.order_by("kind", "province_code", "name_folded")[:200])


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- opportunities -------------------------------------------------------------------------------
@require_GET
def opportunities_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = selectors.opportunities_list(
        viewer,
        q=data.get("q", ""),
        sector=data.get("sector", ""),
        province_code=data.get("province") or None,
        stage=data.get("stage", ""),
        page=data.get("page") or 1,
        per_page=PER_PAGE,
    )
    return render(
        request,
        T + "list.html",
        {
            "form": form,
            "result": result,
            "query": _query_without_page(request),
            "can_publish": rules.can_publish_opportunities(viewer),
            "viewer": viewer,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not rules.can_publish_opportunities(viewer):
        raise PermissionDenied
    bodies = _publishing_bodies(viewer)
    if request.method == "POST":
        form = OpportunityForm(request.POST, bodies=bodies)
        if form.is_valid():
            body = form.cleaned_data["body"]
            if not rules.can_publish_for(viewer, body):
                raise PermissionDenied
            try:
                opportunity = services.opportunity_create(
                    body=body, user=request.user, **form.values()
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The opportunity is saved as a draft: add documents, then publish it."),
                )
                return redirect("investment:edit", pk=opportunity.pk)
    else:
        initial = {"stage": "idea"}
        if viewer.scope is not None:
            initial["body"] = viewer.scope.body_id
            if viewer.scope.province_code:
                initial["province_code"] = viewer.scope.province_code
        form = OpportunityForm(initial=initial, bodies=bodies)
    return render(request, T + "form.html", {"form": form, "opportunity": None})


@require_http_methods(["GET", "POST"])
def opportunity_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, opportunity = _opportunity(request, pk)
    mine = selectors.my_interest_in(viewer, opportunity)
    form = None
    if rules.can_express_interest(viewer, opportunity) and mine is None:
        kwargs = {
            "businesses": list(selectors.businesses_of(viewer)),
            "meetings": list(selectors.meetings_of(viewer)[:50]),
        }
        if request.method == "POST":
            form = InterestForm(request.POST, **kwargs)
            if form.is_valid():
                person = Person.objects.get(pk=viewer.person_id)
                try:
                    services.interest_create(
                        opportunity=opportunity,
                        person=person,
                        user=request.user,
                        admin_of=viewer.admin_of,
                        **form.cleaned_data,
                    )
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(
                        request, _("Your interest is sent: the province's officials will answer.")
                    )
                    return redirect("investment:opportunity", pk=opportunity.pk)
        else:
            form = InterestForm(**kwargs)
    elif request.method == "POST":
        if not viewer.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        messages.error(request, _("You cannot express interest in this opportunity."))
        return redirect("investment:opportunity", pk=opportunity.pk)
    return render(
        request,
        T + "opportunity.html",
        {
            "opportunity": opportunity,
            "form": form,
            "mine": mine,
            "counts": selectors.stage_counts(opportunity),
            "can_manage": rules.can_manage(viewer, opportunity),
            "documents": list(opportunity.attachments.all()),
            "viewer": viewer,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, opportunity = _managed(request, pk)
    form = OpportunityForm(initial=OpportunityForm.initial_for(opportunity))
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action in ("publish", "close"):
            service = (
                services.opportunity_publish if action == "publish" else services.opportunity_close
            )
            try:
                service(opportunity, user=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("The opportunity is published.")
                    if action == "publish"
                    else _("The opportunity is closed."),
                )
            return redirect("investment:edit", pk=opportunity.pk)
        form = OpportunityForm(request.POST)
        if form.is_valid():
            try:
                services.opportunity_update(opportunity, user=request.user, **form.values())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The opportunity is saved."))
                return redirect("investment:edit", pk=opportunity.pk)
    return render(request, T + "form.html", {"form": form, "opportunity": opportunity})


@login_required
@require_http_methods(["GET", "POST"])
def documents_page(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, opportunity = _managed(request, pk)
    form = DocumentForm()
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            found = (
                opportunity.attachments.filter(pk=request.POST.get("id") or 0).first()
                if ((request.POST.get("id") or "").isdigit())
                else None
            )
            if found is None:
                raise Http404
            services.document_remove(found, user=request.user)
            messages.success(request, _("The document is removed."))
            return redirect("investment:documents", pk=opportunity.pk)
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.document_add(
                    opportunity,
                    file=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                    user=request.user,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The document is added."))
                return redirect("investment:documents", pk=opportunity.pk)
    return render(
        request,
        T + "documents.html",
        {
            "opportunity": opportunity,
            "form": form,
            "documents": list(opportunity.attachments.all()),
        },
    )


@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = Attachment.objects.select_related("opportunity").filter(pk=pk).first()
    if attachment is None or not rules.can_view(
        viewer_for_request(request), attachment.opportunity
    ):
        raise Http404
    stored = StoredUpload(
        attachment.kind,
        attachment.file_name,
        "investment",
        attachment.size,
        attachment.original_name,
    )
    return serve_upload(stored, inline=True)


@login_required
@require_http_methods(["GET", "POST"])
def pipeline_page(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, opportunity = _managed(request, pk)
    failed: tuple[int, MoveForm] | None = None
    if request.method == "POST":
        raw_id = request.POST.get("interest", "")
        interest = (
            opportunity.interests.filter(pk=int(raw_id)).first() if raw_id.isdigit() else None
        )
        if interest is None:
            raise Http404
        form = MoveForm(request.POST, auto_id=f"id_%s_{interest.pk}")
        if form.is_valid():
            try:
                services.interest_move(interest, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The pipeline is updated; the investor is told."))
                return redirect("investment:pipeline", pk=opportunity.pk)
        failed = (interest.pk, form)
    rows = []
    for interest in selectors.interests_of(opportunity):
        form = (
            failed[1]
            if failed and failed[0] == interest.pk
            else MoveForm(auto_id=f"id_%s_{interest.pk}", initial={"stage": _next_stage(interest)})
        )
        rows.append({"interest": interest, "form": form})
    return render(
        request,
        T + "pipeline.html",
        {"opportunity": opportunity, "rows": rows, "counts": selectors.stage_counts(opportunity)},
    )


def _next_stage(interest: Interest) -> str:
    from .models import PIPELINE

    if interest.stage in PIPELINE and interest.stage != Stage.DISBURSED:
        return PIPELINE[PIPELINE.index(interest.stage) + 1]
    return Stage.DISBURSED


@login_required
@require_GET
def mine_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    return render(
        request,
        T + "mine.html",
        {"interests": list(selectors.my_interests(viewer)), "withdraw_form": WithdrawForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    interest = selectors.interest_get(viewer, pk)
    if interest is None:
        raise Http404
    if not rules.can_withdraw(viewer, interest):
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_withdraw(interest, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The interest is withdrawn."))
            return redirect("investment:mine")
    return render(request, T + "withdraw.html", {"interest": interest, "form": form})


@require_GET
def province_page(request: HttpRequest, code: int) -> HttpResponse:
    province = province_by_code(code)
    if province is None:
        raise Http404
    viewer = viewer_for_request(request)
    dashboard = selectors.province_dashboard(viewer, province.code)
    return render(
        request,
        T + "province.html",
        {"province": province, "dashboard": dashboard, "stages": Stage.choices},
    )


# --- the OV enterprises registry -----------------------------------------------------------------
@require_GET
def enterprises_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = selectors.enterprises_list(
        q=data.get("q", ""),
        sector=data.get("sector", ""),
        province_code=data.get("province") or None,
        page=data.get("page") or 1,
        per_page=PER_PAGE,
    )
    return render(
        request,
        T + "enterprises.html",
        {
            "form": form,
            "result": result,
            "query": _query_without_page(request),
            "can_create": viewer.is_admin or selectors.businesses_of(viewer).exists(),
        },
    )


def _businesses_without_profile(viewer: Viewer):
    qs = Organisation.objects.filter(kind=OrganisationKind.BUSINESS, ov_enterprise__isnull=True)
    if not viewer.is_admin:
        qs = qs.filter(pk__in=viewer.admin_of)
    return list(qs.order_by("name_folded")[:200])


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not (viewer.is_admin or selectors.businesses_of(viewer).exists()):
        raise PermissionDenied
    businesses = _businesses_without_profile(viewer)
    form = EnterpriseForm(request.POST or None, businesses=businesses)
    if request.method == "POST" and form.is_valid():
        organisation = int(form.cleaned_data["organisation"])
        if not rules.can_manage_enterprise(viewer, organisation):
            raise PermissionDenied
        try:
            enterprise = services.enterprise_create(
                organisation=organisation, user=request.user, **form.values()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The enterprise is in the registry."))
            return redirect("investment:enterprise", pk=enterprise.pk)
    return render(
        request,
        T + "enterprise_form.html",
        {"form": form, "enterprise": None, "businesses": businesses},
    )


def _enterprise(pk: int) -> OvEnterprise:
    enterprise = OvEnterprise.objects.select_related("organisation").filter(pk=pk).first()
    if enterprise is None:
        raise Http404
    return enterprise


@require_GET
def enterprise_page(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _enterprise(pk)
    viewer = viewer_for_request(request)
    return render(
        request,
        T + "enterprise.html",
        {
            "enterprise": enterprise,
            "projects": list(selectors.enterprise_projects(enterprise)),
            "can_edit": rules.can_manage_enterprise(viewer, enterprise.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _enterprise(pk)
    if not rules.can_manage_enterprise(viewer_for_request(request), enterprise.pk):
        raise PermissionDenied
    if request.method == "POST":
        form = EnterpriseForm(request.POST)
        if form.is_valid():
            try:
                services.enterprise_update(enterprise, user=request.user, **form.values())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The enterprise is saved."))
                return redirect("investment:enterprise", pk=enterprise.pk)
    else:
        initial = {
            f: getattr(enterprise, f)
            for f in (
                "location",
                "province_code",
                "sector",
                "founded_year",
                "employees",
                "capital_usd",
                "description",
            )
        }
        initial["country"] = str(enterprise.country)
        form = EnterpriseForm(initial={k: ("" if v is None else v) for k, v in initial.items()})
    return render(request, T + "enterprise_form.html", {"form": form, "enterprise": enterprise})


urlpatterns = [
    path("investment/", opportunities_page, name="list"),
    path("investment/new/", opportunity_new, name="new"),
    path("investment/mine/", mine_page, name="mine"),
    path("investment/<int:pk>/", opportunity_page, name="opportunity"),
    path("investment/<int:pk>/edit/", opportunity_edit, name="edit"),
    path("investment/<int:pk>/documents/", documents_page, name="documents"),
    path("investment/<int:pk>/pipeline/", pipeline_page, name="pipeline"),
    path("investment/documents/<int:pk>/", document_download, name="document"),
    path("investment/interests/<int:pk>/withdraw/", withdraw_page, name="withdraw"),
    path("investment/provinces/<int:code>/", province_page, name="province"),
    path("investment/enterprises/", enterprises_page, name="enterprises"),
    path("investment/enterprises/new/", enterprise_new, name="enterprise_new"),
    path("investment/enterprises/<int:pk>/", enterprise_page, name="enterprise"),
    path("investment/enterprises/<int:pk>/edit/", enterprise_edit, name="enterprise_edit"),
]
