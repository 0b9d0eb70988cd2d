"""The numbers behind a bone projection (R30), each next to its source: the untreated course
by stage of menopause (SWAN; section 7.4), the exercise effect of each track (built up over
12 months and never extended beyond them) and each drug's first-year effect by site
(section 7.6, held flat after 12 months).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidInput
from ..profile import ClientProfile
from ..vocabulary import Medication, Menopause, Sex, Site, Track
from .notes import NoteCode, ProjectionNote, as_loss, note

SCHEMA_VERSION = 1
#: The CLI and API accept 1 to 60 months (our choice: five years is the longest horizon the
#: cohort data in section 7.4 describe).
MIN_MONTHS = 1
MAX_MONTHS = 60
MONTHS_PER_YEAR = 12
#: R30: exercise effects are never extrapolated beyond 12 months without new DXA data.
EXERCISE_EFFECT_CAP_MONTHS = 12
#: Drug effects are the first-year figures of section 7.6 and are held flat after 12 months
#: (our conservative choice; longer data show further, slower gains for some agents, e.g.
#: denosumab +13.7 % spine at 5 years [V]).
MEDICATION_EFFECT_CAP_MONTHS = 12
PROJECTED_SITES: tuple[Site, ...] = (Site.LUMBAR_SPINE, Site.FEMORAL_NECK, Site.TOTAL_HIP)
SCENARIOS: tuple[str, ...] = ("none", "exercise", "medication", "combined")


@dataclass(frozen=True, slots=True, kw_only=True)
class Band:
    """A range with its central value: ``low <= central <= high`` (same unit for all three)."""

    low: float
    central: float
    high: float

    def __post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise InvalidInput(f"band {self.low}, {self.central}, {self.high} is not ordered")

    def scaled(self, factor: float) -> Band:
        """The band multiplied by a non-negative ``factor``."""
        if factor < 0:
            raise InvalidInput(f"factor {factor} is negative")
        return Band(low=self.low * factor, central=self.central * factor, high=self.high * factor)


# =========================================================================================
# Untreated course (R30; section 7.4), % per year
# =========================================================================================

#: Before menopause: Mazess & Barden 1999, BMD loss 0.2 %/y before 50 [V] (central and low);
#: SWAN (Finkelstein 2008) little change before late perimenopause [V] (high: no change).
UNTREATED_PRE = Band(low=-0.2, central=-0.2, high=0.0)
#: Menopausal transition, spine: SWAN derived ~2.5 %/y (7.38 % over the 3-year
#: transmenopause; Greendale 2012 [V], rate derived - an estimate). Range: Michigan cohort
#: (Sowers, PMC2869543 [V]) -3.3 %/y in the 2 years after the final period and -1.7 %/y in
#: the 2 years before it.
UNTREATED_TRANSITION_SPINE = Band(low=-3.3, central=-2.5, high=-1.7)
#: Menopausal transition, femoral neck: SWAN derived ~1.9 %/y (5.8 % over 3 years [V],
#: rate derived - an estimate). The range is the spine range scaled by 1.9/2.5 (our
#: derivation; no hip rates around the final period are in the evidence file).
UNTREATED_TRANSITION_HIP = Band(low=-2.5, central=-1.9, high=-1.3)
#: Two or more years after the final period, every site: about -1 %/y (R30; SWAN derived
#: 0.8-1 %/y, an estimate). Range: Michigan -1.1 %/y from 2 to 7 years after [V]; Mazess &
#: Barden 0.6-1.0 %/y in older women [V].
UNTREATED_LATE = Band(low=-1.1, central=-1.0, high=-0.6)
#: SWAN: loss slows about 2 years after the final menstrual period (Greendale 2012) [V].
TRANSITION_ENDS_YEARS_AFTER_FMP = 2.0
#: Perimenopause: the date of the final period is unknown. SWAN loss starts ~1 year before
#: it [V], so we assume she is one year before it: the fast loss lasts 3 years from now.
PERI_YEARS_BEFORE_FMP = 1.0
#: Women whose menopause status is not recorded: under 45 are treated as premenopausal,
#: 45-54 as in the transition, 55 and over as 2+ years after (our choice; said in output).
UNKNOWN_MENOPAUSE_TRANSITION_AGE = 45
UNKNOWN_MENOPAUSE_LATE_AGE = 55
#: Men: the evidence file has no male rates. Under 50 we use the premenopausal band; from 50
#: the late-postmenopausal band, which probably overstates men's loss (our choice).
MALE_LATE_AGE = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class Course:
    """How the untreated rate changes: ``early`` for ``early_months``, then ``late``."""

    stage: str
    early: dict[Site, Band]
    early_months: float
    late: dict[Site, Band]
    notes: tuple[ProjectionNote, ...]
    """What the course assumes (said by the wording layer)."""


def _same(band: Band) -> dict[Site, Band]:
    return dict.fromkeys(PROJECTED_SITES, band)


_TRANSITION: dict[Site, Band] = {
    Site.LUMBAR_SPINE: UNTREATED_TRANSITION_SPINE,
    # Total hip: no SWAN total-hip rate in the evidence file; the femoral-neck rate is used.
    Site.FEMORAL_NECK: UNTREATED_TRANSITION_HIP,
    Site.TOTAL_HIP: UNTREATED_TRANSITION_HIP,
}


def _little_loss(code: NoteCode) -> ProjectionNote:
    return note(
        code, loss_min_pct=as_loss(UNTREATED_PRE.high), loss_max_pct=as_loss(UNTREATED_PRE.low)
    )


def _late_loss(code: NoteCode) -> ProjectionNote:
    return note(
        code,
        loss_pct=as_loss(UNTREATED_LATE.central),
        years_after=TRANSITION_ENDS_YEARS_AFTER_FMP,
    )


def _transition_loss() -> ProjectionNote:
    return note(
        NoteCode.COURSE_TRANSITION,
        spine_loss_pct=as_loss(UNTREATED_TRANSITION_SPINE.central),
        hip_loss_pct=as_loss(UNTREATED_TRANSITION_HIP.central),
        late_loss_pct=as_loss(UNTREATED_LATE.central),
        years_after=TRANSITION_ENDS_YEARS_AFTER_FMP,
    )


def _male_course(age: int) -> Course:
    if age < MALE_LATE_AGE:
        pre = _same(UNTREATED_PRE)
        under = note(
            NoteCode.COURSE_MALE_UNDER_50,
            age=MALE_LATE_AGE,
            loss_min_pct=as_loss(UNTREATED_PRE.high),
            loss_max_pct=as_loss(UNTREATED_PRE.low),
        )
        return Course(stage="male_under_50", early=pre, early_months=0, late=pre, notes=(under,))
    late = _same(UNTREATED_LATE)
    notes = (_late_loss(NoteCode.COURSE_MALE),)
    return Course(stage="male", early=late, early_months=0, late=late, notes=notes)


def _menopause_of(profile: ClientProfile) -> tuple[Menopause, tuple[ProjectionNote, ...]]:
    """Her menopause status, or the one assumed from her age (said in a note)."""
    if profile.menopause is not None:
        return profile.menopause, ()
    if profile.age < UNKNOWN_MENOPAUSE_TRANSITION_AGE:
        assumed = Menopause.PRE
    elif profile.age < UNKNOWN_MENOPAUSE_LATE_AGE:
        assumed = Menopause.PERI
    else:
        assumed = Menopause.POST
    return assumed, (note(NoteCode.MENOPAUSE_ASSUMED, menopause=assumed, age=profile.age),)


def untreated_course(profile: ClientProfile) -> Course:
    """The untreated course for her sex, age and stage of menopause (R30; section 7.4)."""
    if profile.sex is Sex.MALE:
        return _male_course(profile.age)
    late, pre = _same(UNTREATED_LATE), _same(UNTREATED_PRE)
    menopause, guessed = _menopause_of(profile)
    ysm = profile.years_since_menopause
    if menopause is Menopause.PRE:
        notes = (*guessed, _little_loss(NoteCode.COURSE_PREMENOPAUSE))
        return Course(stage="premenopause", early=pre, early_months=0, late=pre, notes=notes)
    if menopause is Menopause.PERI:
        months = (PERI_YEARS_BEFORE_FMP + TRANSITION_ENDS_YEARS_AFTER_FMP) * MONTHS_PER_YEAR
        away = note(NoteCode.FINAL_PERIOD_ASSUMED, years=PERI_YEARS_BEFORE_FMP)
        return Course(
            stage="menopausal_transition",
            early=_TRANSITION,
            early_months=months,
            late=late,
            notes=(*guessed, _transition_loss(), away),
        )
    if ysm is None:
        unknown = note(
            NoteCode.YEARS_SINCE_MENOPAUSE_UNKNOWN,
            spine_loss_pct=as_loss(UNTREATED_TRANSITION_SPINE.central),
            years_after=TRANSITION_ENDS_YEARS_AFTER_FMP,
        )
        notes = (*guessed, _late_loss(NoteCode.COURSE_POSTMENOPAUSE), unknown)
        return Course(stage="postmenopause", early=late, early_months=0, late=late, notes=notes)
    if ysm < TRANSITION_ENDS_YEARS_AFTER_FMP:
        months = (TRANSITION_ENDS_YEARS_AFTER_FMP - ysm) * MONTHS_PER_YEAR
        return Course(
            stage="early_postmenopause",
            early=_TRANSITION,
            early_months=months,
            late=late,
            notes=(_transition_loss(),),
        )
    notes = (_late_loss(NoteCode.COURSE_POSTMENOPAUSE),)
    return Course(stage="postmenopause", early=late, early_months=0, late=late, notes=notes)


def untreated_cumulative(course: Course, site: Site, month: int) -> Band:
    """Cumulative % change after ``month`` months (linear within each stage)."""
    early_months = min(float(month), course.early_months)
    late_months = float(month) - early_months
    e = course.early[site].scaled(early_months / MONTHS_PER_YEAR)
    late = course.late[site].scaled(late_months / MONTHS_PER_YEAR)
    return Band(low=e.low + late.low, central=e.central + late.central, high=e.high + late.high)


# =========================================================================================
# Exercise effect (R30; sections 2.1, 2.3, 7.5), percentage points vs the untreated course
# at 12 months, reached linearly and held flat after (never extrapolated)
# =========================================================================================

#: High-intensity (supervised 5x5 at 80-85 %), spine: high = LIFTMOR difference (+2.9 vs
#: -1.2 %, 8 months [V]; R30 caps it at +4 points and never extends it); low = MEDEX-OP
#: difference (+1.9 vs +0.1 %, 8 months [V]); central = their midpoint (our choice).
EXERCISE_HIGH_INTENSITY_SPINE = Band(low=1.8, central=2.9, high=4.0)
#: High-intensity, femoral neck: high = LIFTMOR difference (+0.3 vs -1.9 %, 8 months [V]);
#: low = lower confidence limit for progressive resistance training, Howe 2011 Cochrane
#: (MD +1.03 %, 0.24-1.82 [V]), rounded to 0.2; central = midpoint (our choice). Total hip
#: uses the same band (no women's total-hip HiRIT figure in the evidence file; LIFTMOR-M
#: trochanter +2.8 vs -0.1 % in men is of similar size).
EXERCISE_HIGH_INTENSITY_HIP = Band(low=0.2, central=1.2, high=2.2)
#: Standard track (2-3 x 8-12 at ~70-80 %), every site: R30 "<= +1-1.5 points/year",
#: derived from meta-analytic SMDs 0.3-0.5 (Zhao 2015; Shojaa 2020 [V]) - an estimate.
#: Low 0: resistance training alone was not significant in Zhao 2015 [V].
EXERCISE_STANDARD = Band(low=0.0, central=1.0, high=1.5)
#: Gentle track (after a fracture, frailty): about 0, at most a small effect. The 0.5-point
#: high edge is our choice (a third of the standard high edge), not a sourced figure.
EXERCISE_GENTLE = Band(low=0.0, central=0.0, high=0.5)

EXERCISE_EFFECT: dict[Track, dict[Site, Band]] = {
    Track.HIGH_INTENSITY: {
        Site.LUMBAR_SPINE: EXERCISE_HIGH_INTENSITY_SPINE,
        Site.FEMORAL_NECK: EXERCISE_HIGH_INTENSITY_HIP,
        Site.TOTAL_HIP: EXERCISE_HIGH_INTENSITY_HIP,
    },
    Track.STANDARD: _same(EXERCISE_STANDARD),
    Track.GENTLE: _same(EXERCISE_GENTLE),
}


def ramp(month: int, cap_months: int) -> float:
    return min(month, cap_months) / cap_months


# =========================================================================================
# Drug effects (R30; section 7.6): % change from baseline after 12 months
# =========================================================================================

#: Femoral neck when only a total-hip year-one figure exists: FN = 0.7 x TH, from the only
#: 12-month FN/TH pair in the evidence file (denosumab after alendronate: FN +1.4 %,
#: TH +2.0 % [V]). Our derivation; conservative next to HORIZON's 3-year 5.1/6.0 [R].
FN_PER_TH_YEAR_ONE = 0.7
#: Antiresorptives, year one: spine 3-6 %, hip 1-4 % (section 7.6 summary; section 1) [R].
ANTIRESORPTIVE_SPINE = Band(low=3.0, central=4.5, high=6.0)
ANTIRESORPTIVE_HIP = Band(low=1.0, central=2.5, high=4.0)
#: Agents with a single year-one figure and no class range: low/high = central -/+ 30 %
#: (our choice, an estimate of how much trial averages vary between populations).
SINGLE_FIGURE_SPREAD = 0.3


def _spread(central: float) -> Band:
    return Band(
        low=central * (1 - SINGLE_FIGURE_SPREAD),
        central=central,
        high=central * (1 + SINGLE_FIGURE_SPREAD),
    )


def _with_fn(spine: Band, total_hip: Band) -> dict[Site, Band]:
    return {
        Site.LUMBAR_SPINE: spine,
        Site.TOTAL_HIP: total_hip,
        Site.FEMORAL_NECK: total_hip.scaled(FN_PER_TH_YEAR_ONE),
    }


#: Year-one % change from baseline by agent and site (section 7.6).
#: * bisphosphonate: the antiresorptive class ranges; central = midpoint [R].
#: * denosumab: DATA year one spine ~+5.5 %, TH ~+2.5 % (Tsai, Lancet 2013) [R], within the
#:   antiresorptive class ranges.
#: * teriparatide: DATA year one spine ~+6.2 %, TH ~+0.7 % [R]; -/+ 30 %.
#: * abaloparatide: not in the evidence file; teriparatide's figures are used (same class).
#: * romosozumab: FRAME 12 months spine ~+13 %, TH ~+7 % (Cosman 2016) [V]; -/+ 30 %.
#: Femoral neck: FN_PER_TH_YEAR_ONE x total hip for every agent.
MEDICATION_EFFECT: dict[Medication, dict[Site, Band]] = {
    Medication.BISPHOSPHONATE: _with_fn(ANTIRESORPTIVE_SPINE, ANTIRESORPTIVE_HIP),
    Medication.DENOSUMAB: _with_fn(
        Band(low=ANTIRESORPTIVE_SPINE.low, central=5.5, high=ANTIRESORPTIVE_SPINE.high),
        Band(low=ANTIRESORPTIVE_HIP.low, central=2.5, high=ANTIRESORPTIVE_HIP.high),
    ),
    Medication.TERIPARATIDE: _with_fn(_spread(6.2), _spread(0.7)),
    Medication.ABALOPARATIDE: _with_fn(_spread(6.2), _spread(0.7)),
    Medication.ROMOSOZUMAB: _with_fn(_spread(13.0), _spread(7.0)),
}
#: The agent shown when the client takes none: a bisphosphonate, the usual first treatment
#: (our choice; said in the assumptions).
DEFAULT_MEDICATION = Medication.BISPHOSPHONATE
#: Not bone-building treatments osteoload can project: no sourced year-one figures for HRT or
#: SERMs in the evidence file; glucocorticoids cause bone loss (not modelled).
UNMODELLED_MEDICATIONS: tuple[Medication, ...] = (
    Medication.HRT,
    Medication.SERM,
    Medication.GLUCOCORTICOID,
)
