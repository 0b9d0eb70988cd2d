"""``osteoload simulate``: virtual clients through the app's own services (issue 14)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from osteoload.cli.main import app
from osteoload.cli.simulate_cmd import BEHAVIOURS
from osteoload.devtools.simulation import Behaviour
from tests.conftest import EXAMPLES

runner = CliRunner()
P02 = str(next(p for p in EXAMPLES if "02-early" in p.name))

# The command migrates and writes its own throwaway database; under pytest-django that is
# the test database, and the simulation's writes are rolled back.
pytestmark = pytest.mark.django_db


def test_behaviour_names_match_the_service() -> None:
    assert tuple(b.value for b in Behaviour) == BEHAVIOURS


def test_simulate_prints_each_lift_by_week() -> None:
    result = runner.invoke(app, ["simulate", P02, "--weeks", "3"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Beatriz Costa" in out and "at_target" in out
    assert "Leg press" in out and "wk 3" in out
    assert "Impacts that week" in out


def test_simulate_json_has_loads_by_week_for_each_behaviour() -> None:
    result = runner.invoke(
        app, ["simulate", P02, "--weeks", "2", "-b", "at_target", "-b", "one_under",
              "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    runs = json.loads(result.stdout)
    assert [r["behaviour"] for r in runs] == ["at_target", "one_under"]
    lifts = {lift["exercise_id"]: lift for lift in runs[0]["lifts"]}
    assert "leg_press" in lifts
    assert lifts["leg_press"]["by_week"][0]["week"] == 1
    assert runs[0]["sessions_logged"] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weeks", "0"], "--weeks: 0 is out of range; allowed 1 to 104"),
        (["-b", "lazy"], "--behaviour: 'lazy' is not a behaviour; allowed: at_target"),
        (["--start", "soon"], "--start: 'soon' is not a date"),
    ],
)
def test_simulate_rejects_bad_options_with_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["simulate", P02, *args])
    assert result.exit_code == 2
    assert message in result.stderr
