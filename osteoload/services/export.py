"""Data portability: a client's record read out page by page (sync), whole (a zip of JSON
and CSV), imported from a session log, and erased.

Every function resolves the client through :mod:`osteoload.services.access`, so another
user's client is :class:`NotFound`. Lists are ordered by id (stable under paging) and can be
narrowed to what changed since a moment (``updated_since``), so a phone can sync; each page
carries the server's time to use as the next ``updated_since``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from pydantic import BaseModel

from osteoload.domain.logs import SetLog
from osteoload.domain.vocabulary import Units
from osteoload.store import records
from osteoload.store.models import (
    AuditEntry,
    Client,
    DxaScanRecord,
    FunctionalTestRecord,
    PlannedSession,
    ProgramRecord,
    SetLogRow,
    SymptomReport,
)

from . import audit, clock, concurrency, idempotency
from .access import AnyUser, NotFound, client_for, client_for_coach, require_coach, user_id
from .documents.downloads import forget_client
from .errors import InputError, Issue
from .logs import log_document, parse_log, write_log_csv
from .shapes import (
    ClientOut,
    ClientSummaryOut,
    FunctionalTestOut,
    ProgramSummaryOut,
    ScanOut,
    SetOut,
    SymptomOut,
)
from .training_log import report_symptoms

M = TypeVar("M", bound=Model)

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_OFFSET = 2**53
#: Largest log text accepted for an import (the API refuses bigger bodies before this).
MAX_IMPORT_CHARS = 5_000_000
ERASED_LABEL = "(erased client)"
#: Imported sets dated earlier than this are a mistake (a misread date), not history.
EARLIEST_LOG_DATE = date(1900, 1, 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page of a list: the total count, the items, and the server time of the read."""

    count: int
    offset: int
    limit: int
    server_time: datetime
    items: list[BaseModel] = field(default_factory=list)


def server_time() -> datetime:
    """The server's clock, for a list's ``server_time`` (the next ``updated_since``)."""
    return clock.now()


def _out_of_range(value: int, low: int, high: int) -> str:
    return _("%(value)s is out of range; allowed %(low)s to %(high)s") % {
        "value": value,
        "low": low,
        "high": high,
    }


def check_page(offset: int, limit: int) -> None:
    issues = []
    if not 1 <= limit <= MAX_LIMIT:
        issues.append(Issue("limit", _out_of_range(limit, 1, MAX_LIMIT), limit))
    if not 0 <= offset <= MAX_OFFSET:
        issues.append(Issue("offset", _out_of_range(offset, 0, MAX_OFFSET), offset))
    if issues:
        raise InputError(issues)


def _page(
    rows: QuerySet[M],
    shape: Callable[[M], BaseModel],
    *,
    updated_since: datetime | None,
    offset: int,
    limit: int,
    count: Callable[[], int] | None = None,
) -> Page:
    """One page of ``rows`` by id. ``count`` counts them without reading them (her sets:
    the day counts); it is not used with ``updated_since``, which only the rows can answer."""
    check_page(offset, limit)
    now = server_time()
    if updated_since is not None:
        rows = rows.filter(updated__gte=updated_since)
        count = None
    total = count() if count is not None else rows.count()
    if offset >= total:
        items = []
    elif offset > total - offset - limit:
        # Nearer the end (the newest rows, what a phone asks for): read backwards from the
        # newest, so the database does not step over every older row to reach the page.
        skip = max(0, total - offset - limit)
        newest_first = rows.order_by("-id")[skip : skip + min(limit, total - offset)]
        items = [shape(r) for r in reversed(newest_first)]
    else:
        items = [shape(r) for r in rows.order_by("id")[offset : offset + limit]]
    return Page(count=total, offset=offset, limit=limit, server_time=now, items=items)


# --- lists (sync) ----------------------------------------------------------------------------


def clients_page(
    coach: AnyUser, *, updated_since: datetime | None = None, offset: int = 0,
    limit: int = DEFAULT_LIMIT,
) -> Page:  # fmt: skip
    """The coach's clients."""
    require_coach(coach)
    rows = Client.objects.filter(coach_id=user_id(coach))
    return _page(rows, ClientSummaryOut.of, updated_since=updated_since, offset=offset, limit=limit)


def client_record(user: AnyUser, client_id: int) -> ClientOut:
    """One client with her stored profile document (her coach, or the client herself)."""
    client = client_for(user, client_id)
    return ClientOut.of(Client.objects.get(pk=client.pk))


