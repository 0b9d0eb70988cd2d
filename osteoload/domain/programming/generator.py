"""The program generator: a screened profile in, a dated week-by-week program out.

:func:`generate_program` builds each week (:mod:`.week`), then sets loads from her working
maxes (R15, R22: :func:`working_maxes`) and keeps each week's step in %1RM to at most
:data:`~.phases.MAX_WEEKLY_STEP_PCT`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from ..catalogue import Catalogue
from ..equipment import equipment_profile
from ..errors import DomainError
from ..one_rm import EstimateMethod, OneRmEstimate, pct_1rm, working_max_from_sets
from ..profile import ClientProfile
from ..program import Program, ProgramItem, Screening, Session, Week
from ..units import implement_for, round_load_down
from ..vocabulary import (
    Component,
    ProgramStatus,
)
from .choosing import Chooser, allowed_exercises, max_exercise_level
from .dosing import replace_item
from .phases import MAX_WEEKLY_STEP_PCT
from .schedule import check_components, check_resistance_days
from .week import WeekBuilder

# --- The generator ------------------------------------------------------------------------


def generate_program(
    profile: ClientProfile,
    screening: Screening,
    catalogue: Catalogue,
    *,
    start: date,
    weeks: int = 12,
    strength_as_of: date | None = None,
    after_weeks: int = 0,
    working_max_kg: Mapping[str, float] | None = None,
) -> Program:
    """Generate a ``weeks``-long program starting on ``start`` (any weekday).

    ``after_weeks``: the program is the next block of a plan she has already followed for
    that many weeks without a long break, so it continues the plan's phases (build,
    strength, deloads) instead of starting again with familiarisation, which R14 asks for
    once, and again only after a break of more than four weeks (R18c). Its weeks are still
    numbered from 1.

    Loads come from the profile's recent ``strength`` sets (R22 working max, sets within six
    weeks of ``strength_as_of``, default ``start``), rounded down to real equipment in the
    client's units; items without a usable set carry an effort target and a note instead.
    ``working_max_kg``: working maxes carried from her log (the coaching loop's, R22a), by
    exercise id; they replace the profile's estimates, so a new block starts from what she
    lifts now and not from her intake.

    A ``needs_clearance`` result, or any screening with ``sessions_allowed`` false (R1, R2,
    R5, R25 A, R32), has no sessions; a ``withheld`` result that allows gentle work has
    only walking, mobility, posture and supported balance (no resistance or impact items).
    See the module docstring for the rules applied.
    """
    if not 1 <= weeks <= 52:
        raise ValueError("weeks must be 1 to 52")
    pool = allowed_exercises(profile, screening, catalogue)
    chooser = Chooser(profile, screening, pool, max_exercise_level(profile, screening))
    notes: list[str] = list(screening.next_steps)
    if not screening.sessions_allowed or screening.status is ProgramStatus.NEEDS_CLEARANCE:
        notes.insert(0, NO_SESSIONS_NOTE)
        return Program(status=screening.status, screening=screening, start=start, weeks=(),
                       working_max_kg={}, notes=tuple(notes))  # fmt: skip
    if after_weeks < 0:
        raise ValueError("after_weeks must be 0 or more")
    if screening.resistance_allowed:
        check_resistance_days(profile.schedule.resistance_days)
    # The builder counts plan weeks from the plan's first day, before this block.
    builder = WeekBuilder(profile, screening, chooser, start - timedelta(weeks=after_weeks))
    built = tuple(builder.week(n) for n in range(after_weeks + 1, after_weeks + weeks + 1))
    built = _clamp_weekly_steps(built)
    check_components(built, resistance_allowed=_lifts_allowed(screening))
    maxes = working_maxes(profile, as_of=strength_as_of or start)
    for exercise_id, one_rm in (working_max_kg or {}).items():
        maxes[exercise_id] = carried_max(one_rm)
    built = _apply_loads(built, profile, maxes, catalogue)
    if after_weeks:
        built = tuple(replace(w, week=w.week - after_weeks) for w in built)
    if screening.status is ProgramStatus.WITHHELD:
        notes.insert(0, GENTLE_ONLY_NOTE)
    if any(i.intensity_pct_1rm is not None and i.load_kg is None for i in _items(built)):
        notes.append(FIRST_LOAD_NOTE)
    return Program(status=screening.status, screening=screening, start=start, weeks=built,
                   working_max_kg={k: v.one_rm_kg for k, v in maxes.items()},
                   notes=tuple(notes))  # fmt: skip


def _lifts_allowed(screening: Screening) -> bool:
    """Whether her program must hold resistance work (R26): screening allows it and the
    program is not the gentle one a withheld result gets."""
    return screening.resistance_allowed and screening.status is not ProgramStatus.WITHHELD


#: A program without sessions (R1, R2, R5, R25 A, R32): the screening's steps come first.
NO_SESSIONS_NOTE = "No exercise sessions until the steps below are done."
#: A withheld result that allows gentle work only.
GENTLE_ONLY_NOTE = "Gentle program only: no lifting and no impact until reviewed."

#: How to find a first load safely when no recent set is recorded (R20: no maximal testing).
FIRST_LOAD_NOTE = (
    "Where no weight is given, find it in the first session: start light, and add a little "
    "each set until the set feels like the effort shown, with about three more repetitions "
    "left in you. Never test your maximum lift."
)


def carried_max(one_rm_kg: float) -> OneRmEstimate:
    """A working max carried from her log (R22a), as an estimate record."""
    return OneRmEstimate(
        one_rm_kg=one_rm_kg, estimates={}, mean_kg=one_rm_kg,
        method=EstimateMethod.CARRIED, reliable=True, warnings=(), flags=(),
        load_kg=one_rm_kg, reps=1, rpe=None, reps_to_failure=1.0,
    )  # fmt: skip


def working_maxes(profile: ClientProfile, *, as_of: date) -> dict[str, OneRmEstimate]:
    """R22 working 1RM for every exercise with a usable recent set in the profile."""
    out: dict[str, OneRmEstimate] = {}
    for exercise in sorted({s.exercise for s in profile.strength}):
        try:
            estimate = working_max_from_sets(profile.strength, exercise, as_of=as_of)
        except DomainError:
            continue
        if estimate is not None and estimate.reliable:
            out[exercise] = estimate
    return out


def _items(weeks: Sequence[Week]) -> list[ProgramItem]:
    return [i for w in weeks for s in w.sessions for i in s.items]


def _apply_loads(
    weeks: tuple[Week, ...],
    profile: ClientProfile,
    maxes: dict[str, OneRmEstimate],
    catalogue: Catalogue,
) -> tuple[Week, ...]:
    """Loads from the working max and the prescribed %1RM (or reps at target RPE), rounded down."""
    if not maxes:
        return weeks

    def load(item: ProgramItem) -> ProgramItem:
        return load_item(item, maxes.get(item.exercise_id), profile, catalogue)

    def load_session(session: Session) -> Session:
        items = tuple(load(i) for i in session.items)
        if all(a is b for a, b in zip(items, session.items, strict=True)):
            return session  # nothing loaded: keep the record rather than copy it
        return replace(session, items=items)

    return tuple(_replace_sessions(w, tuple(load_session(s) for s in w.sessions)) for w in weeks)


def load_item(
    item: ProgramItem, estimate: OneRmEstimate | None, profile: ClientProfile, catalogue: Catalogue
) -> ProgramItem:
    """``item`` with its load from the working max (the prescribed %1RM, or its reps at the
    target RPE), rounded down to her equipment; ``item`` itself when it has none."""
    if estimate is None or item.component is not Component.RESISTANCE:
        return item
    if item.intensity_pct_1rm is not None:
        share = item.intensity_pct_1rm / 100
    elif item.reps is not None and item.target_rpe is not None and item.reps <= 12:
        share = pct_1rm(item.reps, max(6.5, item.target_rpe))
    else:
        return item
    kind = implement_for(catalogue[item.exercise_id].equipment, profile.equipment)
    rounded = round_load_down(
        estimate.one_rm_kg * share, kind, equipment_profile(profile), units=profile.units
    )
    if rounded.load_kg is None:
        return replace_item(item, note=rounded.label)
    return replace_item(item, load_kg=rounded.load_kg, load_display=rounded.label, note=None)


def _replace_sessions(week: Week, sessions: tuple[Session, ...]) -> Week:
    """``week`` with ``sessions``; the same record when no session changed."""
    if all(a is b for a, b in zip(sessions, week.sessions, strict=True)):
        return week
    return replace(week, sessions=sessions)


def _clamp_weekly_steps(weeks: tuple[Week, ...]) -> tuple[Week, ...]:
    """Guarantee no exercise's %1RM rises more than 10 points from one week to the next."""
    last: dict[str, float] = {}
    out = []
    for week in weeks:
        seen: dict[str, float] = {}
        sessions = []
        for session in week.sessions:
            items = []
            changed = False
            for item in session.items:
                pct = item.intensity_pct_1rm
                if pct is not None:
                    previous = last.get(item.exercise_id)
                    if previous is not None and pct > previous + MAX_WEEKLY_STEP_PCT:
                        pct = previous + MAX_WEEKLY_STEP_PCT
                        item = replace_item(item, intensity_pct_1rm=pct)
                        changed = True
                    seen[item.exercise_id] = max(seen.get(item.exercise_id, 0.0), pct)
                items.append(item)
            sessions.append(replace(session, items=tuple(items)) if changed else session)
        last.update(seen)
        out.append(_replace_sessions(week, tuple(sessions)))
    return tuple(out)
