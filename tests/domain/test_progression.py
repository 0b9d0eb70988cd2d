"""The progression engine: rules R10, R15-R18, R22, R23 and R32 on small, hand-built programs.

Programs here are built by hand (two sessions a week, Monday and Thursday) so that each test
controls the prescription exactly; the generator is exercised end to end in the CLI tests.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.data.loader import load_catalogue
from osteoload.domain.logs import SetLog
from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Program, ProgramItem, Screening, Session, Week
from osteoload.domain.progression import (
    DELOAD_MAX_DROP_PCT,
    Change,
    DecisionKind,
    Outcome,
    ProgressStatus,
    _Logged,
    judge_session,
    next_load_up,
    next_prescriptions,
    rep_range,
)
from osteoload.domain.units import LoadKind, implement_for, kg_to_lb, lb_to_kg
from osteoload.domain.vocabulary import (
    BoneCategory,
    FallsRisk,
    ImpactLevel,
    Phase,
    ProgramStatus,
    Sex,
    Symptom,
    Track,
    Units,
)
from osteoload.wording.progression import with_reasons
from tests.depth import examples

CAT = load_catalogue()
START = date(2027, 1, 4)  # a Monday
MON, THU = 0, 3
PROFILE = ClientProfile(age=60, sex=Sex.FEMALE)
PROFILE_LB = ClientProfile(age=60, sex=Sex.FEMALE, units=Units.LB)
SCREENING = Screening(
    status=ProgramStatus.READY,
    bone_category=BoneCategory.LOW_BONE_MASS,
    max_impact=ImpactLevel.MODERATE,
    falls_risk=FallsRisk.LOW,
    track=Track.STANDARD,
    findings=(),
)


def item(exercise_id: str, **dose: object) -> ProgramItem:
    e = CAT[exercise_id]
    fields: dict[str, object] = {"sets": 3, "reps": 10, "target_rpe": 8.0}
    fields.update(dose)
    return ProgramItem(
        exercise_id=e.id,
        name=e.name,
        component=e.component,
        pattern=e.pattern,
        regions=e.regions,
        impact=e.impact,
        tags=e.tags,
        equipment=e.equipment,
        **fields,  # type: ignore[arg-type]
    )


def program(
    *items: ProgramItem,
    weeks: int = 12,
    working_max: dict[str, float] | None = None,
    deload: tuple[int, ...] = (),
) -> Program:
    """The same items every Monday and Thursday; weeks in ``deload`` are deload weeks."""
    built = []
    for n in range(1, weeks + 1):
        monday = START + timedelta(weeks=n - 1)
        sessions = tuple(
            Session(day=d + 1, date=monday + timedelta(days=d), kind="resistance", items=items,
                    minutes=45)
            for d in (MON, THU)
        )  # fmt: skip
        phase = Phase.DELOAD if n in deload else Phase.BUILD
        built.append(Week(week=n, phase=phase, sessions=sessions, balance_minutes=0, impacts=0))
    return Program(
        status=ProgramStatus.READY,
        screening=SCREENING,
        start=START,
        weeks=tuple(built),
        working_max_kg=dict(working_max or {}),
    )


def session_days(n: int, first: date = START) -> list[date]:
    """The first ``n`` program days (Monday, Thursday, ...) from ``first``."""
    days = []
    day = first
    while len(days) < n:
        if day.weekday() in (MON, THU):
            days.append(day)
        day += timedelta(days=1)
    return days


def sets(
    day: date,
    exercise_id: str,
    reps: list[int] | int = 10,
    load: float | None = 60.0,
    *,
    rpe: float | None = 7.5,
    n: int = 3,
    pain: int | None = None,
    symptoms: tuple[Symptom, ...] = (),
    **extra: object,
) -> list[SetLog]:
    reps_list = reps if isinstance(reps, list) else [reps] * n
    return [
        SetLog(
            date=day,
            exercise_id=exercise_id,
            set=k + 1,
            reps=r,
            load_kg=load,
            rpe=rpe,
            pain=pain,
            symptoms=symptoms,
            **extra,  # type: ignore[arg-type]
        )
        for k, r in enumerate(reps_list)
    ]


def run(prog: Program, history: list[SetLog], as_of: date, profile: ClientProfile = PROFILE):
    """The engine's answer with each reason in words (the wording layer's, as the services
    give it)."""
    return with_reasons(
        next_prescriptions(
            prog, history, as_of=as_of, catalogue=CAT, units=profile.units, profile=profile
        ),
        profile.units,
        {k: e.name for k, e in CAT.items()},
    )


def by_id(result, exercise_id: str):
    return next(i for i in result.items if i.exercise_id == exercise_id)


SQUAT = item("back_squat")  # lower body, barbell: 2.5 kg steps
BENCH = item("bench_press")  # upper body, barbell


# --- R18: double progression and load steps -----------------------------------------------------


def test_r18_two_consecutive_successes_increase_by_one_step():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat")
    result = run(program(SQUAT), history, as_of=d2 + timedelta(days=1))
    squat = by_id(result, "back_squat")
    assert squat.change is Change.INCREASE
    assert squat.load_kg == pytest.approx(62.5)
    assert squat.reps == rep_range(10)[0] == 8  # reps back to the bottom of the range
    assert squat.reason.startswith("+2.5 kg: all 3x10 at RPE 8 or easier, twice")
    assert "R18" in squat.reason
    assert result.status is ProgressStatus.READY


def test_r18_one_success_holds():
    (d1,) = session_days(1)
    result = run(program(SQUAT), sets(d1, "back_squat"), as_of=d1 + timedelta(days=1))
    squat = by_id(result, "back_squat")
    assert squat.change is Change.HOLD
    assert squat.load_kg == pytest.approx(60.0)
    assert squat.reps == 10
    assert "one more session like it" in squat.reason


def test_r18_partial_session_holds():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat", n=2)
    squat = by_id(run(program(SQUAT), history, as_of=d2), "back_squat")
    assert squat.change is Change.HOLD
    assert squat.load_kg == pytest.approx(60.0)
    assert "Only 2 of 3 sets" in squat.reason


def test_r18_success_below_the_top_adds_one_rep():
    d1, d2, d3 = session_days(3)
    history = (
        sets(d1, "back_squat")
        + sets(d2, "back_squat")
        + sets(d3, "back_squat", reps=8, load=62.5)  # after the increase: 3x8
    )
    squat = by_id(run(program(SQUAT), history, as_of=d3), "back_squat")
    assert squat.change is Change.INCREASE
    assert squat.load_kg == pytest.approx(62.5)
    assert squat.reps == 9
    assert squat.reason.startswith("+1 rep")


def test_r18_no_effort_logged_holds_a_loaded_lift():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat", rpe=None) + sets(d2, "back_squat", rpe=None)
    squat = by_id(run(program(SQUAT), history, as_of=d2), "back_squat")
    assert squat.change is Change.HOLD
    assert "No effort" in squat.reason


def test_one_failed_session_holds():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat", reps=[10, 8, 7])
    squat = by_id(run(program(SQUAT), history, as_of=d2), "back_squat")
    assert squat.change is Change.HOLD
    assert squat.load_kg == pytest.approx(60.0)
    assert "not reached" in squat.reason


def test_two_failed_sessions_step_back_5_to_10_pct():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat", reps=[10, 9, 8]) + sets(d2, "back_squat", reps=[10, 8, 7])
    squat = by_id(run(program(SQUAT), history, as_of=d2), "back_squat")
    assert squat.change is Change.DECREASE
    assert 0.90 * 60 <= squat.load_kg <= 0.95 * 60
    assert "two sessions in a row" in squat.reason


def test_r18b_every_rep_up_to_1_5_over_target_holds_and_rpe_9_5_fails():
    """R18b (changed by issue 14): effort a point over target with every rep is a hold."""
    d1, d2, d3 = session_days(3)
    history = sets(d1, "back_squat", rpe=9) + sets(d2, "back_squat", rpe=9.5)
    squat = by_id(run(program(SQUAT), history, as_of=d2), "back_squat")
    assert squat.change is Change.HOLD  # a hold, then one failure: no step back yet
    history += sets(d3, "back_squat", rpe=9.5)
    squat = by_id(run(program(SQUAT), history, as_of=d3), "back_squat")
    assert squat.change is Change.DECREASE


def test_r18_a_heavier_load_she_chose_is_judged_from_the_bottom_of_the_range():
    """Served 60 kg x 10, she lifts 65 kg x 8 at the target effort: a new load at the bottom
    of its range, so 65 kg x 9 next, not "3x10 not reached" and, twice, a step back."""
    d1, d2, d3 = session_days(3)
    history = sets(d1, "back_squat") + sets(d2, "back_squat", reps=8, load=65.0, rpe=8.0)
    squat = by_id(run(program(SQUAT), history, as_of=d3), "back_squat")
    assert squat.change is Change.INCREASE
    assert (squat.load_kg, squat.reps) == (pytest.approx(65.0), 9)
    assert squat.reason.startswith("+1 rep: all 3x8 at RPE 8 or easier")
    # one step heavier again, and the bottom of the range: never stepped back below her load
    history += sets(d3, "back_squat", reps=8, load=67.5, rpe=8.0)
    squat = by_id(run(program(SQUAT), history, as_of=d3 + timedelta(days=1)), "back_squat")
    assert (squat.load_kg, squat.reps) == (pytest.approx(67.5), 9)


def test_r18b_fewer_than_the_bottom_at_a_heavier_load_she_chose_is_still_a_failure():
    d1, d2, d3 = session_days(3)
    history = sets(d1, "back_squat") + sets(d2, "back_squat", reps=[8, 7, 6], load=65.0)
    squat = by_id(run(program(SQUAT), history, as_of=d3), "back_squat")
    assert squat.change is Change.HOLD
    assert (squat.load_kg, squat.reps) == (pytest.approx(65.0), 8)
    assert "not reached" in squat.reason


def test_away_14_days_steps_back():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat")
    result = run(program(SQUAT), history, as_of=d2 + timedelta(days=14))
    squat = by_id(result, "back_squat")
    assert squat.change is Change.DECREASE
    assert 0.85 * 60 <= squat.load_kg < 60  # R18c: about 90 %, rounded down to the bar
    assert "nothing logged for 14 days" in squat.reason
    assert any(f.rule == "R18c" and "14 days" in f.message for f in result.findings)  # issue 14


def test_13_days_away_does_not_step_back():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat")
    squat = by_id(run(program(SQUAT), history, as_of=d2 + timedelta(days=13)), "back_squat")
    assert squat.change is Change.INCREASE


def test_r18_upper_body_step_counts_the_rep_drop():
    """40 -> 42.5 kg is +6.25 %, but reps drop 10 -> 8: at the same effort that is -2.3 %."""
    d1, d2 = session_days(2)
    light = sets(d1, "bench_press", load=40) + sets(d2, "bench_press", load=40)
    bench = by_id(run(program(BENCH), light, as_of=d2), "bench_press")
    assert bench.change is Change.INCREASE
    assert bench.load_kg == pytest.approx(42.5)
    assert bench.reps == 8


def test_r18a_5x5_steps_one_bar_step_below_50_kg_and_5_pct_above():
    """R18a (changed by issue 14): a clean 5x5 progresses; below 50 kg one 2.5 kg step."""
    d1, d2 = session_days(2)
    fives = item("bench_press", sets=5, reps=5)
    light = sets(d1, "bench_press", 5, load=40, n=5) + sets(d2, "bench_press", 5, load=40, n=5)
    bench = by_id(run(program(fives), light, as_of=d2), "bench_press")
    assert bench.change is Change.INCREASE  # 40 -> 42.5 kg: +6.25 %, allowed below 50 kg
    assert bench.load_kg == pytest.approx(42.5) and bench.reps == 5
    assert bench.decision is not None and bench.decision.outcome == "load_up"
    heavy = sets(d1, "bench_press", 5, load=100, n=5) + sets(d2, "bench_press", 5, load=100, n=5)
    bench = by_id(run(program(fives), heavy, as_of=d2), "bench_press")
    assert bench.change is Change.INCREASE  # 100 -> 102.5 kg is exactly +2.5 %
    assert bench.load_kg == pytest.approx(102.5)


def test_r18_lower_body_capped_at_5_pct_after_the_rep_drop():
    d1, d2 = session_days(2)
    history = sets(d1, "goblet_squat", load=16) + sets(d2, "goblet_squat", load=16)
    goblet = by_id(run(program(item("goblet_squat")), history, as_of=d2), "goblet_squat")
    assert goblet.change is Change.INCREASE  # 16 -> 18 kg (+12.5 %) with 10 -> 8 reps: +3.5 %
    assert goblet.load_kg == pytest.approx(18.0) and goblet.reps == 8
    kb = "kettlebell_goblet_squat"
    history = sets(d1, kb, load=8) + sets(d2, kb, load=8)
    goblet = by_id(run(program(item(kb)), history, as_of=d2), kb)
    # R18a (changed by issue 14): 8 -> 10 kg is +25 %, but at 6 reps instead of 10 the effort
    # step is about +8 %, within the 10 % a lower-body lift allows.
    assert goblet.change is Change.INCREASE
    assert goblet.load_kg == pytest.approx(10.0) and goblet.reps == 6
    assert goblet.decision is not None and goblet.decision.rule == "R18a"


def test_r18_lb_client_gets_lb_steps():
    deadlift = item("deadlift", reps=6, sets=3)
    d1, d2 = session_days(2)
    load = lb_to_kg(115)
    history = sets(d1, "deadlift", 6, load) + sets(d2, "deadlift", 6, load)
    result = run(program(deadlift), history, as_of=d2, profile=PROFILE_LB)
    lift = by_id(result, "deadlift")
    assert lift.change is Change.INCREASE
    assert kg_to_lb(lift.load_kg) == pytest.approx(120.0)
    assert lift.load_display == "120 lb (45 lb bar + 37.5 lb a side)"
    assert lift.reason.startswith("+5 lb")


def test_next_load_up_is_the_next_load_that_exists():
    assert next_load_up(60, LoadKind.BARBELL, units=Units.KG) == pytest.approx(62.5)
    assert next_load_up(10, LoadKind.DUMBBELL, units=Units.KG) == pytest.approx(12)
    assert next_load_up(9, LoadKind.DUMBBELL, units=Units.KG) == pytest.approx(10)
    assert next_load_up(16, LoadKind.KETTLEBELL, units=Units.KG) == pytest.approx(20)
    assert next_load_up(150, LoadKind.MACHINE, units=Units.KG) is None  # top of the stack
    assert next_load_up(5, LoadKind.BODYWEIGHT, units=Units.KG) is None
    assert kg_to_lb(next_load_up(lb_to_kg(25), LoadKind.DUMBBELL, units=Units.LB)) == (
        pytest.approx(30)
    )


# --- R15/R16 and R17: caps ----------------------------------------------------------------------


def test_r15_load_never_above_85_pct_of_the_working_max():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat", load=57.5) + sets(d2, "back_squat", load=57.5)
    result = run(program(SQUAT, working_max={"back_squat": 70.0}), history, as_of=d2)
    squat = by_id(result, "back_squat")
    assert squat.load_kg <= 0.85 * 70  # 60 kg would be 85.7 %
    assert squat.load_kg == pytest.approx(57.5)
    assert squat.change is Change.HOLD
    assert "85 % of the working max" in squat.reason


def test_r17_target_rpe_never_above_the_cap():
    hard = item("back_squat", target_rpe=9.5)
    result = run(program(hard), [], as_of=START)
    assert by_id(result, "back_squat").target_rpe == 8.0  # weeks 1-12: RPE <= 8


# --- R22: working max re-estimated every four weeks --------------------------------------------


def test_r22_working_max_is_re_estimated_after_four_weeks():
    days = session_days(8)
    history = [s for d in days for s in sets(d, "back_squat", 8, 60, rpe=8)]
    as_of = START + timedelta(days=29)
    result = run(program(SQUAT, working_max={"back_squat": 50.0}), history, as_of=as_of)
    wm = next(w for w in result.working_maxes if w.exercise_id == "back_squat")
    assert wm.reestimated_on == START + timedelta(days=28)
    assert wm.source == "log"
    assert wm.one_rm_kg > 50
    assert any(f.rule == "R22" for f in result.findings)
    assert "re-estimated" in by_id(result, "back_squat").reason


def test_r22_before_four_weeks_the_program_working_max_stands():
    days = session_days(4)
    history = [s for d in days for s in sets(d, "back_squat", 8, 60, rpe=8)]
    result = run(program(SQUAT, working_max={"back_squat": 80.0}), history, as_of=days[-1])
    assert result.working_max_kg["back_squat"] == 80.0


# --- R32: stop rules -------------------------------------------------------------------------


def _two_good_sessions_and(extra: list[SetLog], last: date) -> tuple[Program, list[SetLog]]:
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat")
    history += sets(d1, "bench_press", load=100) + sets(d2, "bench_press", load=100)
    return program(SQUAT, BENCH, item("goblet_squat")), history + extra


def test_r32_pain_5_needs_review_and_no_increase_anywhere():
    d1, d2 = session_days(2)
    prog, history = _two_good_sessions_and(sets(d2, "goblet_squat", load=12, pain=5), d2)
    result = run(prog, history, as_of=d2)
    assert result.status is ProgressStatus.NEEDS_REVIEW
    assert {i.change for i in result.items} <= {Change.HOLD, Change.DECREASE}
    assert by_id(result, "back_squat").load_kg == pytest.approx(60)
    assert by_id(result, "goblet_squat").change is Change.DECREASE
    findings = [f for f in result.findings if f.rule == "R32"]
    assert findings and findings[0].severity.value == "must"
    assert "Pain of 5/10" in findings[0].message


def test_r32_r18_a_step_held_for_review_keeps_her_reps_at_her_load():
    """Two successes at the top earn +2.5 kg at 8 reps; pain on another lift holds the step
    (R32), and she is served her own load for the 10 reps she did there, not 8 (R18)."""
    d1, d2 = session_days(2)
    prog, history = _two_good_sessions_and(sets(d2, "goblet_squat", load=12, pain=5), d2)
    squat = by_id(run(prog, history, as_of=d2), "back_squat")
    assert (squat.load_kg, squat.sets, squat.reps) == (pytest.approx(60), 3, 10)
    assert squat.change is Change.HOLD
    assert squat.reason.startswith("All 3x10 at RPE 8 or easier, twice (R18): ready for +2.5 kg.")
    assert "Held until the review (R32)" in squat.reason


def test_r32_r18_a_held_step_keeps_her_reps_within_the_weeks_range():
    """60 kg x 12 twice in a week of 10 earns a step; held by the review, she is served her
    load for the week's 10 reps at most (R18's range), not the 12 she chose to do."""
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat", reps=12) + sets(d2, "back_squat", reps=12)
    history += sets(d2, "goblet_squat", load=12, pain=5)
    squat = by_id(run(program(SQUAT, item("goblet_squat")), history, as_of=d2), "back_squat")
    assert (squat.load_kg, squat.reps) == (pytest.approx(60), 10)
    assert "Held until the review (R32)" in squat.reason


@pytest.mark.parametrize("review", [False, True], ids=["no review", "under review"])
def test_r18_a_deload_week_after_a_step_is_lighter_than_her_last_load(review):
    """Dumbbell RDL 8 kg x 12 twice "too easy" earns 10 kg (R18b double step); the next
    session falls in a deload week: about 10 % lighter than the 8 kg she lifted (7 kg),
    never 9 kg (10 % off a step she has not lifted), nor her full 8 kg x 12 when a review
    holds the step (R32); the words say the step waits for the week after, or, under the
    review, that she goes back to her 8 kg and the review holds the step (they promised
    10 kg, which the review then did not serve)."""
    rdl = "dumbbell_romanian_deadlift"
    d1, d2 = session_days(2)
    history = sets(d1, rdl, reps=12, load=8, rpe=6) + sets(d2, rdl, reps=12, load=8, rpe=6)
    if review:
        history += sets(d2, "goblet_squat", load=12, pain=5)
    prog = program(item(rdl, reps=12), item("goblet_squat"), deload=(2,))
    served = by_id(run(prog, history, as_of=d2 + timedelta(days=4)), rdl)
    assert served.load_kg == pytest.approx(7) and served.reps < 12
    assert served.change is Change.DECREASE
    after = (
        "about 13 % lighter, then back to 8 kg. Held until the review (R32): no increases."
        if review
        else "about 13 % lighter than 8 kg, then 10 kg."
    )
    assert served.reason == (
        "All 3x12 at RPE 8 or easier, twice too easy (R18b): ready for +2 kg. Planned deload "
        f"week: {after}"
    )
    if review:  # the week after, still under the review: 8 kg, as she was told
        week3 = by_id(run(prog, history, START + timedelta(weeks=2)), rdl)
        assert week3.load_kg == pytest.approx(8)


@pytest.mark.parametrize(
    ("load", "deload", "words"),
    [
        (40.0, 35.0, "about 13 % lighter, then back to 40 kg"),  # 36 kg rounds down to 35
        (20.0, 15.0, "about 25 % lighter, then back to 20 kg"),  # 18 kg: the next load down
        (15.0, 15.0, "an easier week, at a lower effort"),  # 10 kg would be 33 % lighter
    ],
)
def test_r18_a_deload_week_on_a_5_kg_stack_is_lighter_but_never_far_below_her_load(
    load, deload, words
):
    """R18 deload weeks on a leg press stack of 5 kg steps: about 10 % lighter, rounded down
    to a load that exists, and never more than DELOAD_MAX_DROP_PCT (25 %) below her load:
    at 15 kg the next load down (10 kg) is a third lighter, so she keeps 15 kg at the
    week's lower effort."""
    (d1,) = session_days(1)
    prog = program(item("leg_press"), deload=(2,))
    served = by_id(run(prog, sets(d1, "leg_press", load=load), START + timedelta(7)), "leg_press")
    assert served.load_kg == pytest.approx(deload)
    assert served.reason.endswith(f"Planned deload week: {words}.")
    assert (served.load_kg or 0) >= load * (1 - DELOAD_MAX_DROP_PCT / 100)
    assert served.change is not Change.INCREASE


