"""The B2B scheduler (pure Python): valid schedules, pins, priorities, optimality on tiny cases."""

from __future__ import annotations

import itertools
import random

import pytest

from kieubao.events.scheduler import (
    InterpreterSpec,
    Placement,
    Problem,
    Request,
    greedy,
    replan,
    solve,
    violations,
)


def random_problem(seed: int, *, people=12, requests=30, slots=4, tables=3, interpreters=2):
    rng = random.Random(seed)
    pool = ["vi", "en", "ja", "fr"]
    languages = {}
    for p in range(1, people + 1):
        if rng.random() < 0.7:
            languages[p] = frozenset({"vi"} | ({"en"} if rng.random() < 0.3 else set()))
        else:
            languages[p] = frozenset(rng.sample(pool[1:], rng.randint(1, 2)))
    unavailable = {
        p: frozenset(rng.sample(range(slots), rng.randint(0, slots // 2)))
        for p in range(1, people + 1)
    }
    pairs = set()
    reqs = []
    while len(reqs) < requests:
        a, b = rng.sample(range(1, people + 1), 2)
        if (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        reqs.append(Request(id=len(reqs) + 1, a=a, b=b, weight=rng.choice([1, 1, 1, 2, 3, 4])))
    specs = [
        InterpreterSpec(
            id=900 + i,
            languages=frozenset({"vi", rng.choice(pool[1:])}),
            unavailable=frozenset(rng.sample(range(slots), rng.randint(0, 1))),
        )
        for i in range(interpreters)
    ]
    return Problem(
        n_slots=slots,
        tables=tables,
        requests=reqs,
        languages=languages,
        unavailable=unavailable,
        interpreters=specs,
    )


def brute_force(problem: Problem) -> int:
    """The optimum by trying every slot (or none) for every request; interpreters by matching."""
    reqs = problem.requests
    best = 0
    choices = [range(-1, problem.n_slots)] * len(reqs)
    for assignment in itertools.product(*choices):
        weight = sum(r.weight for r, s in zip(reqs, assignment, strict=True) if s >= 0)
        if weight <= best:
            continue
        placements = assign_tables_and_interpreters(problem, reqs, assignment)
        if placements is not None and not violations(problem, placements):
            best = weight
    return best


def assign_tables_and_interpreters(problem, reqs, assignment):
    placements = {}
    by_slot: dict[int, list[Request]] = {}
    for r, s in zip(reqs, assignment, strict=True):
        if s >= 0:
            by_slot.setdefault(s, []).append(r)
    for s, rs in by_slot.items():
        if len(rs) > problem.tables:
            return None
        free = [i.id for i in problem.interpreters if s not in i.unavailable]
        needing = [
            r
            for r in rs
            if problem.languages.get(r.a)
            and problem.languages.get(r.b)
            and not problem.languages[r.a] & problem.languages[r.b]
        ]
        specs = {i.id: i for i in problem.interpreters}
        found = None
        for combo in itertools.permutations(free, len(needing)):
            if all(
                specs[i].languages & problem.languages[r.a]
                and specs[i].languages & problem.languages[r.b]
                for i, r in zip(combo, needing, strict=True)
            ):
                found = dict(zip((r.id for r in needing), combo, strict=True))
                break
        if needing and found is None:
            return None
        for t, r in enumerate(rs, start=1):
            placements[r.id] = Placement(slot=s, table=t, interpreter=(found or {}).get(r.id))
    return placements


def assert_valid(problem: Problem, plan) -> None:
    assert violations(problem, plan.placements) == []
    assert plan.weight == sum(r.weight for r in problem.requests if r.id in plan.placements), (
        "the plan's weight is the weight of what it placed"
    )
    assert set(plan.unplaced) | set(plan.placements) == {r.id for r in problem.requests}
    assert not set(plan.unplaced) & set(plan.placements)


# --- validity ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_greedy_and_solve_give_valid_schedules_and_solve_is_no_worse(seed):
    problem = random_problem(seed, people=30, requests=120, slots=6, tables=8, interpreters=3)
    g = greedy(problem)
    s = solve(problem, time_limit=0.5, seed=seed)
    assert_valid(problem, g)
    assert_valid(problem, s)
    assert s.weight >= g.weight


def test_nobody_double_booked_unavailability_and_tables_respected():
    # one star everyone wants, two slots, one table: at most 2 meetings in all
    problem = Problem(
        n_slots=3,
        tables=1,
        requests=[Request(id=i, a=1, b=10 + i) for i in range(1, 6)],
        unavailable={1: frozenset({2})},
    )
    plan = solve(problem, time_limit=0.2)
    assert_valid(problem, plan)
    assert len(plan.placements) == 2
    assert {pl.slot for pl in plan.placements.values()} == {0, 1}
    assert all(pl.table == 1 for pl in plan.placements.values())


def test_tables_are_distinct_within_a_slot():
    problem = Problem(
        n_slots=1, tables=3, requests=[Request(id=i, a=2 * i, b=2 * i + 1) for i in range(5)]
    )
    plan = solve(problem, time_limit=0.2)
    assert_valid(problem, plan)
    assert sorted(pl.table for pl in plan.placements.values()) == [1, 2, 3]


def test_interpreter_needed_found_and_limited_per_slot():
    problem = Problem(
        n_slots=2,
        tables=5,
        requests=[Request(id=i, a=i, b=10 + i) for i in range(1, 4)],
        languages={
            **{i: frozenset({"ja"}) for i in range(1, 4)},
            **{10 + i: frozenset({"vi"}) for i in range(1, 4)},
        },
        interpreters=[
            InterpreterSpec(id=7, languages=frozenset({"vi", "ja"}), unavailable=frozenset({1})),
            InterpreterSpec(id=8, languages=frozenset({"vi", "ko"})),  # no Japanese
        ],
    )
    plan = solve(problem, time_limit=0.2)
    assert_valid(problem, plan)
    # only interpreter 7 can serve, and only in slot 0: one meeting
    assert len(plan.placements) == 1
    (placement,) = plan.placements.values()
    assert placement == Placement(slot=0, table=1, interpreter=7)


def test_interpreters_are_reassigned_to_make_room():
    # ja–vi needs interpreter 1 or 2; ko–vi only interpreter 2: both fit in the one slot only if
    # the ja–vi meeting takes interpreter 1
    problem = Problem(
        n_slots=1,
        tables=5,
        requests=[Request(id=1, a=1, b=2, weight=2), Request(id=2, a=3, b=4)],
        languages={
            1: frozenset({"ja"}),
            2: frozenset({"vi"}),
            3: frozenset({"ko"}),
            4: frozenset({"vi"}),
        },
        interpreters=[
            InterpreterSpec(id=2, languages=frozenset({"vi", "ja", "ko"})),
            InterpreterSpec(id=1, languages=frozenset({"vi", "ja"})),
        ],
    )
    for plan in (greedy(problem), solve(problem, time_limit=0.2)):
        assert_valid(problem, plan)
        assert plan.placements[1].interpreter == 1
        assert plan.placements[2].interpreter == 2


def test_participants_without_languages_speak_with_everyone():
    problem = Problem(
        n_slots=1,
        tables=1,
        requests=[Request(id=1, a=1, b=2)],
        languages={1: frozenset({"ja"})},
    )
    plan = solve(problem, time_limit=0.1)
    assert plan.placements == {1: Placement(slot=0, table=1, interpreter=None)}


def test_mutual_interest_wins_a_contested_participant():
    # participant 1 has one slot; the mutual-interest request (weight 4) must get it
    problem = Problem(
        n_slots=1,
        tables=10,
        requests=[
            Request(id=1, a=1, b=2, weight=1),
            Request(id=2, a=1, b=3, weight=2),
            Request(id=3, a=1, b=4, weight=4),
            Request(id=4, a=1, b=5, weight=1),
        ],
    )
    for plan in (greedy(problem), solve(problem, time_limit=0.2)):
        assert list(plan.placements) == [3]
        assert plan.weight == 4
        assert sorted(plan.unplaced) == [1, 2, 4]


def test_local_search_moves_a_meeting_out_of_the_way():
    # greedy places the heavier 1–2 in slot 0 first; 2–3 can only be in slot 0 (3 is away in
    # slot 1): solve moves 1–2 to slot 1 to hold both
    problem = Problem(
        n_slots=2,
        tables=5,
        requests=[Request(id=1, a=1, b=2, weight=2), Request(id=2, a=2, b=3)],
        unavailable={3: frozenset({1})},
    )
    assert greedy(problem).weight == 2
    plan = solve(problem, time_limit=0.5)
    assert_valid(problem, plan)
    assert plan.weight == 3
    assert plan.placements[1].slot == 1 and plan.placements[2].slot == 0


# --- pins and re-planning ---------------------------------------------------------------------


def test_pinned_meetings_are_kept_exactly_by_solve():
    problem = random_problem(3, people=20, requests=60, slots=5, tables=6)
    first = solve(problem, time_limit=0.3)
    by_id = {r.id: r for r in problem.requests}
    rid, where, other = next(
        (rid, where, s)
        for rid, where in first.placements.items()
        for s in range(problem.n_slots)
        if s != where.slot
        and s not in problem.unavailable[by_id[rid].a]
        and s not in problem.unavailable[by_id[rid].b]
    )
    problem.pinned = {rid: Placement(slot=other, table=6, interpreter=where.interpreter)}
    plan = solve(problem, time_limit=0.3)
    assert_valid(problem, plan)
    assert plan.placements[rid].slot == other
    assert plan.placements[rid].table == 6


def test_conflicting_pins_keep_the_first():
    problem = Problem(
        n_slots=2,
        tables=3,
        requests=[Request(id=1, a=1, b=2), Request(id=2, a=1, b=3)],
        pinned={1: Placement(slot=0, table=1), 2: Placement(slot=0, table=2)},
    )
    plan = solve(problem, time_limit=0.1)
    assert plan.placements[1] == Placement(slot=0, table=1)
    assert 2 in plan.unplaced
    assert plan.rejected_pins == [2]


def test_two_pins_on_one_table_keep_the_first():
    problem = Problem(
        n_slots=2,
        tables=3,
        requests=[Request(id=1, a=1, b=2), Request(id=2, a=3, b=4), Request(id=3, a=5, b=6)],
        pinned={2: Placement(slot=1, table=3), 1: Placement(slot=1, table=3)},
    )
    for plan in (greedy(problem), solve(problem, time_limit=0.1), replan(problem, {})):
        assert_valid(problem, plan)
        assert plan.placements[2] == Placement(slot=1, table=3)
        assert 1 in plan.unplaced and plan.rejected_pins == [1]
        assert plan.placements[3].slot in (0, 1)


@pytest.mark.parametrize("seed", range(4))
def test_replan_after_a_pin_keeps_the_pin_and_stays_valid(seed):
    problem = random_problem(seed + 10, people=40, requests=160, slots=6, tables=10)
    first = solve(problem, time_limit=0.5, seed=seed)
    rng = random.Random(seed)
    by_id = {r.id: r for r in problem.requests}

    def other_slots(rid):
        r, where = by_id[rid], first.placements[rid]
        off = problem.unavailable[r.a] | problem.unavailable[r.b]
        return [s for s in range(problem.n_slots) if s != where.slot and s not in off]

    movable = [
        rid
        for rid in sorted(first.placements)
        if first.placements[rid].interpreter is None and other_slots(rid)
    ]
    rid = rng.choice(movable)
    slots = other_slots(rid)
    # pinned onto a table somebody else uses: that meeting has to make way
    s = slots[0]
    taken = [pl.table for pl in first.placements.values() if pl.slot == s]
    table = taken[0] if taken else 1
    problem.pinned = {rid: Placement(slot=s, table=table)}
    plan = replan(problem, first.placements, time_limit=0.5)
    assert_valid(problem, plan)
    assert plan.placements[rid] == Placement(slot=s, table=table)
    # a meeting that stays in its slot keeps its table (but the one the pin took)
    for k, pl in plan.placements.items():
        before = first.placements.get(k)
        if k != rid and before is not None and before.slot == pl.slot:
            assert pl.table == before.table or (pl.slot, before.table) == (s, table)
    # most of the plan stays as it was, and little weight is lost
    stayed = sum(
        1
        for k, pl in plan.placements.items()
        if k in first.placements and first.placements[k].slot == pl.slot
    )
    assert stayed >= 0.75 * len(first.placements)
    assert plan.weight >= first.weight - 2 * max(x.weight for x in problem.requests)


def test_solve_from_an_initial_plan_keeps_tables_of_meetings_that_stay():
    problem = random_problem(5, people=20, requests=50, slots=5, tables=20)
    first = solve(problem, time_limit=0.3)
    moved = {
        rid: Placement(pl.slot, 21 - pl.table, pl.interpreter)
        for rid, pl in first.placements.items()
    }
    again = solve(problem, time_limit=0.3, initial=moved)
    assert_valid(problem, again)
    for rid, pl in again.placements.items():
        if rid in moved and moved[rid].slot == pl.slot:
            assert pl.table == moved[rid].table


# --- optimality -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_solve_reaches_the_brute_force_optimum_on_tiny_instances(seed):
    problem = random_problem(seed, people=6, requests=7, slots=3, tables=2, interpreters=1)
    optimum = brute_force(problem)
    plan = solve(problem, time_limit=0.3, seed=seed)
    assert_valid(problem, plan)
    assert plan.weight == optimum


@pytest.mark.parametrize("seed", range(8))
def test_upper_bound_is_above_every_schedule(seed):
    from kieubao.events.scheduler_bound import upper_bound

    problem = random_problem(seed, people=25, requests=90, slots=5, tables=6, interpreters=2)
    bound, status = upper_bound(problem, time_limit=5)
    assert status.startswith("optimal")
    assert solve(problem, time_limit=0.3, seed=seed).weight <= bound
    assert greedy(problem).weight <= bound


@pytest.mark.parametrize("seed", range(4))
def test_upper_bound_is_above_the_brute_force_optimum(seed):
    from kieubao.events.scheduler_bound import upper_bound

    problem = random_problem(seed + 100, people=5, requests=7, slots=2, tables=2, interpreters=1)
    bound, _status = upper_bound(problem, time_limit=5)
    assert brute_force(problem) <= bound


# --- the checker ------------------------------------------------------------------------------


def test_violations_detects_each_kind_of_violation():
    problem = Problem(
        n_slots=2,
        tables=2,
        requests=[
            Request(id=1, a=1, b=2),
            Request(id=2, a=1, b=3),
            Request(id=3, a=4, b=5),
            Request(id=4, a=6, b=7),
        ],
        languages={4: frozenset({"ja"}), 5: frozenset({"vi"}), 6: frozenset({"ko"})},
        unavailable={2: frozenset({1})},
        interpreters=[
            InterpreterSpec(id=9, languages=frozenset({"vi", "ko"}), unavailable=frozenset({1}))
        ],
        pinned={4: Placement(slot=0)},
    )

    def found(placements, words):
        lines = violations(problem, placements)
        assert any(words in line for line in lines), lines

    assert violations(problem, {1: Placement(0, 1), 2: Placement(1, 1)}) == []
    found({1: Placement(0, 1), 2: Placement(0, 2)}, "double-booked")
    found({1: Placement(1, 1)}, "unavailable in slot 1")
    found({1: Placement(0, 3)}, "table 3 out of range")
    found({1: Placement(0, None)}, "no table")
    found({1: Placement(0, 1), 3: Placement(0, 1, 9)}, "table 1 in slot 0 also used")
    found({1: Placement(5, 1)}, "slot 5 out of range")
    found({99: Placement(0, 1)}, "unknown request")
    found({3: Placement(0, 1)}, "no common language")
    found({3: Placement(0, 1, 9)}, "lacks the languages")
    found({3: Placement(0, 1, 42)}, "unknown interpreter")
    found({2: Placement(1, 1, 9)}, "interpreter 9 unavailable")
    found({2: Placement(0, 1, 9), 3: Placement(0, 2, 9)}, "interpreter 9 double-booked")
    found({4: Placement(1, 1)}, "pinned")
    three = Problem(n_slots=1, tables=1, requests=[Request(1, 1, 2), Request(2, 3, 4)])
    assert any(
        "2 meetings for 1 tables" in line
        for line in violations(three, {1: Placement(0, 1), 2: Placement(0, 1)})
    )
