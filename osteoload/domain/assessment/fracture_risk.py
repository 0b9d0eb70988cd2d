"""Fracture risk entered by a clinician (R31): osteoload carries it, never computes it.

R31 (should): accept FRAX or Garvan results a clinician has worked out; never compute FRAX
(its algorithm is licensed, and a score typed back from the calculator is the clinician's
judgement, not ours). Nothing in the engine computes a fracture-risk probability: the
profile holds the results as entered (:class:`~osteoload.domain.profile.FractureRisk`), and
screening reports the latest one next to the bone category (R27) as an ``info`` finding
with code ``fracture_risk`` and the entered numbers as its data. It changes no limit: the
program rests on bone density, fractures and falls (R6-R12, R27).
"""

from __future__ import annotations

from typing import Any

from ..profile import ClientProfile, FractureRisk
from ..program import Finding
from ..vocabulary import Severity

#: The finding's outcome code (the wording layer says it).
FRACTURE_RISK_CODE = "fracture_risk"


def latest_fracture_risk(profile: ClientProfile) -> FractureRisk | None:
    """The most recent entered result (by date; of two on one day, the one entered last),
    or ``None`` when none is entered."""
    latest: FractureRisk | None = None
    for result in profile.fracture_risk:
        if latest is None or result.date >= latest.date:
            latest = result
    return latest


def fracture_risk_data(result: FractureRisk) -> dict[str, Any]:
    """The entered result as JSON-ready data, numbers exactly as entered."""
    return {
        "tool": result.tool.value,
        "date": result.date.isoformat(),
        "horizon_years": result.horizon_years,
        "major_osteoporotic_pct": result.major_osteoporotic_pct,
        "hip_pct": result.hip_pct,
        "any_fracture_pct": result.any_fracture_pct,
        "with_bmd": result.with_bmd,
        "entered_by": result.entered_by,
    }


def fracture_risk_finding(profile: ClientProfile) -> Finding | None:
    """R31: the latest entered FRAX or Garvan result as an ``info`` finding, or ``None``
    (no finding at all) when none is entered."""
    result = latest_fracture_risk(profile)
    if result is None:
        return None
    return Finding(
        rule="R31",
        severity=Severity.INFO,
        message="",
        code=FRACTURE_RISK_CODE,
        data=fracture_risk_data(result),
    )
