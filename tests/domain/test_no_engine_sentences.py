"""The engine says no sentences to people (issue 20): it returns codes with their numbers and
the wording layer (osteoload/wording) says them in the reader's language.

A rough check: a string literal of four words or more in a module of osteoload/domain is
taken for a sentence, except docstrings, error messages (inside ``raise``) and citations
(values of ``*_SOURCE`` / ``*_SOURCES`` constants). :data:`SENTENCES_LEFT` lists the modules
that still hold such sentences with their count today; the list only shrinks: a listed
module may not gain one, and a module without any leaves the list.
"""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

DOMAIN = ROOT / "osteoload" / "domain"
MIN_WORDS = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[.,;:!?)]*")

#: Sentences still built in the engine: ``"<path under osteoload/domain>": count``. Shrink
#: it (move the sentence to osteoload/wording behind a code); never add to it.
SENTENCES_LEFT: dict[str, int] = {
    # The exercise catalogue's load errors, built before they are raised.
    "catalogue.py": 13,
    # 1RM estimates: their method and warnings.
    "one_rm/equations.py": 3,
    "one_rm/estimates.py": 2,  # working_max_from_sets: its notes on the sets it skipped
    # Program and item notes (osteoload.wording.notes recognises and translates them).
    "programming/dosing.py": 2,
    "programming/generator.py": 3,
    # Load steps in words ("the lightest stack plate").
    "units.py": 5,
}


def _skipped(tree: ast.Module) -> set[int]:
    """Ids of the nodes that are not sentences for people: docstrings (a bare string
    statement), everything inside ``raise``, and the values of citation constants."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        elif isinstance(node, ast.Raise):
            skipped.update(id(sub) for sub in ast.walk(node))
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(
                isinstance(t, ast.Name) and t.id.endswith(("SOURCE", "SOURCES")) for t in targets
            ):
                skipped.update(id(sub) for sub in ast.walk(node))
    return skipped


def sentences(source: str) -> list[str]:
    """The string literals of ``source`` that read as sentences for people."""
    tree = ast.parse(source)
    skipped = _skipped(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
        ):
            words = [w for w in node.value.split() if _WORD.fullmatch(w.lstrip("("))]
            if len(words) >= MIN_WORDS:
                found.append(node.value)
    return found


def counts() -> dict[str, int]:
    out = {}
    for path in sorted(DOMAIN.rglob("*.py")):
        found = sentences(path.read_text(encoding="utf-8"))
        if found:
            out[path.relative_to(DOMAIN).as_posix()] = len(found)
    return out


def test_the_check_finds_a_sentence_and_skips_docstrings_errors_and_citations():
    source = '''
"""A module docstring of many words."""
LIFTMOR_SOURCE = "Watson SL et al. LIFTMOR trial"
def f(x):
    """A function docstring of many words."""
    if x:
        raise ValueError(f"months: {x} is out of range for sure")
    return "She takes no bone medication today."
'''
    assert sentences(source) == ["She takes no bone medication today."]
    assert sentences('CODE = "years_since_menopause_unknown"') == []


def test_the_projection_dxa_and_bone_modules_say_no_sentences():
    """R27-R30: the bone category, the projection's assumptions and the DXA verdict are codes
    with numbers."""
    found = counts()
    for module in (
        "projection/bone.py",
        "projection/effects.py",
        "projection/muscle.py",
        "projection/notes.py",
        "assessment/dxa.py",
        "assessment/bone.py",  # R27, R28: osteoload.wording.assessment says the category
        "assessment/sarcopenia.py",  # EWGSOP2: factors and a status, said there too
        "assessment/falls.py",  # R9, R25: factors and passport letters
        "assessment/summary.py",  # the assessment's findings: codes with their data
        "assessment/function_tests.py",  # section 5: verdicts with their cut-offs
    ):
        assert module not in found, (module, sentences((DOMAIN / module).read_text()))


def test_no_module_gains_an_engine_sentence():
    found = counts()
    grown = {m: n for m, n in found.items() if n > SENTENCES_LEFT.get(m, 0)}
    assert grown == {}, "say it in osteoload/wording behind a code, not in the engine"


def test_the_list_of_sentences_left_only_shrinks():
    found = counts()
    gone = [m for m in SENTENCES_LEFT if m not in found]
    assert gone == [], "these modules say no sentences any more: remove them from the list"
