"""Projecting bone density (R29, R30): :func:`project_bmd` gives each site's four scenarios
(``none``, ``exercise``, ``medication``, ``combined``: no additive bonus) as honest ranges of
the average change, in % and in g/cm2 from her latest scan, with every assumption said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..assessment import DEFAULT_LSC_PCT, LSC_MULTIPLIER
from ..errors import InvalidInput
from ..profile import BoneScan, ClientProfile
from ..programming.phases import HIGH_INTENSITY_PCT
from ..vocabulary import Medication, Sex, Site, Track
from .effects import (
    DEFAULT_MEDICATION,
    EXERCISE_EFFECT,
    EXERCISE_EFFECT_CAP_MONTHS,
    EXERCISE_STANDARD,
    FN_PER_TH_YEAR_ONE,
    MAX_MONTHS,
    MEDICATION_EFFECT,
    MEDICATION_EFFECT_CAP_MONTHS,
    MIN_MONTHS,
    MONTHS_PER_YEAR,
    PROJECTED_SITES,
    SCENARIOS,
    SCHEMA_VERSION,
    Band,
    Course,
    ramp,
    untreated_course,
    untreated_cumulative,
)
from .notes import NoteCode, ProjectionNote, note

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
    sex: Sex
    """Hers (the course depends on it; the wording layer chooses her pronoun by it)."""
    track: Track
    medication: Medication
    medication_source: str
    """``argument`` (asked for), ``profile`` (she takes it) or ``default`` (she takes none)."""
    stage: str
    """The untreated course used: ``premenopause``, ``menopausal_transition``,
    ``early_postmenopause``, ``postmenopause``, ``male_under_50`` or ``male``."""
    sites: dict[Site, SiteProjection]
    notes: tuple[ProjectionNote, ...]
    """What the projection assumes, as codes with their figures (the wording layer says
    them: ``osteoload.wording.projection``)."""
    sources: tuple[str, ...]


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


def check_months(months: int) -> None:
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
            raise InvalidInput(
                f"medication: {medication.value!r} cannot be projected ("
                + (
                    "glucocorticoids cause bone loss; they are not a bone treatment"
                    if medication is Medication.GLUCOCORTICOID
                    else "osteoload has no sourced first-year bone-density figures for it"
                )
                + f"); allowed: {allowed}"
            )
        return medication, "argument"
    taken = next((m for m in profile.medications if m in MEDICATION_EFFECT), None)
    if taken is not None:
        return taken, "profile"
    return DEFAULT_MEDICATION, "default"


def projection_point(month: int, band: Band) -> ProjectionPoint:
    # "+ 0.0" turns -0.0 (zero times a negative rate) into 0.0 for clean output.
    return ProjectionPoint(
        month=month, pct=band.central + 0.0, low=band.low + 0.0, high=band.high + 0.0
    )


def _scenario_bands(
    course: Course, site: Site, month: int, exercise: Band, drug: Band
) -> dict[str, Band]:
    none = untreated_cumulative(course, site, month)
    ex = exercise.scaled(ramp(month, EXERCISE_EFFECT_CAP_MONTHS))
    med = drug.scaled(ramp(month, MEDICATION_EFFECT_CAP_MONTHS))
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


def _site_projection(
    course: Course, site: Site, months: int, scan: BoneScan | None, exercise: Band, drug: Band
) -> SiteProjection:
    """The four scenarios at one site, from the latest scan with g/cm2 (or none)."""
    baseline = scan.bmd_g_cm2 if scan is not None else None
    if scan is not None and baseline is not None and scan.precision_g_cm2 is not None:
        lsc_pct = 100.0 * LSC_MULTIPLIER * scan.precision_g_cm2 / baseline
        lsc_source = "precision"
    else:
        lsc_pct = DEFAULT_LSC_PCT[site]
        lsc_source = "iscd_default"
    series: dict[str, list[ProjectionPoint]] = {name: [] for name in SCENARIOS}
    for month in range(months + 1):
        for name, band in _scenario_bands(course, site, month, exercise, drug).items():
            series[name].append(projection_point(month, band))
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
    return SiteProjection(
        scenarios=scenarios,
        lsc_pct=lsc_pct,
        lsc_source=lsc_source,
        baseline_g_cm2=baseline,
        baseline_date=scan.date if scan is not None else None,
    )


def _scan_age_months(scan: BoneScan | None, as_of: date) -> int:
    """Whole months from the scan to ``as_of`` (0 without a dated scan)."""
    if scan is None or scan.date is None or scan.date >= as_of:
        return 0
    return (as_of - scan.date).days * MONTHS_PER_YEAR // 365


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
        known, and monthly points from month 0; the site's LSC %; the assumptions as coded
        notes (:class:`ProjectionNote`) and the sources. Guarantees: every range brackets
        its central value; the untreated course never gains after menopause; medication
        never projects below no treatment. Worked example 14.5: transmenopause, spine
        0.900 g/cm2, 12 months untreated -> 0.878 g/cm2; high-intensity high edge
        ~0.914 g/cm2.
    """
    check_months(months)
    agent, agent_source = _choose_medication(profile, medication)
    course = untreated_course(profile)
    sites: dict[Site, SiteProjection] = {}
    scan_ages: dict[Site, float] = {}
    for site in PROJECTED_SITES:
        scan = _latest_bmd_scan(profile.bone.scans, site)
        exercise, drug = EXERCISE_EFFECT[track][site], MEDICATION_EFFECT[agent][site]
        sites[site] = _site_projection(course, site, months, scan, exercise, drug)
        age_months = _scan_age_months(scan, as_of)
        if age_months >= 1:
            scan_ages[site] = age_months
    notes = [
        *course.notes,
        *_exercise_notes(track),
        *_medication_notes(agent, agent_source),
        *_caveats(profile, months, sites),
    ]
    if scan_ages:
        notes.append(ProjectionNote(code=NoteCode.SCAN_AGE, sites=scan_ages))
    return BmdProjection(
        as_of=as_of,
        months=months,
        sex=profile.sex,
        track=track,
        medication=agent,
        medication_source=agent_source,
        stage=course.stage,
        sites=sites,
        notes=tuple(notes),
        sources=BONE_SOURCES,
    )


