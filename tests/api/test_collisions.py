"""A collision with another request at the same moment answers 409 "nothing was saved",
never 500, on the API and on the pages (issue 16, item 4). The races themselves run in
threads in tests/services/test_races.py; here each kind of collision is raised where the
service would raise it."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, OperationalError
from django.test import Client as HttpClient
from django.urls import reverse

from osteoload.services import training_log
from osteoload.services.concurrency import Collision

pytestmark = pytest.mark.django_db

COLLISIONS = [
    Collision("The program"),
    IntegrityError("duplicate key value violates unique constraint"),
    OperationalError("database is locked"),
    OperationalError("deadlock detected"),
]


@pytest.mark.parametrize("error", COLLISIONS, ids=lambda e: type(e).__name__ + ":" + str(e)[:20])
def test_the_api_answers_a_collision_with_409(world, as_alice, monkeypatch, error):
    def collide(*args, **kwargs):
        raise error

    monkeypatch.setattr(training_log, "resume", collide)
    answer = as_alice.post(f"/clients/{world.bob.client_id}/resume")
    assert answer.status_code == 409
    assert "at the same moment" in answer.json()["detail"]
    assert "nothing was saved" in answer.json()["detail"]


def test_another_database_error_is_not_dressed_as_a_collision(world, as_alice, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such table: store_client")

    monkeypatch.setattr(training_log, "resume", broken)
    with pytest.raises(OperationalError):
        as_alice.post(f"/clients/{world.bob.client_id}/resume")


@pytest.mark.parametrize("error", COLLISIONS, ids=lambda e: type(e).__name__ + ":" + str(e)[:20])
def test_the_pages_answer_a_collision_with_409(world, monkeypatch, error):
    def collide(*args, **kwargs):
        raise error

    monkeypatch.setattr(training_log, "resume", collide)
    browser = HttpClient()
    browser.force_login(world.alice.user)
    answer = browser.post(reverse("coach-resume", args=[world.bob.client_id]))
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "Nothing was saved" in page and "at the same moment" in page
