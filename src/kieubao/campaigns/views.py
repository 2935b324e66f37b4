"""Pages of campaigns and funds: the public list, a campaign with its progress and ledger, the
public ledger (and its XLSX export), pledges, the managers' pages (campaigns, contributions,
allocations with evidence, exchange rates) and the support fund's applications.

Thin: parse, check the rule (rules.py), call a service or selector, render. Deny by default: a
campaign a viewer may not see (a draft, a members-only one for a visitor) and an application
that is not theirs are 404; what they see but may not do is 403. A service's refusal is shown on
the form, in the reader's language, with what was typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.forms import apply_errors
from kieubao.core.uploads import KINDS, StoredUpload, serve_upload

from . import exports, rules, selectors, services
from .forms import (
    AllocationForm,
    ApplicationForm,
    AwardForm,
    CampaignForm,
    ContributionForm,
    DecisionForm,
    PledgeForm,
    RateForm,
)
from .models import Allocation, Campaign, CampaignKind, CampaignStatus, FundApplication, Pledge

T = "campaigns/"


def _campaign_or_404(request: HttpRequest, pk: int) -> tuple[Viewer, Campaign]:
    viewer = viewer_for_request(request)
    campaign = selectors.campaign_get(viewer, pk)
    if campaign is None:
        raise Http404
    return viewer, campaign


def _managed(request: HttpRequest, pk: int) -> tuple[Viewer, Campaign]:
    viewer, campaign = _campaign_or_404(request, pk)
    if not rules.is_manager(viewer, campaign):
        raise PermissionDenied
    return viewer, campaign


def _application_or_404(request: HttpRequest, pk: int) -> tuple[Viewer, FundApplication]:
    viewer = viewer_for_request(request)
    application = (
        FundApplication.objects.select_related("fund", "fund__owner", "business", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if application is None or not rules.can_view_application(viewer, application):
        raise Http404
    return viewer, application


def _today() -> str:
    return timezone.localdate().isoformat()


# --- public pages --------------------------------------------------------------------------------
@require_GET
def campaigns_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in CampaignKind.values else ""
    campaigns = list(selectors.campaigns_list(viewer, kind=kind)[:200])
    rows = [(c, selectors.ledger(c)) for c in campaigns]
    return render(
        request,
        T + "list.html",
        {
            "rows": rows,
            "kind": kind,
            "kinds": CampaignKind.choices,
            "can_create": rules.can_create_campaign(viewer),
        },
    )


@require_GET
def campaign_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, campaign = _campaign_or_404(request, pk)
    manager = rules.is_manager(viewer, campaign)
    context = {
        "campaign": campaign,
        "ledger": selectors.ledger(campaign),
        "allocations": list(selectors.allocations(campaign)[:10]),
        "pledges": selectors.pledges(viewer, campaign)[:10],
        "is_manager": manager,
        "can_pledge": rules.can_pledge(viewer, campaign) and campaign.status == CampaignStatus.OPEN,
        "can_apply": rules.can_apply(viewer, campaign) and campaign.status == CampaignStatus.OPEN,
    }
    if manager and campaign.is_fund:
        context["queue"] = selectors.review_queue(campaign).count()
    return render(request, T + "campaign.html", context)


@require_GET
def ledger_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, campaign = _campaign_or_404(request, pk)
    return render(
        request,
        T + "ledger.html",
        {
            "campaign": campaign,
            "ledger": selectors.ledger(campaign),
            "contributions": selectors.contributions(viewer, campaign),
            "allocations": selectors.allocations(campaign),
            "is_manager": rules.is_manager(viewer, campaign),
        },
    )


@require_GET
def ledger_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, campaign = _campaign_or_404(request, pk)
    content = exports.ledger_xlsx(viewer, campaign)
    response = HttpResponse(content, content_type=KINDS["xlsx"][0])
    response["Content-Disposition"] = f'attachment; filename="ledger-{campaign.pk}.xlsx"'
    return response


@require_GET
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence of an allocation is as public as the campaign's ledger."""
    allocation = Allocation.objects.select_related("campaign").filter(pk=pk).first()
    if allocation is None or not rules.can_view(viewer_for_request(request), allocation.campaign):
        raise Http404
    if allocation.evidence_kind not in KINDS:
        raise Http404
    stored = StoredUpload(
        kind=allocation.evidence_kind,
        name=allocation.evidence_name,
        area=services.EVIDENCE_AREA,
        size=allocation.evidence_size,
        original_name=f"evidence-{allocation.pk}.{KINDS[allocation.evidence_kind][1]}",
    )
    return serve_upload(stored)


