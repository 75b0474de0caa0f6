"""Tests of kg.analysis.graphfiles: GEXF, GraphML and node-link JSON read back with every attribute."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from analysis_toy import (
    D1,
    D2,
    EVIL,
    A,
    B,
    C,
    D,
    edge,
    node,
    toy_extraction,
    written_toy,
)

from kg.analysis import (
    analyze,
    gexf_text,
)
from kg.config import AnalysisSettings


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, object]:
    return written_toy(tmp_path_factory.mktemp("analysis"))


def test_gexf_reads_back_with_every_attribute(written) -> None:
    out, an = written
    g = nx.read_gexf(out / "analysis" / "graph.gexf")
    rows = {row["id"]: row for row in an.whole.nodes}
    assert set(g.nodes) == set(an.whole.graph.nodes)
    for n, data in g.nodes(data=True):
        row = rows[n]
        assert data["label"] == row["name"]
        for key in ("type", "first_seen", "last_seen"):
            assert data[key] == row[key]
        for key in ("mentions", "documents", "units", "degree", "community"):
            assert data[key] == row[key]
        for key in ("weighted_degree", "betweenness", "pagerank"):
            assert data[key] == pytest.approx(row[key])
        assert data["viz"]["color"]["r"] == 0xE1 and data["viz"]["color"]["g"] == 0x57  # Person: #e15759
        assert data["viz"]["size"] > 0
    assert g.number_of_edges() == an.whole.graph.number_of_edges()
    e = g.edges[A, B]
    row = edge(an.whole, A, B)
    assert e["weight"] == pytest.approx(row["weight"])
    for key in ("count", "documents", "first_seen", "last_seen"):
        assert e[key] == row[key]
    for key in ("pmi", "npmi", "jaccard", "dice", "g2", "alpha"):
        assert e[key] == pytest.approx(row[key])
    evil = f"person/{EVIL}"
    assert g.nodes[evil]["label"] == EVIL


def test_graphml_reads_back_with_every_attribute(written) -> None:
    out, an = written
    g = nx.read_graphml(out / "analysis" / "graph.graphml")
    rows = {row["id"]: row for row in an.whole.nodes}
    assert set(g.nodes) == set(an.whole.graph.nodes)
    for n, data in g.nodes(data=True):
        row = rows[n]
        assert data["label"] == row["name"]
        for key in (
            "type",
            "mentions",
            "documents",
            "units",
            "degree",
            "community",
            "first_seen",
            "last_seen",
        ):
            assert data[key] == row[key], key
        for key in ("weighted_degree", "betweenness", "pagerank"):
            assert data[key] == pytest.approx(row[key])
        assert (data["color"], data["r"], data["g"], data["b"]) == ("#e15759", 0xE1, 0x57, 0x59)
    row = edge(an.whole, B, C)
    e = g.edges[B, C]
    assert (e["count"], e["documents"], e["first_seen"]) == (
        row["count"],
        row["documents"],
        row["first_seen"],
    )
    assert e["weight"] == pytest.approx(row["weight"]) and e["g2"] == pytest.approx(row["g2"])


def test_node_link_json_reads_back(written) -> None:
    out, an = written
    data = json.loads((out / "analysis" / "graph.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    assert set(g.nodes) == set(an.whole.graph.nodes)
    assert g.number_of_edges() == an.whole.graph.number_of_edges()
    assert g.nodes[A]["label"] == "甲" and g.nodes[A]["community"] == node(an.whole, A)["community"]
    assert g.edges[A, D]["count"] == edge(an.whole, A, D)["count"]


def test_export_max_edges_keeps_the_heaviest() -> None:
    capped = analyze(toy_extraction([D1, D2]), AnalysisSettings(duplicates=0, export_max_edges=2))
    g = nx.read_gexf(io.BytesIO(gexf_text(capped.whole).encode("utf-8")))
    # AB and BC weigh 1.5, AD 1, AC 0.5
    assert {frozenset(e) for e in g.edges} == {frozenset((A, B)), frozenset((B, C))}
    assert set(g.nodes) == {A, B, C}
    assert capped.whole.graph.number_of_edges() == 4  # centrality still sees every kept edge
