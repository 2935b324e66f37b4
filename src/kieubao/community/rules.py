"""Who may see what: the one scoping layer every read of personal data goes through.

A request has a ``Viewer``. For a given person, the viewer reaches a visibility *level*:

    the person themself, a platform admin ........ PRIVATE   (everything)
    an official whose body's scope covers them ... OFFICIALS (what they allowed officials to see)
    an official outside that scope ............... PUBLIC    (officials act only for their body:
                                                              another province's people are not
                                                              theirs to see)
    any other signed-in member ................... MEMBERS
    anonymous .................................... PUBLIC

and sees each field group whose visibility is at most that level. Scope of a body:
a province covers people whose hometown is that province; a diplomatic mission covers people
residing in its country; a ministry covers everyone. Deny by default: anything not granted here
is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import OrganisationKind, Visibility

if TYPE_CHECKING:
    from .models import Person


@dataclass(frozen=True)
class Scope:
    body_id: int
    national: bool = False
    province_code: int | None = None
    country: str | None = None

    def covers(self, *, hometown_province: int | None, country: str | None) -> bool:
        if self.national:
            return True
        if self.province_code is not None:
            return hometown_province == self.province_code
        if self.country:
            return bool(country) and str(country) == self.country
        return False

    @property
    def index_terms(self) -> list[str]:
        """The search index's scope keywords this scope matches (see search.py)."""
        if self.province_code is not None:
            return [f"p:{self.province_code}"]
        if self.country:
            return [f"c:{self.country}"]
        return []


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    person_id: int | None = None
    is_admin: bool = False
    scope: Scope | None = None
    # Organisations this viewer administers (Membership.role == admin).
    admin_of: frozenset[int] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_official(self) -> bool:
        return self.scope is not None

    def level_for(self, person: Person) -> int:
        if self.is_admin or (self.user_id is not None and person.user_id == self.user_id):
            return Visibility.PRIVATE
        if self.scope is not None:
            covered = self.scope.covers(
                hometown_province=person.hometown_province, country=str(person.country or "")
            )
            return Visibility.OFFICIALS if covered else Visibility.PUBLIC
        if self.is_authenticated:
            return Visibility.MEMBERS
        return Visibility.PUBLIC

    def base_level(self) -> int:
        """The level this viewer has for people outside any official scope."""
        if self.is_admin:
            return Visibility.PRIVATE
        if self.scope is not None:
            return Visibility.OFFICIALS if self.scope.national else Visibility.PUBLIC
        return Visibility.MEMBERS if self.is_authenticated else Visibility.PUBLIC


ANONYMOUS = Viewer()


def scope_for_body(body_id: int, kind: str, province_code: int | None, country: str) -> Scope:
    if kind == OrganisationKind.PROVINCE:
        return Scope(body_id=body_id, province_code=province_code)
    if kind == OrganisationKind.MISSION:
        return Scope(body_id=body_id, country=country)
    if kind == OrganisationKind.MINISTRY:
        return Scope(body_id=body_id, national=True)
    # Any other kind of body grants no scope (deny by default).
    return Scope(body_id=body_id)


def can_view_person(viewer: Viewer, person: Person) -> bool:
    """A person's page exists for a viewer when it is the person, an admin, or the person is
    listed in the directory and lets this viewer see their profile group."""
    level = viewer.level_for(person)
    if level == Visibility.PRIVATE:
        return True
    return person.consent_directory and person.vis_profile <= level


def can_edit_person(viewer: Viewer, person: Person) -> bool:
    return viewer.is_admin or (viewer.user_id is not None and person.user_id == viewer.user_id)


def can_manage_organisation(viewer: Viewer, organisation_id: int) -> bool:
    """Platform admins and the organisation's own admins edit it and manage its members."""
    return viewer.is_admin or organisation_id in viewer.admin_of


def can_join_organisation(viewer: Viewer, kind: str) -> bool:
    """Members with a profile join community organisations themselves (consented membership);
    homeland bodies have officials, not members."""
    from .models import HOMELAND_BODY_KINDS

    return viewer.person_id is not None and kind not in HOMELAND_BODY_KINDS
