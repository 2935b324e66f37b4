"""The trade portal's API: catalogue, leads, matches and market data under /api/v1/trade/."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["trade"])
