"""The replay of an exercise's logged sessions, oldest first (R18-R18c, R32): conversions
when the plan's targets change, the return after time away, failures and successes."""

from __future__ import annotations

from datetime import timedelta

from ..catalogue import Exercise
from ..program import ProgramItem
from ..units import LoadKind
from .context import _Context, _Logged
from .conversion import _convert
from .decisions import Decision, DecisionKind, Outcome
from .double_progression import _SUCCESSES, _RepState, judge_session, rep_range
from .ladder import _mixed_one_step_above, _progress
from .loads import _round, next_load_up
from .rules import (
    _EPS,
    AWAY_DAYS,
    FAILS_FOR_STEP_BACK,
    LOGGED_LOAD_TOLERANCE_KG,
    MIN_RANGE_REPS,
    R18_SUCCESSES_FOR_LOAD,
    R18A_MAX_SETS,
    R18B_FAIL_RPE,
    R18B_FLOOR_DAYS,
    R18C_LONG_BREAK_DAYS,
    R18C_LONG_BREAK_PCT,
    R18C_PAIN_REBUILD_SESSIONS,
    R18C_RESUME_PCT,
    R18C_RETURN_SESSIONS,
)


def _resume(
    ctx: _Context, state: _RepState, kind: LoadKind, gap: int, rng: tuple[int, int]
) -> None:
    """R18c: back after ``gap`` days away: about 90 % of the last successful load (80 % and a
    short familiarisation after more than four weeks), then back to it over two sessions."""
    last_ok = state.successes[-1][1] if state.successes else state.load_kg
    state.top_streak = state.fail_streak = state.easy_streak = 0
    state.streak_load = None
    state.stepped_back = False
    long_break = gap > R18C_LONG_BREAK_DAYS
    state.reps = rng[1] if long_break else min(max(state.reps or rng[0], rng[0]), rng[1])
    if last_ok is None:
        state.decision = Decision(rule="R18c", outcome=DecisionKind.RESUME, numbers={"days": gap})
        return
    pct = R18C_LONG_BREAK_PCT if long_break else R18C_RESUME_PCT
    wanted = last_ok * pct / 100
    resume = _round(ctx, wanted, kind) or last_ok
    heavier = next_load_up(resume, kind, ctx.equipment, units=ctx.units)
    if heavier is not None and heavier < last_ok - _EPS and heavier - wanted < wanted - resume:
        resume = heavier  # "about 90 %": the nearest load that exists below the last one
    if state.load_kg is not None:
        resume = min(resume, state.load_kg)  # never above what was due before the break
    state.load_kg = resume
    _set_bests_aside(state)
    state.rebuild_to = last_ok if resume < last_ok - _EPS else None
    _mixed_one_step_above(ctx, state, kind, resume)
    state.rebuild_left = R18C_RETURN_SESSIONS * (2 if long_break else 1)
    state.decision = Decision(
        rule="R18c",
        outcome=DecisionKind.RESUME,
        numbers={
            "days": gap,
            "from_kg": last_ok,
            "to_kg": resume,
            "pct": pct,
            "familiarisation": "yes" if long_break else "no",
        },
    )


def _replay(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    baseline: ProgramItem,
    exercise: Exercise,
    kind: LoadKind,
) -> None:
    """Advance the replayed prescription by one logged session (see the package docstring)."""
    if ctx.is_deload(logged.day) and state.session is not None:
        return  # planned deload sessions do not move the progression
    top_t, rpe_t, sets_t = _targets(ctx, logged, baseline, exercise.id)
    rng = rep_range(max(1, top_t or MIN_RANGE_REPS))
    if state.session is not None:
        gap = ctx.gap_before(logged.day)
        if gap is not None and gap >= AWAY_DAYS:
            _resume(ctx, state, kind, gap, rng)
        if state.top != rng[1] or state.rpe != rpe_t:
            _convert(ctx, state, kind, rng, rpe_t)
    state.top, state.rpe = rng[1], rpe_t
    review = ctx.review_on(logged.day)
    prescribed = _step_not_taken(
        state, logged, rng, _prescribed_reps(state, rng, review), review=review
    )
    # R18a's extra sets are not served while a review holds her (R32)
    served_sets = sets_t if review else max(sets_t, min(R18A_MAX_SETS, sets_t + state.extra_sets))
    # R18a: the heavier sets were one step above a load she did not lift that day (the R15
    # cap served less, or she chose another): they end, and the ladder builds anew. Every
    # set at the heavier load is the mixed session, all of it heavy.
    lightest = logged.load_kg
    if lightest is not None and state.heavier_kg is not None:
        lightest = state.load_kg if lightest >= state.heavier_kg - _EPS else lightest
    _mixed_one_step_above(ctx, state, kind, lightest)
    heavier = _heavier(state, logged, rng, prescribed, review=review)
    if heavier and not state.heavier_sets and (logged.load_kg or 0.0) >= heavier[0]:
        prescribed = heavier[1]  # every set heavier than due: the session is at her load
    outcome = judge_session(
        logged.sets,
        prescribed_sets=served_sets,
        prescribed_reps=prescribed,
        target_rpe=rpe_t,
        loaded=exercise.loadable,
        heavier=heavier,
    )
    state.prescribed_reps = prescribed
    state.outcome = outcome
    state.session = logged
    done = logged.load_kg if exercise.loadable else None
    if heavier is not None and done is not None and done >= heavier[0] - _EPS:
        done = min(s.load_kg or 0.0 for s in logged.sets)  # every set heavy: the same
    state.load_kg = done
    state.reps = prescribed
    numbers: dict[str, float | int | str | None] = {
        "load_kg": done,
        "sets": served_sets,
        "reps": prescribed,
        "target_rpe": rpe_t,
        "rpe": logged.max_effort,
        "date": logged.day.isoformat(),
    }
    _decide(ctx, state, logged, exercise, kind, rng, served_sets, numbers, review=review)


