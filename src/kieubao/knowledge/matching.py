"""Matching experts to needs: explainable, across Vietnamese and English.

Contract (views, API and tests rely on it):

    recommend(need, *, limit=10) -> list[Recommendation]
        Ranked experts for a need: only people with consent_contact (checked against the
        database at query time), never one with a conflict of interest with the need's owner.
    needs_for_expert(person, *, limit=10) -> list[NeedMatch]
        Published needs that fit an expert, ranked, with reasons.
    assign(needs, *, per_need_candidates=50) -> dict[int, list[int]]
        Experts per need under each expert's maximum load, conflicts excluded (min-cost flow).
    schedule_expert_reindex(person_ids)
        Bring the experts' index entries up to date after this transaction commits.

How a need is matched (chosen by measurement, bench/knowledge/ and bench/README.md):

1. The need's title and description are analysed (terms.analyse: folded, plurals dropped) and
   the lexicon's concepts and the taxonomy's names it mentions are found, in either language;
   every term of those concepts is added to the query (so "bán dẫn" also asks for
   "semiconductor"). The names of the need's fields, in both languages, are added too.
2. Candidates come from the experts index (expert_index.py): BM25 over keywords, works and
   field names (``kw``) and position, summary, biography and employer (``body``), with the
   need's words, its word pairs as phrases and the expansions, plus the need's fields (and
   their parents) as taxonomy terms.
3. Every candidate is re-read from the database — consent to be contacted, conflicts of
   interest (ExpertProfile.employers), current load — and ranked by a blend of the normalised
   BM25 score, taxonomy overlap (partial credit through parents) and smaller signals
   (availability, language, preferred kind and mode of work, innovation network membership).
   Each recommendation carries the reasons that produced it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

import tantivy
from django.db import connection
from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kieubao.community.models import (
    ExpertiseField,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
)

from .expert_index import SCHEMA, expert_index, schedule_update, term
from .models import (
    Availability,
    Engagement,
    EngagementKind,
    EngagementStatus,
    ExpertProfile,
    Invitation,
    Need,
    NeedStatus,
    Work,
    WorkKind,
    WorkMode,
)
from .terms import Vocabulary, analyse, content_words, vocabulary


@dataclass
class Reason:
    kind: str  # field | keyword | work | language | availability | network | kind | mode
    label: str  # translated, shown to the user


@dataclass
class Recommendation:
    person_id: int
    name: str
    position: str
    score: float
    reasons: list[Reason] = field(default_factory=list)
    at_capacity: bool = False


@dataclass
class NeedMatch:
    need: object
    score: float
    reasons: list[Reason] = field(default_factory=list)


# Methods measured by bench/knowledge/evaluate.py; "blend" is the production one. "bm25" is
# the index query alone (with the bilingual expansion), "bm25_plain" without any expansion,
# "taxonomy" the field overlap alone.
METHODS = ("blend", "bm25", "bm25_plain", "taxonomy")
# Weights of the blend, chosen on the labelled benchmark (bench/knowledge, a sweep of
# text/taxonomy from 0.55/0.35 to 0.85/0.05): text carries the sub-topic, which the taxonomy
# cannot tell apart; 0.1 of taxonomy still lifts the cross-language slice.
W_TEXT, W_TAXONOMY, W_EXTRAS = 0.80, 0.10, 0.10
# When the owner chose the need's fields, taxonomy weighs more: the text's incidental words
# ("a training programme" in a vaccine need) must not outrank an expert of the chosen fields.
W_TEXT_EXPLICIT, W_TAXONOMY_EXPLICIT = 0.70, 0.20
# Clause boosts of the index query.
B_WORD_KW, B_WORD_BODY = 1.0, 0.4
B_PAIR_KW, B_PAIR_BODY = 1.2, 0.5
B_EXPANSION_KW, B_EXPANSION_BODY = 0.9, 0.35
B_FIELD, B_PARENT_FIELD = 2.0, 0.8
MAX_QUERY_WORDS = 40
MAX_EXPANSIONS = 60
UNAVAILABLE_FACTOR = 0.5
AT_CAPACITY_FACTOR = 0.8


# -- the need as a query ------------------------------------------------------------------------


@dataclass
class NeedQuery:
    words: list[str]  # analysed content words of the text, in order, distinct
    pairs: list[tuple[str, str]]  # adjacent content words
    expansions: list[tuple[str, ...]]  # terms of the concepts mentioned and of the fields
    fields: list[str]  # the need's fields (slugs); else the fields its text mentions
    explicit_fields: bool
    phrases: set[str] = field(default_factory=set)  # every term above, as "w1 w2"

    @property
    def empty(self) -> bool:
        return not (self.words or self.expansions or self.fields)


def need_query(
    text: str, field_slugs: Iterable[str] = (), vocab: Vocabulary | None = None
) -> NeedQuery:
    vocab = vocab or vocabulary()
    all_words = analyse(text)
    words = list(dict.fromkeys(content_words(all_words)))[:MAX_QUERY_WORDS]
    pairs: list[tuple[str, str]] = []
    content = content_words(all_words)
    for a, b in pairwise(content):
        if a != b and (a, b) not in pairs:
            pairs.append((a, b))
    pairs = pairs[:MAX_QUERY_WORDS]
    mentioned = vocab.find(all_words)
    expansions: list[tuple[str, ...]] = []
    inferred: list[str] = []
    explicit = [s for s in dict.fromkeys(field_slugs) if s in vocab.field_names]
    for number in mentioned:
        concept = vocab.concepts[number]
        expansions.extend(concept.terms)
        if concept.field_slug and concept.field_slug not in inferred:
            inferred.append(concept.field_slug)
    for slug in explicit:
        for name in vocab.field_names[slug]:
            expansions.append(tuple(analyse(name)))
    expansions = [t for t in dict.fromkeys(expansions) if t][:MAX_EXPANSIONS]
    query = NeedQuery(
        words=words,
        pairs=pairs,
        expansions=expansions,
        fields=explicit or inferred,
        explicit_fields=bool(explicit),
    )
    query.phrases = set(words) | {" ".join(p) for p in pairs} | {" ".join(t) for t in expansions}
    return query


def _need_text(need: Need) -> str:
    return f"{need.title} {need.description}"


def _need_fields(need: Need) -> list[str]:
    return [f.slug for f in need.fields.all()]


def _phrase_or_term(name: str, words: Sequence[str], boost: float) -> tantivy.Query:
    if len(words) == 1:
        query = term(name, words[0])
    else:
        query = tantivy.Query.phrase_query(SCHEMA, name, list(words))
    return tantivy.Query.boost_query(query, boost)


def index_query(query: NeedQuery, method: str, vocab: Vocabulary) -> tantivy.Query | None:
    clauses: list[tantivy.Query] = []
    if method in ("blend", "bm25", "bm25_plain"):
        for word in query.words:
            clauses.append(_phrase_or_term("kw", (word,), B_WORD_KW))
            clauses.append(_phrase_or_term("body", (word,), B_WORD_BODY))
        for pair in query.pairs:
            clauses.append(_phrase_or_term("kw", pair, B_PAIR_KW))
            clauses.append(_phrase_or_term("body", pair, B_PAIR_BODY))
    if method in ("blend", "bm25"):
        seen = set(query.words)
        for words in query.expansions:
            if len(words) == 1 and words[0] in seen:
                continue
            clauses.append(_phrase_or_term("kw", words, B_EXPANSION_KW))
            clauses.append(_phrase_or_term("body", words, B_EXPANSION_BODY))
    if method in ("blend", "taxonomy"):
        for slug in query.fields:
            clauses.append(tantivy.Query.boost_query(term("fk", f"f:{slug}"), B_FIELD))
            parent = vocab.parents.get(slug)
            if parent:
                clauses.append(tantivy.Query.boost_query(term("fk", f"f:{parent}"), B_PARENT_FIELD))
    if not clauses:
        return None
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in clauses])


# -- candidates as the database has them now ----------------------------------------------------


@dataclass
class Candidate:
    person_id: int
    name: str
    languages: list[str]
    fields: list[str]  # slugs, own fields only
    profile_id: int
    position: str
    keywords: list[str]
    summary: str
    availability: str
    engagement_kinds: list[str]
    work_modes: list[str]
    max_load: int
    active: int = 0
    works: list[tuple[str, str, int | None]] = field(default_factory=list)  # kind, title, year
    networks: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return max(0, self.max_load - self.active)


def _in(ids) -> tuple[str, list]:
    ids = [int(i) for i in ids]
    return ", ".join(["%s"] * len(ids)), ids


def _json_list(value) -> list:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return list(value or [])


def load_candidates(person_ids: Iterable[int], *, owner_id: int | None = None) -> dict:
    """The candidates among ``person_ids`` who may be recommended now: an expert profile,
    consent to be contacted (read here, not from the index), and not employed by
    ``owner_id``. Five queries whatever the number of candidates, in plain SQL: this runs on
    every recommendation, and building the same queries through the ORM cost more than
    running them (table names come from model metadata, values are parameters)."""
    ids = list(person_ids)
    if not ids:
        return {}
    qn = connection.ops.quote_name
    profile_t = qn(ExpertProfile._meta.db_table)
    person_t = qn(Person._meta.db_table)
    employers_t = qn(ExpertProfile.employers.through._meta.db_table)
    marks, params = _in(ids)
    conflict = ""
    if owner_id is not None:
        conflict = (
            f"AND NOT EXISTS (SELECT 1 FROM {employers_t} m "  # noqa: S608 - see above
            "WHERE m.expertprofile_id = p.id AND m.organisation_id = %s)"
        )
        params = [*params, owner_id]
    out: dict[int, Candidate] = {}
    by_profile: dict[int, Candidate] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.person_id, pe.full_name, pe.languages, p.id, p.position, p.keywords, "  # noqa: S608 - names from model metadata
            "p.summary, p.availability, p.engagement_kinds, p.work_modes, p.max_load "
            f"FROM {profile_t} p JOIN {person_t} pe ON pe.id = p.person_id "
            f"WHERE p.person_id IN ({marks}) AND pe.consent_contact = %s {conflict}",
            [*params[: len(ids)], True, *params[len(ids) :]],
        )
        for (pid, name, langs, profile_id, position, keywords, summary, availability, kinds,
             modes, max_load) in cursor.fetchall():  # fmt: skip
            candidate = Candidate(
                person_id=pid,
                name=name,
                languages=_json_list(langs),
                fields=[],
                profile_id=profile_id,
                position=position,
                keywords=[k.strip() for k in keywords.split(",") if k.strip()],
                summary=summary,
                availability=availability,
                engagement_kinds=_json_list(kinds),
                work_modes=_json_list(modes),
                max_load=max_load,
            )
            out[pid] = candidate
            by_profile[profile_id] = candidate
        if not out:
            return out
        people_marks, people = _in(out)
        profile_marks, profiles = _in(by_profile)
        through = Person.fields.through._meta.db_table
        cursor.execute(
            f"SELECT pf.person_id, f.slug FROM {qn(through)} pf "  # noqa: S608 - names from model metadata
            f"JOIN {qn(ExpertiseField._meta.db_table)} f ON f.id = pf.expertisefield_id "
            f"WHERE pf.person_id IN ({people_marks}) ORDER BY f.position, f.slug",
            people,
        )
        for pid, slug in cursor.fetchall():
            out[pid].fields.append(slug)
        cursor.execute(
            f"SELECT profile_id, kind, title, year FROM {qn(Work._meta.db_table)} "  # noqa: S608 - names from model metadata
            f"WHERE profile_id IN ({profile_marks}) ORDER BY year DESC, id",
            profiles,
        )
        for profile_id, kind, title, year in cursor.fetchall():
            by_profile[profile_id].works.append((kind, title, year))
        org_t = qn(Organisation._meta.db_table)
        cursor.execute(
            "SELECT ms.person_id, o.name, parent.name "  # noqa: S608 - names from model metadata
            f"FROM {qn(Membership._meta.db_table)} ms "
            f"JOIN {org_t} o ON o.id = ms.organisation_id "
            f"LEFT JOIN {org_t} parent ON parent.id = o.parent_id "
            f"WHERE ms.person_id IN ({people_marks}) AND o.kind = %s ORDER BY o.id",
            [*people, OrganisationKind.INNOVATION_NETWORK.value],
        )
        for pid, name, parent_name in cursor.fetchall():
            out[pid].networks.append(parent_name or name)
        cursor.execute(
            f"SELECT expert_id, COUNT(*) FROM {qn(Engagement._meta.db_table)} "  # noqa: S608 - names from model metadata
            f"WHERE expert_id IN ({people_marks}) AND status = %s GROUP BY expert_id",
            [*people, EngagementStatus.ACTIVE.value],
        )
        for pid, n in cursor.fetchall():
            out[pid].active = n
    return out


# -- scoring and reasons ------------------------------------------------------------------------


def field_credit(
    wanted: list[str], own: Iterable[str], vocab: Vocabulary, *, best: bool = False
) -> tuple[float, list, list]:
    """Taxonomy overlap in [0, 1]: for each wanted field, 1 if the expert has it (or a field
    below it), 0.5 if the expert has its parent, 0.3 a sibling; the mean over the wanted
    fields, or with ``best`` the best of them (fields only inferred from a need's text, where
    an incidental mention must not halve the credit). Returns the shared and the related
    fields too (slugs)."""
    if not wanted:
        return 0.0, [], []
    own = set(own)
    parents = vocab.parents
    own_up = set(own)
    for slug in own:
        parent = parents.get(slug)
        if parent:
            own_up.add(parent)
    shared, related, credits = [], [], []
    for slug in wanted:
        parent = parents.get(slug)
        if slug in own_up:
            credits.append(1.0)
            shared.append(slug)
        elif parent and parent in own:
            credits.append(0.5)
            related.append(parent)
        elif parent and any(parents.get(o) == parent for o in own):
            credits.append(0.3)
            related.append(next(o for o in own if parents.get(o) == parent))
        else:
            credits.append(0.0)
    credit = max(credits) if best else sum(credits) / len(credits)
    return credit, shared, related


def _field_names(slugs: Iterable[str], vocab: Vocabulary) -> str:
    english = (get_language() or "vi").startswith("en")
    return ", ".join(vocab.field_names[s][1 if english else 0] for s in slugs)


def _padded(text: str) -> str:
    return f" {' '.join(analyse(text))} "


def _mentions(text_padded: str, query: NeedQuery, multiword_only: bool = False) -> int:
    return sum(
        1
        for phrase in query.phrases
        if (not multiword_only or " " in phrase) and f" {phrase} " in text_padded
    )


def matching_keywords(keywords: list[str], query: NeedQuery) -> list[str]:
    out = []
    for keyword in keywords:
        words = analyse(keyword)
        if not words:
            continue
        joined = " ".join(words)
        padded = f" {joined} "
        if joined in query.phrases or _mentions(padded, query, multiword_only=True):
            out.append(keyword)
            continue
        significant = content_words(words)
        if significant and sum(w in query.phrases for w in significant) * 2 >= len(significant):
            out.append(keyword)
    return out


def best_work(works, query: NeedQuery):
    best, best_hits = None, 0
    for kind, title, year in works:
        padded = _padded(title)
        # A phrase or a domain term of the lexicon says more than a single word in common.
        hits = 2 * _mentions(padded, query, multiword_only=True) + sum(
            2 if (w,) in query.expansions else 1
            for w in set(content_words(padded.split()))
            if w in query.phrases
        )
        if hits >= 2 and (hits > best_hits or (hits == best_hits and (year or 0) > (best[2] or 0))):
            best, best_hits = (kind, title, year), hits
    return best


def _modes_fit(need: Need, c: Candidate) -> bool:
    modes = set(c.work_modes)
    return (
        not modes or WorkMode.EITHER in modes or need.mode == WorkMode.EITHER or need.mode in modes
    )


def _extras(need: Need, c: Candidate) -> float:
    """The smaller signals in [0, 1]: availability, language, preferred kind, way of
    working, innovation network membership (one fifth each)."""
    points = {Availability.AVAILABLE: 1.0, Availability.LIMITED: 0.5}.get(c.availability, 0.0)
    points += (need.language or "vi") in c.languages
    points += bool(need.kind) and need.kind in c.engagement_kinds
    points += _modes_fit(need, c)
    points += bool(c.networks)
    return points / 5


def extra_reasons(need: Need, c: Candidate) -> list[Reason]:
    reasons: list[Reason] = []
    if c.availability == Availability.AVAILABLE:
        reasons.append(Reason("availability", _("Available")))
    elif c.availability == Availability.LIMITED:
        reasons.append(Reason("availability", _("Limited availability")))
    language = need.language or "vi"
    if language in c.languages:
        label = _("Speaks Vietnamese") if language == "vi" else _("Speaks English")
        reasons.append(Reason("language", label))
    if need.kind and need.kind in c.engagement_kinds:
        kind = str(EngagementKind(need.kind).label).lower()
        reasons.append(Reason("kind", _("Prefers %(kind)s") % {"kind": kind}))
    modes = set(c.work_modes)
    if need.mode == WorkMode.REMOTE and modes & {WorkMode.REMOTE, WorkMode.EITHER}:
        reasons.append(Reason("mode", _("Works remotely")))
    elif need.mode == WorkMode.ON_SITE and modes & {WorkMode.ON_SITE, WorkMode.EITHER}:
        reasons.append(Reason("mode", _("Can work on site")))
    if c.networks:
        reasons.append(Reason("network", _("Member of %(network)s") % {"network": c.networks[0]}))
    return reasons


def explain(need: Need, query: NeedQuery, c: Candidate, vocab: Vocabulary) -> list[Reason]:
    """What the expert's profile shares with the need (content reasons)."""
    reasons: list[Reason] = []
    _credit, shared, related = field_credit(
        query.fields, c.fields, vocab, best=not query.explicit_fields
    )
    if shared:
        reasons.append(
            Reason(
                "field", _("Shared fields: %(fields)s") % {"fields": _field_names(shared, vocab)}
            )
        )
    if related:
        names = _field_names(dict.fromkeys(related), vocab)
        reasons.append(Reason("field", _("Related field: %(fields)s") % {"fields": names}))
    keywords = matching_keywords(c.keywords, query)
    if keywords:
        reasons.append(
            Reason("keyword", _("Keywords: %(keywords)s") % {"keywords": ", ".join(keywords[:4])})
        )
    work = best_work(c.works, query)
    if work:
        kind, title, year = work
        values = {"title": title, "year": year}
        if kind == WorkKind.PATENT:
            label = _("Patent: %(title)s (%(year)s)") if year else _("Patent: %(title)s")
        else:
            label = _("Publication: %(title)s (%(year)s)") if year else _("Publication: %(title)s")
        reasons.append(Reason("work", label % values))
    if not keywords and not work and c.summary and _mentions(_padded(c.summary), query):
        reasons.append(Reason("keyword", _("Summary mentions what the need asks for")))
    return reasons


