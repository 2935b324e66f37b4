"""Text analysis shared by the experts index and the queries built against it, so both sides
see the same words: fold (tones, đ, case), split on non-word characters, drop English plural
endings. Vietnamese syllables never end in "s", so dropping it only touches English words.

Also finds, in an analysed text, the lexicon's concepts and the taxonomy's field names that it
mentions, whichever language it is written in (query expansion)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from kieubao.core.text import tokens

from .lexicon import CONCEPTS, STOPWORDS


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def analyse(text: str) -> list[str]:
    """The words of ``text`` as indexed and queried."""
    return [_singular(t) for t in tokens(text) if t]


def analysed_text(text: str) -> str:
    return " ".join(analyse(text))


@dataclass(frozen=True)
class Concept:
    """A set of equivalent terms (analysed, each a tuple of words) and its field, if any."""

    terms: tuple[tuple[str, ...], ...]
    field_slug: str | None


@dataclass
class Vocabulary:
    """The lexicon's concepts plus one concept per taxonomy field (its two names), indexed by
    the first word of each term for a single left-to-right scan of a text."""

    concepts: list[Concept] = field(default_factory=list)
    by_first_word: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    field_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # slug -> names
    parents: dict[str, str | None] = field(default_factory=dict)  # slug -> parent slug

    def add(self, concept: Concept) -> None:
        number = len(self.concepts)
        self.concepts.append(concept)
        for term in concept.terms:
            if term:
                self.by_first_word.setdefault(term[0], []).append((term, number))

    def find(self, words: list[str]) -> list[int]:
        """Numbers of the concepts mentioned in ``words`` (longest match first at each
        position), in order of first mention."""
        found: list[int] = []
        seen: set[int] = set()
        i = 0
        while i < len(words):
            best = 0
            for term, number in self.by_first_word.get(words[i], ()):
                n = len(term)
                if tuple(words[i : i + n]) == term:
                    if number not in seen:
                        seen.add(number)
                        found.append(number)
                    best = max(best, n)
            i += max(best, 1)
        return found


def build_vocabulary(fields: list[tuple[str, str, str, str | None]]) -> Vocabulary:
    """``fields``: (slug, name_vi, name_en, parent slug) of the taxonomy."""
    vocabulary = Vocabulary()
    for slug, name_vi, name_en, parent in fields:
        vocabulary.field_names[slug] = (name_vi, name_en)
        vocabulary.parents[slug] = parent
        vocabulary.add(
            Concept(
                terms=tuple({tuple(analyse(name_vi)), tuple(analyse(name_en))}), field_slug=slug
            )
        )
    for slug, concepts in CONCEPTS.items():
        known = slug if slug in vocabulary.field_names else None
        for variants in concepts:
            terms = tuple(dict.fromkeys(tuple(analyse(v)) for v in variants if analyse(v)))
            vocabulary.add(Concept(terms=terms, field_slug=known))
    return vocabulary


_cache: dict[str, object] = {}
_lock = threading.Lock()


def vocabulary() -> Vocabulary:
    """The vocabulary for the current taxonomy (read once per process, rebuilt when the
    taxonomy changes: its row count and latest id are the key)."""
    from django.db.models import Count, Max

    from kieubao.community.models import ExpertiseField

    stats = ExpertiseField.objects.aggregate(n=Count("id"), last=Max("id"))
    key = f"{stats['n']}:{stats['last']}"
    with _lock:
        if _cache.get("key") != key:
            rows = list(
                ExpertiseField.objects.values_list("slug", "name_vi", "name_en", "parent__slug")
            )
            _cache["vocabulary"] = build_vocabulary(rows)
            _cache["key"] = key
        return _cache["vocabulary"]  # type: ignore[return-value]


def content_words(words: list[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS and len(w) > 1]
