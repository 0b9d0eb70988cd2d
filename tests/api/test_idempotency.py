"""Exactly once over the API: the Idempotency-Key header on every POST."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from osteoload.services import idempotency
from osteoload.store.models import IdempotencyRecord
from tests.api.conftest import API, Api, Persona

pytestmark = pytest.mark.django_db

SET = {"date": "2026-11-24", "exercise_id": "goblet_squat", "reps": 10, "load_kg": 12, "rpe": 7}


def post(api: Api, path: str, body: Any, key: str | None, **headers: str):
    assert isinstance(api.persona, Persona)
    sent = {**api.persona.headers(), **headers}
    if key is not None:
        sent["Idempotency-Key"] = key
    return api.http.post(
        API + path, data=json.dumps(body), content_type="application/json", headers=sent
    )


def sets_of(api: Api, client_id: int) -> int:
    count: int = api.get(f"/clients/{client_id}/sets").json()["count"]
    return count


def test_the_same_key_twice_stores_one_set_and_answers_the_same(world, as_bob):
    first = post(as_bob, f"/clients/{world.bob_id}/sets", SET, "tap-1")
    again = post(as_bob, f"/clients/{world.bob_id}/sets", SET, "tap-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again[idempotency.REPLAYED_HEADER] == "true"
    assert idempotency.REPLAYED_HEADER not in first
    assert sets_of(as_bob, world.bob_id) == 1


def test_the_same_json_with_other_spacing_is_the_same_request(world, as_bob):
    path = f"{API}/clients/{world.bob_id}/sets"
    headers = {**world.bob.headers(), "Idempotency-Key": "k"}
    one = as_bob.http.post(path, data=json.dumps(SET), content_type="application/json",
                           headers=headers)  # fmt: skip
    two = as_bob.http.post(path, data=json.dumps(SET, indent=2, sort_keys=True),
                           content_type="application/json", headers=headers)  # fmt: skip
    assert (one.status_code, two.status_code) == (201, 201)
    assert two.content == one.content
    assert sets_of(as_bob, world.bob_id) == 1


def test_a_batch_sent_twice_is_stored_once(world, as_bob):
    batch = {"sets": [SET, {**SET, "set_number": 2}]}
    first = post(as_bob, f"/clients/{world.bob_id}/sets/batch", batch, "batch-1")
    again = post(as_bob, f"/clients/{world.bob_id}/sets/batch", batch, "batch-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert sets_of(as_bob, world.bob_id) == 2


def test_a_reused_key_with_another_body_is_refused_and_stores_nothing(world, as_bob):
    post(as_bob, f"/clients/{world.bob_id}/sets", SET, "tap-1")
    other = post(as_bob, f"/clients/{world.bob_id}/sets", {**SET, "reps": 8}, "tap-1")
    assert other.status_code == 422
    [issue] = other.json()["detail"]
    assert issue["field"] == "Idempotency-Key"
    assert issue["value"] == "tap-1"
    assert "already used for another request" in issue["message"]
    assert "new key" in issue["message"]
    assert sets_of(as_bob, world.bob_id) == 1


def test_a_reused_key_on_another_operation_is_refused(world, as_bob):
    post(as_bob, f"/clients/{world.bob_id}/sets", SET, "k")
    other = post(as_bob, f"/clients/{world.bob_id}/symptoms",
                 {"date": "2026-11-24", "symptoms": [], "note": ""}, "k")  # fmt: skip
    assert other.status_code == 422
    assert f"/clients/{world.bob_id}/sets" in other.json()["detail"][0]["message"]


def test_keys_belong_to_their_user(world, as_bob, as_alice):
    """Another user's same key is her own request: it runs."""
    post(as_bob, f"/clients/{world.bob_id}/sets", SET, "shared")
    token = post(as_alice, "/engine/validate", {"age": 60, "sex": "female"}, "shared")
    assert token.status_code == 200
    assert idempotency.REPLAYED_HEADER not in token


def test_without_a_key_every_post_runs(world, as_bob):
    post(as_bob, f"/clients/{world.bob_id}/sets", SET, None)
    post(as_bob, f"/clients/{world.bob_id}/sets", {**SET, "set_number": 2}, None)
    assert sets_of(as_bob, world.bob_id) == 2
    assert IdempotencyRecord.objects.count() == 0


def test_a_refused_request_is_not_kept_so_it_can_be_sent_again(world, as_bob):
    bad = post(as_bob, f"/clients/{world.bob_id}/sets", {**SET, "rpe": 11}, "k")
    assert bad.status_code == 422
    assert IdempotencyRecord.objects.count() == 0
    good = post(as_bob, f"/clients/{world.bob_id}/sets", SET, "k")
    assert good.status_code == 201
    assert sets_of(as_bob, world.bob_id) == 1


def test_a_bad_key_is_named(world, as_bob):
    response = post(as_bob, f"/clients/{world.bob_id}/sets", SET, "x" * 300)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "Idempotency-Key"
    assert "1 to 255 characters" in response.json()["detail"][0]["message"]
    assert sets_of(as_bob, world.bob_id) == 0


