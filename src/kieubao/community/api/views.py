from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from kieubao.core.api.auth import OPTIONAL, REQUIRED, request_user
from kieubao.core.provinces import resolve_province

from .. import selectors, services
from ..models import ExpertiseField, FieldGroup, Visibility
from ..search import SearchFilters
from .schemas import (
    ErrorOut,
    FieldOut,
    OrganisationOut,
    OrganisationsOut,
    OwnProfileOut,
    PeopleOut,
    PersonOut,
    ProfileIn,
)

router = Router(tags=["community"])
COUNTRY_CODE = r"^[A-Za-z]{2}$"
COUNTRY_HELP = "ISO 3166-1 alpha-2 code of the country of residence (DE, JP, US …)"

VISIBILITY_NAMES = {
    "public": Visibility.PUBLIC,
    "members": Visibility.MEMBERS,
    "officials": Visibility.OFFICIALS,
    "private": Visibility.PRIVATE,
}
VISIBILITY_BY_LEVEL = {v: k for k, v in VISIBILITY_NAMES.items()}
# 429: the API rate limit (kieubao.core.ratelimit), on every operation.
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class PeopleQuery(Schema):
    q: str = ""
    country: str | None = Field(None, pattern=COUNTRY_CODE, description=COUNTRY_HELP)
    province: str | None = None
    field: str | None = None
    qualification: str | None = None
    organisation: int | None = None
    page: int = 1
    per_page: int = 20


def _viewer(request: HttpRequest):
    return selectors.viewer_for_user(request_user(request))


def _filters(query: PeopleQuery) -> SearchFilters:
    province = None
    if query.province:
        resolved = resolve_province(query.province)
        if resolved is None:
            raise ValidationError({"province": _("Unknown province.")})
        province = resolved.code
    return SearchFilters(
        country=query.country,
        province=province,
        field=query.field,
        qualification=query.qualification,
        organisation=query.organisation,
    )


@router.get(
    "/people",
    response={200: PeopleOut, **ERRORS},
    auth=OPTIONAL,
    exclude_unset=True,
    summary="Search the directory of people",
)
def people_list(request: HttpRequest, query: Query[PeopleQuery]):
    """Directory search. Tones, đ and case do not matter ("da nang" finds "Đà Nẵng"). Only
    people who consented to be listed appear, and only with the fields the caller may see."""
    result = selectors.people_search(
        _viewer(request),
        text=query.q[:200],
        filters=_filters(query),
        page=query.page,
        per_page=query.per_page,
    )
    return {
        "count": result.total,
        "page": result.page,
        "pages": result.pages,
        "results": [p.as_dict() for p in result.items],
    }


@router.get(
    "/people/{person_id}",
    response={200: PersonOut, **ERRORS},
    auth=OPTIONAL,
    exclude_unset=True,
    summary="One person, as the caller may see them",
)
def person_detail(request: HttpRequest, person_id: int):
    view = selectors.person_get(_viewer(request), person_id)
    if view is None:
        raise Http404
    return view.as_dict()


@router.get(
    "/organisations",
    response={200: OrganisationsOut, **ERRORS},
    auth=OPTIONAL,
    summary="Search organisations",
)
def organisations_list(
    request: HttpRequest,
    q: str = "",
    kind: str | None = None,
    country: str | None = Query(None, pattern=COUNTRY_CODE, description=COUNTRY_HELP),
    page: int = 1,
    per_page: int = 20,
):
    result = selectors.organisations_search(
        text=q[:200], kind=kind, country=country, page=page, per_page=per_page
    )
    return {
        "count": result.total,
        "page": result.page,
        "pages": result.pages,
        "results": [_organisation_out(o) for o in result.items],
    }


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, **ERRORS},
    auth=OPTIONAL,
    summary="One organisation",
)
def organisation_detail(request: HttpRequest, organisation_id: int):
    organisation = selectors.organisation_get(organisation_id)
    if organisation is None:
        raise Http404
    return _organisation_out(organisation)


def _organisation_out(o) -> dict:
    province = o.province
    return {
        "id": o.pk,
        "name": o.name,
        "name_en": o.name_en,
        "kind": o.kind,
        "country": o.country.code,
        "city": o.city,
        "province": {"code": province.code, "name": province.name()} if province else None,
        "parent_id": o.parent_id,
        "chapter_count": getattr(o, "chapter_count", None) or o.chapters.count(),
        "website": o.website,
    }


@router.get(
    "/taxonomy/fields",
    response={200: list[FieldOut], 401: ErrorOut, 429: ErrorOut},
    auth=OPTIONAL,
    summary="Fields of expertise",
)
def taxonomy_fields(request: HttpRequest):
    return [
        {
            "slug": f.slug,
            "name_vi": f.name_vi,
            "name_en": f.name_en,
            "parent": f.parent.slug if f.parent else None,
        }
        for f in ExpertiseField.objects.select_related("parent")
    ]


def _own_profile(request: HttpRequest) -> dict:
    person = selectors.person_for_user(request.auth)
    if person is None:
        raise Http404
    view = selectors.project_person(selectors.viewer_for_user(request.auth), person)
    out = view.as_dict()
    out["visibility"] = {g: VISIBILITY_BY_LEVEL[person.visibility_of(g)] for g in FieldGroup.values}
    return out


@router.get(
    "/me/profile",
    response={200: OwnProfileOut, **ERRORS},
    auth=REQUIRED,
    exclude_unset=True,
    summary="My profile, with everything in it",
)
def my_profile(request: HttpRequest):
    return _own_profile(request)


@router.patch(
    "/me/profile",
    # 400: a body that is not JSON; 403: a session-authenticated write without a CSRF token.
    response={200: OwnProfileOut, 400: ErrorOut, 403: ErrorOut, **ERRORS},
    auth=REQUIRED,
    exclude_unset=True,
    summary="Create or change my profile, its visibility and my consents",
)
def my_profile_update(request: HttpRequest, payload: ProfileIn):
    data = payload.model_dump(exclude_unset=True)
    visibility = data.pop("visibility", None) or {}
    consents = data.pop("consents", None) or {}
    fields = data.pop("fields", None)
    for name in ("full_name",):
        if name in data and data[name] is None:
            raise ValidationError({name: _("This field is required.")})
    values = {
        k: ("" if v is None and k not in ("birth_year", "hometown_province") else v)
        for k, v in data.items()
    }
    values.update({f"vis_{g}": VISIBILITY_NAMES[v] for g, v in visibility.items()})
    with transaction.atomic():
        person = selectors.person_for_user(request.auth)
        if person is None:
            if not values.get("full_name"):
                raise ValidationError({"full_name": _("This field is required.")})
            person = services.person_create(user=request.auth, fields=fields or (), **values)
        else:
            person = services.person_update(person=person, fields=fields, **values)
        services.consents_set(person=person, consents=consents)
    return _own_profile(request)
