"""``osteoload seed``: fill an empty database with a synthetic clinic (for load tests)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from osteoload.services.errors import InputError, Issue
from osteoload.wording import _

from .common import TextOrJson, console, err_console, fail, print_json

CLIENTS_PER_COACH = 50


def seed(
    clients: Annotated[int, typer.Option(help="Number of clients (1 to 100000).")] = 500,
    years: Annotated[float, typer.Option(help="Years of training history (up to 10).")] = 3.0,
    coaches: Annotated[
        int | None,
        typer.Option(help=f"Number of coaches (default: one per {CLIENTS_PER_COACH} clients)."),
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same clinic).")] = 1,
    workers: Annotated[
        int | None,
        typer.Option(help="Processes sharing the work (default: the number of CPUs, up to 4)."),
    ] = None,
    output: Annotated[
        TextOrJson, typer.Option("--format", help="Summary as text or json.")
    ] = TextOrJson.TEXT,
) -> None:
    """Create a synthetic clinic with years of training, through the real services.

    Needs an empty database (SQLite in the data directory unless DATABASE_URL is set).
    Logins: coach-001, ... and client-00001, ...; one password for all (printed).
    """
    coach_count = coaches if coaches is not None else max(1, clients // CLIENTS_PER_COACH)
    processes = workers if workers is not None else max(1, min(4, os.cpu_count() or 1))
    from osteoload.services.database import database_description, migrate, setup_django

    setup_django()
    from osteoload.devtools import seed as seeding
    from osteoload.services import clock

    try:
        seeding.check_arguments(
            clients=clients, years=years, coaches=coach_count, workers=processes
        )
    except InputError as exc:
        fail(_as_options(exc))
    with console().status(_("Preparing the database...")):
        migrate()
    err_console().print(_("Data: %(where)s") % {"where": database_description()}, markup=False)
    columns = (
        TextColumn(_("Seeding clients")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn(_("left")),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console(), transient=False) as bar:
        task = bar.add_task("seed", total=clients)
        try:
            summary = seeding.seed_clinic(
                clients=clients,
                years=years,
                coaches=coach_count,
                seed=seed,
                today=clock.today(),
                workers=processes,
                progress=lambda done: bar.update(task, completed=done),
            )
        except InputError as exc:
            fail(_as_options(exc))
        except seeding.SeedFailed as exc:
            err_console().print(
                "error: " + _("%(problem)s; nothing was kept") % {"problem": exc}, markup=False
            )
            raise typer.Exit(code=1) from None
    figures = {
        "coaches": summary.coaches,
        "clients": summary.clients,
        "client_logins": summary.logins,
        "programs": summary.programs,
        "sets": summary.sets,
        "symptom_reports": summary.symptom_reports,
        "paused_now": summary.paused,
        "tests": summary.tests,
        "scans": summary.scans,
        "seconds": round(summary.seconds, 1),
    }
    if output is TextOrJson.JSON:
        print_json({**figures, "password": summary.password,
                    "coach_logins": summary.coach_usernames,
                    "first_client_logins": summary.client_usernames[:10]})  # fmt: skip
        return
    console().print(
        _(
            "Seeded %(clients)s clients of %(coaches)s coaches in %(seconds)s s: %(programs)s "
            "programs, %(sets)s logged sets, %(reports)s symptom reports (%(paused)s programs "
            "paused now), %(tests)s test sessions, %(scans)s scans."
        )
        % {
            "clients": summary.clients,
            "coaches": summary.coaches,
            "seconds": f"{summary.seconds:.0f}",
            "programs": summary.programs,
            "sets": f"{summary.sets:,}",
            "reports": summary.symptom_reports,
            "paused": summary.paused,
            "tests": summary.tests,
            "scans": summary.scans,
        },
        markup=False,
    )
    coaches_shown = ", ".join(summary.coach_usernames[:3])
    more = ", ..." if summary.coaches > 3 else ""
    first_client = summary.client_usernames[0] if summary.client_usernames else _("none")
    console().print(
        _(
            "Log in as a coach (%(coaches)s) or a client (e.g. %(client)s); password for all: "
            "%(password)s"
        )
        % {"coaches": coaches_shown + more, "client": first_client, "password": summary.password},
        markup=False,
    )


def _as_options(exc: InputError) -> str:
    """The error with each field written as the option that sets it (--clients, ...)."""
    options = {"clients", "years", "coaches", "workers"}
    return InputError(
        [Issue(f"--{i.path}" if i.path in options else i.path, i.message, i.value)
         for i in exc.issues]
    ).render()  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("seed")(seed)
