from django.db import migrations, models


class Migration(migrations.Migration):
    """An API token may carry an expiry chosen when it is created (issue 16, item 5)."""

    dependencies = [
        ("store", "0009_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
