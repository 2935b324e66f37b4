"""Authentication events into the audit log."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import record
from .models import AuditAction


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    record(AuditAction.LOGIN, actor_id=user.pk, target_type="user", target_id=user.pk)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(AuditAction.LOGOUT, actor_id=user.pk, target_type="user", target_id=user.pk)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # The attempted account, if it exists, by id only; the typed identifier is not stored.
    login = credentials.get("email") or credentials.get("username") or ""
    user_id = (
        get_user_model().objects.filter(email__iexact=login).values_list("pk", flat=True).first()
        if login
        else None
    )
    record(
        AuditAction.LOGIN_FAILED,
        actor_id=None,
        target_type="user" if user_id else "",
        target_id=user_id,
    )
