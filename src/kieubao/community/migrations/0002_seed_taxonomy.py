from django.db import migrations


def seed(apps, schema_editor):
    from kieubao.community.taxonomy import SEED_FIELDS

    ExpertiseField = apps.get_model("community", "ExpertiseField")
    for position, (slug, name_vi, name_en) in enumerate(SEED_FIELDS):
        ExpertiseField.objects.update_or_create(
            slug=slug, defaults={"name_vi": name_vi, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
