from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "profiles").glob("*.*"))

#: A fixed "today" for tests, so that example profiles and dates never age.
TODAY = date(2026, 11, 26)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(autouse=True)
def _each_test_starts_fresh():
    """Each test starts with an empty cache (the coaching loop keeps computed prescriptions
    there), so no test sees another's results; and in the default language: a request in
    Spanish (``Accept-Language``, a client's saved language) or a command's ``--lang``
    activates it for the rest of the thread, as a server's next request re-decides it, but a
    test calling a service directly next would otherwise read Spanish messages."""
    from django.core.cache import cache
    from django.utils import translation

    from osteoload.services import audit
    from osteoload.store.records import forget_programs

    cache.clear()
    forget_programs()
    audit.discard_pending()  # read audit entries queued by an earlier test's rolled-back world
    translation.deactivate()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """pytest-django's test database, and before it is dropped at the end: on PostgreSQL,
    any connection to it still open (a thread a test started and the test's end did not
    stop) is named on stderr and ended, so that the drop cannot fail with "is being
    accessed by other users" after every test passed."""
    yield
    import sys

    from django.db import DatabaseError, connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            # Only our own client connections: an autovacuum worker busy in the test
            # database belongs to the server (ending it needs a superuser, and DROP
            # DATABASE ends it by itself); CI once failed at this point on one.
            cursor.execute(
                "SELECT pid, application_name, state, left(query, 120) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND backend_type = 'client backend' AND usename = current_user"
            )
            stray = cursor.fetchall()
            for pid, name, state, query in stray:
                print(f"ending a stray test-database connection: pid {pid} {name!r} "
                      f"{state} {query!r}", file=sys.stderr)  # fmt: skip
                try:
                    cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
                except DatabaseError as error:  # it may have ended meanwhile; the drop decides
                    print(f"  could not end pid {pid}: {error}", file=sys.stderr)
        connection.close()
