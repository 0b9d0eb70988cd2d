"""The set log's indexes (issue 19): each one serves a read, and every index costs each logged
set an insertion. ``updated`` is read by one client at a time only (sync, the caches' keys), so
it has no index of its own (migration 0016); a phone's sync is served by a client-first index.
These run on SQLite and again on PostgreSQL in CI."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection

from osteoload.services import clients, export
from osteoload.store.models import Client, Role, SetLogRow
from tests.store.test_log_days import day_count_triggers, trigger_names
from tests.store.test_records import sqlite_plan

pytestmark = pytest.mark.django_db

#: Every index of the set log, by its columns, and what reads it.
EXPECTED = {
    ("id",): "one set by id; the foreign keys",
    ("client_id", "date", "pain", "updated"): "her log by day, the roster's pain, the caches",
    ("client_id", "exercise_id", "date"): "one exercise's history; the exercises she logged",
    ("client_id", "id"): "her sets in the order logged (a page of the list, a sync)",
    ("program_id",): "deleting a program (its sets' program is cleared)",
}


def _indexes() -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, SetLogRow._meta.db_table)
    return {tuple(c["columns"]) for c in found.values() if c["index"] or c["primary_key"]}


def test_the_set_log_has_exactly_the_indexes_its_reads_need():
    assert _indexes() == set(EXPECTED)


def test_no_index_of_the_set_log_leads_with_updated():
    """An index on ``updated`` alone is never chosen for one client's rows and costs every
    insert (migration 0016)."""
    assert not [columns for columns in _indexes() if columns[0] == "updated"]


def test_a_sync_by_updated_since_reads_her_changed_sets_only():
    """What the dropped index was thought to serve still answers exactly: her sets changed
    since a moment, none of another client's."""
    coach = clients.create_user("index-coach", "a-long-password-1", role=Role.COACH)
    her = Client.objects.create(coach=coach, name="Ada", profile={"age": 60})
    other = Client.objects.create(coach=coach, name="Bea", profile={"age": 61})
    old = datetime(2026, 11, 1, 12, tzinfo=UTC)
    for client in (her, other):
        for n in range(4):
            SetLogRow.objects.create(
                client=client, date=date(2026, 11, 1) + timedelta(days=n),
                exercise_id="goblet_squat", set_number=1, reps=10,
            )  # fmt: skip
    SetLogRow.objects.update(updated=old)
    changed = SetLogRow.objects.filter(client=her).order_by("id")[2]
    changed.reps = 12
    changed.save()
    page = export.sets_page(coach, her.pk, updated_since=old + timedelta(seconds=1))
    assert [item.id for item in page.items] == [changed.pk]
    assert page.count == 1


def test_a_sync_by_updated_since_reads_a_client_first_index_on_sqlite():
    query = SetLogRow.objects.filter(client_id=1, updated__gte=datetime(2026, 1, 1, tzinfo=UTC))
    plan = sqlite_plan(*query.order_by("id")[:20].query.sql_with_params())
    assert "INDEX setlog_client_" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_migration_0016_goes_back_and_forth():
    """Reversed, the index on ``updated`` is there again (``store.indexes``); applied again,
    gone; the set log's triggers survive both (the table is never rebuilt)."""
    from django.core.management import call_command

    # The day counts' triggers (0013) and the stamp of a changed set (0011).
    triggers = day_count_triggers() | {"setlog_stamp_updated"}
    call_command("migrate", "store", "0015", verbosity=0)
    try:
        assert ("updated",) in _indexes()
        assert triggers <= trigger_names()
    finally:
        call_command("migrate", "store", verbosity=0)
    assert _indexes() == set(EXPECTED)
    assert triggers <= trigger_names(), triggers - trigger_names()
