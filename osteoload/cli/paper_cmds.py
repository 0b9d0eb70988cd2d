"""``osteoload illustrations`` and ``osteoload report``: the paper side of osteoload."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from osteoload.services import clock
from osteoload.services.profiles import load_profile
from osteoload.wording import _, ngettext

from .common import console, fail, input_errors
from .plan_cmds import ProfileArg, check_output, write_output


class ReportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"


def illustrations_cmd(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the SVG files (created if missing).")
    ],
) -> None:
    """Write the start and end picture of every catalogue exercise as SVG, with an
    index.html contact sheet that shows each pair with its alt text."""
    from osteoload.services.illustrations import write_illustrations

    if out.exists() and not out.is_dir():
        fail("--out: " + _("%(path)s is a file; give a folder") % {"path": out})
    try:
        written = write_illustrations(out)
    except OSError as exc:
        fail(
            "--out: "
            + _("cannot write to %(path)s (%(why)s)") % {"path": out, "why": exc.strerror or exc}
        )
    n = len(written)
    console().print(
        ngettext("wrote %(n)d file to %(path)s", "wrote %(n)d files to %(path)s", n)
        % {"n": n, "path": out},
        markup=False,
    )


def report_cmd(
    profile: ProfileArg,
    log: Annotated[
        Path,
        typer.Option(
            "--log",
            help="Training log: our CSV (date,exercise_id,set,reps,load_kg,rpe,pain,note), "
            "JSON, or a Strong or Hevy export.",
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (required).")
    ] = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="pdf or html.")
    ] = ReportFormat.PDF,
) -> None:
    """A progress report for her doctor: scans against the least significant change, tests
    against norms, adherence, strength gains, the projection and open findings."""
    from osteoload.services.documents import progress_report, report_html, report_pdf
    from osteoload.services.logs import read_log

    target = check_output(output, f"report --format {format.value}")
    with input_errors():
        record = load_profile(profile, today=clock.today())
        sets = read_log(log, today=clock.today()).sets
        report = progress_report(record, sets, today=clock.today(), log_source=log.name)
    if format is ReportFormat.HTML:
        write_output(target, report_html(report).encode("utf-8"))
    else:
        with console().status(_("Drawing the report...")):
            data = report_pdf(report)
        write_output(target, data)


def register(app: typer.Typer) -> None:
    app.command("illustrations")(illustrations_cmd)
    app.command("report")(report_cmd)
