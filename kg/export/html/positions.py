"""Node positions, computed before the page opens so the browser runs no physics.

Each connected component is placed by pivot MDS (classical scaling of the hop distances
to a few dozen pivot nodes, which gets the global shape right in one linear pass), then
relaxed by force steps in the manner of ForceAtlas2 (repulsion between all pairs: for a
large component through a density grid and one FFT per step, exact between neighbouring
cells, so no O(n²) step; for a small one, where that costs more than it saves, exact),
then overlapping discs are pushed apart; components are packed in rows, the largest
first, unconnected entities last. Everything is seeded and sorted: same input, same
positions.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

if TYPE_CHECKING:
    from scipy import sparse

# scipy (a third of a second to import) is imported by the functions that use it, so that
# the commands that load the page's modules without laying out a graph (kg kwic) skip it;
# a build imports it before it forks the process that writes the page (``preload``)


def preload() -> None:
    """Import what the layout needs (scipy) now: a process forked after this finds it
    loaded, where it would import it anew each time (kg.export.stage forks the page's
    writer once per build)."""
    import scipy.sparse.csgraph  # noqa: F401
    import scipy.spatial  # noqa: F401

#: Seed of the layout, fixed so the page is the same on every run.
LAYOUT_SEED = 20240601
#: Canvas units between two linked nodes.
_UNIT = 25.0
_PIVOTS = 40
_RELAX_STEPS = 150


def _pivot_mds(adj: sparse.csr_matrix, n: int) -> np.ndarray:
    """Positions from classical scaling of hop distances to farthest-first pivots."""
    from scipy.sparse import csgraph
    k = min(_PIVOTS, n)
    degree = np.diff(adj.indptr)
    pivot = int(np.argmax(degree))  # first maximum: deterministic
    nearest = np.full(n, np.inf)
    rows = np.empty((k, n))
    # adj is symmetric: read as directed it gives the same hop counts without the
    # symmetrising copy that directed=False makes on every call
    for i in range(k):
        d = csgraph.shortest_path(adj, directed=True, unweighted=True, indices=pivot)
        rows[i] = d
        nearest = np.minimum(nearest, d)
        pivot = int(np.argmax(nearest))
    sq = rows.T**2
    centred = -0.5 * (sq - sq.mean(axis=0) - sq.mean(axis=1, keepdims=True) + sq.mean())
    # The two main axes: eigenvectors of the small k × k matrix, then back to the nodes
    # (the same as the SVD's U·S, without factorising the n × k matrix).
    with one_blas_thread():
        _values, vectors = np.linalg.eigh(centred.T @ centred)
        pos = centred @ vectors[:, [-1, -2]]
    # The SVD's signs are arbitrary: fix them so the picture does not flip between runs.
    for axis in range(2):
        if pos[np.argmax(np.abs(pos[:, axis])), axis] < 0:
            pos[:, axis] = -pos[:, axis]
    return pos


def one_blas_thread() -> contextlib.AbstractContextManager:
    """Run the enclosed BLAS calls on one thread (threadpoolctl's limit, put back after).

    The layout's matrices are small (k × n with k = 40): OpenBLAS splits a product of that
    size between its threads all the same, and those threads then spin, waiting for more
    work, for a good part of a second, which costs about as much processor time as the
    whole layout (on two cores, 100 ms of the 3,010-story page's 200). Splitting a product
    divides the result between threads, each computing its part as one thread would, so
    the numbers are the same either way."""
    return threadpool_limits(limits=1, user_api="blas")


_GRID = 64


@functools.lru_cache(maxsize=1)
def _kernel_fft() -> np.ndarray:
    """FFTs of the repulsion field ``v / |v|²`` on a grid of unit cells, for offsets of at
    most ``_GRID - 1`` cells; zero within one cell (that part is computed pair by pair):
    the x and the y component stacked, so one call transforms both."""
    size = 2 * _GRID
    off = np.arange(size)
    off = np.where(off < _GRID, off, off - size).astype(float)  # wrap-around offsets
    dx, dy = np.meshgrid(off, off, indexing="ij")
    r2 = dx * dx + dy * dy
    near = (np.abs(dx) <= 1) & (np.abs(dy) <= 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        kx = np.where(near, 0.0, dx / r2)
        ky = np.where(near, 0.0, dy / r2)
    return np.stack([np.fft.rfft2(kx), np.fft.rfft2(ky)])


def _repulsion(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Sum over other nodes of ``mass_i * mass_j * (p_i - p_j) / |p_i - p_j|²``.

    Far pairs through a density grid and one FFT convolution, pairs in neighbouring
    cells exactly (found with a k-d tree): O(n log n) instead of O(n²).

    The grid is ``2 * _GRID`` cells a side so the convolution does not wrap around, and
    the nodes fill only the first ``_GRID`` rows and columns: the transforms along the
    rows skip the empty half (the transform of zeros is zeros) and the field is
    transformed back only where nodes are. Each of these steps computes exactly what the
    whole two-dimensional transforms compute (numpy's ``rfft2``/``irfft2`` are the same
    one-dimensional transforms axis after axis), so the layout is the same to the bit.
    """
    from scipy.spatial import cKDTree
    n = len(pos)
    size = 2 * _GRID
    lo = pos.min(axis=0)
    cell = max(float((pos.max(axis=0) - lo).max()) / (_GRID - 1), 1e-6)
    idx = np.minimum(((pos - lo) / cell).astype(np.int64), _GRID - 1)
    ix, iy = idx[:, 0], idx[:, 1]
    flat = ix * size + iy
    # the masses summed per cell in node order, as np.add.at would
    density = np.bincount(flat, mass, _GRID * size).reshape(_GRID, size)
    padded = np.zeros((size, _GRID + 1), dtype=complex)
    padded[:_GRID] = np.fft.rfft(density, axis=1)
    spectrum = np.fft.fft(padded, axis=0)
    half = np.fft.ifft(spectrum * _kernel_fft(), axis=1)[:, :_GRID]
    field = np.fft.irfft(half, n=size, axis=2).reshape(2, -1)
    force = np.stack([field[0][flat], field[1][flat]], axis=1) / cell
    pairs = cKDTree(pos).query_pairs(2.9 * cell, output_type="ndarray")
    if len(pairs):
        pi, pj = pairs[:, 0], pairs[:, 1]
        close = (np.abs(ix[pi] - ix[pj]) <= 1) & (np.abs(iy[pi] - iy[pj]) <= 1)
        pi, pj = pi[close], pj[close]
        x, y = pos[:, 0], pos[:, 1]
        dx = x[pi] - x[pj]
        dy = y[pi] - y[pj]
        r2 = dx * dx + dy * dy + 1e-4
        wj = mass[pj] / r2
        wi = mass[pi] / r2
        force[:, 0] += np.bincount(pi, dx * wj, n) - np.bincount(pj, dx * wi, n)
        force[:, 1] += np.bincount(pi, dy * wj, n) - np.bincount(pj, dy * wi, n)
    return force * mass[:, None]


#: A component of at most this many nodes is relaxed with the exact repulsion of every
#: pair (n² per step: below about 300 nodes faster than the grid's three FFTs, which cost
#: the same for 3 nodes as for 300, so a page of many small components paid 150 steps of
#: them for each); a larger one through the density grid (``_repulsion``).
_EXACT_UP_TO = 256


def _repulsion_exact(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """What ``_repulsion`` approximates, summed over every pair: ``mass_i * mass_j *
    (p_i - p_j) / (|p_i - p_j|² + 1e-4)`` (a node adds nothing to itself)."""
    x, y = pos[:, 0], pos[:, 1]
    dx = x[:, None] - x[None, :]
    dy = y[:, None] - y[None, :]
    w = mass[None, :] / (dx * dx + dy * dy + 1e-4)
    return np.stack([(dx * w).sum(axis=1), (dy * w).sum(axis=1)], axis=1) * mass[:, None]


def _relax(
    pos: np.ndarray, ei: np.ndarray, ej: np.ndarray, ew: np.ndarray, mass: np.ndarray, steps: int
) -> np.ndarray:
    """Force steps in the manner of ForceAtlas2: repulsion ``mass_i * mass_j / d`` (mass =
    degree + 1, so a hub keeps its neighbours at a distance), attraction linear in the
    distance along edges, a weak pull to the centre; each step moves a node at most
    ``heat``, which cools geometrically."""
    n = len(pos)
    heat = 0.1 * math.sqrt(n)
    cool = (0.002 * math.sqrt(n) / heat) ** (1.0 / max(steps - 1, 1))
    repulsion = _repulsion_exact if n <= _EXACT_UP_TO else _repulsion
    gravity = _GRAVITY * mass[:, None]
    for _ in range(steps):
        force = _REPULSION * repulsion(pos, mass)
        for axis in range(2):  # one coordinate at a time: bincount reads its weights in place
            coord = pos[:, axis]
            f = (coord[ei] - coord[ej]) * ew
            force[:, axis] -= np.bincount(ei, f, n) - np.bincount(ej, f, n)
        towards = pos - pos.mean(axis=0)
        force -= gravity * towards / (np.sqrt((towards**2).sum(axis=1)) + 1e-9)[:, None]
        length = np.sqrt((force * force).sum(axis=1)) + 1e-9
        pos = pos + force * (np.minimum(length, heat) / length)[:, None]
        heat *= cool
    return pos


_REPULSION = 0.5
_GRAVITY = 0.5


def _component_layout(n: int, edges: list[tuple[int, int, float]], seed: int) -> np.ndarray:
    """Positions (about one unit between neighbours) of one connected component, nodes ``0..n-1``."""
    from scipy import sparse
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    ei = np.array([e[0] for e in edges], dtype=np.int64)
    ej = np.array([e[1] for e in edges], dtype=np.int64)
    ew = np.array([e[2] for e in edges], dtype=float)
    adj = sparse.csr_matrix((np.ones(len(edges)), (ei, ej)), shape=(n, n))
    adj = adj + adj.T
    mass = np.diff((adj > 0).astype(np.int8).tocsr().indptr).astype(float) + 1.0
    pos = _pivot_mds(adj, n)
    spread = np.sqrt((pos**2).sum(axis=1)).max()
    if spread > 0:
        pos *= math.sqrt(n) / spread  # start about as wide as the relaxed picture
    jitter = np.random.default_rng(seed).normal(scale=0.05, size=pos.shape)
    return _relax(pos + jitter, ei, ej, ew, mass, _RELAX_STEPS)


def layout(
    node_ids: list[str],
    weights: Mapping[tuple[str, str], float],
    radius: Mapping[str, float] | None = None,
) -> dict[str, tuple[int, int]]:
    """Integer canvas positions of ``node_ids`` linked by ``weights`` ((a, b) → weight).

    Components are laid out one by one and packed in rows, the largest first, so a
    graph with many small components does not scatter them over an empty disc. With
    ``radius`` (node → radius on the canvas), nodes that would overlap are pushed apart.
    """
    from scipy import sparse
    from scipy.sparse import csgraph
    n = len(node_ids)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(node_ids)}
    radii = np.array([float(radius.get(node, 0.0)) if radius else 0.0 for node in node_ids])
    pairs = sorted((index[a], index[b], w) for (a, b), w in weights.items() if a != b)
    if pairs:
        rows = np.array([p[0] for p in pairs])
        cols = np.array([p[1] for p in pairs])
        graph = sparse.csr_matrix((np.ones(len(pairs)), (rows, cols)), shape=(n, n))
    else:
        graph = sparse.csr_matrix((n, n))
    _count, labels = csgraph.connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    for node, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(node)
    edges_of: dict[int, list[tuple[int, int, float]]] = {}
    for a, b, w in pairs:
        edges_of.setdefault(int(labels[a]), []).append((a, b, w))
    pieces = []
    for label, nodes in members.items():
        local = {node: i for i, node in enumerate(nodes)}
        edges = [(local[a], local[b], 1.0 + math.log(max(w, 1.0))) for a, b, w in edges_of.get(label, [])]
        pos = _component_layout(len(nodes), edges, LAYOUT_SEED + nodes[0]) * _UNIT
        r = radii[nodes]
        pos = _separate(pos, r)
        pos = pos - pos.min(axis=0) + r.max()  # the box holds the discs, not only the centres
        pieces.append((nodes, pos, pos.max(axis=0) + r.max()))
    pieces.sort(key=lambda p: (-len(p[0]), p[0][0]))
    return {node_ids[i]: xy for i, xy in _pack(pieces).items()}


def _separate(pos: np.ndarray, radius: np.ndarray, gap: float = 4.0, steps: int = 50) -> np.ndarray:
    """Push apart the nodes whose discs (plus ``gap``) overlap, a few half steps at a time."""
    from scipy.spatial import cKDTree
    if len(pos) < 2 or not radius.any():
        return pos
    reach = 2 * float(radius.max()) + gap
    n = len(pos)
    for _ in range(steps):
        pairs = cKDTree(pos).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        d = pos[j] - pos[i]
        dist = np.sqrt((d * d).sum(axis=1))
        over = radius[i] + radius[j] + gap - dist
        hit = over > 0
        if not hit.any():
            break
        i, j, d, dist, over = i[hit], j[hit], d[hit], dist[hit], over[hit]
        same = dist < 1e-6
        d[same] = (1.0, 0.0)  # one on top of the other: move apart sideways
        dist[same] = 1.0
        step = d * (0.25 * over / dist)[:, None]
        for axis in range(2):
            moved = np.bincount(j, step[:, axis], n) - np.bincount(i, step[:, axis], n)
            pos[:, axis] += moved
    return pos


def _pack(pieces: list[tuple[list[int], np.ndarray, np.ndarray]]) -> dict[int, tuple[int, int]]:
    """Shelf packing: rows of components, each row centred under the previous one."""
    gap = 2 * _UNIT
    sizes = [size for _nodes, _pos, size in pieces]
    area = sum((w + gap) * (h + gap) for w, h in sizes)
    width = max(max(w for w, _h in sizes), math.sqrt(area) * 1.2)
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, (w, _h) in enumerate(sizes):
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append(i)
        used += w + gap
    out: dict[int, tuple[int, int]] = {}
    top = 0.0
    for row in rows:
        row_width = sum(sizes[i][0] for i in row) + gap * (len(row) - 1)
        left = (width - row_width) / 2
        height = max(sizes[i][1] for i in row)
        for i in row:
            nodes, pos, _size = pieces[i]
            offset = np.array([left, top + (height - sizes[i][1]) / 2])
            for node, xy in zip(nodes, pos + offset):
                out[node] = (round(float(xy[0] - width / 2)), round(float(xy[1])))
            left += sizes[i][0] + gap
        top += height + gap
    return out
