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
class SarcopeniaFactor:
    """One EWGSOP2 criterion met: which (``code``), the value measured and its cut-off."""

    code: str
    """``grip_low``, ``five_sts_slow`` (strength); ``muscle_mass_low`` (mass); ``gait_slow``,
    ``sppb_low``, ``tug_slow`` (performance)."""
    value: float
    limit: float


@dataclass(frozen=True, slots=True, kw_only=True)
class SarcopeniaResult:
    """EWGSOP2 sarcopenia screen (Cruz-Jentoft 2019; section 10).

    The engine says no sentences: ``status``, the three steps and ``factors`` are the
    decision; ``reasons`` and ``message`` are empty from the engine and filled by the
    services in the active language (``osteoload.wording.assessment``)."""

    status: SarcopeniaStatus
    low_strength: bool | None
    low_mass: bool | None
    low_performance: bool | None
    reasons: tuple[str, ...] = ()
    message: str = ""
    factors: tuple[SarcopeniaFactor, ...] = ()
    """The criteria met, one per reason, in the same order."""


def sarcopenia_screen(profile: ClientProfile) -> SarcopeniaResult:
    """Screen for sarcopenia with the EWGSOP2 algorithm (section 10; worked example 14.8).

    Low strength (grip < 16 kg women / < 27 kg men, or five chair stands > 15 s) ->
    ``probable``; plus low muscle quantity (ASM/height² < 5.5 kg/m2 women / < 7.0 men) ->
    ``confirmed``; plus low performance (gait speed <= 0.8 m/s, SPPB <= 8, or TUG >= 20 s)
    -> ``severe``. Without a strength test the result is ``unknown``; with normal strength it
    is ``not_suspected`` (EWGSOP2 starts from strength). Low strength and low performance
    without a muscle-mass measurement stay ``probable`` (``low_mass`` ``None``: the wording
    asks for DXA).
    Source: Cruz-Jentoft AJ et al. Age Ageing 2019;48:16-31 [V cut-offs; SPPB <= 8 R].
    """
    factors: list[SarcopeniaFactor] = []
    low_strength = _low_strength(profile, factors)
    low_mass = _low_mass(profile, factors)
    low_performance = _low_performance(profile.tests, factors)
    return SarcopeniaResult(
        status=_verdict(low_strength, low_mass, low_performance),
        low_strength=low_strength,
        low_mass=low_mass,
        low_performance=low_performance,
        factors=tuple(factors),
    )


def _any_of(flags: list[bool]) -> bool | None:
    """True when any flag is set, False when none is, ``None`` when nothing was measured."""
    return any(flags) if flags else None


def _low_strength(profile: ClientProfile, factors: list[SarcopeniaFactor]) -> bool | None:
    """EWGSOP2 step 1: low grip or slow five chair stands; ``None`` without either test."""
    t = profile.tests
    flags: list[bool] = []
    if t.grip_kg is not None:
        cut_off = norms.GRIP_LOW_KG[profile.sex]
        flags.append(t.grip_kg < cut_off)
        if flags[-1]:
            factors.append(SarcopeniaFactor(code="grip_low", value=t.grip_kg, limit=cut_off))
    if t.five_sts_s is not None:
        limit = norms.FIVE_STS_LOW_STRENGTH_S
        flags.append(t.five_sts_s > limit)
        if flags[-1]:
            factors.append(SarcopeniaFactor(code="five_sts_slow", value=t.five_sts_s, limit=limit))
    return _any_of(flags)


def _low_mass(profile: ClientProfile, factors: list[SarcopeniaFactor]) -> bool | None:
    """EWGSOP2 step 2: low appendicular muscle mass; ``None`` when not measured."""
    asm = profile.tests.asm_kg_m2
    if asm is None:
        return None
    cut_off = norms.ASM_LOW_KG_M2[profile.sex]
    low = asm < cut_off
    if low:
        factors.append(SarcopeniaFactor(code="muscle_mass_low", value=asm, limit=cut_off))
    return low


def _low_performance(t: FunctionalTests, factors: list[SarcopeniaFactor]) -> bool | None:
    """EWGSOP2 step 3: slow gait, a low SPPB or a slow TUG; ``None`` without any of them."""
    flags: list[bool] = []
    checks = (
        ("gait_slow", gait_speed(t), norms.GAIT_SPEED_LOW_PERFORMANCE_M_S),
        ("sppb_low", sppb_total(t), norms.SPPB_LOW_PERFORMANCE),
    )
    for code, value, limit in checks:
        if value is not None:
            flags.append(value <= limit)
            if flags[-1]:
                factors.append(SarcopeniaFactor(code=code, value=value, limit=limit))
    if t.tug_s is not None:
        flags.append(t.tug_s >= norms.TUG_SEVERE_S)
        if flags[-1]:
            factors.append(
                SarcopeniaFactor(code="tug_slow", value=t.tug_s, limit=norms.TUG_SEVERE_S)
            )
    return _any_of(flags)


def _verdict(
    low_strength: bool | None, low_mass: bool | None, low_performance: bool | None
) -> SarcopeniaStatus:
    """The EWGSOP2 status from the three steps."""
    if low_strength is None:
        return SarcopeniaStatus.UNKNOWN
    if not low_strength:
        return SarcopeniaStatus.NOT_SUSPECTED
    if low_mass and low_performance:
        return SarcopeniaStatus.SEVERE
    if low_mass:
        return SarcopeniaStatus.CONFIRMED
    return SarcopeniaStatus.PROBABLE
