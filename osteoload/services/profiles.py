"""Use case: read and validate a client profile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from osteoload.domain.profile import ClientProfile

from .profile_schema import ProfileIn, to_domain
from .untrusted import read_document
from .validation import validate


def parse_profile(data: Any, *, today: date, source: str | None = None) -> ClientProfile:
    """Validate a profile mapping (from YAML, JSON or an HTTP body) and return the engine record."""
    return to_domain(
        validate(ProfileIn, data, today=today, source=source, context=validation_context())
    )


def stored_profile(document: Mapping[str, Any]) -> ClientProfile:
    """A profile as it was stored, read with its shape and ranges checked but not re-judged:
    the date rules that compare with today (a start date near today, nothing in the future)
    applied when it was written, and a strength set naming an exercise today's catalogue no
    longer has is left out instead of failing the whole profile (issue 16 item 9)."""
    record = to_domain(validate(ProfileIn, document, context={"stored": True}))
    known = validation_context()["exercise_ids"]
    if all(s.exercise in known for s in record.strength):
        return record
    return replace(record, strength=tuple(s for s in record.strength if s.exercise in known))


def load_profile(path: Path, *, today: date) -> ClientProfile:
    """Read a profile file (YAML or JSON); raises ``InputError`` with one line per problem."""
    return parse_profile(read_document(path), today=today, source=str(path))


def profile_json_schema() -> dict[str, Any]:
    """The published JSON Schema of the profile document (docs/schemas/profile.v1.json)."""
    schema = ProfileIn.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://osteoload.org/schemas/profile.v1.json"
    return schema


def validation_context() -> dict[str, Any]:
    from .catalogue import strength_exercise_ids

    return {"exercise_ids": strength_exercise_ids()}
