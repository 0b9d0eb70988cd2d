"""Use cases: assess a client, judge a DXA change, project bone density; render the chart.

The engine (``osteoload.domain.assessment`` / ``.projection``) does the clinical work; this
module reads profiles, shapes the JSON documents (``schema_version`` 1) and draws the
projection chart as a small self-contained SVG built with the standard library.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from osteoload.domain.assessment import Assessment, DxaChange, assess, dxa_change
from osteoload.domain.profile import ClientProfile
from osteoload.domain.projection import (
    SCENARIOS,
    SCHEMA_VERSION,
    BmdProjection,
    MuscleProjection,
    project_bmd,
    project_muscle,
)
from osteoload.domain.serialize import jsonable
from osteoload.domain.vocabulary import Medication, ScannerMake, Site, Track
from osteoload.wording import projection as projection_words
from osteoload.wording import pronouns_for
from osteoload.wording.assessment import word_assessment
from osteoload.wording.dxa import dxa_verdict

from . import clock
from .profiles import load_profile


def assess_file(path: Path, *, as_of: date) -> Assessment:
    """Read a profile file and assess it as of ``as_of``; raises ``InputError`` on bad input.

    The profile is validated against the real date (no future dates), then assessed as of
    ``as_of``.
    """
    return assess(load_profile(path, today=clock.today()), as_of=as_of)


def assessment_document(result: Assessment) -> dict[str, Any]:
    """The ``assess`` JSON document (schema version 1): the engine's codes and figures, and
    its ``message`` fields in words in the active language."""
    data: dict[str, Any] = jsonable(word_assessment(result))
    data["schema_version"] = SCHEMA_VERSION
    return data


def dxa_change_document(
    *,
    site: Site,
    baseline_g_cm2: float,
    followup_g_cm2: float,
    precision_g_cm2: float | None = None,
    baseline_scanner: ScannerMake | None = None,
    followup_scanner: ScannerMake | None = None,
) -> tuple[DxaChange, dict[str, Any]]:
    """Judge a DXA change (R29) and return it with its JSON document (schema version 1):
    the engine's verdict code (``direction``) and figures, and its ``message`` in words in
    the active language."""
    change = dxa_change(
        site=site,
        baseline_g_cm2=baseline_g_cm2,
        followup_g_cm2=followup_g_cm2,
        precision_g_cm2=precision_g_cm2,
        baseline_scanner=baseline_scanner,
        followup_scanner=followup_scanner,
    )
    data = jsonable(change)
    return change, {"schema_version": SCHEMA_VERSION, **data, "message": dxa_verdict(data)}


def project_profile(
    profile: ClientProfile,
    *,
    months: int,
    medication: Medication | None,
    track: Track,
    as_of: date,
) -> tuple[BmdProjection, MuscleProjection]:
    """Project bone density (R30) and muscle (section 10) for a loaded profile."""
    bone = project_bmd(profile, months=months, medication=medication, track=track, as_of=as_of)
    muscle = project_muscle(profile, months=months, as_of=as_of)
    return bone, muscle


def project_file(
    path: Path, *, months: int, medication: Medication | None, track: Track, as_of: date
) -> tuple[BmdProjection, MuscleProjection]:
    """Read a profile file and project it; raises ``InputError`` / ``InvalidInput``."""
    profile = load_profile(path, today=clock.today())
    return project_profile(profile, months=months, medication=medication, track=track, as_of=as_of)


def projection_document(bone: BmdProjection, muscle: MuscleProjection | None) -> dict[str, Any]:
    """The ``project`` JSON document: the bone projection plus an optional ``muscle`` part.

    Each part keeps its coded ``notes`` and adds ``assumptions``: the same notes as sentences
    in the active language, about the client with the pronoun her sex implies."""
    pronouns = pronouns_for(bone.sex.value)
    data: dict[str, Any] = jsonable(bone)
    data["schema_version"] = SCHEMA_VERSION
    data["assumptions"] = projection_words.assumptions(data["notes"], pronouns)
    if muscle is not None:
        part = jsonable(muscle)
        part.pop("schema_version", None)
        part.pop("as_of", None)
        part["assumptions"] = projection_words.assumptions(part["notes"], pronouns)
        data["muscle"] = part
    return data


# =========================================================================================
# SVG chart
# =========================================================================================

SITE_TITLES: dict[Site, str] = {
    Site.LUMBAR_SPINE: "Lower spine",
    Site.FEMORAL_NECK: "Hip (femoral neck)",
    Site.TOTAL_HIP: "Whole hip",
}
SCENARIO_TITLES: dict[str, str] = {
    "none": "No treatment",
    "exercise": "Exercise",
    "medication": "Medication",
    "combined": "Medication + exercise",
}
_LEGEND_NOTES: dict[str, str] = {"combined": " (centre = medication)"}
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
_COLOURS: dict[str, str] = {
    "none": "#555555",
    "exercise": "#0072B2",
    "medication": "#D55E00",
    "combined": "#009E73",
}
_DASHES: dict[str, str] = {"none": "8 5", "exercise": "", "medication": "3 5", "combined": ""}
# Medication is drawn last: the combined line shares its centre (R30: no additive bonus).
_LINE_ORDER: tuple[str, ...] = ("none", "exercise", "combined", "medication")
_WIDTH = 960
_PANEL_H = 300
_TOP = 110
_LEFT = 96
_RIGHT = 40
_GAP = 86
_LEGEND_H = 120
_FONT = "font-family='Arial, Helvetica, sans-serif'"


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _tick_label(value: float) -> str:
    return "0 %" if abs(value) < 1e-9 else f"{value:+g} %"


def _nice_step(span: float) -> float:
    for step in (0.5, 1.0, 2.0, 2.5, 5.0, 10.0):
        if span / step <= 8:
            return step
    return 20.0


def projection_svg(bone: BmdProjection, *, title: str | None = None) -> str:
    """Draw the bone projection as an accessible SVG (one band chart per site).

    Each panel shows the four scenarios over the months: a shaded band from low to high and
    a line for the central value, the zero line, and the site's least significant change as
    a dotted band. Text is at least 15 px; ``<title>`` and ``<desc>`` carry a text
    alternative with the numbers.
    """
    heading = title or f"Bone density: where it may be in {bone.months} months"
    sites = list(bone.sites)
    height = _TOP + len(sites) * (_PANEL_H + _GAP) + _LEGEND_H
    plot_w = _WIDTH - _LEFT - _RIGHT
    out: list[str] = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{_WIDTH}' height='{height}' "
        f"viewBox='0 0 {_WIDTH} {height}' role='img' aria-labelledby='t d' {_FONT}>",
        f"<title id='t'>{escape(heading)}</title>",
        f"<desc id='d'>{escape(_svg_description(bone))}</desc>",
        f"<rect width='{_WIDTH}' height='{height}' fill='#ffffff'/>",
        f"<text x='{_LEFT}' y='40' font-size='26' font-weight='bold' fill='#111111'>"
        f"{escape(heading)}</text>",
        f"<text x='{_LEFT}' y='66' font-size='16' fill='#333333'>Percent change from today. "
        "Line: expected average. Shaded: its likely range.</text>",
        f"<text x='{_LEFT}' y='88' font-size='16' fill='#333333'>Dotted box: changes inside it "
        "are too small for a scan to confirm.</text>",
    ]
    for index, site in enumerate(sites):
        top = _TOP + index * (_PANEL_H + _GAP) + 30
        out += _panel(bone, site, top, plot_w)
    legend_top = _TOP + len(sites) * (_PANEL_H + _GAP) + 10
    out += _legend(legend_top)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _panel(bone: BmdProjection, site: Site, top: int, plot_w: int) -> list[str]:
    proj = bone.sites[site]
    values = [0.0, proj.lsc_pct, -proj.lsc_pct]
    for scenario in proj.scenarios.values():
        values += [p.low for p in scenario.points] + [p.high for p in scenario.points]
    step = _nice_step(max(values) - min(values) or 1.0)
    y_min = step * (min(values) // step)
    y_max = step * -(-max(values) // step)
    if y_max - y_min < step:
        y_max = y_min + step
    months = bone.months

    def x(month: float) -> float:
        return _LEFT + plot_w * month / months

    def y(pct: float) -> float:
        return top + _PANEL_H * (y_max - pct) / (y_max - y_min)

    out = [
        f"<text x='{_LEFT}' y='{top - 12}' font-size='20' font-weight='bold' fill='#111111'>"
        f"{escape(SITE_TITLES.get(site, site.value))}</text>",
        f"<rect x='{_LEFT}' y='{top}' width='{plot_w}' height='{_PANEL_H}' fill='none' "
        "stroke='#999999'/>",
    ]
    tick = y_min
    while tick <= y_max + 1e-9:
        out.append(
            f"<line x1='{_LEFT}' x2='{_LEFT + plot_w}' y1='{y(tick):.1f}' y2='{y(tick):.1f}' "
            f"stroke='{'#444444' if abs(tick) < 1e-9 else '#e2e2e2'}'/>"
        )
        out.append(
            f"<text x='{_LEFT - 10}' y='{y(tick) + 5:.1f}' font-size='15' text-anchor='end' "
            f"fill='#333333'>{_tick_label(tick)}</text>"
        )
        tick += step
    x_step = 3 if months <= 24 else 6 if months <= 48 else 12
    for m in range(0, months + 1, x_step):
        out.append(
            f"<text x='{x(m):.1f}' y='{top + _PANEL_H + 22}' font-size='15' text-anchor='middle' "
            f"fill='#333333'>{m}</text>"
        )
    out.append(
        f"<text x='{_LEFT + plot_w / 2:.1f}' y='{top + _PANEL_H + 44}' font-size='15' "
        "text-anchor='middle' fill='#333333'>months from today</text>"
    )
    lsc = proj.lsc_pct
    out.append(
        f"<rect x='{_LEFT}' y='{y(lsc):.1f}' width='{plot_w}' height='{y(-lsc) - y(lsc):.1f}' "
        "fill='none' stroke='#777777' stroke-dasharray='2 3'/>"
    )
    out.append(
        f"<text x='{_LEFT + plot_w - 6}' y='{y(lsc) - 6:.1f}' font-size='15' text-anchor='end' "
        f"fill='#555555'>scan can confirm beyond ±{lsc:.1f} %</text>"
    )
    for name in SCENARIOS:
        points = proj.scenarios[name].points
        colour = _COLOURS[name]
        upper = " ".join(f"{x(p.month):.1f},{y(p.high):.1f}" for p in points)
        lower = " ".join(f"{x(p.month):.1f},{y(p.low):.1f}" for p in reversed(points))
        out.append(
            f"<polygon points='{upper} {lower}' fill='{colour}' fill-opacity='0.13' "
            f"stroke='none'><title>{escape(SCENARIO_TITLES[name])} range</title></polygon>"
        )
    for name in _LINE_ORDER:
        points = proj.scenarios[name].points
        colour = _COLOURS[name]
        line = " ".join(f"{x(p.month):.1f},{y(p.pct):.1f}" for p in points)
        dash = f" stroke-dasharray='{_DASHES[name]}'" if _DASHES[name] else ""
        final = proj.scenarios[name]
        out.append(
            f"<polyline points='{line}' fill='none' stroke='{colour}' stroke-width='4'{dash}>"
            f"<title>{escape(SCENARIO_TITLES[name])}: {final.pct_change:+.1f} % "
            f"({final.low:+.1f} to {final.high:+.1f} %)</title></polyline>"
        )
    return out


def _legend(top: int) -> list[str]:
    out = [f"<text x='{_LEFT}' y='{top + 20}' font-size='18' font-weight='bold'>Key</text>"]
    for i, name in enumerate(SCENARIOS):
        col, row = i % 2, i // 2
        lx = _LEFT + col * 400
        ly = top + 50 + row * 34
        dash = f" stroke-dasharray='{_DASHES[name]}'" if _DASHES[name] else ""
        out.append(
            f"<rect x='{lx}' y='{ly - 14}' width='48' height='20' fill='{_COLOURS[name]}' "
            "fill-opacity='0.13'/>"
        )
        out.append(
            f"<line x1='{lx}' x2='{lx + 48}' y1='{ly - 4}' y2='{ly - 4}' "
            f"stroke='{_COLOURS[name]}' stroke-width='4'{dash}/>"
        )
        out.append(
            f"<text x='{lx + 60}' y='{ly + 2}' font-size='17' fill='#111111'>"
            f"{escape(SCENARIO_TITLES[name] + _LEGEND_NOTES.get(name, ''))}</text>"
        )
    return out


def _svg_description(bone: BmdProjection) -> str:
    parts = [
        f"Projected change in bone density over {bone.months} months, as percent from today, "
        f"for four scenarios (medication: {bone.medication.value}; exercise track: "
        f"{bone.track.value})."
    ]
    for site, proj in bone.sites.items():
        items = "; ".join(
            f"{SCENARIO_TITLES[name].lower()} {s.pct_change:+.1f} % "
            f"(range {s.low:+.1f} to {s.high:+.1f} %)"
            for name, s in proj.scenarios.items()
        )
        parts.append(
            f"{SITE_TITLES.get(site, site.value)}: {items}. A scan can confirm a change of "
            f"{proj.lsc_pct:.1f} % or more."
        )
    return " ".join(parts)
