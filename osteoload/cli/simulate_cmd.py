"""``osteoload simulate``: virtual clients follow the app for months; read their loads."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .common import TextOrJson, console, err_console, fail, input_errors, print_json

SHOWN_WEEKS = (1, 2, 4, 8, 12, 16, 20, 26, 39, 52)
#: The behaviours of osteoload.devtools.simulation.Behaviour (that module needs Django set
#: up first, so the names are checked here; a test keeps the two lists equal).
BEHAVIOURS = ("at_target", "one_over", "one_under", "two_under", "missed_weeks", "painful_set",
              "chooses_heavier")  # fmt: skip


def simulate(
    profiles: Annotated[
        list[Path], typer.Argument(help="Client profiles (YAML or JSON), one virtual client each.")
    ],
    weeks: Annotated[int, typer.Option(help="Weeks to simulate (1 to 104).")] = 26,
    behaviour: Annotated[
        list[str] | None,
        typer.Option(
            "--behaviour",
            "-b",
            help=f"How she logs (repeat for several): {', '.join(BEHAVIOURS)}. Default: at_target.",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            help="First day (YYYY-MM-DD); default the Monday after the profile's newest date."
        ),
    ] = None,
    output: Annotated[
        TextOrJson, typer.Option("--format", help="Tables as text, or json.")
    ] = TextOrJson.TEXT,
) -> None:
    """Virtual clients follow their program in the app, day by day, for WEEKS weeks.

    Each logs every set her Today page asks for, as her behaviour says, through the same
    services the web app uses; her coach generates the next block every 12 weeks. Prints
    each lift's prescribed load by week, with its share of a modelled one-rep max
    (docs/science/progression.md). Runs in a throwaway database: your data is not touched.
    """
    if not 1 <= weeks <= 104:
        fail(f"--weeks: {weeks} is out of range; allowed 1 to 104")
    chosen = behaviour or ["at_target"]
    for name in chosen:
        if name not in BEHAVIOURS:
            fail(f"--behaviour: {name!r} is not a behaviour; allowed: {', '.join(BEHAVIOURS)}")
    first = None
    if start is not None:
        try:
            first = date.fromisoformat(start)
        except ValueError:
            fail(f"--start: {start!r} is not a date; write it as YYYY-MM-DD")
    saved = {name: os.environ.get(name) for name in ("OSTEOLOAD_DATA_DIR", "DATABASE_URL")}
    with tempfile.TemporaryDirectory(prefix="osteoload-simulate-") as scratch:
        # A throwaway SQLite database (read when Django is set up): the clinic's own data,
        # SQLite or PostgreSQL, is never touched.
        os.environ["OSTEOLOAD_DATA_DIR"] = scratch
        os.environ.pop("DATABASE_URL", None)
        try:
            _run(profiles, weeks, chosen, first, output)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _run(
    profiles: list[Path],
    weeks: int,
    chosen: Sequence[str],
    first: date | None,
    output: TextOrJson,
) -> None:
    from osteoload.services.database import migrate, setup_django

    setup_django()
    from osteoload.devtools import simulation
    from osteoload.services import clock
    from osteoload.services.untrusted import read_document

    with err_console().status("Preparing a throwaway database..."):
        migrate()
    results = []
    for path in profiles:
        with input_errors():
            document = json.loads(json.dumps(read_document(path), default=str))
        if not isinstance(document, dict):
            fail(f"{path}: expected a profile (an object at the top level)")
        begin = first or simulation.default_start(document, today=clock.today())
        for name in chosen:
            behaviour = simulation.Behaviour(name)
            status = f"{path.name}, {name}: simulating {weeks} weeks..."
            with err_console().status(status), input_errors():
                result = simulation.simulate(
                    document, weeks=weeks, behaviour=behaviour, start=begin
                )
            results.append((path, begin, result))
    if output is TextOrJson.JSON:
        print_json([simulation.result_document(r, source=str(p), start=b) for p, b, r in results])
        return
    shown = [w for w in SHOWN_WEEKS if w <= weeks]
    if weeks not in shown:
        shown.append(weeks)
    for path, begin, result in results:
        title = (
            f"{result.profile_name} ({path.name}), {result.behaviour.value}, "
            f"{result.weeks} weeks from {begin.isoformat()}: sets×load×reps (+heavier sets"
            ", slow tempo), % of modelled 1RM"
        )
        grid = Table(title=title, title_justify="left")
        grid.add_column("Lift")
        for week in shown:
            deload = " (deload)" if week in result.deload_weeks else ""
            grid.add_column(f"wk {week}{deload}", justify="right")
        for row in simulation.table(result, shown):
            grid.add_row(*row)
        impacts = [str(result.impacts.get(w, 0)) for w in shown]
        grid.add_row("Impacts that week", *impacts)
        # Wide enough for every week shown, also when the output goes to a file.
        wide = Console(highlight=False, width=max(console().width, 40 + 13 * len(shown)))
        wide.print(grid)
        for note in result.notes:
            console().print(f"  {note}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate)
