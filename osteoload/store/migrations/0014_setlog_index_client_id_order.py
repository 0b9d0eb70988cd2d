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

TABLE = "store_setlogrow"


def _client_only_indexes(schema_editor: BaseDatabaseSchemaEditor) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, TABLE)
    return [
        name
        for name, c in found.items()
        if c["index"] and not c["unique"] and not c["primary_key"] and c["columns"] == ["client_id"]
    ]


def _drop(apps, schema_editor: BaseDatabaseSchemaEditor) -> None:  # type: ignore[no-untyped-def]
    for name in _client_only_indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def _restore(apps, schema_editor: BaseDatabaseSchemaEditor) -> None:  # type: ignore[no-untyped-def]
    if not _client_only_indexes(schema_editor):
        schema_editor.execute(
            f"CREATE INDEX store_setlogrow_client_id_09b6ea22 ON {TABLE} (client_id)"
        )


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
