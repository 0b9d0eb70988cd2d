"""Files (issue 16, item 8): the database (with its -wal and -shm), written documents and
exports are created readable by their owner only (0600), even under a permissive umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osteoload.cli.main import app
from osteoload.services import documents
from osteoload.services.documents import downloads

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "examples" / "logs"
runner = CliRunner()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


_CREATE_DATABASE = """
import os
os.umask(0o022)
os.environ["DJANGO_SETTINGS_MODULE"] = "osteoload.settings"
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE t (x INTEGER)")
    cursor.execute("INSERT INTO t VALUES (1)")
    print(cursor.execute("PRAGMA journal_mode").fetchone()[0])
    import pathlib
    name = pathlib.Path(connection.settings_dict["NAME"])
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in name.parent.iterdir() if p.is_file()}
    print(sorted(modes.items()))
"""


def _run_fresh(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OSTEOLOAD_")}
    env.pop("DATABASE_URL", None)
    env["OSTEOLOAD_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-c", _CREATE_DATABASE], env=env, capture_output=True, text=True,
        check=False, cwd=ROOT,
    )  # fmt: skip


def test_sqlite_database_wal_shm_and_key_are_0600_under_umask_022(tmp_path):
    data = tmp_path / "data"
    done = _run_fresh(data)
    assert done.returncode == 0, done.stderr
    assert "wal" in done.stdout
    # (listed while the connection is open: SQLite removes -wal and -shm when it closes)
    expected = ("osteoload.sqlite3", "osteoload.sqlite3-wal", "osteoload.sqlite3-shm")
    for name in (*expected, "secret_key"):
        assert f"('{name}', '0o600')" in done.stdout, done.stdout
    assert mode(data) == 0o700


def test_an_existing_world_readable_database_is_tightened(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    old = data / "osteoload.sqlite3"
    old.touch(mode=0o644)
    old.chmod(0o644)
    done = _run_fresh(data)
    assert done.returncode == 0, done.stderr
    assert mode(old) == 0o600


def test_written_documents_are_0600_under_umask_022(tmp_path, umask_022):
    report = tmp_path / "report.pdf"
    documents.write_atomically(report, b"%PDF-")
    assert mode(report) == 0o600
    folder = tmp_path / "documents" / "client-1"
    downloads._store(folder, folder / "booklet-x.pdf", b"%PDF-")
    assert mode(folder / "booklet-x.pdf") == 0o600


def test_public_illustrations_stay_readable(tmp_path, umask_022):
    svg = tmp_path / "squat-start.svg"
    documents.write_atomically(svg, b"<svg/>", mode=0o644)
    assert mode(svg) == 0o644


def test_import_log_output_is_0600_under_umask_022(tmp_path, umask_022):
    out = tmp_path / "log.csv"
    result = runner.invoke(
        app, ["import-log", str(LOGS / "hevy-export-sample.csv"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert mode(out) == 0o600
