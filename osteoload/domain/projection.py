"""Honest projections of bone density and muscle: ranges with their assumptions (R29, R30).

A projection is never a promise. Each scenario is a range of the *average* expected change
(low, central, high) built from the trials and cohorts in clinical-evidence.md section 7
(bone) and section 10 (muscle); one person's result can fall outside it. Every number lives
once below, next to its rule ID and source; status tags from the evidence file: **[V]**
verified, **[R]** recalled (not re-read), **[U]** uncertain. Numbers marked *our choice* or
*estimate* are not from a source and say why.

Scenarios (R30):

* ``none`` - the untreated course (SWAN by stage of menopause); never a gain after menopause.
* ``exercise`` - the untreated course plus the exercise effect of the chosen track, which
  builds up over the first 12 months and is never extended beyond them (flat after).
* ``medication`` - the untreated course replaced by the drug's first-year effect, by agent
  and site, held flat after 12 months.
* ``combined`` - no additive bonus: central and low equal the medication scenario; only
  the high edge adds the exercise effect (exercise added to drugs shows no clear extra BMD
  gain in pooled trials, section 2.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .assessment import DEFAULT_LSC_PCT, LSC_MULTIPLIER
from .errors import InvalidInput
from .profile import BoneScan, ClientProfile
from .vocabulary import Medication, Menopause, Sex, Site, Track

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
class _Course:
    """How the untreated rate changes: ``early`` for ``early_months``, then ``late``."""

    stage: str
    early: dict[Site, Band]
    early_months: float
    late: dict[Site, Band]
    note: str


def _same(band: Band) -> dict[Site, Band]:
    return dict.fromkeys(PROJECTED_SITES, band)


_TRANSITION: dict[Site, Band] = {
    Site.LUMBAR_SPINE: UNTREATED_TRANSITION_SPINE,
    # Total hip: no SWAN total-hip rate in the evidence file; the femoral-neck rate is used.
    Site.FEMORAL_NECK: UNTREATED_TRANSITION_HIP,
    Site.TOTAL_HIP: UNTREATED_TRANSITION_HIP,
}


def _course(profile: ClientProfile) -> _Course:
    late = _same(UNTREATED_LATE)
    pre = _same(UNTREATED_PRE)
    transition_note = (
        "Around the final period bone is lost fastest: about 2.5 % a year at the spine and "
        "1.9 % a year at the hip (SWAN study), slowing to about 1 % a year from two years after."
    )
    late_note = (
        "Two or more years after menopause bone is lost at about 1 % a year (SWAN and other "
        "cohorts)."
    )
    if profile.sex is Sex.MALE:
        if profile.age < MALE_LATE_AGE:
            return _Course(
                stage="male_under_50",
                early=pre,
                early_months=0,
                late=pre,
                note="For men under 50 little loss is assumed (0 to 0.2 % a year); osteoload's "
                "sources describe women, so this is an estimate.",
            )
        return _Course(
            stage="male",
            early=late,
            early_months=0,
            late=late,
            note="Men: osteoload's sources describe women, so the rate of women two or more "
            "years after menopause (about 1 % a year) is used; men usually lose bone more "
            "slowly, so this is probably pessimistic.",
        )
    menopause = profile.menopause
    ysm = profile.years_since_menopause
    guessed = ""
    if menopause is None:
        if profile.age < UNKNOWN_MENOPAUSE_TRANSITION_AGE:
            menopause = Menopause.PRE
        elif profile.age < UNKNOWN_MENOPAUSE_LATE_AGE:
            menopause = Menopause.PERI
        else:
            menopause = Menopause.POST
        where = {Menopause.PRE: "before", Menopause.PERI: "around", Menopause.POST: "past"}
        guessed = (
            f"Menopause status is not recorded; at {profile.age} she is assumed to be "
            f"{where[menopause]} menopause. "
        )
    if menopause is Menopause.PRE:
        return _Course(
            stage="premenopause",
            early=pre,
            early_months=0,
            late=pre,
            note=guessed + "Before menopause bone changes little (0 to 0.2 % a year). If her "
            "periods stop during the projection, loss will speed up.",
        )
    if menopause is Menopause.PERI:
        months = (PERI_YEARS_BEFORE_FMP + TRANSITION_ENDS_YEARS_AFTER_FMP) * MONTHS_PER_YEAR
        return _Course(
            stage="menopausal_transition",
            early=_TRANSITION,
            early_months=months,
            late=late,
            note=guessed + transition_note + " Her final period is assumed to be about a year "
            "away; in early perimenopause loss may not have started yet, so this may overstate "
            "it.",
        )
    if ysm is None:
        return _Course(
            stage="postmenopause",
            early=late,
            early_months=0,
            late=late,
            note=guessed + late_note + " Years since menopause are not recorded; if her final "
            "period was less than two years ago, loss is probably faster (about 2.5 % a year at "
            "the spine).",
        )
    if ysm < TRANSITION_ENDS_YEARS_AFTER_FMP:
        months = (TRANSITION_ENDS_YEARS_AFTER_FMP - ysm) * MONTHS_PER_YEAR
        return _Course(
            stage="early_postmenopause",
            early=_TRANSITION,
            early_months=months,
            late=late,
            note=transition_note,
        )
    return _Course(stage="postmenopause", early=late, early_months=0, late=late, note=late_note)


def _untreated_cumulative(course: _Course, site: Site, month: int) -> Band:
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


def _ramp(month: int, cap_months: int) -> float:
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


# =========================================================================================
# Records
# =========================================================================================


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectionPoint:
    """Cumulative % change from today after ``month`` months."""

    month: int
    pct: float
    low: float
    high: float


@dataclass(frozen=True, slots=True, kw_only=True)
class GramsRange:
    """Projected areal BMD in g/cm2 (from the latest scan's value)."""

    central: float
    low: float
    high: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """One scenario at one site: % change after the horizon, its range, and monthly points."""

    pct_change: float
    low: float
    high: float
    g_cm2: GramsRange | None
    """``None`` when no scan with g/cm2 is recorded for the site."""
    detectable: bool
    """True when the central change reaches the site's LSC (a scan could confirm it)."""
    points: tuple[ProjectionPoint, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteProjection:
    """The four scenarios at one site, with that site's least significant change (R29)."""

    scenarios: dict[str, Scenario]
    """Keys: ``none``, ``exercise``, ``medication``, ``combined``."""
    lsc_pct: float
    lsc_source: str
    """``precision`` (from the scan's recorded precision, R29) or ``iscd_default``."""
    baseline_g_cm2: float | None
    baseline_date: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class BmdProjection:
    """Projected BMD change per site under four scenarios (R30)."""

    schema_version: int = SCHEMA_VERSION
    as_of: date
    months: int
    track: Track
    medication: Medication
    medication_source: str
    """``argument`` (asked for), ``profile`` (she takes it) or ``default`` (she takes none)."""
    stage: str
    """The untreated course used: ``premenopause``, ``menopausal_transition``,
    ``early_postmenopause``, ``postmenopause``, ``male_under_50`` or ``male``."""
    sites: dict[Site, SiteProjection]
    assumptions: tuple[str, ...]
    sources: tuple[str, ...]


RANGES_NOTE = (
    "Ranges show where the average result is expected to fall, not a promise; one person's "
    "result varies more."
)
LIFTMOR_SOURCE = (
    "Watson SL et al. LIFTMOR trial. J Bone Miner Res 2018;33:211-220 (doi:10.1002/jbmr.3284)"
)

BONE_SOURCES: tuple[str, ...] = (
    "Greendale GA et al. SWAN bone loss around the final menstrual period. J Bone Miner Res "
    "2012;27:111-118 (PMC3378821)",
    "Sowers MR et al. Michigan cohort, bone loss around the final menstrual period (PMC2869543)",
    "Mazess RB, Barden HS. Calcif Tissue Int 1999;65:91-99",
    LIFTMOR_SOURCE,
    "Kistler-Fischbacher M et al. MEDEX-OP trial (BMJ Open 2019 protocol; results 2022)",
    "Howe TE et al. Cochrane Database Syst Rev 2011;CD000333.pub2",
    "Zhao R, Zhao M, Xu Z. Osteoporos Int 2015;26:1605-1618; Shojaa M et al. Front Physiol "
    "2020;11:652",
    "Exercise added to osteoporosis drugs, pooled trials (PMC10579159)",
    "Tsai JN et al. DATA trial, Lancet 2013; Leder BZ et al. DATA extension (PMC4083737)",
    "Cosman F et al. FRAME (romosozumab), N Engl J Med 2016",
    "ISCD Official Positions: precision and least significant change",
)


# =========================================================================================
# Bone projection
# =========================================================================================


def _latest_bmd_scan(scans: tuple[BoneScan, ...], site: Site) -> BoneScan | None:
    candidates = [(i, s) for i, s in enumerate(scans) if s.site is site and s.bmd_g_cm2 is not None]
    if not candidates:
        return None
    candidates.sort(key=lambda p: (p[1].date is not None, p[1].date or date.min, p[0]))
    return candidates[-1][1]


def _check_months(months: int) -> None:
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidInput(f"months: {months!r} is not a whole number of months")
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise InvalidInput(
            f"months: {months} is out of range; allowed {MIN_MONTHS} to {MAX_MONTHS}"
        )


def _choose_medication(
    profile: ClientProfile, medication: Medication | None
) -> tuple[Medication, str]:
    modelled = list(MEDICATION_EFFECT)
    if medication is not None:
        if medication not in MEDICATION_EFFECT:
            allowed = ", ".join(m.value for m in modelled)
            why = (
                "glucocorticoids cause bone loss; they are not a bone treatment"
                if medication is Medication.GLUCOCORTICOID
                else "osteoload has no sourced first-year bone-density figures for it"
            )
            raise InvalidInput(
                f"medication: {medication.value!r} cannot be projected ({why}); allowed: {allowed}"
            )
        return medication, "argument"
    taken = next((m for m in profile.medications if m in MEDICATION_EFFECT), None)
    if taken is not None:
        return taken, "profile"
    return DEFAULT_MEDICATION, "default"


def _point(month: int, band: Band) -> ProjectionPoint:
    # "+ 0.0" turns -0.0 (zero times a negative rate) into 0.0 for clean output.
    return ProjectionPoint(
        month=month, pct=band.central + 0.0, low=band.low + 0.0, high=band.high + 0.0
    )


def _scenario_bands(
    course: _Course, site: Site, month: int, exercise: Band, drug: Band
) -> dict[str, Band]:
    none = _untreated_cumulative(course, site, month)
    ex = exercise.scaled(_ramp(month, EXERCISE_EFFECT_CAP_MONTHS))
    med = drug.scaled(_ramp(month, MEDICATION_EFFECT_CAP_MONTHS))
    return {
        "none": none,
        "exercise": Band(
            low=none.low + ex.low, central=none.central + ex.central, high=none.high + ex.high
        ),
        "medication": med,
        # R30: no additive "combined" bonus. Low and central are the medication's; only the
        # high edge adds the exercise effect.
        "combined": Band(low=med.low, central=med.central, high=med.high + ex.high),
    }


def project_bmd(
    profile: ClientProfile,
    *,
    months: int = 12,
    medication: Medication | None = None,
    track: Track = Track.STANDARD,
    as_of: date,
) -> BmdProjection:
    """Project the % change in BMD at spine, femoral neck and total hip (rule R30).

    Args:
        profile: the client. Menopause stage and years since menopause choose the untreated
            course (SWAN; section 7.4); the latest scan with g/cm2 per site converts % to
            g/cm2; a scan's ``precision_g_cm2`` gives that site's LSC (R29).
        months: horizon, 1 to 60.
        medication: the agent for the ``medication`` and ``combined`` scenarios; by default
            the first bone drug she takes, else a bisphosphonate (said in the assumptions).
            ``hrt``, ``serm`` and ``glucocorticoid`` raise :class:`InvalidInput`.
        track: the exercise track (``standard``, ``high_intensity``, ``gentle``); the
            high-intensity figures apply only to supervised programs.
        as_of: today's date (used to say how old the starting scan is).

    Returns:
        :class:`BmdProjection`: per site, four scenarios (``none``, ``exercise``,
        ``medication``, ``combined``), each a % change with low/high, g/cm2 when a scan is
        known, and monthly points from month 0; the site's LSC %; plain-language assumptions
        and sources. Guarantees: every range brackets its central value; the untreated
        course never gains after menopause; medication never projects below no treatment.
        Worked example 14.5: transmenopause, spine 0.900 g/cm2, 12 months untreated ->
        0.878 g/cm2; high-intensity high edge ~0.914 g/cm2.
    """
    _check_months(months)
    agent, agent_source = _choose_medication(profile, medication)
    course = _course(profile)
    assumptions: list[str] = [course.note]
    sites: dict[Site, SiteProjection] = {}
    scan_notes: list[str] = []
    for site in PROJECTED_SITES:
        scan = _latest_bmd_scan(profile.bone.scans, site)
        baseline = scan.bmd_g_cm2 if scan is not None else None
        if scan is not None and baseline is not None and scan.precision_g_cm2 is not None:
            lsc_pct = 100.0 * LSC_MULTIPLIER * scan.precision_g_cm2 / baseline
            lsc_source = "precision"
        else:
            lsc_pct = DEFAULT_LSC_PCT[site]
            lsc_source = "iscd_default"
        exercise = EXERCISE_EFFECT[track][site]
        drug = MEDICATION_EFFECT[agent][site]
        series: dict[str, list[ProjectionPoint]] = {name: [] for name in SCENARIOS}
        for month in range(months + 1):
            for name, band in _scenario_bands(course, site, month, exercise, drug).items():
                series[name].append(_point(month, band))
        scenarios: dict[str, Scenario] = {}
        for name in SCENARIOS:
            last = series[name][-1]
            grams = (
                GramsRange(
                    central=baseline * (1 + last.pct / 100),
                    low=baseline * (1 + last.low / 100),
                    high=baseline * (1 + last.high / 100),
                )
                if baseline is not None
                else None
            )
            scenarios[name] = Scenario(
                pct_change=last.pct,
                low=last.low,
                high=last.high,
                g_cm2=grams,
                detectable=abs(last.pct) >= lsc_pct,
                points=tuple(series[name]),
            )
        sites[site] = SiteProjection(
            scenarios=scenarios,
            lsc_pct=lsc_pct,
            lsc_source=lsc_source,
            baseline_g_cm2=baseline,
            baseline_date=scan.date if scan is not None else None,
        )
        if scan is not None and scan.date is not None and scan.date < as_of:
            age_months = (as_of - scan.date).days * MONTHS_PER_YEAR // 365
            if age_months >= 1:
                scan_notes.append(f"{_SITE_NAMES[site]} ({age_months} months old)")
    assumptions += _bone_assumptions(profile, track, agent, agent_source, months, sites)
    if scan_notes:
        assumptions.append(
            "The g/cm2 figures start from the latest scan, which may have changed since: "
            + ", ".join(scan_notes)
            + "."
        )
    return BmdProjection(
        as_of=as_of,
        months=months,
        track=track,
        medication=agent,
        medication_source=agent_source,
        stage=course.stage,
        sites=sites,
        assumptions=tuple(assumptions),
        sources=BONE_SOURCES,
    )


_SITE_NAMES: dict[Site, str] = {
    Site.LUMBAR_SPINE: "spine",
    Site.FEMORAL_NECK: "femoral neck",
    Site.TOTAL_HIP: "total hip",
}


def _bone_assumptions(
    profile: ClientProfile,
    track: Track,
    agent: Medication,
    agent_source: str,
    months: int,
    sites: dict[Site, SiteProjection],
) -> list[str]:
    out: list[str] = []
    track_words = {
        Track.HIGH_INTENSITY: "Supervised high-intensity training (5 sets of 5 at 80-85 % of "
        "maximum) is assumed, with effects from the LIFTMOR and MEDEX-OP trials; these figures "
        "do not apply to unsupervised training.",
        Track.STANDARD: "The standard program (2-3 sets of 8-12 repetitions) is assumed; trials "
        "and their pooled results suggest about 1 to 1.5 percentage points a year at most.",
        Track.GENTLE: "The gentle program is assumed; its effect on bone density is close to "
        "zero, and its purpose is safety, strength and balance.",
    }
    out.append(track_words[track])
    out.append(
        "The exercise effect builds up over the first 12 months and is not extended beyond "
        "them: after a year the exercise line follows the untreated course until a new scan "
        "shows more."
    )
    name = agent.value
    if agent_source == "default":
        out.append(
            f"She takes no bone medication; the medication line shows a typical {name} (the "
            "usual first treatment) for comparison only."
        )
    elif agent_source == "profile":
        out.append(
            f"The medication line uses {name}, which she takes. The figures are first-year "
            "gains; if she has taken it for more than a year, further gains are usually smaller."
        )
    else:
        out.append(f"The medication line uses {name}.")
    out.append(
        "Medication figures are first-year averages from trials and are held flat after 12 "
        "months (some drugs keep adding slowly). Hip figures come from total-hip results; "
        "the femoral neck is taken as 0.7 times the total hip."
    )
    if agent is Medication.ABALOPARATIDE:
        out.append(
            "Abaloparatide uses teriparatide's figures (no separate figures in our sources)."
        )
    out.append(
        "Combined: trials of exercise added to medication show no clear extra gain in bone "
        "density, so the combined line is centred on medication alone; only its upper edge "
        "adds the exercise effect. Exercise still improves strength and balance and lowers "
        "the risk of falls."
    )
    lsc = ", ".join(f"{_SITE_NAMES[s]} {p.lsc_pct:.1f} %" for s, p in sites.items())
    out.append(
        "A scan can only confirm a change at least as large as the least significant change "
        f"(here: {lsc}); smaller changes may not be confirmed by a follow-up scan."
    )
    out.append(RANGES_NOTE)
    out.append("Changes are linear approximations, month by month.")
    if Medication.GLUCOCORTICOID in profile.medications:
        out.append(
            "She takes glucocorticoids, which speed up bone loss; that extra loss is not "
            "included, so the untreated line may be too optimistic."
        )
    others = [m.value for m in profile.medications if m in (Medication.HRT, Medication.SERM)]
    if others:
        out.append(
            f"She takes {' and '.join(others)}, which slows bone loss; osteoload has no sourced "
            "figures for it, so the untreated line may overstate her loss."
        )
    if all(p.baseline_g_cm2 is None for p in sites.values()):
        out.append("No scan in g/cm2 is recorded, so only percentage changes are shown.")
    if months > MONTHS_PER_YEAR:
        out.append(
            f"Beyond 12 months (this projection runs {months}) the figures are less certain."
        )
    return out


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
    assumptions: tuple[str, ...]
    sources: tuple[str, ...]


def _linear_course(rate: Band, months: int) -> MuscleCourse:
    points = tuple(_point(m, rate.scaled(m / MONTHS_PER_YEAR)) for m in range(months + 1))
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
        _point(m, gain.scaled(_ramp(m, TRAINING_EFFECT_CAP_MONTHS))) for m in range(months + 1)
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
    _check_months(months)
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
    assumptions = [
        "Without training, muscle mass falls slowly and strength about three times faster "
        "(cohort studies of older adults).",
        "With training, the first-year gains shown are an estimate from strength-training "
        "trials; they are held flat after 12 months as long as training continues.",
        RANGES_NOTE,
    ]
    if age < STRENGTH_FAST_LOSS_FROM_AGE:
        assumptions.append(
            "Strength loss before 60 uses the rate for ages 50-59 (about 1.5 % a year); "
            "under 50 this probably overstates it."
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
        assumptions=tuple(assumptions),
        sources=MUSCLE_SOURCES,
    )
