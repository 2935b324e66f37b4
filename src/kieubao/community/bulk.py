"""Bulk loading of people: plain multi-row INSERTs in large transactions, for demo data, the
benchmark and (later) survey imports. Rows must already be valid; the services validate
one-by-one writes, this path trusts its caller.

It works on SQLite and PostgreSQL alike: ids are allocated here (so that link rows can be
written without reading ids back) and the PostgreSQL sequence is moved past them afterwards.

Two entry points:

``people_bulk_insert``  writes the rows to the database; the caller rebuilds or updates the
                        search index afterwards (``people_index().rebuild()``).
``people_bulk_load``    the fast path for large loads (millions of rows): the non-unique
                        secondary indexes of the big tables are dropped during the load and
                        created again at the end (one sort instead of millions of random
                        B-tree updates), and the search index is built at the same time in a
                        second process from the same rows, with the same ids and the same
                        document builder as ``kieubao reindex``.
"""

from __future__ import annotations

import gc
import json
import queue
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice

from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    IntegrityError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.db.models import Max
from django.utils import timezone

from kieubao.core.text import fold, normalize

from .models import (
    DEFAULT_VISIBILITY,
    ConsentRecord,
    ExpertiseField,
    Membership,
    Organisation,
    Person,
)
from .signals import people_bulk_loading

# The columns written per row. ``user_id`` is not written: bulk-loaded people have no account,
# and the column's NULL default says so. Values the same for every row of a load (times, the
# consent text version …) are not repeated per row either: they are given once per statement
# (see _prepare and _RowEncoder.constants). Memberships and consent records take their ids
# from the database: nothing refers to them.
_PERSON_COLUMNS = (
    "id", "source", "external_id", "full_name", "full_name_folded", "other_names",
    "country", "qualification", "city", "hometown_province", "residency_status", "employer",
    "languages", "bio", "birth_year", "sex", "email", "phone",
    "vis_profile", "vis_location", "vis_work", "vis_personal", "vis_contact",
    "consent_directory", "consent_contact", "consent_statistics",
)  # fmt: skip
_LINK_COLUMNS = ("person_id", "expertisefield_id")
_MEMBERSHIP_COLUMNS = ("person_id", "organisation_id")
_CONSENT_COLUMNS = ("person_id", "purpose")
# Rows per INSERT statement on SQLite (at most as many as its parameter limit allows): fewer
# statement executions, same parameters.
_SQLITE_ROWS_PER_STATEMENT = 500
# SQLite settings of the loading connection (see _bulk_session).
_SQLITE_LOAD_PRAGMAS = {
    "cache_size": -262144,
    "wal_autocheckpoint": 16384,
    "ignore_check_constraints": 1,
    # Worker threads for the sorts of CREATE INDEX at the end of a load (the index process
    # has finished by then, its core is free).
    "threads": 2,
}
# Per-load caches of normalised/folded names and JSON language lists are cleared when full.
_CACHE_SIZE = 200_000


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


def _insert(
    cursor, table: str, columns: tuple[str, ...], values: list[tuple], constants=None
) -> None:
    _execute(cursor, _prepare(cursor.db, table, columns, values, constants))


