"""The whole assessment of one client on one date: :func:`assess` gathers bone (R27, R28),
falls (R9, R23, R24), passport (R25), sarcopenia (EWGSOP2), functional tests and height
loss (R33) into one :class:`Assessment` with its findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..profile import ClientProfile
from ..program import Finding
from ..vocabulary import (
    FallsRisk,
    Severity,
)
from .bone import BoneStatus, bone_finding_data, classify_bone
from .dxa import HEIGHT_LOSS_FLAG_CM, height_loss_cm
from .falls import (
    VIVIFRAIL_MIN_AGE,
    FallsRiskResult,
    VivifrailPassport,
    assess_falls_risk,
    falls_factor_data,
    vivifrail_passport,
)
from .function_tests import (
    FunctionalResult,
    SppbScore,
    evaluate_tests,
    score_sppb,
    sppb_parts_recorded,
)
from .sarcopenia import (
    SarcopeniaResult,
    SarcopeniaStatus,
    sarcopenia_screen,
)

#: The sarcopenia statuses that become a finding (EWGSOP2: low strength at least).
_SARCOPENIA_FINDING = frozenset(
    {SarcopeniaStatus.PROBABLE, SarcopeniaStatus.CONFIRMED, SarcopeniaStatus.SEVERE}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    """Everything the assessment computes for one client on one date."""

    schema_version: int = 1
    as_of: date
    tests_date: date | None
    tests_age_days: int | None
    """Days between the functional tests and ``as_of`` (``None`` when undated)."""
    tests: tuple[FunctionalResult, ...]
    sppb: SppbScore | None
    """Component scores when the SPPB parts were recorded (the ``falls`` and passport use the
    recorded total when one is given)."""
    falls: FallsRiskResult
    passport: VivifrailPassport | None
    sarcopenia: SarcopeniaResult
    bone: BoneStatus
    height_loss_cm: float | None
    height_loss_flag: bool
    findings: tuple[Finding, ...]


def assess(profile: ClientProfile, *, as_of: date) -> Assessment:
    """Assess a client: functional tests, falls risk, passport, sarcopenia, bone, height.

    Args:
        profile: the client.
        as_of: the date of the assessment (the engine never reads the clock); used to date
            the result and to report how old the functional tests are.

    Returns:
        :class:`Assessment` with findings citing rules R9, R23, R24, R25, R27, R28 and R33,
        and ``EWGSOP2`` for sarcopenia (no R-rule covers it).
    """
    t = profile.tests
    bone = classify_bone(profile)
    falls = assess_falls_risk(profile)
    passport = vivifrail_passport(profile)
    sarcopenia = sarcopenia_screen(profile)
    loss = height_loss_cm(profile)
    flag = loss is not None and loss >= HEIGHT_LOSS_FLAG_CM
    sppb = score_sppb(t.sppb_parts) if t.sppb_parts is not None and sppb_parts_recorded(t) else None
    findings = [
        *_bone_findings(bone),
        *_falls_findings(falls),
        *_passport_findings(passport, profile.age),
    ]
    if sarcopenia.status in _SARCOPENIA_FINDING:
        findings.append(
            Finding(
                rule="EWGSOP2",
                severity=Severity.SHOULD,
                message="",
                code="sarcopenia",
                data={"status": sarcopenia.status.value, "low_mass": sarcopenia.low_mass},
            )
        )
    if flag and loss is not None:
        findings.append(_height_loss_finding(loss))
    tests_age = (as_of - t.date).days if t.date is not None else None
    return Assessment(
        as_of=as_of,
        tests_date=t.date,
        tests_age_days=tests_age,
        tests=evaluate_tests(profile),
        sppb=sppb,
        falls=falls,
        passport=passport,
        sarcopenia=sarcopenia,
        bone=bone,
        height_loss_cm=loss,
        height_loss_flag=flag,
        findings=tuple(findings),
    )


def _bone_findings(bone: BoneStatus) -> list[Finding]:
    """R27 always (code ``bone_category``: said by the wording layer from its data); R28
    when the deciding T-score was computed from g/cm2."""
    findings = [
        Finding(
            rule="R27",
            severity=Severity.INFO,
            message="",
            code="bone_category",
            data=bone_finding_data(bone),
        )
    ]
    if bone.computed:
        findings.append(_coded("R28", Severity.INFO, "t_score_computed"))
    return findings


def _coded(rule: str, severity: Severity, code: str, **data: Any) -> Finding:
    """A finding the wording layer says from its code and data (the message is empty)."""
    return Finding(rule=rule, severity=severity, message="", code=code, data=data)


def _falls_findings(falls: FallsRiskResult) -> list[Finding]:
    """R9 by falls-risk tier; for high risk also R23 (balance) and R24 (walking is not
    falls prevention). ``factors``: the criteria met (:func:`falls_factor_data`)."""
    factors = [falls_factor_data(f) for f in falls.factors]
    if falls.level is FallsRisk.HIGH:
        return [
            _coded("R9", Severity.MUST, "falls_high_supervision", factors=factors),
            _coded("R23", Severity.MUST, "balance_hours"),
            _coded("R24", Severity.MUST, "walking_not_falls_prevention"),
        ]
    if falls.level is FallsRisk.INTERMEDIATE:
        return [_coded("R9", Severity.SHOULD, "falls_some", factors=factors)]
    if falls.level is FallsRisk.UNKNOWN:
        return [_coded("R9", Severity.INFO, "falls_unknown")]
    return []


def _passport_findings(passport: VivifrailPassport | None, age: int) -> list[Finding]:
    """R25: the passport (A: seated or supported work only), or a request to record the
    tests from age 70."""
    if passport is not None:
        severity = Severity.MUST if passport.letter == "A" else Severity.INFO
        return [
            _coded(
                "R25",
                severity,
                "passport",
                letter=passport.letter,
                display=passport.display,
                plus=passport.plus,
            )
        ]
    if age >= VIVIFRAIL_MIN_AGE:
        return [_coded("R25", Severity.SHOULD, "passport_tests_needed", age=VIVIFRAIL_MIN_AGE)]
    return []


def _height_loss_finding(loss: float) -> Finding:
    """R33: 2 cm or more of height lost asks for a vertebral fracture assessment."""
    return _coded("R33", Severity.SHOULD, "height_fallen", cm=loss, limit=HEIGHT_LOSS_FLAG_CM)
