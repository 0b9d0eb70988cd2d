"""The engine's public API: every function and record the other layers use, in one place.

``from osteoload.domain import screen, generate_program, next_prescriptions`` reads the same
as importing from the module that defines each name, which stays the name's one home (and
where its rule IDs and numbers live). The engine is pure standard library: it never reads
the clock, files or the network; dates come in as arguments (``today``, ``as_of``).

Screening (R1-R9, R32)
    :func:`screen` turns a :class:`ClientProfile` into a :class:`Screening`; ``stop_rules``
    holds the stop decisions (:func:`screening_decision`, :func:`report_decision`).
Programming
    :func:`generate_program` writes her :class:`Program` of :class:`Week` /
    :class:`Session` / :class:`ProgramItem` from the profile, the screening and the
    :class:`Catalogue` (``build_catalogue``).
Progression (R10, R18-R23, R32)
    :func:`next_prescriptions` gives :class:`NextPrescriptions` from the program and her
    :class:`SetLog`; every change carries its :class:`Decision`.
Assessment, projection, 1RM
    :func:`assess`, :func:`project_bmd` / :func:`project_muscle`, :func:`estimate_one_rm`.
Units and vocabulary
    ``units`` (kg/lb, loads that exist on her equipment) and the ``vocabulary`` enums.
Errors
    :class:`DomainError` and its subclasses (the tree is drawn in ``errors``).

Constants are not re-exported: import a rule's number from its module. Kept out on purpose:
names that would collide (``stop_rules.Outcome``, ``units.Band``, ``projection.Band``). A test
(tests/domain/test_public_api.py) keeps ``__all__`` sorted, resolvable and complete. The
exercise figures' drawing geometry is not a clinical rule and lives outside the engine, in
``osteoload.illustration``.
"""

from __future__ import annotations

from .assessment import (
    Assessment,
    BoneStatus,
    DxaChange,
    DxaVerdict,
    FallsRiskResult,
    FunctionalResult,
    NormStatus,
    SarcopeniaResult,
    SarcopeniaStatus,
    ScoreBasis,
    ScoreOrigin,
    SppbScore,
    TScoreSource,
    VivifrailPassport,
    assess,
    assess_falls_risk,
    classify_bone,
    dxa_change,
    evaluate_tests,
    height_loss_cm,
    sarcopenia_screen,
    score_sppb,
    site_words,
    vivifrail_passport,
    with_recorded_scans,
)
from .catalogue import Catalogue, CatalogueError, Dosing, Exercise, build_catalogue
from .equipment import equipment_profile
from .errors import DomainError, InvalidInput, UnreliableEstimate
from .logs import SetLog
from .one_rm import (
    EstimateFlag,
    EstimateMethod,
    OneRmEstimate,
    estimate_one_rm,
    pct_1rm,
    rir_to_rpe,
    rpe_to_rir,
    working_max_from_sets,
)
from .profile import (
    BloodPressure,
    Bone,
    BoneScan,
    Clearance,
    ClientProfile,
    EquipmentDetails,
    Fracture,
    FunctionalTests,
    LoadRange,
    Schedule,
    SppbParts,
    StrengthSet,
)
from .program import (
    Finding,
    Program,
    ProgramItem,
    Screening,
    Session,
    SessionKind,
    SignOff,
    Step,
    Week,
    split_impacts,
)
from .programming import (
    allowed_exercises,
    balance_minutes,
    balance_work_seconds,
    generate_program,
    redose_item,
    session_seconds,
    week_balance_minutes,
)
from .progression import (
    Change,
    Decision,
    DecisionKind,
    NextItem,
    NextPrescriptions,
    Outcome,
    ProgressStatus,
    WorkingMax,
    attention_flags,
    next_load_up,
    next_prescriptions,
)
from .projection import (
    BmdProjection,
    MuscleProjection,
    NoteCode,
    ProjectionNote,
    project_bmd,
    project_muscle,
)
from .screening import screen
from .serialize import from_jsonable, jsonable
from .stop_rules import (
    Cause,
    Source,
    StopDecision,
    StopReason,
    is_painful,
    is_red_flag,
    report_decision,
    screening_decision,
    stop_symptoms,
)
from .units import (
    BandLevel,
    EquipmentProfile,
    LoadKind,
    RoundedLoad,
    format_load,
    implement_for,
    kg_to_lb,
    lb_to_kg,
    round_load_down,
)
from .vocabulary import (
    BoneCategory,
    Component,
    Condition,
    Equipment,
    Experience,
    FallsRisk,
    FractureSite,
    ImpactLevel,
    Medication,
    Menopause,
    Pattern,
    Phase,
    ProgramStatus,
    Region,
    ScannerMake,
    Severity,
    Sex,
    Site,
    SpineRisk,
    Symptom,
    Track,
    Units,
)

