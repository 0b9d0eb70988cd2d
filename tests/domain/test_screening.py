"""Screening, rule by rule (reference/clinical-evidence.md section 13).

Each test starts from one ordinary client (``BASE``: 60, post-menopausal, low bone mass, no
falls, PAR-Q+ all "no", unsupervised, typical test results) and changes only what the rule
is about, so that a failure names one rule. Boundaries are tested on both sides.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from osteoload.data.loader import load_catalogue
from osteoload.domain.profile import (
    BloodPressure,
    Bone,
    ClientProfile,
    Fracture,
    FunctionalTests,
    Schedule,
)
from osteoload.domain.program import Program, Screening
from osteoload.domain.programming import generate_program
from osteoload.domain.screening import screen
from osteoload.domain.vocabulary import (
    BoneCategory,
    Component,
    Condition,
    Experience,
    FallsRisk,
    FractureSite,
    ImpactLevel,
    Menopause,
    Pattern,
    ProgramStatus,
    Severity,
    Sex,
    SpineRisk,
    Symptom,
    Track,
)
from osteoload.services.plans import plan_program
from osteoload.services.profiles import load_profile
from osteoload.wording.findings import word_screening
from tests.conftest import EXAMPLES, TODAY
from tests.domain.rule_checker import check_program

CATALOGUE = load_catalogue()
START = date(2027, 1, 4)  # a Monday

BASE = ClientProfile(
    age=60,
    sex=Sex.FEMALE,
    menopause=Menopause.POST,
    years_since_menopause=8,
    height_cm=162.0,
    weight_kg=63.0,
    bone=Bone(lumbar_spine_t=-1.5, total_hip_t=-1.2, femoral_neck_t=-1.3),
    falls_last_year=0,
    fall_with_injury_last_year=False,
    parq_yes=(),
    experience=Experience.NOVICE,
    schedule=Schedule(resistance_days=(1, 4), minutes_per_session=45, start_date=START),
    tests=FunctionalTests(
        tug_s=8.0, gait_speed_m_s=1.2, single_leg_stance_s=30.0, chair_stand_30s=15
    ),
)

CONTRAINDICATIONS = (
    Condition.ACUTE_MYOCARDIAL_INFARCTION,
    Condition.UNSTABLE_ANGINA,
    Condition.ARRHYTHMIA_UNCONTROLLED,
    Condition.AORTIC_ANEURYSM_DISSECTING,
    Condition.AORTIC_STENOSIS_SEVERE,
    Condition.ENDOCARDITIS_PERICARDITIS_ACUTE,
    Condition.THROMBOEMBOLISM_ACUTE,
    Condition.HEART_FAILURE_SEVERE,
    Condition.RESPIRATORY_FAILURE_SEVERE,
    Condition.POSTURAL_HYPOTENSION_UNCONTROLLED,
    Condition.DIABETES_DECOMPENSATED,
)
#: R32 stop symptoms (new severe back pain is R4, tested separately).
STOP_SYMPTOMS = tuple(
    s
    for s in Symptom
    if s.value in {"chest_pain", "dizziness", "breathlessness", "fainting", "fall_with_injury"}
)


def client(**changes: object) -> ClientProfile:
    return replace(BASE, **changes)


def with_tests(**changes: object) -> ClientProfile:
    return client(tests=replace(BASE.tests, **changes))


def with_clearance(profile: ClientProfile = BASE, **flags: bool) -> ClientProfile:
    return replace(profile, clearance=replace(profile.clearance, **flags))


def fracture(site: FractureSite, days_ago: int, low_trauma: bool | None = True) -> Fracture:
    return Fracture(site=site, date=START - timedelta(days=days_ago), low_trauma=low_trauma)


def run(profile: ClientProfile) -> Screening:
    """Screen ``profile``; findings carry the client's words as the services serve them."""
    return word_screening(screen(profile, as_of=START))


def program_for(profile: ClientProfile, weeks: int = 12) -> Program:
    return generate_program(profile, run(profile), CATALOGUE, start=START, weeks=weeks)


