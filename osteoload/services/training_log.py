"""Use cases for the client's training log: log a set, tick an item, report symptoms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from django.db import transaction
from pydantic import Field, ValidationInfo, field_validator

from osteoload.domain.logs import SetLog
from osteoload.domain.stop_rules import report_decision
from osteoload.domain.vocabulary import Symptom
from osteoload.store import hot, records
from osteoload.store.bulk import (
    NewSetLog,
    insert_prepared_set_logs,
    insert_set_log_with_audit,
    prepare_set_logs,
)
from osteoload.store.models import Client, SetLogRow, SymptomReport
from osteoload.wording import _

from . import clock, concurrency, stops
from .access import AnyUser, NotFound, client_for, client_for_coach
from .catalogue import get_catalogue
from .errors import InputError, Issue, did_you_mean
from .schema_types import IsoDate, Strict, not_in_future
from .untrusted import control_character_issues
from .validation import validate, validate_all


class ProgramPaused(Exception):
    """Logging is refused while a stop-rule report (R32) waits for the coach's review."""


class SetEntryIn(Strict):
    """One logged set, or one ticked impact/balance item, from the phone or the API."""

    date: IsoDate
    exercise_id: str
    set_number: Annotated[int, Field(ge=1, le=20)] = 1
    reps: Annotated[int, Field(ge=0, le=100)] | None = None
    load_kg: Annotated[float, Field(ge=0, le=500)] | None = None
    rpe: Annotated[float, Field(ge=1, le=10, multiple_of=0.5)] | None = None
    rir: Annotated[float, Field(ge=0, le=10, multiple_of=0.5)] | None = None
    pain: Annotated[int, Field(ge=0, le=10)] | None = None
    impacts: Annotated[int, Field(ge=0, le=500)] | None = None
    hold_s: Annotated[int, Field(ge=0, le=600)] | None = None
    note: Annotated[str, Field(max_length=500)] = ""

    _past = field_validator("date")(not_in_future)

    @field_validator("exercise_id")
    @classmethod
    def _known(cls, value: str, info: ValidationInfo) -> str:
        catalogue = get_catalogue()
        if value not in catalogue:
            raise ValueError(
                _("%(value)s is not an exercise in the catalogue%(hint)s")
                % {"value": repr(value), "hint": did_you_mean(value, catalogue)}
            )
        return value


class SymptomsIn(Strict):
    date: IsoDate
    symptoms: list[Symptom] = Field(default_factory=list, max_length=10)
    note: Annotated[str, Field(max_length=500)] = ""

    _past = field_validator("date")(not_in_future)


def log_set(user: AnyUser, client_id: int, data: dict[str, Any], *, today: date) -> int:
    """Record a set she did. Only the client herself logs; her coach reads."""
    return log_sets(user, client_id, [data], today=today)[0]


