"""Who may do what with proposals (deny by default).

- Proposals are public (the title, the text, the timeline, the outcomes), except hidden ones,
  which only their author and the moderators see. The proposer's name is public unless they
  chose to be anonymous; the assigned body's officials and platform admins always see it.
- Members with a registry profile submit, endorse (once, not their own), comment and report
  abuse.
- Platform admins screen, assign to a body, merge, and moderate (hide a proposal or a
  comment with a reason; resolve abuse reports).
- Only officials of the assigned body move a proposal along its workflow, answer publicly and
  link outcomes (platform admins may too, acting for the platform).
"""

from __future__ import annotations

from kieubao.community.rules import Viewer

from .models import FINAL, Proposal, Status


def can_submit(viewer: Viewer) -> bool:
    return viewer.person_id is not None


def can_view(viewer: Viewer, proposal: Proposal) -> bool:
    if not proposal.hidden:
        return True
    return is_moderator(viewer) or is_author(viewer, proposal)


def is_author(viewer: Viewer, proposal: Proposal) -> bool:
    return viewer.person_id is not None and proposal.author_id == viewer.person_id


def is_moderator(viewer: Viewer) -> bool:
    return viewer.is_admin


def is_assigned_official(viewer: Viewer, proposal: Proposal) -> bool:
    return (
        viewer.scope is not None
        and proposal.assigned_body_id is not None
        and viewer.scope.body_id == proposal.assigned_body_id
    )


def can_see_author(viewer: Viewer, proposal: Proposal) -> bool:
    """Whether this viewer is shown who proposed it."""
    if not proposal.anonymous:
        return True
    return (
        is_author(viewer, proposal)
        or is_moderator(viewer)
        or is_assigned_official(viewer, proposal)
    )


def can_screen(viewer: Viewer) -> bool:
    """Screening, assignment to a body and merging are the platform's."""
    return viewer.is_admin


def can_handle(viewer: Viewer, proposal: Proposal) -> bool:
    """Move along the workflow, answer publicly, link outcomes."""
    return is_assigned_official(viewer, proposal) or viewer.is_admin


def can_endorse(viewer: Viewer, proposal: Proposal) -> bool:
    return (
        viewer.person_id is not None
        and not is_author(viewer, proposal)
        and not proposal.hidden
        and proposal.status not in FINAL
    )


def can_comment(viewer: Viewer, proposal: Proposal) -> bool:
    return viewer.person_id is not None and not proposal.hidden and proposal.status != Status.MERGED


def can_report_abuse(viewer: Viewer) -> bool:
    return viewer.is_authenticated
