"""``osteoload one-rm``: JSON and text output, and the exit-2 error contract."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from osteoload.cli.main import app

runner = CliRunner()


def _json(*args):
    result = runner.invoke(app, ["one-rm", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_shape_for_the_worked_example():
    data = _json("--load-kg", "40", "--reps", "8")
    assert data["schema_version"] == 1
    for key in ("one_rm_kg", "estimates", "method", "reliable", "warnings", "flags", "loads"):
        assert key in data
    assert data["one_rm_kg"] == pytest.approx(49.655, abs=0.001)
    assert data["method"] == "min(epley, brzycki) (R22)"
    assert data["reliable"] is True
    assert data["flags"] == ["effort_assumed"]
    assert set(data["estimates"]) == {
        "epley", "brzycki", "lombardi", "mayhew", "oconner", "wathan", "lander",
    }  # fmt: skip
    assert [row["pct"] for row in data["loads"]] == [60, 65, 70, 75, 80, 85]
    by_pct = {row["pct"]: row for row in data["loads"]}
    assert [by_pct[p]["load_kg"] for p in (70, 75, 80, 85)] == [32.5, 35.0, 37.5, 40.0]
    assert by_pct[75]["display"] == "35 kg"
    assert by_pct[70]["target_kg"] == pytest.approx(34.76, abs=0.01)
    assert set(by_pct[60]) >= {"pct", "target_kg", "load_kg", "display"}


def test_json_with_rpe_uses_the_chart():
    data = _json("--load-kg", "40", "--reps", "8", "--rpe", "8")
    assert data["method"].startswith("min(rts_chart")
    assert data["pct_1rm"] == 0.739
    assert round(data["one_rm_kg"], 1) == 53.3  # chart 54.1 kg, capped by R22
    assert data["set"]["reps_to_failure"] == 10


def test_rir_is_the_same_as_rpe():
    assert _json("--load-kg", "40", "--reps", "8", "--rir", "2") == _json(
        "--load-kg", "40", "--reps", "8", "--rpe", "8"
    )


def test_pounds_in_pounds_out():
    data = _json("--load-lb", "100", "--reps", "5", "--rpe", "8")
    assert data["unit"] == "lb"
    assert data["set"]["load_kg"] == pytest.approx(45.359237)
    for row in data["loads"]:
        assert row["display"].endswith(" lb")
        pounds = float(row["display"].removesuffix(" lb"))
        assert pounds % 5 == 0  # 45 lb bar + pairs of 2.5 lb plates


def test_unit_option_overrides_the_load_unit():
    data = _json("--load-lb", "100", "--reps", "5", "--unit", "kg")
    assert data["unit"] == "kg"
    assert all(row["display"].endswith(" kg") for row in data["loads"])


def test_implement_option_rounds_for_dumbbells():
    data = _json("--load-kg", "12", "--reps", "10", "--rpe", "8", "--implement", "dumbbell")
    assert data["implement"] == "dumbbell"
    assert all(row["label"].endswith("dumbbell") for row in data["loads"])


def test_light_targets_say_there_is_no_load():
    data = _json("--load-kg", "15", "--reps", "8")
    first = data["loads"][0]
    assert first["load_kg"] is None
    assert "lighter than the empty bar" in first["label"]


def test_r21_unreliable_estimate_is_shown_but_gives_no_loads():
    data = _json("--load-kg", "20", "--reps", "14")
    assert data["reliable"] is False
    assert "estimate_unreliable" in data["flags"]
    assert data["loads"] == []
    assert any("R21" in w for w in data["warnings"])


def test_text_output_contains_the_numbers():
    result = runner.invoke(app, ["one-rm", "--load-kg", "40", "--reps", "8"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Working 1RM: 49.7 kg" in out
    for number in ("50.7 kg", "49.9 kg", "32.5 kg", "35 kg", "37.5 kg", "40 kg", "34.76 kg"):
        assert number in out
    assert "R22" in out


def test_text_output_for_an_unreliable_set():
    result = runner.invoke(app, ["one-rm", "--load-kg", "20", "--reps", "13"])
    assert result.exit_code == 0, result.output
    assert "reliable: no" in result.stdout
    assert "No loads" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--load-kg", "40", "--load-lb", "90", "--reps", "8"], "--load-kg, --load-lb"),
        (["--reps", "8"], "--load-kg: missing"),
        (["--load-kg", "0", "--reps", "8"], "--load-kg: 0 is out of range"),
        (["--load-kg", "-5", "--reps", "8"], "--load-kg: -5 is out of range"),
        (["--load-kg", "nan", "--reps", "8"], "--load-kg: nan is out of range"),
        (["--load-kg", "501", "--reps", "8"], "allowed greater than 0 and at most 500"),
        (["--load-lb", "2000", "--reps", "8"], "--load-lb: 2000 is out of range"),
        (["--load-kg", "40", "--reps", "0"], "--reps: 0 is out of range; allowed 1 to 50"),
        (["--load-kg", "40", "--reps", "51"], "--reps: 51 is out of range; allowed 1 to 50"),
        (["--load-kg", "40", "--reps", "abc"], "--reps"),
        (["--load-kg", "40", "--reps", "8", "--rpe", "11"], "--rpe: 11 is not allowed"),
        (["--load-kg", "40", "--reps", "8", "--rpe", "8.3"], "steps of 0.5"),
        (["--load-kg", "40", "--reps", "8", "--rir", "-1"], "--rir: -1 is not allowed"),
        (["--load-kg", "40", "--reps", "8", "--rpe", "8", "--rir", "2"], "--rpe, --rir"),
        (["--load-kg", "40", "--reps", "8", "--implement", "band"], "--implement"),
        (["--load-kg", "40", "--reps", "8", "--unit", "stone"], "--unit"),
        (["--load-kg", "40"], "--reps"),
    ],
)
def test_bad_input_exits_2_naming_the_option(args, message):
    result = runner.invoke(app, ["one-rm", *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_several_problems_are_reported_together():
    result = runner.invoke(app, ["one-rm", "--load-kg", "0", "--reps", "0", "--rpe", "12"])
    assert result.exit_code == 2
    assert "3 problems" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--load-kg", "20", "--reps", "16"], "16 reps is too many"),
        (["--load-kg", "20", "--reps", "50"], "more than 15"),
        (["--load-kg", "40", "--reps", "8", "--rpe", "6"], "RPE 6"),
        (["--load-kg", "40", "--reps", "8", "--rir", "5"], "5 reps in reserve"),
    ],
)
def test_r21_refused_sets_exit_2_with_a_plain_message(args, message):
    result = runner.invoke(app, ["one-rm", *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "R21" in result.stderr
    assert "Traceback" not in result.output
