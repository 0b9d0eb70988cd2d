"""Progression: from the program and what she logged, the next prescription of every item.

``next_prescriptions`` is pure and deterministic: the same program, log, date, catalogue,
units, profile and equipment always give the same answer, and every change carries a
plain-language reason. Rule IDs refer to ``reference/clinical-evidence.md`` §13; the method
is written up in ``docs/science/loads-and-progression.md`` ("Progression").

Baseline
    The program week that holds the next session on or after ``as_of`` (after ``as_of`` when
    something is already logged that day; week 1 before the program starts; the last week,
    with a finding, after it ends) gives each item's sets, rep target and effort target (R14,
    R15, R17) and, for an item never logged, its load. ``change`` compares with her last
    session of the exercise outside the program's deload weeks.

Resistance and posture work with reps: double progression, replayed over the log
    The rep range of a prescription of ``r`` reps is ``r - 2 .. r`` (:func:`rep_range`).
    The logged sessions of an exercise are replayed oldest first, each judged against what
    the engine would have prescribed for it (:func:`judge_session`):

    * *success* (every prescribed set and rep at or below the target RPE) below the top of
      the range: one rep more next time at the same load;
    * success at the top of the range in two consecutive sessions at the same load (R18):
      the load goes up by one step of the implement (:func:`next_load_up`, the next load
      that exists) if that step is at most 5 % (lower body) or 2.5 % (upper body) of the
      load; otherwise the load holds and the reason says why. Reps go back to the bottom;
    * *partial* (fewer sets than prescribed), *hard* (effort above target by less than one
      point), *painful* (3-4/10) or *unrated* (a loaded lift with no effort logged): hold;
    * *failed* (a set short of the prescribed reps, or effort a point or more above target):
      hold; two failed sessions in a row: step back to the heaviest load that exists at or
      below 95 % (:data:`STEP_BACK_PCT`);
    * two weeks or more with nothing logged at all before ``as_of``: step back the same way,
      for every lift she has done, and start the rep range again;
    * sessions in the program's deload weeks do not move the progression; the next session
      in a deload week is about 10 % lighter.

    The load never exceeds 85 % of the working max (R15/R16), the effort target never the
    R17 cap. The working max is re-estimated from the log every four weeks counted from the
    program start (R22, :func:`osteoload.domain.one_rm.working_max_from_sets`).

Impact (R10)
    Impacts per session go up by 5 when every prescribed impact was done without pain (0/10
    or not rated), up to 50; otherwise they hold; pain of 5/10 or more, or two weeks away,
    steps them back by 10.

Balance (R23)
    When every prescribed hold (or walk) was completed in the last two sessions, she moves on
    to the catalogue's next balance progression that screening and her equipment allow.

Stop rules (R32)
    Pain of 5/10 or more on any exercise, or any red flag (chest pain, dizziness,
    breathlessness, fainting, new severe back pain, a fall with injury) logged in the 14 days
    up to ``as_of``
    sets the status ``needs_review``: nothing increases or starts anywhere (every item holds
    or decreases), a painful exercise steps back, and R32 findings say what to do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from .catalogue import Catalogue, Exercise
from .errors import DomainError
from .logs import SetLog
from .one_rm import pct_1rm, working_max_from_sets
from .profile import ClientProfile, StrengthSet
from .program import Finding, Program, ProgramItem, Week, split_impacts
from .programming import (
    IMPACT_START_PER_SESSION,
    IMPACT_TARGET_PER_SESSION,
    RPE_CAP_FIRST_12_WEEKS,
    RPE_CAP_LATER,
    STANDARD_CAP_PCT,
    allowed_exercises,
    working_maxes,
)
from .units import (
    DEFAULT_EQUIPMENT,
    EquipmentProfile,
    LoadKind,
    Run,
    format_load,
    implement_for,
    kg_to_lb,
    lb_to_kg,
    round_load_down,
)
from .vocabulary import Component, Phase, Severity, Symptom, Units

# --- Rules and their numbers -------------------------------------------------------------

#: R18 (must): raise load only after this many consecutive sessions with every prescribed
#: set and rep done at or below the target RPE (ACSM progression principle; conservative).
R18_SUCCESSES_FOR_LOAD = 2

#: R18 (must): the largest load increase, % of the current load, for a lower-body lift.
R18_MAX_STEP_PCT_LOWER = 5.0

#: R18 (must): the largest load increase, % of the current load, for an upper-body lift
#: (:attr:`osteoload.domain.catalogue.Exercise.is_upper_body`).
R18_MAX_STEP_PCT_UPPER = 2.5

#: R15/R16: loads never above 85 % of the working max (standard track: work up to
#: 70-85 % 1RM; high-intensity track: 80-85 %). The program generator's constant.
INTENSITY_CAP_PCT = STANDARD_CAP_PCT

#: Double progression (our method within R15's 8-12 reps): a prescription of ``r`` reps is
#: the top of the range ``r - REP_RANGE_WIDTH .. r``.
REP_RANGE_WIDTH = 2

#: The bottom of a rep range is never below this (R15 builds to sets of <= 8; 6 is the
#: fewest reps the standard track prescribes), unless the plan asks for fewer (5 x 5, R16).
MIN_RANGE_REPS = 6

#: Failed sessions in a row after which the load steps back (our conservative choice).
FAILS_FOR_STEP_BACK = 2

#: A session rated this many RPE points or more above its target counts as failed; less
#: than this above the target only holds the load (our choice: people judge reps in
#: reserve to about one rep near failure, Hackett 2017, §6.2).
FAIL_RPE_MARGIN = 1.0

#: Step back 5-10 %: the heaviest load that exists at or below 95 % of the last load. With
#: coarse implements (a 2 kg dumbbell step) the real step back can be larger; it is shown.
STEP_BACK_PCT = 5.0
STEP_BACK_MAX_PCT = 10.0

#: Two weeks or more with nothing logged at all: loads step back for the first session back
#: (brief; our conservative choice against detraining).
AWAY_DAYS = 14

#: The next session of a deload week (``programming.phase_plan``) is about this much lighter.
DELOAD_STEP_PCT = 10.0

#: R22 (should): re-estimate the working 1RM every 4-6 weeks. osteoload re-estimates every
#: 4 weeks, counted from the program start.
R22_REESTIMATE_EVERY_DAYS = 28

#: R32 (must): pain at or above this on the 0-10 scale during an exercise stops every
#: increase and asks for a review.
R32_PAIN_REVIEW_AT = 5

#: R32: days before ``as_of`` within which a logged red flag still counts.
R32_WINDOW_DAYS = 14

#: R32 stop-rule reports: chest pain, fainting or dizziness, breathlessness, new severe back
#: pain, a fall with injury (Otago leaflet; ROS).
R32_SYMPTOMS = frozenset(
    {
        Symptom.CHEST_PAIN,
        Symptom.DIZZINESS,
        Symptom.BREATHLESSNESS,
        Symptom.FAINTING,
        Symptom.NEW_SEVERE_BACK_PAIN,
        Symptom.FALL_WITH_INJURY,
    }
)

#: Pain of 3-4/10 holds the dose; 0-2/10 is accepted as mild discomfort (our choice, as in
#: the pain-monitoring models used in rehabilitation).
PAIN_HOLD_AT = 3

#: R10 (should): impacts per session build by 5 after a session with every impact done
#: without pain, up to about 50 (SSS 2022); never below the generator's starting dose.
IMPACT_STEP_PER_SESSION = 5
IMPACT_CEILING = IMPACT_TARGET_PER_SESSION
IMPACT_FLOOR = IMPACT_START_PER_SESSION

#: Impacts taken off after pain of 5/10 or more, or two weeks away (our choice: two steps).
IMPACT_STEP_BACK = 10

#: R23: a balance exercise moves on after this many consecutive sessions with every
#: prescribed hold (or walk) completed.
BALANCE_SESSIONS_TO_PROGRESS = 2

#: The first dose of a harder balance exercise: holds of at most 20 s (the generator's hold
#: above level 2), or 10 steps when it is a walk.
BALANCE_NEW_HOLD_S = 20
BALANCE_NEW_REPS = 10

_EPS = 1e-6


class Change(StrEnum):
    """How an item's dose compares with what she did last time."""

    INCREASE = "increase"
    HOLD = "hold"
    DECREASE = "decrease"
    NEW = "new"


