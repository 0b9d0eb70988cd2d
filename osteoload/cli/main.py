"""The ``osteoload`` command line. Each command lives in its own module and is registered here."""

from __future__ import annotations

import typer

from . import (
    assess_cmds,
    backup_cmds,
    fhir_cmd,
    next_cmd,
    one_rm_cmd,
    paper_cmds,
    plan_cmds,
    profile_cmds,
    schema_cmd,
    seed_cmd,
    serve_cmd,
    simulate_cmd,
)
from .common import fail

app = typer.Typer(
    name="osteoload",
    help="Bone-health strength training: screen a client, plan her program, track progress.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(
    lang: str = typer.Option(
        "",
        "--lang",
        help="The language of the text, booklet, calendar and report: en or es (default: English).",
    ),
) -> None:
    """Bone-health strength training: screen a client, plan her program, track progress."""
    if lang:
        _activate(lang)


def _activate(lang: str) -> None:
    """Speak ``lang`` for the rest of the command (Django's translation, which the wording
    layer and the paper templates use)."""
    from osteoload.services.database import setup_django

    setup_django()
    from django.utils import translation

    from osteoload.services.i18n import language_codes, supported

    chosen = supported(lang)
    if chosen is None:
        fail(f"--lang: {lang!r} is not a language osteoload speaks; allowed: "
             f"{', '.join(sorted(language_codes()))}")  # fmt: skip
    translation.activate(chosen)


profile_cmds.register(app)
plan_cmds.register(app)
paper_cmds.register(app)
one_rm_cmd.register(app)
schema_cmd.register(app)
serve_cmd.register(app)
seed_cmd.register(app)
assess_cmds.register(app)
next_cmd.register(app)
simulate_cmd.register(app)
backup_cmds.register(app)
fhir_cmd.register(app)


def main() -> None:  # pragma: no cover - console script entry point
    app()
