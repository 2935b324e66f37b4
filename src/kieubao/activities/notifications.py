"""Emails about activity reports, each in its recipient's language, sent after the transaction
that caused them commits: the officials of the mission of the report's country hear when a
report is submitted; the reporter (whoever wrote it, and the organisation's admins or the
mission's officials) hears when it is approved or returned. A failing mail server is logged,
never an error of the user's action."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from kieubao.community.models import MembershipRole, OrganisationKind
from kieubao.core.mail import send_to_users


def link(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(f'activities:{name}', args=args)}"


def mission_officials(country: str) -> list:
    return list(
        get_user_model().objects.filter(
            official__body__kind=OrganisationKind.MISSION,
            official__body__country=country,
            is_active=True,
        )
    )


def reporters(report) -> list:
    """Who writes for the reporting organisation: its admins, or the mission's officials."""
    users = get_user_model().objects.filter(is_active=True)
    if report.reporter.kind == OrganisationKind.MISSION:
        found = list(users.filter(official__body_id=report.reporter_id))
    else:
        found = list(
            users.filter(
                person__memberships__organisation_id=report.reporter_id,
                person__memberships__role=MembershipRole.ADMIN,
            )
        )
    if report.created_by_id and report.created_by_id not in {u.pk for u in found}:
        found += list(users.filter(pk=report.created_by_id))
    return found


def _later(function) -> None:
    transaction.on_commit(function)


def submitted(report) -> None:
    country = str(report.country)
    _later(
        lambda: send_to_users(
            mission_officials(country),
            "activities/email/submitted",
            {"report": report, "url": link("report", report.pk), "queue": link("queue")},
        )
    )


def decided(report) -> None:
    _later(
        lambda: send_to_users(
            reporters(report),
            "activities/email/decided",
            {"report": report, "url": link("report", report.pk)},
        )
    )
