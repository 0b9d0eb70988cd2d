"""The screening's findings and next steps in words: the coach reads about her, the client
reads to her (osteoload.wording.findings; issue 13, deliverable 7)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from osteoload.domain.profile import ClientProfile, FunctionalTests
from osteoload.domain.program import Finding, Screening
from osteoload.domain.screening import CONTRAINDICATIONS, screen
from osteoload.domain.vocabulary import Severity, Sex
from osteoload.services.profiles import load_profile
from osteoload.wording import Audience, pronouns_for
from osteoload.wording.findings import (
    finding_text,
    findings_for,
    step_text,
    steps_for,
    word_screening,
)
from tests.conftest import EXAMPLES, TODAY
from tests.domain.test_program_properties import START, profiles

YOU = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)
#: Words and abbreviations a client should not meet without an explanation in words.
JARGON = re.compile(
    r"STEADI|EWGSOP2?|region-sets?|\b1RM\b|T-score|Z-score|\bSPPB\b|Vivifrail|Timed Up and Go"
    r"|\bTUG\b|\bVFA\b|\bR\d+\b|\b[a-z]+_[a-z_]+\b|\b(she|her|hers|herself|he|him|his)\b",
)
WRONG_PRONOUNS = {
    Sex.FEMALE: re.compile(r"\b(he|him|his|himself)\b", re.IGNORECASE),
    Sex.MALE: re.compile(r"\b(she|her|hers|herself)\b", re.IGNORECASE),
}
RIGHT_PRONOUNS = {
    Sex.FEMALE: re.compile(r"\b(she|her)\b", re.IGNORECASE),
    Sex.MALE: re.compile(r"\b(he|him|his)\b", re.IGNORECASE),
}


def _check_wording(profile: ClientProfile, screening: Screening) -> int:
    """Assert both audiences' words for every finding and step; return how many coach
    sentences used her pronoun."""
    pronouns = pronouns_for(profile.sex.value)
    used = 0
    coded = [f for f in screening.findings if f.code]
    assert coded == list(screening.findings), "every screening finding has a code"
    for finding in coded:
        coach = finding_text(finding, Audience.COACH, pronouns)
        client = finding_text(finding, Audience.CLIENT)
        for text in (coach, client):
            assert text and text == text.strip() and text[0].isupper(), (finding, text)
            assert "{" not in text and "}" not in text, (finding.code, text)
        assert not YOU.search(coach), (finding.code, coach)
        assert not WRONG_PRONOUNS[profile.sex].search(coach), (finding.code, coach)
        assert not JARGON.search(client), (finding.code, client)
        used += bool(RIGHT_PRONOUNS[profile.sex].search(coach))
    for step in screening.steps:
        coach = step_text(step, Audience.COACH, pronouns)
        client = step_text(step, Audience.CLIENT)
        assert not YOU.search(coach), (step.code, coach)
        assert not WRONG_PRONOUNS[profile.sex].search(coach), (step.code, coach)
        assert not JARGON.search(client), (step.code, client)
        assert "{" not in coach + client, (step.code, coach, client)
    return used


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_findings_speak_about_her_to_the_coach_and_to_her_in_plain_words(path) -> None:
    """R1-R33 findings of every example profile: the coach's words never say "you" and use
    her pronoun; the client's words have no jargon."""
    profile = load_profile(path, today=TODAY)
    assert _check_wording(profile, screen(profile, as_of=TODAY)) >= 1, "her pronoun is used"


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(profiles())
def test_generated_findings_speak_about_her_to_the_coach_and_to_her_in_plain_words(
    profile: ClientProfile,
) -> None:
    """The same for generated profiles (R1-R33, every outcome code screening can reach)."""
    _check_wording(profile, screen(profile, as_of=START))