class ProgressStatus(StrEnum):
    """``ready``: train as prescribed. ``needs_review``: a stop rule (R32) fired."""

    READY = "ready"
    NEEDS_REVIEW = "needs_review"


@dataclass(frozen=True, slots=True, kw_only=True)
class NextItem:
    """The next prescription of one exercise.

    ``load_kg`` is in kg (per dumbbell or kettlebell); ``load_display`` shows it in the
    client's units the way the equipment has it. ``target_rpe`` is 1-10, ``hold_s`` seconds
    per hold, ``impacts`` per session, ``minutes`` for timed items. ``change`` compares with
    what she did last time; ``reason`` says why in plain words. ``previous_load_kg`` is the
    load ``change`` compares with (her last session of the exercise outside the program's
    deload weeks, kg); ``last_done`` is the day she last did it; ``next_date`` is the next
    planned session with it on or after ``as_of``; ``replaces`` names the exercise it takes
    over from (a balance progression).
    """

    exercise_id: str
    name: str
    component: Component
    sets: int
    reps: int | None
    load_kg: float | None
    load_display: str | None
    target_rpe: float | None
    hold_s: int | None
    impacts: int | None
    minutes: int | None
    change: Change
    reason: str
    previous_load_kg: float | None = None
    last_done: date | None = None
    next_date: date | None = None
    replaces: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkingMax:
    """The working 1RM (kg) that caps an exercise's load at 85 %, and where it came from.

    ``source`` is ``profile`` (the program's estimate from the profile's strength sets) or
    ``log``. ``set_date`` is the date of the set it was estimated from (``None`` if
    undated). ``reestimated_on`` is the R22 check-point at which it was re-estimated from
    the log (``None`` for the program's estimate or a first estimate from the log).
    """

    exercise_id: str
    one_rm_kg: float
    source: str
    set_date: date | None
    reestimated_on: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NextPrescriptions:
    """The answer of :func:`next_prescriptions`.

    ``status``: ``ready`` or ``needs_review`` (R32, or a program without sessions).
    ``week``/``phase``: the baseline week of the program. ``items``: one per exercise of
    that week, in session order. ``findings``: with rule IDs. ``working_maxes``: the working
    1RMs in force (R22). ``last_logged``: the newest logged day on or before ``as_of``.
    """

    status: ProgressStatus
    as_of: date
    week: int | None
    phase: Phase | None
    items: tuple[NextItem, ...]
    findings: tuple[Finding, ...]
    working_maxes: tuple[WorkingMax, ...]
    last_logged: date | None = None

    @property
    def working_max_kg(self) -> dict[str, float]:
        """Working 1RM by exercise id, kg."""
        return {w.exercise_id: w.one_rm_kg for w in self.working_maxes}


# --- Entry point ---------------------------------------------------------------------------


