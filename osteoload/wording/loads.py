"""A load as her equipment shows it, in the active language.

The engine labels each rounded load for people (:func:`osteoload.domain.units.round_load_down`:
``"40 kg (20 kg bar + 10 kg a side)"``, ``"12 kg dumbbell"``, ``"medium band (about 5 kg)"``,
``"body weight (no added load)"``, or why no load fits), and stored programs keep those
labels. This module recognises each form and says it through :func:`_`, figures unchanged, so
Today, the booklet and the command line show it in the reader's language. A label it does not
know is returned as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .audience import _, gettext_noop
from .equipment import BANDS

_LOAD = r"\d+(?:\.\d+)? (?:kg|lb)"

#: The engine's words for the lightest implement (osteoload.domain.units._LIGHTEST_WORDS).
_LIGHTEST_WORDS = {
    "the empty bar": gettext_noop("the empty bar"),
    "the lightest dumbbell": gettext_noop("the lightest dumbbell"),
    "the lightest kettlebell": gettext_noop("the lightest kettlebell"),
    "the lightest stack plate": gettext_noop("the lightest stack plate"),
}
#: Band strengths as the engine's labels write them (BandLevel, underscores as spaces).
_BAND_NAMES = {level.value.replace("_", " "): words for level, words in BANDS.items()}
_HEAVIEST = " (the heaviest available)"


def _band(name: str) -> str:
    return _(_BAND_NAMES[name]) if name in _BAND_NAMES else name


def _empty_bar(m: re.Match[str]) -> str:
    return _("{load} (empty bar)").format(load=m["load"])


def _bar(m: re.Match[str]) -> str:
    return _("{load} ({bar} bar + {side} a side)").format(
        load=m["load"], bar=m["bar"], side=m["side"]
    )


def _stack(m: re.Match[str]) -> str:
    return _("{load} on the stack").format(load=m["load"])


def _dumbbell(m: re.Match[str]) -> str:
    return _("{load} dumbbell").format(load=m["load"])


def _kettlebell(m: re.Match[str]) -> str:
    return _("{load} kettlebell").format(load=m["load"])


def _band_load(m: re.Match[str]) -> str:
    return _("{band} band (about {load})").format(band=_band(m["band"]), load=m["load"])


def _too_light(m: re.Match[str]) -> str:
    return _("lighter than {what} ({load}): use the regression or body weight").format(
        what=_(_LIGHTEST_WORDS[m["what"]]), load=m["load"]
    )


def _too_light_band(m: re.Match[str]) -> str:
    return _(
        "lighter than the lightest band ({band}, about {load}): use the regression or body weight"
    ).format(band=_band(m["band"]), load=m["load"])


_LABEL_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"(?P<load>{_LOAD}) \(empty bar\)"), _empty_bar),
    (re.compile(rf"(?P<load>{_LOAD}) \((?P<bar>{_LOAD}) bar \+ (?P<side>{_LOAD}) a side\)"), _bar),
    (re.compile(rf"(?P<load>{_LOAD}) on the stack"), _stack),
    (re.compile(rf"(?P<load>{_LOAD}) dumbbell"), _dumbbell),
    (re.compile(rf"(?P<load>{_LOAD}) kettlebell"), _kettlebell),
    (re.compile(rf"(?P<band>[a-z ]+) band \(about (?P<load>{_LOAD})\)"), _band_load),
    (
        re.compile(
            rf"lighter than (?P<what>{'|'.join(_LIGHTEST_WORDS)}) \((?P<load>{_LOAD})\): "
            "use the regression or body weight"
        ),
        _too_light,
    ),
    (
        re.compile(
            rf"lighter than the lightest band \((?P<band>[a-z ]+), about (?P<load>{_LOAD})\): "
            "use the regression or body weight"
        ),
        _too_light_band,
    ),
)


def load_label_words(label: str) -> str:
    """The engine's load ``label`` in the active language (as it is when not recognised)."""
    if label == "body weight (no added load)":
        return _("body weight (no added load)")
    heaviest = label.endswith(_HEAVIEST)
    core = label[: -len(_HEAVIEST)] if heaviest else label
    for pattern, say in _LABEL_FORMS:
        found = pattern.fullmatch(core)
        if found:
            words = say(found)
            return _("{load} (the heaviest available)").format(load=words) if heaviest else words
    return label
