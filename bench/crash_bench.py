"""Crash test: kill -9 the production server under logging load, restart, count what was lost.

    python bench/crash_bench.py [--database-url URL] [--kills 20] [--clients 4] [--workers 2]

A fresh clinic (a temporary data directory for SQLite; with ``--database-url``, an empty
PostgreSQL database you created) with one coach and ``--clients`` clients, each with a login
and an API token. ``osteoload serve`` runs in its own process group; one thread per client
logs sets through ``POST /api/v1/clients/{id}/sets``, each with a fresh ``Idempotency-Key``,
and records every "201 Created" with its key and the id in the answer. A request that got no
answer (the server was killed under it) is sent again with the same key once the server is
back, as a phone does, until it is acknowledged; so is one answered 409 (a collision, e.g.
SQLite busy) or 5xx.

``--kills`` times, after a random 2 to 10 s of load, the whole process group (gunicorn's
arbiter and its workers) is killed with SIGKILL and the server started again. At the end the
server is stopped and the database read directly:

- acknowledged writes missing (an acknowledged id not in the database) - must be 0;
- sets stored that were never acknowledged, or twice for one key - must be 0;
- the integrity check: SQLite ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``;
  PostgreSQL every table read in full (its rows counted) and, if the ``amcheck`` extension is
  installed in the database and usable by its owner, ``bt_index_check`` on every index.

Figures as JSON lines on stdout and a table on stderr (bench/common.py). kill -9 of the
server tests what the database promises after a commit; it is not a power cut (the
operating system's cache survives), which is what ``synchronous=FULL`` is for
(bench/bench_durable_writes.py).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import ROOT, Report, bench_env, use_database
from http_bench import _free_port, _wait_healthy

PASSWORD = "crash-bench-passphrase"


@dataclass
class Logger:
    """One client logging sets, what the server acknowledged to her."""

    client_id: int
    token: str
    acknowledged: dict[str, int] = field(default_factory=dict)  # key -> set id
    no_answer: int = 0  # keys sent again because the server gave no answer (killed or down)
    busy: int = 0  # answers 409 (a collision) or 5xx, sent again with the same key
    refused: list[str] = field(default_factory=list)  # unexpected answers (status: body)


def _setup(clients: int) -> tuple[list[Logger], str]:
    from osteoload.devtools.synthetic import synthetic_profile
    from osteoload.services import api_tokens
    from osteoload.services import clients as clinic
    from osteoload.services.clock import today
    from osteoload.services.database import close_connections, migrate
    from osteoload.store.models import Client

    migrate()
    if Client.objects.exists():
        raise SystemExit("the database already holds clients; give an empty one")
    day, now = today(), datetime.now(UTC)
    coach = clinic.create_coach("crash-coach", PASSWORD)
    loggers = []
    for n in range(clients):
        document = synthetic_profile(random.Random(n), intake=day, start=day)
        client_id = clinic.create_client(coach, document, today=day)
        invite = clinic.create_invite(coach, client_id, now=now)
        user = clinic.accept_invite(invite, f"crash-client-{n}", PASSWORD, now=now)
        _, token = api_tokens.create_token(user, "crash bench")
        loggers.append(Logger(client_id, token))
    close_connections()
    return loggers, day.isoformat()


def _post(port: int, logger: Logger, key: str, body: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(
            "POST", f"/api/v1/clients/{logger.client_id}/sets", body=body,
            headers={"Authorization": f"Bearer {logger.token}",
                     "Content-Type": "application/json", "Idempotency-Key": key},
        )  # fmt: skip
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def _log_safely(port: int, logger: Logger, day: str, stop: threading.Event) -> None:
    """``_log``; a thread that stops on an error says so in the figures (``refused``)."""
    try:
        _log(port, logger, day, stop)
    except Exception as error:  # noqa: BLE001 - counted and shown, never lost
        logger.refused.append(f"the logging thread stopped: {error!r}")


def _log(port: int, logger: Logger, day: str, stop: threading.Event) -> None:
    """Log sets until ``stop``; a request without an answer is retried with its key."""
    n = 0
    while True:
        if stop.is_set():
            return
        n += 1
        key = str(uuid.uuid4())
        body = json.dumps({"date": day, "exercise_id": "goblet_squat", "set_number": n % 20 + 1,
                           "reps": 8, "load_kg": 12.5, "rpe": 7})  # fmt: skip
        missed = False
        while True:  # until this key is answered, even after stop: nothing left in doubt
            try:
                status, raw = _post(port, logger, key, body)
            except (OSError, http.client.HTTPException):  # refused, reset, cut off: killed
                status, raw = 0, b""
            if status == 201:
                logger.acknowledged[key] = int(json.loads(raw)["id"])
                break
            if status and status < 500 and status != 409:
                logger.refused.append(f"{status}: {raw[:200]!r}")
                break
            if status:
                logger.busy += 1
            elif not missed:
                logger.no_answer += 1
            missed = missed or not status
            time.sleep(0.2)


def _start(port: int, env: dict[str, str], workers: int) -> subprocess.Popen[bytes]:
    code = "from osteoload.cli.main import main; main()"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port), "--workers", str(workers)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the arbiter and every worker
    )  # fmt: skip
    _wait_healthy(f"http://127.0.0.1:{port}", server)
    return server


def _kill(server: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def _integrity() -> dict[str, Any]:
    from django.apps import apps
    from django.db import connection

    tables = sorted({m._meta.db_table for m in apps.get_models()})
    with connection.cursor() as cursor:
        rows = 0
        for table in tables:  # every row read: a broken page or tuple fails here
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += len(cursor.fetchall())
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA integrity_check")
            check = ", ".join(str(r[0]) for r in cursor.fetchall())
            cursor.execute("PRAGMA foreign_key_check")
            broken_keys = len(cursor.fetchall())
            return {"tables": len(tables), "rows_read": rows, "integrity_check": check,
                    "foreign_key_violations": broken_keys}  # fmt: skip
        amcheck = _amcheck(cursor)
    return {"tables": len(tables), "rows_read": rows, "amcheck": amcheck}


def _amcheck(cursor: Any) -> str:
    from django.db import DatabaseError, transaction

    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")
    if cursor.fetchone() is None:
        return "not installed (rows read instead)"
    try:
        with transaction.atomic():
            cursor.execute(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = current_schema()"
            )
            names = [r[0] for r in cursor.fetchall()]
            for name in names:
                cursor.execute("SELECT bt_index_check(%s::regclass, true)", [name])
    except DatabaseError as error:
        return f"could not run: {str(error).splitlines()[0]}"
    return f"ok ({len(names)} btree indexes, heap included)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="an empty PostgreSQL database")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4, help="clients logging at once")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--seed", type=int, default=16, help="for the moments of the kills")
    args = parser.parse_args()
    for name in ("kills", "clients", "workers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name}: {getattr(args, name)} is too small; allowed 1 or more")
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="osteoload-crash-") as data_dir:
        use_database(Path(data_dir), args.database_url)
        loggers, day = _setup(args.clients)
        env = bench_env(Path(data_dir), args.database_url)
        port = _free_port()
        stop = threading.Event()
        threads = [
            threading.Thread(target=_log_safely, args=(port, lg, day, stop)) for lg in loggers
        ]
        started = time.monotonic()
        server = _start(port, env, args.workers)
        for thread in threads:
            thread.start()
        restarts: list[float] = []
        try:
            for _ in range(args.kills):
                time.sleep(chance.uniform(2.0, 10.0))
                _kill(server)
                down = time.monotonic()
                server = _start(port, env, args.workers)
                restarts.append(time.monotonic() - down)
                done = sum(len(lg.acknowledged) for lg in loggers)
                sys.stderr.write(
                    f"kill {len(restarts)} of {args.kills}: back in "
                    f"{restarts[-1]:.1f} s; {done} writes acknowledged so far\n"
                )
            time.sleep(1)
            stop.set()
            for thread in threads:  # each finishes (and resends) the request it has in hand
                thread.join(timeout=120)
        finally:
            stop.set()
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                _kill(server)
        seconds = time.monotonic() - started
        _report(args, loggers, restarts, seconds)


def _report(args: argparse.Namespace, loggers: list[Logger], restarts: list[float],
            seconds: float) -> None:  # fmt: skip
    from django.db import connection

    from osteoload.store.models import SetLogRow

    stored: dict[int, set[int]] = {lg.client_id: set() for lg in loggers}
    for client_id, set_id in SetLogRow.objects.values_list("client_id", "id"):
        stored.setdefault(client_id, set()).add(set_id)
    acknowledged = sum(len(lg.acknowledged) for lg in loggers)
    missing = sum(len(set(lg.acknowledged.values()) - stored[lg.client_id]) for lg in loggers)
    extra = sum(len(stored[lg.client_id] - set(lg.acknowledged.values())) for lg in loggers)
    refused = [r for lg in loggers for r in lg.refused]
    integrity = _integrity()
    database = connection.vendor
    report = Report(f"crash (kill -9 the server under logging load, {database})")
    report.add(
        "kill -9 under load", database=database, kills=len(restarts), clients=len(loggers),
        workers=args.workers, seconds=round(seconds, 1),
        restart_s_median=round(sorted(restarts)[len(restarts) // 2], 2) if restarts else None,
    )  # fmt: skip
    report.add(
        "acknowledged writes", acknowledged=acknowledged, missing=missing,
        stored_not_acknowledged=extra, resent_no_answer=sum(lg.no_answer for lg in loggers),
        answered_409_or_5xx=sum(lg.busy for lg in loggers),
        refused=len(refused),
    )  # fmt: skip
    report.add("integrity", **integrity)
    report.table()
    for line in refused[:5]:
        sys.stderr.write(f"unexpected answer: {line}\n")
    healthy = integrity.get("integrity_check", "ok") == "ok" and not integrity.get(
        "foreign_key_violations"
    )
    if missing or extra or refused or not healthy:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
