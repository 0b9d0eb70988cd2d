"""What durable acknowledgements cost on SQLite: logging sets with synchronous NORMAL vs FULL.

    python bench/bench_durable_writes.py [--sets 400] [--data-dir DIR]

A fresh SQLite database in a temporary directory (or ``--data-dir``, which must be on the disk
you want to measure: the cost is one fsync of the WAL per commit), one coach and one client
with a login, then ``--sets`` sets logged one at a time through the service layer
(``training_log.log_set``, one transaction each, as the phone's POST does) with each setting,
in alternating rounds so that both see the same disk and cache. Prints the median and p95 per
write; nothing is asserted (docs/deployment.md explains the setting).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from common import Report, summary_ms, use_database

MODES = ("NORMAL", "FULL")
ROUNDS = 8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=400, help="sets logged per setting")
    parser.add_argument("--data-dir", type=Path, default=None, help="a new, empty folder")
    args = parser.parse_args()
    if args.sets < ROUNDS:
        parser.error(f"--sets: {args.sets} is too few; allowed {ROUNDS} or more")
    with tempfile.TemporaryDirectory(prefix="osteoload-durable-") as scratch:
        data_dir = args.data_dir or Path(scratch)
        use_database(data_dir, None)
        _measure(args.sets)


def _measure(sets: int) -> None:
    from django.db import connection

    from osteoload.devtools.synthetic import synthetic_profile
    from osteoload.services import clients, training_log
    from osteoload.services.clock import today
    from osteoload.services.database import migrate

    migrate()
    day = today()
    now = datetime.now(UTC)
    coach = clients.create_coach("bench-coach", "bench-durable-passphrase")
    document = synthetic_profile(random.Random(16), intake=day, start=day)
    client_id = clients.create_client(coach, document, today=day)
    token = clients.create_invite(coach, client_id, now=now)
    user = clients.accept_invite(token, "bench-client", "bench-durable-passphrase", now=now)

    def log(n: int) -> float:
        entry = {"date": day.isoformat(), "exercise_id": "goblet_squat",
                 "set_number": n % 20 + 1, "reps": 8, "load_kg": 12.5, "rpe": 7}  # fmt: skip
        started = time.perf_counter()
        training_log.log_set(user, client_id, entry, today=day)
        return time.perf_counter() - started

    def use(mode: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={mode}")
            cursor.execute("PRAGMA synchronous")
            level = cursor.fetchone()[0]
        assert level == MODES.index(mode) + 1, f"synchronous={mode} did not take ({level})"

    for n in range(20):  # warm-up: caches, the WAL file, the catalogue
        log(n)
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    per_round = sets // ROUNDS
    for _ in range(ROUNDS):
        for mode in MODES:
            use(mode)
            times[mode] += [log(n) for n in range(per_round)]
    use("FULL")
    report = Report("durable writes (SQLite, one set per transaction via the services)")
    for mode in MODES:
        report.add(f"synchronous={mode}", **summary_ms(times[mode]))
    extra = summary_ms(times["FULL"])["p50_ms"] - summary_ms(times["NORMAL"])["p50_ms"]
    report.add("FULL minus NORMAL", p50_ms=round(extra, 2))
    report.table()


if __name__ == "__main__":
    main()
