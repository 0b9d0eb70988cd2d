from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from osteoload.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_validate_accepts_every_example(path):
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["age"] >= 18


def test_validate_text_names_the_file():
    result = runner.invoke(app, ["validate", str(EXAMPLES[0])])
    assert result.exit_code == 0
    assert "valid profile" in result.stdout


def test_validate_pounds_profile_prints_kilograms():
    path = next(p for p in EXAMPLES if "pounds" in p.name)
    data = json.loads(runner.invoke(app, ["validate", str(path), "-f", "json"]).stdout)
    assert data["units"] == "lb"
    assert data["weight_kg"] == pytest.approx(152 * 0.45359237, abs=0.01)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("age: 200\nsex: female\n", "age: 200 is out of range; allowed 18 to 110"),
        ("age: 60\nsex: female\nfalls: 2\n", "falls: unknown field"),
        ("age: [\n", "is not valid YAML"),
    ],
)
def test_validate_rejects_bad_input_with_exit_2(tmp_path, content, message):
    path = tmp_path / "p.yaml"
    path.write_text(content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_validate_missing_file_exits_2(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2
    assert "file not found" in result.stderr


def test_schema_command_refuses_unknown_name():
    result = runner.invoke(app, ["schema", "nope"])
    assert result.exit_code == 2
    assert "allowed: profile" in result.stderr


def test_plan_refuses_a_start_date_far_in_the_future():
    result = runner.invoke(app, ["plan", str(EXAMPLES[0]), "--start", "9999-12-01"])
    assert result.exit_code == 2
    assert "--start: 9999-12-01 is too far from today" in result.stderr
    assert "Traceback" not in result.output


def test_profile_start_date_far_away_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("age: 60\nsex: female\nschedule: {start_date: 9999-12-01}\n")
    result = runner.invoke(app, ["plan", str(path)])
    assert result.exit_code == 2
    assert "schedule.start_date: 9999-12-01 is too far from today" in result.stderr
