"""Activities's rows of the authorization matrix, and its part of the world (keys: see below)."""

from __future__ import annotations


def activities_world(world: dict) -> dict:
    return {}


ACTIVITIES_ROWS: list = []
