"""Assessment engine: bone category (R27, R28), falls risk (R9), SPPB, Vivifrail (R25),
functional tests, sarcopenia (EWGSOP2), height loss (R33) and DXA change (R29).

Worked examples 14.3, 14.4, 14.6, 14.7 and 14.8 of clinical-evidence.md are tables below.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osteoload.domain.assessment import (
    DEFAULT_LSC_PCT,
    DxaVerdict,
    FunctionalResult,
    ZScoreGroup,
    assess,
    assess_falls_risk,
    category_from_t,
    classify_bone,
    dxa_change,
    evaluate_tests,
    gait_speed,
    height_loss_cm,
    sarcopenia_screen,
    score_sppb,
    sppb_total,
    t_score_from_bmd,
    vivifrail_passport,
)
from osteoload.domain.errors import InvalidInput
from osteoload.domain.profile import (
    Bone,
    BoneScan,
    ClientProfile,
    Fracture,
    FunctionalTests,
    SppbParts,
)
from osteoload.domain.vocabulary import (
    BoneCategory,
    Condition,
    FallsRisk,
    FractureSite,
    Menopause,
    ScannerMake,
    Severity,
    Sex,
    Site,
)
from osteoload.wording.assessment import bone_message, falls_reason, falls_reasons, passport_label
from osteoload.wording.function_tests import word_result

AS_OF = date(2026, 11, 26)


def woman(age: int = 65, **kwargs) -> ClientProfile:
    kwargs.setdefault("menopause", Menopause.POST)
    return ClientProfile(age=age, sex=Sex.FEMALE, **kwargs)


def ftests(**kwargs) -> FunctionalTests:
    return FunctionalTests(**kwargs)


#: Worked example 14.6: balance 3 (10 s, 10 s, tandem 5 s), walk 5.0 s -> 3, chairs 14.0 s -> 2.
EXAMPLE_14_6 = SppbParts(
    side_by_side_s=10, semi_tandem_s=10, tandem_s=5, gait_4m_s=5.0, chair_stands_s=14.0
)


# --- R28: T-scores from g/cm2 (worked example 14.3) --------------------------------------


@pytest.mark.parametrize(
    ("site", "bmd", "t_score", "category"),
    [
        (Site.FEMORAL_NECK, 0.690, -1.40, BoneCategory.LOW_BONE_MASS),
        (Site.FEMORAL_NECK, 0.555, -2.53, BoneCategory.OSTEOPOROSIS),
        (Site.TOTAL_HIP, 0.780, -1.33, BoneCategory.LOW_BONE_MASS),
    ],
)
def test_r28_worked_example_14_3(site, bmd, t_score, category):
    assert t_score_from_bmd(site, bmd) == pytest.approx(t_score, abs=1e-9)
    scan = BoneScan(site=site, bmd_g_cm2=bmd, scanner=ScannerMake.HOLOGIC)
    status = classify_bone(woman(bone=Bone(scans=(scan,))))
    assert status.category is category
    assert status.computed is True
    assert status.lowest_t == pytest.approx(t_score)
    assert "calculated by osteoload" in bone_message(status)


@pytest.mark.parametrize("site", [Site.LUMBAR_SPINE, Site.FOREARM])
def test_r28_refuses_sites_without_a_reference(site):
    with pytest.raises(InvalidInput, match="R28"):
        t_score_from_bmd(site, 0.850)


@pytest.mark.parametrize("bmd", [0.0, -0.5, 3.5, float("nan")])
def test_r28_rejects_impossible_bmd(bmd):
    with pytest.raises(InvalidInput, match="bmd_g_cm2"):
        t_score_from_bmd(Site.FEMORAL_NECK, bmd)


@pytest.mark.parametrize("scanner", [ScannerMake.LUNAR, ScannerMake.OTHER, None])
def test_r28_computes_only_for_hologic_scans(scanner):
    scan = BoneScan(site=Site.FEMORAL_NECK, bmd_g_cm2=0.555, scanner=scanner)
    status = classify_bone(woman(bone=Bone(scans=(scan,))))
    assert status.category is BoneCategory.UNKNOWN
    assert status.basis == "none"


def test_r28_never_computes_a_spine_t_score():
    scan = BoneScan(site=Site.LUMBAR_SPINE, bmd_g_cm2=0.700, scanner=ScannerMake.HOLOGIC)
    assert classify_bone(woman(bone=Bone(scans=(scan,)))).category is BoneCategory.UNKNOWN


# --- R27: categories ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("t_score", "category"),
    [
        (0.5, BoneCategory.NORMAL),
        (-1.0, BoneCategory.NORMAL),
        (-1.01, BoneCategory.LOW_BONE_MASS),
        (-2.49, BoneCategory.LOW_BONE_MASS),
        (-2.5, BoneCategory.OSTEOPOROSIS),
        (-3.4, BoneCategory.OSTEOPOROSIS),
    ],
)
def test_r27_boundaries(t_score, category):
    status = classify_bone(woman(bone=Bone(femoral_neck_t=t_score)))
    assert status.category is category
    assert status.basis == "t_score"
    assert status.computed is False


def test_r27_computed_t_exactly_minus_2_5_is_osteoporosis():
    # (0.558 - 0.858) / 0.120 = -2.5 exactly, despite binary floating point.
    scan = BoneScan(site=Site.FEMORAL_NECK, bmd_g_cm2=0.558, scanner=ScannerMake.HOLOGIC)
    status = classify_bone(woman(bone=Bone(scans=(scan,))))
    assert status.lowest_t == -2.5
    assert status.category is BoneCategory.OSTEOPOROSIS


def test_r27_uses_the_lowest_of_three_sites():
    bone = Bone(lumbar_spine_t=-1.2, total_hip_t=-2.7, femoral_neck_t=-2.0)
    status = classify_bone(woman(bone=bone))
    assert status.category is BoneCategory.OSTEOPOROSIS
    assert status.lowest_site is Site.TOTAL_HIP
    assert status.lowest_t == -2.7


def test_r27_ignores_the_forearm():
    scan = BoneScan(site=Site.FOREARM, t_score=-3.5)
    status = classify_bone(woman(bone=Bone(lumbar_spine_t=-0.5, scans=(scan,))))
    assert status.category is BoneCategory.NORMAL


@pytest.mark.parametrize(
    ("low_trauma", "category", "fragility"),
    [
        (True, BoneCategory.SEVERE_OSTEOPOROSIS, True),
        (None, BoneCategory.SEVERE_OSTEOPOROSIS, True),  # unknown counts (conservative)
        (False, BoneCategory.OSTEOPOROSIS, False),
    ],
)
def test_r27_severe_needs_a_fragility_fracture(low_trauma, category, fragility):
    fracture = Fracture(site=FractureSite.WRIST, year=2020, low_trauma=low_trauma)
    status = classify_bone(woman(bone=Bone(total_hip_t=-2.6), fractures=(fracture,)))
    assert status.category is category
    assert status.fragility_fracture is fragility
    if low_trauma is None:
        assert status.unknown_trauma is True
        assert "not recorded" in bone_message(status)


def test_r27_fragility_fracture_does_not_upgrade_low_bone_mass():
    fracture = Fracture(site=FractureSite.VERTEBRA, year=2020, low_trauma=True)
    status = classify_bone(woman(bone=Bone(total_hip_t=-2.0), fractures=(fracture,)))
    assert status.category is BoneCategory.LOW_BONE_MASS
    assert status.fragility_fracture is True


def test_r27_no_data_is_unknown():
    status = classify_bone(woman())
    assert status.category is BoneCategory.UNKNOWN
    assert status.basis == "none"
    assert status.lowest_t is None and status.lowest_site is None


def test_r27_report_t_score_wins_over_a_scan():
    scan = BoneScan(site=Site.TOTAL_HIP, t_score=-3.0, date=date(2024, 1, 1))
    status = classify_bone(woman(bone=Bone(total_hip_t=-1.5, scans=(scan,))))
    assert status.lowest_t == -1.5


def test_r27_latest_scan_per_site_by_date():
    scans = (
        BoneScan(site=Site.FEMORAL_NECK, t_score=-1.5, date=date(2025, 6, 1)),
        BoneScan(site=Site.FEMORAL_NECK, t_score=-2.8, date=date(2021, 6, 1)),
        BoneScan(site=Site.FEMORAL_NECK, t_score=-3.1),  # undated counts as oldest
    )
    status = classify_bone(woman(bone=Bone(scans=scans)))
    assert status.lowest_t == -1.5
    assert status.category is BoneCategory.LOW_BONE_MASS
    assert status.computed is False


def test_r27_scan_t_score_and_computed_t_score_are_combined():
    scans = (
        BoneScan(site=Site.LUMBAR_SPINE, t_score=-1.2),
        BoneScan(site=Site.TOTAL_HIP, bmd_g_cm2=0.600, scanner=ScannerMake.HOLOGIC),
    )
    status = classify_bone(woman(bone=Bone(scans=scans)))
    assert status.lowest_site is Site.TOTAL_HIP
    assert status.computed is True
    assert status.category is BoneCategory.OSTEOPOROSIS


@pytest.mark.parametrize(
    ("z_score", "category"),
    [(-2.0, BoneCategory.LOW_BONE_MASS), (-1.9, BoneCategory.NORMAL), (0.3, BoneCategory.NORMAL)],
)
def test_r27_premenopausal_women_use_z_scores(z_score, category):
    profile = woman(age=42, menopause=Menopause.PRE, bone=Bone(lumbar_spine_z=z_score))
    status = classify_bone(profile)
    assert status.basis == "z_score"
    assert status.category is category
    assert status.lowest_z == z_score
    assert status.lowest_t is None


def test_r27_men_under_50_use_z_scores_and_men_50_use_t_scores():
    bone = Bone(femoral_neck_t=-2.6, femoral_neck_z=-1.0)
    young = classify_bone(ClientProfile(age=49, sex=Sex.MALE, bone=bone))
    older = classify_bone(ClientProfile(age=50, sex=Sex.MALE, bone=bone))
    assert (young.basis, young.category) == ("z_score", BoneCategory.NORMAL)
    assert (older.basis, older.category) == ("t_score", BoneCategory.OSTEOPOROSIS)


def test_r27_premenopausal_without_z_scores_falls_back_to_t_scores():
    status = classify_bone(woman(age=40, menopause=Menopause.PRE, bone=Bone(total_hip_t=-2.6)))
    assert status.basis == "t_score"
    assert status.category is BoneCategory.OSTEOPOROSIS
    assert status.z_group is ZScoreGroup.BEFORE_MENOPAUSE
    assert "Z-scores are preferred" in bone_message(status)


@pytest.mark.parametrize("menopause", [Menopause.PERI, None])
def test_r27_perimenopause_and_unknown_status_use_t_scores(menopause):
    profile = woman(age=50, menopause=menopause, bone=Bone(total_hip_t=-2.6, total_hip_z=-1.0))
    assert classify_bone(profile).basis == "t_score"


@given(st.floats(min_value=-6, max_value=4), st.floats(min_value=-6, max_value=4))
def test_r27_a_lower_t_score_never_gives_a_better_category(a, b):
    order = [
        BoneCategory.NORMAL,
        BoneCategory.LOW_BONE_MASS,
        BoneCategory.OSTEOPOROSIS,
        BoneCategory.SEVERE_OSTEOPOROSIS,
    ]
    lo, hi = min(a, b), max(a, b)
    for fracture in (False, True):
        worse = order.index(category_from_t(lo, fragility_fracture=fracture))
        better = order.index(category_from_t(hi, fragility_fracture=fracture))
        assert worse >= better


# --- SPPB scoring (section 5.6; worked example 14.6) -------------------------------------


def test_sppb_worked_example_14_6():
    score = score_sppb(EXAMPLE_14_6)
    assert (score.balance, score.gait, score.chair, score.total) == (3, 3, 2, 8)


@pytest.mark.parametrize(
    ("gait_s", "points"),
    [(3.0, 4), (4.81, 4), (4.82, 3), (6.20, 3), (6.21, 2), (8.70, 2), (8.71, 1), (30.0, 1),
     (None, 0)],
)  # fmt: skip
def test_sppb_gait_points(gait_s, points):
    assert score_sppb(SppbParts(gait_4m_s=gait_s)).gait == points


@pytest.mark.parametrize(
    ("chair_s", "points"),
    [(9.0, 4), (11.19, 4), (11.20, 3), (13.69, 3), (13.70, 2), (16.69, 2), (16.70, 1),
     (60.0, 1), (60.01, 0), (None, 0)],
)  # fmt: skip
def test_sppb_chair_points(chair_s, points):
    assert score_sppb(SppbParts(chair_stands_s=chair_s)).chair == points


@pytest.mark.parametrize(
    ("side", "semi", "tandem", "points"),
    [
        (10, 10, 10, 4),
        (10, 10, 3, 3),
        (10, 10, 2.9, 2),
        (10, 9.9, 10, 1),  # tandem only counts after a full semi-tandem
        (9, 10, 10, 0),
        (None, None, None, 0),
    ],
)
def test_sppb_balance_points(side, semi, tandem, points):
    parts = SppbParts(side_by_side_s=side, semi_tandem_s=semi, tandem_s=tandem)
    assert score_sppb(parts).balance == points


def test_sppb_rejects_negative_times():
    with pytest.raises(InvalidInput, match="gait_4m_s"):
        score_sppb(SppbParts(gait_4m_s=-1.0))


def test_sppb_total_prefers_the_recorded_total_and_treats_empty_parts_as_not_done():
    assert sppb_total(ftests(sppb=11, sppb_parts=EXAMPLE_14_6)) == 11
    assert sppb_total(ftests(sppb_parts=EXAMPLE_14_6)) == 8
    assert sppb_total(ftests(sppb_parts=SppbParts())) is None
    assert sppb_total(ftests()) is None


@given(
    st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
    st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
    st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
    st.one_of(st.none(), st.floats(min_value=1, max_value=120)),
    st.one_of(st.none(), st.floats(min_value=2, max_value=300)),
)
def test_sppb_total_is_always_0_to_12(side, semi, tandem, gait, chair):
    score = score_sppb(
        SppbParts(
            side_by_side_s=side,
            semi_tandem_s=semi,
            tandem_s=tandem,
            gait_4m_s=gait,
            chair_stands_s=chair,
        )
    )
    assert 0 <= score.balance <= 4 and 0 <= score.gait <= 4 and 0 <= score.chair <= 4
    assert score.total == score.balance + score.gait + score.chair


def test_gait_speed_from_the_sppb_walk():
    assert gait_speed(ftests(sppb_parts=EXAMPLE_14_6)) == pytest.approx(0.80)
    assert gait_speed(ftests(gait_speed_m_s=1.1, sppb_parts=EXAMPLE_14_6)) == 1.1
    assert gait_speed(ftests()) is None


# --- R9: falls risk ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "tests", "plus"),
    [
        ({"falls_last_year": 2}, {}, True),
        ({"fall_with_injury_last_year": True}, {}, True),
        ({"conditions": (Condition.DEMENTIA,)}, {}, True),
        ({}, {"tug_s": 13.5}, False),
        ({}, {"tug_s": 20.0}, True),
        ({}, {"gait_speed_m_s": 0.79}, True),
        ({}, {"sppb": 6}, False),
    ],
)
def test_r9_high_falls_risk_criteria(kwargs, tests, plus):
    result = assess_falls_risk(woman(**kwargs, tests=ftests(**tests)))
    assert result.level is FallsRisk.HIGH
    assert len(result.factors) == 1
    assert result.vivifrail_plus is plus


@pytest.mark.parametrize(
    ("kwargs", "tests"),
    [
        ({"falls_last_year": 1, "fall_with_injury_last_year": False}, {}),
        ({"falls_last_year": 1}, {}),  # injury not recorded
        ({}, {"tug_s": 12.0}),
        ({}, {"tug_s": 13.4}),
        ({}, {"single_leg_stance_s": 4.9}),
        ({}, {"sppb": 7}),
        ({}, {"sppb": 9}),
    ],
)
def test_r9_intermediate_falls_risk_criteria(kwargs, tests):
    result = assess_falls_risk(woman(**kwargs, tests=ftests(**tests)))
    assert result.level is FallsRisk.INTERMEDIATE
    assert len(result.factors) == 1
    assert result.vivifrail_plus is False


@pytest.mark.parametrize(
    ("speed", "level"), [(0.79, FallsRisk.HIGH), (0.80, FallsRisk.LOW), (0.81, FallsRisk.LOW)]
)
def test_r9_gait_speed_boundary_0_8_is_not_below(speed, level):
    result = assess_falls_risk(woman(falls_last_year=0, tests=ftests(gait_speed_m_s=speed)))
    assert result.level is level


@pytest.mark.parametrize(
    ("sppb", "level"),
    [(6, FallsRisk.HIGH), (7, FallsRisk.INTERMEDIATE), (9, FallsRisk.INTERMEDIATE),
     (10, FallsRisk.LOW)],
)  # fmt: skip
def test_r9_sppb_boundary_6_and_7(sppb, level):
    assert assess_falls_risk(woman(tests=ftests(sppb=sppb))).level is level


@pytest.mark.parametrize(
    ("tug", "level"),
    [(11.9, FallsRisk.LOW), (12.0, FallsRisk.INTERMEDIATE), (13.49, FallsRisk.INTERMEDIATE),
     (13.5, FallsRisk.HIGH)],
)  # fmt: skip
def test_r9_tug_boundaries(tug, level):
    assert assess_falls_risk(woman(tests=ftests(tug_s=tug))).level is level


@pytest.mark.parametrize(
    ("age", "sex", "stands", "level"),
    [
        (71, Sex.FEMALE, 9, FallsRisk.INTERMEDIATE),  # worked example 14.7
        (71, Sex.FEMALE, 10, FallsRisk.LOW),
        (62, Sex.FEMALE, 11, FallsRisk.INTERMEDIATE),
        (62, Sex.MALE, 13, FallsRisk.INTERMEDIATE),
        (62, Sex.MALE, 14, FallsRisk.LOW),
        (92, Sex.FEMALE, 4, FallsRisk.LOW),
        (55, Sex.FEMALE, 11, FallsRisk.INTERMEDIATE),  # under 60: the 60-64 band is used
    ],
)
def test_r9_chair_stand_below_steadi_band_worked_example_14_7(age, sex, stands, level):
    profile = ClientProfile(age=age, sex=sex, tests=ftests(chair_stand_30s=stands))
    result = assess_falls_risk(profile)
    assert result.level is level
    if level is FallsRisk.INTERMEDIATE:
        assert result.factors[0].code == "chair_stand_low"
        assert "below average" in str(falls_reason(result.factors[0]))


def test_r9_unknown_without_falls_or_tests_and_low_with_zero_falls():
    assert assess_falls_risk(woman()).level is FallsRisk.UNKNOWN
    assert assess_falls_risk(woman(tests=ftests(grip_kg=20))).level is FallsRisk.UNKNOWN
    low = assess_falls_risk(woman(falls_last_year=0))
    assert low.level is FallsRisk.LOW and low.factors == ()


def test_r9_every_criterion_met_gets_a_reason():
    profile = woman(
        falls_last_year=3,
        fall_with_injury_last_year=True,
        conditions=(Condition.DEMENTIA,),
        tests=ftests(tug_s=21, gait_speed_m_s=0.5, sppb=4, single_leg_stance_s=1),
    )
    result = assess_falls_risk(profile)
    assert result.level is FallsRisk.HIGH
    assert len(falls_reasons(result.factors)) == 7  # six high criteria and the stance


# --- R25: Vivifrail passport -------------------------------------------------------------


def test_r25_worked_example_14_6_takes_the_lower_passport():
    passport = vivifrail_passport(woman(age=75, tests=ftests(sppb_parts=EXAMPLE_14_6)))
    assert passport is not None
    assert (passport.letter, passport.plus, passport.display) == ("B", False, "B")
    assert (passport.sppb_letter, passport.gait_letter) == ("C", "B")


@pytest.mark.parametrize(
    ("tests", "display"),
    [
        ({"sppb": 2}, "A+"),  # SPPB <= 6 is high falls risk
        ({"sppb": 6}, "B+"),
        ({"sppb": 7}, "C"),
        ({"sppb": 12, "gait_speed_m_s": 1.2}, "D"),
        ({"sppb": 12, "gait_speed_m_s": 1.0}, "C"),
        ({"gait_speed_m_s": 0.79}, "B+"),
        ({"gait_speed_m_s": 0.80}, "B"),
        ({"gait_speed_m_s": 0.85}, "B"),  # the published gap 0.81-0.89 gets B
        ({"gait_speed_m_s": 0.9}, "C"),
        ({"gait_speed_m_s": 0.49}, "A+"),
    ],
)
def test_r25_passport_letters_and_plus(tests, display):
    passport = vivifrail_passport(woman(age=80, tests=ftests(**tests)))
    assert passport is not None
    assert passport.display == display
    assert passport_label(passport.letter, passport.display, passport.plus).startswith(
        f"Vivifrail passport {display}"
    )


def test_r25_plus_when_falls_risk_is_high_from_falls_history():
    passport = vivifrail_passport(woman(age=72, falls_last_year=2, tests=ftests(sppb=11)))
    assert passport is not None and passport.display == "D+"


def test_r25_only_from_age_70_and_only_with_a_test():
    assert vivifrail_passport(woman(age=69, tests=ftests(sppb=5))) is None
    assert vivifrail_passport(woman(age=70, tests=ftests(sppb=5))) is not None
    assert vivifrail_passport(woman(age=85)) is None


# --- Functional tests against norms (section 5) ------------------------------------------


def _result(profile: ClientProfile, key: str) -> FunctionalResult:
    return next(r for r in evaluate_tests(profile) if r.key == key)


@pytest.mark.parametrize(
    ("key", "value", "age", "status"),
    [
        ("tug_s", 8.0, 65, "ok"),
        ("tug_s", 10.0, 75, "below"),
        ("tug_s", 12.0, 75, "risk"),
        ("five_sts_s", 15.0, 70, "ok"),
        ("five_sts_s", 15.1, 70, "risk"),
        ("single_leg_stance_s", 4.9, 70, "risk"),
        ("single_leg_stance_s", 15.0, 70, "below"),
        ("single_leg_stance_s", 25.0, 70, "ok"),
        ("gait_speed_m_s", 0.79, 70, "risk"),
        ("gait_speed_m_s", 0.80, 70, "below"),
        ("gait_speed_m_s", 1.05, 75, "below"),
        ("gait_speed_m_s", 1.2, 75, "ok"),
        ("grip_kg", 15.9, 70, "risk"),
        ("grip_kg", 16.0, 70, "ok"),
        ("sppb", 8, 70, "risk"),
        ("sppb", 9, 70, "below"),
        ("sppb", 10, 70, "ok"),
        ("chair_stand_30s", 9, 71, "risk"),
        ("chair_stand_30s", 12, 71, "ok"),
        ("asm_kg_m2", 5.4, 70, "risk"),
    ],
)
def test_functional_test_status(key, value, age, status):
    profile = woman(age=age, tests=ftests(**{key: value}))
    result = _result(profile, key)
    assert result.status == status
    assert result.verdict and result.limits and result.unit
    said = word_result(result)
    assert said.interpretation and said.norm and said.name


def test_grip_cut_off_is_sex_specific():
    man = ClientProfile(age=70, sex=Sex.MALE, tests=ftests(grip_kg=26.9))
    assert _result(man, "grip_kg").status == "risk"


# --- Sarcopenia (EWGSOP2; worked example 14.8) -------------------------------------------


@pytest.mark.parametrize(
    ("tests", "status"),
    [
        ({"grip_kg": 15, "asm_kg_m2": 5.2, "gait_speed_m_s": 0.9}, "confirmed"),  # 14.8
        ({"grip_kg": 15, "asm_kg_m2": 5.2, "gait_speed_m_s": 0.8}, "severe"),  # <= 0.8
        ({"grip_kg": 15, "asm_kg_m2": 5.2, "tug_s": 20}, "severe"),
        ({"grip_kg": 15, "asm_kg_m2": 5.2, "sppb": 8}, "severe"),
        ({"grip_kg": 15}, "probable"),
        ({"five_sts_s": 15.5, "gait_speed_m_s": 0.6}, "probable"),
        ({"grip_kg": 15, "asm_kg_m2": 5.6}, "probable"),
        ({"grip_kg": 16, "five_sts_s": 12}, "not_suspected"),
        ({"asm_kg_m2": 4.0, "gait_speed_m_s": 0.5}, "unknown"),
    ],
)
def test_ewgsop2_sarcopenia_worked_example_14_8(tests, status):
    result = sarcopenia_screen(woman(age=69, tests=ftests(**tests)))
    assert result.status == status


# --- R33: height loss --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "now", "flag"),
    [(161.0, 159.0, True), (165.3, 163.3, True), (160.0, 158.1, False), (158.0, 160.0, False)],
)
def test_r33_height_loss_flag(baseline, now, flag):
    profile = woman(baseline_height_cm=baseline, height_cm=now)
    result = assess(profile, as_of=AS_OF)
    assert result.height_loss_flag is flag
    assert ("R33" in {f.rule for f in result.findings}) is flag


def test_r33_no_flag_without_both_heights():
    assert height_loss_cm(woman(height_cm=160.0)) is None
    assert assess(woman(height_cm=160.0), as_of=AS_OF).height_loss_flag is False


# --- assess() ----------------------------------------------------------------------------


def test_assess_collects_findings_with_rule_ids():
    profile = woman(
        age=78,
        falls_last_year=2,
        bone=Bone(femoral_neck_t=-2.7),
        baseline_height_cm=162,
        height_cm=159.5,
        tests=ftests(date=date(2026, 10, 1), sppb=3, grip_kg=12, asm_kg_m2=5.0),
    )
    result = assess(profile, as_of=AS_OF)
    rules = {f.rule: f for f in result.findings}
    assert {"R27", "R9", "R23", "R24", "R25", "R33", "EWGSOP2"} <= set(rules)
    assert rules["R9"].severity is Severity.MUST
    assert rules["R25"].severity is Severity.MUST  # passport A
    assert result.passport is not None and result.passport.display == "A+"
    assert result.sarcopenia.status == "severe"
    assert result.tests_age_days == 56
    assert result.schema_version == 1


def test_assess_reports_sppb_components_from_parts():
    result = assess(woman(tests=ftests(sppb_parts=EXAMPLE_14_6)), as_of=AS_OF)
    assert result.sppb is not None and result.sppb.total == 8


def test_assess_minimal_profile_is_all_unknown():
    result = assess(ClientProfile(age=60, sex=Sex.FEMALE), as_of=AS_OF)
    assert result.bone.category is BoneCategory.UNKNOWN
    assert result.falls.level is FallsRisk.UNKNOWN
    assert result.sarcopenia.status == "unknown"
    assert result.tests == ()


# --- R29: is a DXA change real? (worked example 14.4) ------------------------------------


def test_r29_worked_example_14_4_is_stable():
    change = dxa_change(
        site=Site.LUMBAR_SPINE, baseline_g_cm2=0.850, followup_g_cm2=0.875, precision_g_cm2=0.010
    )
    assert change.lsc_g_cm2 == pytest.approx(0.0277)
    assert change.change_g_cm2 == pytest.approx(0.025)
    assert change.change_pct == pytest.approx(2.94, abs=0.01)
    assert change.significant is False
    assert change.comparable is True
    assert change.direction is DxaVerdict.STABLE


@pytest.mark.parametrize(
    ("followup", "significant"), [(0.8777, True), (0.8776, False), (0.8223, True)]
)
def test_r29_change_equal_to_the_lsc_counts(followup, significant):
    change = dxa_change(
        site=Site.LUMBAR_SPINE,
        baseline_g_cm2=0.850,
        followup_g_cm2=followup,
        precision_g_cm2=0.010,
    )
    assert change.significant is significant


@pytest.mark.parametrize(
    ("site", "lsc_pct"),
    [
        (Site.LUMBAR_SPINE, 5.3),
        (Site.TOTAL_HIP, 5.0),
        (Site.FEMORAL_NECK, 6.9),
        (Site.FOREARM, 6.9),
    ],
)
def test_r29_default_lsc_when_precision_is_unknown(site, lsc_pct):
    assert DEFAULT_LSC_PCT[site] == lsc_pct
    at = dxa_change(site=site, baseline_g_cm2=1.000, followup_g_cm2=1.0 + lsc_pct / 100)
    below = dxa_change(site=site, baseline_g_cm2=1.000, followup_g_cm2=1.0 + lsc_pct / 100 - 1e-4)
    assert (at.lsc_source, at.lsc_pct) == ("iscd_default", lsc_pct)
    assert at.significant is True and at.direction == "gain"
    assert below.significant is False and below.direction == "stable"


def test_r29_loss_direction():
    change = dxa_change(site=Site.TOTAL_HIP, baseline_g_cm2=0.800, followup_g_cm2=0.740)
    assert change.significant is True and change.direction == "loss"
    assert change.direction is DxaVerdict.LOSS


def test_r29_different_scanners_are_not_comparable():
    change = dxa_change(
        site=Site.LUMBAR_SPINE,
        baseline_g_cm2=0.850,
        followup_g_cm2=0.950,
        baseline_scanner=ScannerMake.HOLOGIC,
        followup_scanner=ScannerMake.LUNAR,
    )
    assert change.comparable is False
    assert change.significant is False
    assert change.direction is DxaVerdict.NOT_COMPARABLE
    assert (change.baseline_scanner, change.followup_scanner) == (
        ScannerMake.HOLOGIC,
        ScannerMake.LUNAR,
    )


def test_r29_same_scanner_is_comparable():
    change = dxa_change(
        site=Site.LUMBAR_SPINE,
        baseline_g_cm2=0.850,
        followup_g_cm2=0.950,
        baseline_scanner=ScannerMake.HOLOGIC,
        followup_scanner=ScannerMake.HOLOGIC,
    )
    assert change.comparable is True and change.significant is True


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"baseline_g_cm2": 0.0}, "baseline_g_cm2"),
        ({"followup_g_cm2": -1.0}, "followup_g_cm2"),
        ({"precision_g_cm2": 0.0}, "precision_g_cm2"),
    ],
)
def test_r29_rejects_impossible_values(kwargs, field):
    args = {"site": Site.TOTAL_HIP, "baseline_g_cm2": 0.8, "followup_g_cm2": 0.8, **kwargs}
    with pytest.raises(InvalidInput, match=field):
        dxa_change(**args)


@given(
    st.floats(min_value=0.3, max_value=1.8),
    st.floats(min_value=0.3, max_value=1.8),
    st.one_of(st.none(), st.floats(min_value=0.001, max_value=0.1)),
)
def test_r29_significance_is_symmetric_and_matches_the_lsc(a, b, precision):
    forward = dxa_change(
        site=Site.LUMBAR_SPINE, baseline_g_cm2=a, followup_g_cm2=b, precision_g_cm2=precision
    )
    assert forward.lsc_g_cm2 > 0 and forward.lsc_pct > 0
    if precision is not None:
        assert forward.significant is (abs(b - a) >= forward.lsc_g_cm2 - 1e-9)
    else:
        assert forward.significant is (abs(forward.change_pct) >= 5.3 - 1e-9)
