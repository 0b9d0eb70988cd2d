"""Each HTTP scenario of the benchmarks starts on an idle server: a sync worker goes on with the
requests the last wrk left queued, and they must not land in the next scenario's figures
(bench/http_bench.py ``settle``, used by ``run_wrk``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import ROOT


@pytest.fixture
def http_bench(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import http_bench

    return http_bench


@pytest.fixture
def busy_server() -> Iterator[tuple[str, list[float], float]]:
    """Answers /healthz slowly while its queue of leftovers lasts (0.3 s), then quickly."""
    answered: list[float] = []
    busy_until = time.monotonic() + 0.3

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if time.monotonic() < busy_until:
                time.sleep(0.02)
            answered.append(time.monotonic())
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", answered, busy_until
    finally:
        server.shutdown()
        server.server_close()


def test_settle_returns_once_the_leftovers_are_done(http_bench, busy_server) -> None:  # type: ignore[no-untyped-def]
    base, answered, busy_until = busy_server
    http_bench.settle(base, quick_ms=15, in_a_row=3)  # a busy answer takes 20 ms or more
    assert time.monotonic() >= busy_until
    assert any(t < busy_until for t in answered)  # it asked while the server was busy
    assert len([t for t in answered if t >= busy_until]) >= 3


def test_a_server_that_never_settles_stops_the_bench(http_bench, busy_server) -> None:  # type: ignore[no-untyped-def]
    base, _, _ = busy_server
    with pytest.raises(SystemExit, match="did not become idle"):
        http_bench.settle(base, quick_ms=0.0001, in_a_row=3, timeout=0.5)
