"""Stored rows as engine records, in one place (the store's side of DESIGN.md's promise that
queries return engine records).

Two reads dominate the coaching loop for a client with years of logs: every set she ever
logged (tens of thousands of rows) and every block she trained on (a dozen program documents
of thousands of values each). Sets are read as plain value tuples, not model instances, and
each stored program is rebuilt once per process and version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Exists, OuterRef

from osteoload.domain.errors import DomainError
from osteoload.domain.logs import SetLog
from osteoload.domain.program import Program
from osteoload.domain.serialize import from_jsonable

from .memo import Memo
from .models import ProgramRecord, SetLogRow

T = TypeVar("T")

#: Her sets counted by day, kept by the database's triggers (migration 0013).
DAYS_TABLE = "store_setlogday"

#: The columns a set needs to become an engine record, in :func:`set_log_from_values`'s order.
SET_COLUMNS = (
    "date", "exercise_id", "set_number", "reps", "load_kg", "rpe", "rir", "pain", "note",
    "impacts", "hold_s",
)  # fmt: skip


def set_log_from_values(
    day: date,
    exercise_id: str,
    set_number: int,
    reps: int | None,
    load_kg: Decimal | float | None,
    rpe: Decimal | float | None,
    rir: Decimal | float | None,
    pain: int | None,
    note: str,
    impacts: int | None,
    hold_s: int | None,
) -> SetLog | None:
    """A stored set as an engine record (``None`` if it cannot be one, e.g. a bare tick).
    A zero load is no load; an effort given as RPE wins over RIR."""
    load = float(load_kg) if load_kg is not None and load_kg > 0 else None
    effort = float(rpe) if rpe is not None else None
    try:
        return SetLog(
            date=day,
            exercise_id=exercise_id,
            set=set_number,
            reps=reps or 0,
            load_kg=load,
            rpe=effort,
            rir=float(rir) if rir is not None and effort is None else None,
            pain=pain,
            note=note,
            impacts=impacts,
            hold_s=hold_s or None,
        )
    except DomainError:
        return None


def set_log_of(row: SetLogRow) -> SetLog | None:
    """One stored set (a model instance) as an engine record."""
    return set_log_from_values(*(getattr(row, c) for c in SET_COLUMNS))


def set_logs_of_client(
    client_id: int, *, before: date | None = None, since: date | None = None
) -> list[SetLog]:
    """Her logged sets as engine records, oldest first (only those before ``before``, and
    only those on or after ``since``).

    Read with one plain SQL query rather than through the ORM: for three years of logs
    (about 24,000 sets) the ORM's per-value converters cost more than the query and the
    engine records together. Values come back as the driver gives them (SQLite: dates as
    ISO text, decimals as floats; PostgreSQL: dates and Decimals) and are taken as such."""
    table = connection.ops.quote_name(SetLogRow._meta.db_table)
    q = connection.ops.quote_name
    sql = f"SELECT {', '.join(q(c) for c in SET_COLUMNS)} FROM {table} WHERE {q('client_id')} = %s"
    params: list[Any] = [client_id]
    if before is not None:
        sql += f" AND {q('date')} < %s"
        params.append(connection.ops.adapt_datefield_value(before))
    if since is not None:
        sql += f" AND {q('date')} >= %s"
        params.append(connection.ops.adapt_datefield_value(since))
    sql += f" ORDER BY {q('date')}, {q('id')}"
    out: list[SetLog] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(2000):
            for day, *rest in rows:
                if isinstance(day, str):
                    day = date.fromisoformat(day)
                record = set_log_from_values(day, *rest)
                if record is not None:
                    out.append(record)
    return out


#: Rebuilt programs by (row id, version, last change). A stored program's document changes
#: only through ``save()`` (a swap bumps its version; ``updated`` moves on every save), so a
#: key that matches is the same document.
_PROGRAMS: Memo[tuple[int, int, datetime | None], Program] = Memo(512)


def program_of(record: ProgramRecord) -> Program:
    """The assigned program as the engine's record, exactly as stored (swaps included)."""
    if record.pk is None:
        return _rebuild_program(record.document)
    key = (record.pk, record.version, record.updated)
    found = _PROGRAMS.get(key)
    if found is not None:
        return found
    return _PROGRAMS.put(key, _rebuild_program(record.document))


def earlier_programs(client_id: int, current_id: int, start: date) -> list[Program]:
    """The blocks she trained on before the one starting on ``start`` (its row
    ``current_id``): her programs that started earlier and have logged sets, oldest first.
    Documents are read only for blocks not already rebuilt in this process."""
    logged = SetLogRow.objects.filter(program_id=OuterRef("pk"))
    blocks = (
        ProgramRecord.objects.filter(client_id=client_id, start__lt=start)
        .exclude(pk=current_id)
        .filter(Exists(logged))
        .only("id", "version", "updated", "start")
        .order_by("start", "id")
    )
    return [program_of(r) for r in blocks]