def rules(screening: Screening, severity: Severity | None = None) -> set[str]:
    return {f.rule for f in screening.findings if severity is None or f.severity is severity}


def items(program: Program) -> list:
    return [i for w in program.weeks for s in w.sessions for i in s.items]


def components(program: Program) -> set[Component]:
    return {i.component for i in items(program)}


def assert_clean(profile: ClientProfile, program: Program) -> None:
    violations = check_program(profile, program.screening, program, CATALOGUE)
    assert violations == [], "\n".join(violations[:15])


def test_base_client_is_ready_for_a_standard_program() -> None:
    s = run(BASE)
    assert s.status is ProgramStatus.READY
    assert s.bone_category is BoneCategory.LOW_BONE_MASS
    assert s.falls_risk is FallsRisk.LOW
    assert s.track is Track.STANDARD
    assert s.resistance_allowed and s.free_weights_allowed
    assert s.max_impact is ImpactLevel.MODERATE  # unsupervised: no high impact (R11)
    assert_clean(BASE, program_for(BASE))


# --- R1: PAR-Q+ -------------------------------------------------------------------------------


def test_r1_parq_yes_without_clearance_needs_clearance() -> None:
    profile = client(parq_yes=(1, 3))
    s = run(profile)
    assert s.status is ProgramStatus.NEEDS_CLEARANCE
    assert "R1" in rules(s, Severity.MUST)
    assert "medical" in s.clearances_needed
    message = next(f.message for f in s.findings if f.rule == "R1")
    assert "1, 3" in message  # lists the questions
    program = program_for(profile)
    assert program.status is ProgramStatus.NEEDS_CLEARANCE
    assert program.weeks == ()


def test_r1_parq_yes_with_medical_clearance_is_ready() -> None:
    s = run(with_clearance(client(parq_yes=(1, 3)), medical=True))
    assert s.status is ProgramStatus.READY
    assert "R1" not in rules(s, Severity.MUST)


def test_r1_parq_all_no_is_ready() -> None:
    s = run(client(parq_yes=()))
    assert s.status is ProgramStatus.READY
    assert "R1" not in rules(s)


def test_r1_missing_parq_needs_clearance() -> None:
    s = run(client(parq_yes=None))
    assert s.status is ProgramStatus.NEEDS_CLEARANCE
    assert "R1" in rules(s, Severity.MUST)
    assert program_for(client(parq_yes=None)).weeks == ()


def test_r1_missing_parq_with_medical_clearance_is_ready() -> None:
    assert run(with_clearance(client(parq_yes=None), medical=True)).status is ProgramStatus.READY


# --- R2: Vivifrail contraindications ----------------------------------------------------------


@pytest.mark.parametrize("condition", CONTRAINDICATIONS, ids=str)
def test_r2_contraindication_withholds_everything(condition: Condition) -> None:
    profile = with_clearance(client(conditions=(condition,)), medical=True)
    s = run(profile)
    assert s.status is ProgramStatus.WITHHELD
    assert "R2" in rules(s, Severity.MUST)
    assert not s.resistance_allowed
    assert s.max_impact is ImpactLevel.NONE
    assert "medical" in s.clearances_needed
    program = program_for(profile)
    assert not components(program) & {Component.RESISTANCE, Component.IMPACT}
    assert program.weeks == ()  # R2: no program at all


def test_r2_ordinary_conditions_do_not_withhold() -> None:
    profile = client(conditions=(Condition.DIABETES, Condition.RHEUMATOID_ARTHRITIS))
    assert run(profile).status is ProgramStatus.READY


# --- R3: a fracture in the last 28 days -----------------------------------------------------


