"""Records produced by screening and the program generator (the ``plan`` JSON contract)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .frozen import freeze_mappings, getstate, setstate
from .vocabulary import (
    BoneCategory,
    Component,
    Equipment,
    FallsRisk,
    ImpactLevel,
    Pattern,
    Phase,
    ProgramStatus,
    Region,
    Severity,
    SpineRisk,
    Track,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One screening result: which rule, how binding, what was decided and on which facts.

    The engine fills ``rule``, ``severity``, ``code`` (the outcome, e.g. ``parq_yes``) and
    ``data`` (the numbers and reasons, JSON-ready standard types). The words are not the
    engine's: :mod:`osteoload.wording.findings` renders ``code`` and ``data`` for each
    audience, and ``message`` carries the client's wording once the services have worded the
    screening (empty straight from the engine; findings without a ``code`` carry their own).
    """

    rule: str
    severity: Severity
    message: str
    code: str = ""
    data: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Read-only (:mod:`osteoload.domain.frozen`)."""

    def __post_init__(self) -> None:
        freeze_mappings(self, "data")

    __getstate__ = getstate
    __setstate__ = setstate


class SignOff(StrEnum):
    """Who must sign off before the program (or part of it) can start."""

    MEDICAL = "medical"
    """Her doctor."""
    PHYSIO = "physio"
    """A physiotherapist."""
    IMPACT = "impact"
    """Clearance for impact work."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One thing to do before the program can start (a structured ``next_steps`` entry)."""

    code: str
    clearance: SignOff
    """Who signs it off."""
    data: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Read-only (:mod:`osteoload.domain.frozen`)."""

    def __post_init__(self) -> None:
        freeze_mappings(self, "data")

    __getstate__ = getstate
    __setstate__ = setstate


@dataclass(frozen=True, slots=True, kw_only=True)
class Screening:
    status: ProgramStatus
    bone_category: BoneCategory
    max_impact: ImpactLevel
    falls_risk: FallsRisk
    track: Track
    findings: tuple[Finding, ...]
    excluded_tags: tuple[SpineRisk, ...] = ()
    excluded_patterns: tuple[Pattern, ...] = ()
    excluded_exercises: tuple[str, ...] = ()
    clearances_needed: tuple[SignOff, ...] = ()
    """Who must sign off before the program can start."""
    resistance_allowed: bool = True
    sessions_allowed: bool = True
    """False when nothing at all may start yet (R1, R2, R5, R25 A, R32): no sessions."""
    free_weights_allowed: bool = True
    """False when R9 forbids unsupervised free-weight work above body weight."""
    balance_minutes_target: int = 120
    """Weekly balance minutes (R23: 120, or 180 for high falls risk)."""
    vivifrail_passport: str | None = None
    review_date: dt.date | None = None
    next_steps: tuple[str, ...] = ()
    """The steps in the client's words (filled by the wording layer, like ``message``)."""
    steps: tuple[Step, ...] = ()
    """The next steps as codes and data, for rendering to any audience."""


#: R10a: impacts are done in sets of about 10, at most 5 sets a session.
IMPACTS_PER_SET = 10
MAX_IMPACT_SETS = 5


def split_impacts(total: int) -> tuple[int, int]:
    """A session's impacts as (sets, per set) whose product is the session total, never more.

    An impact item's ``impacts`` is the session total and ``reps`` the impacts in each set;
    ``sets * reps == impacts`` always holds, so no rendering can read one as the other. The
    split takes the fewest sets of at most ``IMPACTS_PER_SET`` (up to ``MAX_IMPACT_SETS``)
    that divide the total exactly; a total no such split divides is rounded down to one that
    does (a few impacts fewer, never more).
    """
    total = max(1, total)
    fewest = max(1, min(MAX_IMPACT_SETS, -(-total // IMPACTS_PER_SET)))
    for sets in range(fewest, MAX_IMPACT_SETS + 1):
        if total % sets == 0 and total // sets <= IMPACTS_PER_SET:
            return sets, total // sets
    return fewest, max(1, total // fewest)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgramItem:
    exercise_id: str
    name: str
    component: Component
    pattern: Pattern
    regions: tuple[Region, ...]
    impact: ImpactLevel
    tags: tuple[SpineRisk, ...]
    equipment: tuple[Equipment, ...]
    sets: int
    reps: int | None = None
    """Repetitions in each set; for an impact item, the impacts in each set."""
    hold_s: int | None = None
    """Seconds of each hold (``sets`` holds)."""
    impacts: int | None = None
    """Impacts in the whole session (``sets * reps``), for impact items."""
    minutes: int | None = None
    intensity_pct_1rm: float | None = None
    target_rpe: float | None = None
    load_kg: float | None = None
    load_display: str | None = None
    """``load_kg`` in the client's units, as equipment shows it (e.g. ``"77.5 lb"``)."""
    rest_s: int = 60
    why: str = ""
    note: str | None = None


class SessionKind(StrEnum):
    """What a session is (the ``kind`` of a session in the ``plan`` JSON contract)."""

    RESISTANCE = "resistance"
    """A full session: resistance work, with impact and balance."""
    IMPACT_BALANCE = "impact_balance"
    """A short extra (home) session: balance, impact or a walk."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    day: int
    """ISO weekday, 1 = Monday."""
    date: dt.date
    kind: SessionKind
    items: tuple[ProgramItem, ...]
    minutes: int
    """Estimated duration."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Week:
    week: int
    phase: Phase
    sessions: tuple[Session, ...]
    balance_minutes: int
    impacts: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Program:
    status: ProgramStatus
    screening: Screening
    start: dt.date
    weeks: tuple[Week, ...]
    working_max_kg: Mapping[str, float]
    """Working 1RM per exercise (R22) used for the loads, when strength sets were given
    (read-only: :mod:`osteoload.domain.frozen`)."""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_mappings(self, "working_max_kg")

    __getstate__ = getstate
    __setstate__ = setstate
