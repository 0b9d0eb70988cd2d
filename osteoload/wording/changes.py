"""Words for how a next prescription compares with what she did last time."""

from __future__ import annotations

from .audience import N_, Audience, _

_COACH = {
    "increase": N_("Up"),
    "hold": N_("Same"),
    "decrease": N_("Down"),
    "new": N_("New"),
}
_CLIENT = {
    "increase": N_("A step up"),
    "hold": N_("The same as last time"),
    "decrease": N_("A little easier"),
    "new": N_("New for you"),
}


def change_words(change: str, audience: Audience | str = Audience.COACH) -> str:
    """``increase`` -> ``"Up"`` (coach) or ``"A step up"`` (client)."""
    table = _CLIENT if Audience(audience) is Audience.CLIENT else _COACH
    return _(table.get(change, change))
