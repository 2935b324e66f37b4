import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from kieubao.community.models import Visibility
from kieubao.community.tests.factories import PASSWORD, make_official, make_person, make_user
from kieubao.core import audit
from kieubao.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _client(user, *, mfa=False) -> Client:
    if mfa:
        Authenticator.objects.create(user=user, type="totp", data={"secret": "x"})
    client = Client()
    client.force_login(user)
    return client


def test_the_application_cannot_change_or_delete_entries():
    entry = audit.record(AuditAction.EXPORT, actor_id=None)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(action="login")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    "sql", ["UPDATE core_auditentry SET action = 'x'", "DELETE FROM core_auditentry"]
)
def test_the_database_refuses_changes_even_in_raw_sql(sql):
    audit.record(AuditAction.EXPORT, actor_id=None)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 1


def test_flush_by_an_operator_still_empties_the_database():
    audit.record(AuditAction.EXPORT, actor_id=None)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    # ...and the log is closed again afterwards.
    audit.record(AuditAction.EXPORT, actor_id=None)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")


def test_official_reads_of_non_public_fields_are_logged_with_the_body():
    person = make_person(
        user=make_user(), hometown_province=31, birth_year=1980, vis_personal=Visibility.OFFICIALS
    )
    official = make_official("Hải Phòng")
    response = _client(official, mfa=True).get(
        f"/people/{person.pk}/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox"
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.PERSON_READ)
    assert entry.actor_id == official.pk
    assert entry.actor_body_id == official.official.body_id
    assert entry.target_id == person.pk
    assert "personal" in entry.detail["groups"]
    assert entry.ip == "203.0.113.7" and entry.user_agent == "Firefox"
    assert "1980" not in str(entry.detail)  # ids and group names, never values


def test_members_reading_profiles_are_not_logged_as_official_reads():
    person = make_person()
    _client(make_user()).get(f"/people/{person.pk}/")
    assert not AuditEntry.objects.filter(action=AuditAction.PERSON_READ).exists()


def test_officials_reads_through_search_are_logged_too(index_now):
    with index_now():
        make_person(full_name="Lưu Văn Tìm", hometown_province=31)
    _client(make_official("Hải Phòng"), mfa=True).get("/people/", {"q": "luu van tim"})
    assert AuditEntry.objects.filter(action=AuditAction.PERSON_READ).count() == 1


def test_refused_access_is_logged():
    person = make_person(listed=False)
    user = make_user()
    assert _client(user).get(f"/people/{person.pk}/").status_code == 404
    entry = AuditEntry.objects.get(action=AuditAction.ACCESS_REFUSED)
    assert (entry.actor_id, entry.target_id) == (user.pk, person.pk)


def test_logins_and_failures_are_logged_without_the_typed_identifier(client):
    user = make_user("audit.me@example.org")
    client.post("/accounts/login/", {"login": "audit.me@example.org", "password": "wrong"})
    client.post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong"})
    client.post("/accounts/login/", {"login": "audit.me@example.org", "password": PASSWORD})
    failures = list(AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).order_by("id"))
    assert [f.target_id for f in failures] == [user.pk, None]
    assert "nobody@example.org" not in str([f.detail for f in failures])
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN, actor_id=user.pk).exists()


def test_role_and_consent_changes_are_logged():
    official = make_official("Đà Nẵng")
    assert AuditEntry.objects.filter(action=AuditAction.ROLE_CHANGE, target_id=official.pk).exists()
    person = make_person(listed=True)
    entry = AuditEntry.objects.get(action=AuditAction.CONSENT_CHANGE, target_id=person.pk)
    assert entry.detail["purpose"] == "directory" and entry.detail["granted"] is True


def test_a_person_sees_who_looked_at_their_data():
    owner = make_user()
    person = make_person(user=owner, hometown_province=31, vis_location=Visibility.OFFICIALS)
    _client(make_official("Hải Phòng"), mfa=True).get(f"/people/{person.pk}/")
    html = _client(owner).get("/me/access-log/").content.decode()
    assert "An official of UBND Thành phố Hải Phòng" in html
    assert "City, hometown province and residency status" in html


def test_admins_reading_a_person_in_the_admin_site_are_audited():
    admin = make_user(is_staff=True, is_superuser=True)
    person = make_person()
    response = _client(admin, mfa=True).get(f"/admin/community/person/{person.pk}/change/")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.PERSON_READ, target_id=person.pk)
    assert entry.actor_id == admin.pk and entry.actor_body_id is None
