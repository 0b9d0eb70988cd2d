"""Resistance and posture work with reps: the next prescription from the replayed log, with
deload weeks, the stop-rule review (R32), the 85 % cap (R15, R22a) and the first time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..catalogue import Exercise
from ..program import ProgramItem
from ..programming import FAMILIARISATION_RPE
from ..units import LoadKind, implement_for, round_load_down
from ..vocabulary import Phase
from .context import _Context, _Logged, _pain_review
from .conversion import _convert, _plan_reps
from .decisions import _LOAD_STEPS, Change, Decision, DecisionKind, NextItem, Outcome, WorkingMax
from .double_progression import _SUCCESSES, _RepState, rep_range
from .ladder import _heavier_sets
from .loads import _reps_for_step, _round, next_load_up
from .planned import _base
from .replay import _replay, _resume
from .rules import (
    _EPS,
    DELOAD_MAX_DROP_PCT,
    DELOAD_STEP_PCT,
    INTENSITY_CAP_PCT,
    MIN_RANGE_REPS,
    R18_MAX_STEP_PCT_LOWER,
    R18_MAX_STEP_PCT_UPPER,
    R18A_MAX_SETS,
    R18B_DOUBLE_STEP_PCT_LOWER,
    R18B_DOUBLE_STEP_PCT_UPPER,
    R18C_LONG_BREAK_DAYS,
    SLOW_TEMPO,
)


def _reps(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    """The next prescription of a strength item; R18a's last rung for a lift without a load
    step (body weight, a band): once every other variable is used up, the next harder
    variation she may do takes its place (as a balance progression does; not during an R32
    review, and after a deload week rather than in it), and her later sessions of it carry
    the progression on."""
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
        or ctx.week.phase is Phase.DELOAD  # nothing harder in a deload week: after it
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


@dataclass(slots=True)
class _Draft:
    """The next prescription of a strength item while the rules after the replay apply
    (private and mutable): deload, the R32 review, the cap (R15, R22a)."""

    ref: _Logged
    """Her last session of the exercise outside the program's deload weeks."""
    done_load: float | None
    """Its load (None: not loaded)."""
    success: bool
    """It was a success (R18; "too easy" counts)."""
    prescribed: int
    """The reps prescribed for it."""
    load: float | None
    reps: int
    decision: Decision
    notes: list[Decision] = field(default_factory=list)

    @property
    def reference(self) -> int:
        """The reps the next ones compare with: those she did after a success, else those
        prescribed."""
        return self.ref.reps_at_load if self.success else self.prescribed

    @property
    def held(self) -> bool:
        """An R32 review holds this prescription (its note is among the notes)."""
        return any(n.outcome == "held_for_review" for n in self.notes)

    def hold_for_review(self) -> None:
        """R32: note that the review holds it ("Held until the review"), once."""
        if not self.held:
            self.notes.append(Decision(rule="R32", outcome="held_for_review"))


