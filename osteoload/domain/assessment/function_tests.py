"""Functional tests: SPPB scoring (section 5.6), gait speed and each test against its norm
(section 5; norms in :mod:`osteoload.domain.norms`).

:func:`score_sppb` and :func:`sppb_total` score the Short Physical Performance Battery;
:func:`evaluate_tests` reads TUG, chair stands, single-leg stance, gait speed, grip, SPPB
and muscle mass as ``ok``, ``below`` or ``risk`` (the falls rule R9 and sarcopenia use the
same cut-offs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from .. import norms
from ..errors import InvalidInput
from ..profile import ClientProfile, FunctionalTests, SppbParts
from ..vocabulary import (
    Sex,
)

# =========================================================================================
# SPPB scoring (section 5.6) and gait speed
# =========================================================================================

#: SPPB balance: each stance is held for up to 10 s (NIA protocol; Guralnik 1994). [R]
SPPB_STANCE_FULL_S = 10.0
#: SPPB balance: full tandem held 3-9.99 s scores 1 point instead of 2. [R]
SPPB_TANDEM_PARTIAL_S = 3.0
#: SPPB 4-m gait points: (upper time limit in s, inclusive at 0.01 s, points); < 4.82 s
#: (that is, <= 4.81 s) scores 4,
#: 4.82-6.20 s 3, 6.21-8.70 s 2, slower 1, unable 0 (NIA scoring; section 5.6). [R]
SPPB_GAIT_POINTS: tuple[tuple[float, int], ...] = ((4.81, 4), (6.20, 3), (8.70, 2))
#: SPPB five chair stands: <= 11.19 s 4, 11.20-13.69 s 3, 13.70-16.69 s 2, 16.70-60 s 1,
#: > 60 s or unable 0 (NIA scoring; section 5.6). [R]
SPPB_CHAIR_POINTS: tuple[tuple[float, int], ...] = ((11.19, 4), (13.69, 3), (16.69, 2), (60.0, 1))
#: Times are compared at 0.01 s resolution, the precision of the published table.
_SPPB_TIME_DECIMALS = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class SppbScore:
    """SPPB component scores (each 0-4) and total (0-12)."""

    balance: int
    gait: int
    chair: int
    total: int


def score_sppb(parts: SppbParts) -> SppbScore:
    """Score the Short Physical Performance Battery from raw times (NIA protocol, section 5.6).

    Balance (0-4): side-by-side held 10 s = 1; semi-tandem 10 s = +1; full tandem 10 s = +2,
    3-9.99 s = +1, < 3 s = 0. As in the protocol, a stance only counts when the one before it
    was held for the full 10 s. 4-m usual walk (0-4): < 4.82 s = 4, 4.82-6.20 = 3,
    6.21-8.70 = 2, > 8.70 = 1, unable (``None``) = 0. Five chair stands (0-4): <= 11.19 s = 4,
    11.20-13.69 = 3, 13.70-16.69 = 2, 16.70-60 = 1, > 60 s or unable = 0. Times in seconds,
    compared at 0.01 s. Source: Guralnik 1994 [R]; worked example 14.6 (total 8).

    Returns:
        :class:`SppbScore` with ``total`` 0-12. Raises :class:`InvalidInput` for negative times.
    """
    for name in ("side_by_side_s", "semi_tandem_s", "tandem_s", "gait_4m_s", "chair_stands_s"):
        value = getattr(parts, name)
        if value is not None and (not math.isfinite(value) or value < 0):
            raise InvalidInput(f"sppb_parts.{name}: {value} is not a time in seconds")

    def held(seconds: float | None) -> bool:
        return seconds is not None and seconds >= SPPB_STANCE_FULL_S

    balance = 0
    if held(parts.side_by_side_s):
        balance = 1
        if held(parts.semi_tandem_s):
            balance = 2
            if held(parts.tandem_s):
                balance = 4
            elif parts.tandem_s is not None and parts.tandem_s >= SPPB_TANDEM_PARTIAL_S:
                balance = 3
    gait = _points(parts.gait_4m_s, SPPB_GAIT_POINTS, slowest=1)
    chair = _points(parts.chair_stands_s, SPPB_CHAIR_POINTS, slowest=0)
    return SppbScore(balance=balance, gait=gait, chair=chair, total=balance + gait + chair)


def _points(seconds: float | None, table: tuple[tuple[float, int], ...], *, slowest: int) -> int:
    if seconds is None:
        return 0
    t = round(seconds, _SPPB_TIME_DECIMALS)
    for limit, points in table:
        if t <= limit:
            return points
    return slowest


def sppb_parts_recorded(tests: FunctionalTests) -> bool:
    parts = tests.sppb_parts
    return parts is not None and any(
        v is not None
        for v in (
            parts.side_by_side_s,
            parts.semi_tandem_s,
            parts.tandem_s,
            parts.gait_4m_s,
            parts.chair_stands_s,
        )
    )


def sppb_total(tests: FunctionalTests) -> int | None:
    """The SPPB total (0-12): the recorded total if given, else scored from the parts.

    Parts with every time missing count as "not done" (``None``), not as a score of 0.
    Source: section 5.6.
    """
    if tests.sppb is not None:
        return tests.sppb
    if tests.sppb_parts is None or not sppb_parts_recorded(tests):
        return None
    return score_sppb(tests.sppb_parts).total


def gait_speed(tests: FunctionalTests) -> float | None:
    """Usual gait speed in m/s: the measured value, else 4 m / the SPPB 4-m walk time.

    Worked example 14.6: a 5.0 s 4-m walk is 0.80 m/s. ``None`` when neither is recorded.
    """
    if tests.gait_speed_m_s is not None:
        return tests.gait_speed_m_s
    parts = tests.sppb_parts
    if parts is not None and parts.gait_4m_s is not None and parts.gait_4m_s > 0:
        return norms.SPPB_WALK_M / parts.gait_4m_s
    return None


#: SPPB 0-6 maps to Vivifrail passports A-B ("disability"/"frailty", section 4.4 [V]); the
#: World Falls Guidelines count frailty as high risk (section 4.3 [R]). Our choice: SPPB <= 6
#: is high falls risk. SPPB 7-9 (Vivifrail C, "pre-frailty") is intermediate.
SPPB_FRAIL_MAX = 6
SPPB_PREFRAIL_MAX = 9

# =========================================================================================
# Functional tests against norms (section 5)
# =========================================================================================


class NormStatus(StrEnum):
    """Where a test result stands against its cut-offs and age norms."""

    OK = "ok"
    """Within the norms."""
    BELOW = "below"
    """Below the average for age or a secondary cut-off."""
    RISK = "risk"
    """Meets a published risk cut-off: falls, low strength, low performance or low muscle
    mass."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FunctionalResult:
    """One functional test compared with its cut-offs and age norms.

    The engine says no sentences: ``verdict`` (a code), the named cut-offs and the age band
    are the decision; ``name``, ``norm`` and ``interpretation`` are empty from the engine and
    said by ``osteoload.wording.function_tests`` in the active language."""

    name: str = ""
    key: str
    """The profile field (``tests.<key>``) or ``sppb``."""
    value: float
    unit: str
    norm: str = ""
    """The band or norm it was compared with, in words (filled by the services)."""
    status: NormStatus
    interpretation: str = ""
    """One plain sentence a client can read (filled by the services)."""
    verdict: str = ""
    """Where the result stands: ``high_risk``, ``some_risk``, ``risk``, ``low``, ``frail``,
    ``prefrail``, ``slow``, ``below_average``, ``above_normal``, ``normal``, ``adequate``
    or ``good``."""
    limits: dict[str, float] = field(default_factory=dict, hash=False)
    """The named cut-offs it was compared with (``high_risk``, ``at_risk``, ``low``, ...)."""
    band: tuple[int, int] | None = None
    """The age band of the norm used."""
    band_value: float | None = None
    """The band's average (TUG, single-leg stance, gait speed)."""
    borrowed: bool = False
    """The nearest published band was used (chair stands under 60)."""
    from_sppb: bool = False
    """Gait speed calculated from the SPPB 4-m walk."""
    sex: Sex | None = None
    """Whose cut-offs (chair stands, grip, muscle mass)."""


