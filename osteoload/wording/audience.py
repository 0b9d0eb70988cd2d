"""Audiences, pronouns and the translation markers the wording layer uses."""

from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass
from enum import StrEnum

#: The translation domain of osteoload's messages. No catalogue is installed yet, so the
#: functions return the English source text; marking every sentence now is what makes a
#: later translation a data change, not a code change.
DOMAIN = "osteoload"
_translations = _gettext.translation(DOMAIN, fallback=True)


def _(message: str) -> str:
    """Mark ``message`` for translation and return it in the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, translated."""
    return _translations.ngettext(singular, plural, n)


class Audience(StrEnum):
    """Who reads the words."""

    COACH = "coach"
    """The coach on a desktop: third person, exact, clinical terms allowed."""
    CLIENT = "client"
    """The client on her phone: "you", plain words, no jargon."""
    PRINT = "print"
    """Paper: the booklet, the calendar, the report, the command line's text."""


@dataclass(frozen=True, slots=True)
class Pronouns:
    """How the coach's pages refer to a client."""

    subject: str
    """``she`` / ``he`` / ``they``."""
    object: str
    """``her`` / ``him`` / ``them``."""
    possessive: str
    """``her`` / ``his`` / ``their``."""

    def cap(self, word: str) -> str:
        """``"her"`` -> ``"Her"``."""
        return word[:1].upper() + word[1:]


SHE = Pronouns("she", "her", "her")
HE = Pronouns("he", "him", "his")
THEY = Pronouns("they", "them", "their")


def pronouns_for(sex: str | None) -> Pronouns:
    """The pronouns her profile implies: ``female`` -> she, ``male`` -> he, else they."""
    if sex == "female":
        return SHE
    if sex == "male":
        return HE
    return THEY
