"""Cut-offs and age norms for the functional tests (clinical-evidence.md sections 5 and 10).

Every number here is a published cut-off or a published mean, stored once with its source
and its status tag from the evidence file: **[V]** verified, **[R]** recalled (probably
right, not re-read), **[U]** uncertain. The assessment module (:mod:`.assessment`) reads
these constants; nothing else should repeat them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InvalidInput
from .vocabulary import Sex

# --- Timed Up and Go (section 5.1) -------------------------------------------------------

#: R9 (intermediate tier): CDC STEADI calls a TUG of 12 s or more "at risk of falling". [R]
TUG_STEADI_AT_RISK_S = 12.0
#: R9: TUG >= 13.5 s is high falls risk (Shumway-Cook 2000; Barry et al. BMC Geriatr 2014,
#: PMC3924230: specificity 0.74, sensitivity 0.31 - better at ruling in than out). [V]
TUG_HIGH_RISK_S = 13.5
#: EWGSOP2 severe sarcopenia (low performance) and Vivifrail "+" criterion: TUG >= 20 s
#: (Cruz-Jentoft 2019; Izquierdo 2017). [V]
TUG_SEVERE_S = 20.0


@dataclass(frozen=True, slots=True, kw_only=True)
class AgeNorm:
    """A published mean value for an age band (inclusive bounds, in years)."""

    age_low: int
    age_high: int
    value: float


#: Mean TUG by age, seconds (Bohannon 2006 meta-analysis, section 5.1). [R]
TUG_AGE_NORMS_S: tuple[AgeNorm, ...] = (
    AgeNorm(age_low=60, age_high=69, value=8.1),
    AgeNorm(age_low=70, age_high=79, value=9.2),
    AgeNorm(age_low=80, age_high=99, value=11.3),
)

# --- 30-second chair stand (section 5.2) -------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ChairStandBand:
    """Rikli & Jones / CDC STEADI 30-s chair-stand norms for one 5-year age band.

    ``*_below`` is the STEADI "below average" threshold: fewer stands than this is below
    average (a falls-risk marker). ``*_high`` is the top of the normal range.
    """

    age_low: int
    age_high: int
    women_below: int
    women_high: int
    men_below: int
    men_high: int
    verified: bool
    """True for bands whose whole row is [V] in the evidence file (60-69); later rows' normal
    ranges are [R] (their "below average" thresholds are [V])."""


def _band(
    ages: tuple[int, int], women: tuple[int, int], men: tuple[int, int], *, verified: bool
) -> ChairStandBand:
    return ChairStandBand(
        age_low=ages[0],
        age_high=ages[1],
        women_below=women[0],
        women_high=women[1],
        men_below=men[0],
        men_high=men[1],
        verified=verified,
    )


#: 30-s chair stand by age and sex (Rikli & Jones 1999; CDC STEADI; section 5.2): per band
#: (ages), (women below-average threshold, top of normal), (men threshold, top of normal).
#: "Below average" thresholds are [V] for every band; normal ranges [V] for 60-69, [R] above.
CHAIR_STAND_BANDS: tuple[ChairStandBand, ...] = (
    _band((60, 64), (12, 17), (14, 19), verified=True),
    _band((65, 69), (11, 16), (12, 18), verified=True),
    _band((70, 74), (10, 15), (12, 17), verified=False),
    _band((75, 79), (10, 15), (11, 17), verified=False),
    _band((80, 84), (9, 14), (10, 15), verified=False),
    _band((85, 89), (8, 13), (8, 14), verified=False),
    _band((90, 94), (4, 11), (7, 12), verified=False),
)

# --- Five-times sit-to-stand (section 5.3) -----------------------------------------------

#: EWGSOP2: more than 15 s for five rises = low strength (probable sarcopenia). [V]
FIVE_STS_LOW_STRENGTH_S = 15.0

# --- Single-leg stance, eyes open (section 5.4) ------------------------------------------

#: Vellas 1997: unable to stand 5 s on one leg predicts injurious falls. [R]
SINGLE_LEG_STANCE_RISK_S = 5.0
#: Mean best-of-3 single-leg stance by age, seconds (Springer et al. 2007, J Geriatr Phys
#: Ther 30:8-15). [U] - from a secondary page; the paper reports sex-specific means.
SINGLE_LEG_STANCE_AGE_NORMS_S: tuple[AgeNorm, ...] = (
    AgeNorm(age_low=18, age_high=39, value=44.0),
    AgeNorm(age_low=40, age_high=49, value=41.0),
    AgeNorm(age_low=50, age_high=59, value=41.0),
    AgeNorm(age_low=60, age_high=69, value=32.0),
    AgeNorm(age_low=70, age_high=79, value=21.0),
    AgeNorm(age_low=80, age_high=99, value=9.0),
)

# --- Gait speed (section 5.5) ------------------------------------------------------------

#: R9 and Vivifrail "+": usual gait speed strictly below 0.8 m/s is high falls risk
#: (World Falls Guidelines 2022 [R]; Vivifrail [V]). 0.80 m/s itself does not meet it (14.6).
GAIT_SPEED_HIGH_RISK_M_S = 0.8
#: EWGSOP2 severity (low physical performance): gait speed <= 0.8 m/s (note: "<=", unlike
#: the falls criterion above). [V]
GAIT_SPEED_LOW_PERFORMANCE_M_S = 0.8
#: Health ABC used 1.0 m/s as a high-risk cut-point (Cesari 2009, PMC2695653). [V]
GAIT_SPEED_SLOW_M_S = 1.0
#: Mean comfortable gait speed of women by age, m/s (Bohannon & Andrews 2011, Physiotherapy
#: 97:182-189): 60-69 and 70-79 [R], 80-99 [V]. No male norms are in the evidence file.
GAIT_SPEED_WOMEN_AGE_NORMS_M_S: tuple[AgeNorm, ...] = (
    AgeNorm(age_low=60, age_high=69, value=1.30),
    AgeNorm(age_low=70, age_high=79, value=1.13),
    AgeNorm(age_low=80, age_high=99, value=0.94),
)
#: SPPB gait component is a 4-metre walk; gait speed = 4 m / time (worked example 14.6).
SPPB_WALK_M = 4.0

# --- Grip strength (section 5.7) and muscle mass (section 10) ----------------------------

#: EWGSOP2 low grip strength: < 16 kg women, < 27 kg men (Cruz-Jentoft 2019). [V]
GRIP_LOW_KG: dict[Sex, float] = {Sex.FEMALE: 16.0, Sex.MALE: 27.0}
#: EWGSOP2 low muscle quantity: appendicular skeletal muscle mass / height^2 below
#: 5.5 kg/m2 (women) or 7.0 kg/m2 (men). [V via reproduced tables]
ASM_LOW_KG_M2: dict[Sex, float] = {Sex.FEMALE: 5.5, Sex.MALE: 7.0}

# --- SPPB (section 5.6) ------------------------------------------------------------------

#: EWGSOP2: SPPB total <= 8 = low physical performance. [R]
SPPB_LOW_PERFORMANCE = 8


def age_norm(table: tuple[AgeNorm, ...], age: int) -> AgeNorm | None:
    """Return the band of ``table`` that contains ``age`` (years), or ``None`` outside it.

    Bands are inclusive at both ends. No extrapolation: an age outside every band has no
    norm. Raises :class:`InvalidInput` for a negative age.
    """
    if age < 0:
        raise InvalidInput(f"age {age} is negative")
    for band in table:
        if band.age_low <= age <= band.age_high:
            return band
    return None


def chair_stand_band(age: int) -> tuple[ChairStandBand, bool]:
    """Return the 30-s chair-stand band for ``age`` (years) and whether it was borrowed.

    The published table covers 60-94 years (section 5.2). Under 60 the 60-64 band is used and
    over 94 the 90-94 band; the second value is then ``True`` ("borrowed"). Using the 60-64
    band under 60 is conservative: a younger person below the 60-64 threshold is certainly
    below average for her age. Source: Rikli & Jones 1999; CDC STEADI.
    """
    if age < 0:
        raise InvalidInput(f"age {age} is negative")
    for band in CHAIR_STAND_BANDS:
        if band.age_low <= age <= band.age_high:
            return band, False
    if age < CHAIR_STAND_BANDS[0].age_low:
        return CHAIR_STAND_BANDS[0], True
    return CHAIR_STAND_BANDS[-1], True


def chair_stand_below_threshold(band: ChairStandBand, sex: Sex) -> int:
    """Stands in 30 s below which a person of ``sex`` is "below average" (STEADI, 5.2)."""
    return band.women_below if sex is Sex.FEMALE else band.men_below


def chair_stand_normal_high(band: ChairStandBand, sex: Sex) -> int:
    """Top of the normal 30-s chair-stand range for ``sex`` in ``band`` (section 5.2)."""
    return band.women_high if sex is Sex.FEMALE else band.men_high