def log_set_returning(
    user: AnyUser,
    client_id: int,
    data: dict[str, Any],
    *,
    today: date,
    audit: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Like :func:`log_set`, but returns the stored row without reading it back (the hot path
    of the API: everyone logs at the same evening hour).

    ``audit``: the audit entry of this logging (``services.audit.entry``), written with the
    set after the reads and the validation: its object is the new set, its owner her coach,
    its time the set's. The store writes both in one statement where it can
    (``insert_set_log_with_audit``).
    """
    now = clock.now()
    _, program_id, valid, ids = _store(user, client_id, [data], today, now, audit)
    entry = valid[0]
    return {
        "id": ids[0], "date": entry.date, "exercise_id": entry.exercise_id,
        "set_number": entry.set_number, "reps": entry.reps,
        "load_kg": _float(entry.load_kg), "rpe": _float(entry.rpe),
        "rir": _float(entry.rir), "pain": entry.pain, "impacts": entry.impacts,
        "hold_s": entry.hold_s, "note": entry.note, "program_id": program_id,
        "created": now, "updated": now,
    }  # fmt: skip


def log_sets(
    user: AnyUser, client_id: int, entries: Sequence[dict[str, Any]], *, today: date
) -> list[int]:
    """Record many sets at once: all are validated first, and none is written if one is bad."""
    return _store(user, client_id, entries, today, clock.now())[3]


def log_sets_as_records(
    user: AnyUser, client_id: int, entries: Sequence[dict[str, Any]], *, today: date
) -> list[SetLog]:
    """:func:`log_sets`, returning what was stored as engine records, in order: exactly what
    reading her log back gives (``records.set_logs_of_client``), for a caller that keeps her
    log in memory (the synthetic clinic) instead of reading it again for every block."""
    valid = _store(user, client_id, entries, today, clock.now())[2]
    out = []
    for e in valid:
        record = records.set_log_from_values(
            e.date, e.exercise_id, e.set_number, e.reps, _float(e.load_kg), _float(e.rpe),
            _float(e.rir), e.pain, e.note, e.impacts, e.hold_s,
        )  # fmt: skip
        if record is not None:
            out.append(record)
    return out


def _store(
    user: AnyUser,
    client_id: int,
    entries: Sequence[dict[str, Any]],
    today: date,
    now: datetime,
    audit: dict[str, Any] | None = None,
) -> tuple[Client, int | None, list[SetEntryIn], list[int]]:
    # Only the client herself logs (her coach reads). One hand-written query: this is the
    # request everyone makes at the same evening hour.
    found = hot.client_and_program(client_id) if user.is_authenticated else None
    if found is None or found[0].user_id != user.pk:
        raise NotFound
    client, program_id = found
    if client.paused:
        raise ProgramPaused(client.paused_reason or _("paused until your coach has reviewed it"))
    valid: list[SetEntryIn] = []
    issues: list[Issue] = []
    # A batch with no control character anywhere (the usual case, found in one pass) needs
    # no scan of each entry; otherwise each entry's scan names the field.
    clean = len(entries) > 1 and not control_character_issues(list(entries))
    batch = _valid_batch(entries, today) if clean else None
    for index, data in enumerate(entries):
        prefix = f"sets[{index}]." if len(entries) > 1 else ""
        if batch is not None:
            entry = batch[index]
        else:
            try:
                entry = validate(SetEntryIn, data, today=today, controls_checked=clean)
            except InputError as exc:
                issues += [replace(i, path=prefix + i.path) for i in exc.issues]
                continue
        if entry.rpe is not None and entry.rir is not None:
            issues.append(Issue(prefix + "rpe", _("give rpe or rir, not both")))
        valid.append(entry)
    if issues:
        raise InputError(issues)
    rows = [
        NewSetLog(
            date=e.date,
            exercise_id=e.exercise_id,
            set_number=e.set_number,
            reps=e.reps,
            load_kg=_dec(e.load_kg),
            rpe=_dec(e.rpe),
            rir=_dec(e.rir),
            pain=e.pain,
            impacts=e.impacts,
            hold_s=e.hold_s,
            note=e.note,
        )
        for e in valid
    ]
    if audit is not None:  # one set (log_set_returning)
        logged = {**audit, "timestamp": now, "client_id": client.pk, "owner_id": client.coach_id}
        new_id = insert_set_log_with_audit(client.pk, program_id, rows[0], now=now, audit=logged)
        if new_id is None:
            raise NotFound  # erased meanwhile
        return client, program_id, valid, [new_id]
    # Made ready before the write transaction, which on SQLite holds the one write lock.
    prepared = prepare_set_logs(client.pk, program_id, rows, now=now)
    with transaction.atomic(savepoint=False):
        # Her erasure either finished (404 here) or waits for this set and deletes it too.
        concurrency.hold_client(client.pk)
        ids = insert_prepared_set_logs(prepared)
    return client, program_id, valid, ids


def _valid_batch(entries: Sequence[Any], today: date) -> list[SetEntryIn] | None:
    """Every entry of a batch validated in one call into pydantic (``validate_all``), or
    ``None`` (the caller then validates each, to name every bad field)."""
    return validate_all(SetEntryIn, entries, today=today)


def _float(value: float | None) -> float | None:
    """What a stored decimal (:func:`_dec`, two places) reads back as, as a float: the value
    rounded to two places (the decimal is that float's shortest text, which reads back as
    the same float), without building the decimal."""
    return None if value is None else round(value, 2)


def _dec(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


def delete_set(user: AnyUser, client_id: int, set_id: int) -> None:
    """Undo a logged set (the client's own)."""
    client = client_for(user, client_id)
    if client.user_id != user.pk:
        raise NotFound
    deleted, _ = SetLogRow.objects.filter(pk=set_id, client=client).delete()
    if not deleted:
        raise NotFound


def sets_on(user: AnyUser, client_id: int, day: date) -> list[dict[str, Any]]:
    client = client_for(user, client_id)
    # Sorted here, not by the database: asked to order by id, SQLite walks every set of hers
    # by the client index (about 3 ms for 24,000 sets) instead of the few of the day.
    rows = sorted(client.set_logs.filter(date=day).order_by(), key=lambda r: r.pk)
    return [set_log_dict(r) for r in rows]


def set_log_dict(r: SetLogRow) -> dict[str, Any]:
    """One logged set as plain values (date as ISO text); the export adds its metadata."""
    return {
        "id": r.pk,
        "date": r.date.isoformat(),
        "exercise_id": r.exercise_id,
        "set_number": r.set_number,
        "reps": r.reps,
        "load_kg": float(r.load_kg) if r.load_kg is not None else None,
        "rpe": float(r.rpe) if r.rpe is not None else None,
        "rir": float(r.rir) if r.rir is not None else None,
        "pain": r.pain,
        "impacts": r.impacts,
        "hold_s": r.hold_s,
        "note": r.note,
    }


def log_rows(user: AnyUser, client_id: int, *, since: date | None = None) -> list[dict[str, Any]]:
    client = client_for(user, client_id)
    rows = client.set_logs.all()
    if since is not None:
        rows = rows.filter(date__gte=since)
    return [set_log_dict(r) for r in rows.order_by("date", "id")]


def report_symptoms(user: AnyUser, client_id: int, data: dict[str, Any], *, today: date) -> bool:
    """Record symptoms; a stop-rule symptom (R32) pauses the program. Returns True if paused."""
    client = client_for(user, client_id)
    entry = validate(SymptomsIn, data, today=today)
    decision = report_decision(entry.symptoms, reported_on=entry.date)
    with transaction.atomic():
        concurrency.hold_client(client.pk)
        SymptomReport.objects.create(
            client=client, date=entry.date, symptoms=[s.value for s in entry.symptoms],
            note=entry.note,
        )  # fmt: skip
        stops.suspend(client, decision)
    return decision.suspend


def symptom_reports(user: AnyUser, client_id: int, *, limit: int = 20) -> list[dict[str, Any]]:
    """Her latest symptom reports, newest first (for her coach's client page)."""
    client = client_for(user, client_id)
    return [
        {"date": r.date.isoformat(), "symptoms": list(r.symptoms), "note": r.note}
        for r in client.symptom_reports.order_by("-date", "-id")[:limit]
    ]


def resume(coach: AnyUser, client_id: int, *, today: date | None = None) -> None:
    """Her coach has reviewed the stop and lifts the pause, if a new screening of her
    current profile allows it (R32a); otherwise :class:`~.stops.ResumeRefused` says what is
    missing and how to record it, and the program stays paused."""
    client = client_for_coach(coach, client_id)
    stops.check_resume(client, today=today or clock.today())
    client.paused = False
    client.paused_reason = ""
    client.save(update_fields=["paused", "paused_reason", "updated"])


def recent_pain(
    user: AnyUser, client_id: int, *, today: date, days: int = 14
) -> list[dict[str, Any]]:
    client = client_for(user, client_id)
    rows = client.set_logs.filter(date__gte=today - timedelta(days=days), pain__gte=5)
    return [set_log_dict(r) for r in rows.order_by("-date", "-id")]
