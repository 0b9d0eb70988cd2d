"""Impact work (R10, R10a): impacts per session up by 5 at most once a week, held or
stepped back after pain or time away."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..catalogue import Exercise
from ..program import ProgramItem, split_impacts
from ..stop_rules import R32_PAIN_REVIEW_AT
from ..vocabulary import Phase
from .context import _Context, _Logged
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
    """R10/R10a: the impacts of her next session from her sessions of the drill, replayed
    oldest first; stepped back after time away, lighter in a deload week, never more while
    a stop rule (R32) is under review and stepped back after pain on the drill."""
    base = _base(ctx, item)
    sessions = ctx.sessions.get(exercise.id, ())
    if not sessions or item.impacts is None:
        return _impact_new(base, item)
    target, prescribed, said = _impact_replay(ctx, item, exercise, sessions)
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
    impacts, notes = _impact_review(ctx, exercise, impacts, prescribed)
    change = _impact_change(impacts, prescribed)  # before the split into sets rounds it
    sets, reps = split_impacts(impacts)
    impacts = sets * reps
    return replace(
        base,
        sets=sets,
        reps=reps,
        impacts=impacts,
        change=change,
        last_done=sessions[-1].day,
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


def _impact_new(base: NextItem, item: ProgramItem) -> NextItem:
    """R10a: a drill she has not done yet starts at :data:`IMPACT_NEW_DRILL_MAX` impacts or
    fewer."""
    if item.impacts is not None and item.impacts > IMPACT_NEW_DRILL_MAX:
        sets, reps = split_impacts(IMPACT_NEW_DRILL_MAX)
        return replace(
            base, sets=sets, reps=reps, impacts=sets * reps,
            decision=Decision(rule="R10a", outcome="new_drill",
                              numbers={"impacts": sets * reps, "max": IMPACT_NEW_DRILL_MAX}),
        )  # fmt: skip
    return replace(base, decision=Decision(rule="R10", outcome=DecisionKind.NEW))


def _impact_replay(
    ctx: _Context, item: ProgramItem, exercise: Exercise, sessions: Sequence[_Logged]
) -> tuple[int, int, Decision]:
    """R10/R10a over her logged sessions of the drill, oldest first (deload weeks aside):
    (the impacts for her next session, those prescribed for the last one, the decision)."""
    assert item.impacts is not None
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
        target, said, raised_on = _impact_session(logged, prescribed, raised_on)
    assert target is not None
    return target, prescribed, said


def _impact_session(
    logged: _Logged, prescribed: int, raised_on: date | None
) -> tuple[int, Decision, date | None]:
    """One logged session of a drill against the ``prescribed`` impacts: (the next target,
    the decision, the day the target last went up). Pain of 5/10 or more steps back by
    :data:`IMPACT_STEP_BACK` (R32); every impact done without pain goes up by
    :data:`IMPACT_STEP_PER_WEEK` at most once a week (``raised_on``), up to
    :data:`IMPACT_CEILING` (R10a); otherwise it holds (R10)."""
    done, pain, day = logged.impacts, logged.max_pain, logged.day.isoformat()
    if pain >= R32_PAIN_REVIEW_AT:
        target = max(IMPACT_FLOOR, min(done, prescribed) - IMPACT_STEP_BACK)
        said = Decision(
            rule="R32", outcome="impact_pain", numbers={"to": target, "pain": pain, "date": day}
        )
        return target, said, raised_on
    if done < prescribed or pain != 0:
        said = Decision(
            rule="R10",
            outcome="impact_hold",
            numbers={"pain": pain, "done": done, "from": prescribed, "date": day},
        )
        return prescribed, said, raised_on
    week_ok = raised_on is None or (logged.day - raised_on).days >= 7
    target = min(IMPACT_CEILING, prescribed + (IMPACT_STEP_PER_WEEK if week_ok else 0))
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
    return target, said, logged.day if target > prescribed else raised_on


def _impact_review(
    ctx: _Context, exercise: Exercise, impacts: int, prescribed: int
) -> tuple[int, tuple[Decision, ...]]:
    """R32: while a stop rule is under review the impacts never go up, and after pain of
    5/10 or more on this drill they step back by :data:`IMPACT_STEP_BACK`."""
    notes: tuple[Decision, ...] = ()
    if ctx.review.needed and impacts > prescribed:
        impacts = prescribed
        notes = (Decision(rule="R32", outcome="held_for_review", numbers={"wraps": "yes"}),)
    if exercise.id in ctx.review.painful:
        impacts = min(impacts, max(IMPACT_FLOOR, prescribed - IMPACT_STEP_BACK))
    return impacts, notes


def _impact_change(impacts: int, prescribed: int) -> Change:
    """The next session's impacts against those prescribed last time."""
    if impacts > prescribed:
        return Change.INCREASE
    if impacts < prescribed:
        return Change.DECREASE
    return Change.HOLD
