"""``osteoload schema NAME``: print a published JSON Schema."""

from __future__ import annotations

from typing import Annotated

import typer

from osteoload.services.schemas import SCHEMAS, schema_for
from osteoload.wording import _

from .common import fail, print_json


def schema(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(SCHEMAS)}.")],
) -> None:
    """Print the JSON Schema of a document osteoload reads or writes."""
    if name not in SCHEMAS:
        fail(
            _("schema name: %(value)s is not allowed; allowed: %(allowed)s")
            % {"value": repr(name), "allowed": ", ".join(SCHEMAS)}
        )
    print_json(schema_for(name))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
