"""The stop rules (R32, R32a) in their one home, osteoload.domain.stop_rules, and their words."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.domain import stop_rules
from osteoload.domain.profile import ClientProfile
from osteoload.domain.screening import screen
from osteoload.domain.stop_rules import (
    STOP_RULE_SYMPTOMS,
    Outcome,
    is_red_flag,
    report_decision,
    screening_decision,
)
from osteoload.domain.vocabulary import ProgramStatus, Severity, Symptom
from osteoload.wording import stops as words
from tests.depth import examples
from tests.domain.test_program_properties import profiles

AS_OF = date(2026, 11, 26)
SOURCE = Path(__file__).resolve().parents[2] / "osteoload"


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.sampled_from([None, "female", "male"]))
def test_r32a_suspends_exactly_when_screening_is_not_ready_or_has_a_red_flag(
    profile: ClientProfile, sex: str | None
) -> None:
    """R32a property: over generated profiles, the stop decision suspends exactly when the
    screening is not ready or has a red flag; every reason names a rule with a "must"
    finding, and the words for the coach and the client are never empty."""
    screening = screen(profile, as_of=AS_OF)
    decision = screening_decision(profile, screening, as_of=AS_OF)
    red_flag = any(is_red_flag(f) for f in screening.findings)
    assert decision.suspend == (screening.status is not ProgramStatus.READY or red_flag)
    assert decision.rule == "R32a"
    assert decision.outcome is (Outcome.NEEDS_REVIEW if decision.suspend else Outcome.CONTINUE)
    if decision.suspend:
        must = {f.rule for f in screening.findings if f.severity is Severity.MUST}
        assert decision.reasons
        assert all(r.rule in must for r in decision.reasons), (decision.reasons, must)
        assert words.for_coach(decision, sex) and words.for_client(decision)
        assert words.generation_refused(decision, sex)
    else:
        assert decision.reasons == ()


@given(st.sets(st.sampled_from(tuple(Symptom))))
def test_r32_a_report_suspends_exactly_for_a_stop_symptom(symptoms: set[Symptom]) -> None:
    decision = report_decision(symptoms, reported_on=AS_OF)
    assert decision.suspend == bool(symptoms & STOP_RULE_SYMPTOMS)
    assert decision.rule == "R32"
    if decision.suspend:
        assert set(decision.reasons[0].symptoms) == symptoms & STOP_RULE_SYMPTOMS


def test_r32_stop_symptoms_are_the_five_of_the_rule() -> None:
    """R32: chest pain, fainting/dizziness, breathlessness, new severe back pain, a fall with
    injury."""
    assert set(Symptom) == STOP_RULE_SYMPTOMS
    assert stop_rules.R32_PAIN_REVIEW_AT == 5


def test_r32_words_say_the_report_to_coach_and_client() -> None:
    decision = report_decision([Symptom.CHEST_PAIN], reported_on=AS_OF)
    assert words.for_coach(decision, "female").startswith("She reported chest pain")
    assert words.for_coach(decision, "male").startswith("He reported chest pain")
    client = words.for_client(decision)
    assert client.startswith("You told us about chest pain") and "contact your doctor" in client


def _stop_members(node: ast.AST) -> set[str]:
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
            if sub.value.id == "Symptom" and sub.attr in Symptom.__members__:
                names.add(sub.attr)
        elif isinstance(sub, ast.Constant) and sub.value in {s.value for s in Symptom}:
            names.add(str(sub.value).upper())
    return names


def test_r32_no_module_outside_stop_rules_defines_the_stop_symptom_list() -> None:
    """R32: the list of stop symptoms is defined once, in osteoload/domain/stop_rules.py; no
    other module of the source tree builds a set, list or tuple of three or more of them."""
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "stop_rules.py" and path.parent.name == "domain":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            collection = isinstance(node, ast.Set | ast.List | ast.Tuple) or (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"frozenset", "set", "tuple"}
            )
            if collection and len(_stop_members(node)) >= 3:
                offenders.append(f"{path.relative_to(SOURCE.parent)}:{getattr(node, 'lineno', 0)}")
    assert offenders == []
