"""A projection's assumptions (R29, R30; section 10) and a DXA verdict (R29) are codes in the
engine and sentences in the wording layer, in English and in Spanish, each carrying its
figures (issue 20)."""

from __future__ import annotations

import pytest
from django.utils import translation

from osteoload.domain.assessment import DxaVerdict, dxa_change
from osteoload.domain.projection import NoteCode, ProjectionNote, project_bmd, project_muscle
from osteoload.domain.projection.notes import note
from osteoload.domain.vocabulary import Medication, Menopause, ScannerMake, Site
from osteoload.services.profiles import load_profile
from osteoload.wording import pronouns_for
from osteoload.wording.dxa import dxa_verdict
from osteoload.wording.projection import assumption, assumptions
from tests.conftest import EXAMPLES, TODAY

#: One note per code, with figures unlike any other number in its sentence, and the figures
#: (as written) the sentence must carry in every language.
SAMPLES: dict[NoteCode, tuple[ProjectionNote, tuple[str, ...]]] = {
    NoteCode.MENOPAUSE_ASSUMED: (
        note(NoteCode.MENOPAUSE_ASSUMED, menopause=Menopause.PERI, age=47),
        ("47",),
    ),
    NoteCode.COURSE_MALE_UNDER_50: (
        note(NoteCode.COURSE_MALE_UNDER_50, age=51, loss_min_pct=0.1, loss_max_pct=0.3),
        ("51", "0.1", "0.3"),
    ),
    NoteCode.COURSE_MALE: (
        note(NoteCode.COURSE_MALE, loss_pct=1.2, years_after=3),
        ("1.2", "3"),
    ),
    NoteCode.COURSE_PREMENOPAUSE: (
        note(NoteCode.COURSE_PREMENOPAUSE, loss_min_pct=0.1, loss_max_pct=0.3),
        ("0.1", "0.3"),
    ),
    NoteCode.COURSE_TRANSITION: (
        note(
            NoteCode.COURSE_TRANSITION,
            spine_loss_pct=2.6,
            hip_loss_pct=1.8,
            late_loss_pct=0.9,
            years_after=3,
        ),
        ("2.6", "1.8", "0.9", "3"),
    ),
    NoteCode.FINAL_PERIOD_ASSUMED: (note(NoteCode.FINAL_PERIOD_ASSUMED, years=2), ("2",)),
    NoteCode.COURSE_POSTMENOPAUSE: (
        note(NoteCode.COURSE_POSTMENOPAUSE, loss_pct=1.1, years_after=3),
        ("1.1", "3"),
    ),
    NoteCode.YEARS_SINCE_MENOPAUSE_UNKNOWN: (
        note(NoteCode.YEARS_SINCE_MENOPAUSE_UNKNOWN, spine_loss_pct=2.7, years_after=3),
        ("2.7", "3"),
    ),
    NoteCode.TRACK_HIGH_INTENSITY: (
        note(NoteCode.TRACK_HIGH_INTENSITY, low_pct_1rm=78, high_pct_1rm=86),
        ("78", "86"),
    ),
    NoteCode.TRACK_STANDARD: (
        note(NoteCode.TRACK_STANDARD, gain_pct=1.1, gain_max_pct=1.6),
        ("1.1", "1.6"),
    ),
    NoteCode.TRACK_GENTLE: (note(NoteCode.TRACK_GENTLE), ()),
    NoteCode.EXERCISE_CAPPED: (note(NoteCode.EXERCISE_CAPPED, months=11), ("11",)),
    NoteCode.MEDICATION_EXAMPLE: (
        note(NoteCode.MEDICATION_EXAMPLE, medications=(Medication.DENOSUMAB,)),
        ("denosumab",),
    ),
    NoteCode.MEDICATION_TAKEN: (
        note(NoteCode.MEDICATION_TAKEN, medications=(Medication.ROMOSOZUMAB,)),
        ("romosozumab",),
    ),
    NoteCode.MEDICATION_CHOSEN: (
        note(NoteCode.MEDICATION_CHOSEN, medications=(Medication.DENOSUMAB,)),
        ("denosumab",),
    ),
    NoteCode.MEDICATION_FIGURES: (
        note(NoteCode.MEDICATION_FIGURES, months=11, neck_per_total_hip=0.6),
        ("11", "0.6"),
    ),
    NoteCode.ABALOPARATIDE_AS_TERIPARATIDE: (note(NoteCode.ABALOPARATIDE_AS_TERIPARATIDE), ()),
    NoteCode.COMBINED_NO_BONUS: (note(NoteCode.COMBINED_NO_BONUS), ()),
    NoteCode.LEAST_SIGNIFICANT_CHANGE: (
        ProjectionNote(
            code=NoteCode.LEAST_SIGNIFICANT_CHANGE,
            sites={Site.LUMBAR_SPINE: 3.3, Site.TOTAL_HIP: 4.4},
        ),
        ("3.3 %", "4.4 %"),
    ),
    NoteCode.RANGES: (note(NoteCode.RANGES), ()),
    NoteCode.LINEAR: (note(NoteCode.LINEAR), ()),
    NoteCode.GLUCOCORTICOID_LOSS: (note(NoteCode.GLUCOCORTICOID_LOSS), ()),
    NoteCode.UNMODELLED_SLOWS_LOSS: (
        note(NoteCode.UNMODELLED_SLOWS_LOSS, medications=(Medication.HRT, Medication.SERM)),
        ("SERM",),
    ),
    NoteCode.NO_SCAN_IN_GRAMS: (note(NoteCode.NO_SCAN_IN_GRAMS), ()),
    NoteCode.BEYOND_A_YEAR: (
        note(NoteCode.BEYOND_A_YEAR, months=37, reliable_months=11),
        ("37", "11"),
    ),
    NoteCode.SCAN_AGE: (
        ProjectionNote(code=NoteCode.SCAN_AGE, sites={Site.FEMORAL_NECK: 1, Site.TOTAL_HIP: 14}),
        ("(", "1", "14"),
    ),
    NoteCode.MUSCLE_UNTRAINED: (note(NoteCode.MUSCLE_UNTRAINED), ()),
    NoteCode.MUSCLE_TRAINED: (note(NoteCode.MUSCLE_TRAINED, months=11), ("11",)),
    NoteCode.STRENGTH_BEFORE_60: (
        note(NoteCode.STRENGTH_BEFORE_60, loss_pct=1.4, age=61, from_age=52),
        ("1.4", "61", "52", "60"),
    ),
}