def test_an_unauthenticated_post_with_a_key_is_still_401(world):
    response = Api().http.post(f"{API}/clients/{world.bob_id}/sets", data=json.dumps(SET),
                               content_type="application/json",
                               headers={"Idempotency-Key": "k"})  # fmt: skip
    assert response.status_code == 401


def test_a_session_post_replays_only_with_the_csrf_token(world):
    from django.test import Client as HttpClient

    browser = HttpClient(enforce_csrf_checks=True)
    browser.force_login(world.bob.user)
    browser.get("/today/")
    csrf = browser.cookies["csrftoken"].value
    path = f"{API}/clients/{world.bob_id}/sets"
    body = json.dumps(SET)
    good = {"Idempotency-Key": "s1", "X-CSRFToken": csrf}
    first = browser.post(path, data=body, content_type="application/json", headers=good)
    assert first.status_code == 201
    forged = browser.post(path, data=body, content_type="application/json",
                          headers={"Idempotency-Key": "s1"})  # fmt: skip
    assert forged.status_code == 403
    again = browser.post(path, data=body, content_type="application/json", headers=good)
    assert again.status_code == 201
    assert again.content == first.content


def test_a_failed_write_leaves_no_key(world, as_bob, monkeypatch):
    """The key is stored with what the request wrote, in one transaction: a crash keeps
    neither, so sending again stores the set once."""
    from osteoload.services import training_log

    real = training_log.log_set_returning

    def crash(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise RuntimeError("the server fell over after writing")

    monkeypatch.setattr(training_log, "log_set_returning", crash)
    as_bob.http.raise_request_exception = False
    failed = post(as_bob, f"/clients/{world.bob_id}/sets", SET, "k")
    assert failed.status_code == 500
    assert IdempotencyRecord.objects.count() == 0
    monkeypatch.setattr(training_log, "log_set_returning", real)
    assert sets_of(as_bob, world.bob_id) == 0
    again = post(as_bob, f"/clients/{world.bob_id}/sets", SET, "k")
    assert again.status_code == 201
    assert sets_of(as_bob, world.bob_id) == 1


def test_expired_keys_are_forgotten_and_purged(world, as_bob):
    post(as_bob, f"/clients/{world.bob_id}/sets", SET, "old")
    IdempotencyRecord.objects.update(created=timezone.now() - idempotency.WINDOW - timedelta(1))
    out = StringIO()
    call_command("purge_idempotency_keys", stdout=out)
    assert "Purged 1 expired" in out.getvalue()
    assert IdempotencyRecord.objects.count() == 0


def test_an_expired_key_runs_again(world, as_bob):
    post(as_bob, f"/clients/{world.bob_id}/sets", SET, "old")
    IdempotencyRecord.objects.update(created=timezone.now() - idempotency.WINDOW - timedelta(1))
    again = post(as_bob, f"/clients/{world.bob_id}/sets", {**SET, "set_number": 2}, "old")
    assert again.status_code == 201
    assert idempotency.REPLAYED_HEADER not in again
    assert sets_of(as_bob, world.bob_id) == 2


CSV = "date,exercise_id,set,reps,load_kg,rpe\n2026-11-16,goblet_squat,1,10,12,7\n"


def test_a_log_import_sent_twice_answers_the_first_count(world, as_bob):
    """A replay answers what the first import answered (imported 1), not a second count."""
    path = f"{API}/clients/{world.bob_id}/log/import"
    headers = {**world.bob.headers(), "Idempotency-Key": "import-1"}
    first = as_bob.http.post(path, data=CSV, content_type="text/csv", headers=headers)
    again = as_bob.http.post(path, data=CSV, content_type="text/csv", headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json()["imported"] == again.json()["imported"] == 1
    assert sets_of(as_bob, world.bob_id) == 1


def test_a_multipart_body_with_a_key_is_still_read_by_the_view(world, as_bob):
    """The fingerprint reads the body first, so a view reading the raw body still can: the
    answer is the view's own (no server error)."""
    path = f"{API}/clients/{world.bob_id}/log/import"
    headers = {**world.bob.headers(), "Idempotency-Key": "multi"}
    response = as_bob.http.post(path, data={"log": CSV}, headers=headers)
    assert response.status_code < 500, response.content


def test_erasure_deletes_the_answers_kept_about_her(world, as_alice, as_bob):
    """Right to erasure: stored answers hold her data; hers go with her login, her coach's
    about clients are deleted with her record."""
    post(as_bob, f"/clients/{world.bob_id}/sets", SET, "hers")
    post(as_alice, f"/clients/{world.bob_id}/tests", {"tug_s": 8.1}, "coach-about-her")
    post(as_alice, "/engine/validate", {"age": 60, "sex": "female"}, "engine")
    assert IdempotencyRecord.objects.count() == 3
    assert as_alice.delete(f"/clients/{world.bob_id}").status_code == 200
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["engine"]
