"""Working maxes (R20-R22a): re-estimated from the log every 4 weeks, never lowered unless
her performance fell."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..catalogue import Catalogue
from ..errors import DomainError
from ..frozen import freeze_mappings, getstate, setstate
from ..logs import SetLog
from ..one_rm import R22_MAX_AGE_DAYS, OneRmEstimate, working_max_from_sets
from ..profile import ClientProfile, StrengthSet
from ..program import Finding, Program
from ..programming import working_maxes
from ..units import DEFAULT_EQUIPMENT, EquipmentProfile
from ..vocabulary import Severity, Units
from .context import _logged_until
from .decisions import WorkingMax
from .rules import R18B_FAIL_RPE, R22_REESTIMATE_EVERY_DAYS


@dataclass(frozen=True, slots=True)
class PlannedMaxes:
    """All the working maxes read of a program (R22, R22a): its first day and the working
    1RM per exercise it was generated with. A stored program's document holds both, so a
    new block's maxes need not rebuild the whole program (read-only, like the program's)."""

    start: date
    working_max_kg: Mapping[str, float]

    def __post_init__(self) -> None:
        freeze_mappings(self, "working_max_kg")

    __getstate__ = getstate
    __setstate__ = setstate


def _working_maxes(
    program: Program | PlannedMaxes,
    logged: Sequence[SetLog],
    *,
    as_of: date,
    profile: ClientProfile,
) -> tuple[dict[str, WorkingMax], list[Finding]]:
    """The working max per exercise: re-estimated at the latest R22 check-point if the log
    allows, else the program's, else a first estimate from the log."""
    from_profile = working_maxes(profile, as_of=program.start)
    # Each exercise's sets once: every estimate reads one exercise only.
    by_exercise: dict[str, list[StrengthSet]] = {}
    for logged_set in logged:
        strength = logged_set.as_strength_set()
        if strength is not None:
            by_exercise.setdefault(strength.exercise, []).append(strength)
    checkpoint = _checkpoint(program.start, as_of)
    out: dict[str, WorkingMax] = {}
    redone: list[str] = []
    for exercise_id in sorted(set(program.working_max_kg) | set(by_exercise)):
        sets = by_exercise.get(exercise_id, [])
        wm = (
            _reestimated(sets, exercise_id, program, checkpoint) if checkpoint is not None else None
        )
        if wm is not None:
            redone.append(exercise_id)
        else:
            wm = _planned_max(program, exercise_id, from_profile)
        if wm is None:
            wm = _first_estimate(sets, exercise_id, as_of)
        if wm is not None:
            out[exercise_id] = wm
    findings: list[Finding] = []
    if redone and checkpoint is not None:
        findings.append(_reestimated_finding(checkpoint, [[x, out[x].one_rm_kg] for x in redone]))
    return out, findings


def maxes_read_from(start: date, as_of: date) -> date:
    """The oldest day whose sets the working maxes on ``as_of`` of a program starting on
    ``start`` can read: the oldest the first R22 check-point's estimate may use (its six
    weeks before the check-point day), or the oldest an estimate on ``as_of`` may use."""
    first_checkpoint = start + timedelta(days=R22_REESTIMATE_EVERY_DAYS)
    return min(
        first_checkpoint - timedelta(days=R22_MAX_AGE_DAYS + 1),
        as_of - timedelta(days=R22_MAX_AGE_DAYS),
    )


