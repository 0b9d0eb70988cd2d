"""Input errors at the boundary, in one shape for every reader (profiles, logs, API bodies).

Each problem names the field path, the value given and what is allowed, for example::

    age: 130 is out of range; allowed 18 to 110
    sex: 'femal' is not allowed; allowed: female, male (did you mean 'female'?)
    tests.tugs: unknown field; allowed: chair_stand_30s, ... (did you mean 'tug_s'?)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from osteoload.wording import _, ngettext


@dataclass(frozen=True, slots=True)
class Range:
    """The values a number field allows (from the validating model's own limits)."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    """True when ``low`` itself is not allowed (greater than, not greater or equal)."""
    high_open: bool = False
    """True when ``high`` itself is not allowed."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with one input value."""

    path: str
    message: str
    value: Any = None
    allowed: Range | None = None
    """For a number out of range: the range allowed, so a form can word it its own way
    ("Weight (kg): -3 is below 25"); the message already says it for the CLI and the API."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.path, "value": self.value, "message": self.message}


class InputError(Exception):
    """Input that cannot be accepted; carries every problem found, not only the first.

    Messages are worded in the language active when the problem is found (the request's,
    her account's or ``--lang``); paths and values stay as the input spelled them."""

    def __init__(self, issues: Sequence[Issue], *, source: str | None = None) -> None:
        self.issues = tuple(issues)
        self.source = source
        super().__init__(self.render())

    def render(self) -> str:
        head = f"{self.source}: " if self.source else ""
        if len(self.issues) == 1:
            return f"{head}{self.issues[0]}"
        count = len(self.issues)
        lines = [head + ngettext("%(n)d problem", "%(n)d problems", count) % {"n": count}]
        lines += [f"  - {issue}" for issue in self.issues]
        return "\n".join(lines)


def did_you_mean(given: str, allowed: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" for the closest allowed word, or "" when none is close."""
    matches = difflib.get_close_matches(str(given).lower(), list(allowed), n=1, cutoff=0.6)
    return _(" (did you mean '%(word)s'?)") % {"word": matches[0]} if matches else ""


def format_value(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return _("an object")
    if isinstance(value, list):
        return _("a list")
    return str(value)
