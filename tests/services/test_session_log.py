"""Session logs: our CSV and JSON, Strong and Hevy exports, and the error contract."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from osteoload.domain.logs import SetLog
from osteoload.domain.units import kg_to_lb, lb_to_kg
from osteoload.domain.vocabulary import Symptom, Units
from osteoload.services.catalogue import get_catalogue
from osteoload.services.errors import InputError
from osteoload.services.logs import (
    COLUMNS,
    LogFormat,
    exercise_aliases,
    log_document,
    map_exercise_name,
    normalise_name,
    parse_log,
    read_log,
    write_log_csv,
)
from tests.conftest import ROOT, TODAY

LOGS = ROOT / "examples" / "logs"
HEADER = "date,exercise_id,set,reps,load_kg,rpe,pain,note"


def parse(text: str, **kwargs):
    return parse_log(text, source="log.csv", today=TODAY, **kwargs)


def problems(text: str, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        parse(text, **kwargs)
    return info.value.render()


# --- Our CSV -----------------------------------------------------------------------------------


def test_csv_happy_path():
    text = "\n".join(
        [
            HEADER + ",rir,impacts,hold_s,symptoms",
            "2026-11-02,goblet_squat,1,10,16,8,0,,,,,",
            "2026-11-02,goblet_squat,2,10,16,,2,felt fine,2,,,",
            "2026-11-02,two_foot_hops,1,10,,,0,,,10,,",
            "2026-11-02,tandem_stance,1,,,,,,,,30,",
            '2026-11-04,prone_chest_lift,1,10,,7,,"tired, dizzy after",,,,dizziness; chest_pain',
        ]
    )
    log = parse(text)
    assert log.format is LogFormat.CSV
    assert log.unit is Units.KG
    assert len(log.sets) == 5
    first, second, hops, stance, last = log.sets
    assert first == SetLog(
        date=date(2026, 11, 2), exercise_id="goblet_squat", set=1, reps=10, load_kg=16.0,
        rpe=8.0, pain=0,
    )  # fmt: skip
    assert second.rir == 2 and second.rpe is None and second.note == "felt fine"
    assert second.effort == 8
    assert (hops.impacts, hops.load_kg) == (10, None)
    assert (stance.reps, stance.hold_s) == (0, 30)
    assert last.symptoms == (Symptom.DIZZINESS, Symptom.CHEST_PAIN)
    assert last.note == "tired, dizzy after"


def test_csv_in_pounds_is_converted_to_kg():
    log = parse("date,exercise_id,set,reps,load_lb,rpe\n2026-11-03,deadlift,1,6,115,8\n")
    assert log.unit is Units.LB
    assert log.sets[0].load_kg == pytest.approx(lb_to_kg(115))


def test_semicolon_csv_with_decimal_commas():
    text = "date;exercise_id;set;reps;load_kg;rpe\n2026-11-03;back_squat;1;8;52,5;7,5\n"
    s = parse(text).sets[0]
    assert (s.load_kg, s.rpe) == (52.5, 7.5)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("2026-13-01,goblet_squat,1,10,16,8,,", "date", "is not a date; write it as YYYY-MM-DD"),
        ("2026-12-24,goblet_squat,1,10,16,8,,", "date", "2026-12-24 is in the future"),
        ("2026-11-02,goblet_squt,1,10,16,8,,", "exercise_id", "did you mean 'goblet_squat'?"),
        ("2026-11-02,goblet_squat,0,10,16,8,,", "set", "0 is out of range; allowed 1 to 50"),
        ("2026-11-02,goblet_squat,x,10,16,8,,", "set", "'x' is not a whole number"),
        ("2026-11-02,goblet_squat,1,7.5,16,8,,", "reps", "7.5 is not a whole number"),
        ("2026-11-02,goblet_squat,1,-1,16,8,,", "reps", "-1 is out of range; allowed 0 to 200"),
        ("2026-11-02,goblet_squat,1,,16,8,,", "reps", "is required"),
        ("2026-11-02,goblet_squat,1,10,0,8,,", "load_kg", "0 is out of range; allowed 0.1 to 500"),
        ("2026-11-02,goblet_squat,1,10,abc,8,,", "load_kg", "'abc' is not a number"),
        ("2026-11-02,goblet_squat,1,10,,8,,", "load_kg", "is done with a weight"),
        ("2026-11-02,goblet_squat,1,10,16,11,,", "rpe", "11 is out of range; allowed 1 to 10"),
        ("2026-11-02,goblet_squat,1,10,16,7.3,,", "rpe", "use steps of 0.5"),
        ("2026-11-02,goblet_squat,1,10,16,8,11,", "pain", "11 is out of range; allowed 0 to 10"),
        ("2026-11-02,goblet_squat,1,10,16,8,3.5,", "pain", "3.5 is not a whole number"),
        ("2026-11-02,goblet_squat,1,10,16,8,," + "x" * 501, "note", "at most 500 characters"),
    ],
)
def test_each_broken_column_names_line_and_column(row, column, message):
    text = problems(f"{HEADER}\n2026-11-01,leg_press,1,10,60,8,,\n{row}\n")
    assert f"log.csv line 3, column {column}: " in text
    assert message in text
    assert "line 2" not in text


@pytest.mark.parametrize(
    ("extra", "value", "message"),
    [
        ("rir", "11", "11 is out of range; allowed 0 to 10"),
        ("impacts", "-2", "-2 is out of range; allowed 0 to 500"),
        ("hold_s", "0", "0 is out of range; allowed 1 to 3600"),
        ("symptoms", "chest_pian", "did you mean 'chest_pain'?"),
        ("load_lb", "2000", "2000 is out of range; allowed 0.25 to 1100"),
    ],
)
def test_optional_columns_are_checked_too(extra, value, message):
    text = problems(
        f"date,exercise_id,set,reps,{extra},pain\n2026-11-02,prone_chest_lift,1,10,{value},\n"
    )
    assert f"log.csv line 2, column {extra}: " in text
    assert message in text


def test_the_exact_error_line_of_the_contract():
    with pytest.raises(InputError) as info:
        parse(
            f"{HEADER}\n"
            + "".join(f"2026-11-02,goblet_squat,{n},10,16,8,,\n" for n in range(1, 6))
            + "2026-11-02,goblet_squat,6,10,16,11,,\n"
        )
    assert str(info.value) == "log.csv line 7, column rpe: 11 is out of range; allowed 1 to 10"


def test_cross_column_rules():
    text = problems(
        "date,exercise_id,set,reps,load_kg,load_lb,rpe,rir\n"
        "2026-11-02,goblet_squat,1,10,16,35,,\n"
        "2026-11-02,goblet_squat,2,10,16,,8,2\n"
        "2026-11-02,goblet_squat,2,10,16,,8,\n"
    )
    assert "line 2, columns load_kg and load_lb: give load_kg or load_lb, not both" in text
    assert "line 3, columns rpe and rir: give rpe or rir, not both" in text
    assert "line 4" not in text  # a valid row; line 3 was refused, so no duplicate


def test_duplicate_sets_are_refused():
    text = problems(
        f"{HEADER}\n2026-11-02,leg_press,1,10,60,8,,\n2026-11-02,leg_press,1,10,60,8,,\n"
    )
    assert "log.csv line 3, column set: set 1 of leg_press on 2026-11-02 is already on line 2" in (
        text
    )


def test_a_control_character_in_a_cell_is_refused_naming_line_and_column():
    """A file with no control character skips the check of each cell; one with a control
    character in any cell still has it found and named (issue 16 item 9)."""
    text = problems(
        f"{HEADER}\n2026-11-02,leg_press,1,10,60,8,,ok\n2026-11-02,leg_press,2,10,60,8,,a\x07b\n"
    )
    assert "log.csv line 3, column note: contains a control character (U+0007)" in text
    assert "line 2" not in text
    header = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE,Notes"
    )
    with pytest.raises(InputError) as info:
        parse_log(
            f"{header}\n2026-10-06 08:00:00,A,45m,Leg Press,1,60,10,0,0,8,fine\x00\n",
            source="s.csv",
            today=TODAY,
            weight_unit=Units.KG,
        )
    assert "s.csv line 2, column Notes: contains a control character (U+0000)" in (
        info.value.render()
    )


def test_unknown_column_is_refused_with_the_allowed_list():
    text = problems("date,exercise_id,set,reps,load_kg,rpe,pian\n2026-11-02,leg_press,1,10,60,8,\n")
    assert "log.csv line 1, column pian: unknown column; allowed: " + ", ".join(COLUMNS) in text
    assert "(did you mean 'pain'?)" in text


def test_missing_required_columns():
    text = problems("date,exercise_id,load_kg\n2026-11-02,leg_press,60\n")
    assert "log.csv line 1: missing columns set, reps" in text
    assert HEADER in text


def test_too_many_values_on_a_row():
    text = problems(f"{HEADER}\n2026-11-02,leg_press,1,10,60,8,,,extra\n")
    assert "log.csv line 2: has 9 values but the header has 8 columns" in text


def test_all_problems_are_reported_together_and_nothing_is_accepted():
    with pytest.raises(InputError) as info:
        parse(
            f"{HEADER}\n"
            "2026-11-02,leg_press,1,10,60,8,,\n"
            "2026-11-02,leg_press,2,10,60,12,,\n"
            "2026-11-02,leg_pres,3,10,60,8,,\n"
            "2026-11-02,leg_press,4,10,60,8,12,\n"
        )
    error = info.value
    assert len(error.issues) == 3
    assert [i.path for i in error.issues] == [
        "log.csv line 3, column rpe",
        "log.csv line 4, column exercise_id",
        "log.csv line 5, column pain",
    ]
    assert error.render().startswith("3 problems")


def test_empty_and_headerless_files():
    assert problems("") == "log.csv: is empty"
    assert "line 1: missing columns" in problems("2026-11-02,leg_press,1,10\n")


def test_read_log_file_errors(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_log(tmp_path / "missing.csv", today=TODAY)
    binary = tmp_path / "log.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match="not UTF-8"):
        read_log(binary, today=TODAY)


# --- JSON --------------------------------------------------------------------------------------

SETS = [
    {"date": "2026-11-02", "exercise_id": "goblet_squat", "set": 1, "reps": 10, "load_kg": 16,
     "rpe": 8},
    {"date": "2026-11-02", "exercise_id": "tandem_stance", "set": 1, "reps": 0, "hold_s": 30,
     "symptoms": ["dizziness"]},
]  # fmt: skip


@pytest.mark.parametrize("document", [SETS, {"schema_version": 1, "sets": SETS}])
def test_json_forms(document):
    log = parse_log(json.dumps(document), source="log.json", today=TODAY)
    assert log.format is LogFormat.JSON
    assert [s.exercise_id for s in log.sets] == ["goblet_squat", "tandem_stance"]
    assert log.sets[1].symptoms == (Symptom.DIZZINESS,)


def test_json_errors_name_the_item_and_field():
    bad = [dict(SETS[0]), dict(SETS[1], rpe=12, colour="red")]
    with pytest.raises(InputError) as info:
        parse_log(json.dumps({"schema_version": 1, "sets": bad}), source="log.json", today=TODAY)
    text = info.value.render()
    assert "log.json sets[1].rpe: 12 is out of range; allowed 1 to 10" in text
    assert "log.json sets[1].colour: unknown field; allowed:" in text


def test_json_top_level_is_checked():
    with pytest.raises(InputError, match="schema_version: 2 is not allowed"):
        parse_log('{"schema_version": 2, "sets": []}', source="log.json", today=TODAY)
    with pytest.raises(InputError, match="log.json set: unknown field"):
        parse_log('{"set": []}', source="log.json", today=TODAY)
    with pytest.raises(InputError, match="is not valid JSON"):
        parse_log('{"sets": [}', source="log.json", today=TODAY, as_json=True)


def test_json_document_of_a_log_reads_back():
    log = parse(f"{HEADER}\n2026-11-02,goblet_squat,1,10,16,8,,\n")
    again = parse_log(json.dumps(log_document(log)), source="log.json", today=TODAY)
    assert again.sets == log.sets


# --- Writing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("unit", [Units.KG, Units.LB])
def test_written_csv_reads_back_the_same(unit):
    log = read_log(LOGS / "02-early-postmenopause-osteopenia.csv", today=TODAY)
    if unit is Units.LB:
        log = read_log(LOGS / "08-pounds-us-client.csv", today=TODAY)
    text = write_log_csv(log.sets, unit=unit)
    again = parse(text)
    assert len(again.sets) == len(log.sets)
    for a, b in zip(sorted(again.sets, key=_key), sorted(log.sets, key=_key), strict=True):
        assert a.load_kg == pytest.approx(b.load_kg) if b.load_kg else a.load_kg is None
        assert (a.date, a.exercise_id, a.set, a.reps, a.rpe, a.pain, a.note) == (
            b.date, b.exercise_id, b.set, b.reps, b.rpe, b.pain, b.note,
        )  # fmt: skip


def _key(s: SetLog):
    return (s.date, s.exercise_id, s.set)


# --- Example logs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "unit"),
    [("02-early-postmenopause-osteopenia.csv", Units.KG), ("08-pounds-us-client.csv", Units.LB)],
)
def test_example_logs_load(name, unit):
    log = read_log(LOGS / name, today=TODAY)
    assert log.unit is unit
    days = sorted({s.date for s in log.sets})
    assert (days[-1] - days[0]).days >= 7 * 7  # eight weeks of training
    assert len(log.sets) > 200


# --- Strong and Hevy ---------------------------------------------------------------------------


def test_strong_sample_maps_names_and_reports_the_rest():
    log = read_log(LOGS / "strong-export-sample.csv", today=TODAY, weight_unit=Units.KG)
    assert log.format is LogFormat.STRONG
    ids = {s.exercise_id for s in log.sets}
    assert ids == {
        "back_squat", "romanian_deadlift", "leg_press", "step_up", "forearm_plank",
        "overhead_press", "dumbbell_row", "lat_pulldown", "seated_cable_row", "deadlift",
        "kettlebell_goblet_squat", "split_squat", "bench_press",
    }  # fmt: skip
    assert [(u.name, u.count) for u in log.unmapped] == [
        ("Bicep Curl (Dumbbell)", 2),
        ("Cable Crunch", 2),
    ]
    skipped = dict(log.skipped)
    assert skipped["warm-up sets"] == 4
    assert skipped["rest-timer rows"] == 1
    assert skipped["exercise names not mapped to the catalogue"] == 4
    squat = [s for s in log.sets if s.exercise_id == "back_squat" and s.date == date(2026, 10, 5)]
    assert [(s.set, s.reps, s.load_kg, s.rpe) for s in squat] == [
        (1, 10, 35.0, 7.0), (2, 10, 35.0, 7.5), (3, 10, 35.0, 8.0),
    ]  # fmt: skip
    plank = next(s for s in log.sets if s.exercise_id == "forearm_plank")
    assert (plank.reps, plank.hold_s, plank.load_kg) == (0, 30, None)


def test_strong_without_a_unit_needs_one():
    text = (LOGS / "strong-export-sample.csv").read_text()
    with pytest.raises(InputError) as info:
        parse_log(text, source="strong.csv", today=TODAY)
    assert "strong.csv line 3, column Weight: the export does not say whether weights are kg" in (
        str(info.value)
    )


def test_strong_legacy_layout_with_a_unit_column():
    text = (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n"
        '2026-10-06 08:00:00;"A";"Deadlift (Barbell)";1;115;lbs;6;8;;;0;"";"";"45m"\n'
        '2026-10-06 08:00:00;"A";"Deadlift (Barbell)";2;115;lbs;6;;;;0;"";"";"45m"\n'
        '2026-10-06 08:00:00;"A";"Deadlift (Barbell)";F;115;lbs;4;;;;0;"";"";"45m"\n'
    )
    log = parse_log(text, source="strong.csv", today=TODAY)
    assert log.unit is Units.LB
    assert [round(kg_to_lb(s.load_kg), 6) for s in log.sets] == [115, 115, 115]
    assert [s.rpe for s in log.sets] == [8, None, 10]  # a set to failure counts as RPE 10


def test_strong_current_comma_layout_and_bad_values():
    header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"
    ok = parse_log(
        f"{header}\n2026-10-06 08:00:00,A,45m,Leg Press,1,60,10,0,0,8\n",
        source="s.csv",
        today=TODAY,
        weight_unit=Units.KG,
    )
    assert ok.sets[0].exercise_id == "leg_press"
    with pytest.raises(InputError) as info:
        parse_log(
            f"{header}\n2026-10-06 08:00:00,A,45m,Leg Press,1,60,10,0,0,11\n"
            "yesterday,A,45m,Leg Press,2,60,10,0,0,8\n",
            source="s.csv",
            today=TODAY,
            weight_unit=Units.KG,
        )
    text = info.value.render()
    assert "s.csv line 2, column RPE: 11 is out of range; allowed 1 to 10" in text
    assert "s.csv line 3, column Date: 'yesterday' is not a date" in text


def test_hevy_sample_maps_names_and_skips_warmups():
    log = read_log(LOGS / "hevy-export-sample.csv", today=TODAY)
    assert log.format is LogFormat.HEVY
    assert log.unit is Units.KG
    ids = {s.exercise_id for s in log.sets}
    assert {"kettlebell_goblet_squat", "romanian_deadlift", "seated_cable_row", "leg_press",
            "lat_pulldown", "step_up", "split_squat", "bench_press", "forearm_plank",
            "dumbbell_overhead_press"} == ids  # fmt: skip
    assert {(u.name, u.count) for u in log.unmapped} == {
        ("Bicep Curl (Dumbbell)", 1),
        ("Face Pull (Cable)", 2),
    }
    skipped = dict(log.skipped)
    assert skipped["warm-up sets"] == 2 and skipped["drop sets"] == 1
    goblet = [s for s in log.sets if s.exercise_id == "kettlebell_goblet_squat"]
    assert [s.set for s in goblet if s.date == date(2026, 10, 5)] == [1, 2, 3]
    failure = [s for s in log.sets if s.exercise_id == "bench_press"][-1]
    assert (failure.reps, failure.rpe) == (9, 10)


def test_hevy_in_pounds():
    text = (
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles",'
        '"duration_seconds","rpe"\n'
        '"A","26 Oct 2026, 07:06","26 Oct 2026, 08:11","","Squat (Barbell)",,"",0,"normal",'
        "95,8,,,8\n"
    )
    log = parse_log(text, source="hevy.csv", today=TODAY)
    assert log.sets[0].exercise_id == "back_squat"
    assert log.sets[0].load_kg == pytest.approx(lb_to_kg(95))
    assert log.unit is Units.LB


# --- Exercise names ------------------------------------------------------------------------------


def test_every_alias_names_a_catalogue_exercise():
    catalogue = get_catalogue()
    aliases = exercise_aliases()
    assert aliases and set(aliases.values()) <= set(catalogue)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Squat (Barbell)", "back_squat"),
        ("Deadlift (Barbell)", "deadlift"),
        ("Bent Over Row (Dumbbell)", "dumbbell_row"),
        ("bent-over rows (dumbbells)", "dumbbell_row"),
        ("Overhead Press (Barbell)", "overhead_press"),
        ("Lat Pulldown (Cable)", "lat_pulldown"),
        ("Seated Row (Cable)", "seated_cable_row"),
        ("Leg Press", "leg_press"),
        ("Goblet Squat (Kettlebell)", "kettlebell_goblet_squat"),
        ("Romanian Deadlift (Barbell)", "romanian_deadlift"),
        ("Bench Press (Barbell)", "bench_press"),
        ("Step Up", "step_up"),
        ("Bulgarian Split Squat", "split_squat"),
        ("Hip thrust (barbell)", "hip_thrust"),  # by catalogue name
        ("Farmer's Walk", "farmer_carry"),
        ("goblet_squat", "goblet_squat"),  # a catalogue id as written
        ("Bicep Curl (Dumbbell)", None),
        ("", None),
    ],
)
def test_map_exercise_name(name, expected):
    assert map_exercise_name(name) == expected


def test_normalise_name():
    assert normalise_name("Bent-Over Rows (Dumbbells)") == "bent over row dumbbell"
    assert normalise_name("Farmer’s Walk") == normalise_name("Farmers walk")


def test_read_log_accepts_a_path(tmp_path: Path):
    path = tmp_path / "log.csv"
    path.write_text(f"\ufeff{HEADER}\n2026-11-02,leg_press,1,10,60,8,,\n", encoding="utf-8")
    log = read_log(path, today=TODAY)
    assert log.source == str(path) and len(log.sets) == 1
