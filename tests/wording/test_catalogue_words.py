"""The exercise catalogue's words are marked for translation in osteoload/wording/catalogue.py
(issue 20): a name, reason or cue added to osteoload/data/exercises.yaml and missing there fails
here, with the module's new text to paste (or run ``uv run python -m
tests.wording.test_catalogue_words`` to rewrite it)."""

from __future__ import annotations

import sys

from django.utils import translation

from osteoload.data.loader import read_yaml
from osteoload.wording import catalogue
from tests.conftest import ROOT

EXERCISES = ROOT / "osteoload" / "data" / "exercises.yaml"
MODULE = ROOT / "osteoload" / "wording" / "catalogue.py"

HEADER = '''"""The exercise catalogue's words (names, reasons and cues of
osteoload/data/exercises.yaml), marked for translation so that ``makemessages`` finds them;
:func:`exercise_words` says one in the active language. Written by ``uv run python -m
tests.wording.test_catalogue_words``; a test keeps it in step with the catalogue."""

# ruff: noqa: E501 - one catalogue text per line, as the catalogue writes it

from __future__ import annotations

from .audience import _, gettext_noop


def exercise_words(text: str) -> str:
    """A catalogue text (an exercise's name, reason or cue) in the active language; a text
    that is not the catalogue's (an older program's wording) is returned as it is."""
    return _(text) if text in WORDS else text


WORDS: frozenset[str] = frozenset(
    {
'''
FOOTER = """    }
)
"""


def catalogue_texts() -> list[str]:
    texts: list[str] = []
    for exercise in read_yaml(EXERCISES)["exercises"]:
        for text in [exercise["name"], exercise.get("why", ""), *exercise.get("cues", [])]:
            if text and text not in texts:
                texts.append(text)
    return texts


def module_text() -> str:
    lines = [f"        gettext_noop({text!r}),\n" for text in catalogue_texts()]
    return HEADER + "".join(lines) + FOOTER


def test_every_catalogue_text_is_marked_for_translation():
    assert set(catalogue_texts()) == set(catalogue.WORDS), (
        "osteoload/wording/catalogue.py is out of step with exercises.yaml: run "
        "`uv run python -m tests.wording.test_catalogue_words`, then makemessages"
    )


def test_exercise_words_in_spanish():
    with translation.override("es"):
        assert catalogue.exercise_words("Sit to stand") == "Levantarse de la silla"
        assert catalogue.exercise_words("not from the catalogue") == "not from the catalogue"
    with translation.override("en"):
        assert catalogue.exercise_words("Sit to stand") == "Sit to stand"


if __name__ == "__main__":
    MODULE.write_text(module_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {MODULE}\n")
