"""Engine records are what they say (issue 18): states are StrEnums that serialize as their
words and decode back to the enum, and a frozen record's mappings are read-only too, while
still pickling, copying and serializing as before."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import replace
from datetime import date, timedelta

import pytest

from osteoload.domain import (
    Assessment,
    Bone,
    BoneScan,
    BoneStatus,
    CatalogueError,
    Clearance,
    ClientProfile,
    Dosing,
    Equipment,
    EstimateFlag,
    EstimateMethod,
    Experience,
    Finding,
    FunctionalTests,
    NormStatus,
    OneRmEstimate,
    Program,
    SarcopeniaStatus,
    ScannerMake,
    ScoreBasis,
    ScoreOrigin,
    Screening,
    SessionKind,
    Severity,
    Sex,
    SignOff,
    Site,
    Step,
    StrengthSet,
    TScoreSource,
    assess,
    build_catalogue,
    classify_bone,
    estimate_one_rm,
    from_jsonable,
    generate_program,
    jsonable,
    screen,
    screening_decision,
)
from osteoload.domain.frozen import frozen_mapping
from tests.domain.test_program_properties import CATALOGUE, START


def her_profile() -> ClientProfile:
    """A client with tests (sarcopenia probable: grip 14 kg) and recent sets (working maxes)."""
    return ClientProfile(
        age=66,
        sex=Sex.FEMALE,
        parq_yes=(),
        clearance=Clearance(medical=True),
        experience=Experience.NOVICE,
        equipment=(Equipment.DUMBBELLS, Equipment.BODYWEIGHT, Equipment.CHAIR),
        tests=FunctionalTests(
            date=START - timedelta(days=7), tug_s=9.0, five_sts_s=12.0, grip_kg=14.0
        ),
        strength=(
            StrengthSet(
                exercise="goblet_squat",
                load_kg=16,
                reps=8,
                rpe=8.0,
                date=START - timedelta(days=7),
            ),
        ),
    )


def her_program() -> Program:
    profile = her_profile()
    return generate_program(profile, screen(profile, as_of=START), CATALOGUE, start=START, weeks=4)


# --- StrEnums for states --------------------------------------------------------------------


def test_session_kinds_are_an_enum_and_serialize_as_their_words():
    program = her_program()
    kinds = {s.kind for w in program.weeks for s in w.sessions}
    assert SessionKind.RESISTANCE in kinds
    assert all(type(k) is SessionKind for k in kinds)
    words = {s["kind"] for w in jsonable(program)["weeks"] for s in w["sessions"]}
    assert words <= {"resistance", "impact_balance"}
    assert all(type(w) is str for w in words)


def test_ewgsop2_sarcopenia_status_and_test_statuses_are_enums():
    """EWGSOP2 (section 10): grip 14 kg < 16 kg is probable sarcopenia."""
    assessment = assess(her_profile(), as_of=START)
    assert assessment.sarcopenia.status is SarcopeniaStatus.PROBABLE
    assert {type(t.status) for t in assessment.tests} == {NormStatus}
    data = jsonable(assessment)
    assert data["sarcopenia"]["status"] == "probable"
    assert {t["status"] for t in data["tests"]} <= {"ok", "below", "risk"}


def test_r21_r22_estimate_flags_and_method_are_enums_with_the_same_words():
    """R21: 13 reps is unreliable; R22: with an effort and 13-15 reps, min(Epley, Brzycki)
    at reps + RIR."""
    estimate = estimate_one_rm(40, 13, rpe=8)
    assert estimate.flags == (EstimateFlag.UNRELIABLE, EstimateFlag.OUTSIDE_R20)
    assert estimate.method is EstimateMethod.R22_EFFECTIVE
    data = jsonable(estimate)
    assert data["flags"] == ["estimate_unreliable", "outside_r20_range"]
    assert data["method"] == "min(epley, brzycki) at reps + rir (R22)"
    assert json.dumps(estimate.flags) == '["estimate_unreliable", "outside_r20_range"]'


def test_enum_fields_decode_back_to_their_enums():
    """(jsonable rounds floats to 4 decimals, so records are compared as JSON.)"""
    program = her_program()
    again = from_jsonable(Program, json.loads(json.dumps(jsonable(program))))
    assert all(type(s.kind) is SessionKind for w in again.weeks for s in w.sessions)
    assert jsonable(again) == jsonable(program)

    assessment = assess(her_profile(), as_of=START)
    back = from_jsonable(Assessment, json.loads(json.dumps(jsonable(assessment))))
    assert back.sarcopenia.status is SarcopeniaStatus.PROBABLE
    assert {type(t.status) for t in back.tests} == {NormStatus}

    estimate = estimate_one_rm(40, 13, rpe=8)
    decoded = from_jsonable(OneRmEstimate, json.loads(json.dumps(jsonable(estimate))))
    assert jsonable(decoded) == jsonable(estimate)
    assert type(decoded.method) is EstimateMethod
    assert {type(f) for f in decoded.flags} == {EstimateFlag}


# --- Read-only mappings in frozen records ----------------------------------------------------


def test_a_programs_working_maxes_cannot_be_changed():
    program = her_program()
    assert program.working_max_kg  # R22: from her recent goblet squats
    with pytest.raises(TypeError):
        program.working_max_kg["goblet_squat"] = 500.0  # type: ignore[index]
    with pytest.raises(AttributeError):
        program.working_max_kg.clear()  # type: ignore[attr-defined]


def test_findings_steps_and_estimates_cannot_be_changed():
    finding = Finding(rule="R1", severity=Severity.MUST, message="", code="x", data={"a": 1})
    step = Step(code="see_doctor", clearance=SignOff.MEDICAL, data={"b": 2})
    estimate = estimate_one_rm(40, 8, rpe=8)
    for mapping in (finding.data, step.data, estimate.estimates):
        with pytest.raises(TypeError):
            mapping["new"] = 1  # type: ignore[index]
        with pytest.raises(TypeError):
            del mapping[next(iter(mapping))]  # type: ignore[attr-defined]


def test_the_dict_a_record_was_built_from_cannot_change_it_afterwards():
    data = {"a": 1}
    finding = Finding(rule="R1", severity=Severity.MUST, message="", data=data)
    data["a"] = 2
    assert finding.data == {"a": 1}
    later = replace(finding, message="words")
    assert later.data == {"a": 1}
    with pytest.raises(TypeError):
        later.data["a"] = 3  # type: ignore[index]


def test_read_only_records_pickle_copy_and_serialize_as_before():
    program = her_program()
    for again in (pickle.loads(pickle.dumps(program)), copy.deepcopy(program), copy.copy(program)):
        assert again == program
        with pytest.raises(TypeError):
            again.working_max_kg["goblet_squat"] = 1.0  # type: ignore[index]
    estimate = estimate_one_rm(40, 8, rpe=8)
    assert pickle.loads(pickle.dumps(estimate)) == estimate
    finding = Finding(rule="R1", severity=Severity.MUST, message="m", data={"a": [1, 2]})
    assert pickle.loads(pickle.dumps(finding)) == finding
    data = jsonable(program)
    assert type(data["working_max_kg"]) is dict
    assert data["working_max_kg"] == {k: round(v, 4) for k, v in program.working_max_kg.items()}
    again = from_jsonable(Program, data)
    with pytest.raises(TypeError):
        again.working_max_kg["goblet_squat"] = 1.0  # type: ignore[index]
    assert jsonable(frozen_mapping({"d": date(2026, 1, 5)})) == {"d": "2026-01-05"}


def test_catalogue_doses_are_an_enum_and_a_wrong_one_is_still_named():
    assert {type(e.dose) for e in CATALOGUE.values()} == {Dosing}
    assert CATALOGUE["goblet_squat"].dose is Dosing.REPS
    raw = {
        "id": "wall_sit", "name": "Wall sit", "component": "resistance", "pattern": "squat",
        "regions": ["legs"], "sites": [], "impact": "none", "tags": [], "equipment": ["wall"],
        "level": 1, "regressions": [], "progressions": [], "cues": ["Back flat", "Breathe"],
        "safety": "Stop if it hurts.", "why": "Strong legs.", "dose": "seconds",
        "loadable": False, "seconds_per_rep": 1,
    }  # fmt: skip
    with pytest.raises(CatalogueError, match="dose 'seconds' is not one of reps, hold, impacts"):
        build_catalogue([raw])
    assert build_catalogue([{**raw, "dose": "hold"}])["wall_sit"].dose is Dosing.HOLD


def test_r27_r28_bone_basis_sources_and_origins_are_enums_and_data_stays_plain():
    """R27: the lowest T-score decides; R28: a Hologic g/cm2 gives a computed T-score."""
    scan = BoneScan(
        site=Site.FEMORAL_NECK, bmd_g_cm2=0.55, scanner=ScannerMake.HOLOGIC, recorded=True
    )
    profile = replace(
        her_profile(), bone=Bone(lumbar_spine_t=-1.2, total_hip_t=-1.0, scans=(scan,))
    )
    status = classify_bone(profile)
    assert status.basis is ScoreBasis.T_SCORE
    sources = {s.site: s.t_source for s in status.scores}
    assert sources[Site.LUMBAR_SPINE] is TScoreSource.REPORT
    assert sources[Site.FEMORAL_NECK] is TScoreSource.COMPUTED
    assert status.deciding is not None
    assert status.deciding.origin is ScoreOrigin.RECORDED_SCAN
    back = from_jsonable(BoneStatus, json.loads(json.dumps(jsonable(status))))
    assert back.basis is ScoreBasis.T_SCORE
    assert {type(s.t_source) for s in back.scores} == {TScoreSource}
    assert classify_bone(her_profile()).basis is ScoreBasis.NONE
    r27 = next(f for f in screen(profile, as_of=START).findings if f.rule == "R27")
    assert type(r27.data["basis"]) is str and r27.data["basis"] == "t_score"
    assert type(r27.data["source"]) is str and r27.data["source"] == "recorded_scan"


def test_r1_r32a_who_signs_off_is_an_enum_in_steps_screenings_and_stop_decisions():
    """R1: a PAR-Q+ yes needs her doctor's clearance; R32a: the stop decision carries it."""
    profile = replace(her_profile(), parq_yes=(1,), clearance=Clearance())
    screening = screen(profile, as_of=START)
    assert SignOff.MEDICAL in screening.clearances_needed
    assert {type(c) for c in screening.clearances_needed} == {SignOff}
    assert {type(s.clearance) for s in screening.steps} == {SignOff}
    decision = screening_decision(profile, screening, as_of=START)
    assert decision.clearances_needed == screening.clearances_needed
    data = jsonable(screening)
    assert "medical" in data["clearances_needed"]
    back = from_jsonable(Screening, json.loads(json.dumps(data)))
    assert back.clearances_needed == screening.clearances_needed
    assert {type(c) for c in back.clearances_needed} == {SignOff}
    assert jsonable(back) == data
