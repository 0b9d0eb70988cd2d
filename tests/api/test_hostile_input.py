"""Hostile input over the API (issue 16 item 9): JSON nested 1,000 deep and numbers with
thousands of digits answer 4xx JSON in the usual shape on every JSON endpoint; NUL and other
control characters are refused naming the field; the minimal profile the README allows works
(plan endpoint, stored, the coach's edit page); a stored profile is read, not re-judged."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client as HttpClient

from osteoload.api.v1 import api
from osteoload.services import clients, fhir
from osteoload.store.models import Client
from tests.api.conftest import API, example
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

DEEP = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000
LONG_NUMBER = '{"age": ' + "9" * 5000 + ', "sex": "female"}'
MINIMAL = {"age": 67, "sex": "female", "parq_yes": []}


def _body_operations() -> list[tuple[str, str]]:
    """Every (method, path) of the API that takes a request body."""
    schema = api.get_openapi_schema()
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("post", "put", "patch") and "requestBody" in operation:
                found.append((method.upper(), path))
    return sorted(found)


BODY_OPERATIONS = _body_operations()


def _concrete(path: str, world: Any) -> str:
    """The path with its parameters filled: bob's client id, ids of 1 elsewhere."""
    path = path.replace("{client_id}", str(world.bob_id))
    path = re.sub(r"\{[a-z_]+\}", "1", path)
    return path.removeprefix(API)


def _is_our_error_shape(response: Any) -> None:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert "detail" in body


def test_there_are_json_endpoints_to_check():
    assert len(BODY_OPERATIONS) >= 10


@pytest.mark.parametrize("method, path", BODY_OPERATIONS)
@pytest.mark.parametrize("raw", [DEEP, DEEP_OBJECT, LONG_NUMBER], ids=["list", "object", "number"])
def test_deep_json_and_huge_numbers_answer_json_4xx_on_every_json_endpoint(
    world, as_alice, method, path, raw
):
    response = as_alice.call(method, _concrete(path, world), raw=raw)
    assert 400 <= response.status_code < 500, (path, response.status_code, response.content[:300])
    _is_our_error_shape(response)
    if response.status_code == 422:
        messages = " ".join(d["message"] for d in response.json()["detail"])
        assert "nested more than" in messages or "characters" in messages or messages


def test_deep_json_names_the_limit_on_intake(as_alice):
    response = as_alice.call("POST", "/clients", raw=DEEP_OBJECT)
    assert response.status_code == 422
    assert "nested more than 32 levels deep" in response.json()["detail"][0]["message"]
    response = as_alice.call("POST", "/clients", raw=LONG_NUMBER)
    assert response.status_code == 422
    assert "5000 characters" in response.json()["detail"][0]["message"]


def test_deep_json_on_an_api_body_ninja_reads_itself(world, as_alice):
    # (the token endpoint's body is parsed by ninja, not by the services)
    response = as_alice.call("POST", "/tokens", raw=DEEP)
    assert response.status_code in (400, 422), response.content[:300]
    _is_our_error_shape(response)


@pytest.mark.parametrize("bad", ["Ann\x00a", "Ann\x07a", "Ann\x1ba"])
def test_a_control_character_in_a_name_is_refused_naming_the_field(as_alice, bad):
    profile = example("02-early") | {"name": bad}
    response = as_alice.post("/clients", profile)
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert detail[0]["field"] == "name"
    assert "control character" in detail[0]["message"]


def test_a_nul_in_a_set_note_is_refused_naming_the_field(world, as_bob):
    entry = {"date": "2026-11-24", "exercise_id": "goblet_squat", "reps": 10, "load_kg": 12}
    response = as_bob.post(f"/clients/{world.bob_id}/sets", entry | {"note": "fine\x00"})
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["field"] == "note"
    # line breaks and tabs are still fine in a note
    response = as_bob.post(f"/clients/{world.bob_id}/sets", entry | {"note": "fine\n\tthanks"})
    assert response.status_code == 201, response.content


