"""One truth for what she is told (issue 13): every rendering of a prescribed item states
exactly the engine's numbers, for the coach, the client and paper.

The renderings are parsed back here with patterns of the test's own (not the wording
layer's), over every example profile and a few hundred generated ones; for impacts and holds
the per-set number and the session total must both be there and agree with the program, and
no rendering may carry a number that could be read as a different total.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Program, ProgramItem
from osteoload.domain.vocabulary import Units
from osteoload.services.profiles import load_profile
from osteoload.wording import Audience
from osteoload.wording.dose import DoseKind, dose_lines, dose_of, dose_text
from tests.domain.test_program_properties import plan, profiles

EXAMPLES = sorted(Path(__file__).parents[2].joinpath("examples", "profiles").iterdir())

_INT = r"(\d+)"
_DURATION = r"((?:\d+ (?:min|minutes?|s|seconds?) ?)+)"


def seconds(text: str) -> int:
    """``"1 min 30 s"`` / ``"1 minute 30 seconds"`` -> 90."""
    total = 0
    for value, unit in re.findall(r"(\d+) (min|minutes?|s|seconds?)", text):
        total += int(value) * (60 if unit.startswith("min") else 1)
    return total


def parse_amount(text: str, audience: Audience) -> dict[str, int]:
    """The numbers an amount states, read with the test's own patterns."""
    client = audience is Audience.CLIENT
    patterns: list[tuple[str, tuple[str, ...]]]
    if client:
        patterns = [
            (rf"^{_INT} sets? of {_INT} landings \({_INT} in all\)", ("sets", "per", "total")),
            (rf"^{_INT} landings in one go", ("total",)),
            (rf"^{_INT} holds of {_DURATION}each \({_DURATION}in all\)", ("sets", "per", "total")),
            (rf"^Hold for {_DURATION}", ("per",)),
            (rf"^{_INT} minutes?$", ("minutes",)),
            (rf"^{_INT} sets? of {_INT}$", ("sets", "per")),
            (rf"^{_INT} sets?$", ("sets",)),
        ]
    else:
        patterns = [
            (rf"^{_INT} × {_INT} impacts \({_INT} a session\)", ("sets", "per", "total")),
            (rf"^{_INT} × {_INT} impacts = {_INT}", ("sets", "per", "total")),
            (rf"^{_INT} impacts in one set", ("total",)),
            (rf"^{_INT} × {_DURATION}hold \({_DURATION}in all\)", ("sets", "per", "total")),
            (rf"^{_DURATION}hold$", ("per",)),
            (rf"^{_INT} min$", ("minutes",)),
            (rf"^{_INT} × {_INT}\b", ("sets", "per")),
            (rf"^{_INT} sets?$", ("sets",)),
        ]
    for pattern, names in patterns:
        match = re.match(pattern, text)
        if match:
            values = [g.strip() for g in match.groups()]
            return {
                name: seconds(v) if not v.isdigit() else int(v)
                for name, v in zip(names, values, strict=True)
            }
    raise AssertionError(f"{audience}: cannot read the amount in {text!r}")


def expected(item: ProgramItem) -> dict[str, int]:
    """The engine's own numbers for the item, by what the parsed text would state."""
    if item.minutes is not None:
        return {"minutes": item.minutes}
    if item.impacts is not None:
        assert item.sets * (item.reps or 0) == item.impacts
        if item.sets == 1:
            return {"total": item.impacts}
        return {"sets": item.sets, "per": item.reps or 0, "total": item.impacts}
    if item.hold_s is not None:
        if item.sets == 1:
            return {"per": item.hold_s}
        return {"sets": item.sets, "per": item.hold_s, "total": item.sets * item.hold_s}
    if item.reps is not None:
        return {"sets": item.sets, "per": item.reps}
    return {"sets": item.sets}


