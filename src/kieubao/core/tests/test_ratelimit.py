import pytest
from django.test import Client

from kieubao.accounts.services import api_token_create
from kieubao.community.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch):
    # Fixed windows: keep every request of a test inside one window.
    monkeypatch.setattr("kieubao.core.ratelimit.time.time", lambda: 1_800_000_000.0)


def test_api_clients_over_their_limit_get_429_with_retry_after(settings):
    settings.API_RATE_LIMITS = {"token": "3/m", "user": "3/m", "anonymous": "2/m"}
    _, key = api_token_create(user=make_user())
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    statuses = [client.get("/api/v1/taxonomy/fields").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/taxonomy/fields")
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 61


def test_limits_are_counted_per_token(settings):
    settings.API_RATE_LIMITS = {"token": "1/m", "user": "1/m", "anonymous": "1/m"}
    _, first = api_token_create(user=make_user())
    _, second = api_token_create(user=make_user())
    assert Client(HTTP_AUTHORIZATION=f"Bearer {first}").get("/api/v1/people").status_code == 200
    assert Client(HTTP_AUTHORIZATION=f"Bearer {second}").get("/api/v1/people").status_code == 200
    assert Client(HTTP_AUTHORIZATION=f"Bearer {first}").get("/api/v1/people").status_code == 429


def test_anonymous_clients_are_limited_per_address(settings):
    settings.API_RATE_LIMITS = {"token": "9/m", "user": "9/m", "anonymous": "1/m"}
    assert Client(REMOTE_ADDR="198.51.100.1").get("/api/v1/people").status_code == 200
    assert Client(REMOTE_ADDR="198.51.100.1").get("/api/v1/people").status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.2").get("/api/v1/people").status_code == 200


def test_pages_are_not_limited_by_the_api_limit(settings):
    settings.API_RATE_LIMITS = {"token": "1/m", "user": "1/m", "anonymous": "1/m"}
    client = Client()
    assert [client.get("/").status_code for _ in range(3)] == [200, 200, 200]


def _login(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_after_five_failures_an_account_is_blocked_even_with_the_right_password(client):
    make_user("target@example.org")
    for i in range(5):
        assert _login(client, "target@example.org", f"wrong-{i}").status_code == 200
    response = _login(client, "target@example.org", PASSWORD)
    assert response.status_code == 200  # the form again, not a session
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_failed_logins_from_one_address_are_blocked_across_accounts():
    client = Client(REMOTE_ADDR="192.0.2.10")
    make_user("victim@example.org")
    for i in range(10):
        _login(client, f"user{i}@example.org", "wrong")
    response = _login(client, "victim@example.org", PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.11")
    assert _login(other, "victim@example.org", PASSWORD).status_code == 302
