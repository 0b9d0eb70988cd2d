"""Spine protection and impact (R6-R12): spine-risk movements excluded for low bone mass,
osteoporosis and vertebral fracture; the highest impact level allowed by bone category,
fracture history, falls risk and clearance.
"""

from __future__ import annotations

from ..assessment import (
    BoneStatus,
    FallsRiskResult,
    bone_finding_data,
    falls_factor_data,
)
from ..profile import ClientProfile
from ..program import SignOff
from ..vocabulary import (
    BoneCategory,
    Condition,
    FallsRisk,
    FractureSite,
    ImpactLevel,
    Severity,
)
from .state import (
    HIGH_IMPACT_AFTER_WEEKS,
    IMPACTS_PER_SESSION_TARGET,
    SPINE_RISK_TAGS,
    ScreeningState,
)

# --- Spine protection and impact (R6-R12) -----------------------------------------------


def rule_spine(bone: BoneStatus, profile: ClientProfile, state: ScreeningState) -> None:
    """R6 and R7: no loaded or end-range flexion or twisting when bone is low or unknown."""
    has_vf = any(f.site is FractureSite.VERTEBRA for f in profile.fractures)
    category = bone.category
    if category is BoneCategory.NORMAL and not has_vf:
        state.add("R27", Severity.INFO, "bone_category", **bone_finding_data(bone))
        return
    state.excluded_tags.update(SPINE_RISK_TAGS)
    if category is BoneCategory.UNKNOWN:
        state.add("R27", Severity.SHOULD, "bone_unknown_treated_as_low")
    else:
        state.add("R27", Severity.INFO, "bone_category", **bone_finding_data(bone))
    state.add("R6", Severity.MUST, "spine_protection")
    state.add("R7", Severity.INFO, "posture_every_week")


def _low_trauma_count(profile: ClientProfile) -> int:
    # A fracture whose cause is unknown counts as low-trauma (conservative).
    return sum(1 for f in profile.fractures if f.low_trauma is not False)


def rule_impact(
    profile: ClientProfile,
    category: BoneCategory,
    falls: FallsRiskResult,
    state: ScreeningState,
) -> None:
    """R8-R12: the highest impact level allowed."""
    has_vf = any(f.site is FractureSite.VERTEBRA for f in profile.fractures)
    multiple = _low_trauma_count(profile) >= 2
    if has_vf or multiple:
        state.cap_impact(ImpactLevel.LOW)
        why = "vertebral_fracture" if has_vf else "multiple_fractures"
        state.add("R8", Severity.MUST, "impact_gentle_after_fracture", reason=why)
    if falls.level is FallsRisk.HIGH:
        state.cap_impact(ImpactLevel.LOW)
        state.add(
            "R9",
            Severity.MUST,
            "falls_risk_high",
            factors=[falls_factor_data(f) for f in falls.factors],
        )
    elif falls.level is FallsRisk.UNKNOWN:
        state.cap_impact(ImpactLevel.LOW)
        state.add("R9", Severity.SHOULD, "falls_risk_unknown")
    oa = [c.value for c in (Condition.KNEE_OSTEOARTHRITIS, Condition.HIP_OSTEOARTHRITIS)
          if c in profile.conditions]  # fmt: skip
    if oa:
        state.cap_impact(ImpactLevel.LOW)
        state.add("R12", Severity.SHOULD, "osteoarthritis_low_impact", conditions=oa)
    osteoporosis = category in (BoneCategory.OSTEOPOROSIS, BoneCategory.SEVERE_OSTEOPOROSIS)
    if osteoporosis and not profile.clearance.impact and state.max_impact.rank > 1:
        state.cap_impact(ImpactLevel.LOW)
        state.add("R10", Severity.SHOULD, "impact_needs_clearance")
        state.need(SignOff.IMPACT, "impact_clearance")
    # R11: high impact only when supervised, cleared, no VF/multiple fractures, not high falls.
    if state.max_impact is ImpactLevel.HIGH:
        missing = []
        if not profile.supervised:
            missing.append("supervision")
        if not profile.clearance.impact and category not in (BoneCategory.NORMAL,):
            missing.append("impact_clearance")
        if falls.level is not FallsRisk.LOW:
            missing.append("low_falls_risk")
        if missing:
            state.cap_impact(ImpactLevel.MODERATE)
            state.add("R11", Severity.INFO, "high_impact_not_yet", missing=missing)
        else:
            state.add("R11", Severity.INFO, "high_impact_allowed", weeks=HIGH_IMPACT_AFTER_WEEKS)
    if state.max_impact.rank >= ImpactLevel.MODERATE.rank:
        state.add("R10", Severity.SHOULD, "impact_target", impacts=IMPACTS_PER_SESSION_TARGET)
