"""Centrality of the kept graph: degree, weighted degree (strength), betweenness and PageRank.

Betweenness counts shortest paths in hops (sampled from ``betweenness_sample`` seeded
sources when the graph has more than ``EXACT_BETWEENNESS_MAX`` nodes); hops rather than
1/weight distances because weighted shortest paths cost a Dijkstra per source in Python,
forty times the time, and the filters of :mod:`kg.analysis.layers` already decide which
edges count. PageRank follows the weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["EXACT_BETWEENNESS_MAX", "betweenness", "centrality"]

#: Graphs with more nodes than this get sampled betweenness.
EXACT_BETWEENNESS_MAX = 2000


def _adjacency(g: nx.Graph) -> tuple[list[str], Any]:
    """Nodes of ``g`` in graph order and its symmetric weighted adjacency matrix (CSR)."""
    from scipy import sparse

    nodes = list(g.nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    u = np.fromiter((pos[x] for x, _y in g.edges), dtype=np.int64, count=g.number_of_edges())
    v = np.fromiter((pos[y] for _x, y in g.edges), dtype=np.int64, count=g.number_of_edges())
    w = np.fromiter(
        (d.get("weight", 1.0) for _x, _y, d in g.edges(data=True)),
        dtype=np.float64,
        count=g.number_of_edges(),
    )
    n = len(nodes)
    adj = sparse.csr_matrix(
        (np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)
    )
    return nodes, adj


def betweenness(g: nx.Graph, k: int | None = None, seed: int = 42) -> dict[str, float]:
    """Normalised betweenness over shortest paths counted in hops (Brandes 2001).

    ``k``: estimate from that many sources (``random.Random(seed).sample`` of the nodes
    in graph order), scaled to be unbiased (sources by 1/((k-1)(n-2)), other nodes by
    1/(k(n-2))); ``None`` or ``k >= n``: every source, the exact value, equal to
    ``nx.betweenness_centrality(g)``.

    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> {n: round(v, 4) for n, v in betweenness(g).items()}
    {'a': 0.0, 'b': 0.6667, 'c': 0.6667, 'd': 0.0}
    """
    import random

    nodes, adj = _adjacency(g)
    n = len(nodes)
    if k is None or k >= n:
        sources = None
    else:
        pos = {v: i for i, v in enumerate(nodes)}
        sources = sorted(pos[v] for v in random.Random(seed).sample(nodes, k))
    values = _betweenness(adj, sources)
    return {v: float(values[i]) for i, v in enumerate(nodes)}


def _betweenness(adj: Any, sources: Sequence[int] | None = None, batch: int = 0) -> np.ndarray:
    """Brandes' betweenness for many sources at a time, with sparse matrix products.

    A breadth-first search from many sources at once is one sparse-times-dense product
    per level (the path counts σ move one hop), and the dependency accumulation runs back
    over the levels the same way: numpy does in one call what a Python loop over nodes
    does in thousands (about 30 times faster than networkx's loop on the benchmark graph).
    """
    n = adj.shape[0]
    if n < 3 or not adj.nnz:
        return np.zeros(n)
    hop = adj.copy()
    hop.data[:] = 1.0
    src_all = list(range(n)) if sources is None else list(sources)
    # 32 sources per batch: measured fastest from 2,000 to 29,000 nodes (wider dense
    # arrays fall out of the cache: 128 sources take twice as long on the benchmark graph)
    batch = batch or 32
    total = np.zeros(n)
    for lo in range(0, len(src_all), batch):
        src = np.asarray(src_all[lo : lo + batch])
        cols = np.arange(len(src))
        sigma = np.zeros((n, len(src)))
        sigma[src, cols] = 1.0
        dist = np.full((n, len(src)), -1, dtype=np.int32)
        dist[src, cols] = 0
        frontier = sigma.copy()
        level = 0
        while True:
            reached = hop @ frontier
            new = (reached > 0) & (dist < 0)
            if not new.any():
                break
            level += 1
            dist[new] = level
            sigma[new] = reached[new]
            frontier = np.where(new, reached, 0.0)
        delta = np.zeros_like(sigma)
        for lvl in range(level, 0, -1):
            at = dist == lvl
            coef = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
            delta += np.where(dist == lvl - 1, sigma * (hop @ coef), 0.0)
        delta[src, cols] = 0.0
        total += delta.sum(axis=1)
    k = len(src_all)
    if k == n:
        return total / ((n - 1) * (n - 2))
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[src_all] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else 0.0
    return total * scale


def _pagerank(adj: Any, alpha: float = 0.85, tol: float = 1e-6, max_iter: int = 100) -> np.ndarray:
    """PageRank of a symmetric weighted adjacency matrix: networkx's definition (a walker
    follows an edge with probability proportional to its weight, jumps anywhere with
    probability 1 - alpha, and from a node without edges) by power iteration with the
    same stopping rule, vectorised."""
    n = adj.shape[0]
    if n == 0:
        return np.zeros(0)
    strength = np.asarray(adj.sum(axis=1)).reshape(-1)
    dangling = strength == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, strength))
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        # adj is symmetric: x P = (x / s) A
        x = alpha * (adj @ (last * inv) + last[dangling].sum() / n) + (1.0 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            break
    return x / x.sum()


def centrality(g: nx.Graph, seed: int = 42, sample: int = 500) -> dict[str, dict[str, float]]:
    """Degree, weighted degree, betweenness and PageRank of every node of ``g``.

    Betweenness counts shortest paths in hops over the kept edges (:func:`betweenness`);
    above ``EXACT_BETWEENNESS_MAX`` nodes it is estimated from ``sample`` source nodes
    drawn with ``seed``. PageRank follows weights (``nx.pagerank``'s definition).

    >>> g = nx.Graph(); g.add_edge("a", "b", weight=1.0); g.add_edge("b", "c", weight=1.0)
    >>> centrality(g)["betweenness"]
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    if not len(g):
        return {"degree": {}, "weighted_degree": {}, "betweenness": {}, "pagerank": {}}
    import random

    nodes, adj = _adjacency(g)
    n = len(nodes)
    sources = None
    if n > EXACT_BETWEENNESS_MAX and sample < n:
        pos = {v: i for i, v in enumerate(nodes)}
        sources = sorted(pos[v] for v in random.Random(seed).sample(nodes, sample))
    bet = _betweenness(adj, sources)
    pr = _pagerank(adj)
    strength = np.asarray(adj.sum(axis=1)).reshape(-1)
    degree = np.diff(adj.indptr)
    return {
        "degree": dict(zip(nodes, degree.tolist())),
        "weighted_degree": dict(zip(nodes, strength.tolist())),
        "betweenness": dict(zip(nodes, bet.tolist())),
        "pagerank": dict(zip(nodes, pr.tolist())),
    }
