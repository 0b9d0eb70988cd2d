"""R31: fracture-risk results a clinician entered are carried into screening, never computed."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from osteoload.domain import (
    Bone,
    ClientProfile,
    FractureRisk,
    FractureRiskTool,
    Menopause,
    Severity,
    Sex,
)
from osteoload.domain.assessment import (
    FRACTURE_RISK_CODE,
    fracture_risk_finding,
    latest_fracture_risk,
)
from osteoload.domain.screening import screen

AS_OF = date(2026, 6, 1)
PROFILE = ClientProfile(
    age=62,
    sex=Sex.FEMALE,
    menopause=Menopause.POST,
    bone=Bone(lumbar_spine_t=-2.1, total_hip_t=-1.6),
    parq_yes=(),
)
FRAX = FractureRisk(
    tool=FractureRiskTool.FRAX,
    date=date(2026, 5, 1),
    major_osteoporotic_pct=18.0,
    hip_pct=3.2,
    with_bmd=True,
    entered_by="Dr X",
)

percent = st.none() | st.floats(min_value=0, max_value=100, allow_nan=False)


def test_r31_no_result_no_finding() -> None:
    assert fracture_risk_finding(PROFILE) is None
    codes = {f.code for f in screen(PROFILE, as_of=AS_OF).findings}
    assert FRACTURE_RISK_CODE not in codes


def test_r31_the_entered_result_is_an_info_finding_with_its_numbers() -> None:
    profile = dataclasses.replace(PROFILE, fracture_risk=(FRAX,))
    found = [f for f in screen(profile, as_of=AS_OF).findings if f.rule == "R31"]
    assert len(found) == 1
    finding = found[0]
    assert finding.severity is Severity.INFO
    assert finding.code == FRACTURE_RISK_CODE
    assert dict(finding.data) == {
        "tool": "frax",
        "date": "2026-05-01",
        "horizon_years": 10,
        "major_osteoporotic_pct": 18.0,
        "hip_pct": 3.2,
        "any_fracture_pct": None,
        "with_bmd": True,
        "entered_by": "Dr X",
    }


def test_r31_the_finding_follows_the_bone_category() -> None:
    profile = dataclasses.replace(PROFILE, fracture_risk=(FRAX,))
    rules = [f.rule for f in screen(profile, as_of=AS_OF).findings]
    assert rules.index("R31") > rules.index("R27")


def test_r31_the_latest_result_is_reported() -> None:
    older = dataclasses.replace(FRAX, date=date(2024, 3, 1), major_osteoporotic_pct=12.0)
    garvan = FractureRisk(
        tool=FractureRiskTool.GARVAN,
        date=date(2026, 5, 20),
        horizon_years=5,
        any_fracture_pct=9.0,
        hip_pct=2.0,
    )
    profile = dataclasses.replace(PROFILE, fracture_risk=(garvan, older, FRAX))
    assert latest_fracture_risk(profile) is garvan
    same_day = dataclasses.replace(FRAX, hip_pct=4.0)
    assert latest_fracture_risk(dataclasses.replace(PROFILE, fracture_risk=(FRAX, same_day))) is (
        same_day
    )


@given(
    tool=st.sampled_from(FractureRiskTool),
    horizon=st.sampled_from((5, 10)),
    major=percent,
    hip=percent,
    any_fracture=percent,
    with_bmd=st.none() | st.booleans(),
)
def test_r31_numbers_are_carried_as_entered_never_computed(
    tool: FractureRiskTool,
    horizon: int,
    major: float | None,
    hip: float | None,
    any_fracture: float | None,
    with_bmd: bool | None,
) -> None:
    """Whatever was entered comes out unchanged, and screening's decisions do not move."""
    result = FractureRisk(
        tool=tool,
        date=date(2026, 1, 15),
        horizon_years=horizon,
        major_osteoporotic_pct=major,
        hip_pct=hip,
        any_fracture_pct=any_fracture,
        with_bmd=with_bmd,
    )
    profile = dataclasses.replace(PROFILE, fracture_risk=(result,))
    finding = fracture_risk_finding(profile)
    assert finding is not None
    data = finding.data
    assert (data["major_osteoporotic_pct"], data["hip_pct"], data["any_fracture_pct"]) == (
        major,
        hip,
        any_fracture,
    )
    assert (data["tool"], data["horizon_years"], data["with_bmd"]) == (
        tool.value,
        horizon,
        with_bmd,
    )
    with_result = screen(profile, as_of=AS_OF)
    without = screen(PROFILE, as_of=AS_OF)
    assert [f for f in with_result.findings if f.rule != "R31"] == list(without.findings)
    assert dataclasses.replace(with_result, findings=without.findings) == without
