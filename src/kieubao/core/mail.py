"""Emails to users, each in the recipient's own language (User.language), rendered from a
pair of templates ``<prefix>_subject.txt`` / ``<prefix>.txt``. A mail server that fails is
logged: the action that caused the mail is done, and the mail is a courtesy."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


Attachment = tuple[str, bytes | str, str]  # file name, content, MIME type


def send_to_address(
    address: str,
    language: str,
    template: str,
    context: dict,
    attachments: Iterable[Attachment] = (),
) -> bool:
    """Send ``template`` to one address (someone without an account, e.g. a delegation's guest
    or an invitee) in ``language``; returns whether it went."""
    if not address:
        return False
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(subject, body, None, [address])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    try:
        message.send()
    except Exception:  # the action is done; the mail is a courtesy
        logger.exception("could not send %s mail", template)
        return False
    return True


def send_to_users(
    users: Iterable, template: str, context: dict, attachments: Iterable[Attachment] = ()
) -> int:
    """Send ``template`` (e.g. "trade/email/deal_proposed") to each active user with an email
    address, once each; returns how many were sent."""
    attachments = list(attachments)
    seen: set[int] = set()
    for user in users:
        if user is None or user.pk in seen or not user.email or not user.is_active:
            continue
        seen.add(user.pk)
        language = getattr(user, "language", "") or settings.LANGUAGE_CODE
        if not send_to_address(user.email, language, template, context, attachments):
            seen.discard(user.pk)
    return len(seen)