__all__ = [
    "Assessment",
    "BandLevel",
    "BloodPressure",
    "BmdProjection",
    "Bone",
    "BoneCategory",
    "BoneScan",
    "BoneStatus",
    "Catalogue",
    "CatalogueError",
    "Cause",
    "Change",
    "Clearance",
    "ClientProfile",
    "Component",
    "Condition",
    "Decision",
    "DecisionKind",
    "DomainError",
    "Dosing",
    "DxaChange",
    "DxaVerdict",
    "Equipment",
    "EquipmentDetails",
    "EquipmentProfile",
    "EstimateFlag",
    "EstimateMethod",
    "Exercise",
    "Experience",
    "FallsRisk",
    "FallsRiskResult",
    "Finding",
    "Fracture",
    "FractureSite",
    "FunctionalResult",
    "FunctionalTests",
    "ImpactLevel",
    "InvalidInput",
    "LoadKind",
    "LoadRange",
    "Medication",
    "Menopause",
    "MuscleProjection",
    "NextItem",
    "NextPrescriptions",
    "NormStatus",
    "NoteCode",
    "OneRmEstimate",
    "Outcome",
    "Pattern",
    "Phase",
    "Program",
    "ProgramItem",
    "ProgramStatus",
    "ProgressStatus",
    "ProjectionNote",
    "Region",
    "RoundedLoad",
    "SarcopeniaResult",
    "SarcopeniaStatus",
    "ScannerMake",
    "Schedule",
    "ScoreBasis",
    "ScoreOrigin",
    "Screening",
    "Session",
    "SessionKind",
    "SetLog",
    "Severity",
    "Sex",
    "SignOff",
    "Site",
    "Source",
    "SpineRisk",
    "SppbParts",
    "SppbScore",
    "Step",
    "StopDecision",
    "StopReason",
    "StrengthSet",
    "Symptom",
    "TScoreSource",
    "Track",
    "Units",
    "UnreliableEstimate",
    "VivifrailPassport",
    "Week",
    "WorkingMax",
    "allowed_exercises",
    "assess",
    "assess_falls_risk",
    "attention_flags",
    "balance_minutes",
    "balance_work_seconds",
    "build_catalogue",
    "classify_bone",
    "dxa_change",
    "equipment_profile",
    "estimate_one_rm",
    "evaluate_tests",
    "format_load",
    "from_jsonable",
    "generate_program",
    "height_loss_cm",
    "implement_for",
    "is_painful",
    "is_red_flag",
    "jsonable",
    "kg_to_lb",
    "lb_to_kg",
    "next_load_up",
    "next_prescriptions",
    "pct_1rm",
    "project_bmd",
    "project_muscle",
    "redose_item",
    "report_decision",
    "rir_to_rpe",
    "round_load_down",
    "rpe_to_rir",
    "sarcopenia_screen",
    "score_sppb",
    "screen",
    "screening_decision",
    "session_seconds",
    "site_words",
    "split_impacts",
    "stop_symptoms",
    "vivifrail_passport",
    "week_balance_minutes",
    "with_recorded_scans",
    "working_max_from_sets",
]
