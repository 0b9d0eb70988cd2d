"""The program generator: a screened profile in, a dated week-by-week program out.

``generate_program`` is deterministic: the same profile, screening, catalogue and start date
always give the same program. It follows the clinic's method (DESIGN.md) within the limits
that screening set, rule by rule:

* R13: resistance on the 2-3 scheduled, non-consecutive days; hips, spine, legs, arms and
  core loaded every week through the key moves (squat, hinge, lunge, row, overhead press) or
  their permitted substitutes.
* R14: weeks 1-4 are familiarisation (8-15 reps, RPE <= 7); R15 then builds to 2-3 sets of
  6-12 reps at up to 70-85 % 1RM; R16 adds supervised 5x5 at 80-85 % on squat, deadlift and
  overhead press; R17 never to failure (RPE <= 8 in the first 12 weeks, <= 9 after).
* R10/R11: impact on at least two days a week when more than low impact is allowed, built up
  in impacts per session towards about 50, high impact only after 8 weeks of moderate.
* R23/R24: balance on at least 2 days (3 for high falls risk) graded to her level; R23a:
  a ready program's weekly balance minutes (:func:`week_balance_minutes`) meet the
  screening's ``balance_minutes_target``, home bouts making up what the resistance sessions
  leave; R7 posture and back-extensor work every week.
* R6/R8-R12/R19: nothing the screening excludes, nothing above ``max_impact``, only the
  equipment she has; each session fitted into ``minutes_per_session``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from .catalogue import Catalogue, Exercise
from .equipment import equipment_profile
from .errors import DomainError
from .one_rm import OneRmEstimate, pct_1rm, working_max_from_sets
from .profile import ClientProfile
from .program import Program, ProgramItem, Screening, Session, Week, split_impacts
from .units import implement_for, round_load_down
from .vocabulary import (
    Component,
    Equipment,
    Experience,
    FallsRisk,
    ImpactLevel,
    Pattern,
    Phase,
    ProgramStatus,
    Region,
    Track,
)

#: What a client has when the profile does not say (screening adds an info finding).
ASSUMED_EQUIPMENT = frozenset(
    {
        Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.KETTLEBELL, Equipment.MACHINES,
        Equipment.BANDS, Equipment.BODYWEIGHT, Equipment.STEP, Equipment.BOX, Equipment.BENCH,
        Equipment.MAT, Equipment.WALL, Equipment.CHAIR,
    }
)  # fmt: skip
#: Things every home has; never required to be listed.
ALWAYS_AVAILABLE = frozenset({Equipment.BODYWEIGHT, Equipment.WALL, Equipment.CHAIR})

FAMILIARISATION_WEEKS = 4  # R14
MAX_WEEKLY_STEP_PCT = 10.0  # issue #3: no more than 10 points of %1RM from one week to the next
STANDARD_CAP_PCT = 85.0  # R15/clinic method: work up to 70-85 % 1RM
HIGH_INTENSITY_PCT = (80.0, 85.0)  # R16: 5x5 at 80-85 % 1RM
RPE_CAP_FIRST_12_WEEKS = 8.0  # R17
RPE_CAP_LATER = 9.0  # R17
FAMILIARISATION_RPE = 7.0  # R14
IMPACT_TARGET_PER_SESSION = 50  # R10 (SSS 2022: ~50 moderate impacts a session)
IMPACT_START_PER_SESSION = 10
IMPACT_STEP_PER_WEEK = 5
HIGH_IMPACT_FROM_WEEK = 9  # R11: >= 8 weeks of tolerated moderate impact first
MIN_IMPACT_DAYS = 2  # R10 / clinic method: impact 2-3 times a week
MIN_BALANCE_DAYS = 2  # R23 / clinic method
MIN_BALANCE_DAYS_HIGH_RISK = 3  # issue #3: at least 3 for high falls risk
HOME_SESSION_MINUTES = 20
HOME_SESSION_MINUTES_HIGH_RISK = 30
WARMUP_MINUTES = 5
#: Patterns whose load is prescribed as a share of the one-repetition maximum.
PCT_1RM_PATTERNS = frozenset({Pattern.SQUAT, Pattern.HINGE, Pattern.LUNGE, Pattern.ROW,
                              Pattern.PRESS_OVERHEAD, Pattern.PRESS_HORIZONTAL,
                              Pattern.PULL_VERTICAL, Pattern.STEP})  # fmt: skip
HIGH_INTENSITY_LIFTS = {Pattern.SQUAT: "back_squat", Pattern.HINGE: "deadlift",
                        Pattern.PRESS_OVERHEAD: "overhead_press"}  # fmt: skip
#: R16a: the LIFTMOR session's lifts, in the order she does them.
LIFTMOR_PATTERNS = (Pattern.HINGE, Pattern.SQUAT, Pattern.PRESS_OVERHEAD)
#: R16a: jumping chin-ups with drop landings, where the catalogue, her bar and R11 allow.
LIFTMOR_CHIN_UP = "jumping_chin_up"
LIFTMOR_CHIN_UP_REPS = 5  # 5 x 5 at full dose
LIFTMOR_CHIN_UP_SETS = 5
HIGH_INTENSITY_REST_S = 120  # R16a: 5 x 5 on three lifts in about 30 minutes
#: R16a: the shortest rest between sets of the LIFTMOR lifts when a session runs short.
LIFTMOR_MIN_REST_S = 60


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """Dose for one week of resistance work."""

    phase: Phase
    sets: int
    reps: int
    pct_1rm: float
    rpe: float
    rest_s: int


# --- Periodisation ------------------------------------------------------------------------


def phase_plan(week: int, track: Track) -> WeekPlan:
    """The resistance dose of ``week`` (1-based) for a track, before the weekly-step clamp.

    Weeks 1-4 familiarisation (R14); 5-7 build; 8 deload; then blocks of four strength weeks
    and a deload week, so that a lighter week comes every 4-6 weeks.
    """
    cap = RPE_CAP_FIRST_12_WEEKS if week <= 12 else RPE_CAP_LATER
    if track is Track.GENTLE:
        if week <= FAMILIARISATION_WEEKS:
            return WeekPlan(Phase.FAMILIARISATION, 1 if week <= 2 else 2, 10, 0.0, 5.0, 60)
        if week % 5 == 3 and week > 5:
            return WeekPlan(Phase.DELOAD, 1, 10, 0.0, 5.0, 60)
        return WeekPlan(Phase.BUILD, 2, 10 if week < 9 else 12, 0.0, 6.0, 75)
    if week <= FAMILIARISATION_WEEKS:
        reps = (12, 12, 10, 10)[week - 1]
        pct = (50.0, 55.0, 57.5, 60.0)[week - 1]
        return WeekPlan(Phase.FAMILIARISATION, 2, reps, pct, min(6.0 + 0.5 * (week - 1), 7.0), 60)
    if week <= 7:
        step = week - 5
        return WeekPlan(Phase.BUILD, 3 if step else 2, 10, 65.0 + 2.5 * step, 7.5, 90)
    # From week 8: deload, then four strength weeks, repeating (deloads at 8, 13, 18, ...).
    position = (week - 8) % 5
    if position == 0:
        return WeekPlan(Phase.DELOAD, 2, 8, 62.5, 6.0, 90)
    reps = (8, 8, 6, 6)[position - 1]
    pct = (72.5, 75.0, 77.5, 80.0)[position - 1]
    return WeekPlan(Phase.STRENGTH, 3, reps, pct, min(8.0, cap), 120)


def high_intensity_dose(week: int, plan: WeekPlan) -> WeekPlan:
    """R16: 5x5 at 80-85 % on the key barbell lifts once familiarisation is done."""
    if plan.phase is Phase.FAMILIARISATION:
        return plan
    if plan.phase is Phase.DELOAD:
        return WeekPlan(Phase.DELOAD, 3, 5, 70.0, 6.0, HIGH_INTENSITY_REST_S)
    ramp = {5: 70.0, 6: 75.0, 7: 80.0}
    pct = ramp.get(week, 0.0) or (82.5 if (week - 8) % 5 in (1, 2) else HIGH_INTENSITY_PCT[1])
    rpe = min(8.0 if week <= 12 else 8.5, RPE_CAP_LATER)
    return WeekPlan(plan.phase, 5, 5, pct, rpe, HIGH_INTENSITY_REST_S)


# --- Choosing exercises -------------------------------------------------------------------


def allowed_exercises(
    profile: ClientProfile, screening: Screening, catalogue: Catalogue
) -> tuple[Exercise, ...]:
    """Every catalogue exercise this client may be given, per screening and her equipment."""
    have = set(profile.equipment) if profile.equipment is not None else set(ASSUMED_EQUIPMENT)
    have |= ALWAYS_AVAILABLE
    viv_a = is_vivifrail_a(screening)
    out = []
    for e in catalogue.values():
        if e.tags:  # R6: never chosen; tagged entries exist so that the filter is tested.
            continue
        if set(e.tags) & set(screening.excluded_tags):
            continue
        if e.pattern in screening.excluded_patterns or e.id in screening.excluded_exercises:
            continue
        if e.impact.rank > screening.max_impact.rank:
            continue
        if not set(e.equipment) <= have:
            continue
        if e.supervised_only and not profile.supervised:
            continue
        if not screening.free_weights_allowed and e.uses_free_weight:
            continue  # R9
        if screening.track is Track.GENTLE and e.level > 2:
            continue
        if viv_a and not seated_or_supported(e):
            continue  # R25a
        out.append(e)
    return tuple(sorted(out, key=lambda e: e.id))


#: R25a: machines she sits in (leg press, seated row, chest and shoulder press, pulldown);
#: a cable or Smith machine for a standing pattern is not seated.
_SEATED_MACHINE_PATTERNS = frozenset({Pattern.SQUAT, Pattern.ROW, Pattern.PRESS_OVERHEAD,
                                      Pattern.PRESS_HORIZONTAL, Pattern.PULL_VERTICAL})  # fmt: skip
#: R25a: equipment that seats or holds her up: a chair (seated, or a hand on its back), a
#: wall or counter to lean on or hold, a bench to sit on or put her hands on.
_SUPPORT_EQUIPMENT = frozenset({Equipment.CHAIR, Equipment.WALL, Equipment.BENCH})


def is_vivifrail_a(screening: Screening) -> bool:
    """R25/R25a: screening gave Vivifrail passport A (or A+: SPPB 0-3 from age 70)."""
    return (screening.vivifrail_passport or "").rstrip("+") == "A"


def seated_or_supported(exercise: Exercise) -> bool:
    """R25a: may a Vivifrail A client do ``exercise``?

    The catalogue has no position field, so support is read from what the exercise needs:
    nothing done on a mat (floor work, floor transfers) or lying face down (``prone_``);
    strength items (resistance and posture) only when a chair, wall or bench seats or holds
    her, or a machine she sits in. Standing band, free-weight and bodyweight strength work
    (squats, split squats, hinges, carries) is out. Warm-ups, walking and balance drills are
    not strength items and keep their own grading (R23, R24).
    """
    if Equipment.MAT in exercise.equipment or exercise.id.startswith("prone_"):
        return False
    if exercise.component not in (Component.RESISTANCE, Component.POSTURE):
        return True
    if _SUPPORT_EQUIPMENT & set(exercise.equipment):
        return True
    return Equipment.MACHINES in exercise.equipment and (
        exercise.pattern in _SEATED_MACHINE_PATTERNS
    )


def _max_level(profile: ClientProfile, screening: Screening) -> int:
    if screening.track is Track.GENTLE:
        return 2
    if profile.experience in (None, Experience.NOVICE):
        return 3
    return 4 if profile.experience is Experience.INTERMEDIATE else 5


_IMPLEMENT_ORDER = (Equipment.BARBELL, Equipment.MACHINES, Equipment.DUMBBELLS,
                    Equipment.KETTLEBELL, Equipment.BANDS)  # fmt: skip


def _resistance_rank(e: Exercise, known: frozenset[str], prefer_barbell: bool) -> tuple[int, ...]:
    """Sort key for resistance choices: the client's known lifts (``known``, the exercise ids
    of her strength sets), then sensible implements."""
    implement = next((i for i, eq in enumerate(_IMPLEMENT_ORDER) if eq in e.equipment), 9)
    if not prefer_barbell and implement == 0:
        implement = 5
    return (0 if e.id in known else 1, 0 if e.loadable else 1, implement, -e.level)


_FALLBACKS: dict[Pattern, tuple[Pattern, ...]] = {
    Pattern.SQUAT: (Pattern.SQUAT, Pattern.LUNGE, Pattern.STEP),
    Pattern.HINGE: (Pattern.HINGE, Pattern.SPINAL_EXTENSION),
    Pattern.LUNGE: (Pattern.LUNGE, Pattern.STEP, Pattern.SQUAT),
    Pattern.ROW: (Pattern.ROW, Pattern.PULL_VERTICAL),
    Pattern.PRESS_OVERHEAD: (Pattern.PRESS_OVERHEAD, Pattern.PRESS_HORIZONTAL),
    Pattern.PRESS_HORIZONTAL: (Pattern.PRESS_HORIZONTAL, Pattern.PRESS_OVERHEAD),
    Pattern.PULL_VERTICAL: (Pattern.PULL_VERTICAL, Pattern.ROW),
    Pattern.ANTI_ROTATION: (Pattern.ANTI_ROTATION, Pattern.CARRY, Pattern.SPINAL_EXTENSION),
    Pattern.CARRY: (Pattern.CARRY, Pattern.ANTI_ROTATION),
}


@dataclass(frozen=True, slots=True)
class _Chooser:
    """Picks exercises from ``pool`` (already filtered by :func:`allowed_exercises`).

    The generator asks for an exercise hundreds of times per program, so the pool is
    grouped and sorted once, in ``__post_init__``: each query then takes the first entry of
    a short list that is not in ``avoid`` and within the level and impact limits, which is
    the same exercise that a ``min``/``max`` over the whole pool would give.
    """

    profile: ClientProfile
    screening: Screening
    pool: tuple[Exercise, ...]
    max_level: int
    _by_id: dict[str, Exercise] = field(init=False, repr=False, compare=False)
    #: Per component: (exercise, level, impact rank), hardest first (the by_component order).
    _by_component: dict[Component, tuple[tuple[Exercise, int, int], ...]] = field(
        init=False, repr=False, compare=False
    )
    #: Per pattern: resistance/posture options within max_level and low impact, best first.
    _by_pattern: dict[Pattern, tuple[Exercise, ...]] = field(init=False, repr=False, compare=False)
    #: Balance drills, hardest first by (level, id) (the _second_balance order).
    _balance: tuple[Exercise, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # the dataclass is frozen
        set_(self, "_by_id", {e.id: e for e in self.pool})
        by_component: dict[Component, list[Exercise]] = {}
        for e in self.pool:
            by_component.setdefault(e.component, []).append(e)
        set_(self, "_by_component", {
            component: tuple(
                (e, e.level, e.impact.rank)
                for e in sorted(options, reverse=True,
                                key=lambda e: (e.level, e.impact.rank, -len(e.equipment), e.id))
            )
            for component, options in by_component.items()
        })  # fmt: skip
        known = frozenset(s.exercise for s in self.profile.strength)
        prefer_barbell = self.screening.track is Track.HIGH_INTENSITY or (
            self.profile.experience in (Experience.INTERMEDIATE, Experience.ADVANCED)
        )
        low = ImpactLevel.LOW.rank
        by_pattern: dict[Pattern, list[Exercise]] = {}
        for e in self.pool:  # pool order (by id), so that sorting keeps ties as min() would
            if (
                e.component in (Component.RESISTANCE, Component.POSTURE)
                and e.level <= self.max_level
                and e.impact.rank <= low
            ):
                by_pattern.setdefault(e.pattern, []).append(e)
        set_(self, "_by_pattern", {
            pattern: tuple(sorted(options,
                                  key=lambda e: _resistance_rank(e, known, prefer_barbell)))
            for pattern, options in by_pattern.items()
        })  # fmt: skip
        balance = by_component.get(Component.BALANCE, [])
        set_(self, "_balance", tuple(sorted(balance, key=lambda e: (e.level, e.id), reverse=True)))

    def resistance(self, pattern: Pattern, avoid: set[str]) -> Exercise | None:
        if self.screening.track is Track.HIGH_INTENSITY and pattern in HIGH_INTENSITY_LIFTS:
            wanted = HIGH_INTENSITY_LIFTS[pattern]
            if wanted in self._by_id and wanted not in avoid:
                return self._by_id[wanted]
        for candidate_pattern in _FALLBACKS.get(pattern, (pattern,)):
            for e in self._by_pattern.get(candidate_pattern, ()):
                if e.id not in avoid:
                    return e  # the best-ranked option not avoided
        return None

    def by_component(
        self, component: Component, *, level: int, avoid: set[str], max_impact: ImpactLevel
    ) -> Exercise | None:
        """The hardest exercise of a component at or below ``level`` (ties by id)."""
        max_rank = max_impact.rank
        for e, e_level, e_rank in self._by_component.get(component, ()):
            if e_level <= level and e_rank <= max_rank and e.id not in avoid:
                return e
        return None

    def second_balance(self, *, level: int, avoid: set[str]) -> Exercise | None:
        """The hardest dynamic balance drill at or below ``level`` (ties by id), else the
        hardest static one."""
        fallback = None
        for e in self._balance:
            if e.level <= level and e.id not in avoid:
                if e.pattern is not Pattern.BALANCE_STATIC:
                    return e
                if fallback is None:
                    fallback = e
        return fallback


# --- Dosing helpers -----------------------------------------------------------------------


class _Dose(NamedTuple):
    """The fields of an item that fitting a session into its minutes may change."""

    sets: int
    reps: int | None
    hold_s: int | None
    impacts: int | None
    minutes: int | None
    rest_s: int


_DoseValues = tuple[int, int | None, int | None, int | None, int | None, int]
#: An item's dose as a plain tuple: equal (and hashing equal) to the matching _Dose, and
#: cheaper to get, as the generator reads thousands of doses per program.
_dose_of: Callable[[ProgramItem], _DoseValues] = attrgetter(*_Dose._fields)


def estimate_seconds(item: ProgramItem, exercise: Exercise) -> int:
    """Rough duration of an item: work time plus rest between sets, plus set-up."""
    return _dose_seconds(_dose_of(item), exercise)


def _dose_seconds(dose: _DoseValues, exercise: Exercise) -> int:
    sets, reps, hold_s, impacts, minutes, rest_s = dose
    if minutes is not None:
        return minutes * 60
    if impacts is not None:
        work = impacts * exercise.seconds_per_rep
        return int(work + sets * 20 + (sets - 1) * rest_s)
    per_set = (
        hold_s * exercise.seconds_per_rep
        if hold_s is not None
        else (reps or 0) * exercise.seconds_per_rep
    )
    # The catalogue's seconds_per_rep already counts both sides of one-sided exercises.
    return int(sets * per_set + (sets - 1) * rest_s + 30)


def _item(exercise: Exercise, **dose: object) -> ProgramItem:
    return ProgramItem(
        exercise_id=exercise.id,
        name=exercise.name,
        component=exercise.component,
        pattern=exercise.pattern,
        regions=exercise.regions,
        impact=exercise.impact,
        tags=exercise.tags,
        equipment=exercise.equipment,
        why=exercise.why,
        **dose,  # type: ignore[arg-type]
    )


def _timed_item(exercise: Exercise, minutes: int) -> ProgramItem:
    """One block of ``minutes`` (warm-up, walk)."""
    return _item(exercise, sets=1, minutes=minutes, rest_s=0)


_ITEM_FIELDS = tuple(f.name for f in fields(ProgramItem))
_item_values = attrgetter(*_ITEM_FIELDS)


def _replace_item(item: ProgramItem, **changes: object) -> ProgramItem:
    """``dataclasses.replace`` for items, about twice as fast (field names looked up once):
    trimming and loading call it thousands of times per program."""
    values = dict(zip(_ITEM_FIELDS, _item_values(item), strict=True))
    values.update(changes)
    return ProgramItem(**values)


def _resistance_item(exercise: Exercise, plan: WeekPlan, week: int, track: Track) -> ProgramItem:
    if track is Track.HIGH_INTENSITY and exercise.id in HIGH_INTENSITY_LIFTS.values():
        plan = high_intensity_dose(week, plan)
    if exercise.component is Component.POSTURE or exercise.dose == "hold":
        return _posture_item(exercise, plan)
    pct = (
        plan.pct_1rm
        if exercise.loadable and plan.pct_1rm > 0 and exercise.pattern in PCT_1RM_PATTERNS
        else None
    )
    note = None
    if exercise.loadable:
        note = (
            f"Choose a weight you could lift about {max(1, round(10 - plan.rpe))} more times "
            f"at the end of each set (effort {plan.rpe:g} out of 10)."
        )
    return _item(
        exercise,
        sets=plan.sets,
        reps=plan.reps,
        intensity_pct_1rm=pct,
        target_rpe=plan.rpe,
        rest_s=plan.rest_s,
        note=note,
    )


def _chin_up_item(exercise: Exercise, sets: int) -> ProgramItem:
    """R16a: jumping chin-ups with drop landings, ``sets`` x 5 (each rep one landing)."""
    reps = LIFTMOR_CHIN_UP_REPS
    return _item(exercise, sets=sets, reps=reps, impacts=sets * reps, rest_s=60)


def _posture_item(exercise: Exercise, plan: WeekPlan) -> ProgramItem:
    if exercise.dose == "hold":
        return _item(exercise, sets=2, hold_s=20 if plan.phase is Phase.FAMILIARISATION else 30,
                     rest_s=30, target_rpe=min(plan.rpe, 7.0))  # fmt: skip
    return _item(exercise, sets=2, reps=10, rest_s=45, target_rpe=min(plan.rpe, 7.0))


def _balance_item(exercise: Exercise, minutes_budget: int) -> ProgramItem:
    """Sets of holds or steps that fill about ``minutes_budget`` minutes (R23)."""
    budget_s = minutes_budget * 60
    if exercise.dose == "hold":
        hold = 30 if exercise.level <= 2 else 20
        per_set = hold * exercise.seconds_per_rep + 15  # seconds_per_rep counts both legs
        sets = max(2, min(10, round(budget_s / per_set)))
        return _item(exercise, sets=sets, hold_s=hold, rest_s=15)
    reps = 10
    per_set = reps * exercise.seconds_per_rep + 20
    sets = max(2, min(10, round(budget_s / per_set)))
    return _item(exercise, sets=sets, reps=reps, rest_s=20)


def balance_work_seconds(
    exercise: Exercise, *, sets: int, reps: int | None, hold_s: int | None, minutes: int | None
) -> float:
    """R23/R23a: the balance seconds a dose contributes, counted as balance is logged and
    judged against ``balance_minutes_target``: ``minutes``, else every hold second, else
    every rep at the catalogue's pace (``seconds_per_rep``, both legs counted); rests and
    set-up are not balance practice."""
    if minutes is not None:
        return float(minutes * 60)
    per_set = hold_s if hold_s is not None else (reps or 0)
    return sets * per_set * exercise.seconds_per_rep


def item_balance_seconds(item: ProgramItem, exercise: Exercise) -> float:
    """The balance seconds an item contributes (0 for anything but balance work)."""
    if item.component is not Component.BALANCE:
        return 0.0
    return balance_work_seconds(
        exercise, sets=item.sets, reps=item.reps, hold_s=item.hold_s, minutes=item.minutes
    )


def balance_minutes(seconds: float) -> int:
    """Whole minutes of balance practice in ``seconds`` (rounded down, so a week reported as
    meeting the R23 target does meet it)."""
    return int(seconds // 60)


def week_balance_minutes(items: Iterable[ProgramItem], catalogue: Mapping[str, Exercise]) -> int:
    """R23a: a week's (or any set of items') balance minutes, as the target is judged."""
    return balance_minutes(sum(item_balance_seconds(i, catalogue[i.exercise_id]) for i in items))


#: The most sets of one balance drill in one bout; more work goes to longer sets or drills.
MAX_BALANCE_SETS = 10


#: The most drills in one home balance bout.
MAX_BALANCE_DRILLS = 4
#: The least balance work in a home bout of a ready program (R23a), even when the resistance
#: sessions already meet the weekly target.
MIN_HOME_BALANCE_S = 5 * 60


def _balance_capacity(exercise: Exercise) -> float:
    """The balance seconds of :data:`MAX_BALANCE_SETS` usual sets of a drill."""
    unit = (30 if exercise.level <= 2 else 20) if exercise.dose == "hold" else 10
    return MAX_BALANCE_SETS * unit * exercise.seconds_per_rep


def _balance_work_item(exercise: Exercise, work_s: float) -> ProgramItem:
    """Sets of holds or steps whose balance seconds (:func:`balance_work_seconds`) are at
    least ``work_s`` (R23a): the drill's usual set (30 s holds at levels 1-2, 20 s above;
    10 steps or reaches), as many sets as needed up to :data:`MAX_BALANCE_SETS`, then longer
    sets. At least two sets."""
    if exercise.dose == "hold":
        unit, rest = (30 if exercise.level <= 2 else 20), 15
    else:
        unit, rest = 10, 20
    per_unit = exercise.seconds_per_rep
    sets = max(2, min(MAX_BALANCE_SETS, math.ceil(work_s / (unit * per_unit) - 1e-9)))
    unit = max(unit, math.ceil(work_s / (sets * per_unit) - 1e-9))
    if exercise.dose == "hold":
        return _item(exercise, sets=sets, hold_s=unit, rest_s=rest)
    return _item(exercise, sets=sets, reps=unit, rest_s=rest)


def impacts_for_week(week: int, phase: Phase) -> int:
    """R10: impacts per session, starting at 10 and building by 5 a week towards ~50."""
    n = min(IMPACT_TARGET_PER_SESSION, IMPACT_START_PER_SESSION + IMPACT_STEP_PER_WEEK * (week - 1))
    return max(IMPACT_START_PER_SESSION, int(n * 0.6)) if phase is Phase.DELOAD else n


def impact_level_for_week(week: int, max_impact: ImpactLevel) -> ImpactLevel:
    """Start lower (R10): low impact for 2 weeks, moderate after, high from week 9 (R11)."""
    if week <= 2:
        return min(max_impact, ImpactLevel.LOW, key=lambda x: x.rank)
    if max_impact is ImpactLevel.HIGH and week < HIGH_IMPACT_FROM_WEEK:
        return ImpactLevel.MODERATE
    return max_impact


def _impact_item(exercise: Exercise, impacts: int) -> ProgramItem:
    if exercise.dose == "minutes":
        return _item(exercise, sets=1, minutes=10, rest_s=0)
    sets, per_set = split_impacts(impacts)
    return _item(exercise, sets=sets, reps=per_set, impacts=sets * per_set, rest_s=60)


def balance_start_level(profile: ClientProfile, screening: Screening) -> int:
    """R23: balance graded to the client: more support for higher falls risk or poor stance."""
    stance = profile.tests.single_leg_stance_s
    if screening.falls_risk is FallsRisk.HIGH or (stance is not None and stance < 5):
        return 1
    if screening.falls_risk in (FallsRisk.INTERMEDIATE, FallsRisk.UNKNOWN):
        return 2
    if stance is not None and stance < 20:
        return 2
    return 3


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
    chooser = _Chooser(profile, screening, pool, _max_level(profile, screening))
    notes: list[str] = list(screening.next_steps)
    if not screening.sessions_allowed or screening.status is ProgramStatus.NEEDS_CLEARANCE:
        notes.insert(0, "No exercise sessions until the steps below are done.")
        return Program(status=screening.status, screening=screening, start=start, weeks=(),
                       working_max_kg={}, notes=tuple(notes))  # fmt: skip
    if after_weeks < 0:
        raise ValueError("after_weeks must be 0 or more")
    # The builder counts plan weeks from the plan's first day, before this block.
    builder = _WeekBuilder(profile, screening, chooser, start - timedelta(weeks=after_weeks))
    built = tuple(builder.week(n) for n in range(after_weeks + 1, after_weeks + weeks + 1))
    built = _clamp_weekly_steps(built)
    maxes = working_maxes(profile, as_of=strength_as_of or start)
    for exercise_id, one_rm in (working_max_kg or {}).items():
        maxes[exercise_id] = carried_max(one_rm)
    built = _apply_loads(built, profile, maxes, catalogue)
    if after_weeks:
        built = tuple(replace(w, week=w.week - after_weeks) for w in built)
    if screening.status is ProgramStatus.WITHHELD:
        notes.insert(0, "Gentle program only: no lifting and no impact until reviewed.")
    if any(i.intensity_pct_1rm is not None and i.load_kg is None for i in _items(built)):
        notes.append(FIRST_LOAD_NOTE)
    return Program(status=screening.status, screening=screening, start=start, weeks=built,
                   working_max_kg={k: v.one_rm_kg for k, v in maxes.items()},
                   notes=tuple(notes))  # fmt: skip


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
        method="carried from her logged sets (R22a)", reliable=True, warnings=(), flags=(),
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


# --- Re-dosing (a coach's swap) ------------------------------------------------------------


def redose_item(
    item: ProgramItem,
    exercise: Exercise,
    *,
    week: int,
    screening: Screening,
    profile: ClientProfile,
    catalogue: Catalogue,
    strength_as_of: date,
    fit_seconds: int | None = None,
) -> ProgramItem:
    """``item`` (an item of week ``week``) done as ``exercise`` instead, dosed as the
    generator doses ``exercise`` in that week, from its own dose kind:

    * resistance and posture: the week's phase dose (R14-R17, R16 for the high-intensity
      lifts), %1RM only for a loadable exercise, never rising more than 10 points a week;
      holds for hold exercises; the load from her working max (R22) when she has one;
    * balance: at least the balance seconds of ``item`` (R23a), in the new drill's holds or
      steps;
    * impact: the week's impacts per session (R10/R10a) as sets x impacts;
    * warm-up, walking, mobility: a block of the same minutes.

    With ``fit_seconds``, the dose is then shortened as the generator trims a session
    (fewer sets, shorter rests, never below two sets of resistance) until its estimated
    time fits, as far as trimming goes.
    """
    plan = phase_plan(week, screening.track)
    component = exercise.component
    new: ProgramItem
    if component in (Component.RESISTANCE, Component.POSTURE):
        new = _resistance_item(exercise, plan, week, screening.track)
        if new.intensity_pct_1rm is not None:
            new = _replace_item(
                new, intensity_pct_1rm=_stepped_pct(exercise, week, screening.track)
            )
    elif component is Component.BALANCE:
        old = catalogue.get(item.exercise_id)
        work = (
            item_balance_seconds(item, old)
            if old is not None and item.component is Component.BALANCE
            else 0.0
        )
        new = _balance_work_item(exercise, work)
    elif component is Component.IMPACT:
        new = _impact_item(exercise, impacts_for_week(week, plan.phase))
    else:
        new = _timed_item(exercise, item.minutes or WARMUP_MINUTES)
    if fit_seconds is not None:
        dose = _Dose._make(_dose_of(new))
        for _ in range(20):
            if _dose_seconds(dose, exercise) <= fit_seconds:
                break
            trimmed = _trim(dose, component)
            if trimmed == dose:
                break
            dose = trimmed
        if dose != _dose_of(new):
            new = _replace_item(new, **dose._asdict())
    if exercise.loadable:
        estimate = working_maxes(profile, as_of=strength_as_of).get(exercise.id)
        new = _load_item(new, estimate, profile, catalogue)
    return new


def _stepped_pct(exercise: Exercise, week: int, track: Track) -> float | None:
    """The %1RM of ``exercise`` in ``week`` when it has been in the program every week, with
    :func:`_clamp_weekly_steps`' limit of 10 points from one week to the next."""
    pct: float | None = None
    for n in range(1, week + 1):
        wanted = _resistance_item(exercise, phase_plan(n, track), n, track).intensity_pct_1rm
        if wanted is not None:
            pct = wanted if pct is None else min(wanted, pct + MAX_WEEKLY_STEP_PCT)
    return pct


