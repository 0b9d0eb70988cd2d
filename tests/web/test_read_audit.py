"""Issue 19 item 2: the audit entry of a read never takes the database's write lock on the
request path. It is queued and written by a background writer (``osteoload.services.audit``);
the entry of a change stays in the change's own transaction. Her export, her coach's audit
log, a restart of the process and a backup all hold every entry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from osteoload.services import audit
from osteoload.store.models import AuditEntry

from .test_client_pages import HTMX, strength
from .test_web_audit import _access_log

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


def test_her_today_page_and_newest_sets_write_nothing_to_the_database(world):
    """A GET of her Today page and of the newest 20 sets (API) makes no INSERT on the main
    database: their audit entries wait in the queue."""
    client = world.bob.browser()
    assert client.get(reverse("client-today")).status_code == 200  # warms the coaching loop
    audit.flush()
    with CaptureQueriesContext(connection) as today:
        assert client.get(reverse("client-today")).status_code == 200
    with CaptureQueriesContext(connection) as newest:
        answer = client.get(f"/api/v1/clients/{world.bob_id}/sets", {"limit": 20})
        assert answer.status_code == 200
    assert _writes(today) == [] and _writes(newest) == []
    assert audit.pending() == 2


def test_a_read_is_in_her_access_log_export_and_her_coachs_audit_log(world):
    before = len(_access_log(world))
    assert world.bob.browser().get(reverse("client-today")).status_code == 200
    assert audit.pending() == 1
    entries = _access_log(world)[before:]
    assert [(e["action"], e["summary"]) for e in entries][:1] == [
        ("view", "viewed today's session")
    ]
    assert world.bob.browser().get(reverse("client-progress")).status_code == 200
    _total, rows = audit.entries_for_coach(world.alice.user, client_id=world.bob_id)
    assert rows[0].action == "view" and rows[0].object_type == "progress"
    assert audit.pending() == 0


def test_a_changes_entry_is_written_with_the_change_and_never_without_it(world):
    """A set logged on her phone: its entry is in the database when the answer comes, in the
    same transaction (nothing queued); a change rolled back leaves no entry."""
    client = world.bob.browser()
    item = strength(world)
    answer = client.post(reverse("client-log"), {"exercise_id": item["exercise_id"]}, **HTMX)
    assert answer.status_code == 200
    assert audit.pending() == 0
    assert AuditEntry.objects.filter(object_type="set", action="create").exists()
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(world.alice.user, audit.Action.UPDATE, client_id=world.bob_id,
                     object_type="profile", summary="profile changed", via="web")  # fmt: skip
        raise RuntimeError("the change fails after its entry")
    assert AuditEntry.objects.count() == before and audit.pending() == 0


def test_erasing_her_login_renames_her_queued_reads_too(world):
    world.bob.browser().get(reverse("client-today"))
    audit.forget_actor(world.bob.user.pk, label="erased")
    assert audit.pending() == 0
    assert AuditEntry.objects.filter(actor_id=world.bob.user.pk).exclude(
        actor_name="erased"
    ).count() == 0  # fmt: skip


SCRIPT = textwrap.dedent(
    """
    import json, os, sqlite3, sys, time
    from pathlib import Path
    os.environ["DJANGO_SETTINGS_MODULE"] = "osteoload.settings"
    from osteoload.services.database import migrate, setup_django
    setup_django()
    from django.contrib.auth.models import AnonymousUser
    from osteoload.services import audit, backup
    from django.conf import settings
    db = Path(settings.DATA_DIR) / "osteoload.sqlite3"

    def count():
        with sqlite3.connect(db) as raw:
            return raw.execute(
                "SELECT count(*) FROM store_auditentry WHERE action = 'view'"
            ).fetchone()[0]

    def view(n):
        for i in range(n):
            audit.record(AnonymousUser(), audit.Action.VIEW, client_id=None,
                         object_type="log", summary=f"read {i}", via="web")

    step = sys.argv[1]
    if step == "first":
        migrate()
        view(5)
        queued = audit.pending()
        deadline = time.monotonic() + 20
        while count() < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        written = count()
        view(3)  # still queued when the process exits: written on the way out
        print(json.dumps({"queued": queued, "by_writer": written}))
    else:
        report = backup.backup(Path(sys.argv[2]))
        print(json.dumps({"after_restart": count(),
                          "in_backup": report.counts["audit_entries"]}))
    """
)


@pytest.mark.django_db(transaction=False)
def test_read_entries_are_written_by_the_writer_survive_a_restart_and_are_backed_up(tmp_path):
    """A real process on a SQLite data directory: the background writer writes queued reads
    without being asked; those still queued at a normal exit are written before it; the next
    process sees all of them and its backup holds them."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["OSTEOLOAD_DATA_DIR"] = str(tmp_path / "data")
    root = Path(__file__).resolve().parents[2]

    def run(*args: str) -> dict[str, int]:
        done = subprocess.run([sys.executable, "-c", SCRIPT, *args], env=env, cwd=root,
                              capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        result: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
        return result

    assert run("first") == {"queued": 5, "by_writer": 5}
    assert run("second", str(tmp_path / "backup.sqlite3")) == {"after_restart": 8, "in_backup": 8}
