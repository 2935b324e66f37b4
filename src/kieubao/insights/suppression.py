"""Small-cell suppression of the published community statistics.

Officials of a province and platform admins see exact figures. Everyone else sees the same tables
with the counts from 1 to ``threshold - 1`` hidden (shown as ``"<10"``) and enough further
entries hidden (shown as ``"x"``) that no hidden entry can be recomputed from what is published,
by any combination of sums and differences.

What is published is a hierarchy: for each table (residency, qualification, country, field, ...)
a provinces × categories matrix of counts, the total of each province (the row total, shared by
all tables), the national figure of each category (the column total) and the national total.
The API serves one province or the nation at a time, but an attacker can fetch every view and
combine them, so :func:`suppress` computes ONE pattern over the whole matrix and every view must
publish the entries of that single pattern.

Model. The entries are the cells, the row totals, the column totals and the grand total. They are
tied together by additive *lines*, each a set of members whose sum is a parent entry:

(a) for each table whose rows are additive, each row: its cells, parent the row total;
(b) for each table, each column: its cells, parent the column total;
(c) the row totals, parent the grand total;
(d) for each table whose rows are additive, its column totals, parent the grand total.

A table whose rows are not additive (fields of expertise: a person can have several) has only the
lines (b); its column totals are not tied to the grand total.

Algorithm.

1. Primary: every entry with ``1 <= value < threshold`` is hidden.
2. Secondary, to a fixpoint: a line with exactly ONE hidden entry would give it away by
   subtraction, so one more entry of that line is hidden: the member with the smallest positive
   value that is not hidden yet (ties broken by a canonical order of the keys), or, when there is
   none, the parent. Hiding an entry may leave another line it belongs to with one hidden entry;
   that line is handled in turn (a row total belongs to the row line of every additive table and
   to the line (c), so hiding it through one table hides it for all). Entries are only ever
   added, so the loop ends, after at most one step per line.
3. Audit, to a fixpoint. Step 2 looks at each line on its own, and adding and subtracting whole
   lines can still pin a hidden entry. A 3 × 3 example (a test keeps it):

      province 0:   1   0   6  | 7        step 2 hides: 1, 6 and 7 (small); 76 and 19 (partners
      province 1:  76  56  58  | 190      of the 1 and the 6 in their columns); 56 (of the 76 in
      province 2:   0   0  19  | 19       its row); 19's row total and the column total 56
      national:    77  56  83  | 216      (each equal to one hidden cell); the 77 (of the 56)

   Every line has two hidden entries or none, yet 83 - 58 = 6 + 19 and 216 - 190 = 7 + 19 =
   (1 + 6) + 19, so the 1 is 26 - 25. Step 2 leaves such leaks in a few per cent of small random
   tables. So the whole system is audited: the unknowns are the hidden entries, each line is an
   equation (its published entries are constants), and a hidden entry is *pinned* iff its value
   is the same in every solution, i.e. iff no vector of the null space of the system moves it.
   :class:`_Audit` finds them all, exactly (integers and fractions, no floating point, no
   modular arithmetic): nearly every entry is in one or two lines, with coefficients +1 and -1,
   so the system is mostly the incidence matrix of a graph of lines, where the pinned entries
   are the bridges; the few others (the row and grand totals when several tables are additive)
   are handled by a small exact elimination over the connected components of that graph (linear
   work for the graph, the elimination only as large as the number of provinces). For each pinned
   entry one more published entry is hidden, the smallest that frees it, near it (see
   :meth:`_Audit.unpin`), then step 2 runs again, and the audit again, until nothing is pinned.

   This ends: every round hides at least one more positive entry, and hiding more never pins an
   entry that was free (a null vector stays one with a zero for the new entry). At worst every
   positive entry ends up hidden, and then nothing is pinned: every equation is homogeneous, so
   a pinned entry would be pinned to 0, while hidden entries are positive. On realistic input
   (35 provinces × 250 columns × 5 tables, about 44,000 cells, long-tailed counts) the whole
   takes some 30 to 100 ms, steps 1 and 2 about 20 ms of it and an audit 10 to 25 ms, with one
   round of more hiding when one is needed at all.

Zeros are never hidden. Publishing that nobody is in a cell singles out nobody. And a zero is
poor cover: a small count hidden together with a zero leaves the pair adding up to exactly that
count, so whoever knows or guesses that the partner is empty (zeros are the common case) has the
count back; a positive partner really blurs the figure. Hidden entries are therefore all
positive, which also means step 2 always has a move: if the single hidden entry is the parent,
its positive value is the sum of the members, so some member is positive and not hidden; if it
is a member and no other member is positive and unhidden, the parent (their sum, hence positive)
is not hidden yet and is hidden now.

Labels. :func:`present` shows a hidden count below the threshold as ``"<10"`` and an entry hidden
only as cover (10 or more) as :data:`HIDDEN` (``"x"``). Showing the cover as ``"<10"`` too would
state something false to the legitimate reader (a country with 40 people shown as having fewer
than 10), and would not protect the small counts any better: a small count is protected by not
being determined, and with either label all an attacker can tell of its value is that it is
somewhere from 1 to 9, next to the sum of the hidden entries of each line, which they know
anyway. What the labels do tell is which hidden entries are 10 or more: a bound (see Bounds
below), not a value.

Guarantees.

- Every entry from 1 to ``threshold - 1`` is hidden; no zero is hidden.
- No hidden entry is determined by the published entries: in the linear system of all the lines
  (cells, row totals, column totals, grand total), with the published entries as they are, every
  hidden entry can take other values (as real numbers: see Bounds). So no sum or difference of
  published figures, however many lines it combines and across all tables and views, gives a
  hidden entry. In particular every line has either no hidden entry or at least two.
- The result depends only on the values: not on the order of the mappings or of the tables
  (keys are put in a canonical order), nor on the hash seed.

Limits (what it does not guarantee).

- Bounds. Free in the linear system is not free in every sense: counts are non-negative
  integers, so an attacker knows that the hidden members of a line with a published parent lie
  between 0 and their known sum. When that sum is below the threshold they learn that those
  entries are all small (though not which person is where), and along the combinations that
  move a small count, small cover limits how far it can move. Protection intervals (how much
  each hidden entry can vary) need a linear programme, and are not computed.
- Time. Each call protects one release. Two releases of figures that changed in between can be
  subtracted from each other; nothing here compares releases.
- Cost. The cover is chosen greedily (the smallest entries that do the job, near what needs
  covering), not as the least possible loss of information. Degenerate tables can lose a lot:
  where a table repeats the row totals (everyone of a province in one country, say), covering
  them can take everything.
- Outside knowledge. Someone who knows some hidden figures already (their own household, a
  neighbour's) has fewer unknowns than the published tables leave; nothing here models that.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import compress, product, repeat
from math import lcm
from operator import itemgetter

__all__ = ["HIDDEN", "TOTAL", "Pattern", "Table", "present", "suppress", "suppress_simple"]


@dataclass(frozen=True)
class Table:
    """One published table: provinces (rows) × categories (columns) -> count."""

    name: str  # "residency", "qualification", "country", "field", ...
    cells: Mapping[tuple[Hashable, Hashable], int]  # (row, col) -> count; missing = 0
    rows_additive: bool = True  # True: the cells of a row add up to that row's total
    # Columns are always additive: the national figure for a column = sum over rows.


@dataclass
class Pattern:
    """What is hidden. Every entry not in here is published."""

    cells: dict[str, set[tuple]] = field(default_factory=dict)  # table -> {(row, col)}
    column_totals: dict[str, set] = field(default_factory=dict)  # table -> {col}
    row_totals: set = field(default_factory=set)  # rows whose total is hidden (all tables)
    grand_total: bool = False  # national total hidden

    def is_hidden(self, table: str, row: Hashable, col: Hashable) -> bool:
        return (row, col) in self.cells.get(table, ())

    def row_total_hidden(self, row: Hashable) -> bool:
        return row in self.row_totals

    def column_total_hidden(self, table: str, col: Hashable) -> bool:
        return col in self.column_totals.get(table, ())


HIDDEN = "x"
"""How :func:`present` shows an entry hidden only as cover (its value is ``threshold`` or more)."""


def present(value: int, hidden: bool, *, threshold: int = 10) -> int | str:
    """The value as published: the number; or, when it is hidden, ``"<10"`` (``f"<{threshold}"``)
    for a small count and :data:`HIDDEN` for an entry hidden only as cover."""
    if not hidden:
        return value
    return f"<{threshold}" if value < threshold else HIDDEN


class _Total:
    __slots__ = ()

    def __repr__(self) -> str:
        return "TOTAL"


TOTAL = _Total()
"""In the result of :func:`suppress_simple`: the total is hidden too."""


def suppress_simple(
    cells: Mapping[Hashable, int], total: int | None, *, threshold: int = 10
) -> set:
    """The keys to hide in a single flat line (say enterprises by location), with :data:`TOTAL`
    in the set when the total must be hidden too.

    ``total`` is the published sum of the cells, or None when no total is published (then the
    cells are tied by nothing and only the small ones are hidden). Same rules as
    :func:`suppress`, on one line.
    """
    _check_threshold(threshold)
    for key, value in cells.items():
        _check_count(value, f"cell {key!r}")
    hidden = {key for key, value in cells.items() if 0 < value < threshold}
    if total is None:
        return hidden
    _check_count(total, "total")
    if total != sum(cells.values()):
        raise ValueError(f"the cells add up to {sum(cells.values())}, not to the total {total}")
    total_hidden = 0 < total < threshold
    if len(hidden) + total_hidden == 1:
        rank = _ranks(cells)
        candidates = [key for key, value in cells.items() if value > 0 and key not in hidden]
        if candidates:
            hidden.add(min(candidates, key=lambda key: (cells[key], rank[key])))
        else:
            total_hidden = True
    if total_hidden:
        hidden.add(TOTAL)
    return hidden


# Internally rows and columns are numbered in a canonical order (so the result does not depend on
# the order of the input), and lines are keyed (kind, table, number). The per-cell work is kept
# in C loops (map, compress, Counter): a 35 × 250 × 5 input is about 44,000 cells.
_ROWS, _COLS, _ROW_LINE, _COL_LINE = 0, 1, 2, 3


class _Grid:
    """One table: its column totals, its hidden cells (the primary ones on construction) and the
    number of hidden entries in each of its row and column lines."""

    def __init__(
        self, table: Table, row_keys: list[Hashable], row_index: dict, threshold: int
    ) -> None:
        self.name = table.name
        self.additive = table.rows_additive
        self.cells = cells = table.cells
        self.row_keys = row_keys
        if cells and min(cells.values()) < 0:
            key = next(key for key, value in cells.items() if value < 0)
            raise ValueError(f"{table.name} cell {key!r} is negative: {cells[key]}")
        unknown = set(map(itemgetter(0), cells)) - row_index.keys()
        for key, value in cells.items() if unknown else ():
            if value and key[0] in unknown:
                raise ValueError(f"{table.name}: row {key[0]!r} has no row total")
        self.col_keys = col_keys = _canonical(set(map(itemgetter(1), cells)))
        self.col_index = {col: j for j, col in enumerate(col_keys)}
        get = cells.get
        self.col_value = [sum(map(get, product(row_keys, (col,)), repeat(0))) for col in col_keys]
        self.row_sum = (
            [sum(map(get, product((row,), col_keys), repeat(0))) for row in row_keys]
            if self.additive
            else []
        )
        small = range(1, threshold).__contains__
        self.hidden = set(compress(cells.keys(), map(small, cells.values())))  # (row, col)
        self.hidden_cols: set[int] = set()  # column numbers
        per_row = Counter(map(itemgetter(0), self.hidden))
        per_col = Counter(map(itemgetter(1), self.hidden))
        self.row_count = [per_row[row] for row in row_keys]  # hidden entries per row line
        self.col_count = [per_col[col] for col in col_keys]  # hidden entries per column line

    def row_members(self, i: int) -> list[tuple[int, int]]:
        """(value, column number) of the positive cells of row ``i``, smallest first."""
        values = map(self.cells.get, product((self.row_keys[i],), self.col_keys), repeat(0))
        return sorted((value, j) for j, value in enumerate(values) if value)

    def col_members(self, j: int) -> list[tuple[int, int]]:
        """(value, row number) of the positive cells of column ``j``, smallest first."""
        values = map(self.cells.get, product(self.row_keys, (self.col_keys[j],)), repeat(0))
        return sorted((value, i) for i, value in enumerate(values) if value)


def suppress(
    tables: Sequence[Table], row_totals: Mapping[Hashable, int], *, threshold: int = 10
) -> Pattern:
    """The suppression pattern of all the tables at once (see the module docstring).

    ``row_totals[r]`` is the number of people of province ``r``; every table whose rows are
    additive must have rows adding up to it (ValueError otherwise). The grand total is the sum of
    the row totals and a column total the sum of its column.
    """
    state = _per_line(tables, row_totals, threshold)
    while True:  # 3. the audit of the whole system, and more hiding where it finds a pinned entry
        audit = _Audit(state)
        if not audit.pinned:
            return state.pattern()
        if not audit.unpin():  # cannot happen (see _Audit.unpin): refuse rather than leak
            raise RuntimeError(f"suppression: pinned entries left unprotected: {audit.pinned}")
        state.settle()


def _per_line(
    tables: Sequence[Table], row_totals: Mapping[Hashable, int], threshold: int
) -> _State:
    """The input checked, then steps 1 (primary) and 2 (the per-line rule)."""
    _check_threshold(threshold)
    tables = sorted(tables, key=lambda table: table.name)
    names = [table.name for table in tables]
    if len(set(names)) != len(names):
        raise ValueError(f"table names must be unique: {names}")
    for row, value in row_totals.items():
        _check_count(value, f"row total {row!r}")
    row_keys = _canonical(row_totals)
    row_index = {row: i for i, row in enumerate(row_keys)}
    row_value = [row_totals[row] for row in row_keys]

    grids = [_Grid(table, row_keys, row_index, threshold) for table in tables]
    for grid in grids:
        if grid.additive and grid.row_sum != row_value:
            i = next(i for i, value in enumerate(row_value) if grid.row_sum[i] != value)
            raise ValueError(
                f"{grid.name}: row {row_keys[i]!r} adds up to {grid.row_sum[i]}, "
                f"not to its total {row_value[i]}"
            )
    state = _State(grids, row_keys, row_index, row_value, threshold)
    state.settle()
    return state


# Searching what to hide for a pinned entry (see _Audit.unpin).
_LEVELS = 3  # levels of lines around it
_BUDGET = 2000  # candidates tried on their own, at most
_LOOKAHEAD = 32  # candidates tried with the partners the per-line rule would give them

# Entries are keyed (kind, table, row number, column number), shortened to what the kind has:
# (_CELL, t, i, j), (_COLUMN_TOTAL, t, j), (_ROW_TOTAL, i), (_GRAND_TOTAL,).
_CELL, _COLUMN_TOTAL, _ROW_TOTAL, _GRAND_TOTAL = 0, 1, 2, 3


class _State:
    """The hidden entries, the number of hidden entries in every line, and the per-line rule."""

    def __init__(
        self,
        grids: list[_Grid],
        row_keys: list[Hashable],
        row_index: dict,
        row_value: list[int],
        threshold: int,
    ) -> None:
        self.grids = grids
        self.row_keys = row_keys
        self.row_index = row_index
        self.row_value = row_value
        self.grand = grand = sum(row_value)
        self.additive = [t for t, grid in enumerate(grids) if grid.additive]
        self.hidden_rows: set[int] = set()
        self.grand_hidden = False
        self.rows_count = [0]  # hidden entries in the line (c): row totals + grand total
        self.cols_count = [0] * len(grids)  # in the lines (d): a table's column totals + grand
        self.pending: list[tuple[int, int, int]] = []  # heap of lines with one hidden entry

        # Primary (the grids hid their cells).
        for t, grid in enumerate(grids):
            if grid.additive:
                for i, count in enumerate(grid.row_count):
                    if count == 1:
                        heapq.heappush(self.pending, (_ROW_LINE, t, i))
            for j, count in enumerate(grid.col_count):
                if count == 1:
                    heapq.heappush(self.pending, (_COL_LINE, t, j))
            for j, value in enumerate(grid.col_value):
                if 0 < value < threshold:
                    self.hide_column_total(t, j)
        for i, value in enumerate(row_value):
            if 0 < value < threshold:
                self.hide_row_total(i)
        if 0 < grand < threshold:
            self.hide_grand_total()

    # -- hiding --

    def _bump(self, counts: list[int], index: int, line: tuple[int, int, int]) -> None:
        counts[index] += 1
        if counts[index] == 1:
            heapq.heappush(self.pending, line)

    def hide_cell(self, t: int, i: int, j: int) -> None:
        grid = self.grids[t]
        grid.hidden.add((self.row_keys[i], grid.col_keys[j]))
        if grid.additive:
            self._bump(grid.row_count, i, (_ROW_LINE, t, i))
        self._bump(grid.col_count, j, (_COL_LINE, t, j))

    def hide_row_total(self, i: int) -> None:
        self.hidden_rows.add(i)
        self._bump(self.rows_count, 0, (_ROWS, 0, 0))
        for t in self.additive:
            self._bump(self.grids[t].row_count, i, (_ROW_LINE, t, i))

    def hide_column_total(self, t: int, j: int) -> None:
        grid = self.grids[t]
        grid.hidden_cols.add(j)
        self._bump(grid.col_count, j, (_COL_LINE, t, j))
        if grid.additive:
            self._bump(self.cols_count, t, (_COLS, t, 0))

    def hide_grand_total(self) -> None:
        self.grand_hidden = True
        self._bump(self.rows_count, 0, (_ROWS, 0, 0))
        for t in self.additive:
            self._bump(self.cols_count, t, (_COLS, t, 0))

    def hide(self, entry: tuple[int, ...]) -> None:
        kind = entry[0]
        if kind == _CELL:
            self.hide_cell(*entry[1:])
        elif kind == _COLUMN_TOTAL:
            self.hide_column_total(*entry[1:])
        elif kind == _ROW_TOTAL:
            self.hide_row_total(entry[1])
        else:
            self.hide_grand_total()

    def settle(self) -> None:
        """The per-line rule, to a fixpoint. Counts only grow: a line is pushed when its count
        reaches 1, and needs nothing more if its count has moved past 1 by the time it is popped.
        In each line, :meth:`partner`."""
        pending = self.pending
        while pending:
            line = heapq.heappop(pending)
            if self.count(line) == 1:
                self.hide(self.partner(line))

    def count(self, line: tuple[int, int, int]) -> int:
        """The number of hidden entries in a line."""
        kind, t, index = line
        if kind == _ROWS:
            return self.rows_count[0]
        if kind == _COLS:
            return self.cols_count[t]
        grid = self.grids[t]
        return (grid.row_count if kind == _ROW_LINE else grid.col_count)[index]

    def partner(
        self, line: tuple[int, int, int], besides: tuple[int, ...] | None = None
    ) -> tuple[int, ...]:
        """The entry the per-line rule hides in a line with one hidden entry (or with none but
        ``besides``, about to be hidden): the smallest positive member not hidden yet, else the
        parent. Then the one hidden entry is a member, and the parent, their positive sum, is not
        hidden yet."""
        kind, t, index = line
        grid = self.grids[t]
        if kind == _ROWS:
            members = sorted((value, i) for i, value in enumerate(self.row_value) if value)
            hidden_rows = self.hidden_rows
            entries = ((_ROW_TOTAL, i) for _, i in members if i not in hidden_rows)
            parent: tuple[int, ...] = (_GRAND_TOTAL,)
        elif kind == _COLS:
            members = sorted((value, j) for j, value in enumerate(grid.col_value) if value)
            hidden_cols = grid.hidden_cols
            entries = ((_COLUMN_TOTAL, t, j) for _, j in members if j not in hidden_cols)
            parent = (_GRAND_TOTAL,)
        elif kind == _ROW_LINE:
            row, col_keys, hidden = self.row_keys[index], grid.col_keys, grid.hidden
            members = grid.row_members(index)
            entries = ((_CELL, t, index, j) for _, j in members if (row, col_keys[j]) not in hidden)
            parent = (_ROW_TOTAL, index)
        else:
            col, row_keys, hidden = grid.col_keys[index], self.row_keys, grid.hidden
            members = grid.col_members(index)
            entries = ((_CELL, t, i, index) for _, i in members if (row_keys[i], col) not in hidden)
            parent = (_COLUMN_TOTAL, t, index)
        return next((entry for entry in entries if entry != besides), parent)

    def pattern(self) -> Pattern:
        grids = self.grids
        return Pattern(
            cells={grid.name: set(grid.hidden) for grid in grids},
            column_totals={
                grid.name: {grid.col_keys[j] for j in grid.hidden_cols} for grid in grids
            },
            row_totals={self.row_keys[i] for i in self.hidden_rows},
            grand_total=self.grand_hidden,
        )

    # -- the lines, for the audit --

    def value(self, entry: tuple[int, ...]) -> int:
        kind = entry[0]
        if kind == _CELL:
            _, t, i, j = entry
            grid = self.grids[t]
            return grid.cells.get((self.row_keys[i], grid.col_keys[j]), 0)
        if kind == _COLUMN_TOTAL:
            return self.grids[entry[1]].col_value[entry[2]]
        if kind == _ROW_TOTAL:
            return self.row_value[entry[1]]
        return self.grand

    def lines(self, entry: tuple[int, ...]) -> list[tuple[tuple[int, int, int], int]]:
        """The lines an entry belongs to, each with the entry's coefficient in the line's
        equation: +1/-1 such that an entry in two lines has +1 in one and -1 in the other. (The
        equations: row line: cells - row total = 0; column line: column total - cells = 0;
        line (c): row totals - grand total = 0; line (d): grand total - column totals = 0.)"""
        kind = entry[0]
        if kind == _CELL:
            _, t, i, j = entry
            col_line = ((_COL_LINE, t, j), -1)
            return [((_ROW_LINE, t, i), 1), col_line] if t in self.additive else [col_line]
        if kind == _COLUMN_TOTAL:
            _, t, j = entry
            col_line = ((_COL_LINE, t, j), 1)
            return [col_line, ((_COLS, t, 0), -1)] if t in self.additive else [col_line]
        if kind == _ROW_TOTAL:
            i = entry[1]
            return [((_ROWS, 0, 0), 1)] + [((_ROW_LINE, t, i), -1) for t in self.additive]
        return [((_ROWS, 0, 0), -1)] + [((_COLS, t, 0), 1) for t in self.additive]

    def published(self, line: tuple[int, int, int]) -> list[tuple[int, tuple[int, ...]]]:
        """(value, entry) of the positive entries of a line, members and parent, not hidden."""
        kind, t, index = line
        if kind == _ROWS:
            found = [
                (value, (_ROW_TOTAL, i))
                for i, value in enumerate(self.row_value)
                if value and i not in self.hidden_rows
            ]
        elif kind == _COLS:
            grid = self.grids[t]
            found = [
                (value, (_COLUMN_TOTAL, t, j))
                for j, value in enumerate(grid.col_value)
                if value and j not in grid.hidden_cols
            ]
        elif kind == _ROW_LINE:
            grid, row = self.grids[t], self.row_keys[index]
            found = [
                (value, (_CELL, t, index, j))
                for value, j in grid.row_members(index)
                if (row, grid.col_keys[j]) not in grid.hidden
            ]
            if self.row_value[index] and index not in self.hidden_rows:
                found.append((self.row_value[index], (_ROW_TOTAL, index)))
            return found
        else:
            grid, col = self.grids[t], self.grids[t].col_keys[index]
            found = [
                (value, (_CELL, t, i, index))
                for value, i in grid.col_members(index)
                if (self.row_keys[i], col) not in grid.hidden
            ]
            if grid.col_value[index] and index not in grid.hidden_cols:
                found.append((grid.col_value[index], (_COLUMN_TOTAL, t, index)))
            return found
        if self.grand and not self.grand_hidden:
            found.append((self.grand, (_GRAND_TOTAL,)))
        return found


class _Audit:
    """Which hidden entries the whole linear system pins down, and more hiding to free them.

    The unknowns are the hidden entries; each line with a hidden entry is an equation (the
    published entries are constants). A hidden entry is pinned iff no solution of the homogeneous
    system moves it, i.e. iff it is in the support of no vector of the null space (a *coloop* of
    the matrix).

    Almost every entry is in one or two lines, with coefficients +1 and -1 (see
    :meth:`_State.lines`): a column of the incidence matrix of a graph whose nodes are the lines,
    plus a *ground* node without an equation for the entries in a single line. The null space
    of a graph's incidence matrix is its cycle space, so such an entry is pinned by the graph
    alone iff it is a bridge (found in linear time on a spanning forest: see below). The only
    other entries are the row totals and the grand total when several tables are additive (one
    line per table, plus one): at most ``rows + 1`` *extra* columns. Modulo the column space of
    the graph (on each connected component of the graph without the ground, only the sum of a
    vector counts), the extra columns make a small matrix; each vector of its null space, exact
    in fractions, lifts to a vector of the whole null space through the edges of a spanning tree
    (an edge carries the sum over the subtree below it). The fundamental cycles and these lifted
    vectors are a basis of the null space, so an entry is pinned iff it is a bridge that no
    lifted vector crosses, or an extra column that no vector of the small null space uses. All
    of it exact: integers and fractions, no rounding, no modular arithmetic.
    """

    def __init__(self, state: _State) -> None:
        self.state = state
        grids = state.grids
        # Nodes: 0 the ground, 1 the line (c), then the lines (d), then row and column lines.
        node: dict[tuple[int, int, int], int] = {(_ROWS, 0, 0): 1}
        for t in range(len(grids)):
            node[_COLS, t, 0] = 2 + t
        size = 2 + len(grids)
        row_nodes, col_nodes = [], []  # per table: row key -> node, column key -> node
        for t, grid in enumerate(grids):
            row_nodes.append({row: size + i for i, row in enumerate(state.row_keys)})
            node.update(((_ROW_LINE, t, i), size + i) for i in range(len(state.row_keys)))
            size += len(state.row_keys)
            col_nodes.append({col: size + j for j, col in enumerate(grid.col_keys)})
            node.update(((_COL_LINE, t, j), size + j) for j in range(len(grid.col_keys)))
            size += len(grid.col_keys)
        self.node = node
        self.line_of = {v: line for line, v in node.items()}

        # The hidden entries: edges (two nodes, the ground for a single line) and extra columns.
        # The cells go in blocks, one per table, in C loops (no order needed: what the audit
        # finds is a property of the graph; the pinned entries are sorted at the end).
        edges: list[tuple[int, int]] = []
        self.blocks: list[tuple[int, int, list]] = []  # (first edge, table or -1, keys)
        for t, grid in enumerate(grids):
            keys = list(grid.hidden)
            self.blocks.append((len(edges), t, keys))
            cols = map(col_nodes[t].__getitem__, map(itemgetter(1), keys))
            if grid.additive:
                rows = map(row_nodes[t].__getitem__, map(itemgetter(0), keys))
                edges.extend(zip(rows, cols, strict=True))
            else:
                edges.extend(zip(cols, repeat(0)))
        others = [(_COLUMN_TOTAL, t, j) for t, grid in enumerate(grids) for j in grid.hidden_cols]
        others += [(_ROW_TOTAL, i) for i in sorted(state.hidden_rows)]
        others += [(_GRAND_TOTAL,)] if state.grand_hidden else []
        extras: list[dict[int, int]] = []  # node -> coefficient
        extra_entry: list[tuple[int, ...]] = []
        edge_others: list[tuple[int, ...]] = []
        for entry in others:
            ends = self._ends(entry)
            if ends is None:
                extras.append(self._column(entry))
                extra_entry.append(entry)
            else:
                edge_others.append(entry)
        self.blocks.append((len(edges), -1, edge_others))
        self.starts = [first for first, _t, _keys in self.blocks]
        self._edge_number: dict[tuple[int, int], int] | None = None  # when first needed
        edges.extend(map(self._ends, edge_others))
        self.edges, self.extras = edges, extras
        self.extras_at: dict[int, list[int]] = {}  # node -> the extra columns through it
        for x, column in enumerate(extras):
            for v in column:
                self.extras_at.setdefault(v, []).append(x)
        neighbours: list[list[int]] = [[] for _ in range(size)]
        for a, b in edges:
            neighbours[a].append(b)
            neighbours[b].append(a)
        self.neighbours = neighbours

        # A spanning forest, breadth first (set operations), from the ground first and then from
        # every node not reached yet; then its preorder, in which every subtree is an interval.
        parent = [-1] * size
        component = list(range(size))
        children: list[list[int]] = [[] for _ in range(size)]
        unreached = set(range(size))
        roots = []
        for root in range(size):
            if root not in unreached:
                continue
            unreached.discard(root)
            roots.append(root)
            queue = [root]
            for v in queue:  # the queue grows while it is read
                found = unreached.intersection(neighbours[v])
                if found:
                    unreached -= found
                    found = sorted(found)
                    queue.extend(found)
                    children[v] = found
                    for w in found:
                        parent[w], component[w] = v, root
        tin = [0] * size
        depth = [0] * size
        order: list[int] = []
        for root in roots:
            stack = [root]
            while stack:
                v = stack.pop()
                tin[v] = len(order)
                order.append(v)
                below = children[v]
                if below:
                    for w in below:
                        depth[w] = depth[v] + 1
                    stack.extend(reversed(below))
        subtree = [1] * size  # number of nodes in the subtree: it spans tin[v] ... + subtree[v]
        for v in reversed(order):
            if parent[v] >= 0:
                subtree[parent[v]] += subtree[v]

        # Bridges. A tree edge (parent, v) is one iff no other edge leaves the subtree of v: the
        # preorder numbers of the other ends of the edges of the subtree (all but one edge to
        # the parent) stay in its interval. Per node in C loops, then summed up the tree.
        low = [size] * size
        high = [-1] * size
        number = tin.__getitem__
        for v, around in enumerate(neighbours):
            if around:
                ends = list(map(number, around))
                if parent[v] >= 0:
                    ends.remove(tin[parent[v]])
                if ends:
                    low[v], high[v] = min(ends), max(ends)
        bridges = []  # by their lower node
        for v in reversed(order):
            u = parent[v]
            if u < 0:
                continue
            if low[v] >= tin[v] and high[v] < tin[v] + subtree[v]:
                bridges.append(v)
            if low[v] < low[u]:
                low[u] = low[v]
            if high[v] > high[u]:
                high[u] = high[v]
        self.tin, self.subtree, self.order, self.parent = tin, subtree, order, parent
        self.depth, self.component = depth, component

        # The extra columns modulo the graph (their sums per component without the ground), in
        # an echelon basis; the null space of that small matrix, each vector lifted through the
        # tree: what it frees.
        self.basis = _Echelon()
        free: set[int] = set()  # tree edges, by their lower node
        free_extras: set[int] = set()
        for x, column in enumerate(extras):
            null = self.basis.add(self._sums(column), x)
            if null is None:
                continue
            weight = [0] * size
            for y, factor in null.items():
                free_extras.add(y)
                for v, coefficient in extras[y].items():
                    weight[v] += factor * coefficient
            for v in reversed(order):
                if weight[v] and parent[v] >= 0:
                    free.add(v)
                    weight[parent[v]] += weight[v]
        self.edge_of = {self._entry(v): v for v in bridges}  # pinned or not
        pinned = [entry for entry, v in self.edge_of.items() if v not in free]
        pinned += [entry for x, entry in enumerate(extra_entry) if x not in free_extras]
        self.pinned = sorted(pinned)
        self.extra_of = {entry: x for x, entry in enumerate(extra_entry)}

    def _entry(self, v: int) -> tuple[int, ...]:
        """The entry of the tree edge above node ``v`` (one of its edges, if several)."""
        u = self.parent[v]
        if self._edge_number is None:
            self._edge_number = dict(zip(self.edges, range(len(self.edges)), strict=True))
        e = self._edge_number.get((u, v), self._edge_number.get((v, u)))
        first, t, keys = self.blocks[bisect_right(self.starts, e) - 1]
        if t < 0:
            return keys[e - first]
        row, col = keys[e - first]
        return (_CELL, t, self.state.row_index[row], self.state.grids[t].col_index[col])

    def _ends(self, entry: tuple[int, ...]) -> tuple[int, int] | None:
        """The two nodes an entry joins as an edge (None for an extra column)."""
        lines = self.state.lines(entry)
        if len(lines) == 1:
            return self.node[lines[0][0]], 0
        if len(lines) == 2:
            return self.node[lines[0][0]], self.node[lines[1][0]]
        return None

    def _column(self, entry: tuple[int, ...]) -> dict[int, int]:
        """The entry's column of the system: node -> coefficient (the ground has no equation)."""
        return {self.node[line]: coefficient for line, coefficient in self.state.lines(entry)}

    def _sums(self, column: dict[int, int]) -> dict[int, int]:
        """A column modulo the graph: its sum on each component without the ground."""
        sums: dict[int, int] = {}
        for v, coefficient in column.items():
            c = self.component[v]
            if c:
                sums[c] = sums.get(c, 0) + coefficient
        return {c: value for c, value in sums.items() if value}

    def _inside(self, v: int, root: int) -> bool:
        """Whether node ``v`` is in the subtree of node ``root``."""
        return self.tin[root] <= self.tin[v] < self.tin[root] + self.subtree[root]

    def frees(self, pinned: tuple[int, ...], entries: Sequence[tuple[int, ...]]) -> bool:
        """Whether hiding the published ``entries`` too would free the ``pinned`` one (exact).

        Hiding adds their columns to the matrix. Each column is split into a combination of the
        columns of the hidden entries and a rest: the extra columns by its sums per component
        (the echelon basis), what is left of the sums being the rest, and the graph through the
        tree, where the pinned entry's coefficient is the sum below the pinned edge (or, for a
        pinned extra column, its factor in the combination). The pinned entry is freed iff some
        combination of the new columns whose rests cancel out gives it a nonzero coefficient
        (the same in every way of writing it, since no null vector of the hidden entries alone
        moves it).
        """
        dependencies = _Echelon()
        coefficients = []
        x_pinned = self.extra_of.get(pinned)
        child = self.edge_of.get(pinned)
        for k, entry in enumerate(entries):
            column = self._column(entry)
            rest, expression = self.basis.reduce(self._sums(column))
            if x_pinned is not None:
                coefficients.append(-expression.get(x_pinned, 0))
            else:
                weight = dict(column)
                for x, factor in expression.items():  # column = rest - expression . extras
                    for v, coefficient in self.extras[x].items():
                        weight[v] = weight.get(v, 0) + factor * coefficient
                inside = self._inside
                coefficients.append(sum(w for v, w in weight.items() if v and inside(v, child)))
            null = dependencies.add(rest, k)
            if null and sum(factor * coefficients[j] for j, factor in null.items()):
                return True
        return False

    def unpin(self) -> bool:
        """Hide one more published entry for each pinned entry, in canonical order; False if
        nothing could be hidden (which cannot happen, see :meth:`_nearest`).

        The candidates are the published positive entries of lines near the pinned entry: first
        its own lines and, for a pinned edge (a bridge), the lines on the smaller side of the
        bridge (every entry joining the two sides has a line there); then, level by level, the
        lines next to those through hidden entries (at most :data:`_LEVELS` levels and
        :data:`_BUDGET` candidates). The one hidden is the smallest (then the first in canonical
        order) of the first level that has one freeing the pinned entry on its own
        (:meth:`frees`). When it joins two sides of a bridge within a component, the cycle it
        closes frees every bridge on it. Else, of the :data:`_LOOKAHEAD` smallest of the first
        level, the one that frees it together with the entries the per-line rule will hide next
        to it (in its lines that have no hidden entry yet), the smallest in all. Else the
        smallest published positive entry of its lines (or, when they have none left, of the
        nearest line of its component that has).

        Except after a closed cycle, what a move frees is only known after the next audit, so
        the rest of the component waits for the next round rather than being covered twice.
        Entries hidden earlier in the round can leave nothing to hide around a later pinned
        entry (then it has most likely been freed): it waits for the next round too. The first
        pinned entry of a round always gets an entry hidden, so every round hides something.
        """
        state, freed, waiting, moved = self.state, set(), set(), False
        for pinned in self.pinned:
            child = self.edge_of.get(pinned)  # None for an extra column
            lines = [line for line, _ in state.lines(pinned)]
            where = self.component[self.node[lines[0]]]
            if child in freed or where in waiting:
                continue
            level = sorted(
                {self.node[line] for line in lines}.union(
                    self._side(child) if child is not None else ()
                )
            )
            seen, tried, first = set(level), set(), None
            pick = None
            for _ in range(_LEVELS):
                candidates = sorted(
                    {pair for v in level if v for pair in state.published(self.line_of[v])} - tried
                )[: _BUDGET - len(tried)]
                tried.update(candidates)
                first = candidates if first is None else first
                pick = next((pair for pair in candidates if self.frees(pinned, [pair[1]])), None)
                if pick is not None or len(tried) >= _BUDGET:
                    break
                level = sorted(set(self._around(level)) - seen)
                seen.update(level)
            if pick is not None:
                ends = self._ends(pick[1])
                state.hide(pick[1])
                moved = True
                if ends is not None and self.component[ends[0]] == self.component[ends[1]]:
                    freed.update(self._path(*ends))
                else:
                    waiting.add(where)
                continue
            with_partners = []
            for value, entry in first[:_LOOKAHEAD]:
                partners = [
                    state.partner(line, entry)
                    for line, _ in state.lines(entry)
                    if not state.count(line)
                ]
                if partners and self.frees(pinned, [entry, *partners]):
                    total = value + sum(map(state.value, partners))
                    with_partners.append((total, value, entry))
            if with_partners:
                pick = min(with_partners)[1:]
            else:
                found = [pair for line in lines for pair in state.published(line)]
                pick = min(found) if found else self._nearest(pinned)
                if pick is None:
                    continue  # what this round hid already took all around it: next round
            state.hide(pick[1])
            moved = True
            waiting.add(where)
        return moved

    def _around(self, nodes: Iterable[int]) -> Iterator[int]:
        """The nodes next to some of ``nodes`` through a hidden entry (edge or extra column)."""
        for v in nodes:
            yield from self.neighbours[v]
            for x in self.extras_at.get(v, ()):
                yield from self.extras[x]

    def _side(self, child: int) -> list[int]:
        """The nodes of the smaller side of the bridge above ``child``: its subtree, or the rest
        of its component. Always the subtree in the component of the ground (the root): the
        ground has no line to go through, so the entries joining it would be missed."""
        tin, subtree, order = self.tin, self.subtree, self.order
        root = self.component[child]
        start, stop = tin[child], tin[child] + subtree[child]
        if root and (stop - start) * 2 > subtree[root]:
            return order[tin[root] : start] + order[stop : tin[root] + subtree[root]]
        return order[start:stop]

    def _path(self, a: int, b: int) -> list[int]:
        """The edges of the tree path between two nodes of one tree, by their lower nodes."""
        depth, parent, path = self.depth, self.parent, []
        while a != b:
            if depth[a] < depth[b]:
                a, b = b, a
            path.append(a)
            a = parent[a]
        return path

    def _nearest(self, entry: tuple[int, ...]) -> tuple[int, tuple[int, ...]] | None:
        """(value, entry) of the smallest published positive entry of the nearest line (breadth
        first from the lines of ``entry``, through the hidden entries) that has one. As the audit
        found them, a pinned entry's component always has one: if all its lines had only hidden
        entries and zeros, the equations pinning it would all be homogeneous and it would be
        pinned to 0. None if entries hidden since have taken them all."""
        start = sorted(self.node[line] for line, _ in self.state.lines(entry))
        seen, queue = set(start), start
        while queue:
            following = set()
            for v in queue:
                found = self.state.published(self.line_of[v]) if v else []
                if found:
                    return min(found)
                following.update(self._around((v,)))
            queue = sorted(following - seen)
            seen.update(queue)
        return None


