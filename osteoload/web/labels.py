"""Plain words for the project's vocabulary, as the pages show them.

The stored values stay the vocabulary's words (``knee_osteoarthritis``); only what people
read changes. Anything without an entry here falls back to the word with spaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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
    """(value, label) pairs for a form, in the vocabulary's order, in the active language."""
    overrides = overrides or {}
    return tuple(
        (e.value, _(overrides[e.value]) if e.value in overrides else words(e.value)) for e in enum
    )


def label(mapping: Mapping[str, str], value: str | None) -> str:
    """The label of ``value`` in the active language (the tables below are only marked for
    translation: they are built at import, before any language is active)."""
    if value is None:
        return ""
    return _(mapping[value]) if value in mapping else words(value)


SEX: dict[str, str] = {Sex.FEMALE: gettext_noop("Female"), Sex.MALE: gettext_noop("Male")}
MENOPAUSE: dict[str, str] = {
    Menopause.PRE: gettext_noop("Before menopause (regular periods)"),
    Menopause.PERI: gettext_noop("Around menopause (periods changing)"),
    Menopause.POST: gettext_noop("After menopause (no period for 12 months or more)"),
}
FRACTURE_SITES: dict[str, str] = {
    FractureSite.VERTEBRA: gettext_noop("Spine (vertebra)"),
    FractureSite.HUMERUS: gettext_noop("Upper arm (humerus)"),
}
MEDICATIONS: dict[str, str] = {
    Medication.BISPHOSPHONATE: gettext_noop("Bisphosphonate (e.g. alendronate, zoledronic acid)"),
    Medication.DENOSUMAB: gettext_noop("Denosumab"),
    Medication.TERIPARATIDE: gettext_noop("Teriparatide"),
    Medication.ABALOPARATIDE: gettext_noop("Abaloparatide"),
    Medication.ROMOSOZUMAB: gettext_noop("Romosozumab"),
    Medication.HRT: gettext_noop("Hormone therapy (HRT)"),
    Medication.SERM: gettext_noop("SERM (e.g. raloxifene)"),
    Medication.GLUCOCORTICOID: gettext_noop("Steroid tablets (glucocorticoids)"),
}
CONDITIONS: dict[str, str] = {
    Condition.KNEE_OSTEOARTHRITIS: gettext_noop("Knee osteoarthritis"),
    Condition.HIP_OSTEOARTHRITIS: gettext_noop("Hip osteoarthritis"),
    Condition.HYPERTENSION: gettext_noop("High blood pressure (treated or controlled)"),
    Condition.HYPERTENSION_UNCONTROLLED: gettext_noop("High blood pressure, not controlled"),
    Condition.HEART_DISEASE: gettext_noop("Heart disease"),
    Condition.DIABETES: gettext_noop("Diabetes"),
    Condition.RHEUMATOID_ARTHRITIS: gettext_noop("Rheumatoid arthritis"),
    Condition.DEMENTIA: gettext_noop("Dementia"),
    Condition.ACUTE_MYOCARDIAL_INFARCTION: gettext_noop("Recent heart attack"),
    Condition.UNSTABLE_ANGINA: gettext_noop("Unstable angina"),
    Condition.ARRHYTHMIA_UNCONTROLLED: gettext_noop("Heart rhythm problem, not controlled"),
    Condition.AORTIC_ANEURYSM_DISSECTING: gettext_noop("Dissecting aortic aneurysm"),
    Condition.AORTIC_STENOSIS_SEVERE: gettext_noop("Severe aortic stenosis"),
    Condition.ENDOCARDITIS_PERICARDITIS_ACUTE: gettext_noop("Acute endocarditis or pericarditis"),
    Condition.THROMBOEMBOLISM_ACUTE: gettext_noop("Acute blood clot (thromboembolism)"),
    Condition.HEART_FAILURE_SEVERE: gettext_noop("Acute or severe heart failure"),
    Condition.RESPIRATORY_FAILURE_SEVERE: gettext_noop("Acute or severe respiratory failure"),
    Condition.POSTURAL_HYPOTENSION_UNCONTROLLED: gettext_noop(
        "Dizziness on standing, not controlled"
    ),
    Condition.DIABETES_DECOMPENSATED: gettext_noop(
        "Diabetes not controlled / low blood sugar episodes"
    ),
}
#: How the coach's intake form names current symptoms.
SYMPTOMS: dict[str, str] = {
    Symptom.NEW_SEVERE_BACK_PAIN: gettext_noop("New severe back pain"),
    Symptom.CHEST_PAIN: gettext_noop("Chest pain"),
    Symptom.DIZZINESS: gettext_noop("Dizziness or feeling faint"),
    Symptom.BREATHLESSNESS: gettext_noop("Unusual breathlessness"),
    Symptom.FAINTING: gettext_noop("Fainting"),
    Symptom.FALL_WITH_INJURY: gettext_noop("A fall with injury"),
}
#: How the client's "how are you feeling" form names them: her words, not ours.
SYMPTOMS_FOR_CLIENT: dict[str, str] = {
    Symptom.CHEST_PAIN: gettext_noop("Pain, pressure or tightness in my chest"),
    Symptom.DIZZINESS: gettext_noop("I feel dizzy, light-headed or unsteady"),
    Symptom.BREATHLESSNESS: gettext_noop("I am much more out of breath than usual"),
    Symptom.FAINTING: gettext_noop("I fainted, or nearly fainted"),
    Symptom.NEW_SEVERE_BACK_PAIN: gettext_noop("New, severe pain in my back"),
    Symptom.FALL_WITH_INJURY: gettext_noop("I fell and hurt myself"),
}
EXPERIENCE: dict[str, str] = {
    Experience.NOVICE: gettext_noop("New to strength training"),
    Experience.INTERMEDIATE: gettext_noop("Some experience (months of regular training)"),
    Experience.ADVANCED: gettext_noop("Experienced (years of regular training)"),
}
EQUIPMENT: dict[str, str] = {
    Equipment.DUMBBELLS: gettext_noop("Dumbbells"),
    Equipment.MACHINES: gettext_noop("Gym machines"),
    Equipment.BANDS: gettext_noop("Resistance bands"),
    Equipment.BODYWEIGHT: gettext_noop("Body weight only"),
    Equipment.PULL_UP_BAR: gettext_noop("Pull-up bar"),
    Equipment.BOX: gettext_noop("Box or platform"),
}
UNITS: dict[str, str] = {
    Units.KG: gettext_noop("Kilograms (kg)"),
    Units.LB: gettext_noop("Pounds (lb)"),
}
SITES: dict[str, str] = {
    Site.LUMBAR_SPINE: gettext_noop("Lower spine"),
    Site.TOTAL_HIP: gettext_noop("Whole hip"),
    Site.FEMORAL_NECK: gettext_noop("Hip (femoral neck)"),
    Site.FOREARM: gettext_noop("Forearm"),
}
SCANNERS: dict[str, str] = {
    ScannerMake.HOLOGIC: gettext_noop("Hologic"),
    ScannerMake.LUNAR: gettext_noop("GE Lunar"),
    ScannerMake.OTHER: gettext_noop("Other"),
}
WEEKDAYS = (
    ("1", gettext_noop("Mon")),
    ("2", gettext_noop("Tue")),
    ("3", gettext_noop("Wed")),
    ("4", gettext_noop("Thu")),
    ("5", gettext_noop("Fri")),
    ("6", gettext_noop("Sat")),
    ("7", gettext_noop("Sun")),
)
WEEKDAY_NAMES = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
)
#: The seven PAR-Q+ general health questions, in short (the form asks which were "yes").
PARQ_QUESTIONS = (
    ("1", gettext_noop("1. Heart condition or high blood pressure diagnosed by a doctor")),
    ("2", gettext_noop("2. Chest pain at rest, in daily activities or when active")),
    (
        "3",
        gettext_noop(
            "3. Lost balance from dizziness, or lost consciousness, in the last 12 months"
        ),
    ),
    ("4", gettext_noop("4. Another long-term medical condition diagnosed")),
    ("5", gettext_noop("5. Takes prescribed medicine for a long-term condition")),
    ("6", gettext_noop("6. Bone, joint or soft-tissue problem that activity could worsen")),
    ("7", gettext_noop("7. A doctor said to exercise only under medical supervision")),
)
REGIONS = {
    "hips": gettext_noop("Hips"),
    "spine": gettext_noop("Spine and back"),
    "legs": gettext_noop("Legs"),
    "arms": gettext_noop("Arms and shoulders"),
    "core": gettext_noop("Trunk (core)"),
}
COMPONENTS = {
    "resistance": gettext_noop("Strength"),
    "impact": gettext_noop("Impact"),
    "balance": gettext_noop("Balance"),
    "posture": gettext_noop("Posture"),
    "mobility": gettext_noop("Mobility"),
    "aerobic": gettext_noop("Walking / aerobic"),
    "warmup": gettext_noop("Warm-up"),
}
PHASES = {
    "familiarisation": gettext_noop("Getting started: learning the moves"),
    "build": gettext_noop("Building up"),
    "strength": gettext_noop("Getting stronger"),
    "deload": gettext_noop("Easier week to recover"),
}
PROGRAM_STATUS = {
    "ready": gettext_noop("Ready"),
    "needs_clearance": gettext_noop("Needs clearance"),
    "withheld": gettext_noop("Withheld"),
}
BONE_CATEGORY = {
    "normal": gettext_noop("Normal bone density"),
    "low_bone_mass": gettext_noop("Low bone mass (osteopenia)"),
    "osteoporosis": gettext_noop("Osteoporosis"),
    "severe_osteoporosis": gettext_noop("Severe osteoporosis"),
    "unknown": gettext_noop("Not known (no scan results)"),
}
FALLS_RISK = {
    "low": gettext_noop("Low"),
    "intermediate": gettext_noop("Intermediate"),
    "high": gettext_noop("High"),
    "unknown": gettext_noop("Not known"),
}
TRACKS = {
    "standard": gettext_noop("Standard"),
    "high_intensity": gettext_noop("High intensity (supervised)"),
    "gentle": gettext_noop("Gentle"),
}
SEVERITY = {
    "must": gettext_noop("Must"),
    "should": gettext_noop("Should"),
    "info": gettext_noop("Good to know"),
}
#: Roster flags: (label, badge style).
FLAGS = {
    "needs_review": (gettext_noop("Needs review: program stopped"), "danger"),
    "pain": (gettext_noop("Pain reported"), "warn"),
    "missed_sessions": (gettext_noop("Missed sessions"), "warn"),
    "needs_clearance": (gettext_noop("Needs clearance"), "warn"),
    "withheld": (gettext_noop("Program withheld"), "danger"),
    "no_program": (gettext_noop("No program"), "muted"),
    "setback": (gettext_noop("Setback: a lift failed twice or hurt"), "warn"),
}
SCENARIOS = {
    "none": gettext_noop("No exercise, no medicine"),
    "exercise": gettext_noop("Exercise"),
    "medication": gettext_noop("Medicine"),
    "combined": gettext_noop("Exercise and medicine"),
}
KINDS = {
    "resistance": gettext_noop("Strength session"),
    "impact_balance": gettext_noop("Short impact and balance session"),
}
