"""R16a: the high-intensity track is the LIFTMOR session.

After about a month of familiarisation (R14), every resistance session of the
high-intensity track holds deadlift, back squat and overhead press at 5 x 5, ramping to
>= 80 % of the working max by week 8; when a session runs short of time other items are
trimmed first; jumping chin-ups with drop landings join where she has a bar and R11 holds.
R19 still wins (no deadlift or overhead press after a vertebral fracture without a physio).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from osteoload.domain.profile import (
    Bone,
    Clearance,
    ClientProfile,
    Fracture,
    FunctionalTests,
    Schedule,
    StrengthSet,
)
from osteoload.domain.program import Program, Session
from osteoload.domain.programming import generate_program
from osteoload.domain.screening import screen
from osteoload.domain.vocabulary import (
    Component,
    Equipment,
    Experience,
    FractureSite,
    Medication,
    Menopause,
    Phase,
    Sex,
    Track,
)
from tests.domain.rule_checker import check_program
from tests.domain.test_program_properties import CATALOGUE, RESISTANCE_DAYS, START, profiles

LIFTS = ("deadlift", "back_squat", "overhead_press")
FAMILIARISATION_WEEKS = 4  # R14, restated
CHIN_UP = "jumping_chin_up"


def carol() -> ClientProfile:
    """examples/profiles/03-osteoporosis-supervised-heavy.yaml as a domain record."""
    return ClientProfile(
        age=63,
        sex=Sex.FEMALE,
        menopause=Menopause.POST,
        years_since_menopause=12,
        height_cm=160,
        baseline_height_cm=161,
        weight_kg=61,
        bone=Bone(lumbar_spine_t=-2.7, total_hip_t=-1.9, femoral_neck_t=-2.2),
        falls_last_year=0,
        medications=(Medication.BISPHOSPHONATE,),
        clearance=Clearance(medical=True, impact=True, high_intensity=True),
        supervised=True,
        experience=Experience.INTERMEDIATE,
        equipment=(
            Equipment.BARBELL,
            Equipment.DUMBBELLS,
            Equipment.KETTLEBELL,
            Equipment.MACHINES,
            Equipment.BANDS,
            Equipment.BODYWEIGHT,
            Equipment.STEP,
            Equipment.BOX,
            Equipment.BENCH,
            Equipment.PULL_UP_BAR,
            Equipment.MAT,
        ),  # fmt: skip
        schedule=Schedule(resistance_days=(2, 5), minutes_per_session=45, start_date=START),
        tests=FunctionalTests(
            date=START - timedelta(days=60),
            tug_s=7.9,
            chair_stand_30s=14,
            five_sts_s=10.5,
            single_leg_stance_s=24,
            gait_speed_m_s=1.2,
            grip_kg=23,
        ),  # fmt: skip
        strength=tuple(
            StrengthSet(exercise=e, load_kg=kg, reps=reps, rpe=rpe, date=START - timedelta(days=14))
            for e, kg, reps, rpe in (
                ("deadlift", 45, 8, 8.0),
                ("back_squat", 35, 8, 8.0),
                ("overhead_press", 20, 6, 8.5),
                ("lat_pulldown", 30, 10, 8.0),
            )
        ),
    )


def plan(profile: ClientProfile, weeks: int = 12, after_weeks: int = 0) -> Program:
    screening = screen(profile, as_of=START)
    return generate_program(
        profile, screening, CATALOGUE, start=START, weeks=weeks, after_weeks=after_weeks
    )


def resistance_sessions(program: Program) -> list[tuple[int, Phase, Session]]:
    return [
        (w.week, w.phase, s) for w in program.weeks for s in w.sessions if s.kind == "resistance"
    ]


@st.composite
def high_intensity_profiles(draw: st.DrawFn) -> ClientProfile:
    """Varied profiles (``profiles()``) made eligible for R16: supervised, every clearance
    but sometimes the physio's, no red flags, a low falls risk, >= 30 min sessions; some
    with an old vertebral fracture (R19 then applies without the physio's approval)."""
    base = draw(profiles())
    old_vf = draw(st.booleans())
    fractures = (
        (Fracture(site=FractureSite.VERTEBRA, date=START - timedelta(days=800), low_trauma=True),)
        if old_vf
        else ()
    )
    return replace(
        base,
        age=draw(st.integers(45, 69)),
        sex=Sex.FEMALE,
        menopause=Menopause.POST,
        years_since_menopause=None,
        fractures=fractures,
        falls_last_year=0,
        fall_with_injury_last_year=False,
        conditions=(),
        symptoms=(),
        blood_pressure=None,
        parq_yes=(),
        clearance=Clearance(
            medical=True, impact=True, high_intensity=True, physio=draw(st.booleans())
        ),
        supervised=True,
        schedule=Schedule(
            resistance_days=draw(st.sampled_from(RESISTANCE_DAYS)),
            minutes_per_session=draw(st.integers(30, 90)),
            start_date=START,
        ),
        tests=FunctionalTests(
            date=START - timedelta(days=20),
            tug_s=8.0,
            gait_speed_m_s=1.2,
            single_leg_stance_s=draw(st.sampled_from((4.0, 15.0, 30.0))),
        ),  # fmt: skip
    )


def _lifts_she_may_do(program: Program, profile: ClientProfile) -> tuple[str, ...]:
    """The LIFTMOR lifts her equipment and screening allow (R19 may take two away)."""
    have = set(profile.equipment) if profile.equipment is not None else {Equipment.BARBELL}
    if Equipment.BARBELL not in have:
        return ()
    excluded = set(program.screening.excluded_exercises)
    return tuple(
        lift
        for lift in LIFTS
        if lift not in excluded
        and CATALOGUE[lift].pattern not in program.screening.excluded_patterns
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=high_intensity_profiles(), weeks=st.sampled_from((8, 12, 16)))
def test_r16a_every_high_intensity_session_has_deadlift_squat_press_5x5(
    profile: ClientProfile, weeks: int
) -> None:
    """R16a: every resistance session of every week holds the lifts she may do; at 5 x 5
    in every non-deload week after familiarisation (never trimmed below it in a session of
    30 minutes or more); the program still obeys every rule the checker knows (R19 too)."""
    program = plan(profile, weeks)
    assume(program.screening.track is Track.HIGH_INTENSITY)
    assert check_program(profile, program.screening, program, CATALOGUE) == []
    lifts = _lifts_she_may_do(program, profile)
    sessions = resistance_sessions(program)
    assert len(sessions) == weeks * len(profile.schedule.resistance_days)
    for week, phase, session in sessions:
        by_id = {i.exercise_id: i for i in session.items}
        for lift in lifts:
            assert lift in by_id, f"week {week} day {session.day}: no {lift}"
            item = by_id[lift]
            if week > FAMILIARISATION_WEEKS and phase is not Phase.DELOAD:
                assert (item.sets, item.reps) == (5, 5), f"week {week} {lift}: {item}"
        assert session.minutes <= profile.schedule.minutes_per_session


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=high_intensity_profiles())
def test_r16a_reaches_80_pct_by_week_8(profile: ClientProfile) -> None:
    """R16a/R14: familiarisation first (weeks 1-4 at <= 60 %, 8-15 reps), then each lift
    ramps to >= 80 % of the working max by week 8 (never more than 85 %); where a load is
    given it is that share of her working max, rounded down to her equipment."""
    program = plan(profile, 8)
    assume(program.screening.track is Track.HIGH_INTENSITY)
    for lift in _lifts_she_may_do(program, profile):
        pcts = {
            week: item.intensity_pct_1rm
            for week, _phase, session in resistance_sessions(program)
            for item in session.items
            if item.exercise_id == lift
        }
        assert all(p is not None and p <= 60 for w, p in pcts.items() if w <= 4)
        assert max(p or 0.0 for p in pcts.values()) >= 80.0, f"{lift}: {pcts}"
        one_rm = program.working_max_kg.get(lift)
        for _week, _phase, session in resistance_sessions(program):
            for item in session.items:
                if item.exercise_id == lift and item.load_kg is not None and one_rm:
                    pct = item.intensity_pct_1rm or 0.0
                    assert item.load_kg <= one_rm * pct / 100 + 1e-6


