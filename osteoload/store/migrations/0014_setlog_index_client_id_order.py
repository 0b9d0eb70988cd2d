"""Her sets in id order from one index on (client, id) instead of the foreign key's index on
the client alone (issue 19).

On PostgreSQL the first page of her sets (``ORDER BY id LIMIT 20``) walked the primary key
through every other client's sets until it met hers (about 0.2-0.8 s at 9.4 million sets for
the busiest client); with (client, id) it reads 20 index entries. On SQLite, where the id is
in every index, the new index is the old one under another name.

The foreign key's own index is dropped by name rather than by altering the field: SQLite
alters a field by rebuilding the table, which would drop the set log's triggers (0011, 0013).
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from osteoload.store import indexes

TABLE = "store_setlogrow"


def _drop(apps, schema_editor: BaseDatabaseSchemaEditor) -> None:  # type: ignore[no-untyped-def]
    indexes.drop_plain_indexes(schema_editor, TABLE, ["client_id"])


def _restore(apps, schema_editor: BaseDatabaseSchemaEditor) -> None:  # type: ignore[no-untyped-def]
    indexes.restore_plain_index(schema_editor, TABLE, ["client_id"], "store_setlogrow_client_id_09b6ea22")


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0013_setlog_days"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="setlogrow",
            index=models.Index(fields=["client", "id"], name="setlog_client_id_order"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="setlogrow",
                    name="client",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="set_logs",
                        to="store.client",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(_drop, _restore)],
        ),
    ]
