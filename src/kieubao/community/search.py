"""Directory search: a Tantivy (BM25) index beside the database, rebuildable from it.

Why Tantivy: measured on 2 cores with 6.5 M people, SQLite FTS5 with bm25 needs seconds once a
term such as "nguyen" matches millions of rows, PostgreSQL GIN + ts_rank about 1.6 s at p95, and
Tantivy about 50 ms for the index query (bench/README.md; every match is still scored and
counted, so the commonest names cost most). The database stays the source of truth;
``kieubao reindex`` rebuilds the index from it, whatever the database engine.

Visibility is part of the index, so a query can never match on text the viewer may not see:
each field group's text and filter keywords go into the field of that group's visibility level
(``n{level}`` for names, ``t{level}`` for other text, ``f{level}`` for filter keywords). A viewer
at level L queries fields 0..L; an official queries level 0 everywhere and levels 1-2 only in
documents whose ``scope`` keywords match the official's scope. Only people who consented to be
listed are indexed at all. Text is folded with kieubao.core.text.fold before indexing and before
querying, so tones, đ and case never matter.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import transaction

from kieubao.core.tantivy_index import TantivyIndex
from kieubao.core.text import fold, tokens

from .models import ExpertiseField, Membership, Organisation, Person, Visibility
from .rules import Viewer

logger = logging.getLogger(__name__)

LEVELS = (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.OFFICIALS, Visibility.PRIVATE)
NAME_BOOST = 3.0
MAX_RESULTS_WINDOW = 10_000  # deepest offset served; beyond it, refine the query
WRITER_HEAP_BYTES = 256 * 1024 * 1024


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for level in LEVELS:
        builder.add_text_field(f"n{level}", tokenizer_name="default", index_option="freq")
        builder.add_text_field(f"t{level}", tokenizer_name="default", index_option="freq")
        builder.add_text_field(f"f{level}", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("scope", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("pv", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("sort", tokenizer_name="raw", fast=True, index_option="basic")
    return builder.build()


SCHEMA = _schema()


@dataclass
class SearchFilters:
    country: str | None = None
    province: int | None = None
    field: str | None = None
    qualification: str | None = None
    organisation: int | None = None

    def keywords(self) -> list[str]:
        out = []
        if self.country:
            out.append(f"c:{self.country.upper()}")
        if self.province is not None:
            out.append(f"p:{self.province}")
        if self.field:
            out.append(f"f:{self.field}")
        if self.qualification:
            out.append(f"q:{self.qualification}")
        if self.organisation is not None:
            out.append(f"o:{self.organisation}")
        return out


@dataclass
class SearchHits:
    total: int
    ids: list[int] = field(default_factory=list)


class PeopleIndex(TantivyIndex):
    def __init__(self, path: Path) -> None:
        super().__init__(path, SCHEMA)

    # -- writing ---------------------------------------------------------------------------
    def update(self, person_ids: Iterable[int]) -> None:
        """Re-index these people from the database (removing those no longer listed)."""
        ids = sorted(set(person_ids))
        if not ids:
            return
        with self._writer() as writer:
            for pid in ids:
                _delete(writer, pid)
            for doc in documents(Person.objects.filter(pk__in=ids)):
                writer.add_document(doc)

    def remove(self, person_ids: Iterable[int]) -> None:
        ids = list(person_ids)
        if not ids:
            return
        with self._writer() as writer:
            for pid in ids:
                _delete(writer, pid)

    def rebuild(self, *, batch_size: int = 20_000, progress=None) -> int:
        """Replace the whole index with what the database holds. Readers keep the old index
        until the single commit at the end."""
        count = 0
        with self._writer(heap=WRITER_HEAP_BYTES, threads=2) as writer:
            writer.delete_all_documents()
            for doc in documents(Person.objects.all(), batch_size=batch_size):
                writer.add_document(doc)
                count += 1
                if progress and count % batch_size == 0:
                    progress(count)
        return count

    # -- reading ---------------------------------------------------------------------------
    def search(
        self,
        viewer: Viewer,
        *,
        text: str = "",
        filters: SearchFilters | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> SearchHits:
        query, ranked = build_query(viewer, text, filters or SearchFilters())
        offset = max(0, min(offset, MAX_RESULTS_WINDOW))
        searcher = self.searcher()
        if ranked:
            result = searcher.search(query, limit=limit, offset=offset, count=True)
        else:
            result = searcher.search(
                query,
                limit=limit,
                offset=offset,
                count=True,
                order_by_field="sort",
                order=tantivy.Order.Asc,
            )
        # The id is a fast (columnar) field: reading it does not decompress stored documents.
        addresses = [address for _score, address in result.hits]
        ids = [int(i) for i in searcher.fast_field_values("id", addresses)] if addresses else []
        return SearchHits(total=result.count or 0, ids=ids)


def _delete(writer: tantivy.IndexWriter, person_id: int) -> None:
    # delete_documents_by_term() takes a Python int as a signed term and silently misses the
    # u64 "id" field; a term *query* is typed by the schema and matches.
    writer.delete_documents_by_query(_term("id", person_id))


def _term(name: str, value: str | int) -> tantivy.Query:
    return tantivy.Query.term_query(SCHEMA, name, value)


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _scoped(viewer: Viewer) -> tuple[list[int], list[int], tantivy.Query | None]:
    """The levels this viewer reaches everywhere, the further levels it reaches only within
    its official scope, and the clause matching documents in that scope."""
    base = viewer.base_level()
    levels = [lvl for lvl in LEVELS if lvl <= base]
    scoped_levels: list[int] = []
    scope_clause = None
    if viewer.scope is not None and base < Visibility.OFFICIALS and viewer.scope.index_terms:
        scoped_levels = [lvl for lvl in LEVELS if base < lvl <= Visibility.OFFICIALS]
        scope_clause = _any([_term("scope", t) for t in viewer.scope.index_terms])
    return levels, scoped_levels, scope_clause


def _profile_filter(levels: list[int]) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """Clauses keeping the documents whose profile group (``pv``) is at one of ``levels``.
    They filter without scoring. Profiles are mostly at the default level (members) or
    public: a viewer reaching the default level excludes the few other levels instead of
    taking the union of the many it reaches."""
    excluded = [lvl for lvl in LEVELS if lvl not in levels]
    if not excluded:
        return []
    if Visibility.MEMBERS in levels:
        return [(tantivy.Occur.MustNot, _term("pv", f"v{lvl}")) for lvl in excluded]
    visible = _any([_term("pv", f"v{lvl}") for lvl in levels])
    return [(tantivy.Occur.Must, tantivy.Query.const_score_query(visible, 0.0))]


def _matching(levels: list[int], words: list[str], keywords: list[str], extra=()) -> tantivy.Query:
    """Documents visible at ``levels`` whose fields of those levels hold every word and every
    filter keyword."""
    clauses = _profile_filter(levels) + list(extra)
    for word in words:
        fields = [
            query
            for lvl in levels
            for query in (
                tantivy.Query.boost_query(_term(f"n{lvl}", word), NAME_BOOST),
                _term(f"t{lvl}", word),
            )
        ]
        clauses.append((tantivy.Occur.Must, _any(fields)))
    for keyword in keywords:
        clauses.append((tantivy.Occur.Must, _any([_term(f"f{lvl}", keyword) for lvl in levels])))
    if not any(occur == tantivy.Occur.Must for occur, _query in clauses):
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


def build_query(viewer: Viewer, text: str, filters: SearchFilters) -> tuple[tantivy.Query, bool]:
    """The viewer's levels everywhere; for an official, also the scoped levels within the
    scope: the union of the two, each document scored by the better of its two matches."""
    levels, scoped_levels, scope_clause = _scoped(viewer)
    words = tokens(text)[:8]
    keywords = filters.keywords()
    query = _matching(levels, words, keywords)
    if scoped_levels and scope_clause is not None:
        in_scope = (tantivy.Occur.Must, tantivy.Query.const_score_query(scope_clause, 0.0))
        query = tantivy.Query.disjunction_max_query(
            [query, _matching(levels + scoped_levels, words, keywords, extra=[in_scope])]
        )
    return query, bool(words)


# -- documents ------------------------------------------------------------------------------

# What _document() reads of a person, in this order. The name comes folded from the database
# (``full_name_folded`` is kept equal to fold(full_name) by every write path), so it is not
# folded again for each of millions of documents.
_PERSON_COLUMNS = (
    "id",
    "full_name_folded",
    "other_names",
    "country",
    "qualification",
    "city",
    "hometown_province",
    "residency_status",
    "employer",
    "vis_profile",
    "vis_location",
    "vis_work",
)
_PV = {lvl: f"v{lvl}" for lvl in LEVELS}
_TEXT_FIELDS = [(lvl, f"t{lvl}", f"f{lvl}") for lvl in LEVELS]
_FOLD_CACHE_SIZE = 100_000


class _Lookups:
    """Small tables read once per indexing run, and a cache of folded cities and employers
    (a few thousand distinct values repeated over millions of people)."""

    def __init__(self, *, all_organisations: bool = False) -> None:
        self.fields = {
            f.pk: (f.slug, fold(f"{f.name_vi} {f.name_en}")) for f in ExpertiseField.objects.all()
        }
        self.org_parent: dict[int, int | None] = {}
        self._org_names: dict[int, str] = {}
        if all_organisations:
            for pk, parent, name, name_en in Organisation.objects.values_list(
                "pk", "parent_id", "name", "name_en"
            ):
                self.org_parent[pk] = parent
                self._org_names[pk] = fold(f"{name} {name_en}")
        else:
            self.org_parent = dict(Organisation.objects.values_list("pk", "parent_id"))
        self._folds: dict[str, str] = {}

    def org_name(self, pk: int) -> str:
        if pk not in self._org_names:
            org = Organisation.objects.filter(pk=pk).values_list("name", "name_en").first()
            self._org_names[pk] = fold(" ".join(org)) if org else ""
        return self._org_names[pk]

    def fold(self, text: str) -> str:
        folded = self._folds.get(text)
        if folded is None:
            if len(self._folds) >= _FOLD_CACHE_SIZE:
                self._folds.clear()
            folded = self._folds[text] = fold(text)
        return folded


def documents(queryset, *, batch_size: int = 5_000) -> Iterator[tantivy.Document]:
    """Index documents for the listed people of ``queryset``, read in id-ordered batches
    with plain value queries (no model instances: this runs over millions of rows)."""
    lookups = _Lookups()
    through = Person.fields.through
    base = queryset.filter(consent_directory=True).order_by("pk")
    last_id = 0
    while True:
        rows = list(base.filter(pk__gt=last_id).values_list(*_PERSON_COLUMNS)[:batch_size])
        if not rows:
            return
        first, last_id = rows[0][0], rows[-1][0]
        fields: dict[int, list[int]] = {}
        for pid, fid in through.objects.filter(
            person_id__gte=first, person_id__lte=last_id
        ).values_list("person_id", "expertisefield_id"):
            fields.setdefault(pid, []).append(fid)
        orgs: dict[int, list[int]] = {}
        for pid, oid in Membership.objects.filter(
            person_id__gte=first, person_id__lte=last_id
        ).values_list("person_id", "organisation_id"):
            orgs.setdefault(pid, []).append(oid)
        for row in rows:
            yield _document(row, fields.get(row[0], ()), orgs.get(row[0], ()), lookups)


def _document(row: tuple, field_ids, org_ids, lookups: _Lookups) -> tantivy.Document:
    """The one document builder: ``kieubao reindex``, updates and bulk loads all use it.

    ``row`` holds the values of _PERSON_COLUMNS. Text and keywords of each field group go to
    the fields of that group's visibility level (see the module docstring). Fields and
    organisations are taken in id order, whatever order the caller read them in."""
    (pid, name, other_names, country, qualification, city, province, residency,
     employer, vis_profile, vis_location, vis_work) = row  # fmt: skip
    if other_names:
        # == fold(f"{full_name} {other_names}"): folding works word by word.
        name = " ".join(filter(None, (name, fold(other_names))))
    text: list[list[str]] = [[], [], [], []]
    keys: list[list[str]] = [[], [], [], []]
    profile_keys = keys[vis_profile]
    if country:
        profile_keys.append(f"c:{country}")
    profile_keys.append(f"q:{qualification}")
    if field_ids:
        profile_text = text[vis_profile]
        for fid in sorted(field_ids):
            slug, folded_name = lookups.fields[fid]
            profile_keys.append(f"f:{slug}")
            profile_text.append(folded_name)
    if city:
        text[vis_location].append(lookups.fold(city))
    if province:
        keys[vis_location].append(f"p:{province}")
    if residency:
        keys[vis_location].append(f"r:{residency}")
    if employer:
        text[vis_work].append(lookups.fold(employer))
    if org_ids:
        work_text, work_keys = text[vis_work], keys[vis_work]
        for oid in sorted(org_ids):
            work_text.append(lookups.org_name(oid))
            parent = lookups.org_parent.get(oid)
            work_keys.append(f"o:{oid}")
            if parent:
                work_keys.append(f"o:{parent}")
    scope = [f"p:{province}"] if province else []
    if country:
        scope.append(f"c:{country}")
    values: dict[str, list] = {
        "id": [pid],
        "pv": [_PV[vis_profile]],
        "sort": [row[1]],
        "scope": scope,
        f"n{vis_profile}": [name],
    }
    for lvl, t_field, f_field in _TEXT_FIELDS:
        if text[lvl]:
            values[t_field] = [" ".join(text[lvl])]
        if keys[lvl]:
            values[f_field] = keys[lvl]
    return tantivy.Document.from_dict(values, SCHEMA)


# -- building the index beside a bulk load --------------------------------------------------

# The second process: a fresh interpreter (no state forked from the caller), reading pickled
# batches of (row, field ids, organisation ids) from stdin until None (commit) or EOF/"abort".
_WORKER_CODE = (
    "import django; django.setup(); "
    "from kieubao.community.search import _index_worker; _index_worker()"
)
_ABORT = "abort"


class ConcurrentIndexer:
    """Adds documents to the index from a second process, so that building them (and
    Tantivy's indexing) runs on another core while the caller writes the same people to the
    database. Rows come in the shape _document() reads, with the ids the database gets; the
    documents are the ones ``kieubao reindex`` would build. Nothing is visible to searches
    until ``commit()``, which the caller calls once the database transaction(s) committed."""

    def __init__(self, index: PeopleIndex, *, max_pending: int = 4, threads: int = 1) -> None:
        self.index = index
        lookups = _Lookups(all_organisations=True)
        env = dict(os.environ)
        env.setdefault("DJANGO_SETTINGS_MODULE", "kieubao.settings")
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", _WORKER_CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._pending: queue.Queue = queue.Queue(maxsize=max_pending)
        self._error: BaseException | None = None
        self._pump = threading.Thread(target=self._send_all, daemon=True)
        self._pump.start()
        self._put(
            {
                "path": str(index.path),
                "heap": WRITER_HEAP_BYTES,
                "threads": threads,
                "fields": lookups.fields,
                "org_parent": lookups.org_parent,
                "org_names": lookups._org_names,
            }
        )

    def _send_all(self) -> None:
        # Pickling and writing happen on this thread, so the caller is not held up by a
        # full pipe while the other process works through the previous batch.
        stdin = self._process.stdin
        try:
            while True:
                item = self._pending.get()
                pickle.dump(item, stdin, protocol=pickle.HIGHEST_PROTOCOL)
                if item is None or item == _ABORT:
                    break
            stdin.close()
        except BaseException as exc:  # the other process died; reported by commit()
            self._error = exc

    def _put(self, item) -> None:
        while True:
            if self._error is not None or not self._pump.is_alive():
                raise RuntimeError("The index process stopped.") from self._error
            try:
                self._pending.put(item, timeout=1)
                return
            except queue.Full:
                continue

    def add(self, rows: list[tuple]) -> None:
        """Queue documents for these (row, field ids, organisation ids)."""
        self._put(rows)

    def commit(self) -> int:
        """Commit everything added; returns the number of documents."""
        self._put(None)
        self._pump.join()
        out = self._process.stdout.read()
        self._process.wait()
        if self._process.returncode != 0 or self._error is not None:
            raise RuntimeError(
                f"The index process failed (exit code {self._process.returncode})."
            ) from self._error
        self.index.reloaded()
        return json.loads(out.decode().strip().splitlines()[-1])["documents"]

    def abort(self) -> None:
        """Discard everything added (the other process rolls back)."""
        try:
            self._pending.put(_ABORT, timeout=5)
        except queue.Full:
            pass
        try:
            self._process.stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def _index_worker() -> None:
    """Main of the index process (see ConcurrentIndexer)."""
    gc.disable()  # only short-lived, acyclic objects here; see bulk._gc_paused
    stdin = sys.stdin.buffer
    header = pickle.load(stdin)  # noqa: S301 - from our parent process
    lookups = _Lookups.__new__(_Lookups)
    lookups.fields = header["fields"]
    lookups.org_parent = header["org_parent"]
    lookups._org_names = header["org_names"]
    lookups._folds = {}
    index = PeopleIndex(Path(header["path"]))
    count = 0
    with index._writer(heap=header["heap"], threads=header["threads"]) as writer:
        add = writer.add_document
        while True:
            batch = pickle.load(stdin)  # noqa: S301 - from our parent process
            if batch is None:
                break
            if batch == _ABORT:
                raise SystemExit(1)  # leaving the block rolls the writer back
            for row, field_ids, org_ids in batch:
                add(_document(row, field_ids, org_ids, lookups))
            count += len(batch)
    sys.stdout.write(json.dumps({"documents": count}) + "\n")
    sys.stdout.flush()


# -- the process's index --------------------------------------------------------------------

_indexes: dict[str, PeopleIndex] = {}
_indexes_lock = threading.Lock()


def people_index() -> PeopleIndex:
    path = str(settings.SEARCH_INDEX_DIR)
    index = _indexes.get(path)
    if index is None:
        with _indexes_lock:
            index = _indexes.setdefault(path, PeopleIndex(Path(path)))
    return index


def schedule_reindex(person_ids: Iterable[int]) -> None:
    """Re-index these people once the current transaction commits (never a rolled-back state)."""
    ids = list(person_ids)
    transaction.on_commit(lambda: people_index().update(ids))
