"""The progress charts, drawn from :func:`osteoload.services.progress.progress_series`.

Coaches and clients see the same charts; ``for_client`` changes only the words, and the
words that explain a result come from :mod:`osteoload.wording.progress` for that audience
(technical terms for the coach, plain words addressed to her for the client).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from osteoload.domain.units import kg_to_lb
from osteoload.services.catalogue import get_catalogue
from osteoload.wording import Audience, Pronouns
from osteoload.wording import progress as wording
from osteoload.wording.audience import SHE
from osteoload.wording.catalogue import exercise_words

from . import labels
from .charts import (
    CLIENT_WIDTH,
    WIDTH,
    BandSeries,
    Chart,
    HBand,
    Series,
    band_chart,
    bar_chart,
    line_chart,
    number,
)


@dataclass(slots=True)
class ChartGroup:
    heading: str
    intro: str
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty: str = ""


def _width(for_client: bool) -> int:
    return CLIENT_WIDTH if for_client else WIDTH


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _audience(for_client: bool) -> Audience:
    return Audience.CLIENT if for_client else Audience.COACH


def progress_charts(
    series: Mapping[str, Any],
    *,
    units: str,
    for_client: bool,
    balance_target: int | None,
    pronouns: Pronouns = SHE,
) -> list[ChartGroup]:
    """The chart groups; ``pronouns``: how the coach's words refer to the client."""
    return [
        _strength(series, units, for_client),
        _weekly(series, for_client, balance_target),
        _tests(series, for_client, pronouns),
        _scans(series, for_client),
        _projection(series, for_client, pronouns),
    ]


def _strength(series: Mapping[str, Any], units: str, for_client: bool) -> ChartGroup:
    catalogue = get_catalogue()
    lines = []
    for exercise_id, points in series.get("one_rm", {}).items():
        name = (
            exercise_words(catalogue[exercise_id].name) if exercise_id in catalogue else exercise_id
        )
        values = tuple(
            (_d(p["date"]), kg_to_lb(p["one_rm_kg"]) if units == "lb" else p["one_rm_kg"])
            for p in points
        )
        lines.append(Series(name, values))
    group = ChartGroup(*wording.strength_heading(_audience(for_client)))
    if not lines:
        group.empty = (
            _("Log a few sets with a weight and this chart appears.")
            if for_client
            else _("No logged sets of the key lifts yet.")
        )
        return group
    parts = []
    for line in lines:
        first, last = line.points[0][1], line.points[-1][1]
        parts.append(
            _("%(name)s: %(first)s to %(last)s %(unit)s")
            % {"name": line.name, "first": number(first), "last": number(last), "unit": units}
        )
    summary = "; ".join(parts) + "."
    group.charts.append(
        line_chart(
            "chart-one-rm",
            _("Estimated one-repetition maximum") if not for_client else _("How strong you are"),
            _("Estimated maximum per lift over time, in %(unit)s") % {"unit": units},
            lines,
            unit=units,
            width=_width(for_client),
            summary=(
                _("From your first to your latest session: %(summary)s") % {"summary": summary}
                if for_client
                else summary
            ),
        )
    )
    return group


def _weekly(series: Mapping[str, Any], for_client: bool, balance_target: int | None) -> ChartGroup:
    weeks = [_d(w) for w in series.get("week_starts", [])]
    group = ChartGroup(
        _("Your weeks") if for_client else _("Training per week"),
        _("What you did each week.")
        if for_client
        else _("Logged work per week (weeks start Monday)."),
    )
    by_region = series.get("weekly_sets_by_region", {})
    region_series = [(labels.label(labels.REGIONS, r), by_region[r]) for r in by_region]
    total_sets = sum(sum(v) for _, v in region_series)
    busiest: tuple[str, list[int]] = max(region_series, key=lambda rv: sum(rv[1]), default=("", []))
    group.charts.append(
        bar_chart(
            "chart-sets",
            _("Strength sets per week, by body region"),
            _(
                "Stacked bars: sets per week for hips, spine, legs, arms and trunk. A set counts "
                "for every region the exercise works."
            ),
            weeks,
            region_series,
            unit=_("sets"),
            width=_width(for_client),
            summary=wording.sets_summary(total_sets, len(weeks), busiest[0], _audience(for_client)),
        )
    )
    impacts = series.get("weekly_impacts", [])
    group.charts.append(
        bar_chart(
            "chart-impacts",
            _("Landings per week") if for_client else _("Impacts per week"),
            _("Bars: impacts (hops, stamps, jumps, heel drops) logged per week."),
            weeks,
            [(_("Landings") if for_client else _("Impacts"), impacts)],
            unit=_("impacts"),
            width=_width(for_client),
            summary=_("Last week: %(last)s; this week so far: %(this)s.")
            % {
                "last": impacts[-2] if len(impacts) > 1 else 0,
                "this": impacts[-1] if impacts else 0,
            },
        )
    )
    balance = series.get("weekly_balance_minutes", [])
    target = (
        (float(balance_target), _("Aim: %(minutes)s min a week") % {"minutes": balance_target})
        if balance_target
        else None
    )
    group.charts.append(
        bar_chart(
            "chart-balance",
            _("Balance practice per week"),
            _(
                "Bars: minutes of balance exercises logged per week, with a line at the aim of "
                "%(minutes)s minutes."
            )
            % {"minutes": balance_target}
            if target
            else _("Bars: minutes of balance exercises logged per week."),
            weeks,
            [(_("Balance minutes"), balance)],
            unit=_("minutes"),
            width=_width(for_client),
            summary=(
                _("Last week: %(last)s minutes; this week so far: %(this)s minutes (aim: %(aim)s).")
                if balance_target
                else _("Last week: %(last)s minutes; this week so far: %(this)s minutes.")
            )
            % {
                "last": balance[-2] if len(balance) > 1 else 0,
                "this": balance[-1] if balance else 0,
                "aim": balance_target,
            },
            target=target,
        )
    )
    return group


