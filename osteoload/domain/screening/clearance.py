"""Screening and clearance (R1-R5, R32): contraindications and stop symptoms hold the program;
PAR-Q answers, blood pressure, a recent fracture and an acute vertebral fracture each need
a clinician's clearance or a wait, with the date to review.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..profile import ClientProfile
from ..program import SignOff
from ..vocabulary import (
    Condition,
    FractureSite,
    ImpactLevel,
    ProgramStatus,
    Severity,
    Symptom,
    Track,
)
from .state import (
    ACUTE_VERTEBRAL_FRACTURE_DAYS,
    BP_LIMIT_DIASTOLIC,
    BP_LIMIT_SYSTOLIC,
    CONTRAINDICATIONS,
    RECENT_FRACTURE_DAYS,
    STOP_SYMPTOMS,
    ScreeningState,
)

# --- Screening and clearance (R1-R5, R32) -----------------------------------------------


def rule_contraindications(profile: ClientProfile, state: ScreeningState) -> None:
    """R2: a Vivifrail contraindication withholds the program entirely."""
    found = [cond.value for cond in CONTRAINDICATIONS if cond in profile.conditions]
    if not found:
        return
    state.set_status(ProgramStatus.WITHHELD)
    state.stop_everything()
    state.resistance_allowed = False
    state.cap_impact(ImpactLevel.NONE)
    state.add("R2", Severity.MUST, "contraindication", conditions=found)
    state.need(SignOff.MEDICAL, "doctor_treats_contraindication")


def rule_stop_symptoms(profile: ClientProfile, state: ScreeningState, as_of: date) -> None:
    """R32 and R4: current red-flag symptoms stop training until reviewed."""
    found = [sym.value for sym in STOP_SYMPTOMS if sym in profile.symptoms]
    if found:
        state.set_status(ProgramStatus.WITHHELD)
        state.stop_everything()
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.NONE)
        state.add("R32", Severity.MUST, "stop_symptoms", symptoms=found)
        state.need(SignOff.MEDICAL, "doctor_checks_symptoms")
    if Symptom.NEW_SEVERE_BACK_PAIN in profile.symptoms:
        state.set_status(ProgramStatus.WITHHELD)
        state.resistance_allowed = False
        state.cap_impact(ImpactLevel.LOW)
        state.add("R4", Severity.MUST, "new_back_pain")
        state.need(SignOff.PHYSIO, "back_pain_review")
        state.review_by(as_of + timedelta(weeks=4))


def rule_parq(profile: ClientProfile, state: ScreeningState) -> None:
    """R1: any PAR-Q+ 'yes' without medical clearance means no program yet."""
    if profile.parq_yes is None:
        if not profile.clearance.medical:
            state.set_status(ProgramStatus.NEEDS_CLEARANCE)
            state.add("R1", Severity.MUST, "parq_missing")
            state.need(SignOff.MEDICAL, "answer_parq")
        return
    if not profile.parq_yes:
        return
    questions = list(profile.parq_yes)
    if profile.clearance.medical:
        state.add("R1", Severity.INFO, "parq_cleared", questions=questions)
        return
    state.set_status(ProgramStatus.NEEDS_CLEARANCE)
    state.add("R1", Severity.MUST, "parq_yes", questions=questions)
    state.need(SignOff.MEDICAL, "parq_clearance")


def rule_blood_pressure(profile: ClientProfile, state: ScreeningState) -> None:
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
    state.need(SignOff.MEDICAL, "blood_pressure_control")


def rule_recent_fracture(profile: ClientProfile, state: ScreeningState, as_of: date) -> None:
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
                state.need(SignOff.MEDICAL, "review_after_fracture", date=resume.isoformat())
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
            state.need(SignOff.MEDICAL, "fracture_date_or_clearance")


def rule_acute_vertebral(profile: ClientProfile, state: ScreeningState, as_of: date) -> None:
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
        state.need(SignOff.PHYSIO, "physio_after_vertebral_fracture")
