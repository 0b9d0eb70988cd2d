"""Whether a change between two bone scans is real (R29), in words for the coach and paper.

The engine (:func:`osteoload.domain.assessment.dxa_change`) decides: a verdict code
(``direction``: ``gain``, ``loss``, ``stable``, ``not_comparable``) with the change, the
least significant change and where it came from, and the scanner makes. :func:`dxa_verdict`
says it in the active language. The client's plain words are
``osteoload.wording.progress.scan_change``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from osteoload.domain.assessment import DxaChange
from osteoload.domain.serialize import jsonable

from .audience import Audience, _
from .bone import site_name

Change = DxaChange | Mapping[str, Any]
"""A DXA change: the engine record or its JSON form."""


def scanner_name(value: Any) -> str:
    """A scanner make in words."""
    names = {"hologic": "Hologic", "lunar": "Lunar", "other": _("another make")}
    return names.get(str(value), str(value))


def _lsc(c: Mapping[str, Any], site: str) -> str:
    pct = f"{float(c.get('lsc_pct') or 0):.1f}"
    if c.get("lsc_source") == "precision":
        return _("{g} g/cm2 ({pct} %)").format(g=f"{float(c.get('lsc_g_cm2') or 0):.3f}", pct=pct)
    return _(
        "{pct} % (a default for the {site}; the centre's own precision would be better)"
    ).format(pct=pct, site=site)


def dxa_verdict(change: Change) -> str:
    """The verdict on a change between two scans (R29), one or two sentences."""
    c: Mapping[str, Any] = jsonable(change) if isinstance(change, DxaChange) else change
    direction = str(c.get("direction", ""))
    if direction == "not_comparable":
        return _(
            "Not comparable: the scans were made on different scanner makes ({first} then "
            "{second}), whose g/cm2 differ by several percent; compare scans from the same "
            "scanner, or ask the centre for cross-calibrated values."
        ).format(
            first=scanner_name(c.get("baseline_scanner")),
            second=scanner_name(c.get("followup_scanner")),
        )
    site = site_name(c.get("site"), Audience.COACH)
    values = {
        "site": site,
        "change": _("{g} g/cm2 ({pct} %)").format(
            g=f"{float(c.get('change_g_cm2') or 0):+.3f}",
            pct=f"{float(c.get('change_pct') or 0):+.1f}",
        ),
        "lsc": _lsc(c, site),
    }
    if direction == "gain":
        text = _(
            "Real gain: the change at the {site} of {change} is at least the least significant "
            "change of {lsc}."
        ).format(**values)
    elif direction == "loss":
        text = _(
            "Real loss: the change at the {site} of {change} is at least the least significant "
            "change of {lsc}."
        ).format(**values)
    else:
        text = _(
            "Stable (within measurement error): the change at the {site} of {change} is smaller "
            "than the least significant change of {lsc}."
        ).format(**values)
    if c.get("baseline_scanner") is None or c.get("followup_scanner") is None:
        text += " " + _(
            "Scanner makes were not given for both scans; they are assumed to be the same."
        )
    return text