class _Echelon:
    """An echelon basis of the span of some sparse vectors (``{coordinate: value}``, integer
    coordinates), exact in fractions, each basis vector with its expression in the vectors
    added."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, dict, dict]] = []  # (pivot, vector, expression)

    def _reduce(self, vector: dict, expression: dict) -> tuple[dict, dict]:
        vector = {key: Fraction(value) for key, value in vector.items()}
        for pivot, row, row_expression in self.rows:
            factor = vector.get(pivot)
            if factor:
                for key, value in row.items():
                    vector[key] = vector.get(key, 0) - factor * value
                for key, value in row_expression.items():
                    expression[key] = expression.get(key, 0) - factor * value
        vector = {key: value for key, value in vector.items() if value}
        return vector, {key: value for key, value in expression.items() if value}

    def add(self, vector: dict, name: Hashable) -> dict | None:
        """Add the vector called ``name``. None if it is independent of the ones added before;
        otherwise the dependency, ``{name: integer}`` (a combination that adds up to 0)."""
        rest, expression = self._reduce(vector, {name: Fraction(1)})
        if not rest:
            scale = lcm(*(value.denominator for value in expression.values()))
            return {key: int(value * scale) for key, value in expression.items()}
        pivot = min(rest)
        factor = rest[pivot]
        self.rows.append(
            (
                pivot,
                {key: value / factor for key, value in rest.items()},
                {key: value / factor for key, value in expression.items()},
            )
        )
        return None

    def reduce(self, vector: dict) -> tuple[dict, dict]:
        """``(rest, expression)``: ``vector`` = ``rest`` - (the vectors added, weighted by
        ``expression``), with ``rest`` zero on every pivot (empty iff ``vector`` is in the
        span)."""
        return self._reduce(vector, {})


def _canonical(keys: Iterable[Hashable]) -> list[Hashable]:
    """The keys in an order that depends only on the keys: by type name, then value (or repr,
    for keys that do not compare)."""
    keys = list(keys)
    try:
        return sorted(keys, key=lambda key: (type(key).__name__, key))
    except TypeError:
        return sorted(keys, key=lambda key: (type(key).__name__, repr(key)))


def _ranks(keys: Iterable[Hashable]) -> dict[Hashable, int]:
    return {key: rank for rank, key in enumerate(_canonical(keys))}


def _check_threshold(threshold: int) -> None:
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, not {threshold}")


def _check_count(value: int, what: str) -> None:
    if value < 0:
        raise ValueError(f"{what} is negative: {value}")
