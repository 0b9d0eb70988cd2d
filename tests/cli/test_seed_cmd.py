"""``osteoload seed`` end to end: a real process, worker processes, a fresh SQLite database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osteoload.cli.main import app

runner = CliRunner()


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(OSTEOLOAD_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="osteoload.settings")
    code = "from osteoload.cli.main import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, "seed", *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_seed_with_two_workers_then_refuses_a_second_run(tmp_path):
    args = ("--clients", "4", "--years", "0.3", "--coaches", "2", "--workers", "2")
    first = _run(tmp_path, *args, "--format", "json")
    assert first.returncode == 0, first.stderr
    figures = json.loads(first.stdout)
    assert figures["clients"] == 4
    assert figures["coaches"] == 2
    assert figures["coach_logins"] == ["coach-001", "coach-002"]
    assert figures["sets"] > 100
    assert figures["programs"] >= 4
    assert "Seeding clients" in first.stderr  # the progress bar
    again = _run(tmp_path, *args)
    assert again.returncode == 2
    assert "database: already holds 4 clients" in again.stderr
    assert "Traceback" not in again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--clients", "0"], "--clients: 0 is out of range; allowed 1 to 100000"),
        (["--years", "12"], "--years: 12 is out of range"),
        (["--clients", "3", "--coaches", "5"], "--coaches: 5 coaches for 3 clients"),
        (["--workers", "0"], "--workers: 0 is out of range; allowed 1 to 16"),
    ],
)
def test_seed_refuses_bad_sizes_before_touching_the_database(args, message):
    result = runner.invoke(app, ["seed", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
