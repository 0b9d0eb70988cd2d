"""Her equipment in the profile contract (issue 14): validation naming the field, the
domain record, and the coaching loop (``next``) stepping only on loads she owns (R18)."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest
from typer.testing import CliRunner

from osteoload.cli.main import app
from osteoload.domain.logs import SetLog
from osteoload.domain.profile import EquipmentDetails, LoadRange
from osteoload.domain.units import BandLevel, LoadKind, implement_for, kg_to_lb
from osteoload.domain.vocabulary import Component
from osteoload.services.catalogue import get_catalogue
from osteoload.services.errors import InputError
from osteoload.services.logs import LogFormat, LogImport, next_session
from osteoload.services.plans import plan_program
from osteoload.services.profiles import parse_profile
from tests.conftest import TODAY

HOME: dict[str, Any] = {
    "age": 58,
    "sex": "female",
    "menopause": "post",
    "bone": {"lumbar_spine_t": -1.6, "total_hip_t": -1.2},
    "parq_yes": [],
    "clearance": {"medical": True},
    "equipment": ["dumbbells", "mat", "step", "bench"],
    "equipment_details": {"dumbbells": {"from": 2, "to": 20, "step": 2}},
    "strength": [
        {"exercise": "goblet_squat", "load_kg": 13, "reps": 10, "rpe": 8},
        {"exercise": "dumbbell_row", "load_kg": 9, "reps": 10, "rpe": 8},
        {"exercise": "dumbbell_overhead_press", "load_kg": 5, "reps": 10, "rpe": 8},
    ],
}


def problems(details: Any, units: str = "kg") -> list[str]:
    data = {"age": 60, "sex": "female", "units": units, "equipment_details": details}
    with pytest.raises(InputError) as info:
        parse_profile(data, today=TODAY)
    return [str(issue) for issue in info.value.issues]


def test_old_profiles_without_a_description_stay_valid():
    assert parse_profile({"age": 60, "sex": "female"}, today=TODAY).equipment_details is None


def test_a_full_description_becomes_the_domain_record():
    details = {
        "dumbbells": [8, 2, 4, 4],
        "kettlebells": {"from": 8, "to": 16, "step": 4},
        "barbell": {"bar": 15, "smallest_plate": 1.25, "heaviest": 40},
        "machine": {"first": 2.5, "step": 5, "heaviest": 60},
        "bands": ["heavy", "light"],
    }
    profile = parse_profile({"age": 60, "sex": "female", "equipment_details": details}, today=TODAY)
    assert profile.equipment_details == EquipmentDetails(
        dumbbells=(2.0, 4.0, 8.0),
        kettlebells=LoadRange(start=8.0, stop=16.0, step=4.0),
        barbell_bar=15.0,
        barbell_smallest_plate=1.25,
        barbell_max=40.0,
        machine_first=2.5,
        machine_step=5.0,
        machine_max=60.0,
        bands=(BandLevel.LIGHT, BandLevel.HEAVY),
    )


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (
            {"dumbbells": {"from": 2, "to": 20, "step": 0}},
            "equipment_details.dumbbells.step: 0 is out of range; allowed 0.25 to 100",
        ),
        (
            {"dumbbells": [2, 4, -6]},
            "equipment_details.dumbbells: weight 3 (-6) is out of range; allowed above 0 up to 500",
        ),
        ({"dumbbells": []}, "equipment_details.dumbbells: the list is empty"),
        ({"kettlebells": [8, "heavy"]}, "equipment_details.kettlebells: weight 2 ('heavy')"),
        (
            {"kettlebells": {"from": 16, "to": 8, "step": 4}},
            "equipment_details.kettlebells: to (8) is lighter than from (16)",
        ),
        (
            {"dumbbells": {"from": 2, "step": 2}},
            "equipment_details.dumbbells: a range needs from, to and step (missing: to)",
        ),
        (
            {"dumbbells": {"from": 1, "to": 400, "step": 0.25}},
            "gives 1597 weights; allowed at most 200",
        ),
        ({"dumbbells": "2-20"}, "equipment_details.dumbbells: '2-20' is not a list of weights"),
        (
            {"dumbbells": {"from": 2, "to": 20, "by": 2}},
            "equipment_details.dumbbells.by: unknown field; allowed: from, step, to",
        ),
        (
            {"barbell": {"bar": 20, "smallest_plate": 0}},
            "equipment_details.barbell.smallest_plate: 0 is out of range; allowed 0.25 to 50",
        ),
        (
            {"barbell": {"bar": 20, "smallest_plate": 1.25, "heaviest": 15}},
            "equipment_details.barbell: heaviest (15) is lighter than the bar (20)",
        ),
        ({"barbell": {"smallest_plate": 1.25}}, "equipment_details.barbell.bar: is required"),
        (
            {"machine": {"step": 5, "first": 10, "heaviest": 5}},
            "equipment_details.machine: heaviest (5) is lighter than the first plate (10)",
        ),
        ({"bands": ["huge"]}, "equipment_details.bands[0]: 'huge' is not allowed; allowed:"),
        (
            {"plates": [1.25]},
            "equipment_details.plates: unknown field; allowed: bands, barbell, dumbbells",
        ),
    ],
)
def test_bad_equipment_is_named_with_what_is_allowed(details, message):
    found = problems(details)
    assert any(message in p for p in found), found


def test_validate_cli_exits_2_naming_the_equipment_field(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "age: 60\nsex: female\nequipment_details:\n  dumbbells: {from: 2, to: 20, step: 0}\n"
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "equipment_details.dumbbells.step: 0 is out of range" in result.stderr
    assert "Traceback" not in result.output


def test_validate_cli_accepts_a_described_set_in_pounds(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "age: 60\nsex: female\nunits: lb\nequipment_details:\n"
        "  dumbbells: [5, 8, 10, 12, 15]\n  kettlebells: {from: 10, to: 35, step: 5}\n"
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output


# --- The coaching loop (next) uses her equipment ---------------------------------------------


def _logged_as_prescribed(data: dict[str, Any], weeks: int) -> tuple[list[SetLog], Any]:
    """Every loaded set of her first ``weeks`` weeks logged as prescribed, at target effort."""
    start = TODAY - timedelta(weeks=weeks, days=TODAY.weekday())
    data = copy.deepcopy(data)
    data["schedule"] = {"start_date": start.isoformat()}
    profile = parse_profile(data, today=TODAY)
    program = plan_program(profile, today=TODAY, start=start, weeks=12)
    log = [
        SetLog(
            date=session.date,
            exercise_id=item.exercise_id,
            set=n,
            reps=item.reps or 10,
            load_kg=item.load_kg,
            rpe=item.target_rpe,
        )
        for week in program.weeks[:weeks]
        for session in week.sessions
        for item in session.items
        if item.component is Component.RESISTANCE and item.load_kg is not None
        for n in range(1, item.sets + 1)
    ]
    return log, profile


@pytest.mark.parametrize(
    ("units", "dumbbells", "owned"),
    [
        ("kg", [3, 7, 11, 15, 19], {3.0, 7.0, 11.0, 15.0, 19.0}),
        ("lb", {"from": 5, "to": 50, "step": 5}, {5.0 * k for k in range(1, 11)}),
    ],
)
def test_r18_next_steps_only_onto_loads_she_owns(units, dumbbells, owned):
    """R18: after six weeks logged as prescribed, every dumbbell load ``next`` prescribes
    is one she owns (an odd home set in kg, 5 lb steps), never a typical gym's."""
    data = copy.deepcopy(HOME)
    data["units"] = units
    data["equipment_details"] = {"dumbbells": dumbbells}
    log, profile = _logged_as_prescribed(data, 6)
    assert log, "the program has loaded sets"
    answer = next_session(
        profile, LogImport(source="test", format=LogFormat.JSON, sets=tuple(log)), as_of=TODAY
    )
    catalogue = get_catalogue()
    loads = [
        (item.exercise_id, item.load_kg if units == "kg" else kg_to_lb(item.load_kg))
        for item in answer.prescriptions.items
        if item.load_kg is not None
        and implement_for(catalogue[item.exercise_id].equipment) is LoadKind.DUMBBELL
    ]
    assert loads
    for exercise, value in loads:
        assert any(abs(value - w) < 1e-6 for w in owned), (exercise, value)


