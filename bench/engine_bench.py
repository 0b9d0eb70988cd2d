"""Engine benchmark: screening and program generation, a batch, and ``next`` over a long log.

    python bench/engine_bench.py [--profiles 1000] [--batch 10000] [--data-dir DIR]

- screen + generate a 12-week program for each of ``--profiles`` varied synthetic profiles
  (the same generator as ``osteoload seed``): median and p95, with and without turning the
  program into its JSON document;
- a batch of ``--batch`` programs in one process: programs per second;
- ``osteoload next`` for the client with the longest log in a seeded database (``--data-dir``):
  the log is written as a session-log CSV, then the command is run as a user would (process
  start included) and the engine call is timed alone.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import ROOT, Report, bench_env, summary_ms, use_database


def _profiles(n: int, today: date) -> list[Any]:
    from osteoload.devtools.synthetic import synthetic_profile
    from osteoload.services.profiles import parse_profile

    rng = random.Random(20261126)
    out = []
    for _ in range(n):
        start = today + timedelta(days=rng.randint(0, 28))
        document = synthetic_profile(rng, intake=today, start=start)
        out.append(parse_profile(document, today=today))
    return out


def engine(report: Report, n_profiles: int, batch: int) -> None:
    from osteoload.services.plans import plan_program, program_document

    today = date(2026, 11, 26)
    profiles = _profiles(n_profiles, today)
    for p in profiles[:20]:  # warm up (catalogue load, caches)
        plan_program(p, today=today)
    generate: list[float] = []
    with_json: list[float] = []
    for p in profiles:
        t0 = time.perf_counter()
        program = plan_program(p, today=today)
        t1 = time.perf_counter()
        program_document(program)
        t2 = time.perf_counter()
        generate.append(t1 - t0)
        with_json.append(t2 - t0)
    report.add("screen + generate 12 weeks", **summary_ms(generate))
    report.add("screen + generate + JSON document", **summary_ms(with_json))
    started = time.perf_counter()
    for i in range(batch):
        plan_program(profiles[i % len(profiles)], today=today)
    seconds = time.perf_counter() - started
    report.add(f"batch of {batch:,} programs", seconds=round(seconds, 1),
               programs_per_s=round(batch / seconds, 1))  # fmt: skip


def next_over_log(report: Report, data_dir: Path, database_url: str | None, runs: int) -> None:
    use_database(data_dir, database_url)
    import yaml
    from django.db.models import Count

    from osteoload.data.loader import load_catalogue
    from osteoload.services.clock import today
    from osteoload.services.logs import next_session, read_log
    from osteoload.services.profiles import load_profile
    from osteoload.store.models import Client

    client = Client.objects.annotate(n=Count("set_logs")).order_by("-n", "id")[0]
    rows = client.set_logs.order_by("date", "id")
    first_day = rows.first().date  # type: ignore[union-attr]
    folder = Path(tempfile.mkdtemp(prefix="osteoload-bench-"))
    profile_file = folder / "profile.yaml"
    document = dict(client.profile)
    document.setdefault("schedule", {})["start_date"] = first_day.isoformat()
    profile_file.write_text(yaml.safe_dump(document), encoding="utf-8")
    log_file = folder / "log.csv"
    catalogue = load_catalogue()
    skipped = 0
    fields = ["date", "exercise_id", "set", "reps", "load_kg", "rpe", "rir", "pain", "impacts",
              "hold_s", "note"]  # fmt: skip
    with log_file.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(fields)
        for r in rows.iterator():
            if r.reps is None and r.hold_s is None and r.impacts is None:
                continue  # a timed item (walk, warm-up): the session-log format has no column
            if r.load_kg is None and catalogue[r.exercise_id].loadable:
                skipped += 1  # a first set "found" without a weight noted: the CSV needs one
                continue
            writer.writerow([r.date.isoformat(), r.exercise_id, r.set_number, r.reps, r.load_kg,
                             r.rpe, r.rir, r.pain, r.impacts, r.hold_s, r.note])  # fmt: skip
    n_sets = client.n  # type: ignore[attr-defined]
    day = today()
    record = load_profile(profile_file, today=day)
    calls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        entries = read_log(log_file, today=day, weight_unit=record.units)
        next_session(record, entries, as_of=day, start=None)
        calls.append(time.perf_counter() - t0)
    report.add(f"next over {n_sets:,} logged sets (read log + progress)", **summary_ms(calls),
               sets_without_a_weight_left_out=skipped)  # fmt: skip
    env = bench_env(data_dir, database_url)
    code = "from osteoload.cli.main import main; main()"
    wall = []
    for _ in range(max(3, runs // 4)):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code, "next", str(profile_file), "--log", str(log_file),
             "--format", "json"],
            env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wall.append(time.perf_counter() - t0)
    report.add("osteoload next command (process start included)", **summary_ms(wall))


def today_over_log(report: Report, data_dir: Path, database_url: str | None, runs: int) -> None:
    """Her Today prescription (the coaching loop) for the client with the longest log: the
    first view of a day replays her whole log; later views that day (and every logged set,
    which reads Today again) come from the cache until her log before today changes."""
    use_database(data_dir, database_url)
    from django.core.cache import cache
    from django.db.models import Count

    from osteoload.services import coaching
    from osteoload.services.clock import today
    from osteoload.store.models import Client

    client = Client.objects.annotate(n=Count("set_logs")).order_by("-n", "id")[0]
    coach, day = client.coach, today()
    cold, warm = [], []
    for _ in range(runs):
        cache.clear()
        t0 = time.perf_counter()
        coaching.next_for_client(coach, client.pk, today=day)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        coaching.next_for_client(coach, client.pk, today=day)
        warm.append(time.perf_counter() - t0)
    n_sets = client.n  # type: ignore[attr-defined]
    report.add(f"Today's prescription over {n_sets:,} sets, first view", **summary_ms(cold))
    report.add(f"Today's prescription over {n_sets:,} sets, cached", **summary_ms(warm))


def progress_over_log(report: Report, data_dir: Path, database_url: str | None, runs: int) -> None:
    """The 3-year progress series (every chart) of the client with the longest log: computed
    (cache cleared) and then from the cache, as the progress page and the API read it."""
    use_database(data_dir, database_url)
    from django.core.cache import cache
    from django.db.models import Count

    from osteoload.services.clock import today
    from osteoload.services.progress import progress_series
    from osteoload.store.models import Client

    client = Client.objects.annotate(n=Count("set_logs")).order_by("-n", "id")[0]
    coach, day = client.coach, today()
    cold, warm = [], []
    for _ in range(runs):
        cache.clear()
        t0 = time.perf_counter()
        progress_series(coach, client.pk, today=day, weeks=156)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        progress_series(coach, client.pk, today=day, weeks=156)
        warm.append(time.perf_counter() - t0)
    n_sets = client.n  # type: ignore[attr-defined]
    report.add(f"3-year progress series over {n_sets:,} sets, computed", **summary_ms(cold))
    report.add(f"3-year progress series over {n_sets:,} sets, cached", **summary_ms(warm))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="a seeded database for the `next` figure")  # fmt: skip
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--runs", type=int, default=12)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    report = Report("engine")
    engine(report, args.profiles, args.batch)
    if args.data_dir is not None:
        today_over_log(report, args.data_dir, args.database_url, args.runs)
        progress_over_log(report, args.data_dir, args.database_url, args.runs)
        next_over_log(report, args.data_dir, args.database_url, args.runs)
    report.table()


if __name__ == "__main__":
    main()