def test_r18_r18a_a_set_earned_waits_until_after_the_deload_week():
    """Leg press 2 x 10 at 15 kg twice: the 5 kg stack step is too big, so R18a adds a set.
    In a deload week she keeps 15 kg (10 kg is a third lighter) with the plan's sets, not
    the extra one: no harder than her last session, and her words say it comes after."""
    d1, d2 = session_days(2)
    history = sets(d1, "leg_press", load=15, n=2) + sets(d2, "leg_press", load=15, n=2)
    prog = program(item("leg_press", sets=2, reps=10), deload=(2,))
    served = by_id(run(prog, history, START + timedelta(weeks=1)), "leg_press")
    assert (served.load_kg, served.sets, served.reps, served.change) == (15, 2, 10, Change.HOLD)
    assert served.reason == (
        "All 2x10 at RPE 8 or easier, twice, and the next load up is too big a step for now: "
        "one set more after this week (R18a). Planned deload week: an easier week, at a lower "
        "effort."
    )


def test_r18a_a_slower_tempo_earned_waits_until_after_the_deload_week():
    """Wall slides 3 x 10 twice at the most sets: R18a's next rung is a slower tempo, served
    in a build week; in a deload week it waits (never harder than her last session)."""
    d1, d2 = session_days(2)
    history = sets(d1, "wall_slides", load=None, n=3) + sets(d2, "wall_slides", load=None, n=3)
    week2 = START + timedelta(weeks=1)
    build = by_id(run(program(item("wall_slides")), history, week2), "wall_slides")
    assert (build.tempo, build.change) == ("3-1-1", Change.INCREASE)
    deload = by_id(run(program(item("wall_slides"), deload=(2,)), history, week2), "wall_slides")
    assert (deload.tempo, deload.sets, deload.change) == (None, 3, Change.HOLD)
    assert "a slower tempo (3-1-1) after this week (R18a)" in deload.reason


