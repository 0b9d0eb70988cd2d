"""Words for how a next prescription compares with what she did last time."""

from __future__ import annotations

from .audience import Audience, _

_COACH = {
    "increase": "Up",
    "hold": "Same",
    "decrease": "Down",
    "new": "New",
}
_CLIENT = {
    "increase": "A step up",
    "hold": "The same as last time",
    "decrease": "A little easier",
    "new": "New for you",
}


def change_words(change: str, audience: Audience | str = Audience.COACH) -> str:
    """``increase`` -> ``"Up"`` (coach) or ``"A step up"`` (client)."""
    table = _CLIENT if Audience(audience) is Audience.CLIENT else _COACH
    return _(table.get(change, change))
