"""Imports of provincial survey files: read (any of the encodings and formats provinces use),
recognise the columns, validate every row, and only then write everything in one
transaction, or nothing at all.

    report = import_file("people", path, province_code=31)
    report.ok, report.created, report.updated, report.unchanged, report.problems

Records are upserted by external id ("Mã hồ sơ"): importing the same file twice changes
nothing. Rows without one get a stable id derived from their content (and their rank among
identical rows), so re-importing an unchanged file is still a no-op. People go into the
community registry as statistical records (source "import": no account, not listed in the
directory, private by default); enterprises, investment projects and remittances into this
app's tables. Aggregates are adjusted in the same transaction."""

from __future__ import annotations

import difflib
import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kieubao.community.bulk import PersonRow, people_bulk_insert
from kieubao.community.models import ExpertiseField, Person, PersonSource
from kieubao.core import audit
from kieubao.core.models import AuditAction
from kieubao.core.provinces import province_by_code
from kieubao.core.text import fold, fold_key, normalize

from . import aggregates, columns
from .columns import ValueProblem
from .models import Enterprise, ImportKind, InvestmentProject, Remittance
from .reading import ImportFileError, read_table
from .selectors import forget_public_figures

MAX_PROBLEMS = 1000  # listed in a report; the total is always counted
Progress = Callable[[str, int, int], None]  # phase, done, total


@dataclass
class Problem:
    row: int | None  # the row number as the user sees it in the file (header = 1)
    column: str
    value: str
    reason: str
    suggestions: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    kind: str
    province_code: int
    file: str = ""
    encoding: str = ""
    legacy: str | None = None
    sheet: str | None = None
    rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # header -> field
    ignored: list[str] = field(default_factory=list)  # extra columns, not imported
    counted_as_other: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    written: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def problem(self, row, column, value, reason, suggestions=()) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, str(value)[:200], reason, list(suggestions)))

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        data = dict(data)
        data.pop("ok", None)
        problems = [Problem(**p) for p in data.pop("problems", [])]
        return cls(**data, problems=problems)


# -- the rows ------------------------------------------------------------------------------------


class _Cells:
    """One row's values by field, with the value map applied and parsers memoised (survey
    files repeat the same few countries, provinces and statuses thousands of times)."""

    def __init__(self, report: ImportReport, headers, match, value_map) -> None:
        self.report = report
        self.headers = headers
        self.by_field = {f: i for i, f in match.columns.items()}
        self.fields = list(self.by_field.items())
        self.multipliers = match.multipliers
        self.value_map = value_map
        self.memo: dict[tuple, Any] = {}
        self.values: dict[str, str] = {}
        self.number = 0
        self.done = 0
        self.total = 0
        self.progress: Progress | None = None

    def load(self, row: list[str], number: int) -> None:
        """Take the next row (cells arrive trimmed and NFC from the reader)."""
        self.number = number
        self.done += 1
        if self.progress and self.done % 5000 == 0:
            self.progress("check", self.done, self.total)
        self.values = {name: row[index] for name, index in self.fields}
        if self.value_map:
            for name, index in self.fields:
                value = self.values[name]
                if value:
                    mapped = columns.apply_value_map(
                        self.headers[index], value, self.value_map, name
                    )
                    self.values[name] = normalize(mapped)

    def raw(self, name: str) -> str:
        return self.values.get(name, "")

    def parse(self, name: str, parser, *args, **kwargs):
        """The parsed value of a field, or None after recording the problem."""
        value = self.raw(name)
        key = (name, value)
        try:
            cached = self.memo[key]
        except KeyError:
            try:
                cached = (True, parser(value, *args, **kwargs))
            except ValueProblem as problem:
                cached = (False, problem)
            if len(self.memo) < 100_000:
                self.memo[key] = cached
        ok, result = cached
        if ok:
            return result
        self.report.problem(
            self.number,
            self.headers[self.by_field[name]],
            value,
            str(result.message),
            getattr(result, "suggestions", ()),
        )
        return None

    def optional(self, name: str, parser, default=None):
        """``parse`` for a field that may be blank (``default`` then)."""
        return self.parse(name, parser) if self.values.get(name) else default

    def rows(self, rows, numbers):
        """Load each row in turn; yields its number as the user sees it."""
        for number, row in zip(numbers, rows, strict=True):
            self.load(row, number)
            yield number

    def required_name(self, max_length: int = 255) -> str:
        name = self.text("name", max_length)
        if not name:
            self.report.problem(self.number, _header(self, "name"), "", _("A name is required."))
        return name

    def text(self, name: str, max_length: int) -> str:
        value = self.values.get(name, "")
        if len(value) > max_length:
            self.report.problem(
                self.number,
                self.headers[self.by_field[name]],
                value,
                _("Too long (at most %(n)s characters).") % {"n": max_length},
            )
            return value[:max_length]
        return value

    def amount(self, name: str) -> int | None:
        index = self.by_field.get(name)
        if index is None:
            return None
        return self.parse(name, columns.parse_amount, multiplier=self.multipliers.get(index, 1))


