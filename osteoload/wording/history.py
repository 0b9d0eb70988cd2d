"""The words of her training history and calendar: what a planned session became (done,
partial, missed) or is (coming, today), and the legend that explains them.

The status itself is decided by :mod:`osteoload.services.history` from her planned sessions
and her log; this module only says it.
"""

from __future__ import annotations

from .audience import _, gettext_noop

#: Session statuses, as ``osteoload.services.history`` classifies them.
DONE = "done"
PARTIAL = "partial"
MISSED = "missed"
COMING = "coming"
TODAY = "today"
EXTRA = "extra"

_LABELS: dict[str, str] = {
    DONE: gettext_noop("Done"),
    PARTIAL: gettext_noop("Partly done"),
    MISSED: gettext_noop("Missed"),
    COMING: gettext_noop("Coming"),
    TODAY: gettext_noop("Today"),
    EXTRA: gettext_noop("Extra training"),
}

_MEANINGS: dict[str, str] = {
    DONE: gettext_noop("every exercise of the session has at least one set logged"),
    PARTIAL: gettext_noop("some exercises of the session were logged, not all"),
    MISSED: gettext_noop("nothing was logged on the day of the session"),
    COMING: gettext_noop("a session still to come"),
    TODAY: gettext_noop("today's session, not logged yet"),
    EXTRA: gettext_noop("training logged on a day without a planned session"),
}

#: One mark per status, so the calendar does not rely on colour alone.
MARKS: dict[str, str] = {
    DONE: "✓",
    PARTIAL: "◐",
    MISSED: "✗",
    COMING: "○",
    TODAY: "●",
    EXTRA: "+",
}


def status_label(status: str) -> str:
    """``Done``, ``Partly done``, ``Missed``, ``Coming``, ``Today`` or ``Extra training``."""
    return _(_LABELS[status])


def status_meaning(status: str) -> str:
    """What the status means, for the calendar's legend."""
    return _(_MEANINGS[status])


def legend() -> list[tuple[str, str, str, str]]:
    """``(status, mark, label, meaning)`` for every status, in the legend's order."""
    return [(s, MARKS[s], status_label(s), status_meaning(s)) for s in _LABELS]


def day_summary(label: str, planned: int, logged: int) -> str:
    """The words of a session in the calendar: ``"Done: 5 of 5 exercises logged"``."""
    return _("%(label)s: %(logged)s of %(planned)s exercises logged") % {
        "label": label,
        "logged": logged,
        "planned": planned,
    }
