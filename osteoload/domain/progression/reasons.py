"""The plain-words ``reason`` of a resistance item, worded from its :class:`Decision`.

Kept together so that they can move to the wording layer (``osteoload.wording``) in one
step.
"""

from __future__ import annotations

from ..catalogue import Exercise
from ..units import LoadKind, format_load, round_load_down
from .context import _Context, _Logged, _num
from .decisions import Decision, DecisionKind, Outcome
from .rules import _EPS, SLOW_TEMPO


def _reason(
    ctx: _Context, exercise: Exercise, kind: LoadKind, d: Decision, *, reps: int, sets: int
) -> str:
    """The one place that words a resistance decision (to move to osteoload.wording)."""
    n = d.numbers

    def num(key: str) -> float:
        value = n.get(key)
        return float(value) if isinstance(value, int | float) else 0.0

    def kg(key: str) -> str:
        value = n.get(key)
        return ctx.fmt(float(value)) if isinstance(value, int | float) else "body weight"

    def opt(key: str) -> float | None:
        value = n.get(key)
        return float(value) if isinstance(value, int | float) else None

    scheme = f"{n.get('sets')}x{n.get('reps')}"
    target = opt("target_rpe")
    effort = f" at RPE {target:g} or easier" if target is not None else ""
    day = n.get("date", "")
    o = d.outcome
    too_big = f"All {scheme}{effort}, twice, and the next load up is too big a step for now"
    if o == DecisionKind.REP_UP:
        return (
            f"+1 rep: all {scheme}{effort} on {day}; same load, {reps} reps next "
            "(double progression, R18)."
        )
    if o == DecisionKind.ONE_MORE:
        return f"All {scheme}{effort} once ({day}): one more session like it and it goes up (R18)."
    if o in (DecisionKind.LOAD_UP, DecisionKind.DOUBLE_STEP):
        why = "twice too easy (R18b)" if o == DecisionKind.DOUBLE_STEP else "twice (R18)"
        text = f"{ctx.delta(num('to_kg'), num('from_kg'))}: all {scheme}{effort}, {why}"
        if n.get("reps_to") != n.get("reps_from"):
            text += f"; {n['reps_to']} reps at the new load, then build back to {n['reps_from']}"
            if d.rule == "R18a":
                text += " (the rep drop keeps the step in effort small, R18a)"
        return text + "."
    if o == DecisionKind.ADD_SET:
        return f"{too_big}: {sets} sets instead (R18a)."
    if o == DecisionKind.MIXED:
        return (
            f"{too_big}: the last {n['heavier_sets']} set(s) at {kg('heavier_kg')} x "
            f"{n['heavier_reps']}, the rest as before (mixed loads, R18a)."
        )
    if o == DecisionKind.TEMPO:
        return (
            f"{too_big}: same load, lowered slowly (tempo {SLOW_TEMPO}: 3 s down, 1 s pause, "
            "up; R18a)."
        )
    harder = n.get("exercise_id")
    harder_name = (
        (ctx.catalogue[str(harder)].name if str(harder) in ctx.catalogue else str(harder))
        if harder
        else None
    )
    if o == DecisionKind.HARDER_VARIATION:
        return (
            f"All {scheme}{effort}, twice, at the slow tempo: ready for a harder version "
            f"({harder_name}); ask your coach (R18a)."
        )
    if o == DecisionKind.ADD_ON:
        if n.get("to_kg") is None:
            return (
                f"{too_big}: a small add-on weight (fractional plates, a 0.5-1 kg wrist weight) "
                "would let it go up (R18a)."
            )
        text = (
            f"{ctx.delta(num('to_kg'), num('from_kg'))}: all {scheme}{effort}, twice, at the "
            "slow tempo, and the next load she owns is too big a step: add a small add-on "
            "weight (a wrist weight or fractional plates, R18a)."
        )
        if harder_name:
            text += f" Or, with your coach, the harder version: {harder_name}."
        return text
    if o == DecisionKind.CONVERT:
        return (
            f"The plan moves to {reps} reps at effort {num('rpe_to'):g}: {kg('to_kg')} is the "
            f"same effort as {kg('from_kg')} x {n['reps_from']} at {num('rpe_from'):g} (R18)."
        )
    if o == DecisionKind.HOLD:
        cause = n.get("why")
        if cause == Outcome.PAINFUL:
            return f"Pain {n.get('pain')}/10 on {day}: same again until it settles."
        if cause == "review":
            return f"Same again until the review (R32): done on {day} without pain."
        if cause == Outcome.PARTIAL:
            return (
                f"Only {n.get('sets_done')} of {n.get('sets')} sets on {day}: same again (the "
                "load goes up only after every set is done, R18)."
            )
        return f"No effort (RPE or RIR) logged on {day}: same load until the effort is known (R18)."
    if o == DecisionKind.HOLD_HARD:
        return (
            f"Every rep done on {day} at effort {num('rpe'):g}, above the target of "
            f"{num('target_rpe'):g}: same again (a hold, not a failure, R18b)."
        )
    if o == DecisionKind.FAILED_ONCE:
        return (
            f"{scheme}{effort} not reached on {day} ({n.get('reps_done')} reps, effort "
            f"{n.get('rpe')}): same again (R18b)."
        )
    if o == DecisionKind.STEP_BACK:
        return (
            f"{_pct_text(opt('to_kg'), opt('from_kg'))}: two sessions in a row short of "
            f"{scheme}{effort} (the last on {day}); never below your lightest good load of "
            "the last 4 weeks (R18b)."
        )
    if o == DecisionKind.AT_FLOOR:
        return (
            f"Two sessions in a row short of {scheme}{effort}: same load, already at your "
            "lightest good load of the last 4 weeks or just stepped back (R18b)."
        )
    if o == DecisionKind.RESUME:
        if "from_kg" in n and num("to_kg") >= num("from_kg") - _EPS:
            return (
                f"Nothing logged for {n['days']} days: {kg('to_kg')} is the lightest there is, "
                f"so {reps} reps to start back, then build up again (R18c)."
            )
        if "from_kg" not in n:
            return f"Nothing logged for {n['days']} days: {reps} reps, then build up again (R18c)."
        extra = (
            " with a short familiarisation (effort 7 at most)"
            if n.get("familiarisation") == "yes"
            else ""
        )
        return (
            f"{_pct_text(opt('to_kg'), opt('from_kg'))}: nothing logged for {n['days']} days, "
            f"so start back at about {num('pct'):g} %{extra} and return to {kg('from_kg')} "
            "over the next sessions (R18c)."
        )
    if o == DecisionKind.REBUILD:
        return (
            f"{ctx.delta(num('to_kg'), num('from_kg'))}: rebuilding to {kg('rebuild_to')} "
            "after the break or the pain (R18c)."
        )
    if o == DecisionKind.PAIN:
        return (
            f"{_pct_text(opt('to_kg'), opt('load_kg'))}: pain {n['pain']}/10 on {day}; then "
            "back to the previous load over 2-3 pain-free sessions (R18c, R32)."
        )
    if o == "pain_review":
        if "to_kg" in n:
            return (
                f"{_pct_text(opt('to_kg'), opt('from_kg'))}: pain {n['pain']}/10 on "
                f"{n['date']}; only after the review (R32)."
            )
        return f"Pain {n['pain']}/10 on {n['date']}: only after the review (R32)."
    if o == "held_for_review":
        return "Held until the review (R32): no increases."
    if o == "deload":
        return (
            f"Planned deload week: about {num('pct'):g} % lighter, then back to {kg('back_to_kg')}."
        )
    if o == "capped":
        one_rm = format_load(num("one_rm_kg"), ctx.units, digits=1)
        return f"Capped at {num('pct'):g} % of the working max ({one_rm}, R15)."
    if o == "reestimated":
        one_rm = format_load(num("one_rm_kg"), ctx.units, digits=1)
        return (
            f"Working max re-estimated on {n['on']} from your sets of "
            f"{n['set_date'] or 'the log'}: {one_rm} (R22)."
        )
    if o == "below_lightest":
        lightest = round_load_down(0.0 + _EPS, kind, ctx.equipment, units=ctx.units)
        text = f"{lightest.label[0].upper()}{lightest.label[1:]}."
        if exercise.regressions and exercise.regressions[0] in ctx.catalogue:
            text += f" Easier version: {ctx.catalogue[exercise.regressions[0]].name}."
        return text
    return ""


def _summary(ctx: _Context, logged: _Logged) -> str:
    """``3x10 at 30 kg, effort 8 on 2026-11-09``: one logged session in a few words."""
    text = f"{len(logged.sets)}x{logged.min_reps}"
    if logged.load_kg is not None:
        text += f" at {ctx.fmt(logged.load_kg)}"
    if logged.max_effort is not None:
        text += f", effort {logged.max_effort:g}"
    return f"{text} on {logged.day.isoformat()}"


def _pct_text(new: float | None, old: float | None) -> str:
    if new is None or old is None or old <= 0:
        return "Lighter than the lightest load there is: use the easier version or body weight"
    return f"-{_num((old - new) / old * 100, 1)} %"
