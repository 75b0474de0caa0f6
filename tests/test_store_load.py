"""Tests of kg.sparql.store_load: an export loaded into an Oxigraph store, and its checks."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.sparql.store_load import LOAD_STAGE, UNION_STAGE, _check_probe, _count, _probe, load_export

NQ = (
    '<http://e/a> <http://e/p> "x" <http://e/doc1> .\n'
    '<http://e/a> <http://e/p> "x" <http://e/doc2> .\n'
    '<http://e/b> <http://e/p> "y" <http://e/doc2> .\n'
)


def test_quads_are_copied_once_into_the_default_graph(tmp_path):
    export = tmp_path / "graph.nq"
    export.write_text(NQ, encoding="utf-8")
    store = ox.Store()
    stages = []
    load_export(store, export, ox.RdfFormat.N_QUADS, lambda name, *_counts: stages.append(name))
    # the triple named by two documents is one triple of the default graph
    assert _count(store) == (2, 3)
    assert LOAD_STAGE in stages and UNION_STAGE in stages


def test_turtle_is_loaded_into_the_default_graph_only(tmp_path):
    export = tmp_path / "graph.ttl"
    export.write_text('<http://e/a> <http://e/p> "x" .\n', encoding="utf-8")
    store = ox.Store()
    load_export(store, export, ox.RdfFormat.TURTLE)
    assert _count(store) == (1, 0)


def test_an_invalid_export_names_the_file(tmp_path):
    export = tmp_path / "graph.ttl"
    export.write_text("<http://e/a> <http://e/p> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match="graph.ttl: not valid Turtle"):
        load_export(ox.Store(), export, ox.RdfFormat.TURTLE)


def test_the_probe_tells_a_store_that_lost_its_data(tmp_path):
    export = tmp_path / "graph.nq"
    export.write_text(NQ, encoding="utf-8")
    store = ox.Store()
    load_export(store, export, ox.RdfFormat.N_QUADS)
    probe = _probe(store)
    assert probe
    assert _check_probe(store, {"probe": probe}) == ""
    assert _check_probe(ox.Store(), {"probe": probe}) == "it has lost its data"
    assert _check_probe(store, {"probe": "not a quad"}) == "its record is damaged"
    assert _check_probe(ox.Store(), {"triples": 0, "quads": 0}) == ""
    assert _check_probe(ox.Store(), {"triples": 3}) == "no probe"
