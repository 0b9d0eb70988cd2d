"""Progression rules judged through the app itself (issue 14): virtual clients who log what
their Today page asks, through the same services the web app uses
(:func:`osteoload.devtools.simulation.simulate`), for months."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from osteoload.devtools import simulation
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db
HOME_NOVICE = Path(__file__).parents[2] / "docs/science/simulation/home-novice-2kg.yaml"


def document(path: Path) -> dict:
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


def example(name: str) -> dict:
    return document(next(p for p in EXAMPLES if name in p.name))


def run(profile: dict, weeks: int, behaviour=simulation.Behaviour.AT_TARGET):
    start = simulation.default_start(profile, today=date(2026, 12, 3))
    return simulation.simulate(profile, weeks=weeks, behaviour=behaviour, start=start)


def test_r18a_r34_no_lift_she_completes_stays_the_same_and_every_lift_rises():
    """R18a: a loaded lift she completes is never served the same load, reps, sets, heavier sets
    and tempo for more than 3 sessions in a row (deload weeks aside); R34: every loaded lift
    ends heavier than it started. A gym novice in kg (example 02), 16 weeks, in the app."""
    result = run(example("02-early"), 16)
    assert result.sessions_logged > 20
    for row in result.lifts.values():
        served = [s for s in row.sessions if not s.deload and s.kind == "reps" and s.load_kg]
        streak, longest = 1, 1
        for before, after in zip(served, served[1:], strict=False):
            streak = streak + 1 if before.shape == after.shape else 1
            longest = max(longest, streak)
        assert longest <= 3, (row.name, [s.shape for s in served])
        if len(served) >= 6:
            assert served[-1].load_kg > served[0].load_kg, (row.name, [s.shape for s in served])


def test_r34_home_novice_goblet_squat_gains_20_pct_by_week_12():
    """R34: a home novice with dumbbells in 2 kg steps, in the app: her goblet squat is at
    least 20 % heavier by week 12 than in her first week."""
    result = run(document(HOME_NOVICE), 12)
    squat = result.lifts["goblet_squat"]
    weeks = sorted(w for w in squat.load_kg if w not in result.deload_weeks)
    assert squat.load_kg[weeks[-1]] >= 1.2 * squat.load_kg[weeks[0]], squat.load_kg


def test_r18_a_heavier_load_she_chose_and_lifted_is_never_taken_away():
    """R18 double progression, through the app: a gym novice (example 02) twice lifts each
    lift one step heavier than her Today page asked, for the bottom of the rep range. Where
    her modelled strength allowed every set, the next session outside a deload week serves
    at least that load (a new load built up from there, not "3x10 not reached" and a step
    back below what she lifted)."""
    result = run(example("02-early"), 10, simulation.Behaviour.CHOOSES_HEAVIER)
    done = [c for c in result.heavier_choices if c.done]
    assert len(done) >= 5, result.heavier_choices
    for choice in done:
        served = result.lifts[choice.exercise_id].sessions[choice.session + 1 :]
        after = next((s for s in served if not s.deload and s.kind == "reps"), None)
        if after is not None:
            assert after.load_kg >= choice.load_kg - 1e-6, (choice, after)
