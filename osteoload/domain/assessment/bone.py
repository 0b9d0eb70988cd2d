"""Bone density: the category (R27) and computed T-scores (R28).

The lowest T-score of spine, total hip and femoral neck decides the WHO category; Z-scores
before menopause and in men under 50 (ISCD); recorded scans join the intake's scores
(:func:`with_recorded_scans`). Every number is a named constant next to its rule ID and
source (clinical-evidence.md sections 7.1, 7.2).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from ..errors import InvalidInput
from ..profile import BoneScan, ClientProfile, Fracture, FunctionalTests
from ..vocabulary import (
    BoneCategory,
    Menopause,
    ScannerMake,
    Sex,
    Site,
)

# =========================================================================================
# Bone density: categories (R27), computed T-scores (R28)
# =========================================================================================

#: R27: lowest T-score >= -1.0 is normal (WHO Technical Report 843, 1994; section 7.1). [V]
T_NORMAL_MIN = -1.0
#: R27: lowest T-score <= -2.5 is osteoporosis; plus a fragility fracture, severe. [V]
T_OSTEOPOROSIS_MAX = -2.5
#: R27 / ISCD: in premenopausal women and men under 50, a Z-score <= -2.0 is "below the
#: expected range for age" (section 7.1). [V]
Z_BELOW_EXPECTED_MAX = -2.0
#: ISCD: T-scores apply to men aged 50 and over; younger men use Z-scores (section 7.1). [V]
MALE_T_SCORE_MIN_AGE = 50

#: Sites whose lowest T-score decides the category (R27). The forearm is not used.
DIAGNOSTIC_SITES: tuple[Site, ...] = (Site.LUMBAR_SPINE, Site.TOTAL_HIP, Site.FEMORAL_NECK)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceMean:
    """Young-adult reference mean and SD for computing a T-score, g/cm2."""

    mean_g_cm2: float
    sd_g_cm2: float


#: R28: NHANES III non-Hispanic white women aged 20-29, Hologic scale (Looker et al.,
#: Osteoporos Int 1998;8:468-489; section 7.2). [R] - widely quoted, table not re-read.
#: Only femoral neck and total hip: spine references are manufacturer-specific [U].
T_SCORE_REFERENCE: dict[Site, ReferenceMean] = {
    Site.FEMORAL_NECK: ReferenceMean(mean_g_cm2=0.858, sd_g_cm2=0.120),
    Site.TOTAL_HIP: ReferenceMean(mean_g_cm2=0.942, sd_g_cm2=0.122),
}
#: Computed T-scores are rounded to 0.01, half away from zero (reports print 0.1), so that
#: floating-point noise cannot move a value across a category boundary (our choice).
T_SCORE_DECIMALS = 2


def t_score_from_bmd(site: Site, bmd_g_cm2: float) -> float:
    """Compute a T-score from a Hologic areal BMD (rule R28).

    ``T = (BMD - young-adult mean) / young-adult SD`` with the NHANES III female reference
    (femoral neck 0.858/0.120, total hip 0.942/0.122 g/cm2; Looker 1998 [R]).

    Args:
        site: ``femoral_neck`` or ``total_hip`` only; any other site raises
            :class:`InvalidInput` (use the T-score printed on the DXA report instead).
        bmd_g_cm2: areal bone mineral density measured on a **Hologic** scanner, g/cm2,
            greater than 0 and at most 3.

    Returns:
        The T-score in SD units, rounded to 0.01 (worked example 14.3: FN 0.690 -> -1.40).
    """
    reference = T_SCORE_REFERENCE.get(site)
    if reference is None:
        allowed = ", ".join(s.value for s in T_SCORE_REFERENCE)
        raise InvalidInput(
            f"site {site.value!r}: osteoload computes T-scores only for {allowed} (rule R28); "
            "use the T-score printed on the DXA report"
        )
    check_bmd(bmd_g_cm2, "bmd_g_cm2")
    # Decimal arithmetic on the printed values, rounded half away from zero, so that the
    # worked examples come out exactly as written (0.555 -> -2.525 -> -2.53).
    exact = (_dec(bmd_g_cm2) - _dec(reference.mean_g_cm2)) / _dec(reference.sd_g_cm2)
    return float(exact.quantize(Decimal(1).scaleb(-T_SCORE_DECIMALS), rounding=ROUND_HALF_UP))


def _dec(value: float) -> Decimal:
    return Decimal(repr(value))


def check_bmd(value: float, name: str) -> None:
    if not math.isfinite(value) or value <= 0.0 or value > 3.0:
        raise InvalidInput(f"{name}: {value} is out of range; allowed above 0 up to 3 g/cm2")


class TScoreSource(StrEnum):
    """Where a site's T-score came from."""

    REPORT = "report"
    """The profile's bone fields (the intake's T-scores)."""
    SCAN = "scan"
    """A scan's printed T-score."""
    COMPUTED = "computed"
    """Computed by osteoload from a Hologic scan's g/cm2 (R28)."""


