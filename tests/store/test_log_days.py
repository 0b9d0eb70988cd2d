"""Her log counted by day in the database (migration 0013, issue 19): the triggers keep
``SetLogDay`` equal to her sets grouped by day after any mix of writes, and the stamp the
caches of Today and of the progress series are keyed by moves with every write in its range
and with no write outside it.

The writes go through every path that writes sets: the ORM (one row and many), the plain-SQL
multi-row insert of logging, a bulk ``update()``, a change of day, deletions of one set and of
a whole day. These run on SQLite and again on PostgreSQL in CI (row triggers on one,
statement triggers over transition tables on the other).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.services import clients
from osteoload.store import records
from osteoload.store.bulk import COPY_FROM, NewSetLog, insert_set_logs
from osteoload.store.models import Client, Role, SetLogRow

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 26)
#: The ranges the caches ask for: before today (Today, her next session) and a window of
#: weeks up to today (the progress series); plus one with no lower bound up to today.
WINDOWS = {
    "before today": (None, DAY - timedelta(days=1)),
    "the last two weeks": (DAY - timedelta(days=13), DAY),
    "everything": (None, DAY),
}

days = st.integers(min_value=0, max_value=30).map(lambda n: DAY - timedelta(days=n))
operations = st.one_of(
    st.tuples(st.just("insert one (ORM)"), days, st.just(1)),
    st.tuples(st.just("insert many (ORM)"), days, st.integers(1, 4)),
    # COPY_FROM sets: PostgreSQL receives them with COPY, whose triggers must count them too
    st.tuples(st.just("insert many (plain SQL)"), days, st.integers(1, 4) | st.just(COPY_FROM)),
    st.tuples(st.just("edit one"), st.integers(0, 50), st.just(0)),
    st.tuples(st.just("move one to"), st.integers(0, 50), days),
    st.tuples(st.just("bulk update of a day"), days, st.just(0)),
    st.tuples(st.just("delete one"), st.integers(0, 50), st.just(0)),
    st.tuples(st.just("delete a day"), days, st.just(0)),
)


def _row(client: Client, day: date, number: int) -> SetLogRow:
    return SetLogRow(client=client, date=day, exercise_id="goblet_squat", set_number=number,
                     reps=8, load_kg=Decimal("12.5"))  # fmt: skip


def _nth(client: Client, i: int) -> SetLogRow | None:
    rows = list(client.set_logs.order_by("id"))
    return rows[i % len(rows)] if rows else None


def _apply(client: Client, op: tuple[str, object, object]) -> set[date]:
    """Do one write; the days whose sets it touched."""
    kind, a, b = op
    if kind == "insert one (ORM)":
        assert isinstance(a, date)
        _row(client, a, 1).save()
        return {a}
    if kind == "insert many (ORM)":
        assert isinstance(a, date) and isinstance(b, int)
        SetLogRow.objects.bulk_create([_row(client, a, k + 1) for k in range(b)])
        return {a}
    if kind == "insert many (plain SQL)":
        assert isinstance(a, date) and isinstance(b, int)
        new = [NewSetLog(date=a, exercise_id="heel_drops", set_number=k + 1, reps=None,
                         load_kg=None, rpe=None, rir=None, pain=None, impacts=20, hold_s=None,
                         note="")  # fmt: skip
               for k in range(b)]  # fmt: skip
        insert_set_logs(client.pk, None, new, now=datetime(2026, 11, 26, 9, tzinfo=UTC))
        return {a}
    if kind in ("bulk update of a day", "delete a day"):
        assert isinstance(a, date)
        rows = client.set_logs.filter(date=a)
        n = rows.update(reps=F("reps") + 1) if kind == "bulk update of a day" else rows.delete()[0]
        return {a} if n else set()
    assert isinstance(a, int)
    row = _nth(client, a)
    if row is None:
        return set()
    touched = {row.date}
    if kind == "edit one":
        row.note = f"edited {a}"
        row.save()
    elif kind == "move one to":
        assert isinstance(b, date)
        row.date = b
        row.save()
        touched.add(b)
    else:
        row.delete()
    return touched


def _counts_by_day(client: Client) -> dict[date, int]:
    grouped = client.set_logs.values("date").annotate(n=Count("id")).values_list("date", "n")
    return {d: n for d, n in grouped}


def _day_rows(client_id: int) -> dict[date, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT date, n FROM {records.DAYS_TABLE} WHERE client_id = %s",
                       [client_id])  # fmt: skip
        return {d if isinstance(d, date) else date.fromisoformat(d): n
                for d, n in cursor.fetchall()}  # fmt: skip


def _in(day: date, window: tuple[date | None, date]) -> bool:
    since, until = window
    return (since is None or since <= day) and day <= until


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(operations, min_size=1, max_size=12))
def test_the_day_counts_and_the_stamp_follow_every_write(ops):
    """Issue 19: a cached Today or progress series is never served after a write in its range
    (its stamp grows), and a write outside the range (a set of today, for Today) keeps it."""
    coach = clients.create_user(f"days-coach-{Client.objects.count()}", "a-long-password-1",
                                role=Role.COACH)  # fmt: skip
    client = Client.objects.create(coach=coach, name="Ada", profile={"age": 60})
    stamps = {name: records.log_stamp(client.pk, since=w[0], until=w[1])
              for name, w in WINDOWS.items()}  # fmt: skip
    for op in ops:
        touched = _apply(client, op)
        # What the triggers keep: her sets grouped by day (days emptied keep n = 0).
        kept = _day_rows(client.pk)
        assert {d: n for d, n in kept.items() if n} == _counts_by_day(client), op
        assert all(n >= 0 for n in kept.values())
        for name, window in WINDOWS.items():
            before = stamps[name]
            after = records.log_stamp(client.pk, since=window[0], until=window[1])
            in_window = {d for d in touched if _in(d, window)}
            n_in = sum(n for d, n in _counts_by_day(client).items() if _in(d, window))
            assert after[0] == n_in, (op, name)
            if in_window:
                assert after[1] > before[1], (op, name)
            else:
                assert after == before, (op, name)
            stamps[name] = after


def test_a_client_erased_takes_her_day_counts_with_her():
    coach = clients.create_user("days-coach-erase", "a-long-password-1", role=Role.COACH)
    client = Client.objects.create(coach=coach, name="Ada", profile={"age": 60})
    other = Client.objects.create(coach=coach, name="Bea", profile={"age": 61})
    SetLogRow.objects.bulk_create([_row(c, DAY, k + 1) for c in (client, other) for k in range(3)])
    assert _day_rows(client.pk) == {DAY: 3}
    client_id = client.pk
    client.delete()
    assert _day_rows(client_id) == {}
    assert _day_rows(other.pk) == {DAY: 3}


def trigger_names() -> set[str]:
    """The names of the database's own triggers (not the foreign keys' internal ones)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


