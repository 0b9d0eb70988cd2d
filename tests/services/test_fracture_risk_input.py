"""R31: a FRAX or Garvan result enters the profile only as the calculator gave it; bad input
names the field and what is allowed (InputError, the CLI's exit 2), in English and Spanish."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.utils import translation
from typer.testing import CliRunner

from osteoload.cli.main import app
from osteoload.domain import FractureRisk, FractureRiskTool
from osteoload.services.errors import InputError
from osteoload.services.profiles import parse_profile, stored_profile
from tests.conftest import TODAY

FRAX = {
    "tool": "frax",
    "date": "2026-05-01",
    "major_osteoporotic_pct": 18,
    "hip_pct": 3.2,
    "with_bmd": True,
    "entered_by": "Dr X",
}
GARVAN = {"tool": "garvan", "date": "2026-04-02", "horizon_years": 5, "any_fracture_pct": 9.5}


def profile(*results: dict[str, Any]) -> dict[str, Any]:
    return {"age": 64, "sex": "female", "menopause": "post", "fracture_risk": list(results)}


def problems(*results: dict[str, Any]) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_profile(profile(*results), today=TODAY)
    return [str(issue) for issue in caught.value.issues]


def test_r31_results_are_taken_as_entered() -> None:
    record = parse_profile(profile(FRAX, GARVAN), today=TODAY)
    assert record.fracture_risk == (
        FractureRisk(
            tool=FractureRiskTool.FRAX,
            date=date(2026, 5, 1),
            major_osteoporotic_pct=18.0,
            hip_pct=3.2,
            with_bmd=True,
            entered_by="Dr X",
        ),
        FractureRisk(
            tool=FractureRiskTool.GARVAN,
            date=date(2026, 4, 2),
            horizon_years=5,
            any_fracture_pct=9.5,
        ),
    )
    assert stored_profile(profile(FRAX)).fracture_risk == record.fracture_risk[:1]


def test_r31_a_profile_without_results_has_none() -> None:
    assert parse_profile({"age": 64, "sex": "female"}, today=TODAY).fracture_risk == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"tool": "qfracture"}, "fracture_risk[0].tool: 'qfracture' is not allowed; allowed: "
         "frax, garvan"),
        ({"date": "2026-12-01"}, "fracture_risk[0].date: 2026-12-01 is in the future (today is "
         "2026-11-26); only past dates are allowed here"),
        ({"hip_pct": 103}, "fracture_risk[0].hip_pct: 103 is out of range; allowed 0 to 100"),
        ({"major_osteoporotic_pct": -1}, "fracture_risk[0].major_osteoporotic_pct: -1 is out "
         "of range; allowed 0 to 100"),
        ({"horizon_years": 5}, "fracture_risk[0].horizon_years: 5 is not allowed for FRAX, "
         "which gives 10-year probabilities; allowed 10"),
        ({"any_fracture_pct": 20}, "fracture_risk[0].any_fracture_pct: FRAX gives the "
         "probability of a major osteoporotic fracture, not of any fracture; leave this empty"),
        ({"hip_pct": 25}, "fracture_risk[0].hip_pct: 25 is above the risk given for all "
         "fractures together (18); a hip fracture is one of them, so its risk cannot be higher"),
        ({"major_osteoporotic_pct": None, "hip_pct": None}, "fracture_risk[0]: a fracture-risk "
         "result needs at least one of major_osteoporotic_pct, any_fracture_pct or hip_pct"),
        ({"date": None}, "fracture_risk[0].date: is required"),
    ],
)  # fmt: skip
def test_r31_bad_frax_input_names_the_field_and_what_is_allowed(
    change: dict[str, Any], message: str
) -> None:
    result = {k: v for k, v in {**FRAX, **change}.items() if v is not None}
    assert message in problems(result)


def test_r31_garvan_gives_5_or_10_years_and_no_major_osteoporotic_risk() -> None:
    assert problems({**GARVAN, "horizon_years": 7}) == [
        "fracture_risk[0].horizon_years: 7 is not allowed; allowed: 5, 10"
    ]
    assert problems({**GARVAN, "major_osteoporotic_pct": 12}) == [
        "fracture_risk[0].major_osteoporotic_pct: Garvan gives the risk of any fracture, not "
        "of a major osteoporotic fracture; leave this empty"
    ]


def test_r31_the_messages_are_in_spanish_too() -> None:
    with translation.override("es"):
        found = problems({**FRAX, "hip_pct": 25}) + problems({**GARVAN, "any_fracture_pct": None})
    assert found == [
        "fracture_risk[0].hip_pct: 25 supera el riesgo indicado para todas las fracturas juntas "
        "(18); la fractura de cadera es una de ellas, así que su riesgo no puede ser mayor",
        "fracture_risk[0]: un resultado de riesgo de fractura necesita al menos uno de "
        "major_osteoporotic_pct, any_fracture_pct o hip_pct",
    ]


def test_r31_the_cli_exits_2_naming_the_field(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile({**FRAX, "hip_pct": 150})))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "fracture_risk[0].hip_pct: 150 is out of range; allowed 0 to 100" in result.stderr
    assert "Traceback" not in result.output
