"""An index found by its columns, for the migrations that drop one Django made for a field
without altering the field (0014, 0016): SQLite alters a field by rebuilding its table, which
would drop the set log's triggers (0011, 0013). Migrations import these: change them only in
ways that keep what those migrations do."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def plain_indexes(
    schema_editor: BaseDatabaseSchemaEditor, table: str, columns: Sequence[str]
) -> list[str]:
    """The names of ``table``'s indexes on exactly ``columns`` that are neither unique nor
    the primary key (each database names them its own way)."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, c in found.items()
        if c["index"] and not c["unique"] and not c["primary_key"] and c["columns"] == [*columns]
    ]


def drop_plain_indexes(
    schema_editor: BaseDatabaseSchemaEditor, table: str, columns: Sequence[str]
) -> None:
    for name in plain_indexes(schema_editor, table, columns):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def restore_plain_index(
    schema_editor: BaseDatabaseSchemaEditor, table: str, columns: Sequence[str], name: str
) -> None:
    """Create the index ``name`` on ``columns`` again unless one is there (a migration
    reversed)."""
    if not plain_indexes(schema_editor, table, columns):
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(table)} ({', '.join(quote(c) for c in columns)})"
        )
