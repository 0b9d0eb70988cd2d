"""Scans and tests recorded after intake join her profile (R27, R28): the latest recorded
scan of a site wins over the intake form's T-score and the intake's own scans, and the
screening's bone-category finding says which score it used."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from osteoload.domain.assessment import classify_bone, latest_per_site, with_recorded_scans
from osteoload.domain.profile import Bone, BoneScan, ClientProfile, FunctionalTests
from osteoload.domain.screening import screen
from osteoload.domain.vocabulary import BoneCategory, Menopause, ScannerMake, Sex, Site
from tests.domain.test_program_properties import profiles

AS_OF = date(2026, 12, 1)


def _her(**bone: float) -> ClientProfile:
    return ClientProfile(
        age=62,
        sex=Sex.FEMALE,
        menopause=Menopause.POST,
        bone=Bone(**bone),  # type: ignore[arg-type]
    )


def _bone_finding(profile: ClientProfile) -> dict[str, object]:
    finding = next(f for f in screen(profile, as_of=AS_OF).findings if f.code == "bone_category")
    return finding.data


def test_latest_per_site_takes_the_newest_dated_scan() -> None:
    old = BoneScan(site=Site.TOTAL_HIP, t_score=-1.0, date=date(2024, 1, 1))
    new = BoneScan(site=Site.TOTAL_HIP, t_score=-2.0, date=date(2026, 1, 1))
    undated = BoneScan(site=Site.TOTAL_HIP, t_score=-3.0)
    spine = BoneScan(site=Site.LUMBAR_SPINE, t_score=-1.5, date=date(2025, 1, 1))
    assert latest_per_site([new, undated, old, spine]) == {
        Site.TOTAL_HIP: new,
        Site.LUMBAR_SPINE: spine,
    }
    assert latest_per_site([]) == {}


def test_r27_recorded_scan_wins_over_the_intake_t_score() -> None:
    """R27: intake says hip -2.0 (low bone mass); a scan recorded later says -2.7."""
    profile = _her(total_hip_t=-2.0, lumbar_spine_t=-1.2)
    assert classify_bone(profile).category is BoneCategory.LOW_BONE_MASS
    scan = BoneScan(site=Site.TOTAL_HIP, t_score=-2.7, date=date(2026, 11, 2))
    merged = with_recorded_scans(profile, [scan])
    assert merged.bone.total_hip_t == -2.7
    assert merged.bone.lumbar_spine_t == -1.2
    assert merged.bone.scans[-1].recorded
    assert classify_bone(merged).category is BoneCategory.OSTEOPOROSIS
    data = _bone_finding(merged)
    assert data["category"] == "osteoporosis"
    assert data["site"] == "total_hip"
    assert data["source"] == "recorded_scan"
    assert data["scan_date"] == "2026-11-02"


def test_r27_intake_t_score_is_said_to_come_from_the_intake_form() -> None:
    data = _bone_finding(_her(total_hip_t=-2.0))
    assert data["source"] == "intake_form"
    assert data["scan_date"] is None


def test_r27_recorded_scan_wins_over_a_later_intake_scan_and_the_latest_recorded_wins() -> None:
    intake = BoneScan(site=Site.FEMORAL_NECK, t_score=-1.1, date=date(2026, 10, 1))
    profile = replace(_her(), bone=Bone(scans=(intake,)))
    first = BoneScan(site=Site.FEMORAL_NECK, t_score=-2.8, date=date(2025, 6, 1))
    second = BoneScan(site=Site.FEMORAL_NECK, t_score=-2.2, date=date(2026, 6, 1))
    merged = with_recorded_scans(profile, [second, first])
    status = classify_bone(merged)
    assert status.lowest_t == -2.2
    assert status.deciding is not None and status.deciding.recorded
    assert status.deciding.scan_date == date(2026, 6, 1)


def test_r28_recorded_hologic_bmd_gives_a_computed_t_score() -> None:
    """R28: a recorded Hologic femoral-neck g/cm2 without a printed T-score (0.690 -> -1.40)."""
    profile = _her(femoral_neck_t=-0.5)
    scan = BoneScan(
        site=Site.FEMORAL_NECK, bmd_g_cm2=0.690, scanner=ScannerMake.HOLOGIC, date=date(2026, 3, 1)
    )
    merged = with_recorded_scans(profile, [scan])
    assert merged.bone.femoral_neck_t == -1.4
    status = classify_bone(merged)
    assert status.computed and status.category is BoneCategory.LOW_BONE_MASS


def test_r28_recorded_scan_without_a_t_score_keeps_the_intake_t_score() -> None:
    """A Lunar g/cm2 gives no T-score here (R28 covers Hologic only): the intake's stays."""
    profile = _her(total_hip_t=-1.8)
    scan = BoneScan(site=Site.TOTAL_HIP, bmd_g_cm2=0.8, scanner=ScannerMake.LUNAR)
    merged = with_recorded_scans(profile, [scan])
    assert merged.bone.total_hip_t == -1.8
    assert _bone_finding(merged)["source"] == "intake_form"


def test_recorded_tests_replace_the_intake_tests() -> None:
    profile = replace(_her(), tests=FunctionalTests(tug_s=9.0, grip_kg=20))
    recorded = FunctionalTests(date=date(2026, 11, 1), tug_s=12.5)
    assert with_recorded_scans(profile, [], tests=recorded).tests == recorded
    assert with_recorded_scans(profile, []).tests == profile.tests


@settings(max_examples=60, deadline=None)
@given(
    profile=profiles(),
    site=st.sampled_from([Site.LUMBAR_SPINE, Site.TOTAL_HIP, Site.FEMORAL_NECK]),
    t=st.integers(-45, 20).map(lambda n: n / 10),
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 11, 30)),
)
def test_r27_property_the_latest_recorded_scan_is_what_the_category_uses(
    profile: ClientProfile, site: Site, t: float, day: date
) -> None:
    """R27 property: whatever the intake says, a recorded T-score for a site is that site's
    score, the category is never milder than that T-score alone implies, and the finding
    names the recorded scan when it decides."""
    older = BoneScan(site=site, t_score=min(t + 1.0, 4.0), date=date(2014, 1, 1))
    scan = BoneScan(site=site, t_score=t, date=day)
    merged = with_recorded_scans(profile, [scan, older])
    status = classify_bone(merged)
    scores = {s.site: s for s in status.scores}
    assert scores[site].t_score == t
    assert scores[site].recorded and scores[site].scan_date == day
    if status.basis == "t_score" and status.lowest_site is site:
        data = _bone_finding(merged)
        assert data["source"] == "recorded_scan"
        assert data["scan_date"] == day.isoformat()
    if status.basis == "t_score" and t <= -2.5:
        assert status.category in (BoneCategory.OSTEOPOROSIS, BoneCategory.SEVERE_OSTEOPOROSIS)