def test_coach_wording_uses_the_pronoun_of_her_sex() -> None:
    """A man's findings say he/his; a woman's she/her (R1 PAR-Q+, R5 blood pressure)."""
    base = load_profile(EXAMPLES[0], today=TODAY)
    profile = replace(base, parq_yes=(1,), clearance=replace(base.clearance, medical=False))
    for sex, word in ((Sex.FEMALE, "She answered yes"), (Sex.MALE, "He answered yes")):
        s = screen(replace(profile, sex=sex), as_of=TODAY)
        r1 = next(f for f in s.findings if f.code == "parq_yes")
        assert finding_text(r1, Audience.COACH, pronouns_for(sex.value)).startswith(word)
        assert finding_text(r1, Audience.CLIENT).startswith("You answered yes")


def test_R9_client_falls_reasons_describe_the_test_in_words() -> None:
    """R9: a high falls risk from a slow Timed Up and Go is explained to the client by what
    she did; the coach keeps the test's name and threshold."""
    base = load_profile(EXAMPLES[0], today=TODAY)
    profile = replace(base, tests=FunctionalTests(tug_s=14.0), falls_last_year=0)
    s = screen(profile, as_of=TODAY)
    r9 = next(f for f in s.findings if f.code == "falls_risk_high")
    client = finding_text(r9, Audience.CLIENT)
    coach = finding_text(r9, Audience.COACH, pronouns_for("female"))
    assert "Taking 14 seconds to stand up from a chair, walk 3 metres" in client
    assert "Timed Up and Go" not in client
    assert "Timed Up and Go took 14 s" in coach and coach.startswith("Her risk")


def test_R2_next_steps_for_the_coach_name_her_doctor() -> None:
    """R2: the coach's next step speaks about her doctor, the client's to her."""
    base = load_profile(EXAMPLES[0], today=TODAY)
    profile = replace(base, conditions=(*base.conditions, CONTRAINDICATIONS[0]))
    s = screen(profile, as_of=TODAY)
    step = next(st for st in s.steps if st.code == "doctor_treats_contraindication")
    assert step_text(step, Audience.COACH, pronouns_for("male")).startswith("His doctor")
    assert step_text(step, Audience.CLIENT).startswith("See your doctor")


def test_word_screening_fills_the_public_message_and_next_steps_in_the_clients_words() -> None:
    """The plan/screening documents' ``message`` and ``next_steps`` are the client's words."""
    profile = load_profile(EXAMPLES[0], today=TODAY)
    profile = replace(profile, parq_yes=None, clearance=replace(profile.clearance, medical=False))
    raw = screen(profile, as_of=TODAY)
    assert all(f.message == "" for f in raw.findings) and raw.next_steps == ()
    worded = word_screening(raw)
    for before, after in zip(raw.findings, worded.findings, strict=True):
        assert after.message == finding_text(before, Audience.CLIENT)
    assert "Answer the seven PAR-Q+ health questions." in worded.next_steps


def test_stored_documents_without_codes_keep_their_message() -> None:
    """A program stored before findings had codes is shown with its stored words."""
    old = {"rule": "R6", "severity": "must", "message": "Stored words."}
    assert findings_for([old], Audience.COACH, pronouns_for("female"))[0]["message"] == (
        "Stored words."
    )
    assert steps_for({"next_steps": ["Old step."]}, Audience.COACH) == ["Old step."]
    legacy = Finding(rule="R27", severity=Severity.INFO, message="Assessment words.")
    assert finding_text(legacy, Audience.COACH) == "Assessment words."


def test_stored_documents_with_codes_are_worded_for_the_coach() -> None:
    """The JSON form (as stored with a program) renders like the engine record."""
    doc = {
        "rule": "R33",
        "severity": "should",
        "message": "You have lost 2.5 cm of height.",
        "code": "height_loss",
        "data": {"cm": 2.5},
    }
    coach = findings_for([doc], Audience.COACH, pronouns_for("male"))[0]["message"]
    assert coach.startswith("He has lost 2.5 cm of height") and not YOU.search(coach)
