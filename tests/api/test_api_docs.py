"""docs/api.md keeps up with the API: every operation of the OpenAPI document is listed."""

from __future__ import annotations

import re

from osteoload.api.v1 import api
from tests.conftest import ROOT

DOC = ROOT / "docs" / "api.md"


def documented() -> set[str]:
    return set(re.findall(r"`((?:GET|POST|PUT|PATCH|DELETE) /api/v1/[^`\s]*)`", DOC.read_text()))


def published() -> set[str]:
    spec = api.get_openapi_schema(path_prefix="/api/v1/")
    return {f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item}


def test_every_operation_is_in_the_api_docs():
    missing = sorted(published() - documented())
    assert not missing, f"operations missing from docs/api.md: {missing}"


def test_the_api_docs_list_no_operation_that_does_not_exist():
    stale = sorted(documented() - published())
    assert not stale, f"docs/api.md lists operations the API does not have: {stale}"


def test_the_pattern_finds_the_operations():
    assert len(documented()) >= 30
