"""Dosing: each item's sets, reps, load, rest and duration, and the balance and impact doses.

Resistance items follow the week's plan (R14-R17); balance items meet the weekly target in
minutes (R23, R23a: :func:`balance_work_seconds`, :func:`week_balance_minutes`); impact
builds towards about 50 a session (R10), high impact only after 8 weeks of moderate (R11):
:func:`impacts_for_week`, :func:`impact_level_for_week`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from operator import attrgetter
from typing import NamedTuple

from ..catalogue import Dosing, Exercise
from ..profile import ClientProfile
from ..program import ProgramItem, Screening, split_impacts
from ..vocabulary import (
    Component,
    FallsRisk,
    ImpactLevel,
    Phase,
    Track,
)
from .phases import (
    HIGH_IMPACT_FROM_WEEK,
    HIGH_INTENSITY_LIFTS,
    IMPACT_START_PER_SESSION,
    IMPACT_STEP_PER_WEEK,
    IMPACT_TARGET_PER_SESSION,
    LIFTMOR_CHIN_UP_REPS,
    PCT_1RM_PATTERNS,
    WeekPlan,
    high_intensity_dose,
)

# --- Dosing helpers -----------------------------------------------------------------------


class Dose(NamedTuple):
    """The fields of an item that fitting a session into its minutes may change."""

    sets: int
    reps: int | None
    hold_s: int | None
    impacts: int | None
    minutes: int | None
    rest_s: int


DoseValues = tuple[int, int | None, int | None, int | None, int | None, int]
#: An item's dose as a plain tuple: equal (and hashing equal) to the matching Dose, and
#: cheaper to get, as the generator reads thousands of doses per program.
dose_of: Callable[[ProgramItem], DoseValues] = attrgetter(*Dose._fields)


def estimate_seconds(item: ProgramItem, exercise: Exercise) -> int:
    """Rough duration of an item: work time plus rest between sets, plus set-up."""
    return dose_seconds(dose_of(item), exercise)


def dose_seconds(dose: DoseValues, exercise: Exercise) -> int:
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


def timed_item(exercise: Exercise, minutes: int) -> ProgramItem:
    """One block of ``minutes`` (warm-up, walk)."""
    return _item(exercise, sets=1, minutes=minutes, rest_s=0)


_ITEM_FIELDS = tuple(f.name for f in fields(ProgramItem))
_item_values = attrgetter(*_ITEM_FIELDS)


def replace_item(item: ProgramItem, **changes: object) -> ProgramItem:
    """``dataclasses.replace`` for items, about twice as fast (field names looked up once):
    trimming and loading call it thousands of times per program."""
    values = dict(zip(_ITEM_FIELDS, _item_values(item), strict=True))
    values.update(changes)
    return ProgramItem(**values)


def resistance_item(exercise: Exercise, plan: WeekPlan, week: int, track: Track) -> ProgramItem:
    if track is Track.HIGH_INTENSITY and exercise.id in HIGH_INTENSITY_LIFTS.values():
        plan = high_intensity_dose(week, plan)
    if exercise.component is Component.POSTURE or exercise.dose is Dosing.HOLD:
        return posture_item(exercise, plan)
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


def chin_up_item(exercise: Exercise, sets: int) -> ProgramItem:
    """R16a: jumping chin-ups with drop landings, ``sets`` x 5 (each rep one landing)."""
    reps = LIFTMOR_CHIN_UP_REPS
    return _item(exercise, sets=sets, reps=reps, impacts=sets * reps, rest_s=60)


def posture_item(exercise: Exercise, plan: WeekPlan) -> ProgramItem:
    if exercise.dose is Dosing.HOLD:
        return _item(exercise, sets=2, hold_s=20 if plan.phase is Phase.FAMILIARISATION else 30,
                     rest_s=30, target_rpe=min(plan.rpe, 7.0))  # fmt: skip
    return _item(exercise, sets=2, reps=10, rest_s=45, target_rpe=min(plan.rpe, 7.0))


def balance_item(exercise: Exercise, minutes_budget: int) -> ProgramItem:
    """Sets of holds or steps that fill about ``minutes_budget`` minutes (R23)."""
    budget_s = minutes_budget * 60
    if exercise.dose is Dosing.HOLD:
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


def balance_capacity(exercise: Exercise) -> float:
    """The balance seconds of :data:`MAX_BALANCE_SETS` usual sets of a drill."""
    unit = (30 if exercise.level <= 2 else 20) if exercise.dose is Dosing.HOLD else 10
    return MAX_BALANCE_SETS * unit * exercise.seconds_per_rep


def balance_work_item(exercise: Exercise, work_s: float) -> ProgramItem:
    """Sets of holds or steps whose balance seconds (:func:`balance_work_seconds`) are at
    least ``work_s`` (R23a): the drill's usual set (30 s holds at levels 1-2, 20 s above;
    10 steps or reaches), as many sets as needed up to :data:`MAX_BALANCE_SETS`, then longer
    sets. At least two sets."""
    if exercise.dose is Dosing.HOLD:
        unit, rest = (30 if exercise.level <= 2 else 20), 15
    else:
        unit, rest = 10, 20
    per_unit = exercise.seconds_per_rep
    sets = max(2, min(MAX_BALANCE_SETS, math.ceil(work_s / (unit * per_unit) - 1e-9)))
    unit = max(unit, math.ceil(work_s / (sets * per_unit) - 1e-9))
    if exercise.dose is Dosing.HOLD:
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


def impact_item(exercise: Exercise, impacts: int) -> ProgramItem:
    if exercise.dose is Dosing.MINUTES:
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
