"""The records of the progression engine: what it answers, and each decision as data.

:class:`NextPrescriptions` is the answer of
:func:`osteoload.domain.progression.next_prescriptions`: one :class:`NextItem` per exercise,
each with a :class:`Change` and the :class:`Decision` behind it (secondary ones in
``notes``), which the wording layer words. :class:`Outcome` is how one logged session went
(:func:`judge_session`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..program import Finding
from ..vocabulary import Component, Phase


class Change(StrEnum):
    """How an item's dose compares with what she did last time."""

    INCREASE = "increase"
    HOLD = "hold"
    DECREASE = "decrease"
    NEW = "new"


class ProgressStatus(StrEnum):
    """``ready``: train as prescribed. ``needs_review``: a stop rule (R32) fired."""

    READY = "ready"
    NEEDS_REVIEW = "needs_review"


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """What the engine decided for one item and why, as data.

    ``rule``: the rule ID (``R18``, ``R18a``, ...). ``outcome``: what was decided
    (:class:`DecisionKind` values, e.g. ``load_up``, ``hold``, ``step_back``). ``numbers``:
    the facts behind it (loads in kg, reps, RPE, days, %).
    """

    rule: str
    outcome: str
    numbers: dict[str, float | int | str | None] = field(default_factory=dict, hash=False)


class DecisionKind(StrEnum):
    """The outcomes of the resistance rules (R18-R18c)."""

    NEW = "new"
    REP_UP = "rep_up"
    LOAD_UP = "load_up"
    DOUBLE_STEP = "double_step"
    ADD_SET = "add_set"
    MIXED = "mixed"
    TEMPO = "tempo"
    HARDER_VARIATION = "harder_variation"
    ADD_ON = "add_on"
    CONVERT = "convert"
    ONE_MORE = "one_more"
    HOLD = "hold"
    HOLD_HARD = "hold_hard"
    FAILED_ONCE = "failed_once"
    STEP_BACK = "step_back"
    AT_FLOOR = "at_floor"
    RESUME = "resume"
    REBUILD = "rebuild"
    PAIN = "pain"


#: The decisions that step her load up (R18, R18a).
_LOAD_STEPS = (DecisionKind.LOAD_UP, DecisionKind.DOUBLE_STEP)


@dataclass(frozen=True, slots=True, kw_only=True)
class NextItem:
    """The next prescription of one exercise.

    ``load_kg`` is in kg (per dumbbell or kettlebell); ``load_display`` shows it in the
    client's units the way the equipment has it. ``target_rpe`` is 1-10, ``hold_s`` seconds
    per hold, ``impacts`` per session, ``minutes`` for timed items. ``change`` compares with
    what she did last time; ``reason`` says why in plain words: the wording layer's
    :func:`osteoload.wording.progression.reason_text` of ``decision`` and ``notes``, filled in
    by the services (the engine leaves it empty). ``previous_load_kg`` is the
    load ``change`` compares with (her last session of the exercise outside the program's
    deload weeks, kg); ``last_done`` is the day she last did it; ``next_date`` is the next
    planned session with it on or after ``as_of``; ``replaces`` names the exercise it takes
    over from (a balance progression).
    """

    exercise_id: str
    name: str
    component: Component
    sets: int
    reps: int | None
    load_kg: float | None
    load_display: str | None
    target_rpe: float | None
    hold_s: int | None
    impacts: int | None
    minutes: int | None
    change: Change
    reason: str = ""
    previous_load_kg: float | None = None
    last_done: date | None = None
    next_date: date | None = None
    replaces: str | None = None
    decision: Decision | None = None
    """The structured decision behind ``reason`` (rule ID, outcome, numbers)."""
    notes: tuple[Decision, ...] = ()
    """The secondary decisions worded after ``decision`` (R15 ``capped``, R22
    ``reestimated``, ``deload``, R32 ``held_for_review`` or ``not_started``,
    ``below_lightest``, ...)."""
    tempo: str | None = None
    """A slower tempo (R18a), e.g. ``3-1-1`` (seconds down, pause, up), or None."""
    harder_variation: str | None = None
    """R18a: the catalogue id of the next harder variation she is ready for, or None."""
    heavier_sets: int = 0
    """R18a mixed loads: the last ``heavier_sets`` sets at ``heavier_load_kg`` x
    ``heavier_reps`` (the others at ``load_kg`` x ``reps``)."""
    heavier_load_kg: float | None = None
    heavier_load_display: str | None = None
    """``heavier_load_kg`` the way her equipment shows it."""
    heavier_reps: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkingMax:
    """The working 1RM (kg) that caps an exercise's load at 85 %, and where it came from.

    ``source`` is ``profile`` (the program's estimate from the profile's strength sets) or
    ``log``. ``set_date`` is the date of the set it was estimated from (``None`` if
    undated). ``reestimated_on`` is the R22 check-point at which it was re-estimated from
    the log (``None`` for the program's estimate or a first estimate from the log).
    """

    exercise_id: str
    one_rm_kg: float
    source: str
    set_date: date | None
    reestimated_on: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NextPrescriptions:
    """The answer of :func:`next_prescriptions`.

    ``status``: ``ready`` or ``needs_review`` (R32, or a program without sessions).
    ``week``/``phase``: the baseline week of the program. ``items``: one per exercise of
    that week, in session order. ``findings``: with rule IDs. ``working_maxes``: the working
    1RMs in force (R22). ``last_logged``: the newest logged day on or before ``as_of``.
    """

    status: ProgressStatus
    as_of: date
    week: int | None
    phase: Phase | None
    items: tuple[NextItem, ...]
    findings: tuple[Finding, ...]
    working_maxes: tuple[WorkingMax, ...]
    last_logged: date | None = None

    @property
    def working_max_kg(self) -> dict[str, float]:
        """Working 1RM by exercise id, kg."""
        return {w.exercise_id: w.one_rm_kg for w in self.working_maxes}


class Outcome(StrEnum):
    """How one logged session of one exercise went against its prescription."""

    SUCCESS = "success"
    PARTIAL = "partial"
    HARD = "hard"
    FAILED = "failed"
    UNRATED = "unrated"
    PAINFUL = "painful"
    PAIN_REVIEW = "pain_review"
    TOO_EASY = "too_easy"
