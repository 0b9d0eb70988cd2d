"""Run requests at the same moment in threads against the real database (issue 16, item 4).

Tests using these need ``@pytest.mark.django_db(transaction=True)``: each thread opens its own
connection and sees only what is committed.

On PostgreSQL (``DATABASE_URL``) the threads use the test database as it is. The SQLite test
database is in memory with a shared cache, whose locks fail at once ("database table is
locked") where the clinic's file database queues writers for its busy timeout; so on SQLite
:func:`on_disk` copies it to a file with the clinic's settings (WAL, busy timeout,
``IMMEDIATE`` transactions; the copy is in WAL before any thread connects) and points
every connection there until the block ends.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection, connections


@contextmanager
def on_disk() -> Iterator[None]:
    """Inside the block every connection (this thread's and new threads') uses a file copy
    of the SQLite test database as it is now; a no-op on PostgreSQL."""
    if connection.vendor != "sqlite":
        yield
        return
    original = connections["default"]
    settings = connections.settings["default"]
    with tempfile.TemporaryDirectory(prefix="osteoload-race-") as folder:
        path = Path(folder) / "race.sqlite3"
        original.ensure_connection()
        target = sqlite3.connect(path)
        original.connection.backup(target)
        # In WAL already, as the clinic's file is from its first migration: two threads
        # opening their first connections at once would otherwise both switch the copy to
        # WAL (the settings' init command), and a switch needs the file to itself, so one
        # of them could fail with "database is locked" before its request even began.
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        connections.settings["default"] = {**settings, "NAME": str(path)}
        on_file = connections.create_connection("default")
        connections["default"] = on_file
        try:
            yield
        finally:
            on_file.close()
            connections["default"] = original
            connections.settings["default"] = settings


def at_once(*calls: Callable[[], Any], timeout: float = 30) -> list[Any]:
    """Run the calls in threads released together; each result is what the call returned or
    the exception it raised. Each thread closes its connection when done."""
    barrier = threading.Barrier(len(calls), timeout=timeout)
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(t.is_alive() for t in threads), "a racing call did not finish"
    return results
