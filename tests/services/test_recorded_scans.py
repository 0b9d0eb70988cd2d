"""Recorded scans and tests become part of her profile (R27, R28) and her coach can list,
correct and delete them: checked as when recorded, audited, her coach only."""

from __future__ import annotations

import pytest

from osteoload.services import audit, clients, plans
from osteoload.services.access import NotFound
from osteoload.services.errors import InputError
from osteoload.store.models import AuditEntry, DxaScanRecord, FunctionalTestRecord
from tests.conftest import TODAY
from tests.services.test_clinic import PASSWORD, example

pytestmark = pytest.mark.django_db

HIP = {"site": "total_hip", "date": "2026-11-02", "t_score": -2.7, "scanner": "hologic"}


@pytest.fixture
def alice():
    return clients.create_coach("alice", PASSWORD, display_name="Alice")


@pytest.fixture
def carol():
    return clients.create_coach("carol", PASSWORD)


@pytest.fixture
def bob_id(alice):
    data = example("02-early")
    data["bone"] = {"lumbar_spine_t": -1.2, "total_hip_t": -1.9, "femoral_neck_t": -1.8}
    return clients.create_client(alice, data, today=TODAY)


def _bone_finding(alice, bob_id) -> dict:
    profile = clients.profile_for(alice, bob_id, today=TODAY)
    screening = plans.screening_document(plans.screen_client(profile, as_of=TODAY))
    return next(f for f in screening["findings"] if f.get("code") == "bone_category")


def test_r27_a_recorded_scan_changes_her_profile_and_screening(alice, bob_id):
    """R27: the intake says hip -1.9 (low bone mass); the scan recorded later says -2.7."""
    before = _bone_finding(alice, bob_id)
    assert before["data"]["category"] == "low_bone_mass"
    assert before["data"]["source"] == "intake_form"
    clients.record_scan(alice, bob_id, HIP, today=TODAY)
    profile = clients.profile_for(alice, bob_id, today=TODAY)
    assert profile.bone.total_hip_t == -2.7
    after = _bone_finding(alice, bob_id)["data"]
    assert after["category"] == "osteoporosis"
    assert (after["site"], after["source"], after["scan_date"]) == (
        "total_hip",
        "recorded_scan",
        "2026-11-02",
    )


def test_r27_the_latest_recorded_scan_per_site_wins(alice, bob_id):
    clients.record_scan(alice, bob_id, HIP, today=TODAY)
    older = {**HIP, "date": "2025-01-10", "t_score": -3.4}
    clients.record_scan(alice, bob_id, older, today=TODAY)
    assert clients.profile_for(alice, bob_id, today=TODAY).bone.total_hip_t == -2.7


def test_latest_recorded_tests_fill_her_tests(alice, bob_id):
    clients.record_tests(alice, bob_id, {"date": "2026-10-01", "tug_s": 9.0}, today=TODAY)
    clients.record_tests(alice, bob_id, {"date": "2026-11-01", "tug_s": 14.0}, today=TODAY)
    assert clients.profile_for(alice, bob_id, today=TODAY).tests.tug_s == 14.0


def test_scans_are_listed_corrected_and_deleted_with_the_audit(alice, bob_id):
    scan_id = clients.record_scan(alice, bob_id, HIP, today=TODAY)
    [listed] = clients.scans_of(alice, bob_id)
    assert (listed.scan_id, listed.site, listed.t_score, listed.scanner) == (
        scan_id,
        "total_hip",
        -2.7,
        "hologic",
    )
    fixed = clients.update_scan(
        alice, bob_id, scan_id, {"t_score": -1.7}, today=TODAY, partial=True, via="web"
    )
    assert fixed.t_score == -1.7 and fixed.date.isoformat() == "2026-11-02"
    assert clients.profile_for(alice, bob_id, today=TODAY).bone.total_hip_t == -1.7
    replaced = clients.update_scan(
        alice, bob_id, scan_id, {"site": "femoral_neck", "bmd_g_cm2": 0.69}, today=TODAY
    )
    assert replaced.t_score is None and replaced.bmd_g_cm2 == 0.69
    assert replaced.date == TODAY
    clients.delete_scan(alice, bob_id, scan_id, via="web")
    assert clients.scans_of(alice, bob_id) == []
    _, rows = audit.entries_for_coach(alice, client_id=bob_id)
    assert [(r.action, r.object_type, r.object_id) for r in rows][:3] == [
        ("delete", "scan", scan_id),
        ("update", "scan", scan_id),
        ("update", "scan", scan_id),
    ]


