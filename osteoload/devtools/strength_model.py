"""What a load means to a virtual client of a given true strength: the two formulas of the
strength models of ``osteoload simulate`` (:mod:`.simulation`) and of the engine's pure
simulation in the tests (``tests/domain/simulation.py``, the ``limited`` behaviour).

Pure: the standard library and the engine's %1RM chart only (the tests' simulation has no
database). How her 1RM grows is each model's own assumption; these are not.
"""

from __future__ import annotations

from osteoload.domain.one_rm import pct_1rm

#: The reps the chart covers; a set of more is read as 12.
CHART_MAX_REPS = 12
#: A first chosen set is read as at least this hard: an easier rating of a load she picked
#: herself would make her true strength look larger than the set shows.
FIRST_SET_MIN_RPE = 6.5


def implied_one_rm(load_kg: float, reps: int, rpe: float) -> float:
    """Her true 1RM as a set she chose implies it: ``load_kg`` for ``reps`` at ``rpe``."""
    return load_kg / pct_1rm(min(CHART_MAX_REPS, max(1, reps)), max(FIRST_SET_MIN_RPE, rpe))


def reps_to_failure(one_rm_kg: float, load_kg: float) -> int:
    """The most reps (0 to :data:`CHART_MAX_REPS`) she can do with ``load_kg`` when her true
    1RM is ``one_rm_kg``: the chart at RPE 10."""
    share = load_kg / one_rm_kg
    return max((r for r in range(1, CHART_MAX_REPS + 1) if pct_1rm(r, 10.0) >= share), default=0)
