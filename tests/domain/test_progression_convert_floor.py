"""R18, R22a: a new rep target converts her load by effort, but never below a load she has
already lifted well at those reps (found by the compliant-run property: 24 kg x 10 done, then
26 kg x 8, then back to 10 reps rounded down to 22 kg), nor a whole coarse step below when her
own load is nearer the converted one (found by the chosen-heavier property: 20 kg x 9 on a
5 kg stack, then a rep target of 10 to 12, rounded down to 15 kg)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from osteoload.domain.equipment import equipment_profile
from osteoload.domain.profile import ClientProfile
from osteoload.domain.progression.conversion import _convert
from osteoload.domain.progression.double_progression import _RepState
from osteoload.domain.units import LoadKind
from osteoload.domain.vocabulary import Sex, Units


def _ctx() -> Any:
    profile = ClientProfile(age=60, sex=Sex.FEMALE)
    return SimpleNamespace(equipment=equipment_profile(profile), units=Units.KG)


def _state(best: dict[int, float]) -> _RepState:
    state = _RepState(load_kg=26.0, reps=8, rpe=6.0, top=8)
    state.best_at_reps.update(best)
    return state


def test_r18_r22a_more_reps_never_go_below_a_load_she_lifted_at_them() -> None:
    state = _state({10: 24.0, 8: 26.0})
    _convert(_ctx(), state, LoadKind.DUMBBELL, (10, 12), 6.0)
    assert state.reps == 10
    assert state.load_kg is not None and state.load_kg >= 24.0


def test_r18_without_such_a_success_the_conversion_is_by_effort_alone() -> None:
    state = _state({})
    _convert(_ctx(), state, LoadKind.DUMBBELL, (10, 12), 6.0)
    assert state.reps == 10
    assert state.load_kg is not None and state.load_kg < 26.0


def test_r18c_a_rebuild_after_a_break_is_not_overridden() -> None:
    state = _state({10: 24.0})
    state.rebuild_to = 26.0
    _convert(_ctx(), state, LoadKind.DUMBBELL, (10, 12), 6.0)
    assert state.load_kg is not None and state.load_kg < 24.0


def test_r18_on_a_coarse_stack_her_load_stays_with_her_reps_when_it_is_nearer() -> None:
    """20 kg x 9 at RPE 6 converts to about 19.2 kg for 10 reps: the stack's next load down is
    15 kg, a quarter lighter, so she keeps 20 kg for 9 reps and builds the reps from there."""
    state = _RepState(load_kg=20.0, reps=9, rpe=6.0, top=10)
    _convert(_ctx(), state, LoadKind.MACHINE, (10, 12), 6.0)
    assert state.load_kg == 20.0
    assert state.reps == 9
    assert state.top == 12


def test_r18_a_converted_load_nearer_the_step_below_still_goes_down() -> None:
    """8 to 12 reps is about 16 % lighter: 20 kg converts to about 16.9 kg, nearer 15 kg than
    20 kg, so the stack's 15 kg is served for the new reps."""
    state = _RepState(load_kg=20.0, reps=8, rpe=6.0, top=8)
    _convert(_ctx(), state, LoadKind.MACHINE, (12, 12), 6.0)
    assert state.load_kg == 15.0
    assert state.reps == 12
