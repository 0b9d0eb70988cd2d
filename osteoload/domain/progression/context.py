"""What every rule reads: the logged sessions grouped by exercise and day, the baseline
week, the stop-rule review (R32) with its one ``pain_review`` step back (:func:`_pain_review`)
and :class:`_Context` (the program, her equipment and units, and the questions the rules ask
of them)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import attrgetter

from ..catalogue import Catalogue
from ..logs import SetLog
from ..profile import ClientProfile
from ..program import Finding, Program, ProgramItem, Week
from ..programming import allowed_exercises
from ..stop_rules import R32_PAIN_REVIEW_AT
from ..stop_rules import STOP_RULE_SYMPTOMS as R32_SYMPTOMS
from ..units import (
    EquipmentProfile,
    LoadKind,
    format_load,
    implement_for,
    kg_to_lb,
    round_load_down,
)
from ..vocabulary import Equipment, Phase, Severity, Symptom, Units
from .decisions import Decision, WorkingMax
from .rules import (
    _EPS,
    AWAY_DAYS,
    INTENSITY_CAP_PCT,
    LOGGED_LOAD_TOLERANCE_KG,
    R32_WINDOW_DAYS,
    STEP_BACK_PCT,
)


@dataclass(frozen=True, slots=True)
class _Logged:
    """The sets of one exercise on one day."""

    day: date
    sets: tuple[SetLog, ...]

    @property
    def load_kg(self) -> float | None:
        """The lightest load of the day's sets (the safe side when loads differ)."""
        loads = [s.load_kg for s in self.sets if s.load_kg is not None]
        return min(loads) if loads else None

    @property
    def max_pain(self) -> int:
        return max((s.pain or 0 for s in self.sets), default=0)

    @property
    def max_effort(self) -> float | None:
        efforts = [e for e in (s.effort for s in self.sets) if e is not None]
        return max(efforts) if efforts else None

    @property
    def min_reps(self) -> int:
        return min(s.reps for s in self.sets)

    @property
    def reps_at_load(self) -> int:
        """The fewest reps of her sets at the day's load (:attr:`load_kg`): the heavier sets
        of mixed loads aside, since what she is held or served at that load compares with
        what she did there."""
        load = self.load_kg
        return min(
            s.reps
            for s in self.sets
            if load is None or s.load_kg is None or s.load_kg <= load + _EPS
        )

    @property
    def impacts(self) -> int:
        """Impacts done: the ``impacts`` column, or the reps where it is empty."""
        return sum(s.impacts if s.impacts is not None else s.reps for s in self.sets)


@dataclass(frozen=True, slots=True)
class _Review:
    needed: bool
    findings: tuple[Finding, ...]
    painful: Mapping[str, tuple[int, date]]
    """Exercise id -> (worst pain of 5/10 or more, its date) within the R32 window."""


