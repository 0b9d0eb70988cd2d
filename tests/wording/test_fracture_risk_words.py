"""R31: the entered FRAX or Garvan result in words, for the coach (and the doctor's report)
and for the client, in English and Spanish; the numbers are the entered ones."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from osteoload.wording import Audience
from osteoload.wording.findings import finding_text
from osteoload.wording.fracture_risk import fracture_risk_text

FRAX: dict[str, Any] = {
    "tool": "frax",
    "date": "2026-05-01",
    "horizon_years": 10,
    "major_osteoporotic_pct": 18.0,
    "hip_pct": 3.2,
    "any_fracture_pct": None,
    "with_bmd": None,
    "entered_by": "Dr X",
}
GARVAN: dict[str, Any] = {
    "tool": "garvan",
    "date": "2026-04-02",
    "horizon_years": 5,
    "major_osteoporotic_pct": None,
    "any_fracture_pct": 9.5,
    "hip_pct": 2.0,
    "with_bmd": True,
    "entered_by": None,
}


def finding(data: dict[str, Any]) -> dict[str, Any]:
    return {"rule": "R31", "severity": "info", "code": "fracture_risk", "data": data}


def test_r31_the_coach_reads_the_calculator_s_terms() -> None:
    assert finding_text(finding(FRAX), Audience.COACH) == (
        "FRAX (entered by Dr X on 1 May 2026): 10-year risk of a major osteoporotic fracture "
        "18 %, of a hip fracture 3.2 %."
    )
    assert finding_text(finding(GARVAN), Audience.COACH) == (
        "Garvan (result of 2 April 2026): 5-year risk of any fracture 9.5 %, of a hip fracture "
        "2 %. Calculated with a bone density result."
    )


def test_r31_the_report_reads_the_coach_s_terms_and_the_client_plain_words() -> None:
    assert fracture_risk_text(FRAX, Audience.PRINT) == fracture_risk_text(FRAX, Audience.COACH)
    client = finding_text(finding(FRAX), Audience.CLIENT)
    assert client.startswith("Your fracture risk, worked out by your doctor with FRAX on 1 May")
    assert "over the next 10 years" in client and "osteoload does not calculate it" in client


def test_r31_without_a_number_there_is_nothing_to_say() -> None:
    empty = {**FRAX, "major_osteoporotic_pct": None, "hip_pct": None}
    assert fracture_risk_text(empty, Audience.COACH) == ""


def test_r31_in_spanish() -> None:
    with translation.override("es"):
        coach = finding_text(finding(FRAX), Audience.COACH)
        garvan = finding_text(finding(GARVAN), Audience.COACH)
        client = finding_text(finding(FRAX), Audience.CLIENT)
    assert coach == (
        "FRAX (introducido por Dr X el 1 de mayo de 2026): riesgo a 10 años de fractura "
        "osteoporótica mayor 18 %, de fractura de cadera 3.2 %."
    )
    assert garvan.endswith("Calculado con un resultado de densidad ósea.")
    assert client.startswith("Su riesgo de fractura, calculado por su médico con FRAX el 1 de")