def _rebuild_program(document: dict[str, Any]) -> Program:
    return from_jsonable(Program, document)


#: Small parts of stored program documents by (row id, version, last change, part): the
#: same reasoning as :data:`_PROGRAMS` makes a matching key the same document.
_PARTS: Memo[tuple[int, int, datetime | None, str], Any] = Memo(2048)


def program_part(record: ProgramRecord, part: str, extract: Callable[[dict[str, Any]], T]) -> T:
    """What ``extract`` takes from a stored program's document (``part`` names it, e.g. her
    session of one day), parsed only when this process has not taken that part of that
    version of the row before: ``record`` may be read with its document deferred, which
    is then read on a miss only (it is the largest value of a page: ~240 KB of JSON for a
    12-week block, ~3 ms to parse on every view of Today before).

    The value is shared between requests: callers must not change it."""
    return program_parts([record], part, extract)[record.pk]


def program_parts(
    rows: Sequence[ProgramRecord], part: str, extract: Callable[[dict[str, Any]], T]
) -> dict[int, T]:
    """:func:`program_part` of several rows by row id; the documents of the rows this
    process has not taken ``part`` of are read in one query (rows read with the document
    deferred)."""
    out: dict[int, T] = {}
    missing: dict[int, ProgramRecord] = {}
    for row in rows:
        found = _PARTS.get((row.pk, row.version, row.updated, part))
        if found is not None:
            out[row.pk] = found
        else:
            missing[row.pk] = row
    unread = [pk for pk, row in missing.items() if "document" in row.get_deferred_fields()]
    documents: dict[int, dict[str, Any]] = (
        dict(ProgramRecord.objects.filter(pk__in=unread).values_list("pk", "document"))
        if unread
        else {}
    )
    for pk, row in missing.items():
        document = documents.get(pk)
        if document is None:  # read with the row (not `.get(pk, row.document)`: that reads
            document = row.document  # a deferred document even when it was just read)
        value = extract(document)
        out[pk] = value if pk is None else _PARTS.put((pk, row.version, row.updated, part), value)
    return out


def forget_programs() -> None:
    """Empty the rebuilt-program caches (tests whose databases reuse row ids call it)."""
    _PROGRAMS.clear()
    _PARTS.clear()


def logged_exercise_ids(client_id: int) -> list[str]:
    """The exercises she has logged, in id order: one step down the (client, exercise, date)
    index per exercise (a recursive query: the smallest id, then the smallest above it...)
    instead of reading every entry of years of sets for their distinct ids (24,000 sets:
    1.2 ms -> 0.04 ms on SQLite)."""
    table = SetLogRow._meta.db_table
    sql = (
        "WITH RECURSIVE ex(e) AS ("
        f" SELECT (SELECT MIN(exercise_id) FROM {table} WHERE client_id = %s)"
        f" UNION ALL SELECT (SELECT MIN(exercise_id) FROM {table}"
        "  WHERE client_id = %s AND exercise_id > ex.e) FROM ex WHERE ex.e IS NOT NULL"
        ") SELECT e FROM ex WHERE e IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [client_id, client_id])
        return [str(e) for (e,) in cursor.fetchall()]


def log_stamp(
    client_id: int, *, since: date | None = None, until: date | None = None
) -> tuple[int, int]:
    """What changes whenever one of her sets dated ``since`` to ``until`` (both included,
    either open) is added, changed or deleted: the number of those sets and the sum of their
    days' ``changes``. The caches of Today and of the progress series are keyed by it, with
    the range.

    Both come from the table ``store_setlogday`` (one row per client and day: ``n`` sets,
    ``changes`` writes ever), which database triggers keep on every write of a set whatever
    wrote it (migration 0013). A day's ``changes`` only grows, and every
    insert, change or deletion of a set grows the ``changes`` of its day (a set moved to
    another day, both days'): so within one range the sum never repeats after a write. One
    query over one row a day instead of every set (about 4 ms for 24,000 sets on SQLite
    before)."""
    sql = (
        f"SELECT COALESCE(SUM(n), 0), COALESCE(SUM(changes), 0) FROM {DAYS_TABLE} "
        "WHERE client_id = %s"
    )
    params: list[Any] = [client_id]
    if since is not None:
        sql += " AND date >= %s"
        params.append(since)
    if until is not None:
        sql += " AND date <= %s"
        params.append(until)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        n, changes = cursor.fetchone()
    return int(n), int(changes)


def log_count(client_id: int, *, since: date | None = None) -> int:
    """How many sets she has logged (on or after ``since``), from the day counts."""
    return log_stamp(client_id, since=since)[0]