@pytest.mark.parametrize("days_ago", [0, 1, 27, 28])
def test_r3_fracture_within_28_days_stops_resistance(days_ago: int) -> None:
    profile = client(fractures=(fracture(FractureSite.WRIST, days_ago, low_trauma=False),))
    s = run(profile)
    assert s.status is ProgramStatus.WITHHELD
    assert "R3" in rules(s, Severity.MUST)
    assert not s.resistance_allowed
    assert s.track is Track.GENTLE
    assert s.review_date is not None
    assert s.review_date >= START - timedelta(days=days_ago) + timedelta(days=29)
    program = program_for(profile)
    assert Component.RESISTANCE not in components(program)
    assert Component.IMPACT not in components(program)
    assert_clean(profile, program)


def test_r3_fracture_29_days_before_start_allows_resistance() -> None:
    profile = client(fractures=(fracture(FractureSite.WRIST, 29, low_trauma=False),))
    s = run(profile)
    assert s.status is ProgramStatus.READY
    assert s.resistance_allowed
    assert "R3" not in rules(s)
    assert Component.RESISTANCE in components(program_for(profile))


# --- R4: suspected or recent vertebral fracture -----------------------------------------------


GENTLE_COMPONENTS = {
    Component.MOBILITY,
    Component.POSTURE,
    Component.AEROBIC,
    Component.WARMUP,
    Component.BALANCE,
}


def assert_r4_gentle_only(profile: ClientProfile) -> None:
    s = run(profile)
    assert s.status is ProgramStatus.WITHHELD
    assert "R4" in rules(s, Severity.MUST)
    assert not s.resistance_allowed
    assert s.max_impact.rank <= ImpactLevel.LOW.rank
    assert s.track is Track.GENTLE
    assert "physio" in s.clearances_needed
    assert s.review_date is not None
    program = program_for(profile)
    assert components(program) <= GENTLE_COMPONENTS
    assert_clean(profile, program)


@pytest.mark.parametrize("days_ago", [0, 30, 84])
def test_r4_vertebral_fracture_within_12_weeks_is_gentle_only(days_ago: int) -> None:
    assert_r4_gentle_only(client(fractures=(fracture(FractureSite.VERTEBRA, days_ago),)))


def test_r4_review_date_is_set_within_4_to_12_weeks_of_the_fracture() -> None:
    broke = START - timedelta(days=30)
    s = run(client(fractures=(Fracture(site=FractureSite.VERTEBRA, date=broke),)))
    assert s.review_date is not None
    assert broke + timedelta(weeks=4) <= s.review_date <= broke + timedelta(weeks=12)


def test_r4_vertebral_fracture_85_days_ago_is_not_acute() -> None:
    s = run(client(fractures=(fracture(FractureSite.VERTEBRA, 85),)))
    assert "R4" not in rules(s)
    assert s.status is ProgramStatus.READY and s.resistance_allowed
    assert s.max_impact.rank <= ImpactLevel.LOW.rank  # R8 still applies


def test_r4_physiotherapist_sign_off_ends_the_acute_state() -> None:
    profile = with_clearance(client(fractures=(fracture(FractureSite.VERTEBRA, 60),)), physio=True)
    s = run(profile)
    assert "R4" not in rules(s)
    assert s.resistance_allowed


def test_r4_new_severe_back_pain_is_gentle_only() -> None:
    profile = with_clearance(client(symptoms=(Symptom.NEW_SEVERE_BACK_PAIN,)), medical=True)
    assert_r4_gentle_only(profile)


# --- R5: blood pressure -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("systolic", "diastolic", "allowed"),
    [(159, 99, True), (160, 99, False), (159, 100, False), (185, 110, False), (120, 80, True)],
)
def test_r5_blood_pressure_threshold(systolic: int, diastolic: int, allowed: bool) -> None:
    profile = client(blood_pressure=BloodPressure(systolic=systolic, diastolic=diastolic))
    s = run(profile)
    assert s.resistance_allowed is allowed
    if allowed:
        assert s.status is ProgramStatus.READY
        assert "R5" not in rules(s, Severity.MUST)
    else:
        assert s.status is not ProgramStatus.READY
        assert "R5" in rules(s, Severity.MUST)
        assert "medical" in s.clearances_needed
        assert Component.RESISTANCE not in components(program_for(profile))