def test_every_note_code_has_a_sentence_sample():
    assert set(SAMPLES) == set(NoteCode)


@pytest.mark.parametrize("code", list(NoteCode))
def test_R30_each_assumption_is_said_with_its_figures_in_english_and_spanish(code):
    sample, figures = SAMPLES[code]
    with translation.override("en"):
        english = assumption(sample)
    with translation.override("es"):
        spanish = assumption(sample)
    for text in (english, spanish):
        assert text and text != code.value
        assert "{" not in text and "}" not in text, text
        for figure in figures:
            assert figure in text, (figure, text)
    assert spanish != english


def test_R30_the_json_form_of_a_note_says_the_same_as_the_record():
    from osteoload.domain.serialize import jsonable

    for sample, _figures in SAMPLES.values():
        assert assumption(jsonable(sample)) == assumption(sample)


def test_R30_the_coach_reads_his_pronoun():
    sample = note(NoteCode.GLUCOCORTICOID_LOSS)
    assert assumption(sample).startswith("She takes glucocorticoids")
    assert assumption(sample, pronouns_for("male")).startswith("He takes glucocorticoids")
    assert assumption(sample, pronouns_for(None)).startswith("They take glucocorticoids")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_R30_every_note_of_every_example_projection_is_a_sentence(path):
    profile = load_profile(path, today=TODAY)
    bone = project_bmd(profile, months=24, as_of=TODAY)
    muscle = project_muscle(profile, months=24, as_of=TODAY)
    notes = (*bone.notes, *muscle.notes)
    said = assumptions(notes, pronouns_for(profile.sex.value))
    assert len(said) == len(notes)
    assert all(s != n.code.value and s.endswith(".") for s, n in zip(said, notes, strict=True))


def _change(followup: float, **scanners: ScannerMake | None):
    return dxa_change(
        site=Site.TOTAL_HIP,
        baseline_g_cm2=0.800,
        followup_g_cm2=followup,
        precision_g_cm2=0.010,
        **scanners,
    )


@pytest.mark.parametrize(
    ("change", "verdict", "figures"),
    [
        (_change(0.850), DxaVerdict.GAIN, ("+0.050", "+6.2", "0.028", "3.5")),
        (_change(0.750), DxaVerdict.LOSS, ("-0.050", "-6.2", "0.028", "3.5")),
        (_change(0.810), DxaVerdict.STABLE, ("+0.010", "+1.2", "0.028", "3.5")),
        (
            _change(
                0.900,
                baseline_scanner=ScannerMake.HOLOGIC,
                followup_scanner=ScannerMake.LUNAR,
            ),
            DxaVerdict.NOT_COMPARABLE,
            ("Hologic", "Lunar"),
        ),
    ],
    ids=lambda v: str(v) if isinstance(v, DxaVerdict) else "",
)
def test_R29_each_dxa_verdict_is_said_with_its_figures_in_english_and_spanish(
    change, verdict, figures
):
    assert change.direction is verdict
    with translation.override("en"):
        english = dxa_verdict(change)
    with translation.override("es"):
        spanish = dxa_verdict(change)
    for text in (english, spanish):
        assert "{" not in text, text
        for figure in figures:
            assert figure in text, (figure, text)
    assert spanish != english


def test_R29_a_default_lsc_and_unknown_scanners_are_said():
    change = dxa_change(site=Site.LUMBAR_SPINE, baseline_g_cm2=0.900, followup_g_cm2=0.910)
    text = dxa_verdict(change)
    assert "5.3 % (a default for the lumbar spine" in text
    assert text.endswith("they are assumed to be the same.")
    with translation.override("es"):
        assert "5.3 %" in dxa_verdict(change)