def _tug_result(tug: float, age: int) -> FunctionalResult:
    band = norms.age_norm(norms.TUG_AGE_NORMS_S, age)
    if tug >= norms.TUG_HIGH_RISK_S:
        status, verdict = NormStatus.RISK, "high_risk"
    elif tug >= norms.TUG_STEADI_AT_RISK_S:
        status, verdict = NormStatus.RISK, "some_risk"
    elif band is not None and tug > band.value:
        status, verdict = NormStatus.BELOW, "below_average"
    else:
        status, verdict = NormStatus.OK, "good"
    return FunctionalResult(
        key="tug_s",
        value=tug,
        unit="s",
        status=status,
        verdict=verdict,
        limits={"at_risk": norms.TUG_STEADI_AT_RISK_S, "high_risk": norms.TUG_HIGH_RISK_S},
        band=(band.age_low, band.age_high) if band is not None else None,
        band_value=band.value if band is not None else None,
    )


def _chair_stand_result(stands: int, age: int, sex: Sex) -> FunctionalResult:
    band, borrowed = norms.chair_stand_band(age)
    below = norms.chair_stand_below_threshold(band, sex)
    high = norms.chair_stand_normal_high(band, sex)
    if stands < below:
        status, verdict = NormStatus.RISK, "below_average"
    elif stands > high:
        status, verdict = NormStatus.OK, "above_normal"
    else:
        status, verdict = NormStatus.OK, "normal"
    return FunctionalResult(
        key="chair_stand_30s",
        value=float(stands),
        unit="stands",
        status=status,
        verdict=verdict,
        limits={"low": below, "high": high},
        band=(band.age_low, band.age_high),
        borrowed=borrowed,
        sex=sex,
    )


