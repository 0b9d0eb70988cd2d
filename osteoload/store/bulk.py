"""Fast inserts for the one table that grows by millions of rows, the training log, and for
the calendar written at every assignment.

The ORM's ``bulk_create`` spends about 100 microseconds of Python per row preparing each
field; a clinic importing years of logs (or the synthetic clinic generator) would wait
minutes. Here the values are adapted once per column type and sent as multi-row INSERT
statements (``RETURNING id`` for the sets), on SQLite (3.35 or later) and PostgreSQL alike;
on PostgreSQL a batch of :data:`COPY_FROM` sets or more goes in with ``COPY`` instead.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import JSONField, Value
from django.db.models.functions import Cast

from . import hot
from .models import AuditEntry, Client, PlannedSession, SetLogRow


@dataclass(frozen=True, slots=True)
class NewSetLog:
    """The values of one logged set, already validated by the service."""

    date: date
    exercise_id: str
    set_number: int
    reps: int | None = None
    load_kg: Decimal | None = None
    rpe: Decimal | None = None
    rir: Decimal | None = None
    pain: int | None = None
    impacts: int | None = None
    hold_s: int | None = None
    note: str = ""


_COLUMNS = ("client_id", "program_id", "date", "exercise_id", "set_number", "reps", "load_kg",
            "rpe", "rir", "pain", "impacts", "hold_s", "note", "created", "updated")  # fmt: skip


@functools.cache
def _names(vendor: str, table: str, columns: tuple[str, ...]) -> tuple[str, str]:
    """A table's and its columns' quoted names (quoted once per database vendor)."""
    quote = connection.ops.quote_name
    return quote(table), ", ".join(quote(c) for c in columns)


def _insert(
    table: str, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]], *, returning: bool
) -> list[int]:
    """``rows`` (values in the order of ``columns``, as the statement takes them) in
    multi-row INSERTs of as many rows as the database takes parameters (at most 500);
    with ``returning``, the new rows' ids in the rows' order."""
    return _run(_statements(table, columns, rows, returning=returning), returning=returning)


#: Multi-row INSERT statements, each with its values, ready to send.
_Statements = list[tuple[str, list[Any]]]


def _statements(
    table: str, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]], *, returning: bool
) -> _Statements:
    quoted_table, quoted_columns = _names(connection.vendor, table, columns)
    per_statement = max(1, (connection.features.max_query_params or 999) // len(columns))
    per_statement = min(per_statement, 500)
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    tail = " RETURNING id" if returning else ""
    out: _Statements = []
    for first in range(0, len(rows), per_statement):
        chunk = rows[first : first + per_statement]
        values = ", ".join([row_sql] * len(chunk))
        out.append((
            f"INSERT INTO {quoted_table} ({quoted_columns}) VALUES {values}{tail}",  # noqa: S608
            [value for row in chunk for value in row],
        ))  # fmt: skip
    return out


def _run(statements: _Statements, *, returning: bool) -> list[int]:
    ids: list[int] = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if returning:
                ids += [int(row[0]) for row in cursor.fetchall()]
    return ids


def _values(
    client_id: int,
    program_id: int | None,
    r: NewSetLog,
    day: Any,
    stamp: Any,
    decimal: Callable[[Decimal | None], Any],
) -> tuple[Any, ...]:
    """One row's values in the order of ``_COLUMNS`` (its date, time stamp and decimals as
    the statement takes them), for the INSERT and the COPY alike."""
    return (client_id, program_id, day, r.exercise_id, r.set_number, r.reps,
            decimal(r.load_kg), decimal(r.rpe), decimal(r.rir), r.pain, r.impacts, r.hold_s,
            r.note, stamp, stamp)  # fmt: skip


def _same(value: Decimal | None) -> Decimal | None:
    return value


def _as_text(value: Decimal | None) -> str | None:
    """A decimal as SQLite's driver sends it (Django has it adapt decimals with ``str``)."""
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class PreparedSetLogs:
    """New sets of one client with their values made ready for the database
    (:func:`prepare_set_logs`): made before the write transaction that inserts them
    (:func:`insert_prepared_set_logs`), since on SQLite that transaction holds the
    database's one write lock and every other writer waits for it."""

    client_id: int
    program_id: int | None
    rows: Sequence[NewSetLog]
    now: datetime
    statements: _Statements | None
    """The INSERT statements; ``None`` when the rows go in with ``COPY`` (PostgreSQL)."""