@dataclass(frozen=True, slots=True)
class _Context:
    program: Program
    earlier: tuple[Program, ...]
    """Earlier blocks, oldest first."""
    catalogue: Catalogue
    units: Units
    equipment: EquipmentProfile
    owned: frozenset[Equipment] | None
    """The kinds of equipment she has (:func:`implement_for` prefers them); None: not said."""
    as_of: date
    week: Week
    sessions: Mapping[str, tuple[_Logged, ...]]
    maxes: Mapping[str, WorkingMax]
    allowed: frozenset[str]
    review: _Review
    log_days: tuple[date, ...]
    """Every day with a logged set, oldest first."""
    flag_days: tuple[date, ...]
    """Every day with a stop-rule report (pain >= 5/10 or an R32 symptom)."""
    day_from: date
    """The first day the next session can fall on: ``as_of``, or the day after when she has
    already logged something on ``as_of``."""

    def gap_before(self, day: date) -> int | None:
        """Days from the last logged day before ``day`` to ``day`` (None: nothing before)."""
        before = bisect_left(self.log_days, day)
        return (day - self.log_days[before - 1]).days if before else None

    def review_on(self, day: date) -> bool:
        """True when a stop rule (R32) was in force for a session on ``day``: pain of 5/10
        or more, or a red flag, logged in the 14 days before it."""
        first = bisect_left(self.flag_days, day - timedelta(days=R32_WINDOW_DAYS))
        return first < len(self.flag_days) and self.flag_days[first] < day

    def away(self) -> int | None:
        """Days since the last logged day when it is :data:`AWAY_DAYS` or more before
        ``as_of`` (two weeks away), else None."""
        if not self.log_days:
            return None
        days = (self.as_of - self.log_days[-1]).days
        return days if days >= AWAY_DAYS else None

    def program_of(self, day: date) -> Program | None:
        """The block that was in force on ``day``: this one, an earlier one, or None."""
        if day >= self.program.start:
            return self.program
        for earlier in reversed(self.earlier):
            if earlier.start <= day:
                return earlier
        return None

    def week_of(self, day: date) -> Week:
        """The program week of a day (the first or last week outside the program)."""
        program = self.program_of(day) or self.program
        index = (day - program.start).days // 7
        return program.weeks[max(0, min(len(program.weeks) - 1, index))]

    def item_on(self, exercise_id: str, day: date) -> ProgramItem | None:
        """The program's prescription of an exercise on a day, else in that day's week."""
        first: ProgramItem | None = None
        for session in self.week_of(day).sessions:
            for item in session.items:
                if item.exercise_id == exercise_id:
                    if session.date == day:
                        return item
                    first = first or item
        return first

    def is_deload(self, day: date) -> bool:
        return self.week_of(day).phase is Phase.DELOAD

    def next_date(self, exercise_id: str) -> date | None:
        for week in self.program.weeks:
            for session in week.sessions:
                if session.date >= self.day_from and any(
                    i.exercise_id == exercise_id for i in session.items
                ):
                    return session.date
        return None

    def fmt(self, load_kg: float) -> str:
        return format_load(load_kg, self.units)

    def delta(self, new_kg: float, old_kg: float) -> str:
        """``+2.5 kg`` or ``+5 lb``: a change of load in the client's units."""
        diff = new_kg - old_kg if self.units is Units.KG else kg_to_lb(new_kg) - kg_to_lb(old_kg)
        return f"{'+' if diff >= 0 else '-'}{_num(abs(diff))} {self.units.value}"

    def display(self, load_kg: float | None, kind: LoadKind) -> str | None:
        """How the equipment shows a load ("35 kg (20 kg bar + 7.5 kg a side)")."""
        if load_kg is None:
            return None
        rounded = round_load_down(load_kg + _EPS, kind, self.equipment, units=self.units)
        if rounded.load_kg is not None and abs(rounded.load_kg - load_kg) <= 1e-4:
            return rounded.label
        if rounded.load_kg is not None and kind not in (LoadKind.BAND, LoadKind.BODYWEIGHT):
            # R18a: a load between the ones she owns is one of hers plus a small add-on
            extra = self.delta(load_kg, rounded.load_kg).lstrip("+")
            return f"{self.fmt(load_kg)} ({rounded.label} + {extra} add-on)"
        return self.fmt(load_kg)

    def step_back(self, load_kg: float, kind: LoadKind) -> float | None:
        """The heaviest load that exists at or below 95 % of ``load_kg``."""
        return round_load_down(
            load_kg * (1 - STEP_BACK_PCT / 100), kind, self.equipment, units=self.units
        ).load_kg

    def cap(self, wm: WorkingMax, kind: LoadKind) -> float | None:
        """The heaviest load that exists at or below 85 % of the working max (R15/R16)."""
        return round_load_down(
            wm.one_rm_kg * INTENSITY_CAP_PCT / 100, kind, self.equipment, units=self.units
        ).load_kg