def test_r32_r18a_a_set_earned_under_a_review_waits_and_is_not_counted_against_her():
    """Leg press 2 x 10 at 15 kg twice earns a set (R18a); pain on another lift holds it
    (R32): she is served 2 x 10, told the set comes once the review is done, and doing
    2 x 10 as served is not judged as "only 2 of 3 sets" (the replay counts no R18a extra
    set on a day under review)."""
    d1, d2, d3 = session_days(3)
    history = sets(d1, "leg_press", load=15, n=2) + sets(d2, "leg_press", load=15, n=2)
    history += sets(d2, "goblet_squat", load=12, pain=5)
    prog = program(item("leg_press", sets=2, reps=10), item("goblet_squat"))
    held = by_id(run(prog, history, d3), "leg_press")
    assert (held.sets, held.reps, held.load_kg) == (2, 10, 15)
    assert "one set more once the review is done (R18a)" in held.reason
    history += sets(d3, "leg_press", load=15, n=2)
    after = by_id(run(prog, history, d3 + timedelta(days=1)), "leg_press")
    assert "Only 2 of 3 sets" not in after.reason


def test_r32_r18_a_pain_hold_in_a_deload_week_is_still_lighter():
    """Pain of 5/10 at 60 kg, then 55 kg (one step back, held for the R32 review); in a
    deload week she is served about 10 % below 55 kg, not her full 55 kg."""
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat", pain=5) + sets(d2, "back_squat", load=55)
    served = by_id(run(program(SQUAT, deload=(2,)), history, START + timedelta(weeks=1)),
                   "back_squat")  # fmt: skip
    assert served.load_kg == pytest.approx(47.5)
    assert "Planned deload week: about 14 % lighter, then back to 55 kg." in served.reason


