"""``osteoload export-fhir``: one client's record as a FHIR R4 Bundle (docs/fhir.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from osteoload.services import clock
from osteoload.wording import _

from .common import fail, input_errors
from .plan_cmds import check_output, write_output


def export_fhir_cmd(
    profile: Annotated[
        Path | None,
        typer.Argument(help="Client profile, YAML or JSON (or give --client).", show_default=False),
    ] = None,
    log: Annotated[
        Path | None,
        typer.Option(
            "--log", "-l", help="Session log: our CSV or JSON, or a Strong or Hevy CSV export."
        ),
    ] = None,
    client: Annotated[
        int | None,
        typer.Option(
            "--client", help="A stored client's id: read her record from the database instead."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (required).")
    ] = None,
) -> None:
    """Write a client's record as a FHIR R4 Bundle (JSON) for her doctor's system: patient,
    bone density, tests, conditions, medicines, the program and adherence."""
    if (profile is None) == (client is None):
        fail(_("give a PROFILE file or --client ID (one of them)"))
    if client is not None and log is not None:
        fail("--log: " + _("only with a PROFILE file; a stored client's log is in the database"))
    target = check_output(output, "export-fhir")
    day = clock.today()
    bundle: dict[str, Any]
    if client is not None:
        bundle = _stored(client, day)
    else:
        from osteoload.services.fhir import bundle_from_files
        from osteoload.services.logs import read_log
        from osteoload.services.profiles import load_profile

        assert profile is not None
        with input_errors():
            record = load_profile(profile, today=day)
            sets = read_log(log, today=day, weight_unit=record.units).sets if log else ()
            bundle = bundle_from_files(record, sets, today=day, key=profile.name)
    write_output(target, (json.dumps(bundle, indent=2, ensure_ascii=False) + "\n").encode())


def _stored(client_id: int, day: Any) -> dict[str, Any]:
    from osteoload.services.database import setup_django

    setup_django()
    from osteoload.services.access import NotFound
    from osteoload.services.fhir import operator_bundle

    try:
        return operator_bundle(client_id, today=day)
    except NotFound:
        fail("--client: " + _("no client with id %(id)s") % {"id": client_id})


def register(app: typer.Typer) -> None:
    app.command("export-fhir")(export_fhir_cmd)
