"""Chart labels stay inside their chart (issue 17: the last bar label read "30 No")."""

from __future__ import annotations

from datetime import date, timedelta
from xml.etree import ElementTree

from osteoload.web.charts import CLIENT_WIDTH, FONT, WIDTH, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def _texts(chart):
    root = ElementTree.fromstring(str(chart.svg))
    width = float(root.get("viewBox").split()[2])
    return width, list(root.iter(f"{SVG}text"))


def _extent(text, size):
    """(left, right) of a text as drawn, from its anchor and the layout's width estimate."""
    x = float(text.get("x"))
    drawn = float(text.get("textLength") or len(text.text or "") * size * 0.55)
    anchor = text.get("text-anchor", "start")
    if anchor == "middle":
        return x - drawn / 2, x + drawn / 2
    if anchor == "end":
        return x - drawn, x
    return x, x + drawn


def _inside(chart):
    width, texts = _texts(chart)
    for text in texts:
        size = float(text.get("font-size") or FONT)
        left, right = _extent(text, size)
        assert left >= 0 and right <= width, (text.text, left, right, width)


def test_the_last_week_label_of_a_bar_chart_is_not_cut_off():
    weeks = [date(2026, 9, 7) + timedelta(weeks=i) for i in range(13)]
    for width in (WIDTH, CLIENT_WIDTH):
        chart = bar_chart("b", "Sets", "d", weeks, [("Sets", [3.0] * 13)], unit="sets",
                          summary="", width=width)  # fmt: skip
        _inside(chart)
        labels = [t.text for t in _texts(chart)[1]]
        assert weeks[-1].strftime("%b") in " ".join(labels)


def test_a_legend_wider_than_the_chart_is_drawn_narrower_not_cut_off():
    days = [date(2026, 9, 7), date(2026, 11, 23)]
    name = "Standing up, walking 3 metres and back"
    chart = line_chart("l", "TUG", "d", [_series(name, days)], unit="s", summary="",
                       width=CLIENT_WIDTH)  # fmt: skip
    _inside(chart)
    legend = next(t for t in _texts(chart)[1] if t.text == name)
    assert legend.get("lengthAdjust") == "spacingAndGlyphs"


def _series(name, days):
    from osteoload.web.charts import Series

    return Series(name=name, points=tuple((d, 10.0 + i) for i, d in enumerate(days)))
