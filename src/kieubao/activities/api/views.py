"""The activities API under /api/v1/."""

from ninja import Router

router = Router(tags=["activities"])
