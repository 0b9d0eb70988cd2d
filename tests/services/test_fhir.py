"""The FHIR R4 bundle of every example profile validates with the fhir.resources R4B models
and carries the codes docs/fhir.md documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from hypothesis import HealthCheck, given, settings

from osteoload.domain.logs import SetLog
from osteoload.domain.vocabulary import Symptom
from osteoload.services import fhir
from osteoload.services.plans import plan_program
from osteoload.services.profiles import load_profile
from tests.conftest import EXAMPLES, TODAY
from tests.domain.test_program_properties import profiles

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "fhir.md").read_text()


def _codes(bundle: dict) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "system" in node and "code" in node and node["system"] != fhir.UCUM:
                found.add((node["system"], node["code"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(bundle)
    return found


def _of(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_profile_exports_a_valid_bundle(path):
    profile = load_profile(path, today=TODAY)
    bundle = fhir.bundle_from_files(profile, (), today=TODAY, key=path.stem)
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Patient", "CarePlan"} <= kinds
    # every code used is listed in docs/fhir.md
    for system, code in _codes(bundle):
        if system in (fhir.LOCAL_EXERCISE, f"{fhir.LOCAL}:bundle"):
            continue  # every catalogue id; the bundle's own identifier
        assert f"`{code}`" in DOCS, f"{system} {code} is not in docs/fhir.md"
    patient = _of(bundle, "Patient")[0]
    assert patient["gender"] == profile.sex.value
    assert patient["birthDate"] == str(TODAY.year - profile.age)
    assert len(_of(bundle, "MedicationStatement")) == len(profile.medications)
    fractures = [c for c in _of(bundle, "Condition") if "bodySite" in c]
    assert len(fractures) == len(profile.fractures)


def _bundle(name: str, log: tuple[SetLog, ...] = ()) -> dict:
    path = next(p for p in EXAMPLES if name in p.name)
    return fhir.bundle_from_files(load_profile(path, today=TODAY), log, today=TODAY, key=name)


def test_dxa_scans_carry_loinc_body_site_and_scanner():
    bundle = _bundle("02-early")
    observations = _of(bundle, "Observation")
    spine_bmd = [o for o in observations if o["code"]["coding"][0]["code"] == "24966-4"]
    assert spine_bmd[0]["valueQuantity"] == {
        "value": 0.842, "unit": "g/cm2", "system": fhir.UCUM, "code": "g/cm2"
    }  # fmt: skip
    assert spine_bmd[0]["bodySite"]["coding"][0]["code"] == "lumbar_spine"
    assert spine_bmd[0]["effectiveDateTime"] == "2026-09-15"
    device = _of(bundle, "Device")[0]
    assert device["manufacturer"] == "Hologic"
    # the femoral neck has no LOINC term of its own: a local code
    neck = [o for o in observations if o["code"]["coding"][0]["code"] == "dxa_femoral_neck_bmd"]
    assert neck and neck[0]["code"]["coding"][0]["system"] == fhir.LOCAL_OBSERVATION


def test_osteoporosis_and_each_fracture_are_conditions_with_snomed_codes_r27():
    """R27: the engine's bone category becomes the Condition; each fracture its own."""
    bundle = _bundle("04-vertebral")
    codes = _codes(bundle)
    assert (fhir.SNOMED, "64859006") in codes
    fracture = next(c for c in _of(bundle, "Condition") if "bodySite" in c)
    assert fracture["code"]["coding"][0]["code"] == "125605004"
    assert fracture["onsetDateTime"] == "2023-08-14"
    assert fracture["bodySite"][0]["coding"][0]["code"] == "vertebra"


def test_low_bone_mass_is_osteopenia_only_when_judged_by_t_score():
    assert (fhir.SNOMED, "312894000") in _codes(_bundle("02-early"))
    assert (fhir.SNOMED, "312894000") not in _codes(_bundle("01-healthy"))


def test_functional_tests_height_and_weight():
    bundle = _bundle("04-vertebral")
    codes = _codes(bundle)
    assert {(fhir.LOINC, "8302-2"), (fhir.LOINC, "29463-7")} <= codes
    for code in ("tug", "chair_stand_30s", "single_leg_stance", "gait_speed", "grip_strength"):
        assert (fhir.LOCAL_TEST, code) in codes


