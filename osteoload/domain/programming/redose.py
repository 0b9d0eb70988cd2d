"""Re-dosing a coach's swap: the new exercise gets the dose the generator would have given it
that week (R14-R17 by phase and track), fitted to the session's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..catalogue import Catalogue, Exercise
from ..profile import ClientProfile
from ..program import ProgramItem, Screening
from ..vocabulary import (
    Component,
    Track,
)
from .dosing import (
    Dose,
    balance_work_item,
    dose_of,
    dose_seconds,
    estimate_seconds,
    impact_item,
    impacts_for_week,
    item_balance_seconds,
    replace_item,
    resistance_item,
    timed_item,
)
from .fitting import trim_dose
from .generator import load_item, working_maxes
from .phases import MAX_WEEKLY_STEP_PCT, WARMUP_MINUTES, phase_plan

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
        new = resistance_item(exercise, plan, week, screening.track)
        if new.intensity_pct_1rm is not None:
            new = replace_item(new, intensity_pct_1rm=_stepped_pct(exercise, week, screening.track))
    elif component is Component.BALANCE:
        old = catalogue.get(item.exercise_id)
        work = (
            item_balance_seconds(item, old)
            if old is not None and item.component is Component.BALANCE
            else 0.0
        )
        new = balance_work_item(exercise, work)
    elif component is Component.IMPACT:
        new = impact_item(exercise, impacts_for_week(week, plan.phase))
    else:
        new = timed_item(exercise, item.minutes or WARMUP_MINUTES)
    if fit_seconds is not None:
        dose = Dose._make(dose_of(new))
        for _ in range(20):
            if dose_seconds(dose, exercise) <= fit_seconds:
                break
            trimmed = trim_dose(dose, component)
            if trimmed == dose:
                break
            dose = trimmed
        if dose != dose_of(new):
            new = replace_item(new, **dose._asdict())
    if exercise.loadable:
        estimate = working_maxes(profile, as_of=strength_as_of).get(exercise.id)
        new = load_item(new, estimate, profile, catalogue)
    return new


def _stepped_pct(exercise: Exercise, week: int, track: Track) -> float | None:
    """The %1RM of ``exercise`` in ``week`` when it has been in the program every week, with
    :func:`_clamp_weekly_steps`' limit of 10 points from one week to the next."""
    pct: float | None = None
    for n in range(1, week + 1):
        wanted = resistance_item(exercise, phase_plan(n, track), n, track).intensity_pct_1rm
        if wanted is not None:
            pct = wanted if pct is None else min(wanted, pct + MAX_WEEKLY_STEP_PCT)
    return pct


def session_seconds(items: Sequence[ProgramItem], catalogue: Catalogue) -> int:
    """The estimated duration of a session's items (as the generator estimates it)."""
    return sum(estimate_seconds(i, catalogue[i.exercise_id]) for i in items)