def _targets(
    ctx: _Context, logged: _Logged, baseline: ProgramItem, exercise_id: str
) -> tuple[int | None, float | None, int]:
    """(reps, effort, sets) that a logged session is judged against: the plan's for its day
    (the baseline item's reps when that day's has none), or, before every block we know of,
    what she logged."""
    if ctx.program_of(logged.day) is None:
        return logged.min_reps, logged.max_effort, len(logged.sets)
    planned = ctx.item_on(exercise_id, logged.day) or baseline
    return planned.reps or baseline.reps, planned.target_rpe, planned.sets


def _heavier(
    state: _RepState, logged: _Logged, rng: tuple[int, int], prescribed: int, *, review: bool
) -> tuple[float, int] | None:
    """(load, reps) of the session's heavier sets, as :func:`judge_session` takes them, or
    None. R18a mixed loads: the heavier sets asked for, at most the ``prescribed`` reps.
    R18 double progression: sets she chose to lift heavier than the load due (outside an
    R32 review) are judged as a new load is, against the bottom of the range: 8 reps at a
    heavier load is not a failure of 3x10, and she builds up from there instead of being
    stepped back below what she lifted."""
    if state.heavier_sets and state.heavier_kg is not None and state.heavier_reps:
        return state.heavier_kg, min(state.heavier_reps, prescribed)
    due = state.load_kg
    if due is None or review:
        return None
    above = [
        s.load_kg
        for s in logged.sets
        if s.load_kg is not None and s.load_kg > due + LOGGED_LOAD_TOLERANCE_KG
    ]
    return (min(above), min(prescribed, rng[0])) if above else None


def _prescribed_reps(state: _RepState, rng: tuple[int, int], review: bool) -> int:
    """The reps prescribed for the session being replayed: the replayed reps within the
    range (R18a: a rep drop may go down to 6), and no more than last time while a stop rule
    is under review (R32)."""
    bottom, top = rng
    floor_reps = min(bottom, MIN_RANGE_REPS)
    prescribed = min(max(state.reps if state.reps is not None else top, floor_reps), top)
    if review and state.session is not None:  # held until the review (R32): no more reps
        prescribed = min(prescribed, max(floor_reps, state.session.reps_at_load))
    return prescribed


def _step_not_taken(
    state: _RepState, logged: _Logged, rng: tuple[int, int], prescribed: int, *, review: bool
) -> int:
    """R15/R32 with R18: a load step she did not take (the 85 % cap or an R32 review held her
    at her load) was served with the reps she had done there (``resistance``: the capped
    step's and the review's reps). Under a review that held her, a session at that load is
    judged against those reps: a rep missed is a rep missed. Otherwise the replay cannot
    tell the cap from her own choice of a lighter load: a session with those reps is judged
    against them, one with fewer against the step's own reps (never a failure for reps she
    was not asked for)."""
    step = state.decision
    last = state.session
    from_kg = step.numbers.get("from_kg")
    if (
        step.outcome not in (DecisionKind.LOAD_UP, DecisionKind.DOUBLE_STEP)
        or last is None
        or logged.load_kg is None
        or not isinstance(from_kg, int | float)
        or logged.load_kg > from_kg + _EPS
    ):
        return prescribed
    served = min(rng[1], last.reps_at_load)
    if review:
        return max(prescribed, served)
    return served if logged.min_reps >= served > prescribed else prescribed


