"""R25a: for Vivifrail passport A (and A+), every strength item is seated or supported.

R25 maps a client aged 70 or over with SPPB 0-3 (or gait speed below 0.5 m/s) to passport
A: no impact, medical review before anything starts. Once the program may start, R25a asks
that every strength item (resistance and posture work) is seated or supported: no
unsupported squats, split squats or hinges, nothing on the floor (no floor transfers) and
nothing lying face down.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.domain.profile import Bone, Clearance, ClientProfile, FunctionalTests, Schedule
from osteoload.domain.program import Program
from osteoload.domain.programming import allowed_exercises, generate_program
from osteoload.domain.screening import screen
from osteoload.domain.vocabulary import (
    Component,
    Equipment,
    Experience,
    Menopause,
    ProgramStatus,
    Sex,
)
from tests.domain.rule_checker import check_program
from tests.domain.test_program_properties import CATALOGUE, EQUIPMENT, START, profiles

#: Restated by hand from the catalogue (not from the generator): the strength exercises a
#: Vivifrail A client may be given. Seated: sit to stand, leg press, seated row, machine
#: presses, seated back extension. Supported: by a wall (wall squat, slides, push-up, plank,
#: posture stand), by a chair's back (supported split squat, standing bird dog, calf raises)
#: or with hands on a bench (incline push-up).
SEATED_OR_SUPPORTED = frozenset(
    {
        "sit_to_stand", "wall_squat_hold", "leg_press", "supported_split_squat",
        "seated_cable_row", "chest_supported_row", "wall_slides", "machine_shoulder_press",
        "seated_dumbbell_press", "wall_push_up", "incline_push_up", "machine_chest_press",
        "lat_pulldown", "standing_bird_dog", "wall_plank", "calf_raise",
        "single_leg_calf_raise", "wall_posture_stand", "seated_back_extension",
    }
)  # fmt: skip
#: Never for passport A: unsupported standing strength work, floor and prone work.
NEVER_FOR_A = frozenset(
    {
        "bodyweight_squat", "band_squat", "goblet_squat", "bodyweight_split_squat",
        "split_squat", "band_split_squat", "reverse_lunge", "dowel_hip_hinge", "band_deadlift",
        "glute_bridge", "bird_dog", "dead_bug", "forearm_plank_knees", "prone_row_lift",
        "prone_chest_lift", "prone_opposite_arm_leg_lift", "band_row", "pallof_press",
        "knee_push_up", "bodyweight_step_up",
    }
)  # fmt: skip


def elsie_a() -> ClientProfile:
    """A frail 82-year-old (SPPB 3, gait 0.45 m/s, two falls): Vivifrail A+, with the medical
    review R25 asks for recorded, at home with a chair, a wall, bands and a mat."""
    return ClientProfile(
        age=82,
        sex=Sex.FEMALE,
        menopause=Menopause.POST,
        bone=Bone(total_hip_t=-2.8, femoral_neck_t=-3.0),
        falls_last_year=2,
        clearance=Clearance(medical=True),
        experience=Experience.NOVICE,
        equipment=(
            Equipment.CHAIR,
            Equipment.WALL,
            Equipment.BANDS,
            Equipment.BODYWEIGHT,
            Equipment.MAT,
            Equipment.STEP,
        ),  # fmt: skip
        schedule=Schedule(resistance_days=(1, 4), minutes_per_session=30, start_date=START),
        tests=FunctionalTests(
            date=START - timedelta(days=20), sppb=3, gait_speed_m_s=0.45, tug_s=21.0
        ),
    )


def plan(profile: ClientProfile, weeks: int = 12) -> Program:
    screening = screen(profile, as_of=START)
    return generate_program(profile, screening, CATALOGUE, start=START, weeks=weeks)


def assert_seated_or_supported(program: Program) -> None:
    for week in program.weeks:
        for session in week.sessions:
            for item in session.items:
                where = f"week {week.week} day {session.day} {item.exercise_id}"
                assert item.exercise_id not in NEVER_FOR_A, where
                assert Equipment.MAT not in item.equipment, f"{where}: floor work"
                assert not item.exercise_id.startswith("prone_"), f"{where}: prone work"
                if item.component in (Component.RESISTANCE, Component.POSTURE):
                    assert item.exercise_id in SEATED_OR_SUPPORTED, where


@st.composite
def vivifrail_a_profiles(draw: st.DrawFn) -> ClientProfile:
    """Varied profiles (``profiles()``) aged 70+ with SPPB 0-3 (passport A or A+), mostly
    with the medical review recorded so that a program is generated."""
    base = draw(profiles())
    return replace(
        base,
        age=draw(st.integers(70, 100)),
        clearance=replace(base.clearance, medical=draw(st.sampled_from((True, True, False)))),
        equipment=draw(EQUIPMENT),
        tests=FunctionalTests(
            date=START - timedelta(days=20),
            sppb=draw(st.integers(0, 3)),
            gait_speed_m_s=draw(
                st.one_of(st.none(), st.floats(0.2, 1.4).map(lambda x: round(x, 2)))
            ),
            tug_s=draw(st.one_of(st.none(), st.floats(10, 40).map(lambda x: round(x, 1)))),
        ),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=vivifrail_a_profiles(), weeks=st.sampled_from((4, 12, 16)))
def test_r25a_vivifrail_a_items_are_all_seated_or_supported(
    profile: ClientProfile, weeks: int
) -> None:
    """R25a: whatever else her profile holds, a passport A or A+ client's program has only
    seated or supported strength items, no floor or prone work, and obeys every rule the
    checker knows."""
    program = plan(profile, weeks)
    assert (program.screening.vivifrail_passport or "").startswith("A")
    assert_seated_or_supported(program)
    assert check_program(profile, program.screening, program, CATALOGUE) == []


def test_r25a_once_the_medical_review_is_recorded_strength_is_seated_or_supported() -> None:
    """R25: passport A without the medical review: no sessions at all. R25a: with it, two
    resistance sessions a week of seated or supported strength work, legs, arms and trunk
    loaded every week (R13), no impact."""
    waiting = plan(replace(elsie_a(), clearance=Clearance()))
    assert waiting.screening.vivifrail_passport == "A+"
    assert waiting.status is ProgramStatus.NEEDS_CLEARANCE and waiting.weeks == ()
    program = plan(elsie_a())
    assert program.status is ProgramStatus.READY
    assert_seated_or_supported(program)
    for week in program.weeks:
        resistance = [s for s in week.sessions if s.kind == "resistance"]
        assert len(resistance) == 2
        assert all(i.component is not Component.IMPACT for s in week.sessions for i in s.items)
    assert check_program(elsie_a(), program.screening, program, CATALOGUE) == []


def test_r25a_the_exercise_pool_of_a_passport_a_client() -> None:
    """R25a at the source: the pool the generator and a coach's swaps choose from holds no
    unsupported squat, split squat or hinge, no floor and no prone work; a passport B
    client of the same age keeps the standing and floor exercises."""
    profile = elsie_a()
    pool = {e.id for e in allowed_exercises(profile, screen(profile, as_of=START), CATALOGUE)}
    strength = {
        i for i in pool if CATALOGUE[i].component in (Component.RESISTANCE, Component.POSTURE)
    }
    assert strength and strength <= SEATED_OR_SUPPORTED
    assert not pool & NEVER_FOR_A
    b = replace(profile, tests=replace(profile.tests, sppb=5, gait_speed_m_s=0.7))
    b_screening = screen(b, as_of=START)
    assert (b_screening.vivifrail_passport or "").startswith("B")
    b_pool = {e.id for e in allowed_exercises(b, b_screening, CATALOGUE)}
    assert {"bodyweight_squat", "glute_bridge"} <= b_pool