# --- pledges -------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def pledge_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, campaign = _campaign_or_404(request, pk)
    if viewer.person_id is None:
        messages.info(request, _("Create your registry profile first: pledges are by members."))
        return redirect("community:my-profile")
    if not rules.can_pledge(viewer, campaign):
        raise PermissionDenied
    form = PledgeForm(request.POST or None, viewer=viewer)
    if request.method == "POST" and form.is_valid():
        from kieubao.community.models import Person

        try:
            services.pledge_create(
                campaign,
                person=Person.objects.get(pk=viewer.person_id),
                user=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your pledge is recorded."))
            return redirect("campaigns:campaign", pk=campaign.pk)
    return render(request, T + "pledge.html", {"campaign": campaign, "form": form})


@login_required
@require_POST
def pledge_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    pledge = Pledge.objects.select_related("campaign").filter(pk=pk).first()
    if pledge is None or not rules.can_view_pledge(viewer, pledge):
        raise Http404
    if not rules.owns_pledge(viewer, pledge):
        raise PermissionDenied
    try:
        services.pledge_withdraw(pledge)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your pledge is withdrawn."))
    return redirect("campaigns:mine")


@login_required
@require_GET
def mine_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    return render(
        request,
        T + "mine.html",
        {
            "pledges": selectors.my_pledges(viewer),
            "applications": selectors.applications_for(viewer, mine=True),
            "managed": selectors.with_totals(selectors.managed_by(viewer))
            if rules.can_create_campaign(viewer)
            else [],
        },
    )


# --- managers: campaigns -------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not rules.can_create_campaign(viewer):
        raise PermissionDenied
    initial = {"starts_on": _today(), "public": True}
    if viewer.scope is not None:
        initial["owner"] = viewer.scope.body_id
    form = CampaignForm(request.POST or None, viewer=viewer, initial=initial)
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        if not rules.can_own(viewer, owner):
            raise PermissionDenied
        try:
            campaign = services.campaign_create(owner=owner, user=request.user, **form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The campaign is saved as a draft: open it when ready."))
            return redirect("campaigns:campaign", pk=campaign.pk)
    return render(request, T + "campaign_form.html", {"form": form, "campaign": None})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, campaign = _managed(request, pk)
    initial = {
        name: getattr(campaign, name)
        for name in ("kind", "title", "title_en", "cause", "cause_en", "target_vnd", "public")
    } | {"starts_on": campaign.starts_on.isoformat(), "ends_on": campaign.ends_on.isoformat()}
    form = CampaignForm(request.POST or None, viewer=viewer, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(campaign, user=request.user, **form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect("campaigns:campaign", pk=campaign.pk)
    return render(request, T + "campaign_form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_status(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, campaign = _managed(request, pk)
    try:
        services.campaign_set_status(
            campaign, status=request.POST.get("status", ""), user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The campaign is open.")
            if campaign.status == CampaignStatus.OPEN
            else _("The campaign is closed."),
        )
    return redirect("campaigns:campaign", pk=campaign.pk)


@login_required
@require_http_methods(["GET", "POST"])
def contribution_new(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, campaign = _managed(request, pk)
    form = ContributionForm(
        request.POST or None, campaign=campaign, initial={"received_on": _today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_record(campaign, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The contribution is recorded in the ledger."))
            return redirect("campaigns:ledger", pk=campaign.pk)
    return render(request, T + "contribution_form.html", {"campaign": campaign, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def allocation_new(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, campaign = _managed(request, pk)
    form = AllocationForm(
        request.POST or None, request.FILES or None, initial={"allocated_on": _today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.allocation_record(campaign, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The allocation is recorded in the public ledger."))
            return redirect("campaigns:ledger", pk=campaign.pk)
    return render(
        request,
        T + "allocation_form.html",
        {"campaign": campaign, "form": form, "ledger": selectors.ledger(campaign)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rates_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not rules.can_create_campaign(viewer):
        raise PermissionDenied
    form = RateForm(request.POST or None, initial={"on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_record(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The exchange rate is recorded."))
            return redirect("campaigns:rates")
    return render(request, T + "rates.html", {"form": form, "rates": selectors.rates_list()[:200]})


# --- support fund --------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def apply_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, fund = _campaign_or_404(request, pk)
    if not fund.is_fund or not rules.can_apply(viewer, fund):
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, request.FILES or None, viewer=viewer)
    if request.method == "POST" and form.is_valid():
        from kieubao.community.models import Person

        try:
            application = services.application_submit(
                fund,
                person=Person.objects.get(pk=viewer.person_id),
                user=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your application is submitted to the fund."))
            return redirect("campaigns:application", pk=application.pk)
    return render(request, T + "apply.html", {"campaign": fund, "form": form})


@login_required
@require_GET
def applications_page(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, fund = _managed(request, pk)
    if not fund.is_fund:
        raise Http404
    return render(
        request,
        T + "applications.html",
        {"campaign": fund, "applications": selectors.applications_for_managers(fund)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, application = _application_or_404(request, pk)
    can_decide = rules.can_decide(viewer, application)
    decision = DecisionForm(prefix="decide")
    award = AwardForm(prefix="award", initial={"allocated_on": _today()})
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "review":
                services.application_review(application, user=request.user)
                messages.success(request, _("The application is under review."))
                return redirect("campaigns:application", pk=application.pk)
            if action == "decide":
                decision = DecisionForm(request.POST, prefix="decide")
                if decision.is_valid():
                    try:
                        services.application_decide(
                            application,
                            approve=decision.cleaned_data["decision"] == "approve",
                            reason=decision.cleaned_data["reason"],
                            user=request.user,
                        )
                    except ValidationError as exc:
                        apply_errors(decision, exc)
                    else:
                        messages.success(request, _("The decision is recorded."))
                        return redirect("campaigns:application", pk=application.pk)
            elif action == "award":
                award = AwardForm(request.POST, request.FILES, prefix="award")
                if award.is_valid():
                    try:
                        services.application_award(
                            application, user=request.user, **award.cleaned_data
                        )
                    except ValidationError as exc:
                        apply_errors(award, exc)
                    else:
                        messages.success(request, _("The award is recorded in the fund's ledger."))
                        return redirect("campaigns:ledger", pk=application.fund_id)
            else:
                messages.error(request, _("Choose an action."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(
        request,
        T + "application.html",
        {
            "application": application,
            "can_decide": can_decide,
            "decision": decision,
            "award_form": award,
            "award": Allocation.objects.filter(application=application).first(),
        },
    )


@login_required
@require_GET
def plan_document(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, application = _application_or_404(request, pk)
    if not application.plan_name or application.plan_kind not in KINDS:
        raise Http404
    stored = StoredUpload(
        kind=application.plan_kind,
        name=application.plan_name,
        area=services.EVIDENCE_AREA,
        size=application.plan_size,
        original_name=f"plan-{application.pk}.{KINDS[application.plan_kind][1]}",
    )
    return serve_upload(stored)


urlpatterns: list = [
    path("campaigns/", campaigns_page, name="list"),
    path("campaigns/mine/", mine_page, name="mine"),
    path("campaigns/new/", campaign_new, name="new"),
    path("campaigns/rates/", rates_page, name="rates"),
    path("campaigns/<int:pk>/", campaign_page, name="campaign"),
    path("campaigns/<int:pk>/ledger/", ledger_page, name="ledger"),
    path("campaigns/<int:pk>/ledger.xlsx", ledger_xlsx, name="ledger_xlsx"),
    path("campaigns/<int:pk>/pledge/", pledge_page, name="pledge"),
    path("campaigns/<int:pk>/edit/", campaign_edit, name="edit"),
    path("campaigns/<int:pk>/status/", campaign_status, name="status"),
    path("campaigns/<int:pk>/contributions/new/", contribution_new, name="contribution_new"),
    path("campaigns/<int:pk>/allocations/new/", allocation_new, name="allocation_new"),
    path("campaigns/<int:pk>/apply/", apply_page, name="apply"),
    path("campaigns/<int:pk>/applications/", applications_page, name="applications"),
    path("campaigns/allocations/<int:pk>/evidence/", evidence, name="evidence"),
    path("campaigns/pledges/<int:pk>/withdraw/", pledge_withdraw, name="pledge_withdraw"),
    path("campaigns/applications/<int:pk>/", application_page, name="application"),
    path("campaigns/applications/<int:pk>/plan/", plan_document, name="plan_document"),
]