def _stable_id(parts: list[str], seen: Counter) -> str:
    digest = hashlib.sha1("\x1f".join(fold_key(p) for p in parts).encode()).hexdigest()[:16]  # noqa: S324 (an id, not a secret)
    seen[digest] += 1
    return f"~{digest}-{seen[digest]}"


class _FieldMatcher:
    """Fields of expertise by slug or Vietnamese or English name, tone-insensitively."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.labels: dict[int, str] = {}
        for f in ExpertiseField.objects.all():
            for name in (f.slug, f.name_vi, f.name_en):
                self.by_key[fold_key(name)] = f.pk
            self.labels[f.pk] = f.name_vi
        self.keys = list(self.by_key)

    def __call__(self, value: str) -> list[int]:
        ids = []
        for part in value.replace(";", ",").replace("/", ",").split(","):
            key = fold_key(part)
            if not key:
                continue
            if key not in self.by_key:
                near = difflib.get_close_matches(key, self.keys, n=3, cutoff=0.6)
                raise ValueProblem(
                    _("Unknown field of expertise."),
                    suggestions=sorted({self.labels[self.by_key[k]] for k in near}),
                )
            ids.append(self.by_key[key])
        return sorted(set(ids))


# -- people --------------------------------------------------------------------------------------

_PERSON_FIELDS = (
    "full_name", "birth_year", "sex", "hometown_province", "country", "city",
    "residency_status", "qualification", "employer", "email", "phone",
)  # fmt: skip


def _people_records(cells: _Cells, rows, numbers, report: ImportReport, province: int):
    fields_of = _FieldMatcher()
    seen_ids: dict[str, int] = {}
    derived: Counter = Counter()
    records = []
    other_values: set[str] = set()
    for number, row in zip(numbers, rows, strict=True):
        cells.load(row, number)
        name = cells.text("full_name", 200)
        if not name:
            report.problem(number, _header(cells, "full_name"), "", _("A name is required."))
        hometown = province
        if cells.raw("hometown_province"):
            resolved = cells.parse("hometown_province", columns.parse_province)
            if resolved is not None and resolved.code != province:
                report.problem(
                    number,
                    _header(cells, "hometown_province"),
                    cells.raw("hometown_province"),
                    _(
                        "This person is from %(other)s, not %(province)s: import them "
                        "there, or leave the column out."
                    )
                    % {"other": resolved.name(), "province": province_by_code(province).name()},
                )
        qualification = cells.parse("qualification", columns.parse_qualification)
        if isinstance(qualification, tuple):  # (canonical, recognised)
            qualification, recognised = qualification
            if not recognised and cells.raw("qualification"):
                other_values.add(cells.raw("qualification"))
        record = {
            "full_name": name,
            "birth_year": cells.parse("birth_year", columns.parse_year)
            if cells.raw("birth_year")
            else None,
            "sex": cells.parse("sex", columns.parse_sex) or "",
            "hometown_province": hometown,
            "country": cells.parse("country", columns.parse_country) or ""
            if cells.raw("country")
            else "",
            "city": cells.text("city", 120),
            "residency_status": cells.parse("residency_status", columns.parse_residency) or "",
            "qualification": qualification or "other",
            "employer": cells.text("employer", 200),
            "email": (cells.parse("email", columns.parse_email) or "")
            if cells.raw("email")
            else "",
            "phone": cells.text("phone", 40),
            "field_ids": (cells.parse("field", fields_of) or []) if cells.raw("field") else [],
        }
        external = cells.text("external_id", 80)
        if external:
            key = fold_key(external) or external
            if key in seen_ids:
                report.problem(
                    number,
                    _header(cells, "external_id"),
                    external,
                    _("The same id is on row %(row)s.") % {"row": seen_ids[key]},
                )
            seen_ids[key] = number
        else:
            external = _stable_id(
                [record["full_name"], str(record["birth_year"] or ""), record["country"],
                 record["city"], record["employer"], record["email"], record["phone"]],
                derived,
            )  # fmt: skip
        record["external_id"] = f"{province}/{external}"
        records.append(record)
    if other_values:
        report.counted_as_other[_header(cells, "qualification")] = sorted(other_values)[:50]
    return records


def _header(cells: _Cells, name: str) -> str:
    index = cells.by_field.get(name)
    return cells.headers[index] if index is not None else name


def _write_people(records: list[dict], report: ImportReport, progress: Progress | None) -> None:
    existing: dict[str, dict] = {}
    # This province's imported records: one range of the unique index ("31/" up to "31/\uffff"),
    # read once, instead of looking each id up.
    prefix = records[0]["external_id"].split("/", 1)[0] + "/" if records else ""
    wanted = {r["external_id"] for r in records}
    found = Person.objects.filter(
        external_id__gte=prefix, external_id__lt=prefix + "\uffff"
    ).values("pk", "external_id", "source", "consent_statistics", *_PERSON_FIELDS)
    for row in found.iterator(chunk_size=5000):
        if row["external_id"] in wanted:
            row["field_ids"] = []
            existing[row["external_id"]] = row
    if existing:
        by_pk = {row["pk"]: row for row in existing.values()}
        links = Person.fields.through.objects.filter(person_id__in=list(by_pk))
        for person_id, field_id in links.values_list("person_id", "expertisefield_id"):
            by_pk[person_id]["field_ids"].append(field_id)
        for row in by_pk.values():
            row["field_ids"].sort()
    new_rows, changed = [], []
    for record in records:
        old = existing.get(record["external_id"])
        if old is None:
            new_rows.append(record)
        elif any(str(old[k] or "") != str(record[k] or "") for k in _PERSON_FIELDS) or (
            old["field_ids"] != record["field_ids"]
        ):
            changed.append((old, record))
        else:
            report.unchanged += 1
    if new_rows:
        people_bulk_insert(
            (
                PersonRow(
                    full_name=r["full_name"],
                    country=r["country"],
                    qualification=r["qualification"],
                    city=r["city"],
                    hometown_province=r["hometown_province"],
                    residency_status=r["residency_status"],
                    employer=r["employer"],
                    birth_year=r["birth_year"],
                    sex=r["sex"],
                    email=r["email"],
                    phone=r["phone"],
                    field_ids=r["field_ids"],
                    consents=(),
                    source=PersonSource.IMPORT,
                    external_id=r["external_id"],
                )
                for r in new_rows
            ),
            progress=(lambda done: progress("write", done, len(new_rows))) if progress else None,
        )
        report.created = len(new_rows)
    if changed:
        _update_people(changed)
        report.updated = len(changed)


def _update_people(changed: list[tuple[dict, dict]]) -> None:
    people_deltas: Counter = Counter()
    field_deltas: Counter = Counter()
    objects = []
    link_model = Person.fields.through
    drop, add = [], []
    for old, new in changed:
        person = Person(pk=old["pk"])
        for name in _PERSON_FIELDS:
            setattr(person, name, new[name])
        person.full_name_folded = fold(new["full_name"])
        person.updated_at = timezone.now()
        objects.append(person)
        counted_before = aggregates.is_counted(old["source"], old["consent_statistics"])
        if counted_before:
            people_deltas[_key(old)] -= 1
            for f in old["field_ids"]:
                field_deltas[(old["hometown_province"] or 0, f)] -= 1
        people_deltas[_key(new)] += 1
        for f in new["field_ids"]:
            field_deltas[(new["hometown_province"] or 0, f)] += 1
        if old["field_ids"] != new["field_ids"]:
            drop.append(old["pk"])
            add.extend(
                link_model(person_id=old["pk"], expertisefield_id=f) for f in new["field_ids"]
            )
    Person.objects.bulk_update(
        objects, [*_PERSON_FIELDS, "full_name_folded", "updated_at"], batch_size=2000
    )
    if drop:
        link_model.objects.filter(person_id__in=drop)._raw_delete(link_model.objects.db)
        link_model.objects.bulk_create(add, batch_size=5000)
    aggregates.apply_people(people_deltas)
    aggregates.apply_fields(field_deltas)


def _key(record: dict) -> tuple:
    return aggregates.key(
        record["hometown_province"],
        record["country"],
        record["residency_status"],
        record["qualification"],
    )


# -- enterprises, investment projects, remittances -----------------------------------------------


def _external(cells: _Cells, seen: dict, derived: Counter, parts: list[str]) -> str:
    external = cells.text("external_id", 100)
    if not external:
        return _stable_id(parts, derived)
    key = fold_key(external) or external
    if key in seen:
        cells.report.problem(
            cells.number,
            _header(cells, "external_id"),
            external,
            _("The same id is on row %(row)s.") % {"row": seen[key]},
        )
    seen[key] = cells.number
    return external


def _enterprise_records(cells: _Cells, rows, numbers, report, province):
    seen: dict = {}
    derived: Counter = Counter()
    records = []
    for _number in cells.rows(rows, numbers):
        name = cells.required_name()
        country = cells.optional("country", columns.parse_country, "")
        location = cells.optional("location", columns.parse_location, "")
        if not location and country:
            location = "home" if country == "VN" else "abroad"
        record = {
            "name": name,
            "location": location or "",
            "country": country or "",
            "sector": cells.text("sector", 200),
            "founded_year": cells.optional("founded_year", columns.parse_year),
            "owner": cells.text("owner", 200),
            "employees": cells.optional("employees", columns.parse_int),
            "capital_usd": cells.amount("capital_usd") if cells.raw("capital_usd") else None,
        }
        record["external_id"] = _external(cells, seen, derived, [name, record["country"]])
        records.append(record)
    return records


def _investment_records(cells: _Cells, rows, numbers, report, province):
    seen: dict = {}
    derived: Counter = Counter()
    records = []
    for _number in cells.rows(rows, numbers):
        name = cells.required_name()
        record = {
            "name": name,
            "investor": cells.text("investor", 255),
            "investor_country": cells.optional("investor_country", columns.parse_country, ""),
            "sector": cells.text("sector", 200),
            "location": cells.text("location", 200),
            "capital_usd": cells.amount("capital_usd") if cells.raw("capital_usd") else None,
            "year": cells.optional("year", columns.parse_year),
            "status": cells.optional("status", columns.parse_status, "") or "",
        }
        record["investor_country"] = record["investor_country"] or ""
        record["external_id"] = _external(cells, seen, derived, [name, record["investor"]])
        records.append(record)
    return records


def _remittance_records(cells: _Cells, rows, numbers, report, province):
    seen: dict = {}
    records = []
    for number, row in zip(numbers, rows, strict=True):
        cells.load(row, number)
        year = cells.parse("year", columns.parse_year)
        amount = cells.amount("amount_usd")
        if not cells.raw("amount_usd"):
            report.problem(number, _header(cells, "amount_usd"), "", _("An amount is required."))
        if year is not None:
            if year in seen:
                report.problem(
                    number,
                    _header(cells, "year"),
                    year,
                    _("The same year is on row %(row)s.") % {"row": seen[year]},
                )
            seen[year] = number
        records.append({"year": year, "amount_usd": amount, "note": cells.text("note", 255)})
    return records


def _upsert_models(model, records, report, province: int, key: str, fields: list[str]) -> None:
    existing = {getattr(obj, key): obj for obj in model.objects.filter(province_code=province)}
    new, changed = [], []
    for record in records:
        obj = existing.get(record[key])
        if obj is None:
            new.append(model(province_code=province, **record))
            continue
        if any(str(getattr(obj, f) or "") != str(record[f] or "") for f in fields):
            for f in fields:
                setattr(obj, f, record[f])
            changed.append(obj)
        else:
            report.unchanged += 1
    model.objects.bulk_create(new, batch_size=2000)
    if changed:
        model.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=2000)
    report.created, report.updated = len(new), len(changed)


KINDS = {
    ImportKind.PEOPLE: _people_records,
    ImportKind.ENTERPRISES: _enterprise_records,
    ImportKind.INVESTMENTS: _investment_records,
    ImportKind.REMITTANCES: _remittance_records,
}


def _write(kind: str, records, report, province: int, progress) -> None:
    if kind == ImportKind.PEOPLE:
        _write_people(records, report, progress)
    elif kind == ImportKind.ENTERPRISES:
        fields = ["name", "location", "country", "sector", "founded_year", "owner",
                  "employees", "capital_usd"]  # fmt: skip
        _upsert_models(Enterprise, records, report, province, "external_id", fields)
    elif kind == ImportKind.INVESTMENTS:
        fields = ["name", "investor", "investor_country", "sector", "location", "capital_usd",
                  "year", "status"]  # fmt: skip
        _upsert_models(InvestmentProject, records, report, province, "external_id", fields)
    else:
        _upsert_models(Remittance, records, report, province, "year", ["amount_usd", "note"])


# -- the import ----------------------------------------------------------------------------------


def import_file(
    kind: str,
    path: str | Path,
    *,
    province_code: int,
    column_map: dict[str, str] | None = None,
    value_map: list[str] | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    actor_id: int | None = None,
    original_name: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one file for one province. Every row is checked first; with any problem,
    nothing is written and the report lists them all (row, column, value, reason,
    suggestions). ``dry_run`` checks and counts what would change, then rolls back."""
    started = time.perf_counter()
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if province_by_code(province_code) is None:
        raise ValueError(f"unknown province {province_code!r}")
    report = ImportReport(
        kind=kind, province_code=province_code, file=original_name or Path(path).name
    )
    report.dry_run = dry_run
    try:
        table = read_table(path, sheet=sheet)
    except ImportFileError as error:
        report.problem(None, "", "", str(error))
        return _finish(report, started)
    except FileNotFoundError:
        # Uploaded files are deleted after IMPORT_RETENTION_DAYS (kieubao purge).
        report.problem(None, "", "", _("The file is no longer here; upload it again."))
        return _finish(report, started)
    report.encoding, report.legacy, report.sheet = table.encoding, table.legacy, table.sheet
    report.rows = len(table.rows)
    match = columns.match_headers(kind, table.headers, column_map or {})
    report.columns = {table.headers[i]: f for i, f in sorted(match.columns.items())}
    report.ignored = list(match.ignored)
    for message in match.problems:
        report.problem(None, "", "", str(message))
    if not report.ok:
        return _finish(report, started)
    parsed_map = {}
    for spec in value_map or []:
        try:
            parsed_map.update(columns.build_value_map([spec]))
        except ValueError as problem:
            report.problem(None, "", spec, str(problem))
    if not report.ok:
        return _finish(report, started)
    cells = _Cells(report, table.headers, match, parsed_map)
    cells.progress, cells.total = progress, report.rows
    if progress:
        progress("check", 0, report.rows)
    records = KINDS[kind](cells, table.rows, table.row_numbers, report, province_code)
    if progress:
        progress("check", report.rows, report.rows)
    if not report.ok:
        return _finish(report, started)
    with transaction.atomic():
        _write(kind, records, report, province_code, progress)
        audit.record(
            AuditAction.IMPORT,
            actor_id=actor_id,
            target_type="province",
            target_id=province_code,
            detail={
                "kind": kind,
                "file": report.file[:100],
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
            },
        )
        if dry_run:
            transaction.set_rollback(True)
    report.written = not dry_run
    if not dry_run:
        transaction.on_commit(forget_public_figures)
    return _finish(report, started)


def _finish(report: ImportReport, started: float) -> ImportReport:
    report.seconds = round(time.perf_counter() - started, 3)
    return report
