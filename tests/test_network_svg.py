"""Tests of kg.analysis.network_svg: the report's network picture of the main communities."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import networkx as nx

from kg.analysis import Community, communities
from kg.analysis.charts import text_width
from kg.analysis.network_svg import COMMUNITY_COLORS, network_chart

EVIL = '<script>alert(1)</script> "q" & amp'
SVG = "{http://www.w3.org/2000/svg}"


def _group(root: ET.Element, cls: str) -> ET.Element:
    return next(g for g in root.iter(f"{SVG}g") if g.get("class") == cls)


def _boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """Each label's box from its attributes: width from the characters, height the font size."""
    out = []
    for t in _group(root, "labels").iter(f"{SVG}text"):
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        w = text_width(t.text, size)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[t.get("text-anchor")]
        out.append((left, y - 0.9 * size, left + w, y + 0.25 * size))
    return out


def _two_triangles() -> tuple[nx.Graph, dict]:
    g = nx.Graph()
    g.add_weighted_edges_from(
        [("a", "b", 3.0), ("b", "c", 2.0), ("a", "c", 1.0), ("x", "y", 2.0), ("y", "z", 1.0), ("x", "z", 1.0),
         ("c", "x", 0.5), ("p", "q", 1.0)]
    )
    names = {"a": "习近平", "b": "李强", "c": EVIL, "x": "山西省", "y": "太原市", "z": "大同市", "p": "甲", "q": "乙"}
    mentions = {"a": 40, "b": 10, "c": 5, "x": 20, "y": 8, "z": 2, "p": 1, "q": 1}
    rows = {k: {"name": v, "mentions": mentions[k], "type": "Person"} for k, v in names.items()}
    return g, rows


def test_network_draws_the_main_communities_with_labels_and_legend() -> None:
    g, rows = _two_triangles()
    cs = communities(g)
    assert [len(c.members) for c in cs] == [3, 3, 2]
    svg = network_chart(g, cs, rows, title="网络", max_communities=2, labels_per_community=2)
    root = ET.fromstring(svg)
    circles = list(_group(root, "nodes").iter(f"{SVG}circle"))
    assert len(circles) == 6  # the two largest communities; p and q left out
    assert {c.get("fill") for c in circles} == set(COMMUNITY_COLORS[:2])
    labels = [t.text for t in _group(root, "labels").iter(f"{SVG}text")]
    assert len(labels) == 4  # two per community, nothing crowds them in this small picture
    assert {"习近平", "山西省"} <= set(labels)
    # disc radius grows with the square root of mentions: 习近平 (40) largest, 大同市 (2) smallest
    r = {c.find(f"{SVG}title").text.split(" (")[0]: float(c.get("r")) for c in circles}
    assert r["习近平"] == max(r.values()) and r["大同市"] == min(r.values())
    edges = list(_group(root, "edges").iter(f"{SVG}line"))
    assert len(edges) == 7  # every kept edge between drawn nodes (fewer than max_edges)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any(t.startswith("#1 · 3 entities") for t in texts)
    assert any("2 others not drawn" in t for t in texts)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_network_keeps_only_the_heaviest_edges_and_says_the_threshold() -> None:
    g, rows = _two_triangles()
    svg = network_chart(g, communities(g), rows, max_edges=3)
    root = ET.fromstring(svg)
    widths = [float(e.get("stroke-width")) for e in _group(root, "edges").iter(f"{SVG}line")]
    assert len(widths) == 3 and widths == sorted(widths)  # 2, 2, 3 (heaviest drawn last)
    assert "the 3 heaviest of 8 kept edges between them (weight ≥ 2)" in svg


def test_crowded_labels_never_overlap() -> None:
    # one dense community of 40 members with long names: most labels cannot all fit
    g = nx.Graph()
    members = [f"m{i:02d}" for i in range(40)]
    for a, b in itertools.combinations(members, 2):
        g.add_edge(a, b, weight=1.0)
    rows = {m: {"name": f"中华人民共和国第{i}个很长的机构名称", "mentions": 40 - i} for i, m in enumerate(members)}
    cs = [Community(1, tuple(members), {"Organization": 40})]
    svg = network_chart(g, cs, rows, per_community=40, labels_per_community=40, width=500, height=400)
    boxes = _boxes(ET.fromstring(svg))
    assert 1 < len(boxes) < 40  # some placed, some skipped
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    for left, top, right, bottom in boxes:  # inside the picture
        assert left >= 0 and top >= 0 and right <= 500 and bottom <= 400


def test_network_is_deterministic_and_handles_no_edge() -> None:
    g, rows = _two_triangles()
    assert network_chart(g, communities(g), rows) == network_chart(g.copy(), communities(g), dict(rows))
    assert "no community" in network_chart(nx.Graph(), [], {})
