"""Emails of the trade portal, each in its recipient's language (console backend in
development), sent after the transaction that caused them commits. A company's mail goes to
its admins (the registry's organisation admins with an account); fraud reports go to the
platform admins. A mail server that fails is logged, never an error of the user's action."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from kieubao.community.models import Membership, MembershipRole
from kieubao.core.mail import send_to_users


def _link(name: str, *args) -> str:
    try:
        path = reverse(f"trade:{name}", args=args)
    except NoReverseMatch:
        path = "/trade/"
    return f"{settings.SITE_URL}{path}"


def company_admins(company_id: int) -> list:
    return [
        m.person.user
        for m in Membership.objects.filter(
            organisation_id=company_id, role=MembershipRole.ADMIN, person__user__isnull=False
        ).select_related("person__user")
    ]


def platform_admins() -> list:
    return list(get_user_model().objects.filter(is_superuser=True, is_active=True))


def _send(users: Iterable, template: str, context: dict) -> None:
    send_to_users(users, f"trade/email/{template}", context)


def _later(function, *args) -> None:
    transaction.on_commit(lambda: function(*args))


def contact_requested(request) -> None:
    _later(
        lambda: _send(
            company_admins(request.to_company_id),
            "contact_requested",
            {"request": request, "url": _link("contacts")},
        )
    )


def contact_answered(request) -> None:
    _later(
        lambda: _send(
            [request.created_by], "contact_answered", {"request": request, "url": _link("contacts")}
        )
    )


def deal_proposed(deal) -> None:
    other = deal.distributor_id if deal.proposed_by_id == deal.exporter_id else deal.exporter_id
    _later(
        lambda: _send(
            company_admins(other), "deal_proposed", {"deal": deal, "url": _link("deal", deal.pk)}
        )
    )


def deal_confirmed(deal) -> None:
    _later(
        lambda: _send(
            company_admins(deal.exporter_id) + company_admins(deal.distributor_id),
            "deal_confirmed",
            {"deal": deal, "url": _link("deal", deal.pk)},
        )
    )


def review_received(review) -> None:
    _later(
        lambda: _send(
            company_admins(review.company_id),
            "review_received",
            {"review": review, "url": _link("company", review.company_id)},
        )
    )


def verification_changed(verification) -> None:
    _later(
        lambda: _send(
            company_admins(verification.company_id),
            "verification_changed",
            {"verification": verification, "url": _link("company", verification.company_id)},
        )
    )


def fraud_reported(report) -> None:
    _later(
        lambda: _send(
            platform_admins(), "fraud_reported", {"report": report, "url": _link("fraud-reports")}
        )
    )


def fraud_resolved(report) -> None:
    _later(lambda: _send([report.reporter], "fraud_resolved", {"report": report}))


def company_status_changed(company, reason: str) -> None:
    _later(
        lambda: _send(
            company_admins(company.pk),
            "company_status",
            {"company": company, "reason": reason, "url": _link("company", company.pk)},
        )
    )
