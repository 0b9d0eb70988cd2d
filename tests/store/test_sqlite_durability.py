"""Durable acknowledgements on SQLite (issue 16): every commit is synced before the answer."""

from __future__ import annotations

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own setting")
def test_a_new_sqlite_connection_syncs_every_commit():
    """With synchronous=NORMAL a WAL commit is not synced, so a set answered "201 Created"
    could be lost in a power cut; FULL syncs it first."""
    fresh = connections.create_connection("default")
    try:
        with fresh.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == FULL
    finally:
        fresh.close()
