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
    the engine would have prescribed for it (:func:`judge_session`), across weeks, phases
    and blocks (``earlier=`` gives the earlier blocks). Every decision is a
    :class:`Decision` (rule ID, outcome, numbers) on the item; its ``reason`` is worded from
    it in one place (``_reason``). The rules, written up in ``docs/science/progression.md``:

    * R18: *success* (every prescribed set and rep at or below the target RPE) below the top
      of the range: one rep more at the same load; at the top in two sessions in a row: the
      next load that exists on her implement (:func:`next_load_up`). A change of the plan's
      rep or effort target converts the load by effort (%1RM chart) and keeps the count; a
      lower target alone never lowers a load she lifts well.
    * R18a: the reps at the new load drop (down to 6) so that the *effort* step stays within
      10 % (lower body, trunk) or 5 % (upper body); if even 6 reps are not enough: a set
      more (up to 3), mixed loads (the last sets at the next load, one more each time she
      lifts them), a slower tempo, the next harder variation, then an add-on weight is
      suggested. A 5 x 5 steps on a clean 5 x 5; below 50 kg one 2.5 kg barbell step.
    * R18b: every rep at up to 1.5 RPE points (or more, below 9.5) over target holds; a
      missed rep or RPE 9.5 is a failure; two failures in a row step back once (5-10 %, one
      step), never below the lightest successful load of the last 4 weeks and never twice
      without a success; two "too easy" sessions (2 points under) allow a double step.
    * R18c: 2-4 weeks away: resume at about 90 % of the last successful load and return to
      it over two good sessions; more than 4 weeks: 80 % and four sessions. Pain of 5/10 or
      more: one step back, held during the R32 review, then back to the previous load over
      three pain-free sessions.
    * R22/R22a: the working max is re-estimated every 4 weeks from the sets before the
      check-point and never lowered unless her performance fell (a set at RPE 9.5 or more);
      a load she lifted successfully is within the 85 % cap, and after two successes so is
      one step more when the working max comes from her log.
    * *partial*, *painful* (3-4/10) or *unrated* sessions hold; deload weeks do not move the
      progression and the next session in a deload week is about 10 % lighter.

