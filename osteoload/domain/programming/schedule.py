"""The weekly rhythm the program keeps (R13, R26), checked by the engine itself.

* R13: resistance on 2-3 days a week with at least one rest day between two sessions
  loading the same muscles (every resistance session here is full-body, so no two resistance
  days may be consecutive, Sunday to Monday included).
* R26: never aerobic-only: a program with sessions always holds balance work, and
  resistance whenever the screening allows it.

:func:`check_resistance_days` is the one statement of R13's days; the input schema asks it
rather than restating the rule. :func:`check_components` is a guarantee on the generator's
output: it raises when a catalogue leaves no way to meet R26, instead of handing her a
program without strength or balance work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..catalogue import CatalogueError
from ..errors import InvalidInput
from ..program import Week
from ..vocabulary import Component

#: R13: resistance sessions a week.
RESISTANCE_DAYS_PER_WEEK = (2, 3)


def consecutive_days(days: Iterable[int]) -> tuple[int, int] | None:
    """The first pair of ISO weekdays in ``days`` that follow each other (Sunday then Monday
    included), or ``None`` when every two days have a rest day between them (R13)."""
    chosen = sorted(set(days))
    for day in chosen:
        following = day % 7 + 1
        if following in chosen and following != day:
            return day, following
    return None


def check_resistance_days(days: Sequence[int]) -> None:
    """R13: raise :class:`InvalidInput` unless ``days`` are 2-3 different ISO weekdays
    (1 = Monday ... 7 = Sunday) with a rest day between any two of them."""
    if any(not 1 <= day <= 7 for day in days):
        raise InvalidInput(f"resistance days must be ISO weekdays 1 to 7, not {list(days)}")
    if len(set(days)) not in RESISTANCE_DAYS_PER_WEEK:
        low, high = min(RESISTANCE_DAYS_PER_WEEK), max(RESISTANCE_DAYS_PER_WEEK)
        raise InvalidInput(f"resistance training needs {low} to {high} different days (R13)")
    pair = consecutive_days(days)
    if pair is not None:
        raise InvalidInput(
            f"resistance on days {pair[0]} and {pair[1]} in a row; leave at least one rest day "
            "between them (R13)"
        )


def check_components(weeks: Sequence[Week], *, resistance_allowed: bool) -> None:
    """R26: a program with sessions includes balance work, and resistance whenever the
    screening allows it. Raises :class:`CatalogueError` naming what the exercises lacked."""
    found = {item.component for week in weeks for s in week.sessions for item in s.items}
    if not found:
        return
    missing = [Component.BALANCE] if Component.BALANCE not in found else []
    if resistance_allowed and Component.RESISTANCE not in found:
        missing.insert(0, Component.RESISTANCE)
    if missing:
        names = " and ".join(str(c) for c in missing)
        raise CatalogueError(
            f"the exercises this client may do leave the program without {names} work, which "
            "every program needs (R26)"
        )
