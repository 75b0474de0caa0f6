"""Tests of kg.analysis.report: the report and charts escape document strings and show the corpus."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from analysis_toy import (
    sample_corpus_analysis,
    written_toy,
)

from kg.analysis import (
    summary,
    write_analysis,
)
from kg.analysis.charts import text_width
from kg.analysis.report import chart_svgs, report_page

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, object]:
    return written_toy(tmp_path_factory.mktemp("analysis"))


@pytest.fixture(scope="module")
def sample():
    return sample_corpus_analysis()


def test_documents_strings_are_escaped(written) -> None:
    out, _an = written
    root = out / "analysis"
    for name in (
        "report.html",
        "charts/top_entities.svg",
        "charts/communities.svg",
        "charts/timeline.svg",
        "charts/network.svg",
        "graph.gexf",
        "graph.graphml",
    ):
        text = (root / name).read_text(encoding="utf-8")
        assert "<script>alert" not in text, name
    report = (root / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    for name in (
        "charts/top_entities.svg",
        "charts/communities.svg",
        "charts/timeline.svg",
        "charts/network.svg",
        "graph.gexf",
        "graph.graphml",
    ):
        ET.parse(root / name)  # well-formed XML


def test_sample_corpus_report(sample, tmp_path) -> None:
    _ex, an = sample
    assert an.duplicates == []
    top = max(an.whole.nodes, key=lambda r: r["pagerank"])
    assert top["name"] in {"习近平", "山西省", "中国"}
    write_analysis(an, tmp_path)
    report = (tmp_path / "analysis" / "report.html").read_text(encoding="utf-8")
    assert "习近平" in report and "<svg" in report


def _group(root: ET.Element, cls: str) -> ET.Element:
    return next(g for g in root.iter(f"{SVG}g") if g.get("class") == cls)


def _hrefs(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', page)


def test_report_shows_the_network_of_the_toy_communities(written) -> None:
    out, an = written
    svg = (out / "analysis" / "charts" / "network.svg").read_text(encoding="utf-8")
    report = (out / "analysis" / "report.html").read_text(encoding="utf-8")
    assert svg in report  # the same picture inline
    root = ET.fromstring(svg)
    # communities {甲, EVIL, 丁} and {乙, 丙}: all five entities drawn, each labelled
    circles = list(_group(root, "nodes").iter(f"{SVG}circle"))
    assert len(circles) == 5 == an.whole.graph.number_of_nodes()
    assert len({c.get("fill") for c in circles}) == 2
    labels = list(_group(root, "labels").iter(f"{SVG}text"))
    assert sorted(t.text for t in labels) == sorted(["甲", "乙", "丙", "丁", '<script>alert(1…'])
    boxes = []
    for t in labels:
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        w = text_width(t.text, size)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[t.get("text-anchor")]
        boxes.append((left, y - 0.9 * size, left + w, y + 0.25 * size))
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert "&lt;script&gt;alert(1" in svg and "<script>" not in svg
    assert "甲、&lt;script&gt;" in svg  # the legend names community 1 by its members


def test_report_marks_the_partial_months(written) -> None:
    out, _an = written
    # the toy corpus runs from 2024-01-05 to 2024-02-11: both months are partial
    svg = (out / "analysis" / "charts" / "timeline.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    lines = list(root.iter(f"{SVG}polyline"))
    assert lines and all(line.get("stroke-dasharray") for line in lines)
    assert "2024-01 from 2024-01-05; 2024-02 up to 2024-02-11" in svg


def test_report_links_only_to_files_that_exist(written, tmp_path) -> None:
    out, an = written
    report = (out / "analysis" / "report.html").read_text(encoding="utf-8")
    hrefs = _hrefs(report)
    for h in hrefs:
        assert (out / "analysis" / h).is_file(), h
    for name in ("nodes.csv", "edges.csv", "graph.gexf", "graph.graphml", "typed_graph.gexf",
                 "vosviewer_map.txt", "vosviewer_network.txt", "neo4j/IMPORT.txt",
                 "periods/2024-02/graph.gexf"):
        assert name in hrefs, name
    assert not any(h.startswith("../") for h in hrefs)  # not in a build's folder: no page link
    # in a build's output folder with a graph page and GeoJSON but no map page
    (tmp_path / "graph.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "places.geojson").write_text("{}", encoding="utf-8")
    written_files = write_analysis(an, tmp_path)
    report = (tmp_path / "analysis" / "report.html").read_text(encoding="utf-8")
    hrefs = _hrefs(report)
    assert "../graph.html" in hrefs and "../places.geojson" in hrefs and "../map.html" not in hrefs
    for h in hrefs:
        assert (tmp_path / "analysis" / h).is_file(), h
    # a file in the list that is not on disk is not linked
    (tmp_path / "analysis" / "graph.json").unlink()
    page = report_page(an, summary(an), chart_svgs(an), written_files, tmp_path)
    assert "graph.json" not in _hrefs(page) and "graph.graphml" in _hrefs(page)
    # without a folder to look in, no page link and no file links at all
    assert _hrefs(report_page(an, summary(an), chart_svgs(an))) == []


def test_report_bytes_are_deterministic(written, tmp_path) -> None:
    out, an = written
    write_analysis(an, tmp_path)
    for name in ("report.html", "charts/network.svg", "charts/timeline.svg"):
        assert (tmp_path / "analysis" / name).read_bytes() == (out / "analysis" / name).read_bytes(), name
