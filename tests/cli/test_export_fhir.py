"""``osteoload export-fhir``: a bundle from a profile file (and a log) without a database."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from typer.testing import CliRunner

from osteoload.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_profile_writes_a_bundle_that_parses(path, tmp_path):
    out = tmp_path / "bundle.json"
    result = runner.invoke(app, ["export-fhir", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    bundle = Bundle.model_validate(json.loads(out.read_text()))
    assert bundle.type == "collection"


def test_a_log_with_a_stop_symptom_puts_the_plan_on_hold_r32(tmp_path):
    """R32: chest pain in her log suspends the program: the CarePlan is on-hold."""
    log = tmp_path / "log.csv"
    log.write_text(
        "date,exercise_id,set,reps,load_kg,rpe,pain,note,symptoms\n"
        "2026-11-20,goblet_squat,1,10,8,7,0,,chest_pain\n"
    )
    out = tmp_path / "bundle.json"
    profile = next(p for p in EXAMPLES if "01-healthy" in p.name)
    result = runner.invoke(app, ["export-fhir", str(profile), "--log", str(log), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    Bundle.model_validate(doc)
    plan = next(e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == "CarePlan")
    assert plan["status"] == "on-hold"


def test_needs_a_profile_or_a_client_and_an_output(tmp_path):
    result = runner.invoke(app, ["export-fhir", "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "PROFILE" in result.output
    result = runner.invoke(app, ["export-fhir", str(EXAMPLES[0])])
    assert result.exit_code == 2 and "-o" in result.output


def test_a_bad_profile_exits_2_naming_the_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nage: 300\nsex: female\n")
    result = runner.invoke(app, ["export-fhir", str(bad), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "age" in result.output
    assert not (tmp_path / "b.json").exists()


@pytest.mark.django_db
def test_client_reads_a_stored_client_from_the_database(tmp_path):
    from osteoload.services import clients
    from tests.api.conftest import example
    from tests.conftest import TODAY

    coach = clients.create_coach("alice", "a-long-enough-passphrase")
    client_id = clients.create_client(coach, example("04-vertebral"), today=TODAY)
    out = tmp_path / "bundle.json"
    result = runner.invoke(app, ["export-fhir", "--client", str(client_id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    Bundle.model_validate(json.loads(out.read_text()))
    result = runner.invoke(app, ["export-fhir", "--client", "999999", "-o", str(out)])
    assert result.exit_code == 2 and "no client" in result.output
