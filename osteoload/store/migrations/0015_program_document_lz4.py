"""On PostgreSQL, a program's stored document is compressed with LZ4 instead of PostgreSQL's
own pglz (issue 19).

A 12-week program's document is about 240 KB of JSON, stored compressed (TOAST). Measured on
the synthetic clinic's programs: pglz about 5 ms of the server's CPU to store one and 54 KB
stored; LZ4 about 2 ms and 15 KB (its window is 64 KB against pglz's 4 KB, so it finds the
weeks that repeat each other). Programs were 17 % of the database at 5,000 clients
(docs/scaling.md). Only documents written from now on are compressed with LZ4; those already
stored stay as they are until rewritten, and both read the same.

PostgreSQL 14 or later built with LZ4 (Debian's and the official images are); on a server
without it the documents keep pglz, as before. SQLite stores the document as text: nothing
to do there.
"""

from django.db import DatabaseError, migrations, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

_SQL = "ALTER TABLE store_programrecord ALTER COLUMN document SET COMPRESSION {}"


def _compression(schema_editor: BaseDatabaseSchemaEditor, method: str) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:  # type: ignore[attr-defined]
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute(_SQL.format(method))
    except DatabaseError:  # built without LZ4: "compression method lz4 not supported"
        return


def _lz4(apps, schema_editor: BaseDatabaseSchemaEditor) -> None:  # type: ignore[no-untyped-def]
    _compression(schema_editor, "lz4")


def _default(apps, schema_editor: BaseDatabaseSchemaEditor) -> None:  # type: ignore[no-untyped-def]
    _compression(schema_editor, "DEFAULT")


class Migration(migrations.Migration):
    dependencies = [("store", "0014_setlog_index_client_id_order")]

    operations = [migrations.RunPython(_lz4, _default)]
