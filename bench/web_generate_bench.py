"""How long the coach's "Generate program" takes in the web app, and how big the program page is.

    python bench/web_generate_bench.py [--profile examples/profiles/02-...yaml] [--weeks 12] [-n 50]

Runs against a throwaway data directory (a fresh SQLite database), with the app loaded as a
server worker holds it (``serve_cmd.loaded_application``): one coach, one client from the
example profile, then ``-n`` posts of the generate form through Django's test client (the
whole request: middleware, session, form, engine, the saved plan document, audit, the
redirect), each followed by a GET of the program page it redirects to, and the coach's login
(the password hasher's work included). Prints p50/p95 of each and the page's size in bytes.
Targets (issue 17): generation <= 200 ms p95, the program page <= 40 KB, login well under 1 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import ROOT, Report, summary_ms, use_database

DEFAULT_PROFILE = ROOT / "examples" / "profiles" / "02-early-postmenopause-osteopenia.yaml"
PASSWORD = "a-long-bench-password-42"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", type=Path, default=DEFAULT_PROFILE)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("-n", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="osteoload-bench-web-") as data_dir:
        use_database(Path(data_dir), None)
        run(Report("web_generate"), args.profile, args.weeks, args.n)


def run(report: Report, profile_path: Path, weeks: int, n: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from osteoload.services import clients
    from osteoload.services.clock import today
    from osteoload.services.database import migrate
    from osteoload.services.untrusted import read_document

    migrate()
    day = today()
    clients.create_coach("bench-coach", PASSWORD)
    coach = clients.create_coach("bench-coach-2", PASSWORD)
    document = {"name": "Bench Client", **read_document(profile_path)}
    document.get("schedule", {}).pop("start_date", None)
    client_id = clients.create_client(coach, document, today=day)
    # The app as a server worker holds it (loaded once, then frozen out of the collector's
    # sight): otherwise a full collection in this process walks Django's and the app's
    # objects too, and pauses one generation in thirty for about 70 ms, which a worker of
    # `osteoload serve` does not.
    from osteoload.cli.serve_cmd import loaded_application

    loaded_application()

    browser = Client(HTTP_HOST="localhost")
    # warm up (the first request of a process imports and compiles what the others reuse)
    browser.post(reverse("login"), {"username": "bench-coach-2", "password": PASSWORD})
    url = reverse("coach-program-generate", args=[client_id])
    browser.get(browser.post(url, {"weeks": str(weeks), "start": ""})["Location"])
    logins: list[float] = []
    for _ in range(10):
        browser.logout()
        t0 = time.perf_counter()
        answer = browser.post(reverse("login"), {"username": "bench-coach-2", "password": PASSWORD})
        logins.append(time.perf_counter() - t0)
        assert answer.status_code == 302, answer.status_code
    report.add("login (POST, password checked)", **summary_ms(logins))

    posts: list[float] = []
    pages: list[float] = []
    size = 0
    for _ in range(n):
        t0 = time.perf_counter()
        answer = browser.post(url, {"weeks": str(weeks), "start": ""})
        posts.append(time.perf_counter() - t0)
        assert answer.status_code == 302, answer.status_code
        t0 = time.perf_counter()
        page = browser.get(answer["Location"])
        pages.append(time.perf_counter() - t0)
        assert page.status_code == 200
        size = len(page.content)
    report.add(f"generate a {weeks}-week program (POST)", **summary_ms(posts))
    report.add(f"the {weeks}-week program page (GET)", **summary_ms(pages), bytes=size)
    total = [a + b for a, b in zip(posts, pages, strict=True)]
    report.add("generate, then the page it leads to", **summary_ms(total))
    report.table()


if __name__ == "__main__":
    main()
