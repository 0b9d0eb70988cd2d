"""Property tests: for any valid client, the generated program obeys the rules (R1-R33).

Profiles are built directly as domain records (not through YAML) over a wide space: age,
sex, menopause, T-scores, fractures (recent and old, vertebral or not, trauma known or not),
falls, medications, conditions (rarely a Vivifrail contraindication), red-flag symptoms,
blood pressure, PAR-Q+ answers, clearances, supervision, experience, equipment, schedule,
functional tests and recent strength sets. Every program is checked by the independent
checker in ``tests/domain/rule_checker.py``; a second group of tests shows that the checker
itself catches each kind of violation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.data.loader import load_catalogue
from osteoload.domain.catalogue import Exercise
from osteoload.domain.profile import (
    BloodPressure,
    Bone,
    Clearance,
    ClientProfile,
    Fracture,
    FunctionalTests,
    Schedule,
    StrengthSet,
)
from osteoload.domain.program import Program, ProgramItem, Session
from osteoload.domain.programming import generate_program
from osteoload.domain.screening import screen
from osteoload.domain.vocabulary import (
    KEY_LIFT_IDS,
    Component,
    Condition,
    Equipment,
    Experience,
    FractureSite,
    ImpactLevel,
    Medication,
    Menopause,
    Phase,
    ProgramStatus,
    Sex,
    Symptom,
)
from tests.depth import examples
from tests.domain.rule_checker import check_program

CATALOGUE = load_catalogue()
START = date(2027, 1, 4)  # a Monday
WEEKS = (4, 8, 12, 16)

#: Valid resistance-day sets: 2-3 weekdays, never consecutive (Sunday->Monday included).
RESISTANCE_DAYS = ((1, 4), (2, 5), (1, 3, 5), (2, 4, 6), (1, 3, 6), (3, 6), (2, 6), (1, 5))

COMMON_CONDITIONS = (
    Condition.KNEE_OSTEOARTHRITIS,
    Condition.HIP_OSTEOARTHRITIS,
    Condition.HYPERTENSION,
    Condition.HYPERTENSION_UNCONTROLLED,
    Condition.HEART_DISEASE,
    Condition.DIABETES,
    Condition.RHEUMATOID_ARTHRITIS,
    Condition.DEMENTIA,
)
CONTRAINDICATIONS = tuple(c for c in Condition if c not in COMMON_CONDITIONS)


# --- Strategies ---------------------------------------------------------------------------
# Built once at import time and kept to few draws per profile: Hypothesis' bookkeeping per
# draw costs about as much as screening and generating the program, and the main property
# runs 2,000 examples.


def weighted(*choices: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """One of several strategies, picked with the given relative weights.

    Hypothesis favours the ends of an integer range (and so the last branch of ``one_of``);
    spreading each weight unit over many integers keeps the proportions close to the weights.
    """
    table = [strategy for weight, strategy in choices for _ in range(weight)]
    spread = 64
    index = st.integers(0, spread * len(table) - 1)

    @st.composite
    def choose(draw: st.DrawFn) -> object:
        return draw(table[draw(index) // spread])

    return choose()


def pick(*choices: tuple[int, object]) -> st.SearchStrategy:
    """A constant, picked with the given relative weights (one draw)."""
    return st.sampled_from(tuple(value for weight, value in choices for _ in range(weight)))


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def decimals(low: float, high: float, places: int = 1) -> st.SearchStrategy:
    return st.floats(low, high, allow_nan=False).map(lambda x: round(x, places))


def some_of(values: tuple, *, at_most: int | None = None) -> st.SearchStrategy:
    """A subset of ``values`` (possibly empty) from one bit-mask draw, in ``values`` order."""

    def from_mask(mask: int) -> tuple:
        chosen = tuple(v for i, v in enumerate(values) if mask >> i & 1)
        return chosen[:at_most] if at_most is not None else chosen

    return st.integers(0, 2 ** len(values) - 1).map(from_mask)


T_SCORE = weighted(
    (2, st.none()),
    (3, decimals(-2.4, 2.0, 2)),
    (2, decimals(-5.0, 2.0, 2)),
    (1, st.sampled_from((-1.0, -1.01, -2.5, -2.49, -2.51))),  # the R27 boundaries
)
DAYS_AGO = weighted(
    (4, st.integers(0, 3 * 365)),
    (1, st.sampled_from((0, 27, 28, 29, 83, 84, 85, 364, 365, 366))),  # R3, R4, R16 edges
)


def _fracture(site: FractureSite, low_trauma: bool | None, ago: int, year_only: bool) -> Fracture:
    when = START - timedelta(days=ago)
    if year_only:  # sometimes only the year is known
        return Fracture(site=site, year=when.year, low_trauma=low_trauma)
    return Fracture(site=site, date=when, low_trauma=low_trauma)


FRACTURE = st.builds(
    _fracture,
    site=st.sampled_from(tuple(FractureSite)),
    low_trauma=st.sampled_from((True, False, None)),
    ago=DAYS_AGO,
    year_only=pick((4, False), (1, True)),
)
FRACTURES = weighted((3, st.just(())), (2, st.lists(FRACTURE, min_size=1, max_size=3).map(tuple)))


def _blood_pressure(systolic: int, diastolic: int) -> BloodPressure:
    return BloodPressure(systolic=systolic, diastolic=min(diastolic, systolic - 10))


BLOOD_PRESSURE = maybe(
    st.builds(
        _blood_pressure,
        systolic=weighted((6, st.integers(100, 159)), (1, st.integers(160, 200))),
        diastolic=weighted((6, st.integers(55, 99)), (1, st.integers(100, 120))),
    )
)
TESTS = weighted(
    (1, st.just(FunctionalTests())),
    (
        3,
        st.builds(
            FunctionalTests,
            date=st.just(START - timedelta(days=20)),
            tug_s=st.one_of(
                st.none(), decimals(5, 12), decimals(5, 25), st.sampled_from((13.4, 13.5))
            ),
            gait_speed_m_s=st.one_of(
                st.none(), decimals(0.9, 1.6), decimals(0.4, 1.6), st.sampled_from((0.79, 0.8))
            ),
            sppb=st.one_of(st.none(), st.integers(10, 12), st.integers(0, 12)),
            chair_stand_30s=maybe(st.integers(3, 25)),
            single_leg_stance_s=maybe(decimals(0, 60)),
        ),
    ),
)


def _strength(lifts: tuple[str, ...], seed: int) -> tuple[StrengthSet, ...]:
    """Up to four recent sets of the chosen key lifts; load, reps and RPE from ``seed``."""
    values = Random(seed)
    return tuple(
        StrengthSet(
            exercise=lift,
            load_kg=values.randint(10, 240) / 2,  # 5-120 kg in 0.5 kg steps
            reps=values.randint(3, 12),
            rpe=values.choice((7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0)),
            date=START - timedelta(days=10),
        )
        for lift in lifts
    )


STRENGTH = weighted(
    (1, st.just(())),
    (1, st.builds(_strength, some_of(KEY_LIFT_IDS, at_most=4), st.integers(0, 2**32))),
)
CONDITIONS = st.builds(
    lambda common, contra: common + ((contra,) if contra is not None else ()),
    weighted((1, st.just(())), (1, some_of(COMMON_CONDITIONS, at_most=3))),
    weighted((24, st.none()), (1, st.sampled_from(CONTRAINDICATIONS))),  # R2: rarely
)
SYMPTOMS = weighted((19, st.just(())), (1, st.sampled_from(tuple(Symptom)).map(lambda s: (s,))))
PARQ = weighted(
    (1, st.none()),
    (3, st.just(())),
    (2, some_of(tuple(range(1, 8))).filter(bool)),
)
CLEARANCE = st.builds(
    Clearance,
    medical=pick((2, True), (1, False)),
    impact=st.booleans(),
    high_intensity=st.booleans(),
    physio=st.booleans(),
)
EQUIPMENT = weighted((1, st.none()), (4, some_of(tuple(Equipment)).filter(bool)))
SCHEDULE = st.builds(
    Schedule,
    resistance_days=st.sampled_from(RESISTANCE_DAYS),
    minutes_per_session=weighted((3, st.integers(15, 120)), (1, st.sampled_from((15, 20)))),
    start_date=st.just(START),
)
BONE = st.builds(Bone, lumbar_spine_t=T_SCORE, total_hip_t=T_SCORE, femoral_neck_t=T_SCORE)
FALLS = pick((1, None), (5, 0), (2, 1), (1, 2), (1, 3), (1, 4))
FALL_WITH_INJURY = pick((1, None), (4, False), (1, True))
HEIGHT_LOSS = pick((2, None), (1, 0.0), (1, 1.0), (1, 1.9), (1, 2.0), (1, 3.5))


@st.composite
def profiles(draw: st.DrawFn) -> ClientProfile:
    age = draw(st.integers(18, 100))
    sex = draw(st.sampled_from(tuple(Sex)))
    menopause = None if sex is Sex.MALE else draw(maybe(st.sampled_from(tuple(Menopause))))
    years = None
    if menopause is Menopause.POST and age > 26:
        years = draw(st.integers(0, min(40, age - 26)))
    height = draw(maybe(st.integers(145, 185).map(float)))
    loss = draw(HEIGHT_LOSS)
    return ClientProfile(
        age=age,
        sex=sex,
        menopause=menopause,
        years_since_menopause=years,
        height_cm=height,
        baseline_height_cm=None if height is None or loss is None else height + loss,
        weight_kg=draw(maybe(st.integers(40, 110).map(float))),
        bone=draw(BONE),
        fractures=draw(FRACTURES),
        falls_last_year=draw(FALLS),
        fall_with_injury_last_year=draw(FALL_WITH_INJURY),
        medications=draw(some_of(tuple(Medication), at_most=3)),
        conditions=draw(CONDITIONS),
        symptoms=draw(SYMPTOMS),
        blood_pressure=draw(BLOOD_PRESSURE),
        parq_yes=draw(PARQ),
        clearance=draw(CLEARANCE),
        supervised=draw(st.booleans()),
        experience=draw(maybe(st.sampled_from(tuple(Experience)))),
        equipment=draw(EQUIPMENT),
        schedule=draw(SCHEDULE),
        tests=draw(TESTS),
        strength=draw(STRENGTH),
    )


def plan(profile: ClientProfile, weeks: int) -> Program:
    screening = screen(profile, as_of=START)
    return generate_program(profile, screening, CATALOGUE, start=START, weeks=weeks)


def report(violations: list[str], profile: ClientProfile, weeks: int, limit: int = 15) -> str:
    """The violations, then the profile in full (pytest would cut it short) to reproduce."""
    shown = "\n  ".join(violations[:limit])
    more = f"\n  ... and {len(violations) - limit} more" if len(violations) > limit else ""
    return (
        f"{len(violations)} rule violation(s) in a {weeks}-week program:\n  {shown}{more}\n"
        f"profile: {profile!r}"
    )


# --- The main property ----------------------------------------------------------------------


def assert_obeys_the_rules(profile: ClientProfile, weeks: int) -> None:
    program = plan(profile, weeks)
    violations = check_program(profile, program.screening, program, CATALOGUE)
    assert violations == [], report(violations, profile, weeks)


@pytest.mark.slow  # about 70-80 s on a 2-core machine: 2,000 profiles, up to 16 weeks each
@settings(max_examples=examples(2000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), weeks=st.sampled_from(WEEKS))
def test_every_generated_program_obeys_the_rules(profile: ClientProfile, weeks: int) -> None:
    assert_obeys_the_rules(profile, weeks)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), weeks=st.sampled_from(WEEKS))
def test_generated_programs_obey_the_rules_quick(profile: ClientProfile, weeks: int) -> None:
    """The same property on fewer examples, for runs that deselect ``slow``."""
    assert_obeys_the_rules(profile, weeks)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), weeks=st.sampled_from(WEEKS))
def test_generation_is_deterministic(profile: ClientProfile, weeks: int) -> None:
    assert plan(profile, weeks) == plan(profile, weeks)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_long_programs_keep_deloads_and_rpe_caps(profile: ClientProfile) -> None:
    """Beyond 12 weeks: deloads keep coming (every 4-6 weeks) and RPE stays <= 9 (R17)."""
    assert_obeys_the_rules(profile, 26)


# --- The checker catches violations ---------------------------------------------------------


def base_profile(**changes: object) -> ClientProfile:
    profile = ClientProfile(
        age=62,
        sex=Sex.FEMALE,
        menopause=Menopause.POST,
        years_since_menopause=10,
        bone=Bone(lumbar_spine_t=-1.6, total_hip_t=-1.2, femoral_neck_t=-1.4),
        falls_last_year=0,
        fall_with_injury_last_year=False,
        parq_yes=(),
        experience=Experience.INTERMEDIATE,
        schedule=Schedule(resistance_days=(1, 3, 5), minutes_per_session=60, start_date=START),
        tests=FunctionalTests(tug_s=7.5, gait_speed_m_s=1.25, single_leg_stance_s=30),
    )
    return replace(profile, **changes)


def item_from(exercise: Exercise, **dose: object) -> ProgramItem:
    fields: dict[str, object] = {"sets": 2, "reps": 10, **dose}
    return ProgramItem(
        exercise_id=exercise.id,
        name=exercise.name,
        component=exercise.component,
        pattern=exercise.pattern,
        regions=exercise.regions,
        impact=exercise.impact,
        tags=exercise.tags,
        equipment=exercise.equipment,
        why=exercise.why,
        **fields,  # type: ignore[arg-type]
    )


def with_item(program: Program, week: int, item: ProgramItem, session: int = 0) -> Program:
    """``program`` with ``item`` added to one session of one week."""
    weeks = list(program.weeks)
    target = weeks[week - 1]
    sessions = list(target.sessions)
    sessions[session] = replace(sessions[session], items=sessions[session].items + (item,))
    weeks[week - 1] = replace(target, sessions=tuple(sessions))
    return replace(program, weeks=tuple(weeks))


def map_items(program: Program, change: Callable[[int, ProgramItem], ProgramItem]) -> Program:
    """``program`` with ``change(week_number, item)`` applied to every item."""
    weeks = []
    for week in program.weeks:
        sessions = []
        for session in week.sessions:
            items = tuple(change(week.week, item) for item in session.items)
            sessions.append(replace(session, items=items))
        weeks.append(replace(week, sessions=tuple(sessions)))
    return replace(program, weeks=tuple(weeks))


def clean(profile: ClientProfile, weeks: int = 12) -> Program:
    program = plan(profile, weeks)
    assert check_program(profile, program.screening, program, CATALOGUE) == []
    return program


def caught(profile: ClientProfile, program: Program, *needles: str) -> list[str]:
    violations = check_program(profile, program.screening, program, CATALOGUE)
    assert violations, "the checker missed an injected violation"
    for needle in needles:
        assert any(needle in v for v in violations), (needle, violations)
    return violations


def test_checker_catches_high_impact_after_vertebral_fracture() -> None:
    profile = base_profile(
        fractures=(Fracture(site=FractureSite.VERTEBRA, date=date(2024, 3, 1), low_trauma=True),),
        supervised=True,
    )
    program = clean(profile)
    bad = with_item(program, 10, item_from(CATALOGUE["tuck_jumps"], impacts=20, reps=None))
    caught(profile, bad, "tuck_jumps", "(R8)", "above the allowed")


def test_checker_catches_moderate_impact_with_two_fragility_fractures() -> None:
    profile = base_profile(
        fractures=(
            Fracture(site=FractureSite.WRIST, date=date(2023, 5, 1), low_trauma=True),
            Fracture(site=FractureSite.RIB, year=2022, low_trauma=None),
        )
    )
    program = clean(profile)
    bad = with_item(program, 6, item_from(CATALOGUE["two_foot_hops"], impacts=20, reps=None))
    caught(profile, bad, "two_foot_hops", "(R8)")


def test_checker_catches_a_sit_up_for_osteoporosis() -> None:
    profile = base_profile(bone=Bone(lumbar_spine_t=-2.8, total_hip_t=-2.0))
    program = clean(profile)
    bad = with_item(program, 3, item_from(CATALOGUE["sit_up"]))
    caught(profile, bad, "sit_up", "(R6)", "excluded spine-risk tags")


def test_checker_catches_spine_risk_even_if_screening_forgot_it() -> None:
    profile = base_profile(bone=Bone(lumbar_spine_t=-2.8))
    program = clean(profile)
    lax = replace(program.screening, excluded_tags=())
    bad = replace(with_item(program, 2, item_from(CATALOGUE["russian_twist"])), screening=lax)
    violations = caught(profile, bad, "russian_twist", "(R6)")
    assert not any("excluded spine-risk tags" in v for v in violations)


def test_checker_catches_90_percent_1rm() -> None:
    profile = base_profile()
    program = clean(profile)

    def heavier(week: int, item: ProgramItem) -> ProgramItem:
        if week == 10 and item.intensity_pct_1rm is not None:
            return replace(item, intensity_pct_1rm=90.0)
        return item

    caught(profile, map_items(program, heavier), "90 % 1RM is above 85 %", "rises from")


def test_checker_catches_rpe_and_reps_out_of_range() -> None:
    profile = base_profile()
    program = clean(profile, weeks=16)

    def harder(week: int, item: ProgramItem) -> ProgramItem:
        if item.component is not Component.RESISTANCE:
            return item
        if week == 2:
            return replace(item, reps=5 if item.reps is not None else None, target_rpe=8.0)
        if week == 11:
            return replace(item, target_rpe=8.5)
        if week == 14:
            return replace(item, target_rpe=9.5)
        return item

    caught(
        profile,
        map_items(program, harder),
        "5 reps in familiarisation (R14)",
        "target RPE 8 in familiarisation (R14)",
        "target RPE 8.5 above 8 (R17)",
        "target RPE 9.5 above 9 (R17)",
    )


def test_checker_catches_resistance_in_a_withheld_program() -> None:
    recent = Fracture(site=FractureSite.WRIST, date=START - timedelta(days=10), low_trauma=True)
    profile = base_profile(fractures=(recent,))
    program = clean(profile)
    assert program.status is ProgramStatus.WITHHELD
    bad = with_item(program, 1, item_from(CATALOGUE["goblet_squat"]))
    caught(profile, bad, "goblet_squat", "resistance item in a withheld program", "R3 fracture")


def test_checker_catches_sessions_in_a_needs_clearance_program() -> None:
    profile = base_profile(parq_yes=(1, 2))
    program = clean(profile)
    assert program.status is ProgramStatus.NEEDS_CLEARANCE and program.weeks == ()
    other = clean(base_profile())
    bad = replace(program, weeks=other.weeks[:1])
    caught(profile, bad, "needs_clearance program has", "R1 PAR-Q+ yes")


def test_checker_catches_training_despite_a_contraindication() -> None:
    profile = base_profile(conditions=(Condition.UNSTABLE_ANGINA,))
    program = clean(profile)
    assert program.status is ProgramStatus.WITHHELD and program.weeks == ()
    bad = replace(program, weeks=clean(base_profile()).weeks[:1])
    caught(profile, bad, "resistance despite R2 contraindication", "item in a withheld program")


def test_checker_catches_missing_equipment_supervision_and_early_high_impact() -> None:
    profile = base_profile(
        bone=Bone(lumbar_spine_t=0.2, total_hip_t=0.1),
        equipment=(Equipment.BANDS, Equipment.MAT),
    )
    program = clean(profile)
    bad = with_item(program, 2, item_from(CATALOGUE["back_squat"]))
    bad = with_item(bad, 3, item_from(CATALOGUE["drop_landings"], impacts=10, reps=None))
    caught(
        profile,
        bad,
        "needs equipment she does not have",
        "supervised-only exercise without supervision",
        "high impact before week 9 (R11)",
        "high impact without supervision (R11)",
    )


def test_checker_catches_free_weights_for_an_unsupervised_high_falls_risk() -> None:
    profile = base_profile(falls_last_year=3)
    program = clean(profile)
    assert not program.screening.free_weights_allowed
    bad = with_item(program, 5, item_from(CATALOGUE["dumbbell_row"]))
    caught(profile, bad, "free weights while screening forbids them (R9)", "with high falls risk")


def test_checker_catches_overhead_press_and_deadlift_after_vertebral_fracture() -> None:
    profile = base_profile(
        fractures=(Fracture(site=FractureSite.VERTEBRA, date=date(2023, 1, 10), low_trauma=True),)
    )
    program = clean(profile)
    bad = with_item(program, 6, item_from(CATALOGUE["overhead_press"]))
    bad = with_item(bad, 6, item_from(CATALOGUE["deadlift"]), session=1)
    caught(profile, bad, "overhead press after a vertebral fracture (R19)", "deadlift after")


def test_checker_catches_schedule_coverage_balance_and_posture_gaps() -> None:
    profile = base_profile()
    program = clean(profile)
    week = program.weeks[4]
    keep = []
    for session in week.sessions:
        if session.kind == "resistance" and session.day != 1:
            continue  # drop two of the three resistance sessions
        items = tuple(
            i for i in session.items if i.component not in (Component.BALANCE, Component.POSTURE)
        )
        keep.append(replace(session, items=items))
    weeks = list(program.weeks)
    weeks[4] = replace(week, sessions=tuple(keep))
    caught(
        profile,
        replace(program, weeks=tuple(weeks)),
        "week 5: resistance on days [1], scheduled [1, 3, 5] (R13)",
        "week 5: 1 resistance sessions (R13: 2-3)",
        "week 5: no posture or back-extensor exercise (R7)",
        "(R23)",
    )


def test_checker_catches_consecutive_days_and_wrong_dates() -> None:
    profile = base_profile()
    program = clean(profile)
    week = program.weeks[1]
    monday = week.sessions[0]
    assert monday.kind == "resistance" and monday.day == 1
    tuesday = replace(monday, day=2, date=monday.date + timedelta(days=1))
    stray = replace(monday, day=3, date=monday.date + timedelta(days=14))
    sessions: list[Session] = [monday, tuesday, *week.sessions[2:], stray]
    weeks = list(program.weeks)
    weeks[1] = replace(week, sessions=tuple(sessions))
    caught(
        profile,
        replace(program, weeks=tuple(weeks)),
        "consecutive days",
        "date outside",
        "is not the weekday of",
    )


def test_checker_catches_long_sessions_empty_why_and_zero_sets() -> None:
    profile = base_profile()
    program = clean(profile)
    weeks = list(program.weeks)
    first = weeks[0].sessions[0]
    items = (replace(first.items[0], why="  ", sets=0), *first.items[1:])
    long = replace(first, items=items, minutes=profile.schedule.minutes_per_session + 1)
    weeks[0] = replace(weeks[0], sessions=(long, *weeks[0].sessions[1:]))
    caught(
        profile,
        replace(program, weeks=tuple(weeks)),
        "exceeds 60 min per session",
        "no 'why'",
        ": 0 sets",
    )


def test_checker_catches_missing_deloads_and_impact_days() -> None:
    profile = base_profile(bone=Bone(lumbar_spine_t=0.0))
    program = clean(profile, weeks=16)
    assert program.screening.max_impact.rank >= ImpactLevel.MODERATE.rank
    weeks = []
    for week in program.weeks:
        sessions = tuple(
            replace(s, items=tuple(i for i in s.items if i.component is not Component.IMPACT))
            for s in week.sessions
        )
        phase = Phase.STRENGTH if week.phase is Phase.DELOAD else week.phase
        weeks.append(replace(week, sessions=sessions, phase=phase))
    caught(profile, replace(program, weeks=tuple(weeks)), "no deload for", "(R10)")


@pytest.mark.parametrize("days", [(1, 4), (2, 4, 6), (3, 6)])
def test_a_typical_client_gets_a_clean_program_on_each_schedule(days: tuple[int, ...]) -> None:
    profile = base_profile(
        schedule=Schedule(resistance_days=days, minutes_per_session=45, start_date=START)
    )
    program = clean(profile, weeks=16)
    assert program.status is ProgramStatus.READY and len(program.weeks) == 16


@given(total=st.integers(min_value=1, max_value=200))
def test_impacts_split_into_sets_that_add_up_to_the_session_total(total: int) -> None:
    """R10a: sets x per set is the session total (never more than asked), sets of <= 10."""
    from osteoload.domain.program import IMPACTS_PER_SET, MAX_IMPACT_SETS, split_impacts

    sets, per_set = split_impacts(total)
    assert 1 <= sets <= MAX_IMPACT_SETS
    assert sets * per_set <= total
    if total <= IMPACTS_PER_SET * MAX_IMPACT_SETS and total % 5 == 0:
        assert sets * per_set == total and per_set <= IMPACTS_PER_SET


def test_r11_high_drills_only_in_supervised_sessions_and_start_at_ten() -> None:
    """R11 / R10a: a supervised client cleared for high impact gets jumps only in her
    (supervised) strength sessions, never on a home day, and a new high drill starts at no
    more than 10 impacts; the checker catches a jump on a home day."""
    profile = base_profile(
        bone=Bone(lumbar_spine_t=-0.5, total_hip_t=-0.4),
        supervised=True,
        clearance=Clearance(medical=True, impact=True, high_intensity=True),
    )
    program = plan(profile, 16)
    high = [
        (week.week, session.kind, item.impacts)
        for week in program.weeks
        for session in week.sessions
        for item in session.items
        if item.impact is ImpactLevel.HIGH
    ]
    assert high, "a cleared, supervised client gets high drills after week 8"
    assert all(kind == "resistance" for _week, kind, _n in high), high
    first_week = min(week for week, _kind, _n in high)
    assert all((n or 0) <= 10 for week, _kind, n in high if week == first_week), high
    home = next(i for i, s in enumerate(program.weeks[9].sessions) if s.kind != "resistance")
    bad = with_item(
        program, 10, item_from(CATALOGUE["tuck_jumps"], impacts=10, reps=None), session=home
    )
    caught(profile, bad, "high impact on a home day (R11)")
