"""Tests of kg.analysis.graphfiles and kg.analysis.xmlgraph: the co-occurrence and typed
graph files (GEXF 1.3, GraphML, node-link JSON) of a real export read back with every
attribute by networkx and igraph, the GEXF checked against the structure GEXF 1.3 requires."""

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
    g = nx.read_gexf(out / "analysis" / "graph.gexf", version="1.3")
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
    g = nx.read_gexf(io.BytesIO(gexf_text(capped.whole).encode("utf-8")), version="1.3")
    # AB and BC weigh 1.5, AD 1, AC 0.5
    assert {frozenset(e) for e in g.edges} == {frozenset((A, B)), frozenset((B, C))}
    assert set(g.nodes) == {A, B, C}
    assert capped.whole.graph.number_of_edges() == 4  # centrality still sees every kept edge


# --- the typed graph and the laid-out co-occurrence graph -------------------------------------


@pytest.fixture(scope="module")
def typed(tmp_path_factory) -> tuple[Path, object]:
    from typed_toy import written_typed

    return written_typed(tmp_path_factory.mktemp("typed"))


def _relation_rows(an) -> dict[tuple[str, str, str], dict]:
    return {(r["head_id"], r["type"], r["tail_id"]): r for r in an.relations}


def test_typed_gexf_reads_back_as_a_directed_multigraph_with_every_attribute(typed) -> None:
    from typed_toy import ADCODE, E

    out, an = typed
    g = nx.read_gexf(out / "analysis" / "typed_graph.gexf", version="1.3")
    assert isinstance(g, nx.MultiDiGraph)
    assert g.graph["mode"] == "dynamic"
    rows = _relation_rows(an)
    assert g.number_of_edges() == len(rows) == 4
    # met and cooperates_with between the same two people stay two edges
    assert sorted(d["relation"] for _k, d in g[A][B].items()) == ["cooperates_with", "met"]
    for u, v, d in g.edges(data=True):
        row = rows[(u, d["relation"], v)]
        assert d["label"] == d["relation"]
        assert d["evidence"] == row["evidence_sentences"] and d["weight"] == row["evidence_sentences"]
        assert (d["documents"], d["first_seen"], d["last_seen"]) == (
            row["documents"],
            row["first_seen"],
            row["last_seen"],
        )
        assert (d["start"], d["end"]) == (row["first_seen"], row["last_seen"])
        assert d["rules"] == "|".join(row["rules"])
    assert next(iter(g[A][D].values()))["rules"] == "visited.place|visited.verb"
    counts = {row["id"]: row for row in an.whole.nodes}
    for n, d in g.nodes(data=True):
        row = counts[n]
        assert d["label"] == row["name"] and d["type"] == row["type"]
        assert (d["mentions"], d["documents"]) == (row["mentions"], row["documents"])
        assert (d["first_seen"], d["last_seen"]) == (row["first_seen"], row["last_seen"])
        assert (d["start"], d["end"]) == (row["first_seen"], row["last_seen"])
        assert set(d["viz"]) == {"color", "position", "size"}
    assert g.nodes[D]["type"] == "Place" and g.nodes[D]["adcode"] == ADCODE
    assert g.nodes[D]["viz"]["color"]["b"] == 0xA7  # Place: #4e79a7
    assert g.nodes[A]["adcode"] == ""
    assert g.nodes[E]["label"] == EVIL  # the hostile name survives, escaped


