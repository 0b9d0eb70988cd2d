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
    """Falls-risk tier (R9) with one plain sentence per criterion met."""

    level: FallsRisk
    reasons: tuple[str, ...]
    """One sentence per criterion met (high and intermediate); empty for low/unknown."""
    vivifrail_plus: bool
    """True when one of Vivifrail's own "+" criteria is met: TUG >= 20 s, gait speed
    < 0.8 m/s, dementia, two or more falls or a fall with injury in the past year."""
    message: str = ""
    factors: tuple[FallsFactor, ...] = ()
    """The criteria met as data (one per reason, same order), for the wording layer."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FallsFactor:
    """One falls-risk criterion met: which (``code``), the value measured and its limit."""

    code: str
    """``falls_recurrent``, ``fall_injury``, ``tug_high``, ``gait_slow``, ``dementia``,
    ``sppb_frail``, ``one_fall``, ``one_fall_injury_unknown``, ``tug_some``,
    ``chair_stand_low``, ``stance_short``, ``sppb_prefrail``."""
    value: float | None = None
    limit: float | None = None


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
        :class:`FallsRiskResult` with one plain-language reason per criterion met.
    """
    tests = profile.tests
    high, factors, plus = _high_risk_criteria(profile)
    mid, mid_factors = _intermediate_criteria(profile)
    if high:
        level = FallsRisk.HIGH
        message = "High risk of falling: balance and strength work come first, impact stays low."
    elif mid:
        level = FallsRisk.INTERMEDIATE
        message = "Some risk of falling: strength and balance exercise is the main remedy."
    elif profile.falls_last_year is not None or _falls_tests_present(tests):
        level = FallsRisk.LOW
        message = "Low risk of falling on the information recorded."
        if profile.falls_last_year is None:
            message += " The number of falls in the last year is not recorded."
    else:
        level = FallsRisk.UNKNOWN
        message = (
            "Falls risk is unknown: record falls in the last year and a balance test "
            "(for example Timed Up and Go)."
        )
    return FallsRiskResult(
        level=level,
        reasons=tuple(high + mid),
        vivifrail_plus=plus,
        message=message,
        factors=tuple(factors + mid_factors),
    )


def _high_risk_criteria(profile: ClientProfile) -> tuple[list[str], list[FallsFactor], bool]:
    """R9's high-risk criteria met (a sentence and a factor each), and whether one of
    Vivifrail's own "+" criteria is met."""
    tests = profile.tests
    high: list[str] = []
    factors: list[FallsFactor] = []
    plus = False
    falls = profile.falls_last_year
    injury = profile.fall_with_injury_last_year

    if falls is not None and falls >= FALLS_RECURRENT:
        high.append(f"{falls} falls in the last year (two or more is high risk).")
        factors.append(FallsFactor(code="falls_recurrent", value=falls, limit=FALLS_RECURRENT))
        plus = True
    if injury:
        high.append("A fall in the last year caused an injury.")
        factors.append(FallsFactor(code="fall_injury"))
        plus = True
    tug = tests.tug_s
    if tug is not None and tug >= norms.TUG_HIGH_RISK_S:
        high.append(
            f"Timed Up and Go took {tug:g} s ({norms.TUG_HIGH_RISK_S:g} s or more is high risk)."
        )
        factors.append(FallsFactor(code="tug_high", value=tug, limit=norms.TUG_HIGH_RISK_S))
        if tug >= norms.TUG_SEVERE_S:
            plus = True
    speed = gait_speed(tests)
    if speed is not None and speed < norms.GAIT_SPEED_HIGH_RISK_M_S:
        high.append(
            f"Walking speed is {speed:.2f} m/s (below {norms.GAIT_SPEED_HIGH_RISK_M_S:.1f} m/s "
            "is high risk)."
        )
        factors.append(
            FallsFactor(code="gait_slow", value=speed, limit=norms.GAIT_SPEED_HIGH_RISK_M_S)
        )
        plus = True
    if Condition.DEMENTIA in profile.conditions:
        high.append("Dementia raises the risk of falling.")
        factors.append(FallsFactor(code="dementia"))
        plus = True
    sppb = sppb_total(tests)
    if sppb is not None and sppb <= SPPB_FRAIL_MAX:
        high.append(f"SPPB score {sppb} of 12 ({SPPB_FRAIL_MAX} or less indicates frailty).")
        factors.append(FallsFactor(code="sppb_frail", value=sppb, limit=SPPB_FRAIL_MAX))
    return high, factors, plus


