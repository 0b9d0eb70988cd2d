"""The functional tests (section 5; R9's cut-offs) are verdict codes with their cut-offs in
the engine and words in the wording layer, in the active language (issue 20)."""

from __future__ import annotations

from django.utils import translation

from osteoload.domain.assessment import evaluate_tests
from osteoload.domain.profile import ClientProfile, FunctionalTests
from osteoload.domain.vocabulary import Sex
from osteoload.wording.function_tests import word_result


def results(sex: Sex = Sex.FEMALE, age: int = 72, **tests: float) -> dict:
    profile = ClientProfile(age=age, sex=sex, tests=FunctionalTests(**tests))  # type: ignore[arg-type]
    return {r.key: r for r in evaluate_tests(profile)}


def test_r9_the_engine_gives_verdicts_and_cut_offs_not_sentences():
    found = results(tug_s=14.0, grip_kg=15, chair_stand_30s=7)
    tug = found["tug_s"]
    assert (tug.name, tug.norm, tug.interpretation) == ("", "", "")
    assert tug.verdict == "high_risk"
    assert tug.limits == {"at_risk": 12.0, "high_risk": 13.5}
    assert found["grip_kg"].verdict == "low" and found["grip_kg"].sex is Sex.FEMALE
    assert found["chair_stand_30s"].band == (70, 74)


def test_r9_the_words_say_the_verdict_the_norm_and_the_name():
    tug = word_result(results(tug_s=14.0)["tug_s"])
    assert tug.name == "Timed Up and Go"
    assert tug.interpretation == (
        "Getting up, walking 3 m and back took 14 s: a high risk of falling."
    )
    assert tug.norm.startswith("at risk from 12 s (STEADI), high risk from 13.5 s; average")
    man = word_result(results(Sex.MALE, grip_kg=30)["grip_kg"])
    assert (man.norm, man.interpretation) == (
        "below 27 kg is low strength for men (EWGSOP2)",
        "Grip 30 kg is in the normal range.",
    )
    young = word_result(results(age=55, chair_stand_30s=20)["chair_stand_30s"])
    assert young.norm.endswith("(nearest published band)")
    gait = word_result(results(gait_speed_m_s=0.75)["gait_speed_m_s"])
    assert gait.interpretation == "Walking speed 0.75 m/s is slow: a high risk of falling."


def test_the_functional_tests_are_said_in_spanish():
    sppb = results(sppb=5)["sppb"]
    with translation.override("es"):
        said = word_result(sppb)
    assert said.interpretation == "SPPB 5 de 12: la función física es baja (rango de fragilidad)."
    assert said.name == "Batería corta de desempeño físico (SPPB)"
    assert said.norm.startswith("8 o menos es rendimiento bajo (EWGSOP2)")
