"""The published JSON Schemas (``docs/schemas/*.v1.json``), generated from the code.

Input documents are described by their pydantic models; output documents by the engine's
own frozen dataclasses, so the schema cannot drift from what the engine produces.
Regenerate with ``uv run osteoload schema NAME > docs/schemas/NAME.v1.json``; a test fails
when a committed file is stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from osteoload.domain.program import Program, Screening

from .profiles import profile_json_schema

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def output_schema(kind: type[Any], name: str, description: str) -> dict[str, Any]:
    """The JSON Schema of an engine record wrapped as a document with ``schema_version: 1``."""
    schema = TypeAdapter(kind).json_schema(mode="serialization")
    schema["properties"] = {
        "schema_version": {"const": 1, "type": "integer"},
        **schema["properties"],
    }
    schema["required"] = ["schema_version", *schema.get("required", [])]
    schema["description"] = description
    schema["$schema"] = _DIALECT
    schema["$id"] = f"https://osteoload.org/schemas/{name}.v1.json"
    return schema


def program_schema() -> dict[str, Any]:
    """The plan document: the engine's Program, each item with its dose in words added."""
    schema = output_schema(
        Program, "program", "A generated program (osteoload plan --format json)."
    )
    schema["$defs"]["ProgramItem"]["properties"]["display"] = {
        "title": "Display",
        "description": (
            "The dose in words from the wording layer, for each audience: coach (one line), "
            "client (short plain lines for her phone) and print (one compact line). Added by "
            "the API and the command line; the numbers above are the prescription."
        ),
        "type": "object",
        "properties": {
            "coach": {"type": "string"},
            "client": {"type": "array", "items": {"type": "string"}},
            "print": {"type": "string"},
        },
        "required": ["coach", "client", "print"],
    }
    return schema


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "profile": profile_json_schema,
    "program": program_schema,
    "screening": lambda: output_schema(
        Screening, "screening", "A screening result (osteoload screen --format json)."
    ),
}


def schema_for(name: str) -> dict[str, Any]:
    return SCHEMAS[name]()
