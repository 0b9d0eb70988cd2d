"""Progression branches the other suites leave out (issue 18: engine coverage): items
progressed as planned (carries, holds, warm-ups; R18) and what a stop rule in force (R32)
does to them, to balance work and to an item she has not started yet."""

from __future__ import annotations

from datetime import date

import pytest

from osteoload.domain.logs import SetLog
from osteoload.domain.progression import Change
from osteoload.domain.vocabulary import Symptom
from tests.domain.test_progression import by_id, item, program, run, session_days, sets

CARRY = item("suitcase_carry", sets=2, reps=None, hold_s=30, load_kg=12.0, target_rpe=None)
SQUAT = item("back_squat")


def carry_log(day: date, *, load: float = 12.0, pain: int | None = None) -> list[SetLog]:
    return [
        SetLog(date=day, exercise_id="suitcase_carry", set=k, reps=0, hold_s=30,
               load_kg=load, pain=pain)
        for k in (1, 2)
    ]  # fmt: skip


def test_r18_an_item_as_planned_never_logged_keeps_the_plan():
    (d1,) = session_days(1)
    carry = by_id(run(program(CARRY), [], as_of=d1), "suitcase_carry")
    assert carry.change is Change.NEW
    assert carry.decision is not None and carry.decision.outcome == "as_planned"


def test_r18_a_loaded_carry_keeps_the_load_she_last_carried():
    (d1,) = session_days(1)
    carry = by_id(run(program(CARRY), carry_log(d1, load=14.0), as_of=d1), "suitcase_carry")
    assert carry.change is Change.HOLD
    assert carry.load_kg == pytest.approx(14.0)
    assert carry.decision is not None and carry.decision.outcome == "same_load"
    assert carry.previous_load_kg == pytest.approx(14.0)
    assert carry.last_done == d1


def test_r32_pain_of_5_on_a_carry_steps_its_load_back_and_asks_for_review():
    (d1,) = session_days(1)
    carry = by_id(run(program(CARRY), carry_log(d1, load=14.0, pain=5), as_of=d1),
                  "suitcase_carry")  # fmt: skip
    assert carry.change is Change.DECREASE
    assert carry.load_kg is not None and carry.load_kg < 14.0
    assert carry.decision is not None
    assert (carry.decision.rule, carry.decision.outcome) == ("R32", "pain_review")
    assert carry.decision.numbers["pain"] == 5


def test_r18_an_unloaded_hold_notes_pain_last_time():
    plank = item("forearm_plank", sets=2, reps=None, hold_s=20, target_rpe=None)
    (d1,) = session_days(1)
    done = [SetLog(date=d1, exercise_id="forearm_plank", set=k, reps=0, hold_s=20, pain=3)
            for k in (1, 2)]  # fmt: skip
    result = by_id(run(program(plank), done, as_of=d1), "forearm_plank")
    assert result.decision is not None and result.decision.outcome == "as_planned"
    assert [n.outcome for n in result.notes] == ["pain_last_time"]


def test_r32_an_item_not_started_waits_while_a_stop_rule_is_in_force():
    """Chest pain in a session (an R32 symptom) holds every item she has not started."""
    d1, _ = session_days(2)
    history = sets(d1, "back_squat", symptoms=(Symptom.CHEST_PAIN,))
    result = run(program(SQUAT, CARRY), history, as_of=d1)
    carry = by_id(result, "suitcase_carry")
    assert carry.change is Change.HOLD
    assert carry.notes and carry.notes[0].rule == "R32"
    assert carry.notes[0].outcome == "not_started"


def test_r32_balance_does_not_move_on_during_a_review():
    stance = item("tandem_stance", sets=3, reps=None, hold_s=20, target_rpe=None)
    d1, d2 = session_days(2)

    def holds(day: date, **extra: object) -> list[SetLog]:
        return [SetLog(date=day, exercise_id="tandem_stance", set=k, reps=0, hold_s=25,
                       **extra)  # type: ignore[arg-type]
                for k in (1, 2, 3)]  # fmt: skip

    history = holds(d1) + holds(d2, symptoms=(Symptom.CHEST_PAIN,))
    held = run(program(stance), history, as_of=d2).items[0]
    assert held.exercise_id == "tandem_stance"
    assert held.decision is not None
    assert (held.decision.rule, held.decision.outcome) == ("R32", "balance_held_for_review")
