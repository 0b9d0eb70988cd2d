"""Her phone's set logger, in words: the set she is on, what she did last time, and how hard
it was, asked in words and turned into the effort number the engine reads.

Effort is asked in four words, never pre-set. Each word stands for an effort relative to the
effort the item is prescribed at (its target RPE), placed on the engine's own thresholds
(R18, R18b), so that what she says moves her program the way she means it:

* "Easy" is :data:`~osteoload.domain.progression.rules.R18B_TOO_EASY_MARGIN` below target:
  too easy (R18b; two such sessions allow a double step);
* "Moderate" is the target: a success (R18, two in a row raise the load);
* "Hard" is up to :data:`~osteoload.domain.progression.rules.R18B_HOLD_RPE_MARGIN` above it,
  kept under the failure line: the load holds (R18b, not a failure);
* "Very hard" ("I could not have done one more") is RPE 10, no reps left: a failure (R18b).

RPE is on the reps-in-reserve scale (clinical-evidence.md §6.2): RPE = 10 - RIR.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from osteoload.domain.logs import RPE_RANGE
from osteoload.domain.progression.rules import (
    R18B_FAIL_RPE,
    R18B_HOLD_RPE_MARGIN,
    R18B_TOO_EASY_MARGIN,
)
from osteoload.domain.units import format_load, kg_to_lb
from osteoload.domain.vocabulary import Units

from .audience import _, ngettext
from .dose import Dose, DoseKind, num, set_words


class Effort(StrEnum):
    """How hard a set was, in her words."""

    EASY = "easy"
    MODERATE = "moderate"
    HARD = "hard"
    VERY_HARD = "very_hard"


_HALF = 0.5


def _half_down(value: float) -> float:
    return math.floor(value / _HALF) * _HALF


def _half_up(value: float) -> float:
    return math.ceil(value / _HALF) * _HALF


def effort_rpe(effort: Effort | str, target_rpe: float) -> float:
    """The RPE (1-10, in half steps) that ``effort`` stands for on an item prescribed at
    ``target_rpe`` (see the module's docstring for the rules behind each word)."""
    low, high = RPE_RANGE
    target = min(high, max(low, _half_down(float(target_rpe))))
    match Effort(effort):
        case Effort.EASY:
            value = target - R18B_TOO_EASY_MARGIN
        case Effort.MODERATE:
            value = target
        case Effort.HARD:
            # Above target, never at the failure line: a hard set holds the load (R18b).
            # (A target at the failure line already leaves no room: hard is the target.)
            below_fail = _half_up(R18B_FAIL_RPE) - _HALF
            value = max(target, min(target + R18B_HOLD_RPE_MARGIN, below_fail))
        case Effort.VERY_HARD:
            value = high
    return min(high, max(low, _half_down(value)))


@dataclass(frozen=True, slots=True)
class EffortChoice:
    """One answer to "How hard was it?": the value sent (an RPE), the word and a hint."""

    value: str
    word: str
    hint: str
    effort: Effort


def effort_choices(target_rpe: float | None) -> list[EffortChoice]:
    """The four answers to "How hard was it?" for an item prescribed at ``target_rpe``, easiest
    first; none without a target (the item asks no effort)."""
    if target_rpe is None:
        return []
    words = {
        Effort.EASY: (_("Easy"), _("easier than planned")),
        Effort.MODERATE: (_("Moderate"), _("about as planned")),
        Effort.HARD: (_("Hard"), _("harder than planned")),
        Effort.VERY_HARD: (_("Very hard"), _("I could not have done one more")),
    }
    return [
        EffortChoice(num(effort_rpe(e, target_rpe), 1), word, hint, e)
        for e, (word, hint) in words.items()
    ]


def effort_question() -> str:
    return _("How hard was it?")


def load_value(load_kg: float | None, units: Units | str) -> str:
    """A load for her weight box, in her units, without the unit: ``"7.5"``; ``""`` for none."""
    if load_kg is None or load_kg <= 0:
        return ""
    if Units(units) is Units.LB:
        return num(kg_to_lb(load_kg), 1)
    return num(load_kg, 2)


def this_set_text(dose: Dose, number: int, units: Units | str, load_kg: float | None) -> str:
    """The set she is on and what it asks: ``"Set 2 of 3: 12 times at 8 kg"``,
    ``"Hold 4 of 10: 20 seconds"``, ``"Set 1 of 2: 10 landings"``. Past the last set the
    last set's dose is said for an extra set (``"Extra set: ..."``). An item of one set says
    nothing more than its dose does: ``""``."""
    if dose.sets == 1 and number == 1:
        return ""
    n = max(1, min(number, dose.sets))
    per = dose.set_per_set(n)
    if dose.kind is DoseKind.HOLD:
        what = (
            ngettext("%(n)d second", "%(n)d seconds", per) % {"n": per} if per is not None else ""
        )
    elif dose.kind is DoseKind.IMPACTS:
        what = ngettext("%(n)d landing", "%(n)d landings", per) % {"n": per} if per else ""
    elif dose.kind is DoseKind.REPS and per is not None:
        what = ngettext("%(n)d time", "%(n)d times", per) % {"n": per}
    elif dose.kind is DoseKind.MINUTES and dose.minutes:
        what = ngettext("%(n)d minute", "%(n)d minutes", dose.minutes) % {"n": dose.minutes}
    else:
        what = ""
    if what and load_kg:
        what = _("%(what)s at %(load)s") % {
            "what": what,
            "load": format_load(load_kg, Units(units)),
        }
    if number > dose.sets:
        head = _("Extra set")
    elif dose.kind is DoseKind.HOLD:
        head = _("Hold %(n)d of %(of)d") % {"n": number, "of": dose.sets}
    else:
        head = _("Set %(n)d of %(of)d") % {"n": number, "of": dose.sets}
    return _("%(head)s: %(what)s") % {"head": head, "what": what} if what else head


def last_set_text(sets: Sequence[Any], number: int, units: Units | str) -> str:
    """What she did in this set (``number``, from 1) the last time she did the exercise:
    ``"Last time: 8 kg × 12, effort 6"``; the last of them when she did fewer sets then;
    ``""`` when she has not done it before. ``sets`` are that session's logged sets
    (``SetLog``), in order."""
    if not sets:
        return ""
    s = sets[min(number, len(sets)) - 1]
    return _("Last time: %(set)s") % {"set": set_words(s, units)}


def done_as_planned_text(remaining: int, sets: int) -> str:
    """The one-tap button of a balance or impact item: all its sets (or the rest of them)."""
    if remaining >= sets:
        return ngettext("Done as planned (%(n)d set)", "Done as planned (all %(n)d)", sets) % {
            "n": sets
        }
    return ngettext(
        "Done as planned (the last one)", "Done as planned (the other %(n)d)", remaining
    ) % {"n": remaining}