def _exercise_notes(track: Track) -> list[ProjectionNote]:
    """Which exercise effect the track brings (R30), built up over 12 months at most."""
    if track is Track.HIGH_INTENSITY:
        low, high = HIGH_INTENSITY_PCT
        first = note(NoteCode.TRACK_HIGH_INTENSITY, low_pct_1rm=low, high_pct_1rm=high)
    elif track is Track.STANDARD:
        first = note(
            NoteCode.TRACK_STANDARD,
            gain_pct=EXERCISE_STANDARD.central,
            gain_max_pct=EXERCISE_STANDARD.high,
        )
    else:
        first = note(NoteCode.TRACK_GENTLE)
    return [first, note(NoteCode.EXERCISE_CAPPED, months=EXERCISE_EFFECT_CAP_MONTHS)]


def _medication_notes(agent: Medication, agent_source: str) -> list[ProjectionNote]:
    """Which medicine the medication and combined lines show, and how (section 7.6; R30)."""
    codes = {
        "default": NoteCode.MEDICATION_EXAMPLE,
        "profile": NoteCode.MEDICATION_TAKEN,
        "argument": NoteCode.MEDICATION_CHOSEN,
    }
    out = [
        note(codes[agent_source], medications=(agent,)),
        note(
            NoteCode.MEDICATION_FIGURES,
            months=MEDICATION_EFFECT_CAP_MONTHS,
            neck_per_total_hip=FN_PER_TH_YEAR_ONE,
        ),
    ]
    if agent is Medication.ABALOPARATIDE:
        out.append(note(NoteCode.ABALOPARATIDE_AS_TERIPARATIDE))
    out.append(note(NoteCode.COMBINED_NO_BONUS))
    return out


def _caveats(
    profile: ClientProfile, months: int, sites: dict[Site, SiteProjection]
) -> list[ProjectionNote]:
    """What a scan can confirm (R29) and what the figures leave out."""
    lsc = {site: p.lsc_pct for site, p in sites.items()}
    out = [
        ProjectionNote(code=NoteCode.LEAST_SIGNIFICANT_CHANGE, sites=lsc),
        note(NoteCode.RANGES),
        note(NoteCode.LINEAR),
    ]
    if Medication.GLUCOCORTICOID in profile.medications:
        out.append(note(NoteCode.GLUCOCORTICOID_LOSS))
    slowing = tuple(m for m in profile.medications if m in (Medication.HRT, Medication.SERM))
    if slowing:
        out.append(note(NoteCode.UNMODELLED_SLOWS_LOSS, medications=slowing))
    if all(p.baseline_g_cm2 is None for p in sites.values()):
        out.append(note(NoteCode.NO_SCAN_IN_GRAMS))
    if months > MONTHS_PER_YEAR:
        out.append(note(NoteCode.BEYOND_A_YEAR, months=months, reliable_months=MONTHS_PER_YEAR))
    return out
