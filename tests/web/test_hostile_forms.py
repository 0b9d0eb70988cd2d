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
