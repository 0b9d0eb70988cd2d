"""The coaching loop: what should she do next, from her stored program and stored logs.

One service answers it for every front end: her Today page, ``GET /api/v1/clients/{id}/next``,
the coach's program view and the simulation. It calls the same engine function as
``osteoload next`` (:func:`osteoload.domain.progression.next_prescriptions`) on the program
she was assigned (as stored, swaps included) and the sets she logged, so that the command
line, the API and the app give the same prescription for the same data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from osteoload.domain.equipment import equipment_profile
from osteoload.domain.logs import SetLog
from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Program
from osteoload.domain.progression import (
    NextItem,
    NextPrescriptions,
    attention_flags,
    next_prescriptions,
)
from osteoload.domain.serialize import jsonable
from osteoload.domain.vocabulary import Units
from osteoload.store import records
from osteoload.store.models import Client, ProgramRecord
from osteoload.wording.dose import last_time_text
from osteoload.wording.progression import with_reasons

from .access import AnyUser, client_for
from .catalogue import get_catalogue
from .client_programs import TodayView, today_view
from .clients import client_profile


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientNext:
    """Her next prescriptions, with the program and the log they were computed from."""

    program_id: int
    program_start: date
    prescriptions: NextPrescriptions
    last_time: dict[str, str]
    """Per exercise: what she did the last time, in words ("10 kg × 12, effort 7")."""
    units: str
    """Her units (``kg`` or ``lb``), from the profile the prescription was computed for."""
    last_sets: dict[str, tuple[SetLog, ...]] = field(default_factory=dict)
    """Per exercise: the sets of her last session of it, in order (her phone shows each set
    beside the set she is on)."""
    language: str = ""
    """The language of the words (reasons, last times): the one active when they were made."""
    decided: NextPrescriptions | None = None
    """``prescriptions`` as the engine decided them, before any words: another language's
    reader gets hers from these (:func:`_said`)."""

    def item(self, exercise_id: str) -> NextItem | None:
        """The next prescription that replaces ``exercise_id`` in the stored program (the
        same exercise, or the balance progression that took over from it)."""
        for item in self.prescriptions.items:
            if item.exercise_id == exercise_id or item.replaces == exercise_id:
                return item
        return None


def stored_log(
    client: Client, *, before: date | None = None, since: date | None = None
) -> list[SetLog]:
    """Her logged sets as engine records, oldest first (only those before ``before``, and
    only those on or after ``since``)."""
    return records.set_logs_of_client(client.pk, before=before, since=since)


def earlier_blocks(client: Client, current: ProgramRecord) -> list[Program]:
    """The blocks she trained on before ``current``: the programs her logged sets belong to
    (R18: successes count across blocks)."""
    return records.earlier_programs(client.pk, current.pk, current.start)


def stored_program(record: ProgramRecord) -> Program:
    """The assigned program as the engine's record, exactly as stored (swaps included)."""
    return records.program_of(record)


def compute_next(
    program: Program,
    profile: ClientProfile,
    log: Sequence[SetLog],
    *,
    as_of: date,
    earlier: Sequence[Program] = (),
    worded: bool = True,
) -> NextPrescriptions:
    """The engine call every front end shares (and ``osteoload next`` makes), with each
    item's reason in words (the wording layer's, in the active language); ``worded=False``
    leaves them to :func:`in_words` (what is kept in the cache: decisions, not words)."""
    answer = next_prescriptions(
        program,
        log,
        as_of=as_of,
        catalogue=get_catalogue(),
        units=profile.units,
        profile=profile,
        equipment=equipment_profile(profile),
        earlier=earlier,
    )
    return in_words(answer, profile.units) if worded else answer


def in_words(answer: NextPrescriptions, units: Units | str) -> NextPrescriptions:
    """``answer`` with every reason and finding in words, in the active language."""
    catalogue = get_catalogue()
    return with_reasons(answer, units, {k: e.name for k, e in catalogue.items()})


def last_sessions(log: Sequence[SetLog]) -> dict[str, tuple[SetLog, ...]]:
    """Per exercise, the sets of her last session of it, in order."""
    last: dict[str, tuple[date, list[SetLog]]] = {}
    for s in log:
        day, sets = last.get(s.exercise_id, (date.min, []))
        if s.date > day:
            last[s.exercise_id] = (s.date, [s])
        elif s.date == day:
            sets.append(s)
    return {k: tuple(sets) for k, (_day, sets) in last.items()}


def last_times(log: Sequence[SetLog], units: str) -> dict[str, str]:
    """Per exercise, her last session's sets in words (the wording layer's)."""
    return _last_time_words(last_sessions(log), units)


def _last_time_words(last: Mapping[str, Sequence[SetLog]], units: str) -> dict[str, str]:
    """Per exercise, the sets of her last session of it in words, in the active language."""
    out: dict[str, str] = {}
    for exercise_id, sets in last.items():
        text = last_time_text(sets, units)
        if text:
            out[exercise_id] = text
    return out


