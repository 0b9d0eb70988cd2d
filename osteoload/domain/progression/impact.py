"""Impact work (R10, R10a): impacts per session up by 5 at most once a week, held or
stepped back after pain or time away."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..catalogue import Exercise
from ..program import ProgramItem, split_impacts
from ..stop_rules import R32_PAIN_REVIEW_AT
from ..vocabulary import Phase
from .context import _Context
from .decisions import Change, Decision, DecisionKind, NextItem
from .planned import _base
from .rules import (
    AWAY_DAYS,
    IMPACT_CEILING,
    IMPACT_FLOOR,
    IMPACT_NEW_DRILL_MAX,
    IMPACT_STEP_BACK,
    IMPACT_STEP_PER_WEEK,
)


def _impact(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    base = _base(ctx, item)
    sessions = ctx.sessions.get(exercise.id, ())
    if not sessions or item.impacts is None:
        if item.impacts is not None and item.impacts > IMPACT_NEW_DRILL_MAX:
            sets, reps = split_impacts(IMPACT_NEW_DRILL_MAX)
            return replace(
                base, sets=sets, reps=reps, impacts=sets * reps,
                decision=Decision(rule="R10a", outcome="new_drill",
                                  numbers={"impacts": sets * reps, "max": IMPACT_NEW_DRILL_MAX}),
            )  # fmt: skip
        return replace(base, decision=Decision(rule="R10", outcome=DecisionKind.NEW))
    target: int | None = None
    prescribed = item.impacts
    said = Decision(rule="R10", outcome="impact_hold")
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
            said = Decision(
                rule="R32", outcome="impact_pain", numbers={"to": target, "pain": pain, "date": day}
            )
        elif done >= prescribed and pain == 0:
            week_ok = raised_on is None or (logged.day - raised_on).days >= 7
            target = min(IMPACT_CEILING, prescribed + (IMPACT_STEP_PER_WEEK if week_ok else 0))
            if target > prescribed:
                raised_on = logged.day
            said = Decision(
                rule="R10a" if target > prescribed or target < IMPACT_CEILING else "R10",
                outcome=(
                    "impact_up"
                    if target > prescribed
                    else "impact_at_target"
                    if target >= IMPACT_CEILING
                    else "impact_weekly"
                ),
                numbers={
                    "from": prescribed,
                    "to": target,
                    "done": done,
                    "date": day,
                    "ceiling": IMPACT_CEILING,
                },
            )
        else:
            target = prescribed
            said = Decision(
                rule="R10",
                outcome="impact_hold",
                numbers={"pain": pain, "done": done, "from": prescribed, "date": day},
            )
    assert target is not None
    last = sessions[-1]
    impacts = target
    away = ctx.away()
    if away is not None:
        impacts = max(IMPACT_FLOOR, min(target, prescribed) - IMPACT_STEP_BACK)
        said = Decision(rule="R10", outcome="impact_resume", numbers={"days": away, "to": impacts})
    if ctx.week.phase is Phase.DELOAD and item.impacts < impacts:
        impacts = item.impacts
        said = Decision(
            rule="R10a", outcome="impact_deload", numbers={"to": impacts, "back_to": target}
        )
    notes: tuple[Decision, ...] = ()
    if ctx.review.needed and impacts > prescribed:
        impacts = prescribed
        notes = (Decision(rule="R32", outcome="held_for_review", numbers={"wraps": "yes"}),)
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
        last_done=last.day,
        decision=replace(
            said,
            numbers={
                **said.numbers,
                "impacts": impacts,
                "previous": prescribed,
                "away_days": away,
            },
        ),
        notes=notes,
    )
