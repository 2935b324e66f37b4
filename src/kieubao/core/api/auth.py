"""API authentication: a bearer token (API clients), the browser session (htmx, docs page),
or — only on endpoints that allow it — nobody."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as _NinjaSessionAuth

from kieubao.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = "A token from `kieubao api-token EMAIL`: `Authorization: Bearer kb_…`"

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(_NinjaSessionAuth):
    """The browser session, CSRF-checked on writes. Only a request that carries a session
    cookie can be a cross-site forgery or be authenticated by the session: one without (nobody,
    or an API client whose token failed) is unauthenticated — 401, not a CSRF refusal (403)."""

    def _get_key(self, request: HttpRequest):
        if not request.COOKIES.get(self.param_name):
            return None
        return super()._get_key(request)


class _Anonymous:
    """Truthy marker: the endpoint may be used without credentials."""

    def __call__(self, request: HttpRequest):
        # A request that presents credentials which failed is refused, not downgraded.
        if request.headers.get("Authorization"):
            return None
        return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth(csrf=True)
REQUIRED = [token_auth, session_auth]
OPTIONAL = [token_auth, session_auth, _Anonymous()]


def request_user(request: HttpRequest):
    auth = getattr(request, "auth", None)
    return auth if getattr(auth, "is_authenticated", False) else None
