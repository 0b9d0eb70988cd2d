"""The screening's numbers (R3 recent fracture, R5 blood pressure, R8-R11 impact, R16 the
high-intensity track, R19 exclusions, R23 balance minutes) and the state its rules tighten:
limits only ever get stricter, so the order of the rules cannot loosen a restriction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..program import Finding, SignOff, Step
from ..stop_rules import STOP_RULE_SYMPTOMS
from ..vocabulary import (
    Condition,
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
class ScreeningState:
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
    clearances: list[SignOff] = field(default_factory=list)
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

    def need(self, clearance: SignOff, code: str, **data: Any) -> None:
        if clearance not in self.clearances:
            self.clearances.append(clearance)
        step = Step(code=code, clearance=clearance, data=data)
        if step not in self.steps:
            self.steps.append(step)

    def review_by(self, day: date) -> None:
        if self.review_date is None or day > self.review_date:
            self.review_date = day
