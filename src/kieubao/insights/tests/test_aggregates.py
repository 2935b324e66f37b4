"""The people counts the dashboards read stay equal to a recount of the registry through
every kind of change: sign-up, profile edits, consent given and withdrawn, fields, erasure
(the anonymous remnant keeps the count), admin deletes, bulk loads."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kieubao.community import privacy, services
from kieubao.community.bulk import PersonRow, people_bulk_insert
from kieubao.community.models import ExpertiseField, Person
from kieubao.community.tests.factories import make_person, make_user
from kieubao.insights import aggregates
from kieubao.insights.models import FieldCount, PeopleCount

pytestmark = pytest.mark.django_db

HAI_PHONG = 31


def people_total(province: int) -> int:
    return sum(PeopleCount.objects.filter(province_code=province).values_list("count", flat=True))


def field_total(province: int, slug: str) -> int:
    row = FieldCount.objects.filter(province_code=province, field__slug=slug).first()
    return row.count if row else 0


def test_counted_only_with_consent_to_statistics():
    person = make_person(hometown_province="Hải Phòng", fields=("ai",))
    assert people_total(HAI_PHONG) == 0
    services.consent_set(person=person, purpose="statistics", granted=True)
    assert people_total(HAI_PHONG) == 1
    assert field_total(HAI_PHONG, "ai") == 1
    services.consent_set(person=person, purpose="statistics", granted=False)
    assert people_total(HAI_PHONG) == 0
    assert field_total(HAI_PHONG, "ai") == 0
    assert aggregates.check() == []


def test_moving_country_or_hometown_moves_the_count():
    person = make_person(hometown_province="Hải Phòng", country="DE", fields=("ai",))
    services.consent_set(person=person, purpose="statistics", granted=True)
    person = services.person_update(person=person, country="JP", hometown_province="Đà Nẵng")
    assert people_total(HAI_PHONG) == 0
    row = PeopleCount.objects.get(count__gt=0)
    assert (row.country, row.province_code) == ("JP", person.hometown_province)
    assert field_total(person.hometown_province, "ai") == 1
    services.person_update(person=person, fields=["quantum", "ai"])
    assert field_total(person.hometown_province, "quantum") == 1
    assert aggregates.check() == []


def test_erasure_keeps_an_anonymous_count_and_deletes_do_not():
    user = make_user()
    person = make_person(user=user, hometown_province="Hải Phòng", fields=("ai",))
    services.consent_set(person=person, purpose="statistics", granted=True)
    privacy.account_erase(user=user)
    assert people_total(HAI_PHONG) == 1  # the remnant
    assert field_total(HAI_PHONG, "ai") == 0  # remnants have no fields
    other = make_person(hometown_province="Hải Phòng", fields=("ai",))
    services.consent_set(person=other, purpose="statistics", granted=True)
    assert people_total(HAI_PHONG) == 2
    other.delete()  # e.g. from the admin site
    assert people_total(HAI_PHONG) == 1
    assert aggregates.check() == []


def test_bulk_loads_are_counted():
    ai = ExpertiseField.objects.get(slug="ai").pk
    rows = [
        PersonRow(full_name=f"Lê Văn {i}", country="US", hometown_province=HAI_PHONG,
                  field_ids=[ai], consents=("statistics",) if i % 2 else ())
        for i in range(10)
    ]  # fmt: skip
    people_bulk_insert(rows)
    assert people_total(HAI_PHONG) == 5
    assert field_total(HAI_PHONG, "ai") == 5
    assert aggregates.check() == []


def test_rebuild_repairs_drifted_counts():
    person = make_person(hometown_province="Hải Phòng")
    services.consent_set(person=person, purpose="statistics", granted=True)
    PeopleCount.objects.update(count=7)
    assert aggregates.check() != []
    aggregates.rebuild()
    assert aggregates.check() == []
    assert people_total(HAI_PHONG) == 1


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["create", "consent", "withdraw", "move", "fields", "erase", "delete"]),
        st.integers(0, 5),
        st.sampled_from(["Hải Phòng", "Đà Nẵng", "Huế"]),
        st.sampled_from(["DE", "JP", "US"]),
        st.sampled_from(["phd", "other", "master"]),
    ),
    max_size=12,
)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(OPERATIONS)
def test_any_sequence_of_changes_keeps_counts_exact(operations):
    from django.db import transaction

    with transaction.atomic():
        people: list[Person] = []
        for op, index, province, country, qualification in operations:
            if op == "create" or not people:
                user = make_user()
                people.append(
                    make_person(user=user, hometown_province=province, country=country,
                                qualification=qualification, fields=("ai",))
                )  # fmt: skip
                continue
            person = people[index % len(people)]
            if op == "consent":
                services.consent_set(person=person, purpose="statistics", granted=True)
            elif op == "withdraw":
                services.consent_set(person=person, purpose="statistics", granted=False)
            elif op == "move":
                services.person_update(
                    person=person, hometown_province=province, country=country,
                    qualification=qualification,
                )  # fmt: skip
            elif op == "fields":
                services.person_update(person=person, fields=["quantum"] if index % 2 else [])
            elif op == "erase":
                privacy.account_erase(user=person.user)
                people.remove(person)
            elif op == "delete":
                person.delete()
                people.remove(person)
        assert aggregates.check() == []
        transaction.set_rollback(True)