def day_count_triggers() -> set[str]:
    """The triggers that keep the day counts (migration 0013) on this database."""
    names = {"setlogday_insert", "setlogday_delete", "setlogday_update", "setlogday_client_delete"}
    return names | ({"setlogday_truncate"} if connection.vendor != "sqlite" else set())


def test_the_triggers_are_in_place_after_every_migration():
    """A later migration that rebuilds the set log's table (SQLite remakes a table to alter
    it) would drop its triggers, and the caches would stop seeing writes: this fails first."""
    names = day_count_triggers()
    found = trigger_names()
    assert names <= found, names - found


def test_the_stamp_reads_one_row_a_day_not_her_sets():
    """The stamp's query reads the day counts by the (client, date) key (SQLite's plan)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.store.test_records import sqlite_plan

    coach = clients.create_user("days-coach-plan", "a-long-password-1", role=Role.COACH)
    client = Client.objects.create(coach=coach, name="Ada", profile={"age": 60})
    with CaptureQueriesContext(connection) as queries:
        records.log_stamp(client.pk, since=DAY - timedelta(days=13), until=DAY)
    (query,) = queries.captured_queries
    plan = sqlite_plan(query["sql"])
    assert "SEARCH store_setlogday USING PRIMARY KEY" in plan, plan  # (client, date)
    assert "client_id=? AND date>? AND date<?" in plan, plan
    assert "store_setlogrow" not in plan, plan
