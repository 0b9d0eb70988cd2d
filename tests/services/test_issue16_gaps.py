"""Issue 16 findings that had no test of their own yet, one test per finding (SQLite, and
PostgreSQL where it applies: CI runs tests/services again with DATABASE_URL).

- a backup that failed while clients logged left a 0-byte file, and the documented check
  (``PRAGMA integrity_check``) printed ``ok`` on it;
- the database and the written documents were 0644 even under ``umask 077``;
- a NUL in a note or a name, stored on SQLite, made the documented SQLite-to-PostgreSQL move
  (``dumpdata`` / ``loaddata``) load 0 rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import types
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from osteoload.services import backup, documents
from osteoload.services.documents import downloads
from osteoload.services.errors import InputError
from osteoload.store.models import Client, SetLogRow

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _fresh_sqlite(data_dir: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new process with its own SQLite database in ``data_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OSTEOLOAD_")}
    env.pop("DATABASE_URL", None)
    env["OSTEOLOAD_DATA_DIR"] = str(data_dir)
    env["DJANGO_SETTINGS_MODULE"] = "osteoload.settings"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False,
        cwd=ROOT,
    )  # fmt: skip


# --- a 0-byte backup ---------------------------------------------------------------------


def test_integrity_check_ok_on_an_empty_file_is_not_taken_as_a_sound_backup(tmp_path):
    """The finding: ``PRAGMA integrity_check`` says ``ok`` on an empty file. The backup's own
    check refuses it, naming the file."""
    empty = tmp_path / "nightly.sqlite3"
    empty.touch()
    with closing(sqlite3.connect(empty)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    empty.write_bytes(b"")  # (connecting may leave it as it was; make sure it is 0 bytes)
    with pytest.raises(InputError) as refused:
        backup.sqlite_verify(empty, "SRC")
    assert f"SRC: {empty} is empty (0 bytes); it is not a backup" in str(refused.value)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (DATABASE_URL)")
def test_an_empty_dump_is_refused_by_restore_on_postgresql(tmp_path):
    empty = tmp_path / "nightly.backup"
    empty.write_bytes(b"")
    with pytest.raises(InputError) as refused:
        backup.restore(empty)
    assert f"{empty} is empty (0 bytes); it is not a backup" in str(refused.value)


def test_a_backup_that_stays_busy_fails_and_leaves_no_file(tmp_path, monkeypatch):
    """The finding: a backup that failed while clients logged left a 0-byte file. Now a copy
    that stays busy is retried, then fails, and leaves neither the file nor a partial one."""
    source = tmp_path / "osteoload.sqlite3"
    with closing(sqlite3.connect(source)) as db:
        db.execute("CREATE TABLE t (x INTEGER)")
        db.commit()

    class Busy:
        def backup(self, *args: object, **kwargs: object) -> None:
            raise sqlite3.OperationalError("database is locked")

        def close(self) -> None:
            pass

    fake = types.SimpleNamespace(
        connect=lambda *a, **k: Busy(), OperationalError=sqlite3.OperationalError
    )
    monkeypatch.setattr(backup, "sqlite3", fake)
    monkeypatch.setattr(backup.time, "sleep", lambda _s: None)
    said: list[str] = []
    dest = tmp_path / "out" / "nightly.sqlite3"
    dest.parent.mkdir()
    with pytest.raises(backup.BackupFailed, match="backup failed: database is locked"):
        backup.sqlite_backup(source, dest, said.append)
    assert any("retrying" in line for line in said)
    assert list(dest.parent.iterdir()) == []


# --- files 0600 under umask 077 ----------------------------------------------------------

_CREATE_UNDER_077 = """
import os, pathlib
os.umask(0o077)
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE t (x INTEGER)")
    cursor.execute("INSERT INTO t VALUES (1)")
    name = pathlib.Path(connection.settings_dict["NAME"])
    print(sorted((p.name, oct(p.stat().st_mode & 0o777)) for p in name.parent.iterdir()
                 if p.is_file()))
