"""The B2B meeting scheduler: accepted requests → slots, tables and interpreters (issue 8).

Pure Python (standard library only, no Django): the events services turn the database into a
``Problem`` and the returned ``Plan`` into ``Meeting`` rows.

The problem. An event has ``n_slots`` slots and ``tables`` tables per slot. Each accepted request
(a meeting between participants ``a`` and ``b``) has a weight (1–4; 4 = mutual interest). A
schedule places a request at most once, in a slot both participants are available, with nobody in
two meetings of the same slot, at most ``tables`` meetings per slot each at its own table, and —
when ``a`` and ``b`` share no language — with an interpreter available in that slot who speaks a
language of each and serves one meeting per slot. Meetings pinned by the organisers stay exactly
where they were pinned. The aim: the largest total weight of placed requests.

The method (``solve``):

1. construction — the greedy baseline: requests by weight, heaviest first, then the most
   constrained (fewest possible slots) first, each into the first feasible slot;
2. local search, in passes over the unplaced requests (heaviest first) until a pass brings
   nothing or time is up:

   - *insertion with relocation*: into a slot where ``a`` or ``b`` is busy, after moving the
     meeting in the way to another slot — itself maybe after moving the meeting in *its* way
     (an alternating chain, like Kempe chains in edge colouring; depth-limited, with a budget of
     nodes per attempt). A full slot is relieved by moving one of its meetings elsewhere; an
     interpreted meeting gets an interpreter by re-assigning the interpreters of that slot along
     an augmenting path (bipartite matching), or by moving away a meeting that holds a suitable
     interpreter;
   - *ejection chains*: when that fails, the meetings in the way whose total weight is at most the
     request's are taken out, the request placed, then the ejected meetings re-inserted elsewhere
     and the participants' other unplaced requests tried in the freed slots. The whole move is
     kept only if the total weight grows (so equal weights may be traded when that lets another
     request in — the augmenting paths of weighted b-matching), otherwise undone.

   Every change goes through a journal so that a failed attempt is undone exactly.
3. tables — numbered per slot at the end: a pinned meeting keeps its table, a meeting that stays
   in the slot it had (``initial`` / ``replan``) keeps its table when free, the others take the
   lowest free numbers.

``replan`` is the interactive variant: it starts from the previous plan, keeps the pins, drops
what became infeasible and repairs locally within about a second.

``violations`` is an independent checker (it shares no code with the solver) used by the tests
and the benchmark; ``greedy`` is the baseline the benchmark compares with.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

__all__ = [
    "InterpreterSpec",
    "Placement",
    "Plan",
    "Problem",
    "Request",
    "greedy",
    "needs_interpreter",
    "replan",
    "solve",
    "violations",
]


@dataclass(frozen=True)
class Request:
    id: int
    a: int
    b: int
    weight: int = 1


@dataclass(frozen=True)
class InterpreterSpec:
    id: int
    languages: frozenset[str]
    unavailable: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Placement:
    slot: int
    table: int | None = None
    interpreter: int | None = None


@dataclass
class Problem:
    n_slots: int
    tables: int
    requests: list[Request]
    # participant -> languages (missing or empty = speaks with everyone, no interpreter needed)
    languages: dict[int, frozenset[str]] = field(default_factory=dict)
    # participant -> slots they are not available
    unavailable: dict[int, frozenset[int]] = field(default_factory=dict)
    interpreters: list[InterpreterSpec] = field(default_factory=list)
    # request id -> where the organisers pinned it
    pinned: dict[int, Placement] = field(default_factory=dict)


@dataclass
class Plan:
    placements: dict[int, Placement]  # request id -> placement (table always set)
    weight: int
    unplaced: list[int]  # request ids not placed
    seconds: float
    # pinned request ids that could not be kept (invalid, or clashing with an earlier pin)
    rejected_pins: list[int] = field(default_factory=list)


def needs_interpreter(problem: Problem, request: Request) -> bool:
    """Whether ``a`` and ``b`` both declared languages and share none."""
    la = problem.languages.get(request.a)
    lb = problem.languages.get(request.b)
    return bool(la) and bool(lb) and not (la & lb)


def can_interpret(problem: Problem, spec: InterpreterSpec, request: Request) -> bool:
    la = problem.languages.get(request.a) or frozenset()
    lb = problem.languages.get(request.b) or frozenset()
    return bool(spec.languages & la) and bool(spec.languages & lb)


FREE = -1
OFF = -2  # not available in that slot


def _union(masks) -> int:
    out = 0
    for m in masks:
        out |= m
    return out


class _State:
    """The working schedule: arrays of ints indexed by request, participant, interpreter, slot."""

    def __init__(self, problem: Problem, seed: int = 0):
        self.problem = problem
        self.rng = random.Random(seed)
        S = self.S = max(0, int(problem.n_slots))
        self.T = max(0, int(problem.tables))
        reqs = []
        seen = set()
        for r in problem.requests:
            if r.id in seen or r.a == r.b:
                continue
            seen.add(r.id)
            reqs.append(r)
        self.reqs = reqs
        self.index = {r.id: k for k, r in enumerate(reqs)}
        people: dict[int, int] = {}
        for r in reqs:
            people.setdefault(r.a, len(people))
            people.setdefault(r.b, len(people))
        self.people = people
        self.at: list[list[int]] = []
        for p in people:
            off = problem.unavailable.get(p, frozenset())
            self.at.append([OFF if s in off else FREE for s in range(S)])
        self.interp_ids = [spec.id for spec in problem.interpreters]
        self.iat: list[list[int]] = [
            [OFF if s in spec.unavailable else FREE for s in range(S)]
            for spec in problem.interpreters
        ]
        n = len(reqs)
        self.ra = [people[r.a] for r in reqs]
        self.rb = [people[r.b] for r in reqs]
        self.w = [max(0, int(r.weight)) for r in reqs]
        # slots as bit masks: a request's possible slots are its people's (and, when it needs
        # one, its possible interpreters') available slots in common
        every = (1 << S) - 1
        mask = [
            every & ~sum(1 << s for s in problem.unavailable.get(p, ()) if 0 <= s < S)
            for p in people
        ]
        interp_mask = [
            every & ~sum(1 << s for s in spec.unavailable if 0 <= s < S)
            for spec in problem.interpreters
        ]
        langs = problem.languages
        self.need = [False] * n
        self.cap: list[list[int]] = [[] for _ in range(n)]
        self.ok: list[list[int]] = []
        slots_of: dict[int, list[int]] = {}
        capable: dict[tuple[frozenset, frozenset], list[int]] = {}
        for k, r in enumerate(reqs):
            m = mask[self.ra[k]] & mask[self.rb[k]]
            la, lb = langs.get(r.a), langs.get(r.b)
            if la and lb and not (la & lb):
                self.need[k] = True
                key = (la, lb)
                if key not in capable:
                    capable[key] = [
                        i
                        for i, spec in enumerate(problem.interpreters)
                        if spec.languages & la and spec.languages & lb
                    ]
                self.cap[k] = capable[key]
                m &= _union(interp_mask[i] for i in self.cap[k])
            slots = slots_of.get(m)
            if slots is None:
                slots = slots_of[m] = [s for s in range(S) if m >> s & 1]
            self.ok.append(slots)
        self.of_person: list[list[int]] = [[] for _ in people]
        for k in range(n):
            self.of_person[self.ra[k]].append(k)
            self.of_person[self.rb[k]].append(k)
        self.slot_of = [FREE] * n
        self.int_of = [FREE] * n
        self.pinned = [False] * n
        self.locked_interp = [False] * n  # a pin that named its interpreter
        self.load = [0] * S
        self.members: list[set[int]] = [set() for _ in range(S)]
        self.weight = 0
        self.journal: list[tuple] = []
        self.rejected_pins: list[int] = []
        self.pinned_tables: set[tuple[int, int]] = set()
        self.budget = 0

    # --- elementary changes, journaled --------------------------------------------------------
    def place(self, k: int, s: int, i: int = FREE) -> None:
        self.at[self.ra[k]][s] = k
        self.at[self.rb[k]][s] = k
        self.slot_of[k] = s
        self.int_of[k] = i
        if i >= 0:
            self.iat[i][s] = k
        self.load[s] += 1
        self.members[s].add(k)
        self.weight += self.w[k]
        self.journal.append((0, k, s, i))

    def remove(self, k: int) -> None:
        s, i = self.slot_of[k], self.int_of[k]
        self.at[self.ra[k]][s] = FREE
        self.at[self.rb[k]][s] = FREE
        self.slot_of[k] = FREE
        self.int_of[k] = FREE
        if i >= 0:
            self.iat[i][s] = FREE
        self.load[s] -= 1
        self.members[s].discard(k)
        self.weight -= self.w[k]
        self.journal.append((1, k, s, i))

    def reassign(self, k: int, i: int) -> None:
        s, old = self.slot_of[k], self.int_of[k]
        if old >= 0:
            self.iat[old][s] = FREE
        if i >= 0:
            self.iat[i][s] = k
        self.int_of[k] = i
        self.journal.append((2, k, s, old))

    def rollback(self, mark: int) -> None:
        journal = self.journal
        while len(journal) > mark:
            op, k, s, i = journal.pop()
            if op == 0:
                self.remove(k)
            elif op == 1:
                self.place(k, s, i)
            else:
                self.reassign(k, i)
            journal.pop()

    # --- interpreters -------------------------------------------------------------------------
    def interpreter_for(self, k: int, s: int) -> int:
        """A free suitable interpreter in slot s for k (re-assigning others if needed), or -1."""
        iat = self.iat
        for i in self.cap[k]:
            if iat[i][s] == FREE:
                return i
        seen: set[int] = set()

        def augment(m: int) -> int:
            # find an interpreter for m (re-assigning along the way); returns it or -1
            for i in self.cap[m]:
                if i in seen:
                    continue
                seen.add(i)
                holder = iat[i][s]
                if holder == FREE:
                    return i
                if holder == OFF or self.locked_interp[holder] or holder == m:
                    continue
                j = augment(holder)
                if j >= 0:
                    self.reassign(holder, j)
                    return i
            return FREE

        return augment(k)

    def fits(self, k: int, s: int) -> bool:
        """Whether k can be placed in s now, without moving anything (interpreter aside)."""
        return (
            self.at[self.ra[k]][s] == FREE
            and self.at[self.rb[k]][s] == FREE
            and self.load[s] < self.T
        )

    def try_place(self, k: int, s: int) -> bool:
        if not self.fits(k, s):
            return False
        i = FREE
        if self.need[k]:
            mark = len(self.journal)
            i = self.interpreter_for(k, s)
            if i < 0:
                self.rollback(mark)
                return False
        self.place(k, s, i)
        return True

    # --- moves --------------------------------------------------------------------------------
    def order(self, slots: list[int]) -> list[int]:
        """The slots from a random starting point (cheaper than a shuffle, varied enough)."""
        if len(slots) < 2:
            return slots
        cut = int(self.rng.random() * len(slots))
        return slots[cut:] + slots[:cut]

    def relocate(self, m: int, depth: int, avoid: int = FREE) -> bool:
        """Move placed meeting m to another slot (moving what is in its way, down to depth)."""
        if self.pinned[m]:
            return False
        s0 = self.slot_of[m]
        mark = len(self.journal)
        self.remove(m)
        candidates = [s for s in self.ok[m] if s != s0 and s != avoid]
        A, B, load, T = self.at[self.ra[m]], self.at[self.rb[m]], self.load, self.T
        for s in candidates:
            if A[s] == FREE and B[s] == FREE and load[s] < T and self.try_place(m, s):
                return True
        if depth > 0 and self.budget > 0:
            for s in self.order(candidates):
                if self.budget <= 0:
                    break
                x, y = A[s], B[s]
                if x >= 0 and y >= 0 and x != y:
                    continue  # two meetings in the way: not a chain
                blocker = x if x >= 0 else y
                if blocker < 0:
                    # free for both: the slot is full or has no interpreter for m
                    if not self.make_room(m, s, depth - 1):
                        continue
                    return True
                self.budget -= 1
                sub = len(self.journal)
                if self.relocate(blocker, depth - 1, avoid=s) and self.try_place(m, s):
                    return True
                self.rollback(sub)
        self.rollback(mark)
        return False

    def make_room(self, k: int, s: int, depth: int) -> bool:
        """Place k in s (both participants free there) after freeing a table or an interpreter."""
        mark = len(self.journal)
        if self.load[s] >= self.T:
            movable = [m for m in self.members[s] if not self.pinned[m]]
            self.rng.shuffle(movable)
            for m in movable[:8]:
                self.budget -= 1
                if self.relocate(m, depth, avoid=s):
                    break
            else:
                self.rollback(mark)
                return False
        if self.try_place(k, s):
            return True
        if self.need[k]:
            holders = {self.iat[i][s] for i in self.cap[k]}
            for m in holders:
                if m < 0 or self.pinned[m]:
                    continue
                self.budget -= 1
                sub = len(self.journal)
                if self.relocate(m, depth, avoid=s) and self.try_place(k, s):
                    return True
                self.rollback(sub)
        self.rollback(mark)
        return False

    def insert(self, k: int, depth: int) -> bool:
        """Place unplaced k, moving meetings in its way (no ejection)."""
        for s in self.ok[k]:
            if self.try_place(k, s):
                return True
        if depth <= 0:
            return False
        A, B = self.at[self.ra[k]], self.at[self.rb[k]]
        for s in self.order(self.ok[k]):
            if self.budget <= 0:
                return False
            x, y = A[s], B[s]
            if (x >= 0 and self.pinned[x]) or (y >= 0 and self.pinned[y]):
                continue
            mark = len(self.journal)
            self.budget -= 1
            ok = True
            for m in {x, y}:
                if m >= 0 and not self.relocate(m, depth - 1, avoid=s):
                    ok = False
                    break
            if ok and (self.try_place(k, s) or self.make_room(k, s, depth - 1)):
                return True
            self.rollback(mark)
        return False

    def eject_insert(self, k: int, depth: int) -> bool:
        """Place k by moving or taking out lighter (or equal) meetings; keep it if weight grows."""
        w = self.w[k]
        A, B = self.at[self.ra[k]], self.at[self.rb[k]]
        options = []
        for s in self.ok[k]:
            x, y = A[s], B[s]
            if (x >= 0 and self.pinned[x]) or (y >= 0 and self.pinned[y]):
                continue
            out = [m for m in {x, y} if m >= 0]
            if sum(self.w[m] for m in out) > w and not any(self.w[m] <= w for m in out):
                continue
            options.append((min(self.w[m] for m in out) if out else 0, self.rng.random(), s, out))
        options.sort()
        before = self.weight
        for _lost, _r, s, blockers in options:
            if self.budget <= 0:
                return False
            self.budget -= 1
            mark = len(self.journal)
            out = []
            lost = 0
            # lighter ones first out of the way; move a blocker before taking it out
            for m in sorted(blockers, key=lambda m: self.w[m]):
                if self.relocate(m, depth - 1, avoid=s):
                    continue
                lost += self.w[m]
                self.remove(m)
                out.append(m)
            if lost > w:
                self.rollback(mark)
                continue
            placed = self.try_place(k, s) or self.make_room(k, s, depth - 1)
            if not placed and self.need[k]:
                # take out a lighter interpreted meeting holding a suitable interpreter
                for i in self.cap[k]:
                    m = self.iat[i][s]
                    if m >= 0 and not self.pinned[m] and self.w[m] + lost <= w:
                        self.remove(m)
                        out.append(m)
                        placed = self.try_place(k, s)
                        break
            if placed:
                for m in out:
                    self.insert(m, depth)
                if self.weight > before:
                    return True
                # trade equal weights: let other requests of the freed people in
                for m in out:
                    if self.slot_of[m] >= 0:
                        continue
                    for p in (self.ra[m], self.rb[m]):
                        for q in self.of_person[p]:
                            if q != m and self.slot_of[q] < 0 and self.w[q] > 0:
                                self.insert(q, 1)
                                if self.weight > before:
                                    return True
            self.rollback(mark)
        return False

    # --- set-up -------------------------------------------------------------------------------
    def apply_pins(self, pinned: dict[int, Placement]) -> None:
        for rid, where in pinned.items():
            k = self.index.get(rid)
            if k is None:
                continue
            if not self.pin_fits(k, where):
                # not placed anywhere else either: the organisers wanted it there
                self.rejected_pins.append(rid)
                self.ok[k] = []
                continue
            s = where.slot
            i = FREE
            if where.interpreter is not None:
                i = self.interp_ids.index(where.interpreter)
                self.locked_interp[k] = True
            elif self.need[k]:
                i = self.interpreter_for(k, s)
            self.place(k, s, i)
            self.pinned[k] = True
            if where.table is not None:
                self.pinned_tables.add((s, where.table))

    def pin_fits(self, k: int, where: Placement) -> bool:
        s = where.slot
        if not (0 <= s < self.S) or s not in self.ok[k]:
            return False
        if not self.fits(k, s):
            return False
        if where.table is not None and (
            not (1 <= where.table <= self.T) or (s, where.table) in self.pinned_tables
        ):
            return False
        if where.interpreter is not None:
            if where.interpreter not in self.interp_ids:
                return False
            i = self.interp_ids.index(where.interpreter)
            if self.iat[i][s] != FREE:
                return False
            if self.need[k] and i not in self.cap[k]:
                return False
        elif self.need[k]:
            mark = len(self.journal)
            i = self.interpreter_for(k, s)
            self.rollback(mark)
            if i < 0:
                return False
        return True

    def start_from(self, previous: dict[int, Placement]) -> None:
        """Keep what still fits of a previous plan (heaviest first)."""
        keep = []
        for rid, where in previous.items():
            k = self.index.get(rid)
            if k is None or self.slot_of[k] >= 0:
                continue
            keep.append((-self.w[k], k, where))
        keep.sort(key=lambda t: (t[0], t[1]))
        for _w, k, where in keep:
            s = where.slot
            if not (0 <= s < self.S) or s not in self.ok[k] or not self.fits(k, s):
                continue
            i = FREE
            if self.need[k]:
                prev = (
                    self.interp_ids.index(where.interpreter)
                    if where.interpreter in self.interp_ids
                    else FREE
                )
                if prev >= 0 and prev in self.cap[k] and self.iat[prev][s] == FREE:
                    i = prev
                else:
                    i = self.interpreter_for(k, s)
                    if i < 0:
                        continue
            self.place(k, s, i)

    def construct(self) -> None:
        """The greedy baseline's order and choice (so that solve never ends below greedy)."""
        order = sorted(
            (k for k in range(len(self.reqs)) if self.slot_of[k] < 0 and self.w[k] > 0),
            key=lambda k: (-self.w[k], len(self.ok[k]), self.reqs[k].id),
        )
        for k in order:
            for s in self.ok[k]:
                if self.try_place(k, s):
                    break

    def place_best(self, k: int) -> bool:
        """Into the feasible slot that leaves the most room: fewest free common slots lost."""
        A, B = self.at[self.ra[k]], self.at[self.rb[k]]
        best, best_key = FREE, None
        for s in self.ok[k]:
            if A[s] != FREE or B[s] != FREE or self.load[s] >= self.T:
                continue
            if self.need[k] and not any(self.iat[i][s] == FREE for i in self.cap[k]):
                continue
            key = (self.load[s], s)
            if best_key is None or key < best_key:
                best, best_key = s, key
        if best >= 0:
            return self.try_place(k, best)
        for s in self.ok[k]:
            if self.try_place(k, s):
                return True
        return False

    # --- local search -------------------------------------------------------------------------
    def improve(self, deadline: float, touched: set[int] | None = None) -> None:
        """Passes over the unplaced requests, deeper each time a pass brings nothing.

        With ``touched`` (participant indices), only the requests around those participants —
        and, as moves succeed, around the participants they touch — are tried: the repair after
        a local change of a plan that was already locally optimal.
        """
        depth_schedule = [2, 3, 4, 5, 6]
        level = 0
        # a request that failed is tried again only once something changed for its people
        floor = 0 if touched is None else 1
        failed = [floor] * len(self.reqs)
        changed = [0] * len(self.people)
        for p in touched or ():
            changed[p] = 2
        tick = 2
        while time.perf_counter() < deadline:
            before = self.weight
            unplaced = [k for k in range(len(self.reqs)) if self.slot_of[k] < 0 and self.w[k] > 0]
            self.rng.shuffle(unplaced)
            unplaced.sort(key=lambda k: -self.w[k])
            depth = depth_schedule[min(level, len(depth_schedule) - 1)]
            for k in unplaced:
                if time.perf_counter() >= deadline:
                    break
                if self.slot_of[k] >= 0:
                    continue
                a, b = self.ra[k], self.rb[k]
                if failed[k] > changed[a] and failed[k] > changed[b]:
                    continue  # nothing changed around it since it last failed at this depth
                tick += 1
                self.budget = 40 * depth
                self.journal.clear()
                if self.insert(k, depth) or self.eject_insert(k, depth):
                    for entry in self.journal:
                        changed[self.ra[entry[1]]] = tick
                        changed[self.rb[entry[1]]] = tick
                else:
                    failed[k] = tick
            self.journal.clear()
            if self.weight == before:
                if level >= len(depth_schedule) - 1:
                    break
                level += 1
                failed = [floor] * len(self.reqs)

    # --- result -------------------------------------------------------------------------------
    def plan(self, started: float, keep_tables: dict[int, Placement] | None = None) -> Plan:
        problem = self.problem
        placements: dict[int, Placement] = {}
        taken: list[set[int]] = [set() for _ in range(self.S)]
        table: dict[int, int] = {}
        placed = [k for k in range(len(self.reqs)) if self.slot_of[k] >= 0]
        # pinned tables first, then tables kept from before, then the lowest free numbers
        for k in placed:
            if self.pinned[k]:
                t = problem.pinned[self.reqs[k].id].table
                if t is not None and t not in taken[self.slot_of[k]]:
                    table[k] = t
                    taken[self.slot_of[k]].add(t)
        if keep_tables:
            for k in placed:
                if k in table:
                    continue
                prev = keep_tables.get(self.reqs[k].id)
                s = self.slot_of[k]
                if (
                    prev is not None
                    and prev.slot == s
                    and prev.table is not None
                    and 1 <= prev.table <= self.T
                    and prev.table not in taken[s]
                ):
                    table[k] = prev.table
                    taken[s].add(prev.table)
        nxt = [1] * self.S
        for k in placed:
            if k in table:
                continue
            s = self.slot_of[k]
            t = nxt[s]
            while t in taken[s]:
                t += 1
            nxt[s] = t + 1
            taken[s].add(t)
            table[k] = t
        for k in placed:
            i = self.int_of[k]
            placements[self.reqs[k].id] = Placement(
                slot=self.slot_of[k],
                table=table[k],
                interpreter=self.interp_ids[i] if i >= 0 else None,
            )
        unplaced = [self.reqs[k].id for k in range(len(self.reqs)) if self.slot_of[k] < 0]
        return Plan(
            placements=placements,
            weight=self.weight,
            unplaced=unplaced,
            seconds=time.perf_counter() - started,
            rejected_pins=list(self.rejected_pins),
        )


