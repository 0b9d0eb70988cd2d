"""The SVG chart module: scales, escaping, text alternatives, empty data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from osteoload.web.charts import (
    BandSeries,
    HBand,
    Series,
    band_chart,
    bar_chart,
    line_chart,
    nice_ticks,
    number,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart):
    return ET.fromstring(str(chart.svg))


def test_nice_ticks_cover_the_range_with_round_steps():
    assert nice_ticks(0, 97) == [0, 25, 50, 75, 100]
    ticks = nice_ticks(0.742, 0.81)
    assert ticks[0] <= 0.742 and ticks[-1] >= 0.81 and len(ticks) <= 6
    assert nice_ticks(5, 5)[0] < 5 < nice_ticks(5, 5)[-1]
    assert nice_ticks(-1.1, 6.0)[0] <= -1.1


def test_number_is_short():
    assert number(2.0) == "2" and number(2.25, 2) == "2.25" and number(-0.04) == "0"


def test_line_chart_is_valid_svg_with_title_desc_and_table():
    chart = line_chart(
        "c1", "Squat <max>", "Estimated max & more",
        [Series("Goblet squat", ((date(2026, 1, 5), 20.0), (date(2026, 2, 5), 24.5)))],
        unit="kg", summary="Up from 20 to 24.5 kg.", bands=[HBand(19, 21, "band")],
    )  # fmt: skip
    root = parse(chart)
    assert root.find(f"{SVG}title").text == "Squat <max>"
    assert root.find(f"{SVG}desc").text == "Estimated max & more"
    assert root.get("role") == "img" and root.get("viewBox").startswith("0 0 360 ")
    assert len(root.findall(f"{SVG}circle")) == 2
    assert chart.rows == (
        ("Goblet squat", "2026-01-05", "20 kg"),
        ("Goblet squat", "2026-02-05", "24.5 kg"),
    )


def test_status_marks_differ_by_shape():
    chart = line_chart(
        "c2", "TUG", "TUG",
        [Series("TUG", ((date(2026, 1, 1), 14.0), (date(2026, 3, 1), 11.0)), ("risk", "ok"))],
        unit="s", summary="",
    )  # fmt: skip
    root = parse(chart)
    assert len(root.findall(f"{SVG}path")) == 1 and len(root.findall(f"{SVG}circle")) == 1
    assert chart.columns[-1] == "result" and chart.rows[0][-1] == "risk"


def test_empty_charts_say_so():
    root = parse(line_chart("c3", "t", "d", [], unit="kg", summary="s"))
    assert any(t.text == "Nothing recorded yet" for t in root.iter(f"{SVG}text"))
    bars = bar_chart("c4", "t", "d", [date(2026, 1, 5)], [("Sets", [0])], unit="", summary="")
    assert any(t.text == "Nothing logged in these weeks" for t in parse(bars).iter(f"{SVG}text"))


def test_stacked_bars_and_target_line():
    weeks = [date(2026, 1, 5), date(2026, 1, 12)]
    chart = bar_chart(
        "c5", "Sets", "d", weeks, [("Hips", [3, 0]), ("Legs", [2, 4])],
        unit="sets", summary="", target=(6, "Aim"),
    )  # fmt: skip
    root = parse(chart)
    assert len(root.findall(f"{SVG}rect")) >= 3
    assert chart.rows == (("2026-01-05", "3", "2"), ("2026-01-12", "0", "4"))


def test_band_chart_rows_give_the_final_range():
    chart = band_chart(
        "c6", "Projection", "d",
        [BandSeries("Exercise", (0, 6, 12), (0, 0.5, 1.0), (0, -0.5, -1.0), (0, 1.5, 3.0))],
        unit="%", summary="", x_label=lambda m: f"{m:g} months", hband=HBand(-5, 5, "LSC"),
    )  # fmt: skip
    parse(chart)
    assert chart.rows == (("Exercise", "12 months", "1 %", "-1 to 3 %"),)


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (10, 0, "10"),
        (100, 0, "100"),
        (10.0, 1, "10"),
        (2.50, 2, "2.5"),
        (-0.01, 1, "0"),
        (0, 0, "0"),
    ],
)
def test_number_keeps_whole_tens(value, places, text):
    from osteoload.web.charts import number

    assert number(value, places) == text
