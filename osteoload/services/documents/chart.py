"""The projection chart of the doctor's report: three small band charts side by side."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from osteoload.domain.projection import SCENARIOS, BmdProjection

from ..assessment import SCENARIO_TITLES
from .rendering import number_text
from .words import REPORT_SITE_TITLES

_SCENARIO_COLOURS = {
    "none": "#555555",
    "exercise": "#0072B2",
    "medication": "#D55E00",
    "combined": "#009E73",
}


_SCENARIO_DASH = {"none": "6 4", "exercise": "", "medication": "2 4", "combined": ""}


def projection_band_svg(bone: BmdProjection) -> SafeString:
    """Projected % change per site as band charts (range shaded, central line), with the
    site's least significant change as a dotted band. Self-contained SVG, text >= 11 px."""
    sites = list(bone.sites)
    panel_w, panel_h, gap, left, top = 200.0, 190.0, 34.0, 44.0, 34.0
    width = left + len(sites) * (panel_w + gap)
    height = top + panel_h + 40 + 24 * 3
    values = [0.0]
    for proj in bone.sites.values():
        values += [proj.lsc_pct, -proj.lsc_pct]
        for sc in proj.scenarios.values():
            values += [p.low for p in sc.points] + [p.high for p in sc.points]
    step = next((s for s in (0.5, 1, 2, 2.5, 5, 10) if (max(values) - min(values)) / s <= 7), 20)
    lo = step * math.floor(min(values) / step)
    hi = step * math.ceil(max(values) / step)
    hi = hi if hi > lo else lo + step
    font = "font-family='DejaVu Sans, Arial, sans-serif'"
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width:.0f} {height:.0f}' "
        f"class='chart' role='img' aria-label='Projected change in bone density over "
        f"{bone.months} months' {font}>",
        f"<title>Projected change in bone density over {bone.months} months</title>",
    ]
    for i, site in enumerate(sites):
        proj = bone.sites[site]
        x0 = left + i * (panel_w + gap)

        def x(month: float, x0: float = x0) -> float:
            return x0 + panel_w * month / bone.months

        def y(pct: float) -> float:
            return top + panel_h * (hi - pct) / (hi - lo)

        out.append(
            f"<text x='{x0:.1f}' y='{top - 12:.1f}' font-size='13' font-weight='bold'>"
            f"{escape(REPORT_SITE_TITLES.get(site, site.value))}</text>"
        )
        out.append(
            f"<rect x='{x0:.1f}' y='{top:.1f}' width='{panel_w:.1f}' height='{panel_h:.1f}' "
            "fill='none' stroke='#999999'/>"
        )
        tick = lo
        while tick <= hi + 1e-9:
            colour = "#444444" if abs(tick) < 1e-9 else "#e0e0e0"
            out.append(
                f"<line x1='{x0:.1f}' x2='{x0 + panel_w:.1f}' y1='{y(tick):.1f}' "
                f"y2='{y(tick):.1f}' stroke='{colour}'/>"
            )
            if i == 0:
                out.append(
                    f"<text x='{x0 - 5:.1f}' y='{y(tick) + 4:.1f}' font-size='11' "
                    f"text-anchor='end'>{number_text(tick)}%</text>"
                )
            tick += step
        lsc = proj.lsc_pct
        out.append(
            f"<rect x='{x0:.1f}' y='{y(lsc):.1f}' width='{panel_w:.1f}' "
            f"height='{y(-lsc) - y(lsc):.1f}' fill='none' stroke='#777777' "
            "stroke-dasharray='2 3'/>"
        )
        for name in SCENARIOS:
            pts = proj.scenarios[name].points
            upper = " ".join(f"{x(p.month):.1f},{y(p.high):.1f}" for p in pts)
            lower = " ".join(f"{x(p.month):.1f},{y(p.low):.1f}" for p in reversed(pts))
            out.append(
                f"<polygon points='{upper} {lower}' fill='{_SCENARIO_COLOURS[name]}' "
                "fill-opacity='0.12' stroke='none'/>"
            )
        for name in ("none", "exercise", "combined", "medication"):
            pts = proj.scenarios[name].points
            line = " ".join(f"{x(p.month):.1f},{y(p.pct):.1f}" for p in pts)
            dash = f" stroke-dasharray='{_SCENARIO_DASH[name]}'" if _SCENARIO_DASH[name] else ""
            out.append(
                f"<polyline points='{line}' fill='none' stroke='{_SCENARIO_COLOURS[name]}' "
                f"stroke-width='2.5'{dash}/>"
            )
        for m in (0, bone.months // 2, bone.months):
            out.append(
                f"<text x='{x(m):.1f}' y='{top + panel_h + 15:.1f}' font-size='11' "
                f"text-anchor='middle'>{m}</text>"
            )
        out.append(
            f"<text x='{x0 + panel_w / 2:.1f}' y='{top + panel_h + 30:.1f}' font-size='11' "
            f"text-anchor='middle'>months from {bone.as_of.isoformat()}</text>"
        )
    legend_y = top + panel_h + 52
    for j, name in enumerate(SCENARIOS):
        lx = left + (j % 2) * 300
        ly = legend_y + (j // 2) * 22
        dash = f" stroke-dasharray='{_SCENARIO_DASH[name]}'" if _SCENARIO_DASH[name] else ""
        out.append(
            f"<line x1='{lx:.1f}' x2='{lx + 34:.1f}' y1='{ly:.1f}' y2='{ly:.1f}' "
            f"stroke='{_SCENARIO_COLOURS[name]}' stroke-width='3'{dash}/>"
        )
        out.append(
            f"<text x='{lx + 42:.1f}' y='{ly + 4:.1f}' font-size='12'>"
            f"{escape(SCENARIO_TITLES[name])}</text>"
        )
    out.append(
        f"<rect x='{left:.1f}' y='{legend_y + 38:.1f}' width='34' height='12' fill='none' "
        "stroke='#777777' stroke-dasharray='2 3'/>"
    )
    out.append(
        f"<text x='{left + 42:.1f}' y='{legend_y + 48:.1f}' font-size='12'>Dotted box: a change "
        "inside it is too small for a scan to confirm (least significant change)</text>"
    )
    out.append("</svg>")
    return mark_safe("\n".join(out))
