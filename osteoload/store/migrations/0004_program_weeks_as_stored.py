"""A program's ``weeks`` is what its document holds (R32a).

Before generation refused programs that screening withholds or that need clearance, such a
program was stored with the weeks asked for (12) and no sessions; the coach's programs table
then listed it as 12 weeks. This sets ``weeks`` to the stored document's number of weeks for
every program that is not ready (a ready program always held the weeks asked for).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def weeks_as_stored(apps: Any, schema_editor: Any) -> None:
    ProgramRecord = apps.get_model("store", "ProgramRecord")
    for record in ProgramRecord.objects.exclude(status="ready").only("id", "weeks", "document"):
        weeks = len((record.document or {}).get("weeks", []))
        if weeks != record.weeks:
            ProgramRecord.objects.filter(pk=record.pk).update(weeks=weeks)


class Migration(migrations.Migration):
    dependencies = [("store", "0003_setlog_index_with_pain")]

    operations = [migrations.RunPython(weeks_as_stored, migrations.RunPython.noop)]
