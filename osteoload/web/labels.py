"""Plain words for the project's vocabulary, as the pages show them.

The stored values stay the vocabulary's words (``knee_osteoarthritis``); only what people
read changes. Anything without an entry here falls back to the word with spaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from osteoload.domain.vocabulary import (
    Condition,
    Equipment,
    Experience,
    FractureSite,
    Medication,
    Menopause,
    ScannerMake,
    Sex,
    Site,
    Symptom,
    Units,
)


def words(value: str) -> str:
    """``knee_osteoarthritis`` -> ``Knee osteoarthritis``."""
    text = value.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def choices(
    enum: Iterable[StrEnum], overrides: Mapping[str, str] | None = None
) -> tuple[tuple[str, str], ...]:
    """(value, label) pairs for a form, in the vocabulary's order."""
    overrides = overrides or {}
    return tuple((e.value, overrides.get(e.value, words(e.value))) for e in enum)


def label(mapping: Mapping[str, str], value: str | None) -> str:
    if value is None:
        return ""
    return mapping.get(value, words(value))


SEX: dict[str, str] = {Sex.FEMALE: "Female", Sex.MALE: "Male"}
MENOPAUSE: dict[str, str] = {
    Menopause.PRE: "Before menopause (regular periods)",
    Menopause.PERI: "Around menopause (periods changing)",
    Menopause.POST: "After menopause (no period for 12 months or more)",
}
FRACTURE_SITES: dict[str, str] = {
    FractureSite.VERTEBRA: "Spine (vertebra)",
    FractureSite.HUMERUS: "Upper arm (humerus)",
}
MEDICATIONS: dict[str, str] = {
    Medication.BISPHOSPHONATE: "Bisphosphonate (e.g. alendronate, zoledronic acid)",
    Medication.DENOSUMAB: "Denosumab",
    Medication.TERIPARATIDE: "Teriparatide",
    Medication.ABALOPARATIDE: "Abaloparatide",
    Medication.ROMOSOZUMAB: "Romosozumab",
    Medication.HRT: "Hormone therapy (HRT)",
    Medication.SERM: "SERM (e.g. raloxifene)",
    Medication.GLUCOCORTICOID: "Steroid tablets (glucocorticoids)",
}
CONDITIONS: dict[str, str] = {
    Condition.KNEE_OSTEOARTHRITIS: "Knee osteoarthritis",
    Condition.HIP_OSTEOARTHRITIS: "Hip osteoarthritis",
    Condition.HYPERTENSION: "High blood pressure (treated or controlled)",
    Condition.HYPERTENSION_UNCONTROLLED: "High blood pressure, not controlled",
    Condition.HEART_DISEASE: "Heart disease",
    Condition.DIABETES: "Diabetes",
    Condition.RHEUMATOID_ARTHRITIS: "Rheumatoid arthritis",
    Condition.DEMENTIA: "Dementia",
    Condition.ACUTE_MYOCARDIAL_INFARCTION: "Recent heart attack",
    Condition.UNSTABLE_ANGINA: "Unstable angina",
    Condition.ARRHYTHMIA_UNCONTROLLED: "Heart rhythm problem, not controlled",
    Condition.AORTIC_ANEURYSM_DISSECTING: "Dissecting aortic aneurysm",
    Condition.AORTIC_STENOSIS_SEVERE: "Severe aortic stenosis",
    Condition.ENDOCARDITIS_PERICARDITIS_ACUTE: "Acute endocarditis or pericarditis",
    Condition.THROMBOEMBOLISM_ACUTE: "Acute blood clot (thromboembolism)",
    Condition.HEART_FAILURE_SEVERE: "Acute or severe heart failure",
    Condition.RESPIRATORY_FAILURE_SEVERE: "Acute or severe respiratory failure",
    Condition.POSTURAL_HYPOTENSION_UNCONTROLLED: "Dizziness on standing, not controlled",
    Condition.DIABETES_DECOMPENSATED: "Diabetes not controlled / low blood sugar episodes",
}
#: How the coach's intake form names current symptoms.
SYMPTOMS: dict[str, str] = {
    Symptom.NEW_SEVERE_BACK_PAIN: "New severe back pain",
    Symptom.CHEST_PAIN: "Chest pain",
    Symptom.DIZZINESS: "Dizziness or feeling faint",
    Symptom.BREATHLESSNESS: "Unusual breathlessness",
    Symptom.FAINTING: "Fainting",
    Symptom.FALL_WITH_INJURY: "A fall with injury",
}
#: How the client's "how are you feeling" form names them: her words, not ours.
SYMPTOMS_FOR_CLIENT: dict[str, str] = {
    Symptom.CHEST_PAIN: "Pain, pressure or tightness in my chest",
    Symptom.DIZZINESS: "I feel dizzy, light-headed or unsteady",
    Symptom.BREATHLESSNESS: "I am much more out of breath than usual",
    Symptom.FAINTING: "I fainted, or nearly fainted",
    Symptom.NEW_SEVERE_BACK_PAIN: "New, severe pain in my back",
    Symptom.FALL_WITH_INJURY: "I fell and hurt myself",
}
EXPERIENCE: dict[str, str] = {
    Experience.NOVICE: "New to strength training",
    Experience.INTERMEDIATE: "Some experience (months of regular training)",
    Experience.ADVANCED: "Experienced (years of regular training)",
}
EQUIPMENT: dict[str, str] = {
    Equipment.DUMBBELLS: "Dumbbells",
    Equipment.MACHINES: "Gym machines",
    Equipment.BANDS: "Resistance bands",
    Equipment.BODYWEIGHT: "Body weight only",
    Equipment.PULL_UP_BAR: "Pull-up bar",
    Equipment.BOX: "Box or platform",
}
UNITS: dict[str, str] = {Units.KG: "Kilograms (kg)", Units.LB: "Pounds (lb)"}
SITES: dict[str, str] = {
    Site.LUMBAR_SPINE: "Lower spine",
    Site.TOTAL_HIP: "Whole hip",
    Site.FEMORAL_NECK: "Hip (femoral neck)",
    Site.FOREARM: "Forearm",
}
SCANNERS: dict[str, str] = {
    ScannerMake.HOLOGIC: "Hologic",
    ScannerMake.LUNAR: "GE Lunar",
    ScannerMake.OTHER: "Other",
}
WEEKDAYS = (
    ("1", "Mon"), ("2", "Tue"), ("3", "Wed"), ("4", "Thu"), ("5", "Fri"), ("6", "Sat"),
    ("7", "Sun"),
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The seven PAR-Q+ general health questions, in short (the form asks which were "yes").
PARQ_QUESTIONS = (
    ("1", "1. Heart condition or high blood pressure diagnosed by a doctor"),
    ("2", "2. Chest pain at rest, in daily activities or when active"),
    ("3", "3. Lost balance from dizziness, or lost consciousness, in the last 12 months"),
    ("4", "4. Another long-term medical condition diagnosed"),
    ("5", "5. Takes prescribed medicine for a long-term condition"),
    ("6", "6. Bone, joint or soft-tissue problem that activity could worsen"),
    ("7", "7. A doctor said to exercise only under medical supervision"),
)
REGIONS = {
    "hips": "Hips",
    "spine": "Spine and back",
    "legs": "Legs",
    "arms": "Arms and shoulders",
    "core": "Trunk (core)",
}
COMPONENTS = {
    "resistance": "Strength",
    "impact": "Impact",
    "balance": "Balance",
    "posture": "Posture",
    "mobility": "Mobility",
    "aerobic": "Walking / aerobic",
    "warmup": "Warm-up",
}
PHASES = {
    "familiarisation": "Getting started: learning the moves",
    "build": "Building up",
    "strength": "Getting stronger",
    "deload": "Easier week to recover",
}
PROGRAM_STATUS = {
    "ready": "Ready",
    "needs_clearance": "Needs clearance",
    "withheld": "Withheld",
}
BONE_CATEGORY = {
    "normal": "Normal bone density",
    "low_bone_mass": "Low bone mass (osteopenia)",
    "osteoporosis": "Osteoporosis",
    "severe_osteoporosis": "Severe osteoporosis",
    "unknown": "Not known (no scan results)",
}
FALLS_RISK = {
    "low": "Low",
    "intermediate": "Intermediate",
    "high": "High",
    "unknown": "Not known",
}
TRACKS = {
    "standard": "Standard",
    "high_intensity": "High intensity (supervised)",
    "gentle": "Gentle",
}
SEVERITY = {
    "must": "Must",
    "should": "Should",
    "info": "Good to know",
}
#: Roster flags: (label, badge style).
FLAGS = {
    "needs_review": ("Needs review: program stopped", "danger"),
    "pain": ("Pain reported", "warn"),
    "missed_sessions": ("Missed sessions", "warn"),
    "needs_clearance": ("Needs clearance", "warn"),
    "withheld": ("Program withheld", "danger"),
    "no_program": ("No program", "muted"),
    "setback": ("Setback: a lift failed twice or hurt", "warn"),
}
SCENARIOS = {
    "none": "No exercise, no medicine",
    "exercise": "Exercise",
    "medication": "Medicine",
    "combined": "Exercise and medicine",
}
KINDS = {
    "resistance": "Strength session",
    "impact_balance": "Short impact and balance session",
}