def test_care_plan_doses_come_from_the_wording_layer():
    from osteoload.wording import Audience
    from osteoload.wording.dose import dose_text

    path = next(p for p in EXAMPLES if "08-pounds" in p.name)
    profile = load_profile(path, today=TODAY)
    bundle = fhir.bundle_from_files(profile, (), today=TODAY, key="x")
    plan = _of(bundle, "CarePlan")[0]
    assert plan["status"] == "active"
    program = plan_program(profile, today=TODAY, start=profile.schedule.start_date, weeks=12)
    doses: dict[str, set[str]] = {}
    for week in program.weeks:
        for session in week.sessions:
            for i in session.items:
                doses.setdefault(i.exercise_id, set()).add(
                    dose_text(i, profile.units, Audience.PRINT)
                )
    for activity in plan["activity"]:
        detail = activity["detail"]
        assert detail["description"] in doses[detail["code"]["coding"][0]["code"]]
        assert detail["scheduledTiming"]["repeat"]["periodUnit"] == "wk"


def test_a_stop_symptom_in_the_log_puts_the_care_plan_on_hold_r32():
    """R32: a logged chest pain suspends the program: CarePlan on-hold."""
    path = next(p for p in EXAMPLES if "01-healthy" in p.name)
    profile = load_profile(path, today=TODAY)
    calm = fhir.bundle_from_files(profile, (), today=TODAY, key="x")
    assert _of(calm, "CarePlan")[0]["status"] == "active"
    day = date(2026, 11, 20)
    log = (SetLog(date=day, exercise_id="goblet_squat", set=1, reps=10,
                  symptoms=(Symptom.CHEST_PAIN,)),)  # fmt: skip
    stopped = fhir.bundle_from_files(profile, log, today=TODAY, key="x")
    assert _of(stopped, "CarePlan")[0]["status"] == "on-hold"


def test_care_plan_status_completed_after_its_last_session():
    path = next(p for p in EXAMPLES if "01-healthy" in p.name)
    profile = load_profile(path, today=TODAY)
    program = plan_program(profile, today=TODAY, start=date(2026, 1, 5), weeks=4)
    assert fhir.care_plan_status(program, today=TODAY, suspended=False) == "completed"
    assert fhir.care_plan_status(program, today=TODAY, suspended=True) == "on-hold"
    assert fhir.care_plan_status(program, today=date(2026, 1, 6), suspended=False) == "active"


def test_adherence_per_4_weeks_counts_planned_days_with_a_logged_set():
    path = next(p for p in EXAMPLES if "01-healthy" in p.name)
    profile = load_profile(path, today=TODAY)
    program = plan_program(profile, today=TODAY, start=date(2026, 10, 5), weeks=12)
    days = sorted({s.date for w in program.weeks for s in w.sessions})
    log = [SetLog(date=d, exercise_id="goblet_squat", set=1, reps=10) for d in days[:3]]
    blocks = fhir.adherence_blocks(program, log, today=TODAY)
    assert blocks[0].start == date(2026, 10, 5) and blocks[0].done == 3
    assert all(b.start < TODAY for b in blocks)
    assert blocks[0].percent == round(100 * 3 / blocks[0].planned)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_any_profile_exports_a_valid_bundle_with_one_plan_status(profile):
    """Any profile the engine accepts gives a valid R4 bundle: unique full URLs, every
    resource about the patient, and a CarePlan status from the R32 set (on-hold exactly when
    the stop rules suspend her program, R32a)."""
    bundle = fhir.bundle_from_files(profile, (), today=TODAY, key="generated")
    Bundle.model_validate(bundle)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(urls) == len(set(urls))
    patient = urls[0]
    for entry in bundle["entry"][1:]:
        resource = entry["resource"]
        if "subject" in resource:
            assert resource["subject"] == {"reference": patient}
    plan = _of(bundle, "CarePlan")[0]
    program = plan_program(profile, today=TODAY, start=profile.schedule.start_date, weeks=12)
    suspended = fhir.file_suspended(profile, program, (), today=TODAY)
    assert (plan["status"] == "on-hold") == suspended