def test_r32_r18b_failures_after_a_pain_step_back_are_said_as_served():
    """Pain of 5/10 at 60 kg, one step back to 55 kg (R32), then two sessions at 55 kg at
    RPE 10: the review holds her at 55 kg with fewer reps (no second step back after the
    pain), and her words say so; they said "-9.1 %: two sessions in a row short" while she
    was served 55 kg."""
    d = session_days(4)
    history = [*sets(d[0], "back_squat", pain=5), *sets(d[1], "back_squat", load=55),
               *sets(d[2], "back_squat", load=55, rpe=10),
               *sets(d[3], "back_squat", load=55, rpe=10)]  # fmt: skip
    served = by_id(run(program(SQUAT), history, d[3] + timedelta(days=1)), "back_squat")
    assert served.load_kg == pytest.approx(55) and served.reps is not None and served.reps < 10
    assert served.reason == (
        f"Two sessions in a row short of 3x10 at RPE 8 or easier (the last on {d[3]}): "
        f"{served.reps} reps at this load, no second step back after the pain (R18b, R32). "
        "Held until the review (R32): no increases."
    )


def test_r32_r18a_a_set_earned_before_a_review_waits_for_its_end():
    """R32 with R18a: a leg press at 15 kg on a 5 kg stack (the next load too big a step)
    earns a set more, and pain on another lift the same day starts a review. Every session
    of the review serves her 2 sets (it served 3 from the second one: "Same again" while
    one set more); the first after it serves 3, said so, as an increase."""
    d = session_days(8)
    prog = program(item("leg_press", sets=2, reps=10), item("goblet_squat"))
    history = [*sets(d[0], "leg_press", load=15, n=2), *sets(d[1], "leg_press", load=15, n=2),
               *sets(d[1], "goblet_squat", load=12, pain=5)]  # fmt: skip
    served = []
    for day in d[2:7]:  # the review runs to 2027-01-21, 14 days after the pain
        nxt = by_id(run(prog, history, day), "leg_press")
        served.append(nxt)
        history += sets(day, "leg_press", load=15, n=nxt.sets)
    assert [s.sets for s in served] == [2, 2, 2, 2, 3], [s.reason for s in served]
    assert "one set more once the review is done (R18a)" in served[0].reason
    assert served[1].reason.startswith("Same again until the review (R32)")
    assert served[4].change is Change.INCREASE
    assert served[4].reason == (
        f"Done on {d[5]} without pain, and the review is over: 3 sets now, the set more you "
        "had earned (R18a)."
    )


