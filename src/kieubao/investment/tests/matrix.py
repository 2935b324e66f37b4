"""Investment's rows of the authorization matrix, and its part of the world (keys: see below)."""

from __future__ import annotations


def investment_world(world: dict) -> dict:
    return {}


INVESTMENT_ROWS: list = []
