"""Small-cell suppression of the published community statistics.

Officials of a province and platform admins see exact figures. Everyone else sees the same tables
with the counts from 1 to ``threshold - 1`` hidden (shown as ``"<10"``) and enough further
entries hidden (shown as ``"x"``) that no hidden entry can be recomputed by subtraction from what
is published.

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
- Every line has either no hidden entry or at least two. No hidden entry can be computed from the
  published entries of one line, and an attacker who repeatedly solves every line left with a
  single unknown learns nothing at all: no line has a single unknown to start with.
- The result depends only on the values: not on the order of the mappings or of the tables
  (keys are put in a canonical order), nor on the hash seed.

Limits (what it does not guarantee).

- Combinations of several lines. The rule looks at each line on its own; adding and subtracting
  whole lines can still pin a hidden entry. A 3 × 3 example that :func:`suppress` leaves open:

      province 0:   1   0   6  | 7        hidden: 1, 6 and 7 (small); 76 and 19 (partners of
      province 1:  76  56  58  | 190      the 1 and the 6 in their columns); 56 (of the 76 in
      province 2:   0   0  19  | 19       its row); 19's row total and the column total 56
      national:    77  56  83  | 216      (each equal to one hidden cell); the 77 (of the 56)

  Every line has two hidden entries or none, yet 83 - 58 = 6 + 19 and 216 - 190 = 7 + 19 =
  (1 + 6) + 19, so the 1 is 26 - 25. On random tables of up to 6 × 6 about 4 % of the patterns
  have such a leak (found with an exact rank test, not done here). Ruling them out needs an
  audit of the whole linear system (the rank of the equations over the hidden entries; a linear
  programme for intervals) and more hiding where it finds a pinned entry.
- Bounds. Counts are non-negative, so an attacker knows that the hidden members of a line with a
  published parent lie between 0 and their known sum. When that sum is below the threshold they
  learn that those entries are all small (though not which person is where). Protection
  intervals, again, need a linear programme.
- Time. Each call protects one release. Two releases of figures that changed in between can be
  subtracted from each other; nothing here compares releases.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, product, repeat
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
    grand = sum(row_value)

    grids = [_Grid(table, row_keys, row_index, threshold) for table in tables]
    for grid in grids:
        if grid.additive and grid.row_sum != row_value:
            i = next(i for i, value in enumerate(row_value) if grid.row_sum[i] != value)
            raise ValueError(
                f"{grid.name}: row {row_keys[i]!r} adds up to {grid.row_sum[i]}, "
                f"not to its total {row_value[i]}"
            )
    additive = [t for t, grid in enumerate(grids) if grid.additive]

    hidden_rows: set[int] = set()
    grand_hidden = False
    rows_count = [0]  # hidden entries in the line (c): row totals + grand total
    cols_count = [0] * len(grids)  # in the lines (d): a table's column totals + grand total
    pending: list[tuple[int, int, int]] = []  # heap of lines with one hidden entry when pushed

    def bump(counts: list[int], index: int, line: tuple[int, int, int]) -> None:
        counts[index] += 1
        if counts[index] == 1:
            heapq.heappush(pending, line)

    def hide_cell(t: int, i: int, j: int) -> None:
        grid = grids[t]
        grid.hidden.add((row_keys[i], grid.col_keys[j]))
        if grid.additive:
            bump(grid.row_count, i, (_ROW_LINE, t, i))
        bump(grid.col_count, j, (_COL_LINE, t, j))

    def hide_row_total(i: int) -> None:
        hidden_rows.add(i)
        bump(rows_count, 0, (_ROWS, 0, 0))
        for t in additive:
            bump(grids[t].row_count, i, (_ROW_LINE, t, i))

    def hide_column_total(t: int, j: int) -> None:
        grid = grids[t]
        grid.hidden_cols.add(j)
        bump(grid.col_count, j, (_COL_LINE, t, j))
        if grid.additive:
            bump(cols_count, t, (_COLS, t, 0))

    def hide_grand_total() -> None:
        nonlocal grand_hidden
        grand_hidden = True
        bump(rows_count, 0, (_ROWS, 0, 0))
        for t in additive:
            bump(cols_count, t, (_COLS, t, 0))

    # 1. Primary (the grids hid their cells).
    for t, grid in enumerate(grids):
        if grid.additive:
            for i, count in enumerate(grid.row_count):
                if count == 1:
                    heapq.heappush(pending, (_ROW_LINE, t, i))
        for j, count in enumerate(grid.col_count):
            if count == 1:
                heapq.heappush(pending, (_COL_LINE, t, j))
        for j, value in enumerate(grid.col_value):
            if 0 < value < threshold:
                hide_column_total(t, j)
    for i, value in enumerate(row_value):
        if 0 < value < threshold:
            hide_row_total(i)
    if 0 < grand < threshold:
        hide_grand_total()

    # 2. Secondary. Counts only grow: a line is pushed once, when its count reaches 1, and needs
    # nothing more if its count has moved past 1 by the time it is popped. In each line, the
    # smallest positive member not hidden yet, else the parent: the one hidden entry is then a
    # member, and the parent, their positive sum, is not hidden yet.
    while pending:
        kind, t, index = heapq.heappop(pending)
        if kind == _ROWS:
            if rows_count[0] == 1:
                members = sorted((value, i) for i, value in enumerate(row_value) if value)
                pick = next((i for _, i in members if i not in hidden_rows), None)
                if pick is None:
                    hide_grand_total()
                else:
                    hide_row_total(pick)
            continue
        grid = grids[t]
        if kind == _COLS:
            if cols_count[t] != 1:
                continue
            members = sorted((value, j) for j, value in enumerate(grid.col_value) if value)
            pick = next((j for _, j in members if j not in grid.hidden_cols), None)
            if pick is None:
                hide_grand_total()
            else:
                hide_column_total(t, pick)
        elif kind == _ROW_LINE:
            if grid.row_count[index] != 1:
                continue
            row, col_keys = row_keys[index], grid.col_keys
            members = grid.row_members(index)
            pick = next((j for _, j in members if (row, col_keys[j]) not in grid.hidden), None)
            if pick is None:
                hide_row_total(index)
            else:
                hide_cell(t, index, pick)
        else:
            if grid.col_count[index] != 1:
                continue
            col = grid.col_keys[index]
            members = grid.col_members(index)
            pick = next((i for _, i in members if (row_keys[i], col) not in grid.hidden), None)
            if pick is None:
                hide_column_total(t, index)
            else:
                hide_cell(t, pick, index)

    return Pattern(
        cells={grid.name: grid.hidden for grid in grids},
        column_totals={grid.name: {grid.col_keys[j] for j in grid.hidden_cols} for grid in grids},
        row_totals={row_keys[i] for i in hidden_rows},
        grand_total=grand_hidden,
    )


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
