"""An upper bound on the weight of any B2B schedule, solved with HiGHS (bench and tests only).

The selection problem without slot clashes: choose requests (binary ``x_r``) to maximise
``Σ w_r x_r`` subject to

- each participant in at most as many meetings as slots they are available;
- at most ``n_slots × tables`` meetings;
- a request whose participants share no available slot (or, when it needs an interpreter, no
  such slot with a suitable interpreter available) is fixed to 0;
- the meetings needing an interpreter at most the interpreters' available slots in total, and,
  per language-pair class (the pair of language sets of the two sides), at most the available
  slots of the interpreters able to serve that class;
- the pins the scheduler keeps are fixed to 1.

Every schedule satisfies these, so the optimum — or, when the time limit stops HiGHS first, its
dual bound — is at least the weight of any schedule.

Not imported by the application: ``highspy`` is a development dependency.
"""

from __future__ import annotations

import math
from collections import defaultdict

from .scheduler import Problem, _State, can_interpret, needs_interpreter


def upper_bound(problem: Problem, time_limit: float = 60) -> tuple[float, str]:
    import highspy

    state = _State(problem)
    state.apply_pins(problem.pinned)
    reqs = state.reqs
    n = len(reqs)
    if n == 0:
        return 0.0, "optimal (empty)"
    S = state.S
    avail = {
        p: sum(1 for s in range(S) if s not in problem.unavailable.get(p, frozenset()))
        for p in state.people
    }
    interp_avail = [
        sum(1 for s in range(S) if s not in spec.unavailable) for spec in problem.interpreters
    ]
    rows: list[tuple[list[int], float]] = []
    by_person: dict[int, list[int]] = defaultdict(list)
    for k, r in enumerate(reqs):
        by_person[r.a].append(k)
        by_person[r.b].append(k)
    for p, ks in by_person.items():
        if len(ks) > avail[p]:
            rows.append((ks, float(avail[p])))
    if n > S * max(0, problem.tables):
        rows.append((list(range(n)), float(S * max(0, problem.tables))))
    interpreted = [k for k, r in enumerate(reqs) if needs_interpreter(problem, r)]
    if interpreted:
        rows.append((interpreted, float(sum(interp_avail))))
        classes: dict[frozenset, list[int]] = defaultdict(list)
        for k in interpreted:
            r = reqs[k]
            key = frozenset(
                (problem.languages.get(r.a, frozenset()), problem.languages.get(r.b, frozenset()))
            )
            classes[key].append(k)
        for ks in classes.values():
            r = reqs[ks[0]]
            able = sum(
                interp_avail[i]
                for i, spec in enumerate(problem.interpreters)
                if can_interpret(problem, spec, r)
            )
            rows.append((ks, float(able)))
    lower = [1.0 if state.pinned[k] else 0.0 for k in range(n)]
    upper = [1.0 if state.ok[k] or state.pinned[k] else 0.0 for k in range(n)]

    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = [float(state.w[k]) for k in range(n)]
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = [-highspy.kHighsInf] * len(rows)
    lp.row_upper_ = [bound for _ks, bound in rows]
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    starts, index = [0], []
    for ks, _bound in rows:
        index.extend(ks)
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = [1.0] * len(index)
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = len(rows)

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    # Weights are integers, so the floor of HiGHS's dual bound is still an upper bound (and equals
    # the optimum when HiGHS proved it within its gap).
    dual = math.floor(float(info.mip_dual_bound) + 1e-6)
    if status == highspy.HighsModelStatus.kOptimal:
        primal = round(float(info.objective_function_value))
        if primal >= dual:
            return float(primal), "optimal"
        return float(dual), f"optimal within gap {info.mip_gap:.1e}: dual bound"
    return float(dual), f"{h.modelStatusToString(status)}: dual bound"
