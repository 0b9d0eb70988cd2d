"""Use cases around a client's program: generate, review, assign, swap, and today's session."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from osteoload.domain.equipment import equipment_profile
from osteoload.domain.logs import SetLog
from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import ProgramItem, Screening
from osteoload.domain.programming import (
    allowed_exercises,
    generate_program,
    redose_item,
    session_seconds,
    week_balance_minutes,
)
from osteoload.domain.progression import PlannedMaxes, maxes_read_from, working_maxes_on
from osteoload.domain.serialize import from_jsonable, jsonable
from osteoload.domain.stop_rules import Source, report_decision, screening_decision, stop_symptoms
from osteoload.domain.vocabulary import ProgramStatus, Symptom, Units
from osteoload.store import records
from osteoload.store.bulk import insert_planned_sessions, json_encoded
from osteoload.store.models import Client, PlannedSession, ProgramRecord
from osteoload.wording import stops as stop_words

from . import concurrency, stops, versions
from .access import AnyUser, NotFound, client_for, client_for_coach
from .catalogue import get_catalogue
from .clients import client_profile
from .errors import InputError, Issue, Range
from .plans import MAX_WEEKS, program_document, program_start, screen_client, with_display

#: A stored program's status in words, for the message refusing to assign it.
STATUS_NAMES = {
    "ready": gettext_noop("ready"),
    "needs_clearance": gettext_noop("needs clearance"),
    "withheld": gettext_noop("withheld"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgramSummary:
    program_id: int
    start: date
    weeks: int
    status: str
    assigned: bool
    created: date


def generate_for_client(
    coach: AnyUser,
    client_id: int,
    *,
    today: date,
    start: date | None = None,
    weeks: int = 12,
    log: Sequence[SetLog] | None = None,
) -> int:
    """Screen her current profile and store a new draft program; returns its id.

    ``log``: her logged sets as engine records, oldest first, when the caller already holds
    them exactly as reading them back would give them (the synthetic clinic, which wrote
    them); otherwise they are read from the store."""
    client = client_for_coach(coach, client_id)
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError(
            [
                Issue(
                    "weeks",
                    _("%(value)s is out of range; allowed %(low)s to %(high)s")
                    % {"value": weeks, "low": 1, "high": MAX_WEEKS},
                    weeks,
                    allowed=Range(low=1, high=MAX_WEEKS),
                )
            ]
        )
    profile = client_profile(client, today=today)
    first = program_start(profile, today=today, start=start)
    screening = screen_client(profile, as_of=first)
    # R32a: a program that screening withholds or that needs clearance is never assignable,
    # so none is generated: the coach is told what is missing and where to record it.
    decision = screening_decision(profile, screening, as_of=first)
    if decision.suspend:
        raise InputError(
            [Issue(m.field, m.message) for m in stop_words.generation_refused(
                decision, profile.sex.value)]
        )  # fmt: skip
    after = weeks_followed(client, first)
    program = generate_program(
        profile, screening, get_catalogue(), start=first, weeks=weeks,
        strength_as_of=min(today, first), after_weeks=after,
        working_max_kg=carried_maxes(client, profile, first, log=log) if after else None,
    )  # fmt: skip
    # Made and encoded before the write transaction: on SQLite every write transaction
    # holds the database's one write lock, and making the document (a 12-week program's
    # tens of thousands of values) would keep every other writer waiting meanwhile.
    document = {**program_document(program), "after_weeks": after}
    encoded = json_encoded(document)
    with concurrency.guarded(_("The program")):
        concurrency.hold_client(client.pk)  # her erasure waits, or wins (404)
        record = ProgramRecord.objects.create(
            client=client,
            start=first,
            weeks=len(program.weeks),
            status=program.status.value,
            document=encoded,
        )
    record.document = document
    # Her calendar taken now from the document in hand: assigning the program in this
    # process then reads no document (~240 KB of JSON) to plan her sessions.
    records.program_part(record, CALENDAR, _calendar)
    return record.pk


#: The part of a stored program an assignment plans her sessions from (``program_part``).
CALENDAR = "calendar"


def _calendar(document: dict[str, Any]) -> tuple[tuple[date, int, str], ...]:
    """Each session of a program document as (day, week, kind), in the document's order."""
    return tuple(
        (date.fromisoformat(s["date"]), w["week"], s["kind"])
        for w in document.get("weeks", [])
        for s in w["sessions"]
    )


