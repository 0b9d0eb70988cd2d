"""Issue 16 (hostile input, item 9): "the minimal profile the README allows (``age``, ``sex``,
``parq_yes: []``) crashes ``osteoload plan`` and the plan endpoint, and stored through the API
breaks that client's edit page". The minimal profile works everywhere: every engine endpoint,
and a client stored with it through her program's whole path (generated, assigned, her next
session, her export) on the API and the coach's pages. SQLite, and PostgreSQL in CI."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

pytestmark = pytest.mark.django_db

MINIMAL = {"age": 67, "sex": "female", "parq_yes": []}


@pytest.mark.parametrize("endpoint", ["validate", "screen", "plan", "assess", "project"])
def test_the_minimal_profile_answers_200_on_every_engine_endpoint(as_alice, endpoint):
    response = as_alice.post(f"/engine/{endpoint}", MINIMAL)
    assert response.status_code == 200, response.content[:500]


def test_a_client_with_the_minimal_profile_gets_a_program_and_her_record(world, as_alice):
    created = as_alice.post("/clients", MINIMAL)
    assert created.status_code == 201, created.content
    client_id = created.json()["id"]
    program = as_alice.post(f"/clients/{client_id}/programs", {})
    assert program.status_code == 201, program.content[:500]
    program_id = program.json()["id"]
    assigned = as_alice.post(f"/clients/{client_id}/programs/{program_id}/assign")
    assert assigned.status_code == 200, assigned.content[:500]
    for path in ("", "/next", "/progress", "/export", "/fhir", "/programs"):
        response = as_alice.get(f"/clients/{client_id}{path}")
        assert response.status_code == 200, (path, response.content[:500])

    browser = HttpClient()
    browser.force_login(world.alice.user)
    pages = ("", "edit/", "progress/", f"programs/{program_id}/", "programs/new/")
    for page in pages:
        url = f"/coach/clients/{client_id}/{page}"
        answer = browser.get(url)
        assert answer.status_code == 200, (url, answer.content[:500])
    assert browser.get("/coach/").status_code == 200
