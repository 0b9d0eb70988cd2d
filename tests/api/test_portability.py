"""Data portability: export a client's record, import logs, erase a client; the audit log."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from osteoload.services import audit, clients
from osteoload.services.logs import STANDARD_HEADER
from osteoload.store.models import AuditEntry, Client, SetLogRow
from tests.api.conftest import NOW, PASSWORD, Api, example
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

SET = {"date": "2026-11-24", "exercise_id": "goblet_squat", "reps": 10, "load_kg": 12, "rpe": 7}
OUR_CSV = (
    "date,exercise_id,set,reps,load_kg,rpe,pain,note\n"
    "2026-11-16,goblet_squat,1,10,12,7,0,felt good\n"
    "2026-11-16,goblet_squat,2,10,12,7.5,1,\n"
    "2026-11-18,dumbbell_row,1,10,8,7,0,\n"
)


def unzip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name.split("/", 1)[1]: archive.read(name).decode("utf-8") for name in archive.namelist()
        }


def test_export_is_her_complete_record_as_json_and_csv(world, as_alice, as_bob):
    as_bob.post(f"/clients/{world.bob_id}/sets", SET)
    as_bob.post(f"/clients/{world.bob_id}/sets", {**SET, "set_number": 2, "rpe": None, "rir": 2})
    as_alice.post(f"/clients/{world.bob_id}/tests", {"tug_s": 8.1})
    as_alice.post(f"/clients/{world.bob_id}/scans", {"site": "total_hip", "bmd_g_cm2": 0.8})
    as_alice.post(f"/clients/{world.bob_id}/programs", {"weeks": 2})
    response = as_bob.get(f"/clients/{world.bob_id}/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    files = unzip(response.content)
    assert set(files) >= {
        "README.txt", "client.json", "profile.json", "programs.json", "session-log.csv",
        "session-log.json", "set-rows.json", "symptoms.json", "functional-tests.json",
        "functional-tests.csv", "dxa-scans.json", "dxa-scans.csv", "planned-sessions.csv",
        "access-log.json",
    }  # fmt: skip
    header = files["session-log.csv"].splitlines()[0].split(",")
    assert header[: len(STANDARD_HEADER)] == list(STANDARD_HEADER)
    assert "rir" in header
    rows = list(csv.DictReader(io.StringIO(files["session-log.csv"])))
    assert [(r["exercise_id"], r["set"], r["rpe"], r["rir"]) for r in rows] == [
        ("goblet_squat", "1", "7", ""),
        ("goblet_squat", "2", "", "2"),
    ]
    client = json.loads(files["client.json"])
    assert client["id"] == world.bob_id and client["schema_version"] == 1
    assert len(json.loads(files["programs.json"])[0]["document"]["weeks"]) == 2
    assert json.loads(files["dxa-scans.json"])[0]["bmd_g_cm2"] == 0.8
    # The exported profile is a valid profile: the engine accepts it as it is.
    profile = json.loads(files["profile.json"])
    assert as_alice.post("/engine/validate", profile).status_code == 200
    access = json.loads(files["access-log.json"])
    assert {("bob", "create", "set"), ("alice", "create", "scan")} <= {
        (e["actor"], e["action"], e["object_type"]) for e in access
    }


def test_an_exported_log_imports_into_another_client_unchanged(world, as_alice, as_bob):
    as_bob.post(f"/clients/{world.bob_id}/sets/batch", {"sets": [SET, {**SET, "set_number": 2}]})
    files = unzip(as_bob.get(f"/clients/{world.bob_id}/export").content)
    other = clients.create_client(world.alice.user, example("01-healthy"), today=TODAY)
    response = as_alice.post(
        f"/clients/{other}/log/import", raw=files["session-log.csv"], content_type="text/csv"
    )
    assert response.status_code == 200, response.content
    assert response.json()["imported"] == 2
    theirs = unzip(as_alice.get(f"/clients/{other}/export").content)
    assert theirs["session-log.csv"] == files["session-log.csv"]
    from_json = as_alice.post(f"/clients/{other}/log/import", raw=files["session-log.json"]).json()
    assert (from_json["format"], from_json["already_logged"]) == ("osteoload_json", 2)


def test_importing_the_same_log_twice_adds_nothing(world, as_bob):
    url = f"/clients/{world.bob_id}/log/import"
    first = as_bob.post(url, raw=OUR_CSV, content_type="text/csv").json()
    assert (first["format"], first["rows_read"], first["imported"]) == ("osteoload_csv", 3, 3)
    second = as_bob.post(url, raw=OUR_CSV, content_type="text/csv").json()
    assert (second["imported"], second["already_logged"]) == (0, 3)
    assert SetLogRow.objects.filter(client_id=world.bob_id).count() == 3


def test_a_strong_export_imports_with_its_unmapped_names_reported(world, as_bob):
    strong = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
        "2026-11-20 08:00:00,A,45m,Leg Press,1,60,10,0,0,8\n"
        "2026-11-20 08:00:00,A,45m,Leg Press,W,20,10,0,0,\n"
        "2026-11-20 08:00:00,A,45m,Underwater Basket Weaving,1,5,10,0,0,\n"
    )
    response = as_bob.post(
        f"/clients/{world.bob_id}/log/import", raw=strong, content_type="text/csv",
        weight_unit="kg",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["format"] == "strong"
    assert result["imported"] == 1
    assert result["unmapped"] == {"Underwater Basket Weaving": 1}
    assert result["skipped"]["warm-up sets"] == 1


def test_a_bad_log_is_refused_whole_naming_line_and_column(world, as_bob):
    bad = OUR_CSV + "2026-11-19,goblet_squat,1,10,12,11,0,\n2026-12-25,goblet_squat,1,10,12,7,0,\n"
    response = as_bob.post(f"/clients/{world.bob_id}/log/import", raw=bad, content_type="text/csv")
    assert response.status_code == 422
    fields = [i["field"] for i in response.json()["detail"]]
    assert fields == ["log line 5, column rpe", "log line 6, column date"]
    assert SetLogRow.objects.filter(client_id=world.bob_id).count() == 0


def test_an_imported_set_before_1900_is_a_mistake(world, as_bob):
    log = "date,exercise_id,set,reps,load_kg\n0201-11-20,goblet_squat,1,5,10\n"
    response = as_bob.post(f"/clients/{world.bob_id}/log/import", raw=log, content_type="text/csv")
    assert response.status_code == 422
    assert "is before 1900-01-01" in response.json()["detail"][0]["message"]


def test_symptoms_in_an_imported_log_are_reported(world, as_bob):
    log = "date,exercise_id,set,reps,symptoms\n2026-11-20,single_leg_stance,1,0,dizziness\n"
    response = as_bob.post(f"/clients/{world.bob_id}/log/import", raw=log, content_type="text/csv")
    assert response.status_code == 200, response.content
    assert (response.json()["symptom_days"], response.json()["paused"]) == (1, True)


def test_erasure_deletes_her_record_and_login_and_leaves_an_audit_entry(world, as_alice, as_bob):
    as_bob.post(f"/clients/{world.bob_id}/sets", SET)
    as_bob.get(f"/clients/{world.bob_id}")
    response = as_alice.delete(f"/clients/{world.bob_id}")
    assert response.status_code == 200
    assert response.json()["erased"]["sets"] == 1
    assert response.json()["erased"]["login"] == 1
    assert not Client.objects.filter(pk=world.bob_id).exists()
    assert as_alice.get(f"/clients/{world.bob_id}").status_code == 404
    assert as_bob.get("/me").status_code == 401  # her login and token are gone
    entries = as_alice.get("/audit", client_id=world.bob_id).json()["items"]
    assert entries[0]["action"] == "erase"
    assert entries[0]["actor"] == "alice"
    assert "1 sets" in entries[0]["summary"]
    assert "bob" not in {e["actor"] for e in entries}
    assert "(erased client)" in {e["actor"] for e in entries}
    assert as_alice.delete(f"/clients/{world.bob_id}").status_code == 404


def test_the_audit_log_records_who_viewed_and_changed_what(world, as_alice, as_bob):
    as_bob.get(f"/clients/{world.bob_id}/sets")
    as_alice.post(f"/clients/{world.bob_id}/tests", {"tug_s": 8.0})
    entries = as_alice.get("/audit").json()["items"]
    newest, older = entries[0], entries[1]
    assert (newest["actor"], newest["action"], newest["object_type"]) == (
        "alice", "create", "tests"
    )  # fmt: skip
    assert newest["via"] == "token"
    assert (older["actor"], older["action"], older["object_type"]) == ("bob", "view", "sets")
    assert all(e["client_id"] == world.bob_id for e in entries)


def test_a_coach_sees_only_her_own_clients_entries(world, as_alice):
    carol = Api(world.carol)
    carol.get(f"/clients/{world.dave_id}")
    as_alice.get(f"/clients/{world.bob_id}")
    mine = as_alice.get("/audit").json()["items"]
    assert {e["client_id"] for e in mine} == {world.bob_id}
    assert as_alice.get("/audit", client_id=world.dave_id).status_code == 404
    assert Api(world.bob).get("/audit").status_code == 403
    assert AuditEntry.objects.filter(client_id=world.dave_id).count() == 1


def test_a_session_write_is_audited_as_a_session(world):
    from django.test import Client as HttpClient

    browser = HttpClient()  # the test client does not enforce CSRF unless asked
    browser.force_login(world.alice.user)
    browser.get(f"/api/v1/clients/{world.bob_id}")
    audit.flush()  # a read's entry is queued for the background writer (issue 19)
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None and entry.via == "session"


def test_accepting_an_invitation_later_gives_her_access(world, as_alice):
    client_id = as_alice.post("/clients", example("06-recent")).json()["id"]
    token = clients.create_invite(world.alice.user, client_id, now=NOW)
    user = clients.accept_invite(token, "erin", PASSWORD, now=NOW)
    from osteoload.services import api_tokens

    _, erin_token = api_tokens.create_token(user, "phone")
    erin = Api()
    erin_headers = {"Authorization": f"Bearer {erin_token}"}
    response = erin.http.get(f"/api/v1/clients/{client_id}", headers=erin_headers)
    assert response.status_code == 200
