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
from ..vocabulary import Medication, Site, Track
from .effects import (
    DEFAULT_MEDICATION,
    EXERCISE_EFFECT,
    EXERCISE_EFFECT_CAP_MONTHS,
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
    check_months(months)
    agent, agent_source = _choose_medication(profile, medication)
    course = untreated_course(profile)
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