def test_r18_r18b_a_lighter_load_she_chose_after_a_step_is_not_a_failure():
    """Served 62.5 kg x 8 after 60 kg x 10 twice, she chooses 60 kg x 8 at RPE 7: not a
    failure to reach 10 reps she was not asked for (the replay cannot tell her choice from
    the R15 cap): one rep more at 60 kg. Served 60 kg x 9, 8 reps there is a rep missed."""
    d = session_days(4)
    history = sets(d[0], "back_squat") + sets(d[1], "back_squat")
    history += sets(d[2], "back_squat", reps=8, load=60, rpe=7)
    squat = by_id(run(program(SQUAT), history, as_of=d[3]), "back_squat")
    assert (squat.load_kg, squat.reps, squat.decision.outcome) == (60, 9, DecisionKind.REP_UP)
    history += sets(d[3], "back_squat", reps=8, load=60, rpe=7)
    squat = by_id(run(program(SQUAT), history, as_of=d[3] + timedelta(days=1)), "back_squat")
    assert squat.decision.outcome == DecisionKind.FAILED_ONCE
    assert squat.reason.startswith("3x9 at RPE 8 or easier not reached")


def test_r18a_her_reps_at_her_load_leave_the_heavier_sets_of_mixed_loads_aside():
    """What she is held or served at her load compares with the reps she did there: 60 kg
    x 10 twice and one set of 62.5 kg x 8 is 10 reps at 60 kg (8 are the heavier set's)."""
    day = START
    logged = _Logged(day, tuple(
        sets(day, "back_squat", reps=[10, 10]) + sets(day, "back_squat", reps=[8], load=62.5)
    ))  # fmt: skip
    assert (logged.load_kg, logged.reps_at_load, logged.min_reps) == (60, 10, 8)


