import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.test import Client

from kieubao.community.tests.factories import make_official, make_user

pytestmark = pytest.mark.django_db


def test_production_hashes_passwords_with_argon2():
    # Tests use a fast hasher; production settings must put Argon2 first.
    assert settings.PRODUCTION_PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert get_hasher("argon2").algorithm == "argon2"


def test_official_without_mfa_is_sent_to_set_up_totp():
    client = Client()
    client.force_login(make_official("Hải Phòng"))
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # The set-up page itself is reachable (allauth may first ask to re-enter the password,
    # since force_login records no recent authentication).
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200 or setup["Location"].startswith("/accounts/reauthenticate/")


def test_official_with_totp_may_use_the_site():
    official = make_official("Hải Phòng")
    Authenticator.objects.create(user=official, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = Client()
    client.force_login(official)
    assert client.get("/people/").status_code == 200


def test_platform_admins_need_mfa_too():
    client = Client()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert client.get("/").status_code == 302


def test_members_do_not_need_mfa():
    client = Client()
    client.force_login(make_user())
    assert client.get("/people/").status_code == 200


def test_login_requires_a_verified_email(client):
    make_user("new@example.org", verified=False)
    response = client.post(
        "/accounts/login/", {"login": "new@example.org", "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]


def test_signup_sends_a_verification_email(client, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "kieubao.new@example.org",
            "password1": "Tr4ng-An-2026!",
            "password2": "Tr4ng-An-2026!",
        },
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "kieubao.new@example.org" in mailoutbox[0].to
