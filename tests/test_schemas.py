"""Published JSON Schemas must match the models; examples must validate against them."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from osteoload.services.schemas import SCHEMAS, schema_for
from tests.conftest import EXAMPLES, ROOT


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_current(name):
    path = ROOT / "docs" / "schemas" / f"{name}.v1.json"
    committed = json.loads(path.read_text())
    assert committed == schema_for(name), (
        f"{path.name} is stale: run `uv run osteoload schema {name} > docs/schemas/{name}.v1.json`"
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_match_the_published_profile_schema(path):
    data = yaml.safe_load(path.read_text())
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, schema_for("profile"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_plan_json_matches_the_published_program_schema(path):
    from osteoload.services.plans import plan_program, program_document
    from osteoload.services.profiles import load_profile
    from tests.conftest import TODAY

    program = plan_program(load_profile(path, today=TODAY), today=TODAY, weeks=6)
    jsonschema.validate(program_document(program), schema_for("program"))
    jsonschema.validate(
        {"schema_version": 1, **program_document(program)["screening"]}, schema_for("screening")
    )
