"""``osteoload next`` and ``osteoload import-log``: JSON shape, text, and the exit-2 contract."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from osteoload.cli.main import app
from tests.conftest import ROOT

runner = CliRunner()
PROFILES = ROOT / "examples" / "profiles"
LOGS = ROOT / "examples" / "logs"
P02 = str(PROFILES / "02-early-postmenopause-osteopenia.yaml")
P08 = str(PROFILES / "08-pounds-us-client.yaml")
LOG02 = str(LOGS / "02-early-postmenopause-osteopenia.csv")
LOG08 = str(LOGS / "08-pounds-us-client.csv")
CHANGES = {"increase", "hold", "decrease", "new"}


def _json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_next_json_shape():
    data = _json("next", P02, "--log", LOG02, "--as-of", "2026-11-14")
    assert data["schema_version"] == 1
    assert data["status"] in ("ready", "needs_review")
    assert data["as_of"] == "2026-11-14"
    assert data["program_start"] == "2026-09-28"  # the Monday of the first logged session
    assert data["week"] == 7 and data["phase"] == "build"
    assert isinstance(data["findings"], list) and isinstance(data["unmapped"], list)
    assert data["items"]
    for item in data["items"]:
        assert {"exercise_id", "sets", "reps", "load_kg", "change", "reason"} <= set(item)
        assert item["change"] in CHANGES
        assert item["reason"]
    squat = next(i for i in data["items"] if i["exercise_id"] == "goblet_squat")
    assert squat["load_kg"] > 0 and squat["load_display"].endswith("dumbbell")
    for finding in data["findings"]:
        assert {"rule", "severity", "message"} <= set(finding)
    assert all({"exercise_id", "one_rm_kg"} <= set(w) for w in data["working_maxes"])


def test_next_json_for_a_pounds_client():
    data = _json("next", P08, "--log", LOG08, "--as-of", "2026-11-23")
    loaded = [i for i in data["items"] if i["load_display"]]
    assert loaded and all(" lb" in i["load_display"] for i in loaded)


def test_next_text_output():
    result = runner.invoke(app, ["next", P02, "--log", LOG02, "--as-of", "2026-11-14"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Next session for Beatriz Costa after 2026-11-14" in out
    assert "Status: Ready" in out
    assert "Goblet squat (dumbbell): 3 × 10 at " in out
    assert "Working max (R22):" in out


def test_next_with_a_strong_export_reports_unmapped_names():
    strong = str(LOGS / "strong-export-sample.csv")
    data = _json("next", P02, "--log", strong, "--as-of", "2026-10-13")
    assert {u["name"] for u in data["unmapped"]} == {"Bicep Curl (Dumbbell)", "Cable Crunch"}
    assert data["log"]["format"] == "strong"
    assert data["skipped"]["warm-up sets"] == 4


def test_next_needs_review_after_a_red_flag(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "date,exercise_id,set,reps,load_kg,rpe,pain,note,symptoms\n"
        "2026-11-16,goblet_squat,1,10,16,7,6,sharp pain in the hip,\n"
        "2026-11-16,leg_press,1,10,60,7,,,dizziness\n",
        encoding="utf-8",
    )
    data = _json("next", P02, "--log", str(log), "--as-of", "2026-11-17")
    assert data["status"] == "needs_review"
    assert {i["change"] for i in data["items"]} <= {"hold", "decrease"}
    assert any(f["rule"] == "R32" and f["severity"] == "must" for f in data["findings"])


def test_next_exits_2_on_a_bad_log_with_the_line_number(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "date,exercise_id,set,reps,load_kg,rpe,pain,note\n"
        "2026-11-02,goblet_squat,1,10,16,8,,\n"
        "2026-11-02,goblet_squat,2,10,16,11,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["next", P02, "--log", str(log)])
    assert result.exit_code == 2
    assert "line 3, column rpe: 11 is out of range; allowed 1 to 10" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-13-01"], "--as-of: '2026-13-01' is not a date"),
        (["--start", "soon"], "--start: 'soon' is not a date"),
    ],
)
def test_next_exits_2_on_bad_options(args, message):
    result = runner.invoke(app, ["next", P02, "--log", LOG02, *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_next_exits_2_on_a_missing_log(tmp_path):
    result = runner.invoke(app, ["next", P02, "--log", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "none.csv: file not found" in result.output


def test_import_log_writes_our_csv_and_reports(tmp_path):
    out = tmp_path / "log.csv"
    hevy = str(LOGS / "hevy-export-sample.csv")
    result = runner.invoke(app, ["import-log", hevy, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Read 29 sets" in result.stdout
    assert "Face Pull (Cable): 2 rows" in result.stdout
    assert out.read_text().startswith("date,exercise_id,set,reps,load_kg,rpe,pain,note")
    again = runner.invoke(app, ["import-log", str(out), "--format", "json"])
    assert json.loads(again.stdout)["rows"] == 29


def test_import_log_json_and_stdout():
    strong = str(LOGS / "strong-export-sample.csv")
    data = _json("import-log", strong, "--weight-unit", "kg")
    assert data["schema_version"] == 1 and data["source_format"] == "strong"
    assert data["output"] is None and len(data["sets"]) == data["rows"] == 39
    assert data["unmapped"] == [
        {"name": "Bicep Curl (Dumbbell)", "count": 2},
        {"name": "Cable Crunch", "count": 2},
    ]
    text = runner.invoke(app, ["import-log", strong, "--weight-unit", "kg"])
    assert text.exit_code == 0
    assert text.stdout.startswith("date,exercise_id,set,reps,load_kg,rpe,pain,note")


def test_import_log_exits_2_without_a_unit():
    result = runner.invoke(app, ["import-log", str(LOGS / "strong-export-sample.csv")])
    assert result.exit_code == 2
    assert "line 3, column Weight" in result.output and "--weight-unit" in result.output
    assert "Traceback" not in result.output