def _prepare(
    db, table: str, columns: tuple[str, ...], values: list[tuple], constants=None
) -> list[tuple]:
    """The statements writing ``values`` as (kind, sql, parameters); ``constants`` (column →
    value) are the columns whose value is the same for every row, bound once per statement
    instead of once per row."""
    if not values:
        return []
    constants = constants or {}
    quoted = ", ".join(db.ops.quote_name(c) for c in (*columns, *constants))
    if db.vendor == "postgresql":
        # COPY is PostgreSQL's bulk path: several times faster than INSERTs.
        if constants:
            same = tuple(constants.values())
            values = [row + same for row in values]
        return [("copy", f"COPY {table} ({quoted}) FROM STDIN", values)]
    # One prepared statement of many rows, run over all the values: SQLite's fastest path
    # from Python (the per-statement overhead — and on the writer thread, taking the GIL
    # back — is paid once per several hundred rows instead of per row). Table and column
    # names come from model metadata, never from input.
    # Constants go once per statement: INSERT … SELECT column1, …, ?, ? FROM (VALUES …).
    width = len(columns)
    same = tuple(constants.values())
    room = _sqlite_max_params(db) - len(same)
    per_statement = max(1, min(_SQLITE_ROWS_PER_STATEMENT, room // width))
    one = "(" + ", ".join(["%s"] * width) + ")"

    def sql(rows: int) -> str:
        values_sql = "VALUES " + ", ".join([one] * rows)
        if not constants:
            return f"INSERT INTO {table} ({quoted}) {values_sql}"
        picked = ", ".join([f"column{i}" for i in range(1, width + 1)] + ["%s"] * len(same))
        return f"INSERT INTO {table} ({quoted}) SELECT {picked} FROM ({values_sql})"  # noqa: S608

    full = len(values) - len(values) % per_statement
    statements: list[tuple] = []
    if full:
        params = [
            same + tuple(chain.from_iterable(values[i : i + per_statement]))
            for i in range(0, full, per_statement)
        ]
        statements.append(("many", sql(per_statement), params))
    if full < len(values):
        rest = values[full:]
        statements.append(("one", sql(len(rest)), same + tuple(chain.from_iterable(rest))))
    return statements


def _execute(cursor, statements: list[tuple]) -> None:
    for kind, sql, params in statements:
        if kind == "copy":
            with cursor.cursor.copy(sql) as copy:
                for row in params:
                    copy.write_row(row)
        elif kind == "many":
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)


def _sqlite_max_params(db) -> int:
    try:
        return db.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python < 3.11
        return db.features.max_query_params


class _RowEncoder:
    """Turns PersonRows into the tuples of the four tables, allocating ids. Repeated values
    (names, language lists) are normalised, folded and encoded once per load. Field and
    organisation ids are checked against their tables here (person ids are allocated here),
    so the load does not need the database's row-by-row foreign key checks."""

    def __init__(self) -> None:
        self.next_id = (Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.version = settings.CONSENT_TEXT_VERSION
        # SQLite stores booleans as 1/0 anyway; plain ints (also for the IntegerChoices of
        # visibility) skip the sqlite3 module's adapter lookup for millions of values.
        self.true, self.false = (1, 0) if connection.vendor == "sqlite" else (True, False)
        self.default_visibility = tuple(
            int(DEFAULT_VISIBILITY[g])
            for g in ("profile", "location", "work", "personal", "contact")
        )
        # Per table, the columns whose value is the same for every row of the load.
        self.constants = {
            Person._meta.db_table: {"website": "", "created_at": self.now, "updated_at": self.now},
            Membership._meta.db_table: {"role": "member", "title": ""},
            ConsentRecord._meta.db_table: {
                "granted": self.true,
                "text_version": self.version,
                "created_at": self.now,
            },
        }
        self.field_ids = frozenset(ExpertiseField.objects.values_list("pk", flat=True))
        self.organisation_ids = frozenset(Organisation.objects.values_list("pk", flat=True))
        self._names: dict[str, tuple[str, str]] = {}
        self._languages: dict[tuple[str, ...], str] = {}

    def _name(self, full_name: str) -> tuple[str, str]:
        cached = self._names.get(full_name)
        if cached is None:
            if len(self._names) >= _CACHE_SIZE:
                self._names.clear()
            name = normalize(full_name)
            cached = self._names[full_name] = (name, fold(name))
        return cached

    def _languages_json(self, languages: list[str]) -> str:
        key = tuple(languages)
        encoded = self._languages.get(key)
        if encoded is None:
            if len(self._languages) >= _CACHE_SIZE:
                self._languages.clear()
            encoded = self._languages[key] = json.dumps(languages)
        return encoded

    def _visibility(self, visibility: dict) -> tuple[int, int, int, int, int]:
        d_profile, d_location, d_work, d_personal, d_contact = self.default_visibility
        get = visibility.get
        return (
            int(get("profile", d_profile)),
            int(get("location", d_location)),
            int(get("work", d_work)),
            int(get("personal", d_personal)),
            int(get("contact", d_contact)),
        )

    def _unknown(self, row: PersonRow) -> IntegrityError:
        fields = sorted(set(row.field_ids) - self.field_ids)
        orgs = sorted(set(row.organisation_ids) - self.organisation_ids)
        return IntegrityError(
            f"Unknown field of expertise {fields} or organisation {orgs} for {row.full_name!r}."
        )

    def encode(self, chunk: list[PersonRow], *, listed: list | None = None):
        """The rows of each table for ``chunk``; appends (row, field ids, organisation ids)
        of each listed person to ``listed`` in the shape search._document() reads."""
        people, links, memberships, consents = [], [], [], []
        true, false = self.true, self.false
        name_of, languages_json, visibility_of = self._name, self._languages_json, self._visibility
        default_visibility = self.default_visibility
        known_fields, known_orgs = self.field_ids, self.organisation_ids
        pid = self.next_id
        for row in chunk:
            name, folded = name_of(row.full_name)
            vis_profile, vis_location, vis_work, vis_personal, vis_contact = (
                visibility_of(row.visibility) if row.visibility else default_visibility
            )
            row_consents = row.consents
            directory = "directory" in row_consents
            field_ids, org_ids = row.field_ids, row.organisation_ids
            people.append((
                pid, row.source, row.external_id, name, folded, row.other_names,
                row.country, row.qualification, row.city, row.hometown_province,
                row.residency_status, row.employer, languages_json(row.languages),
                row.bio, row.birth_year, row.sex, row.email, row.phone,
                vis_profile, vis_location, vis_work, vis_personal, vis_contact,
                true if directory else false,
                true if "contact" in row_consents else false,
                true if "statistics" in row_consents else false,
            ))  # fmt: skip
            if field_ids:
                if not known_fields.issuperset(field_ids):
                    raise self._unknown(row)
                links.extend([(pid, fid) for fid in field_ids])
            if org_ids:
                if not known_orgs.issuperset(org_ids):
                    raise self._unknown(row)
                memberships.extend([(pid, oid) for oid in org_ids])
            consents.extend([(pid, purpose) for purpose in row_consents])
            if directory and listed is not None:
                listed.append((
                    (pid, folded, row.other_names, row.country, row.qualification, row.city,
                     row.hometown_province, row.residency_status, row.employer,
                     vis_profile, vis_location, vis_work),
                    field_ids,
                    org_ids,
                ))  # fmt: skip
            pid += 1
        self.next_id = pid
        return people, links, memberships, consents


def _write(tables, constants) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        _write_tables(cursor, tables, constants)


def _write_tables(cursor, tables, constants) -> None:
    people, links, memberships, consents = tables
    for table, columns, values in (
        (Person._meta.db_table, _PERSON_COLUMNS, people),
        (Person.fields.through._meta.db_table, _LINK_COLUMNS, links),
        (Membership._meta.db_table, _MEMBERSHIP_COLUMNS, memberships),
        (ConsentRecord._meta.db_table, _CONSENT_COLUMNS, consents),
    ):
        _execute(cursor, _prepare(cursor.db, table, columns, values, constants.get(table)))


class _Writer:
    """Writes encoded batches on a second thread while the caller encodes the next ones.
    SQLite and psycopg release the GIL while they work, so writing overlaps with encoding,
    counting and pickling for the index process. The thread uses the caller's connection,
    inside the caller's transaction; meanwhile the caller must not use the database."""

    def __init__(self, constants: dict, *, max_pending: int = 2) -> None:
        self._constants = constants  # per table, as _RowEncoder.constants
        self._db = connections[DEFAULT_DB_ALIAS]  # this thread's connection object
        self._db.ensure_connection()
        self._db.inc_thread_sharing()
        self._queue: queue.Queue = queue.Queue(maxsize=max_pending)
        self._error: BaseException | None = None
        self.waited = 0.0  # seconds the caller waited for the writer (it was the bottleneck)
        self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with self._db.cursor() as cursor:
                while (tables := self._queue.get()) is not None:
                    if self._error is None:
                        _write_tables(cursor, tables, self._constants)
        except BaseException as exc:  # reported to the caller by put() or close()
            self._error = exc
            while self._queue.get() is not None:  # let the caller's put() calls through
                pass

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def put(self, tables) -> None:
        """Queue the four tables' rows of a batch."""
        self._raise()
        waiting = time.perf_counter()
        self._queue.put(tables)
        self.waited += time.perf_counter() - waiting

    def close(self, *, raise_error: bool = True) -> None:
        """Wait until everything queued is written; raises what the writer met."""
        self._queue.put(None)
        self._thread.join()
        self._db.dec_thread_sharing()
        if raise_error:
            self._raise()


@contextmanager
def _writer_thread(constants: dict) -> Iterator:
    """Yields the writer (``put()`` queues encoded tables); on leaving, waits for them to be
    written (an error of the caller stops the writer first, then propagates)."""
    # After each statement the writer needs the GIL back to bind the next one's values; with
    # the default 5 ms switch interval it would wait out the encoding thread's time slice.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    writer = _Writer(constants)
    try:
        try:
            yield writer
        except BaseException:
            writer.close(raise_error=False)
            raise
        writer.close()
    finally:
        sys.setswitchinterval(interval)


def people_bulk_insert(
    rows: Iterable[PersonRow], *, batch_size: int = 20_000, progress=None
) -> int:
    """Insert people with their fields, memberships and consent records, all or nothing (a
    load killed mid-way leaves no row behind and can simply be run again). Returns the count."""
    encoder = _RowEncoder()
    total = 0
    with _bulk_session(), _gc_paused(), transaction.atomic():
        tallies = _tallies()
        for chunk in _chunks(rows, batch_size):
            _write(encoder.encode(chunk), encoder.constants)
            for tally in tallies:
                tally.add(chunk)
            total += len(chunk)
            if progress:
                progress(total)
        for tally in tallies:
            tally.finish()
    _reset_sequences()
    return total


def _tallies() -> list:
    """Derived data (the insights aggregates) taking in the new rows batch by batch, in the
    load's transaction (see signals.people_bulk_loading)."""
    return [t for _r, t in people_bulk_loading.send(sender=Person) if t is not None]


@dataclass
class BulkLoad:
    people: int = 0
    listed: int = 0
    insert_seconds: float = 0.0  # writing the rows (the index process runs meanwhile)
    # Of which the encoding waited for the writer thread / for the index process to keep up.
    writer_wait_seconds: float = 0.0
    index_wait_seconds: float = 0.0
    db_indexes_seconds: float = 0.0  # creating the dropped secondary indexes again
    commit_seconds: float = 0.0  # committing the one transaction of the load
    search_index_seconds: float = 0.0  # waiting for the index process to finish and commit
    seconds: float = 0.0


def people_bulk_load(
    rows: Iterable[PersonRow],
    *,
    batch_size: int = 20_000,
    progress=None,
    search_index: bool = True,
    drop_indexes: bool = True,
    exclusive: bool = False,
) -> BulkLoad:
    """``people_bulk_insert`` for large loads: adds the inserted people to the search index
    (built concurrently in a second process, committed once at the end, after the database),
    and, with ``drop_indexes``, drops the big tables' non-unique secondary indexes for the
    duration of the load. Meant for loads that are large compared with what the tables
    already hold; queries on these tables are slow until the indexes are back.

    All or nothing: rows, dropped and re-created indexes are one transaction (DDL is
    transactional on SQLite and PostgreSQL), so a load killed mid-way leaves the database as it
    was, indexes included, and the search index uncommitted; it can simply be run again. On
    PostgreSQL, dropping an index locks its table until that transaction ends: with
    ``drop_indexes``, reads of the people tables wait for the load (SQLite readers keep reading
    the state before the load).

    ``exclusive`` is for offline loads (a first load, the benchmark): on SQLite the
    load is written through a rollback journal instead of the write-ahead log (see
    _exclusive_journal), and other connections wait until it is done."""
    from .search import ConcurrentIndexer, people_index

    started = time.perf_counter()
    result = BulkLoad()
    encoder = _RowEncoder()
    indexer = ConcurrentIndexer(people_index()) if search_index else None
    try:
        with (
            _bulk_session(),
            _exclusive_journal(exclusive),
            _gc_paused(),
            transaction.atomic(),
            _secondary_indexes_dropped(drop_indexes) as recreate,
        ):
            tallies = _tallies()
            with _writer_thread(encoder.constants) as writer:
                for chunk in _chunks(rows, batch_size):
                    listed: list | None = [] if indexer else None
                    tables = encoder.encode(chunk, listed=listed)
                    writer.put(tables)
                    if indexer and listed:
                        waiting = time.perf_counter()
                        indexer.add(listed)
                        result.index_wait_seconds += time.perf_counter() - waiting
                        result.listed += len(listed)
                    for tally in tallies:
                        tally.add(chunk)
                    result.people += len(chunk)
                    if progress:
                        progress(result.people)
            result.writer_wait_seconds = writer.waited
            result.insert_seconds = time.perf_counter() - started
            for tally in tallies:
                tally.finish()
            recreate()
            result.db_indexes_seconds = time.perf_counter() - started - result.insert_seconds
            committing = time.perf_counter()
        result.commit_seconds = time.perf_counter() - committing
        _reset_sequences()
    except BaseException:
        if indexer:
            indexer.abort()
        raise
    if indexer:
        waited = time.perf_counter()
        indexer.commit()
        result.search_index_seconds = time.perf_counter() - waited
    result.seconds = time.perf_counter() - started
    return result


# -- session settings and secondary indexes ------------------------------------------------------


def _bulk_tables() -> list[str]:
    return [
        Person._meta.db_table,
        Person.fields.through._meta.db_table,
        Membership._meta.db_table,
        ConsentRecord._meta.db_table,
    ]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while loading. The load creates millions of short-lived
    tuples (no cycles); each collection of the oldest generation would walk every object alive,
    including the caller's millions of rows, several times per batch."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _bulk_session() -> Iterator[None]:
    """SQLite settings of this connection while loading, restored afterwards: a larger page
    cache; checkpoints of the write-ahead log every 64 MB instead of every 4 MB (pages written
    by several batches reach the database file once; same durability); and none of the
    row-by-row CHECK and foreign key checks: rows are valid by contract (see the module
    docstring), field and organisation ids are checked by _RowEncoder, person ids are ours.
    Foreign keys stay enforced when the caller holds a transaction (SQLite cannot switch them
    off inside one)."""
    if connection.vendor != "sqlite":
        yield
        return
    settings_ = dict(_SQLITE_LOAD_PRAGMAS)
    previous = {}
    with connection.cursor() as cursor:
        for name, value in settings_.items():
            cursor.execute(f"PRAGMA {name}")
            previous[name] = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA {name} = {int(value)}")
    foreign_keys_off = connection.disable_constraint_checking()
    try:
        yield
    finally:
        if foreign_keys_off:
            connection.enable_constraint_checking()
        with connection.cursor() as cursor:
            for name, value in previous.items():
                cursor.execute(f"PRAGMA {name} = {int(value)}")


@contextmanager
def _exclusive_journal(enabled: bool) -> Iterator[None]:
    """SQLite, offline loads only: switch the database from the write-ahead log to a rollback
    journal for the duration of the load, and back.

    Why: one transaction of millions of rows in WAL mode writes every page twice (to the log,
    then to the database at the checkpoint after the commit: ~20 s at 6.5 M people), and every
    page read that misses the cache searches the log's index, which grows with the
    transaction. With a rollback journal, pages of a database that grows are written once,
    in place; the journal keeps only the few pages that existed before (rollback and a kill
    mid-way still leave the database as it was). ``synchronous=FULL`` meanwhile, the safe
    setting for a rollback journal.

    The price: while a rollback-journal transaction holds its exclusive lock, no other
    connection can read, hence opt-in. The switch needs the database to itself; when another
    connection has it open, the load runs in WAL mode as usual."""
    if not enabled or connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = int(cursor.fetchone()[0])
        try:
            cursor.execute("PRAGMA journal_mode = DELETE")
            switched = cursor.fetchone()[0].lower() == "delete"
        except OperationalError:  # another connection holds the database
            switched = False
        if switched:
            cursor.execute("PRAGMA synchronous = FULL")
    try:
        yield
    finally:
        if switched:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous = {synchronous}")
                cursor.execute(f"PRAGMA journal_mode = {journal}")


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the non-unique indexes of ``table`` that are not
    part of a constraint, read from the database itself (sqlite_master / pg_indexes)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Indexes behind UNIQUE/PRIMARY KEY constraints have no SQL (sqlite_autoindex_*).
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL ORDER BY name",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "  JOIN pg_class ci ON ci.oid = c.conindid "
                "  WHERE ci.relname = i.indexname AND c.connamespace = ci.relnamespace) "
                "ORDER BY i.indexname",
                [table],
            )
        else:
            return []
        return [
            (name, sql)
            for name, sql in cursor.fetchall()
            if not sql.lstrip().upper().startswith("CREATE UNIQUE")
        ]


@contextmanager
def _secondary_indexes_dropped(enabled: bool = True) -> Iterator:
    """Drop the big tables' non-unique secondary indexes; yields a function that creates them
    again (called at the latest on leaving the block). To be used inside the transaction of
    the load: on error, its rollback brings the indexes back (DDL is transactional on SQLite
    and PostgreSQL)."""
    assert connection.in_atomic_block, "inside the load's transaction"
    dropped: list[tuple[str, str]] = []
    if enabled:
        dropped = [index for table in _bulk_tables() for index in secondary_indexes(table)]
        with connection.cursor() as cursor:
            for name, _sql in dropped:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")

    def recreate() -> None:
        if not dropped:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL refuses CREATE INDEX on a table with pending (deferred) foreign
                # key checks in the same transaction: run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, sql in dropped:
                cursor.execute(sql)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        dropped.clear()

    yield recreate
    recreate()


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), [Person, Membership, ConsentRecord])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
