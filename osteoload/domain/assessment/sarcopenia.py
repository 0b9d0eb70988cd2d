"""Sarcopenia: the EWGSOP2 screen (Cruz-Jentoft 2019; section 10).

Low grip or slow chair stands make sarcopenia probable; low muscle mass confirms it; low
performance (gait speed, SPPB, TUG) makes it severe.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import norms
from ..profile import ClientProfile
from .function_tests import gait_speed, sppb_total

# =========================================================================================
# Sarcopenia (EWGSOP2, section 10)
# =========================================================================================

SARCOPENIA_UNKNOWN = "unknown"
SARCOPENIA_NOT_SUSPECTED = "not_suspected"
SARCOPENIA_PROBABLE = "probable"
SARCOPENIA_CONFIRMED = "confirmed"
SARCOPENIA_SEVERE = "severe"


@dataclass(frozen=True, slots=True, kw_only=True)
class SarcopeniaResult:
    """EWGSOP2 sarcopenia screen (Cruz-Jentoft 2019; section 10)."""

    status: str
    """``unknown``, ``not_suspected``, ``probable``, ``confirmed`` or ``severe``."""
    low_strength: bool | None
    low_mass: bool | None
    low_performance: bool | None
    reasons: tuple[str, ...]
    message: str


def sarcopenia_screen(profile: ClientProfile) -> SarcopeniaResult:
    """Screen for sarcopenia with the EWGSOP2 algorithm (section 10; worked example 14.8).

    Low strength (grip < 16 kg women / < 27 kg men, or five chair stands > 15 s) ->
    ``probable``; plus low muscle quantity (ASM/height² < 5.5 kg/m2 women / < 7.0 men) ->
    ``confirmed``; plus low performance (gait speed <= 0.8 m/s, SPPB <= 8, or TUG >= 20 s)
    -> ``severe``. Without a strength test the result is ``unknown``; with normal strength it
    is ``not_suspected`` (EWGSOP2 starts from strength). Low strength and low performance
    without a muscle-mass measurement stay ``probable`` and the message asks for DXA.
    Source: Cruz-Jentoft AJ et al. Age Ageing 2019;48:16-31 [V cut-offs; SPPB <= 8 R].
    """
    t = profile.tests
    sex = profile.sex
    reasons: list[str] = []

    strength_flags: list[bool] = []
    if t.grip_kg is not None:
        low = t.grip_kg < norms.GRIP_LOW_KG[sex]
        strength_flags.append(low)
        if low:
            reasons.append(f"Grip {t.grip_kg:g} kg is below {norms.GRIP_LOW_KG[sex]:g} kg.")
    if t.five_sts_s is not None:
        low = t.five_sts_s > norms.FIVE_STS_LOW_STRENGTH_S
        strength_flags.append(low)
        if low:
            reasons.append(
                f"Five chair stands took {t.five_sts_s:g} s "
                f"(more than {norms.FIVE_STS_LOW_STRENGTH_S:g} s)."
            )
    low_strength = any(strength_flags) if strength_flags else None

    low_mass: bool | None = None
    if t.asm_kg_m2 is not None:
        low_mass = t.asm_kg_m2 < norms.ASM_LOW_KG_M2[sex]
        if low_mass:
            reasons.append(
                f"Muscle mass {t.asm_kg_m2:g} kg/m2 is below {norms.ASM_LOW_KG_M2[sex]:g} kg/m2."
            )

    perf_flags: list[bool] = []
    speed = gait_speed(t)
    if speed is not None:
        low = speed <= norms.GAIT_SPEED_LOW_PERFORMANCE_M_S
        perf_flags.append(low)
        if low:
            reasons.append(f"Walking speed {speed:.2f} m/s is 0.8 m/s or less.")
    total = sppb_total(t)
    if total is not None:
        low = total <= norms.SPPB_LOW_PERFORMANCE
        perf_flags.append(low)
        if low:
            reasons.append(f"SPPB {total} is {norms.SPPB_LOW_PERFORMANCE} or less.")
    if t.tug_s is not None:
        low = t.tug_s >= norms.TUG_SEVERE_S
        perf_flags.append(low)
        if low:
            reasons.append(f"Timed Up and Go {t.tug_s:g} s is {norms.TUG_SEVERE_S:g} s or more.")
    low_performance = any(perf_flags) if perf_flags else None

    if low_strength is None:
        status = SARCOPENIA_UNKNOWN
        message = "Not screened: record grip strength or the five-times sit-to-stand test."
    elif not low_strength:
        status = SARCOPENIA_NOT_SUSPECTED
        message = "Muscle strength is normal: sarcopenia is not suspected."
    elif low_mass:
        if low_performance:
            status = SARCOPENIA_SEVERE
            message = (
                "Severe sarcopenia: low muscle strength, low muscle mass and low physical "
                "performance. Resistance training is the main treatment; see a doctor too."
            )
        else:
            status = SARCOPENIA_CONFIRMED
            message = (
                "Sarcopenia confirmed: low muscle strength and low muscle mass. Resistance "
                "training is the main treatment."
            )
    else:
        status = SARCOPENIA_PROBABLE
        message = "Probable sarcopenia: muscle strength is low."
        if low_mass is None:
            message += " A DXA body-composition scan would confirm or rule it out."
        else:
            message += " Muscle mass is normal, so sarcopenia is not confirmed."
    return SarcopeniaResult(
        status=status,
        low_strength=low_strength,
        low_mass=low_mass,
        low_performance=low_performance,
        reasons=tuple(reasons),
        message=message,
    )