def programs_page(
    user: AnyUser, client_id: int, *, updated_since: datetime | None = None, offset: int = 0,
    limit: int = DEFAULT_LIMIT,
) -> Page:  # fmt: skip
    client = client_for(user, client_id)
    rows = ProgramRecord.objects.filter(client=client).defer("document")
    return _page(
        rows, ProgramSummaryOut.of, updated_since=updated_since, offset=offset, limit=limit
    )


def program_summary_for(user: AnyUser, client_id: int, program_id: int) -> ProgramSummaryOut:
    client = client_for(user, client_id)
    record = ProgramRecord.objects.filter(client=client, pk=program_id).defer("document").first()
    if record is None:
        raise NotFound
    return ProgramSummaryOut.of(record)


def sets_page(
    user: AnyUser, client_id: int, *, since: date | None = None,
    updated_since: datetime | None = None, offset: int = 0, limit: int = DEFAULT_LIMIT,
) -> Page:  # fmt: skip
    """Her logged sets; ``since`` keeps sets done on or after a day."""
    client = client_for(user, client_id)
    rows = SetLogRow.objects.filter(client=client)
    if since is not None:
        rows = rows.filter(date__gte=since)
    return _page(
        rows, SetOut.of, updated_since=updated_since, offset=offset, limit=limit,
        count=lambda: records.log_count(client.pk, since=since),
    )  # fmt: skip


def functional_tests_page(
    user: AnyUser, client_id: int, *, updated_since: datetime | None = None, offset: int = 0,
    limit: int = DEFAULT_LIMIT,
) -> Page:  # fmt: skip
    client = client_for(user, client_id)
    rows = FunctionalTestRecord.objects.filter(client=client)
    return _page(
        rows, FunctionalTestOut.of, updated_since=updated_since, offset=offset, limit=limit
    )


def scans_page(
    user: AnyUser, client_id: int, *, updated_since: datetime | None = None, offset: int = 0,
    limit: int = DEFAULT_LIMIT,
) -> Page:  # fmt: skip
    client = client_for(user, client_id)
    rows = DxaScanRecord.objects.filter(client=client)
    return _page(rows, ScanOut.of, updated_since=updated_since, offset=offset, limit=limit)


def functional_test_record(user: AnyUser, client_id: int, record_id: int) -> FunctionalTestOut:
    client = client_for(user, client_id)
    return FunctionalTestOut.of(_one(FunctionalTestRecord.objects.filter(client=client), record_id))


def scan_record(user: AnyUser, client_id: int, record_id: int) -> ScanOut:
    client = client_for(user, client_id)
    return ScanOut.of(_one(DxaScanRecord.objects.filter(client=client), record_id))


def set_record(user: AnyUser, client_id: int, record_id: int) -> SetOut:
    client = client_for(user, client_id)
    return SetOut.of(_one(SetLogRow.objects.filter(client=client), record_id))


def _one(rows: QuerySet[M], pk: int) -> M:
    found = rows.filter(pk=pk).first() if 1 <= pk <= MAX_OFFSET else None
    if found is None:
        raise NotFound
    return found


# --- export ----------------------------------------------------------------------------------

_README = """\
osteoload export of one client's complete record
================================================

Exported {exported} (UTC). Every file is UTF-8.

client.json            the client: name, pause state, and her profile as entered
profile.json           the profile document alone (profile.v1; `osteoload plan profile.json`)
programs.json          every program generated for her, with the full plan document
planned-sessions.csv   the dated sessions of her assigned program
session-log.csv        her logged sets in osteoload's session-log CSV format (re-importable)
session-log.json       the same sets as an osteoload JSON log (re-importable)
set-rows.json          the logged sets as stored, with ids and timestamps
symptoms.json          symptoms she reported
functional-tests.json  functional test results (functional-tests.csv: one row per date)
dxa-scans.json         bone density scans (dxa-scans.csv: the same as a table)
access-log.json        who viewed or changed this record, and when (via: web for the app's
                       pages, token or session for the API)
"""


