"""Assessment: bone status, falls risk, SPPB, Vivifrail passport, functional tests,
sarcopenia, height loss and DXA change, one module per concept.

Pure functions over :class:`~osteoload.domain.profile.ClientProfile`. Every clinical number
lives once, as a named constant next to its rule ID (clinical-evidence.md section 13) and its
source, in the module of its concept; test norms live in :mod:`osteoload.domain.norms`.
Status tags from the evidence file: **[V]** verified, **[R]** recalled (not re-read),
**[U]** uncertain.

* :mod:`.bone`: :func:`classify_bone` -> :class:`BoneStatus` (R27), :func:`t_score_from_bmd`
  (R28), :func:`with_recorded_scans`, :func:`latest_per_site`
* :mod:`.function_tests`: :func:`score_sppb`, :func:`sppb_total`, :func:`gait_speed`
  (section 5.6), :func:`evaluate_tests` (section 5)
* :mod:`.falls`: :func:`assess_falls_risk` (R9), :func:`vivifrail_passport` (R25)
* :mod:`.sarcopenia`: :func:`sarcopenia_screen` (EWGSOP2, section 10)
* :mod:`.dxa`: :func:`height_loss_cm` (R33), :func:`dxa_change` (R29)
* :mod:`.fracture_risk`: :func:`fracture_risk_finding`, the latest FRAX or Garvan result a
  clinician entered (R31; never computed)
* :mod:`.summary`: :func:`assess`, the whole :class:`Assessment` with its findings

Every name is importable from ``osteoload.domain.assessment`` as before the split.
"""

from __future__ import annotations

from .bone import (
    DIAGNOSTIC_SITES,
    MALE_T_SCORE_MIN_AGE,
    T_NORMAL_MIN,
    T_OSTEOPOROSIS_MAX,
    T_SCORE_DECIMALS,
    T_SCORE_REFERENCE,
    Z_BELOW_EXPECTED_MAX,
    BoneStatus,
    ReferenceMean,
    ScoreBasis,
    ScoreOrigin,
    SiteScore,
    TScoreSource,
    ZScoreGroup,
    bone_finding_data,
    category_from_t,
    classify_bone,
    is_fragility_fracture,
    latest_per_site,
    site_words,
    t_score_from_bmd,
    uses_z_scores,
    with_recorded_scans,
    z_score_group,
)
from .dxa import (
    DEFAULT_LSC_PCT,
    HEIGHT_LOSS_FLAG_CM,
    LSC_MULTIPLIER,
    DxaChange,
    DxaVerdict,
    dxa_change,
    height_loss_cm,
    least_significant_change,
)
from .falls import (
    FALLS_RECURRENT,
    VIVIFRAIL_GAIT_BELOW,
    VIVIFRAIL_GAIT_C_MAX_M_S,
    VIVIFRAIL_LABELS,
    VIVIFRAIL_MIN_AGE,
    VIVIFRAIL_SPPB,
    FallsFactor,
    FallsRiskResult,
    VivifrailPassport,
    assess_falls_risk,
    falls_factor_data,
    vivifrail_passport,
)
from .fracture_risk import (
    FRACTURE_RISK_CODE,
    fracture_risk_data,
    fracture_risk_finding,
    latest_fracture_risk,
)
from .function_tests import (
    SPPB_CHAIR_POINTS,
    SPPB_FRAIL_MAX,
    SPPB_GAIT_POINTS,
    SPPB_PREFRAIL_MAX,
    SPPB_STANCE_FULL_S,
    SPPB_TANDEM_PARTIAL_S,
    FunctionalResult,
    NormStatus,
    SppbScore,
    evaluate_tests,
    gait_speed,
    score_sppb,
    sppb_total,
)
from .sarcopenia import (
    SarcopeniaFactor,
    SarcopeniaResult,
    SarcopeniaStatus,
    sarcopenia_screen,
)
from .summary import (
    Assessment,
    assess,
)

__all__ = [
    "Assessment",
    "BoneStatus",
    "DEFAULT_LSC_PCT",
    "DIAGNOSTIC_SITES",
    "DxaChange",
    "DxaVerdict",
    "FALLS_RECURRENT",
    "FRACTURE_RISK_CODE",
    "FallsFactor",
    "FallsRiskResult",
    "FunctionalResult",
    "HEIGHT_LOSS_FLAG_CM",
    "LSC_MULTIPLIER",
    "MALE_T_SCORE_MIN_AGE",
    "NormStatus",
    "ReferenceMean",
    "SPPB_CHAIR_POINTS",
    "SPPB_FRAIL_MAX",
    "SPPB_GAIT_POINTS",
    "SPPB_PREFRAIL_MAX",
    "SPPB_STANCE_FULL_S",
    "SPPB_TANDEM_PARTIAL_S",
    "SarcopeniaFactor",
    "SarcopeniaResult",
    "SarcopeniaStatus",
    "ScoreBasis",
    "ScoreOrigin",
    "SiteScore",
    "SppbScore",
    "TScoreSource",
    "T_NORMAL_MIN",
    "T_OSTEOPOROSIS_MAX",
    "T_SCORE_DECIMALS",
    "T_SCORE_REFERENCE",
    "VIVIFRAIL_GAIT_BELOW",
    "VIVIFRAIL_GAIT_C_MAX_M_S",
    "VIVIFRAIL_LABELS",
    "VIVIFRAIL_MIN_AGE",
    "VIVIFRAIL_SPPB",
    "VivifrailPassport",
    "ZScoreGroup",
    "Z_BELOW_EXPECTED_MAX",
    "assess",
    "assess_falls_risk",
    "bone_finding_data",
    "category_from_t",
    "classify_bone",
    "dxa_change",
    "evaluate_tests",
    "falls_factor_data",
    "fracture_risk_data",
    "fracture_risk_finding",
    "gait_speed",
    "height_loss_cm",
    "is_fragility_fracture",
    "latest_per_site",
    "latest_fracture_risk",
    "least_significant_change",
    "sarcopenia_screen",
    "score_sppb",
    "site_words",
    "sppb_total",
    "t_score_from_bmd",
    "uses_z_scores",
    "vivifrail_passport",
    "with_recorded_scans",
    "z_score_group",
]