def test_the_minimal_profile_plans_over_the_api(as_alice):
    response = as_alice.post("/engine/plan", MINIMAL)
    assert response.status_code == 200, response.content
    assert response.json()["weeks"]


def test_the_minimal_profile_stored_through_the_api_opens_on_the_edit_page(world, as_alice):
    response = as_alice.post("/clients", MINIMAL)
    assert response.status_code == 201, response.content
    client_id = response.json()["id"]
    browser = HttpClient()
    browser.force_login(world.alice.user)
    for url in (f"/coach/clients/{client_id}/edit/", f"/coach/clients/{client_id}/"):
        page = browser.get(url)
        assert page.status_code == 200, (url, page.content[:500])


def test_a_stored_profile_is_read_not_rejudged_against_today(world, monkeypatch):
    """A profile saved with a start date far ahead still opens years later (date rules apply
    when data is written); so does one naming a catalogue id that no longer exists."""
    client = Client.objects.get(pk=world.bob_id)
    document = dict(client.profile)
    document["schedule"] = dict(document.get("schedule") or {}) | {"start_date": "2027-06-01"}
    client.profile = document
    client.save(update_fields=["profile"])
    later = TODAY.replace(year=TODAY.year + 6)
    monkeypatch.setattr("osteoload.services.clock.today", lambda: later)
    record = clients.profile_for(world.alice.user, world.bob_id, today=later)
    assert str(record.schedule.start_date) == "2027-06-01"
    clients.record_tests(world.alice.user, world.bob_id, {"tug_s": 9.1}, today=later)
    browser = HttpClient()
    browser.force_login(world.alice.user)
    for url in (
        f"/coach/clients/{world.bob_id}/edit/",
        f"/coach/clients/{world.bob_id}/",
        f"/coach/clients/{world.bob_id}/progress/",
    ):
        page = browser.get(url)
        assert page.status_code == 200, (url, page.content[:500])
    progress = clients_progress(world.alice.user, world.bob_id, later)
    assert progress, "the recorded tests are still listed"
    assert fhir.client_bundle(world.alice.user, world.bob_id, today=later)["entry"]


def clients_progress(user, client_id, day):
    from osteoload.services import progress

    return progress.progress_series(user, client_id, today=day)["tests"]


def test_a_stored_profile_naming_a_renamed_exercise_still_opens(world):
    client = Client.objects.get(pk=world.bob_id)
    document = dict(client.profile)
    document["strength"] = [
        {"exercise": "renamed_squat", "load_kg": 20, "reps": 8, "rpe": 7, "date": "2026-11-20"}
    ]
    client.profile = document
    client.save(update_fields=["profile"])
    record = clients.profile_for(world.alice.user, world.bob_id, today=TODAY)
    assert record.age == document["age"]
    browser = HttpClient()
    browser.force_login(world.alice.user)
    page = browser.get(f"/coach/clients/{world.bob_id}/")
    assert page.status_code == 200, page.content[:500]


def test_deep_json_to_the_web_is_not_a_server_error(world):
    """A page's form post with a JSON body is not parsed as JSON, but the idempotency
    fingerprint reads every POST body: deep JSON there is still a normal answer."""
    browser = HttpClient()
    browser.force_login(world.alice.user)
    response = browser.post("/coach/clients/new/", data=DEEP, content_type="application/json")
    assert response.status_code < 500


def test_a_nul_in_a_token_name_is_refused_naming_the_field(world):
    browser = HttpClient()
    browser.force_login(world.alice.user)
    response = browser.post(
        API + "/tokens", data={"name": "phone\x00app"}, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["field"] == "name"
    assert "control character" in response.json()["detail"][0]["message"]


def test_numbers_with_thousands_of_digits_in_paths_and_queries_are_4xx(world, as_alice):
    huge = "9" * 5000
    for response in (
        as_alice.get("/clients", limit=huge),
        as_alice.get(f"/clients/{huge}"),
        as_alice.get(f"/clients/{world.bob_id}/sets", offset=huge),
    ):
        assert 400 <= response.status_code < 500, response.content[:300]
        _is_our_error_shape(response)
