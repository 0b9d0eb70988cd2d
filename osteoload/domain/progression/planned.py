"""The planned dose of an item (the starting point of every rule, R17 effort cap) and the
items progressed as planned: warm-ups, mobility, walking, holds and carries."""

from __future__ import annotations

from dataclasses import replace

from ..catalogue import Exercise
from ..program import ProgramItem
from ..programming import RPE_CAP_FIRST_12_WEEKS, RPE_CAP_LATER
from ..units import implement_for
from .context import _Context, _pain_review
from .decisions import Change, Decision, NextItem
from .rules import PAIN_HOLD_AT


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
        next_date=ctx.next_date(item.exercise_id),
    )


def _rpe_cap(ctx: _Context, rpe: float | None) -> float | None:
    """R17: never above RPE 8 in the first 12 weeks, 9 after."""
    if rpe is None:
        return None
    return min(rpe, RPE_CAP_FIRST_12_WEEKS if ctx.week.week <= 12 else RPE_CAP_LATER)


def _as_planned(ctx: _Context, item: ProgramItem, exercise: Exercise | None) -> NextItem:
    """Warm-ups, mobility, walking, holds and carries: the week's plan (a loaded one at
    her last load, one step back after pain under the R32 review, :func:`_pain_review`)."""
    base = _base(ctx, item)
    sessions = ctx.sessions.get(item.exercise_id, ())
    if not sessions:
        return replace(base, decision=Decision(rule="R18", outcome="as_planned"))
    last = sessions[-1]
    decision = Decision(
        rule="R18", outcome="as_planned", numbers={"last_done": last.day.isoformat()}
    )
    notes: tuple[Decision, ...] = ()
    load = last.load_kg if exercise is not None and exercise.loadable else None
    display = base.load_display
    change = Change.HOLD
    previous = load
    if load is not None and exercise is not None:
        kind = implement_for(exercise.equipment, ctx.owned)
        decision = Decision(
            rule="R18",
            outcome="same_load",
            numbers={"load_kg": load, "date": last.day.isoformat()},
        )
        painful = ctx.review.painful.get(exercise.id)
        if painful is not None:
            load, decision = _pain_review(ctx, painful, load, kind)
            change = Change.DECREASE
        display = ctx.display(load, kind)
    elif last.max_pain >= PAIN_HOLD_AT:
        notes = (Decision(rule="R18", outcome="pain_last_time", numbers={"pain": last.max_pain}),)
    return replace(
        base,
        load_kg=load if previous is not None else base.load_kg,
        load_display=display,
        change=change,
        decision=decision,
        notes=notes,
        previous_load_kg=previous,
        last_done=last.day,
    )
