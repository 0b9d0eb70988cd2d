"""Virtual clients who follow the app: judge the coaching by what happens to their loads.

A simulated client is set up as a coach would (intake, a 12-week block generated and
assigned, a login), then lives day by day: on every planned day she opens Today (the same
services the page uses: :func:`osteoload.services.client_programs.today_session` dosed by the
coaching loop, :func:`osteoload.services.coaching.session_with_next`) and logs every set the
page asks for, as her behaviour says (at the target effort, a point over or under, missing
weeks, a painful set, a heavier load than asked). When a block ends her coach generates
and assigns the next one.

The strength model (documented in ``docs/science/progression.md``): her true one-repetition
maximum on each lift starts at the working max the program estimated (or, for a lift with
no estimate, at what her first chosen load implies at the prescribed reps and effort) and
grows by :data:`WEEKLY_GAIN_FIRST_12` a week for 12 weeks, then by
:data:`WEEKLY_GAIN_AFTER` a week (untrained women commonly gain 20-40 % in 12 weeks, R34;
the model takes the low end). The tables show each lift's prescribed load by week and that
load as a percentage of the modelled 1RM. Her behaviour sets the effort she logs, but never
more than the model allows: asked for more reps than her modelled maximum allows at that
load, she does the reps she can and logs effort 10 (a failure the engine must answer).

Everything runs in a database transaction that is rolled back: nothing is kept.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.db import transaction

from osteoload.domain.equipment import equipment_profile
from osteoload.domain.one_rm import pct_1rm
from osteoload.domain.program import Program
from osteoload.domain.progression import next_load_up, rep_range
from osteoload.domain.serialize import from_jsonable
from osteoload.domain.units import EquipmentProfile, implement_for, kg_to_lb, round_load_down
from osteoload.domain.vocabulary import Equipment, Phase, Units
from osteoload.services import client_programs, clients, coaching, training_log
from osteoload.services.catalogue import get_catalogue
from osteoload.wording.dose import dose_of

from .seed import BLOCK_WEEKS
from .strength_model import implied_one_rm, reps_to_failure
from .synthetic import first_load_kg

#: Modelled weekly strength gain of a compliant novice in her first 12 weeks (R34: 20-40 %
#: in 12 weeks; 1.5 %/week compounds to about +20 %, the floor).
WEEKLY_GAIN_FIRST_12 = 0.015
#: Afterwards gains slow (R34: "progress continues at a slower rate").
WEEKLY_GAIN_AFTER = 0.005


class Behaviour(StrEnum):
    """How a virtual client logs what she is asked to do."""

    AT_TARGET = "at_target"
    """Every prescribed set and rep, at the target effort."""
    ONE_OVER = "one_over"
    """Every rep, but one point of effort over the target (R18b: a hold, not a failure)."""
    ONE_UNDER = "one_under"
    """Every rep, one point under the target."""
    TWO_UNDER = "two_under"
    """Every rep, two points under the target ("too easy", R18b)."""
    MISSED_WEEKS = "missed_weeks"
    """At target, but away for weeks 5 and 6 (R18c)."""
    PAINFUL_SET = "painful_set"
    """At target, but pain 5/10 on the last set of one lift in week 3 (R18c)."""
    CHOOSES_HEAVIER = "chooses_heavier"
    """At target, but from week 3 the first two sessions of each lift served with a load
    (deload weeks and mixed loads aside) one step of her equipment heavier than served,
    every set, for the bottom of the plan's rep range: within her modelled strength (R18:
    judged as a new load, never as a failure of the reps asked at the lighter one)."""


#: :attr:`Behaviour.CHOOSES_HEAVIER`: from this week, this many sessions of each lift.
HEAVIER_FROM_WEEK, HEAVIER_CHOICES = 3, 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Served:
    """One session's prescription of a lift, as her Today page showed it."""

    week: int
    deload: bool
    kind: str
    """The dose's kind: ``reps`` for a lift, ``hold`` for a loaded hold or carry."""
    sets: int
    reps: int | None
    load_kg: float
    heavier_sets: int
    heavier_load_kg: float | None
    tempo: str | None

    @property
    def shape(self) -> tuple[object, ...]:
        """What she was asked to do, without the week: equal shapes are the same session."""
        return (self.sets, self.reps, self.load_kg, self.heavier_sets, self.heavier_load_kg,
                self.tempo)  # fmt: skip


