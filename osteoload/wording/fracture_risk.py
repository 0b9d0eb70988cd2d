"""A fracture-risk result a clinician entered (rule R31), in words.

The engine's ``fracture_risk`` finding carries the latest FRAX or Garvan result exactly as
it was entered (``tool``, ``date``, ``horizon_years``, ``major_osteoporotic_pct``,
``any_fracture_pct``, ``hip_pct``, ``with_bmd``, ``entered_by``); osteoload never computes
one. This module says it: the coach and the doctor's report read the calculator's terms
("FRAX (entered by Dr Ruiz on 1 May 2026): 10-year risk of a major osteoporotic fracture
18 %, of a hip fracture 3.2 %"), the client plain words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .audience import Audience, _
from .stops import _MONTHS

_TOOLS = {"frax": "FRAX", "garvan": "Garvan"}


def _pct(value: Any) -> str:
    """A percentage as it was entered: 18.0 -> "18", 3.2 -> "3.2"."""
    return f"{float(value):g}"


def _long_date(value: Any) -> str:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return _("{day} {month} {year}").format(
        day=day.day, month=_(_MONTHS[day.month - 1]), year=day.year
    )


def _risks(data: Mapping[str, Any]) -> list[str]:
    """The entered risks, the broadest first, each as "of a hip fracture 3.2 %"."""
    named = (
        ("major_osteoporotic_pct", _("of a major osteoporotic fracture {pct} %")),
        ("any_fracture_pct", _("of any fracture {pct} %")),
        ("hip_pct", _("of a hip fracture {pct} %")),
    )
    return [text.format(pct=_pct(data[key])) for key, text in named if data.get(key) is not None]


def _bmd(data: Mapping[str, Any]) -> str:
    if data.get("with_bmd") is True:
        return _("Calculated with a bone density result.")
    if data.get("with_bmd") is False:
        return _("Calculated without a bone density result.")
    return ""


def fracture_risk_text(data: Mapping[str, Any], audience: Audience) -> str:
    """The entered result in one or two sentences for ``audience`` (the coach's and the
    report's terms; the client's plain words); ``""`` when no risk is given."""
    risks = _risks(data)
    if not risks:
        return ""
    tool = _TOOLS.get(str(data.get("tool")), str(data.get("tool") or ""))
    day = _long_date(data.get("date"))
    years = data.get("horizon_years") or 10
    risk_list = ", ".join(risks)
    if audience is Audience.CLIENT:
        text = _(
            "Your fracture risk, worked out by your doctor with {tool} on {day}: over the next "
            "{years} years, a risk {risks}. It is a doctor's estimate; osteoload does not "
            "calculate it."
        ).format(tool=tool, day=day, years=years, risks=risk_list)
        return text
    who = str(data.get("entered_by") or "").strip()
    if who:
        head = _("{tool} (entered by {who} on {day})").format(tool=tool, who=who, day=day)
    else:
        head = _("{tool} (result of {day})").format(tool=tool, day=day)
    text = _("{head}: {years}-year risk {risks}.").format(head=head, years=years, risks=risk_list)
    return " ".join(part for part in (text, _bmd(data)) if part)
