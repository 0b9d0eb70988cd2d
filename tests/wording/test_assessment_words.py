"""The assessment's bone category (R27, R28) is a code with its figures in the engine and
words in the wording layer, in the active language (issue 20)."""

from __future__ import annotations

from django.utils import translation

from osteoload.domain.assessment import (
    ZScoreGroup,
    assess,
    bone_finding_data,
    classify_bone,
    sarcopenia_screen,
)
from osteoload.domain.profile import Bone, BoneScan, ClientProfile, Fracture, FunctionalTests
from osteoload.domain.vocabulary import FractureSite, Menopause, ScannerMake, Sex, Site
from osteoload.services.assessment import assessment_document
from osteoload.services.plans import screen_client
from osteoload.wording import Audience
from osteoload.wording.assessment import (
    bone_message,
    sarcopenia_message,
    sarcopenia_reason,
    word_assessment,
)
from osteoload.wording.findings import finding_text
from tests.conftest import TODAY


def woman(**kwargs: object) -> ClientProfile:
    base: dict[str, object] = {"age": 62, "sex": Sex.FEMALE, "menopause": Menopause.POST}
    return ClientProfile(**{**base, **kwargs})  # type: ignore[arg-type]


def test_r27_the_engine_says_no_bone_sentence_only_its_facts():
    fracture = Fracture(site=FractureSite.WRIST, year=2020, low_trauma=None)
    status = classify_bone(woman(bone=Bone(total_hip_t=-2.6), fractures=(fracture,)))
    assert status.message == ""
    assert (status.unknown_trauma, status.z_group) == (True, None)
    assert bone_message(status) == (
        "Bone density is in the osteoporosis range (lowest T-score -2.6 at the whole hip) and "
        "there has been a fracture from a minor fall or less: this is called severe "
        "(established) osteoporosis. A fracture whose cause is not recorded is counted as a "
        "fragility fracture."
    )


def test_r27_z_scores_name_whom_they_are_used_for():
    men = classify_bone(ClientProfile(age=45, sex=Sex.MALE, bone=Bone(femoral_neck_z=-2.2)))
    assert men.z_group is ZScoreGroup.MEN_UNDER_50
    assert bone_message(men) == (
        "Bone density is below the expected range for age (lowest Z-score -2.2 at the hip "
        "(femoral neck); Z-scores compare with people of the same age and are used under 50)."
    )
    before = woman(age=40, menopause=Menopause.PRE, bone=Bone(total_hip_t=-1.5))
    assert "Z-scores are preferred before menopause" in bone_message(classify_bone(before))


def test_r27_no_result_with_a_fracture_says_both():
    fracture = Fracture(site=FractureSite.WRIST, year=2020, low_trauma=True)
    said = bone_message(classify_bone(woman(fractures=(fracture,))))
    assert said.startswith("No bone density result (T-score or scan) is recorded")
    assert "fragility fracture" in said and "to be safe" not in said


def test_r28_a_computed_t_score_is_shown_to_two_decimals_and_said():
    scan = BoneScan(site=Site.FEMORAL_NECK, bmd_g_cm2=0.555, scanner=ScannerMake.HOLOGIC)
    said = bone_message(classify_bone(woman(bone=Bone(scans=(scan,)))))
    assert "lowest T-score -2.53 at the hip (femoral neck)" in said
    assert "calculated by osteoload" in said


def test_r27_the_record_and_the_findings_data_say_the_same():
    status = classify_bone(woman(bone=Bone(lumbar_spine_t=-1.8, total_hip_t=-1.2)))
    assert bone_message(bone_finding_data(status)) == bone_message(status)


def test_r27_the_assessment_is_worded_in_spanish_with_its_codes_beside():
    profile = woman(bone=Bone(lumbar_spine_t=-2.9))
    result = assess(profile, as_of=TODAY)
    assert result.bone.message == "" and result.findings[0].message == ""
    assert word_assessment(result).findings[0].message == bone_message(result.bone)
    with translation.override("es"):
        document = assessment_document(result)
    assert document["bone"]["message"].startswith("La densidad mineral ósea está en el rango")
    finding = document["findings"][0]
    assert (finding["rule"], finding["code"]) == ("R27", "bone_category")
    assert finding["message"] == document["bone"]["message"]
    assert finding["data"]["lowest_t"] == -2.9


def test_r27_the_screening_summary_follows_the_language_and_the_coach_reads_it_live():
    profile = woman(bone=Bone(femoral_neck_t=-2.0))
    with translation.override("es"):
        finding = next(
            f for f in screen_client(profile, as_of=TODAY).findings if f.code == "bone_category"
        )
        assert finding.data["summary"].startswith("La densidad mineral ósea está por debajo")
    with translation.override("en"):
        coach = finding_text(finding, Audience.COACH)
    assert coach.startswith("Bone density is below normal but not in the osteoporosis range")
    stored = {"category": "normal", "summary": "An older stored summary."}
    assert finding_text({"code": "bone_category", "data": stored}, Audience.COACH) == (
        "An older stored summary."
    )


