"""SQLite writers queue on a lock file beside the database (``osteoload/store/sqlite``, issue
19): a write transaction holds it from its BEGIN to its end, a second writer waits for it and
goes in when the first ends, a writer that cannot get it in time leaves the decision to
SQLite's busy timeout, and a forked process never takes its parent's turn.

Each test opens its own file database (the test database is in memory, which has no lock
file and no second writer)."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler

from osteoload import settings as production_settings
from osteoload.store.sqlite.base import DatabaseWrapper


@pytest.fixture
def database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, django_db_blocker: Any
) -> Iterator[Path]:
    monkeypatch.setenv("DATABASE_URL", "")
    path = tmp_path / "writers.sqlite3"
    with django_db_blocker.unblock():  # these files only, never the test database
        with _open(path, "setup") as connection, connection.cursor() as cursor:
            cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, who TEXT)")
        yield path


class _open:
    """A connection to ``path`` with the production settings, known to ``transaction`` as
    ``alias`` in this thread."""

    def __init__(self, path: Path, alias: str, *, timeout: float = 20) -> None:
        config = dict(production_settings._database())
        config["NAME"] = str(path)
        config["OPTIONS"] = {**config["OPTIONS"], "timeout": timeout}
        self.connection = ConnectionHandler({"default": config})["default"]
        self.alias = alias

    def __enter__(self) -> Any:
        assert isinstance(self.connection, DatabaseWrapper)
        connections[self.alias] = self.connection
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.close()
        del connections[self.alias]


def _taken(path: Path) -> bool:
    """Whether some transaction holds the writers' lock of ``path`` (seen from outside)."""
    fd = os.open(f"{path}-writers", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _notes(path: Path) -> list[str]:
    with _open(path, "reader") as connection, connection.cursor() as cursor:
        cursor.execute("SELECT who FROM note ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_a_write_transaction_holds_the_lock_from_begin_to_end(database: Path) -> None:
    with _open(database, "a") as connection:
        assert not _taken(database)
        with transaction.atomic(using="a"):
            assert _taken(database)
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO note (who) VALUES ('a')")
        assert not _taken(database)
        with pytest.raises(ZeroDivisionError), transaction.atomic(using="a"):
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO note (who) VALUES ('rolled back')")
            assert _taken(database)
            _ = 1 / 0
        assert not _taken(database)  # a rollback ends the turn too
    assert _notes(database) == ["a"]


def test_a_second_writer_waits_for_the_first_then_writes(database: Path) -> None:
    asked, inside, failures = threading.Event(), threading.Event(), []

    def second() -> None:
        try:
            with _open(database, "b") as connection:
                asked.set()
                with transaction.atomic(using="b"), connection.cursor() as cursor:
                    inside.set()
                    cursor.execute("INSERT INTO note (who) VALUES ('b')")
        except Exception as exc:  # reported to the test's thread
            failures.append(exc)

    with _open(database, "a") as connection:
        with transaction.atomic(using="a"):
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO note (who) VALUES ('a')")
            thread = threading.Thread(target=second)
            thread.start()
            assert asked.wait(10)
            assert not inside.wait(0.3)  # the second waits while the first is open
        assert inside.wait(10)  # and goes in once it has committed
        thread.join(10)
    assert failures == []
    assert _notes(database) == ["a", "b"]


def test_a_writer_that_cannot_get_the_lock_in_time_leaves_it_to_sqlite(database: Path) -> None:
    """A program holding the lock file without writing (or a lost descriptor) delays a writer
    by the connection's timeout at most; then SQLite's own lock decides, and it is free."""
    outside = os.open(f"{database}-writers", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(outside, fcntl.LOCK_EX)
    try:
        with _open(database, "a", timeout=0.2) as connection:
            with transaction.atomic(using="a"), connection.cursor() as cursor:
                cursor.execute("INSERT INTO note (who) VALUES ('a')")
            assert _taken(database)  # still the outside holder's
    finally:
        os.close(outside)
    assert _notes(database) == ["a"]


def test_a_forked_process_does_not_take_its_parents_turn(database: Path) -> None:
    """A descriptor inherited through fork shares its lock with the parent: the child opens
    its own and waits like any other writer (here until its timeout)."""
    with _open(database, "a", timeout=0.3) as connection, transaction.atomic(using="a"):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through its exit status
            inherited, asked = connection._writers_fd, time.monotonic()
            connection._take_turn()  # waits for the parent, in vain until its timeout
            waited = time.monotonic() - asked >= 0.3  # the parent holds it all along
            own = connection._writers_fd not in (None, inherited)
            os._exit(0 if waited and own and connection._holding_pid != os.getpid() else 1)
        _, status = os.waitpid(pid, 0)
        assert _taken(database)
    assert os.waitstatus_to_exitcode(status) == 0
    assert not _taken(database)
