"""Her own equipment on the intake form and the coach's profile summary (issue 14)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from osteoload.domain.profile import EquipmentDetails, LoadRange
from osteoload.domain.units import BandLevel
from osteoload.services import clients
from osteoload.services.clients import validated_profile
from osteoload.services.errors import InputError
from osteoload.web import forms
from tests.conftest import TODAY

from .test_coach_pages import INTAKE_OK
from .test_forms import as_post

HOME_SET = {
    "equipment_details.dumbbells": "2-20 step 2",
    "equipment_details.kettlebells": "8, 12; 16",
    "equipment_details.barbell.bar": "15",
    "equipment_details.barbell.smallest_plate": "1,25",
    "equipment_details.machine.step": "5",
    "equipment_details.bands": ["light", "heavy"],
}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2, 4, 6", [2, 4, 6]),
        ("2 4 6.5", [2, 4, 6.5]),
        ("2-20 step 2", {"from": 2, "to": 20, "step": 2}),
        ("2 to 20 by 2,5", {"from": 2, "to": 20, "step": 2.5}),
        ("1.5 – 10, step 0.5", {"from": 1.5, "to": 10, "step": 0.5}),
        ("heavy ones", "heavy ones"),
    ],
)
def test_weights_from_form_text(text, value):
    assert forms.loads_value(text) == value


def test_her_equipment_survives_a_round_trip_through_the_form():
    values = forms.raw_values(as_post(HOME_SET), forms.INTAKE_SECTIONS, fractures=True)
    data = forms.profile_data(values)
    assert data["equipment_details"] == {
        "dumbbells": {"from": 2, "to": 20, "step": 2},
        "kettlebells": [8, 12, 16],
        "barbell": {"bar": 15, "smallest_plate": 1.25},
        "machine": {"step": 5},
        "bands": ["light", "heavy"],
    }
    stored, profile = validated_profile({"age": 60, "sex": "female", **data}, today=TODAY)
    assert profile.equipment_details == EquipmentDetails(
        dumbbells=LoadRange(start=2.0, stop=20.0, step=2.0),
        kettlebells=(8.0, 12.0, 16.0),
        barbell_bar=15.0,
        barbell_smallest_plate=1.25,
        machine_step=5.0,
        bands=(BandLevel.LIGHT, BandLevel.HEAVY),
    )
    shown = forms.initial_values(stored)
    assert shown["equipment_details.dumbbells"] == "2-20 step 2"
    assert shown["equipment_details.kettlebells"] == "8, 12, 16"
    posted = forms.raw_values(as_post(shown), forms.INTAKE_SECTIONS, fractures=True)
    again, _ = validated_profile(
        forms.merged_profile(stored, forms.profile_data(posted)), today=TODAY
    )
    assert again == stored


def test_equipment_errors_land_on_their_input_in_plain_words():
    data = forms.profile_data(
        forms.raw_values(
            as_post({"equipment_details.dumbbells": "2-20 step 0"}), forms.INTAKE_SECTIONS
        )
    )
    with pytest.raises(InputError) as caught:
        validated_profile({"age": 60, "sex": "female", **data}, today=TODAY)
    form = forms.bind(forms.INTAKE_SECTIONS, {}, caught.value.issues, fractures=True)
    assert form.summary == [
        ("f-equipment-details-dumbbells", "Dumbbells available, step: 0 is below 0.25")
    ]


@pytest.mark.django_db
def test_intake_stores_her_equipment_and_her_page_shows_it(world):
    browser = world.alice.browser()
    response = browser.post(reverse("coach-client-new"), {**INTAKE_OK, **HOME_SET})
    assert response.status_code == 302
    client_id = int(re.search(r"/clients/(\d+)/", response["Location"]).group(1))
    profile = clients.profile_for(world.alice.user, client_id, today=TODAY)
    assert profile.equipment_details is not None
    assert profile.equipment_details.kettlebells == (8.0, 12.0, 16.0)
    page = browser.get(reverse("coach-client", kwargs={"client_id": client_id}))
    text = page.content.decode()
    assert "Weights available" in text
    assert "dumbbells 2-20 lb in 2 lb steps; kettlebells 8, 12, 16 lb" in text
    edit = browser.get(reverse("coach-client-edit", kwargs={"client_id": client_id}))
    assert 'value="2-20 step 2"' in edit.content.decode()


@pytest.mark.django_db
def test_intake_with_bad_equipment_names_the_field_and_creates_nothing(world):
    before = len(clients.roster(world.alice.user, today=TODAY))
    bad = {**INTAKE_OK, "equipment_details.kettlebells": "8, 12, -16"}
    response = world.alice.browser().post(reverse("coach-client-new"), bad)
    assert response.status_code == 422
    assert "Kettlebells available: weight 3 (-16) is out of range" in response.content.decode()
    assert len(clients.roster(world.alice.user, today=TODAY)) == before
