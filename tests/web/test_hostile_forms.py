"""Hostile input in the pages (issue 16 item 9): NUL and other control characters in a name
or a note are refused with the field named, and nothing is stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from osteoload.store.models import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("bad", ["Ann\x00e", "Ann\x1be"])
def test_a_control_character_in_a_name_is_refused_on_the_intake_form(world, bad):
    browser = world.alice.browser()
    before = Client.objects.count()
    response = browser.post(
        reverse("coach-client-new"),
        {"name": bad, "age": "63", "sex": "female", "units": "kg"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "control character" in page
    assert Client.objects.count() == before


def test_a_nul_in_her_note_is_refused_on_the_feeling_form(world):
    browser = world.bob.browser()
    response = browser.post(reverse("client-feeling"), {"note": "tired\x00", "symptoms": []})
    assert response.status_code in (200, 422)
    assert "control character" in response.content.decode()


def test_a_nul_in_a_token_name_is_refused_on_the_settings_page(world):
    browser = world.alice.browser()
    response = browser.post(reverse("settings-token-create"), {"name": "phone\x00"})
    assert response.status_code == 422
    assert "control character" in response.content.decode()


def test_a_nul_in_her_email_address_is_not_a_server_error(world):
    browser = world.alice.browser()
    response = browser.post(reverse("settings-email"), {"email": "alice\x00@example.org"})
    assert response.status_code == 302
    assert "alice\x00" not in browser.get(reverse("settings")).content.decode()


@pytest.mark.parametrize("field", ["age", "weight", "height_cm"])
def test_a_number_with_thousands_of_digits_is_refused_on_the_intake_form(world, field):
    browser = world.alice.browser()
    values = {"name": "Ann", "age": "63", "sex": "female", "units": "kg"}
    response = browser.post(reverse("coach-client-new"), values | {field: "9" * 5000})
    assert response.status_code == 422


def test_a_number_with_thousands_of_digits_is_refused_on_the_log_form(world):
    browser = world.bob.browser()
    response = browser.post(reverse("client-log"), {"reps": "9" * 5000, "load": "9" * 5000})
    assert response.status_code < 500
