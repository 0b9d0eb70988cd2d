"""The profile reader: every example loads; every broken field is named with what is allowed."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml

from osteoload.domain.vocabulary import Sex, Units
from osteoload.services.errors import InputError
from osteoload.services.profiles import load_profile, parse_profile
from tests.conftest import EXAMPLES, TODAY

BASE: dict[str, Any] = {
    "age": 60,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 8,
    "height_cm": 162,
    "weight_kg": 60,
    "bone": {"lumbar_spine_t": -2.0, "scans": [{"site": "total_hip", "bmd_g_cm2": 0.8}]},
    "fractures": [{"site": "wrist", "year": 2020, "low_trauma": True}],
    "blood_pressure": {"systolic": 130, "diastolic": 80},
    "schedule": {"resistance_days": [1, 4], "minutes_per_session": 45},
    "tests": {"tug_s": 8.0},
    "strength": [{"exercise": "goblet_squat", "load_kg": 12, "reps": 10, "rpe": 8}],
}


def with_change(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    node: Any = data
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    last = parts[-1]
    if value is DELETE:
        del node[last]
    elif last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return data


class _Delete:
    def __repr__(self) -> str:
        return "<deleted>"


DELETE = _Delete()


def problems(data: Any) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_profile(data, today=TODAY)
    return [str(issue) for issue in info.value.issues]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_profile_is_valid(path):
    profile = load_profile(path, today=TODAY)
    assert profile.age >= 18


def test_base_profile_is_valid():
    profile = parse_profile(BASE, today=TODAY)
    assert profile.sex is Sex.FEMALE
    assert profile.schedule.resistance_days == (1, 4)


# One row per field family: (field path, bad value, words the message must contain).
BROKEN = [
    ("age", 130, ["age: 130 is out of range", "18 to 110"]),
    ("age", 17, ["age: 17 is out of range", "18 to 110"]),
    ("age", "sixty", ["age: 'sixty' is not a whole number"]),
    ("age", DELETE, ["age: is required"]),
    ("sex", "femal", ["sex: 'femal' is not allowed", "female, male", "did you mean 'female'"]),
    ("menopause", "postt", ["menopause:", "pre, peri, post", "did you mean 'post'"]),
    ("height_cm", 250, ["height_cm: 250", "100 to 230"]),
    ("weight_kg", 20, ["weight_kg: 20", "25 to 300"]),
    ("bone.lumbar_spine_t", -7, ["bone.lumbar_spine_t: -7", "-6 to 4"]),
    ("bone.scans[0].bmd_g_cm2", 2.5, ["bone.scans[0].bmd_g_cm2: 2.5", "0.2 to 2"]),
    ("bone.scans[0].site", "hip", ["bone.scans[0].site: 'hip'", "lumbar_spine, femoral_neck"]),
    ("bone.scans[0].date", "2031-01-01", ["bone.scans[0].date", "in the future"]),
    ("bone.scans[0].date", "01/02/2020", ["bone.scans[0].date", "YYYY-MM-DD"]),
    ("fractures[0].site", "wristt", ["fractures[0].site", "did you mean 'wrist'"]),
    ("fractures[0].year", 2031, ["fractures[0].year", "in the future"]),
    ("blood_pressure.systolic", 300, ["blood_pressure.systolic: 300", "60 to 260"]),
    ("blood_pressure.diastolic", 20, ["blood_pressure.diastolic: 20", "30 to 160"]),
    ("parq_yes", [8], ["parq_yes[0]: 8", "1 to 7"]),
    ("medications", ["denosumabb"], ["medications[0]", "did you mean 'denosumab'"]),
    ("conditions", ["diabetis"], ["conditions[0]", "did you mean 'diabetes'"]),
    ("symptoms", ["dizzy"], ["symptoms[0]", "dizziness"]),
    ("experience", "expert", ["experience: 'expert'", "novice, intermediate, advanced"]),
    ("equipment", ["dumbells"], ["equipment[0]", "did you mean 'dumbbells'"]),
    ("units", "stone", ["units: 'stone'", "kg, lb"]),
    ("schedule.resistance_days", [1, 2], ["consecutive days", "R13"]),
    ("schedule.resistance_days", 5, ["schedule.resistance_days: 5 is not allowed", "2 to 3"]),
    ("schedule.resistance_days", ["mon", "fry"], ["'fry' is not a weekday", "did you mean 'fri"]),
    ("schedule.minutes_per_session", 5, ["schedule.minutes_per_session: 5", "15 to 120"]),
    ("schedule.start_date", "soon", ["schedule.start_date", "YYYY-MM-DD"]),
    ("tests.tug_s", -1, ["tests.tug_s: -1", "3 to 300"]),
    ("tests.chair_stand_30s", 99, ["tests.chair_stand_30s: 99", "0 to 60"]),
    ("tests.gait_speed_m_s", 5, ["tests.gait_speed_m_s: 5", "0.05 to 3"]),
    ("tests.sppb", 13, ["tests.sppb: 13", "0 to 12"]),
    ("tests.tugs", 8, ["tests.tugs: unknown field", "did you mean 'tug_s'"]),
    ("strength[0].exercise", "back_sqat", ["strength[0].exercise", "did you mean 'back_squat'"]),
    ("strength[0].reps", 0, ["strength[0].reps: 0", "1 to 50"]),
    ("strength[0].rpe", 11, ["strength[0].rpe: 11", "1 to 10"]),
    ("strength[0].rpe", 7.3, ["strength[0].rpe: 7.3", "steps of 0.5"]),
    ("strength[0].load_kg", DELETE, ["strength[0]", "exactly one of load_kg or load_lb"]),
    ("agee", 60, ["agee: unknown field", "did you mean 'age'"]),
]


@pytest.mark.parametrize(
    ("path", "value", "expected"), BROKEN, ids=[f"{r[0]}={r[1]!r}" for r in BROKEN]
)
def test_broken_field_is_named_with_what_is_allowed(path, value, expected):
    found = problems(with_change(path, value))
    text = "\n".join(found)
    for words in expected:
        assert words in text, f"{words!r} not in {text!r}"


def test_all_problems_are_reported_together():
    data = with_change("age", 5)
    data["sex"] = "x"
    data["tests"]["tug_s"] = 0
    assert len(problems(data)) == 3


def test_years_since_menopause_needs_post_menopause():
    data = with_change("menopause", "peri")
    assert any("only used when menopause is 'post'" in p for p in problems(data))


def test_man_cannot_have_menopause():
    data = with_change("sex", "male")
    del data["years_since_menopause"]
    assert any("menopause applies only" in p for p in problems(data))


def test_top_level_must_be_an_object():
    assert problems([1, 2]) == ["expected an object at the top level, got a list"]


def test_nan_is_refused():
    assert any("weight_kg" in p for p in problems(with_change("weight_kg", float("nan"))))


def test_pounds_are_converted_to_kilograms():
    data = copy.deepcopy(BASE)
    del data["weight_kg"]
    data["weight_lb"] = 132.277
    data["units"] = "lb"
    data["strength"] = [{"exercise": "back_squat", "load_lb": 100, "reps": 5, "rir": 2}]
    profile = parse_profile(data, today=TODAY)
    assert profile.units is Units.LB
    assert profile.weight_kg == pytest.approx(60.0, abs=0.01)
    assert profile.strength[0].load_kg == pytest.approx(45.359, abs=0.001)


def test_program_start_date_may_be_in_the_future():
    data = with_change("schedule.start_date", "2031-01-06")
    assert parse_profile(data, today=TODAY).schedule.start_date is not None


def test_day_names_and_counts_are_normalised():
    assert parse_profile(
        with_change("schedule.resistance_days", 3), today=TODAY
    ).schedule.resistance_days == (1, 3, 5)
    days = parse_profile(with_change("schedule.resistance_days", ["Tue", "fri"]), today=TODAY)
    assert days.schedule.resistance_days == (2, 5)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.yaml", "age: [1, 2\n", "is not valid YAML"),
        ("bad.json", '{"age": 60,}', "is not valid JSON"),
        ("empty.yaml", "   \n", "is empty"),
    ],
)
def test_malformed_files_are_reported_in_one_line(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_profile(path, today=TODAY)
    rendered = info.value.render()
    assert message in rendered and "\n" not in rendered


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_profile(tmp_path / "nope.yaml", today=TODAY)


def test_json_and_yaml_give_the_same_profile(tmp_path):
    (tmp_path / "p.json").write_text(json.dumps(BASE))
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(BASE))
    assert load_profile(tmp_path / "p.json", today=TODAY) == load_profile(
        tmp_path / "p.yaml", today=TODAY
    )


def test_open_lower_bound_is_described_without_contradiction():
    data = with_change("strength[0].load_kg", 0)
    text = "\n".join(problems(data))
    assert "strength[0].load_kg: 0 is out of range; allowed above 0, up to 500" in text