def export_zip(user: AnyUser, client_id: int) -> tuple[str, bytes]:
    """Her complete record as a zip of JSON and CSV files; returns a file name and the bytes.

    Her coach or the client herself may export it.
    """
    client = Client.objects.get(pk=client_for(user, client_id).pk)
    now = clock.now()
    programs = list(ProgramRecord.objects.filter(client=client).order_by("id"))
    sets = list(SetLogRow.objects.filter(client=client).order_by("date", "id"))
    tests = list(FunctionalTestRecord.objects.filter(client=client).order_by("date", "id"))
    scans = list(DxaScanRecord.objects.filter(client=client).order_by("date", "id"))
    symptoms = list(SymptomReport.objects.filter(client=client).order_by("date", "id"))
    planned = list(PlannedSession.objects.filter(client=client).order_by("date", "id"))
    audit.flush()  # this process's queued read entries, so the log holds every one
    access = list(AuditEntry.objects.filter(client_id=client.pk).order_by("timestamp", "id"))

    logs = [s for s in (records.set_log_of(r) for r in sets) if s is not None]
    files: dict[str, str] = {
        "README.txt": _README.format(exported=now.isoformat()),
        "client.json": _json(
            {"schema_version": 1, "exported": now, **ClientOut.of(client).model_dump()}
        ),
        "profile.json": _json(client.profile),
        "programs.json": _json(
            [{**ProgramSummaryOut.of(p).model_dump(), "document": p.document} for p in programs]
        ),
        "planned-sessions.csv": _csv(
            ("date", "week", "kind", "program_id"),
            ((p.date, p.week, p.kind, p.program_id) for p in planned),
        ),
        "session-log.csv": write_log_csv(logs, unit=Units.KG),
        "session-log.json": _json(
            {k: v for k, v in _json_log(logs).items() if k in ("schema_version", "sets")}
        ),
        "set-rows.json": _json([SetOut.of(r).model_dump() for r in sets]),
        "symptoms.json": _json([SymptomOut.of(s).model_dump() for s in symptoms]),
        "functional-tests.json": _json([FunctionalTestOut.of(t).model_dump() for t in tests]),
        "functional-tests.csv": _tests_csv(tests),
        "dxa-scans.json": _json([ScanOut.of(s).model_dump() for s in scans]),
        "dxa-scans.csv": _csv(
            ("date", "site", "bmd_g_cm2", "t_score", "z_score", "scanner", "precision_g_cm2"),
            (
                (s.date, s.site, s.bmd_g_cm2, s.t_score, s.z_score, s.scanner, s.precision_g_cm2)
                for s in scans
            ),
        ),
        "access-log.json": _json(
            [
                {
                    "timestamp": e.timestamp,
                    "actor": e.actor_name,
                    "action": e.action,
                    "object_type": e.object_type,
                    "object_id": e.object_id,
                    "summary": e.summary,
                    "via": e.via,
                }
                for e in access
            ]
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        stamp = now.timetuple()[:6]
        for name, text in files.items():
            info = zipfile.ZipInfo(f"osteoload-client-{client.pk}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return f"osteoload-client-{client.pk}-{now.date().isoformat()}.zip", buffer.getvalue()


def _json_log(logs: Sequence[SetLog]) -> dict[str, Any]:
    from .logs import LogFormat, LogImport

    return log_document(LogImport(source="export", format=LogFormat.JSON, sets=tuple(logs)))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_plain) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _tests_csv(tests: Sequence[FunctionalTestRecord]) -> str:
    columns = sorted({k for t in tests for k, v in t.values.items() if not isinstance(v, dict)})
    return _csv(("date", *columns), ((t.date, *(t.values.get(c) for c in columns)) for t in tests))


# --- import ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    format: str
    rows_read: int
    imported: int
    already_logged: int
    unmapped: tuple[tuple[str, int], ...]
    skipped: tuple[tuple[str, int], ...]
    symptom_days: int
    paused: bool


def import_log(
    user: AnyUser,
    client_id: int,
    text: str,
    *,
    today: date,
    weight_unit: Units | None = None,
    as_json: bool | None = None,
    source: str = "log",
) -> ImportResult:
    """Add a session log (our CSV or JSON, or a Strong or Hevy CSV export) to her log.

    Every row is validated first and nothing is written if one is bad. Sets already in her
    log (same day, exercise and set number) are left out, so importing a file twice adds
    nothing. Symptoms in the log are reported as she would report them (a stop-rule symptom
    pauses her program until her coach has reviewed it, R32).
    """
    client = client_for(user, client_id)
    if len(text) > MAX_IMPORT_CHARS:
        raise InputError(
            [
                Issue(
                    source,
                    _("is too long; at most %(max)s characters") % {"max": MAX_IMPORT_CHARS},
                )
            ]
        )
    log = parse_log(text, source=source, today=today, weight_unit=weight_unit, as_json=as_json)
    ancient = [s for s in log.sets if s.date < EARLIEST_LOG_DATE]
    if ancient:
        raise InputError(
            [
                Issue(
                    source,
                    _(
                        "set %(set)s of %(exercise)s on %(date)s is before %(earliest)s; check "
                        "the date"
                    )
                    % {
                        "set": s.set,
                        "exercise": s.exercise_id,
                        "date": s.date.isoformat(),
                        "earliest": EARLIEST_LOG_DATE.isoformat(),
                    },
                    s.date.isoformat(),
                )
                for s in ancient[:10]
            ]
        )
    by_day: dict[date, list[str]] = {}
    for s in log.sets:
        for symptom in s.symptoms:
            reported = by_day.setdefault(s.date, [])
            if symptom.value not in reported:
                reported.append(symptom.value)
    paused = False
    with transaction.atomic():
        # read in the transaction that writes, so two imports at once cannot both add a set
        existing = set(
            SetLogRow.objects.filter(client=client).values_list("date", "exercise_id", "set_number")
        )
        fresh = [s for s in log.sets if (s.date, s.exercise_id, s.set) not in existing]
        # a symptom already reported that day (by the same log imported before, or by her)
        # is not reported again: importing a file twice adds nothing and pauses nothing again
        already = {
            (day, symptom)
            for day, symptoms in SymptomReport.objects.filter(
                client=client, date__in=list(by_day)
            ).values_list("date", "symptoms")
            for symptom in symptoms or ()
        }
        by_day = {
            day: new
            for day, symptoms in by_day.items()
            if (new := [x for x in symptoms if (day, x) not in already])
        }
        SetLogRow.objects.bulk_create(
            SetLogRow(
                client=client,
                date=s.date,
                exercise_id=s.exercise_id,
                set_number=s.set,
                reps=s.reps,
                load_kg=_dec(s.load_kg),
                rpe=_dec(s.rpe, 1),
                rir=_dec(s.rir, 1),
                pain=s.pain,
                impacts=s.impacts,
                hold_s=s.hold_s,
                note=s.note[:500],
            )
            for s in fresh
        )
        for day, symptoms in sorted(by_day.items()):
            note = f"imported from a {log.format.value} log"
            stop = report_symptoms(
                user, client.pk, {"date": day.isoformat(), "symptoms": symptoms, "note": note},
                today=today,
            )  # fmt: skip
            paused = paused or stop
    return ImportResult(
        format=log.format.value,
        rows_read=len(log.sets),
        imported=len(fresh),
        already_logged=len(log.sets) - len(fresh),
        unmapped=tuple((u.name, u.count) for u in log.unmapped),
        skipped=log.skipped,
        symptom_days=len(by_day),
        paused=paused,
    )


def _dec(value: float | None, places: int = 2) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, places)))