def next_prescriptions(
    program: Program,
    history: Sequence[SetLog],
    *,
    as_of: date,
    catalogue: Catalogue,
    units: Units,
    profile: ClientProfile,
    equipment: EquipmentProfile = DEFAULT_EQUIPMENT,
) -> NextPrescriptions:
    """The next prescription of every item of the program's current week.

    ``program``: generated for ``profile`` (``programming.generate_program``).
    ``history``: logged sets in any order; sets dated after ``as_of`` are ignored (and
    counted in a finding). ``units``: the client's units: pound gyms step in pound plates,
    and texts show her units. ``equipment``: her gym (default
    :data:`osteoload.domain.units.DEFAULT_EQUIPMENT`).

    Returns :class:`NextPrescriptions`; the rules are in the module docstring.
    """
    logged = tuple(
        sorted(
            (s for s in history if s.date <= as_of),
            key=lambda s: (s.date, s.exercise_id, s.set),
        )
    )
    findings: list[Finding] = []
    later = len(history) - len(logged)
    if later:
        findings.append(
            Finding(
                rule="R18",
                severity=Severity.INFO,
                message=f"{later} logged set{'s' if later != 1 else ''} dated after "
                f"{as_of.isoformat()} not used.",
            )
        )
    last_logged = logged[-1].date if logged else None
    review = _review(logged, as_of, catalogue)
    findings += review.findings
    maxes, max_findings = _working_maxes(program, logged, as_of=as_of, profile=profile, units=units)
    findings += max_findings

    if not program.weeks:
        findings.append(
            Finding(
                rule=next(
                    (f.rule for f in program.screening.findings if f.severity is Severity.MUST),
                    "R1",
                ),
                severity=Severity.MUST,
                message=f"The program has no sessions (status {program.status.value}): "
                "nothing to progress until the steps in the plan are done.",
            )
        )
        return NextPrescriptions(
            status=ProgressStatus.NEEDS_REVIEW,
            as_of=as_of,
            week=None,
            phase=None,
            items=(),
            findings=tuple(findings),
            working_maxes=tuple(maxes.values()),
            last_logged=last_logged,
        )

    log_days = tuple(sorted({s.date for s in logged}))
    day_from = as_of + timedelta(days=1) if log_days and log_days[-1] == as_of else as_of
    week, ended = _baseline_week(program, day_from)
    if ended:
        findings.append(
            Finding(
                rule="R22",
                severity=Severity.INFO,
                message=f"The program's {len(program.weeks)} weeks ended before "
                f"{as_of.isoformat()}: its last week is used. Plan a new block and "
                "re-estimate the working maxes (R22).",
            )
        )
    if last_logged is not None and (as_of - last_logged).days >= AWAY_DAYS:
        findings.append(
            Finding(
                rule="R18",
                severity=Severity.INFO,
                message=f"Nothing logged for {(as_of - last_logged).days} days (last on "
                f"{last_logged.isoformat()}): loads step back {STEP_BACK_PCT:g}-"
                f"{STEP_BACK_MAX_PCT:g} % for the first session back, then build again.",
            )
        )

    ctx = _Context(
        program=program,
        catalogue=catalogue,
        units=units,
        equipment=equipment,
        as_of=as_of,
        week=week,
        sessions=_sessions_by_exercise(logged),
        maxes=maxes,
        allowed=frozenset(e.id for e in allowed_exercises(profile, program.screening, catalogue)),
        review=review,
        log_days=log_days,
        day_from=day_from,
    )
    items = tuple(_next_item(ctx, item) for item in _baseline_items(week, day_from))
    return NextPrescriptions(
        status=ProgressStatus.NEEDS_REVIEW if review.needed else ProgressStatus.READY,
        as_of=as_of,
        week=week.week,
        phase=week.phase,
        items=items,
        findings=tuple(findings),
        working_maxes=tuple(maxes.values()),
        last_logged=last_logged,
    )


# --- Logged sessions, the context and the baseline -------------------------------------------


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
    catalogue: Catalogue
    units: Units
    equipment: EquipmentProfile
    as_of: date
    week: Week
    sessions: Mapping[str, tuple[_Logged, ...]]
    maxes: Mapping[str, WorkingMax]
    allowed: frozenset[str]
    review: _Review
    log_days: tuple[date, ...]
    """Every day with a logged set, oldest first."""
    day_from: date
    """The first day the next session can fall on: ``as_of``, or the day after when she has
    already logged something on ``as_of``."""

    def gap_before(self, day: date) -> int | None:
        """Days from the last logged day before ``day`` to ``day`` (None: nothing before)."""
        earlier = [d for d in self.log_days if d < day]
        return (day - earlier[-1]).days if earlier else None

    def away(self) -> int | None:
        """Days since the last logged day when it is :data:`AWAY_DAYS` or more before
        ``as_of`` (two weeks away), else None."""
        if not self.log_days:
            return None
        days = (self.as_of - self.log_days[-1]).days
        return days if days >= AWAY_DAYS else None

    def week_of(self, day: date) -> Week:
        """The program week of a day (the first or last week outside the program)."""
        index = (day - self.program.start).days // 7
        return self.program.weeks[max(0, min(len(self.program.weeks) - 1, index))]

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


