"""R32's ``pain_review`` decision has one home (issue 18): ``context._pain_review`` steps a
painful exercise's load back once, whether the item is progressed as planned (a carry) or
by double progression (a lift), and says so in the same numbers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import osteoload.domain.progression as progression
from osteoload.domain.progression import Change
from tests.domain.test_progression import SQUAT, by_id, program, run, session_days, sets
from tests.domain.test_progression_r32_branches import CARRY, carry_log

PACKAGE = Path(progression.__file__).parent


def _builds_pain_review(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Decision"
        and any(
            k.arg == "outcome"
            and isinstance(k.value, ast.Constant)
            and k.value.value == "pain_review"
            for k in node.keywords
        )
    )


def test_r32_the_pain_review_decision_is_built_in_one_module_only():
    homes = sorted(
        path.name
        for path in PACKAGE.glob("*.py")
        if any(_builds_pain_review(n) for n in ast.walk(ast.parse(path.read_text())))
    )
    assert homes == ["context.py"]


def test_r32_pain_steps_a_carry_and_a_lift_back_with_the_same_numbers():
    """A carry with pain 5/10, and a squat with pain 5/10 that she then lifted at the same
    load again before the review: each steps back once from that load."""
    d1, d2 = session_days(2)
    carry = by_id(run(program(CARRY), carry_log(d1, load=14.0, pain=5), as_of=d1),
                  "suitcase_carry")  # fmt: skip
    squat_log = sets(d1, "back_squat", 10, 60.0, pain=5) + sets(d2, "back_squat", 10, 60.0)
    squat = by_id(run(program(SQUAT), squat_log, as_of=d2), "back_squat")
    for answer, day, was in ((carry, d1, 14.0), (squat, d1, 60.0)):
        assert answer.change is Change.DECREASE
        assert answer.decision is not None
        assert (answer.decision.rule, answer.decision.outcome) == ("R32", "pain_review")
        numbers = answer.decision.numbers
        assert list(numbers) == ["pain", "date", "from_kg", "to_kg"]
        assert numbers["pain"] == 5 and numbers["date"] == day.isoformat()
        assert numbers["from_kg"] == pytest.approx(was)
        assert numbers["to_kg"] == pytest.approx(answer.load_kg)
        assert 0 < answer.load_kg <= was * 0.95  # the heaviest load at or below 95 %
