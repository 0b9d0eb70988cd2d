"""R18: a change of the plan's rep or effort target converts her load by effort (the %1RM
chart), never below a load she has proven at those reps, nor down to a coarse step further
from the converted load than her own (then her load stays with her reps); when her load
stays, the conversion is still the decision her reason gives."""

from __future__ import annotations

from ..units import LoadKind
from .context import _Context
from .decisions import Decision, DecisionKind
from .double_progression import _RepState
from .ladder import _mixed_one_step_above
from .loads import _effort_ratio, _round
from .rules import _EPS


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
        _same_load(state, old_reps, old_rpe)  # nothing to convert by effort
        return
    if new_reps == old_reps and old_rpe == rpe:
        return
    target = state.load_kg * _effort_ratio(new_reps, rpe) / _effort_ratio(old_reps, old_rpe)
    new = _round(ctx, target, kind)
    if (
        new is not None
        and new_reps > old_reps
        and new < state.load_kg - _EPS
        and state.load_kg - target < target - new
    ):
        # Coarse equipment: the load below is further from the converted one than hers
        # (20 kg x 9 -> 10 reps is about 19.2 kg; the stack's next down, 15 kg): her load
        # stays with her reps, below the new range, and she builds them from there.
        state.reps = old_reps
        return
    if new is None or abs(new - state.load_kg) <= _EPS:
        _same_load(state, old_reps, old_rpe)
        return
    if new < state.load_kg and new_reps <= old_reps:
        # a lower effort target alone never lowers a load she lifts well (R18, R22a)
        _same_load(state, old_reps, old_rpe)
        return
    new = max(new, _proven_at(state, new_reps))
    if abs(new - state.load_kg) <= _EPS:
        _same_load(state, old_reps, old_rpe)
        return
    state.decision = _converted(state, new, old_reps, old_rpe)
    if state.rebuild_to is not None:
        state.rebuild_to = _round(ctx, state.rebuild_to * new / state.load_kg, kind)
    state.load_kg = new
    _mixed_one_step_above(ctx, state, kind, new)


#: Decisions whose words name her reps: a change of the plan's rep target at the same load
#: makes them untrue ("+1 rep ... 6 reps next" after 3 x 7), so the conversion replaces them.
_SAYS_THE_REPS = frozenset({DecisionKind.REP_UP, DecisionKind.CONVERT})


def _same_load(state: _RepState, old_reps: int, old_rpe: float | None) -> None:
    """R18: the plan's targets changed and her load stays (the converted load rounds to it,
    a lower effort target alone would lower it, or there is no load or effort to convert
    by): when her reps change with them, the conversion is the decision, at the same load,
    in place of one that words her reps."""
    if state.reps != old_reps and state.decision.outcome in _SAYS_THE_REPS:
        state.decision = _converted(state, state.load_kg, old_reps, old_rpe)


def _converted(
    state: _RepState, to_kg: float | None, old_reps: int, old_rpe: float | None
) -> Decision:
    """The R18 conversion of her load (``state``, before it changes) to ``to_kg`` for the
    plan's new targets (``state.reps`` at ``state.rpe``)."""
    return Decision(
        rule="R18",
        outcome=DecisionKind.CONVERT,
        numbers={
            "from_kg": state.load_kg,
            "to_kg": to_kg,
            "reps_from": old_reps,
            "reps_to": state.reps,
            "rpe_from": old_rpe,
            "rpe_to": state.rpe,
        },
    )


def _proven_at(state: _RepState, reps: int) -> float:
    """R18, R22a: the heaviest load she succeeded with at ``reps`` or more reps (0 if none),
    unless she is rebuilding after a break or pain (R18c), when the rebuild decides."""
    if state.rebuild_to is not None or state.stepped_back:
        return 0.0
    return max((kg for r, kg in state.best_at_reps.items() if r >= reps), default=0.0)


def _plan_reps(decision: Decision, reps: int) -> list[Decision]:
    """R18: the plan's rep target changed at her load and the decision's own words name
    other reps ("same again" after 3 x 8, "7 reps at the new load"): a note says the new
    reps. A rep added or a conversion words the new reps itself."""
    said = decision.numbers.get(
        "reps_to"
        if decision.outcome in (DecisionKind.LOAD_UP, DecisionKind.DOUBLE_STEP)
        else "reps"
    )
    if decision.outcome in _SAYS_THE_REPS or not isinstance(said, int) or said == reps:
        return []
    return [Decision(rule="R18", outcome="plan_reps", numbers={"reps_from": said, "reps_to": reps})]
