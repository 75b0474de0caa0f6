"""Tests of kg.analysis.charts: SVG charts and the report page are well-formed, escaped and stable."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from kg.analysis import Community
from kg.analysis.charts import communities_chart, report_html, table, timeline_chart, top_entities_chart

EVIL = '<script>alert(1)</script> "q" & amp'
SVG = "{http://www.w3.org/2000/svg}"


def _rows(names_values):
    return [{"id": f"x/{n}", "name": n, "mentions": v} for n, v in names_values]


def test_top_entities_chart_draws_one_bar_per_entity_in_order() -> None:
    top = {"Person": _rows([("习近平", 10), ("李强", 4), (EVIL, 2)]), "Place": _rows([("山西省", 7)])}
    svg = top_entities_chart(top, "mentions", 10, "标题")
    root = ET.fromstring(svg)
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [b.find(f"{SVG}title").text for b in bars] == ["习近平: 10", "李强: 4", f"{EVIL}: 2", "山西省: 7"]
    widths = [float(b.get("width")) for b in bars[:3]]
    assert widths[0] > widths[1] > widths[2]
    assert widths[1] / widths[0] == pytest.approx(0.4, abs=0.01)  # bars are proportional
    assert "<script>" not in svg
    assert bars[0].get("fill") == "#e15759" and bars[3].get("fill") == "#4e79a7"  # type colours


def test_timeline_fills_missing_periods_and_scales_points() -> None:
    svg = timeline_chart({"习近平": {"2024-01": 4, "2024-03": 8}}, {"2024-01": 2, "2024-03": 1}, "t")
    root = ET.fromstring(svg)
    [line] = list(root.iter(f"{SVG}polyline"))
    points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    assert len(points) == 3  # 2024-01, 2024-02 (no mention: 0), 2024-03
    ys = [y for _x, y in points]
    baseline = ys[1]
    assert (baseline - ys[2]) == pytest.approx(2 * (baseline - ys[0]))  # 8 is twice 4
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "2024-01" in labels and "2024-02" in labels


def test_timeline_without_dates_says_so() -> None:
    assert "no dated documents" in timeline_chart({}, {})


def test_communities_chart_stacks_types() -> None:
    cs = [Community(1, ("a", "b", "c"), {"Person": 2, "Place": 1}), Community(2, ("d",), {"Event": 1})]
    svg = communities_chart(cs, {"a": EVIL, "b": "乙"}, title="c")
    root = ET.fromstring(svg)
    segments = [r for r in root.iter(f"{SVG}rect") if (r.find(f"{SVG}title") is not None)]
    assert [s.find(f"{SVG}title").text for s in segments] == ["Person: 2", "Place: 1", "Event: 1"]
    assert float(segments[0].get("width")) == pytest.approx(2 * float(segments[1].get("width")), abs=0.2)
    assert "&lt;script&gt;" in svg and "<script>" not in svg


def test_report_page_escapes_cells_and_keeps_charts() -> None:
    svg = timeline_chart({"a": {"2024": 1}})
    page = report_html(EVIL, [("节", EVIL, [svg, table(["名称", "数"], [(EVIL, 3), ("乙", 0.125)])])])
    assert "<script>" not in page
    assert page.count("&lt;script&gt;") == 4  # <title>, <h1>, the intro and the cell
    assert "<svg" in page and '<td class="n">0.125</td>' in page
    assert re.search(r"<meta charset=\"utf-8\">", page)


def test_charts_are_deterministic() -> None:
    top = {"Person": _rows([("习近平", 10), ("李强", 4)])}
    assert top_entities_chart(top) == top_entities_chart(dict(top))
    assert timeline_chart({"a": {"2024-01": 1}}) == timeline_chart({"a": {"2024-01": 1}})


def _lines(svg: str) -> list[tuple[list[tuple[float, float]], bool]]:
    root = ET.fromstring(svg)
    return [
        ([tuple(map(float, p.split(","))) for p in line.get("points").split()], line.get("stroke-dasharray") is not None)
        for line in root.iter(f"{SVG}polyline")
    ]


def test_timeline_marks_a_partial_last_month() -> None:
    series = {"甲": {"2024-01": 4, "2024-02": 8, "2024-03": 2}}
    docs = {"2024-01": 3, "2024-02": 5, "2024-03": 1}
    svg = timeline_chart(series, docs, "t", first_date="2024-01-01", last_date="2024-03-10")
    lines = _lines(svg)
    # January to February solid, February to March (10 of 31 days) dashed
    assert [(len(points), dashed) for points, dashed in lines] == [(2, False), (2, True)]
    assert lines[0][0][1] == lines[1][0][0]  # the dashed segment continues the solid line
    root = ET.fromstring(svg)
    hollow = [c for c in root.iter(f"{SVG}circle") if c.get("fill") == "#ffffff"]
    assert len(hollow) == 1 and float(hollow[0].get("cx")) == lines[1][0][1][0]
    outlined = [r for r in root.iter(f"{SVG}rect") if r.get("stroke-dasharray")]
    assert [r.find(f"{SVG}title").text for r in outlined] == ["2024-03: 1 documents (up to 2024-03-10)"]
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any("2024-03 up to 2024-03-10" in t for t in texts)
    assert sum(t.startswith("partial") for t in texts) == 1


def test_timeline_marks_a_partial_first_month_and_not_complete_ones() -> None:
    series = {"甲": {"2024-01": 4, "2024-02": 8, "2024-03": 2}}
    first = _lines(timeline_chart(series, first_date="2024-01-05", last_date="2024-03-31"))
    assert [(len(points), dashed) for points, dashed in first] == [(2, True), (2, False)]
    complete = timeline_chart(series, first_date="2024-01-01", last_date="2024-03-31")
    assert [(len(p), d) for p, d in _lines(complete)] == [(3, False)]
    assert "partial" not in complete
    leap = timeline_chart({"甲": {"2024-02": 1}}, first_date="2024-02-01", last_date="2024-02-29")
    assert "partial" not in leap  # 29 February completes the month of a leap year
    years = timeline_chart({"甲": {"2023": 5, "2024": 1}}, first_date="2023-01-01", last_date="2024-06-30")
    assert [d for _p, d in _lines(years)] == [True] and "partial year" in years
