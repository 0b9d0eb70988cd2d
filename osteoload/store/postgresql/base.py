"""Django's PostgreSQL backend, whose health check costs no round trip on a quiet connection.

Each server worker keeps its connection (``CONN_MAX_AGE``), and ``CONN_HEALTH_CHECKS`` makes
Django check it before the first query of every request, so that a connection a database
restart broke is replaced instead of failing that request. Django checks with ``SELECT 1``:
one more round trip a request, to a server that shares the machine's cores.

A connection the server has closed (a restart, ``pg_terminate_backend``, an idle timeout)
has something to read on its socket: the server's last message, or the end of the stream.
Here the check first looks at the socket without waiting; only when it has something to read,
or the connection is not idle, does Django's ``SELECT 1`` run. A connection whose server
vanished without a word (a machine switched off) fails its first query either way: Django's
``SELECT 1`` would have waited for the network to give up.
"""

from __future__ import annotations

import select
from typing import Any

from django.db.backends.postgresql import base
from psycopg import Connection
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    # Django's own attributes and hook (not all in its type stubs).
    health_check_enabled: bool
    health_check_done: bool

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and _quiet_and_idle(self.connection)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()


def _quiet_and_idle(connection: Connection[Any]) -> bool:
    """True when the connection is open, outside a transaction, and nothing waits on its
    socket; any doubt (an error, a closed or busy connection) is False."""
    try:
        if connection.closed or connection.info.transaction_status != TransactionStatus.IDLE:
            return False
        readable, _, _ = select.select([connection.fileno()], [], [], 0)
    except Exception:  # any doubt goes to Django's own check
        return False
    return not readable
