"""Loads that exist on her equipment and the size of a step (R18, R18a): the next load up,
the effort step once the reps drop, the reps that keep it small, the add-on weight."""

from __future__ import annotations

import math

from ..catalogue import Exercise
from ..one_rm import pct_1rm
from ..units import (
    DEFAULT_EQUIPMENT,
    EquipmentProfile,
    LoadKind,
    Run,
    kg_to_lb,
    lb_to_kg,
    round_load_down,
)
from ..vocabulary import Units
from .context import _Context
from .rules import (
    _EPS,
    DOUBLE_PROGRESSION_RPE,
    MIN_RANGE_REPS,
    R18A_ADD_ON,
    R18A_SMALL_BAR_KG,
    R18A_SMALL_BAR_STEP_KG,
)


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


def _round(ctx: _Context, load_kg: float, kind: LoadKind) -> float | None:
    return round_load_down(load_kg + _EPS, kind, ctx.equipment, units=ctx.units).load_kg


def _effort_ratio(reps: int, rpe: float | None) -> float:
    """The %1RM of ``reps`` at ``rpe`` (chart, clamped to its range) for conversions."""
    rpe_c = min(10.0, max(6.5, round((rpe if rpe is not None else DOUBLE_PROGRESSION_RPE) * 2) / 2))
    return pct_1rm(max(1, min(12, reps)), rpe_c)


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


def _add_on_kg(ctx: _Context, exercise: Exercise, kind: LoadKind) -> float | None:
    """R18a: the small add-on weight for this lift in kg (None for bands and body weight)."""
    if kind in (LoadKind.BAND, LoadKind.BODYWEIGHT):
        return None
    upper, lower = R18A_ADD_ON[ctx.units]
    value = upper if exercise.is_upper_body else lower
    return value if ctx.units is Units.KG else lb_to_kg(value)
