"""The client profile as the engine sees it: frozen, validated, everything in kg and cm.

Profiles are parsed and validated at the boundary (``osteoload.services.profiles``); the
engine trusts these records. Missing information is ``None`` (or an empty tuple) and is
treated conservatively by screening, which says so in a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .units import BandLevel
from .vocabulary import (
    Condition,
    Equipment,
    Experience,
    FractureRiskTool,
    FractureSite,
    Medication,
    Menopause,
    ScannerMake,
    Sex,
    Site,
    Symptom,
    Units,
)

_Date = date  # an alias usable inside classes that have a field named ``date``


@dataclass(frozen=True, slots=True, kw_only=True)
class BoneScan:
    """One DXA measurement of one site."""

    site: Site
    bmd_g_cm2: float | None = None
    t_score: float | None = None
    z_score: float | None = None
    date: date | None = None
    scanner: ScannerMake | None = None
    precision_g_cm2: float | None = None
    """The scanning centre's precision error (RMS-SD) for this site, when known (R29)."""
    recorded: bool = False
    """True for a scan recorded by her coach after intake (not part of the intake form);
    the latest recorded scan of a site wins over the intake's scores for that site (R27)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Bone:
    """Bone density as reported: the latest T- and Z-scores per site, and any scans."""

    lumbar_spine_t: float | None = None
    total_hip_t: float | None = None
    femoral_neck_t: float | None = None
    lumbar_spine_z: float | None = None
    total_hip_z: float | None = None
    femoral_neck_z: float | None = None
    scans: tuple[BoneScan, ...] = ()

    @property
    def t_scores(self) -> dict[Site, float]:
        values = {
            Site.LUMBAR_SPINE: self.lumbar_spine_t,
            Site.TOTAL_HIP: self.total_hip_t,
            Site.FEMORAL_NECK: self.femoral_neck_t,
        }
        return {site: v for site, v in values.items() if v is not None}

    @property
    def z_scores(self) -> dict[Site, float]:
        values = {
            Site.LUMBAR_SPINE: self.lumbar_spine_z,
            Site.TOTAL_HIP: self.total_hip_z,
            Site.FEMORAL_NECK: self.femoral_neck_z,
        }
        return {site: v for site, v in values.items() if v is not None}


@dataclass(frozen=True, slots=True, kw_only=True)
class Fracture:
    site: FractureSite
    date: date | None = None
    year: int | None = None
    low_trauma: bool | None = None
    """``None`` when unknown; screening then treats the fracture as a fragility fracture."""

    def approx_date(self) -> _Date | None:
        """The fracture date, or the middle of its year when only the year is known."""
        if self.date is not None:
            return self.date
        if self.year is not None:
            return _Date(self.year, 7, 1)
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class FractureRisk:
    """A fracture-risk result a clinician worked out and entered (R31).

    osteoload never computes one: the numbers are the calculator's, as entered. FRAX gives
    the 10-year probability of a major osteoporotic fracture and of a hip fracture; Garvan
    the 5- or 10-year risk of any fragility fracture and of a hip fracture. At least one
    percentage is given (the input schema checks it).
    """

    tool: FractureRiskTool
    date: date
    horizon_years: int = 10
    major_osteoporotic_pct: float | None = None
    hip_pct: float | None = None
    any_fracture_pct: float | None = None
    with_bmd: bool | None = None
    """Whether the calculation used a bone density result; ``None`` when not stated."""
    entered_by: str | None = None
    """Who worked it out or entered it (free text, e.g. "Dr Ruiz")."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BloodPressure:
    systolic: int
    diastolic: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Clearance:
    """Clearances recorded by a clinician. ``physio`` is sign-off by a physiotherapist (R4, R19)."""

    medical: bool = False
    impact: bool = False
    high_intensity: bool = False
    physio: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Schedule:
    resistance_days: tuple[int, ...] = (1, 4)
    """ISO weekdays (1 = Monday ... 7 = Sunday) for resistance sessions."""
    minutes_per_session: int = 45
    start_date: date | None = None
    impact_days: tuple[int, ...] = ()
    """Extra days for short impact/balance sessions; empty means the engine chooses."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SppbParts:
    """Raw Short Physical Performance Battery measurements (Guralnik 1994)."""

    side_by_side_s: float | None = None
    semi_tandem_s: float | None = None
    tandem_s: float | None = None
    gait_4m_s: float | None = None
    """Time for the 4-metre usual-pace walk; ``None`` when unable."""
    chair_stands_s: float | None = None
    """Time for five chair stands; ``None`` when unable."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FunctionalTests:
    date: date | None = None
    tug_s: float | None = None
    chair_stand_30s: int | None = None
    five_sts_s: float | None = None
    single_leg_stance_s: float | None = None
    gait_speed_m_s: float | None = None
    grip_kg: float | None = None
    sppb: int | None = None
    sppb_parts: SppbParts | None = None
    asm_kg_m2: float | None = None
    """Appendicular skeletal muscle mass / height² from DXA (sarcopenia screen)."""

    def is_empty(self) -> bool:
        return all(
            v is None
            for v in (
                self.tug_s,
                self.chair_stand_30s,
                self.five_sts_s,
                self.single_leg_stance_s,
                self.gait_speed_m_s,
                self.grip_kg,
                self.sppb,
                self.sppb_parts,
                self.asm_kg_m2,
            )
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class StrengthSet:
    """A recent working set, used to estimate the one-repetition maximum."""

    exercise: str
    load_kg: float
    reps: int
    rpe: float | None = None
    rir: float | None = None
    date: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadRange:
    """Evenly spaced loads she owns: ``start``, ``start + step``, ... up to ``stop``."""

    start: float
    stop: float
    step: float


@dataclass(frozen=True, slots=True, kw_only=True)
class EquipmentDetails:
    """The loads she owns (at home) or her gym has, every number in the profile's ``units``.

    Dumbbells (per dumbbell) and kettlebells are a list of the weights, lightest first, or a
    :class:`LoadRange`. The barbell is the empty bar plus plate pairs, the lightest pair
    setting the step; the machine is a stack from ``machine_first`` in ``machine_step``.
    ``None`` means not described: the typical gym of :mod:`osteoload.domain.units` applies
    to that implement.
    """

    dumbbells: tuple[float, ...] | LoadRange | None = None
    kettlebells: tuple[float, ...] | LoadRange | None = None
    barbell_bar: float | None = None
    barbell_smallest_plate: float | None = None
    """The lightest plate she has a pair of (one plate's weight)."""
    barbell_max: float | None = None
    machine_first: float | None = None
    machine_step: float | None = None
    machine_max: float | None = None
    bands: tuple[BandLevel, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientProfile:
    """Everything screening and programming know about a client. Loads and weights in kg."""

    age: int
    sex: Sex
    name: str | None = None
    menopause: Menopause | None = None
    years_since_menopause: float | None = None
    height_cm: float | None = None
    baseline_height_cm: float | None = None
    """Height at the first measurement, for the height-loss flag (R33)."""
    weight_kg: float | None = None
    bone: Bone = field(default_factory=Bone)
    fractures: tuple[Fracture, ...] = ()
    fracture_risk: tuple[FractureRisk, ...] = ()
    """FRAX or Garvan results a clinician entered (R31); the latest is reported."""
    falls_last_year: int | None = None
    fall_with_injury_last_year: bool | None = None
    medications: tuple[Medication, ...] = ()
    conditions: tuple[Condition, ...] = ()
    symptoms: tuple[Symptom, ...] = ()
    blood_pressure: BloodPressure | None = None
    parq_yes: tuple[int, ...] | None = None
    """PAR-Q+ general questions answered yes (1-7); ``None`` when the PAR-Q+ was not done."""
    clearance: Clearance = field(default_factory=Clearance)
    supervised: bool = False
    experience: Experience | None = None
    equipment: tuple[Equipment, ...] | None = None
    """``None`` when not stated: the engine then assumes a typical gym."""
    equipment_details: EquipmentDetails | None = None
    """The loads she owns, in her ``units``; ``None``: a typical gym's (issue 14)."""
    schedule: Schedule = field(default_factory=Schedule)
    tests: FunctionalTests = field(default_factory=FunctionalTests)
    strength: tuple[StrengthSet, ...] = ()
    units: Units = Units.KG