def carried_maxes(
    client: Client, profile: ClientProfile, first: date, *, log: Sequence[SetLog] | None = None
) -> dict[str, float]:
    """R22a: the working maxes the coaching loop holds for her on the day before ``first``
    (re-estimated from her log, never lowered unless her performance fell), for a new block
    that continues her plan: its loads start from what she lifts now, not from her intake."""
    from .coaching import stored_log

    # Of her program's document (~240 KB of JSON) only what the maxes read, its working
    # maxes, taken out by the database: not the whole document parsed and the program
    # rebuilt (its start is the row's; ``weeks`` is the number of weeks it holds).
    current = (
        client.programs.filter(assigned=True)
        .values("start", "weeks", maxes=F("document__working_max_kg"))
        .first()
    )
    if current is None or not current["weeks"]:
        return {}
    day = first - timedelta(days=1)
    program = PlannedMaxes(
        current["start"],
        {exercise: float(kg) for exercise, kg in (current["maxes"] or {}).items()},
    )
    # Only the weeks the working maxes can read, not her whole log (the same answer as the
    # coaching loop's next prescriptions, without replaying every session since she began).
    since = maxes_read_from(program.start, day)
    if log is None:
        recent = stored_log(client, before=first, since=since)
        logged = bool(recent) or client.set_logs.filter(date__lt=first).exists()
    else:
        recent = [s for s in log if since <= s.date < first]
        logged = bool(recent) or any(s.date < first for s in log)
    if not logged:
        return {}
    maxes = working_maxes_on(
        program, recent, as_of=day, catalogue=get_catalogue(), units=profile.units,
        profile=profile, equipment=equipment_profile(profile),
    )  # fmt: skip
    return {w.exercise_id: w.one_rm_kg for w in maxes}


#: R18c: after more than four weeks away, a new block starts with familiarisation again.
LONG_BREAK_DAYS = 28


