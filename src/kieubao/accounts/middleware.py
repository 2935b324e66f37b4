from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import user_has_mfa, user_requires_mfa

# Paths an official without MFA may still reach: enrolling, leaving, static assets, health.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/.well-known/")


class RequireMFAMiddleware:
    """Officials and platform admins must enrol a second factor (TOTP or passkey) before they
    can use anything else. allauth.mfa then asks for it at every login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not request.path.startswith("/api/")
            and user_requires_mfa(user)
            and not user_has_mfa(user)
        ):
            messages.warning(
                request,
                _("Officials and administrators must set up two-factor authentication first."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
