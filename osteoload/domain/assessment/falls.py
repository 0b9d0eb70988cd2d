"""Falls risk (R9) and the Vivifrail passport (R25).

:func:`assess_falls_risk` stratifies falls risk from falls, TUG, gait speed, chair stands,
stance and SPPB (World Falls Guidelines 2022, section 4.3); :func:`vivifrail_passport`
assigns passport A-D from the SPPB or gait speed to people aged 70 and over (section 4.4).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import norms
from ..profile import ClientProfile, FunctionalTests
from ..vocabulary import (
    Condition,
    FallsRisk,
)
from .function_tests import SPPB_FRAIL_MAX, SPPB_PREFRAIL_MAX, gait_speed, sppb_total

# =========================================================================================
# Falls risk (R9; World Falls Guidelines 2022, section 4.3; Vivifrail, section 4.4)
# =========================================================================================

#: R9: two or more falls in the last 12 months is high risk (World Falls Guidelines [R];
#: "recurrent falls" in Vivifrail "+" [V]).
FALLS_RECURRENT = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class FallsRiskResult:
    """Falls-risk tier (R9) with the criteria met as :class:`FallsFactor` codes.

    The engine says no sentences: ``reasons`` (one per factor) and ``message`` are empty
    from the engine and said by ``osteoload.wording.assessment`` in the active language."""

    level: FallsRisk
    reasons: tuple[str, ...] = ()
    """One sentence per criterion met (high and intermediate), filled by the services."""
    vivifrail_plus: bool
    """True when one of Vivifrail's own "+" criteria is met: TUG >= 20 s, gait speed
    < 0.8 m/s, dementia, two or more falls or a fall with injury in the past year."""
    message: str = ""
    factors: tuple[FallsFactor, ...] = ()
    """The criteria met as data (one per reason, same order), for the wording layer."""
    falls_not_recorded: bool = False
    """The number of falls in the last year is not recorded (said with a low risk)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FallsFactor:
    """One falls-risk criterion met: which (``code``), the value measured and its limit."""

    code: str
    """``falls_recurrent``, ``fall_injury``, ``tug_high``, ``gait_slow``, ``dementia``,
    ``sppb_frail``, ``one_fall``, ``one_fall_injury_unknown``, ``tug_some``,
    ``chair_stand_low``, ``stance_short``, ``sppb_prefrail``."""
    value: float | None = None
    limit: float | None = None
    ages: tuple[int, int] | None = None
    """``chair_stand_low``: the age band of the norm used."""
    borrowed: bool = False
    """``chair_stand_low``: under 60, the 60-64 band is used (norms start at 60)."""


def falls_factor_data(factor: FallsFactor) -> dict[str, object]:
    """A factor as the R9 finding's data: code, value and limit, and the norm's age band
    for the chair stands."""
    data: dict[str, object] = {"code": factor.code, "value": factor.value, "limit": factor.limit}
    if factor.ages is not None:
        data.update(ages=list(factor.ages), borrowed=factor.borrowed)
    return data


def _falls_tests_present(tests: FunctionalTests) -> bool:
    return any(
        v is not None
        for v in (
            tests.tug_s,
            tests.chair_stand_30s,
            tests.single_leg_stance_s,
            gait_speed(tests),
            sppb_total(tests),
        )
    )


