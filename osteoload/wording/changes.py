"""Words for how a next prescription compares with what she did last time."""

from __future__ import annotations

from .audience import Audience, _, gettext_noop

_COACH = {
    "increase": gettext_noop("Up"),
    "hold": gettext_noop("Same"),
    "decrease": gettext_noop("Down"),
    "new": gettext_noop("New"),
}
_CLIENT = {
    "increase": gettext_noop("A step up"),
    "hold": gettext_noop("The same as last time"),
    "decrease": gettext_noop("A little easier"),
    "new": gettext_noop("New for you"),
}


def change_words(change: str, audience: Audience | str = Audience.COACH) -> str:
    """``increase`` -> ``"Up"`` (coach) or ``"A step up"`` (client)."""
    table = _CLIENT if Audience(audience) is Audience.CLIENT else _COACH
    return _(table.get(change, change))
