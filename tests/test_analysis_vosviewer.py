"""Tests of kg.analysis.vosviewer: the map and network files of a real export, in the
format of VOSviewer's manual (tab-separated; map file with a header, network file without)."""

from __future__ import annotations

import csv

import pytest
from analysis_toy import EVIL, A, B, edge, node

from kg.analysis.vosviewer import MAP_HEADER, vosviewer_files
from kg.analysis.xmlgraph import GraphData


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    from typed_toy import written_typed

    return written_typed(tmp_path_factory.mktemp("vos"))


def test_map_and_network_files_describe_the_cooccurrence_graph(typed) -> None:
    out, an = typed
    with open(out / "analysis" / "vosviewer_map.txt", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert tuple(rows[0]) == MAP_HEADER == ("id", "label", "x", "y", "cluster", "weight<Mentions>")
    items = {r[1]: r for r in rows[1:]}
    assert [int(r[0]) for r in rows[1:]] == list(range(1, len(rows)))
    assert set(items) == {n["name"] for n in an.whole.nodes if n["id"] in an.whole.graph}
    assert EVIL in items  # quoted in the file (it holds double quotes), read back whole
    for name, r in items.items():
        row = next(n for n in an.whole.nodes if n["name"] == name)
        assert int(r[4]) == row["community"] and 1 <= int(r[4]) <= 1000
        assert int(r[5]) == row["mentions"]
        assert -1.0 <= float(r[2]) <= 1.0 and -1.0 <= float(r[3]) <= 1.0
    assert max(max(abs(float(r[2])), abs(float(r[3]))) for r in rows[1:]) == 1.0
    number = {name: int(r[0]) for name, r in items.items()}
    lines = (out / "analysis" / "vosviewer_network.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == an.whole.graph.number_of_edges()
    links = {}
    for line in lines:
        a, b, strength = line.split("\t")
        links[frozenset((int(a), int(b)))] = float(strength)
    ab = frozenset((number[node(an.whole, A)["name"]], number[node(an.whole, B)["name"]]))
    assert links[ab] == edge(an.whole, A, B)["weight"] == 1.5


def test_labels_cannot_break_the_columns() -> None:
    nodes = [
        {"id": "a", "label": "tab\there\nand, comma", "x": 2.0, "y": -1.0, "community": 0, "mentions": 1},
        {"id": "b", "label": "plain", "x": 0.0, "y": 0.0, "community": 1500, "mentions": 2},
    ]
    edges = [{"source": "b", "target": "a", "weight": 0.5}]
    vos_map, network = vosviewer_files(GraphData("g", "", False, [], [], nodes, edges))
    lines = vos_map.splitlines()
    assert lines[1].split("\t") == ["1", '"tab here and, comma"', "1", "-0.5", "1", "1"]
    assert lines[2].split("\t") == ["2", "plain", "0", "0", "1000", "2"]  # clusters kept in 1..1000
    assert network == "1\t2\t0.5\n"
