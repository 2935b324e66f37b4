"""Aggregates kept up to date: the people counts that dashboards read instead of scanning the
registry (a count by country over 6.5 M rows is a 5.7 s scan on SQLite; the aggregate holds a
few thousand rows).

Who is counted: people imported from a province's survey, registered people who consented to
statistics, and the anonymous remnants of erased people who had consented. Each change to a
person adjusts the counts in the same transaction, by difference (the old combination −1, the
new one +1): ORM saves and deletes through model signals, field links through ``m2m_changed``,
bulk loads and remnants through the community app's own signals. ``rebuild()`` recomputes
everything from the registry (``kieubao insights rebuild``) and ``check()`` compares the two.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import receiver

from kieubao.community.models import Person, PersonSource, StatisticalRemnant
from kieubao.community.signals import people_bulk_loading, statistical_remnant_added

from .models import FieldCount, PeopleCount

Key = tuple[int, str, str, str]  # province (0: none), country, residency, qualification
_KEY_FIELDS = ("hometown_province", "country", "residency_status", "qualification")
_COUNTED = Q(source=PersonSource.IMPORT) | Q(consent_statistics=True)
_COUNTED_LINKS = Q(person__source=PersonSource.IMPORT) | Q(person__consent_statistics=True)


def is_counted(source: str, consent_statistics: bool) -> bool:
    """Imported survey records always; registered people with consent to statistics."""
    return source == PersonSource.IMPORT or bool(consent_statistics)


def key(province, country, residency, qualification) -> Key:
    """The combination of the counts, with "not given" spelt one way."""
    return (province or 0, str(country or ""), residency or "", qualification or "")


def person_key(person: Person) -> Key | None:
    """The combination a person is counted under, or None when they are not counted."""
    if not is_counted(person.source, person.consent_statistics):
        return None
    return key(
        person.hometown_province, person.country, person.residency_status, person.qualification
    )


# -- applying differences ------------------------------------------------------------------------


def _upsert(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in (*columns, "count"))
    conflict = ", ".join(quote(c) for c in columns)
    one = "(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"
    sql = (
        f"INSERT INTO {quote(table)} ({names}) VALUES {one} "  # noqa: S608 (names from metadata)
        f"ON CONFLICT ({conflict}) DO UPDATE SET count = {quote(table)}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def apply_people(deltas: Counter) -> None:
    rows = [(*combination, n) for combination, n in sorted(deltas.items()) if n]
    _upsert(
        PeopleCount._meta.db_table,
        ("province_code", "country", "residency_status", "qualification"),
        rows,
    )


def apply_fields(deltas: Counter) -> None:
    rows = [(*combination, n) for combination, n in sorted(deltas.items()) if n]
    _upsert(FieldCount._meta.db_table, ("province_code", "field_id"), rows)


def _field_ids(person_id: int) -> list[int]:
    return list(
        Person.fields.through.objects.filter(person_id=person_id).values_list(
            "expertisefield_id", flat=True
        )
    )


# -- ORM writes ----------------------------------------------------------------------------------


def _stored_key(person_id: int) -> Key | None:
    """The combination a person is counted under, as the database has it now (the instance
    in hand may be stale, or saved with ``update_fields``)."""
    row = (
        Person.objects.filter(pk=person_id)
        .values_list("source", "consent_statistics", *_KEY_FIELDS)
        .first()
    )
    if row is None:
        return None
    source, consented, *values = row
    return key(*values) if is_counted(source, consented) else None


@receiver(pre_save, sender=Person, dispatch_uid="insights_person_pre_save")
def _remember_old_key(sender, instance: Person, raw=False, update_fields=None, **kwargs):
    instance._insights_old = None
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = {*_KEY_FIELDS, "source", "consent_statistics"}
    if update_fields is not None and not fields.intersection(update_fields):
        instance._insights_old = "unchanged"
        return
    instance._insights_old = (_stored_key(instance.pk),)


@receiver(post_save, sender=Person, dispatch_uid="insights_person_post_save")
def _count_saved(sender, instance: Person, created: bool, raw=False, **kwargs):
    if raw:
        return
    old_state = getattr(instance, "_insights_old", None)
    if old_state == "unchanged":
        return
    old = old_state[0] if old_state else None
    new = person_key(instance) if created else _stored_key(instance.pk)
    if old == new:
        return
    deltas: Counter = Counter()
    if old is not None:
        deltas[old] -= 1
    if new is not None:
        deltas[new] += 1
    apply_people(deltas)
    if not created:
        fields: Counter = Counter()
        for field_id in _field_ids(instance.pk):
            if old is not None:
                fields[(old[0], field_id)] -= 1
            if new is not None:
                fields[(new[0], field_id)] += 1
        apply_fields(fields)


@receiver(pre_delete, sender=Person, dispatch_uid="insights_person_pre_delete")
def _count_deleted(sender, instance: Person, **kwargs):
    # Before the delete, while the field links still exist (Django sends no signals for the
    # cascaded rows of an automatic many-to-many table). The delete runs in a transaction:
    # if it fails, these differences roll back with it.
    counted = _stored_key(instance.pk)
    if counted is None:
        return
    apply_people(Counter({counted: -1}))
    apply_fields(Counter({(counted[0], field_id): -1 for field_id in _field_ids(instance.pk)}))


@receiver(m2m_changed, sender=Person.fields.through, dispatch_uid="insights_fields_changed")
def _count_fields(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    sign = 1 if action == "post_add" else -1
    if action == "pre_clear":
        side = "expertisefield_id" if reverse else "person_id"
        pairs = list(
            sender.objects.filter(**{side: instance.pk}).values_list(
                "person_id", "expertisefield_id"
            )
        )
    elif reverse:
        pairs = [(person_id, instance.pk) for person_id in pk_set or ()]
    else:
        pairs = [(instance.pk, field_id) for field_id in pk_set or ()]
    _apply_links(pairs, sign)


def _apply_links(pairs: Iterable[tuple[int, int]], sign: int) -> None:
    pairs = list(pairs)
    if not pairs:
        return
    provinces = dict(
        Person.objects.filter(_COUNTED, pk__in={p for p, _ in pairs}).values_list(
            "pk", "hometown_province"
        )
    )
    deltas: Counter = Counter()
    for person_id, field_id in pairs:
        if person_id in provinces:
            deltas[(provinces[person_id] or 0, field_id)] += sign
    apply_fields(deltas)


# -- bulk writes ---------------------------------------------------------------------------------


class _BulkTally:
    """Counts the rows of a bulk insert as they are written (see
    community.signals.people_bulk_loading) and applies the counts once at the end."""

    def __init__(self) -> None:
        self.people: Counter = Counter()
        self.fields: Counter = Counter()

    def add(self, rows) -> None:
        # key() and is_counted() inlined: this runs for each of millions of rows.
        people, fields, imported = self.people, self.fields, PersonSource.IMPORT
        for row in rows:
            if row.source != imported and "statistics" not in row.consents:
                continue
            province = row.hometown_province or 0
            people[
                (province, row.country or "", row.residency_status or "", row.qualification or "")
            ] += 1
            if row.field_ids:
                for field_id in set(row.field_ids):
                    fields[(province, field_id)] += 1

    def finish(self) -> None:
        apply_people(self.people)
        apply_fields(self.fields)


@receiver(people_bulk_loading, dispatch_uid="insights_people_bulk_loading")
def _count_bulk(sender, **kwargs) -> _BulkTally:
    return _BulkTally()


@receiver(statistical_remnant_added, dispatch_uid="insights_remnant_added")
def _count_remnant(sender, province_code, country, residency_status, qualification, **kwargs):
    apply_people(Counter({key(province_code, country, residency_status, qualification): 1}))


# -- from scratch --------------------------------------------------------------------------------


def _people_counts(people) -> Counter:
    rows = people.values_list(*_KEY_FIELDS).annotate(n=Count("pk")).order_by()
    counts: Counter = Counter()
    for province, country, residency, qualification, n in rows:
        counts[key(province, country, residency, qualification)] += n
    return counts


def _field_counts(links) -> Counter:
    rows = (
        links.values_list("person__hometown_province", "expertisefield_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter({(province or 0, field_id): n for province, field_id, n in rows})


def computed() -> tuple[Counter, Counter]:
    """The counts recomputed from the registry (a full scan)."""
    people = _people_counts(Person.objects.filter(_COUNTED))
    for remnant in StatisticalRemnant.objects.filter(count__gt=0):
        people[
            key(
                remnant.hometown_province,
                remnant.country,
                remnant.residency_status,
                remnant.qualification,
            )
        ] += remnant.count
    fields = _field_counts(Person.fields.through.objects.filter(_COUNTED_LINKS))
    return people, fields


def stored() -> tuple[Counter, Counter]:
    people = Counter(
        {
            (p, c, r, q): n
            for p, c, r, q, n in PeopleCount.objects.filter(count__gt=0).values_list(
                "province_code", "country", "residency_status", "qualification", "count"
            )
        }
    )
    fields = Counter(
        {
            (p, f): n
            for p, f, n in FieldCount.objects.filter(count__gt=0).values_list(
                "province_code", "field_id", "count"
            )
        }
    )
    return people, fields


@transaction.atomic
def rebuild() -> tuple[int, int]:
    """Recompute the aggregates from the registry. Returns the numbers of rows written."""
    people, fields = computed()
    PeopleCount.objects.all().delete()
    FieldCount.objects.all().delete()
    apply_people(people)
    apply_fields(fields)
    return len(people), len(fields)


def check() -> list[str]:
    """Differences between the stored aggregates and a recomputation (empty when in step)."""
    problems = []
    for name, have, want in zip(("people", "fields"), stored(), computed(), strict=True):
        for combination in sorted(set(have) | set(want), key=str):
            stored_n, actual_n = have.get(combination, 0), want.get(combination, 0)
            if stored_n != actual_n:
                problems.append(f"{name} {combination}: stored {stored_n}, actual {actual_n}")
    return problems
