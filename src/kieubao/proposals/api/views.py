"""The proposals API under /api/v1/proposals/: proposals, endorsements, comments, timeline,
the workflow, outcomes and the dashboard's figures."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["proposals"])
