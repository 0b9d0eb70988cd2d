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
from .decisions import Change, Decision, NextItem
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
                reason=f"First time: {sets * reps} impacts to start (a new drill starts at "
                f"{IMPACT_NEW_DRILL_MAX} or fewer, R10a).",
                decision=Decision(rule="R10a", outcome="new_drill",
                                  numbers={"impacts": sets * reps}),
            )  # fmt: skip
        return replace(base, reason="First time: as planned for this week.")
    target: int | None = None
    prescribed = item.impacts
    reason = ""
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
            reason = f"{target} impacts: pain {pain}/10 on {day}; only after a review (R32)."
        elif done >= prescribed and pain == 0:
            week_ok = raised_on is None or (logged.day - raised_on).days >= 7
            target = min(IMPACT_CEILING, prescribed + (IMPACT_STEP_PER_WEEK if week_ok else 0))
            if target > prescribed:
                raised_on = logged.day
            reason = (
                f"+{target - prescribed} impacts: all {prescribed} done without pain on {day} "
                "(at most +5 a week, R10a)."
                if target > prescribed
                else f"All {done} done without pain on {day}: at the target of "
                f"{IMPACT_CEILING} a session (R10)."
                if target >= IMPACT_CEILING
                else f"All {done} done without pain on {day}: same again this week; impacts "
                "rise once a week (R10a)."
            )
        else:
            target = prescribed
            why = f"pain {pain}/10" if pain else f"{done} of {prescribed} done"
            reason = (
                f"{why[0].upper()}{why[1:]} on {day}: same again (impacts build only on "
                "pain-free sessions, R10)."
            )
    assert target is not None
    last = sessions[-1]
    impacts = target
    away = ctx.away()
    if away is not None:
        impacts = max(IMPACT_FLOOR, min(target, prescribed) - IMPACT_STEP_BACK)
        reason = f"Nothing logged for {away} days: {impacts} impacts to start back."
    if ctx.week.phase is Phase.DELOAD and item.impacts < impacts:
        impacts = item.impacts
        reason = f"Planned deload week: {impacts} impacts, then back to {target}."
    if ctx.review.needed and impacts > prescribed:
        impacts = prescribed
        reason = f"Held until the review (R32): no increases. ({reason})"
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
        reason=reason,
        last_done=last.day,
        decision=Decision(
            rule="R32" if ctx.review.needed else "R10a",
            outcome=change.value,
            numbers={"impacts": impacts, "previous": prescribed, "away_days": away},
        ),
    )
