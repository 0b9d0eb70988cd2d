"""What she is told: the one layer that turns the engine's structured decisions and doses
into words, for each audience.

The engine (``osteoload.domain``) decides: statuses, findings with rule IDs, doses as
numbers. This package says it: the coach reads third-person sentences with the pronoun her
profile implies, the client reads "you" in plain words, print reads a compact form for paper.
Front ends (web, API, CLI) and document templates only display what it returns; none of them
formats a dose or restates a rule.

Like the engine it is pure standard-library Python. Every sentence is marked for translation
with :func:`_` (gettext); Django's translation is installed through :func:`use_translation`
when the app starts, so the sentences come in the language active for the request.
"""

from __future__ import annotations

from .audience import (
    Audience,
    Pronouns,
    _,
    gettext_noop,
    ngettext,
    pronouns_for,
    use_translation,
)

__all__ = [
    "Audience",
    "Pronouns",
    "_",
    "gettext_noop",
    "ngettext",
    "pronouns_for",
    "use_translation",
]
