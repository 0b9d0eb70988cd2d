"""Durable acknowledgements on SQLite (issue 16): every commit is synced before the answer."""

from __future__ import annotations

import pytest
from django.db import connection, connections
from django.db.utils import ConnectionHandler

from osteoload import settings as production_settings

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


@pytest.mark.parametrize("url", ["", "postgresql://u:p@db.invalid/osteoload"])
def test_a_server_worker_keeps_its_connection_between_requests(monkeypatch, tmp_path, url):
    """Issue 19: Django closes a connection at the end of each request unless CONN_MAX_AGE
    keeps it. On SQLite reopening costs more than logging a set (the PRAGMAs and the schema
    read again) and closing the last connection checkpoints the WAL; on PostgreSQL it is a
    login. The database the settings describe, with and without DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", url)
    config = dict(production_settings._database())
    if not url:
        config["NAME"] = str(tmp_path / "probe.sqlite3")  # a file: an in-memory one never closes
        handler = ConnectionHandler({"default": config})
        probe = handler["default"]
        try:
            with probe.cursor() as cursor:
                cursor.execute("SELECT 1")
            raw = probe.connection
            probe.close_if_unusable_or_obsolete()  # what the end of every request does
            assert probe.connection is raw is not None
        finally:
            probe.close()
    assert config["CONN_MAX_AGE"] >= 60
