"""The rules' numbers (R20-R22) and the arithmetic of a 1RM: the seven published equations
(clinical-evidence.md section 6.1), RPE and RIR (section 6.2) and the RTS chart of %1RM by
reps to failure; the input checks they share.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from enum import StrEnum
from types import MappingProxyType

from ..errors import InvalidInput
from ..profile import StrengthSet

# --- Rules and their numbers (clinical-evidence.md §13) -------------------------------------

#: R20 (must): estimate 1RM from a set of 3-10 reps at RPE >= 7 (Shaw 1995; Knutzen 1999;
#: Whisenant 2003).
R20_SET_REPS = (3, 10)

#: R20/R21: the lowest RPE (highest RIR = 10 - RPE = 3) a set may have for a reliable
#: estimate. RIR estimates are off by > 2 reps when far from failure (Hackett 2017).
MIN_RELIABLE_RPE = 7.0

#: R21 (must): sets of more than this many reps give unreliable estimates (equation validity:
#: LeSuer 1997; Whisenant 2003).
R21_MAX_RELIABLE_REPS = 12

#: Our policy beyond R21: sets of more reps than this are refused outright, not estimated.
REFUSE_ABOVE_REPS = 15

#: Our policy beyond R21: sets easier than this RPE (the chart's lowest column, §6.2) are
#: refused outright.
REFUSE_BELOW_RPE = 6.5

#: R22 (should): re-estimate the working 1RM every 4-6 weeks; sets older than this are not
#: used (6 weeks).
R22_MAX_AGE_DAYS = 42

#: The top of the RPE scale: RPE 10 = no reps left (Zourdos 2016; Helms 2016).
RPE_MAX = 10.0

#: RTS %1RM chart (Reactive Training Systems, M. Tuchscherer; used with the RIR-based RPE
#: scale of Zourdos et al. JSCR 2016;30:267-275 and Helms et al. SCJ 2016;38(4):42-49), as
#: given in clinical-evidence.md §6.2 [V - in several public implementations;
#: practitioner-derived, not validated in older women]. One curve indexed by
#: reps to failure = reps + (10 - RPE), in half steps from 1.0 to 15.5; values are fractions
#: of 1RM. Other public tables differ beyond ~9 reps (e.g. 0.717/0.695 instead of
#: 0.707/0.680 at RPE 10); osteoload uses this one.
RTS_PCT_1RM_BY_REPS_TO_FAILURE: Mapping[float, float] = MappingProxyType({
    1.0: 1.000, 1.5: 0.978, 2.0: 0.955, 2.5: 0.939, 3.0: 0.922, 3.5: 0.907,
    4.0: 0.892, 4.5: 0.878, 5.0: 0.863, 5.5: 0.850, 6.0: 0.837, 6.5: 0.824,
    7.0: 0.811, 7.5: 0.799, 8.0: 0.786, 8.5: 0.774, 9.0: 0.762, 9.5: 0.751,
    10.0: 0.739, 10.5: 0.723, 11.0: 0.707, 11.5: 0.694, 12.0: 0.680, 12.5: 0.667,
    13.0: 0.653, 13.5: 0.640, 14.0: 0.626, 14.5: 0.613, 15.0: 0.599, 15.5: 0.586,
})  # fmt: skip

#: The reps the chart covers (§6.2 table columns).
CHART_REPS = (1, 12)


class EstimateFlag(StrEnum):
    """Flags an estimate may carry (machine-readable; each comes with a plain-language
    warning)."""

    UNRELIABLE = "estimate_unreliable"
    """R21: too many reps or too far from failure; not used for loads."""
    OUTSIDE_R20 = "outside_r20_range"
    """R20: not a set of 3-10 reps (or an unreliable one)."""
    EFFORT_ASSUMED = "effort_assumed"
    """No RPE/RIR: taken as a set to (near) failure."""


class EstimateMethod(StrEnum):
    """How the working 1RM of an estimate was reached (R22)."""

    R22 = "min(epley, brzycki) (R22)"
    """No effort given: the lower of Epley and Brzycki."""
    CHART = "min(rts_chart, epley, brzycki at reps + rir) (R22)"
    """An effort and 1-12 reps: the RTS chart, never above the equations."""
    R22_EFFECTIVE = "min(epley, brzycki) at reps + rir (R22)"
    """An effort and 13-15 reps: the equations at reps + RIR."""
    CARRIED = "carried from her logged sets (R22a)"
    """Not estimated from one set: the working max her log carries into a new block."""


# --- The seven equations (clinical-evidence.md §6.1) ----------------------------------------


def epley(load_kg: float, reps: int) -> float:
    """Epley (1985): 1RM = w x (1 + r/30).

    ``load_kg`` > 0 (kg), ``reps`` >= 1 completed to (near) failure; returns the 1RM in kg.
    Most accurate up to ~10 reps (LeSuer 1997; Whisenant 2003); osteoload relies on it only
    up to 12 (R21). At 1 rep it does **not** return the load: 1.033 x load.
    Source: Epley B, *Poundage chart*, Boyd Epley Workout, 1985 (§6.1).
    """
    check_load(load_kg)
    return _epley(load_kg, check_reps(reps))


def brzycki(load_kg: float, reps: int) -> float:
    """Brzycki (1993): 1RM = w x 36 / (37 - r), equivalently w / (1.0278 - 0.0278 r).

    ``load_kg`` > 0 (kg), ``reps`` 1-36 (undefined at 37; unstable past ~10-12); returns the
    1RM in kg. At 1 rep it returns the load exactly.
    Source: Brzycki M, JOPERD 1993;64(1):88-90 (§6.1).
    """
    check_load(load_kg)
    reps = check_reps(reps)
    if reps >= 37:
        raise InvalidInput(f"reps: {reps} is out of range for Brzycki; allowed 1 to 36")
    return _brzycki(load_kg, reps)


def lombardi(load_kg: float, reps: int) -> float:
    """Lombardi (1989): 1RM = w x r^0.10.

    ``load_kg`` > 0 (kg), ``reps`` >= 1 (reliable up to ~10-12); returns the 1RM in kg.
    At 1 rep it returns the load exactly.
    Source: Lombardi VP, *Beginning Weight Training*, 1989 (§6.1).
    """
    check_load(load_kg)
    return _lombardi(load_kg, check_reps(reps))


def mayhew(load_kg: float, reps: int) -> float:
    """Mayhew et al. (1992): 1RM = 100 w / (52.2 + 41.9 e^(-0.055 r)).

    ``load_kg`` > 0 (kg), ``reps`` >= 1 (reliable up to ~10-12); returns the 1RM in kg.
    At 1 rep it does **not** return the load: 1.089 x load (an exponential fit to multi-rep
    sets). Source: Mayhew JL et al., J Appl Sport Sci Res 1992;6:200-206 (§6.1).
    """
    check_load(load_kg)
    return _mayhew(load_kg, check_reps(reps))


def oconner(load_kg: float, reps: int) -> float:
    """O'Conner et al. (1989): 1RM = w x (1 + 0.025 r), equivalently w x (1 + r/40).

    ``load_kg`` > 0 (kg), ``reps`` >= 1 (reliable up to ~10-12); returns the 1RM in kg.
    At 1 rep it does **not** return the load: 1.025 x load.
    Source: O'Conner B et al., *Weight Training Today*, 1989 (§6.1).
    """
    check_load(load_kg)
    return _oconner(load_kg, check_reps(reps))


def wathan(load_kg: float, reps: int) -> float:
    """Wathan (1994): 1RM = 100 w / (48.8 + 53.8 e^(-0.075 r)).

    ``load_kg`` > 0 (kg), ``reps`` >= 1 (reliable up to ~10-12); returns the 1RM in kg.
    At 1 rep it does **not** return the load exactly: 1.013 x load.
    Source: Wathan D, in Baechle TR (ed.), *Essentials of Strength Training and
    Conditioning*, 1994 (§6.1).
    """
    check_load(load_kg)
    return _wathan(load_kg, check_reps(reps))


def lander(load_kg: float, reps: int) -> float:
    """Lander (1985), also called McGlothin: 1RM = 100 w / (101.3 - 2.67123 r).

    ``load_kg`` > 0 (kg), ``reps`` 1-37 (the denominator reaches 0 near 38; reliable up to
    ~10-12); returns the 1RM in kg. At 1 rep it does **not** return the load exactly:
    1.014 x load. Source: Lander J, NSCA Journal 1985;6:60-61 (§6.1).
    """
    check_load(load_kg)
    reps = check_reps(reps)
    if reps >= 38:
        raise InvalidInput(f"reps: {reps} is out of range for Lander; allowed 1 to 37")
    return _lander(load_kg, reps)


def _epley(w: float, r: float) -> float:
    return w * (1 + r / 30)


def _brzycki(w: float, r: float) -> float:
    return w * 36 / (37 - r)


def _lombardi(w: float, r: float) -> float:
    return w * math.pow(r, 0.10)


def _mayhew(w: float, r: float) -> float:
    return 100 * w / (52.2 + 41.9 * math.exp(-0.055 * r))


def _oconner(w: float, r: float) -> float:
    return w * (1 + r / 40)


def _wathan(w: float, r: float) -> float:
    return 100 * w / (48.8 + 53.8 * math.exp(-0.075 * r))


def _lander(w: float, r: float) -> float:
    return 100 * w / (101.3 - 2.67123 * r)


#: The seven equations by name, in the order of §6.1 (real-valued reps, no range checks).
EQUATIONS: Mapping[str, Callable[[float, float], float]] = MappingProxyType(
    {
        "epley": _epley,
        "brzycki": _brzycki,
        "lombardi": _lombardi,
        "mayhew": _mayhew,
        "oconner": _oconner,
        "wathan": _wathan,
        "lander": _lander,
    }
)

#: Names of the seven equations, in the order of clinical-evidence.md §6.1.
FORMULAS: tuple[str, ...] = tuple(EQUATIONS)


# --- RPE, RIR and the chart (clinical-evidence.md §6.2) -------------------------------------


def rir_to_rpe(rir: float) -> float:
    """Convert reps in reserve to RPE: RPE = 10 - RIR.

    ``rir``: reps left in the tank, 0 to 10. Returns RPE (0 to 10).
    Source: Zourdos et al. JSCR 2016;30:267-275; Helms et al. SCJ 2016;38(4):42-49 (§6.2).
    """
    check_scale(rir, "rir")
    return RPE_MAX - rir


def rpe_to_rir(rpe: float) -> float:
    """Convert RPE to reps in reserve: RIR = 10 - RPE.

    ``rpe``: 0 to 10 (10 = no reps left). Returns RIR (0 to 10).
    Source: Zourdos et al. JSCR 2016;30:267-275; Helms et al. SCJ 2016;38(4):42-49 (§6.2).
    """
    check_scale(rpe, "rpe")
    return RPE_MAX - rpe


def pct_1rm(reps: int, rpe: float) -> float:
    """The fraction of 1RM that ``reps`` at ``rpe`` corresponds to, from the RTS chart.

    ``reps``: 1-12; ``rpe``: 6.5-10 in steps of 0.5. Returns a fraction (8 reps at RPE 10
    -> 0.786). Looks up reps to failure = reps + (10 - RPE) in
    :data:`RTS_PCT_1RM_BY_REPS_TO_FAILURE`. Source: RTS chart, clinical-evidence.md §6.2.
    """
    reps = check_reps(reps)
    if not CHART_REPS[0] <= reps <= CHART_REPS[1]:
        raise InvalidInput(
            f"reps: {reps} is out of range for the RPE chart; allowed "
            f"{CHART_REPS[0]} to {CHART_REPS[1]}"
        )
    check_half_step(rpe, "rpe")
    if not REFUSE_BELOW_RPE <= rpe <= RPE_MAX:
        raise InvalidInput(
            f"rpe: {rpe:g} is out of range for the RPE chart; allowed "
            f"{REFUSE_BELOW_RPE:g} to {RPE_MAX:g} in steps of 0.5"
        )
    return RTS_PCT_1RM_BY_REPS_TO_FAILURE[reps + (RPE_MAX - rpe)]


# --- Checks ------------------------------------------------------------------------------------


def describe_set(s: StrengthSet) -> str:
    effort = ""
    if s.rpe is not None:
        effort = f" at RPE {s.rpe:g}"
    elif s.rir is not None:
        effort = f" with {s.rir:g} reps in reserve"
    return f"{s.load_kg:g} kg x {s.reps}{effort}"


def check_load(load_kg: float) -> None:
    if (
        isinstance(load_kg, bool)
        or not isinstance(load_kg, int | float)
        or not math.isfinite(load_kg)
        or load_kg <= 0
    ):
        raise InvalidInput(f"load_kg: {load_kg!r} is not allowed; give a load greater than 0 kg")


def check_reps(reps: int) -> int:
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise InvalidInput(f"reps: {reps!r} is not allowed; give a whole number of reps, 1 or more")
    return reps


def check_scale(value: float, name: str) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= RPE_MAX
    ):
        raise InvalidInput(f"{name}: {value!r} is out of range; allowed 0 to {RPE_MAX:g}")


def check_half_step(value: float, name: str) -> None:
    check_scale(value, name)
    if not float(value * 2).is_integer():
        raise InvalidInput(f"{name}: {value:g} is not allowed; use steps of 0.5 (7, 7.5, 8, ...)")


def effort_rpe(rpe: float | None, rir: float | None) -> float | None:
    """The RPE of the set from ``rpe`` or ``rir`` (validated), or ``None`` when neither."""
    if rpe is not None and rir is not None:
        raise InvalidInput("rpe, rir: give the effort as RPE or as reps in reserve, not both")
    if rpe is not None:
        check_half_step(rpe, "rpe")
        return float(rpe)
    if rir is not None:
        check_half_step(rir, "rir")
        return rir_to_rpe(rir)
    return None
