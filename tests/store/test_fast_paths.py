"""The hand-written hot-path queries and the bulk insert agree with the ORM (issue 8).

These run on SQLite and again on PostgreSQL in CI.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from osteoload.services import api_tokens, clients
from osteoload.services.audit import entries_for_coach, record
from osteoload.store import hot
from osteoload.store.bulk import (
    COPY_FROM,
    NewSetLog,
    insert_planned_sessions,
    insert_set_logs,
    json_encoded,
)
from osteoload.store.models import (
    ApiToken,
    Client,
    PlannedSession,
    ProgramRecord,
    Role,
    SetLogRow,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return clients.create_user("hot-coach", "a-long-password-1", role=Role.COACH)


@pytest.fixture
def client_record(coach):
    return Client.objects.create(coach=coach, name="Ada", profile={"age": 60})


def test_token_with_owner_matches_the_orm(coach):
    _, token = api_tokens.create_token(coach, "phone")
    record_ = ApiToken.objects.get(user=coach)
    found = hot.token_with_owner(record_.token_hash)
    assert found is not None
    token_row, user = found
    assert token_row.pk == record_.pk and user.pk == coach.pk
    assert user.get_username() == "hot-coach" and user.is_active
    assert user.account.role == "coach"  # loaded with the token, no extra query
    assert api_tokens.user_for_token(token).pk == coach.pk
    # last_used reads back as an aware datetime, comparable with now.
    ApiToken.objects.filter(pk=record_.pk).update(last_used=timezone.now() - timedelta(hours=1))
    token_row, _ = hot.token_with_owner(record_.token_hash)
    assert timezone.now() - token_row.last_used >= timedelta(minutes=59)
    # A deferred field loads on use; saving writes only what was loaded.
    assert user.email == ""
    ApiToken.objects.filter(pk=record_.pk).update(revoked=timezone.now())
    assert hot.token_with_owner(record_.token_hash) is None
    assert api_tokens.user_for_token(token) is None


def test_client_and_program(client_record):
    found = hot.client_and_program(client_record.pk)
    assert found is not None
    client, program_id = found
    assert (client.pk, client.coach_id, client.name, client.paused) == (
        client_record.pk, client_record.coach_id, "Ada", False)  # fmt: skip
    assert program_id is None
    program = ProgramRecord.objects.create(
        client=client_record, start=date(2026, 11, 30), weeks=12, status="ready",
        document={}, assigned=True,
    )  # fmt: skip
    assert hot.client_and_program(client_record.pk)[1] == program.pk
    assert hot.client_and_program(999_999) is None


_FIELDS = ("date", "exercise_id", "set_number", "reps", "load_kg", "rpe", "rir", "pain",
           "impacts", "hold_s", "note")  # fmt: skip


@pytest.mark.parametrize("n", [4, 150])
def test_insert_set_logs_round_trips_every_field(client_record, n):
    """A few sets (one INSERT) and a long batch (several INSERTs on SQLite; from COPY_FROM on,
    PostgreSQL's COPY): every field of every set reads back as given, ids in the rows' order."""
    assert 4 < COPY_FROM <= 150
    now = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    rows = [
        NewSetLog(date=date(2026, 11, 20), exercise_id="goblet_squat", set_number=k,
                  reps=10, load_kg=Decimal("16.25"), rpe=Decimal("7.5"), pain=k % 11,
                  note=f"set {k}, \"quoted\"\ttab\\n")  # fmt: skip
        for k in range(1, n)
    ] + [NewSetLog(date=date(2026, 11, 21), exercise_id="step_ups", set_number=1, impacts=30,
                   hold_s=None, rir=Decimal("2.0"), note="knee fine")]  # fmt: skip
    ids = insert_set_logs(client_record.pk, None, rows, now=now)
    assert len(ids) == n and ids == sorted(ids)
    stored = {r.pk: r for r in SetLogRow.objects.filter(pk__in=ids)}
    assert [tuple(getattr(stored[i], f) for f in _FIELDS) for i in ids] == [
        tuple(getattr(r, f) for f in _FIELDS) for r in rows
    ]
    assert {(r.client_id, r.program_id) for r in stored.values()} == {(client_record.pk, None)}
    first, last = stored[ids[0]], stored[ids[-1]]
    assert (first.load_kg, first.rpe, first.reps, first.pain) == (Decimal("16.25"),
                                                                 Decimal("7.5"), 10, 1)  # fmt: skip
    assert (last.impacts, last.rir, last.note, last.date) == (30, Decimal("2.0"), "knee fine",
                                                             date(2026, 11, 21))  # fmt: skip
    assert first.created == now and first.updated == now
    assert insert_set_logs(client_record.pk, None, [], now=now) == []


@pytest.mark.parametrize("n", [3, 250])
def test_insert_planned_sessions_round_trips_in_order(client_record, n):
    """A short calendar (one INSERT) and a long one (several on SQLite, whose statements take
    at most 999 parameters): every session reads back as given, in the given order."""
    program = ProgramRecord.objects.create(
        client=client_record, start=date(2026, 11, 30), weeks=12, status="ready", document={}
    )  # fmt: skip
    sessions = [
        (date(2026, 11, 30) + timedelta(days=k), k // 7 + 1, ("resistance", "impact")[k % 2])
        for k in range(n)
    ]
    insert_planned_sessions(client_record.pk, program.pk, sessions)
    stored = list(PlannedSession.objects.filter(client=client_record).order_by("id"))
    assert [(s.date, s.week, s.kind) for s in stored] == sessions
    assert {(s.client_id, s.program_id) for s in stored} == {(client_record.pk, program.pk)}
    insert_planned_sessions(client_record.pk, program.pk, [])
    assert PlannedSession.objects.count() == n


def test_audit_insert_is_read_back_by_the_coach(coach, client_record):
    record(coach, "view", client_id=client_record.pk, object_type="progress", summary="viewed")
    total, rows = entries_for_coach(coach)
    assert total == 1
    assert (rows[0].action, rows[0].object_type, rows[0].actor) == ("view", "progress",
                                                                     "hot-coach")  # fmt: skip
    assert timezone.now() - rows[0].timestamp < timedelta(minutes=1)


_DOCUMENT = {
    "weeks": [{"week": 1, "sessions": [{"date": "2026-01-05", "kind": "strength"}]}],
    "load": 42.5, "ratio": 0.1, "none": None, "yes": True, "words": "Épaule \u2013 \"x\"\n",
    "empty": {}, "list": [], "big": 10**15,
}  # fmt: skip


def test_a_json_value_encoded_ahead_is_stored_as_the_field_stores_it(client_record):
    """``json_encoded`` (a program's document encoded before its write transaction) stores
    what the field stores from the value itself: the same text on SQLite, the same jsonb
    on PostgreSQL, read back and queried alike."""
    fields = {"client": client_record, "start": date(2026, 1, 5), "weeks": 1, "status": "ready"}
    plain = ProgramRecord.objects.create(**fields, document=_DOCUMENT)
    ahead = ProgramRecord.objects.create(**fields, document=json_encoded(_DOCUMENT))
    with connection.cursor() as cursor:
        table = ProgramRecord._meta.db_table
        cursor.execute(
            f"SELECT id, document FROM {table} WHERE id IN (%s, %s) ORDER BY id",  # noqa: S608
            [plain.pk, ahead.pk],
        )
        stored = [row[1] for row in cursor.fetchall()]
    assert stored[0] == stored[1]
    assert ProgramRecord.objects.get(pk=ahead.pk).document == _DOCUMENT
    assert list(
        ProgramRecord.objects.filter(pk__in=[plain.pk, ahead.pk])
        .order_by("pk")
        .values_list("document__load", "document__weeks__0__week")
    ) == [(42.5, 1), (42.5, 1)]
