"""The events API under /api/v1/events/ (the API helper fills this in)."""

from ninja import Router

router = Router(tags=["events"])
