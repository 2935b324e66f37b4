"""Emails about campaigns and funds, each in its recipient's language, sent after the
transaction that caused them commits: the pledger when their pledge is recorded and when it is
fulfilled; the applicant (and the business's admins) when an application is decided. A failing
mail server is logged, never an error of the user's action."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from kieubao.community.models import MembershipRole
from kieubao.core.mail import send_to_users


def link(name: str, *args) -> str:
    try:
        path = reverse(f"campaigns:{name}", args=args)
    except NoReverseMatch:
        path = "/campaigns/"
    return f"{settings.SITE_URL}{path}"


def _pledger(pledge) -> list:
    if pledge.person_id is None:
        return []
    return list(get_user_model().objects.filter(person__pk=pledge.person_id, is_active=True))


def _pledge_mail(pledge, template: str) -> None:
    def send() -> None:
        context = {
            "pledge": pledge,
            "campaign": pledge.campaign,
            "amount_vnd": f"{pledge.amount_vnd:,}".replace(",", "."),
            "link": link("campaign", pledge.campaign_id),
        }
        send_to_users(_pledger(pledge), f"campaigns/email/{template}", context)

    transaction.on_commit(send)


def pledge_recorded(pledge) -> None:
    _pledge_mail(pledge, "pledge_recorded")


def pledge_fulfilled(pledge) -> None:
    _pledge_mail(pledge, "pledge_fulfilled")


def application_decided(application) -> None:
    def send() -> None:
        users = get_user_model().objects.filter(
            is_active=True,
            person__memberships__organisation_id=application.business_id,
            person__memberships__role=MembershipRole.ADMIN,
        )
        recipients = [application.applicant, *users] if application.applicant else list(users)
        context = {
            "application": application,
            "fund": application.fund,
            "business": application.business,
            "approved": application.status == "approved",
            "link": link("application", application.pk),
        }
        send_to_users(recipients, "campaigns/email/application_decided", context)

    transaction.on_commit(send)
