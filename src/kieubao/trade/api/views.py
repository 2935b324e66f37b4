"""The trade portal's API: catalogue, leads, matches under /api/v1/trade/ (market data in
markets.py, mounted on the same prefix)."""

from __future__ import annotations

from ninja import Router

from .markets import router as markets_router

router = Router(tags=["trade"])
router.add_router("/", markets_router)
