"""HTTP benchmark: the production server on 127.0.0.1 and wrk as the load generator.

Run against a seeded database (``bench/run`` seeds a fresh one):

    python bench/http_bench.py --data-dir DIR [--database-url URL] [--duration 20]

Scenarios, each over a fixed duration with requests/s, p50, p95, p99 and errors (after
``--warmup`` seconds of the same requests, not counted, and on an idle server):

- log a set: POST /api/v1/clients/{id}/sets, 32 connections, each request from one of 32
  different clients with her own API token (everyone logging at the same evening hour);
- progress series: GET /api/v1/clients/{id}/progress of the client with the longest log,
  as her coach;
- roster: GET /coach/ for the coach of the whole clinic (a browser session);
- today: GET /today/ for a client (a browser session), not one of the 32 who log (their
  flood of sets lands on today's date: hundreds each, a day no client has).

Then the peak resident memory of every server worker. wrk comes from Debian (``apt-get
install wrk``); its latency percentiles are per request, measured from the load generator.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

from common import ROOT, Report, bench_env, use_database

LOG_CONNECTIONS = 32
WRK_LUA = r"""
local targets = {TARGETS}
local method, body = "METHOD", BODY
local i = 0
request = function()
  i = i + 1
  local t = targets[(i % #targets) + 1]
  return wrk.format(method, t[1], t[2], body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def _lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string literal for our ASCII text


def _lua(targets: list[tuple[str, dict[str, str]]], method: str, body: str | None) -> str:
    items = []
    for path, headers in targets:
        hdrs = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items())
        items.append(f"{{ {_lua_string(path)}, {{ {hdrs} }} }}")
    return (
        WRK_LUA.replace("{TARGETS}", "{ " + ", ".join(items) + " }")
        .replace('"METHOD"', _lua_string(method))
        .replace("BODY", _lua_string(body) if body is not None else "nil")
    )


def settle(base: str, *, quick_ms: float = 5.0, in_a_row: int = 3, timeout: float = 60) -> None:
    """Wait until the server is idle: a sync worker goes on with the requests a finished wrk
    left in its queue (at 32 connections, up to 32 of them; for her Today page about a
    quarter of a second of both workers), and those must not land in the next scenario's
    figures. Idle means ``in_a_row`` answers to ``/healthz`` in under ``quick_ms`` each."""
    deadline = time.monotonic() + timeout
    quick = 0
    while quick < in_a_row:
        if time.monotonic() > deadline:
            raise SystemExit(f"the server did not become idle in {timeout:.0f} s")
        started = time.perf_counter()
        with urllib.request.urlopen(base + "/healthz", timeout=10) as answer:
            answer.read()
        quick = quick + 1 if (time.perf_counter() - started) * 1000 < quick_ms else 0
    time.sleep(0.2)


WARMUP_S = 3
"""Seconds of each scenario sent before its measured run and not counted: a server just
started, or just turned to other requests, runs slower for its first seconds (SQLite's WAL
file growing to its working size, each connection's page cache, first plans), which is not
what the scenario measures. 2026-12-08, SQLite, logging a set on a fresh server in 4 s
slices, twice: 835 and 875 requests/s with p99 65 and 59 ms in the first slice, 885 to
1,005/s with p99 39 to 58 ms in the four after it."""


def run_wrk(
    base: str, targets: list[tuple[str, dict[str, str]]], *, method: str, body: str | None,
    connections: int, duration: int, warmup: int = WARMUP_S,
) -> dict[str, Any]:  # fmt: skip
    """One scenario with wrk: ``warmup`` seconds not counted, then ``duration`` seconds
    measured, each started on an idle server (``settle``)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(targets, method, body))
    threads = min(2, connections)

    def wrk(seconds: int) -> str:
        settle(base)
        return subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
             "--timeout", "10s", "-s", script.name, base],
            text=True, capture_output=True, check=True,
        ).stdout  # fmt: skip

    try:
        if warmup > 0:
            wrk(warmup)
        out = wrk(duration)
    finally:
        Path(script.name).unlink()
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line[len("WRKJSON ") :])
    seconds = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {
        "connections": connections,
        "seconds": round(seconds, 1),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(base: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server stopped while starting")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer /healthz in time")


def login_cookie(base: str, username: str, password: str) -> str:
    """Log in through the login page, as a browser does; returns the Cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/login/").read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if match is None:
        raise SystemExit("no CSRF token on the login page")
    form = {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password}
    opener.open(base + "/login/", data=urllib.parse.urlencode(form).encode()).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"could not log in as {username}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def prepare(password: str) -> dict[str, Any]:
    """Pick the coach, 32 clients who log, the longest log, a reader who does not log; make
    their API tokens."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from osteoload.services import api_tokens
    from osteoload.store.models import Client

    User = get_user_model()
    coach_id = (
        Client.objects.values("coach_id").annotate(n=Count("id")).order_by("-n")[0]["coach_id"]
    )
    coach = User.objects.get(pk=coach_id)
    loggers = list(
        Client.objects.filter(coach=coach, user__isnull=False, paused=False)
        .select_related("user").order_by("id")[:LOG_CONNECTIONS]
    )  # fmt: skip
    if not loggers:
        raise SystemExit("need clients with logins; seed a clinic first")
    if len(loggers) < LOG_CONNECTIONS:  # a small clinic: some clients log on two connections
        print(f"note: {len(loggers)} clients with logins (not {LOG_CONNECTIONS}): a small run",
              file=sys.stderr)  # fmt: skip
    # Her sets counted once for every client of the coach (a scan of the whole log).
    sets_of = dict(
        Client.objects.filter(coach=coach).annotate(n=Count("set_logs")).values_list("id", "n")
    )
    busiest = min(sets_of, key=lambda cid: (-sets_of[cid], cid))
    clients = []
    for c in loggers:
        _, token = api_tokens.create_token(c.user, "benchmark")
        clients.append((c.pk, token))
    _, coach_token = api_tokens.create_token(coach, "benchmark")
    # The reader of the read scenarios (Today, her history, her newest sets) is not one of the
    # writers: their flood of sets all lands on today (hundreds each), a day no client has.
    # Of the others, the one with the longest log.
    others = (
        Client.objects.filter(coach=coach, user__isnull=False, paused=False)
        .exclude(pk__in=[c.pk for c in loggers]).select_related("user")
    )  # fmt: skip
    reader = min(others, key=lambda c: (-sets_of[c.pk], c.pk), default=None)
    if reader is None:
        print("note: every client with a login writes too: the reader is one of the writers",
              file=sys.stderr)  # fmt: skip
        reader = loggers[0]
    _, reader_token = api_tokens.create_token(reader.user, "benchmark")
    return {
        "coach": coach.get_username(),
        "roster_size": len(sets_of),
        "coach_token": coach_token,
        "clients": clients,
        "busiest": busiest,
        "busiest_sets": sets_of[busiest],
        "today_user": reader.user.get_username(),
        "reader_id": reader.pk,
        "reader_token": reader_token,
        "password": password,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument(
        "--warmup", type=int, default=WARMUP_S, help="seconds of each scenario not counted"
    )
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--read-connections", type=int, default=2)
    parser.add_argument("--password", default="osteoload-seed")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    use_database(args.data_dir, args.database_url)
    setup = prepare(args.password)
    from osteoload.services.clock import today

    day = today().isoformat()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = bench_env(args.data_dir, args.database_url)
    code = "from osteoload.cli.main import main; main()"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    report = Report("http")
    try:
        _wait_healthy(base, server)
        coach_cookie = login_cookie(base, setup["coach"], setup["password"])
        client_cookie = login_cookie(base, setup["today_user"], setup["password"])
        body = json.dumps({"date": day, "exercise_id": "goblet_squat", "set_number": 1,
                           "reps": 10, "load_kg": 16, "rpe": 7.5})  # fmt: skip
        log_targets = [
            (f"/api/v1/clients/{cid}/sets",
             {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            for cid, token in setup["clients"]
        ]  # fmt: skip
        scenarios: list[tuple[str, list[tuple[str, dict[str, str]]], str, str | None, int]] = [
            ("log a set (POST)", log_targets, "POST", body, LOG_CONNECTIONS),
            (
                f"progress series ({setup['busiest_sets']:,} sets logged)",
                [(f"/api/v1/clients/{setup['busiest']}/progress",
                  {"Authorization": f"Bearer {setup['coach_token']}"})],
                "GET", None, args.read_connections,
            ),
            (
                f"coach roster ({setup['roster_size']} clients)",
                [("/coach/", {"Cookie": coach_cookie})], "GET", None, args.read_connections,
            ),
            ("client today page", [("/today/", {"Cookie": client_cookie})], "GET", None,
             args.read_connections),
        ]  # fmt: skip
        for name, targets, method, payload, connections in scenarios:
            figures = run_wrk(base, targets, method=method, body=payload,
                              connections=connections, duration=args.duration,
                              warmup=args.warmup)  # fmt: skip
            report.add(name, workers=args.workers, **figures)
        workers = _children(server.pid)
        peaks = [_peak_rss_mb(pid) for pid in workers]
        report.add("server worker peak memory", workers=len(workers),
                   peak_rss_mb=round(max(peaks), 1) if peaks else None)  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    report.table()


if __name__ == "__main__":
    main()
