"""The same app under three servers, the same wrk scenarios (issue 19 item 4).

    python bench/server_bench.py --data-dir DIR [--database-url URL] [--duration 10]

Servers, each on 127.0.0.1 with the same number of worker processes, started one at a time
against the same seeded database:

- ``sync``: today's ``osteoload serve`` (gunicorn, sync workers: one request at a time per
  worker, the connection closed after each answer);
- ``gthread``: ``osteoload serve --threads N``: gunicorn's threaded workers with keep-alive
  (5 s);
- ``granian``: granian (Rust HTTP server) with its WSGI interface, ``--blocking-threads``
  per worker, keep-alive on by default.

Scenarios, each with ``--connections`` (32) wrk connections: ``GET /healthz`` (the server's
own ceiling: one trivial query), the newest 20 sets of a client who is not one of the
writers (API token), her Today page and her history of one exercise (browser session),
logging a set (POST, each request from one of 32 clients with her own
token). Reads run before the writes so they see the same data under every server. Prints a
table on stderr and one JSON line per figure (bench/common.py Report).
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from common import ROOT, Report, bench_env, use_database
from http_bench import (
    WARMUP_S,
    _children,
    _free_port,
    _peak_rss_mb,
    _wait_healthy,
    login_cookie,
    prepare,
    run_wrk,
)

SERVERS = ("sync", "gthread", "granian")  # and "gthread-direct", on request
WSGI_APP = "osteoload.web.wsgi:application"


def server_command(kind: str, port: int, workers: int, threads: int) -> list[str]:
    """The command line that starts one kind of server on 127.0.0.1:port."""
    if kind in ("sync", "gthread"):  # both through `osteoload serve`, as in production
        code = "from osteoload.cli.main import main; main()"
        return [sys.executable, "-c", code, "serve", "--port", str(port),
                "--workers", str(workers),
                "--threads", "1" if kind == "sync" else str(threads)]  # fmt: skip
    if kind == "gthread-direct":  # gunicorn's own command line: the app imported per worker
        return [sys.executable, "-m", "gunicorn", WSGI_APP, "--bind", f"127.0.0.1:{port}",
                "--workers", str(workers), "--worker-class", "gthread",
                "--threads", str(threads), "--keep-alive", "5", "--timeout", "60",
                "--log-level", "warning"]  # fmt: skip
    if kind == "granian":
        return [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
                "--port", str(port), "--workers", str(workers),
                "--blocking-threads", str(threads), "--log-level", "warning",
                "--no-access-log", WSGI_APP]  # fmt: skip
    raise SystemExit(
        f"--servers: unknown server {kind!r}; allowed: {', '.join(SERVERS)}, gthread-direct"
    )


def history_path(client_id: int) -> str:
    """Her history page filtered to the exercise she logged most (one exercise's history)."""
    from django.db.models import Count

    from osteoload.store.models import SetLogRow

    top = (
        SetLogRow.objects.filter(client_id=client_id).values("exercise_id")
        .annotate(n=Count("id")).order_by("-n", "exercise_id").first()
    )  # fmt: skip
    return f"/history/?exercise={top['exercise_id'] if top else 'goblet_squat'}"


def newest_sets_path(client_id: int) -> str:
    from osteoload.store.models import SetLogRow

    count = SetLogRow.objects.filter(client_id=client_id).count()
    return f"/api/v1/clients/{client_id}/sets?limit=20&offset={max(0, count - 20)}"


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument(
        "--warmup", type=int, default=WARMUP_S, help="seconds of each scenario not counted"
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="worker processes per server")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per worker (gthread, granian)"
    )
    parser.add_argument("--servers", default=",".join(SERVERS), help="comma-separated")
    parser.add_argument("--password", default="osteoload-seed")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    kinds = [k.strip() for k in args.servers.split(",") if k.strip()]
    for kind in kinds:
        server_command(kind, 0, 1, 1)  # an unknown name stops here, before any work
    use_database(args.data_dir, args.database_url)
    setup = prepare(args.password)
    from osteoload.services.clock import today

    day = today().isoformat()
    token = dict(setup["clients"])
    reader_id, reader_token = setup["reader_id"], setup["reader_token"]
    newest = newest_sets_path(reader_id)
    history = history_path(reader_id)
    body = json.dumps({"date": day, "exercise_id": "goblet_squat", "set_number": 1,
                       "reps": 10, "load_kg": 16, "rpe": 7.5})  # fmt: skip
    log_targets = [
        (f"/api/v1/clients/{cid}/sets",
         {"Authorization": f"Bearer {token[cid]}", "Content-Type": "application/json"})
        for cid in token
    ]  # fmt: skip
    env = bench_env(args.data_dir, args.database_url)
    report = Report("server")
    for kind in kinds:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        command = server_command(kind, port, args.workers, args.threads)
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        try:
            _wait_healthy(base, server)
            cookie = login_cookie(base, setup["today_user"], setup["password"])
            scenarios: list[tuple[str, list[tuple[str, dict[str, str]]], str, str | None]] = [
                ("/healthz", [("/healthz", {})], "GET", None),
                ("newest 20 sets", [(newest, {"Authorization": f"Bearer {reader_token}"})],
                 "GET", None),
                ("today page", [("/today/", {"Cookie": cookie})], "GET", None),
                ("one exercise's history",
                 [(history, {"Cookie": cookie})], "GET", None),
                ("log a set (POST)", log_targets, "POST", body),
            ]  # fmt: skip
            ceiling = None
            for name, targets, method, payload in scenarios:
                figures: dict[str, Any] = run_wrk(
                    base, targets, method=method, body=payload,
                    connections=args.connections, duration=args.duration, warmup=args.warmup,
                )  # fmt: skip
                if name == "/healthz":
                    ceiling = figures["rps"]
                share = round(figures["rps"] / ceiling, 2) if ceiling else None
                report.add(f"{kind}: {name}", server=kind, workers=args.workers,
                           threads=1 if kind == "sync" else args.threads,
                           of_healthz=share, **figures)  # fmt: skip
            peaks = [_peak_rss_mb(pid) for pid in _children(server.pid)]
            report.add(f"{kind}: worker peak memory", server=kind,
                       peak_rss_mb=round(max(peaks), 1) if peaks else None)  # fmt: skip
        finally:
            _stop(server)
    report.table()


if __name__ == "__main__":
    main()
