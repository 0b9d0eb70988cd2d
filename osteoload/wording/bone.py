"""Which bone-density result the screening used, in words.

The engine's bone-category finding (rule R27, code ``bone_category``) says in its data which
score decided the category: ``site``, ``source`` (``recorded_scan``: a scan her coach
recorded after intake; ``intake_form``: the intake's T-scores or its own scans) and
``scan_date`` (ISO date, or ``None`` for a T-score typed into the intake form). This module
says it for the coach and for the client.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .audience import Audience, _


def _site(site: Any, audience: Audience) -> str:
    """A skeletal site: the coach's term, or the client's plain words."""
    coach = audience is Audience.COACH
    words = {
        "lumbar_spine": _("lumbar spine") if coach else _("lower spine"),
        "total_hip": _("total hip") if coach else _("whole hip"),
        "femoral_neck": _("femoral neck") if coach else _("hip (femoral neck)"),
        "forearm": _("forearm"),
    }
    return words.get(str(site), str(site))


def site_name(site: Any, audience: Audience) -> str:
    """A skeletal site in words: the coach's term, or the client's plain words."""
    return _site(site, audience)


def _day(value: Any) -> str | None:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return None
    return f"{day.day} {day.strftime('%B')} {day.year}"


def bone_source(data: Mapping[str, Any], audience: Audience) -> str:
    """One sentence naming the result the bone category rests on, or ``""`` when the
    finding has no source (no result at all, or an older stored screening)."""
    source, site = data.get("source"), data.get("site")
    if source not in ("recorded_scan", "intake_form") or not site:
        return ""
    where = _site(site, audience)
    day = _day(data.get("scan_date")) if data.get("scan_date") else None
    if source == "recorded_scan":
        if audience is Audience.COACH:
            if day is None:
                return _("Result used: the latest {site} scan recorded after intake.").format(
                    site=where
                )
            return _("Result used: the {site} scan of {day}, recorded after intake.").format(
                site=where, day=day
            )
        if day is None:
            return _("This is from your latest {site} scan.").format(site=where)
        return _("This is from your {site} scan of {day}.").format(site=where, day=day)
    if audience is Audience.COACH:
        if day is None:
            return _("Result used: the {site} T-score on the intake form.").format(site=where)
        return _("Result used: the {site} scan of {day} on the intake form.").format(
            site=where, day=day
        )
    if day is None:
        return _("This is from the {site} result you gave when you joined.").format(site=where)
    return _("This is from your {site} scan of {day}, given when you joined.").format(
        site=where, day=day
    )
