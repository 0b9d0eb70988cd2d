"""BMD and muscle projections (R29, R30; clinical-evidence.md sections 7 and 10).

Worked example 14.5 is a table below; hypothesis checks the R30 guarantees over random
clients: every range brackets its central value, the untreated course never gains,
medication never projects below no treatment, and "combined" adds no bonus.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osteoload.domain.errors import InvalidInput
from osteoload.domain.profile import Bone, BoneScan, ClientProfile
from osteoload.domain.projection import (
    MEDICATION_EFFECT,
    SCENARIOS,
    BmdProjection,
    NoteCode,
    ProjectionNote,
    project_bmd,
    project_muscle,
)
from osteoload.domain.serialize import jsonable
from osteoload.domain.vocabulary import Medication, Menopause, Sex, Site, Track

AS_OF = date(2026, 11, 26)


def woman(age: int = 60, **kwargs) -> ClientProfile:
    return ClientProfile(age=age, sex=Sex.FEMALE, **kwargs)


def post(years: float, age: int = 62, **kwargs) -> ClientProfile:
    return woman(age=age, menopause=Menopause.POST, years_since_menopause=years, **kwargs)


def scenario(p: BmdProjection, site: Site, name: str):
    return p.sites[site].scenarios[name]


def note_of(p: BmdProjection, code: NoteCode) -> ProjectionNote:
    return next(n for n in p.notes if n.code is code)


# --- Worked example 14.5 -----------------------------------------------------------------


def test_r30_worked_example_14_5_transmenopause_spine():
    profile = woman(
        age=53,
        menopause=Menopause.PERI,
        bone=Bone(scans=(BoneScan(site=Site.LUMBAR_SPINE, bmd_g_cm2=0.900),)),
    )
    p = project_bmd(profile, months=12, track=Track.HIGH_INTENSITY, as_of=AS_OF)
    none = scenario(p, Site.LUMBAR_SPINE, "none")
    assert none.pct_change == pytest.approx(-2.5)
    assert none.g_cm2 is not None
    assert none.g_cm2.central == pytest.approx(0.878, abs=0.001)  # 0.900 x 0.975
    exercise = scenario(p, Site.LUMBAR_SPINE, "exercise")
    assert exercise.g_cm2 is not None
    # 0.900 x (1 - 0.025 + 0.04) = 0.914: inside the range, at most the LIFTMOR-capped edge.
    assert exercise.g_cm2.low <= 0.914 <= exercise.g_cm2.high
    assert exercise.pct_change - none.pct_change <= 4.0 + 1e-9
    # +1.5 % or less is below the spine LSC: a follow-up scan may not confirm it.
    assert exercise.detectable is False
    assert p.sites[Site.LUMBAR_SPINE].lsc_pct == 5.3
    lsc = next(n for n in p.notes if n.code is NoteCode.LEAST_SIGNIFICANT_CHANGE)
    assert lsc.sites[Site.LUMBAR_SPINE] == 5.3
    assert p.stage == "menopausal_transition"


# --- R30: the untreated course by stage (SWAN) -------------------------------------------


@pytest.mark.parametrize(
    ("profile", "site", "pct", "stage"),
    [
        (post(5), Site.LUMBAR_SPINE, -1.0, "postmenopause"),
        (post(5), Site.FEMORAL_NECK, -1.0, "postmenopause"),
        (post(1), Site.LUMBAR_SPINE, -2.5, "early_postmenopause"),
        (post(1), Site.FEMORAL_NECK, -1.9, "early_postmenopause"),
        (post(1), Site.TOTAL_HIP, -1.9, "early_postmenopause"),  # FN rate used for TH
        (post(1.5), Site.LUMBAR_SPINE, -(2.5 / 2 + 1.0 / 2), "early_postmenopause"),
        (post(2), Site.LUMBAR_SPINE, -1.0, "postmenopause"),
        (woman(age=40, menopause=Menopause.PRE), Site.LUMBAR_SPINE, -0.2, "premenopause"),
        (woman(age=58, menopause=Menopause.POST), Site.LUMBAR_SPINE, -1.0, "postmenopause"),
        (woman(age=50), Site.LUMBAR_SPINE, -2.5, "menopausal_transition"),  # status unknown
        (ClientProfile(age=70, sex=Sex.MALE), Site.TOTAL_HIP, -1.0, "male"),
    ],
)
def test_r30_untreated_course_follows_swan(profile, site, pct, stage):
    p = project_bmd(profile, months=12, as_of=AS_OF)
    assert scenario(p, site, "none").pct_change == pytest.approx(pct)
    assert p.stage == stage


def test_r30_perimenopause_slows_after_three_years():
    p = project_bmd(woman(age=51, menopause=Menopause.PERI), months=48, as_of=AS_OF)
    none = scenario(p, Site.LUMBAR_SPINE, "none")
    assert none.pct_change == pytest.approx(-2.5 * 3 - 1.0)


# --- R30: exercise -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("track", "site", "low", "central", "high"),
    [
        (Track.HIGH_INTENSITY, Site.LUMBAR_SPINE, 1.8, 2.9, 4.0),
        (Track.HIGH_INTENSITY, Site.FEMORAL_NECK, 0.2, 1.2, 2.2),
        (Track.HIGH_INTENSITY, Site.TOTAL_HIP, 0.2, 1.2, 2.2),
        (Track.STANDARD, Site.LUMBAR_SPINE, 0.0, 1.0, 1.5),
        (Track.STANDARD, Site.FEMORAL_NECK, 0.0, 1.0, 1.5),
        (Track.GENTLE, Site.LUMBAR_SPINE, 0.0, 0.0, 0.5),
    ],
)
def test_r30_exercise_effect_by_track_at_12_months(track, site, low, central, high):
    p = project_bmd(post(6), months=12, track=track, as_of=AS_OF)
    none, ex = scenario(p, site, "none"), scenario(p, site, "exercise")
    assert ex.pct_change - none.pct_change == pytest.approx(central)
    assert ex.low - none.low == pytest.approx(low)
    assert ex.high - none.high == pytest.approx(high)


def test_r30_exercise_effect_never_extrapolated_beyond_12_months():
    p = project_bmd(post(6), months=60, track=Track.HIGH_INTENSITY, as_of=AS_OF)
    none = scenario(p, Site.LUMBAR_SPINE, "none").points
    ex = scenario(p, Site.LUMBAR_SPINE, "exercise").points
    gaps = [e.high - n.high for e, n in zip(ex, none, strict=True)]
    assert gaps[12] == pytest.approx(4.0)
    assert all(g == pytest.approx(4.0) for g in gaps[12:])
    assert gaps[6] == pytest.approx(2.0)  # builds up linearly


def test_r30_liftmor_caps_high_intensity_spine_and_neck():
    p = project_bmd(post(6), months=12, track=Track.HIGH_INTENSITY, as_of=AS_OF)
    for site, cap in ((Site.LUMBAR_SPINE, 4.0), (Site.FEMORAL_NECK, 2.2)):
        gap = scenario(p, site, "exercise").high - scenario(p, site, "none").high
        assert gap <= cap + 1e-9


# --- R30: medication ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "spine", "total_hip", "neck"),
    [
        (Medication.DENOSUMAB, 5.5, 2.5, 1.75),
        (Medication.TERIPARATIDE, 6.2, 0.7, 0.49),
        (Medication.ROMOSOZUMAB, 13.0, 7.0, 4.9),
        (Medication.BISPHOSPHONATE, 4.5, 2.5, 1.75),
        (Medication.ABALOPARATIDE, 6.2, 0.7, 0.49),
    ],
)
def test_r30_medication_year_one_by_agent_and_site(agent, spine, total_hip, neck):
    p = project_bmd(post(10), months=12, medication=agent, as_of=AS_OF)
    assert scenario(p, Site.LUMBAR_SPINE, "medication").pct_change == pytest.approx(spine)
    assert scenario(p, Site.TOTAL_HIP, "medication").pct_change == pytest.approx(total_hip)
    assert scenario(p, Site.FEMORAL_NECK, "medication").pct_change == pytest.approx(neck)
    assert p.medication is agent and p.medication_source == "argument"


def test_r30_bisphosphonate_hip_stays_within_1_to_4_percent():
    p = project_bmd(post(10), months=12, medication=Medication.BISPHOSPHONATE, as_of=AS_OF)
    hip = scenario(p, Site.TOTAL_HIP, "medication")
    assert (hip.low, hip.high) == (pytest.approx(1.0), pytest.approx(4.0))


def test_r30_default_agent_is_named_in_the_assumptions():
    p = project_bmd(post(10), as_of=AS_OF)
    assert (p.medication, p.medication_source) == (Medication.BISPHOSPHONATE, "default")
    assert note_of(p, NoteCode.MEDICATION_EXAMPLE).medications == (Medication.BISPHOSPHONATE,)


def test_r30_agent_she_takes_is_used():
    profile = post(10, medications=(Medication.HRT, Medication.DENOSUMAB))
    p = project_bmd(profile, as_of=AS_OF)
    assert (p.medication, p.medication_source) == (Medication.DENOSUMAB, "profile")
    assert note_of(p, NoteCode.MEDICATION_TAKEN).medications == (Medication.DENOSUMAB,)
    assert note_of(p, NoteCode.UNMODELLED_SLOWS_LOSS).medications == (Medication.HRT,)


def test_r30_glucocorticoid_use_is_said_not_modelled():
    p = project_bmd(post(10, medications=(Medication.GLUCOCORTICOID,)), as_of=AS_OF)
    assert p.medication is Medication.BISPHOSPHONATE
    assert note_of(p, NoteCode.GLUCOCORTICOID_LOSS)


@pytest.mark.parametrize("agent", [Medication.HRT, Medication.SERM, Medication.GLUCOCORTICOID])
def test_r30_unmodelled_agents_are_refused(agent):
    with pytest.raises(InvalidInput, match="allowed: bisphosphonate"):
        project_bmd(post(10), medication=agent, as_of=AS_OF)


def test_r30_medication_held_flat_after_12_months():
    p = project_bmd(post(10), months=36, medication=Medication.DENOSUMAB, as_of=AS_OF)
    pts = scenario(p, Site.LUMBAR_SPINE, "medication").points
    assert pts[12].pct == pytest.approx(5.5) and pts[36].pct == pytest.approx(5.5)


# --- R30: combined (no additive bonus) ---------------------------------------------------


def test_r30_combined_is_medication_centred_with_an_exercise_high_edge():
    p = project_bmd(
        post(10), months=12, medication=Medication.DENOSUMAB, track=Track.HIGH_INTENSITY,
        as_of=AS_OF,
    )  # fmt: skip
    med = scenario(p, Site.LUMBAR_SPINE, "medication")
    comb = scenario(p, Site.LUMBAR_SPINE, "combined")
    assert comb.pct_change == med.pct_change
    assert comb.low == med.low
    assert comb.high == pytest.approx(med.high + 4.0)


# --- R29 in projections ------------------------------------------------------------------


def test_r29_projection_lsc_defaults_and_scan_precision():
    scans = (
        BoneScan(site=Site.LUMBAR_SPINE, bmd_g_cm2=1.000, precision_g_cm2=0.010),
        BoneScan(site=Site.TOTAL_HIP, bmd_g_cm2=0.800),
    )
    p = project_bmd(post(5, bone=Bone(scans=scans)), as_of=AS_OF)
    spine = p.sites[Site.LUMBAR_SPINE]
    assert spine.lsc_source == "precision"
    assert spine.lsc_pct == pytest.approx(2.77)
    assert p.sites[Site.TOTAL_HIP].lsc_pct == 5.0
    assert p.sites[Site.FEMORAL_NECK].lsc_pct == 6.9
    assert p.sites[Site.FEMORAL_NECK].baseline_g_cm2 is None
    assert scenario(p, Site.FEMORAL_NECK, "none").g_cm2 is None
    hip = scenario(p, Site.TOTAL_HIP, "none").g_cm2
    assert hip is not None and hip.central == pytest.approx(0.792)


def test_r29_latest_scan_gives_the_baseline_and_its_age_is_said():
    scans = (
        BoneScan(site=Site.TOTAL_HIP, bmd_g_cm2=0.800, date=date(2020, 1, 1)),
        BoneScan(site=Site.TOTAL_HIP, bmd_g_cm2=0.780, date=date(2025, 11, 1)),
    )
    p = project_bmd(post(5, bone=Bone(scans=scans)), as_of=AS_OF)
    assert p.sites[Site.TOTAL_HIP].baseline_g_cm2 == 0.780
    assert note_of(p, NoteCode.SCAN_AGE).sites == {Site.TOTAL_HIP: 12}


# --- Input checks and JSON shape ---------------------------------------------------------


@pytest.mark.parametrize("months", [0, 61, -3])
def test_months_out_of_range_raise(months):
    with pytest.raises(InvalidInput, match="allowed 1 to 60"):
        project_bmd(post(5), months=months, as_of=AS_OF)
    with pytest.raises(InvalidInput, match="allowed 1 to 60"):
        project_muscle(post(5), months=months, as_of=AS_OF)


def test_json_shape():
    profile = post(5, bone=Bone(scans=(BoneScan(site=Site.LUMBAR_SPINE, bmd_g_cm2=0.9),)))
    data = jsonable(project_bmd(profile, months=6, as_of=AS_OF))
    assert data["schema_version"] == 1
    assert set(data["sites"]) == {"lumbar_spine", "femoral_neck", "total_hip"}
    spine = data["sites"]["lumbar_spine"]
    assert set(spine["scenarios"]) == {"none", "exercise", "medication", "combined"}
    assert spine["lsc_pct"] == 5.3
    none = spine["scenarios"]["none"]
    assert {"pct_change", "low", "high", "g_cm2", "points"} <= set(none)
    assert set(none["g_cm2"]) == {"central", "low", "high"}
    assert [pt["month"] for pt in none["points"]] == list(range(7))
    assert none["points"][0] == {"month": 0, "pct": 0.0, "low": 0.0, "high": 0.0}
    assert data["sites"]["femoral_neck"]["scenarios"]["none"]["g_cm2"] is None
    assert data["notes"] and data["sources"]
    assert {"code", "numbers", "sites", "medications", "menopause"} == set(data["notes"][0])


# --- Properties (hypothesis) -------------------------------------------------------------

profiles = st.builds(
    lambda age, sex, menopause, years, meds, bmd: ClientProfile(
        age=age,
        sex=sex,
        menopause=menopause if sex is Sex.FEMALE else None,
        years_since_menopause=years if sex is Sex.FEMALE and menopause is Menopause.POST else None,
        medications=meds,
        bone=Bone(scans=(BoneScan(site=Site.FEMORAL_NECK, bmd_g_cm2=bmd),)),
    ),
    st.integers(min_value=18, max_value=100),
    st.sampled_from(list(Sex)),
    st.one_of(st.none(), st.sampled_from(list(Menopause))),
    st.one_of(st.none(), st.floats(min_value=0, max_value=40)),
    st.lists(st.sampled_from(list(Medication)), max_size=3, unique=True).map(tuple),
    st.floats(min_value=0.3, max_value=1.5),
)


@settings(max_examples=60, deadline=None)
@given(
    profiles,
    st.integers(min_value=1, max_value=60),
    st.sampled_from(list(Track)),
    st.one_of(st.none(), st.sampled_from(list(MEDICATION_EFFECT))),
)
def test_r30_properties(profile, months, track, medication):
    p = project_bmd(profile, months=months, medication=medication, track=track, as_of=AS_OF)
    for proj in p.sites.values():
        assert set(proj.scenarios) == set(SCENARIOS)
        for s in proj.scenarios.values():
            # Every range brackets its central value, at every month.
            assert s.low <= s.pct_change <= s.high
            assert all(pt.low <= pt.pct <= pt.high for pt in s.points)
            if s.g_cm2 is not None:
                assert s.g_cm2.low <= s.g_cm2.central <= s.g_cm2.high
        none = proj.scenarios["none"].points
        med = proj.scenarios["medication"].points
        comb = proj.scenarios["combined"].points
        ex = proj.scenarios["exercise"].points
        # The untreated course never gains (after menopause, and not before it either).
        assert all(pt.high <= 0.0 for pt in none)
        for n, m, c, e in zip(none, med, comb, ex, strict=True):
            # Medication never projects below no treatment.
            assert m.low >= n.low and m.pct >= n.pct and m.high >= n.high
            # Combined: no additive bonus; low and centre are the medication's.
            assert c.low == m.low and c.pct == m.pct and c.high >= m.high
            # Exercise never projects below no treatment.
            assert e.low >= n.low and e.pct >= n.pct and e.high >= n.high


# --- Muscle (section 10) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "sex", "mass", "strength"),
    [
        (65, Sex.FEMALE, -0.7, -2.6),
        (55, Sex.FEMALE, -0.7, -1.5),
        (70, Sex.MALE, -0.9, -3.4),
        (40, Sex.FEMALE, -0.55, -1.5),
    ],
)
def test_muscle_untrained_rates(age, sex, mass, strength):
    m = project_muscle(ClientProfile(age=age, sex=sex), months=12, as_of=AS_OF)
    assert m.mass.untrained.pct_change == pytest.approx(mass)
    assert m.strength.untrained.pct_change == pytest.approx(strength)
    assert m.mass.untrained.rate_low <= m.mass.untrained.rate_pct_per_year
    assert m.mass.untrained.rate_pct_per_year <= m.mass.untrained.rate_high < 0


def test_muscle_training_gain_is_held_flat_after_12_months():
    m = project_muscle(woman(age=65), months=36, as_of=AS_OF)
    points = m.strength.trained.points
    assert points[12].pct == points[36].pct == pytest.approx(15.0)
    assert points[6].pct == pytest.approx(7.5)
    assert m.mass.trained.low >= 0.0
    assert m.strength.untrained.pct_change == pytest.approx(-2.6 * 3)


@given(st.integers(min_value=18, max_value=100), st.sampled_from(list(Sex)),
       st.integers(min_value=1, max_value=60))  # fmt: skip
def test_muscle_ranges_bracket_their_centre(age, sex, months):
    m = project_muscle(ClientProfile(age=age, sex=sex), months=months, as_of=AS_OF)
    for measure in (m.mass, m.strength):
        for course in (measure.untrained, measure.trained):
            assert course.low <= course.pct_change <= course.high
            assert all(pt.low <= pt.pct <= pt.high for pt in course.points)
        assert measure.trained.pct_change >= measure.untrained.pct_change
