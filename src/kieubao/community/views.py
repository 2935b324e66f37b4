from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import OrganisationSearchForm, PeopleSearchForm, ProfileForm
from .models import FieldGroup
from .search import SearchFilters


def _template(request: HttpRequest, full: str, partial: str) -> str:
    """One view serves the page and, for htmx requests, just the fragment that changes."""
    return partial if getattr(request, "htmx", False) and not request.htmx.boosted else full


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
    view = selectors.person_get(selectors.viewer_for_request(request), person_id)
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
    members = selectors.organisation_members(
        selectors.viewer_for_request(request), organisation, page=page
    )
    return render(
        request,
        "community/organisation_detail.html",
        {"organisation": organisation, "members": members},
    )
