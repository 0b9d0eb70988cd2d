"""Every figure of a benchmark run against its target (issue 19), as one table.

    python bench/targets.py bench/results/sqlite.jsonl

Reads the JSON lines ``bench/run`` collected and prints, for each target, the figure
measured, the target and whether it was met; a figure the run did not produce is shown as
"not measured", never as met. Nothing fails on a slow figure: the table is for people (the
test suite asserts no time).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Row = dict[str, Any]

#: The server `osteoload serve` runs by default, whose figures the shares are read from.
DEFAULT_SERVER = "sync"


@dataclass(frozen=True)
class Target:
    """One target: which figure (bench name and a pattern of the figure's name), which
    number of it, and the bound (``at_most`` or ``at_least``)."""

    what: str
    bench: str
    name: str
    key: str
    bound: float
    at_most: bool = True
    unit: str = "ms"

    def find(self, rows: Iterable[Row]) -> Row | None:
        pattern = re.compile(self.name)
        for row in rows:
            if row.get("bench") == self.bench and pattern.search(str(row.get("name", ""))):
                return row
        return None

    def judge(self, rows: Iterable[Row]) -> tuple[str, str]:
        """``(measured, met)`` as table cells."""
        row = self.find(rows)
        value = None if row is None else row.get(self.key)
        if not isinstance(value, int | float):
            return "not measured", "-"
        met = value <= self.bound if self.at_most else value >= self.bound
        return f"{value:,.2f} {self.unit}".strip(), "yes" if met else "no"

    @property
    def limit(self) -> str:
        sign = "<=" if self.at_most else ">="
        return f"{sign} {self.bound:,.2f} {self.unit}".strip()


def _shares(scenario: str, what: str) -> Target:
    """A scenario's throughput as a share of ``/healthz`` on the default server."""
    return Target(
        what=f"{what}: share of /healthz throughput, 32 connections",
        bench="server", name=f"^{DEFAULT_SERVER}: {re.escape(scenario)}$",
        key="of_healthz", bound=0.6, at_most=False, unit="",
    )  # fmt: skip


TARGETS: tuple[Target, ...] = (
    Target(
        "log a set: requests/s, 32 connections",
        "http",
        r"^log a set",
        "rps",
        500,
        at_most=False,
        unit="req/s",
    ),  # fmt: skip
    Target("log a set: p99, 32 connections", "http", r"^log a set", "p99_ms", 50),
    _shares("log a set (POST)", "log a set"),
    _shares("newest 20 sets", "newest 20 sets"),
    _shares("one exercise's history", "one exercise's history"),
    _shares("today page", "Today page"),
    Target(
        "3-year progress series, cached: p95", "engine", r"progress series .* cached", "p95_ms", 30
    ),  # fmt: skip
    Target(
        "3-year progress series, computed: p95",
        "engine",
        r"progress series .* computed",
        "p95_ms",
        300,
    ),  # fmt: skip
    Target("progress series over HTTP: p95", "http", r"^progress series", "p95_ms", 30),
    Target("roster of every client: p95", "http", r"^coach roster", "p95_ms", 150),
    Target("client Today page: p95", "http", r"^client today page", "p95_ms", 150),
    Target(
        "every page and API read on the server, the slowest: p95",
        "pages",
        r"^slowest page",
        "p95_ms",
        150,
    ),  # fmt: skip
    Target("program generation in the web: p95", "web_generate", r"^generate a", "p95_ms", 200),
    Target(
        "osteoload next on the longest log, as a command: p95",
        "engine",
        r"^osteoload next command",
        "p95_ms",
        1000,
    ),  # fmt: skip
    Target(
        "seed of 500 clients x 3 years",
        "seed",
        r"--clients 500 --years 3\b",
        "seconds",
        240,
        unit="s",
    ),  # fmt: skip
    Target(
        "server worker peak memory",
        "http",
        r"^server worker peak memory",
        "peak_rss_mb",
        200,
        unit="MB",
    ),  # fmt: skip
)


def table(rows: list[Row], targets: Iterable[Target] = TARGETS) -> list[tuple[str, ...]]:
    """``(target, limit, measured, met)`` for every target."""
    return [(t.what, t.limit, *t.judge(rows)) for t in targets]


def read(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                raise SystemExit(f"{path}:{number}: not a JSON line") from None
    return rows


def render(lines: list[tuple[str, ...]], write: Callable[[str], Any]) -> None:
    header = ("target", "limit", "measured", "met")
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    for line in [header, *lines]:
        write("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip() + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, help="a JSON-lines file bench/run wrote")
    args = parser.parse_args()
    if not args.results.is_file():
        raise SystemExit(f"{args.results}: no such file (run bash bench/run first)")
    rows = read(args.results)
    machine = next((r for r in rows if r.get("bench") == "machine"), {})
    sys.stdout.write(f"Targets ({machine.get('name', 'database unknown')}):\n")
    render(table(rows), sys.stdout.write)


if __name__ == "__main__":
    main()
