"""The training track (R14-R17): high intensity (R16, supervised 5 x 5) only when every
condition holds; a withheld program is gentle.
"""

from __future__ import annotations

from datetime import date

from ..profile import ClientProfile
from ..vocabulary import (
    Experience,
    FallsRisk,
    FractureSite,
    ImpactLevel,
    ProgramStatus,
    Severity,
    Track,
)
from .state import HIGH_INTENSITY_MIN_MINUTES, HIGH_INTENSITY_VF_FREE_DAYS, ScreeningState

# --- Track (R14-R17) ----------------------------------------------------------------------


def rule_track(
    profile: ClientProfile, state: ScreeningState, falls: FallsRisk, as_of: date
) -> None:
    """R16: the high-intensity track only when every condition holds; otherwise standard."""
    if state.track is Track.GENTLE:
        return
    if not profile.clearance.high_intensity:
        return
    blockers = []
    if not profile.supervised:
        blockers.append("supervision")
    recent_vf = [
        f
        for f in profile.fractures
        if f.site is FractureSite.VERTEBRA
        and (d := f.approx_date()) is not None
        and (as_of - d).days <= HIGH_INTENSITY_VF_FREE_DAYS
    ]
    if recent_vf or any(
        f.site is FractureSite.VERTEBRA and f.approx_date() is None for f in profile.fractures
    ):
        blockers.append("no_recent_vertebral_fracture")
    if falls in (FallsRisk.HIGH, FallsRisk.UNKNOWN):
        blockers.append("falls_risk_not_high")
    if state.status is not ProgramStatus.READY:
        blockers.append("clearances")
    if profile.schedule.minutes_per_session < HIGH_INTENSITY_MIN_MINUTES:
        blockers.append("session_minutes")
    if blockers:
        state.add(
            "R16", Severity.INFO, "high_intensity_not_yet", blockers=blockers,
            minutes=HIGH_INTENSITY_MIN_MINUTES,
        )  # fmt: skip
        return
    state.track = Track.HIGH_INTENSITY
    state.add("R16", Severity.INFO, "high_intensity")
    if profile.experience in (None, Experience.NOVICE):
        state.add("R14", Severity.INFO, "novice_learns_lifts")


def rule_withheld_means_gentle(state: ScreeningState) -> None:
    if state.status is not ProgramStatus.READY:
        state.track = Track.GENTLE
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.LOW)
