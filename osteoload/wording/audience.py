"""Audiences, pronouns and the translation markers the wording layer uses."""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

#: The translation domain of osteoload's messages when no front end has installed its own
#: translation (the engine's tests, a script without Django): the functions then return the
#: English source text.
DOMAIN = "osteoload"
_fallback = _gettext.translation(DOMAIN, fallback=True)
_gettext_fn: Callable[[str], str] = _fallback.gettext
_ngettext_fn: Callable[[str, str, int], str] = _fallback.ngettext


def use_translation(
    gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]
) -> None:
    """Say every sentence through ``gettext``/``ngettext`` from now on.

    The wording layer imports no framework: the services install Django's translation here
    when Django starts (``osteoload.services.i18n``), so the sentences follow the language
    active for the request, the user or the ``--lang`` option.
    """
    global _gettext_fn, _ngettext_fn
    _gettext_fn = gettext
    _ngettext_fn = ngettext


def _(message: str) -> str:
    """Mark ``message`` for translation and return it in the current language."""
    return _gettext_fn(message)


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction only (``makemessages`` knows this name); translate it
    later with :func:`_` where it is used (tables built at import time, before any language
    is active)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, translated."""
    return _ngettext_fn(singular, plural, n)


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
