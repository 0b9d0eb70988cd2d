"""The project's stable words (DESIGN.md, "Vocabulary").

Every enum value here is part of the public JSON contract: values may be added, never renamed.
"""

from __future__ import annotations

from enum import StrEnum


class Region(StrEnum):
    HIPS = "hips"
    SPINE = "spine"
    LEGS = "legs"
    ARMS = "arms"
    CORE = "core"


class Site(StrEnum):
    """Skeletal sites measured by DXA and loaded by exercise."""

    LUMBAR_SPINE = "lumbar_spine"
    FEMORAL_NECK = "femoral_neck"
    TOTAL_HIP = "total_hip"
    FOREARM = "forearm"


class Component(StrEnum):
    RESISTANCE = "resistance"
    IMPACT = "impact"
    BALANCE = "balance"
    POSTURE = "posture"
    MOBILITY = "mobility"
    AEROBIC = "aerobic"
    WARMUP = "warmup"


class ImpactLevel(StrEnum):
    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 (none) to 3 (high); a dict lookup, as the generator asks for it very often."""
        return _IMPACT_RANK[self]


_IMPACT_ORDER = [ImpactLevel.NONE, ImpactLevel.LOW, ImpactLevel.MODERATE, ImpactLevel.HIGH]
_IMPACT_RANK = {level: rank for rank, level in enumerate(_IMPACT_ORDER)}


class Pattern(StrEnum):
    SQUAT = "squat"
    HINGE = "hinge"
    LUNGE = "lunge"
    ROW = "row"
    PRESS_OVERHEAD = "press_overhead"
    PRESS_HORIZONTAL = "press_horizontal"
    PULL_VERTICAL = "pull_vertical"
    CARRY = "carry"
    SPINAL_EXTENSION = "spinal_extension"
    ANTI_ROTATION = "anti_rotation"
    BALANCE_STATIC = "balance_static"
    BALANCE_DYNAMIC = "balance_dynamic"
    STEP = "step"
    JUMP = "jump"
    HOP = "hop"
    WALK = "walk"
    # Added by the project (DESIGN.md allows new words): movements that are not one of the
    # key patterns but that the catalogue needs to name honestly.
    SPINAL_FLEXION = "spinal_flexion"
    ROTATION = "rotation"
    MOBILITY = "mobility"
    CALF_RAISE = "calf_raise"


class SpineRisk(StrEnum):
    LOADED_SPINAL_FLEXION = "loaded_spinal_flexion"
    END_RANGE_FLEXION = "end_range_flexion"
    END_RANGE_ROTATION = "end_range_rotation"
    ROTATION_FEET_PLANTED = "rotation_feet_planted"


class BoneCategory(StrEnum):
    NORMAL = "normal"
    LOW_BONE_MASS = "low_bone_mass"
    OSTEOPOROSIS = "osteoporosis"
    SEVERE_OSTEOPOROSIS = "severe_osteoporosis"
    UNKNOWN = "unknown"


class FallsRisk(StrEnum):
    LOW = "low"
    INTERMEDIATE = "intermediate"
    HIGH = "high"
    UNKNOWN = "unknown"


class Track(StrEnum):
    STANDARD = "standard"
    HIGH_INTENSITY = "high_intensity"
    GENTLE = "gentle"


class Phase(StrEnum):
    FAMILIARISATION = "familiarisation"
    BUILD = "build"
    STRENGTH = "strength"
    DELOAD = "deload"


class ProgramStatus(StrEnum):
    READY = "ready"
    NEEDS_CLEARANCE = "needs_clearance"
    WITHHELD = "withheld"


class Severity(StrEnum):
    MUST = "must"
    SHOULD = "should"
    INFO = "info"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class Menopause(StrEnum):
    PRE = "pre"
    PERI = "peri"
    POST = "post"


class FractureSite(StrEnum):
    VERTEBRA = "vertebra"
    HIP = "hip"
    WRIST = "wrist"
    HUMERUS = "humerus"
    PELVIS = "pelvis"
    RIB = "rib"
    ANKLE = "ankle"
    OTHER = "other"


class Medication(StrEnum):
    BISPHOSPHONATE = "bisphosphonate"
    DENOSUMAB = "denosumab"
    TERIPARATIDE = "teriparatide"
    ABALOPARATIDE = "abaloparatide"
    ROMOSOZUMAB = "romosozumab"
    HRT = "hrt"
    SERM = "serm"
    GLUCOCORTICOID = "glucocorticoid"


class Condition(StrEnum):
    KNEE_OSTEOARTHRITIS = "knee_osteoarthritis"
    HIP_OSTEOARTHRITIS = "hip_osteoarthritis"
    HYPERTENSION = "hypertension"
    HYPERTENSION_UNCONTROLLED = "hypertension_uncontrolled"
    HEART_DISEASE = "heart_disease"
    DIABETES = "diabetes"
    RHEUMATOID_ARTHRITIS = "rheumatoid_arthritis"
    DEMENTIA = "dementia"
    # Vivifrail contraindications (R2), named so that screening can act on them.
    ACUTE_MYOCARDIAL_INFARCTION = "acute_myocardial_infarction"
    UNSTABLE_ANGINA = "unstable_angina"
    ARRHYTHMIA_UNCONTROLLED = "arrhythmia_uncontrolled"
    AORTIC_ANEURYSM_DISSECTING = "aortic_aneurysm_dissecting"
    AORTIC_STENOSIS_SEVERE = "aortic_stenosis_severe"
    ENDOCARDITIS_PERICARDITIS_ACUTE = "endocarditis_pericarditis_acute"
    THROMBOEMBOLISM_ACUTE = "thromboembolism_acute"
    HEART_FAILURE_SEVERE = "heart_failure_severe"
    RESPIRATORY_FAILURE_SEVERE = "respiratory_failure_severe"
    POSTURAL_HYPOTENSION_UNCONTROLLED = "postural_hypotension_uncontrolled"
    DIABETES_DECOMPENSATED = "diabetes_decompensated"


class Symptom(StrEnum):
    """Current red-flag symptoms (R4, R32)."""

    NEW_SEVERE_BACK_PAIN = "new_severe_back_pain"
    CHEST_PAIN = "chest_pain"
    DIZZINESS = "dizziness"
    BREATHLESSNESS = "breathlessness"
    FAINTING = "fainting"
    FALL_WITH_INJURY = "fall_with_injury"


class Experience(StrEnum):
    NOVICE = "novice"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Units(StrEnum):
    KG = "kg"
    LB = "lb"


class Equipment(StrEnum):
    BARBELL = "barbell"
    DUMBBELLS = "dumbbells"
    KETTLEBELL = "kettlebell"
    MACHINES = "machines"
    BANDS = "bands"
    BODYWEIGHT = "bodyweight"
    STEP = "step"
    BOX = "box"
    BENCH = "bench"
    PULL_UP_BAR = "pull_up_bar"
    CHAIR = "chair"
    WALL = "wall"
    MAT = "mat"


class ScannerMake(StrEnum):
    HOLOGIC = "hologic"
    LUNAR = "lunar"
    OTHER = "other"


class FractureRiskTool(StrEnum):
    """The fracture-risk calculators whose results a clinician may enter (R31)."""

    FRAX = "frax"
    """FRAX: 10-year probability of a major osteoporotic fracture and of a hip fracture."""
    GARVAN = "garvan"
    """The Garvan calculator: 5- or 10-year risk of any fragility fracture and of a hip
    fracture."""


#: Catalogue ids that profiles' ``strength`` entries may name (DESIGN.md).
KEY_LIFT_IDS: tuple[str, ...] = (
    "back_squat",
    "goblet_squat",
    "deadlift",
    "romanian_deadlift",
    "overhead_press",
    "dumbbell_overhead_press",
    "bench_press",
    "dumbbell_row",
    "seated_cable_row",
    "lat_pulldown",
    "split_squat",
    "step_up",
    "leg_press",
)