def next_for_client(user: AnyUser, client_id: int, *, today: date) -> ClientNext | None:
    """Her next prescriptions from her assigned program and her log; ``None`` without one.

    Sets logged ``today`` do not move today's prescription while she is in the middle of
    the session: the engine sees her log up to yesterday and plans the session on or after
    today.
    """
    client = client_for(user, client_id)
    record = assigned_program(client)
    if record is None:
        return None
    return next_on(client, record, today)[0]


def assigned_program(client: Client) -> ProgramRecord | None:
    """Her assigned program, if it has weeks to prescribe from."""
    record = client.programs.filter(assigned=True).first()
    if record is None or not record.document.get("weeks"):
        return None
    return record


def next_on(
    client: Client, record: ProgramRecord, day: date, *, timeout: int = 0
) -> tuple[ClientNext, bool]:
    """Her next prescriptions on ``day`` from ``record``: from the cache, or computed and
    kept there for ``timeout`` seconds (default :data:`NEXT_CACHE_SECONDS`); and whether they
    were computed now."""
    profile = client_profile(client, today=day)
    key = _cache_key(client, record, profile, day)
    cached = cache.get(key)
    if isinstance(cached, ClientNext):
        return _said(cached), False
    answer = compute_and_keep(
        client, record, profile, day, key, timeout=timeout or NEXT_CACHE_SECONDS
    )
    return _said(answer), True


def _said(nxt: ClientNext) -> ClientNext:
    """Her next prescriptions with their reasons and last times in the language of this
    request. The cache keeps them worded in the language of the request that computed them
    (the usual reader: wording them again costs about a millisecond a request) and the
    engine's decisions besides, so that a coach reading in English and her reading in
    Spanish each get their own words."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if nxt.language == language or nxt.decided is None:
        return nxt
    return replace(
        nxt,
        prescriptions=in_words(nxt.decided, nxt.units),
        last_time=_last_time_words(nxt.last_sets, nxt.units),
        language=language,
    )


def compute_and_keep(
    client: Client,
    record: ProgramRecord,
    profile: ClientProfile,
    day: date,
    key: str,
    *,
    timeout: int,
) -> ClientNext:
    """Her next prescriptions on ``day`` computed from her stored log (the replay), kept in
    the cache under ``key`` for ``timeout`` seconds, and her roster flags brought up to date."""
    log = stored_log(client, before=day)
    program = stored_program(record)
    result = compute_next(
        program, profile, log, as_of=day, earlier=earlier_blocks(client, record), worded=False
    )
    answer = ClientNext(
        program_id=record.pk,
        program_start=record.start,
        prescriptions=in_words(result, profile.units),
        decided=result,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        last_time=last_times(log, profile.units.value),
        units=profile.units.value,
        last_sets=last_sessions(log),
    )
    cache.set(key, answer, timeout=timeout)
    flags = list(attention_flags(result))
    if flags != list(client.progress_flags or []):
        # for the roster (a write only when what needs attention changes)
        Client.objects.filter(pk=client.pk).update(progress_flags=flags)
    return answer


#: How long a computed next prescription is kept. Any change to what it was computed from
#: (her log before the day, her program, her profile, the day) gives a new key, so this only
#: bounds memory, never staleness.
NEXT_CACHE_SECONDS = 6 * 3600


def _cache_key(client: Client, record: ProgramRecord, profile: ClientProfile, today: date) -> str:
    """A key that changes whenever anything :func:`next_for_client` reads changes: the sets
    logged before ``today`` (:func:`log_stamp`), the assigned program as stored (its version
    and last change), her profile and the day. Sets logged today do not move today's
    prescription, so logging a set keeps it."""
    log = records.log_stamp(client.pk, until=today - timedelta(days=1))
    # The stored program changes only through a claimed version (a swap) with its time
    # stamp, so these stand for its document without hashing 200 KB of JSON.
    program = f"{record.version}:{record.updated.isoformat()}"
    text = "|".join(
        (str(client.pk), str(record.pk), program, repr(log), repr(profile),
         today.isoformat())
    )  # fmt: skip
    # v2: NextItem carries ``notes``; v3: ClientNext carries ``last_sets``; v4: ClientNext
    # carries its words' ``language`` and the ``decided`` prescriptions (a cached answer of an
    # older shape is not read back)
    return "osteoload:next:v4:" + hashlib.sha256(text.encode()).hexdigest()


def with_next(item: dict[str, Any], nxt: NextItem | None) -> dict[str, Any]:
    """A stored program item with the dose of her next prescription (plan-JSON form)."""
    if nxt is None:
        return item
    return {
        **item,
        "exercise_id": nxt.exercise_id,
        "name": nxt.name,
        "sets": nxt.sets,
        "reps": nxt.reps,
        "hold_s": nxt.hold_s,
        "impacts": nxt.impacts,
        "minutes": nxt.minutes,
        "load_kg": nxt.load_kg,
        "load_display": nxt.load_display,
        "target_rpe": nxt.target_rpe,
        # R18a: the other ways up when no load step fits (mixed loads, a slower tempo)
        "heavier_sets": nxt.heavier_sets,
        "heavier_load_kg": nxt.heavier_load_kg,
        "heavier_load_display": nxt.heavier_load_display,
        "heavier_reps": nxt.heavier_reps,
        "tempo": nxt.tempo,
        "harder_variation": nxt.harder_variation,
        # R18a / R23a: the harder exercise that took over this item, if one did
        "replaces": nxt.replaces,
        # The %1RM of the stored plan no longer describes a load the engine moved.
        "intensity_pct_1rm": item.get("intensity_pct_1rm") if nxt.load_kg is None else None,
        # A plan item without a load carries the plan's words for choosing one (or for the
        # lightest load being too heavy): once the engine gives her a load they no longer
        # hold, and their effort is the plan's, not the engine's (the dose says the effort).
        "note": item.get("note") if nxt.load_kg is None or item.get("load_kg") else None,
    }


def next_document(nxt: ClientNext) -> dict[str, Any]:
    """The ``next`` JSON contract as the API serves it for a stored client."""
    p = nxt.prescriptions
    return {
        "schema_version": 1,
        "program_id": nxt.program_id,
        "status": p.status.value,
        "as_of": p.as_of.isoformat(),
        "program_start": nxt.program_start.isoformat(),
        "week": p.week,
        "phase": p.phase.value if p.phase is not None else None,
        "last_logged": p.last_logged.isoformat() if p.last_logged else None,
        "items": [{**jsonable(i), "last_time": nxt.last_time.get(i.exercise_id)} for i in p.items],
        "findings": jsonable(p.findings),
        "working_maxes": jsonable(p.working_maxes),
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class DosedToday:
    """Her Today page's session as the coaching loop doses it."""

    view: TodayView
    """The stored program's session for today (or the next one), pause and cues."""
    next: ClientNext | None
    """Her next prescriptions; ``None`` when paused or without a session to dose."""
    session: dict[str, Any] | None
    """``view.session`` with every item dosed by ``next`` (as stored when ``next`` is None)."""
    cues: dict[str, list[str]]
    """The catalogue's cues for every exercise of ``session``."""
    loadable: frozenset[str] = frozenset()
    """The exercises of ``session`` that take a load she chooses or is given (dumbbells,
    kettlebells, a barbell, a machine): the catalogue's ``loadable``. Band, body-weight,
    balance and impact items take none."""