class ScoreOrigin(StrEnum):
    """Whether a site score comes from a scan recorded after intake or from the intake."""

    RECORDED_SCAN = "recorded_scan"
    """A scan her coach recorded after intake."""
    INTAKE_FORM = "intake_form"
    """The intake's T-scores or its own scans."""


class ZScoreGroup(StrEnum):
    """Whom ISCD judges by Z-score rather than T-score (R27, section 7.1)."""

    BEFORE_MENOPAUSE = "before_menopause"
    MEN_UNDER_50 = "men_under_50"


class ScoreBasis(StrEnum):
    """Which kind of score the bone category (R27) rests on."""

    T_SCORE = "t_score"
    Z_SCORE = "z_score"
    """Before menopause and in men under 50 (ISCD)."""
    NONE = "none"
    """No score: the category is unknown."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteScore:
    """The T- and Z-score used for one site, and where each came from."""

    site: Site
    t_score: float | None
    z_score: float | None
    t_source: TScoreSource | None
    """``None`` without a T-score."""
    scan_date: date | None = None
    recorded: bool = False
    """True when the T-score comes from a scan recorded after intake (not the intake form)."""

    @property
    def origin(self) -> ScoreOrigin:
        """A scan her coach recorded, or the intake's T-scores or scans."""
        return ScoreOrigin.RECORDED_SCAN if self.recorded else ScoreOrigin.INTAKE_FORM


@dataclass(frozen=True, slots=True, kw_only=True)
class BoneStatus:
    """The bone-density category (R27) and how it was reached."""

    category: BoneCategory
    lowest_t: float | None
    """The lowest T-score of LS/TH/FN; ``None`` when the category rests on Z-scores."""
    lowest_site: Site | None
    """Site of the deciding score (the lowest T-score, or the lowest Z-score)."""
    basis: ScoreBasis
    computed: bool
    """True when the deciding T-score was computed from g/cm2 (R28)."""
    fragility_fracture: bool
    message: str = ""
    """Empty from the engine: the services fill it with the wording layer's sentence in the
    active language (``osteoload.wording.assessment.bone_message``)."""
    lowest_z: float | None = None
    scores: tuple[SiteScore, ...] = ()
    deciding: SiteScore | None = None
    """The site score the category rests on (its site, date and origin); ``None`` when
    the category is unknown."""
    unknown_trauma: bool = False
    """A fracture whose cause is not recorded is counted as a fragility fracture."""
    z_group: ZScoreGroup | None = None
    """Set when ISCD judges her by Z-score (R27): the category rests on Z-scores, or, with
    ``basis`` ``t_score``, only T-scores were given and their categories are used to be safe."""


def _scans_latest_first(scans: tuple[BoneScan, ...], site: Site) -> list[BoneScan]:
    """Scans of ``site``, newest first; undated scans count as older than dated ones and
    keep their list order among themselves (later in the list = newer)."""
    indexed = [(i, s) for i, s in enumerate(scans) if s.site is site]
    indexed.sort(key=lambda p: (p[1].date is not None, p[1].date or date.min, p[0]), reverse=True)
    return [s for _, s in indexed]


def latest_per_site(scans: Iterable[BoneScan]) -> dict[Site, BoneScan]:
    """The newest scan of each site (undated scans count as older than dated ones; on the
    same date the later one in ``scans`` wins)."""
    listed = tuple(scans)
    out: dict[Site, BoneScan] = {}
    for site in Site:
        newest = _scans_latest_first(listed, site)
        if newest:
            out[site] = newest[0]
    return out


def _scan_t(scan: BoneScan, site: Site) -> tuple[float, TScoreSource] | None:
    """A scan's T-score and its source: printed (``scan``) or computed from a Hologic g/cm2
    (``computed``, R28); ``None`` when it gives none."""
    if scan.t_score is not None:
        return scan.t_score, TScoreSource.SCAN
    hologic = scan.scanner is ScannerMake.HOLOGIC
    if scan.bmd_g_cm2 is not None and hologic and site in T_SCORE_REFERENCE:
        return t_score_from_bmd(site, scan.bmd_g_cm2), TScoreSource.COMPUTED
    return None


