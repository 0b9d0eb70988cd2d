"""Prepared statements on PostgreSQL (issue 19): parameters travel apart from the statement,
and a statement a connection has run five times is prepared, so the server plans it once per
connection. ``OSTEOLOAD_PG_PREPARED_STATEMENTS=false`` turns both off for a pooler that cannot
carry them. SQLite is untouched."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from tests.api.conftest import Api
from tests.api.test_log_set_write import SET
from tests.settings_probe import settings_printed

POSTGRES = "postgresql://someone:secret@db.example.org:5432/osteoload"


def _options(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    expression = "json.dumps(s.DATABASES['default'].get('OPTIONS', {}), sort_keys=True)"
    return settings_printed(tmp_path, expression, **env)


def test_postgresql_prepares_by_default_and_the_variable_turns_it_off(tmp_path):
    on = _options(tmp_path, DATABASE_URL=POSTGRES)
    assert json.loads(on.stdout) == {"prepare_threshold": 5, "server_side_binding": True}, on.stderr
    off = _options(tmp_path, DATABASE_URL=POSTGRES, OSTEOLOAD_PG_PREPARED_STATEMENTS="false")
    assert json.loads(off.stdout) == {}, off.stderr
    bad = _options(tmp_path, DATABASE_URL=POSTGRES, OSTEOLOAD_PG_PREPARED_STATEMENTS="maybe")
    assert bad.returncode != 0
    assert "OSTEOLOAD_PG_PREPARED_STATEMENTS: 'maybe' is not allowed; use true or false" in (
        bad.stderr
    )


def test_sqlite_options_do_not_change(tmp_path):
    sqlite = json.loads(_options(tmp_path).stdout)
    assert "server_side_binding" not in sqlite and "prepare_threshold" not in sqlite
    assert sqlite["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_a_set_logged_again_and_again_is_planned_once(world, as_bob: Api):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's prepared statements")
    for number in range(1, 8):
        answer = as_bob.post(f"/clients/{world.bob_id}/sets", {**SET, "set_number": number})
        assert answer.status_code == 201, answer.content
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    # The one statement that writes the share lock, the set and its entry, with its values as
    # parameters ($1, $2, ...), not written into the text.
    [write] = [s for s in prepared if 'INSERT INTO "store_setlogrow"' in s]
    assert write.startswith("WITH held AS") and "$1" in write
    assert "goblet_squat" not in write
