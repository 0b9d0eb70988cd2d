"""Honest projections of bone density and muscle: ranges with their assumptions (R29, R30).

A projection is never a promise. Each scenario is a range of the *average* expected change
(low, central, high) built from the trials and cohorts in clinical-evidence.md section 7
(bone) and section 10 (muscle); one person's result can fall outside it. Every number lives
once, in :mod:`.effects`, next to its rule ID and source; status tags from the evidence
file: **[V]** verified, **[R]** recalled (not re-read), **[U]** uncertain. Numbers marked
*our choice* or *estimate* are not from a source and say why.

Scenarios (R30):

* ``none`` - the untreated course (SWAN by stage of menopause); never a gain after menopause.
* ``exercise`` - the untreated course plus the exercise effect of the chosen track, which
  builds up over the first 12 months and is never extended beyond them (flat after).
* ``medication`` - the untreated course replaced by the drug's first-year effect, by agent
  and site, held flat after 12 months.
* ``combined`` - no additive bonus: central and low equal the medication scenario; only
  the high edge adds the exercise effect (exercise added to drugs shows no clear extra BMD
  gain in pooled trials, section 2.3).

Modules: :mod:`.effects` (the untreated course, exercise and drug effects, with sources),
:mod:`.bone` (:func:`project_bmd`), :mod:`.muscle` (:func:`project_muscle`) and :mod:`.notes`
(the assumptions as codes with their figures; ``osteoload.wording.projection`` says them).
Every name is importable from ``osteoload.domain.projection`` as before the split.
"""

from __future__ import annotations

from .bone import (
    BONE_SOURCES,
    LIFTMOR_SOURCE,
    BmdProjection,
    GramsRange,
    ProjectionPoint,
    Scenario,
    SiteProjection,
    project_bmd,
)
from .effects import (
    ANTIRESORPTIVE_HIP,
    ANTIRESORPTIVE_SPINE,
    DEFAULT_MEDICATION,
    EXERCISE_EFFECT,
    EXERCISE_EFFECT_CAP_MONTHS,
    EXERCISE_GENTLE,
    EXERCISE_HIGH_INTENSITY_HIP,
    EXERCISE_HIGH_INTENSITY_SPINE,
    EXERCISE_STANDARD,
    FN_PER_TH_YEAR_ONE,
    MALE_LATE_AGE,
    MAX_MONTHS,
    MEDICATION_EFFECT,
    MEDICATION_EFFECT_CAP_MONTHS,
    MIN_MONTHS,
    MONTHS_PER_YEAR,
    PERI_YEARS_BEFORE_FMP,
    PROJECTED_SITES,
    SCENARIOS,
    SCHEMA_VERSION,
    SINGLE_FIGURE_SPREAD,
    TRANSITION_ENDS_YEARS_AFTER_FMP,
    UNKNOWN_MENOPAUSE_LATE_AGE,
    UNKNOWN_MENOPAUSE_TRANSITION_AGE,
    UNMODELLED_MEDICATIONS,
    UNTREATED_LATE,
    UNTREATED_PRE,
    UNTREATED_TRANSITION_HIP,
    UNTREATED_TRANSITION_SPINE,
    Band,
)
from .muscle import (
    MASS_TRAINED,
    MASS_UNTRAINED_MEN,
    MASS_UNTRAINED_UNDER_50,
    MASS_UNTRAINED_WOMEN,
    MUSCLE_LOSS_FROM_AGE,
    MUSCLE_SOURCES,
    STRENGTH_FAST_LOSS_FROM_AGE,
    STRENGTH_TRAINED,
    STRENGTH_UNTRAINED_50S,
    STRENGTH_UNTRAINED_MEN_60,
    STRENGTH_UNTRAINED_WOMEN_60,
    TRAINING_EFFECT_CAP_MONTHS,
    MuscleCourse,
    MuscleMeasure,
    MuscleProjection,
    project_muscle,
)
from .notes import NoteCode, ProjectionNote

__all__ = [
    "ANTIRESORPTIVE_HIP",
    "ANTIRESORPTIVE_SPINE",
    "BONE_SOURCES",
    "Band",
    "BmdProjection",
    "DEFAULT_MEDICATION",
    "EXERCISE_EFFECT",
    "EXERCISE_EFFECT_CAP_MONTHS",
    "EXERCISE_GENTLE",
    "EXERCISE_HIGH_INTENSITY_HIP",
    "EXERCISE_HIGH_INTENSITY_SPINE",
    "EXERCISE_STANDARD",
    "FN_PER_TH_YEAR_ONE",
    "GramsRange",
    "LIFTMOR_SOURCE",
    "MALE_LATE_AGE",
    "MASS_TRAINED",
    "MASS_UNTRAINED_MEN",
    "MASS_UNTRAINED_UNDER_50",
    "MASS_UNTRAINED_WOMEN",
    "MAX_MONTHS",
    "MEDICATION_EFFECT",
    "MEDICATION_EFFECT_CAP_MONTHS",
    "MIN_MONTHS",
    "MONTHS_PER_YEAR",
    "MUSCLE_LOSS_FROM_AGE",
    "MUSCLE_SOURCES",
    "MuscleCourse",
    "MuscleMeasure",
    "MuscleProjection",
    "NoteCode",
    "PERI_YEARS_BEFORE_FMP",
    "PROJECTED_SITES",
    "ProjectionNote",
    "ProjectionPoint",
    "SCENARIOS",
    "SCHEMA_VERSION",
    "SINGLE_FIGURE_SPREAD",
    "STRENGTH_FAST_LOSS_FROM_AGE",
    "STRENGTH_TRAINED",
    "STRENGTH_UNTRAINED_50S",
    "STRENGTH_UNTRAINED_MEN_60",
    "STRENGTH_UNTRAINED_WOMEN_60",
    "Scenario",
    "SiteProjection",
    "TRAINING_EFFECT_CAP_MONTHS",
    "TRANSITION_ENDS_YEARS_AFTER_FMP",
    "UNKNOWN_MENOPAUSE_LATE_AGE",
    "UNKNOWN_MENOPAUSE_TRANSITION_AGE",
    "UNMODELLED_MEDICATIONS",
    "UNTREATED_LATE",
    "UNTREATED_PRE",
    "UNTREATED_TRANSITION_HIP",
    "UNTREATED_TRANSITION_SPINE",
    "project_bmd",
    "project_muscle",
]
