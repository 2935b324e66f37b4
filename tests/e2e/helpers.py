"""Steps the journeys share: logging in through the real forms, TOTP codes, sessions."""

from __future__ import annotations

import time

from django.conf import settings
from django.test import Client

from kieubao.community.tests.factories import PASSWORD


def login(page, server: str, email: str, password: str = PASSWORD, totp_secret: str | None = None):
    """Log in through allauth's form and, for a user with an authenticator, its TOTP step."""
    page.goto(f"{server}/accounts/login/")
    form = page.locator('main form[action="/accounts/login/"]')
    form.locator('input[name="login"]').fill(email)
    form.locator('input[name="password"]').fill(password)
    form.locator('button[type="submit"]').click()
    if totp_secret is not None:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        code_input = page.locator('main input[name="code"]')
        code_input.fill(totp_code(totp_secret))
        code_input.press("Enter")
        page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)
    else:
        page.wait_for_url(lambda url: "/accounts/login/" not in url)


def force_login(page, server: str, user) -> None:
    """A signed-in session without going through the login form (journeys that are not
    about logging in). Not for officials: they must pass the second factor."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": server}]
    )


def enrol_totp(user) -> str:
    """Give ``user`` a TOTP authenticator, as allauth's set-up page would; returns the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app would show now. Waits out the last seconds of a period
    so that the code is still current when the server checks it (allauth's tolerance is 0)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 2:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


class HtmxRequests:
    """Watches a page's htmx requests, so a test can wait until they have all been answered
    (a debounced search sends its request some 300 ms after the last key)."""

    def __init__(self, page, quiet_ms: int = 500) -> None:
        self.page = page
        self.quiet = quiet_ms / 1000
        self.sent: list[str] = []
        self._pending = 0
        self._last = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    @staticmethod
    def _is_htmx(request) -> bool:
        return request.headers.get("hx-request") == "true"

    def _started(self, request) -> None:
        if self._is_htmx(request):
            self.sent.append(request.url)
            self._pending += 1
            self._last = time.monotonic()

    def _ended(self, request) -> None:
        if self._is_htmx(request):
            self._pending -= 1
            self._last = time.monotonic()

    def settle(self, timeout: float = 10) -> list[str]:
        """Wait until no htmx request is in flight and none started for a while; returns the
        URLs sent since the previous call."""
        start = self._last = max(self._last, time.monotonic())
        while self._pending or time.monotonic() - self._last < self.quiet:
            if time.monotonic() - start > timeout:
                raise AssertionError(f"htmx requests still in flight: {self.sent}")
            self.page.wait_for_timeout(50)  # lets Playwright deliver the events
        sent, self.sent = self.sent, []
        return sent
