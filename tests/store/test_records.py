"""Stored rows as engine records (osteoload/store/records.py): the plain-SQL read of a log
gives exactly what the ORM rows give, and a rebuilt program is never a stale one.

These run on SQLite and again on PostgreSQL in CI.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from osteoload.domain.program import Program
from osteoload.domain.serialize import jsonable
from osteoload.services import clients, history
from osteoload.services.plans import plan_program
from osteoload.services.profiles import parse_profile
from osteoload.store import records
from osteoload.store.models import Client, ProgramRecord, Role, SetLogRow

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 26)


@pytest.fixture
def client_record():
    coach = clients.create_user("records-coach", "a-long-password-1", role=Role.COACH)
    return Client.objects.create(coach=coach, name="Ada", profile={"age": 60})


def _random_rows(client: Client, n: int, seed: int) -> None:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        rpe = rng.choice([None, Decimal("6.5"), Decimal("8"), Decimal("10")])
        rows.append(
            SetLogRow(
                client=client,
                date=DAY - timedelta(days=rng.randint(0, 400)),
                exercise_id=rng.choice(["goblet_squat", "bent_over_row", "heel_drops", ""]),
                set_number=rng.randint(1, 3),
                reps=rng.choice([None, 0, 6, 12]),
                load_kg=rng.choice([None, Decimal("0"), Decimal("12.5"), Decimal("41.25")]),
                rpe=rpe,
                rir=rng.choice([None, Decimal("2"), Decimal("3.5")]),
                pain=rng.choice([None, 0, 3, 6]),
                impacts=rng.choice([None, 20]),
                hold_s=rng.choice([None, 0, 20]),
                note=rng.choice(["", "felt fine", f"note {i}"]),
            )
        )
    SetLogRow.objects.bulk_create(rows)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_plain_sql_log_read_equals_the_orm_rows_as_engine_records(client_record, seed):
    _random_rows(client_record, 150, seed)
    by_orm = [
        s
        for s in (records.set_log_of(r) for r in client_record.set_logs.order_by("date", "id"))
        if s is not None
    ]
    assert records.set_logs_of_client(client_record.pk) == by_orm
    cut = DAY - timedelta(days=200)
    assert records.set_logs_of_client(client_record.pk, before=cut) == [
        s for s in by_orm if s.date < cut
    ]
    # a set that cannot be an engine record (no exercise id) is left out, not an error
    assert len(by_orm) < client_record.set_logs.count()


def _stored(client: Client, start: date) -> ProgramRecord:
    profile = parse_profile({"age": 62, "sex": "female", "parq_yes": []}, today=DAY)
    program = plan_program(profile, today=DAY)
    document = {**jsonable(program), "start": start.isoformat()}
    return ProgramRecord.objects.create(
        client=client, start=start, weeks=len(program.weeks), status="ok", document=document
    )


def test_a_rebuilt_program_follows_each_saved_change(client_record):
    """A swap saves a new document and bumps the version: the next read is the new one."""
    record = _stored(client_record, DAY)
    first = records.program_of(record)
    assert isinstance(first, Program)
    assert records.program_of(ProgramRecord.objects.get(pk=record.pk)) is first  # rebuilt once
    document = dict(record.document)
    document["start"] = "2027-01-04"
    record.document = document
    record.version += 1
    record.save()
    again = records.program_of(ProgramRecord.objects.get(pk=record.pk))
    assert again is not first and again.start == date(2027, 1, 4)


def test_a_part_of_a_program_follows_each_saved_change_and_reads_the_document_once(
    client_record,
):
    """Today's session and the history's planned exercises come from parts of stored
    programs kept per process (issue 19): the document of a row read with it deferred is
    read on the first request only, and a saved change (a swap bumps the version, every save
    moves ``updated``) is seen at once, whichever of the two moved."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    record = _stored(client_record, DAY)
    start = lambda document: document["start"]  # noqa: E731
    fresh = lambda: ProgramRecord.objects.defer("document").get(pk=record.pk)  # noqa: E731
    with CaptureQueriesContext(connection) as first:
        assert records.program_part(fresh(), "start", start) == DAY.isoformat()
    with CaptureQueriesContext(connection) as again:
        assert records.program_part(fresh(), "start", start) == DAY.isoformat()
    assert (len(first), len(again)) == (2, 1)  # the row, then its document; the row alone
    assert records.program_part(fresh(), "weeks", lambda d: len(d["weeks"])) == record.weeks
    for change in ("version", "updated"):
        later = DAY + timedelta(days=7 if change == "version" else 14)
        record.document = {**record.document, "start": later.isoformat()}
        if change == "version":
            record.version += 1
        record.save()  # `updated` moves on every save
        assert records.program_part(fresh(), "start", start) == later.isoformat(), change
    parts = records.program_parts([fresh(), _stored(client_record, DAY)], "start", start)
    assert sorted(parts.values()) == [DAY.isoformat(), (DAY + timedelta(days=14)).isoformat()]


