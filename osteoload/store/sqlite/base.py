"""Django's SQLite backend, with writers that wait for each other without oversleeping.

SQLite lets one writer at a time into the database. A connection that finds the write lock
taken sleeps and tries again, 1, 2, 5, 10, 15, 20, 25 ms ... apart, so a write that waits
for one lasting a millisecond often sleeps several, and the processor idles meanwhile (the
server's two workers logging sets at the evening peak; the synthetic clinic's workers).

Here each transaction first takes an exclusive ``flock`` on a file beside the database
(``<name>-writers``), retried every 50 microseconds at first and at most every
millisecond, and starts SQLite's ``BEGIN IMMEDIATE`` once it holds it; the lock is let go
when the transaction ends. SQLite's own lock still guards every write: a program that does
not take the file lock (the ``sqlite3`` shell, a backup) is kept out by SQLite as before,
and a writer that could not get the file lock within the connection's ``timeout`` goes on to
SQLite's busy timeout, which gives up as it always has ("database is locked").

Its cursors turn a statement's ``%s`` placeholders into SQLite's ``?`` once per statement
text, not on every execution (:func:`qmark_query`).
"""

from __future__ import annotations

import fcntl
import functools
import os
import time
from typing import Any

from django.db.backends.sqlite3 import base

FIRST_RETRY_S = 0.00005
LAST_RETRY_S = 0.001


@functools.lru_cache(maxsize=1024)
def qmark_query(query: str) -> str:
    """``query`` with Django's ``%s`` placeholders as SQLite's ``?`` (and ``%%`` as ``%``),
    as Django's cursor converts it, remembered for the statements that come again.

    Django converts every statement with a regular expression, at a cost that grows with
    its placeholders: a multi-row INSERT of a session's sets has about a thousand (about
    3 microseconds a set, paid while the statement's transaction holds the write lock).
    The same few statement texts come again and again (an app sends the same statements
    with other values), so each is converted once."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class CursorWrapper(base.SQLiteCursorWrapper):
    """Django's cursor, converting each statement text's placeholders once."""

    def convert_query(self, query: str, *, param_names: list[str] | None = None) -> str:
        if param_names is None:
            return qmark_query(query)
        return str(super().convert_query(query, param_names=param_names))


class DatabaseWrapper(base.DatabaseWrapper):
    # The hooks overridden below are Django's own (not in its type stubs, hence the ignores).
    _writers_fd: int | None = None
    _writers_pid = 0
    """The process that opened ``_writers_fd``."""
    _holding_pid = 0
    """The process whose transaction holds the lock through this connection, or 0."""

    def _writers_file(self) -> int | None:
        """This connection's descriptor of the lock file (opened once per process: a
        descriptor inherited through ``fork`` would share its lock with the parent)."""
        if self._writers_fd is not None and self._writers_pid != os.getpid():
            self._writers_fd = None  # the parent's: left to it
        if self._writers_fd is None and not self.is_in_memory_db():
            name = f"{self.settings_dict['NAME']}-writers"
            self._writers_fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._writers_pid = os.getpid()
        return self._writers_fd

    def create_cursor(self, name: str | None = None) -> CursorWrapper:
        return self.connection.cursor(factory=CursorWrapper)  # type: ignore[no-any-return]

    def _take_turn(self) -> None:
        fd = self._writers_file()
        if fd is None or self._holding_pid == os.getpid():
            return
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        pause = FIRST_RETRY_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # SQLite's busy timeout decides from here
                time.sleep(pause)
                pause = min(pause * 2, LAST_RETRY_S)
            else:
                self._holding_pid = os.getpid()
                return

    def _end_turn(self) -> None:
        if self._holding_pid == os.getpid():
            self._holding_pid = 0
            if self._writers_fd is not None:
                fcntl.flock(self._writers_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self) -> None:
        self._take_turn()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._end_turn()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._end_turn()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._end_turn()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._end_turn()
            if self._writers_fd is not None and self._writers_pid == os.getpid():
                os.close(self._writers_fd)
            self._writers_fd = None
