"""Tests of kg.analysis.leiden: communities are seeded, numbered by size and complete."""

from __future__ import annotations

import networkx as nx

from kg.analysis import (
    communities,
)


def test_communities_are_the_same_in_every_run() -> None:
    g = nx.les_miserables_graph()
    first = communities(g, seed=42)
    assert [c.members for c in communities(g, seed=42)] == [c.members for c in first]
    assert [c.id for c in first] == list(range(1, len(first) + 1))
    assert [len(c.members) for c in first] == sorted((len(c.members) for c in first), reverse=True)
    assert sorted(m for c in first for m in c.members) == sorted(g)
    # the global random generator is left alone
    import random

    random.seed(5)
    expected = random.random()
    random.seed(5)
    communities(g, seed=1)
    assert random.random() == expected
