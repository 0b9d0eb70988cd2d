"""R31 on the web: the coach enters the latest FRAX or Garvan result on the profile form,
her client page shows it with the screening's bone results, and a bad value is named next to
its input with nothing saved."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from osteoload.domain import FractureRiskTool
from osteoload.services import clients
from osteoload.services.clients import validated_profile
from osteoload.services.errors import InputError
from osteoload.web import forms
from tests.conftest import TODAY

from .test_coach_pages import INTAKE_OK
from .test_forms import as_post

FRAX_INPUTS = {
    "fracture_risk[0].tool": "frax",
    "fracture_risk[0].date": "2026-05-01",
    "fracture_risk[0].major_osteoporotic_pct": "18",
    "fracture_risk[0].hip_pct": "3,2",
    "fracture_risk[0].with_bmd": "yes",
    "fracture_risk[0].entered_by": "Dr X",
}
OLDER = {"tool": "frax", "date": "2024-03-01", "major_osteoporotic_pct": 12}
SENTENCE = (
    "FRAX (entered by Dr X on 1 May 2026): 10-year risk of a major osteoporotic fracture 18 %, "
    "of a hip fracture 3.2 %."
)


def _data(inputs: dict[str, str]) -> dict[str, Any]:
    values = forms.raw_values(as_post(inputs), forms.INTAKE_SECTIONS, fractures=True)
    return forms.profile_data(values)


def test_r31_the_form_writes_one_result_and_shows_the_latest_again() -> None:
    data = _data(FRAX_INPUTS)
    assert data["fracture_risk"] == [
        {
            "tool": "frax",
            "date": "2026-05-01",
            "major_osteoporotic_pct": 18,
            "hip_pct": 3.2,
            "with_bmd": True,
            "entered_by": "Dr X",
        }
    ]
    stored, profile = validated_profile({"age": 60, "sex": "female", **data}, today=TODAY)
    assert profile.fracture_risk[0].tool is FractureRiskTool.FRAX
    with_older = {**stored, "fracture_risk": [OLDER, *stored["fracture_risk"]]}
    shown = forms.initial_values(with_older)
    assert shown["fracture_risk[0].date"] == "2026-05-01"
    assert shown["fracture_risk[0].hip_pct"] == "3.2"
    posted = forms.raw_values(as_post(shown), forms.INTAKE_SECTIONS, fractures=True)
    merged = forms.merged_profile(with_older, forms.profile_data(posted))
    assert merged["fracture_risk"] == [stored["fracture_risk"][0], OLDER], "earlier ones kept"
    assert "fracture_risk" not in forms.merged_profile(stored, _data({}))


def test_r31_a_bad_value_lands_on_its_input_in_plain_words() -> None:
    data = _data({**FRAX_INPUTS, "fracture_risk[0].hip_pct": "130"})
    with pytest.raises(InputError) as caught:
        validated_profile({"age": 60, "sex": "female", **data}, today=TODAY)
    form = forms.bind(forms.INTAKE_SECTIONS, {}, caught.value.issues, fractures=True)
    assert form.summary == [
        ("f-fracture-risk-0-hip-pct", "Hip fracture risk (%): 130 is above 100")
    ]


@pytest.mark.django_db
def test_r31_the_client_page_shows_the_entered_result(world) -> None:  # noqa: ANN001
    browser = world.alice.browser()
    response = browser.post(reverse("coach-client-new"), {**INTAKE_OK, **FRAX_INPUTS})
    assert response.status_code == 302
    client_id = int(re.search(r"/clients/(\d+)/", response["Location"]).group(1))
    page = browser.get(reverse("coach-client", kwargs={"client_id": client_id})).content.decode()
    assert SENTENCE in page
    edit = browser.get(reverse("coach-client-edit", kwargs={"client_id": client_id}))
    assert 'value="Dr X"' in edit.content.decode()


@pytest.mark.django_db
def test_r31_a_result_from_the_future_is_refused_and_nothing_saved(world) -> None:  # noqa: ANN001
    before = len(clients.roster(world.alice.user, today=TODAY))
    bad = {**INTAKE_OK, **FRAX_INPUTS, "fracture_risk[0].date": "2027-01-05"}
    response = world.alice.browser().post(reverse("coach-client-new"), bad)
    assert response.status_code == 422
    assert "Date of the result: 2027-01-05 is in the future" in response.content.decode()
    assert len(clients.roster(world.alice.user, today=TODAY)) == before