def _five_sts_result(seconds: float) -> FunctionalResult:
    low = seconds > norms.FIVE_STS_LOW_STRENGTH_S
    return FunctionalResult(
        key="five_sts_s",
        value=seconds,
        unit="s",
        status=NormStatus.RISK if low else NormStatus.OK,
        verdict="low" if low else "adequate",
        limits={"low": norms.FIVE_STS_LOW_STRENGTH_S},
    )


def _single_leg_result(seconds: float, age: int) -> FunctionalResult:
    band = norms.age_norm(norms.SINGLE_LEG_STANCE_AGE_NORMS_S, age)
    if seconds < norms.SINGLE_LEG_STANCE_RISK_S:
        status, verdict = NormStatus.RISK, "risk"
    elif band is not None and seconds < band.value:
        status, verdict = NormStatus.BELOW, "below_average"
    else:
        status, verdict = NormStatus.OK, "good"
    return FunctionalResult(
        key="single_leg_stance_s",
        value=seconds,
        unit="s",
        status=status,
        verdict=verdict,
        limits={"risk": norms.SINGLE_LEG_STANCE_RISK_S},
        band=(band.age_low, band.age_high) if band is not None else None,
        band_value=band.value if band is not None else None,
    )


def _gait_result(speed: float, age: int, sex: Sex, *, from_sppb: bool) -> FunctionalResult:
    band = norms.age_norm(norms.GAIT_SPEED_WOMEN_AGE_NORMS_M_S, age) if sex is Sex.FEMALE else None
    if speed < norms.GAIT_SPEED_HIGH_RISK_M_S:
        status, verdict = NormStatus.RISK, "high_risk"
    elif speed < norms.GAIT_SPEED_SLOW_M_S:
        status, verdict = NormStatus.BELOW, "slow"
    elif band is not None and speed < band.value:
        status, verdict = NormStatus.BELOW, "below_average"
    else:
        status, verdict = NormStatus.OK, "normal"
    return FunctionalResult(
        key="gait_speed_m_s",
        value=speed,
        unit="m/s",
        status=status,
        verdict=verdict,
        limits={"high_risk": norms.GAIT_SPEED_HIGH_RISK_M_S, "slow": norms.GAIT_SPEED_SLOW_M_S},
        band=(band.age_low, band.age_high) if band is not None else None,
        band_value=band.value if band is not None else None,
        from_sppb=from_sppb,
    )


