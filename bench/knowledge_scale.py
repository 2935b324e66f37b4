"""The matching benchmark at scale (issue 5; see bench/README.md).

    .venv/bin/python bench/knowledge_scale.py                     # `make bench`: 650,000
    .venv/bin/python bench/knowledge_scale.py --experts 100000    # a quick run
    .venv/bin/python bench/knowledge_scale.py --reuse             # queries again, same data

In a throw-away data directory (var/bench-knowledge): N people from the community demo
generator, each with an expert profile (keywords, summary, position and 0-3 publications in
Vietnamese or English, from the sub-topics of their fields: bench/knowledge/generate.py),
bulk-loaded; the experts index built with ``kieubao knowledge reindex``'s code; ~100 needs
(half Vietnamese, half English, half with fields) posted through the services. Then
``recommend(need, limit=10)`` — the index query, the database re-check of every candidate
and the reasons — for every need, one warm-up round and 3 measured rounds (target: p95 ≤ 100
ms), and a naive baseline on the same data: every consenting expert's profile read from the
database and scored in Python against the same expanded query, for a sample of the needs.

Writes bench/results/knowledge-<N>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "knowledge"))
from generate import (  # noqa: E402
    POSITIONS_EN,
    POSITIONS_VI,
    SUMMARY_EN,
    SUMMARY_VI,
    TOPICS,
    WORK_EN,
    WORK_VI,
    _fill,
    experts,
    needs,
)
from run import ENV, RESULTS, machine_info, progress_printer, say, summary_ms  # noqa: E402

ROOT = HERE.parent
VAR = ROOT / "var" / "bench-knowledge"
TARGETS = {"recommend_p95_ms": 100}


def profile_rows(first_id: int, people_fields: list[list[str]], seed: int = 5):
    """Expert profiles for people ``first_id``.. in order, from their fields' sub-topics."""
    from kieubao.knowledge.bulk import ProfileRow
    from kieubao.knowledge.lexicon import CONCEPTS

    rng = random.Random(seed)
    topic_fields = list(TOPICS)
    kinds = ["advice", "review", "training", "research", "transfer", "investment", "policy"]
    modes = [["remote"], ["on_site"], ["either"], []]
    availability = ["available"] * 6 + ["limited"] * 3 + ["unavailable"]
    for i, slugs in enumerate(people_fields):
        slug = next((s for s in slugs if s in TOPICS), None) or rng.choice(topic_fields)
        language = "vi" if rng.random() < 0.5 else "en"
        vi_terms, en_terms = TOPICS[slug][rng.choice(list(TOPICS[slug]))]
        terms = list(vi_terms if language == "vi" else en_terms)
        rng.shuffle(terms)
        extra = [s for s in slugs if s != slug and s in CONCEPTS]
        keywords = terms[: rng.randint(2, 3)]
        if extra:
            concept = rng.choice(CONCEPTS[extra[0]])
            keywords.append(concept[0] if language == "vi" else concept[-1])
        a, b = terms[0], terms[1 % len(terms)]
        works = [
            (
                _fill(rng.choice(WORK_VI if language == "vi" else WORK_EN), *rng.sample(terms, 2)),
                rng.randint(2005, 2025),
            )
            for _ in range(rng.choice((0, 1, 1, 2, 3)))
        ]
        yield ProfileRow(
            person_id=first_id + i,
            position=rng.choice(POSITIONS_VI if language == "vi" else POSITIONS_EN),
            keywords=", ".join(keywords),
            summary=_fill(
                rng.choice(SUMMARY_VI if language == "vi" else SUMMARY_EN), a, b, rng.randint(3, 30)
            ),
            availability=rng.choice(availability),
            engagement_kinds=rng.sample(kinds, rng.randint(0, 3)),
            work_modes=rng.choice(modes),
            max_load=rng.randint(1, 4),
            works=works,
        )


def prepare(n: int) -> dict:
    from django.core.management import call_command
    from django.db.models import Max

    from kieubao.community.bulk import people_bulk_insert
    from kieubao.community.demo import PeopleGenerator, create_organisations
    from kieubao.community.models import ExpertiseField, Person
    from kieubao.knowledge.bulk import expert_profiles_bulk_insert
    from kieubao.knowledge.expert_index import expert_index

    call_command("migrate", "--noinput", verbosity=0)
    timings = {}
    started = time.perf_counter()
    generator = PeopleGenerator(1, create_organisations())
    slug_of = dict(ExpertiseField.objects.values_list("pk", "slug"))
    rows = list(generator.rows(n))
    people_fields = [[slug_of[f] for f in row.field_ids] for row in rows]
    timings["generate_people_seconds"] = round(time.perf_counter() - started, 1)
    first = (Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    started = time.perf_counter()
    people_bulk_insert(rows, progress=progress_printer("people", n))
    timings["insert_people_seconds"] = round(time.perf_counter() - started, 1)
    del rows
    started = time.perf_counter()
    expert_profiles_bulk_insert(
        profile_rows(first, people_fields), progress=progress_printer("profiles", n)
    )
    timings["insert_profiles_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    indexed = expert_index().rebuild(progress=progress_printer("indexed", n))
    timings["index_seconds"] = round(time.perf_counter() - started, 1)
    timings["indexed_experts"] = indexed
    say(f"  {n:,} experts loaded, {indexed:,} consenting indexed: {timings}")
    return timings


def post_needs(count: int):
    from kieubao.community.models import Organisation, OrganisationKind
    from kieubao.knowledge.models import Need
    from kieubao.knowledge.services import need_create, need_publish

    existing = list(Need.objects.order_by("pk"))
    if len(existing) >= count:
        return existing[:count]
    owners = list(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.MINISTRY, OrganisationKind.PROVINCE]
        ).order_by("pk")
    )
    specs = needs(count, experts(0))
    kinds = ["advice", "review", "training", "research", "policy"]
    posted = []
    for i, spec in enumerate(specs):
        need = need_create(
            owner=owners[i % len(owners)],
            title=spec.title,
            description=spec.description,
            fields=spec.fields,
            kind=kinds[i % len(kinds)],
        )
        posted.append(need_publish(need=need))
    return posted