def test_tests_are_listed_corrected_and_deleted_with_the_audit(alice, bob_id):
    tests_id = clients.record_tests(
        alice, bob_id, {"date": "2026-11-01", "tug_s": 14.0, "grip_kg": 18}, today=TODAY
    )
    [listed] = clients.tests_of(alice, bob_id)
    assert listed.values == {"tug_s": 14.0, "grip_kg": 18.0}
    fixed = clients.update_tests(
        alice, bob_id, tests_id, {"tug_s": 11.5, "grip_kg": None}, today=TODAY, partial=True
    )
    assert fixed.values == {"tug_s": 11.5}
    assert clients.profile_for(alice, bob_id, today=TODAY).tests.tug_s == 11.5
    clients.delete_tests(alice, bob_id, tests_id)
    assert clients.tests_of(alice, bob_id) == []
    assert AuditEntry.objects.filter(object_type="tests", object_id=tests_id).count() == 2


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"t_score": -9}, "t_score", "out of range"),
        ({"site": "knee"}, "site", "knee"),
        ({"date": "2099-01-01"}, "date", "future"),
        ({"bmd_g_cm2": None, "t_score": None, "z_score": None}, "", "at least one"),
    ],
)
def test_a_bad_correction_names_the_field_and_writes_nothing(alice, bob_id, change, field, words):
    scan_id = clients.record_scan(alice, bob_id, HIP, today=TODAY)
    with pytest.raises(InputError) as info:
        clients.update_scan(alice, bob_id, scan_id, change, today=TODAY, partial=True)
    text = str(info.value)
    assert words in text and (not field or field in text)
    row = DxaScanRecord.objects.get(pk=scan_id)
    assert (row.site, float(row.t_score)) == ("total_hip", -2.7)
    assert not AuditEntry.objects.filter(object_type="scan", action="update").exists()


def test_tests_correction_needs_a_value(alice, bob_id):
    tests_id = clients.record_tests(alice, bob_id, {"tug_s": 14.0}, today=TODAY)
    with pytest.raises(InputError) as info:
        clients.update_tests(alice, bob_id, tests_id, {"tug_s": None}, today=TODAY, partial=True)
    assert "tests" in str(info.value)
    with pytest.raises(InputError) as info:
        clients.update_tests(alice, bob_id, tests_id, {"tug_s": 1}, today=TODAY)
    assert "tug_s" in str(info.value)
    assert FunctionalTestRecord.objects.get(pk=tests_id).values == {"tug_s": 14.0}


def test_another_coach_cannot_list_correct_or_delete(alice, carol, bob_id):
    scan_id = clients.record_scan(alice, bob_id, HIP, today=TODAY)
    tests_id = clients.record_tests(alice, bob_id, {"tug_s": 14.0}, today=TODAY)
    for call in (
        lambda: clients.scans_of(carol, bob_id),
        lambda: clients.tests_of(carol, bob_id),
        lambda: clients.update_scan(carol, bob_id, scan_id, HIP, today=TODAY),
        lambda: clients.delete_scan(carol, bob_id, scan_id),
        lambda: clients.update_tests(carol, bob_id, tests_id, {"tug_s": 9}, today=TODAY),
        lambda: clients.delete_tests(carol, bob_id, tests_id),
        lambda: clients.delete_scan(alice, bob_id, tests_id + 1000),
    ):
        with pytest.raises(NotFound):
            call()
    assert DxaScanRecord.objects.filter(pk=scan_id).exists()
    assert FunctionalTestRecord.objects.filter(pk=tests_id).exists()


def test_recorded_of_lists_both_newest_first_and_checks_access(alice, carol, bob_id):
    clients.record_scan(alice, bob_id, {**HIP, "date": "2025-01-01"}, today=TODAY)
    clients.record_scan(alice, bob_id, HIP, today=TODAY)
    clients.record_tests(alice, bob_id, {"date": "2026-11-01", "tug_s": 9.0}, today=TODAY)
    scans, tests = clients.recorded_of(alice, bob_id)
    assert [s.date.isoformat() for s in scans] == ["2026-11-02", "2025-01-01"]
    assert [t.values for t in tests] == [{"tug_s": 9.0}]
    with pytest.raises(NotFound):
        clients.recorded_of(carol, bob_id)