def greedy(problem: Problem) -> Plan:
    """The baseline: heaviest first (ties: fewest possible slots, then id), first feasible slot."""
    started = time.perf_counter()
    state = _State(problem)
    state.apply_pins(problem.pinned)
    state.construct()
    state.journal.clear()
    return state.plan(started)


def solve(
    problem: Problem,
    *,
    time_limit: float = 30.0,
    initial: dict[int, Placement] | None = None,
    seed: int = 0,
) -> Plan:
    """Construction then local search until no pass improves or ``time_limit`` seconds pass."""
    started = time.perf_counter()
    deadline = started + max(0.0, time_limit)
    state = _State(problem, seed=seed)
    state.apply_pins(problem.pinned)
    if initial:
        state.start_from(initial)
    state.construct()
    state.journal.clear()
    state.improve(deadline)
    return state.plan(started, keep_tables=initial)


def replan(problem: Problem, previous: dict[int, Placement], *, time_limit: float = 1.0) -> Plan:
    """Re-plan after a change (a pin, a new request): start from ``previous``, repair locally.

    Pins first; then every previous placement that still fits stays (heaviest first, same slot,
    same interpreter and table where possible); what no longer fits and the unplaced requests are
    re-inserted by the local search within ``time_limit``.
    """
    started = time.perf_counter()
    deadline = started + max(0.0, time_limit) * 0.6
    state = _State(problem)
    state.apply_pins(problem.pinned)
    state.start_from(previous)
    # where the plan changed: moved or new pins, meetings that lost their place
    touched: set[int] = set()
    for k in range(len(state.reqs)):
        rid = state.reqs[k].id
        before = previous.get(rid)
        if state.pinned[k] and (before is None or before.slot != state.slot_of[k]):
            touched.update((state.ra[k], state.rb[k]))
        elif before is not None and state.slot_of[k] < 0:
            touched.update((state.ra[k], state.rb[k]))
    for k in sorted(
        (k for k in range(len(state.reqs)) if state.slot_of[k] < 0 and state.w[k] > 0),
        key=lambda k: -state.w[k],
    ):
        if time.perf_counter() >= deadline:
            break
        if state.place_best(k):
            touched.update((state.ra[k], state.rb[k]))
    state.journal.clear()
    state.improve(deadline, touched=touched)
    return state.plan(started, keep_tables=previous)


