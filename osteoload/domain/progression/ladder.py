"""The way up after two successes at the top of the range (R18, R18a, R18b): the next load
with a rep drop, a double step, then a set more, mixed loads, a slower tempo, a harder
variation or an add-on weight."""

from __future__ import annotations

from datetime import date

from ..catalogue import Exercise
from ..units import LoadKind
from ..vocabulary import Phase
from .context import _Context
from .decisions import Decision, DecisionKind
from .double_progression import _RepState
from .loads import _add_on_kg, _effective_step_pct, _reps_for_step, next_load_up
from .rules import (
    _EPS,
    R18_MAX_STEP_PCT_LOWER,
    R18_MAX_STEP_PCT_UPPER,
    R18A_MAX_SETS,
    R18B_DOUBLE_STEP_PCT_LOWER,
    R18B_DOUBLE_STEP_PCT_UPPER,
    SLOW_TEMPO,
)


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
    the effort step within bounds; else a set, mixed loads, a slower tempo, a harder
    variation or an add-on weight."""
    done = state.load_kg
    limit = R18_MAX_STEP_PCT_UPPER if exercise.is_upper_body else R18_MAX_STEP_PCT_LOWER
    if done is not None and _load_step(ctx, state, exercise, kind, rng, numbers, double=double):
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
        state.tempo, state.tempo_day = True, date.fromisoformat(str(numbers["date"]))
        state.decision = Decision(
            rule="R18a", outcome=DecisionKind.TEMPO, numbers={**numbers, "tempo": SLOW_TEMPO}
        )
        return
    _harder_or_add_on(ctx, state, exercise, kind, rng[1], numbers)


def _load_step(
    ctx: _Context,
    state: _RepState,
    exercise: Exercise,
    kind: LoadKind,
    rng: tuple[int, int],
    numbers: dict[str, float | int | str | None],
    *,
    double: bool,
) -> bool:
    """R18/R18a/R18b: the next load up (two up after two "too easy" sessions when
    ``double``) at the most reps whose effort step is within bounds; False when no load
    step fits, even with 6 reps."""
    done = state.load_kg
    assert done is not None
    bottom, top = rng
    for new, lim, kind_of in _load_tries(ctx, done, kind, exercise.is_upper_body, double):
        reps = _reps_for_step(new, done, rng, lim, kind)
        if reps is None:
            continue
        state.load_kg = new
        state.reps = reps
        state.tempo = False
        state.end_mixed_loads()
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
        return True
    return False


def _load_tries(
    ctx: _Context, done: float, kind: LoadKind, upper: bool, double: bool
) -> list[tuple[float, float, DecisionKind]]:
    """The load steps to try, first choice first: (load, the bound of its effort step,
    the decision): two loads up when ``double`` (R18b), then the next load up (R18)."""
    up = next_load_up(done, kind, ctx.equipment, units=ctx.units)
    tries: list[tuple[float, float, DecisionKind]] = []
    if up is not None and double:
        up2 = next_load_up(up, kind, ctx.equipment, units=ctx.units)
        if up2 is not None:
            dlimit = R18B_DOUBLE_STEP_PCT_UPPER if upper else R18B_DOUBLE_STEP_PCT_LOWER
            tries.append((up2, dlimit, DecisionKind.DOUBLE_STEP))
    if up is not None:
        limit = R18_MAX_STEP_PCT_UPPER if upper else R18_MAX_STEP_PCT_LOWER
        tries.append((up, limit, DecisionKind.LOAD_UP))
    return tries


def _harder_or_add_on(
    ctx: _Context,
    state: _RepState,
    exercise: Exercise,
    kind: LoadKind,
    top: int,
    numbers: dict[str, float | int | str | None],
) -> None:
    """R18a's last rungs: the next harder variation she may do, and an add-on weight (the
    smallest step of her equipment) when the lift is loaded and one exists."""
    done = state.load_kg
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
        state.end_mixed_loads()
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


def _mixed_one_step_above(
    ctx: _Context, state: _RepState, kind: LoadKind, load: float | None
) -> None:
    """R18a: the heavier sets of mixed loads are the next load up from her load (from the
    load she is rebuilding to after a break, R18c: they wait until she is back to it); when
    her load moved so that they no longer are, mixed loads end."""
    if not state.heavier_sets:
        return
    if state.rebuild_to is not None:
        load = state.rebuild_to
    up = next_load_up(load, kind, ctx.equipment, units=ctx.units) if load is not None else None
    if up is None or state.heavier_kg is None or abs(up - state.heavier_kg) > _EPS:
        state.end_mixed_loads()


def _heavier_sets(
    ctx: _Context,
    state: _RepState,
    load: float | None,
    sets: int,
    *,
    held: bool,
    away: int | None,
) -> int:
    """R18a mixed loads: how many of the ``sets`` are at the heavier load (at least one at
    ``load``); none while held for review, after time away or while she rebuilds to her
    load (R18c), in a deload week or when the load is not the replayed one."""
    mixed = (
        not held
        and away is None
        and state.rebuild_to is None
        and ctx.week.phase is not Phase.DELOAD
        and state.heavier_sets > 0
        and state.heavier_kg is not None
        and load is not None
        and state.load_kg is not None
        and abs(load - state.load_kg) <= _EPS
        and state.heavier_kg > load + _EPS
    )
    return min(state.heavier_sets, sets - 1) if mixed else 0
