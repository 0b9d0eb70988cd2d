"""The set log's ``updated`` column loses its index of its own (issue 19).

Every query that reads it is one client's: a phone's sync (``updated_since``) and the caches'
keys. PostgreSQL and SQLite serve those from the client-first indexes, (client, id) and
(client, date, pain, updated), and never chose the index on ``updated`` alone (EXPLAIN on the
500-client clinic of docs/performance.md, with and without it). It still cost every logged
set a B-tree insertion and 9 bytes stored: 87 MB of 1.1 GB of the set log's indexes at 9.4
million sets on PostgreSQL (its speed: about 1 us of the server's 16 a set in a bulk COPY, too
little to show in the seed's time).

The index is dropped by name rather than by altering the field: SQLite alters a field by
rebuilding the table, which would drop the set log's triggers (0011, 0013).
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from osteoload.store import indexes

TABLE = "store_setlogrow"


def _drop(apps, schema_editor: BaseDatabaseSchemaEditor) -> None:  # type: ignore[no-untyped-def]
    indexes.drop_plain_indexes(schema_editor, TABLE, ["updated"])


def _restore(apps, schema_editor: BaseDatabaseSchemaEditor) -> None:  # type: ignore[no-untyped-def]
    indexes.restore_plain_index(schema_editor, TABLE, ["updated"], "store_setlogrow_updated_078b73bd")


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0015_program_document_lz4"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="setlogrow",
                    name="updated",
                    field=models.DateTimeField(auto_now=True),
                ),
            ],
            database_operations=[migrations.RunPython(_drop, _restore)],
        ),
    ]
