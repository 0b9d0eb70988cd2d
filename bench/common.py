"""Shared plumbing for the benchmark scripts: figures, percentiles, the seeded database.

Every script prints one JSON object per figure on stdout (``{"bench": ..., "name": ...,
...}``) and a short table on stderr, so ``bench/run`` can collect the lines into one file.
Nothing here asserts a time: the figures are read against the targets in
docs/performance.md.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile by the nearest-rank method (no interpolation)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(max(ms), 2),
    }


@dataclass
class Report:
    """Collects figures; prints each as a JSON line at once and a table at the end."""

    bench: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(self, name: str, **figures: Any) -> None:
        row = {"bench": self.bench, "name": name, **figures}
        self.rows.append(row)
        sys.stdout.write(json.dumps(row) + "\n")
        sys.stdout.flush()

    def table(self) -> None:
        keys = ["name"]
        for row in self.rows:
            keys += [k for k in row if k not in keys and k != "bench"]
        widths = {k: max(len(k), *(len(_cell(r.get(k))) for r in self.rows)) for k in keys}
        lines = ["  ".join(k.ljust(widths[k]) for k in keys)]
        lines += ["  ".join(_cell(r.get(k)).ljust(widths[k]) for k in keys) for r in self.rows]
        sys.stderr.write(f"\n{self.bench}\n" + "\n".join(lines) + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        mem_kb = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def osteoload(*args: str, env: dict[str, str], check: bool = True) -> str:
    """Run the ``osteoload`` command of this checkout; returns its stdout."""
    code = "from osteoload.cli.main import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env, cwd=ROOT, text=True, stdout=subprocess.PIPE, check=False,
    )  # fmt: skip
    if check and result.returncode != 0:
        raise SystemExit(f"osteoload {' '.join(args)} failed with exit {result.returncode}")
    return result.stdout


def bench_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env["OSTEOLOAD_DATA_DIR"] = str(data_dir)
    env["DJANGO_SETTINGS_MODULE"] = "osteoload.settings"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def use_database(data_dir: Path, database_url: str | None) -> None:
    """Point this process's Django at the benchmark database and set it up."""
    os.environ["OSTEOLOAD_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "osteoload.settings"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    from osteoload.services.database import setup_django

    setup_django()


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