def test_r5_uncontrolled_hypertension_flag_stops_resistance() -> None:
    profile = client(conditions=(Condition.HYPERTENSION_UNCONTROLLED,))
    s = run(profile)
    assert not s.resistance_allowed
    assert s.status is ProgramStatus.NEEDS_CLEARANCE
    assert "R5" in rules(s, Severity.MUST)


def test_r5_uncontrolled_flag_with_medical_clearance_and_normal_reading_is_ready() -> None:
    profile = with_clearance(
        client(
            conditions=(Condition.HYPERTENSION_UNCONTROLLED,),
            blood_pressure=BloodPressure(systolic=138, diastolic=85),
        ),
        medical=True,
    )
    s = run(profile)
    assert s.status is ProgramStatus.READY and s.resistance_allowed


# --- R6 / R7: spine protection ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("bone", "fractures", "protected"),
    [
        (Bone(lumbar_spine_t=-0.5, total_hip_t=0.2, femoral_neck_t=-0.1), (), False),
        (Bone(lumbar_spine_t=-1.5), (), True),
        (Bone(lumbar_spine_t=-2.8, total_hip_t=-2.0), (), True),
        (Bone(lumbar_spine_t=-0.5), ((FractureSite.VERTEBRA, 800),), True),
        (Bone(), (), True),
    ],
    ids=["normal", "low-bone-mass", "osteoporosis", "normal-with-vertebral-fracture", "unknown"],
)
def test_r6_spine_risk_tags_excluded_unless_bone_is_normal(
    bone: Bone, fractures: tuple, protected: bool
) -> None:
    profile = client(bone=bone, fractures=tuple(fracture(*f) for f in fractures))
    s = run(profile)
    if protected:
        assert set(s.excluded_tags) == set(SpineRisk)
        assert "R6" in rules(s, Severity.MUST)
    else:
        assert s.excluded_tags == ()
        assert "R6" not in rules(s)
    tagged = [i.exercise_id for i in items(program_for(profile)) if CATALOGUE[i.exercise_id].tags]
    if protected:
        assert tagged == []


def test_r7_every_week_has_posture_or_back_extensor_work() -> None:
    program = program_for(client(bone=Bone(lumbar_spine_t=-2.7)), weeks=16)
    for week in program.weeks:
        assert any(
            i.component is Component.POSTURE or i.pattern is Pattern.SPINAL_EXTENSION
            for s in week.sessions
            for i in s.items
        ), week.week


# --- R8: vertebral or multiple fractures cap impact -------------------------------------------


@pytest.mark.parametrize(
    ("fractures", "capped"),
    [
        (((FractureSite.VERTEBRA, 1000, True),), True),
        (((FractureSite.VERTEBRA, 1000, False),), True),  # vertebral fracture ever
        (((FractureSite.WRIST, 700, True), (FractureSite.ANKLE, 400, True)), True),
        (((FractureSite.WRIST, 700, True), (FractureSite.ANKLE, 400, False)), False),
        (((FractureSite.WRIST, 700, None), (FractureSite.RIB, 400, None)), True),
        (((FractureSite.WRIST, 700, True),), False),
    ],
    ids=[
        "vertebral",
        "vertebral-high-trauma",
        "two-low-trauma",
        "two-one-high-trauma",
        "two-unknown-trauma",
        "one-low-trauma",
    ],
)
def test_r8_impact_capped_at_low(fractures: tuple, capped: bool) -> None:
    profile = client(fractures=tuple(fracture(*f) for f in fractures))
    s = run(profile)
    if capped:
        assert s.max_impact.rank <= ImpactLevel.LOW.rank
        assert "R8" in rules(s, Severity.MUST)
        impacts = {i.impact for i in items(program_for(profile))}
        assert impacts <= {ImpactLevel.NONE, ImpactLevel.LOW}
    else:
        assert "R8" not in rules(s)
        assert s.max_impact is ImpactLevel.MODERATE


