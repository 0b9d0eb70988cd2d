"""Every page and the main API reads at the size of the seeded clinic: SQL statements and time.

    python bench/pages_bench.py --data-dir DIR [--database-url URL] [--runs 10]

In one process (Django's test client, no server and no network), as the coach with the most
clients and as the client of hers with the longest log who can log in: each page is read once
to warm up, then ``--runs`` times, each with the statements it sends to the database counted.
Progress is read with its cache emptied first (the series computed) and from the cache. The
process holds the app as a server worker does (``serve_cmd.loaded_application``: loaded once
and frozen out of the collector's sight, Python's own collector thresholds), so a full
collection here walks what it would walk in a worker, not every module of the app.

The statement counts are what must not grow with the data (``tests/web/test_query_counts.py``
holds them under a ceiling on small records); run this against the 500 x 3-year clinic and
the 5,000 x 1-year one (docs/scaling.md) to see that they do not grow with a clinic either,
and what each page costs on the server alone.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from common import Report, summary_ms, use_database


def _pages(coach: Any, client: Any, program_id: int | None) -> list[tuple[str, str, str, bool]]:
    """(name, who, url, empty the cache first) for every page read."""
    from django.urls import reverse

    cid = client.pk
    pages = [
        ("coach: roster", "coach", reverse("coach-roster"), False),
        ("coach: roster, those who need attention", "coach",
         reverse("coach-roster") + "?show=attention", False),
        ("coach: her page", "coach", reverse("coach-client", kwargs={"client_id": cid}), False),
        ("coach: her progress (computed)", "coach",
         reverse("coach-client-progress", kwargs={"client_id": cid}), True),
        ("coach: her progress (cached)", "coach",
         reverse("coach-client-progress", kwargs={"client_id": cid}), False),
        ("client: Today", "client", reverse("client-today"), False),
        ("client: her history", "client", reverse("client-history"), False),
        ("client: her progress (cached)", "client", reverse("client-progress"), False),
        ("API: the newest 20 sets", "client", f"/api/v1/clients/{cid}/sets?limit=20", False),
        ("API: her progress series (cached)", "coach", f"/api/v1/clients/{cid}/progress", False),
        ("API: her next session", "client", f"/api/v1/clients/{cid}/next", False),
    ]  # fmt: skip
    if program_id is not None:
        url = reverse("coach-program", kwargs={"client_id": cid, "program_id": program_id})
        pages.insert(3, ("coach: her program", "coach", url, False))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    use_database(args.data_dir, args.database_url)
    from osteoload.cli.serve_cmd import loaded_application

    loaded_application()

    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client as Browser
    from django.test.utils import CaptureQueriesContext

    from osteoload.store.models import Client, SetLogRow

    report = Report("pages")
    coach_id = (
        Client.objects.values("coach_id").annotate(n=Count("id")).order_by("-n")[0]["coach_id"]
    )
    client = (
        Client.objects.filter(coach_id=coach_id, user__isnull=False)
        .annotate(n=Count("set_logs")).order_by("-n", "id").select_related("coach", "user")[0]
    )  # fmt: skip
    program = client.programs.filter(assigned=True).only("id").first()
    # As a browser on this machine would ask (the default ALLOWED_HOSTS).
    browsers = {"coach": Browser(HTTP_HOST="127.0.0.1"), "client": Browser(HTTP_HOST="127.0.0.1")}
    browsers["coach"].force_login(client.coach)
    assert client.user is not None  # she was picked for her login
    browsers["client"].force_login(client.user)
    report.add(
        "clinic",
        clients=Client.objects.count(),
        sets=SetLogRow.objects.count(),
        roster=Client.objects.filter(coach_id=coach_id).count(),
        her_sets=client.n,
    )
    slowest: tuple[str, dict[str, float]] | None = None
    for name, who, url, cold in _pages(client.coach, client, program.pk if program else None):
        browser = browsers[who]
        if browser.get(url).status_code != 200:
            raise SystemExit(f"{name}: {url} answered {browser.get(url).status_code}")
        times, counts = [], set()
        for _ in range(args.runs):
            if cold:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = browser.get(url)
                times.append(time.perf_counter() - t0)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
            counts.add(len(queries))
        figures = summary_ms(times)
        report.add(name, queries=max(counts), **figures)
        if not cold and (slowest is None or figures["p95_ms"] > slowest[1]["p95_ms"]):
            slowest = (name, figures)
    if slowest is not None:  # the series computed has its own target (a cold read)
        report.add("slowest page, read as usual", page=slowest[0], **slowest[1])
    report.table()


if __name__ == "__main__":
    main()