def prepare_set_logs(
    client_id: int, program_id: int | None, rows: Sequence[NewSetLog], *, now: datetime
) -> PreparedSetLogs:
    """The rows' statements and values, as :func:`insert_set_logs` sends them. On SQLite a
    decimal is sent as its text, as the driver would turn it into text while sending it."""
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
        return PreparedSetLogs(client_id, program_id, rows, now, None)
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(now)
    day = ops.adapt_datefield_value
    decimal = _as_text if connection.vendor == "sqlite" else _same
    values = [_values(client_id, program_id, r, day(r.date), stamp, decimal) for r in rows]
    statements = _statements(SetLogRow._meta.db_table, _COLUMNS, values, returning=True)
    return PreparedSetLogs(client_id, program_id, rows, now, statements)


def insert_prepared_set_logs(prepared: PreparedSetLogs) -> list[int]:
    """Insert prepared rows; returns their ids in the rows' order (see
    :func:`insert_set_logs`)."""
    if not prepared.rows:
        return []
    if prepared.statements is None:
        return _copy_set_logs(prepared.client_id, prepared.program_id, prepared.rows, prepared.now)
    return _run(prepared.statements, returning=True)


def insert_set_logs(
    client_id: int,
    program_id: int | None,
    rows: Sequence[NewSetLog],
    *,
    now: datetime,
) -> list[int]:
    """Insert the rows for one client in one go; returns their ids in the same order.

    Call inside a transaction when the rows must be written all or none. ``now`` stamps
    ``created`` and ``updated``: the caller reads the clock (``services.clock``), never the store.
    """
    return insert_prepared_set_logs(prepare_set_logs(client_id, program_id, rows, now=now))


def insert_set_log_with_audit(
    client_id: int, program_id: int | None, row: NewSetLog, *, now: datetime,
    audit: dict[str, Any],
) -> int | None:  # fmt: skip
    """One set and the audit entry of its logging (``audit``: the entry's fields but its
    object, which is the new set), written together; the set's id, or ``None`` when her row
    is gone (nothing is written). Her row is share-locked while they are written, as
    ``hot.hold_client`` does, so that her erasure waits for them or they for it.

    On PostgreSQL this is one statement (its own transaction, or part of the caller's, e.g.
    under an ``Idempotency-Key``): each statement is a round trip
    to the server, and on a busy machine each round trip is also a wait for the CPU (the app
    and the server take turns). The lock, the set, the entry, BEGIN and COMMIT were five:
    logging a set over HTTP went from a median of 433 to 499 per second on the 2-core bench
    host (docs/performance.md, 2026-12-07 night). On SQLite, in the same process, they stay
    a transaction."""
    if connection.vendor == "postgresql":
        values = _values(client_id, program_id, row, row.date, now, _same)
        entry = [connection.ops.adapt_datetimefield_value(audit["timestamp"])]
        entry += [audit[name] for name in hot.AUDIT_FIELDS[1:] if name != "object_id"]
        with connection.cursor() as cursor:
            cursor.execute(_set_with_audit_sql(connection.vendor), [client_id, *values[1:], *entry])
            found = cursor.fetchone()
        return None if found is None else int(found[0])
    # Made ready before the write transaction, which on SQLite holds the one write lock.
    prepared = prepare_set_logs(client_id, program_id, [row], now=now)
    with transaction.atomic(savepoint=False):
        if not hot.hold_client(client_id):
            return None
        [pk] = insert_prepared_set_logs(prepared)
        hot.insert_audit(**{**audit, "object_id": pk})
    return pk


