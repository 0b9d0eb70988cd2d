"""The caches of Today and of the progress series are keyed by a stamp of her sets (number,
newest id, latest change), read from one index; every write must therefore move the latest
change. The ORM stamps ``updated`` on save; a database trigger stamps it on any other update
too (a bulk ``update()``, a hand-made SQL correction), so no path can change a set unseen."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

_SQLITE = (
    """
    CREATE TRIGGER setlog_stamp_updated AFTER UPDATE ON store_setlogrow
    FOR EACH ROW WHEN NEW.updated IS OLD.updated
    BEGIN
        UPDATE store_setlogrow SET updated = strftime('%Y-%m-%d %H:%M:%f', 'now')
        WHERE id = NEW.id;
    END
    """,
    "DROP TRIGGER IF EXISTS setlog_stamp_updated",
)
_POSTGRESQL = (
    """
    CREATE OR REPLACE FUNCTION setlog_stamp_updated() RETURNS trigger AS $$
    BEGIN
        IF NEW.updated IS NOT DISTINCT FROM OLD.updated THEN
            NEW.updated := clock_timestamp();
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    CREATE TRIGGER setlog_stamp_updated BEFORE UPDATE ON store_setlogrow
    FOR EACH ROW EXECUTE FUNCTION setlog_stamp_updated();
    """,
    """
    DROP TRIGGER IF EXISTS setlog_stamp_updated ON store_setlogrow;
    DROP FUNCTION IF EXISTS setlog_stamp_updated();
    """,
)


def _run(schema_editor: BaseDatabaseSchemaEditor, which: int) -> None:
    sql = {"sqlite": _SQLITE, "postgresql": _POSTGRESQL}.get(schema_editor.connection.vendor)
    if sql is not None:
        schema_editor.execute(sql[which])


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0010_api_token_expiry"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="setlogrow",
            name="setlog_client_date_pain",
        ),
        migrations.AddIndex(
            model_name="setlogrow",
            index=models.Index(
                fields=["client", "date", "pain", "updated"], name="setlog_client_date_pain_upd"
            ),
        ),
        migrations.RunPython(
            lambda apps, schema_editor: _run(schema_editor, 0),
            lambda apps, schema_editor: _run(schema_editor, 1),
        ),
    ]