@pytest.mark.parametrize("symptom", sorted(Symptom, key=lambda s: s.value))
def test_r32_stop_rule_symptom_needs_review(symptom):
    d1, d2 = session_days(2)
    prog, history = _two_good_sessions_and(
        sets(d2, "goblet_squat", load=12, symptoms=(symptom,)), d2
    )
    result = run(prog, history, as_of=d2 + timedelta(days=3))
    assert result.status is ProgressStatus.NEEDS_REVIEW
    assert {i.change for i in result.items} <= {Change.HOLD, Change.DECREASE}
    assert any(
        f.rule == "R32" and symptom.value.replace("_", " ") in f.message for f in result.findings
    )


def test_r32_red_flags_older_than_14_days_do_not_count():
    d1, d2 = session_days(2)
    old = sets(START - timedelta(days=20), "goblet_squat", load=12, pain=6,
               symptoms=(Symptom.DIZZINESS,))  # fmt: skip
    prog, history = _two_good_sessions_and(old, d2)
    result = run(prog, history, as_of=d2)
    assert result.status is ProgressStatus.READY
    assert by_id(result, "back_squat").change is Change.INCREASE


def test_moderate_pain_holds_without_review():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat", pain=3)
    result = run(program(SQUAT), history, as_of=d2)
    assert result.status is ProgressStatus.READY
    assert by_id(result, "back_squat").change is Change.HOLD


# --- R10 impact and R23 balance -------------------------------------------------------------------


def test_r10_impacts_go_up_by_5_after_a_pain_free_session():
    hops = item("two_foot_hops", sets=2, reps=10, impacts=20, target_rpe=None)
    (d1,) = session_days(1)
    done = [SetLog(date=d1, exercise_id="two_foot_hops", set=k, reps=10, impacts=10, pain=0)
            for k in (1, 2)]  # fmt: skip
    result = by_id(run(program(hops), done, as_of=d1), "two_foot_hops")
    assert (result.impacts, result.change) == (25, Change.INCREASE)
    assert "R10" in result.reason
    sore = [replace(s, pain=2) for s in done]
    assert by_id(run(program(hops), sore, as_of=d1), "two_foot_hops").change is Change.HOLD
    short = done[:1]
    # R10a (changed by issue 14): a new drill starts at <= 10, so 10 done is a full first dose.
    assert by_id(run(program(hops), short, as_of=d1), "two_foot_hops").impacts == 15


