"""1RM estimates (R20-R22): :func:`estimate_one_rm` from one working set (refused when R21
says the set cannot be trusted) and :func:`working_max_from_sets`, the working max from her
recent sets (R22: the lower of Epley and Brzycki, sets at most 42 days old).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from ..errors import InvalidInput, UnreliableEstimate
from ..frozen import freeze_mappings, getstate, setstate
from ..profile import StrengthSet
from .equations import (
    CHART_REPS,
    EQUATIONS,
    MIN_RELIABLE_RPE,
    R20_SET_REPS,
    R21_MAX_RELIABLE_REPS,
    R22_MAX_AGE_DAYS,
    REFUSE_ABOVE_REPS,
    REFUSE_BELOW_RPE,
    RPE_MAX,
    EstimateFlag,
    EstimateMethod,
    check_load,
    check_reps,
    describe_set,
    effort_rpe,
    pct_1rm,
)

# --- Estimates -------------------------------------------------------------------------------


class WarningCode(StrEnum):
    """Why an estimate is flagged (R20, R21) or what it assumed; said by the wording layer
    (``osteoload.wording.one_rm``)."""

    TOO_MANY_REPS = "too_many_reps"
    """R21: ``reps`` above ``max`` (the equations are not trusted)."""
    FAR_FROM_FAILURE = "far_from_failure"
    """R21: ``rpe`` (``rir`` in reserve) below ``min_rpe``."""
    NEAR_MAXIMAL = "near_maximal"
    """R20: ``reps`` below ``low``: close to a maximal lift; ``low``-``high`` advised."""
    OUTSIDE_BEST_RANGE = "outside_best_range"
    """R20, R21: ``reps`` above ``high`` and still accepted."""
    EFFORT_ASSUMED = "effort_assumed"
    """No RPE or RIR: taken as a set to (near) failure (the safe side)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OneRmWarning:
    """One warning on an estimate: its code and the figures its sentence carries."""

    code: WarningCode
    numbers: dict[str, float] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class OneRmEstimate:
    """An estimated one-repetition maximum and how it was reached.

    ``one_rm_kg`` is the working 1RM to prescribe from (kg). ``estimates`` holds all seven
    equations (kg) evaluated at ``reps_to_failure``; ``mean_kg`` is their mean. ``method``
    names the rule used; ``reliable`` is False when R21 says the set is unreliable (then
    ``flags`` holds ``estimate_unreliable``). ``warnings`` explain every flag in plain
    words. ``rpe`` is the effort given (from RPE or RIR), ``None`` when none was given;
    ``pct_1rm`` is the chart fraction when the chart was used. ``set_date`` is the date of
    the set, when :func:`working_max_from_sets` chose it. ``estimates`` is read-only
    (:mod:`osteoload.domain.frozen`).
    """

    one_rm_kg: float
    estimates: Mapping[str, float]
    mean_kg: float
    method: EstimateMethod
    reliable: bool
    warnings: tuple[str, ...] = ()
    """Empty from :func:`estimate_one_rm` (its warnings are ``warning_codes``, said by the
    wording layer); :func:`working_max_from_sets` adds its notes on the sets it skipped."""
    flags: tuple[EstimateFlag, ...]
    warning_codes: tuple[OneRmWarning, ...] = ()
    """Every flag explained, as codes with their figures, in order: R21, R20, effort."""
    load_kg: float
    reps: int
    rpe: float | None
    reps_to_failure: float
    pct_1rm: float | None = None
    set_date: date | None = None

    def __post_init__(self) -> None:
        freeze_mappings(self, "estimates")

    __getstate__ = getstate
    __setstate__ = setstate


