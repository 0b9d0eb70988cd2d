"""``osteoload next`` (the next session from the log) and ``osteoload import-log``.

Logs may be our CSV or JSON (docs/session-log.md) or a Strong or Hevy CSV export. Bad
input exits 2 with every problem named by line and column, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from osteoload.domain.progression import Change
from osteoload.domain.units import format_load
from osteoload.domain.vocabulary import Units
from osteoload.services.clock import today
from osteoload.services.logs import (
    LogImport,
    NextSession,
    log_document,
    next_document,
    next_session,
    read_log,
    write_log_csv,
)
from osteoload.services.profiles import load_profile
from osteoload.wording import Audience
from osteoload.wording.dose import dose_text

from .common import (
    TextOrJson,
    console,
    err_console,
    fail,
    input_errors,
    parse_date_option,
    print_json,
)

FormatOpt = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]
WeightUnitOpt = Annotated[
    Units | None,
    typer.Option(
        "--weight-unit",
        help="Unit of the weights in a Strong export that does not say (its current "
        "export); for 'next' the default is the profile's units.",
        show_default=False,
    ),
]

_MARKS = {Change.INCREASE: "+", Change.HOLD: "=", Change.DECREASE: "-", Change.NEW: "*"}
_LABELS = {"must": "MUST", "should": "SHOULD", "info": "NOTE"}


def next_cmd(
    profile: Annotated[Path, typer.Argument(help="Client profile, YAML or JSON.")],
    log: Annotated[
        Path,
        typer.Option(
            "--log", "-l", help="Session log: our CSV or JSON, or a Strong or Hevy CSV export."
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(help="Plan the session after this day (YYYY-MM-DD); default today."),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            help="First day of the program (YYYY-MM-DD); default the profile's start date, "
            "or the Monday of the first logged session when that date is later."
        ),
    ] = None,
    weight_unit: WeightUnitOpt = None,
    format: FormatOpt = TextOrJson.TEXT,
) -> None:
    """The next prescription of every exercise, from the program and what she logged."""
    day = parse_date_option(as_of, "--as-of") or today()
    first = parse_date_option(start, "--start")
    with input_errors():
        record = load_profile(profile, today=today())
        entries = read_log(log, today=today(), weight_unit=weight_unit or record.units)
        session = next_session(record, entries, as_of=day, start=first)
    if format is TextOrJson.JSON:
        print_json(next_document(session, entries))
    else:
        render_next(session, entries, name=record.name, units=record.units)


def import_log_cmd(
    file: Annotated[Path, typer.Argument(help="A Strong or Hevy CSV export (or our own log).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write our CSV here; default: print it.", show_default=False
        ),
    ] = None,
    weight_unit: WeightUnitOpt = None,
    format: FormatOpt = TextOrJson.TEXT,
) -> None:
    """Convert a Strong or Hevy export to osteoload's CSV and report names it cannot map."""
    with input_errors():
        entries = read_log(file, today=today(), weight_unit=weight_unit)
    text = write_log_csv(entries.sets, unit=entries.unit or Units.KG)
    if output is not None:
        try:
            from osteoload.services.documents import write_atomically

            write_atomically(output, text.encode("utf-8"))  # 0600: health data
        except OSError as exc:
            fail(f"{output}: cannot be written ({exc.strerror or exc})")
    if format is TextOrJson.JSON:
        doc = log_document(entries, include_sets=output is None)
        doc["output"] = str(output) if output is not None else None
        doc["rows"] = len(entries.sets)
        print_json(doc)
        return
    if output is None:
        sys.stdout.write(text)
        _report(entries, to_stderr=True)
    else:
        _report(entries, to_stderr=False, output=output)


def _report(entries: LogImport, *, to_stderr: bool, output: Path | None = None) -> None:
    out = err_console if to_stderr else console
    kind = {"strong": "Strong export", "hevy": "Hevy export"}.get(
        entries.format.value, "osteoload log"
    )
    where = f", written to {output}" if output is not None else ""
    out.print(f"Read {len(entries.sets)} sets from {entries.source} ({kind}){where}.", markup=False)
    for reason, count in entries.skipped:
        out.print(f"Skipped {count} row{'s' if count != 1 else ''}: {reason}.", markup=False)
    if entries.unmapped:
        out.print(
            "Exercise names not mapped (their rows were skipped; add them to "
            "osteoload/data/exercise_aliases.yaml or rename them in the app):",
            markup=False,
        )
        for u in entries.unmapped:
            out.print(f"  {u.name}: {u.count} row{'s' if u.count != 1 else ''}", markup=False)


def render_next(
    session: NextSession, entries: LogImport, *, name: str | None, units: Units
) -> None:
    p = session.prescriptions
    who = f" for {name}" if name else ""
    status = "Needs review before training" if p.status.value == "needs_review" else "Ready"
    week = f"week {p.week} ({p.phase.value})" if p.week is not None and p.phase else "no week"
    console.print(
        f"Next session{who} after {p.as_of.isoformat()}: {week} of the program that started "
        f"{session.program_start.isoformat()}",
        markup=False,
    )
    console.print(f"Status: {status} ({p.status.value})", markup=False)
    last = p.last_logged.isoformat() if p.last_logged else "nothing yet"
    console.print(f"Log: {len(entries.sets)} sets from {entries.source}; last {last}", markup=False)
    for note in session.notes:
        console.print(f"\n{note}", markup=False)
    if p.findings:
        console.print("", markup=False)
        for f in p.findings:
            console.print(f"[{_LABELS[f.severity.value]} {f.rule}] {f.message}", markup=False)
    console.print("\n(+ increase, = hold, - decrease, * new)", markup=False)
    for item in p.items:
        when = f"  next {item.next_date.isoformat()}" if item.next_date else ""
        console.print(
            f"{_MARKS[item.change]} {item.name}: {dose_text(item, units, Audience.PRINT)}{when}",
            markup=False,
        )
        console.print(f"    {item.reason}", markup=False)
    if p.working_maxes:
        console.print("\nWorking max (R22):", markup=False)
        for wm in p.working_maxes:
            origin = (
                f"re-estimated {wm.reestimated_on.isoformat()}"
                if wm.reestimated_on
                else f"from the {wm.source}"
            )
            console.print(
                f"  {wm.exercise_id}: {format_load(wm.one_rm_kg, units, digits=1)} ({origin})",
                markup=False,
            )
    if entries.unmapped or entries.skipped:
        console.print("", markup=False)
        _report(entries, to_stderr=False)


def register(app: typer.Typer) -> None:
    app.command("next")(next_cmd)
    app.command("import-log")(import_log_cmd)