def violations(problem: Problem, placements: dict[int, Placement]) -> list[str]:
    """Every broken constraint of ``placements``, as readable lines (empty when valid)."""
    out: list[str] = []
    by_id = {r.id: r for r in problem.requests}
    interp = {spec.id: spec for spec in problem.interpreters}
    person_busy: dict[tuple[int, int], int] = {}
    table_busy: dict[tuple[int, int], int] = {}
    interp_busy: dict[tuple[int, int], int] = {}
    per_slot: dict[int, int] = {}
    for rid, pl in placements.items():
        r = by_id.get(rid)
        if r is None:
            out.append(f"request {rid}: unknown request")
            continue
        s = pl.slot
        if not isinstance(s, int) or not (0 <= s < problem.n_slots):
            out.append(f"request {rid}: slot {s} out of range")
            continue
        per_slot[s] = per_slot.get(s, 0) + 1
        if pl.table is None:
            out.append(f"request {rid}: no table")
        elif not (1 <= pl.table <= problem.tables):
            out.append(f"request {rid}: table {pl.table} out of range 1..{problem.tables}")
        elif (s, pl.table) in table_busy:
            other = table_busy[(s, pl.table)]
            out.append(f"request {rid}: table {pl.table} in slot {s} also used by {other}")
        else:
            table_busy[(s, pl.table)] = rid
        for p in (r.a, r.b):
            if s in problem.unavailable.get(p, frozenset()):
                out.append(f"request {rid}: participant {p} unavailable in slot {s}")
            if (p, s) in person_busy:
                other = person_busy[(p, s)]
                out.append(f"request {rid}: participant {p} double-booked in slot {s} with {other}")
            else:
                person_busy[(p, s)] = rid
        la = problem.languages.get(r.a) or frozenset()
        lb = problem.languages.get(r.b) or frozenset()
        needed = bool(la) and bool(lb) and not (la & lb)
        if pl.interpreter is None:
            if needed:
                out.append(f"request {rid}: no common language and no interpreter")
        else:
            spec = interp.get(pl.interpreter)
            if spec is None:
                out.append(f"request {rid}: unknown interpreter {pl.interpreter}")
            else:
                if needed and not (spec.languages & la and spec.languages & lb):
                    out.append(f"request {rid}: interpreter {spec.id} lacks the languages")
                if s in spec.unavailable:
                    out.append(f"request {rid}: interpreter {spec.id} unavailable in slot {s}")
                if (spec.id, s) in interp_busy:
                    other = interp_busy[(spec.id, s)]
                    out.append(
                        f"request {rid}: interpreter {spec.id} double-booked in slot {s} "
                        f"with {other}"
                    )
                else:
                    interp_busy[(spec.id, s)] = rid
        pin = problem.pinned.get(rid)
        if pin is not None and (
            pin.slot != s
            or (pin.table is not None and pin.table != pl.table)
            or (pin.interpreter is not None and pin.interpreter != pl.interpreter)
        ):
            out.append(f"request {rid}: pinned to {pin} but placed at {pl}")
    for s, n in sorted(per_slot.items()):
        if n > problem.tables:
            out.append(f"slot {s}: {n} meetings for {problem.tables} tables")
    return out
