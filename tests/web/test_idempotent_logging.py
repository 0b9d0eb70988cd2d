"""Exactly once on her phone: the logger's forms carry a client-made key per set, and the
same key sent again (a double tap, a retried request) stores one set."""

from __future__ import annotations

import pytest
from django.urls import reverse

from osteoload.services import client_programs, idempotency, training_log
from osteoload.store.models import IdempotencyRecord, SymptomReport
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def strength(world):
    view = client_programs.today_session(world.bob.user, world.bob_id, today=TODAY)
    assert view.session is not None
    return next(i for i in view.session["items"] if i["component"] == "resistance")


def logged(world):
    return training_log.sets_on(world.bob.user, world.bob_id, TODAY)


def test_the_log_form_and_the_report_form_carry_a_key_field_and_its_script(world):
    browser = world.bob.browser()
    today = browser.get(reverse("client-today")).content.decode()
    assert f'name="{idempotency.FORM_FIELD}"' in today and "js/idempotency.js" in today
    feeling = browser.get(reverse("client-feeling")).content.decode()
    assert f'name="{idempotency.FORM_FIELD}"' in feeling and "js/idempotency.js" in feeling


def test_a_double_post_with_the_same_key_stores_one_set_and_answers_the_same(world):
    item = strength(world)
    browser = world.bob.browser()
    data = {"exercise_id": item["exercise_id"], "reps": "9", "load": "7.5", "rpe": "7",
            "pain": "0", "idempotency_key": "set-key-1"}  # fmt: skip
    first = browser.post(reverse("client-log"), data, **HTMX)
    again = browser.post(reverse("client-log"), data, **HTMX)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again[idempotency.REPLAYED_HEADER] == "true"
    assert [r["set_number"] for r in logged(world)] == [1]
    # the next set comes with a new key and is stored
    nxt = browser.post(reverse("client-log"), {**data, "idempotency_key": "set-key-2"}, **HTMX)
    assert "Set 2 ·" in nxt.content.decode()
    assert [r["set_number"] for r in logged(world)] == [1, 2]


def test_a_retried_plain_form_post_redirects_the_same_and_stores_one_set(world):
    item = strength(world)
    browser = world.bob.browser()
    data = {"exercise_id": item["exercise_id"], "reps": "10", "idempotency_key": "k"}
    first = browser.post(reverse("client-log"), data)
    again = browser.post(reverse("client-log"), data)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert len(logged(world)) == 1


def test_a_reused_key_with_other_values_is_refused_with_a_message(world):
    item = strength(world)
    browser = world.bob.browser()
    data = {"exercise_id": item["exercise_id"], "reps": "10", "idempotency_key": "k"}
    browser.post(reverse("client-log"), data, **HTMX)
    other = browser.post(reverse("client-log"), {**data, "reps": "6"}, **HTMX)
    assert other.status_code == 422
    assert "already used for another request" in other.content.decode()
    assert len(logged(world)) == 1


def test_a_refused_set_keeps_no_key(world):
    item = strength(world)
    browser = world.bob.browser()
    data = {"exercise_id": item["exercise_id"], "rpe": "11", "idempotency_key": "k"}
    assert browser.post(reverse("client-log"), data, **HTMX).status_code == 422
    assert IdempotencyRecord.objects.count() == 0


def test_a_tick_sent_twice_is_stored_once(world):
    view = client_programs.today_session(world.bob.user, world.bob_id, today=TODAY)
    assert view.session is not None
    tick = next(i for i in view.session["items"] if i["component"] != "resistance")
    browser = world.bob.browser()
    data = {"exercise_id": tick["exercise_id"], "idempotency_key": "tick-1"}
    for _ in range(2):
        assert browser.post(reverse("client-log"), data, **HTMX).status_code == 200
    assert len([r for r in logged(world) if r["exercise_id"] == tick["exercise_id"]]) == 1


def test_a_report_sent_twice_is_stored_once(world):
    browser = world.bob.browser()
    data = {"note": "tired today", "idempotency_key": "report-1"}
    first = browser.post(reverse("client-feeling"), data)
    again = browser.post(reverse("client-feeling"), data)
    assert first.status_code == again.status_code == 302
    assert SymptomReport.objects.filter(client_id=world.bob_id).count() == 1


def test_the_csrf_check_still_applies_to_a_repeated_form(world):
    from django.test import Client as Browser

    item = strength(world)
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(world.bob.user)
    data = {"exercise_id": item["exercise_id"], "reps": "10", "idempotency_key": "k"}
    assert browser.post(reverse("client-log"), data, **HTMX).status_code == 403
    assert logged(world) == []