Impact (R10, R10a)
    Impacts per session go up by 5 at most once a week when every prescribed impact was
    done without pain, up to 50; a new drill starts at 10 or fewer; otherwise they hold;
    pain of 5/10 or more, or two weeks away, steps them back by 10.

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
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from ..catalogue import Catalogue, Exercise
from ..errors import DomainError
from ..logs import SetLog
from ..one_rm import pct_1rm, working_max_from_sets
from ..profile import ClientProfile, StrengthSet
from ..program import Finding, Program, ProgramItem, Week, split_impacts
from ..programming import (
    FAMILIARISATION_RPE,
    IMPACT_START_PER_SESSION,
    IMPACT_TARGET_PER_SESSION,
    RPE_CAP_FIRST_12_WEEKS,
    RPE_CAP_LATER,
    STANDARD_CAP_PCT,
    allowed_exercises,
    working_maxes,
)
from ..stop_rules import R32_PAIN_REVIEW_AT
from ..stop_rules import STOP_RULE_SYMPTOMS as R32_SYMPTOMS
from ..units import (
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
from ..vocabulary import Component, Phase, Severity, Symptom, Units

# --- Rules and their numbers -------------------------------------------------------------

#: R18 (must): raise load only after this many consecutive sessions with every prescribed
#: set and rep done at or below the target RPE (ACSM progression principle; conservative).
R18_SUCCESSES_FOR_LOAD = 2

#: R18a (must): the largest *effort* step of one load increase, % of the current load, for
#: a lower-body or trunk lift (the load ratio after the rep drop of double progression).
R18_MAX_STEP_PCT_LOWER = 10.0

#: R18a (must): the same for an upper-body lift
#: (:attr:`osteoload.domain.catalogue.Exercise.is_upper_body`).
R18_MAX_STEP_PCT_UPPER = 5.0

#: R18b: after two "too easy" sessions (every rep at >= 2 RPE points below target) a double
#: step is allowed, up to these effort steps (% of the load).
R18B_DOUBLE_STEP_PCT_LOWER = 15.0
R18B_DOUBLE_STEP_PCT_UPPER = 10.0

#: R18b: every rep done at up to this many RPE points over target holds (not a failure).
R18B_HOLD_RPE_MARGIN = 1.5

#: R18b: a session with any set rated at or above this RPE is a failure.
R18B_FAIL_RPE = 9.5

#: R18b: every rep at this many RPE points or more below target is "too easy".
R18B_TOO_EASY_MARGIN = 2.0

#: R18b: a step back never goes below the lightest load completed successfully in this
#: many days.
R18B_FLOOR_DAYS = 28

#: R18a: fixed-rep schemes (5 x 5) on a barbell below this load may step by one 2.5 kg step.
R18A_SMALL_BAR_KG = 50.0
R18A_SMALL_BAR_STEP_KG = 2.5

#: R18a: a loaded lift she completes successfully never stays at the same load, reps and
#: sets for more than this many weeks.
R18A_MAX_WEEKS_UNCHANGED = 3

#: R18a: sets added (up to 3 in all) before other variables when the load step is too big.
R18A_MAX_SETS = 3

#: R18a: the small add-on weight (a 0.5-1 kg wrist weight, fractional plates, a stack's
#: add-on plate) that is the last way up when no load she owns is a small enough step, by
#: her units: (upper body, lower body or trunk), in that unit.
R18A_ADD_ON: dict[Units, tuple[float, float]] = {Units.KG: (0.5, 1.0), Units.LB: (1.0, 2.0)}

#: R18c: after 2-4 weeks away she resumes at about this share of the last successful load
#: and returns to it over :data:`R18C_RETURN_SESSIONS` good sessions; after more than
#: :data:`R18C_LONG_BREAK_DAYS` the lift restarts with a short familiarisation (R14) at
#: :data:`R18C_LONG_BREAK_PCT`.
R18C_RESUME_PCT = 90.0
R18C_RETURN_SESSIONS = 2
R18C_LONG_BREAK_DAYS = 28
R18C_LONG_BREAK_PCT = 80.0

#: R18c: after pain of 5/10 or more on a lift, she rebuilds to the previous load over this
#: many pain-free sessions.
R18C_PAIN_REBUILD_SESSIONS = 3

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

#: Kept for callers: R18b replaced "a point over target fails" by :data:`R18B_FAIL_RPE`.
FAIL_RPE_MARGIN = R18B_HOLD_RPE_MARGIN

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

#: R32: days before ``as_of`` within which a logged red flag still counts.
R32_WINDOW_DAYS = 14

#: Pain of 3-4/10 holds the dose; 0-2/10 is accepted as mild discomfort (our choice, as in
#: the pain-monitoring models used in rehabilitation).
PAIN_HOLD_AT = 3

#: R10/R10a (should): impacts per session build by 5 a *week* (not per session) after a
#: week whose sessions had every impact done without pain, up to about 50 (SSS 2022); never
#: below the generator's starting dose. A new drill starts at <= 10 impacts.
IMPACT_STEP_PER_SESSION = 5
IMPACT_STEP_PER_WEEK = 5
IMPACT_NEW_DRILL_MAX = 10
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

#: Logged loads are stored in kg to two decimals, so a 45 lb bar comes back as 20.41 kg
#: (44.997 lb): a logged load this close to a load her equipment has is that load.
LOGGED_LOAD_TOLERANCE_KG = 0.006


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
class Decision:
    """What the engine decided for one item and why, as data.

    ``rule``: the rule ID (``R18``, ``R18a``, ...). ``outcome``: what was decided
    (:class:`DecisionKind` values, e.g. ``load_up``, ``hold``, ``step_back``). ``numbers``:
    the facts behind it (loads in kg, reps, RPE, days, %).
    """

    rule: str
    outcome: str
    numbers: dict[str, float | int | str | None] = field(default_factory=dict, hash=False)


class DecisionKind(StrEnum):
    """The outcomes of the resistance rules (R18-R18c)."""

    NEW = "new"
    REP_UP = "rep_up"
    LOAD_UP = "load_up"
    DOUBLE_STEP = "double_step"
    ADD_SET = "add_set"
    MIXED = "mixed"
    TEMPO = "tempo"
    HARDER_VARIATION = "harder_variation"
    ADD_ON = "add_on"
    CONVERT = "convert"
    ONE_MORE = "one_more"
    HOLD = "hold"
    HOLD_HARD = "hold_hard"
    FAILED_ONCE = "failed_once"
    STEP_BACK = "step_back"
    AT_FLOOR = "at_floor"
    RESUME = "resume"
    REBUILD = "rebuild"
    PAIN = "pain"


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
    decision: Decision | None = None
    """The structured decision behind ``reason`` (rule ID, outcome, numbers)."""
    tempo: str | None = None
    """A slower tempo (R18a), e.g. ``3-1-1`` (seconds down, pause, up), or None."""
    harder_variation: str | None = None
    """R18a: the catalogue id of the next harder variation she is ready for, or None."""
    heavier_sets: int = 0
    """R18a mixed loads: the last ``heavier_sets`` sets at ``heavier_load_kg`` x
    ``heavier_reps`` (the others at ``load_kg`` x ``reps``)."""
    heavier_load_kg: float | None = None
    heavier_load_display: str | None = None
    """``heavier_load_kg`` the way her equipment shows it."""
    heavier_reps: int | None = None


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
    earlier: Sequence[Program] = (),
) -> NextPrescriptions:
    """The next prescription of every item of the program's current week.

    ``earlier``: her earlier blocks (any order), so that sessions logged before this
    program's start are judged against what was prescribed then (R18: successes count
    across blocks). Without them such sessions are judged against what she logged.

    ``program``: generated for ``profile`` (``programming.generate_program``).
    ``history``: logged sets in any order; sets dated after ``as_of`` are ignored (and
    counted in a finding). ``units``: the client's units: pound gyms step in pound plates,
    and texts show her units. ``equipment``: her gym (default
    :data:`osteoload.domain.units.DEFAULT_EQUIPMENT`).

    Returns :class:`NextPrescriptions`; the rules are in the module docstring.
    """
    logged = tuple(
        sorted(
            (_snap(s, catalogue, equipment, units) for s in history if s.date <= as_of),
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
        days_away = (as_of - last_logged).days
        resume_pct = R18C_RESUME_PCT if days_away <= R18C_LONG_BREAK_DAYS else R18C_LONG_BREAK_PCT
        findings.append(
            Finding(
                rule="R18c",
                severity=Severity.INFO,
                message=f"Nothing logged for {days_away} days (last on "
                f"{last_logged.isoformat()}): loads start back at about {resume_pct:g} % of "
                "the last good ones and return to them over the next sessions (R18c).",
            )
        )

    ctx = _Context(
        program=program,
        earlier=tuple(sorted((p for p in earlier if p.weeks), key=lambda p: p.start)),
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
        flag_days=tuple(
            sorted(
                {
                    s.date
                    for s in logged
                    if (s.pain or 0) >= R32_PAIN_REVIEW_AT
                    or any(x in R32_SYMPTOMS for x in s.symptoms)
                }
            )
        ),
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
    earlier: tuple[Program, ...]
    """Earlier blocks, oldest first."""
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
    flag_days: tuple[date, ...]
    """Every day with a stop-rule report (pain >= 5/10 or an R32 symptom)."""
    day_from: date
    """The first day the next session can fall on: ``as_of``, or the day after when she has
    already logged something on ``as_of``."""

    def gap_before(self, day: date) -> int | None:
        """Days from the last logged day before ``day`` to ``day`` (None: nothing before)."""
        earlier = [d for d in self.log_days if d < day]
        return (day - earlier[-1]).days if earlier else None

    def review_on(self, day: date) -> bool:
        """True when a stop rule (R32) was in force for a session on ``day``: pain of 5/10
        or more, or a red flag, logged in the 14 days before it."""
        return any(since < day for since in self.flag_days if (day - since).days <= R32_WINDOW_DAYS)

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


def _snap(s: SetLog, catalogue: Catalogue, equipment: EquipmentProfile, units: Units) -> SetLog:
    """A logged set whose load is a load of her equipment up to the storage's rounding
    (:data:`LOGGED_LOAD_TOLERANCE_KG`) carries that load exactly."""
    exercise = catalogue.get(s.exercise_id)
    if s.load_kg is None or exercise is None or not exercise.loadable:
        return s
    kind = implement_for(exercise.equipment)
    if kind in (LoadKind.BAND, LoadKind.BODYWEIGHT):
        return s
    near = round_load_down(
        s.load_kg + LOGGED_LOAD_TOLERANCE_KG, kind, equipment, units=units
    ).load_kg
    if near is None or abs(near - s.load_kg) > LOGGED_LOAD_TOLERANCE_KG or near == s.load_kg:
        return s
    return replace(s, load_kg=near)


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
            estimate = _ratchet(
                sets,
                exercise_id,
                program.start,
                checkpoint,
                program.working_max_kg.get(exercise_id),
            )
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


def _ratchet(
    sets: Sequence[StrengthSet],
    exercise_id: str,
    start: date,
    checkpoint: date,
    planned: float | None,
) -> tuple[float, date] | None:
    """R22a: the working max at ``checkpoint``, re-estimated at every R22 check-point since
    ``start``; a re-estimate never lowers it unless her performance fell (a set at RPE
    :data:`R18B_FAIL_RPE` or more in the four weeks before the check-point)."""
    best: tuple[float, date] | None = None
    day = start + timedelta(days=R22_REESTIMATE_EVERY_DAYS)
    while day <= checkpoint:
        # From the sets before the check-point day, so the estimate is the same whether or
        # not that day's session is logged yet.
        estimate = _estimate(sets, exercise_id, day - timedelta(days=1))
        if estimate is not None:
            since = day - timedelta(days=R22_REESTIMATE_EVERY_DAYS)
            fell = any(
                s.exercise == exercise_id
                and s.date is not None
                and since <= s.date <= day
                and _set_effort(s) >= R18B_FAIL_RPE
                for s in sets
            )
            floor = best[0] if best is not None else (planned or 0.0)
            if fell or estimate[0] >= floor or best is None and planned is None:
                best = estimate
            elif best is None:
                best = (floor, estimate[1])
        day += timedelta(days=R22_REESTIMATE_EVERY_DAYS)
    return best


def _set_effort(s: StrengthSet) -> float:
    if s.rpe is not None:
        return float(s.rpe)
    if s.rir is not None:
        return 10.0 - float(s.rir)
    return 0.0


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
    TOO_EASY = "too_easy"


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
    heavier: tuple[float, int] | None = None,
) -> Outcome:
    """Classify one session of one exercise (its logged ``sets``) against a prescription.

    In this order: pain of 5/10 or more -> ``pain_review`` (R32); 3-4/10 -> ``painful``; a
    set short of ``prescribed_reps`` or any effort (RPE, or 10 - RIR) at or above
    :data:`R18B_FAIL_RPE` -> ``failed`` (R18b); every rep done but effort above
    ``target_rpe`` -> ``hard`` (a hold, not a failure, R18b); fewer sets than
    ``prescribed_sets`` -> ``partial``; a ``loaded`` exercise with no effort logged ->
    ``unrated`` (R18 needs the effort); every rep at :data:`R18B_TOO_EASY_MARGIN` or more
    below target -> ``too_easy`` (a success, R18b); else ``success``. ``heavier``: (load kg,
    reps) of the heavier sets of a mixed-load prescription (R18a); sets at that load or more
    are judged against its reps.
    """
    pain = max((s.pain or 0 for s in sets), default=0)
    if pain >= R32_PAIN_REVIEW_AT:
        return Outcome.PAIN_REVIEW
    if pain >= PAIN_HOLD_AT:
        return Outcome.PAINFUL
    efforts = [e for e in (s.effort for s in sets) if e is not None]
    effort = max(efforts) if efforts else None
    above = effort - target_rpe if effort is not None and target_rpe is not None else None
    if any(s.reps < _reps_needed(s, prescribed_reps, heavier) for s in sets) or (
        effort is not None and effort >= R18B_FAIL_RPE
    ):
        return Outcome.FAILED
    if above is not None and above > 0:
        return Outcome.HARD
    if len(sets) < prescribed_sets:
        return Outcome.PARTIAL
    if loaded and effort is None:
        return Outcome.UNRATED
    if above is not None and above <= -R18B_TOO_EASY_MARGIN:
        return Outcome.TOO_EASY
    return Outcome.SUCCESS


def _reps_needed(s: SetLog, reps: int, heavier: tuple[float, int] | None) -> int:
    if heavier is not None and s.load_kg is not None and s.load_kg >= heavier[0] - _EPS:
        return heavier[1]
    return reps


_SUCCESSES = frozenset({Outcome.SUCCESS, Outcome.TOO_EASY})


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
    top: int | None = None
    """The plan's rep target in force at the last replayed session."""
    rpe: float | None = None
    """The plan's effort target in force at the last replayed session."""
    top_streak: int = 0
    carry: bool = False
    """The plan's rep target changed after a success at the top of the old range: a success
    at the converted reps continues the count (R18: a change of rep target does not reset
    it)."""
    streak_load: float | None = None
    easy_streak: int = 0
    fail_streak: int = 0
    stepped_back: bool = False
    """The last load change was a step back and no success has followed (no compounding)."""
    successes: list[tuple[date, float]] = field(default_factory=list)
    rebuild_to: float | None = None
    rebuild_left: int = 0
    extra_sets: int = 0
    heavier_sets: int = 0
    """R18a mixed loads: this many sets at ``heavier_kg`` x ``heavier_reps``."""
    heavier_kg: float | None = None
    heavier_reps: int | None = None
    tempo: bool = False
    harder: str | None = None
    decision: Decision = field(default_factory=lambda: Decision(rule="R18", outcome="hold"))


#: R18a: the slower tempo offered when no load step fits: 3 s down, 1 s pause, up.
SLOW_TEMPO = "3-1-1"


def _effort_ratio(reps: int, rpe: float | None) -> float:
    """The %1RM of ``reps`` at ``rpe`` (chart, clamped to its range) for conversions."""
    rpe_c = min(10.0, max(6.5, round((rpe if rpe is not None else DOUBLE_PROGRESSION_RPE) * 2) / 2))
    return pct_1rm(max(1, min(12, reps)), rpe_c)


def _round(ctx: _Context, load_kg: float, kind: LoadKind) -> float | None:
    return round_load_down(load_kg + _EPS, kind, ctx.equipment, units=ctx.units).load_kg


def _convert(
    ctx: _Context, state: _RepState, kind: LoadKind, rng: tuple[int, int], rpe: float | None
) -> None:
    """R18: a change of the plan's rep (or effort) target converts the load by effort; the
    count of successes carries on."""
    bottom, top = rng
    old_reps = state.reps if state.reps is not None else top
    new_reps = min(max(old_reps, bottom), top)
    old_rpe = state.rpe
    state.carry = state.top_streak > 0 and state.top != top
    state.top, state.rpe, state.reps = top, rpe, new_reps
    if state.load_kg is None or old_rpe is None or rpe is None:
        return
    if new_reps == old_reps and old_rpe == rpe:
        return
    target = state.load_kg * _effort_ratio(new_reps, rpe) / _effort_ratio(old_reps, old_rpe)
    new = _round(ctx, target, kind)
    if new is None or abs(new - state.load_kg) <= _EPS:
        return
    if new < state.load_kg and new_reps <= old_reps:
        return  # a lower effort target alone never lowers a load she lifts well (R18, R22a)
    state.decision = Decision(
        rule="R18",
        outcome=DecisionKind.CONVERT,
        numbers={
            "from_kg": state.load_kg,
            "to_kg": new,
            "reps_from": old_reps,
            "reps_to": new_reps,
            "rpe_from": old_rpe,
            "rpe_to": rpe,
        },
    )
    if state.rebuild_to is not None:
        state.rebuild_to = _round(ctx, state.rebuild_to * new / state.load_kg, kind)
    state.load_kg = new


def _resume(
    ctx: _Context, state: _RepState, kind: LoadKind, gap: int, rng: tuple[int, int]
) -> None:
    """R18c: back after ``gap`` days away: about 90 % of the last successful load (80 % and a
    short familiarisation after more than four weeks), then back to it over two sessions."""
    last_ok = state.successes[-1][1] if state.successes else state.load_kg
    state.top_streak = state.fail_streak = state.easy_streak = 0
    state.streak_load = None
    state.stepped_back = False
    long_break = gap > R18C_LONG_BREAK_DAYS
    state.reps = rng[1] if long_break else min(max(state.reps or rng[0], rng[0]), rng[1])
    if last_ok is None:
        state.decision = Decision(rule="R18c", outcome=DecisionKind.RESUME, numbers={"days": gap})
        return
    pct = R18C_LONG_BREAK_PCT if long_break else R18C_RESUME_PCT
    wanted = last_ok * pct / 100
    resume = _round(ctx, wanted, kind) or last_ok
    heavier = next_load_up(resume, kind, ctx.equipment, units=ctx.units)
    if heavier is not None and heavier < last_ok - _EPS and heavier - wanted < wanted - resume:
        resume = heavier  # "about 90 %": the nearest load that exists below the last one
    if state.load_kg is not None:
        resume = min(resume, state.load_kg)  # never above what was due before the break
    state.load_kg = resume
    state.rebuild_to = last_ok if resume < last_ok - _EPS else None
    state.rebuild_left = R18C_RETURN_SESSIONS * (2 if long_break else 1)
    state.decision = Decision(
        rule="R18c",
        outcome=DecisionKind.RESUME,
        numbers={
            "days": gap,
            "from_kg": last_ok,
            "to_kg": resume,
            "pct": pct,
            "familiarisation": "yes" if long_break else "no",
        },
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
    if ctx.is_deload(logged.day) and state.session is not None:
        return  # planned deload sessions do not move the progression
    if ctx.program_of(logged.day) is not None:
        planned = ctx.item_on(exercise.id, logged.day) or baseline
        top_t, rpe_t, sets_t = planned.reps or baseline.reps, planned.target_rpe, planned.sets
    else:  # before every block we know of: judged against what she logged
        top_t, rpe_t, sets_t = logged.min_reps, logged.max_effort, len(logged.sets)
    rng = rep_range(max(1, top_t or MIN_RANGE_REPS))
    bottom, top = rng
    if state.session is not None:
        gap = ctx.gap_before(logged.day)
        if gap is not None and gap >= AWAY_DAYS:
            _resume(ctx, state, kind, gap, rng)
        if state.top != top or state.rpe != rpe_t:
            _convert(ctx, state, kind, rng, rpe_t)
    state.top, state.rpe = top, rpe_t
    floor_reps = min(bottom, MIN_RANGE_REPS)  # R18a: a rep drop may go down to 6
    prescribed = min(max(state.reps if state.reps is not None else top, floor_reps), top)
    review = ctx.review_on(logged.day)
    if review and state.session is not None:  # held until the review (R32): no more reps
        prescribed = min(prescribed, max(floor_reps, state.session.min_reps))
    served_sets = max(sets_t, min(R18A_MAX_SETS, sets_t + state.extra_sets))
    heavier = (
        (state.heavier_kg, min(state.heavier_reps, prescribed))
        if state.heavier_sets and state.heavier_kg is not None and state.heavier_reps
        else None
    )
    outcome = judge_session(
        logged.sets,
        prescribed_sets=served_sets,
        prescribed_reps=prescribed,
        target_rpe=rpe_t,
        loaded=loaded,
        heavier=heavier,
    )
    state.prescribed_reps = prescribed
    state.outcome = outcome
    state.session = logged
    if heavier is not None and done is not None and done >= heavier[0] - _EPS:
        done = min(s.load_kg or 0.0 for s in logged.sets)  # every set heavy: the same
    state.load_kg = done
    state.reps = prescribed
    numbers: dict[str, float | int | str | None] = {
        "load_kg": done,
        "sets": served_sets,
        "reps": prescribed,
        "target_rpe": rpe_t,
        "rpe": logged.max_effort,
        "date": logged.day.isoformat(),
    }
    if outcome not in _SUCCESSES:
        state.top_streak = state.easy_streak = 0
        state.streak_load = None
    if outcome is not Outcome.FAILED:
        state.fail_streak = 0

    if outcome is Outcome.PAIN_REVIEW:
        state.load_kg = ctx.step_back(done, kind) if done is not None else None
        if done is not None:
            state.rebuild_to = done
            state.rebuild_left = R18C_PAIN_REBUILD_SESSIONS
        state.decision = Decision(
            rule="R18c",
            outcome=DecisionKind.PAIN,
            numbers={**numbers, "pain": logged.max_pain, "to_kg": state.load_kg},
        )
    elif outcome in (Outcome.PAINFUL, Outcome.PARTIAL, Outcome.UNRATED):
        state.decision = Decision(
            rule="R18",
            outcome=DecisionKind.HOLD,
            numbers={
                **numbers,
                "why": outcome.value,
                "pain": logged.max_pain,
                "sets_done": len(logged.sets),
            },
        )
    elif outcome is Outcome.HARD:
        state.decision = Decision(rule="R18b", outcome=DecisionKind.HOLD_HARD, numbers=numbers)
        if logged.max_effort is not None:  # a later conversion starts from her real effort
            state.rpe = min(10.0, logged.max_effort)
    elif outcome is Outcome.FAILED:
        _failed(ctx, state, logged, kind, numbers)
    elif review:
        state.decision = Decision(
            rule="R32", outcome=DecisionKind.HOLD, numbers={**numbers, "why": "review"}
        )
    else:
        _succeeded(ctx, state, logged, exercise, kind, rng, served_sets, numbers)


def _failed(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    kind: LoadKind,
    numbers: dict[str, float | int | str | None],
) -> None:
    """R18b: hold after one failure; after two in a row step back once, never below the
    lightest successful load of the last four weeks, never twice without a success."""
    done = state.load_kg
    state.fail_streak += 1
    numbers = {**numbers, "reps_done": ",".join(str(s.reps) for s in logged.sets)}
    if state.fail_streak < FAILS_FOR_STEP_BACK or done is None or state.stepped_back:
        state.decision = Decision(rule="R18b", outcome=DecisionKind.FAILED_ONCE, numbers=numbers)
        return
    state.fail_streak = 0
    since = logged.day - timedelta(days=R18B_FLOOR_DAYS)
    recent = [load for day, load in state.successes if day >= since]
    floor = min(recent) if recent else None
    back = ctx.step_back(done, kind)
    if floor is not None and (back is None or back < floor - _EPS):
        back = floor
    if back is None or back >= done - _EPS:
        state.decision = Decision(
            rule="R18b", outcome=DecisionKind.AT_FLOOR, numbers={**numbers, "floor_kg": floor}
        )
        return
    state.stepped_back = True
    state.load_kg = back
    state.reps = rep_range(state.top or MIN_RANGE_REPS)[0]
    state.decision = Decision(
        rule="R18b",
        outcome=DecisionKind.STEP_BACK,
        numbers={**numbers, "from_kg": done, "to_kg": back, "floor_kg": floor},
    )


def _succeeded(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    exercise: Exercise,
    kind: LoadKind,
    rng: tuple[int, int],
    served_sets: int,
    numbers: dict[str, float | int | str | None],
) -> None:
    done = state.load_kg
    state.stepped_back = False
    if done is not None:
        state.successes.append((logged.day, done))
    state.easy_streak = state.easy_streak + 1 if state.outcome is Outcome.TOO_EASY else 0
    if state.rebuild_to is not None and done is not None:
        if done >= state.rebuild_to - _EPS:
            state.rebuild_to = None
        else:
            left = max(1, state.rebuild_left)
            new = _round(ctx, done + (state.rebuild_to - done) / left, kind)
            if new is None or new <= done + _EPS:
                new = min(
                    state.rebuild_to,
                    next_load_up(done, kind, ctx.equipment, units=ctx.units) or state.rebuild_to,
                )
            state.rebuild_left = left - 1
            if state.rebuild_left <= 0:
                new = state.rebuild_to
            state.decision = Decision(
                rule="R18c",
                outcome=DecisionKind.REBUILD,
                numbers={**numbers, "from_kg": done, "to_kg": new, "rebuild_to": state.rebuild_to},
            )
            if new >= state.rebuild_to - _EPS:
                state.rebuild_to = None
            state.load_kg = new
            state.top_streak = 0
            return
    bottom, top = rng
    reps_done = min(
        (
            s.reps
            for s in logged.sets
            if state.heavier_kg is None
            or not state.heavier_sets
            or (s.load_kg or 0) < state.heavier_kg - _EPS
        ),
        default=logged.min_reps,
    )
    carried = state.carry and reps_done >= (state.prescribed_reps or top)
    state.carry = False
    if reps_done < top and not carried:
        step = 2 if state.easy_streak >= 2 else 1
        state.reps = min(top, max(reps_done, state.reps or bottom) + step)
        state.top_streak = 0
        state.streak_load = None
        state.decision = Decision(rule="R18", outcome=DecisionKind.REP_UP, numbers=numbers)
        return
    same = state.streak_load is None or done is None or abs(state.streak_load - done) <= _EPS
    state.top_streak = state.top_streak + 1 if same else 1
    state.streak_load = done
    state.reps = max(reps_done, min(top, state.reps or top)) if carried else top
    double = state.easy_streak >= 2
    if state.top_streak < R18_SUCCESSES_FOR_LOAD and not double:
        state.decision = Decision(rule="R18", outcome=DecisionKind.ONE_MORE, numbers=numbers)
        return
    state.top_streak = 0
    state.streak_load = None
    if reps_done < top:  # carried over a change of rep target: step from what she did
        rng = (reps_done, reps_done)
    _progress(ctx, state, exercise, kind, rng, served_sets, numbers, double=double)


def _progress(
    ctx: _Context,
    state: _RepState,
    exercise: Exercise,
    kind: LoadKind,
    rng: tuple[int, int],
    served_sets: int,
    numbers: dict[str, float | int | str | None],
    *,
    double: bool,
) -> None:
    """R18/R18a: the smallest load step her equipment allows, with the rep drop that keeps
    the effort step within bounds; else a set, a slower tempo, a harder variation."""
    done = state.load_kg
    bottom, top = rng
    upper = exercise.is_upper_body
    limit = R18_MAX_STEP_PCT_UPPER if upper else R18_MAX_STEP_PCT_LOWER
    if done is not None:
        up = next_load_up(done, kind, ctx.equipment, units=ctx.units)
        tries: list[tuple[float, float, DecisionKind]] = []
        if up is not None and double:
            up2 = next_load_up(up, kind, ctx.equipment, units=ctx.units)
            if up2 is not None:
                dlimit = R18B_DOUBLE_STEP_PCT_UPPER if upper else R18B_DOUBLE_STEP_PCT_LOWER
                tries.append((up2, dlimit, DecisionKind.DOUBLE_STEP))
        if up is not None:
            tries.append((up, limit, DecisionKind.LOAD_UP))
        for new, lim, kind_of in tries:
            reps = _reps_for_step(new, done, rng, lim, kind)
            if reps is None:
                continue
            state.load_kg = new
            state.reps = reps
            state.tempo = False
            state.decision = Decision(
                rule="R18b"
                if kind_of is DecisionKind.DOUBLE_STEP
                else "R18a"
                if reps < bottom
                else "R18",
                outcome=kind_of,
                numbers={
                    **numbers,
                    "from_kg": done,
                    "to_kg": new,
                    "reps_from": top,
                    "reps_to": reps,
                    "step_pct": round((new - done) / done * 100, 1),
                    "effort_step_pct": round(_effective_step_pct(new, done, (reps, top)), 1),
                },
            )
            return
    if served_sets < R18A_MAX_SETS and not state.heavier_sets:
        state.extra_sets += 1
        state.decision = Decision(
            rule="R18a",
            outcome=DecisionKind.ADD_SET,
            numbers={**numbers, "sets_to": served_sets + 1},
        )
        return
    if done is not None and _mix(ctx, state, kind, rng, served_sets, limit, numbers):
        return
    if not state.tempo:
        state.tempo = True
        state.decision = Decision(
            rule="R18a", outcome=DecisionKind.TEMPO, numbers={**numbers, "tempo": SLOW_TEMPO}
        )
        return
    harder = [p for p in exercise.progressions if p in ctx.allowed]
    if harder and state.harder is None:
        state.harder = harder[0]
    add = _add_on_kg(ctx, exercise, kind)
    if done is None or add is None:
        state.decision = Decision(
            rule="R18a",
            outcome=DecisionKind.HARDER_VARIATION if state.harder else DecisionKind.ADD_ON,
            numbers={**numbers, "exercise_id": state.harder},
        )
        return
    state.load_kg = done + add
    state.reps = top
    state.decision = Decision(
        rule="R18a",
        outcome=DecisionKind.ADD_ON,
        numbers={
            **numbers,
            "from_kg": done,
            "to_kg": done + add,
            "add_on_kg": add,
            "exercise_id": state.harder,
        },
    )


def _add_on_kg(ctx: _Context, exercise: Exercise, kind: LoadKind) -> float | None:
    """R18a: the small add-on weight for this lift in kg (None for bands and body weight)."""
    if kind in (LoadKind.BAND, LoadKind.BODYWEIGHT):
        return None
    upper, lower = R18A_ADD_ON[ctx.units]
    value = upper if exercise.is_upper_body else lower
    return value if ctx.units is Units.KG else lb_to_kg(value)


def _mix(
    ctx: _Context,
    state: _RepState,
    kind: LoadKind,
    rng: tuple[int, int],
    served_sets: int,
    limit: float,
    numbers: dict[str, float | int | str | None],
) -> bool:
    """R18a mixed loads: one more set at the next load up (at the most reps, down to 6, whose
    effort step is at most twice ``limit``); once every set is there, that is the new load.
    False when the next load up is too far even for one set (then tempo and the rest)."""
    done = state.load_kg
    assert done is not None
    up = state.heavier_kg if state.heavier_sets else None
    up = up or next_load_up(done, kind, ctx.equipment, units=ctx.units)
    if up is None:
        return False
    reps = state.heavier_reps if state.heavier_sets else None
    reps = reps or _reps_for_step(up, done, rng, 2 * limit, kind)
    if reps is None:
        return False
    heavy_done = sum(
        1
        for x in (state.session.sets if state.session is not None else ())
        if x.load_kg is not None and x.load_kg >= up - _EPS
    )
    if heavy_done >= state.heavier_sets:  # only after she lifted the heavier sets asked for
        state.heavier_sets += 1
    state.heavier_kg, state.heavier_reps = up, reps
    if state.heavier_sets >= served_sets:
        state.load_kg, state.reps = up, reps
        state.heavier_sets, state.heavier_kg, state.heavier_reps = 0, None, None
        state.tempo = False
        state.decision = Decision(
            rule="R18a",
            outcome=DecisionKind.LOAD_UP,
            numbers={**numbers, "from_kg": done, "to_kg": up, "reps_from": rng[1],
                     "reps_to": reps, "mixed": "yes"},
        )  # fmt: skip
        return True
    state.decision = Decision(
        rule="R18a",
        outcome=DecisionKind.MIXED,
        numbers={**numbers, "heavier_sets": state.heavier_sets, "heavier_kg": up,
                 "heavier_reps": reps},
    )  # fmt: skip
    return True


def _reps_for_step(
    new: float, done: float, rng: tuple[int, int], limit: float, kind: LoadKind
) -> int | None:
    """The most reps (at most the range's bottom, at least 6) at which ``new`` is an effort
    step of at most ``limit`` % over ``done`` at the top of the range; None if none is.

    A fixed-rep scheme (5 x 5) keeps its reps: the step must fit as it is, or be one 2.5 kg
    barbell step below 50 kg (R18a).
    """
    bottom, top = rng
    if top <= MIN_RANGE_REPS:
        step_pct = (new - done) / done * 100
        small_bar = (
            kind is LoadKind.BARBELL
            and done < R18A_SMALL_BAR_KG
            and new - done <= R18A_SMALL_BAR_STEP_KG + _EPS
        )
        return top if step_pct <= limit + 1e-9 or small_bar else None
    for reps in range(min(bottom, top), MIN_RANGE_REPS - 1, -1):
        if _effective_step_pct(new, done, (reps, top)) <= limit + 1e-9:
            return reps
    return None


def _reps(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    base = _base(ctx, item)
    loaded = exercise.loadable
    kind = implement_for(exercise.equipment) if loaded else LoadKind.BODYWEIGHT
    wm = ctx.maxes.get(exercise.id)
    sessions = ctx.sessions.get(exercise.id, ())
    if not sessions:
        return _first_time(ctx, base, exercise, kind, wm)
    assert item.reps is not None
    rng = rep_range(item.reps)
    bottom, top = rng

    state = _RepState()
    for logged in sessions:
        _replay(ctx, state, logged, item, exercise, kind)
    last = sessions[-1]
    # The comparison is with her last session outside the program's deload weeks.
    ref = state.session or last
    done_load = ref.load_kg if loaded else None
    success = state.outcome in _SUCCESSES
    prescribed = state.prescribed_reps if state.prescribed_reps is not None else top
    away = ctx.away()
    if away is not None:
        _resume(ctx, state, kind, away, rng)
    if ctx.week.phase is not Phase.DELOAD and (state.top != top or state.rpe != base.target_rpe):
        _convert(ctx, state, kind, rng, base.target_rpe)
    decision = state.decision
    load = state.load_kg if loaded else None
    if away is not None and away > R18C_LONG_BREAK_DAYS and base.target_rpe is not None:
        # R18c: after more than four weeks away, a short familiarisation (R14: RPE <= 7).
        base = replace(base, target_rpe=min(base.target_rpe, FAMILIARISATION_RPE))
    reps = min(max(state.reps if state.reps is not None else top, min(bottom, MIN_RANGE_REPS)), top)
    if not success:  # never more reps after a session that did not go well
        reps = min(reps, prescribed)
    if away is not None and load is not None and done_load is not None and load >= done_load:
        reps = min(reps, ref.min_reps)  # back at the same load: no more reps than last time
    notes: list[Decision] = []
    if ctx.week.phase is Phase.DELOAD and load is not None:
        lighter = _round(ctx, load * (1 - DELOAD_STEP_PCT / 100), kind)
        if lighter is not None:
            notes.append(
                Decision(
                    rule="R18",
                    outcome="deload",
                    numbers={"pct": DELOAD_STEP_PCT, "back_to_kg": load},
                )
            )
            load = lighter
    if ctx.review.needed:
        painful = ctx.review.painful.get(exercise.id)
        pain_load = (
            next(
                (
                    x.load_kg
                    for x in reversed(ctx.sessions.get(exercise.id, ()))
                    if x.day == painful[1]
                ),
                None,
            )
            if painful is not None
            else None
        )
        if (
            painful is not None
            and done_load is not None
            and pain_load is not None
            and done_load < pain_load - _EPS
        ):
            load = done_load  # stepped back already since the pain: hold, never compound
            reps = min(reps, ref.min_reps)
            notes.append(Decision(rule="R32", outcome="held_for_review"))
        elif painful is not None and done_load is not None and (load is None or load >= done_load):
            load = ctx.step_back(done_load, kind)
            decision = Decision(
                rule="R32",
                outcome="pain_review",
                numbers={
                    "pain": painful[0],
                    "date": painful[1].isoformat(),
                    "from_kg": done_load,
                    "to_kg": load,
                },
            )
        elif painful is not None and load is None:
            reps = min(reps, prescribed)
            decision = Decision(
                rule="R32",
                outcome="pain_review",
                numbers={"pain": painful[0], "date": painful[1].isoformat()},
            )
        elif _is_more(load, done_load, reps, ref.min_reps if success else prescribed) or (
            decision.outcome in (DecisionKind.ADD_SET, DecisionKind.TEMPO)
        ):
            if load is not None and done_load is not None and load > done_load:
                load = done_load
            reps = min(reps, ref.min_reps if success else prescribed)
            notes.append(Decision(rule="R32", outcome="held_for_review"))
    if load is not None and wm is not None:
        cap = ctx.cap(wm, kind)
        if done_load is not None and success:
            # R22a: a load she lifted with every rep at the target effort is within the cap
            # whatever the (lagging) estimate says, and after two successes so is one step
            # more than an estimate from her own log: prescribing and estimating agree
            # within one equipment step. A program's working max holds until re-estimated.
            proven = done_load
            if wm.source == "log" and decision.outcome in (
                DecisionKind.LOAD_UP,
                DecisionKind.DOUBLE_STEP,
                DecisionKind.REBUILD,
            ):
                proven = next_load_up(done_load, kind, ctx.equipment, units=ctx.units) or proven
            if decision.outcome == DecisionKind.ADD_ON and state.load_kg is not None:
                proven = max(proven, state.load_kg)  # R18a: the add-on is the smallest step
            cap = proven if cap is None else max(cap, proven)
        if cap is None or load > cap + _EPS:
            notes.append(
                Decision(
                    rule="R15",
                    outcome="capped",
                    numbers={"pct": INTENSITY_CAP_PCT, "one_rm_kg": wm.one_rm_kg},
                )
            )
            load = cap
    if wm is not None and wm.reestimated_on is not None and loaded:
        notes.append(
            Decision(
                rule="R22",
                outcome="reestimated",
                numbers={
                    "on": wm.reestimated_on.isoformat(),
                    "one_rm_kg": wm.one_rm_kg,
                    "set_date": wm.set_date.isoformat() if wm.set_date else None,
                },
            )
        )
    if loaded and load is None and done_load is not None:
        notes.append(Decision(rule="R18", outcome="below_lightest"))
    sets = base.sets
    held = ctx.review.needed and any(n.outcome == "held_for_review" for n in notes)
    if not held:
        sets = max(base.sets, min(R18A_MAX_SETS, base.sets + state.extra_sets))
    tempo = SLOW_TEMPO if state.tempo and not held else None
    mixed = (
        not held
        and away is None
        and ctx.week.phase is not Phase.DELOAD
        and state.heavier_sets > 0
        and state.heavier_kg is not None
        and load is not None
        and state.load_kg is not None
        and abs(load - state.load_kg) <= _EPS
    )
    heavier_sets = min(state.heavier_sets, sets - 1) if mixed else 0
    reference = ref.min_reps if success else prescribed
    change = _label(load, done_load, reps, reference)
    if (
        change is Change.HOLD
        and not held
        and decision.outcome
        in (
            DecisionKind.ADD_SET,
            DecisionKind.TEMPO,
            DecisionKind.MIXED,
        )
    ):
        change = Change.INCREASE
    reason = " ".join(
        t
        for t in (_reason(ctx, exercise, kind, d, reps=reps, sets=sets) for d in (decision, *notes))
        if t
    )
    return replace(
        base,
        sets=sets,
        reps=reps,
        load_kg=load,
        load_display=ctx.display(load, kind) if loaded else None,
        change=change,
        reason=reason.strip(),
        previous_load_kg=done_load,
        last_done=last.day,
        decision=decision,
        tempo=tempo,
        harder_variation=state.harder,
        heavier_sets=heavier_sets,
        heavier_load_kg=state.heavier_kg if heavier_sets else None,
        heavier_load_display=ctx.display(state.heavier_kg, kind) if heavier_sets else None,
        heavier_reps=min(state.heavier_reps or reps, reps) if heavier_sets else None,
    )


def _reason(
    ctx: _Context, exercise: Exercise, kind: LoadKind, d: Decision, *, reps: int, sets: int
) -> str:
    """The one place that words a resistance decision (to move to osteoload.wording)."""
    n = d.numbers

    def num(key: str) -> float:
        value = n.get(key)
        return float(value) if isinstance(value, int | float) else 0.0

    def kg(key: str) -> str:
        value = n.get(key)
        return ctx.fmt(float(value)) if isinstance(value, int | float) else "body weight"

    def opt(key: str) -> float | None:
        value = n.get(key)
        return float(value) if isinstance(value, int | float) else None

    scheme = f"{n.get('sets')}x{n.get('reps')}"
    target = opt("target_rpe")
    effort = f" at RPE {target:g} or easier" if target is not None else ""
    day = n.get("date", "")
    o = d.outcome
    too_big = f"All {scheme}{effort}, twice, and the next load up is too big a step for now"
    if o == DecisionKind.REP_UP:
        return (
            f"+1 rep: all {scheme}{effort} on {day}; same load, {reps} reps next "
            "(double progression, R18)."
        )
    if o == DecisionKind.ONE_MORE:
        return f"All {scheme}{effort} once ({day}): one more session like it and it goes up (R18)."
    if o in (DecisionKind.LOAD_UP, DecisionKind.DOUBLE_STEP):
        why = "twice too easy (R18b)" if o == DecisionKind.DOUBLE_STEP else "twice (R18)"
        text = f"{ctx.delta(num('to_kg'), num('from_kg'))}: all {scheme}{effort}, {why}"
        if n.get("reps_to") != n.get("reps_from"):
            text += f"; {n['reps_to']} reps at the new load, then build back to {n['reps_from']}"
            if d.rule == "R18a":
                text += " (the rep drop keeps the step in effort small, R18a)"
        return text + "."
    if o == DecisionKind.ADD_SET:
        return f"{too_big}: {sets} sets instead (R18a)."
    if o == DecisionKind.MIXED:
        return (
            f"{too_big}: the last {n['heavier_sets']} set(s) at {kg('heavier_kg')} x "
            f"{n['heavier_reps']}, the rest as before (mixed loads, R18a)."
        )
    if o == DecisionKind.TEMPO:
        return (
            f"{too_big}: same load, lowered slowly (tempo {SLOW_TEMPO}: 3 s down, 1 s pause, "
            "up; R18a)."
        )
    harder = n.get("exercise_id")
    harder_name = (
        (ctx.catalogue[str(harder)].name if str(harder) in ctx.catalogue else str(harder))
        if harder
        else None
    )
    if o == DecisionKind.HARDER_VARIATION:
        return (
            f"All {scheme}{effort}, twice, at the slow tempo: ready for a harder version "
            f"({harder_name}); ask your coach (R18a)."
        )
    if o == DecisionKind.ADD_ON:
        if n.get("to_kg") is None:
            return (
                f"{too_big}: a small add-on weight (fractional plates, a 0.5-1 kg wrist weight) "
                "would let it go up (R18a)."
            )
        text = (
            f"{ctx.delta(num('to_kg'), num('from_kg'))}: all {scheme}{effort}, twice, at the "
            "slow tempo, and the next load she owns is too big a step: add a small add-on "
            "weight (a wrist weight or fractional plates, R18a)."
        )
        if harder_name:
            text += f" Or, with your coach, the harder version: {harder_name}."
        return text
    if o == DecisionKind.CONVERT:
        return (
            f"The plan moves to {reps} reps at effort {num('rpe_to'):g}: {kg('to_kg')} is the "
            f"same effort as {kg('from_kg')} x {n['reps_from']} at {num('rpe_from'):g} (R18)."
        )
    if o == DecisionKind.HOLD:
        cause = n.get("why")
        if cause == Outcome.PAINFUL:
            return f"Pain {n.get('pain')}/10 on {day}: same again until it settles."
        if cause == "review":
            return f"Same again until the review (R32): done on {day} without pain."
        if cause == Outcome.PARTIAL:
            return (
                f"Only {n.get('sets_done')} of {n.get('sets')} sets on {day}: same again (the "
                "load goes up only after every set is done, R18)."
            )
        return f"No effort (RPE or RIR) logged on {day}: same load until the effort is known (R18)."
    if o == DecisionKind.HOLD_HARD:
        return (
            f"Every rep done on {day} at effort {num('rpe'):g}, above the target of "
            f"{num('target_rpe'):g}: same again (a hold, not a failure, R18b)."
        )
    if o == DecisionKind.FAILED_ONCE:
        return (
            f"{scheme}{effort} not reached on {day} ({n.get('reps_done')} reps, effort "
            f"{n.get('rpe')}): same again (R18b)."
        )
    if o == DecisionKind.STEP_BACK:
        return (
            f"{_pct_text(opt('to_kg'), opt('from_kg'))}: two sessions in a row short of "
            f"{scheme}{effort} (the last on {day}); never below your lightest good load of "
            "the last 4 weeks (R18b)."
        )
    if o == DecisionKind.AT_FLOOR:
        return (
            f"Two sessions in a row short of {scheme}{effort}: same load, already at your "
            "lightest good load of the last 4 weeks or just stepped back (R18b)."
        )
    if o == DecisionKind.RESUME:
        if "from_kg" in n and num("to_kg") >= num("from_kg") - _EPS:
            return (
                f"Nothing logged for {n['days']} days: {kg('to_kg')} is the lightest there is, "
                f"so {reps} reps to start back, then build up again (R18c)."
            )
        if "from_kg" not in n:
            return f"Nothing logged for {n['days']} days: {reps} reps, then build up again (R18c)."
        extra = (
            " with a short familiarisation (effort 7 at most)"
            if n.get("familiarisation") == "yes"
            else ""
        )
        return (
            f"{_pct_text(opt('to_kg'), opt('from_kg'))}: nothing logged for {n['days']} days, "
            f"so start back at about {num('pct'):g} %{extra} and return to {kg('from_kg')} "
            "over the next sessions (R18c)."
        )
    if o == DecisionKind.REBUILD:
        return (
            f"{ctx.delta(num('to_kg'), num('from_kg'))}: rebuilding to {kg('rebuild_to')} "
            "after the break or the pain (R18c)."
        )
    if o == DecisionKind.PAIN:
        return (
            f"{_pct_text(opt('to_kg'), opt('load_kg'))}: pain {n['pain']}/10 on {day}; then "
            "back to the previous load over 2-3 pain-free sessions (R18c, R32)."
        )
    if o == "pain_review":
        if "to_kg" in n:
            return (
                f"{_pct_text(opt('to_kg'), opt('from_kg'))}: pain {n['pain']}/10 on "
                f"{n['date']}; only after the review (R32)."
            )
        return f"Pain {n['pain']}/10 on {n['date']}: only after the review (R32)."
    if o == "held_for_review":
        return "Held until the review (R32): no increases."
    if o == "deload":
        return (
            f"Planned deload week: about {num('pct'):g} % lighter, then back to {kg('back_to_kg')}."
        )
    if o == "capped":
        one_rm = format_load(num("one_rm_kg"), ctx.units, digits=1)
        return f"Capped at {num('pct'):g} % of the working max ({one_rm}, R15)."
    if o == "reestimated":
        one_rm = format_load(num("one_rm_kg"), ctx.units, digits=1)
        return (
            f"Working max re-estimated on {n['on']} from your sets of "
            f"{n['set_date'] or 'the log'}: {one_rm} (R22)."
        )
    if o == "below_lightest":
        lightest = round_load_down(0.0 + _EPS, kind, ctx.equipment, units=ctx.units)
        text = f"{lightest.label[0].upper()}{lightest.label[1:]}."
        if exercise.regressions and exercise.regressions[0] in ctx.catalogue:
            text += f" Easier version: {ctx.catalogue[exercise.regressions[0]].name}."
        return text
    return ""


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
        if item.impacts is not None and item.impacts > IMPACT_NEW_DRILL_MAX:
            sets, reps = split_impacts(IMPACT_NEW_DRILL_MAX)
            return replace(
                base, sets=sets, reps=reps, impacts=sets * reps,
                reason=f"First time: {sets * reps} impacts to start (a new drill starts at "
                f"{IMPACT_NEW_DRILL_MAX} or fewer, R10a).",
                decision=Decision(rule="R10a", outcome="new_drill",
                                  numbers={"impacts": sets * reps}),
            )  # fmt: skip
        return replace(base, reason="First time: as planned for this week.")
    target: int | None = None
    prescribed = item.impacts
    reason = ""
    raised_on: date | None = None
    for logged in sessions:
        if ctx.is_deload(logged.day) and target is not None:
            continue
        planned = ctx.item_on(exercise.id, logged.day) or item
        prescribed = (
            target
            if target is not None
            else min(planned.impacts or item.impacts, max(IMPACT_NEW_DRILL_MAX, logged.impacts))
        )
        gap = ctx.gap_before(logged.day)
        if target is not None and gap is not None and gap >= AWAY_DAYS:
            prescribed = max(IMPACT_FLOOR, prescribed - IMPACT_STEP_BACK)
        done, pain, day = logged.impacts, logged.max_pain, logged.day.isoformat()
        if pain >= R32_PAIN_REVIEW_AT:
            target = max(IMPACT_FLOOR, min(done, prescribed) - IMPACT_STEP_BACK)
            reason = f"{target} impacts: pain {pain}/10 on {day}; only after a review (R32)."
        elif done >= prescribed and pain == 0:
            week_ok = raised_on is None or (logged.day - raised_on).days >= 7
            target = min(IMPACT_CEILING, prescribed + (IMPACT_STEP_PER_WEEK if week_ok else 0))
            if target > prescribed:
                raised_on = logged.day
            reason = (
                f"+{target - prescribed} impacts: all {prescribed} done without pain on {day} "
                "(at most +5 a week, R10a)."
                if target > prescribed
                else f"All {done} done without pain on {day}: at the target of "
                f"{IMPACT_CEILING} a session (R10)."
                if target >= IMPACT_CEILING
                else f"All {done} done without pain on {day}: same again this week; impacts "
                "rise once a week (R10a)."
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
        decision=Decision(
            rule="R32" if ctx.review.needed else "R10a",
            outcome=change.value,
            numbers={"impacts": impacts, "previous": prescribed, "away_days": away},
        ),
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
        decision=Decision(
            rule="R23a",
            outcome="harder_exercise",
            numbers={"from": current.id, "to": nxt.id, "sessions": BALANCE_SESSIONS_TO_PROGRESS},
        ),
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