def _sessions_by_exercise(logged: Iterable[SetLog]) -> dict[str, tuple[_Logged, ...]]:
    days: dict[str, dict[date, list[SetLog]]] = {}
    for s in logged:
        days.setdefault(s.exercise_id, {}).setdefault(s.date, []).append(s)
    return {
        exercise_id: tuple(
            _Logged(day, tuple(sorted(sets, key=lambda s: s.set)))
            for day, sets in sorted(by_day.items())
        )
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


# --- Stop rules (R32) --------------------------------------------------------------------------


def _review(logged: Sequence[SetLog], as_of: date, catalogue: Catalogue) -> _Review:
    since = as_of - timedelta(days=R32_WINDOW_DAYS)
    recent = [s for s in logged if since <= s.date <= as_of]
    findings: list[Finding] = []
    symptoms: dict[Symptom, date] = {}
    for s in recent:
        for symptom in s.symptoms:
            if symptom in R32_SYMPTOMS:
                symptoms[symptom] = max(symptoms.get(symptom, s.date), s.date)
    if symptoms:
        listed = ", ".join(
            f"{symptom.value.replace('_', ' ')} ({day.isoformat()})"
            for symptom, day in sorted(symptoms.items(), key=lambda kv: (kv[1], kv[0].value))
        )
        findings.append(
            Finding(
                rule="R32",
                severity=Severity.MUST,
                message=f"Stop training and see a doctor before the next session: {listed} "
                "reported. If it is happening now (chest pain, fainting, breathlessness that "
                "stops you talking), call emergency services. The doses below only hold or "
                "go down, and are for after the review.",
            )
        )
    painful: dict[str, tuple[int, date]] = {}
    for s in recent:
        if s.pain is not None and s.pain >= R32_PAIN_REVIEW_AT:
            worst = painful.get(s.exercise_id)
            if worst is None or (s.pain, s.date) > worst:
                painful[s.exercise_id] = (s.pain, s.date)
    for exercise_id, (pain, day) in sorted(painful.items()):
        name = catalogue[exercise_id].name if exercise_id in catalogue else exercise_id
        findings.append(
            Finding(
                rule="R32",
                severity=Severity.MUST,
                message=f"Pain of {pain}/10 during {name} on {day.isoformat()}: have it "
                "checked by your physiotherapist or doctor before doing it again. Until then "
                "nothing in the program goes up.",
            )
        )
    return _Review(needed=bool(findings), findings=tuple(findings), painful=painful)


# --- Working maxes (R22) ---------------------------------------------------------------------


def _working_maxes(
    program: Program,
    logged: Sequence[SetLog],
    *,
    as_of: date,
    profile: ClientProfile,
    units: Units,
) -> tuple[dict[str, WorkingMax], list[Finding]]:
    """The working max per exercise: re-estimated at the latest R22 check-point if the log
    allows, else the program's, else a first estimate from the log."""
    from_profile = working_maxes(profile, as_of=program.start)
    sets = [x for x in (s.as_strength_set() for s in logged) if x is not None]
    elapsed = (as_of - program.start).days
    checkpoint = (
        program.start
        + timedelta(days=R22_REESTIMATE_EVERY_DAYS * (elapsed // R22_REESTIMATE_EVERY_DAYS))
        if elapsed >= R22_REESTIMATE_EVERY_DAYS
        else None
    )
    out: dict[str, WorkingMax] = {}
    redone: list[str] = []
    for exercise_id in sorted(set(program.working_max_kg) | {s.exercise for s in sets}):
        wm: WorkingMax | None = None
        if checkpoint is not None:
            estimate = _estimate(sets, exercise_id, checkpoint)
            if estimate is not None:
                wm = WorkingMax(
                    exercise_id=exercise_id,
                    one_rm_kg=estimate[0],
                    source="log",
                    set_date=estimate[1],
                    reestimated_on=checkpoint,
                )
                redone.append(exercise_id)
        if wm is None and exercise_id in program.working_max_kg:
            known = from_profile.get(exercise_id)
            wm = WorkingMax(
                exercise_id=exercise_id,
                one_rm_kg=program.working_max_kg[exercise_id],
                source="profile",
                set_date=known.set_date if known is not None else None,
            )
        if wm is None:
            estimate = _estimate(sets, exercise_id, as_of)
            if estimate is not None:
                wm = WorkingMax(
                    exercise_id=exercise_id,
                    one_rm_kg=estimate[0],
                    source="log",
                    set_date=estimate[1],
                )
        if wm is not None:
            out[exercise_id] = wm
    findings: list[Finding] = []
    if redone and checkpoint is not None:
        listed = ", ".join(
            f"{x.replace('_', ' ')} {format_load(out[x].one_rm_kg, units, digits=1)}"
            for x in redone
        )
        findings.append(
            Finding(
                rule="R22",
                severity=Severity.INFO,
                message=f"Working maxes re-estimated on {checkpoint.isoformat()} (every "
                f"{R22_REESTIMATE_EVERY_DAYS // 7} weeks) from your logged sets: {listed}.",
            )
        )
    return out, findings


def _estimate(
    sets: Sequence[StrengthSet], exercise_id: str, as_of: date
) -> tuple[float, date] | None:
    """R20-R22 working max from logged sets up to ``as_of`` (and its set's date), or None."""
    try:
        estimate = working_max_from_sets(sets, exercise_id, as_of=as_of)
    except DomainError:
        return None
    if estimate is None or not estimate.reliable or estimate.set_date is None:
        return None
    return estimate.one_rm_kg, estimate.set_date


# --- One item ----------------------------------------------------------------------------------


def _next_item(ctx: _Context, item: ProgramItem) -> NextItem:
    exercise = ctx.catalogue.get(item.exercise_id)
    if exercise is None:
        result = _as_planned(ctx, item, None)
    elif item.component is Component.IMPACT and item.impacts is not None:
        result = _impact(ctx, item, exercise)
    elif item.component is Component.BALANCE:
        result = _balance(ctx, item, exercise)
    elif (
        item.component in (Component.RESISTANCE, Component.POSTURE)
        and item.reps is not None
        and item.hold_s is None
        and exercise.dose == "reps"
    ):
        result = _reps(ctx, item, exercise)
    else:
        result = _as_planned(ctx, item, exercise)
    if ctx.review.needed and result.change is Change.NEW:
        return replace(
            result,
            change=Change.HOLD,
            reason=f"Not started until the review (R32). {result.reason}",
        )
    return result


def _base(ctx: _Context, item: ProgramItem) -> NextItem:
    """The planned dose of ``item`` as a new item (the starting point of every rule)."""
    return NextItem(
        exercise_id=item.exercise_id,
        name=item.name,
        component=item.component,
        sets=item.sets,
        reps=item.reps,
        load_kg=item.load_kg,
        load_display=item.load_display,
        target_rpe=_rpe_cap(ctx, item.target_rpe),
        hold_s=item.hold_s,
        impacts=item.impacts,
        minutes=item.minutes,
        change=Change.NEW,
        reason="",
        next_date=ctx.next_date(item.exercise_id),
    )


def _rpe_cap(ctx: _Context, rpe: float | None) -> float | None:
    """R17: never above RPE 8 in the first 12 weeks, 9 after."""
    if rpe is None:
        return None
    return min(rpe, RPE_CAP_FIRST_12_WEEKS if ctx.week.week <= 12 else RPE_CAP_LATER)


def _as_planned(ctx: _Context, item: ProgramItem, exercise: Exercise | None) -> NextItem:
    """Warm-ups, mobility, walking, holds and carries: the week's plan."""
    base = _base(ctx, item)
    sessions = ctx.sessions.get(item.exercise_id, ())
    if not sessions:
        return replace(base, reason="As planned for this week.")
    last = sessions[-1]
    reason = f"As planned for this week (last done {last.day.isoformat()})."
    load = last.load_kg if exercise is not None and exercise.loadable else None
    display = base.load_display
    change = Change.HOLD
    previous = load
    if load is not None and exercise is not None:
        kind = implement_for(exercise.equipment)
        reason = f"Same load as last time ({ctx.fmt(load)} on {last.day.isoformat()})."
        painful = ctx.review.painful.get(exercise.id)
        if painful is not None:
            load = ctx.step_back(load, kind)
            change = Change.DECREASE
            reason = (
                f"{_pct_text(load, previous)}: pain {painful[0]}/10 on "
                f"{painful[1].isoformat()}; only after the review (R32)."
            )
        display = ctx.display(load, kind)
    elif last.max_pain >= PAIN_HOLD_AT:
        reason += f" Pain {last.max_pain}/10 last time: tell your coach if it comes back."
    return replace(
        base,
        load_kg=load if previous is not None else base.load_kg,
        load_display=display,
        change=change,
        reason=reason,
        previous_load_kg=previous,
        last_done=last.day,
    )


# --- Resistance with reps: double progression ---------------------------------------------------


class Outcome(StrEnum):
    """How one logged session of one exercise went against its prescription."""

    SUCCESS = "success"
    PARTIAL = "partial"
    HARD = "hard"
    FAILED = "failed"
    UNRATED = "unrated"
    PAINFUL = "painful"
    PAIN_REVIEW = "pain_review"


def rep_range(reps: int) -> tuple[int, int]:
    """The double-progression range (bottom, top) of a prescription of ``reps`` reps.

    ``reps - REP_RANGE_WIDTH`` up to ``reps``, never below :data:`MIN_RANGE_REPS`; a
    prescription of :data:`MIN_RANGE_REPS` reps or fewer is a range of one (5 x 5).
    """
    if reps <= MIN_RANGE_REPS:
        return reps, reps
    return max(MIN_RANGE_REPS, reps - REP_RANGE_WIDTH), reps


def judge_session(
    sets: Sequence[SetLog],
    *,
    prescribed_sets: int,
    prescribed_reps: int,
    target_rpe: float | None,
    loaded: bool,
) -> Outcome:
    """Classify one session of one exercise (its logged ``sets``) against a prescription.

    In this order: pain of 5/10 or more -> ``pain_review`` (R32); 3-4/10 -> ``painful``; a
    set short of ``prescribed_reps`` or effort (highest RPE, or 10 - RIR) at least
    :data:`FAIL_RPE_MARGIN` above ``target_rpe`` -> ``failed``; effort above target by less
    -> ``hard``; fewer sets than ``prescribed_sets`` -> ``partial``; a ``loaded`` exercise
    with no effort logged -> ``unrated`` (R18 needs the effort); else ``success``.
    """
    pain = max((s.pain or 0 for s in sets), default=0)
    if pain >= R32_PAIN_REVIEW_AT:
        return Outcome.PAIN_REVIEW
    if pain >= PAIN_HOLD_AT:
        return Outcome.PAINFUL
    efforts = [e for e in (s.effort for s in sets) if e is not None]
    effort = max(efforts) if efforts else None
    above = effort - target_rpe if effort is not None and target_rpe is not None else None
    if any(s.reps < prescribed_reps for s in sets) or (
        above is not None and above >= FAIL_RPE_MARGIN
    ):
        return Outcome.FAILED
    if above is not None and above > 0:
        return Outcome.HARD
    if len(sets) < prescribed_sets:
        return Outcome.PARTIAL
    if loaded and effort is None:
        return Outcome.UNRATED
    return Outcome.SUCCESS


@dataclass(slots=True)
class _RepState:
    """The replayed prescription of one exercise (private and mutable while replaying)."""

    load_kg: float | None = None
    """The load for the next session (kg); ``None`` before a loaded session or bodyweight."""
    reps: int | None = None
    """Reps for the next session."""
    prescribed_reps: int | None = None
    """Reps prescribed for the last replayed session."""
    outcome: Outcome | None = None
    session: _Logged | None = None
    """The last replayed session (sessions in deload weeks are not replayed)."""
    top_streak: int = 0
    streak_load: float | None = None
    fail_streak: int = 0
    reason: str = ""


def _reps(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    base = _base(ctx, item)
    loaded = exercise.loadable
    kind = implement_for(exercise.equipment) if loaded else LoadKind.BODYWEIGHT
    wm = ctx.maxes.get(exercise.id)
    sessions = ctx.sessions.get(exercise.id, ())
    if not sessions:
        return _first_time(ctx, base, exercise, kind, wm)
    assert item.reps is not None
    bottom, top = rep_range(item.reps)

    state = _RepState()
    for logged in sessions:
        _replay(ctx, state, logged, item, exercise, kind)
    last = sessions[-1]
    # The comparison is with her last session outside the program's deload weeks.
    ref = state.session or last
    done_load = ref.load_kg if loaded else None
    load = state.load_kg if loaded else None
    prescribed = state.prescribed_reps if state.prescribed_reps is not None else top
    success = state.outcome is Outcome.SUCCESS
    wanted = state.reps if state.reps is not None else top
    reps = min(max(wanted, bottom), top)
    if not success:
        reps = min(reps, prescribed)  # never more reps after a session that did not go well
    reason = state.reason
    if reps < wanted:
        reason = (
            f"The plan moves to {item.sets} x {top} this week: {reps} reps"
            + (" at the same load" if load is not None else "")
            + f" (last time {_summary(ctx, ref)})."
        )
    elif reps > wanted:
        reason += f" This week's plan is {item.sets} x {top}: {reps} reps."

    away = ctx.away()
    if away is not None:
        reps = bottom if success else min(bottom, reps)
        if load is not None and done_load is not None:
            load = ctx.step_back(min(load, done_load), kind)
            reason = (
                f"{_pct_text(load, done_load)}: nothing logged for {away} days, so start back "
                "lighter and build up again."
            )
        else:
            reason = f"Nothing logged for {away} days: {reps} reps, then build up again."
    if ctx.week.phase is Phase.DELOAD and load is not None:
        lighter = round_load_down(
            load * (1 - DELOAD_STEP_PCT / 100), kind, ctx.equipment, units=ctx.units
        ).load_kg
        if lighter is not None:
            reason = (
                f"Planned deload week: about {DELOAD_STEP_PCT:g} % lighter and {item.sets} "
                f"sets, then back to {ctx.fmt(load)}."
            )
            load = lighter
    if ctx.review.needed:
        painful = ctx.review.painful.get(exercise.id)
        if painful is not None and done_load is not None and (load is None or load >= done_load):
            load = ctx.step_back(done_load, kind)
            reps = min(reps, bottom)
            reason = (
                f"{_pct_text(load, done_load)}: pain {painful[0]}/10 on "
                f"{painful[1].isoformat()}; only after the review (R32)."
            )
        elif painful is not None and load is None:
            reps = min(reps, prescribed)
            reason = (
                f"Pain {painful[0]}/10 on {painful[1].isoformat()}: only after the review (R32)."
            )
        elif _is_more(load, done_load, reps, ref.min_reps if success else prescribed):
            if load is not None and done_load is not None and load > done_load:
                load = done_load
            reps = min(reps, ref.min_reps if success else prescribed)
            reason = f"Held until the review (R32): no increases. ({reason.strip()})"
    if load is not None and wm is not None:
        cap = ctx.cap(wm, kind)
        if cap is None or load > cap + _EPS:
            reason += (
                f" Capped at {INTENSITY_CAP_PCT:g} % of the working max "
                f"({format_load(wm.one_rm_kg, ctx.units, digits=1)}, R15)."
            )
            load = cap
    if wm is not None and wm.reestimated_on is not None and loaded:
        reason += (
            f" Working max re-estimated on {wm.reestimated_on.isoformat()} from your sets of "
            f"{wm.set_date.isoformat() if wm.set_date else 'the log'}: "
            f"{format_load(wm.one_rm_kg, ctx.units, digits=1)} (R22)."
        )
    if loaded and load is None and done_load is not None:
        lightest = round_load_down(0.0 + _EPS, kind, ctx.equipment, units=ctx.units)
        reason += f" {lightest.label[0].upper()}{lightest.label[1:]}."
        if exercise.regressions and exercise.regressions[0] in ctx.catalogue:
            reason += f" Easier version: {ctx.catalogue[exercise.regressions[0]].name}."
    reference = ref.min_reps if success else prescribed
    return replace(
        base,
        reps=reps,
        load_kg=load,
        load_display=ctx.display(load, kind) if loaded else None,
        change=_label(load, done_load, reps, reference),
        reason=reason.strip(),
        previous_load_kg=done_load,
        last_done=last.day,
    )


def _summary(ctx: _Context, logged: _Logged) -> str:
    """``3x10 at 30 kg, effort 8 on 2026-11-09``: one logged session in a few words."""
    text = f"{len(logged.sets)}x{logged.min_reps}"
    if logged.load_kg is not None:
        text += f" at {ctx.fmt(logged.load_kg)}"
    if logged.max_effort is not None:
        text += f", effort {logged.max_effort:g}"
    return f"{text} on {logged.day.isoformat()}"


def _first_time(
    ctx: _Context, base: NextItem, exercise: Exercise, kind: LoadKind, wm: WorkingMax | None
) -> NextItem:
    load = base.load_kg if exercise.loadable else None
    if load is not None and wm is not None:
        cap = ctx.cap(wm, kind)
        if cap is None or load > cap + _EPS:
            load = cap
    if load is not None:
        reason = f"First time: {ctx.fmt(load)}, from your working max."
    elif exercise.loadable and base.target_rpe is not None:
        left = max(1, round(10 - base.target_rpe))
        reason = (
            f"First time: find a load you can lift {base.reps} times with about {left} more "
            f"left in you (effort {base.target_rpe:g}/10), and log it."
        )
    else:
        reason = "First time: as planned for this week."
    return replace(
        base,
        load_kg=load,
        load_display=ctx.display(load, kind) if load is not None else None,
        change=Change.NEW,
        reason=reason,
    )


def _replay(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    baseline: ProgramItem,
    exercise: Exercise,
    kind: LoadKind,
) -> None:
    """Advance the replayed prescription by one logged session (see the module docstring)."""
    loaded = exercise.loadable
    done = logged.load_kg if loaded else None
    if ctx.is_deload(logged.day) and state.reps is not None:
        return  # planned deload sessions do not move the progression
    planned = ctx.item_on(exercise.id, logged.day) or baseline
    bottom, top = rep_range(planned.reps or baseline.reps or MIN_RANGE_REPS)
    gap = ctx.gap_before(logged.day)
    if state.session is not None and gap is not None and gap >= AWAY_DAYS:
        state.reps = bottom  # back after two weeks away: start the range again
        state.top_streak = state.fail_streak = 0
        state.streak_load = None
    prescribed = min(max(state.reps if state.reps is not None else top, bottom), top)
    rpe = planned.target_rpe
    outcome = judge_session(
        logged.sets,
        prescribed_sets=planned.sets,
        prescribed_reps=prescribed,
        target_rpe=rpe,
        loaded=loaded,
    )
    state.prescribed_reps = prescribed
    state.outcome = outcome
    state.session = logged
    state.load_kg = done
    state.reps = prescribed
    day = logged.day.isoformat()
    scheme = f"{planned.sets}x{prescribed}"
    effort = f" at RPE {rpe:g} or easier" if rpe is not None else ""
    if outcome is not Outcome.SUCCESS:
        state.top_streak = 0
        state.streak_load = None
    if outcome is not Outcome.FAILED:
        state.fail_streak = 0

    if outcome is Outcome.PAIN_REVIEW:
        state.load_kg = ctx.step_back(done, kind) if done is not None else None
        state.reps = bottom
        state.reason = (
            f"{_pct_text(state.load_kg, done)}: pain {logged.max_pain}/10 on {day}"
            if done is not None
            else f"Pain {logged.max_pain}/10 on {day}: {bottom} reps"
        ) + "; only after a review (R32)."
    elif outcome is Outcome.PAINFUL:
        state.reason = f"Pain {logged.max_pain}/10 on {day}: same again until it settles."
    elif outcome is Outcome.PARTIAL:
        state.reason = (
            f"Only {len(logged.sets)} of {planned.sets} sets on {day}: same again (the load "
            "goes up only after every set is done, R18)."
        )
    elif outcome is Outcome.UNRATED:
        state.reason = (
            f"No effort (RPE or RIR) logged on {day}: same load until the effort is known (R18)."
        )
    elif outcome is Outcome.HARD:
        state.reason = (
            f"Effort {logged.max_effort:g} on {day}, above the target of {rpe:g}: same again "
            "until it feels easier."
        )
    elif outcome is Outcome.FAILED:
        state.fail_streak += 1
        if state.fail_streak >= FAILS_FOR_STEP_BACK and done is not None:
            state.fail_streak = 0
            state.load_kg = ctx.step_back(done, kind)
            state.reps = bottom
            state.reason = (
                f"{_pct_text(state.load_kg, done)}: two sessions in a row short of {scheme}"
                f"{effort} (the last on {day}); build up again from {bottom} reps."
            )
        elif logged.min_reps >= prescribed and logged.max_effort is not None and rpe:
            state.reason = (
                f"{scheme} done on {day} but at effort {logged.max_effort:g}, a point or more "
                f"above the target of {rpe:g}: same again (one more like it and the load "
                "steps back)."
            )
        else:
            reps_done = ", ".join(str(s.reps) for s in logged.sets)
            state.reason = (
                f"{scheme}{effort} not reached on {day} ({reps_done} reps): same again (one "
                "more like it and the load steps back)."
            )
    elif logged.min_reps < top:
        state.reps = min(top, logged.min_reps + 1)
        state.top_streak = 0
        state.streak_load = None
        state.reason = (
            f"+1 rep: all {len(logged.sets)}x{logged.min_reps}{effort} on {day}; same load, "
            f"{state.reps} reps next (double progression)."
        )
    else:
        _at_top(ctx, state, logged, exercise, kind, scheme, effort, (bottom, top))


def _at_top(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    exercise: Exercise,
    kind: LoadKind,
    scheme: str,
    effort: str,
    rng: tuple[int, int],
) -> None:
    """A success at the top of the range: count it, and raise the load after two (R18)."""
    done = logged.load_kg if exercise.loadable else None
    same_load = state.streak_load is None or done is None or abs(state.streak_load - done) <= _EPS
    state.top_streak = state.top_streak + 1 if same_load else 1
    state.streak_load = done
    state.reps = rng[1]
    what = "load" if exercise.loadable else "exercise"
    if state.top_streak < R18_SUCCESSES_FOR_LOAD:
        state.reason = (
            f"All {scheme}{effort} once ({logged.day.isoformat()}): one more session like it "
            f"and the {what} goes up (R18)."
        )
        return
    if done is None:
        harder = [ctx.catalogue[p].name for p in exercise.progressions if p in ctx.allowed]
        state.reason = f"All {scheme}{effort}, twice: the top of the range." + (
            f" Ready for a harder version ({harder[0]}): ask your coach." if harder else ""
        )
        return
    up = next_load_up(done, kind, ctx.equipment, units=ctx.units)
    if up is None:
        state.reason = (
            f"All {scheme}{effort}, twice, but {ctx.fmt(done)} is the heaviest there is: "
            "stay there (ask your coach about a harder version)."
        )
        return
    limit = R18_MAX_STEP_PCT_UPPER if exercise.is_upper_body else R18_MAX_STEP_PCT_LOWER
    step_pct = (up - done) / done * 100
    if step_pct > limit + 1e-9 and _effective_step_pct(up, done, rng) > limit + 1e-9:
        region = "an upper-body" if exercise.is_upper_body else "a lower-body or trunk"
        state.reason = (
            f"All {scheme}{effort}, twice, but the next load up ({ctx.fmt(up)}) is "
            f"{_num(step_pct, 1)} % heavier, more than the {limit:g} % R18 allows for "
            f"{region} lift: stay at {ctx.fmt(done)}. Smaller plates or dumbbells would "
            "allow a smaller step."
        )
        return
    state.top_streak = 0
    state.streak_load = None
    state.load_kg = up
    state.reps = rng[0]
    state.reason = (
        f"{ctx.delta(up, done)}: all {scheme}{effort}, twice (R18); {rng[0]} reps at the new "
        f"load, then build back to {rng[1]}."
    )


#: Effort at which the rep drop of double progression is valued (the chart's RPE 8 column).
DOUBLE_PROGRESSION_RPE = 8.0


def _effective_step_pct(up: float, done: float, rng: tuple[int, int]) -> float:
    """How much harder the next load is once reps drop from the top to the bottom of the range.

    R18 limits how fast intensity rises. With coarse equipment the smallest step is often
    more than 5 % (2.5 % upper body), but double progression also drops the reps from the top
    to the bottom of the range, and fewer reps at the same effort allow a heavier load
    (%1RM chart, section 6.2). The step counts as the load ratio divided by that allowance:
    e.g. 25 -> 27.5 kg (+10 %) with 10 -> 8 reps is +1.2 %.
    """
    bottom, top = max(1, min(rng[0], 12)), max(1, min(rng[1], 12))
    allowance = pct_1rm(bottom, DOUBLE_PROGRESSION_RPE) / pct_1rm(top, DOUBLE_PROGRESSION_RPE)
    return ((up / done) / allowance - 1) * 100


def _is_more(load: float | None, done: float | None, reps: int, reference: int) -> bool:
    return _label(load, done, reps, reference) is Change.INCREASE


def _label(load: float | None, done: float | None, reps: int, reference: int) -> Change:
    """Compare the next dose with the last: load first, then reps against ``reference``."""
    if done is not None:
        if load is None or load < done - _EPS:
            return Change.DECREASE
        if load > done + _EPS:
            return Change.INCREASE
    if reps > reference:
        return Change.INCREASE
    if reps < reference and done is None:
        return Change.DECREASE
    return Change.HOLD


# --- Loads that exist ---------------------------------------------------------------------------


def next_load_up(
    load_kg: float,
    kind: LoadKind,
    equipment: EquipmentProfile = DEFAULT_EQUIPMENT,
    *,
    units: Units,
) -> float | None:
    """The lightest load heavier than ``load_kg`` that exists on the implement, in kg.

    ``load_kg`` > 0 (kg, per dumbbell or kettlebell). The gym is ``equipment`` in ``units``,
    so a pound gym steps in pound plates. Returns ``None`` for body weight and at the
    heaviest load available. The upward mirror of
    :func:`osteoload.domain.units.round_load_down` (R18: loads that exist).
    """
    if kind is LoadKind.BODYWEIGHT:
        return None
    if kind is LoadKind.BAND:
        heavier = [b.approx_kg for b in equipment.bands if b.approx_kg > load_kg + _EPS]
        return min(heavier) if heavier else None
    gym = equipment.gym(units)
    value = load_kg if units is Units.KG else kg_to_lb(load_kg)
    candidates: list[float] = []
    if kind is LoadKind.KETTLEBELL:
        candidates = [size for size in gym.kettlebells if size > value + _EPS]
    else:
        runs: tuple[Run, ...]
        if kind is LoadKind.BARBELL:
            runs = (gym.barbell,)
        elif kind is LoadKind.MACHINE:
            runs = (gym.machine,)
        else:
            runs = gym.dumbbells
        for run in runs:
            if value < run.start - _EPS:
                candidates.append(run.start)
                continue
            k = math.floor((value - run.start) / run.step + _EPS) + 1
            nxt = run.start + k * run.step
            if run.stop is None or nxt <= run.stop + _EPS:
                candidates.append(nxt)
    if not candidates:
        return None
    best = min(candidates)
    return best if units is Units.KG else lb_to_kg(best)


def _pct_text(new: float | None, old: float | None) -> str:
    if new is None or old is None or old <= 0:
        return "Lighter than the lightest load there is: use the easier version or body weight"
    return f"-{_num((old - new) / old * 100, 1)} %"


def _num(value: float, digits: int = 2) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- Impact (R10) -----------------------------------------------------------------------------


def _impact(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    base = _base(ctx, item)
    sessions = ctx.sessions.get(exercise.id, ())
    if not sessions or item.impacts is None:
        return replace(base, reason="First time: as planned for this week.")
    target: int | None = None
    prescribed = item.impacts
    reason = ""
    for logged in sessions:
        if ctx.is_deload(logged.day) and target is not None:
            continue
        planned = ctx.item_on(exercise.id, logged.day) or item
        prescribed = target if target is not None else (planned.impacts or item.impacts)
        gap = ctx.gap_before(logged.day)
        if target is not None and gap is not None and gap >= AWAY_DAYS:
            prescribed = max(IMPACT_FLOOR, prescribed - IMPACT_STEP_BACK)
        done, pain, day = logged.impacts, logged.max_pain, logged.day.isoformat()
        if pain >= R32_PAIN_REVIEW_AT:
            target = max(IMPACT_FLOOR, min(done, prescribed) - IMPACT_STEP_BACK)
            reason = f"{target} impacts: pain {pain}/10 on {day}; only after a review (R32)."
        elif done >= prescribed and pain == 0:
            target = min(IMPACT_CEILING, max(done, prescribed) + IMPACT_STEP_PER_SESSION)
            reason = (
                f"+{target - prescribed} impacts: all {prescribed} done without pain on {day} "
                "(R10)."
                if target > prescribed
                else f"All {done} done without pain on {day}: at the target of "
                f"{IMPACT_CEILING} a session (R10)."
            )
        else:
            target = prescribed
            why = f"pain {pain}/10" if pain else f"{done} of {prescribed} done"
            reason = (
                f"{why[0].upper()}{why[1:]} on {day}: same again (impacts build only on "
                "pain-free sessions, R10)."
            )
    assert target is not None
    last = sessions[-1]
    impacts = target
    away = ctx.away()
    if away is not None:
        impacts = max(IMPACT_FLOOR, min(target, prescribed) - IMPACT_STEP_BACK)
        reason = f"Nothing logged for {away} days: {impacts} impacts to start back."
    if ctx.week.phase is Phase.DELOAD and item.impacts < impacts:
        impacts = item.impacts
        reason = f"Planned deload week: {impacts} impacts, then back to {target}."
    if ctx.review.needed and impacts > prescribed:
        impacts = prescribed
        reason = f"Held until the review (R32): no increases. ({reason})"
    if exercise.id in ctx.review.painful:
        impacts = min(impacts, max(IMPACT_FLOOR, prescribed - IMPACT_STEP_BACK))
    change = (
        Change.INCREASE
        if impacts > prescribed
        else Change.DECREASE
        if impacts < prescribed
        else Change.HOLD
    )
    sets, reps = split_impacts(impacts)
    impacts = sets * reps
    return replace(
        base,
        sets=sets,
        reps=reps,
        impacts=impacts,
        change=change,
        reason=reason,
        last_done=last.day,
    )


# --- Balance (R23) ----------------------------------------------------------------------------


def _balance(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    base = _base(ctx, item)
    chain = _balance_chain(ctx.catalogue, exercise.id)
    logged_chain = [x for x in chain if ctx.sessions.get(x)]
    if not logged_chain:
        return replace(base, reason="First time: as planned for this week.")
    current_id = max(logged_chain, key=lambda x: (ctx.sessions[x][-1].day, chain.index(x)))
    current = ctx.catalogue[current_id]
    sets, hold_s, reps = _balance_dose(item, current)
    sessions = ctx.sessions[current_id]
    last = sessions[-1]
    recent = sessions[-BALANCE_SESSIONS_TO_PROGRESS:]
    complete = [_balance_complete(s, sets, hold_s, reps) for s in recent]
    unit = f"{hold_s} s hold" if hold_s is not None else f"{reps}-step walk"
    now = replace(
        base,
        exercise_id=current.id,
        name=current.name,
        sets=sets,
        hold_s=hold_s,
        reps=reps,
        change=Change.HOLD,
        last_done=last.day,
        replaces=exercise.id if current.id != exercise.id else None,
    )
    if len(recent) < BALANCE_SESSIONS_TO_PROGRESS or not all(complete):
        if complete[-1]:
            reason = (
                f"Every {unit} done on {last.day.isoformat()}: one more session like it and "
                "you move on."
            )
        else:
            reason = f"Not every {unit} done on {last.day.isoformat()}: same again."
        return replace(now, reason=reason)
    harder = sorted(
        (
            ctx.catalogue[p]
            for p in current.progressions
            if p in ctx.allowed and ctx.catalogue[p].component is Component.BALANCE
        ),
        key=lambda e: (e.level, e.id),
    )
    if ctx.review.needed:
        return replace(now, reason="Held until the review (R32): no harder balance work.")
    if not harder:
        return replace(
            now,
            reason=f"Every {unit} done in the last two sessions, and this is the hardest "
            "balance exercise allowed for you now: keep it up.",
        )
    nxt = harder[0]
    n_sets, n_hold, n_reps = _balance_dose(item, nxt)
    return replace(
        now,
        exercise_id=nxt.id,
        name=nxt.name,
        sets=n_sets,
        hold_s=n_hold,
        reps=n_reps,
        change=Change.INCREASE,
        replaces=current.id,
        reason=f"Every {unit} done in the last two sessions: move on to {nxt.name} "
        "(progressive balance challenge, R23).",
    )


def _balance_chain(catalogue: Catalogue, start: str, depth: int = 5) -> list[str]:
    """``start`` and the balance exercises reachable through its progressions, nearest first."""
    out = [start]
    frontier = [start]
    for _ in range(depth):
        reached: list[str] = []
        for x in frontier:
            for p in catalogue[x].progressions if x in catalogue else ():
                if p not in out and p in catalogue and catalogue[p].component is Component.BALANCE:
                    out.append(p)
                    reached.append(p)
        frontier = reached
    return out


def _balance_dose(item: ProgramItem, exercise: Exercise) -> tuple[int, int | None, int | None]:
    """(sets, hold_s, reps): the planned dose for the planned exercise; for a harder one,
    holds of at most :data:`BALANCE_NEW_HOLD_S` or walks of :data:`BALANCE_NEW_REPS` steps."""
    if exercise.id == item.exercise_id:
        if exercise.dose == "hold":
            return item.sets, item.hold_s or BALANCE_NEW_HOLD_S, None
        return item.sets, None, item.reps or BALANCE_NEW_REPS
    if exercise.dose == "hold":
        return item.sets, min(item.hold_s or BALANCE_NEW_HOLD_S, BALANCE_NEW_HOLD_S), None
    return item.sets, None, BALANCE_NEW_REPS


def _balance_complete(logged: _Logged, sets: int, hold_s: int | None, reps: int | None) -> bool:
    """Every prescribed hold (or walk) done, without more than mild pain."""
    if logged.max_pain >= PAIN_HOLD_AT:
        return False
    if hold_s is not None:
        done = sum(1 for s in logged.sets if (s.hold_s or 0) >= hold_s)
    else:
        done = sum(1 for s in logged.sets if s.reps >= (reps or 0))
    return done >= sets