# --- R9: high falls risk ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "high"),
    [
        (client(falls_last_year=2), True),
        (client(falls_last_year=1), False),
        (client(falls_last_year=1, fall_with_injury_last_year=True), True),
        (with_tests(tug_s=13.4), False),
        (with_tests(tug_s=13.5), True),
        (with_tests(gait_speed_m_s=0.79), True),
        (with_tests(gait_speed_m_s=0.80), False),
        (client(conditions=(Condition.DEMENTIA,)), True),
    ],
    ids=[
        "two-falls",
        "one-fall",
        "fall-with-injury",
        "tug-13.4",
        "tug-13.5",
        "gait-0.79",
        "gait-0.80",
        "dementia",
    ],
)
def test_r9_high_falls_risk_caps_impact_and_free_weights(
    profile: ClientProfile, high: bool
) -> None:
    s = run(profile)
    if high:
        assert s.falls_risk is FallsRisk.HIGH
        assert s.max_impact.rank <= ImpactLevel.LOW.rank
        assert not s.free_weights_allowed  # unsupervised
        assert "R9" in rules(s, Severity.MUST)
        used = {e for i in items(program_for(profile)) for e in i.equipment}
        assert not used & {"barbell", "dumbbells", "kettlebell"}
    else:
        assert s.falls_risk is not FallsRisk.HIGH
        assert s.free_weights_allowed


def test_r9_supervised_high_risk_client_may_use_free_weights() -> None:
    s = run(client(falls_last_year=3, supervised=True))
    assert s.falls_risk is FallsRisk.HIGH
    assert s.free_weights_allowed
    assert s.max_impact.rank <= ImpactLevel.LOW.rank


# --- R11: high impact ------------------------------------------------------------------------


HIGH_IMPACT_READY = with_clearance(client(supervised=True), impact=True)


def test_r11_high_impact_with_supervision_clearance_and_low_falls_risk() -> None:
    s = run(HIGH_IMPACT_READY)
    assert s.max_impact is ImpactLevel.HIGH
    program = program_for(HIGH_IMPACT_READY, weeks=16)
    weeks_with_high = {
        w.week for w in program.weeks for s in w.sessions for i in s.items
        if i.impact is ImpactLevel.HIGH
    }  # fmt: skip
    assert all(week >= 9 for week in weeks_with_high)
    assert_clean(HIGH_IMPACT_READY, program)


@pytest.mark.parametrize(
    "profile",
    [
        replace(HIGH_IMPACT_READY, supervised=False),
        with_clearance(HIGH_IMPACT_READY, impact=False),
        replace(HIGH_IMPACT_READY, falls_last_year=1),  # intermediate falls risk
        replace(HIGH_IMPACT_READY, falls_last_year=2),  # high falls risk
        replace(HIGH_IMPACT_READY, fractures=(fracture(FractureSite.VERTEBRA, 900),)),
    ],
    ids=["unsupervised", "no-impact-clearance", "intermediate-falls", "high-falls", "vertebral"],
)
def test_r11_no_high_impact_when_a_condition_is_missing(profile: ClientProfile) -> None:
    s = run(profile)
    assert s.max_impact is not ImpactLevel.HIGH
    assert ImpactLevel.HIGH not in {i.impact for i in items(program_for(profile, weeks=16))}


# --- R12: osteoarthritis --------------------------------------------------------------------


@pytest.mark.parametrize(
    "condition", [Condition.KNEE_OSTEOARTHRITIS, Condition.HIP_OSTEOARTHRITIS], ids=str
)
def test_r12_osteoarthritis_uses_low_impact(condition: Condition) -> None:
    profile = with_clearance(client(conditions=(condition,), supervised=True), impact=True)
    s = run(profile)
    assert s.max_impact.rank <= ImpactLevel.LOW.rank
    assert "R12" in rules(s)


# --- R16: the high-intensity track ------------------------------------------------------------


HI_READY = with_clearance(
    client(supervised=True, experience=Experience.INTERMEDIATE), high_intensity=True
)


