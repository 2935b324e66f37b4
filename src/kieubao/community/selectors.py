"""Reads of the registry. Personal data leaves the database only through these functions, which
apply the viewer's scope and each field group's visibility (see rules.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext as _
from django_countries import countries

from kieubao.core import audit
from kieubao.core.languages import language_name
from kieubao.core.models import AuditAction, AuditEntry
from kieubao.core.text import fold

from .models import (
    FIELD_GROUP_MEMBERS,
    ExpertiseField,
    FieldGroup,
    Membership,
    MembershipRole,
    Official,
    Organisation,
    Person,
    Visibility,
)
from .rules import (
    ANONYMOUS,
    Viewer,
    can_manage_organisation,
    can_view_person,
    scope_for_body,
)
from .search import SearchFilters, people_index

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000  # beyond it a page number is nonsense (and an SQL offset could overflow)


# -- the viewer ---------------------------------------------------------------------------------


def viewer_for_user(user) -> Viewer:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    person_id = Person.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
    official = (
        Official.objects.filter(user_id=user.pk)
        .values_list("body_id", "body__kind", "body__province_code", "body__country")
        .first()
    )
    scope = scope_for_body(*official) if official else None
    admin_of = frozenset(
        Membership.objects.filter(person_id=person_id, role=MembershipRole.ADMIN).values_list(
            "organisation_id", flat=True
        )
        if person_id
        else ()
    )
    return Viewer(
        user_id=user.pk,
        person_id=person_id,
        is_admin=user.is_superuser,
        scope=scope,
        admin_of=admin_of,
    )


def viewer_for_request(request: HttpRequest) -> Viewer:
    viewer = getattr(request, "_kieubao_viewer", None)
    if viewer is None:
        viewer = viewer_for_user(getattr(request, "user", None))
        request._kieubao_viewer = viewer
    return viewer


# -- projection of a person for a viewer --------------------------------------------------------


@dataclass
class PersonView:
    """What one viewer may see of one person: values of visible field groups only. Hidden
    values are never copied in here, so a template or serializer cannot leak them."""

    id: int
    level: int
    visible_groups: frozenset[str]
    values: dict[str, Any] = field(default_factory=dict)
    is_own: bool = False
    consents: dict[str, bool] | None = None

    def shows(self, group: str) -> bool:
        return group in self.visible_groups

    @property
    def hidden_groups(self) -> list[str]:
        return [g for g in FieldGroup.values if g not in self.visible_groups]

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "hidden_groups": self.hidden_groups}
        for group in FieldGroup.values:
            if group not in self.visible_groups:
                continue
            for name in FIELD_GROUP_MEMBERS[group]:
                out[name] = self.values.get(name + "_api", self.values.get(name))
        if self.consents is not None:
            out["consents"] = self.consents
        return out


_GROUPS = tuple(FieldGroup.values)
_CHOICES: dict[str, dict] = {}


def _display(person: Person, name: str) -> str:
    """``person.get_<name>_display()``, without rebuilding the field's choices at every call
    (a large part of projecting a page of search results)."""
    choices = _CHOICES.get(name)
    if choices is None:
        choices = _CHOICES[name] = dict(make_hashable(Person._meta.get_field(name).flatchoices))
    value = getattr(person, name)
    return force_str(choices.get(make_hashable(value), value), strings_only=True)


def project_person(
    viewer: Viewer,
    person: Person,
    *,
    prefetched: bool = True,
    fields: list[ExpertiseField] | None = None,
    memberships: list[Membership] | None = None,
) -> PersonView:
    """``fields`` and ``memberships``: the person's, when the caller read them already (as
    ``person.fields.all()`` and ``person.memberships.all()`` would give them)."""
    level = viewer.level_for(person)
    visible = frozenset(g for g in _GROUPS if person.visibility_of(g) <= level)
    values: dict[str, Any] = {}
    if FieldGroup.PROFILE in visible:
        fields = list(person.fields.all()) if fields is None else fields
        country = person.country
        values.update(
            full_name=person.full_name,
            other_names=person.other_names_list,
            country=country.code or None,
            country_name=country.name if country else "",
            qualification=person.qualification,
            qualification_label=_display(person, "qualification"),
            fields=[{"slug": f.slug, "name": f.name()} for f in fields],
        )
        values["fields_api"] = [f.slug for f in fields]
    else:
        values["full_name"] = None
    if FieldGroup.LOCATION in visible:
        hometown = person.hometown
        values.update(
            city=person.city,
            hometown_province=(
                {"code": hometown.code, "name": hometown.name()} if hometown else None
            ),
            residency_status=person.residency_status or None,
            residency_status_label=_display(person, "residency_status"),
        )
    if FieldGroup.WORK in visible:
        values.update(
            employer=person.employer,
            languages=[{"code": c, "name": language_name(c)} for c in person.languages],
            bio=person.bio,
            memberships=[
                {
                    "organisation_id": m.organisation_id,
                    "organisation": m.organisation.display_name(),
                    "role": m.role,
                    "title": m.title,
                }
                for m in (person.memberships.all() if memberships is None else memberships)
            ],
        )
        values["languages_api"] = list(person.languages)
    if FieldGroup.PERSONAL in visible:
        values.update(
            birth_year=person.birth_year,
            sex=person.sex or None,
            sex_label=_display(person, "sex") if person.sex else "",
        )
    if FieldGroup.CONTACT in visible:
        values.update(email=person.email, phone=person.phone, website=person.website)
    is_own = viewer.user_id is not None and person.user_id == viewer.user_id
    consents = None
    if level == Visibility.PRIVATE:
        consents = {
            "directory": person.consent_directory,
            "contact": person.consent_contact,
            "statistics": person.consent_statistics,
        }
    return PersonView(
        id=person.pk,
        level=level,
        visible_groups=visible,
        values=values,
        is_own=is_own,
        consents=consents,
    )


def _people_queryset() -> QuerySet[Person]:
    return Person.objects.prefetch_related(
        "fields",
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation")),
    )


def _related(person_ids: list[int]) -> tuple[dict[int, list], dict[int, list]]:
    """Fields of expertise and memberships of these people, in the order prefetching gives
    them, in two queries — without prefetch_related's per-person querysets, which cost more
    than the queries for a page of results."""
    fields: dict[int, list[ExpertiseField]] = {}
    links = (
        Person.fields.through.objects.filter(person_id__in=person_ids)
        .select_related("expertisefield")
        .order_by(*(f"expertisefield__{name}" for name in ExpertiseField._meta.ordering))
    )
    for link in links:
        fields.setdefault(link.person_id, []).append(link.expertisefield)
    memberships: dict[int, list[Membership]] = {}
    for membership in Membership.objects.select_related("organisation").filter(
        person_id__in=person_ids
    ):
        memberships.setdefault(membership.person_id, []).append(membership)
    return fields, memberships


def _audit_reads(viewer: Viewer, people: list[tuple[Person, PersonView]]) -> None:
    """Officials' and admins' reads of other people's non-public field groups are audited."""
    if not (viewer.is_official or viewer.is_admin):
        return
    reads = []
    for person, view in people:
        if view.is_own:
            continue
        groups = sorted(
            g for g in view.visible_groups if person.visibility_of(g) > Visibility.PUBLIC
        )
        if groups:
            reads.append((person.pk, groups))
    audit.record_person_reads(
        actor_id=viewer.user_id,
        actor_body_id=viewer.scope.body_id if viewer.scope else None,
        reads=reads,
    )


