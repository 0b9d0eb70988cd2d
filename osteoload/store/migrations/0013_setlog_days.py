"""Her log counted by day, by the database (issue 19).

The caches of Today and of the progress series are keyed by a stamp of her sets over a range
of days. It was one aggregate over every set in the range (about 4 ms for 24,000 sets on
SQLite, on every read of Today, the progress series and her next session). Now triggers on
the set log keep one row per client and day: ``n`` (sets stored on that day) and ``changes``
(inserts, changes and deletions of that day's sets, ever; it only grows). The stamp sums
these rows, one a day. Any write of a set in the range grows the sum of ``changes``, so a
cached answer is never served after her log changed, whatever path wrote to it (the ORM, the
plain-SQL inserts, a hand-made correction).

Existing logs are counted here once (one GROUP BY), before the triggers exist. On SQLite the
triggers run for each row; on PostgreSQL once per statement over its transition tables, so a
multi-row insert of a session (or of the seed) adds one grouped upsert, not one per set.

The table is the database's own, like an index: no Django model, so ``dumpdata`` leaves it out
and ``loaddata`` (the move from SQLite to PostgreSQL in docs/deployment.md) rebuilds it
through the triggers as it inserts her sets. Erasing a client removes her rows (a trigger on
the client table), and emptying the set log with TRUNCATE (PostgreSQL) empties it.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

_BACKFILL = """
    INSERT INTO store_setlogday (client_id, date, n, changes)
    SELECT client_id, date, COUNT(*), COUNT(*) FROM store_setlogrow GROUP BY client_id, date
"""

_SQLITE_ADD = """
    INSERT INTO store_setlogday (client_id, date, n, changes) VALUES (NEW.client_id, NEW.date, 1, 1)
    ON CONFLICT (client_id, date) DO UPDATE SET n = n + 1, changes = changes + 1;
"""
_SQLITE_REMOVE = """
    UPDATE store_setlogday SET n = n - 1, changes = changes + 1
    WHERE client_id = OLD.client_id AND date = OLD.date;
"""
_SQLITE = (
    [
        "CREATE TABLE store_setlogday (client_id integer NOT NULL, date date NOT NULL, "
        "n integer NOT NULL, changes bigint NOT NULL, PRIMARY KEY (client_id, date)) "
        "WITHOUT ROWID",
        _BACKFILL,
        f"CREATE TRIGGER setlogday_insert AFTER INSERT ON store_setlogrow FOR EACH ROW "
        f"BEGIN {_SQLITE_ADD} END",
        f"CREATE TRIGGER setlogday_delete AFTER DELETE ON store_setlogrow FOR EACH ROW "
        f"BEGIN {_SQLITE_REMOVE} END",
        f"CREATE TRIGGER setlogday_update AFTER UPDATE ON store_setlogrow FOR EACH ROW "
        f"BEGIN {_SQLITE_REMOVE} {_SQLITE_ADD} END",
        "CREATE TRIGGER setlogday_client_delete AFTER DELETE ON store_client FOR EACH ROW "
        "BEGIN DELETE FROM store_setlogday WHERE client_id = OLD.id; END",
    ],
    [
        "DROP TRIGGER IF EXISTS setlogday_client_delete",
        "DROP TRIGGER IF EXISTS setlogday_insert",
        "DROP TRIGGER IF EXISTS setlogday_delete",
        "DROP TRIGGER IF EXISTS setlogday_update",
        "DROP TABLE IF EXISTS store_setlogday",
    ],
)

_POSTGRESQL = (
    [
        "CREATE TABLE store_setlogday (client_id bigint NOT NULL, date date NOT NULL, "
        "n integer NOT NULL, changes bigint NOT NULL, PRIMARY KEY (client_id, date))",
        _BACKFILL,
        """
        CREATE OR REPLACE FUNCTION setlogday_count() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE store_setlogday AS d SET n = d.n - o.n, changes = d.changes + o.n
                FROM (SELECT client_id, date, COUNT(*) AS n FROM old_rows
                      GROUP BY client_id, date) AS o
                WHERE d.client_id = o.client_id AND d.date = o.date;
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                INSERT INTO store_setlogday (client_id, date, n, changes)
                SELECT client_id, date, COUNT(*), COUNT(*) FROM new_rows
                GROUP BY client_id, date ORDER BY client_id, date
                ON CONFLICT (client_id, date) DO UPDATE
                SET n = store_setlogday.n + EXCLUDED.n,
                    changes = store_setlogday.changes + EXCLUDED.changes;
            END IF;
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql
        """,
        "CREATE TRIGGER setlogday_insert AFTER INSERT ON store_setlogrow "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION setlogday_count()",
        "CREATE TRIGGER setlogday_delete AFTER DELETE ON store_setlogrow "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION setlogday_count()",
        "CREATE TRIGGER setlogday_update AFTER UPDATE ON store_setlogrow "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION setlogday_count()",
        """
        CREATE OR REPLACE FUNCTION setlogday_forget() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                TRUNCATE store_setlogday;
            ELSE
                DELETE FROM store_setlogday WHERE client_id IN (SELECT id FROM old_rows);
            END IF;
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql
        """,
        "CREATE TRIGGER setlogday_client_delete AFTER DELETE ON store_client "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION setlogday_forget()",
        "CREATE TRIGGER setlogday_truncate AFTER TRUNCATE ON store_setlogrow "
        "FOR EACH STATEMENT EXECUTE FUNCTION setlogday_forget()",
    ],
    [
        "DROP TRIGGER IF EXISTS setlogday_truncate ON store_setlogrow",
        "DROP TRIGGER IF EXISTS setlogday_client_delete ON store_client",
        "DROP FUNCTION IF EXISTS setlogday_forget()",
        "DROP TRIGGER IF EXISTS setlogday_insert ON store_setlogrow",
        "DROP TRIGGER IF EXISTS setlogday_delete ON store_setlogrow",
        "DROP TRIGGER IF EXISTS setlogday_update ON store_setlogrow",
        "DROP FUNCTION IF EXISTS setlogday_count()",
        "DROP TABLE IF EXISTS store_setlogday",
    ],
)


def _run(schema_editor: BaseDatabaseSchemaEditor, which: int) -> None:
    sql = {"sqlite": _SQLITE, "postgresql": _POSTGRESQL}.get(schema_editor.connection.vendor)
    if sql is None:
        raise RuntimeError("osteoload runs on SQLite or PostgreSQL")
    for statement in sql[which]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("store", "0012_setlog_index_by_exercise"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: _run(schema_editor, 0),
            lambda apps, schema_editor: _run(schema_editor, 1),
        ),
    ]