def assess_falls_risk(profile: ClientProfile) -> FallsRiskResult:
    """Stratify falls risk as ``high``, ``intermediate``, ``low`` or ``unknown`` (R9).

    High (any one): >= 2 falls in the last year; a fall with injury; TUG >= 13.5 s (Barry
    2014 [V]); usual gait speed < 0.8 m/s (0.80 is not below; World Falls [R], Vivifrail [V]);
    a ``dementia`` condition (Vivifrail [V]); SPPB <= 6 (frailty; our choice, see
    :data:`SPPB_FRAIL_MAX`).

    Intermediate (any one, when not high): exactly one fall without injury (an unrecorded
    injury counts as intermediate and is said); TUG >= 12 s (STEADI [R]); 30-s chair stand
    below the STEADI threshold for age and sex (section 5.2); single-leg stance < 5 s
    (Vellas 1997 [R]); SPPB 7-9.

    Low: no criterion met and either ``falls_last_year`` is known or at least one falls test
    (TUG, chair stand, single-leg stance, gait speed, SPPB) is recorded. Unknown otherwise.
    Gait speed comes from the SPPB 4-m walk when not measured directly.

    Returns:
        :class:`FallsRiskResult` with one factor (a code) per criterion met.
    """
    tests = profile.tests
    high, plus = _high_risk_criteria(profile)
    mid = _intermediate_criteria(profile)
    if high:
        level = FallsRisk.HIGH
    elif mid:
        level = FallsRisk.INTERMEDIATE
    elif profile.falls_last_year is not None or _falls_tests_present(tests):
        level = FallsRisk.LOW
    else:
        level = FallsRisk.UNKNOWN
    return FallsRiskResult(
        level=level,
        vivifrail_plus=plus,
        factors=tuple(high + mid),
        falls_not_recorded=level is FallsRisk.LOW and profile.falls_last_year is None,
    )


def _high_risk_criteria(profile: ClientProfile) -> tuple[list[FallsFactor], bool]:
    """R9's high-risk criteria met (a factor each), and whether one of Vivifrail's own "+"
    criteria is met."""
    tests = profile.tests
    factors: list[FallsFactor] = []
    plus = False
    falls = profile.falls_last_year
    if falls is not None and falls >= FALLS_RECURRENT:
        factors.append(FallsFactor(code="falls_recurrent", value=falls, limit=FALLS_RECURRENT))
        plus = True
    if profile.fall_with_injury_last_year:
        factors.append(FallsFactor(code="fall_injury"))
        plus = True
    tug = tests.tug_s
    if tug is not None and tug >= norms.TUG_HIGH_RISK_S:
        factors.append(FallsFactor(code="tug_high", value=tug, limit=norms.TUG_HIGH_RISK_S))
        if tug >= norms.TUG_SEVERE_S:
            plus = True
    speed = gait_speed(tests)
    if speed is not None and speed < norms.GAIT_SPEED_HIGH_RISK_M_S:
        factors.append(
            FallsFactor(code="gait_slow", value=speed, limit=norms.GAIT_SPEED_HIGH_RISK_M_S)
        )
        plus = True
    if Condition.DEMENTIA in profile.conditions:
        factors.append(FallsFactor(code="dementia"))
        plus = True
    sppb = sppb_total(tests)
    if sppb is not None and sppb <= SPPB_FRAIL_MAX:
        factors.append(FallsFactor(code="sppb_frail", value=sppb, limit=SPPB_FRAIL_MAX))
    return factors, plus


def _intermediate_criteria(profile: ClientProfile) -> list[FallsFactor]:
    """R9's intermediate criteria met (a factor each)."""
    tests = profile.tests
    factors: list[FallsFactor] = []
    injury = profile.fall_with_injury_last_year
    tug = tests.tug_s
    sppb = sppb_total(tests)
    if profile.falls_last_year == 1 and not injury:
        code = "one_fall_injury_unknown" if injury is None else "one_fall"
        factors.append(FallsFactor(code=code, value=1))
    if tug is not None and norms.TUG_STEADI_AT_RISK_S <= tug < norms.TUG_HIGH_RISK_S:
        factors.append(FallsFactor(code="tug_some", value=tug, limit=norms.TUG_STEADI_AT_RISK_S))
    stands = tests.chair_stand_30s
    if stands is not None:
        band, borrowed = norms.chair_stand_band(profile.age)
        threshold = norms.chair_stand_below_threshold(band, profile.sex)
        if stands < threshold:
            factors.append(
                FallsFactor(
                    code="chair_stand_low",
                    value=stands,
                    limit=threshold,
                    ages=(band.age_low, band.age_high),
                    borrowed=borrowed,
                )
            )
    stance = tests.single_leg_stance_s
    if stance is not None and stance < norms.SINGLE_LEG_STANCE_RISK_S:
        factors.append(
            FallsFactor(code="stance_short", value=stance, limit=norms.SINGLE_LEG_STANCE_RISK_S)
        )
    if sppb is not None and SPPB_FRAIL_MAX < sppb <= SPPB_PREFRAIL_MAX:
        factors.append(FallsFactor(code="sppb_prefrail", value=sppb, limit=SPPB_PREFRAIL_MAX))
    return factors


