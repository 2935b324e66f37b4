"""Emails of the knowledge network, each in its recipient's language (console backend in
development). Sent after the transaction that caused them commits; a mail server that fails
is logged, never shown to the user as an error of their action."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from kieubao.core.mail import send_to_users


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send(user, template: str, context: dict) -> None:
    send_to_users([user], f"knowledge/email/{template}", context)


def invited(invitation) -> None:
    """To the expert: a body invites you to a need."""
    _send(
        invitation.expert.user,
        "invited",
        {
            "invitation": invitation,
            "need": invitation.need,
            "url": _site_url(reverse("knowledge:invitation", args=[invitation.pk])),
        },
    )


def answered(invitation) -> None:
    """To whoever invited: the expert accepted or declined."""
    _send(
        invitation.invited_by,
        "answered",
        {
            "invitation": invitation,
            "need": invitation.need,
            "url": _site_url(reverse("knowledge:need", args=[invitation.need_id])),
        },
    )


def withdrawn(invitation) -> None:
    """To the expert: the invitation was withdrawn (or the need closed)."""
    _send(
        invitation.expert.user,
        "withdrawn",
        {"invitation": invitation, "need": invitation.need},
    )