def naive(need) -> list[int]:
    """What a plain implementation does: read every consenting expert's profile and score it
    in Python against the same expanded query terms, keep the best ten."""
    from kieubao.knowledge.matching import _need_fields, _need_text, need_query
    from kieubao.knowledge.models import ExpertProfile
    from kieubao.knowledge.terms import analyse

    query = need_query(_need_text(need), _need_fields(need))
    single = {p for p in query.phrases if " " not in p}
    multi = [p for p in query.phrases if " " in p]
    best: list[tuple[float, int]] = []
    rows = (
        ExpertProfile.objects.filter(person__consent_contact=True)
        .exclude(employers=need.owner_id)
        .values_list("person_id", "keywords", "summary", "position")
        .iterator(chunk_size=20_000)
    )
    for pid, keywords, summary, position in rows:
        words = analyse(f"{keywords} {summary} {position}")
        padded = f" {' '.join(words)} "
        score = sum(1 for w in words if w in single) + sum(2 for p in multi if p in padded)
        if score:
            best.append((score, pid))
    best.sort(reverse=True)
    return [pid for _s, pid in best[:10]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, default=650_000)
    parser.add_argument("--needs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--naive-needs", type=int, default=8)
    parser.add_argument("--reuse", action="store_true", help="keep var/bench-knowledge")
    args = parser.parse_args()

    os.environ.update(ENV)
    os.environ["KIEUBAO_VAR_DIR"] = str(VAR)
    if not args.reuse:
        shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from kieubao.knowledge.expert_index import expert_index
    from kieubao.knowledge.matching import recommend
    from kieubao.knowledge.models import ExpertProfile

    results: dict = {
        "benchmark": "knowledge-scale",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "targets": TARGETS,
    }
    profiles = ExpertProfile.objects.count() if args.reuse else 0
    if profiles != args.experts:
        if profiles:
            say(f"{VAR} holds {profiles:,} profiles, not {args.experts:,}: run without --reuse.")
            return 2
        say(f"Loading {args.experts:,} expert profiles into {VAR}:")
        results["load"] = prepare(args.experts)
    posted = post_needs(args.needs)
    results["data"] = {
        "expert_profiles": ExpertProfile.objects.count(),
        "indexed_consenting_experts": expert_index().count(),
        "needs": len(posted),
        "needs_vi": sum(n.language == "vi" for n in posted),
    }
    say(f"recommend() for {len(posted)} needs × {args.rounds} rounds (after a warm-up round):")
    for need in posted:
        recommend(need, limit=10)
    samples, found = [], []
    for _round in range(args.rounds):
        for need in posted:
            started = time.perf_counter()
            got = recommend(need, limit=10)
            samples.append(time.perf_counter() - started)
            found.append(len(got))
    results["recommend"] = summary_ms(samples)
    results["recommend"]["results_per_need_mean"] = round(statistics.fmean(found), 1)
    say(f"  recommend: {results['recommend']}")
    sample = posted[:: max(1, len(posted) // args.naive_needs)][: args.naive_needs]
    naive_times, same_needs = [], []
    for need in sample:
        started = time.perf_counter()
        naive(need)
        naive_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        recommend(need, limit=10)
        same_needs.append(time.perf_counter() - started)
    results["naive"] = summary_ms(naive_times)
    results["naive"]["needs"] = len(sample)
    results["recommend_same_needs"] = summary_ms(same_needs)
    results["ratio_naive_over_recommend_p50"] = round(
        results["naive"]["p50_ms"] / results["recommend_same_needs"]["p50_ms"], 1
    )
    results["verdicts"] = {
        "recommend_p95": results["recommend"]["p95_ms"] <= TARGETS["recommend_p95_ms"]
    }
    say(f"  naive: {results['naive']}; ratio {results['ratio_naive_over_recommend_p50']}×")
    say(f"  verdicts: {results['verdicts']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"knowledge-{results['data']['expert_profiles']}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    say(f"Results: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
