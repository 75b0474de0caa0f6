"""Tests of kg.analysis.report: the report and charts escape document strings and show the corpus."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from analysis_toy import (
    sample_corpus_analysis,
    written_toy,
)

from kg.analysis import (
    write_analysis,
)


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
