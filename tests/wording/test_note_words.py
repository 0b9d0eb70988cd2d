"""The engine's notes are said in the active language (issue 20)."""

from __future__ import annotations

from django.utils import translation

from osteoload.domain.programming.generator import (
    FIRST_LOAD_NOTE,
    GENTLE_ONLY_NOTE,
    NO_SESSIONS_NOTE,
)
from osteoload.services.plans import plan_program
from osteoload.services.profiles import load_profile
from osteoload.wording.notes import FIRST_LOAD, GENTLE_ONLY, NO_SESSIONS, note_words
from tests.conftest import ROOT, TODAY


def test_the_fixed_notes_are_the_engines():
    assert FIRST_LOAD == FIRST_LOAD_NOTE
    assert NO_SESSIONS == NO_SESSIONS_NOTE
    assert GENTLE_ONLY == GENTLE_ONLY_NOTE


def test_the_status_notes_are_said_in_spanish():
    """A client who may not start yet, or may do gentle work only, reads why in Spanish."""
    with translation.override("es"):
        for note in (NO_SESSIONS_NOTE, GENTLE_ONLY_NOTE):
            assert note_words(note) != note


def test_every_note_of_a_program_is_known_and_said_in_spanish():
    profile = load_profile(
        ROOT / "examples" / "profiles" / "02-early-postmenopause-osteopenia.yaml", today=TODAY
    )
    program = plan_program(profile, today=TODAY, weeks=2)
    notes = {i.note for w in program.weeks for s in w.sessions for i in s.items if i.note}
    notes |= set(program.notes)
    assert notes
    with translation.override("es"):
        for note in notes:
            said = note_words(note)
            assert said != note, note  # every engine note has a Spanish wording
    with translation.override("en"):
        assert all(note_words(n) == n for n in notes)
    assert note_words(None) == "" and note_words("something else") == "something else"