def weeks_followed(client: Client, first: date) -> int:
    """How many weeks of her plan she has followed before ``first``, for a new block that
    continues it (``generate_program(after_weeks=...)``): the weeks of her assigned program
    up to ``first`` on top of those it continued, or 0 (a fresh start with familiarisation,
    R14) when she has none or logged nothing in the last four weeks (R18c)."""
    # Of her program's document only "after_weeks" is read (not ~240 KB of JSON parsed).
    current = (
        client.programs.filter(assigned=True)
        .values("start", "weeks", after=KT("document__after_weeks"))
        .first()
    )
    if current is None or current["start"] >= first:
        return 0
    recent = client.set_logs.filter(
        date__gte=first - timedelta(days=LONG_BREAK_DAYS), date__lt=first
    )
    if not recent.exists():
        return 0
    done = min(current["weeks"], (first - current["start"]).days // 7)
    return int(current["after"] or 0) + done


def _program(
    user: AnyUser, client_id: int, program_id: int, *, document: bool = True
) -> ProgramRecord:
    """Her stored program (``document=False``: read without its document, which then loads
    on first use)."""
    client = client_for(user, client_id)
    rows = ProgramRecord.objects if document else ProgramRecord.objects.defer("document")
    try:
        return rows.get(pk=program_id, client=client)
    except (ProgramRecord.DoesNotExist, ValueError, OverflowError):
        raise NotFound from None


def program_for(
    user: AnyUser, client_id: int, program_id: int, *, display: bool = True
) -> dict[str, Any]:
    """A stored program document (the plan JSON contract) with its id and assignment.

    ``display=False`` leaves out each item's dose in words for every audience (a page that
    words only the week it shows saves the wording of a whole program's items) and adds
    ``units``, her units, which those words are in."""
    record = _program(user, client_id, program_id)
    # Her units from the stored intake (normalised when it was validated): the document's
    # words are in her units whatever day it is read.
    units = Units(record.client.profile.get("units") or Units.KG.value)
    if not display:
        return {**record.document, "id": record.pk, "assigned": record.assigned,
                "version": record.version, "units": units.value}  # fmt: skip
    document = with_display(record.document, units)
    return {**document, "id": record.pk, "assigned": record.assigned, "version": record.version}


def programs_of(user: AnyUser, client_id: int) -> list[ProgramSummary]:
    """Her programs, newest first; ``weeks`` is what the stored program holds (a program
    stored without sessions has 0, whatever was asked for: stored so since R32a, and
    corrected for earlier programs by migration 0004)."""
    client = client_for(user, client_id)
    return [
        ProgramSummary(
            program_id=p.pk,
            start=p.start,
            weeks=p.weeks,
            status=p.status,
            assigned=p.assigned,
            created=p.created.date(),
        )  # fmt: skip
        for p in client.programs.defer("document")
    ]


def generation_blockers(profile: ClientProfile, *, today: date) -> tuple[str, ...]:
    """What is missing before a program can be generated for her (R32a), in the coach's
    words; empty when her screening allows one. ``profile`` is her current profile (as
    :func:`~.clients.profile_for` returns it)."""
    first = program_start(profile, today=today)
    decision = screening_decision(profile, screen_client(profile, as_of=first), as_of=first)
    if not decision.suspend:
        return ()
    return tuple(m.message for m in stop_words.generation_refused(decision, profile.sex.value))


def assign_program(
    coach: AnyUser, client_id: int, program_id: int, *, version: int | None = None
) -> None:
    """Make this the program she follows; her calendar of planned sessions is rebuilt from
    its start (what the earlier program planned before that stays: her adherence history).

    ``version``: the program's version the coach reviewed (``program_for(...)["version"]``);
    a program swapped or (un)assigned since is not assigned (:class:`~.versions.Conflict`).
    The program she followed before is unassigned and its version bumped too."""
    client = client_for_coach(coach, client_id)
    record = _program(coach, client.pk, program_id, document=False)
    if record.status != ProgramStatus.READY.value:
        # R32a: never assign what screening withheld or what needs clearance (programs
        # stored before generation refused them).
        raise InputError(
            [Issue("program", _("program %(id)s is %(status)s: only a program whose screening "
                                "is ready can be assigned; record what is missing in her "
                                "profile and generate a new one")
                   % {"id": record.pk, "status": _(STATUS_NAMES.get(record.status, record.status))},
                   record.status)]
        )  # fmt: skip
    # Read before the write transaction (a document not yet read in this process is parsed
    # outside it); the version read is the one claimed below, so the calendar is its own.
    calendar = records.program_part(record, CALENDAR, _calendar)
    with concurrency.guarded(_("The program")):
        # Two assignments for her at once queue here (on PostgreSQL too): the second sees
        # what the first assigned, so she never ends with two programs or none.
        concurrency.claim_client(client.pk)
        record.version = versions.claim(
            ProgramRecord,
            record.pk,
            read=record.version,
            given=version,
            what=gettext_noop("The program"),
        )
        ProgramRecord.objects.filter(client=client, assigned=True).exclude(pk=record.pk).update(
            assigned=False, version=F("version") + 1
        )
        record.assigned = True
        record.save(update_fields=["assigned", "updated"])
        # Her calendar keeps the sessions the earlier program planned before this one starts,
        # so her adherence over the last 4 weeks runs on across blocks (issue 17); only the
        # dates the new program takes over are replaced.
        PlannedSession.objects.filter(client=client, date__gte=record.start).delete()
        insert_planned_sessions(client.pk, record.pk, calendar)


def assigned_program(user: AnyUser, client_id: int) -> dict[str, Any] | None:
    client = client_for(user, client_id)
    record = client.programs.filter(assigned=True).first()
    if record is None:
        return None
    return {**record.document, "id": record.pk, "assigned": True}


def swap_options(
    coach: AnyUser, client_id: int, program_id: int, exercise_id: str, *, today: date
) -> list[dict[str, str]]:
    """Exercises that may replace ``exercise_id``: same component and pattern, permitted by
    the screening stored with the program, and available with her equipment."""
    client = client_for_coach(coach, client_id)
    record = _program(coach, client.pk, program_id)
    current = _find_item(record.document, exercise_id)
    if current is None:
        raise NotFound
    profile = client_profile(client, today=today)
    screening = screen_client(profile, as_of=record.start)
    catalogue = get_catalogue()
    return [
        {"id": e.id, "name": e.name}
        for e in allowed_exercises(profile, screening, catalogue)
        if e.id != exercise_id
        and e.component.value == current["component"]
        and e.pattern.value == current["pattern"]
    ]


def swap_exercise(
    coach: AnyUser,
    client_id: int,
    program_id: int,
    old_id: str,
    new_id: str,
    *,
    today: date,
    version: int | None = None,
) -> None:
    """Replace one exercise by a permitted alternative everywhere in the program.

    ``version``: the program's version the coach opened. The swap is computed from the
    stored program and written only if nobody changed it meanwhile (checked against the
    version read even without ``version``), so of two swaps at once one is refused with
    :class:`~.versions.Conflict` instead of being lost. The program document changes, so
    the coaching loop's cache (keyed by the document's content) is not reused."""
    client_for_coach(coach, client_id)
    record = _program(coach, client_id, program_id)
    if version is not None and version != record.version:
        # Before the options: the exercise she meant may already have been swapped away.
        raise versions.Conflict("The program", given=version, current=record.version)
    options = {o["id"] for o in swap_options(coach, client_id, program_id, old_id, today=today)}
    if new_id not in options:
        allowed = ", ".join(sorted(options)) or _("none")
        raise InputError(
            [
                Issue(
                    "exercise",
                    _("%(value)s is not allowed here; allowed: %(allowed)s")
                    % {"value": repr(new_id), "allowed": allowed},
                    new_id,
                )
            ]
        )
    document = _swapped(record, old_id, new_id, today=today)
    with transaction.atomic():
        record.version = versions.claim(
            ProgramRecord,
            record.pk,
            read=record.version,
            given=version,
            what=gettext_noop("The program"),
        )
        record.document = document
        record.save(update_fields=["document", "updated"])


def _swapped(record: ProgramRecord, old_id: str, new_id: str, *, today: date) -> dict[str, Any]:
    """The stored document with every ``old_id`` item re-dosed as ``new_id`` by the engine
    (:func:`redose_item`, for each week's own phase), each resistance session's item fitted
    into the time her session had left, and the sessions' minutes and the weeks' balance
    minutes and impacts recounted."""
    catalogue = get_catalogue()
    new = catalogue[new_id]
    document: dict[str, Any] = record.document
    profile = client_profile(record.client, today=today)
    screening = from_jsonable(Screening, document["screening"])
    strength_as_of = min(today, record.start)
    budget_s = profile.schedule.minutes_per_session * 60
    for week in document.get("weeks", []):
        changed = False
        for session in week["sessions"]:
            items = [from_jsonable(ProgramItem, i) for i in session["items"]]
            if not any(i.exercise_id == old_id for i in items):
                continue
            changed = True
            for index, item in enumerate(items):
                if item.exercise_id != old_id:
                    continue
                others = items[:index] + items[index + 1 :]
                fit = (
                    budget_s - session_seconds(others, catalogue)
                    if session.get("kind") == "resistance"
                    else None
                )
                items[index] = redose_item(
                    item, new, week=week["week"], screening=screening, profile=profile,
                    catalogue=catalogue, strength_as_of=strength_as_of, fit_seconds=fit,
                )  # fmt: skip
                session["items"][index] = jsonable(items[index])
            session["minutes"] = -(-session_seconds(items, catalogue) // 60)
        if changed:
            all_items = [
                from_jsonable(ProgramItem, i) for s in week["sessions"] for i in s["items"]
            ]
            week["balance_minutes"] = week_balance_minutes(all_items, catalogue)
            week["impacts"] = sum(i.impacts or 0 for i in all_items)
    return document


def _find_item(document: dict[str, Any], exercise_id: str) -> dict[str, Any] | None:
    for week in document.get("weeks", []):
        for session in week["sessions"]:
            for item in session["items"]:
                if item["exercise_id"] == exercise_id:
                    return dict(item)
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class TodayView:
    """What the client sees on her phone: today's session, or the next one."""

    client_name: str
    paused: bool
    paused_reason: str
    session: dict[str, Any] | None
    is_today: bool
    week: int | None
    phase: str | None
    program_status: str | None
    next_steps: tuple[str, ...]
    cues: dict[str, list[str]]
    stop_message: str = ""
    """While paused: why and what to do now, in her words (R32, R32a)."""
    stop_source: str = ""
    """While paused: ``client_report`` (R32) or ``coach_record`` (R32a)."""


def today_session(user: AnyUser, client_id: int, *, today: date) -> TodayView:
    client = client_for(user, client_id)
    return today_view(client, client.programs.filter(assigned=True).first(), today=today)


@dataclass(frozen=True, slots=True)
class _DayInProgram:
    """What her Today page takes from a stored program on one day: the screening's next
    steps and the session on or after that day, with its week and phase."""

    steps: tuple[str, ...]
    session: dict[str, Any] | None
    week: int | None
    phase: str | None
    is_today: bool


def _day_of(today: date, doc: dict[str, Any]) -> _DayInProgram:
    steps = tuple(doc.get("screening", {}).get("next_steps", []))
    day = today.isoformat()
    for week in doc.get("weeks", []):
        for s in week["sessions"]:
            if s["date"] >= day:
                return _DayInProgram(steps, s, week["week"], week["phase"], s["date"] == day)
    return _DayInProgram(steps, None, None, None, False)


def today_view(client: Client, record: ProgramRecord | None, *, today: date) -> TodayView:
    """Her session on or after ``today`` in ``record`` (her assigned program, if any)."""
    session = None
    week_no = phase = None
    is_today = False
    steps: tuple[str, ...] = ()
    if record is not None:
        on = records.program_part(record, f"day:{today.isoformat()}", partial(_day_of, today))
        steps, week_no, phase, is_today = on.steps, on.week, on.phase, on.is_today
        # her own copy: what the page does with it never reaches the shared part
        session = copy.deepcopy(on.session)
    catalogue = get_catalogue()
    cues = {}
    if session is not None:
        for item in session["items"]:
            ex = catalogue.get(item["exercise_id"])
            if ex is not None:
                cues[item["exercise_id"]] = list(ex.cues)
    return TodayView(
        client_name=client.name,
        paused=client.paused,
        paused_reason=client.paused_reason,
        session=session,
        is_today=is_today,
        week=week_no,
        phase=phase,
        program_status=record.status if record else None,
        next_steps=steps,
        cues=cues,
        **_stop_words(client, today) if client.paused else {},
    )


def _stop_words(client: Client, today: date) -> dict[str, str]:
    """Why her program is paused, for her: her coach's record if her screening today stops
    it (R32a), else her latest stop report (R32)."""
    decision = stops.current_decision(client, today=today)
    if not decision.suspend:
        report = next(
            (r for r in client.symptom_reports.order_by("-date", "-id")
             if stop_symptoms(Symptom(s) for s in r.symptoms)),
            None,
        )  # fmt: skip
        decision = report_decision(
            (Symptom(s) for s in report.symptoms) if report else (),
            reported_on=report.date if report else today,
        )
    if not decision.suspend:
        return {"stop_source": Source.CLIENT_REPORT.value}
    return {
        "stop_message": stop_words.for_client(decision, today),
        "stop_source": decision.source.value,
    }


def summary_dict(summary: ProgramSummary) -> dict[str, Any]:
    return dataclasses.asdict(summary)
