"""Bulk loading of expert profiles and their works (benchmark and demo data), the way
community.bulk loads people: validated-by-contract rows, multi-row INSERTs (COPY on
PostgreSQL), ids allocated here, one transaction. The caller rebuilds the experts index
afterwards (``expert_index().rebuild()``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from kieubao.community.bulk import _bulk_session, _chunks, _gc_paused, _insert

from .models import ExpertProfile, Work

_PROFILE_COLUMNS = (
    "id", "person_id", "position", "keywords", "summary", "availability", "engagement_kinds",
    "work_modes", "max_load", "updated_at",
)  # fmt: skip
_WORK_COLUMNS = ("id", "profile_id", "kind", "title", "year", "link")


@dataclass
class ProfileRow:
    person_id: int
    position: str = ""
    keywords: str = ""
    summary: str = ""
    availability: str = "available"
    engagement_kinds: list[str] = field(default_factory=list)
    work_modes: list[str] = field(default_factory=list)
    max_load: int = 2
    works: list[tuple[str, int | None]] = field(default_factory=list)  # (title, year)
    patents: list[tuple[str, int | None]] = field(default_factory=list)


def expert_profiles_bulk_insert(
    rows: Iterable[ProfileRow], *, batch_size: int = 20_000, progress=None
) -> int:
    """Insert expert profiles with their works, all or nothing. Returns the profile count."""
    profile_id = (ExpertProfile.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    work_id = (Work.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    total = 0
    encoded: dict[tuple, str] = {}

    def as_json(values: list[str]) -> str:
        key = tuple(values)
        if key not in encoded:
            encoded[key] = json.dumps(values)
        return encoded[key]

    with _bulk_session(), _gc_paused(), transaction.atomic():
        for chunk in _chunks(rows, batch_size):
            profiles, works = [], []
            for row in chunk:
                profiles.append((
                    profile_id, row.person_id, row.position, row.keywords, row.summary,
                    row.availability, as_json(row.engagement_kinds), as_json(row.work_modes),
                    row.max_load, now,
                ))  # fmt: skip
                for kind, items in (("publication", row.works), ("patent", row.patents)):
                    for title, year in items:
                        works.append((work_id, profile_id, kind, title, year, ""))
                        work_id += 1
                profile_id += 1
            with connection.cursor() as cursor:
                _insert(cursor, ExpertProfile._meta.db_table, _PROFILE_COLUMNS, profiles)
                _insert(cursor, Work._meta.db_table, _WORK_COLUMNS, works)
            total += len(chunk)
            if progress:
                progress(total)
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [ExpertProfile, Work]):
                cursor.execute(sql)
    return total
