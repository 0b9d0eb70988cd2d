"""A 1RM estimate's warnings (R20-R22) are codes with figures in the engine and words in the
wording layer, in the active language (issue 20)."""

from __future__ import annotations

from django.utils import translation

from osteoload.domain.one_rm import WarningCode, estimate_one_rm
from osteoload.services.one_rm import estimate, one_rm_document
from osteoload.wording.one_rm import estimate_warnings, one_rm_warning


def test_r21_r20_warnings_are_codes_with_their_figures():
    found = estimate_one_rm(40, 13, rpe=6.5)
    assert found.warnings == ()
    assert [w.code for w in found.warning_codes] == [
        WarningCode.TOO_MANY_REPS,
        WarningCode.FAR_FROM_FAILURE,
    ]
    assert found.warning_codes[1].numbers == {"rpe": 6.5, "rir": 3.5, "min_rpe": 7.0}
    said = estimate_warnings(found)
    assert said[0] == (
        "13 reps is more than the 12 the equations are trusted for: this estimate is "
        "unreliable and is not used for loads (R21)."
    )
    assert said[1].startswith("RPE 6.5 (3.5 reps in reserve) is further from failure")


def test_r20_a_single_rep_and_an_assumed_effort_are_said():
    said = estimate_warnings(estimate_one_rm(60, 1))
    assert said[0].startswith("A set of 1 rep is close to a maximal lift")
    assert said[-1].startswith("No RPE or reps in reserve given")
    assert one_rm_warning({"code": "near_maximal", "numbers": {"reps": 2, "low": 3, "high": 10}})


def test_r21_the_one_rm_document_says_its_warnings_in_spanish_with_the_codes():
    result = estimate(reps=13, load_kg=40.0, rpe=8.0)
    with translation.override("es"):
        document = one_rm_document(result)
    assert document["warnings"][0].startswith("13 repeticiones son más que las 12")
    assert document["warning_codes"][0] == {
        "code": "too_many_reps",
        "numbers": {"reps": 13, "max": 12},
    }
