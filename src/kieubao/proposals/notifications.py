"""Emails about proposals, each in its recipient's language, sent after the transaction that
caused them commits: the proposer and the endorsers hear of every status change, answer and
outcome; the officials of a body hear when a proposal is assigned to it (and in the digest,
``kieubao proposals digest``); moderators hear of abuse reports. A failing mail server is
logged, never an error of the user's action."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from kieubao.core.mail import send_to_users


def link(name: str, *args) -> str:
    try:
        path = reverse(f"proposals:{name}", args=args)
    except NoReverseMatch:
        path = "/proposals/"
    return f"{settings.SITE_URL}{path}"


def _users_of_people(person_ids: Iterable[int]) -> list:
    return list(get_user_model().objects.filter(person__pk__in=list(person_ids), is_active=True))


def followers(proposal) -> list:
    """The proposer and the endorsers with an account."""
    ids = [proposal.author_id, *proposal.endorsements.values_list("person_id", flat=True)]
    return _users_of_people(ids)


def officials_of(body_id: int) -> list:
    return list(get_user_model().objects.filter(official__body_id=body_id, is_active=True))


def moderators() -> list:
    return list(get_user_model().objects.filter(is_superuser=True, is_active=True))


def send(users: Iterable, template: str, context: dict) -> int:
    return send_to_users(users, f"proposals/email/{template}", context)


def _later(function) -> None:
    transaction.on_commit(function)


def submitted(proposal) -> None:
    _later(
        lambda: send(
            followers(proposal),
            "submitted",
            {"proposal": proposal, "url": link("proposal", proposal.pk)},
        )
    )


def status_changed(proposal, was: str) -> None:
    entry = proposal.timeline.order_by("-id").first()
    _later(
        lambda: send(
            followers(proposal),
            "status_changed",
            {"proposal": proposal, "entry": entry, "url": link("proposal", proposal.pk)},
        )
    )


def answered(proposal, entry) -> None:
    _later(
        lambda: send(
            followers(proposal),
            "answered",
            {"proposal": proposal, "entry": entry, "url": link("proposal", proposal.pk)},
        )
    )


def outcome_linked(proposal, outcome) -> None:
    _later(
        lambda: send(
            followers(proposal),
            "outcome",
            {"proposal": proposal, "outcome": outcome, "url": link("proposal", proposal.pk)},
        )
    )


def assigned(proposal) -> None:
    _later(
        lambda: send(
            officials_of(proposal.assigned_body_id),
            "assigned",
            {"proposal": proposal, "url": link("proposal", proposal.pk)},
        )
    )


def abuse_reported(report) -> None:
    _later(
        lambda: send(
            moderators(),
            "abuse_reported",
            {"report": report, "url": link("proposal", report.proposal_id)},
        )
    )