def _num(value: float, digits: int = 2) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _snap(
    s: SetLog,
    catalogue: Catalogue,
    equipment: EquipmentProfile,
    units: Units,
    owned: frozenset[Equipment] | None = None,
) -> SetLog:
    """A logged set whose load is a load of her equipment up to the storage's rounding
    (:data:`LOGGED_LOAD_TOLERANCE_KG`) carries that load exactly."""
    exercise = catalogue.get(s.exercise_id)
    if s.load_kg is None or exercise is None or not exercise.loadable:
        return s
    kind = implement_for(exercise.equipment, owned)
    if kind in (LoadKind.BAND, LoadKind.BODYWEIGHT):
        return s
    near = round_load_down(
        s.load_kg + LOGGED_LOAD_TOLERANCE_KG, kind, equipment, units=units
    ).load_kg
    if near is None or abs(near - s.load_kg) > LOGGED_LOAD_TOLERANCE_KG or near == s.load_kg:
        return s
    return replace(s, load_kg=near)


def _logged_until(
    history: Sequence[SetLog],
    as_of: date,
    catalogue: Catalogue,
    equipment: EquipmentProfile,
    units: Units,
    owned: frozenset[Equipment] | None,
) -> tuple[SetLog, ...]:
    """Her sets dated on or before ``as_of``, each snapped to her equipment (:func:`_snap`),
    by day, exercise and set."""
    # Grouped by day first: a log arrives (nearly) in date order, and sorting each day's few
    # sets by (exercise, set) is much cheaper than comparing dates across the whole log.
    by_day: dict[date, list[SetLog]] = {}
    for s in history:
        if s.date <= as_of:
            sets = by_day.get(s.date)
            if sets is None:
                by_day[s.date] = [s]
            else:
                sets.append(s)
    # (exercise, load) -> the load snapped: most sets repeat a load, so each is worked out once
    snapped: dict[tuple[str, float | None], float | None] = {}
    out: list[SetLog] = []
    exercise_and_set = attrgetter("exercise_id", "set")
    for day in sorted(by_day):
        sets = by_day[day]
        sets.sort(key=exercise_and_set)
        for s in sets:
            key = (s.exercise_id, s.load_kg)
            try:
                load = snapped[key]
            except KeyError:
                load = snapped[key] = _snap(s, catalogue, equipment, units, owned).load_kg
            out.append(s if load == s.load_kg else s.with_load(load))
    return tuple(out)


def _new_context(
    program: Program,
    earlier: Sequence[Program],
    logged: Sequence[SetLog],
    *,
    as_of: date,
    catalogue: Catalogue,
    units: Units,
    profile: ClientProfile,
    equipment: EquipmentProfile,
    owned: frozenset[Equipment] | None,
    review: _Review,
    maxes: Mapping[str, WorkingMax],
) -> tuple[_Context, bool]:
    """The context of a program with sessions, and True when the program is over: the next
    session falls on or after ``as_of`` (after it when she has logged that day)."""
    log_days = tuple(sorted({s.date for s in logged}))
    day_from = as_of + timedelta(days=1) if log_days and log_days[-1] == as_of else as_of
    week, ended = _baseline_week(program, day_from)
    ctx = _Context(
        program=program,
        earlier=tuple(sorted((p for p in earlier if p.weeks), key=lambda p: p.start)),
        catalogue=catalogue,
        units=units,
        equipment=equipment,
        owned=owned,
        as_of=as_of,
        week=week,
        sessions=_sessions_by_exercise(logged),
        maxes=maxes,
        allowed=frozenset(e.id for e in allowed_exercises(profile, program.screening, catalogue)),
        review=review,
        log_days=log_days,
        flag_days=_flag_days(logged),
        day_from=day_from,
    )
    return ctx, ended


def _flag_days(logged: Iterable[SetLog]) -> tuple[date, ...]:
    """R32: every day with pain of 5/10 or more or a red flag logged, oldest first."""
    return tuple(
        sorted(
            {
                s.date
                for s in logged
                if (s.pain is not None and s.pain >= R32_PAIN_REVIEW_AT)
                or (s.symptoms and any(x in R32_SYMPTOMS for x in s.symptoms))
            }
        )
    )


