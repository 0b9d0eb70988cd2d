"""The health check of a kept PostgreSQL connection (osteoload/store/postgresql): a quiet,
idle connection is trusted without a round trip; one the server closed is found out and
replaced before the request uses it, as Django's ``SELECT 1`` would."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.db.backends.postgresql import base as django_postgresql

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's backend")


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return int(pid)


def _new_request() -> None:
    """What Django does at a request's start, then its first query's check."""
    connection.close_if_unusable_or_obsolete()
    connection.ensure_connection()
    connection.close_if_health_check_failed()


def _asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = django_postgresql.DatabaseWrapper.is_usable

    def counted(self: django_postgresql.DatabaseWrapper) -> bool:
        calls.append(1)
        return bool(real(self))  # type: ignore[no-untyped-call]

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "is_usable", counted)
    return calls


def test_the_backend_is_ours_and_checks_are_on() -> None:
    assert connection.settings_dict["ENGINE"] == "osteoload.store.postgresql"
    assert connection.health_check_enabled


def test_a_quiet_connection_is_not_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    pid = _backend_pid()
    asked = _asked(monkeypatch)
    _new_request()
    assert asked == [] and connection.health_check_done
    assert _backend_pid() == pid


def test_a_connection_the_server_closed_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    pid = _backend_pid()
    other = connection.copy()  # a second connection to the same database
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    time.sleep(0.2)  # the server's farewell reaches the socket
    asked = _asked(monkeypatch)
    _new_request()
    assert asked == [1]  # the socket had something to say: Django's own check ran
    assert _backend_pid() != pid  # and the request got a new connection
