"""The experts index: a Tantivy (BM25) index of the expert profiles of people who consented to
be contacted, beside the database and rebuildable from it (``kieubao knowledge reindex``).

It only generates candidates: matching.py re-reads every candidate from the database (consent,
conflicts of interest, load) before ranking, so a stale entry can never surface someone who
withdrew consent. Entries follow changes on commit (``schedule_expert_reindex``; consent and
profile changes through knowledge/signals.py).

Fields of a document (all text analysed with terms.analyse: folded, plural endings dropped):

``kw``    keywords, titles of publications and patents, names of the person's fields of
          expertise in both languages (with their parents): the expertise itself
``body``  current position, expertise summary, biography, employer: the context
``fk``    ``f:<slug>`` of each field and of its parents, to find experts by taxonomy
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import transaction

from kieubao.community.models import ExpertiseField, Person
from kieubao.core.tantivy_index import TantivyIndex

from .models import ExpertProfile, Work
from .terms import analysed_text

WRITER_HEAP_BYTES = 256 * 1024 * 1024


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("kw", tokenizer_name="default", index_option="position")
    builder.add_text_field("body", tokenizer_name="default", index_option="position")
    builder.add_text_field("fk", tokenizer_name="raw", index_option="basic")
    return builder.build()


SCHEMA = _schema()


def term(name: str, value: str | int) -> tantivy.Query:
    return tantivy.Query.term_query(SCHEMA, name, value)


class ExpertIndex(TantivyIndex):
    writer_heap = 32 * 1024 * 1024

    def __init__(self, path: Path) -> None:
        super().__init__(path, SCHEMA)

    def update(self, person_ids: Iterable[int]) -> None:
        """Bring these people's entries in step with the database: re-added if they have an
        expert profile and consent to be contacted, removed otherwise."""
        ids = sorted(set(person_ids))
        if not ids:
            return
        with self._writer() as writer:
            for pid in ids:
                writer.delete_documents_by_query(term("id", pid))
            for doc in documents(ExpertProfile.objects.filter(person_id__in=ids)):
                writer.add_document(doc)

    def rebuild(self, *, batch_size: int = 10_000, progress=None) -> int:
        """Replace the whole index with what the database holds (one commit at the end)."""
        count = 0
        with self._writer(heap=WRITER_HEAP_BYTES, threads=2) as writer:
            writer.delete_all_documents()
            for doc in documents(ExpertProfile.objects.all(), batch_size=batch_size):
                writer.add_document(doc)
                count += 1
                if progress and count % batch_size == 0:
                    progress(count)
        return count

    def count(self) -> int:
        return self.searcher().num_docs

    def search(self, query: tantivy.Query, *, limit: int) -> list[tuple[int, float]]:
        """(person id, BM25 score) of the best ``limit`` documents."""
        searcher = self.searcher()
        hits = searcher.search(query, limit=limit).hits
        if not hits:
            return []
        addresses = [address for _score, address in hits]
        ids = searcher.fast_field_values("id", addresses)
        return [(int(pid), float(score)) for (score, _a), pid in zip(hits, ids, strict=True)]


# -- documents ------------------------------------------------------------------------------


class _Fields:
    """The taxonomy, read once per indexing run: analysed names and parent chains."""

    def __init__(self) -> None:
        rows = list(
            ExpertiseField.objects.values_list("pk", "slug", "name_vi", "name_en", "parent")
        )
        self.slug = {pk: slug for pk, slug, *_ in rows}
        self.parent = {pk: parent for pk, *_, parent in rows}
        self.names = {pk: analysed_text(f"{vi} {en}") for pk, _s, vi, en, _p in rows}

    def with_ancestors(self, field_ids: Iterable[int]) -> list[int]:
        out: list[int] = []
        for fid in sorted(field_ids):
            seen = 0
            while fid is not None and fid not in out and seen < 10:
                out.append(fid)
                fid = self.parent.get(fid)
                seen += 1
        return out


def documents(profiles, *, batch_size: int = 5_000) -> Iterator[tantivy.Document]:
    """Documents for the profiles in ``profiles`` whose person consents to be contacted, read
    in person-id order with plain value queries (this runs over hundreds of thousands)."""
    taxonomy = _Fields()
    through = Person.fields.through
    base = profiles.filter(person__consent_contact=True).order_by("person_id")
    columns = (
        "person_id",
        "pk",
        "keywords",
        "position",
        "summary",
        "person__bio",
        "person__employer",
    )
    last = 0
    while True:
        rows = list(base.filter(person_id__gt=last).values_list(*columns)[:batch_size])
        if not rows:
            return
        first, last = rows[0][0], rows[-1][0]
        fields: dict[int, list[int]] = {}
        for pid, fid in through.objects.filter(
            person_id__gte=first, person_id__lte=last
        ).values_list("person_id", "expertisefield_id"):
            fields.setdefault(pid, []).append(fid)
        works: dict[int, list[str]] = {}
        profile_ids = [row[1] for row in rows]
        for profile_id, title in Work.objects.filter(profile_id__in=profile_ids).values_list(
            "profile_id", "title"
        ):
            works.setdefault(profile_id, []).append(title)
        for pid, profile_id, keywords, position, summary, bio, employer in rows:
            field_ids = taxonomy.with_ancestors(fields.get(pid, ()))
            kw = " ".join(
                [
                    analysed_text(keywords.replace(",", " ")),
                    *(analysed_text(t) for t in works.get(profile_id, ())),
                    *(taxonomy.names[f] for f in field_ids),
                ]
            )
            body = analysed_text(f"{position} {summary} {bio} {employer}")
            yield tantivy.Document.from_dict(
                {
                    "id": [pid],
                    "kw": [kw],
                    "body": [body],
                    "fk": [f"f:{taxonomy.slug[f]}" for f in field_ids],
                },
                SCHEMA,
            )


# -- the process's index --------------------------------------------------------------------

_indexes: dict[str, ExpertIndex] = {}
_indexes_lock = threading.Lock()


def expert_index() -> ExpertIndex:
    path = str(settings.EXPERT_INDEX_DIR)
    index = _indexes.get(path)
    if index is None:
        with _indexes_lock:
            index = _indexes.setdefault(path, ExpertIndex(Path(path)))
    return index


def schedule_update(person_ids: Iterable[int]) -> None:
    """Update these experts' entries once the current transaction commits."""
    ids = list(person_ids)
    if ids:
        transaction.on_commit(lambda: expert_index().update(ids))
