"""The engine's notes on an item or a program, in the active language.

The engine writes a few fixed English notes (how to choose a first weight, R20); this module
recognises each and says it through :func:`_`, so the booklet, Today and the command line can
print it in the reader's language. A note it does not know is returned as it is.
"""

from __future__ import annotations

import re

from .audience import _, gettext_noop
from .loads import load_label_words

#: The engine's ``FIRST_LOAD_NOTE`` (osteoload.domain.programming.generator); a test keeps
#: the two equal.
FIRST_LOAD = gettext_noop(
    "Where no weight is given, find it in the first session: start light, and add a little "
    "each set until the set feels like the effort shown, with about three more repetitions "
    "left in you. Never test your maximum lift."
)
#: The engine's ``NO_SESSIONS_NOTE`` and ``GENTLE_ONLY_NOTE`` (same module; a test keeps
#: them equal).
NO_SESSIONS = gettext_noop("No exercise sessions until the steps below are done.")
GENTLE_ONLY = gettext_noop("Gentle program only: no lifting and no impact until reviewed.")
_FIXED = frozenset({FIRST_LOAD, NO_SESSIONS, GENTLE_ONLY})
_CHOOSE = re.compile(
    r"Choose a weight you could lift about (?P<left>\d+) more times at the end of each set "
    r"\(effort (?P<rpe>[\d.]+) out of 10\)\."
)


def note_words(note: str | None) -> str:
    """``note`` in the active language (``""`` for none)."""
    if not note:
        return ""
    if note in _FIXED:
        return _(note)
    found = _CHOOSE.fullmatch(note)
    if found:
        return _(
            "Choose a weight you could lift about {left} more times at the end of each set "
            "(effort {rpe} out of 10)."
        ).format(left=found["left"], rpe=found["rpe"])
    return load_label_words(note)  # an item's note may be why no load fits