def person_get(viewer: Viewer, person_id: int) -> PersonView | None:
    """The person as this viewer may see them, or None where they may not (deny by default)."""
    person = _people_queryset().filter(pk=person_id).first()
    if person is None:
        return None
    if not can_view_person(viewer, person):
        if viewer.is_authenticated:
            audit.record(
                AuditAction.ACCESS_REFUSED,
                actor_id=viewer.user_id,
                target_type="person",
                target_id=person.pk,
            )
        return None
    view = project_person(viewer, person)
    _audit_reads(viewer, [(person, view)])
    return view


def person_for_user(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return _people_queryset().filter(user_id=user.pk).first()


# -- directory search ---------------------------------------------------------------------------


@dataclass
class ResultPage:
    total: int
    page: int
    per_page: int
    items: list

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def paginate(qs, page: int = 1, per_page: int = PAGE_SIZE) -> ResultPage:
    """One page of a queryset, with page and page size kept within bounds."""
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    page = max(1, min(page, MAX_PAGE))
    start = (page - 1) * per_page
    return ResultPage(
        total=qs.count(), page=page, per_page=per_page, items=list(qs[start : start + per_page])
    )


def people_search(
    viewer: Viewer,
    *,
    text: str = "",
    filters: SearchFilters | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ResultPage:
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    page = max(1, min(page, MAX_PAGE))
    hits = people_index().search(
        viewer, text=text, filters=filters, offset=(page - 1) * per_page, limit=per_page
    )
    people = {p.pk: p for p in Person.objects.filter(pk__in=hits.ids)}
    fields, memberships = _related(hits.ids) if people else ({}, {})
    items, shown = [], []
    for pid in hits.ids:
        person = people.get(pid)
        # The index may lag the database by a moment (e.g. a consent just withdrawn): the
        # database decides.
        if person is not None and can_view_person(viewer, person):
            view = project_person(
                viewer, person, fields=fields.get(pid, []), memberships=memberships.get(pid, [])
            )
            items.append(view)
            shown.append((person, view))
    _audit_reads(viewer, shown)
    return ResultPage(total=hits.total, page=page, per_page=per_page, items=items)


# -- organisations --------------------------------------------------------------------------------


def organisations_search(
    *,
    text: str = "",
    kind: str | None = None,
    country: str | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ResultPage:
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    page = max(1, min(page, MAX_PAGE))
    if "\x00" in f"{text}{kind or ''}{country or ''}":
        # Nothing stored holds NUL (PostgreSQL text cannot: the query itself would fail).
        return ResultPage(total=0, page=page, per_page=per_page, items=[])
    qs = Organisation.objects.select_related("parent").annotate(
        chapter_count=Count("chapters", distinct=True)
    )
    for word in fold(text).split()[:8]:
        qs = qs.filter(name_folded__contains=word)
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.upper())
    total = qs.count()
    start = (page - 1) * per_page
    return ResultPage(
        total=total, page=page, per_page=per_page, items=list(qs[start : start + per_page])
    )


def organisation_get(org_id: int) -> Organisation | None:
    return (
        Organisation.objects.select_related("parent")
        .prefetch_related("fields", Prefetch("chapters", Organisation.objects.order_by("country")))
        .filter(pk=org_id)
        .first()
    )


def organisation_members(
    viewer: Viewer, organisation: Organisation, *, page: int = 1
) -> ResultPage:
    """Listed members of the organisation (and of its chapters) whom the viewer may see as
    members: the work group (which holds memberships) must be visible to them."""
    return people_search(viewer, filters=SearchFilters(organisation=organisation.pk), page=page)


def member_countries(organisation: Organisation) -> list[tuple[str, int]]:
    """Countries of the organisation's chapters (an innovation network spans many)."""
    rows = (
        Organisation.objects.filter(Q(parent=organisation) | Q(pk=organisation.pk))
        .values_list("country")
        .annotate(n=Count("pk"))
        .order_by("country")
    )
    return [(code, n) for code, n in rows]


def fields_taxonomy() -> list[ExpertiseField]:
    return list(ExpertiseField.objects.all())


def country_options() -> list[tuple[str, str]]:
    return [(code, name) for code, name in countries]


def organisation_roster(viewer: Viewer, organisation: Organisation) -> list[Membership]:
    """All members of the organisation with their roles, for its admins only. Joining an
    organisation shows the organisation's admins one's name (said on the join button)."""
    if not can_manage_organisation(viewer, organisation.pk):
        return []
    return list(
        Membership.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("-role", "person__full_name_folded")
    )


def membership_of(viewer: Viewer, organisation_id: int) -> Membership | None:
    if viewer.person_id is None:
        return None
    return Membership.objects.filter(
        person_id=viewer.person_id, organisation_id=organisation_id
    ).first()


def _group_label(group: str) -> str:
    if group == "admin":
        return str(_("Everything (administration site)"))
    return str(FieldGroup(group).label) if group in FieldGroup.values else group


def access_log_for(person: Person, *, limit: int = 200) -> list[dict]:
    """ "Who looked at my data": officials' and admins' reads of this person's non-public
    fields, newest first, named by the body they acted for (not the official's own name)."""
    entries = list(
        AuditEntry.objects.filter(
            target_type="person", target_id=person.pk, action=AuditAction.PERSON_READ
        )[:limit]
    )
    bodies = {
        o.pk: o
        for o in Organisation.objects.filter(
            pk__in={e.actor_body_id for e in entries if e.actor_body_id}
        )
    }
    return [
        {
            "at": e.at,
            "body": bodies.get(e.actor_body_id),
            "groups": [_group_label(g) for g in e.detail.get("groups", [])],
        }
        for e in entries
    ]
