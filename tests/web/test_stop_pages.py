"""R32a on the pages: a red flag the coach records stops her program on every screen; the
"Reviewed: let her continue" button explains what is missing; no empty program is offered."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse

from osteoload.services import clients
from osteoload.store.models import ProgramRecord
from tests.conftest import TODAY

from .conftest import PROFILE, START, make_client

pytestmark = pytest.mark.django_db

RECENT = (TODAY - timedelta(days=5)).isoformat()
EDIT = {
    "name": "Bob Client", "age": "62", "sex": "female", "symptoms": ["new_severe_back_pain"],
    "fractures[0].site": "vertebra", "fractures[0].date": RECENT, "fractures[0].low_trauma": "yes",
}  # fmt: skip


def test_r32a_recording_a_fracture_and_back_pain_stops_her_program_everywhere(world):
    coach = world.alice.browser()
    make_client(world.alice.user, "Aaron Early", None)
    url = reverse("coach-client-edit", kwargs={"client_id": world.bob_id})
    assert coach.post(url, EDIT).status_code == 302
    # Her coach's page: the pause at the top with the reason, and no "Generate".
    page = unescape(coach.get(reverse("coach-client", args=[world.bob_id])).content.decode())
    assert "Paused: a red flag in her profile" in page
    assert f"spine fracture on {RECENT}" in page and "R32a" in page
    assert "No program can be generated yet" in page and "Generate program" not in page
    # The roster: the stop first, whatever her name.
    roster = coach.get(reverse("coach-roster")).content.decode()
    assert "Needs review: program stopped" in roster
    assert roster.index("Bob Client") < roster.index("Aaron Early")
    # Her phone: the stop screen, no sets, no strength work.
    phone = world.bob.browser()
    today = unescape(phone.get(reverse("client-today")).content.decode())
    assert "Please stop exercising for now" in today and "spine fracture" in today
    assert "I did this set" not in today and "client-log" not in today
    # The button explains what is missing; the pause stays.
    response = coach.post(reverse("coach-resume", args=[world.bob_id]), follow=True)
    text = unescape(response.content.decode())
    assert "Seen and cleared by a physiotherapist" in text
    assert "Paused: a red flag in her profile" in text


def test_r32a_the_client_page_offers_no_generate_for_a_client_who_needs_clearance(world):
    client_id = clients.create_client(
        world.alice.user, {**PROFILE, "name": "Nell Clearance", "parq_yes": [1], "clearance": {}},
        today=TODAY,
    )  # fmt: skip
    page = unescape(
        world.alice.browser().get(reverse("coach-client", args=[client_id])).content.decode()
    )
    assert "No program can be generated yet" in page
    assert "Cleared by her doctor to exercise" in page
    assert "Generate program" not in page


def test_r32a_assigning_a_stored_program_that_is_not_ready_is_refused(world):
    record = ProgramRecord.objects.create(
        client_id=world.bob_id, start=START, weeks=12, status="needs_clearance",
        document={"status": "needs_clearance", "weeks": [], "screening": {},
                  "start": START.isoformat()},
    )  # fmt: skip
    url = reverse("coach-program-assign", args=[world.bob_id, record.pk])
    response = world.alice.browser().post(url, follow=True)
    text = unescape(response.content.decode())
    assert "only a program whose screening is ready can be assigned" in text
    assert "sees it on her phone now" not in text
    assert not ProgramRecord.objects.get(pk=record.pk).assigned
