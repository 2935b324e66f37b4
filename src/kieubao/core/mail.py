"""Emails to users, each in the recipient's own language (User.language), rendered from a
pair of templates ``<prefix>_subject.txt`` / ``<prefix>.txt``. A mail server that fails is
logged: the action that caused the mail is done, and the mail is a courtesy."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send_to_users(users: Iterable, template: str, context: dict) -> int:
    """Send ``template`` (e.g. "trade/email/deal_proposed") to each active user with an email
    address, once each; returns how many were sent."""
    seen: set[int] = set()
    for user in users:
        if user is None or user.pk in seen or not user.email or not user.is_active:
            continue
        seen.add(user.pk)
        language = getattr(user, "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}.txt", context)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # the action is done; the mail is a courtesy
            logger.exception("could not send %s mail to user %s", template, user.pk)
            seen.discard(user.pk)
    return len(seen)
