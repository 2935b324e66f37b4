"""Who may do what with activity reports (deny by default).

- Reporters: the admins of a community organisation (an association, an innovation network, a
  professional body) report for it; the officials of a diplomatic mission report for their
  mission. Only the reporter writes a report, edits it while it is a draft or returned, and
  submits it.
- Approvers: the officials of the mission whose country is the report's country (a mission
  approves the reports of ITS country, never another's); the ministry (national scope) and
  platform admins approve any. They approve a submitted report or return it with a reason.
  Only the one who approved a report may reopen it (platform admins too).
- Approved reports are public. Drafts, submitted and returned ones are seen by the reporter,
  the approvers of their country, the ministry and platform admins.
- Breakthrough initiatives are marked by the ministry and platform admins, on approved reports.
"""

from __future__ import annotations

from kieubao.community.models import OrganisationKind
from kieubao.community.rules import Viewer

from .models import EDITABLE, ActivityReport, Status

# Community organisations whose admins report their activities (homeland bodies other than
# missions, and businesses or universities, do not).
REPORTING_KINDS = (
    OrganisationKind.ASSOCIATION,
    OrganisationKind.INNOVATION_NETWORK,
    OrganisationKind.PROFESSIONAL,
)


def is_mission_official(viewer: Viewer) -> bool:
    return viewer.scope is not None and bool(viewer.scope.country)


def is_national(viewer: Viewer) -> bool:
    return viewer.is_admin or (viewer.scope is not None and viewer.scope.national)


def can_report(viewer: Viewer) -> bool:
    """Has an organisation to report for (the form offers only the right ones)."""
    return is_mission_official(viewer) or bool(viewer.admin_of)


def can_report_for(viewer: Viewer, organisation_id: int, kind: str) -> bool:
    if kind == OrganisationKind.MISSION:
        return is_mission_official(viewer) and viewer.scope.body_id == organisation_id
    return kind in REPORTING_KINDS and organisation_id in viewer.admin_of


def is_reporter(viewer: Viewer, report: ActivityReport) -> bool:
    if report.reporter_id in viewer.admin_of:
        return True
    return is_mission_official(viewer) and viewer.scope.body_id == report.reporter_id


def is_approver(viewer: Viewer, report: ActivityReport) -> bool:
    if is_national(viewer):
        return True
    return is_mission_official(viewer) and viewer.scope.country == str(report.country)


def can_view(viewer: Viewer, report: ActivityReport) -> bool:
    if report.status == Status.APPROVED:
        return True
    return is_reporter(viewer, report) or is_approver(viewer, report)


def can_edit(viewer: Viewer, report: ActivityReport) -> bool:
    return report.status in EDITABLE and is_reporter(viewer, report)


def can_submit(viewer: Viewer, report: ActivityReport) -> bool:
    return can_edit(viewer, report)


def can_decide(viewer: Viewer, report: ActivityReport) -> bool:
    """Approve or return (the service checks that the report is submitted)."""
    return is_approver(viewer, report)


def can_reopen(viewer: Viewer, report: ActivityReport) -> bool:
    if report.status != Status.APPROVED:
        return False
    return viewer.is_admin or (
        viewer.user_id is not None and report.decided_by_id == viewer.user_id
    )


def can_mark_breakthrough(viewer: Viewer) -> bool:
    return is_national(viewer)


def can_see_queue(viewer: Viewer) -> bool:
    return is_mission_official(viewer) or is_national(viewer)