def _checkpoint(start: date, as_of: date) -> date | None:
    """R22: the latest 4-week check-point of the program on or before ``as_of`` (None in
    the first four weeks)."""
    elapsed = (as_of - start).days
    if elapsed < R22_REESTIMATE_EVERY_DAYS:
        return None
    return start + timedelta(
        days=R22_REESTIMATE_EVERY_DAYS * (elapsed // R22_REESTIMATE_EVERY_DAYS)
    )


def _reestimated(
    sets: Sequence[StrengthSet], exercise_id: str, program: Program | PlannedMaxes, checkpoint: date
) -> WorkingMax | None:
    """R22/R22a: the working max re-estimated from her log at ``checkpoint``, or None."""
    estimate = _ratchet(
        sets, exercise_id, program.start, checkpoint, program.working_max_kg.get(exercise_id)
    )
    if estimate is None:
        return None
    return WorkingMax(
        exercise_id=exercise_id,
        one_rm_kg=estimate[0],
        source="log",
        set_date=estimate[1],
        reestimated_on=checkpoint,
    )


def _planned_max(
    program: Program | PlannedMaxes, exercise_id: str, from_profile: Mapping[str, OneRmEstimate]
) -> WorkingMax | None:
    """The program's working max of an exercise (from her profile), or None."""
    if exercise_id not in program.working_max_kg:
        return None
    known = from_profile.get(exercise_id)
    return WorkingMax(
        exercise_id=exercise_id,
        one_rm_kg=program.working_max_kg[exercise_id],
        source="profile",
        set_date=known.set_date if known is not None else None,
    )


def _first_estimate(
    sets: Sequence[StrengthSet], exercise_id: str, as_of: date
) -> WorkingMax | None:
    """A first working max from her log (R20-R22), or None."""
    estimate = _estimate(sets, exercise_id, as_of)
    if estimate is None:
        return None
    return WorkingMax(
        exercise_id=exercise_id, one_rm_kg=estimate[0], source="log", set_date=estimate[1]
    )


def _reestimated_finding(checkpoint: date, maxes: list[list[str | float]]) -> Finding:
    """R22: the working maxes re-estimated at ``checkpoint``."""
    return Finding(
        rule="R22",
        severity=Severity.INFO,
        message="",
        code="progression_reestimated",
        data={
            "on": checkpoint.isoformat(),
            "weeks": R22_REESTIMATE_EVERY_DAYS // 7,
            "maxes": maxes,
        },
    )


def _ratchet(
    sets: Sequence[StrengthSet],
    exercise_id: str,
    start: date,
    checkpoint: date,
    planned: float | None,
) -> tuple[float, date] | None:
    """R22a: the working max at ``checkpoint``, re-estimated at every R22 check-point since
    ``start``; a re-estimate never lowers it unless her performance fell (a set at RPE
    :data:`R18B_FAIL_RPE` or more in the four weeks before the check-point)."""
    best: tuple[float, date] | None = None
    near = _Window(sets)
    day = start + timedelta(days=R22_REESTIMATE_EVERY_DAYS)
    while day <= checkpoint:
        # Only the sets of the six weeks up to the check-point can count (the estimate's age
        # limit and the four weeks a fall is looked for in): the rest are never read.
        recent = near.between(day - timedelta(days=R22_MAX_AGE_DAYS + 1), day)
        # From the sets before the check-point day, so the estimate is the same whether or
        # not that day's session is logged yet.
        estimate = _estimate(recent, exercise_id, day - timedelta(days=1))
        if estimate is not None:
            since = day - timedelta(days=R22_REESTIMATE_EVERY_DAYS)
            fell = any(
                s.exercise == exercise_id
                and s.date is not None
                and since <= s.date <= day
                and _set_effort(s) >= R18B_FAIL_RPE
                for s in recent
            )
            floor = best[0] if best is not None else (planned or 0.0)
            if fell or estimate[0] >= floor or best is None and planned is None:
                best = estimate
            elif best is None:
                best = (floor, estimate[1])
        day += timedelta(days=R22_REESTIMATE_EVERY_DAYS)
    return best


def _set_effort(s: StrengthSet) -> float:
    if s.rpe is not None:
        return float(s.rpe)
    if s.rir is not None:
        return 10.0 - float(s.rir)
    return 0.0


class _Window:
    """Sets by date, to take those of a span of days without reading the rest (the order of
    sets on one day is kept). With an undated set, every span is all of them: an undated set
    counts whatever the day."""

    def __init__(self, sets: Sequence[StrengthSet]) -> None:
        self.undated = any(s.date is None for s in sets)
        self.sets = list(sets) if self.undated else sorted(sets, key=_day_of)
        self.days = [] if self.undated else [_day_of(s) for s in self.sets]

    def between(self, first: date, last: date) -> Sequence[StrengthSet]:
        """The sets dated ``first`` to ``last``, both included (all, with an undated set)."""
        if self.undated:
            return self.sets
        return self.sets[bisect_left(self.days, first) : bisect_right(self.days, last)]


def _day_of(s: StrengthSet) -> date:
    assert s.date is not None  # only called when every set is dated
    return s.date


def _estimate(
    sets: Sequence[StrengthSet], exercise_id: str, as_of: date
) -> tuple[float, date] | None:
    """R20-R22 working max from logged sets up to ``as_of`` (and its set's date), or None."""
    try:
        estimate = working_max_from_sets(sets, exercise_id, as_of=as_of)
    except DomainError:
        return None
    if estimate is None or not estimate.reliable or estimate.set_date is None:
        return None
    return estimate.one_rm_kg, estimate.set_date


def working_maxes_on(
    program: Program | PlannedMaxes,
    history: Sequence[SetLog],
    *,
    as_of: date,
    catalogue: Catalogue,
    units: Units,
    profile: ClientProfile,
    equipment: EquipmentProfile = DEFAULT_EQUIPMENT,
) -> tuple[WorkingMax, ...]:
    """The working maxes in force on ``as_of`` (R22, R22a): exactly the ``working_maxes``
    of ``next_prescriptions`` with the same arguments, without replaying her sessions, and
    reading only the sets from :func:`maxes_read_from` on (what a new block carries on
    from, however long her log): a caller may give only those. ``program``: the program in
    force, or only what the maxes read of it (:class:`PlannedMaxes`), with the same answer."""
    owned = frozenset(profile.equipment) if profile.equipment is not None else None
    since = maxes_read_from(program.start, as_of)
    recent = [s for s in history if s.date >= since]
    logged = _logged_until(recent, as_of, catalogue, equipment, units, owned)
    maxes, _findings = _working_maxes(program, logged, as_of=as_of, profile=profile)
    return tuple(maxes.values())
