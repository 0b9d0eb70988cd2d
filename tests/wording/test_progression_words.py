"""The progression's words come from the wording layer: every decision of the engine
(R15, R18-R18c, R22, R32) is said by :func:`osteoload.wording.progression.reason_text`, naming
its rule and its numbers, and the engine package holds none of those sentences."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from osteoload.domain.program import Finding
from osteoload.domain.progression import Change, Decision, DecisionKind, NextItem, Outcome
from osteoload.domain.vocabulary import Component, Severity, Units
from osteoload.wording.progression import finding_words, pct_text, reason_text

NAMES = {"goblet_squat": "Goblet squat", "box_squat": "Box squat", "split_squat": "Split squat"}
SCHEME = {"sets": 3, "reps": 10, "target_rpe": 8, "date": "2027-02-01"}


def item(
    decision: Decision | None,
    *notes: Decision,
    reps: int = 10,
    sets: int = 3,
    load_kg: float = 12.0,
    heavier_sets: int = 0,
    heavier_load_kg: float | None = None,
    heavier_reps: int | None = None,
) -> NextItem:
    return NextItem(
        exercise_id="goblet_squat",
        name="Goblet squat",
        component=Component.RESISTANCE,
        sets=sets,
        reps=reps,
        load_kg=load_kg,
        load_display=f"{load_kg:g} kg",
        target_rpe=8,
        hold_s=None,
        impacts=None,
        minutes=None,
        change=Change.HOLD,
        reason="",
        decision=decision,
        notes=notes,
        heavier_sets=heavier_sets,
        heavier_load_kg=heavier_load_kg,
        heavier_reps=heavier_reps,
    )


def words(decision: Decision | None, *notes: Decision, units: Units = Units.KG, **kw: Any) -> str:
    return reason_text(item(decision, *notes, **kw), units, NAMES)


# (rule, outcome, numbers, reps, sets) -> the rule ID and numbers the words must name
CASES: list[tuple[str, str, dict[str, float | int | str | None], int, int, list[str]]] = [
    ("R18", DecisionKind.REP_UP, SCHEME, 11, 3, ["R18", "3x10", "RPE 8", "2027-02-01", "11 reps"]),
    ("R18", DecisionKind.ONE_MORE, SCHEME, 10, 3, ["R18", "3x10", "2027-02-01"]),
    (
        "R18a",
        DecisionKind.LOAD_UP,
        {**SCHEME, "from_kg": 10.0, "to_kg": 12.0, "reps_from": 10, "reps_to": 8},
        8,
        3,
        ["R18a", "+2 kg", "3x10", "8 reps", "back to 10"],
    ),
    (
        "R18b",
        DecisionKind.DOUBLE_STEP,
        {**SCHEME, "from_kg": 10.0, "to_kg": 14.0, "reps_from": 10, "reps_to": 10},
        10,
        3,
        ["R18b", "+4 kg", "too easy"],
    ),
    ("R18a", DecisionKind.ADD_SET, SCHEME, 10, 4, ["R18a", "4 sets"]),
    (
        "R18a",
        DecisionKind.MIXED,
        {**SCHEME, "heavier_sets": 1, "heavier_kg": 14.0, "heavier_reps": 6},
        10,
        3,
        ["R18a", "after this week, the last set at 14 kg x 6"],
    ),
    ("R18a", DecisionKind.TEMPO, SCHEME, 10, 3, ["R18a", "tempo 3-1-1"]),
    (
        "R18a",
        DecisionKind.HARDER_VARIATION,
        {**SCHEME, "exercise_id": "split_squat"},
        10,
        3,
        ["R18a", "Split squat"],
    ),
    (
        "R18a",
        DecisionKind.ADD_ON,
        {**SCHEME, "from_kg": 12.0, "to_kg": 12.5, "exercise_id": "split_squat"},
        10,
        3,
        ["R18a", "+0.5 kg", "Split squat"],
    ),
    ("R18a", DecisionKind.ADD_ON, {**SCHEME, "to_kg": None}, 10, 3, ["R18a", "add-on weight"]),
    (
        "R18",
        DecisionKind.CONVERT,
        {"from_kg": 20.0, "to_kg": 22.5, "reps_from": 12, "rpe_from": 7, "rpe_to": 8},
        8,
        3,
        ["R18", "8 reps", "effort 8", "22.5 kg", "20 kg x 12 at 7"],
    ),
    (
        "R18",
        DecisionKind.HOLD,
        {**SCHEME, "why": Outcome.PARTIAL, "sets_done": 2},
        10,
        3,
        ["R18", "Only 2 of 3 sets", "2027-02-01"],
    ),
    ("R18", DecisionKind.HOLD, {**SCHEME, "why": Outcome.UNRATED}, 10, 3, ["R18", "No effort"]),
    ("R32", DecisionKind.HOLD, {**SCHEME, "why": "review"}, 10, 3, ["R32", "2027-02-01"]),
    (
        "R18b",
        DecisionKind.HOLD_HARD,
        {**SCHEME, "rpe": 9},
        10,
        3,
        ["R18b", "effort 9", "target of 8"],
    ),
    (
        "R18b",
        DecisionKind.FAILED_ONCE,
        {**SCHEME, "reps_done": 8, "rpe": 9.5},
        10,
        3,
        ["R18b", "8 reps", "effort 9.5", "2027-02-01"],
    ),
    (
        "R18b",
        DecisionKind.STEP_BACK,
        {**SCHEME, "from_kg": 20.0, "to_kg": 18.0},
        10,
        3,
        ["R18b", "-10 %", "2027-02-01"],
    ),
    (
        "R18b",
        DecisionKind.STEP_BACK,
        {**SCHEME, "from_kg": 14.0, "to_kg": 12.0, "heavier_only": "yes"},
        10,
        3,
        ["R18b", "Every set at 12 kg again", "heavier sets at 14 kg", "2027-02-01"],
    ),
    ("R18b", DecisionKind.AT_FLOOR, SCHEME, 10, 3, ["R18b", "3x10"]),
    (
        "R18c",
        DecisionKind.RESUME,
        {"days": 20, "from_kg": 20.0, "to_kg": 18.0, "pct": 90, "familiarisation": "no"},
        10,
        3,
        ["R18c", "20 days", "-10 %", "about 90 %", "20 kg"],
    ),
    ("R18c", DecisionKind.RESUME, {"days": 15}, 8, 3, ["R18c", "15 days", "8 reps"]),
    (
        "R18c",
        DecisionKind.REBUILD,
        {"from_kg": 18.0, "to_kg": 20.0, "rebuild_to": 22.0},
        10,
        3,
        ["R18c", "+2 kg", "22 kg"],
    ),
    (
        "R18c",
        DecisionKind.PAIN,
        {**SCHEME, "pain": 5, "load_kg": 20.0, "to_kg": 19.0},
        10,
        3,
        ["R18c", "R32", "-5 %", "5/10", "2027-02-01"],
    ),
]


@pytest.mark.parametrize(("rule", "outcome", "numbers", "reps", "sets", "expected"), CASES)
def test_r18_every_decision_names_its_rule_and_numbers(
    rule: str,
    outcome: str,
    numbers: dict[str, float | int | str | None],
    reps: int,
    sets: int,
    expected: list[str],
) -> None:
    """R18-R18c, R32: each resistance decision is worded with its rule ID and numbers."""
    served = numbers.get("to_kg")  # the step or conversion as served (no cap, no deload)
    load = float(served) if isinstance(served, int | float) else 12.0
    decision = Decision(rule=rule, outcome=outcome, numbers=numbers)
    text = words(decision, reps=reps, sets=sets, load_kg=load)
    for part in expected:
        assert part in text, (part, text)


def test_r18a_mixed_loads_name_the_heavier_sets_she_is_served() -> None:
    """R18a: the words of mixed loads are the heavier sets of the dose (after a change of
    rep target the decision's own reps are older); a week that serves none (a deload) says
    they come after it."""
    mixed = Decision(
        rule="R18a",
        outcome=DecisionKind.MIXED,
        numbers={**SCHEME, "heavier_sets": 1, "heavier_kg": 14.0, "heavier_reps": 8},
    )
    served = words(mixed, reps=6, heavier_sets=2, heavier_load_kg=14.0, heavier_reps=6)
    assert "the last 2 sets at 14 kg x 6, the rest as before (mixed loads, R18a)." in served
    one = words(mixed, reps=6, heavier_sets=1, heavier_load_kg=14.0, heavier_reps=6)
    assert "the last set at 14 kg x 6, the rest as before" in one
    assert "after this week, the last set at 14 kg x 8" in words(mixed, reps=6)


def test_r18_rep_up_says_the_reps_added_and_a_deload_week_says_they_come_after_it() -> None:
    """R18 double progression: "+2 reps" when two are added (two sessions too easy), and
    in a deload week, whose reps are its own, that they go up after it."""
    rep_up = Decision(rule="R18", outcome=DecisionKind.REP_UP, numbers=SCHEME)
    assert words(rep_up, reps=11).startswith("+1 rep: all 3x10 at RPE 8 or easier")
    assert words(rep_up, reps=12).startswith("+2 reps: all 3x10")
    assert "12 reps next" in words(rep_up, reps=12)
    lighter = Decision(rule="R18", outcome="deload", numbers={"pct": 10.0, "back_to_kg": 12.0})
    deload = words(rep_up, lighter, reps=8)
    assert deload.startswith("All 3x10 at RPE 8 or easier on 2027-02-01: more reps after")
    assert "+" not in deload


def test_r18_r32_rep_up_held_for_review_or_in_a_deload_week_promises_no_reps_now() -> None:
    """R18 with R32 and the deload week: a rep earned is not given while held for a review
    (the words say after the review); in a deload week the reps are the week's own: more
    than last time said as such, in a lighter week, never "+1 rep ... same load" over a
    lighter load, and none added said to come after the week."""
    rep_up = Decision(rule="R18", outcome=DecisionKind.REP_UP, numbers=SCHEME)
    held = Decision(rule="R32", outcome="held_for_review")
    under_review = words(rep_up, held, reps=10)
    assert "more reps once the review is done" in under_review
    assert "reps next" not in under_review
    deload = Decision(rule="R18", outcome="deload", numbers={"pct": 10.0, "back_to_kg": 12.0})
    now = words(rep_up, deload, reps=12)  # the deload week's target is above her reps
    assert now.startswith("+2 reps: all 3x10") and "12 reps next, in a lighter week" in now
    assert "same load" not in now
    after = words(rep_up, deload, reps=10)
    assert "more reps after this lighter week" in after and "same load" not in after


def test_r18_a_deload_week_without_a_load_to_lighten_is_still_an_easier_week() -> None:
    """R18: body-weight and band items have a deload week too; it is said without a load."""
    one_more = Decision(rule="R18", outcome=DecisionKind.ONE_MORE, numbers=SCHEME)
    easier = Decision(rule="R18", outcome="deload", numbers={})
    assert words(one_more, easier).endswith(
        "Planned deload week: an easier week, at a lower effort."
    )


def test_r18_same_again_when_the_plan_moves_her_reps_says_the_new_reps() -> None:
    """R18: "same again" after 3 x 10 while the plan moves to 8 reps this week says so."""
    hold = Decision(rule="R18b", outcome=DecisionKind.HOLD_HARD, numbers={**SCHEME, "rpe": 9.0})
    plan = Decision(rule="R18", outcome="plan_reps", numbers={"reps_from": 10, "reps_to": 8})
    text = words(hold, plan, reps=8)
    assert text.endswith("The plan moves to 8 reps this week (R18).")


def test_r18_a_conversion_the_cap_cut_names_no_load_she_is_not_served() -> None:
    """R18 with R15: a conversion to 38 kg that the cap holds at 36 kg says the plan's new
    reps and leaves the load to the cap's note, not "38 kg is the same effort as ..."."""
    convert = Decision(
        rule="R18",
        outcome=DecisionKind.CONVERT,
        numbers={"from_kg": 36.0, "to_kg": 38.0, "reps_from": 8, "reps_to": 6, "rpe_from": 8.0,
                 "rpe_to": 8.0},
    )  # fmt: skip
    capped = Decision(rule="R15", outcome="capped", numbers={"pct": 85, "one_rm_kg": 43.0})
    text = words(convert, capped, reps=6, load_kg=36.0)
    assert text.startswith("The plan moves to 6 reps at effort 8 (R18). Capped at 85 %")
    assert "38 kg" not in text


def test_r18_a_new_rep_target_at_the_same_load_is_said_as_such() -> None:
    """R18: when the plan's rep target changes and her load stays (the converted load rounds
    to it), the words say the new reps and the same load, not an effort equivalence of a
    load with itself; without a load or an effort, only the reps."""
    same = {"from_kg": 12.0, "to_kg": 12.0, "reps_from": 8, "reps_to": 6, "rpe_from": 8.0,
            "rpe_to": 8.0}  # fmt: skip
    convert = Decision(rule="R18", outcome=DecisionKind.CONVERT, numbers=same)
    assert words(convert, reps=6) == "The plan moves to 6 reps at effort 8: same load, 12 kg (R18)."
    no_load = Decision(
        rule="R18",
        outcome=DecisionKind.CONVERT,
        numbers={**same, "from_kg": None, "to_kg": None},
    )
    assert words(no_load, reps=6) == "The plan moves to 6 reps at effort 8 (R18)."
    no_effort = Decision(
        rule="R18",
        outcome=DecisionKind.CONVERT,
        numbers={**same, "from_kg": None, "to_kg": None, "rpe_from": None, "rpe_to": None},
    )
    assert words(no_effort, reps=6) == "The plan moves to 6 reps (R18)."


def test_every_decision_kind_has_words() -> None:
    """Every outcome of the resistance rules (R18-R18c) has a sentence."""
    covered = {outcome for _, outcome, *_ in CASES} | {DecisionKind.NEW}
    assert covered == set(DecisionKind)


def test_r18_first_time_from_the_working_max_or_by_effort() -> None:
    """A new exercise: the load from the working max, or a load found by effort."""
    loaded = {"load_kg": 12.5, "loadable": "yes", "reps": 10, "target_rpe": 7}
    assert words(Decision(rule="R18", outcome=DecisionKind.NEW, numbers=loaded)) == (
        "First time: 12.5 kg, from your working max."
    )
    by_effort = {**loaded, "load_kg": None}
    text = words(Decision(rule="R18", outcome=DecisionKind.NEW, numbers=by_effort))
    assert "lift 10 times with about 3 more left in you (effort 7/10)" in text
    plain = {"load_kg": None, "loadable": "no", "reps": 10, "target_rpe": None}
    assert words(Decision(rule="R18", outcome=DecisionKind.NEW, numbers=plain)) == (
        "First time: as planned for this week."
    )


def test_r15_r22_notes_follow_the_decision_in_her_units() -> None:
    """R15 cap and R22 re-estimate are joined after the main decision, in pounds for a
    client in pounds."""
    main = Decision(
        rule="R18",
        outcome=DecisionKind.LOAD_UP,
        numbers={**SCHEME, "from_kg": 20.0, "to_kg": 22.5, "reps_from": 10, "reps_to": 10},
    )
    capped = Decision(rule="R15", outcome="capped", numbers={"pct": 85, "one_rm_kg": 30.0})
    again = Decision(
        rule="R22",
        outcome="reestimated",
        numbers={"on": "2027-02-01", "one_rm_kg": 30.0, "set_date": "2027-01-28"},
    )
    text = words(main, capped, again, load_kg=22.5)
    assert text.startswith("+2.5 kg: all 3x10 at RPE 8 or easier, twice (R18).")
    assert "Capped at 85 % of the working max (30 kg, R15)." in text
    assert text.endswith("re-estimated on 2027-02-01 from your sets of 2027-01-28: 30 kg (R22).")
    in_lb = words(main, capped, units=Units.LB, load_kg=22.5)
    assert in_lb.startswith("+5.51 lb") and "(66.1 lb, R15)" in in_lb


def test_r15_a_step_the_cap_cut_short_says_it_was_due_not_given() -> None:
    """R15 with R18: when the cap holds her below the step's load, the words do not head
    with "+2.5 kg" over a load that did not rise (nor the rep drop meant for it): the step
    was due, and the cap note says why it is not given."""
    main = Decision(
        rule="R18a",
        outcome=DecisionKind.LOAD_UP,
        numbers={**SCHEME, "from_kg": 20.0, "to_kg": 22.5, "reps_from": 10, "reps_to": 8},
    )
    capped = Decision(rule="R15", outcome="capped", numbers={"pct": 85, "one_rm_kg": 25.0})
    text = words(main, capped, load_kg=20.0)
    assert text == (
        "All 3x10 at RPE 8 or easier, twice (R18): ready for +2.5 kg. Capped at 85 % of the "
        "working max (25 kg, R15)."
    )


def test_r32_review_notes_and_deload() -> None:
    """R32: held, not started (said first) and pain under review; a deload week's note."""
    hold = Decision(rule="R18", outcome=DecisionKind.ONE_MORE, numbers=SCHEME)
    held = Decision(rule="R32", outcome="held_for_review")
    first = Decision(rule="R32", outcome="not_started")
    text = words(hold, first, held)
    assert text.startswith("Not started until the review (R32). All 3x10")
    assert text.endswith("Held until the review (R32): no increases.")
    pain = Decision(
        rule="R32",
        outcome="pain_review",
        numbers={"pain": 6, "date": "2027-02-01", "from_kg": 20.0, "to_kg": 19.0},
    )
    assert words(pain) == "-5 %: pain 6/10 on 2027-02-01; only after the review (R32)."
    deload = Decision(rule="R18", outcome="deload", numbers={"pct": 10, "back_to_kg": 20.0})
    assert words(None, deload) == "Planned deload week: about 10 % lighter, then back to 20 kg."


def test_as_planned_items_and_the_lightest_load() -> None:
    """Items progressed as planned say when she last did them; a load below the lightest
    one names the easier version."""
    assert words(Decision(rule="R18", outcome="as_planned")) == "As planned for this week."
    done = Decision(rule="R18", outcome="as_planned", numbers={"last_done": "2027-02-01"})
    mild = Decision(rule="R18", outcome="pain_last_time", numbers={"pain": 3})
    assert words(done, mild) == (
        "As planned for this week (last done 2027-02-01). Pain 3/10 last time: tell your "
        "coach if it comes back."
    )
    same = Decision(rule="R18", outcome="same_load", numbers={"load_kg": 8.0, "date": "2027-02-01"})
    assert words(same) == "Same load as last time (8 kg on 2027-02-01)."
    below = Decision(
        rule="R18",
        outcome="below_lightest",
        numbers={
            "lightest": "lighter than the lightest dumbbell (1 kg): use it",
            "easier_id": "box_squat",
        },
    )
    assert words(None, below) == (
        "Lighter than the lightest dumbbell (1 kg): use it. Easier version: Box squat."
    )
    assert pct_text(None, 10.0).startswith("Lighter than the lightest load")


def test_an_item_already_worded_keeps_its_words() -> None:
    """Wording twice changes nothing (the services word each answer once)."""
    worded = replace(item(Decision(rule="R10a", outcome="impact_up")), reason="Said already.")
    assert reason_text(worded, Units.KG, NAMES) == "Said already."


IMPACT_BALANCE: list[tuple[str, str, dict[str, float | int | str | None], list[str]]] = [
    ("R10a", "new_drill", {"impacts": 10, "max": 10}, ["R10a", "10 impacts to start"]),
    ("R32", "impact_pain", {"to": 10, "pain": 6, "date": "2027-02-01"}, ["R32", "6/10"]),
    (
        "R10a",
        "impact_up",
        {"from": 20, "to": 25, "done": 20, "date": "2027-02-01"},
        ["R10a", "+5 impacts", "all 20"],
    ),
    (
        "R10",
        "impact_at_target",
        {"from": 50, "to": 50, "done": 50, "date": "2027-02-01", "ceiling": 50},
        ["R10", "target of 50"],
    ),
    ("R10a", "impact_weekly", {"done": 25, "date": "2027-02-01"}, ["R10a", "All 25"]),
    (
        "R10",
        "impact_hold",
        {"pain": 0, "done": 15, "from": 20, "date": "2027-02-01"},
        ["R10", "15 of 20 done"],
    ),
    ("R10", "impact_hold", {"pain": 2, "done": 20, "from": 20}, ["R10", "Pain 2/10"]),
    ("R10", "impact_resume", {"days": 15, "to": 15}, ["15 days", "15 impacts"]),
    ("R10", "impact_deload", {"to": 15, "back_to": 25}, ["deload", "15 impacts", "back to 25"]),
    ("R23a", "balance_one_more", {"hold_s": 20, "date": "2027-02-01"}, ["20 s hold"]),
    ("R23a", "balance_hold", {"hold_s": None, "steps": 10}, ["10-step walk", "same again"]),
    ("R32", "balance_held_for_review", {}, ["R32"]),
    ("R23a", "balance_hardest", {"hold_s": 30}, ["30 s hold", "hardest"]),
    (
        "R23a",
        "harder_exercise",
        {"hold_s": 20, "from": "box_squat", "to": "split_squat", "sessions": 2},
        ["R23", "Split squat", "20 s hold"],
    ),
]


@pytest.mark.parametrize(("rule", "outcome", "numbers", "expected"), IMPACT_BALANCE)
def test_r10_r23_impact_and_balance_decisions_name_their_numbers(
    rule: str, outcome: str, numbers: dict[str, float | int | str | None], expected: list[str]
) -> None:
    """R10/R10a impacts and R23/R23a balance: worded with their numbers (and rule)."""
    text = words(Decision(rule=rule, outcome=outcome, numbers=numbers))
    for part in expected:
        assert part in text, (part, text)


def test_r32_held_impacts_say_what_was_held() -> None:
    """R32: impacts held for the review keep the decision they would have had, in brackets."""
    up = Decision(rule="R10a", outcome="impact_up", numbers={"from": 20, "to": 25, "date": "d"})
    held = Decision(rule="R32", outcome="held_for_review", numbers={"wraps": "yes"})
    assert words(up, held) == (
        "Held until the review (R32): no increases. (+5 impacts: all 20 done without pain on d "
        "(at most +5 a week, R10a).)"
    )


FINDINGS: list[tuple[str, str, dict[str, object], list[str]]] = [
    ("R18", "progression_logged_later", {"count": 1, "as_of": "2027-02-01"}, ["1 logged set "]),
    ("R18", "progression_logged_later", {"count": 3, "as_of": "2027-02-01"}, ["3 logged sets"]),
    ("R1", "progression_no_sessions", {"status": "needs_clearance"}, ["needs_clearance"]),
    (
        "R22",
        "progression_program_ended",
        {"weeks": 12, "as_of": "2027-05-01"},
        ["12 weeks", "2027-05-01", "(R22)"],
    ),
    (
        "R18c",
        "progression_away",
        {"days": 16, "last": "2027-02-01", "pct": 90.0},
        ["16 days", "2027-02-01", "about 90 %", "(R18c)"],
    ),
    (
        "R32",
        "progression_red_flags",
        {"symptoms": [["chest_pain", "2027-02-01"], ["dizziness", "2027-02-02"]]},
        ["chest pain (2027-02-01), dizziness (2027-02-02) reported"],
    ),
    (
        "R32",
        "progression_pain",
        {"exercise_id": "goblet_squat", "pain": 6, "date": "2027-02-01"},
        ["Pain of 6/10 during Goblet squat on 2027-02-01"],
    ),
    (
        "R22",
        "progression_reestimated",
        {"on": "2027-02-01", "weeks": 4, "maxes": [["goblet_squat", 30.0]]},
        ["2027-02-01", "every 4 weeks", "goblet squat 30 kg"],
    ),
]


@pytest.mark.parametrize(("rule", "code", "data", "expected"), FINDINGS)
def test_r18_r22_r32_progression_findings_in_words(
    rule: str, code: str, data: dict[str, object], expected: list[str]
) -> None:
    """The engine's progression findings (R18c away, R22 re-estimates, R32 stop rules)
    carry a code and numbers; the wording layer says them."""
    finding = Finding(rule=rule, severity=Severity.INFO, message="", code=code, data=data)
    text = finding_words(finding, Units.KG, NAMES)
    for part in expected:
        assert part in text, (part, text)


def test_a_finding_with_its_own_message_keeps_it() -> None:
    finding = Finding(rule="R1", severity=Severity.MUST, message="As stored.", code="other")
    assert finding_words(finding, Units.KG, NAMES) == "As stored."


ENGINE = Path(__file__).resolve().parents[2] / "osteoload" / "domain" / "progression"


@pytest.mark.parametrize(
    "sentence",
    [
        "(double progression, R18)",
        "one more session like it and it goes up",
        "Capped at",
        "Working max re-estimated on",
        "Planned deload week",
        "Held until the review (R32): no increases",
        "First time: find a load",
        "from your working max",
        "As planned for this week",
        "Same load as last time",
        "Not started until the review",
        "Lighter than the lightest load",
        "too big a step for now",
        "impacts to start back",
        "impacts build only on pain-free sessions",
        "one more session like it and you move on",
        "progressive balance challenge",
        "no harder balance work",
        "Stop training and see a doctor",
        "have it checked by your physiotherapist",
        "Working maxes re-estimated",
        "its last week is used",
        "nothing to progress until",
        "not used.",
        "loads start back at about",
    ],
)
def test_the_engine_holds_none_of_the_moved_sentences(sentence: str) -> None:
    """The engine decides; the wording layer says it: none of these sentences is left in
    ``osteoload/domain/progression/``."""
    for path in sorted(ENGINE.glob("*.py")):
        assert sentence not in path.read_text(encoding="utf-8"), (sentence, path.name)


def test_r18a_r32_a_way_up_not_served_this_week_is_said_to_come_after_it() -> None:
    """R18a with the deload week and R32: a set more, a slower tempo, mixed loads or an
    add-on that the week does not serve (the plan's fewer sets in a deload week, none while
    held for a review) is said to come after the week or once the review is done, never as
    served."""
    held = Decision(rule="R32", outcome="held_for_review")
    deload = Decision(rule="R18", outcome="deload", numbers={})
    add_set = Decision(rule="R18a", outcome=DecisionKind.ADD_SET, numbers=SCHEME)
    assert "one set more after this week (R18a)" in words(add_set, deload, sets=2)
    assert "one set more once the review is done (R18a)" in words(add_set, held, sets=3)
    assert "4 sets instead" in words(add_set, sets=4)
    tempo = Decision(rule="R18a", outcome=DecisionKind.TEMPO, numbers=SCHEME)
    assert "a slower tempo (3-1-1) once the review is done (R18a)" in words(tempo, held)
    assert "a slower tempo (3-1-1) after this week (R18a)" in words(tempo, deload)
    mixed = Decision(
        rule="R18a",
        outcome=DecisionKind.MIXED,
        numbers={**SCHEME, "heavier_sets": 1, "heavier_kg": 14.0, "heavier_reps": 6},
    )
    assert "once the review is done, the last set at 14 kg x 6" in words(mixed, held)
    assert "after this week, the last set at 14 kg x 6" in words(mixed, deload)
    add_on = Decision(
        rule="R18a", outcome=DecisionKind.ADD_ON, numbers={**SCHEME, "from_kg": 20.0, "to_kg": 20.5}
    )
    lighter = Decision(
        rule="R18",
        outcome="deload",
        numbers={"pct": 10.0, "back_to_kg": 20.5, "lighter_than_kg": 20.0},
    )
    said = words(add_on, lighter, load_kg=18.0)
    assert said.startswith("All 3x10 at RPE 8 or easier, twice, at the slow tempo: ready for a")
    assert "small add-on (+0.5 kg) after this lighter week (R18a)" in said
    assert said.endswith("about 10 % lighter than 20 kg, then 20.5 kg.")


def test_r32_r18a_the_first_session_after_a_review_says_the_review_is_over() -> None:
    """R32: her last session was held for a review that is over now: the words say so (they
    said "Same again until the review"), with the set more she had earned when it comes."""
    hold = Decision(rule="R32", outcome=DecisionKind.HOLD,
                    numbers={**SCHEME, "sets": 2, "why": "review", "review": "over"})  # fmt: skip
    assert words(hold, sets=3) == (
        "Done on 2027-02-01 without pain, and the review is over: 3 sets now, the set more you "
        "had earned (R18a)."
    )
    assert words(hold, sets=2) == (
        "Done on 2027-02-01 without pain, and the review is over: same again, then on as "
        "before (R18)."
    )
    during = Decision(rule="R32", outcome=DecisionKind.HOLD,
                      numbers={**SCHEME, "sets": 2, "why": "review"})  # fmt: skip
    assert words(during, sets=2).startswith("Same again until the review (R32)")
