"""The agencies' digest (``kieubao proposals digest [--dry-run]``, meant for a daily cron).

For each body with open proposals, one email to each of its officials, in the official's
language, listing the proposals waiting for the body (selectors.agency_queue), the overdue ones
(no answer within OVERDUE_DAYS of the assignment) flagged. A proposal that became overdue since
the last digest is flagged as newly overdue once: its ``overdue_notified_at`` is stamped when
the digest goes out (not on a dry run, and not when the body has no official to tell).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from kieubao.community.models import Organisation

from . import notifications, selectors
from .models import FINAL, Proposal


@dataclass
class BodyDigest:
    body: Organisation
    waiting: list[Proposal]
    recipients: list = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for p in self.waiting if p.is_overdue)

    @property
    def newly_overdue(self) -> int:
        return sum(1 for p in self.waiting if p.newly_overdue)


@dataclass
class DigestReport:
    bodies: list[BodyDigest] = field(default_factory=list)
    dry_run: bool = False

    @property
    def emails(self) -> int:
        return sum(len(b.recipients) for b in self.bodies)

    @property
    def waiting(self) -> int:
        return sum(len(b.waiting) for b in self.bodies)

    @property
    def overdue(self) -> int:
        return sum(b.overdue for b in self.bodies)

    @property
    def newly_overdue(self) -> int:
        return sum(b.newly_overdue for b in self.bodies)

    @property
    def without_officials(self) -> list[BodyDigest]:
        return [b for b in self.bodies if not b.recipients]


def _recipients(body_id: int) -> list:
    return [u for u in notifications.officials_of(body_id) if u.email and u.is_active]


def digests(now=None) -> list[BodyDigest]:
    """What each body's officials would be sent now (nothing is sent or stamped)."""
    now = now or timezone.now()
    open_ = Proposal.objects.filter(hidden=False, assigned_body__isnull=False).exclude(
        status__in=FINAL
    )
    bodies = Organisation.objects.filter(pk__in=open_.values("assigned_body")).order_by("pk")
    result = []
    for body in bodies:
        waiting = selectors.agency_queue(body.pk)
        if not waiting:
            continue
        for proposal in waiting:
            proposal.is_overdue = proposal.overdue
            proposal.newly_overdue = proposal.overdue and proposal.overdue_notified_at is None
            since = proposal.assigned_at or proposal.created_at
            proposal.days_waiting = max(0, (now - since).days)
            proposal.url = notifications.link("proposal", proposal.pk)
        result.append(BodyDigest(body=body, waiting=waiting, recipients=_recipients(body.pk)))
    return result


def send_digest(*, dry_run: bool = False, now=None) -> DigestReport:
    now = now or timezone.now()
    report = DigestReport(bodies=digests(now), dry_run=dry_run)
    if dry_run:
        return report
    for item in report.bodies:
        if not item.recipients:
            continue
        notifications.send(
            item.recipients,
            "digest",
            {
                "body": item.body,
                "waiting": item.waiting,
                "overdue": item.overdue,
                "newly_overdue": item.newly_overdue,
                "agency_url": notifications.link("agency"),
            },
        )
        newly = [p.pk for p in item.waiting if p.newly_overdue]
        if newly:
            Proposal.objects.filter(pk__in=newly).update(overdue_notified_at=now)
    return report
