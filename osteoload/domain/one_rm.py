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
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from types import MappingProxyType

from .errors import InvalidInput, UnreliableEstimate
from .profile import StrengthSet

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

#: Flags an estimate may carry (machine-readable; each comes with a plain-language warning).
FLAG_UNRELIABLE = "estimate_unreliable"  # R21
FLAG_OUTSIDE_R20 = "outside_r20_range"  # R20
FLAG_EFFORT_ASSUMED = "effort_assumed"  # no RPE/RIR: taken as a set to (near) failure

METHOD_R22 = "min(epley, brzycki) (R22)"
METHOD_CHART = "min(rts_chart, epley, brzycki at reps + rir) (R22)"
METHOD_R22_EFFECTIVE = "min(epley, brzycki) at reps + rir (R22)"


# --- The seven equations (clinical-evidence.md §6.1) ----------------------------------------


def epley(load_kg: float, reps: int) -> float:
    """Epley (1985): 1RM = w x (1 + r/30).

    ``load_kg`` > 0 (kg), ``reps`` >= 1 completed to (near) failure; returns the 1RM in kg.
    Most accurate up to ~10 reps (LeSuer 1997; Whisenant 2003); osteoload relies on it only
    up to 12 (R21). At 1 rep it does **not** return the load: 1.033 x load.
    Source: Epley B, *Poundage chart*, Boyd Epley Workout, 1985 (§6.1).
    """
    _check_load(load_kg)
    return _epley(load_kg, _check_reps(reps))


def brzycki(load_kg: float, reps: int) -> float:
    """Brzycki (1993): 1RM = w x 36 / (37 - r), equivalently w / (1.0278 - 0.0278 r).

    ``load_kg`` > 0 (kg), ``reps`` 1-36 (undefined at 37; unstable past ~10-12); returns the
    1RM in kg. At 1 rep it returns the load exactly.
    Source: Brzycki M, JOPERD 1993;64(1):88-90 (§6.1).
    """
    _check_load(load_kg)
    reps = _check_reps(reps)
    if reps >= 37:
        raise InvalidInput(f"reps: {reps} is out of range for Brzycki; allowed 1 to 36")
    return _brzycki(load_kg, reps)


def lombardi(load_kg: float, reps: int) -> float:
    """Lombardi (1989): 1RM = w x r^0.10.

    ``load_kg`` > 0 (kg), ``reps`` >= 1 (reliable up to ~10-12); returns the 1RM in kg.
    At 1 rep it returns the load exactly.
    Source: Lombardi VP, *Beginning Weight Training*, 1989 (§6.1).
    """
    _check_load(load_kg)
    return _lombardi(load_kg, _check_reps(reps))


def mayhew(load_kg: float, reps: int) -> float:
    """Mayhew et al. (1992): 1RM = 100 w / (52.2 + 41.9 e^(-0.055 r)).

    ``load_kg`` > 0 (kg), ``reps`` >= 1 (reliable up to ~10-12); returns the 1RM in kg.
    At 1 rep it does **not** return the load: 1.089 x load (an exponential fit to multi-rep
    sets). Source: Mayhew JL et al., J Appl Sport Sci Res 1992;6:200-206 (§6.1).
    """
    _check_load(load_kg)
    return _mayhew(load_kg, _check_reps(reps))


def oconner(load_kg: float, reps: int) -> float:
    """O'Conner et al. (1989): 1RM = w x (1 + 0.025 r), equivalently w x (1 + r/40).

    ``load_kg`` > 0 (kg), ``reps`` >= 1 (reliable up to ~10-12); returns the 1RM in kg.
    At 1 rep it does **not** return the load: 1.025 x load.
    Source: O'Conner B et al., *Weight Training Today*, 1989 (§6.1).
    """
    _check_load(load_kg)
    return _oconner(load_kg, _check_reps(reps))


