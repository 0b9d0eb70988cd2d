"""No lost updates through the API (issue 16, item 3): the answers carry each record's
``version``; a change sent with ``If-Match`` holding an older version answers 409 with what
changed and writes nothing; without ``If-Match`` the last write wins."""

from __future__ import annotations

import json
from typing import Any

import pytest

from osteoload.services import client_programs
from tests.api.conftest import API, TODAY, Api, example

pytestmark = pytest.mark.django_db

HIP = {"site": "total_hip", "date": "2026-11-02", "t_score": -2.7, "scanner": "hologic"}


def send(api: Api, method: str, path: str, body: Any = None, *, if_match: str | None = None):
    headers = api.persona.headers() if api.persona else {}
    if if_match is not None:
        headers["If-Match"] = if_match
    data = json.dumps(body) if body is not None else ""
    return getattr(api.http, method.lower())(
        API + path, data=data, content_type="application/json", headers=headers
    )


def test_a_stale_profile_put_answers_409_and_overwrites_nothing(world, as_alice) -> None:
    path = f"/clients/{world.bob_id}/profile"
    opened = as_alice.get(f"/clients/{world.bob_id}").json()
    assert opened["version"] == 1
    profile = example("02-early")
    first = send(as_alice, "PUT", path, {**profile, "weight_kg": 61}, if_match='"1"')
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = send(as_alice, "PUT", path, {**profile, "weight_kg": 70}, if_match='"1"')
    assert stale.status_code == 409
    body = stale.json()
    assert body["detail"].startswith("Changed by someone else since you opened it")
    assert body["version"] == 2 and body["changed"] == ["weight_kg"]
    stored = as_alice.get(f"/clients/{world.bob_id}").json()
    assert stored["profile"]["weight_kg"] == 61 and stored["version"] == 2
    # The current version (a weak ETag or a bare number too) goes through.
    assert send(as_alice, "PUT", path, profile, if_match='W/"2"').status_code == 200
    assert send(as_alice, "PUT", path, profile, if_match="3").status_code == 200


def test_without_if_match_the_last_write_wins(world, as_alice) -> None:
    path = f"/clients/{world.bob_id}/profile"
    profile = example("02-early")
    assert send(as_alice, "PUT", path, {**profile, "weight_kg": 61}).status_code == 200
    answer = send(as_alice, "PUT", path, {**profile, "weight_kg": 62}, if_match="*")
    assert answer.status_code == 200 and answer.json()["version"] == 3


@pytest.mark.parametrize("header", ["abc", '"0"', "-1", "1.0"])
def test_a_malformed_if_match_answers_422_naming_it(world, as_alice, header: str) -> None:
    response = send(
        as_alice, "PUT", f"/clients/{world.bob_id}/profile", example("02-early"), if_match=header
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "If-Match"
    assert as_alice.get(f"/clients/{world.bob_id}").json()["version"] == 1


def test_a_stale_assignment_answers_409(world, as_alice) -> None:
    program_id = client_programs.generate_for_client(world.alice.user, world.bob_id, today=TODAY)
    base = f"/clients/{world.bob_id}/programs/{program_id}"
    assert as_alice.get(base).json()["version"] == 1
    first = send(as_alice, "POST", f"{base}/assign", if_match='"1"')
    assert first.status_code == 200 and first.json()["version"] == 2
    again = send(as_alice, "POST", f"{base}/assign", if_match='"1"')
    assert again.status_code == 409 and again.json()["version"] == 2
    listed = as_alice.get(f"/clients/{world.bob_id}/programs").json()["items"]
    assert [p["version"] for p in listed] == [2]


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_a_stale_scan_correction_answers_409(world, as_alice, method: str) -> None:
    base = f"/clients/{world.bob_id}/scans"
    scan = as_alice.post(base, HIP).json()
    assert scan["version"] == 1
    ok = send(as_alice, "PUT", f"{base}/{scan['id']}", {**HIP, "t_score": -2.5}, if_match="1")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    body = {**HIP, "bmd_g_cm2": 0.7} if method == "PUT" else {"bmd_g_cm2": 0.7}
    stale = send(as_alice, method, f"{base}/{scan['id']}", body, if_match="1")
    assert stale.status_code == 409 and "bmd_g_cm2" in stale.json()["changed"]
    stored = as_alice.get(f"{base}/{scan['id']}").json()
    assert (stored["t_score"], stored["bmd_g_cm2"], stored["version"]) == (-2.5, None, 2)


def test_a_stale_tests_correction_answers_409(world, as_alice) -> None:
    base = f"/clients/{world.bob_id}/tests"
    record = as_alice.post(base, {"date": "2026-11-01", "tug_s": 9.0}).json()
    path = f"{base}/{record['id']}"
    assert send(as_alice, "PATCH", path, {"tug_s": 10.0}, if_match="1").status_code == 200
    stale = send(as_alice, "PATCH", path, {"tug_s": 12.0}, if_match="1")
    assert stale.status_code == 409 and stale.json()["changed"] == ["tug_s"]
    assert as_alice.get(path).json()["values"] == {"tug_s": 10.0}


def test_the_openapi_document_declares_if_match_and_409(as_alice) -> None:
    spec = as_alice.http.get(f"{API}/openapi.json").json()
    operation = spec["paths"][f"{API}/clients/{{client_id}}/profile"]["put"]
    assert "409" in operation["responses"]
    assert any(p["name"] == "If-Match" for p in operation["parameters"])
