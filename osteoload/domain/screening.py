"""Safety screening: what a client may do, what she must avoid, and who must sign off first.

``screen(profile, as_of=...)`` applies rules R1-R33 of ``reference/clinical-evidence.md``
(section 13) and returns a :class:`~osteoload.domain.program.Screening`. Each rule is a small
function that adds findings and tightens limits; limits only ever get stricter as rules are
applied, so the order of the rules cannot loosen a restriction.

Bone category, falls risk and the Vivifrail passport come from
:mod:`osteoload.domain.assessment` (one implementation, shared with ``osteoload assess``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .assessment import assess_falls_risk, classify_bone, vivifrail_passport
from .profile import ClientProfile, Fracture
from .program import Finding, Screening
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
# R33 (ISCD VFA [R]): measured height loss that calls for a vertebral fracture assessment.
HEIGHT_LOSS_FLAG_CM = 2.0

#: R2 (Vivifrail): conditions for which no exercise program is generated.
CONTRAINDICATIONS = {
    Condition.ACUTE_MYOCARDIAL_INFARCTION: "a recent heart attack",
    Condition.UNSTABLE_ANGINA: "unstable angina",
    Condition.ARRHYTHMIA_UNCONTROLLED: "an uncontrolled heart rhythm problem",
    Condition.AORTIC_ANEURYSM_DISSECTING: "a dissecting aortic aneurysm",
    Condition.AORTIC_STENOSIS_SEVERE: "severe aortic stenosis",
    Condition.ENDOCARDITIS_PERICARDITIS_ACUTE: "acute endocarditis or pericarditis",
    Condition.THROMBOEMBOLISM_ACUTE: "an acute blood clot",
    Condition.HEART_FAILURE_SEVERE: "acute or severe heart failure",
    Condition.RESPIRATORY_FAILURE_SEVERE: "acute or severe respiratory failure",
    Condition.POSTURAL_HYPOTENSION_UNCONTROLLED: "uncontrolled dizziness on standing",
    Condition.DIABETES_DECOMPENSATED: "uncontrolled diabetes or low blood sugar",
}

#: R32 (Otago leaflet; ROS): symptoms that stop exercise until a doctor has seen her.
STOP_SYMPTOMS = {
    Symptom.CHEST_PAIN: "chest pain",
    Symptom.DIZZINESS: "dizziness or loss of balance from feeling faint",
    Symptom.BREATHLESSNESS: "breathlessness",
    Symptom.FAINTING: "fainting",
    Symptom.FALL_WITH_INJURY: "a fall in which you were hurt",
}

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

_PARQ_QUESTIONS = {
    1: "a heart condition or high blood pressure",
    2: "chest pain",
    3: "dizziness or fainting",
    4: "another long-term medical condition",
    5: "medicine for a long-term condition",
    6: "a bone, joint or soft-tissue problem",
    7: "a doctor's advice to exercise only under supervision",
}


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
    next_steps: list[str] = field(default_factory=list)
    review_date: date | None = None
    high_intensity_blocked: list[str] = field(default_factory=list)

    def add(self, rule: str, severity: Severity, message: str) -> None:
        self.findings.append(Finding(rule=rule, severity=severity, message=message))

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

    def need(self, clearance: str, step: str) -> None:
        if clearance not in self.clearances:
            self.clearances.append(clearance)
        if step not in self.next_steps:
            self.next_steps.append(step)

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
    _rule_spine(bone.category, bone.message, profile, state)
    _rule_impact(profile, bone.category, falls.level, falls.reasons, state)
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
        next_steps=tuple(state.next_steps),
    )


# --- Screening and clearance (R1-R5, R32) -----------------------------------------------


def _rule_contraindications(profile: ClientProfile, state: _State) -> None:
    """R2: a Vivifrail contraindication withholds the program entirely."""
    found = [text for cond, text in CONTRAINDICATIONS.items() if cond in profile.conditions]
    if not found:
        return
    state.set_status(ProgramStatus.WITHHELD)
    state.stop_everything()
    state.resistance_allowed = False
    state.cap_impact(ImpactLevel.NONE)
    state.add(
        "R2",
        Severity.MUST,
        f"Exercise is not safe to start while you have {_join(found)}. "
        "Your doctor needs to treat this first.",
    )
    state.need("medical", "See your doctor; the program can start once they clear you.")


def _rule_stop_symptoms(profile: ClientProfile, state: _State, as_of: date) -> None:
    """R32 and R4: current red-flag symptoms stop training until reviewed."""
    found = [text for sym, text in STOP_SYMPTOMS.items() if sym in profile.symptoms]
    if found:
        state.set_status(ProgramStatus.WITHHELD)
        state.stop_everything()
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.NONE)
        state.add(
            "R32",
            Severity.MUST,
            f"You told us about {_join(found)}. Please do not exercise until a doctor has "
            "checked you. If it is happening now or is severe, call emergency services.",
        )
        state.need("medical", "A doctor checks the symptoms before any exercise.")
    if Symptom.NEW_SEVERE_BACK_PAIN in profile.symptoms:
        state.set_status(ProgramStatus.WITHHELD)
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.LOW)
        state.add(
            "R4",
            Severity.MUST,
            "New, severe back pain can be a sign of a spine fracture. Stop lifting and any "
            "jumping, and see your doctor for an X-ray. Gentle walking, posture and easy "
            "movement are fine if they do not make the pain worse.",
        )
        state.need("physio", "A doctor checks the back pain; a physiotherapist signs off.")
        state.review_by(as_of + timedelta(weeks=4))


def _rule_parq(profile: ClientProfile, state: _State) -> None:
    """R1: any PAR-Q+ 'yes' without medical clearance means no program yet."""
    if profile.parq_yes is None:
        if not profile.clearance.medical:
            state.set_status(ProgramStatus.NEEDS_CLEARANCE)
            state.add(
                "R1",
                Severity.MUST,
                "We do not have your answers to the PAR-Q+ health questions yet. Please answer "
                "them before you start (or ask your doctor to clear you).",
            )
            state.need("medical", "Answer the seven PAR-Q+ questions.")
        return
    if not profile.parq_yes:
        return
    topics = [_PARQ_QUESTIONS[q] for q in profile.parq_yes]
    numbers = ", ".join(str(q) for q in profile.parq_yes)
    if profile.clearance.medical:
        state.add(
            "R1",
            Severity.INFO,
            f"You answered yes to PAR-Q+ question(s) {numbers}; your doctor has cleared you.",
        )
        return
    state.set_status(ProgramStatus.NEEDS_CLEARANCE)
    state.add(
        "R1",
        Severity.MUST,
        f"You answered yes to PAR-Q+ question(s) {numbers} ({_join(topics)}). Your doctor "
        "needs to say it is safe to exercise before you start.",
    )
    state.need("medical", "Ask your doctor to clear you for exercise (PAR-Q+ follow-up).")


def _rule_blood_pressure(profile: ClientProfile, state: _State) -> None:
    """R5: resting BP >= 160/100 mmHg or uncontrolled hypertension stops resistance training."""
    bp = profile.blood_pressure
    high_reading = bp is not None and (
        bp.systolic >= BP_LIMIT_SYSTOLIC or bp.diastolic >= BP_LIMIT_DIASTOLIC
    )
    flagged = Condition.HYPERTENSION_UNCONTROLLED in profile.conditions
    if not (high_reading or flagged):
        if Condition.HYPERTENSION in profile.conditions:
            state.add(
                "R5",
                Severity.INFO,
                "You have high blood pressure: breathe out as you lift and never hold your "
                "breath while straining.",
            )
        return
    reading = f" ({bp.systolic}/{bp.diastolic} mmHg)" if bp is not None and high_reading else ""
    if profile.clearance.medical and not high_reading:
        state.add(
            "R5",
            Severity.SHOULD,
            "Your doctor has cleared you despite high blood pressure: keep it checked, and "
            "breathe out as you lift.",
        )
        return
    state.set_status(ProgramStatus.NEEDS_CLEARANCE)
    state.resistance_allowed = False
    state.add(
        "R5",
        Severity.MUST,
        f"Your blood pressure is too high for strength training right now{reading}. "
        "Your doctor needs to bring it under control and clear you first.",
    )
    state.need("medical", "Get blood pressure under control and cleared by a doctor.")


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
                    f"Your {_site(fracture)}fracture was {days} days ago. Strength training "
                    f"waits until at least {resume.isoformat()}; until then gentle walking, "
                    "balance near support and posture exercises keep you moving.",
                )
                state.need("medical", f"Review on or after {resume.isoformat()}.")
        elif fracture.year is not None and fracture.year >= as_of.year - (as_of.month == 1):
            if profile.clearance.medical:
                continue
            state.set_status(ProgramStatus.NEEDS_CLEARANCE)
            state.add(
                "R3",
                Severity.MUST,
                f"We only know your {_site(fracture)}fracture happened in {fracture.year}. "
                "Please give the date, or ask your doctor to confirm it has healed, because "
                "strength training waits for four weeks after a fracture.",
            )
            state.need("medical", "Give the fracture date or a doctor's clearance.")


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
            "R4",
            Severity.MUST,
            f"Your spine fracture was {days // 7} weeks ago and is still healing. For now: "
            "gentle walking, posture and easy movement that do not increase pain. A "
            f"physiotherapist reviews you around {review.isoformat()} before any lifting.",
        )
        state.need("physio", "A physiotherapist signs off before lifting after the fracture.")


# --- Spine protection and impact (R6-R12) -----------------------------------------------


def _rule_spine(
    category: BoneCategory, bone_message: str, profile: ClientProfile, state: _State
) -> None:
    """R6 and R7: no loaded or end-range flexion or twisting when bone is low or unknown."""
    has_vf = any(f.site is FractureSite.VERTEBRA for f in profile.fractures)
    if category is BoneCategory.NORMAL and not has_vf:
        state.add("R27", Severity.INFO, bone_message)
        return
    state.excluded_tags.update(SPINE_RISK_TAGS)
    if category is BoneCategory.UNKNOWN:
        state.add(
            "R27",
            Severity.SHOULD,
            "We do not have a bone density scan result, so we treat your bones as if they were "
            "thin: no sit-ups, toe touches or twisting under load. A DXA scan would tell more.",
        )
    else:
        state.add("R27", Severity.INFO, bone_message)
    state.add(
        "R6",
        Severity.MUST,
        "To protect your spine: no sit-ups, crunches, toe touches or twisting against "
        "resistance. Bend at the hips and knees, not the back, also in daily life.",
    )
    state.add(
        "R7",
        Severity.INFO,
        "Every week includes back-strengthening and posture exercises, which help you stand "
        "tall and protect the spine.",
    )


def _low_trauma_count(profile: ClientProfile) -> int:
    # A fracture whose cause is unknown counts as low-trauma (conservative).
    return sum(1 for f in profile.fractures if f.low_trauma is not False)


def _rule_impact(
    profile: ClientProfile,
    category: BoneCategory,
    falls: FallsRisk,
    falls_reasons: tuple[str, ...],
    state: _State,
) -> None:
    """R8-R12: the highest impact level allowed."""
    has_vf = any(f.site is FractureSite.VERTEBRA for f in profile.fractures)
    multiple = _low_trauma_count(profile) >= 2
    if has_vf or multiple:
        state.cap_impact(ImpactLevel.LOW)
        why = "a spine fracture" if has_vf else "more than one fracture from a minor fall"
        state.add(
            "R8",
            Severity.MUST,
            f"Because you have had {why}, impact stays gentle: walking, marching, stairs and "
            "heel drops, but no jogging, hopping, skipping or jumping.",
        )
    if falls is FallsRisk.HIGH:
        state.cap_impact(ImpactLevel.LOW)
        reasons = (" " + " ".join(falls_reasons)) if falls_reasons else ""
        state.add(
            "R9",
            Severity.MUST,
            f"Your risk of falling is high.{reasons} We start with strength and balance; "
            "no jumping or hopping for now.",
        )
    elif falls is FallsRisk.UNKNOWN:
        state.cap_impact(ImpactLevel.LOW)
        state.add(
            "R9",
            Severity.SHOULD,
            "We do not know your falls history or balance test results yet, so impact stays "
            "gentle until a coach has tested your balance and walking.",
        )
    oa = [c for c in (Condition.KNEE_OSTEOARTHRITIS, Condition.HIP_OSTEOARTHRITIS)
          if c in profile.conditions]  # fmt: skip
    if oa:
        state.cap_impact(ImpactLevel.LOW)
        state.add(
            "R12",
            Severity.SHOULD,
            "With arthritis in your knee or hip we use low-impact choices such as marching, "
            "stairs and heel drops instead of hops and jumps.",
        )
    osteoporosis = category in (BoneCategory.OSTEOPOROSIS, BoneCategory.SEVERE_OSTEOPOROSIS)
    if osteoporosis and not profile.clearance.impact and state.max_impact.rank > 1:
        state.cap_impact(ImpactLevel.LOW)
        state.add(
            "R10",
            Severity.SHOULD,
            "Hops and low jumps help bone, but with osteoporosis a clinician should clear "
            "you for them first. Until then impact stays at walking and heel-drop level.",
        )
        state.need("impact", "Ask a clinician to clear moderate impact (hops, low jumps).")
    # R11: high impact only when supervised, cleared, no VF/multiple fractures, not high falls.
    if state.max_impact is ImpactLevel.HIGH:
        missing = []
        if not profile.supervised:
            missing.append("supervision by a qualified trainer")
        if not profile.clearance.impact and category not in (BoneCategory.NORMAL,):
            missing.append("clearance for impact")
        if falls is not FallsRisk.LOW:
            missing.append("a low falls risk")
        if missing:
            state.cap_impact(ImpactLevel.MODERATE)
            state.add(
                "R11",
                Severity.INFO,
                f"Bigger jumps and drop landings need {_join(missing)}; impact builds up to "
                "hops and low jumps.",
            )
        else:
            state.add(
                "R11",
                Severity.INFO,
                "Jumps and drop landings are allowed under supervision, and only after eight "
                "weeks of hops and low jumps without problems.",
            )
    if state.max_impact.rank >= ImpactLevel.MODERATE.rank:
        state.add(
            "R10",
            Severity.SHOULD,
            "Impact work builds up towards about 50 hops, stamps or low jumps a session.",
        )


# --- Balance, falls and frailty (R9, R23-R25) -------------------------------------------


def _rule_falls(profile: ClientProfile, falls: FallsRisk, state: _State) -> None:
    if falls is FallsRisk.HIGH:
        if not profile.supervised:
            state.free_weights_allowed = False
            state.add(
                "R9",
                Severity.MUST,
                "While you train on your own, use your body weight, bands and machines rather "
                "than free weights.",
            )
        state.add(
            "R23",
            Severity.MUST,
            f"Balance training of at least {BALANCE_MINUTES_HIGH_FALLS_RISK // 60} hours a week, "
            "spread over short sessions, steadily made harder.",
        )
        state.add(
            "R24",
            Severity.MUST,
            "Walking is good for you, but it does not replace balance training for falls.",
        )
    else:
        state.add(
            "R23",
            Severity.SHOULD,
            f"Aim for about {BALANCE_MINUTES // 60} hours of balance practice a week, in short "
            "bouts (for example 15-20 minutes a day).",
        )


def _rule_vivifrail(profile: ClientProfile, passport: object, state: _State) -> None:
    """R25: from 70, the Vivifrail passport; A means supported strength only, no impact."""
    if profile.age < 70:
        return
    if passport is None:
        state.add(
            "R25",
            Severity.SHOULD,
            "From age 70 a coach should measure the Short Physical Performance Battery and "
            "walking speed, so the program matches your fitness.",
        )
        return
    letter = getattr(passport, "letter", "")
    display = getattr(passport, "display", letter)
    if letter == "A":
        state.cap_impact(ImpactLevel.NONE)
        state.track = Track.GENTLE
        state.free_weights_allowed = False
        state.add(
            "R25",
            Severity.MUST,
            f"Your fitness tests (Vivifrail {display}) call for seated or supported strength "
            "exercises only, no impact, and a medical review.",
        )
        if not profile.clearance.medical:
            state.set_status(ProgramStatus.NEEDS_CLEARANCE)
            state.need("medical", "A doctor reviews you before the program starts (R25).")
    elif letter == "B":
        state.track = Track.GENTLE
        state.add(
            "R25",
            Severity.SHOULD,
            f"Your fitness tests (Vivifrail {display}) suggest starting gently: lighter "
            "strength work with support nearby, and plenty of balance practice.",
        )
    else:
        state.add("R25", Severity.INFO, f"Your fitness tests put you at Vivifrail {display}.")


def _rule_vertebral_lifts(profile: ClientProfile, state: _State) -> None:
    """R19: overhead pressing and barbell deadlifts after a spine fracture need a physio."""
    if not any(f.site is FractureSite.VERTEBRA for f in profile.fractures):
        return
    if profile.clearance.physio:
        state.add(
            "R19",
            Severity.INFO,
            "Your physiotherapist has approved overhead pressing and deadlifts.",
        )
        return
    state.excluded_patterns.add(Pattern.PRESS_OVERHEAD)
    state.excluded_exercises.update(R19_EXCLUDED)
    state.add(
        "R19",
        Severity.SHOULD,
        "After a spine fracture, overhead presses and barbell deadlifts wait for a "
        "physiotherapist's approval. Until then you do hip hinges with a kettlebell from a "
        "raised height, incline presses and rows instead.",
    )
    state.need("physio", "A physiotherapist approves overhead pressing and deadlifts (R19).")


def _rule_height_loss(profile: ClientProfile, state: _State) -> None:
    """R33: measured height loss of 2 cm or more: ask for a vertebral fracture assessment."""
    if profile.baseline_height_cm is None or profile.height_cm is None:
        return
    loss = profile.baseline_height_cm - profile.height_cm
    if loss >= HEIGHT_LOSS_FLAG_CM:
        state.add(
            "R33",
            Severity.SHOULD,
            f"You have lost {loss:.1f} cm of height. Ask your doctor whether a spine X-ray or "
            "vertebral fracture assessment is needed.",
        )


def _rule_missing_information(profile: ClientProfile, state: _State) -> None:
    if profile.tests.is_empty():
        state.add(
            "R9",
            Severity.SHOULD,
            "No balance or strength tests are recorded yet. A Timed Up and Go, a 30-second "
            "chair stand and a walking-speed test take ten minutes and make the plan safer.",
        )
    if profile.experience is None:
        state.add(
            "R14",
            Severity.INFO,
            "Training experience not given: the program starts as for a beginner.",
        )
    if profile.equipment is None:
        state.add(
            "R13",
            Severity.INFO,
            "Equipment not given: the program assumes a gym with free weights and machines.",
        )
    if Condition.DEMENTIA in profile.conditions:
        state.add(
            "R9",
            Severity.SHOULD,
            "With memory problems, exercise with a helper or coach nearby.",
        )


# --- Track (R14-R17) ----------------------------------------------------------------------


def _rule_track(profile: ClientProfile, state: _State, falls: FallsRisk, as_of: date) -> None:
    """R16: the high-intensity track only when every condition holds; otherwise standard."""
    if state.track is Track.GENTLE:
        return
    if not profile.clearance.high_intensity:
        return
    blockers = []
    if not profile.supervised:
        blockers.append("supervision by a qualified professional")
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
        blockers.append("no spine fracture in the last 12 months")
    if falls in (FallsRisk.HIGH, FallsRisk.UNKNOWN):
        blockers.append("a falls risk that is not high")
    if state.status is not ProgramStatus.READY:
        blockers.append("all health clearances in place")
    if profile.schedule.minutes_per_session < HIGH_INTENSITY_MIN_MINUTES:
        blockers.append(f"sessions of at least {HIGH_INTENSITY_MIN_MINUTES} minutes")
    if blockers:
        state.add(
            "R16",
            Severity.INFO,
            f"Heavy 5x5 lifting needs {_join(blockers)}; the standard program is used instead.",
        )
        return
    state.track = Track.HIGH_INTENSITY
    state.add(
        "R16",
        Severity.INFO,
        "After the first four weeks of technique practice, squats, deadlifts and overhead "
        "presses move to supervised heavy sets of five.",
    )
    if profile.experience in (None, Experience.NOVICE):
        state.add(
            "R14",
            Severity.INFO,
            "As a beginner you will spend the first weeks learning each lift with light loads.",
        )


def _rule_withheld_means_gentle(state: _State) -> None:
    if state.status is not ProgramStatus.READY:
        state.track = Track.GENTLE
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.LOW)


# --- Helpers ------------------------------------------------------------------------------


def _site(fracture: Fracture) -> str:
    """The fracture site as a word to put before "fracture" ("" for other sites)."""
    word = {"vertebra": "spine", "other": ""}.get(fracture.site.value, fracture.site.value)
    return f"{word} " if word else ""


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