def _decide(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    exercise: Exercise,
    kind: LoadKind,
    rng: tuple[int, int],
    served_sets: int,
    numbers: dict[str, float | int | str | None],
    *,
    review: bool,
) -> None:
    """The decision after a judged session (``state.outcome``): pain steps back (R18c),
    a painful, partial or unrated session holds (R18), a hard one holds (R18b), a failure
    counts (R18b), a success holds during a review (R32), else it moves on (R18)."""
    outcome = state.outcome
    if outcome not in _SUCCESSES:
        state.top_streak = state.easy_streak = 0
        state.streak_load = None
    if outcome is not Outcome.FAILED:
        state.fail_streak = 0
    if outcome is Outcome.PAIN_REVIEW:
        _pained(ctx, state, logged, kind, numbers)
    elif outcome in (Outcome.PAINFUL, Outcome.PARTIAL, Outcome.UNRATED):
        assert outcome is not None
        state.decision = Decision(
            rule="R18",
            outcome=DecisionKind.HOLD,
            numbers={
                **numbers,
                "why": outcome.value,
                "pain": logged.max_pain,
                "sets_done": len(logged.sets),
            },
        )
    elif outcome is Outcome.HARD:
        state.decision = Decision(rule="R18b", outcome=DecisionKind.HOLD_HARD, numbers=numbers)
        if logged.max_effort is not None:  # a later conversion starts from her real effort
            state.rpe = min(10.0, logged.max_effort)
    elif outcome is Outcome.FAILED:
        _failed(ctx, state, logged, kind, numbers)
    elif review:
        state.decision = Decision(
            rule="R32", outcome=DecisionKind.HOLD, numbers={**numbers, "why": "review"}
        )
    else:
        _succeeded(ctx, state, logged, exercise, kind, rng, served_sets, numbers)


def _pained(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    kind: LoadKind,
    numbers: dict[str, float | int | str | None],
) -> None:
    """R18c: pain of 5/10 or more: one step back, then back to the load she had over
    :data:`R18C_PAIN_REBUILD_SESSIONS` pain-free sessions."""
    done = state.load_kg
    state.load_kg = ctx.step_back(done, kind) if done is not None else None
    state.end_mixed_loads()
    _set_bests_aside(state)
    if done is not None:
        state.rebuild_to = done
        state.rebuild_left = R18C_PAIN_REBUILD_SESSIONS
    state.decision = Decision(
        rule="R18c",
        outcome=DecisionKind.PAIN,
        numbers={**numbers, "pain": logged.max_pain, "to_kg": state.load_kg},
    )


def _failed(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    kind: LoadKind,
    numbers: dict[str, float | int | str | None],
) -> None:
    """R18b: hold after one failure; after two in a row step back once, never below the
    lightest successful load of the last four weeks, never twice without a success."""
    done = state.load_kg
    state.fail_streak += 1
    numbers = {**numbers, "reps_done": ",".join(str(s.reps) for s in logged.sets)}
    if state.fail_streak < FAILS_FOR_STEP_BACK or done is None or state.stepped_back:
        state.decision = Decision(rule="R18b", outcome=DecisionKind.FAILED_ONCE, numbers=numbers)
        return
    state.fail_streak = 0
    since = logged.day - timedelta(days=R18B_FLOOR_DAYS)
    recent = [load for day, load in state.successes if day >= since]
    floor = min(recent) if recent else None
    heavier = state.heavier_kg if state.heavier_sets else None
    state.end_mixed_loads()
    extra: dict[str, float | int | str | None] = {}
    back: float | None
    if (
        heavier is not None
        and heavier > done + _EPS
        and _short_only_at(logged, heavier, state.prescribed_reps or 0)
    ):
        # R18a/R18b: only the heavier sets of mixed loads were missed: one step back is
        # every set at her load again (the heavier sets go; the rest she lifts well).
        from_kg, back, extra = heavier, done, {"heavier_only": "yes"}
    else:
        back = ctx.step_back(done, kind)
        if floor is not None and (back is None or back < floor - _EPS):
            back = floor
        if back is None or back >= done - _EPS:
            state.decision = Decision(
                rule="R18b", outcome=DecisionKind.AT_FLOOR, numbers={**numbers, "floor_kg": floor}
            )
            return
        from_kg = done
        state.load_kg = back
        state.reps = rep_range(state.top or MIN_RANGE_REPS)[0]
    state.stepped_back = True
    state.decision = Decision(
        rule="R18b",
        outcome=DecisionKind.STEP_BACK,
        numbers={**numbers, "from_kg": from_kg, "to_kg": back, "floor_kg": floor, **extra},
    )


def _short_only_at(logged: _Logged, heavier_kg: float, reps: int) -> bool:
    """Every set lighter than ``heavier_kg`` has its ``reps`` below the failure effort
    (R18b): what she missed was at the heavier load."""
    return all(
        s.reps >= reps and (s.effort is None or s.effort < R18B_FAIL_RPE)
        for s in logged.sets
        if s.load_kg is None or s.load_kg < heavier_kg - _EPS
    )


