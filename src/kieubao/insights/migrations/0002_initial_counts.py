"""Count the people already in the registry (databases that existed before this app)."""

from django.db import migrations


def count_existing(apps, schema_editor):
    Person = apps.get_model("community", "Person")
    Remnant = apps.get_model("community", "StatisticalRemnant")
    PeopleCount = apps.get_model("insights", "PeopleCount")
    FieldCount = apps.get_model("insights", "FieldCount")
    from django.db.models import Count, Q

    counted = Q(source="import") | Q(consent_statistics=True)
    people = {}
    rows = (
        Person.objects.filter(counted)
        .values_list("hometown_province", "country", "residency_status", "qualification")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for province, country, residency, qualification, n in rows:
        key = (province or 0, country or "", residency or "", qualification or "")
        people[key] = people.get(key, 0) + n
    for r in Remnant.objects.filter(count__gt=0):
        key = (r.hometown_province or 0, r.country or "", r.residency_status, r.qualification)
        people[key] = people.get(key, 0) + r.count
    PeopleCount.objects.bulk_create(
        [
            PeopleCount(
                province_code=p, country=c, residency_status=s, qualification=q, count=n
            )
            for (p, c, s, q), n in people.items()
        ],
        batch_size=1000,
    )
    Link = Person.fields.through
    links = (
        Link.objects.filter(Q(person__source="import") | Q(person__consent_statistics=True))
        .values_list("person__hometown_province", "expertisefield_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    fields = {}
    for province, field_id, n in links:
        fields[(province or 0, field_id)] = fields.get((province or 0, field_id), 0) + n
    FieldCount.objects.bulk_create(
        [FieldCount(province_code=p, field_id=f, count=n) for (p, f), n in fields.items()],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("community", "0004_clearer_labels"),
    ]

    operations = [migrations.RunPython(count_existing, migrations.RunPython.noop)]
