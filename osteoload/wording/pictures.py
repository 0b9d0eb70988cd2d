"""The words that go with an exercise's pictures: the text alternative of the start and the
end position (what a screen reader says, and what shows when the picture does not load).

The pose words (``"standing holding a weight at the chest"``) come from the pose data, the
exercise's name from the catalogue; this module puts them into one sentence for each
position, in the active language.
"""

from __future__ import annotations

from .audience import _


def position_alt(name: str, position: str, words: str) -> str:
    """``"Goblet squat, start position: standing holding a weight at the chest"``.

    ``position`` is ``start`` or ``end``; ``words`` may be empty (no pose words).
    """
    if position == "start":
        if not words:
            return _("%(name)s, start position") % {"name": name}
        return _("%(name)s, start position: %(words)s") % {"name": name, "words": words}
    if not words:
        return _("%(name)s, end position") % {"name": name}
    return _("%(name)s, end position: %(words)s") % {"name": name, "words": words}


def position_caption(position: str) -> str:
    """The short caption under a picture: ``Start`` or ``End``."""
    return _("Start") if position == "start" else _("End")


def pictures_label(name: str) -> str:
    """The name of the pair of pictures, for a figure's accessible name."""
    return _("How to do %(name)s: start and end positions") % {"name": name}
