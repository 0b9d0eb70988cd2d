"""R18, R22a: a new rep target converts her load by effort, but never below a load she has
already lifted well at those reps (found by the compliant-run property: 24 kg x 10 done, then
26 kg x 8, then back to 10 reps rounded down to 22 kg)."""

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
