"""One exercise's history (its days and sets) and the exercises she has logged are read from
an index on (client, exercise, date) instead of every row of her log."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0011_setlog_index_for_cache_keys"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="setlogrow",
            index=models.Index(
                fields=["client", "exercise_id", "date"], name="setlog_client_exercise"
            ),
        ),
    ]
