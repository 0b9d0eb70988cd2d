"""The projection's assumptions (R30) and a DXA verdict (R29) over the API: the engine's codes
(``notes``, ``direction``) for programs, and beside them the sentences (``assumptions``,
``message``) in the request's language (issue 20)."""

from __future__ import annotations

import pytest

from tests.api.conftest import example
from tests.api.test_spanish_api import call

pytestmark = pytest.mark.django_db


def test_R30_project_says_its_assumptions_in_the_requests_language(world):
    body = example("02-early")
    english = call(world.alice, "POST", "/engine/project?months=24", body, language="en").json()
    spanish = call(world.alice, "POST", "/engine/project?months=24", body, language="es").json()
    assert english["notes"] == spanish["notes"]  # the codes and figures do not change
    codes = [n["code"] for n in english["notes"]]
    assert "least_significant_change" in codes and "beyond_a_year" in codes
    assert len(english["assumptions"]) == len(spanish["assumptions"]) == len(codes)
    assert any("Beyond 12 months (this projection runs 24)" in a for a in english["assumptions"])
    assert any(
        "Más allá de 12 meses (esta proyección abarca 24)" in a for a in spanish["assumptions"]
    )
    muscle = spanish["muscle"]
    assert len(muscle["assumptions"]) == len(muscle["notes"])
    assert muscle["assumptions"][0].startswith("Sin entrenamiento")


def test_R29_dxa_change_says_its_verdict_in_the_requests_language(world):
    query = "/engine/dxa-change?site=total_hip&baseline=0.8&followup=0.74"
    english = call(world.alice, "GET", query, language="en").json()
    spanish = call(world.alice, "GET", query, language="es").json()
    assert english["direction"] == spanish["direction"] == "loss"
    assert english["message"].startswith("Real loss: the change at the total hip of -0.060")
    assert spanish["message"].startswith("Pérdida real: el cambio en cadera total de -0.060")


def test_R29_R30_progress_says_the_scan_verdict_and_assumptions_in_spanish(world):
    for day, bmd in (("2025-11-20", 0.90), ("2026-11-20", 0.84)):
        scan = {"site": "lumbar_spine", "date": day, "bmd_g_cm2": bmd, "scanner": "hologic"}
        assert call(world.alice, "POST", f"/clients/{world.bob_id}/scans", scan).status_code == 201
    path = f"/clients/{world.bob_id}/progress"
    for language, verdict, note in (
        ("en", "Real loss", "Ranges show"),
        ("es", "Pérdida real", "Los intervalos"),
    ):
        series = call(world.alice, "GET", path, language=language).json()
        [_first, second] = series["scans"]["lumbar_spine"]
        assert second["change"]["direction"] == "loss"
        assert second["change"]["message"].startswith(verdict)
        projection = series["projection"]
        assert len(projection["assumptions"]) == len(projection["notes"])
        assert any(a.startswith(note) for a in projection["assumptions"])
