"""Importing the same log twice adds nothing: no set, no symptom report, no second pause."""

from __future__ import annotations

import pytest

from osteoload.store.models import SetLogRow, SymptomReport

pytestmark = pytest.mark.django_db

LOG = (
    "date,exercise_id,set,reps,load_kg,rpe,symptoms\n"
    "2026-11-16,goblet_squat,1,10,12,7,\n"
    "2026-11-16,goblet_squat,2,10,12,7.5,\n"
    "2026-11-18,dumbbell_row,1,10,8,7,dizziness\n"
)


def test_the_same_csv_twice_adds_no_set_and_no_symptom_report(world, as_bob):
    url = f"/clients/{world.bob_id}/log/import"
    first = as_bob.post(url, raw=LOG, content_type="text/csv").json()
    assert (first["imported"], first["symptom_days"]) == (3, 1)
    second = as_bob.post(url, raw=LOG, content_type="text/csv").json()
    assert (second["imported"], second["already_logged"], second["symptom_days"]) == (0, 3, 0)
    assert SetLogRow.objects.filter(client_id=world.bob_id).count() == 3
    assert SymptomReport.objects.filter(client_id=world.bob_id).count() == 1


def test_r32_a_log_imported_again_does_not_pause_her_again_after_review(world, as_alice, as_bob):
    """R32: the stop-rule symptom in the log paused her once; after her coach's review,
    importing the same file again is not a new report and leaves her program running."""
    url = f"/clients/{world.bob_id}/log/import"
    assert as_bob.post(url, raw=LOG, content_type="text/csv").json()["paused"] is True
    assert as_alice.post(f"/clients/{world.bob_id}/resume").json()["paused"] is False
    again = as_bob.post(url, raw=LOG, content_type="text/csv").json()
    assert again["paused"] is False
    assert as_bob.get(f"/clients/{world.bob_id}").json()["paused"] is False


def test_a_new_symptom_on_a_day_already_imported_is_still_reported(world, as_bob):
    url = f"/clients/{world.bob_id}/log/import"
    as_bob.post(url, raw=LOG, content_type="text/csv")
    more = LOG.replace("7,dizziness", "7,dizziness;breathlessness")
    result = as_bob.post(url, raw=more, content_type="text/csv").json()
    assert (result["imported"], result["symptom_days"]) == (0, 1)
    latest = SymptomReport.objects.filter(client_id=world.bob_id).order_by("-id").first()
    assert latest is not None and latest.symptoms == ["breathlessness"]
