from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, User


@transaction.atomic
def api_token_create(*, user: User, name: str = "default") -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the clear-text key (shown once)."""
    key = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key))
    return token, key


def api_token_authenticate(key: str) -> User | None:
    if not key.startswith(ApiToken.PREFIX) or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute per token: the API is read-heavy.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