# =========================================================================================
# Vivifrail passport (R25; section 4.4)
# =========================================================================================

#: R25: passports are assigned to people aged 70 and over (Vivifrail). [V]
VIVIFRAIL_MIN_AGE = 70
#: Vivifrail assignment by SPPB total: (highest SPPB, letter); 0-3 A, 4-6 B, 7-9 C,
#: 10-12 D (BMC Geriatrics 2022 table 2). [V]
VIVIFRAIL_SPPB: tuple[tuple[int, str], ...] = ((3, "A"), (6, "B"), (9, "C"), (12, "D"))
#: Vivifrail assignment by usual gait speed: < 0.5 m/s A, 0.5-0.8 B, 0.9-1.0 C, > 1.0 D [V].
#: The published bands leave 0.81-0.89 m/s unassigned; we give it B (the lower, more
#: protective passport), so 0.80 m/s is B as in worked example 14.6. Entries: (speed the
#: value must be below, letter); the last band (> 1.0) is D.
VIVIFRAIL_GAIT_BELOW: tuple[tuple[float, str], ...] = ((0.5, "A"), (0.9, "B"))
VIVIFRAIL_GAIT_C_MAX_M_S = 1.0
VIVIFRAIL_LABELS: dict[str, str] = {
    "A": "disability",
    "B": "frailty",
    "C": "pre-frailty",
    "D": "robust",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class VivifrailPassport:
    """A Vivifrail exercise passport (A-D) and the "+" (extra balance) flag."""

    letter: str
    plus: bool
    label: str = ""
    """Filled by the services in the active language (``osteoload.wording.assessment``)."""
    reasons: tuple[str, ...] = ()
    """Filled by the services, from the letters below."""
    display: str = ""
    """The letter with "+" when ``plus`` (e.g. ``B+``)."""
    sppb: int | None = None
    sppb_letter: str | None = None
    """The passport the SPPB total points to."""
    gait_speed_m_s: float | None = None
    gait_letter: str | None = None
    """The passport the usual gait speed points to."""


def _letter_from_sppb(total: int) -> str:
    for top, letter in VIVIFRAIL_SPPB:
        if total <= top:
            return letter
    return "D"


def _letter_from_gait(speed: float) -> str:
    for below, letter in VIVIFRAIL_GAIT_BELOW:
        if speed < below:
            return letter
    return "C" if speed <= VIVIFRAIL_GAIT_C_MAX_M_S else "D"


def vivifrail_passport(profile: ClientProfile) -> VivifrailPassport | None:
    """Assign a Vivifrail passport to a client aged 70 or over (R25; section 4.4).

    The letter comes from the SPPB total (0-3 A, 4-6 B, 7-9 C, 10-12 D) and the usual gait
    speed in m/s (< 0.5 A, 0.5-0.89 B, 0.9-1.0 C, > 1.0 D). When the two disagree the lower,
    more protective letter is used (worked example 14.6: SPPB 8 -> C, 0.80 m/s -> B, so B).
    ``plus`` is set when falls risk is high (R9), which adds the extra balance work of the
    "+" passport; it covers Vivifrail's own "+" criteria.

    Returns:
        The passport, or ``None`` under 70 or when neither SPPB nor gait speed is recorded.
    """
    if profile.age < VIVIFRAIL_MIN_AGE:
        return None
    tests = profile.tests
    total = sppb_total(tests)
    speed = gait_speed(tests)
    sppb_letter = _letter_from_sppb(total) if total is not None else None
    gait_letter = _letter_from_gait(speed) if speed is not None else None
    letters = [x for x in (sppb_letter, gait_letter) if x is not None]
    if not letters:
        return None
    letter = min(letters)
    plus = assess_falls_risk(profile).level is FallsRisk.HIGH
    return VivifrailPassport(
        letter=letter,
        plus=plus,
        display=f"{letter}+" if plus else letter,
        sppb=total,
        sppb_letter=sppb_letter,
        gait_speed_m_s=speed,
        gait_letter=gait_letter,
    )
