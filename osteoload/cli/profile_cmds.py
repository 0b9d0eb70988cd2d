"""``osteoload validate``: read a profile and print it normalised (kg, ISO dates)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from osteoload.domain.serialize import jsonable
from osteoload.services import clock
from osteoload.services.profiles import load_profile
from osteoload.wording import _

from .common import TextOrJson, console, input_errors, print_json

ProfileArg = Annotated[
    Path, typer.Argument(help="Client profile, YAML or JSON.", show_default=False)
]
FormatOpt = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]


def validate(profile: ProfileArg, format: FormatOpt = TextOrJson.TEXT) -> None:
    """Check a client profile and print it normalised (all masses in kg)."""
    with input_errors():
        record = load_profile(profile, today=clock.today())
    data = {"schema_version": 1, **jsonable(record)}
    if format is TextOrJson.JSON:
        print_json(data)
        return
    console().print(f"{profile}: " + _("valid profile"), markup=False)
    _print_tree(data, indent=1)


def _print_tree(data: object, indent: int) -> None:
    pad = "  " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            if value in (None, [], {}):
                continue
            if isinstance(value, dict | list):
                console().print(f"{pad}{key}:", markup=False)
                _print_tree(value, indent + 1)
            else:
                console().print(f"{pad}{key}: {value}", markup=False)
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict):
                console().print(f"{pad}-", markup=False)
                _print_tree(item, indent + 1)
            else:
                console().print(f"{pad}- {item}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
