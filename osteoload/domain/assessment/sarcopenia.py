"""Sarcopenia: the EWGSOP2 screen (Cruz-Jentoft 2019; section 10).

Low grip or slow chair stands make sarcopenia probable; low muscle mass confirms it; low
performance (gait speed, SPPB, TUG) makes it severe.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .. import norms
from ..profile import ClientProfile, FunctionalTests
from .function_tests import gait_speed, sppb_total

# =========================================================================================
# Sarcopenia (EWGSOP2, section 10)
# =========================================================================================


class SarcopeniaStatus(StrEnum):
    """Where the EWGSOP2 screen ends (Cruz-Jentoft 2019; section 10)."""

    UNKNOWN = "unknown"
    """No strength test recorded: not screened."""
    NOT_SUSPECTED = "not_suspected"
    """Strength is normal."""
    PROBABLE = "probable"
    """Low strength."""
    CONFIRMED = "confirmed"
    """Low strength and low muscle mass."""
    SEVERE = "severe"
    """Low strength, low muscle mass and low performance."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SarcopeniaResult:
    """EWGSOP2 sarcopenia screen (Cruz-Jentoft 2019; section 10)."""

    status: SarcopeniaStatus
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
    reasons: list[str] = []
    low_strength = _low_strength(profile, reasons)
    low_mass = _low_mass(profile, reasons)
    low_performance = _low_performance(profile.tests, reasons)
    status, message = _verdict(low_strength, low_mass, low_performance)
    return SarcopeniaResult(
        status=status,
        low_strength=low_strength,
        low_mass=low_mass,
        low_performance=low_performance,
        reasons=tuple(reasons),
        message=message,
    )


def _any_of(flags: list[bool]) -> bool | None:
    """True when any flag is set, False when none is, ``None`` when nothing was measured."""
    return any(flags) if flags else None


def _low_strength(profile: ClientProfile, reasons: list[str]) -> bool | None:
    """EWGSOP2 step 1: low grip or slow five chair stands; ``None`` without either test."""
    t = profile.tests
    flags: list[bool] = []
    if t.grip_kg is not None:
        cut_off = norms.GRIP_LOW_KG[profile.sex]
        flags.append(t.grip_kg < cut_off)
        if flags[-1]:
            reasons.append(f"Grip {t.grip_kg:g} kg is below {cut_off:g} kg.")
    if t.five_sts_s is not None:
        flags.append(t.five_sts_s > norms.FIVE_STS_LOW_STRENGTH_S)
        if flags[-1]:
            reasons.append(
                f"Five chair stands took {t.five_sts_s:g} s "
                f"(more than {norms.FIVE_STS_LOW_STRENGTH_S:g} s)."
            )
    return _any_of(flags)


def _low_mass(profile: ClientProfile, reasons: list[str]) -> bool | None:
    """EWGSOP2 step 2: low appendicular muscle mass; ``None`` when not measured."""
    asm = profile.tests.asm_kg_m2
    if asm is None:
        return None
    cut_off = norms.ASM_LOW_KG_M2[profile.sex]
    low = asm < cut_off
    if low:
        reasons.append(f"Muscle mass {asm:g} kg/m2 is below {cut_off:g} kg/m2.")
    return low


def _low_performance(t: FunctionalTests, reasons: list[str]) -> bool | None:
    """EWGSOP2 step 3: slow gait, a low SPPB or a slow TUG; ``None`` without any of them."""
    flags: list[bool] = []
    speed = gait_speed(t)
    if speed is not None:
        flags.append(speed <= norms.GAIT_SPEED_LOW_PERFORMANCE_M_S)
        if flags[-1]:
            reasons.append(f"Walking speed {speed:.2f} m/s is 0.8 m/s or less.")
    total = sppb_total(t)
    if total is not None:
        flags.append(total <= norms.SPPB_LOW_PERFORMANCE)
        if flags[-1]:
            reasons.append(f"SPPB {total} is {norms.SPPB_LOW_PERFORMANCE} or less.")
    if t.tug_s is not None:
        flags.append(t.tug_s >= norms.TUG_SEVERE_S)
        if flags[-1]:
            reasons.append(f"Timed Up and Go {t.tug_s:g} s is {norms.TUG_SEVERE_S:g} s or more.")
    return _any_of(flags)


def _verdict(
    low_strength: bool | None, low_mass: bool | None, low_performance: bool | None
) -> tuple[SarcopeniaStatus, str]:
    """The EWGSOP2 status and its message from the three steps."""
    if low_strength is None:
        return (
            SarcopeniaStatus.UNKNOWN,
            "Not screened: record grip strength or the five-times sit-to-stand test.",
        )
    if not low_strength:
        return (
            SarcopeniaStatus.NOT_SUSPECTED,
            "Muscle strength is normal: sarcopenia is not suspected.",
        )
    if low_mass and low_performance:
        return SarcopeniaStatus.SEVERE, (
            "Severe sarcopenia: low muscle strength, low muscle mass and low physical "
            "performance. Resistance training is the main treatment; see a doctor too."
        )
    if low_mass:
        return SarcopeniaStatus.CONFIRMED, (
            "Sarcopenia confirmed: low muscle strength and low muscle mass. Resistance "
            "training is the main treatment."
        )
    message = "Probable sarcopenia: muscle strength is low."
    if low_mass is None:
        message += " A DXA body-composition scan would confirm or rule it out."
    else:
        message += " Muscle mass is normal, so sarcopenia is not confirmed."
    return SarcopeniaStatus.PROBABLE, message
