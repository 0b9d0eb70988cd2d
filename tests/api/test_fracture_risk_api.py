"""R31 through the API: a screened profile carries the entered FRAX result as an info
finding with its numbers; a bad result is a 422 naming the field (its Spanish is tested with the
profile's checks, tests/services/test_fracture_risk_input.py)."""

from __future__ import annotations

import pytest

from tests.api.conftest import example
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

FRAX = {
    "tool": "frax",
    "date": "2026-05-01",
    "major_osteoporotic_pct": 18,
    "hip_pct": 3.2,
    "entered_by": "Dr X",
}


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # noqa: ANN202
    monkeypatch.setattr("osteoload.services.clock.today", lambda: TODAY)


def test_r31_screen_carries_the_entered_result(as_alice) -> None:  # noqa: ANN001
    body = {**example("02-early-postmenopause-osteopenia.yaml"), "fracture_risk": [FRAX]}
    response = as_alice.post("/engine/screen", body)
    assert response.status_code == 200
    found = [f for f in response.json()["findings"] if f["rule"] == "R31"]
    assert len(found) == 1
    assert found[0]["severity"] == "info" and found[0]["code"] == "fracture_risk"
    assert found[0]["data"]["major_osteoporotic_pct"] == 18
    assert found[0]["data"]["hip_pct"] == 3.2
    assert "FRAX on 1 May 2026" in found[0]["message"]


def test_r31_a_bad_result_is_a_422_naming_the_field(as_alice) -> None:  # noqa: ANN001
    body = {"age": 64, "sex": "female", "fracture_risk": [{**FRAX, "hip_pct": 101}]}
    english = as_alice.post("/engine/screen", body)
    assert english.status_code == 422
    issue = english.json()["detail"][0]
    assert issue["field"] == "fracture_risk[0].hip_pct"
    assert issue["message"] == "101 is out of range; allowed 0 to 100"
    garvan = as_alice.post(
        "/engine/screen", {**body, "fracture_risk": [{**FRAX, "tool": "garvan"}]}
    )
    assert garvan.status_code == 422
    assert garvan.json()["detail"][0]["field"] == "fracture_risk[0].major_osteoporotic_pct"
