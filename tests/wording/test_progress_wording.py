"""The progress page's words (osteoload.wording.progress): plain for her, exact for the coach."""

from __future__ import annotations

import re

import pytest

from osteoload.domain.assessment import evaluate_tests
from osteoload.domain.profile import FunctionalTests
from osteoload.domain.serialize import jsonable
from osteoload.services.profiles import load_profile
from osteoload.wording import Audience, pronouns_for
from osteoload.wording.progress import (
    projection_notes,
    result_description,
    result_name,
    result_summary,
    scan_change,
    sets_summary,
)
from tests.conftest import EXAMPLES, TODAY

JARGON = re.compile(
    r"region-sets?|STEADI|EWGSOP2?|\b1RM\b|T-score|\bSPPB\b|\bLSC\b|Timed Up and Go|g/cm2"
    r"|\b(she|her|hers|herself|he|him|his)\b",
)

SLOW = FunctionalTests(tug_s=14.0, chair_stand_30s=5, five_sts_s=17.0, single_leg_stance_s=3.0,
                       gait_speed_m_s=0.7, grip_kg=12.0, sppb=5)  # fmt: skip
FIT = FunctionalTests(tug_s=7.0, chair_stand_30s=20, five_sts_s=8.0, single_leg_stance_s=30.0,
                      gait_speed_m_s=1.4, grip_kg=35.0, sppb=12)  # fmt: skip


@pytest.mark.parametrize("tests", [SLOW, FIT], ids=["slow", "fit"])
@pytest.mark.parametrize("sex", ["female", "male"])
def test_R9_functional_results_in_words_for_each_audience(tests, sex) -> None:
    """R9 norms (STEADI, EWGSOP2 ...): named for the coach, explained to the client."""
    from dataclasses import replace

    profile = replace(load_profile(EXAMPLES[0], today=TODAY), tests=tests)
    profile = replace(profile, sex=type(profile.sex)(sex))
    pronouns = pronouns_for(sex)
    for result in (jsonable(r) for r in evaluate_tests(profile)):
        for text in (
            result_name(result, Audience.CLIENT),
            result_description(result, Audience.CLIENT),
            result_summary(result, Audience.CLIENT),
        ):
            assert text and not JARGON.search(text), (result["key"], text)
        coach = result_summary(result, Audience.COACH, pronouns)
        assert "Norm:" in coach
        if sex == "male":
            assert not re.search(r"\bher\b", coach), coach


def test_R9_slow_timed_up_and_go_is_explained_by_what_she_did() -> None:
    result = {"key": "tug_s", "name": "Timed Up and Go", "value": 14.0, "unit": "s",
              "status": "risk", "norm": "at risk from 12 s (STEADI)",
              "interpretation": "Getting up, walking 3 m and back took 14 s."}  # fmt: skip
    assert result_summary(result, Audience.CLIENT) == (
        "Taking 14 seconds to stand up, walk 3 metres and back suggests a higher risk of falling."
    )
    assert "STEADI" in result_summary(result, Audience.COACH)


def test_region_sets_are_for_the_coach_only() -> None:
    assert "region-sets" in sets_summary(12, 4, "Hips", Audience.COACH)
    client = sets_summary(12, 4, "Hips", Audience.CLIENT)
    assert "region-sets" not in client and "your hips" in client


@pytest.mark.parametrize("direction", ["gain", "loss", "stable", "not_comparable"])
def test_R29_scan_change_in_plain_words_for_the_client(direction) -> None:
    followup = "lunar" if direction == "not_comparable" else "hologic"
    change = {"direction": direction, "change_pct": -5.0, "change_g_cm2": -0.04,
              "site": "total_hip", "lsc_pct": 5.0, "lsc_g_cm2": 0.04,
              "lsc_source": "iscd_default", "baseline_scanner": "hologic",
              "followup_scanner": followup}  # fmt: skip
    client = scan_change(change, "Whole hip", Audience.CLIENT)
    assert "whole hip" in client and not JARGON.search(client)
    coach = scan_change(change, "Whole hip", Audience.COACH)
    start = {"gain": "Real gain", "loss": "Real loss", "stable": "Stable",
             "not_comparable": "Not comparable"}[direction]  # fmt: skip
    assert coach.startswith(start), coach


def test_R30_projection_notes_plain_for_her_and_his_pronoun_for_the_coach() -> None:
    projection = {"notes": [{"code": "medication_chosen", "medications": ["denosumab"]},
                            {"code": "glucocorticoid_loss"}],
                  "medication_source": "profile"}  # fmt: skip
    for note in projection_notes(projection, Audience.CLIENT):
        assert not JARGON.search(note), note
    assert projection_notes(projection, Audience.COACH, pronouns_for("male")) == [
        "The medication line uses denosumab.",
        "He takes glucocorticoids, which speed up bone loss; that extra loss is not included, "
        "so the untreated line may be too optimistic.",
    ]