def _tests(series: Mapping[str, Any], for_client: bool, pronouns: Pronouns) -> ChartGroup:
    audience = _audience(for_client)
    group = ChartGroup(*wording.tests_heading(audience))
    by_key: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for result in series.get("tests", []):
        by_key[result["key"]].append(result)
    if not by_key:
        group.empty = _("No tests recorded yet.")
        return group
    for key, results in by_key.items():
        latest = results[-1]
        name = wording.result_name(latest, audience)
        line = Series(
            name,
            tuple((_d(r["date"]), float(r["value"])) for r in results),
            tuple(r["status"] for r in results),
        )
        group.charts.append(
            line_chart(
                f"chart-test-{key.replace('_', '-')}",
                name,
                wording.result_description(latest, audience),
                [line],
                unit=latest["unit"],
                places=2,
                width=_width(for_client),
                summary=wording.result_summary(latest, audience, pronouns),
            )
        )
    return group


def _scans(series: Mapping[str, Any], for_client: bool) -> ChartGroup:
    group = ChartGroup(*wording.scans_heading(_audience(for_client)))
    scans = series.get("scans", {})
    for site, points in scans.items():
        dated = [p for p in points if p.get("bmd_g_cm2") is not None]
        if not dated:
            continue
        name = labels.label(labels.SITES, site)
        changes = [p["change"] for p in dated if p.get("change")]
        bands = []
        if changes:
            lsc = changes[-1]["lsc_g_cm2"]
            base = changes[-1]["baseline_g_cm2"]
            bands.append(HBand(base - lsc, base + lsc, _("Within measurement error")))
            summary = wording.scan_change(changes[-1], name, _audience(for_client))
        else:
            summary = _(
                "One scan so far: %(bmd)s g/cm² on %(date)s. A second scan will show the change."
            ) % {"bmd": number(dated[0]["bmd_g_cm2"], 3), "date": dated[0]["date"]}
        group.charts.append(
            line_chart(
                f"chart-scan-{site.replace('_', '-')}",
                _("Bone density: %(site)s") % {"site": name},
                _("Bone mineral density at the %(site)s in g/cm² per scan.")
                % {"site": name.lower()},
                [Series(name, tuple((_d(p["date"]), float(p["bmd_g_cm2"])) for p in dated))],
                unit="g/cm²",
                bands=bands,
                places=3,
                width=_width(for_client),
                summary=summary,
            )
        )
    if not group.charts:
        group.empty = _("No scan results with bone density (g/cm²) recorded yet.")
    return group


def _projection(series: Mapping[str, Any], for_client: bool, pronouns: Pronouns) -> ChartGroup:
    projection = series.get("projection") or {}
    months = projection.get("months", 12)
    audience = _audience(for_client)
    group = ChartGroup(*wording.projection_heading(months, audience))
    for site, proj in (projection.get("sites") or {}).items():
        name = labels.label(labels.SITES, site)
        bands = []
        words = []
        for key, scenario in proj.get("scenarios", {}).items():
            points = scenario.get("points", [])
            if not points:
                continue
            scenario_name = labels.label(labels.SCENARIOS, key)
            bands.append(
                BandSeries(
                    scenario_name,
                    tuple(float(p["month"]) for p in points),
                    tuple(float(p["pct"]) for p in points),
                    tuple(float(p["low"]) for p in points),
                    tuple(float(p["high"]) for p in points),
                )
            )
            words.append(
                _("%(scenario)s: %(change)s %% (%(low)s to %(high)s)")
                % {
                    "scenario": scenario_name,
                    "change": _signed(scenario["pct_change"]),
                    "low": _signed(scenario["low"]),
                    "high": _signed(scenario["high"]),
                }
            )
        lsc = proj.get("lsc_pct")
        hband = (
            HBand(
                -float(lsc),
                float(lsc),
                _("Too small for a scan to show (±%(lsc)s %%)") % {"lsc": number(lsc)},
            )
            if lsc
            else None
        )
        group.charts.append(
            band_chart(
                f"chart-projection-{site.replace('_', '-')}",
                _("Projected change: %(site)s") % {"site": name},
                _(
                    "Expected change in bone density at the %(site)s over %(months)s months, "
                    "in per cent, for each scenario, with its range."
                )
                % {"site": name.lower(), "months": months},
                bands,
                unit="%",
                width=_width(for_client),
                summary=_("After %(months)s months: %(words)s.")
                % {"months": months, "words": "; ".join(words)},
                x_label=lambda m: (
                    _("now") if m == 0 else _("%(months)s months") % {"months": number(m, 0)}
                ),
                hband=hband,
            )
        )
    medication = projection.get("medication")
    if medication and group.charts:
        medicine = labels.label(labels.MEDICATIONS, medication).split(" (")[0].lower()
        source = str(projection.get("medication_source", ""))
        group.intro += wording.medication_note(medicine, source, audience, pronouns)
    group.notes = wording.projection_notes(projection, audience, pronouns)
    if not group.charts:
        group.empty = _("No projection is available yet.")
    return group


def _signed(value: float) -> str:
    text = number(float(value), 1)
    return text if text.startswith("-") or text == "0" else "+" + text
