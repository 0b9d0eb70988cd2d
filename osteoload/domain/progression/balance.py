"""Balance work (R23, R23a): on to the next harder balance exercise after two complete
sessions."""

from __future__ import annotations

from dataclasses import replace

from ..catalogue import Catalogue, Exercise
from ..program import ProgramItem
from ..vocabulary import Component
from .context import _Context, _Logged
from .decisions import Change, Decision, DecisionKind, NextItem
from .planned import _base
from .rules import BALANCE_NEW_HOLD_S, BALANCE_NEW_REPS, BALANCE_SESSIONS_TO_PROGRESS, PAIN_HOLD_AT


def _balance(ctx: _Context, item: ProgramItem, exercise: Exercise) -> NextItem:
    """R23/R23a: the balance exercise she is on (the planned one or a harder one of its
    chain she logged last), held until the last two sessions were complete, then the next
    harder one screening and her equipment allow (held during an R32 review)."""
    base = _base(ctx, item)
    current = _balance_current(ctx, exercise)
    if current is None:
        return replace(base, decision=Decision(rule="R23", outcome=DecisionKind.NEW))
    sets, hold_s, reps = _balance_dose(item, current)
    sessions = ctx.sessions[current.id]
    last = sessions[-1]
    recent = sessions[-BALANCE_SESSIONS_TO_PROGRESS:]
    complete = [_balance_complete(s, sets, hold_s, reps) for s in recent]
    dose = {"hold_s": hold_s, "steps": reps if hold_s is None else None}
    now = replace(
        base,
        exercise_id=current.id,
        name=current.name,
        sets=sets,
        hold_s=hold_s,
        reps=reps,
        change=Change.HOLD,
        last_done=last.day,
        replaces=exercise.id if current.id != exercise.id else None,
    )
    if len(recent) < BALANCE_SESSIONS_TO_PROGRESS or not all(complete):
        said = "balance_one_more" if complete[-1] else "balance_hold"
        return replace(
            now,
            decision=Decision(
                rule="R23a", outcome=said, numbers={**dose, "date": last.day.isoformat()}
            ),
        )
    return _balance_harder(ctx, item, current, now, dose)


def _balance_current(ctx: _Context, exercise: Exercise) -> Exercise | None:
    """The exercise of ``exercise``'s balance chain she logged last (the harder one on the
    same day), or None when she has logged none of them."""
    chain = _balance_chain(ctx.catalogue, exercise.id)
    logged_chain = [x for x in chain if ctx.sessions.get(x)]
    if not logged_chain:
        return None
    current_id = max(logged_chain, key=lambda x: (ctx.sessions[x][-1].day, chain.index(x)))
    return ctx.catalogue[current_id]


def _balance_harder(
    ctx: _Context,
    item: ProgramItem,
    current: Exercise,
    now: NextItem,
    dose: dict[str, int | None],
) -> NextItem:
    """R23a: after two complete sessions of ``current`` (``now`` holds it), the easiest
    harder balance exercise she may do, at a new dose; held during an R32 review; the
    hardest one holds."""
    harder = sorted(
        (
            ctx.catalogue[p]
            for p in current.progressions
            if p in ctx.allowed and ctx.catalogue[p].component is Component.BALANCE
        ),
        key=lambda e: (e.level, e.id),
    )
    if ctx.review.needed:
        return replace(now, decision=Decision(rule="R32", outcome="balance_held_for_review"))
    if not harder:
        return replace(
            now,
            decision=Decision(
                rule="R23a",
                outcome="balance_hardest",
                numbers={**dose, "sessions": BALANCE_SESSIONS_TO_PROGRESS},
            ),
        )
    nxt = harder[0]
    n_sets, n_hold, n_reps = _balance_dose(item, nxt)
    return replace(
        now,
        exercise_id=nxt.id,
        name=nxt.name,
        sets=n_sets,
        hold_s=n_hold,
        reps=n_reps,
        change=Change.INCREASE,
        replaces=current.id,
        decision=Decision(
            rule="R23a",
            outcome="harder_exercise",
            numbers={
                **dose,
                "from": current.id,
                "to": nxt.id,
                "sessions": BALANCE_SESSIONS_TO_PROGRESS,
            },
        ),
    )


def _balance_chain(catalogue: Catalogue, start: str, depth: int = 5) -> list[str]:
    """``start`` and the balance exercises reachable through its progressions, nearest first."""
    out = [start]
    frontier = [start]
    for _ in range(depth):
        reached: list[str] = []
        for x in frontier:
            for p in catalogue[x].progressions if x in catalogue else ():
                if p not in out and p in catalogue and catalogue[p].component is Component.BALANCE:
                    out.append(p)
                    reached.append(p)
        frontier = reached
    return out


def _balance_dose(item: ProgramItem, exercise: Exercise) -> tuple[int, int | None, int | None]:
    """(sets, hold_s, reps): the planned dose for the planned exercise; for a harder one,
    holds of at most :data:`BALANCE_NEW_HOLD_S` or walks of :data:`BALANCE_NEW_REPS` steps."""
    if exercise.id == item.exercise_id:
        if exercise.dose == "hold":
            return item.sets, item.hold_s or BALANCE_NEW_HOLD_S, None
        return item.sets, None, item.reps or BALANCE_NEW_REPS
    if exercise.dose == "hold":
        return item.sets, min(item.hold_s or BALANCE_NEW_HOLD_S, BALANCE_NEW_HOLD_S), None
    return item.sets, None, BALANCE_NEW_REPS


def _balance_complete(logged: _Logged, sets: int, hold_s: int | None, reps: int | None) -> bool:
    """Every prescribed hold (or walk) done, without more than mild pain."""
    if logged.max_pain >= PAIN_HOLD_AT:
        return False
    if hold_s is not None:
        done = sum(1 for s in logged.sets if (s.hold_s or 0) >= hold_s)
    else:
        done = sum(1 for s in logged.sets if s.reps >= (reps or 0))
    return done >= sets
