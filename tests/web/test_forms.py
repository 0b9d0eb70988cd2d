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
    ("path", "target", "label"),
    [
        ("age", "age", "Age (years)"),
        ("bone.total_hip_t", "bone.total_hip_t", "Whole hip T-score"),
        ("weight_lb", "weight", "Weight (lb)"),
        ("fractures[1].year", "fractures[1].year", "Fracture 2, year"),
        ("fractures[1]", "fractures[1]", "Fracture 2"),
        ("fractures[7].site", "fractures", "Fractures"),
        ("medications[2]", "medications", "Medicines"),
        ("blood_pressure", "blood_pressure", "Resting blood pressure"),
        ("schedule.resistance_days", "schedule.resistance_days", "Strength training days"),
        ("schedule", "schedule", "Schedule"),
        ("strength[0].exercise", "", "strength[0].exercise"),
        ("", "", ""),
    ],
)
def test_issues_land_on_the_input_they_name_with_its_label(path, target, label):
    """Web form errors name the field by its label, never by its path (issue 13); an issue
    about a field the form does not show keeps its path, having no label."""
    form = forms.bind(forms.INTAKE_SECTIONS, {}, [Issue(path, "is wrong")], fractures=True)
    anchor = forms.html_id(target) if target else "form-errors"
    assert form.summary == [(anchor, f"{label}: is wrong" if label else "is wrong")]
    if not target:
        assert form.general_errors


def _range_issue(path, model_data):
    from osteoload.services.errors import InputError

    with pytest.raises(InputError) as caught:
        validated_profile({"age": 60, "sex": "female", **model_data}, today=TODAY)
    return next(i for i in caught.value.issues if i.path == path)


def test_range_errors_say_which_limit_in_the_fields_words():
    """ "Weight (kg): -3 is below 25": the label, the value and the limit the validating
    model allows (not restated here); the API's message keeps the path and full range."""
    issue = _range_issue("weight_kg", {"weight_kg": -3})
    assert issue.allowed is not None and issue.allowed.low is not None
    low = issue.allowed.low
    form = forms.bind(forms.INTAKE_SECTIONS, {}, [issue], fractures=True)
    assert form.summary == [("f-weight", f"Weight (kg): -3 is below {low:g}")]
    assert str(issue).startswith("weight_kg: -3 is out of range; allowed ")
    high_issue = _range_issue("age", {"age": 130})
    assert high_issue.allowed is not None and high_issue.allowed.high is not None
    form = forms.bind(forms.INTAKE_SECTIONS, {}, [high_issue], fractures=True)
    assert form.summary == [("f-age", f"Age (years): 130 is above {high_issue.allowed.high:g}")]


def test_list_entry_errors_name_the_entry_by_number():
    """ "Fracture 1, date: ...", never "fractures[0].date"."""
    issue = _range_issue("fractures[0].year", {"fractures": [{"site": "wrist", "year": 1800}]})
    form = forms.bind(forms.INTAKE_SECTIONS, {}, [issue], fractures=True)
    ((anchor, message),) = form.summary
    assert anchor == "f-fractures-0-year"
    assert message.startswith("Fracture 1, year: 1800 is below ")
    assert "fractures[" not in message


def test_every_form_field_has_a_label_for_its_errors():
    """Every form in web/forms.py (intake, tests, scan, generate, invite) names its fields'
    errors by label."""
    for sections in (forms.INTAKE_SECTIONS, [forms.TESTS], [forms.SCAN], [forms.GENERATE],
                     [forms.INVITE]):  # fmt: skip
        for section in sections:
            for f in section.fields:
                form = forms.bind(sections, {}, [Issue(f.name, "is wrong")])
                ((_, message),) = form.summary
                assert message.startswith(f.label), message
                assert not message.startswith(f.name + ":") or f.name == f.label, message


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
