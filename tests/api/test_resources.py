"""Clients, programs, the training log, tests, scans and progress over the API."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from osteoload.services import clients
from tests.api.conftest import Api, example
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

SET = {"date": "2026-11-24", "exercise_id": "goblet_squat", "reps": 10, "load_kg": 12, "rpe": 7}


def test_intake_stores_the_normalised_profile_and_the_coach_can_read_it(as_alice):
    profile = example("08-pounds")
    response = as_alice.post("/clients", profile)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["name"] == profile["name"]
    assert created["has_login"] is False
    assert created["profile"]["age"] == profile["age"]
    again = as_alice.get(f"/clients/{created['id']}").json()
    assert again == created


def test_intake_refuses_a_bad_profile_and_stores_nothing(as_alice):
    response = as_alice.post("/clients", {"age": 17, "sex": "female"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "age"
    assert as_alice.get("/clients").json()["count"] == 1  # only bob


def test_update_profile_replaces_it(world, as_alice):
    profile = example("02-early")
    profile["weight_kg"] = 60
    response = as_alice.put(f"/clients/{world.bob_id}/profile", profile)
    assert response.status_code == 200
    assert response.json()["profile"]["weight_kg"] == 60


def test_lists_are_paginated_and_bounded(world, as_alice):
    for _ in range(4):
        clients.create_client(world.alice.user, example("01-healthy"), today=TODAY)
    page = as_alice.get("/clients", limit=2, offset=2).json()
    assert page["count"] == 5
    assert page["limit"] == 2 and page["offset"] == 2
    assert len(page["items"]) == 2
    ids = [c["id"] for c in as_alice.get("/clients", limit=200).json()["items"]]
    assert ids == sorted(ids)
    too_many = as_alice.get("/clients", limit=201)
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0] == {
        "field": "limit", "value": 201, "message": "201 is out of range; allowed 1 to 200"
    }  # fmt: skip


def test_updated_since_returns_only_what_changed_since_the_last_sync(world, as_alice, as_bob):
    first = as_bob.get(f"/clients/{world.bob_id}/sets").json()
    assert first["count"] == 0
    mark = first["server_time"]
    time.sleep(0.002)
    as_bob.post(f"/clients/{world.bob_id}/sets", SET)
    changed = as_alice.get(f"/clients/{world.bob_id}/sets", updated_since=mark).json()
    assert [s["exercise_id"] for s in changed["items"]] == ["goblet_squat"]
    later = as_alice.get(f"/clients/{world.bob_id}/sets", updated_since=changed["server_time"])
    assert later.json()["count"] == 0
    naive = as_alice.get("/clients", updated_since="2000-01-01T00:00:00").json()
    assert naive["count"] == 1
    bad = as_alice.get("/clients", updated_since="yesterday")
    assert bad.status_code == 422
    assert "is not a moment" in bad.json()["detail"][0]["message"]


def test_program_generate_read_assign(world, as_alice, as_bob):
    created = as_alice.post(f"/clients/{world.bob_id}/programs", {"weeks": 3})
    assert created.status_code == 201
    program = created.json()
    assert program["schema_version"] == 1
    assert program["assigned"] is False
    assert len(program["weeks"]) == 3
    pid = program["id"]
    assigned = as_alice.post(f"/clients/{world.bob_id}/programs/{pid}/assign")
    assert assigned.status_code == 200
    assert assigned.json()["assigned"] is True
    listed = as_bob.get(f"/clients/{world.bob_id}/programs").json()["items"]
    assert [(p["id"], p["assigned"]) for p in listed] == [(pid, True)]
    assert as_bob.get(f"/clients/{world.bob_id}/programs/{pid}").json()["assigned"] is True
    bad = as_alice.post(f"/clients/{world.bob_id}/programs", {"weeks": 60, "extra": 1})
    assert bad.status_code == 422
    assert {i["field"] for i in bad.json()["detail"]} == {"weeks", "extra"}


def test_she_logs_sets_and_her_coach_reads_them(world, as_alice, as_bob):
    one = as_bob.post(f"/clients/{world.bob_id}/sets", SET)
    assert one.status_code == 201
    assert one.json()["load_kg"] == 12.0
    batch = as_bob.post(
        f"/clients/{world.bob_id}/sets/batch",
        {"sets": [{**SET, "set_number": 2}, {**SET, "set_number": 3, "rpe": 8}]},
    )
    assert batch.status_code == 201
    assert len(batch.json()["ids"]) == 2
    listed = as_alice.get(f"/clients/{world.bob_id}/sets").json()
    assert [s["set_number"] for s in listed["items"]] == [1, 2, 3]
    set_id = one.json()["id"]
    assert as_alice.get(f"/clients/{world.bob_id}/sets/{set_id}").json()["id"] == set_id
    assert as_bob.delete(f"/clients/{world.bob_id}/sets/{set_id}").status_code == 204
    assert as_alice.get(f"/clients/{world.bob_id}/sets/{set_id}").status_code == 404


def test_a_batch_with_one_bad_set_stores_none_and_names_it(world, as_bob):
    response = as_bob.post(
        f"/clients/{world.bob_id}/sets/batch",
        {"sets": [SET, {**SET, "rpe": 11}, {**SET, "date": "2026-12-24"}]},
    )
    assert response.status_code == 422
    fields = [i["field"] for i in response.json()["detail"]]
    assert fields == ["sets[1].rpe", "sets[2].date"]
    assert as_bob.get(f"/clients/{world.bob_id}/sets").json()["count"] == 0
    single = as_bob.post(f"/clients/{world.bob_id}/sets/batch", {"sets": [{**SET, "pain": 11}]})
    assert single.json()["detail"][0]["field"] == "sets[0].pain"
    empty = as_bob.post(f"/clients/{world.bob_id}/sets/batch", {"sets": []})
    assert empty.json()["detail"][0]["field"] == "sets"


def test_a_control_character_in_one_set_of_a_batch_is_named_and_nothing_is_stored(world, as_bob):
    """A batch is scanned for control characters in one pass; when one is found, the set and
    field holding it are named (issue 16 item 9)."""
    response = as_bob.post(
        f"/clients/{world.bob_id}/sets/batch",
        {"sets": [SET, {**SET, "set_number": 2, "note": "ok\u0007"}]},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [i["field"] for i in detail] == ["sets[1].note"]
    assert "control character (U+0007)" in detail[0]["message"]
    assert as_bob.get(f"/clients/{world.bob_id}/sets").json()["count"] == 0


def test_a_stop_rule_symptom_pauses_her_program_until_her_coach_resumes(world, as_alice, as_bob):
    reported = as_bob.post(
        f"/clients/{world.bob_id}/symptoms", {"date": "2026-11-25", "symptoms": ["chest_pain"]}
    )
    assert reported.status_code == 201
    assert reported.json() == {"paused": True}
    assert as_alice.get(f"/clients/{world.bob_id}").json()["paused"] is True
    blocked = as_bob.post(
        f"/clients/{world.bob_id}/sets",
        {"date": "2026-11-25", "exercise_id": "goblet_squat", "reps": 10},
    )
    assert blocked.status_code == 409  # R32: nothing is logged while paused
    assert "paused" in blocked.json()["detail"]
    resumed = as_alice.post(f"/clients/{world.bob_id}/resume")
    assert resumed.json()["paused"] is False


def test_tests_and_scans_are_recorded_by_her_coach(world, as_alice, as_bob):
    tests = as_alice.post(f"/clients/{world.bob_id}/tests", {"tug_s": 8.5, "grip_kg": 24})
    assert tests.status_code == 201
    assert tests.json()["values"] == {"tug_s": 8.5, "grip_kg": 24.0}
    assert tests.json()["date"] == TODAY.isoformat()
    scan = as_alice.post(
        f"/clients/{world.bob_id}/scans",
        {"site": "lumbar_spine", "date": "2026-11-20", "bmd_g_cm2": 0.86, "scanner": "hologic"},
    )
    assert scan.status_code == 201
    assert scan.json()["bmd_g_cm2"] == 0.86
    assert as_bob.get(f"/clients/{world.bob_id}/tests").json()["count"] == 1
    assert as_bob.get(f"/clients/{world.bob_id}/scans").json()["count"] == 1
    bad = as_alice.post(f"/clients/{world.bob_id}/scans", {"site": "knee"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "site"


def test_progress_is_the_services_series(world, as_bob):
    as_bob.post(f"/clients/{world.bob_id}/sets", SET)
    response = as_bob.get(f"/clients/{world.bob_id}/progress", weeks=8)
    assert response.status_code == 200
    series = response.json()
    assert series["schema_version"] == 1
    assert len(series["week_starts"]) == 8
    assert series["weekly_sets_by_region"]["legs"][-1] >= 1


def test_me_tells_a_client_her_client_id(world, as_alice, as_bob):
    assert as_bob.get("/me").json() == {
        "username": "bob", "role": "client", "client_id": world.bob_id
    }  # fmt: skip
    assert as_alice.get("/me").json()["client_id"] is None


@pytest.mark.parametrize("bad", ["0", "-3", "9007199254740993", "1e3", "abc"])
def test_ids_in_paths_are_bounded_whole_numbers(bad, as_alice):
    response = as_alice.get(f"/clients/{bad}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "client_id"


def test_the_largest_id_is_simply_not_found(as_alice):
    assert as_alice.get("/clients/9007199254740992").status_code == 404


def test_unknown_api_paths_answer_json_404(as_alice):
    response = as_alice.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def test_a_body_over_the_size_limit_is_413(settings, world, as_bob):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    log = "date,exercise_id,set,reps,load_kg\n" + "2026-11-20,goblet_squat,1,5,10\n" * 100
    response = as_bob.post(f"/clients/{world.bob_id}/log/import", raw=log, content_type="text/csv")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


def test_r27_her_coach_lists_corrects_and_deletes_scans_and_the_screening_follows(
    world, as_alice, as_bob
):
    """R27: a recorded scan is what her screening uses; a correction and a deletion are too."""
    base = f"/clients/{world.bob_id}/scans"
    scan = {"site": "total_hip", "date": "2026-11-02", "t_score": -2.7}
    scan_id = as_alice.post(base, scan).json()["id"]
    assert clients.profile_for(world.alice.user, world.bob_id, today=TODAY).bone.total_hip_t == -2.7
    fixed = as_alice.call("PATCH", f"{base}/{scan_id}", {"t_score": -1.6})
    assert fixed.status_code == 200, fixed.content
    assert (fixed.json()["t_score"], fixed.json()["date"]) == (-1.6, "2026-11-02")
    assert clients.profile_for(world.alice.user, world.bob_id, today=TODAY).bone.total_hip_t == -1.6
    replaced = as_alice.put(f"{base}/{scan_id}", {"site": "femoral_neck", "z_score": -1.0})
    assert replaced.status_code == 200
    assert replaced.json()["site"] == "femoral_neck" and replaced.json()["t_score"] is None
    bad = as_alice.call("PATCH", f"{base}/{scan_id}", {"t_score": -12})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "t_score"
    assert as_alice.get(f"{base}/{scan_id}").json()["z_score"] == -1.0
    assert as_bob.call("PATCH", f"{base}/{scan_id}", {"t_score": -1}).status_code == 403
    assert as_alice.delete(f"{base}/{scan_id}").status_code == 204
    assert as_alice.get(base).json()["count"] == 0
    assert as_alice.delete(f"{base}/{scan_id}").status_code == 404
    audit = as_alice.get("/audit", client_id=world.bob_id).json()["items"]
    changes = [(a["action"], a["via"]) for a in audit if a["action"] in ("update", "delete")]
    assert changes == [("delete", "token"), ("update", "token"), ("update", "token")]


def test_her_coach_corrects_and_deletes_tests_and_others_get_404(world, as_alice):
    base = f"/clients/{world.bob_id}/tests"
    tests_id = as_alice.post(base, {"date": "2026-11-01", "tug_s": 14.0, "grip_kg": 20}).json()[
        "id"
    ]
    fixed = as_alice.call("PATCH", f"{base}/{tests_id}", {"grip_kg": None, "tug_s": 11})
    assert fixed.status_code == 200
    assert fixed.json()["values"] == {"tug_s": 11.0}
    assert clients.profile_for(world.alice.user, world.bob_id, today=TODAY).tests.tug_s == 11.0
    bad = as_alice.put(f"{base}/{tests_id}", {"chair_stand_30s": 99})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "chair_stand_30s"
    as_carol = Api(world.carol)
    assert as_carol.put(f"{base}/{tests_id}", {"tug_s": 9}).status_code == 404
    assert as_carol.delete(f"{base}/{tests_id}").status_code == 404
    assert as_alice.delete(f"{base}/{tests_id}").status_code == 204
    assert as_alice.get(base).json()["count"] == 0


def test_r32a_a_red_flag_in_her_profile_pauses_and_resume_answers_409(world, as_alice, as_bob):
    """R32a over the API: the coach records a spine fracture 5 days ago and new back pain;
    her program stops, logging answers 409, and resume answers 409 naming what to record."""
    program = as_alice.post(f"/clients/{world.bob_id}/programs", {"weeks": 4}).json()
    assign = as_alice.post(f"/clients/{world.bob_id}/programs/{program['id']}/assign")
    assert assign.status_code == 200
    profile = as_alice.get(f"/clients/{world.bob_id}").json()["profile"]
    recent = (TODAY - timedelta(days=5)).isoformat()
    profile = {**profile, "symptoms": ["new_severe_back_pain"],
               "fractures": [{"site": "vertebra", "date": recent, "low_trauma": True}]}  # fmt: skip
    updated = as_alice.put(f"/clients/{world.bob_id}/profile", profile)
    assert updated.status_code == 200 and updated.json()["paused"] is True
    assert "R32a" in updated.json()["paused_reason"]
    blocked = as_bob.post(
        f"/clients/{world.bob_id}/sets",
        {"date": TODAY.isoformat(), "exercise_id": "goblet_squat", "reps": 10},
    )
    assert blocked.status_code == 409
    refused = as_alice.post(f"/clients/{world.bob_id}/resume")
    assert refused.status_code == 409
    assert "Seen and cleared by a physiotherapist" in refused.json()["detail"]
    assert as_alice.get(f"/clients/{world.bob_id}").json()["paused"] is True
