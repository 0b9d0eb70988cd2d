"""Projecting muscle (section 10): :func:`project_muscle` gives the course of muscle mass and
strength untrained and trained, % per year, the training effect capped at 12 months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..profile import ClientProfile
from ..vocabulary import Sex
from .bone import LIFTMOR_SOURCE, ProjectionPoint, check_months, projection_point
from .effects import MONTHS_PER_YEAR, SCHEMA_VERSION, Band, ramp
from .notes import NoteCode, ProjectionNote, as_loss, note

# =========================================================================================
# Muscle projection (section 10), % per year
# =========================================================================================

#: Untrained muscle mass, women 50+: Mitchell 2012 longitudinal at 75 y, -0.64 to -0.70 %/y
#: (central -0.7) [V]; low -1.0: Health ABC leg lean mass ~-1 %/y (Goodpaster 2006) [V].
#: (von Haehling 2010 quotes 1-2 %/y after 50 [V], a higher estimate.)
MASS_UNTRAINED_WOMEN = Band(low=-1.0, central=-0.7, high=-0.64)
#: Untrained muscle mass, men 50+: Mitchell 2012, -0.80 to -0.98 %/y [V]; central midpoint.
MASS_UNTRAINED_MEN = Band(low=-0.98, central=-0.9, high=-0.8)
#: Untrained muscle mass under 50: 3-8 % per decade from ~30 (Munro 1982 / Volpi 2004)
#: [V, secondary]; central midpoint.
MASS_UNTRAINED_UNDER_50 = Band(low=-0.8, central=-0.55, high=-0.3)
#: Untrained strength 50-59: von Haehling 2010, -1.5 %/y [V]; -/+ 0.5 points our estimate.
#: Also used under 50 (no source there; probably overstates loss).
STRENGTH_UNTRAINED_50S = Band(low=-2.0, central=-1.5, high=-1.0)
#: Untrained strength 60+, women: Goodpaster 2006 leg strength -2.6 %/y (white women) and
#: -3.0 %/y (black women) [V]; Mitchell 2012 ~2.5-3 %/y [R].
STRENGTH_UNTRAINED_WOMEN_60 = Band(low=-3.0, central=-2.6, high=-2.5)
#: Untrained strength 60+, men: Goodpaster 2006 -3.4 / -4.1 %/y [V]; von Haehling -3 %/y [V].
STRENGTH_UNTRAINED_MEN_60 = Band(low=-4.1, central=-3.4, high=-3.0)
MUSCLE_LOSS_FROM_AGE = 50
STRENGTH_FAST_LOSS_FROM_AGE = 60
#: Trained muscle mass, first year: up to LIFTMOR-M's +1.5 % lean mass in 8 months
#: (HiRIT vs -2.4 % control, men) [V], not annualised (R30 spirit: no extrapolation);
#: low 0, central midpoint - an estimate. No women's figure in the evidence file.
MASS_TRAINED = Band(low=0.0, central=0.75, high=1.5)
#: Trained strength, first year: **estimate**, not a sourced figure. LIFTMOR improved back
#: and leg strength more than control (p < 0.001) [V]; a secondary source reports +44 %
#: back-extensor strength [U]. We show a modest +5 to +30 %, central +15 %.
STRENGTH_TRAINED = Band(low=5.0, central=15.0, high=30.0)
#: Training gains are projected for 12 months and held flat after (our choice, as R30).
TRAINING_EFFECT_CAP_MONTHS = 12

MUSCLE_SOURCES: tuple[str, ...] = (
    "von Haehling S et al. J Cachexia Sarcopenia Muscle 2010 (PMC3505577)",
    "Mitchell WK et al. Front Physiol 2012;3:260 (doi:10.3389/fphys.2012.00260)",
    "Goodpaster BH et al. J Gerontol A 2006;61:1059-1064 (Health ABC)",
    "Harding AT et al. LIFTMOR-M, J Bone Miner Res 2020",
    LIFTMOR_SOURCE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class MuscleCourse:
    """One trajectory: the yearly rate range and the cumulative change with monthly points."""

    rate_pct_per_year: float
    rate_low: float
    rate_high: float
    pct_change: float
    low: float
    high: float
    points: tuple[ProjectionPoint, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MuscleMeasure:
    """One measure (muscle mass or strength) with and without resistance training."""

    untrained: MuscleCourse
    trained: MuscleCourse


@dataclass(frozen=True, slots=True, kw_only=True)
class MuscleProjection:
    """Projected % change in muscle mass and strength, with and without training."""

    schema_version: int = SCHEMA_VERSION
    as_of: date
    months: int
    mass: MuscleMeasure
    strength: MuscleMeasure
    notes: tuple[ProjectionNote, ...]
    """What the projection assumes, as codes with their figures."""
    sources: tuple[str, ...]


def _linear_course(rate: Band, months: int) -> MuscleCourse:
    points = tuple(projection_point(m, rate.scaled(m / MONTHS_PER_YEAR)) for m in range(months + 1))
    last = points[-1]
    return MuscleCourse(
        rate_pct_per_year=rate.central,
        rate_low=rate.low,
        rate_high=rate.high,
        pct_change=last.pct,
        low=last.low,
        high=last.high,
        points=points,
    )


def _capped_course(gain: Band, months: int) -> MuscleCourse:
    points = tuple(
        projection_point(m, gain.scaled(ramp(m, TRAINING_EFFECT_CAP_MONTHS)))
        for m in range(months + 1)
    )
    last = points[-1]
    return MuscleCourse(
        rate_pct_per_year=gain.central,
        rate_low=gain.low,
        rate_high=gain.high,
        pct_change=last.pct,
        low=last.low,
        high=last.high,
        points=points,
    )


def project_muscle(profile: ClientProfile, *, months: int = 12, as_of: date) -> MuscleProjection:
    """Project muscle mass and strength with and without resistance training (section 10).

    Args:
        profile: the client (age and sex choose the rates).
        months: horizon, 1 to 60.
        as_of: today's date (stamped on the result).

    Returns:
        :class:`MuscleProjection`. Without training: linear loss at the published rates
        (mass women -0.64 to -1.0 %/y; strength -1.5 %/y at 50-59, about -2.5 to -3 %/y for
        women from 60). With training: a first-year gain (mass 0 to +1.5 %, strength +5 to
        +30 % - an estimate) reached over 12 months and held flat after. Every range brackets
        its central value.
    """
    check_months(months)
    female = profile.sex is Sex.FEMALE
    age = profile.age
    if age < MUSCLE_LOSS_FROM_AGE:
        mass = MASS_UNTRAINED_UNDER_50
    else:
        mass = MASS_UNTRAINED_WOMEN if female else MASS_UNTRAINED_MEN
    if age < STRENGTH_FAST_LOSS_FROM_AGE:
        strength = STRENGTH_UNTRAINED_50S
    else:
        strength = STRENGTH_UNTRAINED_WOMEN_60 if female else STRENGTH_UNTRAINED_MEN_60
    notes = [
        note(NoteCode.MUSCLE_UNTRAINED),
        note(NoteCode.MUSCLE_TRAINED, months=TRAINING_EFFECT_CAP_MONTHS),
        note(NoteCode.RANGES),
    ]
    if age < STRENGTH_FAST_LOSS_FROM_AGE:
        notes.append(
            note(
                NoteCode.STRENGTH_BEFORE_60,
                loss_pct=as_loss(STRENGTH_UNTRAINED_50S.central),
                age=STRENGTH_FAST_LOSS_FROM_AGE,
                from_age=MUSCLE_LOSS_FROM_AGE,
            )
        )
    return MuscleProjection(
        as_of=as_of,
        months=months,
        mass=MuscleMeasure(
            untrained=_linear_course(mass, months), trained=_capped_course(MASS_TRAINED, months)
        ),
        strength=MuscleMeasure(
            untrained=_linear_course(strength, months),
            trained=_capped_course(STRENGTH_TRAINED, months),
        ),
        notes=tuple(notes),
        sources=MUSCLE_SOURCES,
    )
