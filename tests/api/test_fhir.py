"""GET /clients/{id}/fhir: her record as a FHIR R4 Bundle, for her coach and herself only."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle

from osteoload.services import client_programs, training_log
from osteoload.services.fhir import FHIR_JSON, LOINC
from osteoload.store.models import AuditEntry
from tests.api.conftest import Api
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _resources(response, kind: str) -> list[dict]:
    doc = json.loads(response.content)
    return [e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == kind]


def _assign(world) -> None:
    start = TODAY - timedelta(days=TODAY.weekday()) - timedelta(weeks=4)
    alice = world.alice.user
    program_id = client_programs.generate_for_client(
        alice, world.bob_id, today=TODAY, start=start, weeks=8
    )
    client_programs.assign_program(alice, world.bob_id, program_id)


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_her_coach_and_she_get_a_valid_r4_bundle(world, who, as_alice):
    _assign(world)
    as_alice.post(f"/clients/{world.bob_id}/scans", {"site": "total_hip", "bmd_g_cm2": 0.8,
                  "t_score": -1.7, "date": "2026-10-01", "scanner": "hologic"})  # fmt: skip
    as_alice.post(f"/clients/{world.bob_id}/tests", {"tug_s": 8.1})
    response = Api(getattr(world, who)).get(f"/clients/{world.bob_id}/fhir")
    assert response.status_code == 200
    assert response["Content-Type"] == FHIR_JSON
    bundle = Bundle.model_validate(json.loads(response.content))
    assert bundle.type == "collection"
    plans = _resources(response, "CarePlan")
    assert len(plans) == 1 and plans[0]["status"] == "active" and plans[0]["activity"]
    hip = [
        o for o in _resources(response, "Observation")
        if any(c["system"] == LOINC and c["code"] == "38261-4" for c in o["code"]["coding"])
    ]  # fmt: skip
    assert 0.8 in [o["valueQuantity"]["value"] for o in hip]
    assert len(_resources(response, "Device")) == 1
    adherence = [
        o for o in _resources(response, "Observation") if o["code"]["coding"][0]["code"]
        == "adherence_4_weeks"
    ]  # fmt: skip
    assert adherence and adherence[0]["valueQuantity"]["value"] == 0  # nothing logged yet
    assert AuditEntry.objects.filter(client_id=world.bob_id, summary__contains="FHIR").exists()


def test_a_suspended_program_is_on_hold_r32(world, as_bob):
    """R32: a stop-rule symptom suspends her program; the CarePlan says on-hold."""
    _assign(world)
    training_log.report_symptoms(
        world.bob.user, world.bob_id, {"date": TODAY.isoformat(), "symptoms": ["chest_pain"]},
        today=TODAY,
    )  # fmt: skip
    response = as_bob.get(f"/clients/{world.bob_id}/fhir")
    assert response.status_code == 200
    assert _resources(response, "CarePlan")[0]["status"] == "on-hold"


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_another_coach_or_client_is_not_found(world, who):
    response = Api(getattr(world, who)).get(f"/clients/{world.bob_id}/fhir")
    assert response.status_code == 404


def test_nobody_is_unauthorised(world, anonymous):
    assert anonymous.get(f"/clients/{world.bob_id}/fhir").status_code == 401