def session_seconds(items: Sequence[ProgramItem], catalogue: Catalogue) -> int:
    """The estimated duration of a session's items (as the generator estimates it)."""
    return sum(estimate_seconds(i, catalogue[i.exercise_id]) for i in items)


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
        return _load_item(item, maxes.get(item.exercise_id), profile, catalogue)

    def load_session(session: Session) -> Session:
        items = tuple(load(i) for i in session.items)
        if all(a is b for a, b in zip(items, session.items, strict=True)):
            return session  # nothing loaded: keep the record rather than copy it
        return replace(session, items=items)

    return tuple(_replace_sessions(w, tuple(load_session(s) for s in w.sessions)) for w in weeks)


def _load_item(
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
        return _replace_item(item, note=rounded.label)
    return _replace_item(item, load_kg=rounded.load_kg, load_display=rounded.label, note=None)


def _replace_sessions(week: Week, sessions: tuple[Session, ...]) -> Week:
    """``week`` with ``sessions``; the same record when no session changed."""
    if all(a is b for a, b in zip(sessions, week.sessions, strict=True)):
        return week
    return replace(week, sessions=sessions)


_SESSION_ORDER = (Component.WARMUP, Component.MOBILITY, Component.IMPACT, Component.RESISTANCE,
                  Component.POSTURE, Component.BALANCE, Component.AEROBIC)  # fmt: skip


def _ordered(items: Sequence[ProgramItem]) -> list[ProgramItem]:
    """Warm up, jump while fresh, lift, then posture and balance, walking last."""
    return sorted(items, key=lambda i: _SESSION_ORDER.index(i.component))


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
                        item = _replace_item(item, intensity_pct_1rm=pct)
                        changed = True
                    seen[item.exercise_id] = max(seen.get(item.exercise_id, 0.0), pct)
                items.append(item)
            sessions.append(replace(session, items=tuple(items)) if changed else session)
        last.update(seen)
        out.append(_replace_sessions(week, tuple(sessions)))
    return tuple(out)


# Session templates: slots in priority order. The first slots of each template together
# load every region (R13); posture (R7) and balance (R23) are always kept.
_TEMPLATES: tuple[tuple[Pattern, ...], ...] = (
    (Pattern.SQUAT, Pattern.ROW, Pattern.ANTI_ROTATION, Pattern.PRESS_OVERHEAD, Pattern.HINGE),
    (Pattern.HINGE, Pattern.PRESS_OVERHEAD, Pattern.LUNGE, Pattern.ROW, Pattern.CARRY),
    (Pattern.SQUAT, Pattern.PULL_VERTICAL, Pattern.CARRY, Pattern.PRESS_HORIZONTAL,
     Pattern.LUNGE),
)  # fmt: skip
_ESSENTIAL_SLOTS = 3
#: R16a: the other slots of LIFTMOR sessions (after deadlift, back squat and overhead press),
#: kept as time allows: a row or pull on each day, then trunk, lunge and carry work.
_LIFTMOR_EXTRAS: tuple[tuple[Pattern, ...], ...] = (
    (Pattern.ROW, Pattern.ANTI_ROTATION),
    (Pattern.PULL_VERTICAL, Pattern.LUNGE, Pattern.CARRY),
    (Pattern.ROW, Pattern.PRESS_HORIZONTAL),
)


def _trim(dose: _Dose, component: Component) -> _Dose:
    """One step shorter: fewer sets (never below two of resistance), shorter rests and
    warm-ups, fewer impacts (never below 10), balance sets (never below two), then shorter
    balance and posture sets. ``dose`` itself when nothing is left to trim."""
    if dose.minutes is not None:
        return dose._replace(minutes=max(2, dose.minutes - 1))
    if dose.impacts is not None:
        sets, per_set = split_impacts(max(IMPACT_START_PER_SESSION, dose.impacts - 5))
        return dose._replace(impacts=sets * per_set, sets=sets, reps=per_set)
    floor = 1 if component is Component.POSTURE else 2
    if dose.sets > floor:
        return dose._replace(sets=dose.sets - 1)
    if dose.rest_s > 30:
        return dose._replace(rest_s=max(30, dose.rest_s - 15))
    if component in (Component.BALANCE, Component.POSTURE):
        if dose.reps is not None and dose.reps > 6:
            return dose._replace(reps=dose.reps - 2)
        if dose.hold_s is not None and dose.hold_s > 15:
            return dose._replace(hold_s=dose.hold_s - 5)
    return dose


class _Trimmed:
    """A dose of an exercise in ``_fit``'s trimming, with its estimated seconds and, once
    computed, ``next``: the node of the trimmed dose (itself when trimming changes nothing).

    ``_fit`` trims doses rather than items (only the chosen dose becomes an item), and the
    nodes are shared within one program (``_WeekBuilder._nodes``): equal doses recur in the
    sessions of a week and across weeks, and each is timed and trimmed once.
    """

    __slots__ = ("dose", "exercise", "next", "seconds")

    def __init__(self, exercise: Exercise, dose: _Dose) -> None:
        self.exercise = exercise
        self.dose = dose
        self.seconds = _dose_seconds(dose, exercise)
        self.next: _Trimmed | None = None


class _WeekBuilder:
    def __init__(
        self, profile: ClientProfile, screening: Screening, chooser: _Chooser, start: date
    ) -> None:
        self.p = profile
        self.s = screening
        self.c = chooser
        self.start = start
        self.high_risk = screening.falls_risk is FallsRisk.HIGH
        self.res_days = profile.schedule.resistance_days if screening.resistance_allowed else ()
        self.home_days = self._home_days()
        self.impact_days = self._impact_days()
        self.balance0 = balance_start_level(profile, screening)
        #: R16a: the LIFTMOR session on every resistance day of the high-intensity track.
        self.liftmor = screening.track is Track.HIGH_INTENSITY
        self.templates = self._choose_templates()
        self.liftmor_ids = (
            frozenset(e.id for e in self._liftmor_lifts()) if self.liftmor else frozenset()
        )
        self.by_id = {e.id: e for e in chooser.pool}
        # _fit's trimming steps, per (exercise id, dose), for the whole program.
        self._nodes: dict[tuple[str, _DoseValues], _Trimmed] = {}
        self._built_items: dict[tuple[Hashable, ...], ProgramItem] = {}
        self._trimmed_items: dict[tuple[int, _Trimmed], tuple[ProgramItem, ProgramItem]] = {}

    # Which weekdays get what --------------------------------------------------------------

    def _home_days(self) -> tuple[int, ...]:
        """Short balance (and impact) sessions on the other days, keeping one full rest day."""
        others = [d for d in range(1, 8) if d not in self.res_days]
        if not self.res_days:
            # Gentle-only programs: a short session on five days of the week.
            return tuple(others[:5])
        rest_day = max(others, key=lambda d: min((d - r) % 7 for r in self.res_days))
        return tuple(d for d in others if d != rest_day)

    def _impact_days(self) -> tuple[int, ...]:
        if self.s.max_impact.rank <= ImpactLevel.LOW.rank:
            return ()
        days = list(self.res_days)
        for d in self.home_days:
            if len(days) >= max(MIN_IMPACT_DAYS, 3):
                break
            if all(min((d - x) % 7, (x - d) % 7) > 1 for x in days if x not in self.res_days):
                days.append(d)
        return tuple(sorted(days))

    def _liftmor_lifts(self) -> list[Exercise]:
        """R16a: deadlift, back squat and overhead press, for every session of the
        high-intensity track; an R19 exclusion gets the usual permitted substitute."""
        lifts: list[Exercise] = []
        for pattern in LIFTMOR_PATTERNS:
            e = self.c.resistance(pattern, {x.id for x in lifts})
            if e is not None:
                lifts.append(e)
        return lifts

    def _choose_templates(self) -> list[list[Exercise]]:
        """Pick the exercise for every slot of every resistance day once, for the whole block.

        On the high-intensity track (R16a) every day starts with the same LIFTMOR lifts
        (:meth:`_liftmor_lifts`); the other slots vary by day."""
        templates: list[list[Exercise]] = []
        used: set[str] = set()
        lifts = self._liftmor_lifts() if self.liftmor else []
        slots = _LIFTMOR_EXTRAS if self.liftmor else _TEMPLATES
        for index, _day in enumerate(self.res_days):
            chosen: list[Exercise] = list(lifts)
            for pattern in slots[index % len(slots)]:
                e = self.c.resistance(pattern, used | {x.id for x in chosen})
                if e is None:
                    e = self.c.resistance(pattern, {x.id for x in chosen})
                if e is not None and e.id not in {x.id for x in chosen}:
                    chosen.append(e)
            used |= {x.id for x in chosen}
            templates.append(chosen)
        return templates

    # One week -----------------------------------------------------------------------------

    def week(self, n: int) -> Week:
        plan = phase_plan(n, self.s.track)
        week_start = self.start + timedelta(weeks=n - 1)
        dates = [week_start + timedelta(days=offset) for offset in range(7)]
        resistance = {
            d: self._resistance_session(n, plan, self.res_days.index(d.isoweekday()), d)
            for d in dates
            if d.isoweekday() in self.res_days
        }
        home_dates = [d for d in dates if d.isoweekday() in self.home_days]
        bout_s = self._home_balance_seconds(resistance.values(), len(home_dates))
        sessions = [
            resistance[d] if d in resistance else self._home_session(n, plan, d, bout_s)
            for d in dates
            if d in resistance or d in home_dates
        ]
        balance = week_balance_minutes((i for s in sessions for i in s.items), self.by_id)
        impacts = sum(i.impacts or 0 for s in sessions for i in s.items)
        return Week(week=n, phase=plan.phase, sessions=tuple(sessions),
                    balance_minutes=balance, impacts=impacts)  # fmt: skip

    def _home_balance_seconds(self, resistance: Iterable[Session], bouts: int) -> float | None:
        """R23a: the balance seconds each home bout must hold so that the week meets the
        screening's ``balance_minutes_target`` with what the resistance sessions hold (their
        balance is trimmed first when her session time is short, so the rest goes to the
        separate home bouts). ``None`` for programs that are not ready (R4 gentle-only work
        keeps its own supported balance dose)."""
        if self.s.status is not ProgramStatus.READY or not bouts:
            return None
        have = sum(item_balance_seconds(i, self.by_id[i.exercise_id])
                   for s in resistance for i in s.items)  # fmt: skip
        missing = max(0.0, self.s.balance_minutes_target * 60 - have)
        return max(float(MIN_HOME_BALANCE_S), math.ceil(missing / bouts))

    def _built(
        self, make: Callable[..., ProgramItem], exercise: Exercise, *args: Hashable
    ) -> ProgramItem:
        """``make(exercise, *args)``, built once per program and then shared.

        The same drill at the same dose recurs on several days and weeks, and items are
        frozen: looking one up costs a fraction of building it. ``make`` must be a pure
        function of its arguments; exercises are keyed by id (one pool per program).
        """
        key = (make, exercise.id, *args)
        item = self._built_items.get(key)
        if item is None:
            item = self._built_items[key] = make(exercise, *args)
        return item

    def c_exercise(self, item: ProgramItem) -> Exercise:
        return self.by_id[item.exercise_id]

    def _balance_level(self, n: int) -> int:
        if self.s.status is not ProgramStatus.READY:
            return 1  # R4: while on hold, only balance work with support (no fall risk)
        return min(5, self.balance0 + (n - 1) // 4)

    def _warmup(self, avoid: set[str]) -> ProgramItem | None:
        e = self.c.by_component(Component.WARMUP, level=2, avoid=avoid, max_impact=ImpactLevel.LOW)
        return self._built(_timed_item, e, WARMUP_MINUTES) if e else None

    def _posture(self, n: int, plan: WeekPlan, avoid: set[str]) -> ProgramItem | None:
        level = 2 if n <= FAMILIARISATION_WEEKS or self.s.track is Track.GENTLE else 3
        e = self.c.by_component(
            Component.POSTURE, level=level, avoid=avoid, max_impact=ImpactLevel.NONE
        )
        return self._built(_posture_item, e, plan) if e else None

    def _balance(self, n: int, avoid: set[str], minutes: int) -> ProgramItem | None:
        e = self.c.by_component(
            Component.BALANCE, level=self._balance_level(n), avoid=avoid,
            max_impact=ImpactLevel.LOW,
        )  # fmt: skip
        return self._built(_balance_item, e, minutes) if e else None

    def _impact(
        self, n: int, phase: Phase, avoid: set[str], *, home: bool = False
    ) -> ProgramItem | None:
        level = impact_level_for_week(n, self.s.max_impact)
        if home:
            # R11: high drills only in supervised sessions, never on a home day.
            level = min(level, ImpactLevel.MODERATE, key=lambda x: x.rank)
        e = self.c.by_component(Component.IMPACT, level=5, avoid=avoid, max_impact=level)
        if e is None or e.impact.rank < ImpactLevel.LOW.rank:
            return None
        impacts = impacts_for_week(n, phase)
        if e.impact is ImpactLevel.HIGH:
            # R10a: a new drill starts at 10 impacts and builds by 5 a week.
            weeks_on = max(0, n - HIGH_IMPACT_FROM_WEEK)
            impacts = min(impacts, IMPACT_START_PER_SESSION + IMPACT_STEP_PER_WEEK * weeks_on)
        return self._built(_impact_item, e, impacts)

    def _chin_ups(self, n: int, phase: Phase, avoid: set[str]) -> ProgramItem | None:
        """R16a/R11: jumping chin-ups with drop landings in the LIFTMOR session, when the
        catalogue has them, her equipment has the bar (both in the pool), and high impact is
        allowed this week (R11: supervised, >= 8 weeks of moderate impact first). They start
        at 2 x 5 and build by one set of 5 a week to 5 x 5 (R10a); fewer in a deload week."""
        e = self.by_id.get(LIFTMOR_CHIN_UP)
        if e is None or e.id in avoid or e.component is not Component.IMPACT:
            return None
        if impact_level_for_week(n, self.s.max_impact) is not ImpactLevel.HIGH:
            return None
        sets = min(LIFTMOR_CHIN_UP_SETS, 2 + max(0, n - HIGH_IMPACT_FROM_WEEK))
        if phase is Phase.DELOAD:
            sets = max(2, sets - 2)
        return self._built(_chin_up_item, e, sets)

    def _resistance_session(self, n: int, plan: WeekPlan, index: int, day: date) -> Session:
        budget = self.p.schedule.minutes_per_session * 60
        essentials: list[ProgramItem] = []
        optional: list[ProgramItem] = []
        avoid: set[str] = set()

        def take(item: ProgramItem | None, into: list[ProgramItem]) -> None:
            if item is not None and item.exercise_id not in avoid:
                avoid.add(item.exercise_id)
                into.append(item)

        take(self._warmup(avoid), essentials)
        covered: set[Region] = set()
        for slot, exercise in enumerate(self.templates[index]):
            item = _resistance_item(exercise, plan, n, self.s.track)
            if self.liftmor:
                # R16a: the lifts, and any other lift loading a region they miss (R13: an
                # R19 substitute press may leave the trunk unloaded), are kept.
                essential = exercise.id in self.liftmor_ids or not covered >= set(exercise.regions)
                if essential:
                    covered.update(exercise.regions)
            else:
                essential = slot < _ESSENTIAL_SLOTS
            take(item, essentials if essential else optional)
        take(self._posture(n, plan, avoid), essentials)
        take(self._balance(n, avoid, 5 if not self.high_risk else 8), essentials)
        chin_ups = self._chin_ups(n, plan.phase, avoid) if self.liftmor else None
        take(chin_ups, essentials)
        if (
            chin_ups is None
            and self.s.max_impact.rank >= ImpactLevel.LOW.rank
            and day.isoweekday() in (self.impact_days or self.res_days)
        ):
            take(self._impact(n, plan.phase, avoid), essentials)
        if self.liftmor:
            items, seconds = self._fit_liftmor(essentials, optional, budget)
        else:
            items, seconds = self._fit(essentials, optional, budget)
        return Session(day=day.isoweekday(), date=day, kind="resistance",
                       items=tuple(_ordered(items)), minutes=-(-seconds // 60))  # fmt: skip

    def _home_session(
        self, n: int, plan: WeekPlan, day: date, balance_s: float | None = None
    ) -> Session:
        """A short home session: balance (``balance_s`` balance seconds when given, R23a),
        posture when there is no resistance day, and impact or a walk."""
        minutes = HOME_SESSION_MINUTES_HIGH_RISK if self.high_risk else HOME_SESSION_MINUTES
        avoid: set[str] = set()
        items: list[ProgramItem] = []
        if balance_s is None:
            first = self._balance(n, avoid, minutes // 2)
            if first is not None:
                avoid.add(first.exercise_id)
                items.append(first)
            second = self._second_balance(n, avoid, minutes // 2)
            if second is not None:
                avoid.add(second.exercise_id)
                items.append(second)
            bout: list[ProgramItem] = []
        else:
            bout = self._balance_bout(n, avoid, balance_s)
        if not self.res_days:
            posture = self._posture(n, plan, avoid)
            if posture is not None:
                avoid.add(posture.exercise_id)
                items.append(posture)
        if day.isoweekday() in self.impact_days:
            impact = self._impact(n, plan.phase, avoid, home=True)
            if impact is not None:
                items.append(impact)
        elif self.s.max_impact.rank >= ImpactLevel.LOW.rank:
            walk = self.c.by_component(
                Component.AEROBIC, level=2, avoid=avoid, max_impact=ImpactLevel.LOW
            )
            if walk is not None:
                items.append(self._built(_timed_item, walk, 10))
        budget_s = minutes * 60 + 10 * 60
        if bout:
            # The balance bout is never trimmed below the weekly target (R23a); the other
            # items share what is left of the usual home session.
            budget_s -= min(self._seconds(bout), minutes * 60)
        items, seconds = self._fit(items, [], budget_s)
        items = bout + items
        seconds += self._seconds(bout)
        return Session(day=day.isoweekday(), date=day, kind="impact_balance",
                       items=tuple(_ordered(items)), minutes=-(-seconds // 60))  # fmt: skip

    def _balance_bout(self, n: int, avoid: set[str], work_s: float) -> list[ProgramItem]:
        """Balance drills holding ``work_s`` balance seconds between them (R23a): the
        hardest static drill at her level and a dynamic one, and further drills when those
        two would need more than :data:`MAX_BALANCE_SETS` sets."""
        drills: list[Exercise] = []
        level = self._balance_level(n)
        first = self.c.by_component(
            Component.BALANCE, level=level, avoid=avoid, max_impact=ImpactLevel.LOW
        )
        if first is not None:
            drills.append(first)
        second = self.c.second_balance(level=level + 1, avoid=avoid | {d.id for d in drills})
        if second is not None:
            drills.append(second)
        while len(drills) < MAX_BALANCE_DRILLS:
            share = work_s / len(drills) if drills else work_s
            if drills and all(share <= _balance_capacity(d) for d in drills):
                break
            more = self.c.by_component(
                Component.BALANCE, level=level + 1, avoid=avoid | {d.id for d in drills},
                max_impact=ImpactLevel.LOW,
            )  # fmt: skip
            if more is None:
                break
            drills.append(more)
        if not drills:
            return []
        # Each drill's share in proportion to what its usual sets hold, so that no drill
        # needs longer sets while another has sets to spare.
        capacity = [_balance_capacity(d) for d in drills]
        total = sum(capacity)
        avoid.update(d.id for d in drills)
        return [
            self._built(_balance_work_item, d, math.ceil(work_s * c / total))
            for d, c in zip(drills, capacity, strict=True)
        ]

    def _second_balance(self, n: int, avoid: set[str], minutes: int) -> ProgramItem | None:
        """A dynamic drill to go with the static one (or the other way round)."""
        level = self._balance_level(n)
        if self.s.status is ProgramStatus.READY:
            level += 1
        pick = self.c.second_balance(level=level, avoid=avoid)
        return self._built(_balance_item, pick, minutes) if pick is not None else None

    def _fit(
        self, essentials: list[ProgramItem], optional: list[ProgramItem], budget_s: int
    ) -> tuple[list[ProgramItem], int]:
        """Keep essentials, add optional items while they fit, then trim doses step by step.

        Returns the items and their estimated seconds."""
        items = list(essentials)
        nodes = [self._node(i.exercise_id, _dose_of(i)) for i in items]
        total = sum(n.seconds for n in nodes)
        for item in optional:
            node = self._node(item.exercise_id, _dose_of(item))
            if total + node.seconds <= budget_s:
                items.append(item)
                nodes.append(node)
                total += node.seconds
        untrimmed = nodes
        for _ in range(20):
            total = sum(n.seconds for n in nodes)
            if total <= budget_s:
                return self._with_doses(items, untrimmed, nodes), total
            trimmed = [self._trimmed(n) for n in nodes]
            if all(t is n for t, n in zip(trimmed, nodes, strict=True)):
                break  # nothing left to trim
            nodes = trimmed
        items = self._with_doses(items, untrimmed, nodes)
        # Last resort for very short sessions: no separate warm-up or walk (the first, light
        # set of each exercise warms up instead). Resistance, posture, balance and impact stay.
        for component in (Component.AEROBIC, Component.MOBILITY, Component.WARMUP):
            if self._seconds(items) <= budget_s:
                break
            items = [i for i in items if i.component is not component]
        return items, self._seconds(items)

    def _fit_liftmor(
        self, essentials: list[ProgramItem], optional: list[ProgramItem], budget_s: int
    ) -> tuple[list[ProgramItem], int]:
        """R16a: fit a LIFTMOR session into ``budget_s``, trimming other items first.

        1. Every item but the LIFTMOR lifts and chin-ups is trimmed step by step (as
           :meth:`_fit` does), leaving room for the day's first other lift (a row or a
           pull) at its shortest dose where trimming can; 2. then the separate warm-up or
           walk goes; 3. then the chin-ups lose sets (never below 2 x 5), then the lifts'
           rests shorten (never below :data:`LIFTMOR_MIN_REST_S`), and only in a session
           too short for three 5 x 5 lifts at all do the lifts lose sets; 4. the day's
           other lifts (row, pulldown, ...) then fill the time left, each trimmed to fit or
           left out (R13 is met by the three lifts, which load every region).

        Returns the items and their estimated seconds."""
        protected = self.liftmor_ids | {LIFTMOR_CHIN_UP}
        items = list(essentials)
        nodes = [self._node(i.exercise_id, _dose_of(i)) for i in items]
        untrimmed = list(nodes)

        def total() -> int:
            return sum(n.seconds for n in nodes)

        reserve = 0
        if optional:
            shortest = self._node(optional[0].exercise_id, _dose_of(optional[0]))
            for _ in range(20):
                if shortest.next is shortest:
                    break
                shortest = self._trimmed(shortest)
            reserve = shortest.seconds
        for _ in range(20):
            if total() <= budget_s - reserve:
                break
            trimmed = [
                n if i.exercise_id in protected else self._trimmed(n)
                for i, n in zip(items, nodes, strict=True)
            ]
            if all(t is n for t, n in zip(trimmed, nodes, strict=True)):
                break
            nodes = trimmed
        for component in (Component.AEROBIC, Component.MOBILITY, Component.WARMUP):
            if total() <= budget_s:
                break
            keep = [k for k, i in enumerate(items) if i.component is not component]
            items = [items[k] for k in keep]
            nodes = [nodes[k] for k in keep]
            untrimmed = [untrimmed[k] for k in keep]
        for wanted in (Component.IMPACT, Component.RESISTANCE):
            for _ in range(40):
                if total() <= budget_s:
                    break
                trimmed = [
                    self._liftmor_trimmed(n)
                    if i.exercise_id in protected and i.component is wanted
                    else n
                    for i, n in zip(items, nodes, strict=True)
                ]
                if all(t is n for t, n in zip(trimmed, nodes, strict=True)):
                    break
                nodes = trimmed
        for item in optional:
            first = node = self._node(item.exercise_id, _dose_of(item))
            room = budget_s - total()
            for _ in range(20):
                if node.seconds <= room:
                    break
                shorter = self._trimmed(node)
                if shorter is node:
                    break
                node = shorter
            if node.seconds <= room:
                items.append(item)
                untrimmed.append(first)
                nodes.append(node)
        return self._with_doses(items, untrimmed, nodes), total()

    def _liftmor_trimmed(self, node: _Trimmed) -> _Trimmed:
        """One step shorter for a LIFTMOR item (R16a): chin-ups lose a set of 5 (never
        below two) then rest; a lift's rests shorten to :data:`LIFTMOR_MIN_REST_S`, then
        (very short sessions only) it loses a set, never below two."""
        dose = node.dose
        if dose.impacts is not None:
            if dose.sets > 2:
                dose = dose._replace(sets=dose.sets - 1, impacts=(dose.sets - 1) * (dose.reps or 0))
            elif dose.rest_s > 30:
                dose = dose._replace(rest_s=max(30, dose.rest_s - 15))
        elif dose.rest_s > LIFTMOR_MIN_REST_S:
            dose = dose._replace(rest_s=max(LIFTMOR_MIN_REST_S, dose.rest_s - 15))
        elif dose.sets > 2:
            dose = dose._replace(sets=dose.sets - 1)
        return node if dose == node.dose else self._node(node.exercise.id, dose)

    def _with_doses(
        self, items: list[ProgramItem], untrimmed: list[_Trimmed], nodes: list[_Trimmed]
    ) -> list[ProgramItem]:
        """``items`` with the doses of ``nodes``; items whose node is unchanged are kept.

        A trimmed item is built once per program, as the same (shared) items are trimmed
        alike on several days. The memo is keyed by ``id(item)``, as hashing an item is slow
        (its enums hash in Python); each entry holds the item, so the id cannot be reused.
        """
        out = []
        for item, first, node in zip(items, untrimmed, nodes, strict=True):
            if node is not first:
                key = (id(item), node)
                memo = self._trimmed_items.get(key)
                if memo is None:
                    memo = (item, _replace_item(item, **node.dose._asdict()))
                    self._trimmed_items[key] = memo
                item = memo[1]
            out.append(item)
        return out

    def _node(self, exercise_id: str, dose: _DoseValues) -> _Trimmed:
        node = self._nodes.get((exercise_id, dose))
        if node is None:
            node = _Trimmed(self.by_id[exercise_id], _Dose._make(dose))
            self._nodes[exercise_id, dose] = node
        return node

    def _trimmed(self, node: _Trimmed) -> _Trimmed:
        """The node of the trimmed dose, or ``node`` itself if trimming changes nothing."""
        if node.next is None:
            dose = _trim(node.dose, node.exercise.component)
            node.next = node if dose == node.dose else self._node(node.exercise.id, dose)
        return node.next

    def _seconds(self, items: Sequence[ProgramItem]) -> int:
        return sum(estimate_seconds(i, self.c_exercise(i)) for i in items)
