"""``osteoload schema NAME``: print a published JSON Schema."""

from __future__ import annotations

from typing import Annotated

import typer

from osteoload.services.schemas import SCHEMAS, schema_for

from .common import fail, print_json


def schema(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(SCHEMAS)}.")],
) -> None:
    """Print the JSON Schema of a document osteoload reads or writes."""
    if name not in SCHEMAS:
        fail(f"schema name: {name!r} is not allowed; allowed: {', '.join(SCHEMAS)}")
    print_json(schema_for(name))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