def _sessions_by_exercise(logged: Sequence[SetLog]) -> dict[str, tuple[_Logged, ...]]:
    """Her sessions of each exercise, oldest first; ``logged`` is in :func:`_logged_until`'s
    order (by day, exercise and set), which each session's sets keep."""
    days: dict[str, dict[date, list[SetLog]]] = {}
    for s in logged:
        by_day = days.get(s.exercise_id)
        if by_day is None:
            by_day = days[s.exercise_id] = {}
        sets = by_day.get(s.date)
        if sets is None:
            by_day[s.date] = [s]
        else:
            sets.append(s)
    return {
        exercise_id: tuple(_Logged(day, tuple(sets)) for day, sets in by_day.items())
        for exercise_id, by_day in days.items()
    }


def _baseline_week(program: Program, day_from: date) -> tuple[Week, bool]:
    """The week of the next session on or after ``day_from``; True when the program is over."""
    for week in program.weeks:
        if any(s.date >= day_from for s in week.sessions):
            return week, False
    return program.weeks[-1], True


def _baseline_items(week: Week, day_from: date) -> list[ProgramItem]:
    """Each exercise of the week once: its next occurrence on or after ``day_from``."""
    ordered = sorted(week.sessions, key=lambda s: (s.date < day_from, s.date))
    seen: set[str] = set()
    out: list[ProgramItem] = []
    for session in ordered:
        for item in session.items:
            if item.exercise_id not in seen:
                seen.add(item.exercise_id)
                out.append(item)
    return out


def _review(logged: Sequence[SetLog], as_of: date) -> _Review:
    since = as_of - timedelta(days=R32_WINDOW_DAYS)
    recent = [s for s in logged if since <= s.date <= as_of]
    findings: list[Finding] = []
    symptoms: dict[Symptom, date] = {}
    for s in recent:
        for symptom in s.symptoms:
            if symptom in R32_SYMPTOMS:
                symptoms[symptom] = max(symptoms.get(symptom, s.date), s.date)
    if symptoms:
        listed = [
            [symptom.value, day.isoformat()]
            for symptom, day in sorted(symptoms.items(), key=lambda kv: (kv[1], kv[0].value))
        ]
        findings.append(
            Finding(
                rule="R32",
                severity=Severity.MUST,
                message="",
                code="progression_red_flags",
                data={"symptoms": listed},
            )
        )
    painful: dict[str, tuple[int, date]] = {}
    for s in recent:
        if s.pain is not None and s.pain >= R32_PAIN_REVIEW_AT:
            worst = painful.get(s.exercise_id)
            if worst is None or (s.pain, s.date) > worst:
                painful[s.exercise_id] = (s.pain, s.date)
    for exercise_id, (pain, day) in sorted(painful.items()):
        findings.append(
            Finding(
                rule="R32",
                severity=Severity.MUST,
                message="",
                code="progression_pain",
                data={"exercise_id": exercise_id, "pain": pain, "date": day.isoformat()},
            )
        )
    return _Review(needed=bool(findings), findings=tuple(findings), painful=painful)


def _pain_review(
    ctx: _Context, painful: tuple[int, date], load_kg: float | None, kind: LoadKind
) -> tuple[float | None, Decision]:
    """R32: pain of 5/10 or more on an exercise (``painful``: the worst, and its date) in
    the 14 days up to ``as_of``: one step back from ``load_kg`` (:meth:`_Context.step_back`),
    held while the review lasts; without a load, the decision alone. The one home of the
    ``pain_review`` decision of loaded and unloaded items alike."""
    if load_kg is None:
        return None, Decision(
            rule="R32",
            outcome="pain_review",
            numbers={"pain": painful[0], "date": painful[1].isoformat()},
        )
    to_kg = ctx.step_back(load_kg, kind)
    return to_kg, Decision(
        rule="R32",
        outcome="pain_review",
        numbers={
            "pain": painful[0],
            "date": painful[1].isoformat(),
            "from_kg": load_kg,
            "to_kg": to_kg,
        },
    )
