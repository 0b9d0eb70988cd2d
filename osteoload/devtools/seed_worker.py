"""The part of the clinic generator that runs in a worker process.

Kept apart from ``seed.py`` so that a freshly spawned process can import it (and unpickle
its plan) before Django is set up.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class SeedPlan:
    """What every worker needs to tell its share of the clients' stories."""

    clients: int
    coaches: int
    seed: int
    today: date
    password: str
    first_monday: date
    weeks: int


def worker_main(
    plan: SeedPlan,
    worker: int,
    workers: int,
    queue: Any,
    gc_threshold: tuple[int, int, int] | None = None,
) -> None:  # pragma: no cover
    """Entry point of a worker process: report each client done, then the worker's totals.
    ``gc_threshold``: the parent's collector thresholds (a spawned process starts with
    Python's own)."""
    if gc_threshold is not None:
        gc.set_threshold(*gc_threshold)
    from osteoload.services.database import setup_django

    setup_django()
    from . import seed

    summary = seed.SeedSummary()
    try:
        seed.seed_share(plan, worker, workers, summary, lambda _done: queue.put(("client", None)))
    except BaseException as exc:  # reported to the parent, which stops and cleans up
        queue.put(("error", f"{type(exc).__name__}: {exc}"))
        raise SystemExit(1) from None
    queue.put(("done", summary))
