"""``osteoload one-rm``: estimate a working 1RM from one set and show the loads it gives.

The estimate follows rules R20-R22 (``osteoload.domain.one_rm``); loads are rounded down to
what the default gym has (``osteoload.domain.units``). Bad input exits 2 with a message that
names the option, the value and what is allowed; a set the rules refuse exits 2 too.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from osteoload.domain.units import format_load
from osteoload.domain.vocabulary import Units
from osteoload.services.one_rm import Implement, OneRmResult, one_rm_document
from osteoload.services.one_rm import estimate as estimate_set
from osteoload.wording import _, gettext_noop, ngettext
from osteoload.wording.one_rm import estimate_warnings

from .common import TextOrJson, console, input_errors, print_json

#: The implement a load is rounded for, in words (the table's title).
IMPLEMENT_WORDS = {
    "barbell": gettext_noop("barbell"),
    "dumbbell": gettext_noop("dumbbell"),
    "kettlebell": gettext_noop("kettlebell"),
    "machine": gettext_noop("machine"),
    "band": gettext_noop("band"),
    "bodyweight": gettext_noop("bodyweight"),
}


def _option(name: str) -> str:
    """``load_kg`` -> ``--load-kg``: problems are named as the user typed them."""
    return "--" + name.replace("_", "-")


LoadKgOpt = Annotated[
    float | None,
    typer.Option(
        "--load-kg", help="Load lifted in kg (per dumbbell or kettlebell).", show_default=False
    ),
]
LoadLbOpt = Annotated[
    float | None,
    typer.Option("--load-lb", help="Load lifted in lb (instead of --load-kg).", show_default=False),
]
RepsOpt = Annotated[
    int, typer.Option("--reps", help="Reps completed in the set (1-50).", show_default=False)
]
RpeOpt = Annotated[
    float | None,
    typer.Option("--rpe", help="Effort of the set, RPE 1-10 in steps of 0.5.", show_default=False),
]
RirOpt = Annotated[
    float | None,
    typer.Option("--rir", help="Reps in reserve, 0-10 in steps of 0.5.", show_default=False),
]
UnitOpt = Annotated[
    Units | None,
    typer.Option(
        "--unit",
        help="Units to show loads in; default: the unit of the load given.",
        show_default=False,
    ),
]
ImplementOpt = Annotated[
    Implement, typer.Option("--implement", help="Implement to round the loads for.")
]
FormatOpt = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]


def one_rm(
    reps: RepsOpt,
    load_kg: LoadKgOpt = None,
    load_lb: LoadLbOpt = None,
    rpe: RpeOpt = None,
    rir: RirOpt = None,
    unit: UnitOpt = None,
    implement: ImplementOpt = Implement.BARBELL,
    format: FormatOpt = TextOrJson.TEXT,
) -> None:
    """Estimate the working 1RM from one set (R20-R22) and the loads for 60-85 % of it."""
    with input_errors():
        result = estimate_set(
            reps=reps, load_kg=load_kg, load_lb=load_lb, rpe=rpe, rir=rir, unit=unit,
            implement=implement, spell=_option,
        )  # fmt: skip
    if format is TextOrJson.JSON:
        print_json(one_rm_document(result))
        return
    _print_text(result)


def _print_text(result: OneRmResult) -> None:
    estimate, loads, kind, unit = result.estimate, result.loads, result.kind, result.unit
    effort = _("effort not given") if estimate.rpe is None else f"RPE {estimate.rpe:g}"
    console().print(
        ngettext(
            "Set: %(load)s x %(reps)d rep, %(effort)s",
            "Set: %(load)s x %(reps)d reps, %(effort)s",
            estimate.reps,
        )
        % {"load": format_load(estimate.load_kg, unit), "reps": estimate.reps, "effort": effort},
        markup=False,
    )
    console().print(
        _("Working 1RM: %(one_rm)s (%(method)s); reliable: %(reliable)s")
        % {
            "one_rm": format_load(estimate.one_rm_kg, unit, digits=1),
            "method": estimate.method,
            "reliable": _("yes") if estimate.reliable else _("no"),
        },
        markup=False,
    )
    for warning in estimate_warnings(estimate):
        console().print(f"  ! {warning}", markup=False)

    equations = Table(
        title=_("The seven equations at %(reps)s reps") % {"reps": f"{estimate.reps_to_failure:g}"}
    )
    equations.add_column(_("equation"))
    equations.add_column("1RM", justify="right")
    for name, value in estimate.estimates.items():
        equations.add_row(Text(name), Text(format_load(value, unit, digits=1)))
    equations.add_row(Text(_("mean")), Text(format_load(estimate.mean_kg, unit, digits=1)))
    console().print(equations)

    if not loads:
        console().print(
            _("No loads: this estimate is unreliable (R21); log a set of 3-10 reps at RPE 7-9."),
            markup=False,
        )
        return
    table = Table(
        title=_("Loads (%(implement)s, rounded down)")
        % {"implement": _(IMPLEMENT_WORDS.get(kind.value, kind.value))}
    )
    table.add_column("%1RM", justify="right")
    table.add_column(_("exact"), justify="right")
    table.add_column(_("load"))
    for pct, rounded in loads:
        table.add_row(
            Text(f"{pct} %"),
            Text(format_load(rounded.target_kg, unit)),
            Text(rounded.label),
        )
    console().print(table)


def register(app: typer.Typer) -> None:
    app.command("one-rm")(one_rm)
