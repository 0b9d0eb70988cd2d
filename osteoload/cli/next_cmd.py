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
from osteoload.services import clock
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
from osteoload.wording import Audience, _, gettext_noop, ngettext
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.dose import dose_text
from osteoload.wording.notes import note_words

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
    day = parse_date_option(as_of, "--as-of") or clock.today()
    first = parse_date_option(start, "--start")
    with input_errors():
        record = load_profile(profile, today=clock.today())
        entries = read_log(log, today=clock.today(), weight_unit=weight_unit or record.units)
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
        entries = read_log(file, today=clock.today(), weight_unit=weight_unit)
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


#: What kind of log a file was, in words.
_LOG_KINDS = {
    "strong": gettext_noop("Strong export"),
    "hevy": gettext_noop("Hevy export"),
}
#: Where a working max came from, in words.
_MAX_SOURCES = {
    "profile": gettext_noop("from the profile"),
    "log": gettext_noop("from the log"),
}


def _report(entries: LogImport, *, to_stderr: bool, output: Path | None = None) -> None:
    out = err_console() if to_stderr else console()
    kind = _(_LOG_KINDS.get(entries.format.value, gettext_noop("osteoload log")))
    n = len(entries.sets)
    read = ngettext(
        "Read %(n)d set from %(source)s (%(kind)s)",
        "Read %(n)d sets from %(source)s (%(kind)s)",
        n,
    ) % {"n": n, "source": entries.source, "kind": kind}
    where = _(", written to %(path)s") % {"path": output} if output is not None else ""
    out.print(f"{read}{where}.", markup=False)
    for reason, count in entries.skipped:
        out.print(
            ngettext("Skipped %(n)d row: %(reason)s.", "Skipped %(n)d rows: %(reason)s.", count)
            % {"n": count, "reason": _(reason)},
            markup=False,
        )
    if entries.unmapped:
        out.print(
            _(
                "Exercise names not mapped (their rows were skipped; add them to "
                "osteoload/data/exercise_aliases.yaml or rename them in the app):"
            ),
            markup=False,
        )
        for u in entries.unmapped:
            rows = ngettext("%(n)d row", "%(n)d rows", u.count) % {"n": u.count}
            out.print(f"  {u.name}: {rows}", markup=False)


def render_next(
    session: NextSession, entries: LogImport, *, name: str | None, units: Units
) -> None:
    p = session.prescriptions
    status = _("Needs review before training") if p.status.value == "needs_review" else _("Ready")
    week = (
        _("week %(week)s (%(phase)s)") % {"week": p.week, "phase": _(p.phase.value)}
        if p.week is not None and p.phase
        else _("no week")
    )
    values = {
        "name": name,
        "day": p.as_of.isoformat(),
        "week": week,
        "start": session.program_start.isoformat(),
    }
    console().print(
        _("Next session for %(name)s after %(day)s: %(week)s of the program that started %(start)s")
        % values
        if name
        else _("Next session after %(day)s: %(week)s of the program that started %(start)s")
        % values,
        markup=False,
    )
    console().print(
        _("Status: %(status)s (%(code)s)") % {"status": status, "code": p.status.value},
        markup=False,
    )
    last = p.last_logged.isoformat() if p.last_logged else _("nothing yet")
    n = len(entries.sets)
    console().print(
        ngettext(
            "Log: %(n)d set from %(source)s; last %(last)s",
            "Log: %(n)d sets from %(source)s; last %(last)s",
            n,
        )
        % {"n": n, "source": entries.source, "last": last},
        markup=False,
    )
    for note in session.notes:
        console().print(f"\n{note_words(note)}", markup=False)
    if p.findings:
        console().print("", markup=False)
        for f in p.findings:
            console().print(f"[{_LABELS[f.severity.value]} {f.rule}] {f.message}", markup=False)
    console().print("\n" + _("(+ increase, = hold, - decrease, * new)"), markup=False)
    for item in p.items:
        when = (
            "  " + _("next %(day)s") % {"day": item.next_date.isoformat()} if item.next_date else ""
        )
        dose = dose_text(item, units, Audience.PRINT)
        console().print(
            f"{_MARKS[item.change]} {exercise_words(item.name)}: {dose}{when}", markup=False
        )
        console().print(f"    {item.reason}", markup=False)
    if p.working_maxes:
        console().print("\n" + _("Working max (R22):"), markup=False)
        for wm in p.working_maxes:
            origin = (
                _("re-estimated %(day)s") % {"day": wm.reestimated_on.isoformat()}
                if wm.reestimated_on
                else _(_MAX_SOURCES.get(wm.source, wm.source))
            )
            console().print(
                f"  {wm.exercise_id}: {format_load(wm.one_rm_kg, units, digits=1)} ({origin})",
                markup=False,
            )
    if entries.unmapped or entries.skipped:
        console().print("", markup=False)
        _report(entries, to_stderr=False)


def register(app: typer.Typer) -> None:
    app.command("next")(next_cmd)
    app.command("import-log")(import_log_cmd)