def test_r16a_profile_03_is_the_liftmor_session() -> None:
    """R16a for examples/profiles/03: deadlift, back squat and overhead press in both weekly
    sessions of all 12 weeks; 5 x 5 from week 5 outside the week 8 deload; 80 % 1RM in week 7,
    and a loaded deadlift and squat at >= 75 % of her working max by then."""
    program = plan(carol())
    assert program.screening.track is Track.HIGH_INTENSITY
    sessions = resistance_sessions(program)
    assert len(sessions) == 24
    for week, phase, session in sessions:
        by_id = {i.exercise_id: i for i in session.items}
        assert set(LIFTS) <= set(by_id), f"week {week} day {session.day}"
        if week > 4 and phase is not Phase.DELOAD:
            assert all((by_id[x].sets, by_id[x].reps) == (5, 5) for x in LIFTS)
        if week == 7:
            assert all(by_id[x].intensity_pct_1rm == 80.0 for x in LIFTS)
            for lift in ("deadlift", "back_squat"):
                load = by_id[lift].load_kg
                assert load is not None
                assert load >= 0.75 * program.working_max_kg[lift]
    assert check_program(carol(), program.screening, program, CATALOGUE) == []


def test_r16a_other_items_are_trimmed_first_in_a_30_minute_session() -> None:
    """R16a: at 30 minutes the lifts stay at 5 x 5; warm-up, posture, balance and the
    other lifts give way first, and the session fits her 30 minutes."""
    profile = replace(carol(), schedule=Schedule(resistance_days=(2, 5), minutes_per_session=30))
    program = plan(profile)
    assert program.screening.track is Track.HIGH_INTENSITY
    for week, phase, session in resistance_sessions(program):
        assert session.minutes <= 30
        by_id = {i.exercise_id: i for i in session.items}
        assert set(LIFTS) <= set(by_id)
        if week > 4 and phase is not Phase.DELOAD:
            assert all((by_id[x].sets, by_id[x].reps) == (5, 5) for x in LIFTS)
        assert any(i.component is Component.POSTURE for i in session.items)  # R7
    assert check_program(profile, program.screening, program, CATALOGUE) == []


