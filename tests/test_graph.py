"""Tests of kg.graph: Extraction → networkx MultiDiGraph."""

from __future__ import annotations

import dataclasses
import random

import networkx as nx
import pytest
from conftest import BEIJING, BRI, CIIE, EVIL, EVIL_ORG, HUAWEI, MACRON, SHANGHAI, XI

from kg.graph import sorted_evidence, to_networkx
from kg.model import COOCCURS, Evidence


def test_one_node_per_entity(extraction):
    g = to_networkx(extraction)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == len(extraction.entities)
    assert list(g.nodes) == sorted(e.id for e in extraction.entities)


def test_node_attributes(extraction):
    g = to_networkx(extraction)
    bj = g.nodes[BEIJING]
    assert bj["label"] == "北京"
    assert bj["type"] == "Place"
    assert bj["aliases"] == "北京市"
    assert bj["mentions"] == 2
    assert bj["documents"] == 1
    assert (bj["adcode"], bj["lon"], bj["lat"], bj["parent"]) == ("110000", "116.405285", "39.904989", "CN")
    assert g.nodes[EVIL_ORG]["label"] == EVIL
    assert g.nodes[HUAWEI]["documents"] == 2


def test_attrs_cannot_override_fixed_attributes(extraction):
    e = dataclasses.replace(extraction.entities[0], attrs=(("type", "Bogus"), ("label", "x")))
    ex = dataclasses.replace(extraction, entities=(e, *extraction.entities[1:]))
    node = to_networkx(ex).nodes[e.id]
    assert node["type"] == e.type
    assert node["label"] == e.name


def test_relation_edges(extraction):
    g = to_networkx(extraction)
    met = g.edges[XI, MACRON, "met"]
    assert met == {"type": "met", "weight": 2, "evidence": 2, "rule": "meet_context|meet_verb"}
    assert g.has_edge(CIIE, SHANGHAI, key="located_in")
    assert not g.has_edge(SHANGHAI, CIIE, key="located_in")
    typed = [k for _, _, k in g.edges(keys=True) if k != COOCCURS]
    assert sorted(typed) == sorted(r.type for r in extraction.relations)


def test_cooccurrence_edges(extraction):
    g = to_networkx(extraction)
    co = [(a, b, d) for a, b, k, d in g.edges(keys=True, data=True) if k == COOCCURS]
    assert len(co) == len(extraction.cooccurrences)
    d = g.edges[XI, MACRON, COOCCURS]
    assert (d["count"], d["documents"], d["pmi"], d["npmi"]) == (2, 1, 1.2345678912, 0.5123456789)
    assert d["weight"] == 2
    # A pair may carry a typed relation and a co-occurrence at once.
    assert g.number_of_edges(XI, MACRON) == 2
    assert g.has_edge(BRI, XI, key=COOCCURS)


def test_deterministic_whatever_the_input_order(extraction):
    g1 = to_networkx(extraction)
    rng = random.Random(7)
    shuffled = dataclasses.replace(
        extraction,
        entities=tuple(rng.sample(extraction.entities, len(extraction.entities))),
        relations=tuple(rng.sample(extraction.relations, len(extraction.relations))),
        cooccurrences=tuple(rng.sample(extraction.cooccurrences, len(extraction.cooccurrences))),
    )
    g2 = to_networkx(shuffled)
    assert list(g1.nodes(data=True)) == list(g2.nodes(data=True))
    assert list(g1.edges(keys=True, data=True)) == list(g2.edges(keys=True, data=True))


def test_writes_gexf(extraction, tmp_path):
    path = tmp_path / "g.gexf"
    nx.write_gexf(to_networkx(extraction), path)
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == len(extraction.entities)


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(None, ["a", "b", "c"]), (2, ["a", "b"]), (0, [])],
)
def test_sorted_evidence(limit, expected):
    c = Evidence("d2", 0, 0, 1, "c", "r")
    a = Evidence("d1", 0, 0, 1, "a", "r")
    b = Evidence("d1", 3, 5, 9, "b", "r")
    assert [e.text for e in sorted_evidence([c, b, a, b], limit)] == expected


def test_sorted_evidence_first_alone_is_the_first_of_all():
    # limit=1 takes the minimum instead of sorting; it must be the head of the full order,
    # whatever the order given, and nothing from nothing (a generator as well as a list)
    ev = [Evidence(d, s, st, st + 2, "t", r) for d in ("d2", "d1") for s in (3, 0) for st in (5, 1) for r in ("y", "x")]
    for shift in range(len(ev)):
        turned = ev[shift:] + ev[:shift] + ev[:3]
        assert sorted_evidence(turned, 1) == sorted_evidence(turned)[:1] == [Evidence("d1", 0, 1, 3, "t", "x")]
    assert sorted_evidence(iter(ev), 1) == [Evidence("d1", 0, 1, 3, "t", "x")]
    assert sorted_evidence([], 1) == [] and sorted_evidence(iter(()), 1) == []