# -- recommend ----------------------------------------------------------------------------------


@dataclass
class Ranked:
    candidate: Candidate
    score: float
    reasons: list[Reason]


def rank(
    need: Need,
    *,
    limit: int = 10,
    method: str = "blend",
    pool: int | None = None,
    with_reasons: bool = True,
) -> list[Ranked]:
    """The ranking behind recommend() and assign(); ``method`` is one of METHODS."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    vocab = vocabulary()
    query = need_query(_need_text(need), _need_fields(need), vocab)
    if query.empty:
        return []
    tantivy_query = index_query(query, method, vocab)
    if tantivy_query is None:
        return []
    # Beyond the best few BM25 hits, candidates rarely reach the top after re-ranking
    # (text weighs 0.8); the pool bounds the database re-check.
    pool = pool or min(400, max(50, limit * 5))
    hits = expert_index().search(tantivy_query, limit=pool)
    bm25 = dict(hits)
    candidates = load_candidates(bm25, owner_id=need.owner_id)
    if not candidates:
        return []
    top = max(bm25[pid] for pid in candidates) or 1.0
    best = not query.explicit_fields
    ranked: list[Ranked] = []
    for pid, c in candidates.items():
        text = bm25[pid] / top
        taxonomy, _shared, _related = field_credit(query.fields, c.fields, vocab, best=best)
        if method in ("bm25", "bm25_plain"):
            score = text
        elif method == "taxonomy":
            score = taxonomy
        else:
            w_text, w_taxonomy = (
                (W_TEXT_EXPLICIT, W_TAXONOMY_EXPLICIT) if query.explicit_fields
                else (W_TEXT, W_TAXONOMY)
            )  # fmt: skip
            score = w_text * text + w_taxonomy * taxonomy + W_EXTRAS * _extras(need, c)
            if c.availability == Availability.UNAVAILABLE:
                score *= UNAVAILABLE_FACTOR
            if c.remaining == 0:
                score *= AT_CAPACITY_FACTOR
        if score > 0:
            ranked.append(Ranked(c, round(score, 4), []))
    ranked.sort(key=lambda r: (-r.score, r.candidate.person_id))
    ranked = ranked[:limit]
    if with_reasons:
        for r in ranked:
            r.reasons = explain(need, query, r.candidate, vocab) + extra_reasons(need, r.candidate)
    return ranked


def recommend(need, *, limit: int = 10, method: str = "blend") -> list[Recommendation]:
    """Ranked experts for ``need`` with their reasons (see the module docstring)."""
    limit = max(1, min(int(limit), 100))
    return [
        Recommendation(
            person_id=r.candidate.person_id,
            name=r.candidate.name,
            position=r.candidate.position,
            score=r.score,
            reasons=r.reasons,
            at_capacity=r.candidate.remaining == 0,
        )
        for r in rank(need, limit=limit, method=method)
    ]


# -- needs for an expert ------------------------------------------------------------------------

MAX_NEEDS_SCANNED = 2000
MIN_CONTENT_SCORE = 0.05


def needs_for_expert(person, *, limit: int = 10) -> list[NeedMatch]:
    """Published needs open to answers that fit ``person``'s expertise, best first. Needs of
    bodies that employ the expert are left out (conflict of interest)."""
    vocab = vocabulary()
    candidates = _expert_self(person)
    if candidates is None:
        return []
    c, profile_words, field_words = candidates
    if not profile_words and not c.fields:
        return []
    profile_set = set(profile_words) | set(field_words)
    padded = f" {' '.join(profile_words)} "
    # Concepts the expert's own words name count fully; those only their fields name, half.
    strong = set(vocab.find(profile_words))
    weak = set(vocab.find(field_words)) - strong
    today = date.today()
    needs_qs = (
        Need.objects.filter(status=NeedStatus.PUBLISHED)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .exclude(owner__employed_experts__person_id=c.person_id)
        .select_related("owner")
        .prefetch_related("fields")
        .order_by("-published_at", "-id")[:MAX_NEEDS_SCANNED]
    )
    needs = list(needs_qs)
    if not needs:
        return []
    queries = [need_query(_need_text(n), _need_fields(n), vocab) for n in needs]
    # Rarer words weigh more: a document frequency over the needs scanned.
    frequency: Counter = Counter()
    for q in queries:
        frequency.update(set(q.words))
    total = len(needs)
    out: list[NeedMatch] = []
    for need, query in zip(needs, queries, strict=True):
        weights = {w: 1.0 / (1 + frequency[w] / total * 4) for w in query.words}
        word_part = sum(weights[w] for w in query.words if w in profile_set)
        word_part /= sum(weights.values()) or 1.0
        need_concepts = set(vocab.find(analyse(_need_text(need))))
        concept_part = (
            (len(need_concepts & strong) + 0.5 * len(need_concepts & weak)) / len(need_concepts)
            if need_concepts
            else 0.0
        )
        phrase_hits = sum(1 for p in query.phrases if " " in p and f" {p} " in padded)
        # Concepts weigh more than words: they hold across languages, words do not.
        text = min(1.0, 0.3 * word_part + 0.7 * concept_part + 0.1 * phrase_hits)
        taxonomy, _s, _r = field_credit(
            query.fields, c.fields, vocab, best=not query.explicit_fields
        )
        content = W_TEXT * text + W_TAXONOMY * taxonomy
        if content < MIN_CONTENT_SCORE:
            continue  # a shared language or kind alone is no fit
        score = content + W_EXTRAS * _extras(need, c)
        reasons = explain(need, query, c, vocab) + [
            r for r in extra_reasons(need, c) if r.kind in ("kind", "mode", "language")
        ]
        out.append(NeedMatch(need=need, score=round(score, 4), reasons=reasons))
    out.sort(key=lambda m: (-m.score, -m.need.pk))
    return out[: max(1, min(int(limit), 100))]


def _expert_self(person) -> tuple[Candidate, list[str], list[str]] | None:
    pid = getattr(person, "pk", person)
    person_row = Person.objects.filter(pk=pid).values_list("full_name", "languages", "bio").first()
    if person_row is None:
        return None
    name, languages, bio = person_row
    profile = ExpertProfile.objects.filter(person_id=pid).prefetch_related("works").first()
    fields = list(Person.fields.through.objects.filter(person_id=pid).values_list(
        "expertisefield__slug", flat=True
    ))  # fmt: skip
    vocab = vocabulary()
    field_text = " ".join(" ".join(vocab.field_names[s]) for s in fields if s in vocab.field_names)
    if profile is None:
        c = Candidate(pid, name, list(languages or []), fields, 0, "", [], "", "available", [],
                      [], 0)  # fmt: skip
        return c, analyse(bio), analyse(field_text)
    c = Candidate(
        person_id=pid,
        name=name,
        languages=list(languages or []),
        fields=fields,
        profile_id=profile.pk,
        position=profile.position,
        keywords=profile.keyword_list,
        summary=profile.summary,
        availability=profile.availability,
        engagement_kinds=list(profile.engagement_kinds or []),
        work_modes=list(profile.work_modes or []),
        max_load=profile.max_load,
        works=[(w.kind, w.title, w.year) for w in profile.works.all()],
    )
    text = " , ".join(
        [profile.keywords, profile.position, profile.summary, bio]
        + [w.title for w in profile.works.all()]
    )
    return c, analyse(text), analyse(field_text)


# -- assignment ---------------------------------------------------------------------------------

SCORE_SCALE = 10_000


def assign(
    needs, *, per_need_candidates: int = 50, exclude_invited: bool = True
) -> dict[int, list[int]]:
    """Experts for each need, as a min-cost flow (the way OpenReview's matcher assigns
    reviewers): each need gets up to ``experts_wanted`` (less its active engagements), each
    expert at most ``max_load`` less their active engagements across all needs; among the
    assignments with the most pairs, the one with the greatest total score. Conflicts of
    interest and people without consent never enter (they are not candidates). With
    ``exclude_invited``, people already invited to a need are not proposed for it again."""
    import networkx as nx

    needs = list(needs)
    graph = nx.DiGraph()
    source, sink = "source", "sink"
    remaining: dict[int, int] = {}
    invited: dict[int, set[int]] = {}
    if exclude_invited and needs:
        for need_id, expert_id in Invitation.objects.filter(
            need__in=[n.pk for n in needs]
        ).values_list("need_id", "expert_id"):
            invited.setdefault(need_id, set()).add(expert_id)
    engaged = dict(
        Need.objects.filter(pk__in=[n.pk for n in needs])
        .annotate(n=Count("engagements", filter=Q(engagements__status=EngagementStatus.ACTIVE)))
        .values_list("pk", "n")
    )
    for need in needs:
        wanted = max(0, need.experts_wanted - engaged.get(need.pk, 0))
        if wanted == 0:
            continue
        ranked = rank(need, limit=per_need_candidates, with_reasons=False)
        edges = 0
        for r in ranked:
            c = r.candidate
            if c.person_id in invited.get(need.pk, ()):
                continue
            remaining[c.person_id] = c.remaining
            if c.remaining == 0:
                continue
            cost = SCORE_SCALE - int(r.score * SCORE_SCALE)
            graph.add_edge(("n", need.pk), ("e", c.person_id), capacity=1, weight=max(0, cost))
            edges += 1
        if edges:
            graph.add_edge(source, ("n", need.pk), capacity=wanted, weight=0)
    for pid, capacity in remaining.items():
        if capacity > 0 and graph.has_node(("e", pid)):
            graph.add_edge(("e", pid), sink, capacity=capacity, weight=0)
    result: dict[int, list[int]] = {n.pk: [] for n in needs}
    if not graph.has_node(source) or not graph.has_node(sink):
        return result
    flow = nx.max_flow_min_cost(graph, source, sink)
    for node, targets in flow.items():
        if isinstance(node, tuple) and node[0] == "n":
            chosen = [t[1] for t, units in targets.items() if units > 0]
            scores = {t[1]: graph[node][t]["weight"] for t in targets}
            result[node[1]] = sorted(chosen, key=lambda pid: (scores[pid], pid))
    return result


# -- index upkeep -------------------------------------------------------------------------------


def schedule_expert_reindex(person_ids) -> None:
    schedule_update(person_ids)
