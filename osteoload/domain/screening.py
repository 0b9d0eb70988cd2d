"""Safety screening: what a client may do, what she must avoid, and who must sign off first.

``screen(profile, as_of=...)`` applies rules R1-R33 of ``reference/clinical-evidence.md``
(section 13) and returns a :class:`~osteoload.domain.program.Screening`. Each rule is a small
function that adds findings and tightens limits; limits only ever get stricter as rules are
applied, so the order of the rules cannot loosen a restriction.

Bone category, falls risk and the Vivifrail passport come from
:mod:`osteoload.domain.assessment` (one implementation, shared with ``osteoload assess``).

Each finding and next step is a code with its numbers and reasons as data; the words for
the coach and for the client come from :mod:`osteoload.wording.findings`, never from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .assessment import (
    HEIGHT_LOSS_FLAG_CM,
    BoneStatus,
    FallsRiskResult,
    assess_falls_risk,
    classify_bone,
    vivifrail_passport,
)
from .profile import ClientProfile
from .program import Finding, Screening, Step
from .stop_rules import STOP_RULE_SYMPTOMS
from .vocabulary import (
    BoneCategory,
    Condition,
    Experience,
    FallsRisk,
    FractureSite,
    ImpactLevel,
    Pattern,
    ProgramStatus,
    Severity,
    SpineRisk,
    Symptom,
    Track,
)

# R3 (Vivifrail): a fracture in the last month stops strength training.
RECENT_FRACTURE_DAYS = 28
# R4 (ROS; UK guidance): a vertebral fracture in the last 12 weeks allows only gentle work.
ACUTE_VERTEBRAL_FRACTURE_DAYS = 12 * 7
# R5 (Vivifrail; AHA 2007 [R]): resting blood pressure at or above this stops resistance work.
BP_LIMIT_SYSTOLIC = 160
BP_LIMIT_DIASTOLIC = 100
# R16: no vertebral fracture in the last 12 months for the high-intensity track.
HIGH_INTENSITY_VF_FREE_DAYS = 365
# R16 (LIFTMOR: 30-minute supervised sessions): 5x5 with long rests needs this much time.
HIGH_INTENSITY_MIN_MINUTES = 30
# R23 (TF2F; Sherrington 2011/2017): weekly balance minutes, more for high falls risk.
BALANCE_MINUTES = 120
BALANCE_MINUTES_HIGH_FALLS_RISK = 180
# R10 (LIFTMOR; Watson 2018): impact work builds up towards about this many impacts a session.
IMPACTS_PER_SESSION_TARGET = 50
# R11: jumps and drop landings only after this many weeks of moderate impact without problems.
HIGH_IMPACT_AFTER_WEEKS = 8

#: R2 (Vivifrail): conditions for which no exercise program is generated.
CONTRAINDICATIONS = (
    Condition.ACUTE_MYOCARDIAL_INFARCTION,
    Condition.UNSTABLE_ANGINA,
    Condition.ARRHYTHMIA_UNCONTROLLED,
    Condition.AORTIC_ANEURYSM_DISSECTING,
    Condition.AORTIC_STENOSIS_SEVERE,
    Condition.ENDOCARDITIS_PERICARDITIS_ACUTE,
    Condition.THROMBOEMBOLISM_ACUTE,
    Condition.HEART_FAILURE_SEVERE,
    Condition.RESPIRATORY_FAILURE_SEVERE,
    Condition.POSTURAL_HYPOTENSION_UNCONTROLLED,
    Condition.DIABETES_DECOMPENSATED,
)

#: R32 (Otago leaflet; ROS): symptoms that stop exercise until a doctor has seen her.
#: New severe back pain is R4's (a suspected spine fracture), below.
STOP_SYMPTOMS = tuple(
    s for s in Symptom if s in STOP_RULE_SYMPTOMS and s is not Symptom.NEW_SEVERE_BACK_PAIN
)

#: R19: after a vertebral fracture, these wait for a physiotherapist's approval, together
#: with the whole overhead-press pattern: hip hinges that lift a weight from the floor, and
#: the hinged barbell row. The substitutes named by R19 stay: a kettlebell hinge from a
#: raised height, incline presses and supported rows.
R19_EXCLUDED = frozenset(
    {
        "deadlift", "romanian_deadlift", "dumbbell_romanian_deadlift", "kettlebell_deadlift",
        "single_leg_romanian_deadlift", "barbell_row",
    }
)  # fmt: skip

#: R6: spine-risk tags excluded for low bone mass, osteoporosis and vertebral fracture.
SPINE_RISK_TAGS = tuple(SpineRisk)


@dataclass
class _State:
    """Limits being tightened while the rules run; frozen into a Screening at the end."""

    status: ProgramStatus = ProgramStatus.READY
    max_impact: ImpactLevel = ImpactLevel.HIGH
    track: Track = Track.STANDARD
    resistance_allowed: bool = True
    sessions_allowed: bool = True
    free_weights_allowed: bool = True
    findings: list[Finding] = field(default_factory=list)
    excluded_tags: set[SpineRisk] = field(default_factory=set)
    excluded_patterns: set[Pattern] = field(default_factory=set)
    excluded_exercises: set[str] = field(default_factory=set)
    clearances: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    review_date: date | None = None
    high_intensity_blocked: list[str] = field(default_factory=list)

    def add(self, rule: str, severity: Severity, code: str, **data: Any) -> None:
        """Record a finding: its rule, how binding, the outcome ``code`` and its data."""
        finding = Finding(rule=rule, severity=severity, message="", code=code, data=data)
        self.findings.append(finding)

    def cap_impact(self, level: ImpactLevel) -> None:
        if level.rank < self.max_impact.rank:
            self.max_impact = level

    def stop_everything(self) -> None:
        """Nothing may start until a clinician has acted (no sessions at all)."""
        self.sessions_allowed = False
        self.resistance_allowed = False

    def set_status(self, status: ProgramStatus) -> None:
        # Needing a clearance means nothing starts until it is given (R1): no sessions at all.
        if status is ProgramStatus.NEEDS_CLEARANCE:
            self.stop_everything()
        order = [ProgramStatus.READY, ProgramStatus.NEEDS_CLEARANCE, ProgramStatus.WITHHELD]
        if order.index(status) > order.index(self.status):
            self.status = status

    def need(self, clearance: str, code: str, **data: Any) -> None:
        if clearance not in self.clearances:
            self.clearances.append(clearance)
        step = Step(code=code, clearance=clearance, data=data)
        if step not in self.steps:
            self.steps.append(step)

    def review_by(self, day: date) -> None:
        if self.review_date is None or day > self.review_date:
            self.review_date = day


def screen(profile: ClientProfile, *, as_of: date) -> Screening:
    """Screen a client for a program starting on ``as_of``.

    Returns the program status (``ready``, ``needs_clearance`` or ``withheld``), the bone
    category (R27), the highest impact level allowed (R8-R12, R25), the falls risk (R9,
    R23-R25), the training track (R16), what is excluded (R6, R19), the clearances still
    needed (R1, R2, R4, R5, R19) and a plain-language finding for each rule that applied.
    """
    state = _State()
    bone = classify_bone(profile)
    falls = assess_falls_risk(profile)
    passport = vivifrail_passport(profile) if profile.age >= 70 else None

    _rule_contraindications(profile, state)
    _rule_stop_symptoms(profile, state, as_of)
    _rule_parq(profile, state)
    _rule_blood_pressure(profile, state)
    _rule_recent_fracture(profile, state, as_of)
    _rule_acute_vertebral(profile, state, as_of)
    _rule_spine(bone, profile, state)
    _rule_impact(profile, bone.category, falls, state)
    _rule_falls(profile, falls.level, state)
    _rule_vivifrail(profile, passport, state)
    _rule_vertebral_lifts(profile, state)
    _rule_height_loss(profile, state)
    _rule_missing_information(profile, state)
    _rule_track(profile, state, falls.level, as_of)
    _rule_withheld_means_gentle(state)

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


# --- Screening and clearance (R1-R5, R32) -----------------------------------------------


def _rule_contraindications(profile: ClientProfile, state: _State) -> None:
    """R2: a Vivifrail contraindication withholds the program entirely."""
    found = [cond.value for cond in CONTRAINDICATIONS if cond in profile.conditions]
    if not found:
        return
    state.set_status(ProgramStatus.WITHHELD)
    state.stop_everything()
    state.resistance_allowed = False
    state.cap_impact(ImpactLevel.NONE)
    state.add("R2", Severity.MUST, "contraindication", conditions=found)
    state.need("medical", "doctor_treats_contraindication")


def _rule_stop_symptoms(profile: ClientProfile, state: _State, as_of: date) -> None:
    """R32 and R4: current red-flag symptoms stop training until reviewed."""
    found = [sym.value for sym in STOP_SYMPTOMS if sym in profile.symptoms]
    if found:
        state.set_status(ProgramStatus.WITHHELD)
        state.stop_everything()
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.NONE)
        state.add("R32", Severity.MUST, "stop_symptoms", symptoms=found)
        state.need("medical", "doctor_checks_symptoms")
    if Symptom.NEW_SEVERE_BACK_PAIN in profile.symptoms:
        state.set_status(ProgramStatus.WITHHELD)
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.LOW)
        state.add("R4", Severity.MUST, "new_back_pain")
        state.need("physio", "back_pain_review")
        state.review_by(as_of + timedelta(weeks=4))


def _rule_parq(profile: ClientProfile, state: _State) -> None:
    """R1: any PAR-Q+ 'yes' without medical clearance means no program yet."""
    if profile.parq_yes is None:
        if not profile.clearance.medical:
            state.set_status(ProgramStatus.NEEDS_CLEARANCE)
            state.add("R1", Severity.MUST, "parq_missing")
            state.need("medical", "answer_parq")
        return
    if not profile.parq_yes:
        return
    questions = list(profile.parq_yes)
    if profile.clearance.medical:
        state.add("R1", Severity.INFO, "parq_cleared", questions=questions)
        return
    state.set_status(ProgramStatus.NEEDS_CLEARANCE)
    state.add("R1", Severity.MUST, "parq_yes", questions=questions)
    state.need("medical", "parq_clearance")


def _rule_blood_pressure(profile: ClientProfile, state: _State) -> None:
    """R5: resting BP >= 160/100 mmHg or uncontrolled hypertension stops resistance training."""
    bp = profile.blood_pressure
    high_reading = bp is not None and (
        bp.systolic >= BP_LIMIT_SYSTOLIC or bp.diastolic >= BP_LIMIT_DIASTOLIC
    )
    flagged = Condition.HYPERTENSION_UNCONTROLLED in profile.conditions
    if not (high_reading or flagged):
        if Condition.HYPERTENSION in profile.conditions:
            state.add("R5", Severity.INFO, "hypertension_breathing")
        return
    if profile.clearance.medical and not high_reading:
        state.add("R5", Severity.SHOULD, "hypertension_cleared")
        return
    state.set_status(ProgramStatus.NEEDS_CLEARANCE)
    state.resistance_allowed = False
    reading: dict[str, Any] = {}
    if bp is not None and high_reading:
        reading = {"systolic": bp.systolic, "diastolic": bp.diastolic}
    state.add(
        "R5",
        Severity.MUST,
        "blood_pressure_high",
        limit_systolic=BP_LIMIT_SYSTOLIC,
        limit_diastolic=BP_LIMIT_DIASTOLIC,
        **reading,
    )
    state.need("medical", "blood_pressure_control")


def _rule_recent_fracture(profile: ClientProfile, state: _State, as_of: date) -> None:
    """R3: any fracture in the 28 days before the start date: no resistance training."""
    for fracture in profile.fractures:
        if fracture.date is not None:
            days = (as_of - fracture.date).days
            if 0 <= days <= RECENT_FRACTURE_DAYS:
                state.set_status(ProgramStatus.WITHHELD)
                state.resistance_allowed = False
                state.track = Track.GENTLE
                state.cap_impact(ImpactLevel.LOW)
                resume = fracture.date + timedelta(days=RECENT_FRACTURE_DAYS + 1)
                state.review_by(resume)
                state.add(
                    "R3",
                    Severity.MUST,
                    "recent_fracture",
                    site=fracture.site.value,
                    days=days,
                    resume=resume.isoformat(),
                )
                state.need("medical", "review_after_fracture", date=resume.isoformat())
        elif fracture.year is not None and fracture.year >= as_of.year - (as_of.month == 1):
            if profile.clearance.medical:
                continue
            state.set_status(ProgramStatus.NEEDS_CLEARANCE)
            state.add(
                "R3",
                Severity.MUST,
                "fracture_year_only",
                site=fracture.site.value,
                year=fracture.year,
                weeks=RECENT_FRACTURE_DAYS // 7,
            )
            state.need("medical", "fracture_date_or_clearance")


def _rule_acute_vertebral(profile: ClientProfile, state: _State, as_of: date) -> None:
    """R4: a vertebral fracture in the last 12 weeks: gentle mobility, posture and walking."""
    for fracture in profile.fractures:
        if fracture.site is not FractureSite.VERTEBRA or fracture.date is None:
            continue
        days = (as_of - fracture.date).days
        if not 0 <= days <= ACUTE_VERTEBRAL_FRACTURE_DAYS or profile.clearance.physio:
            continue
        state.set_status(ProgramStatus.WITHHELD)
        state.resistance_allowed = False
        state.track = Track.GENTLE
        state.cap_impact(ImpactLevel.LOW)
        review = fracture.date + timedelta(days=ACUTE_VERTEBRAL_FRACTURE_DAYS)
        state.review_by(review)
        state.add(
            "R4", Severity.MUST, "acute_vertebral_fracture", weeks=days // 7,
            review=review.isoformat(),
        )  # fmt: skip
        state.need("physio", "physio_after_vertebral_fracture")


# --- Spine protection and impact (R6-R12) -----------------------------------------------


def _bone_data(bone: BoneStatus) -> dict[str, Any]:
    """What the R27 finding says about the bone category, as data."""
    return {
        "category": bone.category.value,
        "basis": bone.basis,
        "lowest_t": bone.lowest_t,
        "lowest_z": bone.lowest_z,
        "site": bone.lowest_site.value if bone.lowest_site is not None else None,
        "computed": bone.computed,
        "fragility_fracture": bone.fragility_fracture,
        "summary": bone.message,
        # Which score the category rests on: its site, the scan's date (none for the intake
        # form's own T-score) and whether it is from a scan recorded after intake.
        "source": bone.deciding.origin if bone.deciding is not None else None,
        "scan_date": (
            bone.deciding.scan_date.isoformat()
            if bone.deciding is not None and bone.deciding.scan_date is not None
            else None
        ),
    }


def _rule_spine(bone: BoneStatus, profile: ClientProfile, state: _State) -> None:
    """R6 and R7: no loaded or end-range flexion or twisting when bone is low or unknown."""
    has_vf = any(f.site is FractureSite.VERTEBRA for f in profile.fractures)
    category = bone.category
    if category is BoneCategory.NORMAL and not has_vf:
        state.add("R27", Severity.INFO, "bone_category", **_bone_data(bone))
        return
    state.excluded_tags.update(SPINE_RISK_TAGS)
    if category is BoneCategory.UNKNOWN:
        state.add("R27", Severity.SHOULD, "bone_unknown_treated_as_low")
    else:
        state.add("R27", Severity.INFO, "bone_category", **_bone_data(bone))
    state.add("R6", Severity.MUST, "spine_protection")
    state.add("R7", Severity.INFO, "posture_every_week")


def _low_trauma_count(profile: ClientProfile) -> int:
    # A fracture whose cause is unknown counts as low-trauma (conservative).
    return sum(1 for f in profile.fractures if f.low_trauma is not False)


def _rule_impact(
    profile: ClientProfile,
    category: BoneCategory,
    falls: FallsRiskResult,
    state: _State,
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
            reasons=list(falls.reasons),
            factors=[{"code": f.code, "value": f.value, "limit": f.limit} for f in falls.factors],
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
        state.need("impact", "impact_clearance")
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


# --- Balance, falls and frailty (R9, R23-R25) -------------------------------------------


def _rule_falls(profile: ClientProfile, falls: FallsRisk, state: _State) -> None:
    if falls is FallsRisk.HIGH:
        if not profile.supervised:
            state.free_weights_allowed = False
            state.add("R9", Severity.MUST, "no_free_weights_alone")
        hours = BALANCE_MINUTES_HIGH_FALLS_RISK // 60
        state.add("R23", Severity.MUST, "balance_high_falls_risk", hours=hours)
        state.add("R24", Severity.MUST, "walking_not_balance")
    else:
        state.add("R23", Severity.SHOULD, "balance_weekly", hours=BALANCE_MINUTES // 60)


def _rule_vivifrail(profile: ClientProfile, passport: object, state: _State) -> None:
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
            state.need("medical", "medical_review_vivifrail")
    elif letter == "B":
        state.track = Track.GENTLE
        state.add("R25", Severity.SHOULD, "vivifrail_b", passport=display)
    else:
        state.add("R25", Severity.INFO, "vivifrail_passport", passport=display)


def _rule_vertebral_lifts(profile: ClientProfile, state: _State) -> None:
    """R19: overhead pressing and barbell deadlifts after a spine fracture need a physio."""
    if not any(f.site is FractureSite.VERTEBRA for f in profile.fractures):
        return
    if profile.clearance.physio:
        state.add("R19", Severity.INFO, "vertebral_lifts_approved")
        return
    state.excluded_patterns.add(Pattern.PRESS_OVERHEAD)
    state.excluded_exercises.update(R19_EXCLUDED)
    state.add("R19", Severity.SHOULD, "vertebral_lifts_wait")
    state.need("physio", "physio_approves_lifts")


def _rule_height_loss(profile: ClientProfile, state: _State) -> None:
    """R33: measured height loss of 2 cm or more: ask for a vertebral fracture assessment."""
    if profile.baseline_height_cm is None or profile.height_cm is None:
        return
    loss = profile.baseline_height_cm - profile.height_cm
    if loss >= HEIGHT_LOSS_FLAG_CM:
        state.add("R33", Severity.SHOULD, "height_loss", cm=round(loss, 1))


def _rule_missing_information(profile: ClientProfile, state: _State) -> None:
    if profile.tests.is_empty():
        state.add("R9", Severity.SHOULD, "no_tests_recorded")
    if profile.experience is None:
        state.add("R14", Severity.INFO, "experience_missing")
    if profile.equipment is None:
        state.add("R13", Severity.INFO, "equipment_missing")
    if Condition.DEMENTIA in profile.conditions:
        state.add("R9", Severity.SHOULD, "dementia_helper")


# --- Track (R14-R17) ----------------------------------------------------------------------


def _rule_track(profile: ClientProfile, state: _State, falls: FallsRisk, as_of: date) -> None:
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


def _rule_withheld_means_gentle(state: _State) -> None:
    if state.status is not ProgramStatus.READY:
        state.track = Track.GENTLE
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.LOW)