def _reps_of(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    """The next prescription of a strength item: its logged sessions replayed (R18-R18c),
    brought up to date (:func:`_up_to_date`), lighter in a deload week (R18), held or stepped
    back under a stop-rule review (R32), within the 85 % cap (R15, R22a), with the R22
    re-estimate and a load below her lightest noted; a first time as planned."""
    base = _base(ctx, item)
    loaded = exercise.loadable
    kind = implement_for(exercise.equipment, ctx.owned) if loaded else LoadKind.BODYWEIGHT
    wm = ctx.maxes.get(exercise.id)
    sessions = ctx.sessions.get(exercise.id, ())
    if not sessions:
        return _first_time(ctx, base, exercise, kind, wm)
    assert item.reps is not None
    rng = rep_range(item.reps)
    state = _RepState()
    for logged in sessions:
        _replay(ctx, state, logged, item, exercise, kind)
    away = ctx.away()
    draft = _up_to_date(ctx, state, sessions[-1], rng, base.target_rpe, kind, loaded, away)
    if away is not None and away > R18C_LONG_BREAK_DAYS and base.target_rpe is not None:
        # R18c: after more than four weeks away, a short familiarisation (R14: RPE <= 7).
        base = replace(base, target_rpe=min(base.target_rpe, FAMILIARISATION_RPE))
    if ctx.week.phase is Phase.DELOAD:
        _deload(ctx, draft, kind)
    if ctx.review.needed:
        _under_review(ctx, draft, exercise, kind, rng)
    if wm is not None and draft.load is not None and _capped(ctx, draft, state, wm, kind):
        _reps_for_held_step(ctx, draft, exercise, kind, rng)
    if wm is not None and wm.reestimated_on is not None and loaded:
        draft.notes.append(_reestimated_note(wm))
    if loaded and draft.load is None and draft.done_load is not None:
        draft.notes.append(_below_lightest(ctx, exercise, kind))
    return _next_dose(
        ctx, base, state, draft, kind, loaded=loaded, away=away, last_day=sessions[-1].day
    )


def _up_to_date(
    ctx: _Context,
    state: _RepState,
    last: _Logged,
    rng: tuple[int, int],
    target_rpe: float | None,
    kind: LoadKind,
    loaded: bool,
    away: int | None,
) -> _Draft:
    """The replayed prescription brought up to date: R18c after time away, R18's conversion
    when the plan's targets changed; the reps within the range (down to 6), no more than
    prescribed after a session that did not go well, no more than last time when she is
    back at the same load after time away."""
    bottom, top = rng
    ref = state.session or last
    done_load = ref.load_kg if loaded else None
    success = state.outcome in _SUCCESSES
    prescribed = state.prescribed_reps if state.prescribed_reps is not None else top
    if away is not None:
        _resume(ctx, state, kind, away, rng)
    retargeted = ctx.week.phase is not Phase.DELOAD and (
        state.top != top or state.rpe != target_rpe
    )
    if retargeted:
        _convert(ctx, state, kind, rng, target_rpe)
    load = state.load_kg if loaded else None
    reps = min(max(state.reps if state.reps is not None else top, min(bottom, MIN_RANGE_REPS)), top)
    if not success:  # never more reps after a session that did not go well
        reps = min(reps, prescribed)
    if away is not None and load is not None and done_load is not None and load >= done_load:
        reps = min(reps, ref.reps_at_load)  # back at the same load: no more reps than last time
    return _Draft(
        ref=ref,
        done_load=done_load,
        success=success,
        prescribed=prescribed,
        load=load,
        reps=reps,
        decision=state.decision,
        notes=_plan_reps(state.decision, reps) if retargeted else [],
    )


def _deload(ctx: _Context, draft: _Draft, kind: LoadKind) -> None:
    """R18: a deload week's session is about 10 % lighter (a load that exists) than her next
    load and her last (a step she earned waits: never a load she has not lifted); its note
    says the drop served."""
    basis = draft.load
    if basis is not None and draft.done_load is not None:
        basis = min(basis, draft.done_load)
    lighter = None
    if basis is not None:  # 10 % off, else the next load down; never too far below hers
        far, off = basis * (1 - DELOAD_MAX_DROP_PCT / 100) - _EPS, DELOAD_STEP_PCT / 100
        tries = (_round(ctx, basis * (1 - off), kind), _round(ctx, basis - 2 * _EPS, kind))
        lighter = next((x for x in tries if x is not None and far <= x < basis - _EPS), None)
    if lighter is None or basis is None:  # nothing lighter: her load at most, no more reps
        draft.notes.append(Decision(rule="R18", outcome="deload", numbers={}))
        draft.load = basis
        if basis is not None and draft.done_load is not None and basis >= draft.done_load:
            draft.reps = min(draft.reps, draft.reference)
        return
    # the drop served, as she is told it (to the whole percent, halves up): 10 % rounded to
    # a load she owns can be more (20 -> 15 kg is 25 %)
    drop = int(100 * (basis - lighter) / basis + 0.5)
    step = draft.load is not None and basis < draft.load - _EPS  # earned: after the week
    held = step and ctx.review.needed  # R32: and after the review, so back to her last load
    back = basis if held else draft.load
    numbers: dict[str, float | int | str | None] = {"pct": drop, "back_to_kg": back}
    if step and not held:
        numbers["lighter_than_kg"] = basis  # her last load: the step comes after the week
    draft.notes.append(Decision(rule="R18", outcome="deload", numbers=numbers))
    if held:
        draft.hold_for_review()
    draft.load = lighter


def _under_review(
    ctx: _Context, draft: _Draft, exercise: Exercise, kind: LoadKind, rng: tuple[int, int]
) -> None:
    """R32, while a stop rule is under review: after pain of 5/10 or more on this exercise
    one step back from her last load (held when she has stepped back since the pain, never
    compounded); on any other exercise nothing increases."""
    painful = ctx.review.painful.get(exercise.id)
    done_load = draft.done_load
    pain_load = _pain_load(ctx, exercise.id, painful[1]) if painful is not None else None
    if painful is not None and done_load is not None and done_load < (pain_load or 0) - _EPS:
        # stepped back already since the pain: hold, never compound (a deload week's lighter)
        deload = draft.load is not None and ctx.week.phase is Phase.DELOAD
        draft.load = min(draft.load or 0.0, done_load) if deload else done_load
        draft.reps = min(draft.reps, draft.ref.reps_at_load)
        draft.hold_for_review()
    elif (
        painful is not None
        and done_load is not None
        and (draft.load is None or draft.load >= done_load)
    ):
        draft.load, draft.decision = _pain_review(ctx, painful, done_load, kind)
    elif painful is not None and draft.load is None:
        draft.reps = min(draft.reps, draft.prescribed)
        _, draft.decision = _pain_review(ctx, painful, None, kind)
    elif _is_more(draft.load, done_load, draft.reps, draft.reference) or (
        draft.decision.outcome in (DecisionKind.ADD_SET, DecisionKind.TEMPO, DecisionKind.MIXED)
    ):
        if draft.load is not None and done_load is not None and draft.load > done_load:
            draft.load = done_load
            _reps_for_held_step(ctx, draft, exercise, kind, rng)
        draft.reps = min(draft.reps, draft.reference)
        draft.hold_for_review()


def _pain_load(ctx: _Context, exercise_id: str, day: date) -> float | None:
    """The load of her session of an exercise on ``day`` (the day of the pain), or None."""
    return next(
        (x.load_kg for x in reversed(ctx.sessions.get(exercise_id, ())) if x.day == day), None
    )


def _capped(ctx: _Context, draft: _Draft, state: _RepState, wm: WorkingMax, kind: LoadKind) -> bool:
    """R15/R16: at most the heaviest load at or below 85 % of the working max, except a
    load she holds after a hard session (R18b: a hold, never less) and a load she has
    proven (R22a, :func:`_proven`). True when the cap lowered the load."""
    load, done_load = draft.load, draft.done_load
    assert load is not None
    cap = ctx.cap(wm, kind)
    if done_load is not None and state.outcome is Outcome.HARD:
        # R18b: a hold, never less; also when a change of the plan's rep target converted
        # the held load on top (R18), which a lagging estimate must not cut below it.
        cap = done_load if cap is None else max(cap, done_load)
    elif done_load is not None and draft.success:
        proven = _proven(ctx, draft, state, wm, kind, done_load)
        cap = proven if cap is None else max(cap, proven)
    if cap is None or load > cap + _EPS:
        draft.notes.append(
            Decision(
                rule="R15",
                outcome="capped",
                numbers={"pct": INTENSITY_CAP_PCT, "one_rm_kg": wm.one_rm_kg},
            )
        )
        draft.load = cap
        return True
    return False


def _reps_for_held_step(
    ctx: _Context, draft: _Draft, exercise: Exercise, kind: LoadKind, rng: tuple[int, int]
) -> None:
    """R15/R32 with R18/R18a: a load step the cap or a review cut short keeps the reps of the
    load she is given, not the fewer reps meant for the heavier load: at her own load the
    reps she did there (within the range), on a smaller step its own R18a rep drop. The
    replay judges her next session against the same reps (``replay._step_not_taken``)."""
    load, done = draft.load, draft.done_load
    step = draft.decision.outcome
    if load is None or done is None or ctx.week.phase is Phase.DELOAD or step not in _LOAD_STEPS:
        return
    if load <= done + _EPS:
        draft.reps = max(draft.reps, min(rng[1], draft.reference))
        return
    if step == DecisionKind.DOUBLE_STEP:
        limit = R18B_DOUBLE_STEP_PCT_UPPER if exercise.is_upper_body else R18B_DOUBLE_STEP_PCT_LOWER
    else:
        limit = R18_MAX_STEP_PCT_UPPER if exercise.is_upper_body else R18_MAX_STEP_PCT_LOWER
    reps = _reps_for_step(load, done, rng, limit, kind)
    if reps is not None:
        draft.reps = max(draft.reps, reps)


def _proven(
    ctx: _Context,
    draft: _Draft,
    state: _RepState,
    wm: WorkingMax,
    kind: LoadKind,
    done_load: float,
) -> float:
    """R22a: a load she lifted with every rep at the target effort is within the cap
    whatever the (lagging) estimate says, and after two successes so is one step more than
    an estimate from her own log: prescribing and estimating agree within one equipment
    step. A program's working max holds until re-estimated."""
    # every set of the last session was a success: its heaviest set (R18a mixed loads) is
    # proven too
    proven = max([done_load, *(x.load_kg for x in draft.ref.sets if x.load_kg is not None)])
    if wm.source == "log" and draft.decision.outcome in (*_LOAD_STEPS, DecisionKind.REBUILD):
        proven = next_load_up(done_load, kind, ctx.equipment, units=ctx.units) or proven
    if draft.decision.outcome == DecisionKind.ADD_ON and state.load_kg is not None:
        proven = max(proven, state.load_kg)  # R18a: the add-on is the smallest step
    return proven


def _reestimated_note(wm: WorkingMax) -> Decision:
    """R22: the working max was re-estimated from her log at the last check-point."""
    assert wm.reestimated_on is not None
    return Decision(
        rule="R22",
        outcome="reestimated",
        numbers={
            "on": wm.reestimated_on.isoformat(),
            "one_rm_kg": wm.one_rm_kg,
            "set_date": wm.set_date.isoformat() if wm.set_date else None,
        },
    )


def _below_lightest(ctx: _Context, exercise: Exercise, kind: LoadKind) -> Decision:
    """R18: the load would be below the lightest her equipment has: say the lightest and
    an easier variation."""
    lightest = round_load_down(0.0 + _EPS, kind, ctx.equipment, units=ctx.units)
    easier = exercise.regressions[0] if exercise.regressions else None
    return Decision(
        rule="R18",
        outcome="below_lightest",
        numbers={
            "lightest": lightest.label,
            "easier_id": easier if easier in ctx.catalogue else None,
        },
    )


def _next_dose(
    ctx: _Context,
    base: NextItem,
    state: _RepState,
    draft: _Draft,
    kind: LoadKind,
    *,
    loaded: bool,
    away: int | None,
    last_day: date,
) -> NextItem:
    """The next session's item: R18a's extra sets, slower tempo and mixed loads (none held
    for an R32 review; in a deload week the plan's sets, no new tempo) and its change."""
    held = ctx.review.needed and draft.held
    deload = ctx.week.phase is Phase.DELOAD
    slower = draft.decision.outcome == DecisionKind.TEMPO  # earned now: after a deload week
    sets, last, light = base.sets, draft.ref, held
    if not held and not deload:
        sets = max(base.sets, min(R18A_MAX_SETS, base.sets + state.extra_sets))
    if ctx.review.needed:  # R32: not a set, nor a heavier set, more than she did last time
        sets = min(sets, max(base.sets, len(last.sets)))
        lightest = last.load_kg or 0.0
        light = held or all((s.load_kg or 0.0) <= lightest + _EPS for s in last.sets)
    heavier_sets = _heavier_sets(ctx, state, draft.load, sets, held=light, away=away)
    fresh = ctx.review.needed and not any(  # R32: a slower tempo is never first served in
        state.tempo_day is not None and x.day > state.tempo_day and not ctx.review_on(x.day)
        for x in ctx.sessions.get(base.exercise_id, ())  # a review; one she did goes on
    )
    load, reps, decision = draft.load, draft.reps, draft.decision
    change = _label(load, draft.done_load, reps, draft.reference)
    more = (DecisionKind.ADD_SET, DecisionKind.TEMPO, DecisionKind.MIXED)
    if change is Change.HOLD and not held and not deload and decision.outcome in more:
        change = Change.INCREASE
    if decision.rule == "R32" and decision.outcome == DecisionKind.HOLD and not ctx.review.needed:
        # her last session was held for a review that is over now: its words say so
        decision = replace(decision, numbers={**decision.numbers, "review": "over"})
        change = Change.INCREASE if change is Change.HOLD and sets > len(last.sets) else change
    return replace(
        base,
        sets=sets,
        reps=reps,
        load_kg=load,
        load_display=ctx.display(load, kind) if loaded else None,
        change=change,
        previous_load_kg=draft.done_load,
        last_done=last_day,
        decision=decision,
        # a plan_reps note names the reps served (an R32 hold may have changed them since)
        notes=tuple(
            n for n in draft.notes if n.outcome != "plan_reps" or n.numbers["reps_to"] == reps
        ),
        tempo=SLOW_TEMPO if state.tempo and not fresh and not (deload and slower) else None,
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
