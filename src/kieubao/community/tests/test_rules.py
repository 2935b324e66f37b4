import pytest

from kieubao.community.models import Visibility
from kieubao.community.rules import ANONYMOUS, Scope, Viewer, can_view_person, scope_for_body
from kieubao.community.selectors import person_get, viewer_for_user
from kieubao.community.tests.factories import (
    make_ministry,
    make_mission,
    make_official,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db

HAI_PHONG, DA_NANG = 31, 48


def _person(**kw):
    kw.setdefault("hometown_province", HAI_PHONG)
    kw.setdefault("country", "DE")
    kw.setdefault("birth_year", 1980)
    kw.setdefault("vis_personal", Visibility.OFFICIALS)
    kw.setdefault("vis_contact", Visibility.PRIVATE)
    kw.setdefault("phone", "+49 1")
    return make_person(user=make_user(), **kw)


def test_levels_by_role():
    person = _person()
    member = viewer_for_user(make_user())
    same_province = viewer_for_user(make_official("Hải Phòng"))
    other_province = viewer_for_user(make_official("Đà Nẵng"))
    ministry = viewer_for_user(make_official(make_ministry()))
    mission_de = viewer_for_user(make_official(make_mission("DE")))
    mission_fr = viewer_for_user(make_official(make_mission("FR")))
    admin = viewer_for_user(make_user(is_superuser=True, is_staff=True))
    own = viewer_for_user(person.user)
    assert ANONYMOUS.level_for(person) == Visibility.PUBLIC
    assert member.level_for(person) == Visibility.MEMBERS
    assert same_province.level_for(person) == Visibility.OFFICIALS
    assert other_province.level_for(person) == Visibility.PUBLIC  # officials act for their body
    assert ministry.level_for(person) == Visibility.OFFICIALS
    assert mission_de.level_for(person) == Visibility.OFFICIALS
    assert mission_fr.level_for(person) == Visibility.PUBLIC
    assert admin.level_for(person) == Visibility.PRIVATE
    assert own.level_for(person) == Visibility.PRIVATE


def test_official_of_other_province_does_not_see_fields_kept_from_officials_elsewhere():
    person = _person()
    same = person_get(viewer_for_user(make_official("Hải Phòng")), person.pk)
    assert same.values["birth_year"] == 1980
    # Another province's official is refused a members-only profile altogether...
    assert person_get(viewer_for_user(make_official("Đà Nẵng")), person.pk) is None
    # ...and sees of a public profile only what anyone may see.
    public = _person(vis_profile=Visibility.PUBLIC)
    other = person_get(viewer_for_user(make_official("Đà Nẵng")), public.pk)
    assert other.full_name == public.full_name
    assert "birth_year" not in other.values and "city" not in other.values


def test_nobody_but_the_person_and_admins_sees_private_fields():
    person = _person()
    for viewer in (
        viewer_for_user(make_official("Hải Phòng")),
        viewer_for_user(make_official(make_ministry())),
        viewer_for_user(make_user()),
    ):
        assert "phone" not in person_get(viewer, person.pk).values
    assert person_get(viewer_for_user(person.user), person.pk).values["phone"] == "+49 1"
    admin = viewer_for_user(make_user(is_superuser=True))
    assert person_get(admin, person.pk).values["phone"] == "+49 1"


def test_unlisted_people_are_invisible_except_to_themselves_and_admins():
    person = _person(listed=False)
    assert person_get(viewer_for_user(make_user()), person.pk) is None
    assert person_get(viewer_for_user(make_official("Hải Phòng")), person.pk) is None
    assert person_get(viewer_for_user(person.user), person.pk) is not None


def test_members_only_profile_is_hidden_from_anonymous_visitors():
    person = _person(vis_profile=Visibility.MEMBERS)
    assert person_get(ANONYMOUS, person.pk) is None
    public = _person(vis_profile=Visibility.PUBLIC)
    view = person_get(ANONYMOUS, public.pk)
    assert view.full_name == public.full_name
    assert "city" not in view.values  # location group stays members-only


def test_scope_of_a_body_kind_that_is_not_homeland_grants_nothing():
    scope = scope_for_body(1, "association", None, "DE")
    assert not scope.covers(hometown_province=HAI_PHONG, country="DE")


def test_deny_by_default_for_a_viewer_without_scope_or_account():
    person = _person(vis_profile=Visibility.OFFICIALS)
    assert not can_view_person(ANONYMOUS, person)
    assert not can_view_person(Viewer(user_id=999_999), person)
    assert can_view_person(Viewer(user_id=1, scope=Scope(body_id=1, national=True)), person)