def test_r16_all_conditions_give_the_high_intensity_track() -> None:
    s = run(HI_READY)
    assert s.status is ProgramStatus.READY
    assert s.track is Track.HIGH_INTENSITY
    program = program_for(HI_READY, weeks=16)
    assert_clean(HI_READY, program)
    pcts = [i.intensity_pct_1rm for i in items(program) if i.intensity_pct_1rm is not None]
    assert pcts and max(pcts) <= 85.0


@pytest.mark.parametrize(
    "profile",
    [
        replace(HI_READY, supervised=False),
        with_clearance(HI_READY, high_intensity=False),
        replace(HI_READY, fractures=(fracture(FractureSite.VERTEBRA, 200),)),
        replace(HI_READY, fractures=(fracture(FractureSite.VERTEBRA, 365),)),
        replace(HI_READY, falls_last_year=2),
    ],
    ids=["unsupervised", "no-clearance", "vertebral-200-days", "vertebral-365-days", "high-falls"],
)
def test_r16_each_blocker_alone_falls_back_to_standard(profile: ClientProfile) -> None:
    s = run(profile)
    assert s.status is ProgramStatus.READY
    assert s.track is Track.STANDARD


def test_r16_not_cleared_under_r1_to_r5_is_not_high_intensity() -> None:
    # A client who is not cleared under R1-R5 gets no program yet; the track is "gentle"
    # (DESIGN.md: gentle while withheld), never high intensity.
    profile = replace(HI_READY, blood_pressure=BloodPressure(systolic=165, diastolic=95))
    s = run(profile)
    assert s.status is not ProgramStatus.READY
    assert s.track is not Track.HIGH_INTENSITY


def test_r16_vertebral_fracture_more_than_12_months_ago_does_not_block() -> None:
    profile = with_clearance(
        replace(HI_READY, fractures=(fracture(FractureSite.VERTEBRA, 366),)), physio=True
    )
    assert run(profile).track is Track.HIGH_INTENSITY


# --- R19: overhead pressing and deadlifts after a vertebral fracture --------------------------


def test_r19_vertebral_fracture_excludes_overhead_press_and_deadlift() -> None:
    profile = client(
        fractures=(fracture(FractureSite.VERTEBRA, 1000),), experience=Experience.ADVANCED
    )
    s = run(profile)
    assert Pattern.PRESS_OVERHEAD in s.excluded_patterns
    assert "deadlift" in s.excluded_exercises
    assert "physio" in s.clearances_needed
    program = program_for(profile)
    assert not [i for i in items(program) if i.pattern is Pattern.PRESS_OVERHEAD]
    assert not [i for i in items(program) if i.exercise_id in ("deadlift", "romanian_deadlift")]
    assert_clean(profile, program)


def test_r19_physiotherapist_approval_allows_them() -> None:
    profile = with_clearance(
        client(fractures=(fracture(FractureSite.VERTEBRA, 1000),)), physio=True
    )
    s = run(profile)
    assert Pattern.PRESS_OVERHEAD not in s.excluded_patterns
    assert "deadlift" not in s.excluded_exercises


# --- R23: balance dose ------------------------------------------------------------------------


def test_r23_balance_minutes_target_120_for_low_risk() -> None:
    assert run(BASE).balance_minutes_target == 120


def test_r23_balance_minutes_target_180_for_high_risk() -> None:
    assert run(client(falls_last_year=2)).balance_minutes_target == 180


# --- R25: Vivifrail passports from 70 ---------------------------------------------------------


def test_r25_age_70_passport_a_means_no_impact_and_gentle() -> None:
    profile = client(age=70, tests=replace(BASE.tests, sppb=3))
    s = run(profile)
    assert s.vivifrail_passport is not None and s.vivifrail_passport.startswith("A")
    assert s.max_impact is ImpactLevel.NONE
    assert s.track is Track.GENTLE
    assert "R25" in rules(s, Severity.MUST)
    assert s.status is ProgramStatus.NEEDS_CLEARANCE  # medical review first
    assert "medical" in s.clearances_needed


