"""The trade portal's market data API (markets, trade statistics, market reports,
distribution, programme figures) under /api/v1/trade/."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["trade"])
