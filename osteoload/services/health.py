"""Health checks for ``/healthz`` and container probes."""

from __future__ import annotations

from django.db import connection


def database_ok() -> bool:
    """True when the database answers a trivial query; never raises."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            row = cursor.fetchone()
    except Exception:  # any failure to reach the database means "not healthy"
        return False
    return row is not None and row[0] == 1
