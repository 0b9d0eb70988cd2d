"""Her phone's set logger in words: effort asked in words and mapped onto the engine's own
thresholds (R18, R18b), the set she is on, the same set last time."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from osteoload.domain.logs import SetLog
from osteoload.domain.progression.decisions import Outcome
from osteoload.domain.progression.double_progression import judge_session
from osteoload.wording.dose import dose_of
from osteoload.wording.logger import (
    Effort,
    done_as_planned_text,
    effort_choices,
    effort_rpe,
    last_set_text,
    load_value,
    this_set_text,
)

DAY = date(2026, 11, 26)
#: Target efforts the program generator prescribes (R14 familiarisation to R17's caps).
TARGETS = st.sampled_from([5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5])


def judged(effort: Effort, target: float) -> Outcome:
    sets = [
        SetLog(date=DAY, exercise_id="goblet_squat", set=n, reps=10, load_kg=10.0,
               rpe=effort_rpe(effort, target))
        for n in (1, 2)
    ]  # fmt: skip
    return judge_session(
        sets, prescribed_sets=2, prescribed_reps=10, target_rpe=target, loaded=True
    )


@given(TARGETS)
def test_r18_r18b_each_effort_word_means_to_the_engine_what_she_says(target: float) -> None:
    """Easy is too easy (R18b), Moderate a success (R18), Hard holds the load (R18b: not a
    failure), Very hard ("could not have done one more") is a failure (R18b)."""
    assert judged(Effort.EASY, target) is Outcome.TOO_EASY
    assert judged(Effort.MODERATE, target) is Outcome.SUCCESS
    assert judged(Effort.HARD, target) is Outcome.HARD
    assert judged(Effort.VERY_HARD, target) is Outcome.FAILED


@given(st.sampled_from([x / 2 for x in range(2, 21)]))
def test_effort_values_are_rpe_half_steps_in_range_and_rise_with_the_word(target: float) -> None:
    values = [effort_rpe(e, target) for e in Effort]
    assert all(1.0 <= v <= 10.0 and (v * 2).is_integer() for v in values)
    assert values == sorted(values)


def test_effort_choices_are_words_easiest_first_and_none_without_a_target() -> None:
    choices = effort_choices(6.0)
    assert [c.word for c in choices] == ["Easy", "Moderate", "Hard", "Very hard"]
    assert [c.value for c in choices] == ["4", "6", "7.5", "10"]
    assert effort_choices(None) == []


def test_this_set_says_the_set_she_is_on_and_its_dose() -> None:
    strength = dose_of({"sets": 3, "reps": 12, "load_kg": 8.0})
    assert this_set_text(strength, 2, "kg", 8.0) == "Set 2 of 3: 12 times at 8 kg"
    assert this_set_text(strength, 4, "kg", 8.0) == "Extra set: 12 times at 8 kg"
    hold = dose_of({"sets": 10, "hold_s": 20, "component": "balance"})
    assert this_set_text(hold, 4, "kg", None) == "Hold 4 of 10: 20 seconds"
    impact = dose_of({"sets": 2, "reps": 10, "impacts": 20})
    assert this_set_text(impact, 1, "kg", None) == "Set 1 of 2: 10 landings"
    # one set (a warm-up walk, 10 landings in one go): its dose says it all
    assert this_set_text(dose_of({"sets": 1, "minutes": 5}), 1, "kg", None) == ""
    assert this_set_text(dose_of({"sets": 1, "reps": 10, "impacts": 10}), 1, "kg", None) == ""
    assert (
        this_set_text(dose_of({"sets": 1, "minutes": 5}), 2, "kg", None) == "Extra set: 5 minutes"
    )


def test_last_set_is_the_same_set_last_time_or_her_last_one() -> None:
    last = [
        SetLog(date=DAY, exercise_id="goblet_squat", set=1, reps=12, load_kg=8.0, rpe=6.0),
        SetLog(date=DAY, exercise_id="goblet_squat", set=2, reps=10, load_kg=8.0, rpe=7.5),
    ]
    assert last_set_text(last, 1, "kg") == "Last time: 8 kg × 12, effort 6"
    assert last_set_text(last, 3, "kg") == "Last time: 8 kg × 10, effort 7.5"
    assert last_set_text([], 1, "kg") == ""


def test_load_value_is_in_her_units_without_the_unit() -> None:
    assert load_value(7.5, "kg") == "7.5"
    assert load_value(None, "kg") == ""
    assert load_value(4.536, "lb") == "10"


def test_done_as_planned_says_how_many() -> None:
    assert done_as_planned_text(10, 10) == "Done as planned (all 10)"
    assert done_as_planned_text(7, 10) == "Done as planned (the other 7)"
    assert done_as_planned_text(1, 10) == "Done as planned (the last one)"
