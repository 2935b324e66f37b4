"""Matching experts to needs — STUB, to be replaced by the matching work (see the contract).

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
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


def recommend(need, *, limit: int = 10) -> list[Recommendation]:
    return []


def needs_for_expert(person, *, limit: int = 10) -> list[NeedMatch]:
    return []


def assign(needs, *, per_need_candidates: int = 50) -> dict[int, list[int]]:
    return {}


def schedule_expert_reindex(person_ids) -> None:
    return None
