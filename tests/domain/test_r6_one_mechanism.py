"""R6 has one mechanism (issue 18, item 6): screening's ``excluded_tags``, which the
generator's pool and the coach's swap list (both :func:`allowed_exercises`) apply."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from osteoload.domain.assessment.bone import classify_bone
from osteoload.domain.profile import Bone, ClientProfile
from osteoload.domain.programming import allowed_exercises
from osteoload.domain.screening import screen
from osteoload.domain.vocabulary import BoneCategory, Equipment, FractureSite, Sex, SpineRisk
from tests.domain.test_program_properties import CATALOGUE, START, plan, profiles

TAGGED = {e.id for e in CATALOGUE.values() if e.tags}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_r6_no_allowed_exercise_carries_an_excluded_tag(profile: ClientProfile) -> None:
    """R6 over generated profiles: the pool holds no exercise with a tag screening excluded,
    and low, unknown or fractured bone excludes every spine-risk tag."""
    screening = screen(profile, as_of=START)
    pool = allowed_exercises(profile, screening, CATALOGUE)
    excluded = set(screening.excluded_tags)
    assert not [e.id for e in pool if set(e.tags) & excluded]
    low = classify_bone(profile).category is not BoneCategory.NORMAL or any(
        f.site is FractureSite.VERTEBRA for f in profile.fractures
    )
    if low:
        assert excluded == set(SpineRisk)
        assert not {e.id for e in pool} & TAGGED


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_r6_no_program_holds_a_spine_risk_movement(profile: ClientProfile) -> None:
    """R6: the session templates never ask for a flexion or rotation movement, so no
    generated program holds a tagged exercise, whatever her bone density."""
    program = plan(profile, 4)
    chosen = {i.exercise_id for w in program.weeks for s in w.sessions for i in s.items}
    assert not chosen & TAGGED


def test_r6_normal_bone_leaves_tagged_movements_to_the_coach() -> None:
    """R6 applies to low bone mass, osteoporosis, a vertebral fracture or unknown density;
    with normal density on a scan a coach may still swap a tagged movement in."""
    normal = ClientProfile(
        age=52,
        sex=Sex.FEMALE,
        bone=Bone(lumbar_spine_t=0.2, total_hip_t=0.1, femoral_neck_t=0.0),
        equipment=(Equipment.MAT, Equipment.DUMBBELLS),
    )
    screening = screen(normal, as_of=START)
    assert screening.excluded_tags == ()
    pool = {e.id for e in allowed_exercises(normal, screening, CATALOGUE)}
    assert "crunch" in pool
    low = replace(normal, bone=Bone(lumbar_spine_t=-1.8, total_hip_t=-1.2, femoral_neck_t=-1.5))
    low_screening = screen(low, as_of=START)
    assert "crunch" not in {e.id for e in allowed_exercises(low, low_screening, CATALOGUE)}