def test_typed_graphml_reads_back_with_networkx_and_igraph(typed) -> None:
    import igraph
    from typed_toy import ADCODE, E

    out, an = typed
    path = out / "analysis" / "typed_graph.graphml"
    g = nx.read_graphml(path)
    assert isinstance(g, nx.MultiDiGraph) and g.number_of_edges() == 4
    assert g.nodes[D]["adcode"] == ADCODE and isinstance(g.nodes[D]["adcode"], str)
    assert g.nodes[E]["label"] == EVIL
    assert g.nodes[A]["mentions"] == node(an.whole, A)["mentions"]
    met = next(d for d in g[A][B].values() if d["relation"] == "met")
    assert (met["evidence"], met["documents"], met["rules"]) == (3, 2, "met.verb")

    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.is_directed() and ig.vcount() == g.number_of_nodes() and ig.ecount() == 4
    by_id = {v["name"]: v for v in ig.vs}  # igraph keeps "&" in an id attribute as "&#38;"
    assert by_id[D]["adcode"] == ADCODE and by_id[D]["type"] == "Place"
    assert by_id[E]["label"] == EVIL
    assert by_id[A]["mentions"] == node(an.whole, A)["mentions"]
    seen = sorted(
        (ig.vs[e.source]["name"], e["relation"], ig.vs[e.target]["name"], e["evidence"], e["first_seen"])
        for e in ig.es
    )
    rows = _relation_rows(an)
    assert seen == sorted(
        (h, t, tl, r["evidence_sentences"], r["first_seen"]) for (h, t, tl), r in rows.items()
    )
    assert set(ig.es.attributes()) >= {"relation", "evidence", "documents", "first_seen", "last_seen", "rules", "weight"}
    assert set(ig.vs.attributes()) >= {"label", "type", "mentions", "documents", "adcode", "first_seen", "last_seen", "x", "y"}


def test_cooccurrence_graphml_reads_in_igraph(written) -> None:
    import igraph

    out, an = written
    ig = igraph.Graph.Read_GraphML(str(out / "analysis" / "graph.graphml"))
    assert not ig.is_directed()
    assert ig.ecount() == an.whole.graph.number_of_edges()
    assert set(ig.vs["name"]) == set(an.whole.graph.nodes)
    assert {v["label"] for v in ig.vs} >= {"甲", EVIL}


def test_positions_are_the_page_layout_and_nodes_and_edges_have_time_intervals(written) -> None:
    from kg.analysis import graph_tables
    from kg.export.html import layout

    out, an = written
    g = nx.read_gexf(out / "analysis" / "graph.gexf", version="1.3")
    nodes, edges = graph_tables(an.whole)
    expected = layout(
        [row["id"] for row in nodes],
        {(e["source"], e["target"]): e["weight"] for e in edges},
        {row["id"]: row["size"] for row in nodes},
    )
    for n, (x, y) in expected.items():
        pos = g.nodes[n]["viz"]["position"]
        assert (pos["x"], pos["y"]) == (x, -y)  # y turned upwards for Gephi
    xs = {g.nodes[n]["viz"]["position"]["x"] for n in g}
    assert len(xs) > 1  # laid out, not all at the origin
    assert g.nodes[A]["start"] == node(an.whole, A)["first_seen"]
    assert g.edges[A, B]["end"] == edge(an.whole, A, B)["last_seen"]
    periods = out / "analysis" / "periods" / "2024-02" / "graph.gexf"
    assert nx.read_gexf(periods, version="1.3").number_of_nodes() > 0


def test_graph_files_are_byte_identical_across_runs(typed, tmp_path) -> None:
    from typed_toy import written_typed

    out, _an = typed
    again, _ = written_typed(tmp_path)
    for name in ("graph.gexf", "graph.graphml", "graph.json", "typed_graph.gexf", "typed_graph.graphml"):
        assert (again / "analysis" / name).read_bytes() == (out / "analysis" / name).read_bytes(), name


def test_hostile_names_are_escaped_not_markup(typed) -> None:
    out, _an = typed
    for name in ("typed_graph.gexf", "typed_graph.graphml", "graph.gexf", "graph.graphml"):
        text = (out / "analysis" / name).read_text(encoding="utf-8")
        assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text, name


def test_exported_gexf_files_have_the_gexf_13_structure(typed) -> None:
    from test_analysis_xmlgraph import check_gexf_13

    out, _an = typed
    for name in ("typed_graph.gexf", "graph.gexf"):
        check_gexf_13((out / "analysis" / name).read_text(encoding="utf-8"))
