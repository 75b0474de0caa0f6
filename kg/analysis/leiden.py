"""Communities of the kept graph by Leiden (igraph, modularity over weights).

A seeded generator over nodes inserted in graph order; communities numbered by size (then
smallest id), so the same input gives the same communities.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from kg.graph import type_rank

__all__ = ["Community", "communities"]


@dataclass
class Community:
    """A community: its number (1 = the largest), members sorted by weighted degree."""

    id: int
    members: tuple[str, ...]
    types: dict[str, int]


def communities(g: nx.Graph, seed: int = 42) -> list[Community]:
    """Leiden communities (modularity, edge weights) with a seeded random generator,
    numbered 1, 2, … by size (then smallest id); members sorted by weighted degree (then id).

    igraph's Leiden rather than networkx's Louvain: on the benchmark graph (29,000 nodes,
    250,000 edges) it takes 2 seconds where networkx's Louvain takes 14, and Leiden
    never leaves a community internally disconnected, which Louvain can. igraph draws its
    random numbers from a Python generator; a fresh ``random.Random(seed)`` is installed
    for the call and the default put back after it, so the same graph gives the same
    communities in every run.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> [c.members for c in communities(g)]  # c and x first: the bridge adds to their weight
    [('c', 'a', 'b'), ('x', 'y', 'z')]
    """
    import random

    import igraph

    if not g.number_of_edges():
        return []
    nodes = list(g.nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(pos[u], pos[v]) for u, v in g.edges])
    ig.es["weight"] = [float(d.get("weight", 1.0)) for _u, _v, d in g.edges(data=True)]
    igraph.set_random_number_generator(random.Random(seed))
    try:
        membership = ig.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=-1
        ).membership
    finally:
        igraph.set_random_number_generator(random)
    parts: dict[int, list[str]] = defaultdict(list)
    for v, m in zip(nodes, membership):
        parts[m].append(v)
    strength = dict(g.degree(weight="weight"))
    ordered = sorted(parts.values(), key=lambda p: (-len(p), min(p)))
    out = []
    for n, part in enumerate(ordered, 1):
        members = tuple(sorted(part, key=lambda m: (-strength[m], m)))
        types: dict[str, int] = defaultdict(int)
        for m in members:
            types[g.nodes[m].get("type", "")] += 1
        out.append(
            Community(n, members, dict(sorted(types.items(), key=lambda kv: (type_rank(kv[0]), kv[0]))))
        )
    return out
