"""Tests of kg.analysis.centralities: betweenness and PageRank against networkx."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis import (
    betweenness,
    centrality,
)


def test_betweenness_equals_networkx() -> None:
    for g in (nx.karate_club_graph(), nx.les_miserables_graph(), nx.barbell_graph(5, 3)):
        ours, theirs = betweenness(g), nx.betweenness_centrality(g)
        assert max(abs(ours[n] - theirs[n]) for n in g) < 1e-12
    g = nx.les_miserables_graph()
    assert betweenness(g, k=len(g)) == betweenness(g)


def test_sampled_betweenness_is_seeded_and_close() -> None:
    g = nx.les_miserables_graph()
    exact = betweenness(g)
    a, b = betweenness(g, k=40, seed=1), betweenness(g, k=40, seed=1)
    assert a == b
    assert betweenness(g, k=40, seed=2) != a
    top = max(exact, key=exact.get)
    assert max(a, key=a.get) == top == "Valjean"
    assert a[top] == pytest.approx(exact[top], rel=0.25)


def test_pagerank_and_degrees_equal_networkx() -> None:
    g = nx.les_miserables_graph()  # weighted
    c = centrality(g)
    pr = nx.pagerank(g, weight="weight")
    assert max(abs(c["pagerank"][n] - pr[n]) for n in g) < 1e-9
    assert c["degree"] == dict(g.degree())
    assert c["weighted_degree"] == pytest.approx(dict(g.degree(weight="weight")))
