"""The catalogue's search indexes: products and companies, two Tantivy (BM25) indexes beside the
database and rebuildable from it (``kieubao trade reindex``). Services call the hooks
``schedule_product_update`` / ``schedule_company_update`` after every change a search result
depends on; the index follows on commit.

Only what the public catalogue shows is indexed: published products of active exporters, and
active companies. Text (both languages' names and descriptions, the company's names) is folded
with kieubao.core.text.fold before indexing and before querying, so "ca phe", "cà phê" and
"CÀ PHÊ" meet.

Filters are raw keywords (field ``kw``): ``hs:09``, ``hs:0901``, ``hs:090121`` (chapter,
heading, subheading), ``p:<province>``, ``cat:<category>``, ``m:<market>`` (the exporter's
markets), ``sig`` (signature product), ``ver`` (actively verified company); companies also
``role:``, ``c:<country>``, ``s:<chapter>`` (sectors and the chapters of the goods it carries),
``ch:<channel>``. OCOP stars are a numeric field (a range query for "at least").

Certificates depend on the day, and an expired certificate must leave the "certified" results
the day after it expires *without* reindexing. Each certificate's validity, valid_from to
valid_to inclusive, is indexed as its exact interval of day numbers (days since 2000-01-01),
decomposed into aligned power-of-two blocks (a segment tree): the interval [a, b] becomes at
most 2·16 terms ``<kind>:<level>:<a >> level>`` in field ``ck``, and a day D lies in one of a
document's intervals if and only if the document holds one of the 16 terms
``<kind>:<L>:<D >> L>`` (L = 0..15). So the query for "valid on day D" is 16 term queries, any
number of certificates (a renewal after a gap, a company-wide certificate beside the product's
own) are indexed each exactly, and there is no gap or "next certificate" edge case: the day the
query asks about decides, whatever day the index was written. Every interval also goes under
the pseudo-kind ``any`` ("holds some valid certificate"). A product's intervals are its own
certificates and its company's company-wide ones (product empty); a company's are all of its
certificates.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import transaction

from kieubao.core.tantivy_index import TantivyIndex
from kieubao.core.text import fold, tokens

from .hs import prefixes
from .models import (
    Certificate,
    Company,
    CompanyStatus,
    DistributionChannel,
    Product,
    ProductStatus,
    Verification,
)

logger = logging.getLogger(__name__)

NAME_BOOST = 3.0
MAX_WORDS = 8
MAX_RESULTS_WINDOW = 10_000
WRITER_HEAP_BYTES = 256 * 1024 * 1024
ANY_CERTIFICATE = "any"

# -- certificate validity as terms ----------------------------------------------------------

EPOCH = date(2000, 1, 1)
DAY_LEVELS = 16  # day numbers 0 .. 65,535: 2000-01-01 .. 2179-06-06
LAST_DAY = (1 << DAY_LEVELS) - 1


def day_number(day: date) -> int:
    return max(0, min(LAST_DAY, (day - EPOCH).days))


def interval_terms(kind: str, start: date, end: date) -> list[str]:
    """The aligned blocks covering [start, end] (inclusive) as ``kind:level:block`` terms."""
    a, b = day_number(start), day_number(end)
    out = []
    while a <= b:
        level = 0
        while (
            level + 1 < DAY_LEVELS
            and a % (1 << (level + 1)) == 0
            and a + (1 << (level + 1)) - 1 <= b
        ):
            level += 1
        out.append(f"{kind}:{level}:{a >> level}")
        a += 1 << level
    return out


def day_terms(kind: str, day: date) -> list[str]:
    """The terms one of which a document holds if a ``kind`` certificate covers ``day``."""
    d = day_number(day)
    return [f"{kind}:{level}:{d >> level}" for level in range(DAY_LEVELS)]


def certificate_terms(certificates: Iterable[tuple[str, date, date]]) -> list[str]:
    terms: set[str] = set()
    for kind, start, end in certificates:
        if end < start:
            continue
        terms.update(interval_terms(kind, start, end))
        terms.update(interval_terms(ANY_CERTIFICATE, start, end))
    return sorted(terms)


# -- schemas --------------------------------------------------------------------------------


def _product_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("company", indexed=True, fast=True)
    builder.add_text_field("name", tokenizer_name="default", index_option="freq")
    builder.add_text_field("body", tokenizer_name="default", index_option="freq")
    builder.add_text_field("kw", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("ck", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("ocop", indexed=True, fast=True)
    # Signature products first, then the newest: signature · 2^40 + published (epoch seconds).
    builder.add_unsigned_field("order", fast=True)
    return builder.build()


def _company_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("name", tokenizer_name="default", index_option="freq")
    builder.add_text_field("body", tokenizer_name="default", index_option="freq")
    builder.add_text_field("kw", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("ck", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("order", fast=True)  # reliability
    return builder.build()


PRODUCT_SCHEMA = _product_schema()
COMPANY_SCHEMA = _company_schema()


# -- queries --------------------------------------------------------------------------------


@dataclass
class Filters:
    """Clean filter values (catalogue.py turns user input into these)."""

    keywords: list[str] = field(default_factory=list)  # every one required
    certificate: str = ""  # a kind, or "any": valid on ``day``
    day: date | None = None
    ocop_min: int | None = None
    nothing: bool = False  # a filter value that can match nothing (e.g. unknown chapter)


@dataclass
class SearchHits:
    total: int
    ids: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)


def term(schema: tantivy.Schema, name: str, value: str | int) -> tantivy.Query:
    return tantivy.Query.term_query(schema, name, value)


def any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def valid_on(schema: tantivy.Schema, kind: str, day: date) -> tantivy.Query:
    """Documents holding a ``kind`` certificate valid on ``day`` (scoring nothing)."""
    return tantivy.Query.const_score_query(
        any_of([term(schema, "ck", t) for t in day_terms(kind, day)]), 0.0
    )


def filter_clauses(
    schema: tantivy.Schema, filters: Filters
) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    must = tantivy.Occur.Must
    clauses = [
        (must, tantivy.Query.const_score_query(term(schema, "kw", k), 0.0))
        for k in filters.keywords
    ]
    if filters.certificate:
        from django.utils import timezone

        clauses.append(
            (must, valid_on(schema, filters.certificate, filters.day or timezone.localdate()))
        )
    if filters.ocop_min:
        clauses.append(
            (
                must,
                tantivy.Query.range_query(
                    schema, "ocop", tantivy.FieldType.Unsigned, filters.ocop_min, 5
                ),
            )
        )
    return clauses


def text_clauses(schema: tantivy.Schema, text: str) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """Every word must appear in the names (weighted) or the rest of the text."""
    clauses = []
    for word in tokens(text)[:MAX_WORDS]:
        clauses.append(
            (
                tantivy.Occur.Must,
                any_of(
                    [
                        tantivy.Query.boost_query(term(schema, "name", word), NAME_BOOST),
                        term(schema, "body", word),
                    ]
                ),
            )
        )
    return clauses


def combine(clauses: list[tuple[tantivy.Occur, tantivy.Query]]) -> tantivy.Query:
    if not any(occur == tantivy.Occur.Must for occur, _q in clauses):
        clauses = [*clauses, (tantivy.Occur.Must, tantivy.Query.all_query())]
    return tantivy.Query.boolean_query(clauses)


# -- the indexes ----------------------------------------------------------------------------


class _CatalogueIndex(TantivyIndex):
    schema: tantivy.Schema

    def _documents(self, ids: list[int] | None) -> Iterator[tantivy.Document]:
        raise NotImplementedError

    def update(self, ids: Iterable[int]) -> None:
        """Bring these entries in step with the database (re-added or removed)."""
        ids = sorted(set(ids))
        if not ids:
            return
        with self._writer() as writer:
            for pk in ids:
                # A term *query*: delete_documents_by_term would take the int as signed.
                writer.delete_documents_by_query(term(self.schema, "id", pk))
            for doc in self._documents(ids):
                writer.add_document(doc)

    def rebuild(self, *, progress=None, batch_size: int = 10_000) -> int:
        """Replace the whole index with what the database holds (one commit at the end)."""
        count = 0
        with self._writer(heap=WRITER_HEAP_BYTES, threads=2) as writer:
            writer.delete_all_documents()
            for doc in self._documents(None):
                writer.add_document(doc)
                count += 1
                if progress and count % batch_size == 0:
                    progress(count)
        return count

    def count(self) -> int:
        return self.searcher().num_docs

    def search(
        self,
        query: tantivy.Query,
        *,
        ranked: bool,
        offset: int = 0,
        limit: int = 20,
        count: bool = True,
    ) -> SearchHits:
        searcher = self.searcher()
        offset = max(0, min(offset, MAX_RESULTS_WINDOW))
        if ranked:
            result = searcher.search(query, limit=limit, offset=offset, count=count)
        else:
            result = searcher.search(
                query,
                limit=limit,
                offset=offset,
                count=count,
                order_by_field="order",
                order=tantivy.Order.Desc,
            )
        addresses = [address for _s, address in result.hits]
        ids = [int(i) for i in searcher.fast_field_values("id", addresses)] if addresses else []
        scores = [float(s) if ranked else 0.0 for s, _a in result.hits]
        return SearchHits(total=result.count or 0, ids=ids, scores=scores)


class ProductIndex(_CatalogueIndex):
    def __init__(self, path: Path) -> None:
        super().__init__(path, PRODUCT_SCHEMA)

    def _documents(self, ids):
        return product_documents(ids)


class CompanyIndex(_CatalogueIndex):
    writer_heap = 32 * 1024 * 1024

    def __init__(self, path: Path) -> None:
        super().__init__(path, COMPANY_SCHEMA)

    def _documents(self, ids):
        return company_documents(ids)


# -- documents ------------------------------------------------------------------------------


def _verified(company_ids: list[int] | None) -> set[int]:
    qs = Verification.objects.filter(revoked_at__isnull=True)
    if company_ids is not None:
        qs = qs.filter(company_id__in=company_ids)
    return set(qs.values_list("company_id", flat=True))


def _certificates(*, product_ids=None, company_ids=None, company_wide: bool):
    """{owner id: [(kind, from, to)]}: by product, or (company_wide) the company-wide ones by
    company; None ids: all."""
    qs = Certificate.objects.all()
    if company_wide:
        qs = qs.filter(product__isnull=True)
        if company_ids is not None:
            qs = qs.filter(company_id__in=company_ids)
        key = "company_id"
    else:
        qs = qs.filter(product__isnull=False)
        if product_ids is not None:
            qs = qs.filter(product_id__in=product_ids)
        key = "product_id"
    out: dict[int, list] = {}
    for owner, kind, start, end in qs.values_list(key, "kind", "valid_from", "valid_to"):
        out.setdefault(owner, []).append((kind, start, end))
    return out


_PRODUCT_COLUMNS = (
    "pk",
    "company_id",
    "name_vi",
    "name_en",
    "description_vi",
    "description_en",
    "hs_code",
    "category",
    "province_code",
    "ocop_stars",
    "signature",
    "published_at",
    "company__markets",
    "company__organisation__name",
    "company__organisation__name_en",
)


def product_documents(ids: list[int] | None, *, batch_size: int = 5_000):
    """Documents of the published products of active companies among ``ids`` (None: all)."""
    base = Product.objects.filter(
        status=ProductStatus.PUBLISHED, company__status=CompanyStatus.ACTIVE
    ).order_by("pk")
    if ids is not None:
        base = base.filter(pk__in=ids)
    whole = ids is None
    verified = _verified(None) if whole else None
    company_wide = _certificates(company_wide=True) if whole else None
    own = _certificates(company_wide=False) if whole else None
    last = 0
    while True:
        rows = list(base.filter(pk__gt=last).values_list(*_PRODUCT_COLUMNS)[:batch_size])
        if not rows:
            return
        last = rows[-1][0]
        if not whole:
            pids = [r[0] for r in rows]
            cids = sorted({r[1] for r in rows})
            verified = _verified(cids)
            company_wide = _certificates(company_ids=cids, company_wide=True)
            own = _certificates(product_ids=pids, company_wide=False)
        for (
            pk,
            cid,
            name_vi,
            name_en,
            desc_vi,
            desc_en,
            hs_code,
            category,
            province,
            ocop,
            signature,
            published_at,
            markets,
            org_name,
            org_name_en,
        ) in rows:
            kw = [f"hs:{p}" for p in prefixes(hs_code)]
            kw += [f"p:{province}", f"cat:{category}"]
            kw += [f"m:{m}" for m in markets or ()]
            if signature:
                kw.append("sig")
            if cid in verified:
                kw.append("ver")
            published = int(published_at.timestamp()) if published_at else 0
            yield tantivy.Document.from_dict(
                {
                    "id": [pk],
                    "company": [cid],
                    "name": [fold(f"{name_vi} {name_en}")],
                    "body": [fold(f"{desc_vi} {desc_en} {org_name} {org_name_en}")],
                    "kw": kw,
                    "ck": certificate_terms(own.get(pk, []) + company_wide.get(cid, [])),
                    "ocop": [ocop or 0],
                    "order": [(int(bool(signature)) << 40) + max(0, published)],
                },
                PRODUCT_SCHEMA,
            )


_COMPANY_COLUMNS = (
    "pk",
    "role",
    "province_code",
    "sectors",
    "markets",
    "channels",
    "capacity",
    "reliability",
    "organisation__name",
    "organisation__name_en",
    "organisation__description",
    "organisation__city",
    "organisation__country",
)


def company_documents(ids: list[int] | None, *, batch_size: int = 5_000):
    base = Company.objects.filter(status=CompanyStatus.ACTIVE).order_by("pk")
    if ids is not None:
        base = base.filter(pk__in=ids)
    last = 0
    while True:
        rows = list(base.filter(pk__gt=last).values_list(*_COMPANY_COLUMNS)[:batch_size])
        if not rows:
            return
        first, last = rows[0][0], rows[-1][0]
        cids = [r[0] for r in rows]
        window = {"company_id__gte": first, "company_id__lte": last}
        verified = _verified(cids)
        certificates: dict[int, list] = {}
        for cid, kind, start, end in Certificate.objects.filter(**window).values_list(
            "company_id", "kind", "valid_from", "valid_to"
        ):
            certificates.setdefault(cid, []).append((kind, start, end))
        carried: dict[int, set[str]] = {}
        for cid, hs_code in DistributionChannel.objects.filter(
            distributor_id__gte=first, distributor_id__lte=last
        ).values_list("distributor_id", "product__hs_code"):
            carried.setdefault(cid, set()).add(hs_code[:2])
        for (
            pk,
            role,
            province,
            sectors,
            markets,
            channels,
            capacity,
            reliability,
            name,
            name_en,
            description,
            city,
            country,
        ) in rows:
            kw = [f"role:{role}", f"c:{country}"]
            if province is not None:
                kw.append(f"p:{province}")
            kw += [f"s:{s}" for s in {*(sectors or ()), *carried.get(pk, ())}]
            kw += [f"m:{m}" for m in markets or ()]
            kw += [f"ch:{c}" for c in channels or ()]
            if pk in verified:
                kw.append("ver")
            yield tantivy.Document.from_dict(
                {
                    "id": [pk],
                    "name": [fold(f"{name} {name_en}")],
                    "body": [fold(f"{description} {capacity} {city}")],
                    "kw": kw,
                    "ck": certificate_terms(certificates.get(pk, [])),
                    "order": [reliability],
                },
                COMPANY_SCHEMA,
            )


# -- the process's indexes and the hooks ----------------------------------------------------

_indexes: dict[str, _CatalogueIndex] = {}
_indexes_lock = threading.Lock()


def _index(cls, path) -> _CatalogueIndex:
    key = f"{cls.__name__}:{path}"
    index = _indexes.get(key)
    if index is None:
        with _indexes_lock:
            index = _indexes.setdefault(key, cls(Path(path)))
    return index


def product_index() -> ProductIndex:
    return _index(ProductIndex, settings.PRODUCT_INDEX_DIR)


def company_index() -> CompanyIndex:
    return _index(CompanyIndex, settings.COMPANY_INDEX_DIR)


def _safely(action, *args) -> None:
    # The database change is committed already: a failing index update must not turn the
    # user's save into an error page. The entry is stale until the next update or reindex.
    try:
        action(*args)
    except Exception:
        logger.exception("trade search index update failed")


def update_products_now(product_ids: Iterable[int]) -> None:
    ids = sorted(set(product_ids))
    if not ids:
        return
    product_index().update(ids)
    # A product's certificates and the chapters of its goods are part of its company's entry.
    company_index().update(Product.objects.filter(pk__in=ids).values_list("company_id", flat=True))


def update_companies_now(company_ids: Iterable[int], *, with_products: bool = False) -> None:
    ids = sorted(set(company_ids))
    if not ids:
        return
    company_index().update(ids)
    if with_products:
        product_index().update(
            Product.objects.filter(company_id__in=ids).values_list("pk", flat=True)
        )


def schedule_product_update(product_ids: Iterable[int]) -> None:
    """Re-index these products when the current transaction commits."""
    ids = list(product_ids)
    if ids:
        transaction.on_commit(lambda: _safely(update_products_now, ids))


def schedule_company_update(company_ids: Iterable[int], *, with_products: bool = False) -> None:
    """Re-index these companies (and, with_products, all their products) on commit."""
    ids = list(company_ids)
    if ids:
        transaction.on_commit(
            lambda: _safely(lambda: update_companies_now(ids, with_products=with_products))
        )


def rebuild_all(progress=None) -> tuple[int, int]:
    """(products, companies) indexed."""
    return product_index().rebuild(progress=progress), company_index().rebuild()
