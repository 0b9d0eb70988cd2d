"""Safety screening: what a client may do, what she must avoid, and who must sign off first.

``screen(profile, as_of=...)`` applies rules R1-R33 of ``reference/clinical-evidence.md``
(section 13) and returns a :class:`~osteoload.domain.program.Screening`. Each rule is a small
function that adds findings and tightens limits; limits only ever get stricter as rules are
applied, so the order of the rules cannot loosen a restriction.

Bone category, falls risk and the Vivifrail passport come from
:mod:`osteoload.domain.assessment` (one implementation, shared with ``osteoload assess``).

Each finding and next step is a code with its numbers and reasons as data; the words for
the coach and for the client come from :mod:`osteoload.wording.findings`, never from here.

The rules live by concept: :mod:`.clearance` (R1-R5, R32), :mod:`.spine` (R6-R12),
:mod:`.falls` (R9, R19, R23-R25, R33), :mod:`.track` (R14-R17); :mod:`.state` holds their
numbers and the limits they tighten. Every name is importable from
``osteoload.domain.screening`` as before the split.
"""

from __future__ import annotations

from datetime import date

from ..assessment import (
    assess_falls_risk,
    classify_bone,
    fracture_risk_finding,
    vivifrail_passport,
)
from ..profile import ClientProfile
from ..program import Screening
from ..vocabulary import FallsRisk, Pattern, SpineRisk
from .clearance import (
    rule_acute_vertebral,
    rule_blood_pressure,
    rule_contraindications,
    rule_parq,
    rule_recent_fracture,
    rule_stop_symptoms,
)
from .falls import (
    rule_falls,
    rule_height_loss,
    rule_missing_information,
    rule_vertebral_lifts,
    rule_vivifrail,
)
from .spine import rule_impact, rule_spine
from .state import (
    ACUTE_VERTEBRAL_FRACTURE_DAYS,
    BALANCE_MINUTES,
    BALANCE_MINUTES_HIGH_FALLS_RISK,
    BP_LIMIT_DIASTOLIC,
    BP_LIMIT_SYSTOLIC,
    CONTRAINDICATIONS,
    HIGH_IMPACT_AFTER_WEEKS,
    HIGH_INTENSITY_MIN_MINUTES,
    HIGH_INTENSITY_VF_FREE_DAYS,
    IMPACTS_PER_SESSION_TARGET,
    R19_EXCLUDED,
    RECENT_FRACTURE_DAYS,
    SPINE_RISK_TAGS,
    STOP_SYMPTOMS,
    ScreeningState,
)
from .track import rule_track, rule_withheld_means_gentle


def screen(profile: ClientProfile, *, as_of: date) -> Screening:
    """Screen a client for a program starting on ``as_of``.

    Returns the program status (``ready``, ``needs_clearance`` or ``withheld``), the bone
    category (R27), the highest impact level allowed (R8-R12, R25), the falls risk (R9,
    R23-R25), the training track (R16), what is excluded (R6, R19), the clearances still
    needed (R1, R2, R4, R5, R19) and a plain-language finding for each rule that applied.
    """
    state = ScreeningState()
    bone = classify_bone(profile)
    falls = assess_falls_risk(profile)
    passport = vivifrail_passport(profile) if profile.age >= 70 else None

    rule_contraindications(profile, state)
    rule_stop_symptoms(profile, state, as_of)
    rule_parq(profile, state)
    rule_blood_pressure(profile, state)
    rule_recent_fracture(profile, state, as_of)
    rule_acute_vertebral(profile, state, as_of)
    rule_spine(bone, profile, state)
    entered_risk = fracture_risk_finding(profile)  # R31: as a clinician entered it
    if entered_risk is not None:
        state.findings.append(entered_risk)
    rule_impact(profile, bone.category, falls, state)
    rule_falls(profile, falls.level, state)
    rule_vivifrail(profile, passport, state)
    rule_vertebral_lifts(profile, state)
    rule_height_loss(profile, state)
    rule_missing_information(profile, state)
    rule_track(profile, state, falls.level, as_of)
    rule_withheld_means_gentle(state)

    return Screening(
        status=state.status,
        bone_category=bone.category,
        max_impact=state.max_impact,
        falls_risk=falls.level,
        track=state.track,
        findings=tuple(state.findings),
        excluded_tags=tuple(t for t in SpineRisk if t in state.excluded_tags),
        excluded_patterns=tuple(p for p in Pattern if p in state.excluded_patterns),
        excluded_exercises=tuple(sorted(state.excluded_exercises)),
        clearances_needed=tuple(state.clearances),
        resistance_allowed=state.resistance_allowed,
        sessions_allowed=state.sessions_allowed,
        free_weights_allowed=state.free_weights_allowed,
        balance_minutes_target=BALANCE_MINUTES_HIGH_FALLS_RISK
        if falls.level is FallsRisk.HIGH
        else BALANCE_MINUTES,
        vivifrail_passport=passport.display if passport else None,
        review_date=state.review_date,
        steps=tuple(state.steps),
    )


__all__ = [
    "ACUTE_VERTEBRAL_FRACTURE_DAYS",
    "BALANCE_MINUTES",
    "BALANCE_MINUTES_HIGH_FALLS_RISK",
    "BP_LIMIT_DIASTOLIC",
    "BP_LIMIT_SYSTOLIC",
    "CONTRAINDICATIONS",
    "HIGH_IMPACT_AFTER_WEEKS",
    "HIGH_INTENSITY_MIN_MINUTES",
    "HIGH_INTENSITY_VF_FREE_DAYS",
    "IMPACTS_PER_SESSION_TARGET",
    "R19_EXCLUDED",
    "RECENT_FRACTURE_DAYS",
    "SPINE_RISK_TAGS",
    "STOP_SYMPTOMS",
    "screen",
]