def with_recorded_scans(
    profile: ClientProfile,
    scans: Iterable[BoneScan],
    *,
    tests: FunctionalTests | None = None,
) -> ClientProfile:
    """Her profile with the scans (and functional tests) recorded after intake (R27, R28).

    The recorded scans join ``bone.scans`` marked ``recorded``. For each site, the latest
    dated recorded scan that gives a T-score (printed, or computed from a Hologic g/cm2 under
    R28) replaces the intake form's T-score for that site, and its Z-score the intake's
    Z-score; :func:`classify_bone` then uses it ahead of the intake's own scans and says
    so. A recorded scan that gives no T-score (g/cm2 from another scanner make) leaves the
    intake's T-score in place. ``tests``, the latest recorded functional tests, replace the
    intake's tests when given.
    """
    marked = tuple(replace(s, recorded=True) for s in scans)
    bone = profile.bone
    changes: dict[str, float] = {}
    for site in DIAGNOSTIC_SITES:
        score = _recorded_score(marked, site)
        if score is None:
            continue
        if score.t_score is not None:
            changes[f"{site.value}_t"] = score.t_score
        if score.z_score is not None:
            changes[f"{site.value}_z"] = score.z_score
    new_bone = replace(bone, scans=bone.scans + marked, **changes)
    if tests is None:
        return replace(profile, bone=new_bone)
    return replace(profile, bone=new_bone, tests=tests)


def _recorded_score(scans: tuple[BoneScan, ...], site: Site) -> SiteScore | None:
    """The T- and Z-score of ``site`` from its latest recorded scans, or ``None``."""
    recorded = [s for s in _scans_latest_first(scans, site) if s.recorded]
    if not recorded:
        return None
    z = next((s.z_score for s in recorded if s.z_score is not None), None)
    for scan in recorded:
        found = _scan_t(scan, site)
        if found is not None:
            t, source = found
            return SiteScore(
                site=site, t_score=t, z_score=z, t_source=source, scan_date=scan.date,
                recorded=True,
            )  # fmt: skip
    if z is None:
        return None
    return SiteScore(site=site, t_score=None, z_score=z, t_source=None, recorded=True)


def _site_score(profile: ClientProfile, site: Site) -> SiteScore:
    bone = profile.bone
    recorded = _recorded_score(bone.scans, site)
    if recorded is not None and recorded.t_score is not None:
        return recorded
    t = bone.t_scores.get(site)
    z = bone.z_scores.get(site)
    t_source = TScoreSource.REPORT if t is not None else None
    scan_date: date | None = None
    scans = _scans_latest_first(bone.scans, site)
    if t is None:
        for scan in scans:
            found = _scan_t(scan, site)
            if found is not None:
                (t, t_source), scan_date = found, scan.date
                break
    if z is None:
        z = next((s.z_score for s in scans if s.z_score is not None), None)
    return SiteScore(site=site, t_score=t, z_score=z, t_source=t_source, scan_date=scan_date)


def is_fragility_fracture(fracture: Fracture) -> bool:
    """True when a fracture counts as a fragility fracture for R27.

    A fracture with ``low_trauma`` unknown (``None``) counts, to be safe (conservative
    choice, consistent with screening's treatment of unknown fractures).
    """
    return fracture.low_trauma is not False


def uses_z_scores(profile: ClientProfile) -> bool:
    """True when ISCD says to judge bone density by Z-score (R27, section 7.1).

    Premenopausal women (``menopause: pre``) and men under 50. Women in the menopausal
    transition (``peri``) and women whose menopause status is unknown use T-scores.
    """
    if profile.sex is Sex.FEMALE:
        return profile.menopause is Menopause.PRE
    return profile.age < MALE_T_SCORE_MIN_AGE


_SITE_WORDS: dict[Site, str] = {
    Site.LUMBAR_SPINE: "lower spine",
    Site.TOTAL_HIP: "whole hip",
    Site.FEMORAL_NECK: "hip (femoral neck)",
    Site.FOREARM: "forearm",
}


def site_words(site: Site) -> str:
    """Plain-language name of a skeletal site."""
    return _SITE_WORDS[site]