def test_r25_passport_a_with_medical_review_gets_supported_strength_without_impact() -> None:
    profile = with_clearance(client(age=70, tests=replace(BASE.tests, sppb=3)), medical=True)
    s = run(profile)
    assert s.max_impact is ImpactLevel.NONE
    assert s.track is Track.GENTLE
    assert not s.free_weights_allowed
    program = program_for(profile)
    assert {i.impact for i in items(program)} <= {ImpactLevel.NONE}
    assert_clean(profile, program)


def test_r25_age_69_gets_no_passport() -> None:
    assert run(client(age=69, tests=replace(BASE.tests, sppb=3))).vivifrail_passport is None


def test_r25_passport_b_is_gentle_but_not_impact_free() -> None:
    s = run(with_clearance(client(age=75, tests=replace(BASE.tests, sppb=5)), medical=True))
    assert s.vivifrail_passport is not None and s.vivifrail_passport.startswith("B")
    assert s.track is Track.GENTLE
    assert s.max_impact is not ImpactLevel.NONE


# --- R27: bone category -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("t_score", "fractures", "category"),
    [
        (-1.0, (), BoneCategory.NORMAL),
        (0.5, (), BoneCategory.NORMAL),
        (-1.01, (), BoneCategory.LOW_BONE_MASS),
        (-2.49, (), BoneCategory.LOW_BONE_MASS),
        (-2.5, (), BoneCategory.OSTEOPOROSIS),
        (-2.5, ((FractureSite.WRIST, 500, True),), BoneCategory.SEVERE_OSTEOPOROSIS),
        (-2.5, ((FractureSite.WRIST, 500, None),), BoneCategory.SEVERE_OSTEOPOROSIS),
        (-2.5, ((FractureSite.WRIST, 500, False),), BoneCategory.OSTEOPOROSIS),
        (-1.5, ((FractureSite.WRIST, 500, True),), BoneCategory.LOW_BONE_MASS),
    ],
)
def test_r27_category_from_lowest_t_score(
    t_score: float, fractures: tuple, category: BoneCategory
) -> None:
    profile = client(
        bone=Bone(lumbar_spine_t=t_score, total_hip_t=t_score + 0.5, femoral_neck_t=t_score + 0.3),
        fractures=tuple(fracture(*f) for f in fractures),
    )
    assert run(profile).bone_category is category


def test_r27_lowest_of_the_three_sites_decides() -> None:
    profile = client(bone=Bone(lumbar_spine_t=0.4, total_hip_t=-0.2, femoral_neck_t=-2.6))
    assert run(profile).bone_category is BoneCategory.OSTEOPOROSIS


# --- R32: stop symptoms -----------------------------------------------------------------------


@pytest.mark.parametrize("symptom", STOP_SYMPTOMS, ids=str)
def test_r32_stop_symptom_withholds_the_program(symptom: Symptom) -> None:
    profile = with_clearance(client(symptoms=(symptom,)), medical=True)
    s = run(profile)
    assert s.status is ProgramStatus.WITHHELD
    assert "R32" in rules(s, Severity.MUST)
    assert not s.resistance_allowed
    assert "medical" in s.clearances_needed
    program = program_for(profile)
    assert not components(program) & {Component.RESISTANCE, Component.IMPACT}


def test_r32_chest_pain_withholds_and_says_to_see_a_doctor() -> None:
    s = run(with_clearance(client(symptoms=(Symptom.CHEST_PAIN,)), medical=True))
    assert s.status is ProgramStatus.WITHHELD
    message = next(f.message for f in s.findings if f.rule == "R32")
    assert "chest pain" in message and "doctor" in message


# --- R33: height loss -------------------------------------------------------------------------


@pytest.mark.parametrize(("baseline", "flagged"), [(162.0, True), (161.9, False), (165.5, True)])
def test_r33_height_loss_of_2_cm_is_flagged(baseline: float, flagged: bool) -> None:
    s = run(client(height_cm=160.0, baseline_height_cm=baseline))
    assert ("R33" in rules(s)) is flagged


