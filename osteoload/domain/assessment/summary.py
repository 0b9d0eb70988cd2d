"""The whole assessment of one client on one date: :func:`assess` gathers bone (R27, R28),
falls (R9, R23, R24), passport (R25), sarcopenia (EWGSOP2), functional tests and height
loss (R33) into one :class:`Assessment` with its findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
        findings.append(
            Finding(
                rule="R28",
                severity=Severity.INFO,
                message="The deciding T-score was computed from g/cm2; confirm it with the "
                "DXA report when possible.",
            )
        )
    return findings


def _falls_findings(falls: FallsRiskResult) -> list[Finding]:
    """R9 by falls-risk tier; for high risk also R23 (balance) and R24 (walking is not
    falls prevention)."""
    if falls.level is FallsRisk.HIGH:
        return [
            Finding(
                rule="R9",
                severity=Severity.MUST,
                message="High risk of falling: impact stays low and free weights heavier than "
                "body weight only with supervision. " + " ".join(falls.reasons),
            ),
            Finding(
                rule="R23",
                severity=Severity.MUST,
                message="Balance training at least 3 hours a week, with progressive challenge.",
            ),
            Finding(
                rule="R24",
                severity=Severity.MUST,
                message="A brisk-walking program is not a falls-prevention program for her; "
                "balance and strength work are.",
            ),
        ]
    if falls.level is FallsRisk.INTERMEDIATE:
        return [
            Finding(
                rule="R9",
                severity=Severity.SHOULD,
                message="Some risk of falling. " + " ".join(falls.reasons),
            )
        ]
    if falls.level is FallsRisk.UNKNOWN:
        return [Finding(rule="R9", severity=Severity.INFO, message=falls.message)]
    return []


def _passport_findings(passport: VivifrailPassport | None, age: int) -> list[Finding]:
    """R25: the passport's label (A: seated or supported work only), or a request to
    record the tests from age 70."""
    if passport is not None:
        severity = Severity.MUST if passport.letter == "A" else Severity.INFO
        message = passport.label + "."
        if passport.letter == "A":
            message += " Seated or supported strength work only, no impact; medical review first."
        return [Finding(rule="R25", severity=severity, message=message)]
    if age >= VIVIFRAIL_MIN_AGE:
        return [
            Finding(
                rule="R25",
                severity=Severity.SHOULD,
                message="Aged 70 or over: record the SPPB and gait speed to assign a Vivifrail "
                "passport.",
            )
        ]
    return []


def _height_loss_finding(loss: float) -> Finding:
    """R33: 2 cm or more of height lost asks for a vertebral fracture assessment."""
    return Finding(
        rule="R33",
        severity=Severity.SHOULD,
        message=f"Height has fallen by {loss:g} cm since the first measurement "
        f"({HEIGHT_LOSS_FLAG_CM:g} cm or more): ask for a spine X-ray or vertebral "
        "fracture assessment.",
    )