def _grip_result(grip: float, sex: Sex) -> FunctionalResult:
    cut = norms.GRIP_LOW_KG[sex]
    low = grip < cut
    return FunctionalResult(
        key="grip_kg",
        value=grip,
        unit="kg",
        status=NormStatus.RISK if low else NormStatus.OK,
        verdict="low" if low else "normal",
        limits={"low": cut},
        sex=sex,
    )


def _sppb_result(total: int) -> FunctionalResult:
    if total <= SPPB_FRAIL_MAX:
        status, verdict = NormStatus.RISK, "frail"
    elif total <= norms.SPPB_LOW_PERFORMANCE:
        status, verdict = NormStatus.RISK, "low"
    elif total <= SPPB_PREFRAIL_MAX:
        status, verdict = NormStatus.BELOW, "prefrail"
    else:
        status, verdict = NormStatus.OK, "good"
    return FunctionalResult(
        key="sppb",
        value=float(total),
        unit="points",
        status=status,
        verdict=verdict,
        limits={"low": norms.SPPB_LOW_PERFORMANCE, "frail": SPPB_FRAIL_MAX},
    )


def _asm_result(asm: float, sex: Sex) -> FunctionalResult:
    cut = norms.ASM_LOW_KG_M2[sex]
    low = asm < cut
    return FunctionalResult(
        key="asm_kg_m2",
        value=asm,
        unit="kg/m2",
        status=NormStatus.RISK if low else NormStatus.OK,
        verdict="low" if low else "normal",
        limits={"low": cut},
        sex=sex,
    )


def evaluate_tests(profile: ClientProfile) -> tuple[FunctionalResult, ...]:
    """Compare each recorded functional test with its cut-offs and norms (section 5).

    TUG: >= 13.5 s risk (R9), >= 12 s risk (STEADI), slower than the Bohannon age mean
    below. 30-s chair stand: under the STEADI threshold for age and sex is risk. 5xSTS: > 15 s
    risk (EWGSOP2). Single-leg stance: < 5 s risk (Vellas), under the Springer age mean [U]
    below. Gait speed (measured, else from the SPPB 4-m walk): < 0.8 m/s risk, < 1.0 m/s or
    under the women's age mean below. Grip: < 16 kg women / < 27 kg men risk. SPPB: <= 8
    risk (EWGSOP2 low performance), 9 below. ASM/height²: < 5.5 / 7.0 kg/m2 risk.

    Returns:
        One :class:`FunctionalResult` per recorded test, in a fixed order.
    """
    t = profile.tests
    age, sex = profile.age, profile.sex
    results: list[FunctionalResult] = []
    if t.tug_s is not None:
        results.append(_tug_result(t.tug_s, age))
    if t.chair_stand_30s is not None:
        results.append(_chair_stand_result(t.chair_stand_30s, age, sex))
    if t.five_sts_s is not None:
        results.append(_five_sts_result(t.five_sts_s))
    if t.single_leg_stance_s is not None:
        results.append(_single_leg_result(t.single_leg_stance_s, age))
    speed = gait_speed(t)
    if speed is not None:
        results.append(_gait_result(speed, age, sex, from_sppb=t.gait_speed_m_s is None))
    if t.grip_kg is not None:
        results.append(_grip_result(t.grip_kg, sex))
    total = sppb_total(t)
    if total is not None:
        results.append(_sppb_result(total))
    if t.asm_kg_m2 is not None:
        results.append(_asm_result(t.asm_kg_m2, sex))
    return tuple(results)
