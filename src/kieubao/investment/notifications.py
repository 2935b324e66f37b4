"""Emails about investment, each in its recipient's language, sent after the transaction that
caused them commits: the publishing body's officials when an interest arrives, the investor
when their interest moves in the pipeline. A failing mail server is logged, never an error of
the user's action."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from kieubao.core.mail import send_to_users


def _later(function) -> None:
    transaction.on_commit(function)


def link(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(f'investment:{name}', args=args)}"


def _officials_of(body_id: int) -> list:
    return list(get_user_model().objects.filter(official__body_id=body_id, is_active=True))


def interest_received(interest) -> None:
    def send() -> None:
        opportunity = interest.opportunity
        send_to_users(
            _officials_of(opportunity.body_id),
            "investment/email/interest_received",
            {
                "interest": interest,
                "opportunity": opportunity,
                "url": link("pipeline", opportunity.pk),
            },
        )

    _later(send)


def pipeline_moved(interest, step) -> None:
    def send() -> None:
        user = interest.person.user
        if user is None:
            return
        send_to_users(
            [user],
            "investment/email/pipeline_moved",
            {
                "interest": interest,
                "opportunity": interest.opportunity,
                "step": step,
                "url": link("mine"),
            },
        )

    _later(send)