def _succeeded(
    ctx: _Context,
    state: _RepState,
    logged: _Logged,
    exercise: Exercise,
    kind: LoadKind,
    rng: tuple[int, int],
    served_sets: int,
    numbers: dict[str, float | int | str | None],
) -> None:
    """R18: a success (R18b: "too easy" counts) rebuilds towards the load before a break or
    pain (R18c); else one rep more below the top of the range (two after two "too easy"
    sessions), and after two successes in a row at the top the way up (:func:`_progress`)."""
    done = state.load_kg
    state.stepped_back = False
    if done is not None:
        state.successes.append((logged.day, done))
        if state.reps is not None:
            best = state.best_at_reps.get(state.reps, 0.0)
            state.best_at_reps[state.reps] = max(best, done)
    state.easy_streak = state.easy_streak + 1 if state.outcome is Outcome.TOO_EASY else 0
    if state.rebuild_to is not None and done is not None:
        if done >= state.rebuild_to - _EPS:
            _rebuilt(state)
        else:
            _rebuild(ctx, state, done, kind, numbers)
            return
    bottom, top = rng
    reps_done = _reps_done(state, logged)
    carried = state.carry and reps_done >= (state.prescribed_reps or top)
    state.carry = False
    if reps_done < top and not carried:
        step = 2 if state.easy_streak >= 2 else 1
        state.reps = min(top, max(reps_done, state.reps or bottom) + step)
        state.top_streak = 0
        state.streak_load = None
        state.decision = Decision(rule="R18", outcome=DecisionKind.REP_UP, numbers=numbers)
        return
    same = state.streak_load is None or done is None or abs(state.streak_load - done) <= _EPS
    state.top_streak = state.top_streak + 1 if same else 1
    state.streak_load = done
    state.reps = max(reps_done, min(top, state.reps or top)) if carried else top
    double = state.easy_streak >= 2
    if state.top_streak < R18_SUCCESSES_FOR_LOAD and not double:
        state.decision = Decision(rule="R18", outcome=DecisionKind.ONE_MORE, numbers=numbers)
        return
    state.top_streak = 0
    state.streak_load = None
    if reps_done < top:  # carried over a change of rep target: step from what she did
        rng = (reps_done, reps_done)
    _progress(ctx, state, exercise, kind, rng, served_sets, numbers, double=double)


def _rebuild(
    ctx: _Context,
    state: _RepState,
    done: float,
    kind: LoadKind,
    numbers: dict[str, float | int | str | None],
) -> None:
    """R18c: after a success below ``state.rebuild_to`` (the load before time away or pain),
    the next load of the way back: an equal share of what is left over the sessions left,
    at least one equipment step, and the whole way in the last one."""
    rebuild_to = state.rebuild_to
    assert rebuild_to is not None
    left = max(1, state.rebuild_left)
    new = _round(ctx, done + (rebuild_to - done) / left, kind)
    if new is None or new <= done + _EPS:
        new = min(
            rebuild_to,
            next_load_up(done, kind, ctx.equipment, units=ctx.units) or rebuild_to,
        )
    state.rebuild_left = left - 1
    if state.rebuild_left <= 0:
        new = rebuild_to
    state.decision = Decision(
        rule="R18c",
        outcome=DecisionKind.REBUILD,
        numbers={**numbers, "from_kg": done, "to_kg": new, "rebuild_to": rebuild_to},
    )
    if new >= rebuild_to - _EPS:
        _rebuilt(state)
    state.load_kg = new
    state.top_streak = 0


def _set_bests_aside(state: _RepState) -> None:
    """R18c: a break or pain lowers her load on purpose; what she had proven waits until she
    is back to it (:func:`_rebuilt`)."""
    _merge_bests(state.bests_before, state.best_at_reps)
    state.best_at_reps.clear()


def _rebuilt(state: _RepState) -> None:
    """R18c: back to the load before the break or pain: what she had proven counts again."""
    state.rebuild_to = None
    _merge_bests(state.best_at_reps, state.bests_before)
    state.bests_before.clear()


def _merge_bests(into: dict[int, float], bests: dict[int, float]) -> None:
    for reps, kg in bests.items():
        into[reps] = max(into.get(reps, 0.0), kg)


def _reps_done(state: _RepState, logged: _Logged) -> int:
    """The fewest reps of her sets in a session (R18a: the heavier sets of mixed loads
    aside)."""
    return min(
        (
            s.reps
            for s in logged.sets
            if state.heavier_kg is None
            or not state.heavier_sets
            or (s.load_kg or 0) < state.heavier_kg - _EPS
        ),
        default=logged.min_reps,
    )
