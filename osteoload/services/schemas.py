"""The published JSON Schemas (``docs/schemas/*.v1.json``), generated from the models.

Regenerate with ``uv run osteoload schema NAME > docs/schemas/NAME.v1.json``; a test fails
when a committed file is stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .profiles import profile_json_schema

SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "profile": profile_json_schema,
}


def schema_for(name: str) -> dict[str, Any]:
    return SCHEMAS[name]()
