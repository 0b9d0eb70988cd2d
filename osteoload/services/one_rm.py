"""Use case: estimate a working 1RM from one set and the loads it gives (``osteoload one-rm``).

The CLI and the API call :func:`estimate` and :func:`one_rm_document`, so both return the
same JSON. The estimate follows rules R20-R22 (``osteoload.domain.one_rm``); loads are
rounded down to what the default gym has (``osteoload.domain.units``). Bad input raises
:class:`InputError` naming every problem; ``spell`` turns a field name into the name the
caller's user typed (``--load-kg`` on the command line, ``load_kg`` in the API).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from osteoload.domain.logs import RIR_RANGE, RPE_RANGE
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
from osteoload.wording import _
from osteoload.wording.one_rm import estimate_warnings

from .errors import InputError, Issue

#: Percentages of the working 1RM shown with an estimate: from a light 60 % up to the 85 %
#: the clinic works up to (DESIGN.md: "work up gradually to 70-85 % of 1RM").
LOAD_PCTS: tuple[int, ...] = (60, 65, 70, 75, 80, 85)

#: Accepted input, the same bounds as a profile's ``strength`` entries.
LOAD_KG_MAX = 500.0
LOAD_LB_MAX = 1100.0
REPS_RANGE = (1, 50)


class Implement(StrEnum):
    """Implements a %1RM load can be rounded for."""

    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    MACHINE = "machine"


@dataclass(frozen=True, slots=True, kw_only=True)
class OneRmResult:
    """An estimate with the loads it gives (none when the estimate is unreliable, R21)."""

    estimate: OneRmEstimate
    loads: tuple[tuple[int, RoundedLoad], ...]
    kind: LoadKind
    unit: Units


def _same(name: str) -> str:
    return name


def estimate(
    *,
    reps: int,
    load_kg: float | None = None,
    load_lb: float | None = None,
    rpe: float | None = None,
    rir: float | None = None,
    unit: Units | None = None,
    implement: Implement = Implement.BARBELL,
    spell: Callable[[str], str] = _same,
) -> OneRmResult:
    """Check the set, estimate the working 1RM and round the loads for 60-85 % of it.

    Loads are shown in ``unit``; by default the unit of the load given.
    """
    mass_kg = check_set(reps, load_kg, load_lb, rpe, rir, spell=spell)
    result = estimate_one_rm(mass_kg, reps, rpe=rpe, rir=rir)
    shown = unit or (Units.LB if load_lb is not None else Units.KG)
    kind = LoadKind(implement.value)
    loads = _loads(result, kind, shown) if result.reliable else ()
    return OneRmResult(estimate=result, loads=loads, kind=kind, unit=shown)


def check_set(
    reps: int,
    load_kg: float | None,
    load_lb: float | None,
    rpe: float | None,
    rir: float | None,
    *,
    spell: Callable[[str], str] = _same,
) -> float:
    """Every problem with the set at once; returns the load in kg."""
    issues: list[Issue] = []
    kg, lb = spell("load_kg"), spell("load_lb")
    if load_kg is not None and load_lb is not None:
        issues.append(Issue(f"{kg}, {lb}", _("give the load once, in kg or in lb")))
    elif load_kg is None and load_lb is None:
        issues.append(
            Issue(kg, _("missing; give the load with %(kg)s or %(lb)s") % {"kg": kg, "lb": lb})
        )
    if load_kg is not None:
        _check_range(issues, kg, load_kg, LOAD_KG_MAX)
    if load_lb is not None:
        _check_range(issues, lb, load_lb, LOAD_LB_MAX)
    if not REPS_RANGE[0] <= reps <= REPS_RANGE[1]:
        issues.append(
            Issue(
                spell("reps"),
                _("%(value)s is out of range; allowed %(low)s to %(high)s")
                % {"value": reps, "low": REPS_RANGE[0], "high": REPS_RANGE[1]},
                reps,
            )
        )
    if rpe is not None and rir is not None:
        issues.append(
            Issue(
                f"{spell('rpe')}, {spell('rir')}",
                _("give the effort as %(rpe)s or as %(rir)s, not both")
                % {"rpe": spell("rpe"), "rir": spell("rir")},
            )
        )
    for name, value, (low, high) in (("rpe", rpe, RPE_RANGE), ("rir", rir, RIR_RANGE)):
        if value is None:
            continue
        if not (math.isfinite(value) and low <= value <= high and (value * 2).is_integer()):
            issues.append(
                Issue(
                    spell(name),
                    _("%(value)s is not allowed; allowed %(low)s to %(high)s in steps of 0.5")
                    % {"value": f"{value:g}", "low": f"{low:g}", "high": f"{high:g}"},
                    value if math.isfinite(value) else None,
                )
            )
    if issues:
        raise InputError(issues)
    if load_kg is not None:
        return load_kg
    assert load_lb is not None
    return lb_to_kg(load_lb)


def _check_range(issues: list[Issue], name: str, value: float, high: float) -> None:
    if not (math.isfinite(value) and 0 < value <= high):
        issues.append(
            Issue(
                name,
                _("%(value)s is out of range; allowed greater than 0 and at most %(high)s")
                % {"value": f"{value:g}", "high": f"{high:g}"},
                value if math.isfinite(value) else None,
            )
        )


def _loads(
    estimate: OneRmEstimate, kind: LoadKind, unit: Units
) -> tuple[tuple[int, RoundedLoad], ...]:
    return tuple(
        (pct, round_load_down(estimate.one_rm_kg * pct / 100, kind, DEFAULT_EQUIPMENT, units=unit))
        for pct in LOAD_PCTS
    )


def one_rm_document(result: OneRmResult) -> dict[str, Any]:
    """The ``one-rm`` JSON document (schema version 1)."""
    e = result.estimate
    doc: dict[str, Any] = {
        "schema_version": 1,
        "set": {
            "load_kg": e.load_kg,
            "reps": e.reps,
            "rpe": e.rpe,
            "reps_to_failure": e.reps_to_failure,
        },
        "one_rm_kg": e.one_rm_kg,
        "estimates": dict(e.estimates),
        "mean_kg": e.mean_kg,
        "method": e.method,
        "pct_1rm": e.pct_1rm,
        "reliable": e.reliable,
        "warnings": list(estimate_warnings(e)),
        "warning_codes": jsonable(e.warning_codes),
        "flags": e.flags,
        "implement": result.kind,
        "unit": result.unit,
        "loads": [
            {
                "pct": pct,
                "target_kg": rounded.target_kg,
                "load_kg": rounded.load_kg,
                "display": display(rounded, result.unit),
                "label": rounded.label,
            }
            for pct, rounded in result.loads
        ],
    }
    out: dict[str, Any] = jsonable(doc)
    return out


def display(rounded: RoundedLoad, unit: Units) -> str:
    if rounded.load_kg is None:
        return "none available"
    return format_load(rounded.load_kg, unit)
