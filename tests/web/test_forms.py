"""The intake form maps every profile field both ways, and issues land on their inputs."""

from __future__ import annotations

import json

import pytest
import yaml
from django.http import QueryDict

from osteoload.services.clients import validated_profile
from osteoload.services.errors import Issue
from osteoload.web import forms
from tests.conftest import EXAMPLES, TODAY


def as_post(values) -> QueryDict:
    post = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            post.setlist(key, value)
        elif value:
            post[key] = value
    return post


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_profiles_survive_a_round_trip_through_the_form(path):
    data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    stored, _ = validated_profile(data, today=TODAY)
    posted = forms.raw_values(as_post(forms.initial_values(stored)), forms.INTAKE_SECTIONS,
                              fractures=True)  # fmt: skip
    again, _ = validated_profile(
        forms.merged_profile(stored, forms.profile_data(posted)), today=TODAY
    )
    assert again == stored


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("age", "age"),
        ("bone.total_hip_t", "bone.total_hip_t"),
        ("weight_lb", "weight"),
        ("fractures[1].year", "fractures[1].year"),
        ("fractures[1]", "fractures[1]"),
        ("fractures[7].site", "fractures"),
        ("medications[2]", "medications"),
        ("blood_pressure", "blood_pressure"),
        ("schedule.resistance_days", "schedule.resistance_days"),
        ("schedule", "schedule"),
        ("strength[0].exercise", ""),
        ("", ""),
    ],
)
def test_issues_land_on_the_input_they_name(path, target):
    form = forms.bind(forms.INTAKE_SECTIONS, {}, [Issue(path, "is wrong")], fractures=True)
    anchor = forms.html_id(target) if target else "form-errors"
    assert form.summary == [(anchor, f"{path}: is wrong" if path else "is wrong")]
    if not target:
        assert form.general_errors


def test_numbers_from_form_text():
    assert forms.number("62") == 62
    assert forms.number("-1,9") == -1.9
    assert forms.number("1.5") == 1.5
    assert forms.number(" sixty ") == "sixty"
    assert forms.number("nan") == "nan"


def test_empty_form_gives_an_empty_profile_and_parq_only_when_asked():
    values = forms.raw_values(QueryDict(), forms.INTAKE_SECTIONS, fractures=True)
    data = forms.profile_data(values)
    assert "parq_yes" not in data and "fractures" not in data and "equipment" not in data
    values["parq_done"] = "on"
    assert forms.profile_data(values)["parq_yes"] == []
