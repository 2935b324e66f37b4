from __future__ import annotations

from allauth.mfa.models import Authenticator

from .models import User


def user_requires_mfa(user: User) -> bool:
    return bool(user.is_superuser or user.is_staff or hasattr(user, "official"))


def user_has_mfa(user: User) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