def test_earlier_programs_are_her_logged_blocks_oldest_first(client_record):
    old = _stored(client_record, DAY - timedelta(weeks=26))
    unlogged = _stored(client_record, DAY - timedelta(weeks=14))
    middle = _stored(client_record, DAY - timedelta(weeks=13))
    current = _stored(client_record, DAY)
    for block in (old, middle, current):
        SetLogRow.objects.create(
            client=client_record, program=block, date=block.start, exercise_id="goblet_squat",
            set_number=1, reps=10,
        )  # fmt: skip
    found = records.earlier_programs(client_record.pk, current.pk, current.start)
    assert [p.start for p in found] == [old.start, middle.start]
    assert unlogged.start not in [p.start for p in found]


# --- the log stamp the caches of Today and of the progress series are keyed by ----------------


def _stamp(client: Client) -> tuple[object, ...]:
    return records.log_stamp(client.pk, until=DAY - timedelta(days=1))


def test_the_log_stamp_moves_with_every_insert_edit_and_deletion(client_record):
    """Issue 19: a cached Today or progress series is never served after her log changed."""
    _random_rows(client_record, 40, 7)
    seen = {_stamp(client_record)}
    row = SetLogRow.objects.create(client=client_record, date=DAY - timedelta(days=3),
                                   exercise_id="goblet_squat", set_number=4, reps=8)  # fmt: skip
    seen.add(_stamp(client_record))
    row.reps = 9  # an edit, through the ORM as every edit is
    row.save()
    seen.add(_stamp(client_record))
    oldest = client_record.set_logs.order_by("date", "id").first()
    assert oldest is not None
    oldest.load_kg = Decimal("30")  # an edit of an old set, not the newest
    oldest.save()
    seen.add(_stamp(client_record))
    row.delete()
    seen.add(_stamp(client_record))
    assert len(seen) == 5


def test_a_set_of_today_leaves_the_stamp_of_the_days_before(client_record):
    _random_rows(client_record, 10, 8)
    before = _stamp(client_record)
    SetLogRow.objects.create(client=client_record, date=DAY, exercise_id="goblet_squat",
                             set_number=1, reps=8)  # fmt: skip
    assert _stamp(client_record) == before


def sqlite_plan(sql: str, params: Any = ()) -> str:
    """SQLite's query plan of ``sql`` in one line (the test is skipped on another database)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL chooses its own")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " ".join(str(step[-1]) for step in cursor.fetchall())


def test_one_exercises_history_is_read_from_the_index_alone(client_record):
    """Her history filtered to one exercise reads the (client, exercise, date) index, not
    the rows of years of sets (issue 19)."""
    query = history.log_days_query(client_record.pk, history.LogFilter(exercise_id="goblet_squat"))
    plan = sqlite_plan(*query.query.sql_with_params())
    assert "COVERING INDEX setlog_client_exercise" in plan, plan


def test_the_exercises_she_logged_take_one_index_step_each(client_record):
    """The list of exercises she has logged steps down the (client, exercise, date) index
    from one exercise to the next, never reading each of her sets (issue 19)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _random_rows(client_record, 30, 4)
    with CaptureQueriesContext(connection) as seen:
        records.logged_exercise_ids(client_record.pk)
    plan = sqlite_plan(seen.captured_queries[-1]["sql"])
    assert "COVERING INDEX setlog_client_exercise (client_id=? AND exercise_id>?)" in plan, plan


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_the_exercises_she_logged_are_the_distinct_exercises_of_her_sets(client_record, seed):
    """The index walk gives exactly the distinct exercises of her rows (the empty id
    included), and none of another client's."""
    other = Client.objects.create(coach=client_record.coach, name="Bea", profile={"age": 70})
    _random_rows(client_record, random.Random(seed).randint(0, 60), seed)
    SetLogRow.objects.create(client=other, date=DAY, exercise_id="zz_only_hers", set_number=1)
    expected = sorted(set(client_record.set_logs.values_list("exercise_id", flat=True)))
    assert records.logged_exercise_ids(client_record.pk) == expected
    assert records.logged_exercise_ids(other.pk) == ["zz_only_hers"]