"""


def test_the_database_files_are_0600_under_umask_077(tmp_path):
    done = _fresh_sqlite(tmp_path / "data", _CREATE_UNDER_077)
    assert done.returncode == 0, done.stderr
    for name in ("osteoload.sqlite3", "osteoload.sqlite3-wal", "osteoload.sqlite3-shm"):
        assert f"('{name}', '0o600')" in done.stdout, done.stdout
    assert "0o644" not in done.stdout


def test_written_documents_are_0600_under_umask_077(tmp_path):
    old = os.umask(0o077)
    try:
        report = tmp_path / "report.pdf"
        documents.write_atomically(report, b"%PDF-")
        folder = tmp_path / "documents" / "client-1"
        downloads._store(folder, folder / "booklet-x.pdf", b"%PDF-")
    finally:
        os.umask(old)
    assert _mode(report) == 0o600
    assert _mode(folder / "booklet-x.pdf") == 0o600


# --- the SQLite-to-PostgreSQL move with a NUL --------------------------------------------

_CLINIC_WITH_A_NUL_TRIED = """
import json, random, sys
from datetime import UTC, date, datetime
import django
django.setup()
from django.core.management import call_command
from osteoload.services import clients, training_log
from osteoload.services.database import migrate
from osteoload.services.errors import InputError

migrate()
day, now = date(2026, 11, 26), datetime(2026, 11, 26, 12, tzinfo=UTC)
coach = clients.create_coach("alice", "a-long-enough-passphrase")
refused = []
try:
    clients.create_client(coach, {"age": 58, "sex": "female", "name": "Bea\\x00",
                                  "parq_yes": []}, today=day)
except InputError as error:
    refused.append(str(error))
client_id = clients.create_client(coach, {"age": 58, "sex": "female", "name": "Bea",
                                          "parq_yes": []}, today=day)
user = clients.accept_invite(clients.create_invite(coach, client_id, now=now), "bea",
                             "a-long-enough-passphrase", now=now)
entry = {"date": day.isoformat(), "exercise_id": "goblet_squat", "set_number": 1, "reps": 8,
         "load_kg": 10}
try:
    training_log.log_set(user, client_id, entry | {"note": "sore\\x00"}, today=day)
except InputError as error:
    refused.append(str(error))
training_log.log_set(user, client_id, entry | {"note": "fine"}, today=day)
call_command("dumpdata", "--natural-foreign", "--natural-primary", "--exclude",
             "contenttypes", "--exclude", "auth.permission", "--exclude", "sessions",
             "--exclude", "axes", "--output", sys.argv[1])
print(json.dumps(refused))
"""


@pytest.mark.django_db(transaction=True)
def test_a_nul_is_refused_so_the_sqlite_to_postgresql_move_loads_every_row(tmp_path):
    """The documented move (docs/deployment.md: dumpdata on SQLite, loaddata on PostgreSQL)
    loaded 0 rows when a note or a name held a NUL; the NUL is now refused when written
    (naming the field), so the dump holds none and loads whole into this test's database
    (PostgreSQL in CI's second run)."""
    dump = tmp_path / "all.json"
    code = _CLINIC_WITH_A_NUL_TRIED.replace("sys.argv[1]", repr(str(dump)))
    done = _fresh_sqlite(tmp_path / "data", code)
    assert done.returncode == 0, done.stderr
    refused = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(refused) == 2 and "name" in refused[0] and "note" in refused[1]
    text = dump.read_text(encoding="utf-8")
    assert "\\u0000" not in text
    objects = json.loads(text)
    call_command("loaddata", str(dump), verbosity=0)
    assert Client.objects.get().name == "Bea"
    assert list(SetLogRow.objects.values_list("note", flat=True)) == ["fine"]
    models = {o["model"] for o in objects}
    assert {"store.client", "store.setlogrow"} <= models