def test_ewgsop2_the_screen_is_factors_in_the_engine_and_words_here():
    """EWGSOP2 (worked example 14.8): the criteria met are codes with their cut-offs."""
    tests = FunctionalTests(grip_kg=15, asm_kg_m2=5.2, gait_speed_m_s=0.8)
    result = sarcopenia_screen(woman(age=69, tests=tests))
    assert (result.message, result.reasons) == ("", ())
    assert [(f.code, f.value, f.limit) for f in result.factors] == [
        ("grip_low", 15, 16.0),
        ("muscle_mass_low", 5.2, 5.5),
        ("gait_slow", 0.8, 0.8),
    ]
    assert [sarcopenia_reason(f) for f in result.factors] == [
        "Grip 15 kg is below 16 kg.",
        "Muscle mass 5.2 kg/m2 is below 5.5 kg/m2.",
        "Walking speed 0.80 m/s is 0.8 m/s or less.",
    ]
    assert sarcopenia_message("severe", True).startswith("Severe sarcopenia")
    assert "DXA body-composition scan" in sarcopenia_message("probable", None)
    assert "not confirmed" in sarcopenia_message("probable", False)


def test_ewgsop2_the_assess_document_says_the_screen_in_spanish_with_its_codes():
    profile = woman(age=69, tests=FunctionalTests(grip_kg=15, five_sts_s=16))
    result = assess(profile, as_of=TODAY)
    with translation.override("es"):
        document = assessment_document(result)
    part = document["sarcopenia"]
    assert part["status"] == "probable"
    assert part["message"].startswith("Sarcopenia probable")
    assert part["reasons"][1] == "Cinco levantamientos de la silla llevaron 16 s (más de 15 s)."
    assert [f["code"] for f in part["factors"]] == ["grip_low", "five_sts_slow"]
    finding = next(f for f in document["findings"] if f["rule"] == "EWGSOP2")
    assert (finding["code"], finding["message"]) == ("sarcopenia", part["message"])


def test_r9_r25_falls_and_passport_are_codes_in_the_engine_and_words_here():
    """R9 (the criteria met, the tier) and R25 (the passport's letters) carry no sentence."""
    profile = woman(age=80, falls_last_year=2, tests=FunctionalTests(sppb=8, chair_stand_30s=7))
    result = assess(profile, as_of=TODAY)
    assert (result.falls.message, result.falls.reasons) == ("", ())
    assert result.passport is not None and (result.passport.label, result.passport.reasons) == (
        "",
        (),
    )
    worded = word_assessment(result)
    assert worded.falls.message.startswith("High risk of falling")
    assert worded.falls.reasons[0] == "2 falls in the last year (two or more is high risk)."
    assert "below average for age 80-84" in worded.falls.reasons[1]
    assert worded.passport is not None
    assert worded.passport.label.startswith("Vivifrail passport C+ (pre-frailty)")
    rules = {f.rule: f for f in worded.findings}
    assert rules["R9"].code == "falls_high_supervision"
    assert rules["R9"].message.endswith(worded.falls.reasons[-1])
    assert rules["R25"].message.startswith("Vivifrail passport C+")
    with translation.override("es"):
        document = assessment_document(result)
    assert document["falls"]["message"].startswith("Riesgo alto de caídas")
    assert document["passport"]["label"].startswith("Pasaporte Vivifrail C+ (prefragilidad)")
    said = {f["rule"]: f["message"] for f in document["findings"]}
    assert said["R23"].startswith("Entrenamiento del equilibrio")


def test_r33_height_loss_finding_is_said_from_its_figures():
    profile = woman(baseline_height_cm=162, height_cm=159.5)
    finding = next(
        f for f in word_assessment(assess(profile, as_of=TODAY)).findings if f.rule == "R33"
    )
    assert (finding.rule, finding.code, dict(finding.data)) == (
        "R33",
        "height_fallen",
        {"cm": 2.5, "limit": 2.0},
    )
    assert finding.message.startswith("Height has fallen by 2.5 cm since the first measurement")


def test_r9_the_screenings_coach_reasons_come_from_the_factors():
    profile = woman(falls_last_year=3)
    with translation.override("es"):
        finding = next(
            f for f in screen_client(profile, as_of=TODAY).findings if f.code == "falls_risk_high"
        )
    assert finding.data["reasons"] == ["3 caídas en el último año (dos o más es riesgo alto)."]
    coach = finding_text(finding, Audience.COACH)
    assert "3 falls in the last year (two or more is high risk)." in coach