@dataclass(slots=True)
class LiftRow:
    """One lift's prescribed loads by week (kg) and their share of the modelled 1RM."""

    exercise_id: str
    name: str
    load_kg: dict[int, float] = field(default_factory=dict)
    reps: dict[int, int] = field(default_factory=dict)
    sets: dict[int, int] = field(default_factory=dict)
    pct_1rm: dict[int, float] = field(default_factory=dict)
    sessions: list[Served] = field(default_factory=list)
    """Every session's prescription, in order."""
    moved_on_week: int | None = None
    """The week a harder variation took this lift's place (R18a), if one did."""

    def extra(self, week: int, units: str) -> str | None:
        """R18a's other ways up in ``week``'s first session, in short: heavier sets (in
        ``units``), a slow tempo; ``None`` when there were none."""
        served = next((s for s in self.sessions if s.week == week), None)
        if served is None:
            return None
        parts = []
        if served.heavier_sets and served.heavier_load_kg is not None:
            heavy = served.heavier_load_kg
            shown = kg_to_lb(heavy) if units == Units.LB.value else heavy
            parts.append(f"+{served.heavier_sets}@{round(shown, 1):g}")
        if served.tempo:
            parts.append("slow")
        return " ".join(parts) or None


@dataclass(slots=True)
class SimulationResult:
    """What a virtual client was prescribed, week by week."""

    profile_name: str
    behaviour: Behaviour
    weeks: int
    units: str
    lifts: dict[str, LiftRow] = field(default_factory=dict)
    impacts: dict[int, int] = field(default_factory=dict)
    """Impacts prescribed per week (all sessions)."""
    balance_minutes: dict[int, int] = field(default_factory=dict)
    sessions_logged: int = 0
    deload_weeks: set[int] = field(default_factory=set)
    """Weeks that were planned deloads (lighter on purpose)."""
    notes: list[str] = field(default_factory=list)
    heavier_choices: list[HeavierChoice] = field(default_factory=list)
    """:attr:`Behaviour.CHOOSES_HEAVIER`: each session she lifted heavier than served."""


@dataclass(frozen=True, slots=True)
class HeavierChoice:
    """A session she lifted one step heavier than served (:attr:`Behaviour.CHOOSES_HEAVIER`)."""

    exercise_id: str
    session: int
    """The index of that session's prescription in the lift's :attr:`LiftRow.sessions`."""
    load_kg: float
    reps: int
    done: bool
    """Every set for those reps below effort 10 (her modelled strength allowed it)."""


class _Rollback(Exception):
    """Raised to undo the simulation's writes once its result is read."""


def simulate(
    profile: dict[str, Any],
    *,
    weeks: int,
    behaviour: Behaviour,
    start: date,
    progress: Callable[[int], None] | None = None,
) -> SimulationResult:
    """Run one virtual client for ``weeks`` weeks from ``start`` (a Monday is best).

    ``profile`` is an intake document (as the web form or the API takes it). ``progress``
    is called with the number of days simulated so far. Nothing is kept in the database.
    """
    result: SimulationResult | None = None
    try:
        with transaction.atomic():
            result = _run(profile, weeks=weeks, behaviour=behaviour, start=start, tick=progress)
            raise _Rollback
    except _Rollback:
        pass
    assert result is not None
    return result


