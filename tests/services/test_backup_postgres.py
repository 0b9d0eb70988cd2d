"""``osteoload backup``/``restore`` on PostgreSQL (issue 16): pg_dump and pg_restore, verified.

Runs when the suite runs against PostgreSQL (``DATABASE_URL``, as ``.ci/run`` does for
tests/services); the SQLite side is tested end to end in tests/cli/test_backup.py.
"""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from datetime import UTC, datetime

import pytest
from django.db import connection

from osteoload.services import backup, clients, training_log
from osteoload.services.errors import InputError
from osteoload.store.models import Client, SetLogRow
from tests.conftest import TODAY

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (DATABASE_URL)"),
]
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PASSWORD = "a-long-enough-passphrase"


def _clinic() -> int:
    coach = clients.create_coach("alice", PASSWORD)
    profile = {"age": 58, "sex": "female", "name": "Beatriz Costa", "parq_yes": []}
    client_id = clients.create_client(coach, profile, today=TODAY)
    user = clients.accept_invite(clients.create_invite(coach, client_id, now=NOW), "bea",
                                 PASSWORD, now=NOW)  # fmt: skip
    entries = [{"date": TODAY.isoformat(), "exercise_id": "goblet_squat", "set_number": n,
                "reps": 8, "load_kg": 10} for n in (1, 2, 3)]  # fmt: skip
    training_log.log_sets(user, client_id, entries, today=TODAY)
    return client_id


def test_pg_dump_then_pg_restore_round_trip(tmp_path):
    client_id = _clinic()
    dest = tmp_path / "nightly.backup"
    made = backup.backup(dest)
    assert made.engine == "postgresql"
    assert made.counts["clients"] == 1 and made.counts["logins"] == 2
    assert made.counts["logged_sets"] == 3
    assert dest.read_bytes()[:5] == b"PGDMP"
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    with pytest.raises(InputError) as refused:
        backup.backup(dest)
    assert "DEST:" in str(refused.value) and "already exists" in str(refused.value)

    with pytest.raises(InputError) as full:
        backup.restore(dest)
    assert "database: already holds data (2 logins, 1 clients" in str(full.value)

    Client.objects.filter(pk=client_id).delete()
    assert not SetLogRow.objects.exists()
    back = backup.restore(dest, force=True)
    assert back.counts == made.counts
    restored = Client.objects.get(pk=client_id)
    assert restored.name == "Beatriz Costa"
    assert SetLogRow.objects.filter(client=restored).count() == 3


def test_restore_refuses_a_file_that_is_not_a_dump(tmp_path):
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(InputError) as info:
        backup.restore(other, force=True)
    assert f"SRC: {other} is not a pg_dump custom-format file" in str(info.value)