def estimate_one_rm(
    load_kg: float,
    reps: int,
    *,
    rpe: float | None = None,
    rir: float | None = None,
) -> OneRmEstimate:
    """Estimate the working 1RM from one set, applying R20-R22.

    ``load_kg`` > 0 (kg); ``reps`` >= 1 completed; optionally the effort as ``rpe`` (<= 10)
    or ``rir`` (>= 0), in steps of 0.5, not both. Without either, the set is taken as done
    to (near) failure (RPE 10, flag ``effort_assumed``).

    Returns an :class:`OneRmEstimate`: min(Epley, Brzycki) without an effort (R22); with an
    effort and 1-12 reps, the lower of load / :func:`pct_1rm` (RTS chart) and min(Epley,
    Brzycki), the seven equations then being evaluated at reps + RIR; with an effort and
    13-15 reps, min(Epley, Brzycki) at reps + RIR.
    Sets of 13-15 reps or at RPE 6.5 come back with ``reliable=False`` and flag
    ``estimate_unreliable`` (R21).

    Raises :class:`UnreliableEstimate` for more than 15 reps or RPE below 6.5 (RIR above
    3.5), and :class:`InvalidInput` for impossible values. Sources: §6.1, §6.2, rules
    R20-R22 of clinical-evidence.md §13 (table in the module docstring).
    """
    check_load(load_kg)
    reps = check_reps(reps)
    given_rpe = effort_rpe(rpe, rir)
    _refuse_unusable(reps, given_rpe)

    rir_used = 0.0 if given_rpe is None else RPE_MAX - given_rpe
    reps_to_failure = reps + rir_used
    estimates = {name: f(load_kg, reps_to_failure) for name, f in EQUATIONS.items()}
    one_rm, method, chart = _working_one_rm(load_kg, reps, given_rpe, estimates)
    unreliable = _r21_warnings(reps, given_rpe)
    flags, warnings = _flags_and_warnings(reps, given_rpe, unreliable)
    return OneRmEstimate(
        one_rm_kg=one_rm,
        estimates=estimates,
        mean_kg=math.fsum(estimates.values()) / len(estimates),
        method=method,
        reliable=not unreliable,
        warning_codes=warnings,
        flags=flags,
        load_kg=float(load_kg),
        reps=reps,
        rpe=given_rpe,
        reps_to_failure=reps_to_failure,
        pct_1rm=chart,
    )


def _refuse_unusable(reps: int, given_rpe: float | None) -> None:
    """Raise :class:`UnreliableEstimate` for a set no 1RM may come from (R21): more than
    :data:`REFUSE_ABOVE_REPS` reps, or an effort below :data:`REFUSE_BELOW_RPE`."""
    if reps > REFUSE_ABOVE_REPS:
        raise UnreliableEstimate(
            f"{reps} reps is too many to estimate a 1RM from: estimates from sets of more "
            f"than {R21_MAX_RELIABLE_REPS} reps are unreliable (R21) and osteoload refuses "
            f"sets of more than {REFUSE_ABOVE_REPS}; use a heavier set of "
            f"{R20_SET_REPS[0]}-{R20_SET_REPS[1]} reps at RPE 7-9"
        )
    if given_rpe is not None and given_rpe < REFUSE_BELOW_RPE:
        raise UnreliableEstimate(
            f"RPE {given_rpe:g} ({RPE_MAX - given_rpe:g} reps in reserve) is too far from "
            f"failure to estimate a 1RM: reps in reserve are misjudged by more than 2 reps "
            f"that far out (R21); osteoload refuses sets below RPE {REFUSE_BELOW_RPE:g}; "
            f"use a set of {R20_SET_REPS[0]}-{R20_SET_REPS[1]} reps at RPE 7-9"
        )


def _working_one_rm(
    load_kg: float, reps: int, given_rpe: float | None, estimates: Mapping[str, float]
) -> tuple[float, EstimateMethod, float | None]:
    """The working 1RM, the method that gave it and the chart fraction when used (R22)."""
    r22_min = min(estimates["epley"], estimates["brzycki"])
    if given_rpe is None:
        return r22_min, EstimateMethod.R22, None
    if reps <= CHART_REPS[1]:
        # R22 is a conservative rule: the chart (practitioner-derived, not validated in older
        # women) may only lower the equations' estimate, never raise it.
        chart = pct_1rm(reps, given_rpe)
        return min(load_kg / chart, r22_min), EstimateMethod.CHART, chart
    return r22_min, EstimateMethod.R22_EFFECTIVE, None


def _r21_warnings(reps: int, given_rpe: float | None) -> list[OneRmWarning]:
    """Why R21 calls the estimate unreliable (too many reps, too far from failure); empty
    when it is reliable."""
    warnings: list[OneRmWarning] = []
    if reps > R21_MAX_RELIABLE_REPS:
        warnings.append(
            OneRmWarning(
                code=WarningCode.TOO_MANY_REPS,
                numbers={"reps": float(reps), "max": float(R21_MAX_RELIABLE_REPS)},
            )
        )
    if given_rpe is not None and given_rpe < MIN_RELIABLE_RPE:
        warnings.append(
            OneRmWarning(
                code=WarningCode.FAR_FROM_FAILURE,
                numbers={
                    "rpe": given_rpe,
                    "rir": RPE_MAX - given_rpe,
                    "min_rpe": MIN_RELIABLE_RPE,
                },
            )
        )
    return warnings


