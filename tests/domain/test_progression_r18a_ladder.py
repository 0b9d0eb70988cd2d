"""R18a's ladder when no load she owns is a small enough step, and R18's count across a
change of rep target: a lift she completes never stays the same for more than 3 weeks.

Each simulated client logs every set exactly as the wording layer's dose pre-fills it on
her Today page (:meth:`osteoload.wording.dose.Dose.set_load_kg`), mixed loads included.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from osteoload.domain.logs import SetLog
from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Program, Session, Week
from osteoload.domain.progression import Change, DecisionKind, NextItem
from osteoload.domain.units import lb_to_kg
from osteoload.domain.vocabulary import Phase, ProgramStatus
from osteoload.wording.dose import Dose, dose_of

from .test_progression import (
    CAT,
    PROFILE,
    PROFILE_LB,
    SCREENING,
    START,
    by_id,
    item,
    program,
    run,
    session_days,
    sets,
)

#: How she lifts set ``n`` (from 1) of the dose she is served: (reps, load in kg, RPE).
Lifted = Callable[[NextItem, Dose, int], tuple[int, float | None, float | None]]


def _as_served(nxt: NextItem, plan: Dose, n: int) -> tuple[int, float | None, float | None]:
    """Every set exactly as her Today page pre-fills it, at the target effort."""
    return plan.set_per_set(n) or 0, plan.set_load_kg(n), nxt.target_rpe


def _follow(
    prog: Program,
    lift: str,
    first: list[SetLog],
    sessions: int,
    profile: ClientProfile = PROFILE,
    *,
    lifted: Lifted = _as_served,
    away: Callable[[NextItem], timedelta] | None = None,
) -> list[NextItem]:
    """She logs every set of ``lift`` on each of the next ``sessions`` program days as
    ``lifted`` says (as prescribed at the target effort unless told); after a session,
    ``away`` may send her away for a while. The prescriptions served, in order."""
    history = list(first)
    served: list[NextItem] = []
    day = START + timedelta(days=7)
    for _ in range(sessions):
        day = session_days(1, day)[0]
        answer = run(prog, history, day, profile)
        nxt = next(i for i in answer.items if lift in (i.exercise_id, i.replaces))
        served.append(nxt)
        plan = dose_of(nxt)
        for n in range(1, plan.sets + 1):
            reps, load, rpe = lifted(nxt, plan, n)
            history.append(
                SetLog(date=day, exercise_id=nxt.exercise_id, set=n, reps=reps, load_kg=load,
                       rpe=rpe, pain=0)
            )  # fmt: skip
        day += timedelta(days=1)
        if away is not None:
            day += away(nxt)
    return served


def _shape(nxt: NextItem) -> tuple[object, ...]:
    return (nxt.load_kg, nxt.reps, nxt.sets, nxt.heavier_sets, nxt.heavier_load_kg, nxt.tempo)


@pytest.mark.parametrize(
    ("lift", "load"),
    [
        ("seated_cable_row", 20.0),
        ("lat_pulldown", 20.0),
        ("dumbbell_overhead_press", 4.0),
        ("leg_press", 35.0),
        ("goblet_squat", 16.0),
    ],
)
def test_r18a_coarse_steps_still_progress_and_never_stall_3_weeks(lift: str, load: float):
    """R18a: a 5 kg stack step on a 20 kg upper-body lift (+25 %) or a 1 kg step on a 4 kg
    dumbbell (+25 %): sets, mixed loads, tempo, then a small add-on; never the same load,
    reps and sets for more than 3 weeks (6 sessions at two a week); the load keeps rising."""
    prog = program(item(lift, sets=2, reps=10, target_rpe=8.0), weeks=30)
    first = sets(START, lift, reps=10, load=load, rpe=8.0, n=2)
    served = _follow(prog, lift, first, 50)
    run_length, longest = 1, 1
    for before, after in zip(served, served[1:], strict=False):
        run_length = run_length + 1 if _shape(before) == _shape(after) else 1
        longest = max(longest, run_length)
    assert longest <= 6, [_shape(s) for s in served]
    for s in served:  # mixed loads: the heavier sets are heavier
        assert not s.heavier_sets or (s.heavier_load_kg or 0) > (s.load_kg or 0), _shape(s)
    assert (served[-1].load_kg or 0) > load
    if CAT[lift].is_upper_body:  # +25 %: only the ladder gets her there
        outcomes = {s.decision.outcome for s in served if s.decision is not None}
        assert DecisionKind.ADD_ON in outcomes or DecisionKind.MIXED in outcomes


def test_r18a_add_on_is_a_real_small_step_shown_as_her_load_plus_an_add_on():
    """R18a: the last way up is a 0.5-1 kg add-on, prescribed as a load and shown as one of
    her loads plus the add-on."""
    prog = program(item("seated_cable_row", sets=3, reps=6, target_rpe=8.0), weeks=30)
    first = sets(START, "seated_cable_row", reps=6, load=20.0, rpe=8.0, n=3)
    served = _follow(prog, "seated_cable_row", first, 30)
    add_ons = [s for s in served if s.decision and s.decision.outcome == DecisionKind.ADD_ON]
    assert add_ons, [_shape(s) for s in served]
    step = add_ons[0]
    assert step.decision is not None
    assert step.decision.numbers["add_on_kg"] == 0.5  # upper body, kg client
    assert step.load_kg == pytest.approx(float(step.decision.numbers["from_kg"] or 0) + 0.5)
    assert step.load_display is not None and "add-on" in step.load_display


def test_r18_lb_client_logged_45_lb_bar_steps_to_the_next_plate_pair():
    """R18: a 45 lb bar comes back from storage as 20.41 kg; the next step is 50 lb, not a
    load up of nothing."""
    prog = program(item("back_squat", sets=3, reps=10, target_rpe=8.0), weeks=4)
    d1, d2, d3 = session_days(3)
    history = sets(d1, "back_squat", load=20.41, rpe=8.0) + sets(d2, "back_squat", load=20.41)
    nxt = by_id(run(prog, history, d3, PROFILE_LB), "back_squat")
    assert nxt.load_kg == pytest.approx(lb_to_kg(50.0))
    assert nxt.load_display is not None and "50 lb" in nxt.load_display


def test_r18_a_change_of_rep_target_does_not_reset_the_count():
    """R18: a success at the top of a 6-rep week, then the prescribed reps done in an 8-rep
    week at the same load: two successes, the load goes up."""
    squat6 = item("back_squat", sets=3, reps=6, target_rpe=8.0)
    squat8 = item("back_squat", sets=3, reps=8, target_rpe=8.0)
    weeks = []
    for n, it in enumerate((squat6, squat8, squat8), start=1):
        monday = START + timedelta(weeks=n - 1)
        weeks.append(
            Week(
                week=n,
                phase=Phase.STRENGTH,
                sessions=(Session(day=1, date=monday, kind="resistance", items=(it,), minutes=45),),
                balance_minutes=0,
                impacts=0,
            )
        )
    prog = Program(
        status=ProgramStatus.READY, screening=SCREENING, start=START, weeks=tuple(weeks),
        working_max_kg={},
    )  # fmt: skip
    w1, w2, w3 = (START + timedelta(weeks=k) for k in range(3))
    history = sets(w1, "back_squat", reps=6, load=40.0, rpe=8.0)
    second = by_id(run(prog, history, w2), "back_squat")
    assert second.load_kg == 40.0 and second.reps == 6
    history += sets(w2, "back_squat", reps=6, load=40.0, rpe=8.0)
    third = by_id(run(prog, history, w3), "back_squat")
    assert (third.load_kg or 0) > 40.0 or third.heavier_sets > 0


def test_r18b_one_over_target_holds_even_when_a_lagging_estimate_caps_lower():
    """R18b: every rep done one point over the target holds the load; a working max that
    estimates lower (here from a lighter deload set) never takes the load down (R22a)."""
    prog = program(item("leg_press", sets=3, reps=6, target_rpe=8.0), weeks=4,
                   working_max={"leg_press": 12.9})  # fmt: skip
    d1, d2, d3 = session_days(3)
    history = sets(d1, "leg_press", reps=6, load=15.0, rpe=9.0) + sets(
        d2, "leg_press", reps=6, load=15.0, rpe=9.0
    )
    nxt = by_id(run(prog, history, d3), "leg_press")
    assert nxt.load_kg == 15.0
    assert nxt.decision is not None and nxt.decision.outcome == DecisionKind.HOLD_HARD


def test_r22a_heavier_sets_she_lifted_are_proven_and_not_capped_away():
    """R18a/R22a: once she lifts every set at the heavier load (mixed loads), that load is
    hers, even when a lagging working max would cap it lower: the lift moves on."""
    prog = program(item("leg_press", sets=3, reps=6, target_rpe=8.0), weeks=30,
                   working_max={"leg_press": 41.0})  # fmt: skip
    first = sets(START, "leg_press", reps=6, load=35.0, rpe=8.0, n=3)
    served = _follow(prog, "leg_press", first, 30)
    assert any(s.heavier_sets for s in served), [_shape(s) for s in served]
    assert max(s.load_kg or 0 for s in served) >= 40.0, [_shape(s) for s in served]


def test_r18a_a_body_weight_lift_moves_on_to_its_harder_variation_and_carries_on():
    """R18a: a lift without a load step (a face-down chest lift) goes through sets and tempo,
    then its next harder variation takes its place on her Today page at the plan's dose; her
    sessions of that one carry the progression on (sets, then tempo)."""
    prog = program(item("prone_chest_lift", sets=2, reps=10, target_rpe=None), weeks=30)
    first = sets(START, "prone_chest_lift", reps=10, load=None, rpe=None, n=2)
    served = _follow(prog, "prone_chest_lift", first, 16)
    moved = [s for s in served if s.exercise_id == "prone_opposite_arm_leg_lift"]
    assert moved, [(s.exercise_id, _shape(s)) for s in served]
    assert moved[0].replaces == "prone_chest_lift" and moved[0].tempo is None
    assert (moved[0].sets, moved[0].reps) == (2, 10)
    assert all(s.decision and s.decision.outcome != DecisionKind.FAILED_ONCE for s in moved)
    assert any(s.sets == 3 for s in moved) and any(s.tempo for s in moved)


def test_r18a_r18_a_harder_variation_earned_comes_after_the_deload_week():
    """R18 deload weeks with R18a's last rung: a face-down chest lift done as served (two
    sessions in week 1) earns its harder variation for week 4, a deload week here: it is
    not served in that week (nothing harder than her last session), her words say it comes
    after the lighter week, and the week after it takes its place (found by the deload
    property: a wall squat hold served in a deload week)."""
    lift = "prone_chest_lift"
    first = [
        *sets(START, lift, reps=10, load=None, rpe=None, n=2),
        *sets(START + timedelta(days=3), lift, reps=10, load=None, rpe=None, n=2),
    ]
    prog = program(item(lift, sets=2, reps=10, target_rpe=None), weeks=30, deload=(4,))
    served = _follow(prog, lift, first, 8)
    deload_week = served[4:6]  # Monday and Thursday of week 4
    assert [s.next_date for s in deload_week] == [START + timedelta(days=d) for d in (21, 24)]
    for s in deload_week:
        assert s.exercise_id == lift and s.change is not Change.INCREASE, s.reason
        assert (
            "at the slow tempo: a harder version (Face-down opposite arm and leg lift) "
            "comes after this lighter week (R18a)." in s.reason
        ), s.reason
    assert served[6].exercise_id == "prone_opposite_arm_leg_lift"
    assert served[6].replaces == lift and served[6].change is Change.INCREASE


class _MissesTwice:
    """Once mixed loads are served she misses a rep on two sessions, at RPE 10: on the
    heavier sets only (``miss="heavier"``) or on every set (``miss="all"``). With
    ``away_after`` she instead lifts everything and is away three weeks after that many
    sessions with heavier sets. Use :meth:`lifted` and :meth:`away` with :func:`_follow`."""

    def __init__(self, miss: str, away_after: int | None = None) -> None:
        self.miss, self.away_after = miss, away_after
        self.misses = self.mixed_seen = 0
        self.missing = False

    def lifted(self, nxt: NextItem, plan: Dose, n: int) -> tuple[int, float | None, float | None]:
        if n == 1:  # a new session
            self.mixed_seen += bool(nxt.heavier_sets)
            self.missing = self.away_after is None and self.misses < 2 and bool(nxt.heavier_sets)
            self.misses += self.missing
        load = plan.set_load_kg(n)
        heavy = (load or 0) > (nxt.load_kg or 0)
        short = self.missing and (heavy or self.miss == "all")
        reps = (plan.set_per_set(n) or 0) - (1 if short else 0)
        return reps, load, 10.0 if short else nxt.target_rpe

    def away(self, nxt: NextItem) -> timedelta:
        if self.away_after is not None and self.mixed_seen == self.away_after:
            self.away_after = None
            return timedelta(weeks=3)
        return timedelta()


def _follow_and_miss(
    prog: Program,
    lift: str,
    first: list[SetLog],
    sessions: int,
    *,
    miss: str,
    away_after: int | None = None,
) -> list[NextItem]:
    """:func:`_follow` with :class:`_MissesTwice`."""
    she = _MissesTwice(miss, away_after)
    return _follow(prog, lift, first, sessions, lifted=she.lifted, away=she.away)


def _after_two_misses(served: list[NextItem]) -> NextItem:
    mixed = [i for i, s in enumerate(served) if s.heavier_sets]
    assert len(mixed) >= 2, [_shape(s) for s in served]
    return served[mixed[1] + 1]


def test_r18b_missing_only_the_heavier_sets_twice_drops_them_and_keeps_her_load():
    """R18a/R18b: mixed loads put one set a 5 kg stack step up (35 -> 40 kg); she misses a
    rep on that set twice while lifting her other sets well. One step back is every set at
    35 kg again, not a lighter load under a heavier set she has just missed twice."""
    prog = program(item("leg_press", sets=3, reps=6, target_rpe=8.0), weeks=30)
    first = sets(START, "leg_press", reps=6, load=35.0, rpe=8.0, n=3)
    served = _follow_and_miss(prog, "leg_press", first, 14, miss="heavier")
    after = _after_two_misses(served)
    assert (after.load_kg, after.heavier_sets, after.heavier_load_kg) == (35.0, 0, None)
    assert after.decision is not None and after.decision.outcome == DecisionKind.STEP_BACK
    assert (after.decision.numbers["from_kg"], after.decision.numbers["to_kg"]) == (40.0, 35.0)
    later = served[served.index(after) :]
    assert min(s.load_kg or 0 for s in later) >= 35.0, [_shape(s) for s in later]
    assert any(s.heavier_sets or (s.load_kg or 0) > 35.0 for s in later[1:]), (
        "after the step back a success builds the ladder again"
    )


def test_r18b_when_her_load_is_lowered_the_heavier_sets_follow_it():
    """R18a/R18b/R15: she misses a rep on every set (35 kg and one set at 40 kg): her new
    estimate caps the load lower (30 kg). The heavier set is then the next step above 30 kg,
    never the 40 kg above the load she has left."""
    prog = program(item("leg_press", sets=3, reps=6, target_rpe=8.0), weeks=30)
    first = sets(START, "leg_press", reps=6, load=35.0, rpe=8.0, n=3)
    served = _follow_and_miss(prog, "leg_press", first, 14, miss="all")
    assert min(s.load_kg or 0 for s in served) < 35.0, [_shape(s) for s in served]
    mixed = [s for s in served if s.heavier_sets]
    assert mixed, [_shape(s) for s in served]
    for s in mixed:  # the 5 kg stack: one step up
        assert s.heavier_load_kg == (s.load_kg or 0) + 5.0, [_shape(x) for x in served]


def test_r18c_back_from_a_break_the_heavier_sets_wait_until_she_is_back_to_her_load():
    """R18c/R18a: back after three weeks away she restarts at about 90 % of her load (30 of
    35 kg) and builds back; the heavier sets of mixed loads (40 kg) are not served on top of
    the lighter load, and come back, still one step up, once she is back to 35 kg."""
    prog = program(item("leg_press", sets=3, reps=6, target_rpe=8.0), weeks=30)
    first = sets(START, "leg_press", reps=6, load=35.0, rpe=8.0, n=3)
    served = _follow_and_miss(prog, "leg_press", first, 16, miss="", away_after=1)
    back = next(i for i, s in enumerate(served) if s.decision and s.decision.outcome == "resume")
    assert (served[back].load_kg or 0) < 35.0, _shape(served[back])
    after = served[back:]
    for s in after:
        if (s.load_kg or 0) < 35.0:
            assert s.heavier_sets == 0, [_shape(x) for x in after]
        elif s.heavier_sets:
            assert s.heavier_load_kg == (s.load_kg or 0) + 5.0, [_shape(x) for x in after]
    assert any(s.heavier_sets or (s.load_kg or 0) > 35.0 for s in after), (
        "back to her load, the ladder carries on"
    )


def test_r18a_every_set_at_the_heavier_load_counts_as_the_mixed_session_done():
    """R18a: served 3 x 10 at 20 kg with one set of 6 at 25 kg, she lifts every set at
    25 kg for 6 reps: a success at 25 kg (judged by the heavier sets' reps), not a failure
    to reach 10 reps."""
    prog = program(item("seated_cable_row", sets=3, reps=10, target_rpe=8.0), weeks=30)
    first = sets(START, "seated_cable_row", reps=10, load=20.0, rpe=8.0, n=3)

    def all_heavy(nxt: NextItem, plan: Dose, n: int) -> tuple[int, float | None, float | None]:
        if nxt.heavier_sets:  # every set at the heavier load, for the heavier sets' reps
            return nxt.heavier_reps or 0, nxt.heavier_load_kg, 8.0
        return plan.set_per_set(n) or 0, plan.set_load_kg(n), 8.0

    served = _follow(prog, "seated_cable_row", first, 20, lifted=all_heavy)
    heavy = next((i for i, s in enumerate(served) if s.heavier_sets), None)
    assert heavy is not None and heavy + 1 < len(served), "mixed loads were served"
    after = served[heavy + 1]
    assert after.load_kg == 25.0, _shape(after)
    assert after.decision is not None and after.decision.outcome != DecisionKind.FAILED_ONCE
