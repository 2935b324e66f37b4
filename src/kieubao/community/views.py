from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieubao.core.htmx import template_for as _template

from . import page_cache, privacy, rules, selectors, services
from .forms import OrganisationForm, OrganisationSearchForm, PeopleSearchForm, ProfileForm
from .models import FieldGroup, Membership, MembershipRole
from .search import SearchFilters


@require_GET
def people_search(request: HttpRequest) -> HttpResponse:
    form = PeopleSearchForm(request.GET or None)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        result = selectors.people_search(
            selectors.viewer_for_request(request),
            text=data["q"],
            filters=SearchFilters(
                country=data["country"] or None,
                province=data["province"],
                field=data["field"] or None,
                qualification=data["qualification"] or None,
                organisation=data["organisation"],
            ),
            page=data["page"] or 1,
        )
    elif not form.is_bound:
        result = selectors.people_search(selectors.viewer_for_request(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        _template(
            request, "community/people_search.html", "community/_partials/people_results.html"
        ),
        {"form": form, "result": result, "query": query.urlencode()},
    )


@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = selectors.viewer_for_request(request)
    if not viewer.is_authenticated:
        response = page_cache.anonymous_person_page(request, person_id)
        if response is None:
            raise Http404
        return response
    view = selectors.person_get(viewer, person_id)
    if view is None:
        raise Http404
    return render(request, "community/person_detail.html", {"person": view, "groups": FieldGroup})


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request: HttpRequest) -> HttpResponse:
    person = selectors.person_for_user(request.user)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        values = form.profile_values()
        fields = [f.slug for f in form.cleaned_data["fields_of_expertise"]]
        try:
            with transaction.atomic():
                if person is None:
                    person = services.person_create(user=request.user, fields=fields, **values)
                else:
                    person = services.person_update(person=person, fields=fields, **values)
                services.consents_set(person=person, consents=form.consents())
        except ValidationError as exc:
            # The service re-validates; show anything it adds on the form, nothing saved.
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("community:my-profile")
    return render(request, "community/my_profile.html", {"form": form, "person": person})


@login_required
@require_GET
def my_access_log(request: HttpRequest) -> HttpResponse:
    person = selectors.person_for_user(request.user)
    entries = selectors.access_log_for(person) if person else []
    return render(request, "community/my_access_log.html", {"entries": entries, "person": person})


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "community/my_data.html", {})


@login_required
@require_GET
@reauthentication_required
def my_data_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """All my data as JSON or CSV (re-authentication required: it is a bulk export)."""
    data = privacy.person_export(user=request.user)
    privacy.record_export(user=request.user, fmt=fmt)
    stamp = timezone.now().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse(privacy.export_as_csv(data), content_type="text/csv; charset=utf-8")
    else:
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="kieubao-my-data-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required
def my_account_delete(request: HttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        if request.POST.get("confirm", "").strip().lower() == request.user.email.lower():
            user = request.user
            logout(request)
            privacy.account_erase(user=user)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("home")
        error = _("Type your email address exactly to confirm.")
    return render(request, "community/my_account_delete.html", {"error": error})


@require_GET
def organisations_search(request: HttpRequest) -> HttpResponse:
    form = OrganisationSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    result = selectors.organisations_search(
        text=data.get("q", ""),
        kind=data.get("kind") or None,
        country=data.get("country") or None,
        page=data.get("page") or 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        _template(
            request,
            "community/organisations_search.html",
            "community/_partials/organisation_results.html",
        ),
        {"form": form, "result": result, "query": query.urlencode()},
    )


@require_GET
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get(organisation_id)
    if organisation is None:
        raise Http404
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    viewer = selectors.viewer_for_request(request)
    return render(
        request,
        "community/organisation_detail.html",
        {
            "organisation": organisation,
            "members": selectors.organisation_members(viewer, organisation, page=page),
            "membership": selectors.membership_of(viewer, organisation.pk),
            "can_join": rules.can_join_organisation(viewer, organisation.kind),
            "can_manage": rules.can_manage_organisation(viewer, organisation.pk),
        },
    )


@login_required
@require_POST
def organisation_membership(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Join or leave an organisation (one's own membership only)."""
    organisation = selectors.organisation_get(organisation_id)
    viewer = selectors.viewer_for_request(request)
    if organisation is None:
        raise Http404
    if not rules.can_join_organisation(viewer, organisation.kind):
        messages.error(request, _("Create your profile first, then join organisations."))
        return redirect("community:organisation", organisation_id)
    membership = selectors.membership_of(viewer, organisation_id)
    try:
        if request.POST.get("action") == "leave" and membership is not None:
            services.membership_remove(membership=membership)
            messages.success(request, _("You have left %(name)s.") % {"name": organisation})
        elif request.POST.get("action") == "join" and membership is None:
            person = selectors.person_for_user(request.user)
            services.membership_add(person=person, organisation=organisation)
            messages.success(
                request, _("You are now a member of %(name)s.") % {"name": organisation}
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("community:organisation", organisation_id)


def _changes_roles(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("action") in ("role", "remove")


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(enabled=_changes_roles)
def organisation_manage(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get(organisation_id)
    viewer = selectors.viewer_for_request(request)
    if organisation is None or not rules.can_manage_organisation(viewer, organisation_id):
        raise PermissionDenied
    form = OrganisationForm(
        request.POST if request.POST.get("action") == "details" else None, instance=organisation
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "details":
                if form.is_valid():
                    data = form.cleaned_data
                    services.organisation_update(
                        organisation=organisation,
                        fields=[f.slug for f in data["fields_of_expertise"]],
                        **{name: data[name] for name in OrganisationForm.Meta.fields},
                    )
                    messages.success(request, _("The organisation has been saved."))
                    return redirect("community:organisation-manage", organisation_id)
            else:
                membership = get_object_or_404(
                    Membership, pk=request.POST.get("membership"), organisation=organisation
                )
                if request.POST.get("action") == "remove":
                    services.membership_remove(membership=membership)
                elif request.POST.get("action") == "role":
                    services.membership_set_role(
                        membership=membership, role=request.POST.get("role", "")
                    )
                messages.success(request, _("Membership updated."))
                return redirect("community:organisation-manage", organisation_id)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(
        request,
        "community/organisation_manage.html",
        {
            "organisation": organisation,
            "form": form,
            "roster": selectors.organisation_roster(viewer, organisation),
            "roles": MembershipRole.choices,
        },
    )
