"""Which bone-density result the screening used (R27), in the coach's and the client's words
(osteoload.wording.bone)."""

from __future__ import annotations

from datetime import date

import pytest

from osteoload.domain.assessment import with_recorded_scans
from osteoload.domain.profile import Bone, BoneScan, ClientProfile
from osteoload.domain.screening import screen
from osteoload.domain.vocabulary import Menopause, Sex, Site
from osteoload.wording import Audience, pronouns_for
from osteoload.wording.bone import bone_source
from osteoload.wording.findings import finding_text


@pytest.mark.parametrize(
    ("data", "coach", "client"),
    [
        (
            {"site": "total_hip", "source": "recorded_scan", "scan_date": "2026-11-02"},
            "Result used: the total hip scan of 2 November 2026, recorded after intake.",
            "This is from your whole hip scan of 2 November 2026.",
        ),
        (
            {"site": "lumbar_spine", "source": "intake_form", "scan_date": None},
            "Result used: the lumbar spine T-score on the intake form.",
            "This is from the lower spine result you gave when you joined.",
        ),
        (
            {"site": "femoral_neck", "source": "intake_form", "scan_date": "2025-03-01"},
            "Result used: the femoral neck scan of 1 March 2025 on the intake form.",
            "This is from your hip (femoral neck) scan of 1 March 2025, given when you joined.",
        ),
        ({"site": None, "source": None}, "", ""),
        ({"category": "normal"}, "", ""),
    ],
)
def test_r27_bone_source_says_which_result_is_used(data, coach, client):
    assert bone_source(data, Audience.COACH) == coach
    assert bone_source(data, Audience.CLIENT) == client


def test_r27_the_coach_reads_which_recorded_scan_decided_the_category():
    profile = ClientProfile(
        age=60, sex=Sex.FEMALE, menopause=Menopause.POST, bone=Bone(total_hip_t=-1.5)
    )
    scan = BoneScan(site=Site.TOTAL_HIP, t_score=-2.6, date=date(2026, 11, 2))
    screening = screen(with_recorded_scans(profile, [scan]), as_of=date(2026, 12, 1))
    finding = next(f for f in screening.findings if f.code == "bone_category")
    text = finding_text(finding, Audience.COACH, pronouns_for("female"))
    assert "osteoporosis range" in text
    assert text.endswith(
        "Result used: the total hip scan of 2 November 2026, recorded after intake."
    )