def classify_bone(profile: ClientProfile) -> BoneStatus:
    """Classify bone density from the lowest T-score of spine, total hip and femoral neck (R27).

    Categories (WHO 1994; ISCD; section 7.1): lowest T >= -1.0 ``normal``; between -1.0 and
    -2.5 ``low_bone_mass``; <= -2.5 ``osteoporosis``; <= -2.5 plus a fragility fracture
    ``severe_osteoporosis``. A fracture whose trauma level is unknown counts as a fragility
    fracture (conservative).

    Where the scores come from, per site: the profile's ``bone`` T-score if given (the
    report's value wins), otherwise the newest scan of that site with a printed T-score, or a
    T-score computed from a Hologic femoral-neck / total-hip g/cm2 (R28, marked ``computed``).
    The forearm is not used.

    Premenopausal women and men under 50 are judged by Z-score: lowest Z <= -2.0 ("below the
    expected range for age") is reported as ``low_bone_mass`` and anything higher as
    ``normal`` (our mapping onto the project's categories; ISCD does not diagnose osteoporosis
    from BMD alone at these ages). If they have only T-scores, the T-score categories are used
    (conservative) and ``z_group`` says that Z-scores were preferred.

    Returns:
        :class:`BoneStatus`; category ``unknown`` (basis ``none``) when no score is available.
        Its ``message`` is empty: the wording layer says it
        (``osteoload.wording.assessment.bone_message``).
    """
    scores = tuple(_site_score(profile, site) for site in DIAGNOSTIC_SITES)
    fragility = any(is_fragility_fracture(f) for f in profile.fractures)
    unknown_trauma = any(f.low_trauma is None for f in profile.fractures)
    with_t = [s for s in scores if s.t_score is not None]
    with_z = [s for s in scores if s.z_score is not None]
    group = z_score_group(profile)
    unknown = BoneStatus(
        category=BoneCategory.UNKNOWN,
        lowest_t=None,
        lowest_site=None,
        basis=ScoreBasis.NONE,
        computed=False,
        fragility_fracture=fragility,
        unknown_trauma=unknown_trauma,
        z_group=group,
        scores=scores,
    )
    if group is not None and with_z:
        return _z_status(with_z, unknown)
    if not with_t:
        return unknown
    return _t_status(with_t, unknown)


def z_score_group(profile: ClientProfile) -> ZScoreGroup | None:
    """Whom ISCD judges by Z-score (R27): women before menopause, men under 50; else ``None``."""
    if not uses_z_scores(profile):
        return None
    if profile.sex is Sex.FEMALE:
        return ZScoreGroup.BEFORE_MENOPAUSE
    return ZScoreGroup.MEN_UNDER_50


def _z_status(with_z: list[SiteScore], base: BoneStatus) -> BoneStatus:
    """R27 by Z-score (before menopause, men under 50): <= -2.0 is low bone mass."""
    low = min(with_z, key=lambda s: s.z_score if s.z_score is not None else 0.0)
    z = low.z_score if low.z_score is not None else 0.0
    below = z <= Z_BELOW_EXPECTED_MAX
    return replace(
        base,
        category=BoneCategory.LOW_BONE_MASS if below else BoneCategory.NORMAL,
        lowest_site=low.site,
        basis=ScoreBasis.Z_SCORE,
        lowest_z=z,
        deciding=low,
    )


def _t_status(with_t: list[SiteScore], base: BoneStatus) -> BoneStatus:
    """R27 by the lowest T-score (R28 when it was computed from g/cm2)."""
    low = min(with_t, key=lambda s: s.t_score if s.t_score is not None else 0.0)
    t = low.t_score if low.t_score is not None else 0.0
    return replace(
        base,
        category=category_from_t(t, fragility_fracture=base.fragility_fracture),
        lowest_t=t,
        lowest_site=low.site,
        basis=ScoreBasis.T_SCORE,
        computed=low.t_source is TScoreSource.COMPUTED,
        deciding=low,
    )


def category_from_t(t_score: float, *, fragility_fracture: bool = False) -> BoneCategory:
    """Map a lowest T-score (SD units) to the R27 category.

    >= -1.0 normal; > -2.5 and < -1.0 low bone mass; <= -2.5 osteoporosis, or severe
    osteoporosis with a fragility fracture. Source: WHO 1994 (section 7.1) [V].
    """
    if t_score >= T_NORMAL_MIN:
        return BoneCategory.NORMAL
    if t_score > T_OSTEOPOROSIS_MAX:
        return BoneCategory.LOW_BONE_MASS
    if fragility_fracture:
        return BoneCategory.SEVERE_OSTEOPOROSIS
    return BoneCategory.OSTEOPOROSIS


def bone_finding_data(bone: BoneStatus) -> dict[str, Any]:
    """What the R27 finding (code ``bone_category``) says about the bone category, as data:
    the wording layer says it from these (``osteoload.wording.assessment.bone_message``)."""
    return {
        "category": bone.category.value,
        "basis": bone.basis.value,
        "lowest_t": bone.lowest_t,
        "lowest_z": bone.lowest_z,
        "site": bone.lowest_site.value if bone.lowest_site is not None else None,
        "computed": bone.computed,
        "fragility_fracture": bone.fragility_fracture,
        "unknown_trauma": bone.unknown_trauma,
        "z_group": bone.z_group.value if bone.z_group is not None else None,
        # Which score the category rests on: its site, the scan's date (none for the intake
        # form's own T-score) and whether it is from a scan recorded after intake.
        "source": bone.deciding.origin.value if bone.deciding is not None else None,
        "scan_date": (
            bone.deciding.scan_date.isoformat()
            if bone.deciding is not None and bone.deciding.scan_date is not None
            else None
        ),
    }