def wathan(load_kg: float, reps: int) -> float:
    """Wathan (1994): 1RM = 100 w / (48.8 + 53.8 e^(-0.075 r)).

    ``load_kg`` > 0 (kg), ``reps`` >= 1 (reliable up to ~10-12); returns the 1RM in kg.
    At 1 rep it does **not** return the load exactly: 1.013 x load.
    Source: Wathan D, in Baechle TR (ed.), *Essentials of Strength Training and
    Conditioning*, 1994 (§6.1).
    """
    _check_load(load_kg)
    return _wathan(load_kg, _check_reps(reps))


def lander(load_kg: float, reps: int) -> float:
    """Lander (1985), also called McGlothin: 1RM = 100 w / (101.3 - 2.67123 r).

    ``load_kg`` > 0 (kg), ``reps`` 1-37 (the denominator reaches 0 near 38; reliable up to
    ~10-12); returns the 1RM in kg. At 1 rep it does **not** return the load exactly:
    1.014 x load. Source: Lander J, NSCA Journal 1985;6:60-61 (§6.1).
    """
    _check_load(load_kg)
    reps = _check_reps(reps)
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
_EQUATIONS: Mapping[str, Callable[[float, float], float]] = MappingProxyType(
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
FORMULAS: tuple[str, ...] = tuple(_EQUATIONS)


# --- RPE, RIR and the chart (clinical-evidence.md §6.2) -------------------------------------


def rir_to_rpe(rir: float) -> float:
    """Convert reps in reserve to RPE: RPE = 10 - RIR.

    ``rir``: reps left in the tank, 0 to 10. Returns RPE (0 to 10).
    Source: Zourdos et al. JSCR 2016;30:267-275; Helms et al. SCJ 2016;38(4):42-49 (§6.2).
    """
    _check_scale(rir, "rir")
    return RPE_MAX - rir


def rpe_to_rir(rpe: float) -> float:
    """Convert RPE to reps in reserve: RIR = 10 - RPE.

    ``rpe``: 0 to 10 (10 = no reps left). Returns RIR (0 to 10).
    Source: Zourdos et al. JSCR 2016;30:267-275; Helms et al. SCJ 2016;38(4):42-49 (§6.2).
    """
    _check_scale(rpe, "rpe")
    return RPE_MAX - rpe


def pct_1rm(reps: int, rpe: float) -> float:
    """The fraction of 1RM that ``reps`` at ``rpe`` corresponds to, from the RTS chart.

    ``reps``: 1-12; ``rpe``: 6.5-10 in steps of 0.5. Returns a fraction (8 reps at RPE 10
    -> 0.786). Looks up reps to failure = reps + (10 - RPE) in
    :data:`RTS_PCT_1RM_BY_REPS_TO_FAILURE`. Source: RTS chart, clinical-evidence.md §6.2.
    """
    reps = _check_reps(reps)
    if not CHART_REPS[0] <= reps <= CHART_REPS[1]:
        raise InvalidInput(
            f"reps: {reps} is out of range for the RPE chart; allowed "
            f"{CHART_REPS[0]} to {CHART_REPS[1]}"
        )
    _check_half_step(rpe, "rpe")
    if not REFUSE_BELOW_RPE <= rpe <= RPE_MAX:
        raise InvalidInput(
            f"rpe: {rpe:g} is out of range for the RPE chart; allowed "
            f"{REFUSE_BELOW_RPE:g} to {RPE_MAX:g} in steps of 0.5"
        )
    return RTS_PCT_1RM_BY_REPS_TO_FAILURE[reps + (RPE_MAX - rpe)]


# --- Estimates -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class OneRmEstimate:
    """An estimated one-repetition maximum and how it was reached.

    ``one_rm_kg`` is the working 1RM to prescribe from (kg). ``estimates`` holds all seven
    equations (kg) evaluated at ``reps_to_failure``; ``mean_kg`` is their mean. ``method``
    names the rule used; ``reliable`` is False when R21 says the set is unreliable (then
    ``flags`` holds ``estimate_unreliable``). ``warnings`` explain every flag in plain
    words. ``rpe`` is the effort given (from RPE or RIR), ``None`` when none was given;
    ``pct_1rm`` is the chart fraction when the chart was used. ``set_date`` is the date of
    the set, when :func:`working_max_from_sets` chose it.
    """

    one_rm_kg: float
    estimates: dict[str, float]
    mean_kg: float
    method: str
    reliable: bool
    warnings: tuple[str, ...]
    flags: tuple[str, ...]
    load_kg: float
    reps: int
    rpe: float | None
    reps_to_failure: float
    pct_1rm: float | None = None
    set_date: date | None = None


def estimate_one_rm(
    load_kg: float,
    reps: int,
    *,
    rpe: float | None = None,
    rir: float | None = None,
) -> OneRmEstimate:
    """Estimate the working 1RM from one set, applying R20-R22.

    ``load_kg`` > 0 (kg); ``reps`` >= 1 completed; optionally the effort as ``rpe`` (<= 10)
    or ``rir`` (>= 0), in steps of 0.5, not both. Without either, the set is taken as done
    to (near) failure (RPE 10, flag ``effort_assumed``).

    Returns an :class:`OneRmEstimate`: min(Epley, Brzycki) without an effort (R22); with an
    effort and 1-12 reps, the lower of load / :func:`pct_1rm` (RTS chart) and min(Epley,
    Brzycki), the seven equations then being evaluated at reps + RIR; with an effort and
    13-15 reps, min(Epley, Brzycki) at reps + RIR.
    Sets of 13-15 reps or at RPE 6.5 come back with ``reliable=False`` and flag
    ``estimate_unreliable`` (R21).

    Raises :class:`UnreliableEstimate` for more than 15 reps or RPE below 6.5 (RIR above
    3.5), and :class:`InvalidInput` for impossible values. Sources: §6.1, §6.2, rules
    R20-R22 of clinical-evidence.md §13 (table in the module docstring).
    """
    _check_load(load_kg)
    reps = _check_reps(reps)
    given_rpe = _effort(rpe, rir)

    if reps > REFUSE_ABOVE_REPS:
        raise UnreliableEstimate(
            f"{reps} reps is too many to estimate a 1RM from: estimates from sets of more "
            f"than {R21_MAX_RELIABLE_REPS} reps are unreliable (R21) and osteoload refuses "
            f"sets of more than {REFUSE_ABOVE_REPS}; use a heavier set of "
            f"{R20_SET_REPS[0]}-{R20_SET_REPS[1]} reps at RPE 7-9"
        )
    if given_rpe is not None and given_rpe < REFUSE_BELOW_RPE:
        raise UnreliableEstimate(
            f"RPE {given_rpe:g} ({RPE_MAX - given_rpe:g} reps in reserve) is too far from "
            f"failure to estimate a 1RM: reps in reserve are misjudged by more than 2 reps "
            f"that far out (R21); osteoload refuses sets below RPE {REFUSE_BELOW_RPE:g}; "
            f"use a set of {R20_SET_REPS[0]}-{R20_SET_REPS[1]} reps at RPE 7-9"
        )

    rir_used = 0.0 if given_rpe is None else RPE_MAX - given_rpe
    reps_to_failure = reps + rir_used
    estimates = {name: f(load_kg, reps_to_failure) for name, f in _EQUATIONS.items()}
    mean_kg = math.fsum(estimates.values()) / len(estimates)
    r22_min = min(estimates["epley"], estimates["brzycki"])

    chart: float | None = None
    if given_rpe is None:
        one_rm, method = r22_min, METHOD_R22
    elif reps <= CHART_REPS[1]:
        # R22 is a conservative rule: the chart (practitioner-derived, not validated in older
        # women) may only lower the equations' estimate, never raise it.
        chart = pct_1rm(reps, given_rpe)
        one_rm, method = min(load_kg / chart, r22_min), METHOD_CHART
    else:
        one_rm, method = r22_min, METHOD_R22_EFFECTIVE

    warnings: list[str] = []
    flags: list[str] = []
    unreliable = False
    if reps > R21_MAX_RELIABLE_REPS:
        unreliable = True
        warnings.append(
            f"{reps} reps is more than the {R21_MAX_RELIABLE_REPS} the equations are trusted "
            "for: this estimate is unreliable and is not used for loads (R21)."
        )
    if given_rpe is not None and given_rpe < MIN_RELIABLE_RPE:
        unreliable = True
        warnings.append(
            f"RPE {given_rpe:g} ({RPE_MAX - given_rpe:g} reps in reserve) is further from "
            f"failure than RPE {MIN_RELIABLE_RPE:g}: reps in reserve are hard to judge there, "
            "so this estimate is unreliable and is not used for loads (R21)."
        )
    if unreliable:
        flags.append(FLAG_UNRELIABLE)
    if unreliable or not R20_SET_REPS[0] <= reps <= R20_SET_REPS[1]:
        flags.append(FLAG_OUTSIDE_R20)
        if reps < R20_SET_REPS[0]:
            warnings.append(
                f"A set of {reps} rep{'s' if reps > 1 else ''} is close to a maximal lift; "
                "for novices and anyone with osteoporosis, a vertebral fracture or a high "
                f"falls risk, estimate from a set of {R20_SET_REPS[0]}-{R20_SET_REPS[1]} "
                "reps instead (R20)."
            )
        elif R20_SET_REPS[1] < reps <= R21_MAX_RELIABLE_REPS:
            warnings.append(
                f"Estimates are most accurate from sets of {R20_SET_REPS[0]}-"
                f"{R20_SET_REPS[1]} reps; {reps} reps is still accepted (R20, R21)."
            )
    if given_rpe is None:
        flags.append(FLAG_EFFORT_ASSUMED)
        warnings.append(
            "No RPE or reps in reserve given: the set is taken as done to (near) failure. "
            "If she had reps left, her real 1RM is higher than this estimate (the safe side)."
        )

    return OneRmEstimate(
        one_rm_kg=one_rm,
        estimates=estimates,
        mean_kg=mean_kg,
        method=method,
        reliable=not unreliable,
        warnings=tuple(warnings),
        flags=tuple(flags),
        load_kg=float(load_kg),
        reps=reps,
        rpe=given_rpe,
        reps_to_failure=reps_to_failure,
        pct_1rm=chart,
    )


def working_max_from_sets(
    sets: Sequence[StrengthSet],
    exercise: str,
    *,
    as_of: date,
    max_age_days: int = R22_MAX_AGE_DAYS,
) -> OneRmEstimate | None:
    """The conservative working 1RM for ``exercise`` from a client's recent sets (R20-R22).

    ``sets``: logged sets (any exercise); ``exercise``: a catalogue id; ``as_of``: the day
    the estimate is for; ``max_age_days`` >= 0 (default 42 = 6 weeks, R22).

    Policy:

    1. Only sets of ``exercise`` are considered. Dated sets are used only when
       ``as_of - max_age_days <= date <= as_of`` (older ones are stale under R22; later ones
       have not happened yet as of ``as_of``).
    2. Sessions are tried newest first (one session = one date); undated sets form one
       last session, tried only when no dated session in the window gives an estimate.
    3. In a session, every set is estimated with :func:`estimate_one_rm`; refused and
       unreliable (R21) sets are skipped, never used, and said so in the warnings.
    4. The result is the **lowest** reliable estimate of that newest usable session (its own
       warnings plus notes on what was skipped and, for undated sets, that R22 asks for a
       fresh estimate every 4-6 weeks).

    Returns ``None`` when no reliable set qualifies. Raises :class:`InvalidInput` for a
    negative ``max_age_days`` or an impossible set (0 reps, load <= 0).
    """
    if isinstance(max_age_days, bool) or not isinstance(max_age_days, int) or max_age_days < 0:
        raise InvalidInput(f"max_age_days: {max_age_days!r} must be a whole number >= 0")
    oldest = as_of - timedelta(days=max_age_days)
    mine = [s for s in sets if s.exercise == exercise]
    dated: dict[date, list[StrengthSet]] = {}
    for s in mine:
        if s.date is not None and oldest <= s.date <= as_of:
            dated.setdefault(s.date, []).append(s)
    undated = [s for s in mine if s.date is None]

    sessions: list[tuple[date | None, list[StrengthSet]]] = [
        (day, dated[day]) for day in sorted(dated, reverse=True)
    ]
    if undated:
        sessions.append((None, undated))

    notes: list[str] = []
    for day, session in sessions:
        usable: list[OneRmEstimate] = []
        skipped: list[str] = []
        for s in session:
            try:
                estimate = estimate_one_rm(s.load_kg, s.reps, rpe=s.rpe, rir=s.rir)
            except UnreliableEstimate as exc:
                skipped.append(f"{_describe(s)}: refused ({exc})")
                continue
            if estimate.reliable:
                usable.append(estimate)
            else:
                skipped.append(f"{_describe(s)}: unreliable (R21)")
        when = "undated sets" if day is None else day.isoformat()
        notes += [f"Not used ({when}): {text}" for text in skipped]
        if not usable:
            continue
        best = min(usable, key=lambda e: e.one_rm_kg)
        extra = list(notes)
        if len(usable) > 1:
            extra.append(f"Lowest of {len(usable)} reliable estimates from {when} (the safe side).")
        if day is None:
            extra.append(
                "The set has no date: re-estimate the 1RM every 4-6 weeks (R22)."
                if len(session) == 1
                else "The sets have no date: re-estimate the 1RM every 4-6 weeks (R22)."
            )
        return replace(best, warnings=best.warnings + tuple(extra), set_date=day)
    return None


# --- Checks ------------------------------------------------------------------------------------


def _describe(s: StrengthSet) -> str:
    effort = ""
    if s.rpe is not None:
        effort = f" at RPE {s.rpe:g}"
    elif s.rir is not None:
        effort = f" with {s.rir:g} reps in reserve"
    return f"{s.load_kg:g} kg x {s.reps}{effort}"


def _check_load(load_kg: float) -> None:
    if (
        isinstance(load_kg, bool)
        or not isinstance(load_kg, int | float)
        or not math.isfinite(load_kg)
        or load_kg <= 0
    ):
        raise InvalidInput(f"load_kg: {load_kg!r} is not allowed; give a load greater than 0 kg")


def _check_reps(reps: int) -> int:
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise InvalidInput(f"reps: {reps!r} is not allowed; give a whole number of reps, 1 or more")
    return reps


def _check_scale(value: float, name: str) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= RPE_MAX
    ):
        raise InvalidInput(f"{name}: {value!r} is out of range; allowed 0 to {RPE_MAX:g}")


def _check_half_step(value: float, name: str) -> None:
    _check_scale(value, name)
    if not float(value * 2).is_integer():
        raise InvalidInput(f"{name}: {value:g} is not allowed; use steps of 0.5 (7, 7.5, 8, ...)")


def _effort(rpe: float | None, rir: float | None) -> float | None:
    """The RPE of the set from ``rpe`` or ``rir`` (validated), or ``None`` when neither."""
    if rpe is not None and rir is not None:
        raise InvalidInput("rpe, rir: give the effort as RPE or as reps in reserve, not both")
    if rpe is not None:
        _check_half_step(rpe, "rpe")
        return float(rpe)
    if rir is not None:
        _check_half_step(rir, "rir")
        return rir_to_rpe(rir)
    return None