def test_r10_impacts_stop_at_50():
    hops = item("two_foot_hops", sets=5, reps=10, impacts=50, target_rpe=None)
    (d1,) = session_days(1)
    done = [SetLog(date=d1, exercise_id="two_foot_hops", set=k, reps=10, impacts=10)
            for k in range(1, 6)]  # fmt: skip
    result = by_id(run(program(hops), done, as_of=d1), "two_foot_hops")
    assert (result.impacts, result.change) == (50, Change.HOLD)


def test_r23_balance_moves_on_after_two_sessions_with_every_hold():
    stance = item("tandem_stance", sets=3, reps=None, hold_s=20, target_rpe=None)
    d1, d2 = session_days(2)

    def holds(day: date, seconds: int) -> list[SetLog]:
        return [SetLog(date=day, exercise_id="tandem_stance", set=k, reps=0, hold_s=seconds)
                for k in (1, 2, 3)]  # fmt: skip

    once = by_id(run(program(stance), holds(d1, 20), as_of=d1), "tandem_stance")
    assert once.change is Change.HOLD and once.exercise_id == "tandem_stance"
    moved = run(program(stance), holds(d1, 20) + holds(d2, 25), as_of=d2).items[0]
    assert moved.change is Change.INCREASE
    assert moved.exercise_id in CAT["tandem_stance"].progressions
    assert moved.replaces == "tandem_stance"
    assert "R23" in moved.reason
    short = run(program(stance), holds(d1, 20) + holds(d2, 15), as_of=d2).items[0]
    assert short.change is Change.HOLD and short.exercise_id == "tandem_stance"


# --- Baseline, bookkeeping -----------------------------------------------------------------------


def test_items_never_logged_are_new():
    result = run(program(SQUAT, item("goblet_squat", load_kg=12.0)), [], as_of=START)
    assert {i.change for i in result.items} == {Change.NEW}
    assert by_id(result, "goblet_squat").load_kg == 12.0
    assert result.week == 1 and result.phase is Phase.BUILD


def test_deload_week_is_lighter_and_does_not_move_the_progression():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat")
    result = run(program(SQUAT, deload=(2,)), history, as_of=d2)
    squat = by_id(result, "back_squat")
    assert result.phase is Phase.DELOAD
    assert squat.change is Change.DECREASE
    assert squat.load_kg < 62.5
    assert "deload" in squat.reason


def test_sets_after_as_of_are_ignored():
    d1, d2 = session_days(2)
    history = sets(d1, "back_squat") + sets(d2, "back_squat")
    result = run(program(SQUAT), history, as_of=d1)
    assert by_id(result, "back_squat").change is Change.HOLD
    assert any("not used" in f.message for f in result.findings)


def test_a_program_without_sessions_needs_review():
    empty = replace(program(SQUAT), weeks=(), status=ProgramStatus.NEEDS_CLEARANCE)
    result = run(empty, [], as_of=START)
    assert result.status is ProgressStatus.NEEDS_REVIEW
    assert result.items == ()


@pytest.mark.parametrize(
    ("reps", "rpe", "pain", "n", "expected"),
    [
        ([10, 10, 10], 8, None, 3, Outcome.SUCCESS),
        ([10, 10], 8, None, 2, Outcome.PARTIAL),
        ([10, 10, 9], 8, None, 3, Outcome.FAILED),
        ([10, 10, 10], 9, None, 3, Outcome.HARD),  # R18b: every rep, 1 over: a hold
        ([10, 10, 10], 9.5, None, 3, Outcome.FAILED),  # R18b: RPE 9.5 fails
        ([10, 10, 10], 6, None, 3, Outcome.TOO_EASY),  # R18b: 2 under
        ([10, 10, 10], 8.5, None, 3, Outcome.HARD),
        ([10, 10, 10], None, None, 3, Outcome.UNRATED),
        ([10, 10, 10], 8, 3, 3, Outcome.PAINFUL),
        ([10, 10, 10], 8, 5, 3, Outcome.PAIN_REVIEW),
    ],
)
def test_judge_session_table(reps, rpe, pain, n, expected):
    logged = sets(START, "back_squat", reps, rpe=rpe, pain=pain)
    outcome = judge_session(
        logged, prescribed_sets=3, prescribed_reps=10, target_rpe=8, loaded=True
    )
    assert outcome is expected


# --- Properties -------------------------------------------------------------------------------

GRID = [20 + 2.5 * k for k in range(33)]  # 20-100 kg in barbell steps


@st.composite
def histories(draw):
    """Up to eight logged sessions of squat and bench on program days, and a date after."""
    n = draw(st.integers(min_value=1, max_value=8))
    days = session_days(n)
    history: list[SetLog] = []
    for day in days:
        for exercise_id in ("back_squat", "bench_press"):
            if draw(st.booleans()) and day != days[-1]:
                continue
            load = draw(st.sampled_from(GRID))
            count = draw(st.integers(min_value=1, max_value=4))
            rpe = draw(st.none() | st.sampled_from([6.0, 7.0, 7.5, 8.0, 8.5, 9.0, 10.0]))
            pain = draw(st.none() | st.integers(min_value=0, max_value=6))
            symptoms = draw(st.sampled_from([(), (), (), (Symptom.DIZZINESS,)]))
            for k in range(1, count + 1):
                history.append(
                    SetLog(
                        date=day,
                        exercise_id=exercise_id,
                        set=k,
                        reps=draw(st.integers(min_value=4, max_value=12)),
                        load_kg=load,
                        rpe=rpe,
                        pain=pain,
                        symptoms=symptoms if k == 1 else (),
                    )
                )
    as_of = days[-1] + timedelta(days=draw(st.integers(min_value=0, max_value=20)))
    wm = draw(st.floats(min_value=40, max_value=160))
    return history, as_of, wm


