"""Height loss (R33) and whether a DXA change is real (R29).

:func:`height_loss_cm` (2 cm or more asks for a vertebral fracture assessment);
:func:`dxa_change` compares two scans with the least significant change (2.77 x the
centre's precision, or the ISCD default per site; section 7.3).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from ..errors import InvalidInput
from ..profile import ClientProfile
from ..vocabulary import (
    ScannerMake,
    Site,
)
from .bone import check_bmd

# =========================================================================================
# Height loss (R33) and the whole assessment
# =========================================================================================

#: R33: measured height loss of 2 cm or more since baseline -> vertebral fracture
#: assessment (ISCD VFA positions, section 11.3). [R]
HEIGHT_LOSS_FLAG_CM = 2.0
#: Heights are compared at 0.1 cm, the precision of a stadiometer (our choice).
_HEIGHT_DECIMALS = 1


def height_loss_cm(profile: ClientProfile) -> float | None:
    """Height lost since the baseline measurement in cm (positive = shorter), to 0.1 cm.

    ``None`` unless both ``baseline_height_cm`` and ``height_cm`` are recorded (R33).
    """
    if profile.baseline_height_cm is None or profile.height_cm is None:
        return None
    return round(profile.baseline_height_cm - profile.height_cm, _HEIGHT_DECIMALS)


# =========================================================================================
# Is a DXA change real? (R29; section 7.3)
# =========================================================================================

#: R29: least significant change at 95 % confidence = 2.77 x precision error (RMS-SD)
#: (ISCD precision calculator). [V]
LSC_MULTIPLIER = 2.77
#: R29: default LSC (% of baseline) when the centre's precision is unknown: ISCD minimum
#: acceptable precision per technologist - spine 1.9 % (LSC 5.3 %), total hip 1.8 %
#: (5.0 %), femoral neck 2.5 % (6.9 %) (ISCD Official Positions). [R] - recalled, "verify
#: before coding" in the evidence file. The forearm has no default in the evidence file;
#: our choice is the largest site default (6.9 %), so a forearm change is never called real
#: on weaker evidence than a hip change.
DEFAULT_LSC_PCT: dict[Site, float] = {
    Site.LUMBAR_SPINE: 5.3,
    Site.TOTAL_HIP: 5.0,
    Site.FEMORAL_NECK: 6.9,
    Site.FOREARM: 6.9,
}
#: A change equal to the LSC counts as real (ISCD, section 7.3 [V]); this tolerance keeps
#: floating-point noise from turning an exact tie into "not significant".
_LSC_TOLERANCE = 1e-9


class DxaVerdict(StrEnum):
    """What a change between two scans is (R29)."""

    GAIN = "gain"
    """A real gain: the change reaches the least significant change."""
    LOSS = "loss"
    """A real loss."""
    STABLE = "stable"
    """Within measurement error: smaller than the least significant change."""
    NOT_COMPARABLE = "not_comparable"
    """Made on different scanner makes, whose g/cm2 differ (section 7.2)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DxaChange:
    """A change in BMD between two scans, judged against the least significant change.

    The verdict is a code (``direction``) with its numbers; the wording layer says it
    (``osteoload.wording.dxa``)."""

    site: Site
    baseline_g_cm2: float
    followup_g_cm2: float
    change_g_cm2: float
    change_pct: float
    lsc_g_cm2: float
    lsc_pct: float
    lsc_source: str
    """``precision`` (2.77 x the centre's precision) or ``iscd_default`` (R29 default %)."""
    significant: bool
    comparable: bool
    direction: DxaVerdict
    """``gain``, ``loss``, ``stable`` or ``not_comparable``."""
    baseline_scanner: ScannerMake | None
    followup_scanner: ScannerMake | None
    """The scanner makes as given (``None``: not given, assumed the same as the other)."""


def least_significant_change(
    site: Site, baseline_g_cm2: float, precision_g_cm2: float | None = None
) -> tuple[float, float, str]:
    """The LSC for ``site`` as (g/cm2, % of baseline, source) (R29).

    With the centre's precision (RMS-SD, g/cm2, > 0): LSC = 2.77 x precision. Without it,
    the ISCD default percentage for the site (:data:`DEFAULT_LSC_PCT`).
    """
    check_bmd(baseline_g_cm2, "baseline_g_cm2")
    if precision_g_cm2 is not None:
        if not math.isfinite(precision_g_cm2) or precision_g_cm2 <= 0:
            raise InvalidInput(
                f"precision_g_cm2: {precision_g_cm2} is out of range; allowed above 0"
            )
        lsc_g = LSC_MULTIPLIER * precision_g_cm2
        return lsc_g, 100.0 * lsc_g / baseline_g_cm2, "precision"
    pct = DEFAULT_LSC_PCT[site]
    return baseline_g_cm2 * pct / 100.0, pct, "iscd_default"


def dxa_change(
    *,
    site: Site,
    baseline_g_cm2: float,
    followup_g_cm2: float,
    precision_g_cm2: float | None = None,
    baseline_scanner: ScannerMake | None = None,
    followup_scanner: ScannerMake | None = None,
) -> DxaChange:
    """Decide whether a BMD change between two scans is real (rule R29).

    Args:
        site: the skeletal site of both scans.
        baseline_g_cm2, followup_g_cm2: areal BMD, g/cm2, each above 0 and at most 3.
        precision_g_cm2: the centre's precision error (RMS-SD) for this site, g/cm2; when
            ``None`` the ISCD default LSC % is used (spine 5.3, total hip 5.0, femoral neck
            6.9, forearm 6.9 - our choice).
        baseline_scanner, followup_scanner: scanner makes; when both are given and differ the
            scans are not comparable (section 7.2: Lunar and Hologic g/cm2 differ by several
            percent).

    Returns:
        :class:`DxaChange`. ``significant`` is True when |change| >= LSC (equality counts);
        always False when not comparable. Worked example 14.4: 0.850 -> 0.875 with precision
        0.010 is +0.025 < 0.0277 -> ``stable`` (within measurement error).
    """
    check_bmd(baseline_g_cm2, "baseline_g_cm2")
    check_bmd(followup_g_cm2, "followup_g_cm2")
    lsc_g, lsc_pct, source = least_significant_change(site, baseline_g_cm2, precision_g_cm2)
    change_g = followup_g_cm2 - baseline_g_cm2
    comparable = (
        baseline_scanner is None or followup_scanner is None or baseline_scanner is followup_scanner
    )
    if source == "precision":
        significant = abs(change_g) >= lsc_g - _LSC_TOLERANCE
    else:
        significant = abs(100.0 * change_g / baseline_g_cm2) >= lsc_pct - _LSC_TOLERANCE
    significant = significant and comparable
    if not comparable:
        verdict = DxaVerdict.NOT_COMPARABLE
    elif not significant:
        verdict = DxaVerdict.STABLE
    else:
        verdict = DxaVerdict.GAIN if change_g > 0 else DxaVerdict.LOSS
    return DxaChange(
        site=site,
        baseline_g_cm2=baseline_g_cm2,
        followup_g_cm2=followup_g_cm2,
        change_g_cm2=change_g,
        change_pct=100.0 * change_g / baseline_g_cm2,
        lsc_g_cm2=lsc_g,
        lsc_pct=lsc_pct,
        lsc_source=source,
        significant=significant,
        comparable=comparable,
        direction=verdict,
        baseline_scanner=baseline_scanner,
        followup_scanner=followup_scanner,
    )
