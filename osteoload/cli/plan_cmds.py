"""``osteoload screen`` and ``osteoload plan``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from osteoload.domain.program import Program, Screening, SessionKind
from osteoload.domain.vocabulary import Units
from osteoload.services import clock
from osteoload.services.documents import DAY_NAMES
from osteoload.services.plans import (
    MAX_WEEKS,
    plan_program,
    program_document,
    program_start,
    screen_client,
    screening_document,
    with_display,
)
from osteoload.services.profiles import load_profile
from osteoload.wording import Audience, _, gettext_noop
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.dose import dose_text
from osteoload.wording.notes import note_words

from .common import TextOrJson, console, input_errors, parse_date_option, print_json

ProfileArg = Annotated[Path, typer.Argument(help="Client profile, YAML or JSON.")]
FormatOpt = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]


class PlanFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    PDF = "pdf"
    ICS = "ics"


PlanFormatOpt = Annotated[
    PlanFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output: text or json on screen; pdf (booklet) or ics (calendar) to -o.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="File to write (required for pdf and ics)."),
]


def screen_cmd(
    profile: ProfileArg,
    as_of: Annotated[
        str | None,
        typer.Option(help="Date the program would start (YYYY-MM-DD); default as for plan."),
    ] = None,
    format: FormatOpt = TextOrJson.TEXT,
) -> None:
    """Screen a client: what she may do, what to avoid, and who must sign off first."""
    day = parse_date_option(as_of, "--as-of")
    with input_errors():
        record = load_profile(profile, today=clock.today())
        result = screen_client(record, as_of=program_start(record, today=clock.today(), start=day))
    if format is TextOrJson.JSON:
        print_json(screening_document(result))
    else:
        render_screening(result)


def plan_cmd(
    profile: ProfileArg,
    weeks: Annotated[int, typer.Option(help=f"Program length in weeks (1 to {MAX_WEEKS}).")] = 12,
    start: Annotated[
        str | None,
        typer.Option(help="First day (YYYY-MM-DD); default schedule.start_date, else next Monday."),
    ] = None,
    format: PlanFormatOpt = PlanFormat.TEXT,
    output: OutputOpt = None,
    large_print: Annotated[
        bool, typer.Option("--large-print", help="PDF: 16 pt text and bigger pictures.")
    ] = False,
) -> None:
    """Generate a week-by-week program for a client: on screen, as a printable PDF booklet
    (pictures, doses in her units, weekly log sheets) or as a calendar file."""
    from .common import fail

    if not 1 <= weeks <= MAX_WEEKS:
        fail(
            "--weeks: "
            + _("%(value)s is out of range; allowed %(low)s to %(high)s")
            % {"value": weeks, "low": 1, "high": MAX_WEEKS}
        )
    if format in (PlanFormat.PDF, PlanFormat.ICS):
        target = check_output(output, f"--format {format.value}")
    elif output is not None:
        fail("-o/--output: " + _("only for --format pdf or ics; text and json go to the screen"))
    first = parse_date_option(start, "--start")
    with input_errors():
        record = load_profile(profile, today=clock.today())
        program = plan_program(record, today=clock.today(), start=first, weeks=weeks)
    if format is PlanFormat.JSON:
        print_json(with_display(program_document(program), record.units))
    elif format is PlanFormat.PDF:
        from osteoload.services.documents import program_pdf

        with console().status(_("Drawing the booklet...")):
            data = program_pdf(program, record, large_print=large_print)
        write_output(target, data)
    elif format is PlanFormat.ICS:
        from osteoload.services.documents import program_ics

        write_output(target, program_ics(program, record))
    else:
        render_program(program, name=record.name, units=record.units)


def check_output(output: Path | None, what: str) -> Path:
    """The -o target for a file format: required, not a directory, in an existing folder."""
    from .common import fail

    if output is None:
        fail(
            _("%(what)s needs -o FILE: a PDF or calendar is not printed to the screen")
            % {"what": what}
        )
    if output.is_dir():
        fail("-o/--output: " + _("%(path)s is a directory; give a file name") % {"path": output})
    folder = output.parent
    if not folder.is_dir():
        fail("-o/--output: " + _("folder %(path)s does not exist") % {"path": folder})
    return output


def write_output(target: Path, data: bytes) -> None:
    """Write atomically (a partial file is never left behind) and say where it went."""
    from osteoload.services.documents import write_atomically

    from .common import fail

    try:
        write_atomically(target, data)
    except OSError as exc:
        fail(
            "-o/--output: "
            + _("cannot write %(path)s (%(why)s)") % {"path": target, "why": exc.strerror or exc}
        )
    console().print(
        _("wrote %(path)s (%(size)s bytes)") % {"path": target, "size": f"{len(data):,}"},
        markup=False,
    )


def render_screening(s: Screening) -> None:
    words = {"ready": gettext_noop("Ready to start"),
             "needs_clearance": gettext_noop("Needs clearance first"),
             "withheld": gettext_noop("On hold")}  # fmt: skip
    console().print(
        _("Status: %(status)s (%(code)s)")
        % {"status": _(words[s.status.value]), "code": s.status.value},
        markup=False,
    )
    console().print(
        _("Bone: %(bone)s   Falls risk: %(risk)s   Highest impact: %(impact)s   Track: %(track)s")
        % {
            "bone": _(s.bone_category.value.replace("_", " ")),
            "risk": _(s.falls_risk.value),
            "impact": s.max_impact.value,
            "track": s.track.value.replace("_", " "),
        },
        markup=False,
    )
    if s.vivifrail_passport:
        console().print(
            _("Vivifrail passport: %(passport)s") % {"passport": s.vivifrail_passport},
            markup=False,
        )
    if s.review_date:
        console().print(
            _("Review on or after: %(day)s") % {"day": s.review_date.isoformat()}, markup=False
        )
    labels = {"must": "MUST", "should": "SHOULD", "info": "NOTE"}
    console().print("", markup=False)
    for f in s.findings:
        console().print(f"[{labels[f.severity.value]} {f.rule}] {f.message}", markup=False)
    if s.next_steps:
        console().print("\n" + _("Next steps:"), markup=False)
        for step in s.next_steps:
            console().print(f"  - {step}", markup=False)


def render_program(program: Program, *, name: str | None, units: Units) -> None:
    start = program.start.isoformat()
    console().print(
        _("osteoload program for %(name)s, starting %(start)s") % {"name": name, "start": start}
        if name
        else _("osteoload program, starting %(start)s") % {"start": start},
        markup=False,
    )
    render_screening(program.screening)
    for note in program.notes:
        console().print(f"\n{note_words(note)}", markup=False)
    for week in program.weeks:
        heading = _("Week %(week)s: %(phase)s (balance %(minutes)s min, %(impacts)s impacts)") % {
            "week": week.week,
            "phase": _(week.phase.value),
            "minutes": week.balance_minutes,
            "impacts": week.impacts,
        }
        console().print(f"\n=== {heading} ===", markup=False)
        for session in week.sessions:
            kind = (
                _("Strength session")
                if session.kind is SessionKind.RESISTANCE
                else _("Short home session")
            )
            console().print(
                "\n"
                + _("%(weekday)s %(date)s - %(kind)s, about %(minutes)s min")
                % {
                    "weekday": _(DAY_NAMES[session.day]),
                    "date": session.date.isoformat(),
                    "kind": kind,
                    "minutes": session.minutes,
                },
                markup=False,
            )
            for item in session.items:
                console().print(
                    f"  - {exercise_words(item.name)}: {dose_text(item, units, Audience.PRINT)}",
                    markup=False,
                )
                if week.week == 1:
                    console().print(
                        "      " + _("Why: %(why)s") % {"why": exercise_words(item.why)},
                        markup=False,
                    )
                    if item.note:
                        console().print(f"      {note_words(item.note)}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen_cmd)
    app.command("plan")(plan_cmd)
