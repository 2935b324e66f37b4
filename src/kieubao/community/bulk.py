"""Bulk loading of people: plain multi-row INSERTs in large transactions, for demo data, the
benchmark and (later) survey imports. Rows must already be valid; the services validate
one-by-one writes, this path trusts its caller.

It works on SQLite and PostgreSQL alike: ids are allocated here (so that link rows can be
written without reading ids back) and the PostgreSQL sequence is moved past them afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from kieubao.core.text import fold, normalize

from .models import DEFAULT_VISIBILITY, ConsentRecord, Membership, Person

_PERSON_COLUMNS = (
    "id", "user_id", "source", "external_id", "full_name", "full_name_folded", "other_names",
    "country", "qualification", "city", "hometown_province", "residency_status", "employer",
    "languages", "bio", "birth_year", "sex", "email", "phone", "website",
    "vis_profile", "vis_location", "vis_work", "vis_personal", "vis_contact",
    "consent_directory", "consent_contact", "consent_statistics", "created_at", "updated_at",
)  # fmt: skip


@dataclass
class PersonRow:
    full_name: str
    country: str = ""
    qualification: str = "other"
    city: str = ""
    hometown_province: int | None = None
    residency_status: str = ""
    employer: str = ""
    languages: list[str] = field(default_factory=list)
    bio: str = ""
    birth_year: int | None = None
    sex: str = ""
    email: str = ""
    phone: str = ""
    other_names: str = ""
    field_ids: list[int] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)
    consents: tuple[str, ...] = ("directory", "statistics")
    visibility: dict[str, int] = field(default_factory=dict)
    source: str = "demo"
    external_id: str | None = None


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _insert(cursor, table: str, columns: tuple[str, ...], values: list[tuple]) -> None:
    if not values:
        return
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        # COPY is PostgreSQL's bulk path: several times faster than INSERTs.
        with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    # One prepared statement run for every row: SQLite's fastest path.
    # Table and column names come from model metadata, never from input.
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"  # noqa: S608
    cursor.executemany(sql, values)


def people_bulk_insert(
    rows: Iterable[PersonRow], *, batch_size: int = 20_000, progress=None
) -> int:
    """Insert people with their fields, memberships and consent records. Returns the count."""
    next_id = (Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    version = settings.CONSENT_TEXT_VERSION
    through = Person.fields.through
    membership_id = (Membership.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    consent_id = (ConsentRecord.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    total = 0
    for chunk in _chunks(rows, batch_size):
        people, links, memberships, consents = [], [], [], []
        for row in chunk:
            pid = next_id
            next_id += 1
            name = normalize(row.full_name)
            vis = DEFAULT_VISIBILITY | row.visibility
            people.append((
                pid, None, row.source, row.external_id, name, fold(name), row.other_names,
                row.country, row.qualification, row.city, row.hometown_province,
                row.residency_status, row.employer, json.dumps(row.languages), row.bio,
                row.birth_year, row.sex, row.email, row.phone, "",
                vis["profile"], vis["location"], vis["work"], vis["personal"], vis["contact"],
                "directory" in row.consents, "contact" in row.consents,
                "statistics" in row.consents, now, now,
            ))  # fmt: skip
            links.extend((pid, fid) for fid in row.field_ids)
            for oid in row.organisation_ids:
                memberships.append((membership_id, pid, oid, "member", ""))
                membership_id += 1
            for purpose in row.consents:
                consents.append((consent_id, pid, purpose, True, version, now))
                consent_id += 1
        with transaction.atomic(), connection.cursor() as cursor:
            _insert(cursor, Person._meta.db_table, _PERSON_COLUMNS, people)
            _insert(cursor, through._meta.db_table, ("person_id", "expertisefield_id"), links)
            _insert(
                cursor,
                Membership._meta.db_table,
                ("id", "person_id", "organisation_id", "role", "title"),
                memberships,
            )
            _insert(
                cursor,
                ConsentRecord._meta.db_table,
                ("id", "person_id", "purpose", "granted", "text_version", "created_at"),
                consents,
            )
        total += len(chunk)
        if progress:
            progress(total)
    _reset_sequences()
    return total


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), [Person, Membership, ConsentRecord])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
