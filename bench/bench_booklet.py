"""How long the app's documents take: the 12-week booklet (first and cached download), the
large-print booklet, the calendar and the doctor's report.

    python bench/bench_booklet.py [--profile examples/profiles/02-...yaml] [--weeks 12]

Runs against a throwaway data directory (a fresh SQLite database and document cache): one
coach, one client from the example profile with an assigned program, and the same service
calls the download views make (:mod:`osteoload.services.documents.downloads`). The first
download of a booklet is WeasyPrint's layout; the second of the same booklet is read from
the cache. Then, as the app does when a coach assigns a program, both booklets are laid out
ahead in the background and her first download follows. Target (issue 17): a 12-week
booklet in 3 s or less.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import ROOT, Report, use_database

DEFAULT_PROFILE = ROOT / "examples" / "profiles" / "02-early-postmenopause-osteopenia.yaml"


def _seconds(op: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = op()
    return time.perf_counter() - t0, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", type=Path, default=DEFAULT_PROFILE)
    parser.add_argument("--weeks", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="osteoload-bench-booklet-") as data_dir:
        use_database(Path(data_dir), None)
        run(Report("booklet"), args.profile, args.weeks)


def run(report: Report, profile_path: Path, weeks: int) -> None:
    from django.utils import timezone

    from osteoload.services import client_programs, clients, documents, training_log
    from osteoload.services.clock import today
    from osteoload.services.coaching import stored_program
    from osteoload.services.database import migrate
    from osteoload.services.documents import downloads
    from osteoload.services.untrusted import read_document
    from osteoload.store.models import ProgramRecord

    migrate()
    day = today()
    coach = clients.create_coach("bench-coach", "a-long-bench-password-42")
    document = {"name": "Bench Client", **read_document(profile_path)}
    document.get("schedule", {}).pop("start_date", None)
    client_id = clients.create_client(coach, document, today=day)
    program_id = client_programs.generate_for_client(coach, client_id, today=day, weeks=weeks)
    client_programs.assign_program(coach, client_id, program_id)
    record = ProgramRecord.objects.get(pk=program_id)
    sessions = sum(len(w["sessions"]) for w in record.document["weeks"])
    what = f"{record.weeks}-week program, {sessions} sessions"

    profile = clients.profile_for(coach, client_id, today=day)
    program = stored_program(record)
    html_s, _ = _seconds(lambda: documents.program_html(program, profile))
    report.add("booklet HTML (templates only)", seconds=round(html_s, 3), program=what)
    for large in (False, True):
        label = "large-print booklet" if large else "booklet"
        first, pdf = _seconds(
            lambda large=large: downloads.booklet(coach, client_id, today=day, large_print=large)
        )
        second, again = _seconds(
            lambda large=large: downloads.booklet(coach, client_id, today=day, large_print=large)
        )
        assert again.data == pdf.data
        report.add(f"{label}: first download (rendered)", seconds=round(first, 3),
                   kib=len(pdf.data) // 1024, program=what)  # fmt: skip
        report.add(f"{label}: second download (cached)", seconds=round(second, 3),
                   kib=len(again.data) // 1024, program=what)  # fmt: skip
    downloads.forget_client(client_id)  # again, WeasyPrint loaded as in a running server
    warm, pdf = _seconds(lambda: downloads.booklet(coach, client_id, today=day))
    report.add("booklet: first download, server warm", seconds=round(warm, 3),
               kib=len(pdf.data) // 1024, program=what)  # fmt: skip
    # As in the app: assigning a program lays both booklets out in the background
    # (OSTEOLOAD_BOOKLETS_AHEAD); her first download comes after that.
    program_id = client_programs.generate_for_client(coach, client_id, today=day, weeks=weeks)
    client_programs.assign_program(coach, client_id, program_id)
    thread = downloads.prepare_booklets(coach, client_id, today=day)
    assert thread is not None
    ahead, _ = _seconds(thread.join)
    report.add("both booklets laid out ahead, at assignment (background)",
               seconds=round(ahead, 3), program=what)  # fmt: skip
    for large in (False, True):
        label = "large-print booklet" if large else "booklet"
        first, pdf = _seconds(
            lambda large=large: downloads.booklet(coach, client_id, today=day, large_print=large)
        )
        report.add(f"{label}: first download after assignment", seconds=round(first, 3),
                   kib=len(pdf.data) // 1024, program=what)  # fmt: skip
    ics_s, ics = _seconds(lambda: downloads.calendar(coach, client_id, today=day))
    report.add("calendar (.ics)", seconds=round(ics_s, 3), kib=len(ics.data) // 1024)

    lift = next(
        i["exercise_id"] for w in record.document["weeks"] for s in w["sessions"]
        for i in s["items"] if i["component"] == "resistance"
    )  # fmt: skip
    token = clients.create_invite(coach, client_id, now=timezone.now())
    her = clients.accept_invite(
        token, "bench-client", "a-long-bench-password-42", now=timezone.now()
    )
    for _ in range(3):  # the report is made from her log: one session logged today
        training_log.log_set(
            her, client_id, {"date": day.isoformat(), "exercise_id": lift, "reps": 10,
                               "load_kg": 10, "rpe": 7}, today=day,
        )  # fmt: skip
    rep_s, rep = _seconds(lambda: downloads.doctor_report(coach, client_id, today=day))
    report.add("doctor's report (PDF)", seconds=round(rep_s, 3), kib=len(rep.data) // 1024)
    report.table()


if __name__ == "__main__":
    main()
