"""The engine endpoints answer exactly the CLI's JSON, and bad input in the error contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from osteoload.cli.main import app
from tests.api.conftest import example
from tests.conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.django_db

runner = CliRunner()


@pytest.fixture(autouse=True)
def _same_day_everywhere(monkeypatch):
    """One clock for the API and the command line (every module asks the clock service)."""
    monkeypatch.setattr("osteoload.services.clock.today", lambda: TODAY)


def cli(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def body_of(path: Path) -> dict[str, Any]:
    return example(path.name)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_validate_screen_plan_assess_and_project_answer_what_the_cli_prints(path, as_alice):
    body = body_of(path)
    pairs = [
        (("validate", str(path)), ("/engine/validate", {})),
        (("screen", str(path)), ("/engine/screen", {})),
        (("plan", str(path), "--weeks", "6"), ("/engine/plan", {"weeks": 6})),
        (("assess", str(path)), ("/engine/assess", {})),
        (("project", str(path), "--months", "24"), ("/engine/project", {"months": 24})),
    ]
    for args, (endpoint, query) in pairs:
        response = as_alice.post(endpoint, body, **query)
        assert response.status_code == 200, (endpoint, response.content[:500])
        assert response.json() == cli(*args), endpoint


def test_plan_options_are_the_clis(as_alice):
    path = next(p for p in EXAMPLES if "02-early" in p.name)
    response = as_alice.post("/engine/plan", body_of(path), weeks=3, start="2027-02-01")
    assert response.json() == cli("plan", str(path), "--weeks", "3", "--start", "2027-02-01")


def test_project_with_a_medication_and_a_track(as_alice):
    path = next(p for p in EXAMPLES if "03-osteoporosis" in p.name)
    response = as_alice.post(
        "/engine/project", body_of(path), medication="denosumab", track="high_intensity"
    )
    assert response.status_code == 200
    assert response.json() == cli(
        "project", str(path), "--medication", "denosumab", "--track", "high_intensity"
    )


def test_project_refuses_a_medication_it_cannot_model(as_alice):
    response = as_alice.post("/engine/project", example("02-early"), medication="glucocorticoid")
    assert response.status_code == 422
    (issue,) = response.json()["detail"]
    assert issue["field"] == "medication"
    assert "cannot be projected" in issue["message"]
    assert "bisphosphonate" in issue["message"]


@pytest.mark.parametrize(
    ("query", "args"),
    [
        ({"reps": 5, "load_kg": 60, "rpe": 8}, ("--reps", "5", "--load-kg", "60", "--rpe", "8")),
        (
            {"reps": 8, "load_lb": 135, "rir": 2, "implement": "dumbbell"},
            ("--reps", "8", "--load-lb", "135", "--rir", "2", "--implement", "dumbbell"),
        ),
        ({"reps": 12, "load_kg": 20}, ("--reps", "12", "--load-kg", "20")),
    ],
)
def test_one_rm_answers_what_the_cli_prints(query, args, as_alice):
    response = as_alice.get("/engine/one-rm", **query)
    assert response.status_code == 200
    assert response.json() == cli("one-rm", *args)


def test_one_rm_problems_name_the_parameters(as_alice):
    response = as_alice.get("/engine/one-rm", reps=5, load_kg=50, load_lb=100)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "field": "load_kg, load_lb",
            "value": None,
            "message": "give the load once, in kg or in lb",
        }
    ]
    refused = as_alice.get("/engine/one-rm", reps=30, load_kg=20)  # R21: too many reps
    assert refused.status_code == 422
    assert "R21" in refused.json()["detail"][0]["message"]


def test_dxa_change_answers_what_the_cli_prints(as_alice):
    response = as_alice.get(
        "/engine/dxa-change", site="lumbar_spine", baseline=0.84, followup=0.87,
        baseline_scanner="hologic", followup_scanner="hologic",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json() == cli(
        "dxa-change", "--site", "lumbar_spine", "--baseline", "0.84", "--followup", "0.87",
        "--baseline-scanner", "hologic", "--followup-scanner", "hologic",
    )  # fmt: skip


LOG = (
    "date,exercise_id,set,reps,load_kg,rpe,pain,note\n"
    "2026-11-16,goblet_squat,1,10,12,7,0,\n"
    "2026-11-16,goblet_squat,2,10,12,7.5,0,\n"
    "2026-11-18,dumbbell_row,1,10,8,7,0,\n"
)


def test_next_answers_what_the_cli_prints_for_a_csv_and_a_json_log(tmp_path, as_alice):
    path = next(p for p in EXAMPLES if "02-early" in p.name)
    log = tmp_path / "log.csv"
    log.write_text(LOG)
    expected = cli("next", str(path), "--log", str(log), "--as-of", "2026-11-25")
    expected["log"]["source"] = "log"  # the CLI names the file; the API the body field
    response = as_alice.post(
        "/engine/next", {"profile": body_of(path), "log": LOG}, as_of="2026-11-25"
    )
    assert response.status_code == 200, response.content[:500]
    assert response.json() == expected
    sets = [
        {"date": "2026-11-16", "exercise_id": "goblet_squat", "set": 1, "reps": 10,
         "load_kg": 12, "rpe": 7, "pain": 0},
        {"date": "2026-11-16", "exercise_id": "goblet_squat", "set": 2, "reps": 10,
         "load_kg": 12, "rpe": 7.5, "pain": 0},
        {"date": "2026-11-18", "exercise_id": "dumbbell_row", "set": 1, "reps": 10,
         "load_kg": 8, "rpe": 7, "pain": 0},
    ]  # fmt: skip
    as_json = as_alice.post(
        "/engine/next", {"profile": body_of(path), "log": {"sets": sets}}, as_of="2026-11-25"
    ).json()
    assert as_json["items"] == expected["items"]
    assert as_json["log"]["format"] == "osteoload_json"


def test_next_names_problems_inside_the_profile_and_the_log(as_alice):
    response = as_alice.post(
        "/engine/next",
        {"profile": {"age": 10, "sex": "female"}, "log": LOG + "2026-11-19,squatt,1,5,,,,\n"},
    )
    assert response.status_code == 422
    fields = [i["field"] for i in response.json()["detail"]]
    assert fields == ["profile.age"]
    bad_log = as_alice.post(
        "/engine/next", {"profile": example("02-early"), "log": LOG + "2026-11-19,squatt,1,5\n"}
    )
    (issue,) = bad_log.json()["detail"]
    assert issue["field"] == "log line 5, column exercise_id"
    assert "did you mean" in issue["message"]
    unknown = as_alice.post("/engine/next", {"profile": example("02-early"), "logs": []})
    assert {i["field"] for i in unknown.json()["detail"]} == {"logs", "log"}


def test_a_bad_profile_answers_422_naming_every_field_value_and_what_is_allowed(as_alice):
    profile = example("02-early")
    profile["age"] = 130
    profile["sex"] = "femal"
    profile["bone"]["scans"][0]["bmd_g_cm2"] = 7
    profile["tests"]["tugs"] = 8
    response = as_alice.post("/engine/plan", profile)
    assert response.status_code == 422
    detail = {i["field"]: i for i in response.json()["detail"]}
    assert detail["age"] == {
        "field": "age", "value": 130, "message": "130 is out of range; allowed 18 to 110"
    }  # fmt: skip
    assert "allowed: female, male (did you mean 'female'?)" in detail["sex"]["message"]
    assert detail["bone.scans[0].bmd_g_cm2"]["value"] == 7
    assert "did you mean 'tug_s'?" in detail["tests.tugs"]["message"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "the request body is empty; send a JSON document"),
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "expected an object at the top level"),
        ("1" * 5000, "has 5000 characters; at most 40"),
    ],
)
def test_a_body_that_is_not_a_json_profile_answers_422(raw, message, as_alice):
    response = as_alice.post("/engine/validate", raw=raw)
    assert response.status_code == 422
    assert message in response.json()["detail"][0]["message"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"weeks": 0}, "weeks", "0 is out of range; allowed 1 to 52"),
        ({"weeks": "many"}, "weeks", "'many' is not a whole number"),
        ({"start": "2027-02-30"}, "start", "'2027-02-30' is not a date"),
        ({"start": "9999-12-01"}, "start", "9999-12-01 is out of range"),
    ],
)
def test_query_parameters_answer_in_the_same_shape(query, field, message, as_alice):
    response = as_alice.post("/engine/plan", example("02-early"), **query)
    assert response.status_code == 422
    (issue,) = response.json()["detail"]
    assert issue["field"] == field
    assert message in issue["message"]


def test_the_engine_needs_credentials(anonymous):
    response = anonymous.post("/engine/validate", example("02-early"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_date_the_engine_cannot_compute_with_is_bad_input_naming_the_field(as_alice):
    profile = example("02-early")
    profile["schedule"]["start_date"] = "9999-12-01"
    response = as_alice.post("/engine/plan", profile)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "field": "schedule.start_date",
            "value": "9999-12-01",
            "message": "9999-12-01 is out of range; allowed 1900-01-01 to 2200-12-31",
        }
    ]


def test_a_computation_that_leaves_the_calendar_is_422_not_500(as_alice):
    log = "date,exercise_id,set,reps,load_kg\n0001-01-01,goblet_squat,1,5,10\n"
    response = as_alice.post("/engine/next", {"profile": example("02-early"), "log": log})
    assert response.status_code == 422
    assert "outside what osteoload can compute with" in response.json()["detail"][0]["message"]
