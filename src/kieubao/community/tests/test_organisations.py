import pytest
from django.test import Client

from kieubao.community import services
from kieubao.community.models import Membership
from kieubao.community.tests.factories import (
    make_official,
    make_person,
    make_user,
    reauthenticated_client,
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def association():
    return services.organisation_create(
        name="Hội người Việt tại Praha", kind="association", country="CZ"
    )


@pytest.fixture
def org_admin(association):
    user = make_user()
    person = make_person(user=user)
    services.membership_add(person=person, organisation=association, role="admin")
    return user


def test_a_member_joins_and_leaves_an_organisation(association):
    user = make_user()
    person = make_person(user=user)
    client = _client(user)
    url = f"/organisations/{association.pk}/membership/"
    client.post(url, {"action": "join"})
    assert Membership.objects.filter(person=person, organisation=association).exists()
    client.post(url, {"action": "leave"})
    assert not Membership.objects.filter(person=person, organisation=association).exists()


def test_without_a_profile_one_cannot_join(association):
    client = _client(make_user())
    response = client.post(f"/organisations/{association.pk}/membership/", {"action": "join"})
    assert response.status_code == 302
    assert not Membership.objects.exists()


def test_nobody_joins_a_homeland_body():
    body = services.organisation_create(name="Bộ Ngoại giao", kind="ministry", country="VN")
    user = make_user()
    make_person(user=user)
    _client(user).post(f"/organisations/{body.pk}/membership/", {"action": "join"})
    assert not Membership.objects.exists()


def test_org_admin_edits_details_and_manages_members(association, org_admin):
    member = make_person(full_name="Thành Viên Mới")
    membership = services.membership_add(person=member, organisation=association)
    client = reauthenticated_client(org_admin)
    url = f"/organisations/{association.pk}/manage/"
    page = client.get(url)
    assert page.status_code == 200 and "Thành Viên Mới" in page.content.decode()
    client.post(url, {"action": "details", "name_en": "Vietnamese in Prague", "city": "Praha",
                      "description": "", "website": "hoi.example.cz", "email": ""})  # fmt: skip
    association.refresh_from_db()
    assert association.name_en == "Vietnamese in Prague"
    assert association.website == "https://hoi.example.cz"
    client.post(url, {"action": "role", "membership": membership.pk, "role": "admin"})
    membership.refresh_from_db()
    assert membership.role == "admin"
    client.post(url, {"action": "remove", "membership": membership.pk})
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_invalid_details_show_errors_and_change_nothing(association, org_admin):
    response = _client(org_admin).post(
        f"/organisations/{association.pk}/manage/",
        {"action": "details", "name_en": "X", "email": "not-an-email", "website": ""},
    )
    assert 'data-error-for="email"' in response.content.decode()
    association.refresh_from_db()
    assert association.name_en == ""


def test_the_last_admin_cannot_leave_members_without_an_admin(association, org_admin):
    services.membership_add(person=make_person(), organisation=association)
    admin_membership = Membership.objects.get(role="admin")
    client = reauthenticated_client(org_admin)
    client.post(
        f"/organisations/{association.pk}/manage/",
        {"action": "role", "membership": admin_membership.pk, "role": "member"},
    )
    admin_membership.refresh_from_db()
    assert admin_membership.role == "admin"


@pytest.mark.parametrize("who", ["member", "official", "anonymous"])
def test_others_may_not_manage(association, who):
    client = Client()
    if who == "member":
        user = make_user()
        services.membership_add(person=make_person(user=user), organisation=association)
        client.force_login(user)
    elif who == "official":
        official = make_official("Hải Phòng")
        from allauth.mfa.models import Authenticator

        Authenticator.objects.create(user=official, type="totp", data={"secret": "x"})
        client.force_login(official)
    response = client.get(f"/organisations/{association.pk}/manage/")
    assert response.status_code in (302, 403)
    if who != "anonymous":
        assert response.status_code == 403


def test_platform_admin_may_manage_any_organisation(association):
    from allauth.mfa.models import Authenticator

    admin = make_user(is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=admin, type="totp", data={"secret": "x"})
    assert _client(admin).get(f"/organisations/{association.pk}/manage/").status_code == 200


def test_role_changes_ask_for_the_password_again(association, org_admin):
    membership = services.membership_add(person=make_person(), organisation=association)
    client = _client(org_admin)  # signed in, but not recently re-authenticated
    response = client.post(
        f"/organisations/{association.pk}/manage/",
        {"action": "role", "membership": membership.pk, "role": "admin"},
    )
    assert "/accounts/reauthenticate/" in response["Location"]
    membership.refresh_from_db()
    assert membership.role == "member"