def _r20_warning(reps: int) -> list[OneRmWarning]:
    """The R20 note on a set outside 3-10 reps (none for 16 and more: refused earlier)."""
    numbers = {
        "reps": float(reps),
        "low": float(R20_SET_REPS[0]),
        "high": float(R20_SET_REPS[1]),
    }
    if reps < R20_SET_REPS[0]:
        return [OneRmWarning(code=WarningCode.NEAR_MAXIMAL, numbers=numbers)]
    if R20_SET_REPS[1] < reps <= R21_MAX_RELIABLE_REPS:
        return [OneRmWarning(code=WarningCode.OUTSIDE_BEST_RANGE, numbers=numbers)]
    return []


def _flags_and_warnings(
    reps: int, given_rpe: float | None, unreliable: list[OneRmWarning]
) -> tuple[tuple[EstimateFlag, ...], tuple[OneRmWarning, ...]]:
    """The estimate's flags and their warnings, in order: R21, R20, then an assumed effort.

    ``unreliable`` holds the R21 warnings (:func:`_r21_warnings`)."""
    warnings = list(unreliable)
    flags: list[EstimateFlag] = []
    if unreliable:
        flags.append(EstimateFlag.UNRELIABLE)
    if unreliable or not R20_SET_REPS[0] <= reps <= R20_SET_REPS[1]:
        flags.append(EstimateFlag.OUTSIDE_R20)
        warnings += _r20_warning(reps)
    if given_rpe is None:
        flags.append(EstimateFlag.EFFORT_ASSUMED)
        warnings.append(OneRmWarning(code=WarningCode.EFFORT_ASSUMED))
    return tuple(flags), tuple(warnings)


def working_max_from_sets(
    sets: Sequence[StrengthSet],
    exercise: str,
    *,
    as_of: date,
    max_age_days: int = R22_MAX_AGE_DAYS,
) -> OneRmEstimate | None:
    """The conservative working 1RM for ``exercise`` from a client's recent sets (R20-R22).

    ``sets``: logged sets (any exercise); ``exercise``: a catalogue id; ``as_of``: the day
    the estimate is for; ``max_age_days`` >= 0 (default 42 = 6 weeks, R22).

    Policy:

    1. Only sets of ``exercise`` are considered. Dated sets are used only when
       ``as_of - max_age_days <= date <= as_of`` (older ones are stale under R22; later ones
       have not happened yet as of ``as_of``).
    2. Sessions are tried newest first (one session = one date); undated sets form one
       last session, tried only when no dated session in the window gives an estimate.
    3. In a session, every set is estimated with :func:`estimate_one_rm`; refused and
       unreliable (R21) sets are skipped, never used, and said so in the warnings.
    4. The result is the **lowest** reliable estimate of that newest usable session (its own
       warnings plus notes on what was skipped and, for undated sets, that R22 asks for a
       fresh estimate every 4-6 weeks).

    Returns ``None`` when no reliable set qualifies. Raises :class:`InvalidInput` for a
    negative ``max_age_days`` or an impossible set (0 reps, load <= 0).
    """
    if isinstance(max_age_days, bool) or not isinstance(max_age_days, int) or max_age_days < 0:
        raise InvalidInput(f"max_age_days: {max_age_days!r} must be a whole number >= 0")
    oldest = as_of - timedelta(days=max_age_days)
    mine = [s for s in sets if s.exercise == exercise]
    dated: dict[date, list[StrengthSet]] = {}
    for s in mine:
        if s.date is not None and oldest <= s.date <= as_of:
            dated.setdefault(s.date, []).append(s)
    undated = [s for s in mine if s.date is None]

    sessions: list[tuple[date | None, list[StrengthSet]]] = [
        (day, dated[day]) for day in sorted(dated, reverse=True)
    ]
    if undated:
        sessions.append((None, undated))

    notes: list[str] = []
    for day, session in sessions:
        usable: list[OneRmEstimate] = []
        skipped: list[str] = []
        for s in session:
            try:
                estimate = estimate_one_rm(s.load_kg, s.reps, rpe=s.rpe, rir=s.rir)
            except UnreliableEstimate as exc:
                skipped.append(f"{describe_set(s)}: refused ({exc})")
                continue
            if estimate.reliable:
                usable.append(estimate)
            else:
                skipped.append(f"{describe_set(s)}: unreliable (R21)")
        when = "undated sets" if day is None else day.isoformat()
        notes += [f"Not used ({when}): {text}" for text in skipped]
        if not usable:
            continue
        best = min(usable, key=lambda e: e.one_rm_kg)
        extra = list(notes)
        if len(usable) > 1:
            extra.append(f"Lowest of {len(usable)} reliable estimates from {when} (the safe side).")
        if day is None:
            extra.append(
                "The set has no date: re-estimate the 1RM every 4-6 weeks (R22)."
                if len(session) == 1
                else "The sets have no date: re-estimate the 1RM every 4-6 weeks (R22)."
            )
        return replace(best, warnings=best.warnings + tuple(extra), set_date=day)
    return None
