"""The floor: the HTTP benchmark's insert and read done directly in the database.

    python bench/floor_bench.py --data-dir DIR [--database-url URL] [--seconds 10]

- insert: one logged set per transaction (the row the POST writes), sequentially, with the
  same connection settings as the app (SQLite: WAL, synchronous=NORMAL, BEGIN IMMEDIATE);
- read: the progress series' one big query (her sets over 26 weeks) for the client with the
  longest log.

Compared with the HTTP figures these give the application's overhead as a ratio.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common import Report, summary_ms, use_database


def _run(seconds: float, op: Any) -> list[float]:
    times = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        t0 = time.perf_counter()
        op()
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    use_database(args.data_dir, args.database_url)
    from django.db import connection
    from django.db.models import Count

    from osteoload.services.clock import today
    from osteoload.store.models import Client, SetLogRow

    table = SetLogRow._meta.db_table
    client = Client.objects.annotate(n=Count("set_logs")).order_by("-n", "id")[0]
    day = today()
    since = day - timedelta(days=day.weekday()) - timedelta(weeks=25)
    engine = "postgresql" if args.database_url else "sqlite"
    report = Report(f"floor ({engine})")
    now = datetime.now(UTC)
    columns = ("client_id, program_id, date, exercise_id, set_number, reps, load_kg, rpe, rir, "
               "pain, impacts, hold_s, note, created, updated")  # fmt: skip
    read_sql = (f"SELECT date, exercise_id, reps, load_kg, rpe, rir, impacts, hold_s FROM {table} "
                "WHERE client_id = %s AND date >= %s AND date <= %s ORDER BY date, id")  # fmt: skip
    if engine == "sqlite":
        import sqlite3

        db = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=20)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        values = (client.pk, None, day.isoformat(), "goblet_squat", 1, 10, "16", "7.5", None,
                  None, None, None, "", now.isoformat(), now.isoformat())  # fmt: skip
        insert_sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * 15)})"

        def insert() -> None:
            db.execute("BEGIN IMMEDIATE")
            db.execute(insert_sql, values)
            db.execute("COMMIT")

        read_params = (client.pk, since.isoformat(), day.isoformat())

        def read() -> None:
            db.execute(read_sql.replace("%s", "?"), read_params).fetchall()

    else:
        import psycopg

        pg = psycopg.connect(args.database_url, autocommit=True)
        pg_values = (client.pk, None, day, "goblet_squat", 1, 10, 16, 7.5, None, None, None,
                     None, "", now, now)  # fmt: skip
        insert_pg = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 15)})"

        def insert() -> None:
            with pg.transaction():
                pg.execute(insert_pg, pg_values)

        def read() -> None:
            pg.execute(read_sql, (client.pk, since, day)).fetchall()

    first_new = (SetLogRow.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    inserts = _run(args.seconds, insert)
    # Leave the clinic as seeded: the HTTP benchmark picks the client with the longest log.
    SetLogRow.objects.filter(id__gte=first_new)._raw_delete(SetLogRow.objects.db)
    report.add("insert one set per transaction", ops_per_s=round(len(inserts) / sum(inserts), 1),
               **summary_ms(inserts))  # fmt: skip
    reads = _run(args.seconds, read)
    report.add(f"read 26 weeks of sets ({client.n:,} in all)",  # type: ignore[attr-defined]
               ops_per_s=round(len(reads) / sum(reads), 1), **summary_ms(reads))  # fmt: skip
    report.table()


if __name__ == "__main__":
    main()