def _run(
    profile: dict[str, Any],
    *,
    weeks: int,
    behaviour: Behaviour,
    start: date,
    tick: Callable[[int], None] | None,
) -> SimulationResult:
    suffix = secrets.token_hex(4)
    password = secrets.token_urlsafe(18)
    coach = clients.create_coach(f"sim-coach-{suffix}", password)
    data = {**profile, "schedule": {**profile.get("schedule", {}), "start_date": start.isoformat()}}
    client_id = clients.create_client(coach, data, today=start)
    now = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
    token = clients.create_invite(coach, client_id, now=now)
    user = clients.accept_invite(token, f"sim-client-{suffix}", password, now=now)
    her = clients.profile_for(coach, client_id, today=start)
    units = her.units.value
    gym = _Gym(
        equipment_profile(her),
        her.units,
        frozenset(her.equipment) if her.equipment is not None else None,
    )
    result = SimulationResult(
        profile_name=str(profile.get("name") or "client"),
        behaviour=behaviour,
        weeks=weeks,
        units=units,
    )
    model = _StrengthModel()
    catalogue = get_catalogue()
    pain_given = False
    chosen: dict[str, int] = {}
    program: Program | None = None
    for offset in range(weeks * 7):
        day = start + timedelta(days=offset)
        week = offset // 7 + 1
        if offset % (BLOCK_WEEKS * 7) == 0:
            program = _new_block(coach, client_id, day, result)
            if program is not None:
                model.meet(program)
        if program is None:
            break
        dosed = coaching.dosed_today(user, client_id, today=day)
        if tick is not None:
            tick(offset + 1)
        session = dosed.session
        if not dosed.view.is_today or session is None or dosed.view.paused:
            continue
        deload = dosed.next is not None and dosed.next.prescriptions.phase is Phase.DELOAD
        if deload:
            result.deload_weeks.add(week)
        _record(result, session, week, model, day, deload=deload)
        if behaviour is Behaviour.MISSED_WEEKS and week in (5, 6):
            continue
        rows = []
        for item in session["items"]:
            exercise = catalogue.get(item["exercise_id"])
            painful = (
                behaviour is Behaviour.PAINFUL_SET
                and week == 3
                and not pain_given
                and bool(item.get("load_kg") or item.get("target_rpe"))
                and exercise is not None
                and exercise.loadable
            )
            pain_given = pain_given or painful
            heavier = None
            if behaviour is Behaviour.CHOOSES_HEAVIER and week >= HEAVIER_FROM_WEEK and not deload:
                heavier = _heavier_choice(item, program, day, gym, chosen)
            logged = _sets_for(item, behaviour, day, model, painful=painful, gym=gym,
                               heavier=heavier)  # fmt: skip
            if heavier is not None:
                result.heavier_choices.append(HeavierChoice(
                    item["exercise_id"], len(result.lifts[item["exercise_id"]].sessions) - 1,
                    heavier[0], heavier[1],
                    all(r["reps"] == heavier[1] and r.get("rpe") != 10.0 for r in logged),
                ))  # fmt: skip
            rows += logged
        if rows:
            training_log.log_sets(user, client_id, rows, today=day)
            result.sessions_logged += 1
    return result


def _new_block(coach: Any, client_id: int, day: date, result: SimulationResult) -> Program | None:
    """Her coach generates and assigns the next 12-week block (the app's own use cases)."""
    from osteoload.services.errors import InputError

    try:
        program_id = client_programs.generate_for_client(
            coach, client_id, today=day, start=day, weeks=BLOCK_WEEKS
        )
    except InputError as exc:
        result.notes.append(f"{day.isoformat()}: no program could be generated ({exc})")
        return None
    document = client_programs.program_for(coach, client_id, program_id)
    if document.get("status") != "ready":
        result.notes.append(f"{day.isoformat()}: the program's status is {document['status']}")
        return None
    client_programs.assign_program(coach, client_id, program_id)
    return from_jsonable(Program, {k: v for k, v in document.items() if k != "display"})


