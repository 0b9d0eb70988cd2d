"""One-repetition maximum (1RM): estimation from a working set, RPE/RIR, and the working max.

Nobody in osteoload is asked to lift a true maximum (R20): the 1RM is estimated from a
submaximal set, with the seven published equations of clinical-evidence.md §6.1 and the
RTS %1RM chart of §6.2, and handled by rules R20-R22 (§13).

Policy of :func:`estimate_one_rm` (pinned by ``tests/domain/test_one_rm.py``):

=================================================  ==========================================
set                                                result
=================================================  ==========================================
load <= 0, reps < 1, RPE > 10, RIR < 0, RPE/RIR    :class:`InvalidInput`
not in half steps, both RPE and RIR given
more than 15 reps, or RPE below 6.5 (RIR > 3.5)    refused: :class:`UnreliableEstimate`
13-15 reps, or RPE 6.5 (RIR 3.5)                   estimate with ``reliable=False`` and flags
                                                   ``estimate_unreliable`` (R21) and
                                                   ``outside_r20_range``
1-2 or 11-12 reps (RPE >= 7)                       reliable, flag ``outside_r20_range``
3-10 reps at RPE >= 7                              reliable, no R20/R21 flag
=================================================  ==========================================

Method:

* no RPE or RIR given: the set is taken as done to (near) failure (RPE 10), flag
  ``effort_assumed``; working 1RM = min(Epley, Brzycki) (R22).
* RPE or RIR given and 1-12 reps: working 1RM = load / chart %1RM (``rts_chart``). The seven
  equations are still reported, evaluated at the *effective* reps = reps + RIR (the reps she
  could have done), which may be a half rep.
* RPE or RIR given and 13-15 reps (beyond the chart): min(Epley, Brzycki) at the effective
  reps; always unreliable. The chart and the equations disagree at that edge, so a 13-rep
  estimate can be lower than the 12-rep chart estimate at the same effort: more reps never
  lower an estimate *within* one method, and 13+ reps are never used for loads.

Unreliable estimates are returned only as such (``reliable=False``, a flag and a warning);
:func:`working_max_from_sets` never uses them.

Modules: :mod:`.equations` (the rules' numbers, the seven equations, RPE/RIR and the chart)
and :mod:`.estimates` (:func:`estimate_one_rm`, :func:`working_max_from_sets`). Every name is
importable from ``osteoload.domain.one_rm`` as before the split.
"""

from __future__ import annotations

from .equations import (
    CHART_REPS,
    FORMULAS,
    MIN_RELIABLE_RPE,
    R20_SET_REPS,
    R21_MAX_RELIABLE_REPS,
    R22_MAX_AGE_DAYS,
    REFUSE_ABOVE_REPS,
    REFUSE_BELOW_RPE,
    RPE_MAX,
    RTS_PCT_1RM_BY_REPS_TO_FAILURE,
    EstimateFlag,
    EstimateMethod,
    brzycki,
    epley,
    lander,
    lombardi,
    mayhew,
    oconner,
    pct_1rm,
    rir_to_rpe,
    rpe_to_rir,
    wathan,
)
from .estimates import (
    OneRmEstimate,
    OneRmWarning,
    WarningCode,
    estimate_one_rm,
    working_max_from_sets,
)

__all__ = [
    "CHART_REPS",
    "EstimateFlag",
    "EstimateMethod",
    "FORMULAS",
    "MIN_RELIABLE_RPE",
    "OneRmEstimate",
    "OneRmWarning",
    "R20_SET_REPS",
    "R21_MAX_RELIABLE_REPS",
    "R22_MAX_AGE_DAYS",
    "REFUSE_ABOVE_REPS",
    "REFUSE_BELOW_RPE",
    "RPE_MAX",
    "RTS_PCT_1RM_BY_REPS_TO_FAILURE",
    "WarningCode",
    "brzycki",
    "epley",
    "estimate_one_rm",
    "lander",
    "lombardi",
    "mayhew",
    "oconner",
    "pct_1rm",
    "rir_to_rpe",
    "rpe_to_rir",
    "wathan",
    "working_max_from_sets",
]