@functools.cache
def _set_with_audit_sql(vendor: str) -> str:
    """PostgreSQL: her row share-locked, the set inserted for it, the entry inserted for
    the set; the set's id (no row when hers is gone: then neither insert has a row)."""
    quote = connection.ops.quote_name
    client_table = quote(Client._meta.db_table)
    set_table, set_columns = _names(vendor, SetLogRow._meta.db_table, _COLUMNS)
    audit_table, audit_columns = _names(vendor, AuditEntry._meta.db_table, hot.AUDIT_FIELDS)
    set_values = ", ".join([f"held.{quote('id')}"] + ["%s"] * (len(_COLUMNS) - 1))
    # The owner given, else her coach (as ``hot.insert_audit``); the object, the new set.
    slot = {"owner_id": f"COALESCE(%s, (SELECT {quote('coach_id')} FROM {client_table} "
                        f"WHERE {quote('id')} = held.{quote('id')}))",
            "object_id": f"s.{quote('id')}"}  # fmt: skip
    audit_values = ", ".join(slot.get(name, "%s") for name in hot.AUDIT_FIELDS)
    return (
        f"WITH held AS (SELECT {quote('id')} FROM {client_table} WHERE {quote('id')} = %s "
        f"FOR KEY SHARE), "
        f"s AS (INSERT INTO {set_table} ({set_columns}) SELECT {set_values} FROM held "
        f"RETURNING {quote('id')}), "
        f"a AS (INSERT INTO {audit_table} ({audit_columns}) SELECT {audit_values} "
        f"FROM s, held) "
        f"SELECT {quote('id')} FROM s"
    )


_SESSION_COLUMNS = ("client_id", "program_id", "date", "week", "kind")


def insert_planned_sessions(
    client_id: int, program_id: int, sessions: Sequence[tuple[date, int, str]]
) -> None:
    """Her planned sessions of one program, each (day, week, kind), in the given order
    (``bulk_create`` spent about 70 us of Python a row building and preparing each model
    instance: a 12-week block's calendar about 5 ms on every assignment)."""
    day = connection.ops.adapt_datefield_value
    _insert(
        PlannedSession._meta.db_table,
        _SESSION_COLUMNS,
        [(client_id, program_id, day(d), week, kind) for d, week, kind in sessions],
        returning=False,
    )


#: From this many rows on, PostgreSQL receives them with ``COPY`` (a block of the synthetic
#: clinic, a long batch): a multi-row INSERT has psycopg quote every value into the statement
#: in Python (about 34 us of CPU a row, against about 9 us for a whole row on SQLite).
COPY_FROM = 100


def _copy_set_logs(
    client_id: int, program_id: int | None, rows: Sequence[NewSetLog], now: datetime
) -> list[int]:
    """PostgreSQL: the rows' ids drawn from the table's sequence (ascending, so her log keeps
    the rows' order), then the rows with those ids in one binary ``COPY``; its triggers run as
    for an INSERT (the day counts of migration 0013 are statement triggers on both).

    The sequence is named once, not for each id (``pg_get_serial_sequence`` for each of a
    block's thousand ids cost about 3 us of the server's CPU a row), and the ids come back as
    one array; the values go in binary, which neither side has to format or parse as
    text (about half the client's CPU of a row)."""
    table, columns = _names(connection.vendor, SetLogRow._meta.db_table, _COLUMNS)
    sequence, types = _copy_target(SetLogRow._meta.db_table)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        raw.execute(
            "SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)",
            [sequence, len(rows)],
        )
        found = raw.fetchone()
        ids = sorted(found[0]) if found is not None else []
        quote = connection.ops.quote_name
        sql = f"COPY {table} ({quote('id')}, {columns}) FROM STDIN (FORMAT BINARY)"
        with raw.copy(sql) as copy:
            copy.set_types(types)
            for pk, r in zip(ids, rows, strict=True):
                copy.write_row((pk, *_values(client_id, program_id, r, r.date, now, _same)))
    return ids


@functools.cache
def _copy_target(table: str) -> tuple[str, tuple[int, ...]]:
    """PostgreSQL: the sequence of ``table``'s id and the type of each column the COPY sends
    (the id, then ``_COLUMNS``), read from the catalogue once per process: a binary COPY
    must name each value's exact type."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = str(cursor.fetchone()[0])
        cursor.execute(
            "SELECT attname, atttypid FROM pg_attribute"
            " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            [table],
        )
        oid = {name: int(type_oid) for name, type_oid in cursor.fetchall()}
    return sequence, tuple(oid[c] for c in ("id", *_COLUMNS))


def json_encoded(value: Any) -> Cast:
    """``value`` as a JSON field's new value, encoded to text now, as the field would encode
    it when the row is written (``json.dumps``): the same text on SQLite, the same ``jsonb``
    on PostgreSQL. For a large document written inside a write transaction (a 12-week
    program, ~240 KB): encoded before the transaction, not while it holds SQLite's one
    write lock. The saved instance's field then holds this expression: set it back to
    ``value`` if it is used afterwards."""
    return Cast(Value(json.dumps(value)), output_field=JSONField())
