"""What a client did: one record per logged set (the session log).

Logs are parsed and validated at the boundary (``osteoload.services.logs``: our CSV
and JSON, and Strong and Hevy exports); the engine reads them in
``osteoload.domain.progression``. Loads are in kilograms whatever unit the client logged in.
:class:`SetLog` still checks its own ranges, so that the engine is never fed an impossible
set whoever builds the record.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

from .errors import InvalidInput
from .profile import StrengthSet
from .vocabulary import Symptom

#: Pain is rated on the 0-10 numeric rating scale (0 = no pain, 10 = worst imaginable).
PAIN_SCALE = (0, 10)

#: RPE on the reps-in-reserve scale (Zourdos 2016; Helms 2016): 1-10, in steps of 0.5.
RPE_RANGE = (1.0, 10.0)

#: Reps in reserve: 0-10 in steps of 0.5; RPE = 10 - RIR (clinical-evidence.md §6.2).
RIR_RANGE = (0.0, 10.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class SetLog:
    """One logged set of one exercise on one day.

    * ``date``: the day of the session (no time of day).
    * ``exercise_id``: a catalogue id.
    * ``set``: the set number within that exercise on that day, 1 or more.
    * ``reps``: reps completed, 0 or more (0 for a pure hold or an impact count).
    * ``load_kg``: external load in kg (per dumbbell or kettlebell), > 0; ``None`` for body
      weight, band, balance and impact work.
    * ``rpe``: effort, 1-10 in steps of 0.5; or ``rir``: reps in reserve, 0-10 in steps of
      0.5; not both (§6.2: RPE = 10 - RIR).
    * ``pain``: pain during the set, 0-10 (numeric rating scale); ``None`` when not asked.
    * ``note``: free text.
    * ``impacts``: impacts (hops, stamps, landings) done in the set, 0 or more.
    * ``hold_s``: seconds held (balance stands, planks, carries), 1 or more.
    * ``symptoms``: red-flag symptoms reported during the session (R32 stop rules).
    """

    date: dt.date
    exercise_id: str
    set: int
    reps: int
    load_kg: float | None = None
    rpe: float | None = None
    rir: float | None = None
    pain: int | None = None
    note: str = ""
    impacts: int | None = None
    hold_s: int | None = None
    symptoms: tuple[Symptom, ...] = ()

    def __post_init__(self) -> None:
        if not self.exercise_id:
            raise InvalidInput("exercise_id: give a catalogue id")
        _whole(self.set, "set", 1)
        _whole(self.reps, "reps", 0)
        if self.load_kg is not None:
            _check_load(self.load_kg)
        if self.rpe is not None and self.rir is not None:
            raise InvalidInput("rpe, rir: give the effort as RPE or as reps in reserve, not both")
        _half_step(self.rpe, "rpe", RPE_RANGE)
        _half_step(self.rir, "rir", RIR_RANGE)
        if self.pain is not None:
            _whole(self.pain, "pain", PAIN_SCALE[0])
            if self.pain > PAIN_SCALE[1]:
                raise InvalidInput(
                    f"pain: {self.pain} is out of range; allowed {PAIN_SCALE[0]} to {PAIN_SCALE[1]}"
                )
        if self.impacts is not None:
            _whole(self.impacts, "impacts", 0)
        if self.hold_s is not None:
            _whole(self.hold_s, "hold_s", 1)

    def with_load(self, load_kg: float | None) -> SetLog:
        """This set with another load (checked as the constructor checks it): what
        ``dataclasses.replace`` gives, without checking again the fields that did not
        change (the engine re-loads thousands of sets when it snaps loads to her equipment).
        """
        if load_kg is not None:
            _check_load(load_kg)
        twin = object.__new__(SetLog)
        for put, value in zip(_PUT_OTHERS, _GET_OTHERS(self), strict=True):
            put(twin, value)
        _PUT_LOAD(twin, load_kg)
        return twin

    @property
    def effort(self) -> float | None:
        """The effort as RPE (from ``rpe``, or 10 - ``rir``), ``None`` when not rated."""
        if self.rpe is not None:
            return float(self.rpe)
        if self.rir is not None:
            return RPE_RANGE[1] - self.rir
        return None

    def as_strength_set(self) -> StrengthSet | None:
        """The set as a :class:`StrengthSet` for 1RM estimation, or ``None`` without a load."""
        if self.load_kg is None or self.reps < 1:
            return None
        return StrengthSet(
            exercise=self.exercise_id,
            load_kg=self.load_kg,
            reps=self.reps,
            rpe=self.rpe,
            rir=self.rir,
            date=self.date,
        )


# The slots of a set, read and written directly (a frozen dataclass refuses setattr): how
# :meth:`SetLog.with_load` copies a set at a third of ``dataclasses.replace``'s cost.
_OTHERS = tuple(f.name for f in fields(SetLog) if f.name != "load_kg")
_GET_OTHERS: Callable[[SetLog], tuple[Any, ...]] = attrgetter(*_OTHERS)
_PUT_OTHERS: tuple[Callable[[SetLog, Any], None], ...] = tuple(
    vars(SetLog)[name].__set__ for name in _OTHERS
)
_PUT_LOAD: Callable[[SetLog, Any], None] = vars(SetLog)["load_kg"].__set__


def _check_load(load_kg: float) -> None:
    if (
        isinstance(load_kg, bool)
        or not isinstance(load_kg, int | float)
        or not math.isfinite(load_kg)
        or load_kg <= 0
    ):
        raise InvalidInput(f"load_kg: {load_kg!r} must be a number greater than 0")


def _whole(value: int, name: str, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(f"{name}: {value!r} must be a whole number, {minimum} or more")


def _half_step(value: float | None, name: str, bounds: tuple[float, float]) -> None:
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not bounds[0] <= value <= bounds[1]
    ):
        raise InvalidInput(
            f"{name}: {value!r} is out of range; allowed {bounds[0]:g} to {bounds[1]:g}"
        )
    if not float(value * 2).is_integer():
        raise InvalidInput(f"{name}: {value:g} is not allowed; use steps of 0.5")
