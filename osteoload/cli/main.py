"""The ``osteoload`` command line. Each command lives in its own module and is registered here."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

from .common import collect_less_often, fail

if TYPE_CHECKING:  # Typer's own copy of Click, which its groups are built on
    from typer import _click as click

#: Every command, in the order ``--help`` lists them, and the module (in this package) whose
#: ``register`` adds it. A module is imported only when one of its commands runs or ``--help``
#: lists them all, so ``osteoload next`` does not load the booklet's templates or the web app
#: (issue 19: the command, process start included, within a second).
COMMANDS: dict[str, str] = {
    "validate": "profile_cmds",
    "screen": "plan_cmds",
    "plan": "plan_cmds",
    "illustrations": "paper_cmds",
    "report": "paper_cmds",
    "one-rm": "one_rm_cmd",
    "schema": "schema_cmd",
    "serve": "serve_cmd",
    "seed": "seed_cmd",
    "dxa-change": "assess_cmds",
    "assess": "assess_cmds",
    "project": "assess_cmds",
    "next": "next_cmd",
    "import-log": "next_cmd",
    "simulate": "simulate_cmd",
    "backup": "backup_cmds",
    "restore": "backup_cmds",
    "export-fhir": "fhir_cmd",
}


class _LazyCommands(TyperGroup):
    """The ``osteoload`` group: each command is built from its module when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        commands = typer.Typer()
        importlib.import_module(f"{__package__}.{module}").register(commands)
        return typer.main.get_group(commands).get_command(ctx, cmd_name)


app = typer.Typer(
    cls=_LazyCommands,
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


def main() -> None:
    """The ``osteoload`` script."""
    collect_less_often()
    app()
