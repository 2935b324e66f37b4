import csv
import io
import json
import os
import time
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kieubao.accounts.models import ApiToken, User
from kieubao.accounts.services import api_token_create
from kieubao.community import services
from kieubao.community.models import (
    ConsentRecord,
    Membership,
    Person,
    StatisticalRemnant,
    Visibility,
)
from kieubao.community.privacy import account_erase
from kieubao.community.selectors import people_search, viewer_for_user
from kieubao.community.tests.factories import make_person, make_user, reauthenticated_client
from kieubao.core.csvsafe import safe_cell
from kieubao.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _logged_in(user) -> Client:
    return reauthenticated_client(user)


@pytest.fixture
def owner():
    user = make_user("chu.so.huu@example.org")
    person = make_person(
        user=user,
        full_name="Chủ Sở Hữu",
        city='=HYPERLINK("http://evil")',
        phone="+84 90",
        hometown_province=31,
        fields=("ai",),
    )
    services.consent_set(person=person, purpose="statistics", granted=True)
    org = services.organisation_create(name="Hội X", kind="association", country="DE")
    services.membership_add(person=person, organisation=org)
    return user


def test_download_all_my_data_as_json(owner):
    response = _logged_in(owner).get("/me/data/export.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "chu.so.huu@example.org"
    assert data["profile"]["full_name"] == "Chủ Sở Hữu"
    assert data["profile"]["phone"] == "+84 90"  # private fields too: it is the person's own
    assert data["profile"]["fields"] == ["ai"]
    assert {c["purpose"] for c in data["consents"]} == {"directory", "statistics"}
    assert data["memberships"][0]["organisation"] == "Hội X"
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor_id=owner.pk).exists()


def test_download_as_csv_escapes_formula_triggers(owner):
    response = _logged_in(owner).get("/me/data/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    city = next(r for r in rows if r[:2] == ["profile", "city"])
    assert city[2].startswith("'=")
    phone = next(r for r in rows if r[:2] == ["profile", "phone"])
    assert phone[2] == "'+84 90"


def test_exports_require_recent_authentication(owner):
    client = Client()
    client.force_login(owner)  # a session without a recorded recent login
    response = client.get("/me/data/export.json")
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("\nx", "'\nx"), ("a\x00b", "ab"), ("Hà Nội", "Hà Nội"),
     (-3, "-3"), (None, ""), (True, "true"), (["a", "=b"], "a; =b")],
)  # fmt: skip
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_erasure_removes_personal_data_everywhere(owner, index_now):
    person = Person.objects.get(user=owner)
    api_token_create(user=owner)
    member = viewer_for_user(make_user())
    with index_now():
        services.person_update(person=person, vis_profile=Visibility.MEMBERS)
    assert people_search(member, text="chu so huu").total == 1
    person_id = person.pk
    with index_now():
        account_erase(user=owner)
    assert not User.objects.filter(pk=owner.pk).exists()
    assert not Person.objects.filter(pk=person_id).exists()
    assert not ConsentRecord.objects.filter(person_id=person_id).exists()
    assert not Membership.objects.filter(person_id=person_id).exists()
    assert not EmailAddress.objects.filter(user_id=owner.pk).exists()
    assert not ApiToken.objects.filter(user_id=owner.pk).exists()
    assert people_search(member, text="chu so huu").total == 0
    # The audit log keeps that it happened, with ids only.
    entry = AuditEntry.objects.get(action=AuditAction.ERASURE)
    assert entry.target_id == person_id
    assert "Chủ" not in json.dumps(entry.detail)


def test_erasure_keeps_an_anonymous_count_only_with_statistics_consent():
    counted = make_person(user=make_user(), country="JP", hometown_province=31, qualification="phd")
    services.consent_set(person=counted, purpose="statistics", granted=True)
    not_counted = make_person(user=make_user(), country="JP", hometown_province=31)
    account_erase(user=counted.user)
    account_erase(user=not_counted.user)
    remnant = StatisticalRemnant.objects.get()
    assert (remnant.country, remnant.hometown_province, remnant.qualification) == ("JP", 31, "phd")
    assert remnant.count == 1


def test_deleting_my_account_through_the_page(owner):
    client = _logged_in(owner)
    page = client.post("/me/delete/", {"confirm": "someone.else@example.org"})
    assert page.status_code == 200 and "Type your email address exactly" in page.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()
    response = client.post("/me/delete/", {"confirm": "Chu.So.Huu@example.org"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    # The session is gone too.
    assert client.get("/me/profile/").status_code == 302


def test_other_sessions_of_an_erased_account_end(owner, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    elsewhere = Client()
    elsewhere.force_login(owner)
    account_erase(user=owner)
    cache.clear()
    assert elsewhere.get("/me/profile/").status_code == 302


def test_purge_applies_retention(settings, tmp_path):
    settings.IMPORT_DIR = tmp_path / "imports"
    settings.IMPORT_DIR.mkdir()
    stale = make_user("stale@example.org", verified=False)
    fresh = make_user("fresh@example.org", verified=False)
    verified_old = make_user("kept@example.org", verified=True)
    User.objects.filter(pk__in=[stale.pk, verified_old.pk]).update(
        date_joined=timezone.now() - timedelta(days=30)
    )
    old_file = settings.IMPORT_DIR / "survey-2025.xlsx"
    old_file.write_bytes(b"x")
    old = time.time() - 90 * 86400
    os.utime(old_file, (old, old))
    new_file = settings.IMPORT_DIR / "survey-2026.xlsx"
    new_file.write_bytes(b"x")
    out = io.StringIO()
    call_command("purge", stdout=out)
    assert "Erased 1 unverified account(s); deleted 1 import file(s)." in out.getvalue()
    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk__in=[fresh.pk, verified_old.pk]).count() == 2
    assert not old_file.exists() and new_file.exists()