def test_r18_the_coaching_loop_steps_only_onto_loads_she_owns():
    """R18: the app's coaching loop (compute_next, the same call as ``next``) rounds and
    steps on her own dumbbells too."""
    from osteoload.services.coaching import compute_next

    data = copy.deepcopy(HOME)
    data["equipment_details"] = {"dumbbells": [3, 7, 11, 15, 19]}
    log, profile = _logged_as_prescribed(data, 6)
    start = TODAY - timedelta(weeks=6, days=TODAY.weekday())
    program = plan_program(profile, today=TODAY, start=start, weeks=12)
    answer = compute_next(program, profile, log, as_of=TODAY)
    catalogue = get_catalogue()
    loads = [
        (item.exercise_id, item.load_kg)
        for item in answer.items
        if item.load_kg is not None
        and implement_for(catalogue[item.exercise_id].equipment) is LoadKind.DUMBBELL
    ]
    assert loads
    assert all(load in {3.0, 7.0, 11.0, 15.0, 19.0} for _, load in loads), loads


def test_a_schedule_without_days_gets_the_default_two_days():
    """A schedule given only its start date keeps the default days (it used to reach the
    engine as the number 2 and fail)."""
    data = {"age": 60, "sex": "female", "schedule": {"start_date": TODAY.isoformat()}}
    assert parse_profile(data, today=TODAY).schedule.resistance_days == (1, 4)
