"""Emails of the knowledge network, each in its recipient's language (console backend in
development). Sent after the transaction that caused them commits; a mail server that fails
is logged, never shown to the user as an error of their action."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send(user, template: str, context: dict) -> None:
    if user is None or not user.email or not user.is_active:
        return
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = render_to_string(f"knowledge/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"knowledge/email/{template}.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # the action is done; the mail is a courtesy
        logger.exception("could not send %s mail to user %s", template, user.pk)


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