def dosed_today(user: AnyUser, client_id: int, *, today: date) -> DosedToday:
    """What her Today page shows on ``today``: the session of her stored program, dosed by
    her next prescription unless the program is paused. The web page, the simulation and
    the tests all read Today through this."""
    # Her record and her program's row are read once, for the session and its doses; the
    # program's document (the largest value of the page) only when this process has not
    # taken this version's session of the day or its engine record before
    # (records.program_part, records.program_of).
    client = client_for(user, client_id, with_profile=True)
    record = client.programs.filter(assigned=True).defer("document").first()
    view = today_view(client, record, today=today)
    nxt = None
    if view.session is not None and not view.paused and record is not None:
        nxt = next_on(client, record, today)[0]
    session = session_with_next(view.session, nxt)
    return DosedToday(
        view=view,
        next=nxt,
        session=session,
        cues={**view.cues, **cues_of(session)},
        loadable=loadable_of(session),
    )


def session_with_next(
    session: dict[str, Any] | None, nxt: ClientNext | None
) -> dict[str, Any] | None:
    """A stored session (plan-JSON form) with every item dosed by her next prescription."""
    if session is None or nxt is None:
        return session
    return {
        **session,
        "items": [with_next(i, nxt.item(i["exercise_id"])) for i in session["items"]],
    }


def loadable_of(session: dict[str, Any] | None) -> frozenset[str]:
    """The exercises of a session that take a load (the catalogue's ``loadable``)."""
    catalogue = get_catalogue()
    return frozenset(
        i["exercise_id"]
        for i in (session or {}).get("items", [])
        if (e := catalogue.get(i["exercise_id"])) is not None and e.loadable
    )


def cues_of(session: dict[str, Any] | None) -> dict[str, list[str]]:
    """The catalogue's cues for each exercise of a session."""
    catalogue = get_catalogue()
    out: dict[str, list[str]] = {}
    for item in (session or {}).get("items", []):
        exercise = catalogue.get(item["exercise_id"])
        if exercise is not None:
            out[item["exercise_id"]] = list(exercise.cues)
    return out