def _intermediate_criteria(profile: ClientProfile) -> tuple[list[str], list[FallsFactor]]:
    """R9's intermediate criteria met (a sentence and a factor each)."""
    tests = profile.tests
    mid: list[str] = []
    mid_factors: list[FallsFactor] = []
    falls = profile.falls_last_year
    injury = profile.fall_with_injury_last_year
    tug = tests.tug_s
    sppb = sppb_total(tests)
    if falls == 1 and not injury:
        if injury is None:
            mid.append("One fall in the last year (whether it caused an injury is not recorded).")
            mid_factors.append(FallsFactor(code="one_fall_injury_unknown", value=1))
        else:
            mid.append("One fall in the last year, without injury.")
            mid_factors.append(FallsFactor(code="one_fall", value=1))
    if tug is not None and norms.TUG_STEADI_AT_RISK_S <= tug < norms.TUG_HIGH_RISK_S:
        mid.append(
            f"Timed Up and Go took {tug:g} s ({norms.TUG_STEADI_AT_RISK_S:g} s or more means "
            "some risk of falling)."
        )
        mid_factors.append(
            FallsFactor(code="tug_some", value=tug, limit=norms.TUG_STEADI_AT_RISK_S)
        )
    stands = tests.chair_stand_30s
    if stands is not None:
        band, borrowed = norms.chair_stand_band(profile.age)
        threshold = norms.chair_stand_below_threshold(band, profile.sex)
        if stands < threshold:
            ages = f"{band.age_low}-{band.age_high}"
            extra = " (norms start at 60; the 60-64 band is used)" if borrowed else ""
            mid.append(
                f"{stands} chair stands in 30 s is below average for age {ages}{extra} "
                f"(fewer than {threshold}): the legs are weaker than they should be."
            )
            mid_factors.append(FallsFactor(code="chair_stand_low", value=stands, limit=threshold))
    stance = tests.single_leg_stance_s
    if stance is not None and stance < norms.SINGLE_LEG_STANCE_RISK_S:
        mid.append(
            f"Stood on one leg for {stance:g} s (less than {norms.SINGLE_LEG_STANCE_RISK_S:g} s "
            "predicts injurious falls)."
        )
        mid_factors.append(
            FallsFactor(code="stance_short", value=stance, limit=norms.SINGLE_LEG_STANCE_RISK_S)
        )
    if sppb is not None and SPPB_FRAIL_MAX < sppb <= SPPB_PREFRAIL_MAX:
        mid.append(
            f"SPPB score {sppb} of 12 ({SPPB_FRAIL_MAX + 1}-{SPPB_PREFRAIL_MAX} is pre-frailty)."
        )
        mid_factors.append(FallsFactor(code="sppb_prefrail", value=sppb, limit=SPPB_PREFRAIL_MAX))
    return mid, mid_factors


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
    label: str
    reasons: tuple[str, ...]
    display: str = ""
    """The letter with "+" when ``plus`` (e.g. ``B+``)."""


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
    candidates: list[tuple[str, str]] = []
    if total is not None:
        letter = _letter_from_sppb(total)
        candidates.append((letter, f"SPPB {total} of 12 points to passport {letter}."))
    if speed is not None:
        letter = _letter_from_gait(speed)
        candidates.append((letter, f"Walking speed {speed:.2f} m/s points to passport {letter}."))
    if not candidates:
        return None
    letter = min(c[0] for c in candidates)
    reasons = [c[1] for c in candidates]
    if len({c[0] for c in candidates}) > 1:
        reasons.append(f"The two disagree; the more protective passport, {letter}, is used.")
    falls = assess_falls_risk(profile)
    plus = falls.level is FallsRisk.HIGH
    if plus:
        reasons.append("High risk of falling adds '+': extra balance exercises.")
    display = f"{letter}+" if plus else letter
    label = f"Vivifrail passport {display} ({VIVIFRAIL_LABELS[letter]})"
    if plus:
        label += " with extra balance work for high falls risk"
    return VivifrailPassport(
        letter=letter, plus=plus, label=label, reasons=tuple(reasons), display=display
    )
