"""``osteoload one-rm``: estimate a working 1RM from one set and show the loads it gives.

The estimate follows rules R20-R22 (``osteoload.domain.one_rm``); loads are rounded down to
what the default gym has (``osteoload.domain.units``). Bad input exits 2 with a message that
names the option, the value and what is allowed; a set the rules refuse exits 2 too.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from osteoload.domain.one_rm import OneRmEstimate, estimate_one_rm
from osteoload.domain.serialize import jsonable
from osteoload.domain.units import (
    DEFAULT_EQUIPMENT,
    LoadKind,
    RoundedLoad,
    format_load,
    lb_to_kg,
    round_load_down,
)
from osteoload.domain.vocabulary import Units
from osteoload.services.errors import InputError, Issue

from .common import TextOrJson, console, input_errors, print_json

#: Percentages of the working 1RM shown with an estimate: from a light 60 % up to the 85 %
#: the clinic works up to (DESIGN.md: "work up gradually to 70-85 % of 1RM").
LOAD_PCTS: tuple[int, ...] = (60, 65, 70, 75, 80, 85)

#: Accepted input, the same bounds as a profile's ``strength`` entries.
LOAD_KG_MAX = 500.0
LOAD_LB_MAX = 1100.0
REPS_RANGE = (1, 50)
RPE_RANGE = (1.0, 10.0)
RIR_RANGE = (0.0, 10.0)


class Implement(StrEnum):
    """Implements a %1RM load can be rounded for."""

    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    MACHINE = "machine"


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
        mass_kg = _check_options(reps, load_kg, load_lb, rpe, rir)
        estimate = estimate_one_rm(mass_kg, reps, rpe=rpe, rir=rir)
    shown = unit or (Units.LB if load_lb is not None else Units.KG)
    kind = LoadKind(implement.value)
    loads = _loads(estimate, kind, shown) if estimate.reliable else []
    if format is TextOrJson.JSON:
        print_json(_document(estimate, loads, kind, shown))
        return
    _print_text(estimate, loads, kind, shown)


def _check_options(
    reps: int,
    load_kg: float | None,
    load_lb: float | None,
    rpe: float | None,
    rir: float | None,
) -> float:
    """Every problem with the options at once; returns the load in kg."""
    issues: list[Issue] = []
    if load_kg is not None and load_lb is not None:
        issues.append(Issue("--load-kg, --load-lb", "give the load once, in kg or in lb"))
    elif load_kg is None and load_lb is None:
        issues.append(Issue("--load-kg", "missing; give the load with --load-kg or --load-lb"))
    if load_kg is not None:
        _check_range(issues, "--load-kg", load_kg, "greater than 0 and at most", LOAD_KG_MAX)
    if load_lb is not None:
        _check_range(issues, "--load-lb", load_lb, "greater than 0 and at most", LOAD_LB_MAX)
    if not REPS_RANGE[0] <= reps <= REPS_RANGE[1]:
        issues.append(
            Issue("--reps", f"{reps} is out of range; allowed {REPS_RANGE[0]} to {REPS_RANGE[1]}")
        )
    if rpe is not None and rir is not None:
        issues.append(Issue("--rpe, --rir", "give the effort as --rpe or as --rir, not both"))
    for name, value, (low, high) in (("--rpe", rpe, RPE_RANGE), ("--rir", rir, RIR_RANGE)):
        if value is None:
            continue
        if not (math.isfinite(value) and low <= value <= high and (value * 2).is_integer()):
            issues.append(
                Issue(
                    name,
                    f"{value:g} is not allowed; allowed {low:g} to {high:g} in steps of 0.5",
                )
            )
    if issues:
        raise InputError(issues)
    if load_kg is not None:
        return load_kg
    assert load_lb is not None
    return lb_to_kg(load_lb)


def _check_range(issues: list[Issue], name: str, value: float, words: str, high: float) -> None:
    if not (math.isfinite(value) and 0 < value <= high):
        issues.append(Issue(name, f"{value:g} is out of range; allowed {words} {high:g}"))


def _loads(estimate: OneRmEstimate, kind: LoadKind, unit: Units) -> list[tuple[int, RoundedLoad]]:
    return [
        (pct, round_load_down(estimate.one_rm_kg * pct / 100, kind, DEFAULT_EQUIPMENT, units=unit))
        for pct in LOAD_PCTS
    ]


def _document(
    estimate: OneRmEstimate,
    loads: list[tuple[int, RoundedLoad]],
    kind: LoadKind,
    unit: Units,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "set": {
            "load_kg": estimate.load_kg,
            "reps": estimate.reps,
            "rpe": estimate.rpe,
            "reps_to_failure": estimate.reps_to_failure,
        },
        "one_rm_kg": estimate.one_rm_kg,
        "estimates": estimate.estimates,
        "mean_kg": estimate.mean_kg,
        "method": estimate.method,
        "pct_1rm": estimate.pct_1rm,
        "reliable": estimate.reliable,
        "warnings": estimate.warnings,
        "flags": estimate.flags,
        "implement": kind,
        "unit": unit,
        "loads": [
            {
                "pct": pct,
                "target_kg": rounded.target_kg,
                "load_kg": rounded.load_kg,
                "display": _display(rounded, unit),
                "label": rounded.label,
            }
            for pct, rounded in loads
        ],
    }
    result: dict[str, Any] = jsonable(doc)
    return result


def _display(rounded: RoundedLoad, unit: Units) -> str:
    if rounded.load_kg is None:
        return "none available"
    return format_load(rounded.load_kg, unit)


def _print_text(
    estimate: OneRmEstimate,
    loads: list[tuple[int, RoundedLoad]],
    kind: LoadKind,
    unit: Units,
) -> None:
    effort = "effort not given" if estimate.rpe is None else f"RPE {estimate.rpe:g}"
    console.print(
        f"Set: {format_load(estimate.load_kg, unit)} x {estimate.reps} reps, {effort}",
        markup=False,
    )
    console.print(
        f"Working 1RM: {format_load(estimate.one_rm_kg, unit, digits=1)} "
        f"({estimate.method}); reliable: {'yes' if estimate.reliable else 'no'}",
        markup=False,
    )
    for warning in estimate.warnings:
        console.print(f"  ! {warning}", markup=False)

    equations = Table(title=f"The seven equations at {estimate.reps_to_failure:g} reps")
    equations.add_column("equation")
    equations.add_column("1RM", justify="right")
    for name, value in estimate.estimates.items():
        equations.add_row(Text(name), Text(format_load(value, unit, digits=1)))
    equations.add_row(Text("mean"), Text(format_load(estimate.mean_kg, unit, digits=1)))
    console.print(equations)

    if not loads:
        console.print(
            "No loads: this estimate is unreliable (R21); log a set of 3-10 reps at RPE 7-9.",
            markup=False,
        )
        return
    table = Table(title=f"Loads ({kind.value}, rounded down)")
    table.add_column("%1RM", justify="right")
    table.add_column("exact", justify="right")
    table.add_column("load")
    for pct, rounded in loads:
        table.add_row(
            Text(f"{pct} %"),
            Text(format_load(rounded.target_kg, unit)),
            Text(rounded.label),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("one-rm")(one_rm)
