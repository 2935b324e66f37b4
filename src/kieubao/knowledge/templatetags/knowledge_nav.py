"""The knowledge network's part of the site navigation."""

from __future__ import annotations

from django import template

from kieubao.community.rules import Viewer

from .. import selectors

register = template.Library()


@register.simple_tag
def pending_invitations(viewer: Viewer | None) -> int:
    """Invitations waiting for this viewer's answer (0, without a query, for anyone who has no
    person in the registry)."""
    if getattr(viewer, "person_id", None) is None:  # also a template rendered without a request
        return 0
    return selectors.pending_invitation_count(viewer)