def assert_renderings_state_the_program(program: Program, units: Units) -> int:
    """Every item of every audience states the program's numbers; returns items checked."""
    checked = 0
    for week in program.weeks:
        for session in week.sessions:
            for item in session.items:
                want = expected(item)
                dose = dose_of(item)
                assert dose.sets == item.sets
                if dose.kind is DoseKind.IMPACTS:
                    # The one-tap logger pre-fills one set: sets of it make the session total.
                    assert dose.prefill is not None and dose.prefill * dose.sets == item.impacts
                for audience in Audience:
                    text = dose_text(item, units, audience)
                    lines = dose_lines(item, units, audience)
                    got = parse_amount(lines[0], audience)
                    assert got == want, (audience, text, item)
                    assert text.startswith(lines[0])
                    # No other whole number in the amount: nothing to mistake for a total.
                    numbers = {int(n) for n in re.findall(r"\d+", lines[0])}
                    stated = set(want.values()) | {1}
                    if item.hold_s is not None:
                        stated |= {v // 60 for v in want.values()} | {v % 60 for v in want.values()}
                    assert numbers <= stated, (audience, lines[0], want)
                    if item.load_display:
                        assert item.load_display in text, (audience, text)
                    if item.target_rpe is not None:
                        rpe = f"{item.target_rpe:g}"
                        assert re.search(rf"\b{re.escape(rpe)}\b", text), (audience, text)
                    if audience is Audience.COACH and item.intensity_pct_1rm is not None:
                        assert f"{item.intensity_pct_1rm:.0f} % 1RM" in text
                checked += 1
    return checked


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_program_is_said_as_prescribed(path: Path) -> None:
    """Issue 13 / R10a: coach, client and print renderings agree with the program."""
    from datetime import date

    profile = load_profile(path, today=date(2027, 1, 1))
    program = plan(profile, 12)
    count = assert_renderings_state_the_program(program, profile.units)
    if program.weeks and any(w.sessions for w in program.weeks):
        assert count > 0


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), units=st.sampled_from(tuple(Units)), weeks=st.sampled_from((4, 12)))
def test_generated_programs_are_said_as_prescribed(
    profile: ClientProfile, units: Units, weeks: int
) -> None:
    """Issue 13 / R10a: over generated profiles (either unit), no rendering of any audience
    states a number other than the program's, or implies another session total."""
    profile = replace(profile, units=units)
    assert_renderings_state_the_program(plan(profile, weeks), units)


def test_impact_item_says_per_set_and_session_total_in_every_audience() -> None:
    """The defect seen: "50 landings, 5 times" and "5 × 50 landings" for a 50-impact item."""
    item = {"sets": 5, "reps": 10, "impacts": 50, "rest_s": 60}
    assert dose_text(item, "kg", "coach") == "5 × 10 impacts (50 a session), rest 60 s"
    assert dose_lines(item, "kg", "client")[0] == "5 sets of 10 landings (50 in all)"
    assert dose_text(item, "kg", "print") == "5 × 10 impacts = 50"
    for audience in Audience:
        assert "50 landings, 5" not in dose_text(item, "kg", audience)
        assert "× 50" not in dose_text(item, "kg", audience)


def test_hold_item_says_each_hold_and_the_total() -> None:
    item = {"sets": 3, "hold_s": 20, "rest_s": 15}
    assert dose_lines(item, "kg", "client")[0] == "3 holds of 20 seconds each (1 minute in all)"
    assert dose_text(item, "kg", "coach").startswith("3 × 20 s hold (1 min in all)")


def test_an_item_stored_before_the_split_is_read_from_its_total() -> None:
    """Old documents had 15 impacts as 2 x 8: the total is what she was meant to do."""
    dose = dose_of({"sets": 2, "reps": 8, "impacts": 15})
    assert dose.sets * (dose.per_set or 0) == 15


def test_last_time_says_what_she_did_in_words() -> None:
    """Her Today page's "Last time" line: loads and reps, landings, or a ticked item."""
    from datetime import date

    from osteoload.domain.logs import SetLog
    from osteoload.wording.dose import last_time_text

    day = date(2026, 11, 23)
    lifted = [SetLog(date=day, exercise_id="leg_press", set=n, reps=12, load_kg=40, rpe=7)
              for n in (1, 2)]  # fmt: skip
    assert last_time_text(lifted, "kg") == "40 kg × 12, effort 7 (2 sets)"
    hops = [SetLog(date=day, exercise_id="single_leg_hops", set=1, reps=0, impacts=5)]
    assert last_time_text(hops, "kg") == "5 landings"
    ticked = [SetLog(date=day, exercise_id="walking_warmup", set=1, reps=0)]
    assert last_time_text(ticked, "kg") == "done"
