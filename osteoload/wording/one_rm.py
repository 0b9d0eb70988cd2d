"""A one-repetition-maximum estimate's warnings in words (R20-R22), for the coach.

The engine (:func:`osteoload.domain.one_rm.estimate_one_rm`) returns each warning as a
:class:`~osteoload.domain.one_rm.OneRmWarning`, a code with its figures; this module says
them in the active language (:func:`estimate_warnings`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from osteoload.domain.one_rm import OneRmEstimate, OneRmWarning

from .audience import _, ngettext


def _g(value: Any) -> str:
    return f"{float(value or 0):g}"


def one_rm_warning(warning: OneRmWarning | Mapping[str, Any]) -> str:
    """One warning on an estimate (R20, R21, an assumed effort), in words."""
    if isinstance(warning, OneRmWarning):
        code, n = str(warning.code), dict(warning.numbers)
    else:
        code, n = str(warning.get("code")), dict(warning.get("numbers") or {})
    reps = int(n.get("reps", 0))
    if code == "too_many_reps":
        return _(
            "{reps} reps is more than the {max} the equations are trusted for: this estimate is "
            "unreliable and is not used for loads (R21)."
        ).format(reps=reps, max=int(n.get("max", 0)))
    if code == "far_from_failure":
        return _(
            "RPE {rpe} ({rir} reps in reserve) is further from failure than RPE {min}: reps in "
            "reserve are hard to judge there, so this estimate is unreliable and is not used "
            "for loads (R21)."
        ).format(rpe=_g(n.get("rpe")), rir=_g(n.get("rir")), min=_g(n.get("min_rpe")))
    low, high = int(n.get("low", 0)), int(n.get("high", 0))
    if code == "near_maximal":
        return ngettext(
            "A set of {reps} rep is close to a maximal lift; for novices and anyone with "
            "osteoporosis, a vertebral fracture or a high falls risk, estimate from a set of "
            "{low}-{high} reps instead (R20).",
            "A set of {reps} reps is close to a maximal lift; for novices and anyone with "
            "osteoporosis, a vertebral fracture or a high falls risk, estimate from a set of "
            "{low}-{high} reps instead (R20).",
            reps,
        ).format(reps=reps, low=low, high=high)
    if code == "outside_best_range":
        return _(
            "Estimates are most accurate from sets of {low}-{high} reps; {reps} reps is still "
            "accepted (R20, R21)."
        ).format(reps=reps, low=low, high=high)
    return _(
        "No RPE or reps in reserve given: the set is taken as done to (near) failure. If she "
        "had reps left, her real 1RM is higher than this estimate (the safe side)."
    )


def estimate_warnings(estimate: OneRmEstimate) -> tuple[str, ...]:
    """Every warning on an estimate in words: its coded warnings, then the notes on the
    sets a working maximum skipped (:func:`~osteoload.domain.one_rm.working_max_from_sets`)."""
    return tuple(one_rm_warning(w) for w in estimate.warning_codes) + estimate.warnings