def test_r16a_a_continued_block_keeps_the_liftmor_session() -> None:
    """R16a: a block generated after 12 weeks of the plan (``after_weeks``) keeps the same
    session: the three lifts in every session, 5 x 5 outside deloads, no new
    familiarisation (R14 is done once)."""
    program = plan(carol(), weeks=12, after_weeks=12)
    sessions = resistance_sessions(program)
    assert len(sessions) == 24
    for week, phase, session in sessions:
        by_id = {i.exercise_id: i for i in session.items}
        assert set(LIFTS) <= set(by_id), f"week {week}"
        assert phase is not Phase.FAMILIARISATION
        if phase is not Phase.DELOAD:
            assert all((by_id[x].sets, by_id[x].reps) == (5, 5) for x in LIFTS)
            assert all((by_id[x].intensity_pct_1rm or 0) >= 80.0 for x in LIFTS)


def test_r16a_jumping_chin_ups_with_a_bar_once_r11_allows() -> None:
    """R16a/R11: jumping chin-ups with drop landings in every session from week 9 (after 8
    weeks of moderate impact), starting at 2 x 5 and building to 5 x 5 (R10a); never
    before week 9, and never without a bar."""
    program = plan(carol())
    for week, _phase, session in resistance_sessions(program):
        chin = [i for i in session.items if i.exercise_id == CHIN_UP]
        if week < 9:
            assert not chin
            continue
        assert len(chin) == 1, f"week {week}"
        assert chin[0].reps == 5 and chin[0].impacts == chin[0].sets * 5
        assert chin[0].sets == min(5, 2 + (week - 9))
    no_bar = replace(
        carol(), equipment=tuple(e for e in carol().equipment or () if e != Equipment.PULL_UP_BAR)
    )
    assert all(
        i.exercise_id != CHIN_UP for _w, _p, s in resistance_sessions(plan(no_bar)) for i in s.items
    )


def test_r16a_yields_to_r19_after_an_old_vertebral_fracture() -> None:
    """R19 wins: after a vertebral fracture (over 12 months ago, so R16 still allows the
    track) without the physio's approval there is no deadlift and no overhead press, but the
    back squat is in every session and the hinge and press are replaced."""
    vf = Fracture(site=FractureSite.VERTEBRA, date=date(2024, 6, 1), low_trauma=True)
    profile = replace(carol(), fractures=(vf,))
    program = plan(profile)
    assert program.screening.track is Track.HIGH_INTENSITY
    for week, _phase, session in resistance_sessions(program):
        ids = {i.exercise_id for i in session.items}
        assert "deadlift" not in ids and "overhead_press" not in ids
        assert "back_squat" in ids, f"week {week}"
    assert check_program(profile, program.screening, program, CATALOGUE) == []
    approved = replace(profile, clearance=replace(profile.clearance, physio=True))
    for _week, _phase, session in resistance_sessions(plan(approved)):
        assert set(LIFTS) <= {i.exercise_id for i in session.items}
