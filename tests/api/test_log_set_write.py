"""Logging a set over the API writes the set and its audit entry together (issue 19): on
PostgreSQL in one statement, on SQLite in one transaction. What is stored, answered and
audited is the same on both; these run on SQLite and again on PostgreSQL in CI."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from osteoload.store.models import AuditEntry, Client, SetLogRow
from tests.api.conftest import Api
from tests.store.test_log_days import _day_rows

pytestmark = pytest.mark.django_db

SET = {"date": "2026-11-24", "exercise_id": "goblet_squat", "set_number": 2, "reps": 10,
       "load_kg": 12.5, "rpe": 7.5, "pain": 1, "note": "slow down"}  # fmt: skip


def test_the_answer_is_the_stored_row_and_the_entry_names_the_set(world, as_bob: Api):
    answer = as_bob.post(f"/clients/{world.bob_id}/sets", SET)
    assert answer.status_code == 201, answer.content
    row = answer.json()
    stored = SetLogRow.objects.get(pk=row["id"])
    listed = as_bob.get(f"/clients/{world.bob_id}/sets").json()["items"]
    assert listed == [row]
    assert (stored.client_id, stored.program_id) == (world.bob_id, row["program_id"])
    [entry] = AuditEntry.objects.filter(object_type="set")
    coach = Client.objects.get(pk=world.bob_id).coach_id
    assert (entry.action, entry.object_id, entry.client_id) == ("create", row["id"], world.bob_id)
    assert (entry.actor_id, entry.actor_name, entry.owner_id) == (world.bob.user.pk, "bob", coach)
    assert (entry.summary, entry.via) == ("logged a set", "token")
    assert entry.timestamp == stored.created == stored.updated
    # The day counts (migration 0013) see the set as they see any insert.
    assert _day_rows(world.bob_id) == {date(2026, 11, 24): 1}


def test_her_coach_sees_the_entry_in_the_audit_log(world, as_bob: Api, as_alice: Api):
    row = as_bob.post(f"/clients/{world.bob_id}/sets", SET).json()
    logged = [
        e for e in as_alice.get("/audit", client_id=world.bob_id).json()["items"]
        if e["object_type"] == "set"
    ]  # fmt: skip
    assert [(e["action"], e["object_id"], e["actor"]) for e in logged] == [
        ("create", row["id"], "bob")
    ]


def test_a_refused_set_writes_neither_the_set_nor_an_entry(world, as_bob: Api):
    answer = as_bob.post(f"/clients/{world.bob_id}/sets", {**SET, "reps": -1})
    assert answer.status_code == 422
    Client.objects.filter(pk=world.bob_id).update(paused=True, paused_reason="red flag")
    assert as_bob.post(f"/clients/{world.bob_id}/sets", SET).status_code == 409
    assert not SetLogRow.objects.exists()
    assert not AuditEntry.objects.filter(object_type="set").exists()


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_write_is_one_statement(world, as_bob: Api):
    """The token, her record with her program, then the set with its entry: three round
    trips to the server, where the lock, the set, the entry, BEGIN and COMMIT were five. On
    SQLite, in the same process, one transaction. (Outside a test's transaction, so that a
    BEGIN would show.)"""
    as_bob.post(f"/clients/{world.bob_id}/sets", SET)  # the first request's one-off reads
    with CaptureQueriesContext(connection) as queries:
        assert as_bob.post(f"/clients/{world.bob_id}/sets", SET).status_code == 201
    statements = [" ".join(q["sql"].split()[:2]).upper() for q in queries.captured_queries]
    first = statements[:2]
    assert [s.split()[0] for s in first] == ["SELECT", "SELECT"], statements
    if connection.vendor == "postgresql":
        assert [s.split()[0] for s in statements[2:]] == ["WITH"], statements
    else:
        assert statements[2:] == [
            "BEGIN IMMEDIATE", "SELECT 1", "INSERT INTO", "INSERT INTO", "COMMIT"
        ], statements  # fmt: skip


def test_an_entry_without_its_owner_gets_her_coach_on_both_databases(world):
    """``insert_set_log_with_audit`` fills the owner as ``hot.insert_audit`` does."""
    from datetime import UTC, datetime

    from osteoload.services import audit
    from osteoload.store.bulk import NewSetLog, insert_set_log_with_audit

    entry = audit.entry(world.bob.user, audit.Action.CREATE, client_id=world.bob_id,
                        object_type="set", summary="logged a set", via="token")  # fmt: skip
    now = datetime(2026, 11, 24, 18, tzinfo=UTC)
    pk = insert_set_log_with_audit(
        world.bob_id, None, NewSetLog(date(2026, 11, 24), "goblet_squat", 1, reps=10),
        now=now, audit={**entry, "timestamp": now},
    )  # fmt: skip
    [logged] = AuditEntry.objects.filter(object_type="set")
    assert (logged.object_id, logged.owner_id) == (pk, Client.objects.get(pk=world.bob_id).coach_id)
    gone = insert_set_log_with_audit(
        10**9, None, NewSetLog(date(2026, 11, 24), "goblet_squat", 1), now=now,
        audit={**entry, "timestamp": now, "client_id": 10**9},
    )  # fmt: skip
    assert gone is None
    assert SetLogRow.objects.count() == AuditEntry.objects.filter(object_type="set").count() == 1