PROPERTY = settings(
    max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _last_session(history: list[SetLog], exercise_id: str, as_of: date) -> list[SetLog]:
    mine = [s for s in history if s.exercise_id == exercise_id and s.date <= as_of]
    if not mine:
        return []
    last = max(s.date for s in mine)
    return [s for s in mine if s.date == last]


@PROPERTY
@given(histories())
def test_property_no_increase_after_a_failed_or_painful_session(case):
    history, as_of, wm = case
    result = run(program(SQUAT, BENCH), history, as_of=as_of)
    for planned in (SQUAT, BENCH):
        last = _last_session(history, planned.exercise_id, as_of)
        if not last:
            continue
        # R18a (changed by issue 14): a rep drop may prescribe as few as 6 reps.
        bottom = min(rep_range(planned.reps)[0], 6)
        efforts = [s.effort for s in last if s.effort is not None]
        failed = any(s.reps < bottom for s in last) or (efforts and max(efforts) > 8.0)
        painful = max((s.pain or 0) for s in last) >= 3
        if failed or painful:
            assert by_id(result, planned.exercise_id).change is not Change.INCREASE


@PROPERTY
@given(histories())
def test_property_load_never_above_85_pct_of_the_working_max(case):
    """R15 with R22a (changed by issue 14): never above 85 % of the working max, except a
    load she has already lifted (the estimate lags her) or, when the working max is
    estimated from her log, one equipment step above it after two successes."""
    history, as_of, wm = case
    prog = program(SQUAT, BENCH, working_max={"back_squat": wm, "bench_press": wm * 0.7})
    result = run(prog, history, as_of=as_of)
    maxes = {w.exercise_id: w for w in result.working_maxes}
    for next_item in result.items:
        if next_item.load_kg is None or next_item.exercise_id not in maxes:
            continue
        if next_item.load_kg <= 0.85 * maxes[next_item.exercise_id].one_rm_kg + 1e-9:
            continue
        lifted = max(
            (
                s.load_kg or 0
                for s in history
                if s.exercise_id == next_item.exercise_id and s.date <= as_of
            ),
            default=0.0,
        )
        kind = implement_for(CAT[next_item.exercise_id].equipment)
        allowed = lifted
        if maxes[next_item.exercise_id].source == "log":
            allowed = next_load_up(lifted, kind, units=Units.KG) or lifted
        assert next_item.load_kg <= allowed + 1e-9


@PROPERTY
@given(histories(), st.sampled_from([(), (2,), (3,)]))
def test_property_an_increase_is_one_step_within_the_r18a_effort_bound(case, deload):
    """R18, R18a, R18b, R18c (changed by issue 14): a load increase is one equipment step
    whose effort step (after the rep drop) is at most 10 % (lower body) or 5 % (upper
    body); two steps only after two "too easy" sessions (R18b); a rebuild returns to a load
    she lifted before (R18c); a change of rep target converts by effort (R18)."""
    history, as_of, wm = case
    result = run(program(SQUAT, BENCH, deload=deload), history, as_of=as_of)
    for next_item in result.items:
        if next_item.change is not Change.INCREASE or next_item.previous_load_kg is None:
            continue
        before, after = next_item.previous_load_kg, next_item.load_kg
        if after is None or after <= before + 1e-9:
            continue
        decision = next_item.decision
        assert decision is not None
        exercise = CAT[next_item.exercise_id]
        kind = implement_for(exercise.equipment)
        step = next_load_up(before, kind, units=Units.KG)
        assert step is not None
        if decision.outcome == "rebuild":
            assert after <= max(s.load_kg or 0 for s in history) + 1e-9
        elif decision.outcome == "double_step":
            assert after <= (next_load_up(step, kind, units=Units.KG) or step) + 1e-9
        elif decision.outcome == "load_up":
            assert after <= step + 1e-9
            assert decision.numbers["effort_step_pct"] <= (5.0 if exercise.is_upper_body else 10.0)
        else:
            assert decision.outcome == "convert", decision
            assert next_item.reps is not None and next_item.reps <= decision.numbers["reps_from"]


@PROPERTY
@given(histories())
def test_property_deterministic_and_order_independent(case):
    history, as_of, wm = case
    prog = program(SQUAT, BENCH, working_max={"back_squat": wm})
    first = run(prog, history, as_of=as_of)
    shuffled = list(history)
    random.Random(len(history)).shuffle(shuffled)
    assert run(prog, shuffled, as_of=as_of) == first
    assert run(prog, history, as_of=as_of) == first


@PROPERTY
@given(histories())
def test_property_review_stops_every_increase(case):
    history, as_of, wm = case
    result = run(program(SQUAT, BENCH), history, as_of=as_of)
    if result.status is ProgressStatus.NEEDS_REVIEW:
        assert all(i.change in (Change.HOLD, Change.DECREASE) for i in result.items)
        assert any(f.rule == "R32" for f in result.findings)