def test_r33_no_baseline_no_flag() -> None:
    assert "R33" not in rules(run(client(height_cm=150.0, baseline_height_cm=None)))


# --- Missing information is treated conservatively and said -----------------------------------


def test_missing_parq_needs_clearance_with_a_finding() -> None:
    s = run(client(parq_yes=None))
    assert s.status is ProgramStatus.NEEDS_CLEARANCE
    assert any("PAR-Q" in f.message for f in s.findings if f.rule == "R1")


def test_missing_bone_data_gives_spine_precautions_and_a_finding() -> None:
    s = run(client(bone=Bone()))
    assert s.bone_category is BoneCategory.UNKNOWN
    assert set(s.excluded_tags) == set(SpineRisk)
    assert any(
        f.severity is not Severity.INFO and "scan" in f.message.lower()
        for f in s.findings
        if f.rule == "R27"
    )


def test_missing_functional_tests_give_a_finding() -> None:
    s = run(client(tests=FunctionalTests()))
    assert any("test" in f.message.lower() for f in s.findings if f.severity is Severity.SHOULD)


def test_missing_falls_history_and_tests_keep_impact_low() -> None:
    s = run(client(tests=FunctionalTests(), falls_last_year=None))
    assert s.falls_risk is FallsRisk.UNKNOWN
    assert s.max_impact.rank <= ImpactLevel.LOW.rank


# --- Example profiles -------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_gets_a_safe_program_or_a_clear_reason(path) -> None:
    profile = load_profile(path, today=TODAY)
    program = plan_program(profile, today=TODAY)
    used = components(program)
    if program.status is ProgramStatus.READY:
        assert program.weeks and Component.RESISTANCE in used and Component.BALANCE in used
    else:
        assert not used & {Component.RESISTANCE, Component.IMPACT}
        assert program.screening.findings
        if program.status is ProgramStatus.NEEDS_CLEARANCE:
            assert program.weeks == ()
            assert program.screening.clearances_needed
    assert_clean(profile, program)


# --- Findings are plain language ---------------------------------------------------------------


_JARGON_START = re.compile(r"\s*(\(?R\d+\b|rule\b|\[|[a-z]+_[a-z_]+\b)", re.IGNORECASE)
_SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")

MESSAGE_PROFILES = [
    BASE,
    client(parq_yes=None, bone=Bone(), tests=FunctionalTests(), falls_last_year=None),
    client(parq_yes=(1, 2, 6), conditions=(Condition.HYPERTENSION, Condition.DEMENTIA)),
    client(conditions=CONTRAINDICATIONS[:3], symptoms=tuple(Symptom)),
    client(fractures=(fracture(FractureSite.VERTEBRA, 20), fracture(FractureSite.HIP, 10))),
    client(blood_pressure=BloodPressure(systolic=170, diastolic=105)),
    client(age=80, tests=replace(BASE.tests, sppb=2), height_cm=150.0, baseline_height_cm=155.0),
    client(conditions=(Condition.KNEE_OSTEOARTHRITIS,), falls_last_year=2),
    HI_READY,
    HIGH_IMPACT_READY,
]


def _all_findings() -> list[tuple[str, str]]:
    out = []
    for profile in MESSAGE_PROFILES:
        out += [(f.rule, f.message) for f in run(profile).findings]
    for path in EXAMPLES:
        program = plan_program(load_profile(path, today=TODAY), today=TODAY)
        out += [(f.rule, f.message) for f in program.screening.findings]
    return out


def test_every_finding_message_is_plain_text() -> None:
    findings = _all_findings()
    assert len({rule for rule, _ in findings}) >= 10
    for rule, message in findings:
        assert message.strip() == message and message, (rule, message)
        assert not _JARGON_START.match(message), (rule, message)
        assert message[0].isupper(), (rule, message)
        assert not _SNAKE_CASE.search(message), (rule, message)
        assert rule.startswith("R") and rule[1:].isdigit(), rule
