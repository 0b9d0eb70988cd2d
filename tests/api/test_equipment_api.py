"""Her own equipment through the API: the same profile field, stored and read back
(issue 14); bad values answer 422 naming the field."""

from __future__ import annotations

import pytest

from tests.api.conftest import example

pytestmark = pytest.mark.django_db

DETAILS = {
    "dumbbells": {"from": 2, "to": 20, "step": 2},
    "kettlebells": [8, 12, 16],
    "barbell": {"bar": 15, "smallest_plate": 1.25, "heaviest": 40},
    "machine": {"first": 2.5, "step": 5},
    "bands": ["light", "heavy"],
}


def test_equipment_details_round_trip(as_alice):
    profile = {**example("01-healthy"), "equipment_details": DETAILS}
    response = as_alice.post("/clients", profile)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["profile"]["equipment_details"] == {
        **DETAILS,
        "dumbbells": {"from": 2.0, "to": 20.0, "step": 2.0},
    }
    again = as_alice.get(f"/clients/{created['id']}").json()
    assert again["profile"]["equipment_details"] == created["profile"]["equipment_details"]
    put = as_alice.put(f"/clients/{created['id']}/profile", again["profile"])
    assert put.status_code == 200, put.content
    assert put.json()["profile"]["equipment_details"] == created["profile"]["equipment_details"]


def test_bad_equipment_details_answer_422_naming_the_field(as_alice):
    profile = {
        **example("01-healthy"),
        "equipment_details": {"dumbbells": {"from": 2, "to": 20, "step": 0}},
    }
    response = as_alice.post("/clients", profile)
    assert response.status_code == 422
    (detail,) = response.json()["detail"]
    assert detail["field"] == "equipment_details.dumbbells.step"
    assert detail["value"] == 0
    assert as_alice.get("/clients").json()["count"] == 1  # only bob