class _StrengthModel:
    """Her modelled true 1RM per lift, growing by the week (see the module docstring)."""

    def __init__(self) -> None:
        self.base: dict[str, tuple[float, date]] = {}

    def meet(self, program: Program) -> None:
        for exercise_id, one_rm in program.working_max_kg.items():
            self.base.setdefault(exercise_id, (one_rm, program.start))

    def one_rm(self, exercise_id: str, day: date) -> float | None:
        if exercise_id not in self.base:
            return None
        value, since = self.base[exercise_id]
        weeks = max(0, (day - since).days // 7)
        first = min(weeks, BLOCK_WEEKS)
        return (
            value * (1 + WEEKLY_GAIN_FIRST_12) ** first * (1 + WEEKLY_GAIN_AFTER) ** (weeks - first)
        )

    def reps_possible(self, exercise_id: str, load_kg: float, day: date) -> int | None:
        """The most reps she can do with ``load_kg`` on ``day`` (to failure, RTS chart), or
        ``None`` without a model of the lift."""
        one_rm = self.one_rm(exercise_id, day)
        if not one_rm:
            return None
        return reps_to_failure(one_rm, load_kg)

    def first_load(self, exercise_id: str, reps: int, rpe: float, load: float, day: date) -> None:
        """A lift with no estimate: her true 1RM is what her chosen load implies."""
        if exercise_id in self.base:
            return
        try:
            self.base[exercise_id] = (implied_one_rm(load, reps, rpe), day)
        except ValueError:
            return


def _effort(target: float | None, behaviour: Behaviour) -> float | None:
    if target is None:
        return None
    shift = {
        Behaviour.ONE_OVER: 1.0,
        Behaviour.ONE_UNDER: -1.0,
        Behaviour.TWO_UNDER: -2.0,
    }.get(behaviour, 0.0)
    return min(10.0, max(1.0, target + shift))


@dataclass(frozen=True, slots=True)
class _Gym:
    """Her equipment: a load she picks for herself is one she has."""

    equipment: EquipmentProfile
    units: Units
    owned: frozenset[Equipment] | None

    def pick(self, target_kg: float, exercise_id: str) -> float | None:
        """The heaviest load she has at or below ``target_kg`` (else the lightest one)."""
        exercise = get_catalogue().get(exercise_id)
        if exercise is None or not exercise.loadable:
            return None
        kind = implement_for(exercise.equipment, self.owned)
        down = round_load_down(target_kg, kind, self.equipment, units=self.units).load_kg
        if down is not None:
            return down
        return next_load_up(0.001, kind, self.equipment, units=self.units)


def _heavier_choice(
    item: dict[str, Any], program: Program, day: date, gym: _Gym, chosen: dict[str, int]
) -> tuple[float, int] | None:
    """:attr:`Behaviour.CHOOSES_HEAVIER`: (load, reps) she lifts instead of the served dose,
    one step of her equipment heavier, for the bottom of the plan's rep range that day; None
    when she lifts as served (no load served, mixed loads, no heavier load she has, or her
    choices of this lift are used up)."""
    exercise = get_catalogue().get(item["exercise_id"])
    load, reps = item.get("load_kg"), item.get("reps")
    if (
        exercise is None
        or not exercise.loadable
        or not load
        or not reps
        or item.get("heavier_sets")
        or chosen.get(exercise.id, 0) >= HEAVIER_CHOICES
    ):
        return None
    kind = implement_for(exercise.equipment, gym.owned)
    up = next_load_up(float(load), kind, gym.equipment, units=gym.units)
    if up is None:
        return None
    planned = str(item.get("replaces") or exercise.id)
    top = next(
        (i.reps for w in program.weeks for s in w.sessions if s.date == day
         for i in s.items if i.exercise_id == planned and i.reps),
        int(reps),
    )  # fmt: skip
    chosen[exercise.id] = chosen.get(exercise.id, 0) + 1
    return up, min(int(reps), rep_range(top)[0])


def _sets_for(
    item: dict[str, Any],
    behaviour: Behaviour,
    day: date,
    model: _StrengthModel,
    *,
    painful: bool,
    gym: _Gym | None = None,
    strength_limit: bool = True,
    heavier: tuple[float, int] | None = None,
) -> list[dict[str, Any]]:
    """The rows she logs for one item: exactly what Today asks, by her behaviour
    (``heavier``: the load and reps she chose instead, :func:`_heavier_choice`)."""
    dose = dose_of(item)
    rows = []
    for number in range(1, dose.sets + 1):
        row: dict[str, Any] = {
            "date": day.isoformat(),
            "exercise_id": item["exercise_id"],
            "set_number": number,
        }
        if dose.kind == "impacts":
            row["impacts"] = dose.per_set
        elif dose.kind == "hold":
            row["hold_s"] = dose.per_set
            exercise = get_catalogue().get(item["exercise_id"])
            if exercise is not None and exercise.loadable:
                row["load_kg"] = item.get("load_kg") or first_load_kg(item["exercise_id"])
        elif dose.kind == "reps":
            # each set as Today pre-fills it (R18a mixed loads: the heavier sets last)
            reps = dose.set_per_set(number) if heavier is None else heavier[1]
            row["reps"] = reps
            rpe = _effort(item.get("target_rpe"), behaviour)
            if rpe is not None:
                row["rpe"] = rpe
            load = dose.set_load_kg(number) if heavier is None else heavier[0]
            if load is None and item.get("target_rpe") is not None:
                load = _chosen_load(item, model, day)
                if load is not None and gym is not None:
                    load = gym.pick(load, item["exercise_id"])
            if load:
                row["load_kg"] = load
                if reps and rpe is not None:
                    model.first_load(item["exercise_id"], reps, rpe, float(load), day)
                can = model.reps_possible(item["exercise_id"], float(load), day)
                if strength_limit and reps and can is not None and can < reps:
                    # more than her modelled strength allows: she does what she can (R18b)
                    row["reps"], row["rpe"] = can, 10.0
        if painful and number == dose.sets:
            row["pain"] = 5
        rows.append(row)
    return rows


def _chosen_load(item: dict[str, Any], model: _StrengthModel, day: date) -> float | None:
    """Where the program leaves the weight to her: what she would pick for the target."""
    one_rm = model.one_rm(item["exercise_id"], day)
    reps, rpe = item.get("reps"), item.get("target_rpe")
    if not reps or rpe is None:
        return None
    if one_rm is None:
        return first_load_kg(item["exercise_id"])
    try:
        return round(one_rm * pct_1rm(min(12, int(reps)), max(6.5, float(rpe))) * 2) / 2 or None
    except ValueError:
        return None


def _record(
    result: SimulationResult,
    session: dict[str, Any],
    week: int,
    model: _StrengthModel,
    day: date,
    *,
    deload: bool,
) -> None:
    catalogue = get_catalogue()
    for item in session["items"]:
        if item.get("impacts"):
            result.impacts[week] = result.impacts.get(week, 0) + int(item["impacts"])
        exercise = catalogue.get(item["exercise_id"])
        if exercise is None:
            continue
        replaced = result.lifts.get(str(item.get("replaces") or ""))
        if replaced is not None and replaced.moved_on_week is None:
            replaced.moved_on_week = week
        unloaded = item.get("component") in ("resistance", "posture") and not item.get("load_kg")
        if not (exercise.loadable and item.get("load_kg")) and not (unloaded and item.get("reps")):
            continue  # a strength item with neither a load nor reps is not a lift
        load_kg = float(item.get("load_kg") or 0.0)
        row = result.lifts.setdefault(
            item["exercise_id"], LiftRow(item["exercise_id"], item["name"])
        )
        dose = dose_of(item)
        row.sessions.append(
            Served(
                week=week,
                deload=deload,
                kind=dose.kind.value,
                sets=dose.sets,
                reps=dose.per_set,
                load_kg=load_kg,
                heavier_sets=dose.heavier_sets if dose.is_heavier(dose.sets) else 0,
                heavier_load_kg=dose.heavier_load_kg if dose.is_heavier(dose.sets) else None,
                tempo=dose.tempo,
            )
        )
        if week in row.load_kg:
            continue
        row.load_kg[week] = load_kg
        row.reps[week] = int(item.get("reps") or 0)
        row.sets[week] = int(item.get("sets") or 0)
        one_rm = model.one_rm(item["exercise_id"], day)
        if one_rm and load_kg:
            row.pct_1rm[week] = round(100 * load_kg / one_rm, 1)


def table(result: SimulationResult, weeks: Sequence[int]) -> list[list[str]]:
    """Rows for printing: lift, then ``load×reps pct%`` at each of ``weeks`` (her units)."""
    out = []
    for row in result.lifts.values():
        cells = [row.name]
        for week in weeks:
            shown = max((w for w in row.load_kg if w <= week), default=None)
            if shown is None:
                cells.append("-")
                continue
            if row.moved_on_week is not None and shown < row.moved_on_week <= week:
                cells.append("moved on")  # a harder variation took its place (R18a)
                continue
            kg = row.load_kg[shown]
            load = kg_to_lb(kg) if result.units == Units.LB.value else kg
            pct = row.pct_1rm.get(shown)
            reps = row.reps[shown]
            weight = f"{round(load, 1):g}"
            if not load:  # body weight or a band: sets × reps
                text = f"{row.sets.get(shown, 1)}×{reps} no load"
            else:
                text = f"{weight}×{reps}" if reps else f"{weight} held"
                if row.sets.get(shown):
                    text = f"{row.sets[shown]}×" + text
            extra = row.extra(shown, result.units)
            if extra:
                text += " " + extra
            if shown in result.deload_weeks:
                text += " deload"
            cells.append(text + (f" {pct:.0f}%" if pct else ""))
        out.append(cells)
    return out


def default_start(profile: dict[str, Any], *, today: date) -> date:
    """The Monday after the newest date in the profile (her strength sets, tests and scans
    are then recent, as in a real intake); the Monday after ``today`` if it has none."""
    days: list[date] = []
    for entry in profile.get("strength") or []:
        if isinstance(entry, dict) and entry.get("date"):
            days.append(date.fromisoformat(str(entry["date"])))
    tests = profile.get("tests") or {}
    if isinstance(tests, dict) and tests.get("date"):
        days.append(date.fromisoformat(str(tests["date"])))
    newest = max(days, default=today)
    return newest + timedelta(days=7 - newest.weekday())


def result_document(result: SimulationResult, *, source: str, start: date) -> dict[str, Any]:
    """A simulation as JSON: each lift's load (kg), reps, sets and %1RM by week."""
    return {
        "profile": source,
        "name": result.profile_name,
        "behaviour": result.behaviour.value,
        "start": start.isoformat(),
        "weeks": result.weeks,
        "units": result.units,
        "sessions_logged": result.sessions_logged,
        "lifts": [
            {
                "exercise_id": row.exercise_id,
                "name": row.name,
                "moved_on_week": row.moved_on_week,
                "by_week": [
                    {
                        "week": w,
                        "load_kg": row.load_kg[w],
                        "reps": row.reps[w],
                        "sets": row.sets[w],
                        "extra": row.extra(w, result.units),
                        "deload": w in result.deload_weeks,
                        "pct_modelled_1rm": row.pct_1rm.get(w),
                    }
                    for w in sorted(row.load_kg)
                ],
            }
            for row in result.lifts.values()
        ],
        "impacts_by_week": {str(w): n for w, n in sorted(result.impacts.items())},
        "notes": list(result.notes),
    }


def log_as_prescribed(
    user: Any, client_id: int, day: date, behaviour: Behaviour = Behaviour.AT_TARGET
) -> dict[str, Any] | None:
    """She opens Today on ``day`` and logs every set it asks for; returns the session she
    was shown (``None`` when there was nothing to do that day)."""
    dosed = coaching.dosed_today(user, client_id, today=day)
    session = dosed.session
    if not dosed.view.is_today or session is None or dosed.view.paused:
        return None
    model = _StrengthModel()
    rows = [
        r
        for item in session["items"]
        for r in _sets_for(item, behaviour, day, model, painful=False, strength_limit=False)
    ]
    if rows:
        training_log.log_sets(user, client_id, rows, today=day)
    return session
