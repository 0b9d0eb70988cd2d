"""Balance, falls and frailty (R9, R23-R25) and what the profile leaves open: falls risk sets
the balance target and caps impact; the Vivifrail passport limits work for people aged 70
and over; vertebral fractures exclude lifts (R19); height loss asks for a vertebral
assessment (R33); missing information is said.
"""

from __future__ import annotations

from ..assessment import (
    HEIGHT_LOSS_FLAG_CM,
)
from ..profile import ClientProfile
from ..program import SignOff
from ..vocabulary import (
    Condition,
    FallsRisk,
    FractureSite,
    ImpactLevel,
    Pattern,
    ProgramStatus,
    Severity,
    Track,
)
from .state import BALANCE_MINUTES, BALANCE_MINUTES_HIGH_FALLS_RISK, R19_EXCLUDED, ScreeningState

# --- Balance, falls and frailty (R9, R23-R25) -------------------------------------------


def rule_falls(profile: ClientProfile, falls: FallsRisk, state: ScreeningState) -> None:
    if falls is FallsRisk.HIGH:
        if not profile.supervised:
            state.free_weights_allowed = False
            state.add("R9", Severity.MUST, "no_free_weights_alone")
        hours = BALANCE_MINUTES_HIGH_FALLS_RISK // 60
        state.add("R23", Severity.MUST, "balance_high_falls_risk", hours=hours)
        state.add("R24", Severity.MUST, "walking_not_balance")
    else:
        state.add("R23", Severity.SHOULD, "balance_weekly", hours=BALANCE_MINUTES // 60)


def rule_vivifrail(profile: ClientProfile, passport: object, state: ScreeningState) -> None:
    """R25: from 70, the Vivifrail passport; A means supported strength only, no impact."""
    if profile.age < 70:
        return
    if passport is None:
        state.add("R25", Severity.SHOULD, "vivifrail_tests_needed")
        return
    letter = getattr(passport, "letter", "")
    display = getattr(passport, "display", letter)
    if letter == "A":
        state.cap_impact(ImpactLevel.NONE)
        state.track = Track.GENTLE
        state.free_weights_allowed = False
        state.add("R25", Severity.MUST, "vivifrail_a", passport=display)
        if not profile.clearance.medical:
            state.set_status(ProgramStatus.NEEDS_CLEARANCE)
            state.need(SignOff.MEDICAL, "medical_review_vivifrail")
    elif letter == "B":
        state.track = Track.GENTLE
        state.add("R25", Severity.SHOULD, "vivifrail_b", passport=display)
    else:
        state.add("R25", Severity.INFO, "vivifrail_passport", passport=display)


def rule_vertebral_lifts(profile: ClientProfile, state: ScreeningState) -> None:
    """R19: overhead pressing and barbell deadlifts after a spine fracture need a physio."""
    if not any(f.site is FractureSite.VERTEBRA for f in profile.fractures):
        return
    if profile.clearance.physio:
        state.add("R19", Severity.INFO, "vertebral_lifts_approved")
        return
    state.excluded_patterns.add(Pattern.PRESS_OVERHEAD)
    state.excluded_exercises.update(R19_EXCLUDED)
    state.add("R19", Severity.SHOULD, "vertebral_lifts_wait")
    state.need(SignOff.PHYSIO, "physio_approves_lifts")


def rule_height_loss(profile: ClientProfile, state: ScreeningState) -> None:
    """R33: measured height loss of 2 cm or more: ask for a vertebral fracture assessment."""
    if profile.baseline_height_cm is None or profile.height_cm is None:
        return
    loss = profile.baseline_height_cm - profile.height_cm
    if loss >= HEIGHT_LOSS_FLAG_CM:
        state.add("R33", Severity.SHOULD, "height_loss", cm=round(loss, 1))


def rule_missing_information(profile: ClientProfile, state: ScreeningState) -> None:
    if profile.tests.is_empty():
        state.add("R9", Severity.SHOULD, "no_tests_recorded")
    if profile.experience is None:
        state.add("R14", Severity.INFO, "experience_missing")
    if profile.equipment is None:
        state.add("R13", Severity.INFO, "equipment_missing")
    if Condition.DEMENTIA in profile.conditions:
        state.add("R9", Severity.SHOULD, "dementia_helper")
