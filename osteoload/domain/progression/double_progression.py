"""Double progression (R15, R18, R18b): the rep range of a prescription, the judgement of
one logged session against it, and the replayed state of one exercise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..logs import SetLog
from ..stop_rules import R32_PAIN_REVIEW_AT
from .context import _Logged
from .decisions import Decision, Outcome
from .rules import (
    _EPS,
    MIN_RANGE_REPS,
    PAIN_HOLD_AT,
    R18B_FAIL_RPE,
    R18B_TOO_EASY_MARGIN,
    REP_RANGE_WIDTH,
)


def rep_range(reps: int) -> tuple[int, int]:
    """The double-progression range (bottom, top) of a prescription of ``reps`` reps.

    ``reps - REP_RANGE_WIDTH`` up to ``reps``, never below :data:`MIN_RANGE_REPS`; a
    prescription of :data:`MIN_RANGE_REPS` reps or fewer is a range of one (5 x 5).
    """
    if reps <= MIN_RANGE_REPS:
        return reps, reps
    return max(MIN_RANGE_REPS, reps - REP_RANGE_WIDTH), reps


def judge_session(
    sets: Sequence[SetLog],
    *,
    prescribed_sets: int,
    prescribed_reps: int,
    target_rpe: float | None,
    loaded: bool,
    heavier: tuple[float, int] | None = None,
) -> Outcome:
    """Classify one session of one exercise (its logged ``sets``) against a prescription.

    In this order: pain of 5/10 or more -> ``pain_review`` (R32); 3-4/10 -> ``painful``; a
    set short of ``prescribed_reps`` or any effort (RPE, or 10 - RIR) at or above
    :data:`R18B_FAIL_RPE` -> ``failed`` (R18b); every rep done but effort above
    ``target_rpe`` -> ``hard`` (a hold, not a failure, R18b); fewer sets than
    ``prescribed_sets`` -> ``partial``; a ``loaded`` exercise with no effort logged ->
    ``unrated`` (R18 needs the effort); every rep at :data:`R18B_TOO_EASY_MARGIN` or more
    below target -> ``too_easy`` (a success, R18b); else ``success``. ``heavier``: (load kg,
    reps) of the heavier sets of a mixed-load prescription (R18a); sets at that load or more
    are judged against its reps.
    """
    pain = max((s.pain or 0 for s in sets), default=0)
    if pain >= R32_PAIN_REVIEW_AT:
        return Outcome.PAIN_REVIEW
    if pain >= PAIN_HOLD_AT:
        return Outcome.PAINFUL
    efforts = [e for e in (s.effort for s in sets) if e is not None]
    effort = max(efforts) if efforts else None
    above = effort - target_rpe if effort is not None and target_rpe is not None else None
    if any(s.reps < _reps_needed(s, prescribed_reps, heavier) for s in sets) or (
        effort is not None and effort >= R18B_FAIL_RPE
    ):
        return Outcome.FAILED
    if above is not None and above > 0:
        return Outcome.HARD
    if len(sets) < prescribed_sets:
        return Outcome.PARTIAL
    if loaded and effort is None:
        return Outcome.UNRATED
    if above is not None and above <= -R18B_TOO_EASY_MARGIN:
        return Outcome.TOO_EASY
    return Outcome.SUCCESS


def _reps_needed(s: SetLog, reps: int, heavier: tuple[float, int] | None) -> int:
    if heavier is not None and s.load_kg is not None and s.load_kg >= heavier[0] - _EPS:
        return heavier[1]
    return reps


_SUCCESSES = frozenset({Outcome.SUCCESS, Outcome.TOO_EASY})


@dataclass(slots=True)
class _RepState:
    """The replayed prescription of one exercise (private and mutable while replaying)."""

    load_kg: float | None = None
    """The load for the next session (kg); ``None`` before a loaded session or bodyweight."""
    reps: int | None = None
    """Reps for the next session."""
    prescribed_reps: int | None = None
    """Reps prescribed for the last replayed session."""
    outcome: Outcome | None = None
    session: _Logged | None = None
    """The last replayed session (sessions in deload weeks are not replayed)."""
    top: int | None = None
    """The plan's rep target in force at the last replayed session."""
    rpe: float | None = None
    """The plan's effort target in force at the last replayed session."""
    top_streak: int = 0
    carry: bool = False
    """The plan's rep target changed after a success at the top of the old range: a success
    at the converted reps continues the count (R18: a change of rep target does not reset
    it)."""
    streak_load: float | None = None
    easy_streak: int = 0
    fail_streak: int = 0
    stepped_back: bool = False
    """The last load change was a step back and no success has followed (no compounding)."""
    successes: list[tuple[date, float]] = field(default_factory=list)
    best_at_reps: dict[int, float] = field(default_factory=dict)
    """R18, R22a: the heaviest load of a success at each rep count since the load was last
    lowered on purpose (a break, pain), so a new rep target never sends her below a load she
    has already lifted well at those reps."""
    bests_before: dict[int, float] = field(default_factory=dict)
    """R18c: ``best_at_reps`` as it was before the break or pain, set aside while she
    rebuilds and counted again once she is back to her load (setbacks are never permanent)."""
    rebuild_to: float | None = None
    rebuild_left: int = 0
    extra_sets: int = 0
    heavier_sets: int = 0
    """R18a mixed loads: this many sets at ``heavier_kg`` x ``heavier_reps``."""
    heavier_kg: float | None = None
    heavier_reps: int | None = None
    tempo: bool = False
    tempo_day: date | None = None
    """The day of the session that earned the slower tempo (R32: not first served in a
    review)."""
    harder: str | None = None
    decision: Decision = field(default_factory=lambda: Decision(rule="R18", outcome="hold"))

    def end_mixed_loads(self) -> None:
        """R18a's mixed loads end: every set at one load again. Called when her load moves
        by a load step, a step back or pain, and when it moves any other way (the R15 cap,
        a conversion, a load she chose) unless the heavier sets are still the next load up
        from it (``ladder._mixed_one_step_above``); after a break they wait instead."""
        self.heavier_sets, self.heavier_kg, self.heavier_reps = 0, None, None
