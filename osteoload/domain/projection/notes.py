"""What a projection assumes, as codes with their numbers (R29, R30; section 10).

The engine says no sentences: each assumption is a :class:`ProjectionNote`, a
:class:`NoteCode` with the numbers, sites and medicines the sentence needs. The wording
layer (``osteoload.wording.projection``) says them in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..vocabulary import Medication, Menopause, Site


class NoteCode(StrEnum):
    """One assumption of a bone or muscle projection."""

    # The untreated course (section 7.4).
    MENOPAUSE_ASSUMED = "menopause_assumed"
    """Status not recorded: ``menopause`` is the stage assumed from ``numbers["age"]``."""
    COURSE_MALE_UNDER_50 = "course_male_under_50"
    COURSE_MALE = "course_male"
    COURSE_PREMENOPAUSE = "course_premenopause"
    COURSE_TRANSITION = "course_transition"
    FINAL_PERIOD_ASSUMED = "final_period_assumed"
    COURSE_POSTMENOPAUSE = "course_postmenopause"
    YEARS_SINCE_MENOPAUSE_UNKNOWN = "years_since_menopause_unknown"
    # The exercise effect of the track (R30).
    TRACK_HIGH_INTENSITY = "track_high_intensity"
    TRACK_STANDARD = "track_standard"
    TRACK_GENTLE = "track_gentle"
    EXERCISE_CAPPED = "exercise_capped"
    # The medication line (section 7.6).
    MEDICATION_EXAMPLE = "medication_example"
    """She takes none: ``medications`` holds the agent shown for comparison."""
    MEDICATION_TAKEN = "medication_taken"
    MEDICATION_CHOSEN = "medication_chosen"
    MEDICATION_FIGURES = "medication_figures"
    ABALOPARATIDE_AS_TERIPARATIDE = "abaloparatide_as_teriparatide"
    COMBINED_NO_BONUS = "combined_no_bonus"
    # What a scan can confirm (R29) and what the figures leave out.
    LEAST_SIGNIFICANT_CHANGE = "least_significant_change"
    """``sites``: each site's LSC in % of its baseline."""
    RANGES = "ranges"
    LINEAR = "linear"
    GLUCOCORTICOID_LOSS = "glucocorticoid_loss"
    UNMODELLED_SLOWS_LOSS = "unmodelled_slows_loss"
    """``medications``: the agents she takes that slow loss but have no sourced figures."""
    NO_SCAN_IN_GRAMS = "no_scan_in_grams"
    BEYOND_A_YEAR = "beyond_a_year"
    SCAN_AGE = "scan_age"
    """``sites``: how many whole months old each site's starting scan is."""
    # Muscle (section 10).
    MUSCLE_UNTRAINED = "muscle_untrained"
    MUSCLE_TRAINED = "muscle_trained"
    STRENGTH_BEFORE_60 = "strength_before_60"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectionNote:
    """One assumption: its code and the figures its sentence carries."""

    code: NoteCode
    numbers: dict[str, float] = field(default_factory=dict)
    """Named figures (``loss_pct``, ``months``, ``age``, ...), as the code's sentence needs."""
    sites: dict[Site, float] = field(default_factory=dict)
    """A figure per skeletal site (LSC %, scan age in months)."""
    medications: tuple[Medication, ...] = ()
    menopause: Menopause | None = None


def note(
    code: NoteCode,
    *,
    medications: tuple[Medication, ...] = (),
    menopause: Menopause | None = None,
    **numbers: float,
) -> ProjectionNote:
    """A :class:`ProjectionNote` with its named figures as keyword arguments."""
    return ProjectionNote(code=code, numbers=numbers, medications=medications, menopause=menopause)


def as_loss(rate: float) -> float:
    """A yearly % change said as a loss (``-2.5`` -> ``2.5``; never ``-0.0``)."""
    return 0.0 - rate
