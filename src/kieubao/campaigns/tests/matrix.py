"""Campaigns's rows of the authorization matrix, and its part of the world (keys: see below)."""

from __future__ import annotations


def campaigns_world(world: dict) -> dict:
    return {}


CAMPAIGNS_ROWS: list = []