# --- erasure ---------------------------------------------------------------------------------


def erase_client(coach: AnyUser, client_id: int, *, via: str = "") -> dict[str, int]:
    """Right to erasure: delete the client, everything recorded about her, and her login.

    Only her coach may. The audit log keeps that (and when) her record was erased, with the
    numbers of records deleted but nothing about her; entries she made herself keep their
    place in the log under the label ``(erased client)``.
    """
    require_coach(coach)
    client_for_coach(coach, client_id)
    with concurrency.guarded():
        # Her row locked first: a write about her under way finishes before the count (and
        # is deleted with the rest); one that comes now waits and then finds her gone (404).
        client = concurrency.claim_client(client_id)
        if client.coach_id != user_id(coach):
            raise NotFound
        counts = {
            "programs": ProgramRecord.objects.filter(client=client).count(),
            "planned_sessions": PlannedSession.objects.filter(client=client).count(),
            "sets": SetLogRow.objects.filter(client=client).count(),
            "symptom_reports": SymptomReport.objects.filter(client=client).count(),
            "functional_tests": FunctionalTestRecord.objects.filter(client=client).count(),
            "dxa_scans": DxaScanRecord.objects.filter(client=client).count(),
        }
        login = client.user
        pk = client.pk
        client.delete()
        transaction.on_commit(lambda: forget_client(pk))  # her cached booklets
        # and every computed answer kept in the cache (keys do not name the client)
        transaction.on_commit(cache.clear)
        idempotency.forget_client_answers(user_id(coach))  # answers kept for retries
        if login is not None:
            audit.forget_actor(login.pk, label=ERASED_LABEL)
            login.delete()
            counts["login"] = 1
        audit.record(
            coach, audit.Action.ERASE, client_id=pk, object_type="client", object_id=pk,
            summary="record erased: " + ", ".join(f"{v} {k}" for k, v in counts.items()),
            via=via, owner_id=user_id(coach),
        )  # fmt: skip
    return counts
