"""The ``osteoload`` command group: every command reachable, each module loaded only when used."""

from __future__ import annotations

import importlib
import subprocess
import sys

import typer
from typer.testing import CliRunner

from osteoload.cli.main import COMMANDS, app
from tests.conftest import ROOT


def test_the_command_map_names_exactly_what_each_module_registers():
    for module in set(COMMANDS.values()):
        commands = typer.Typer()
        importlib.import_module(f"osteoload.cli.{module}").register(commands)
        registered = {c.name for c in commands.registered_commands}
        assert registered == {n for n, m in COMMANDS.items() if m == module}, module


def test_help_lists_every_command_and_an_unknown_one_is_refused():
    runner = CliRunner()
    listed = runner.invoke(app, ["--help"])
    assert listed.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in listed.output
    unknown = runner.invoke(app, ["nxt"])
    assert unknown.exit_code == 2
    assert "No such command 'nxt'" in unknown.output


def after_schema_command(report: str) -> str:
    """Run ``osteoload schema profile`` through the script's entry point in a fresh Python,
    then the line ``report`` (Python that prints to stderr); returns what it printed."""
    code = (
        "import gc, sys\n"
        "from osteoload.cli.main import main\n"
        "sys.argv = ['osteoload', 'schema', 'profile']\n"
        "usual = gc.get_threshold()\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"{report}\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True)  # fmt: skip
    return done.stderr


def test_a_command_loads_only_its_own_module():
    """``osteoload schema`` must not import the booklet, the web app or another command's
    module: a command's start-up time is what it needs, not the whole tool's (issue 19)."""
    printed = after_schema_command(
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('osteoload.cli.', "
        "'osteoload.services.documents', 'osteoload.web', 'django.template')))), "
        "file=sys.stderr)"
    )
    loaded = set(printed.split())
    assert "osteoload.cli.schema_cmd" in loaded
    assert not loaded & {f"osteoload.cli.{m}" for m in COMMANDS.values() if m != "schema_cmd"}
    assert not any(m.startswith(("osteoload.services.documents", "osteoload.web",
                                 "django.template")) for m in loaded), loaded  # fmt: skip


def test_the_script_collects_garbage_less_often_while_a_command_runs():
    printed = after_schema_command("print(usual[0], gc.get_threshold()[0], file=sys.stderr)")
    usual, during = map(int, printed.split())
    assert during > 100 * usual
