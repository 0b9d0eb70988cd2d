"""Resistance and posture work with reps: the next prescription from the replayed log, with
deload weeks, the stop-rule review (R32), the 85 % cap (R15, R22a) and the first time."""

from __future__ import annotations

from dataclasses import replace

from ..catalogue import Exercise
from ..program import ProgramItem
from ..programming import FAMILIARISATION_RPE
from ..units import LoadKind, implement_for, round_load_down
from ..vocabulary import Phase
from .context import _Context
from .decisions import Change, Decision, DecisionKind, NextItem, Outcome, WorkingMax
from .double_progression import _SUCCESSES, _RepState, rep_range
from .loads import _round, next_load_up
from .planned import _base
from .replay import _convert, _replay, _resume
from .rules import (
    _EPS,
    DELOAD_STEP_PCT,
    INTENSITY_CAP_PCT,
    MIN_RANGE_REPS,
    R18A_MAX_SETS,
    R18C_LONG_BREAK_DAYS,
    SLOW_TEMPO,
)


def _reps(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    """The next prescription of a strength item; R18a's last rung for a lift without a load
    step (body weight, a band): once every other variable is used up, the next harder
    variation she may do takes its place (as a balance progression does), and her later
    sessions of it carry the progression on."""
    current = _current_variation(ctx, exercise)
    if current is not exercise:
        moved = _reps_of(ctx, replace(item, exercise_id=current.id, name=current.name), current)
        return replace(moved, replaces=exercise.id)
    result = _reps_of(ctx, item, exercise)
    harder = _harder_unloaded(ctx, exercise)
    decision = result.decision
    if (
        harder is None
        or decision is None
        or decision.outcome != DecisionKind.HARDER_VARIATION
        or ctx.review.needed
        or item.reps is None
    ):
        return result
    return replace(
        result,
        exercise_id=harder.id,
        name=harder.name,
        sets=item.sets,  # the harder variation starts at the plan's own dose
        reps=item.reps,
        tempo=None,
        harder_variation=None,
        change=Change.INCREASE,
        replaces=exercise.id,
        decision=Decision(
            rule="R18a",
            outcome=DecisionKind.HARDER_VARIATION,
            numbers={**decision.numbers, "exercise_id": harder.id, "moved": "yes"},
        ),
    )


def _harder_unloaded(ctx: _Context, exercise: Exercise) -> Exercise | None:
    """The first harder variation of ``exercise`` she may do that needs no load, or None."""
    for other in exercise.progressions:
        harder = ctx.catalogue.get(other)
        if (
            harder is not None
            and other in ctx.allowed
            and not harder.loadable
            and harder.component is exercise.component
        ):
            return harder
    return None


def _current_variation(ctx: _Context, exercise: Exercise) -> Exercise:
    """The variation of ``exercise`` she is on: a harder one (R18a) she has logged since she
    last did ``exercise``, and so on up the chain."""
    current = exercise
    for _ in range(4):
        harder = _harder_unloaded(ctx, current)
        if harder is None or not ctx.sessions.get(harder.id):
            return current
        mine = ctx.sessions.get(current.id, ())
        if mine and ctx.sessions[harder.id][-1].day < mine[-1].day:
            return current
        current = harder
    return current


def _reps_of(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    base = _base(ctx, item)
    loaded = exercise.loadable
    kind = implement_for(exercise.equipment, ctx.owned) if loaded else LoadKind.BODYWEIGHT
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
        held = state.outcome is Outcome.HARD and decision.outcome == DecisionKind.HOLD_HARD
        if done_load is not None and held and load <= done_load + _EPS:
            cap = done_load if cap is None else max(cap, done_load)  # R18b: a hold, never less
        elif done_load is not None and success:
            # R22a: a load she lifted with every rep at the target effort is within the cap
            # whatever the (lagging) estimate says, and after two successes so is one step
            # more than an estimate from her own log: prescribing and estimating agree
            # within one equipment step. A program's working max holds until re-estimated.
            # every set of the last session was a success: its heaviest set (R18a mixed
            # loads) is proven too
            proven = max([done_load, *(x.load_kg for x in ref.sets if x.load_kg is not None)])
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
        lightest = round_load_down(0.0 + _EPS, kind, ctx.equipment, units=ctx.units)
        easier = exercise.regressions[0] if exercise.regressions else None
        notes.append(
            Decision(
                rule="R18",
                outcome="below_lightest",
                numbers={
                    "lightest": lightest.label,
                    "easier_id": easier if easier in ctx.catalogue else None,
                },
            )
        )
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
        and state.heavier_kg > load + _EPS
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
    return replace(
        base,
        sets=sets,
        reps=reps,
        load_kg=load,
        load_display=ctx.display(load, kind) if loaded else None,
        change=change,
        previous_load_kg=done_load,
        last_done=last.day,
        decision=decision,
        notes=tuple(notes),
        tempo=tempo,
        harder_variation=state.harder,
        heavier_sets=heavier_sets,
        heavier_load_kg=state.heavier_kg if heavier_sets else None,
        heavier_load_display=ctx.display(state.heavier_kg, kind) if heavier_sets else None,
        heavier_reps=min(state.heavier_reps or reps, reps) if heavier_sets else None,
    )


def _first_time(
    ctx: _Context, base: NextItem, exercise: Exercise, kind: LoadKind, wm: WorkingMax | None
) -> NextItem:
    load = base.load_kg if exercise.loadable else None
    if load is not None and wm is not None:
        cap = ctx.cap(wm, kind)
        if cap is None or load > cap + _EPS:
            load = cap
    decision = Decision(
        rule="R18",
        outcome=DecisionKind.NEW,
        numbers={
            "load_kg": load,
            "loadable": "yes" if exercise.loadable else "no",
            "reps": base.reps,
            "target_rpe": base.target_rpe,
        },
    )
    return replace(
        base,
        load_kg=load,
        load_display=ctx.display(load, kind) if load is not None else None,
        change=Change.NEW,
        decision=decision,
    )


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


def _is_more(load: float | None, done: float | None, reps: int, reference: int) -> bool:
    return _label(load, done, reps, reference) is Change.INCREASE
