"""The interactive HTML view: one self-contained, offline page.

The page is written here rather than with pyvis's ``write_html``/``show``: those copy a
``lib/`` folder into the working directory, write without an encoding and load resources
from CDNs. Only the vis-network JavaScript and CSS that ship inside the pyvis package are
used, inlined, so the page makes no network request; a Content-Security-Policy with
``default-src 'none'`` and hashes of our two scripts makes that a guarantee and keeps any
script smuggled in through the data from running.

Data from documents never becomes markup: it travels as JSON in
``<script type="application/json" id="kg-data">`` with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped (so ``</script>`` or ``<!--`` inside a sentence cannot end the element),
and the page builds its panels, lists and tooltips with ``createElement``/``textContent``.
The few document strings placed in the markup itself (the name in an ego page's title)
go through ``html.escape``.

What the page holds (``page_data``), kept compact because a page may carry thousands of
nodes and edges; lists refer to each other by index:

- ``types``: ``[name, colour]`` per entity type; ``relations``: ``[name, colour,
  directed]`` per relation type, co-occurrence last;
- ``docs``: ``[id, title, date as given, ISO date or ""]``, sorted by ISO date (undated
  last), then id; ``sentences``: ``[doc, text]``; ``rules``: rule names;
- ``nodes``: ``id``, ``label``, ``type``, ``aliases``, ``mentions``, ``docs`` (every
  document naming the entity, in date order), ``attrs``, ``size`` (from the mentions),
  ``x``/``y`` (the layout) and ``rank`` (0 = most important, for labels);
- ``edges``: ``f``/``t`` (node indices), ``k`` (relation type), ``w`` (weight: evidence
  sentences of a relation, sentences of a co-occurrence), ``ev`` (``[sentence, rule]``,
  at most ``Settings.max_evidence``, or ``COOCCURRENCE_EVIDENCE`` for a co-occurrence,
  in date order), ``n`` (all evidence), ``d`` (every document of the evidence, for
  the date filter) and, for co-occurrences, ``docs``,
  ``pmi`` and ``npmi``.

The page keeps the ``Settings.html_max_nodes`` most mentioned entities (an ego page: the
nearest first) and at most ``COOCCURRENCE_EDGES_PER_NODE`` co-occurrence edges per node,
the strongest; it says how many it shows of how many.

Node positions are computed here, so the browser runs no physics and a large graph opens
at once: each connected component is placed by pivot MDS (classical scaling of the hop
distances to a few dozen pivot nodes, which gets the global shape right in one linear
pass), then relaxed by force steps in the manner of ForceAtlas2 (repulsion between all
pairs through a density grid and one FFT per step, exact between neighbouring cells, so no
O(n²) step), then overlapping discs are pushed apart; components are packed in rows, the
largest first, unconnected entities last. Everything is seeded and sorted: same
extraction and settings, same bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import heapq
import html
import importlib.util
import json
import math
import re
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from .config import Settings
from .errors import QueryError, ResourceError
from .model import (
    COOCCURS,
    ENTITY_TYPES,
    RELATION_TYPES,
    SYMMETRIC,
    Cooccurrence,
    Entity,
    Evidence,
    Extraction,
)

#: Node colour per entity type (in ``ENTITY_TYPES`` order); unknown types are grey.
TYPE_COLORS: dict[str, str] = {
    "Person": "#e15759",
    "Place": "#4e79a7",
    "Organization": "#59a14f",
    "Enterprise": "#f28e2b",
    "Initiative": "#b07aa1",
    "Event": "#c9a227",
}
UNKNOWN_COLOR = "#9e9e9e"

#: Edge colour per relation type.
RELATION_COLORS: dict[str, str] = {
    "holds_position": "#d62728",
    "located_in": "#1f77b4",
    "part_of": "#17becf",
    "visited": "#9467bd",
    "attended": "#ff7f0e",
    "proposed": "#8c564b",
    "participates_in": "#e377c2",
    "cooperates_with": "#2ca02c",
    "met": "#555555",
}
COOCCURRENCE_COLOR = "#b4b4b4"

FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"WenQuanYi Micro Hei", sans-serif'
)

#: At most this many co-occurrence edges per node on the page (the strongest); a large
#: corpus has tens of co-occurrences per entity and they would bury the typed relations.
COOCCURRENCE_EDGES_PER_NODE = 8

#: At most this many evidence sentences per co-occurrence edge on the page (a typed
#: relation keeps ``Settings.max_evidence``): co-occurrences are many, their sentences
#: would make most of a large page, and a few show what the pair is about.
COOCCURRENCE_EVIDENCE = 5

#: Seed of the layout, fixed so the page is the same on every run.
LAYOUT_SEED = 20240601
#: Canvas units between two linked nodes.
_UNIT = 25.0
_PIVOTS = 40
_RELAX_STEPS = 150

_VIS_DIR = ("templates", "lib", "vis-9.1.2")


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """The vis-network JavaScript and CSS shipped inside the pyvis package."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("pyvis is not installed; it provides vis-network for graph.html")
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)
    try:
        js = (base / "vis-network.min.js").read_text(encoding="utf-8")
        css = (base / "vis-network.css").read_text(encoding="utf-8")
    except OSError as e:
        raise ResourceError(f"{base}: vis-network files not found in pyvis: {e}") from e
    # Neither file contains these today; the guard keeps a future version from closing our
    # <script>/<style> element early. Both replacements mean the same to JS and CSS.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def json_for_html(obj: object) -> str:
    """JSON safe to place inside a ``<script>`` element.

    >>> json_for_html({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


_DATE_RE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def iso_date(text: str) -> str:
    """A document date as ``YYYY-MM-DD``, or ``""`` if it is not a day.

    >>> iso_date("2024-11-05"), iso_date("2024年11月7日"), iso_date("2024/1/2 08:00")
    ('2024-11-05', '2024-11-07', '2024-01-02')
    >>> iso_date("2024-02-30"), iso_date("11月"), iso_date("")
    ('', '', '')
    """
    m = _DATE_RE.match(text or "")
    if not m:
        return ""
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return ""


# ---------------------------------------------------------------------------------------
# Which entities: the most mentioned, or the nearest to a centre


def select_entities(ex: Extraction, limit: int, rank: Mapping[str, int] | None = None) -> list[Entity]:
    """The ``limit`` most important entities, sorted by id.

    Importance is the number of mentions (ties broken by id); with ``rank`` (entity id →
    distance from a centre), nearer entities come first and mentions break ties.
    """
    if rank is None:
        top = sorted(ex.entities, key=lambda e: (-e.mentions, e.id))[:limit]
    else:
        far = len(rank) + 1
        top = sorted(ex.entities, key=lambda e: (rank.get(e.id, far), -e.mentions, e.id))[:limit]
    return sorted(top, key=lambda e: e.id)


def _neighbours(ex: Extraction, cooccurrence: bool = True) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {e.id: set() for e in ex.entities}
    pairs: Iterable[tuple[str, str]] = ((r.head, r.tail) for r in ex.relations)
    if cooccurrence:
        pairs = [*pairs, *((c.a, c.b) for c in ex.cooccurrences)]
    for a, b in pairs:
        if a != b and a in adj and b in adj:
            adj[a].add(b)
            adj[b].add(a)
    return adj


def distances(
    ex: Extraction, centre: str, depth: int | None = None, cooccurrence: bool = True
) -> dict[str, int]:
    """Hops from ``centre`` to every entity within ``depth`` (all reachable if ``None``).

    Edges are the typed relations in either direction and, if ``cooccurrence``, the
    co-occurrences.
    """
    adj = _neighbours(ex, cooccurrence)
    dist = {centre: 0}
    queue = deque([centre])
    while queue:
        node = queue.popleft()
        if depth is not None and dist[node] >= depth:
            continue
        for other in sorted(adj.get(node, ())):
            if other not in dist:
                dist[other] = dist[node] + 1
                queue.append(other)
    return dist


def find_entity(ex: Extraction, query: str) -> Entity:
    """The one entity whose id, name or alias is ``query`` (letter case ignored).

    Raises ``QueryError`` naming the candidates when several entities match, and the
    entities whose names contain the query (or are contained in it) when none does.
    """
    q = query.strip().casefold()
    if not q:
        raise QueryError("no entity name given")
    exact = [e for e in ex.entities if e.id.casefold() == q]
    if not exact:
        exact = [e for e in ex.entities if q in {n.casefold() for n in (e.name, *e.aliases)}]
    if len(exact) == 1:
        return exact[0]
    if exact:
        cands = ", ".join(
            f"{e.id} ({e.type} {e.name}, {e.mentions} mentions)" for e in sorted(exact, key=_by_weight)
        )
        raise QueryError(f"{query}: {len(exact)} entities have this name; give one of the ids: {cands}")
    similar = sorted(
        (
            e
            for e in ex.entities
            if any(q in n.casefold() or n.casefold() in q for n in (e.name, *e.aliases) if n)
        ),
        key=_by_weight,
    )
    if not similar:
        raise QueryError(f"{query}: no entity has this name or alias")
    shown = ", ".join(f"{e.name} ({e.type})" for e in similar[:10])
    more = f" and {len(similar) - 10} more" if len(similar) > 10 else ""
    raise QueryError(f"{query}: no entity has this name or alias; similar names: {shown}{more}")


def _by_weight(e: Entity) -> tuple[int, str]:
    return (-e.mentions, e.id)


def ego_network(ex: Extraction, centre: str, depth: int = 1, cooccurrence: bool = True) -> Extraction:
    """The part of ``ex`` within ``depth`` hops of the entity ``centre``.

    Entities reached through typed relations (either direction) and, if
    ``cooccurrence``, co-occurrences; every relation and co-occurrence between them is
    kept. Documents are kept whole (the page looks up titles and dates in them).
    """
    if depth < 0:
        raise QueryError(f"depth must be 0 or more, not {depth}")
    if not any(e.id == centre for e in ex.entities):
        raise QueryError(f"{centre}: no entity has this id")
    keep = distances(ex, centre, depth, cooccurrence)
    return replace(
        ex,
        entities=tuple(e for e in ex.entities if e.id in keep),
        relations=tuple(r for r in ex.relations if r.head in keep and r.tail in keep),
        cooccurrences=tuple(c for c in ex.cooccurrences if c.a in keep and c.b in keep),
        homonym_candidates=(),
    )


# ---------------------------------------------------------------------------------------
# Layout


def _pivot_mds(adj: sparse.csr_matrix, n: int) -> np.ndarray:
    """Positions from classical scaling of hop distances to farthest-first pivots."""
    k = min(_PIVOTS, n)
    degree = np.diff(adj.indptr)
    pivot = int(np.argmax(degree))  # first maximum: deterministic
    nearest = np.full(n, np.inf)
    rows = np.empty((k, n))
    for i in range(k):
        d = csgraph.shortest_path(adj, directed=False, unweighted=True, indices=pivot)
        rows[i] = d
        nearest = np.minimum(nearest, d)
        pivot = int(np.argmax(nearest))
    sq = rows.T**2
    centred = -0.5 * (sq - sq.mean(axis=0) - sq.mean(axis=1, keepdims=True) + sq.mean())
    # The two main axes: eigenvectors of the small k × k matrix, then back to the nodes
    # (the same as the SVD's U·S, without factorising the n × k matrix).
    _values, vectors = np.linalg.eigh(centred.T @ centred)
    pos = centred @ vectors[:, [-1, -2]]
    # The SVD's signs are arbitrary: fix them so the picture does not flip between runs.
    for axis in range(2):
        if pos[np.argmax(np.abs(pos[:, axis])), axis] < 0:
            pos[:, axis] = -pos[:, axis]
    return pos


_GRID = 64


@functools.lru_cache(maxsize=1)
def _kernel_fft() -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the repulsion field ``v / |v|²`` on a grid of unit cells, for offsets of at
    most ``_GRID - 1`` cells; zero within one cell (that part is computed pair by pair)."""
    size = 2 * _GRID
    off = np.arange(size)
    off = np.where(off < _GRID, off, off - size).astype(float)  # wrap-around offsets
    dx, dy = np.meshgrid(off, off, indexing="ij")
    r2 = dx * dx + dy * dy
    near = (np.abs(dx) <= 1) & (np.abs(dy) <= 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        kx = np.where(near, 0.0, dx / r2)
        ky = np.where(near, 0.0, dy / r2)
    return np.fft.rfft2(kx), np.fft.rfft2(ky)


def _repulsion(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Sum over other nodes of ``mass_i * mass_j * (p_i - p_j) / |p_i - p_j|²``.

    Far pairs through a density grid and one FFT convolution, pairs in neighbouring
    cells exactly (found with a k-d tree): O(n log n) instead of O(n²).
    """
    n = len(pos)
    lo = pos.min(axis=0)
    cell = max(float((pos.max(axis=0) - lo).max()) / (_GRID - 1), 1e-6)
    idx = np.minimum(((pos - lo) / cell).astype(np.int64), _GRID - 1)
    density = np.zeros((2 * _GRID, 2 * _GRID))
    np.add.at(density, (idx[:, 0], idx[:, 1]), mass)
    spectrum = np.fft.rfft2(density)
    kx, ky = _kernel_fft()
    fx = np.fft.irfft2(spectrum * kx, s=density.shape)[idx[:, 0], idx[:, 1]]
    fy = np.fft.irfft2(spectrum * ky, s=density.shape)[idx[:, 0], idx[:, 1]]
    force = np.stack([fx, fy], axis=1) / cell
    pairs = cKDTree(pos).query_pairs(2.9 * cell, output_type="ndarray")
    if len(pairs):
        pi, pj = pairs[:, 0], pairs[:, 1]
        close = (np.abs(idx[pi] - idx[pj]) <= 1).all(axis=1)
        pi, pj = pi[close], pj[close]
        d = pos[pi] - pos[pj]
        f = d * (mass[pj] / ((d * d).sum(axis=1) + 1e-4))[:, None]
        g = d * (mass[pi] / ((d * d).sum(axis=1) + 1e-4))[:, None]
        for axis in range(2):
            force[:, axis] += np.bincount(pi, f[:, axis], n) - np.bincount(pj, g[:, axis], n)
    return force * mass[:, None]


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
    for _ in range(steps):
        force = _REPULSION * _repulsion(pos, mass)
        d = pos[ei] - pos[ej]
        f = d * ew[:, None]
        for axis in range(2):
            force[:, axis] -= np.bincount(ei, f[:, axis], n) - np.bincount(ej, f[:, axis], n)
        towards = pos - pos.mean(axis=0)
        force -= _GRAVITY * mass[:, None] * towards / (np.sqrt((towards**2).sum(axis=1)) + 1e-9)[:, None]
        length = np.sqrt((force * force).sum(axis=1)) + 1e-9
        pos = pos + force * (np.minimum(length, heat) / length)[:, None]
        heat *= cool
    return pos


_REPULSION = 0.5
_GRAVITY = 0.5


def _component_layout(n: int, edges: list[tuple[int, int, float]], seed: int) -> np.ndarray:
    """Positions (about one unit between neighbours) of one connected component, nodes ``0..n-1``."""
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


# ---------------------------------------------------------------------------------------
# The data embedded in the page


def _finite(value: float | None) -> float | None:
    return round(float(value), 6) if value is not None and math.isfinite(value) else None


def node_size(mentions: int) -> float:
    """Radius of a node: grows with the logarithm of the mentions.

    >>> node_size(0), node_size(1), node_size(7)
    (8.0, 12.0, 20.0)
    """
    return round(8.0 + 4.0 * math.log2(1 + max(mentions, 0)), 2)


class _Tables:
    """Documents, sentences and rules stored once and referred to by index (a sentence is
    shared by many co-occurrence edges, a document by many nodes)."""

    def __init__(self, ex: Extraction) -> None:
        meta = {dx.doc.id: dx.doc for dx in ex.docs}
        self.iso = {doc_id: iso_date(doc.date) for doc_id, doc in meta.items()}
        self._meta = meta
        # Documents in date order (undated last), then by id, as one integer per document:
        # the many sorts below then compare integers.
        order = sorted(meta, key=lambda d: (not self.iso[d], self.iso[d], d))
        self._rank = {d: i for i, d in enumerate(order)}
        self._docs: set[str] = set()
        self._sentences: dict[tuple[str, str], None] = {}
        self._rules: dict[str, None] = {}

    def _known(self, doc_ids: set[str]) -> None:
        missing = [d for d in doc_ids if d not in self._rank]
        for d in sorted(missing):  # not in ex.docs: after the others
            self._rank[d] = len(self._rank)
            self.iso.setdefault(d, "")

    def docs(self, doc_ids: Iterable[str]) -> list[str]:
        unique = set(doc_ids)
        self._known(unique)
        out = sorted(unique, key=self._rank.__getitem__)
        self._docs.update(out)
        return out

    def evidence(self, evidence: Sequence[Evidence], limit: int) -> list[tuple[str, str, str]]:
        """The first ``limit`` distinct evidence sentences in date order."""
        self._known({e.doc for e in evidence})
        rank = self._rank

        def key(e: Evidence) -> tuple[int, int, int, int, str]:
            return (rank[e.doc], e.sentence, e.start, e.end, e.rule)

        first = heapq.nsmallest(2 * limit, evidence, key=key)
        if len(set(first)) < min(limit, len(first)) and len(evidence) > len(first):
            first = sorted(set(evidence), key=key)  # many duplicates: the slow, exact way
        out: list[tuple[str, str, str]] = []
        seen: set[Evidence] = set()
        for e in first:
            if e in seen:
                continue
            seen.add(e)
            self._docs.add(e.doc)
            self._sentences.setdefault((e.doc, e.text), None)
            self._rules.setdefault(e.rule, None)
            out.append((e.doc, e.text, e.rule))
            if len(out) == limit:
                break
        return out

    def finish(self) -> tuple[list[list[str]], dict[str, int], list[list[object]], dict, list[str], dict]:
        docs = sorted(self._docs, key=self._rank.__getitem__)
        doc_index = {d: i for i, d in enumerate(docs)}
        doc_rows = []
        for d in docs:
            doc = self._meta.get(d)
            doc_rows.append([d, doc.title if doc else "", doc.date if doc else "", self.iso.get(d, "")])
        sentences = sorted(self._sentences, key=lambda s: (doc_index[s[0]], s[1]))
        sentence_index = {s: i for i, s in enumerate(sentences)}
        rules = sorted(self._rules)
        rule_index = {r: i for i, r in enumerate(rules)}
        return (
            doc_rows,
            doc_index,
            [[doc_index[d], text] for d, text in sentences],
            sentence_index,
            rules,
            rule_index,
        )


def page_data(
    ex: Extraction, settings: Settings, *, focus: str | None = None, scope: str = ""
) -> dict[str, object]:
    """Everything the page shows, as JSON-ready values (the content of ``#kg-data``).

    ``focus`` (an entity id) makes an ego page: the nearest entities are kept first and
    the page opens with that entity selected; ``scope`` ends the "showing N of M
    entities" line (e.g. "within 1 step of 习近平").
    """
    rank = distances(ex, focus) if focus is not None else None
    shown = select_entities(ex, settings.html_max_nodes, rank)
    node_index = {e.id: i for i, e in enumerate(shown)}
    limit = settings.max_evidence
    tables = _Tables(ex)

    types = list(ENTITY_TYPES) + sorted({e.type for e in shown} - set(ENTITY_TYPES))
    type_index = {t: i for i, t in enumerate(types)}
    rel_types = list(RELATION_TYPES) + sorted(
        {r.type for r in ex.relations if r.head in node_index and r.tail in node_index} - set(RELATION_TYPES)
    )
    rel_types.append(COOCCURS)
    rel_index = {t: i for i, t in enumerate(rel_types)}

    weights: dict[tuple[str, str], float] = {}

    def bump(a: str, b: str, w: float) -> None:
        key = (a, b) if a < b else (b, a)
        if a != b:
            weights[key] = weights.get(key, 0.0) + w

    raw_edges: list[dict[str, object]] = []
    relations = sorted(
        (r for r in ex.relations if r.head in node_index and r.tail in node_index),
        key=lambda r: (r.head, rel_index[r.type], r.tail),
    )
    for r in relations:
        bump(r.head, r.tail, 2.0 * max(r.weight, 1))
        raw_edges.append(
            {
                "f": node_index[r.head],
                "t": node_index[r.tail],
                "k": rel_index[r.type],
                "w": r.weight,
                "n": len(r.evidence),
                "ev": tables.evidence(r.evidence, limit),
                "d": tables.docs(e.doc for e in r.evidence),
            }
        )
    coocs = [c for c in ex.cooccurrences if c.a in node_index and c.b in node_index]
    cooc_total = len(coocs)
    budget = int(COOCCURRENCE_EDGES_PER_NODE * len(shown))
    if cooc_total > budget:
        coocs = sorted(coocs, key=_strongest)[:budget]
    for c in sorted(coocs, key=lambda c: (c.a, c.b)):
        bump(c.a, c.b, float(max(c.count, 1)))
        raw_edges.append(
            {
                "f": node_index[c.a],
                "t": node_index[c.b],
                "k": rel_index[COOCCURS],
                "w": c.count,
                "n": len(c.evidence),
                "ev": tables.evidence(c.evidence, min(limit, COOCCURRENCE_EVIDENCE)),
                "d": tables.docs(e.doc for e in c.evidence),
                "docs": c.documents,
                "pmi": _finite(c.pmi),
                "npmi": _finite(c.npmi),
            }
        )

    node_docs = [tables.docs(e.documents) for e in shown]
    doc_rows, doc_index, sentences, sentence_index, rules, rule_index = tables.finish()
    for edge in raw_edges:
        edge["ev"] = [[sentence_index[(d, text)], rule_index[rule]] for d, text, rule in edge["ev"]]  # type: ignore[union-attr]
        edge["d"] = [doc_index[d] for d in edge["d"]]  # type: ignore[union-attr]

    pos = layout([e.id for e in shown], weights, {e.id: node_size(e.mentions) for e in shown})
    order = sorted(range(len(shown)), key=lambda i: (-shown[i].mentions, shown[i].id))
    if focus in node_index:
        order.remove(node_index[focus])
        order.insert(0, node_index[focus])
    rank_of = {i: r for r, i in enumerate(order)}
    nodes = [
        {
            "id": e.id,
            "label": e.name,
            "type": type_index[e.type],
            "aliases": list(e.aliases),
            "mentions": e.mentions,
            "docs": [doc_index[d] for d in docs],
            "attrs": [[k, v] for k, v in e.attrs],
            "size": node_size(e.mentions),
            "x": pos[e.id][0],
            "y": pos[e.id][1],
            "rank": rank_of[i],
        }
        for i, (e, docs) in enumerate(zip(shown, node_docs))
    ]
    caption = f"showing {len(shown)} of {len(ex.entities)} entities"
    if scope:
        caption += f" {scope}"
    if cooc_total > len(coocs):
        caption += f"; the strongest {len(coocs)} of {cooc_total} co-occurrence edges"
    return {
        "caption": caption,
        "shown": len(shown),
        "total": len(ex.entities),
        "focus": node_index.get(focus) if focus is not None else None,
        "font": FONT_STACK,
        "types": [[t, TYPE_COLORS.get(t, UNKNOWN_COLOR)] for t in types],
        "relations": [
            [t, RELATION_COLORS.get(t, COOCCURRENCE_COLOR if t == COOCCURS else UNKNOWN_COLOR), _directed(t)]
            for t in rel_types
        ],
        "docs": doc_rows,
        "sentences": sentences,
        "rules": rules,
        "nodes": nodes,
        "edges": raw_edges,
    }


def _strongest(c: Cooccurrence) -> tuple[int, float, str, str]:
    """Sort key: most sentences first, then highest NPMI (undefined last), then ids."""
    npmi = _finite(c.npmi)
    return (-c.count, -npmi if npmi is not None else 2.0, c.a, c.b)


def _directed(relation_type: str) -> bool:
    return relation_type != COOCCURS and relation_type not in SYMMETRIC


# ---------------------------------------------------------------------------------------
# The page

#: Whether co-occurrence edges are drawn when the page opens. They outnumber the typed
#: relations five to one and mostly link everything to the few most mentioned entities,
#: so the page opens on the typed relations; they still shape the layout.
COOCCURRENCE_SHOWN = False

_CSS = """
html, body { margin: 0; height: 100%; }
body { font-family: FONTS; font-size: 14px; color: #222; display: flex; overflow: hidden; }
button, input { font: inherit; }
#controls { width: 270px; flex: none; overflow-y: auto; border-right: 1px solid #ddd;
  padding: 8px 12px; box-sizing: border-box; }
#controls h1 { font-size: 17px; margin: 2px 0 4px; overflow-wrap: anywhere; }
#count, #visible { color: #555; font-size: 13px; margin: 4px 0; }
#search-form { display: flex; gap: 4px; margin-top: 8px; }
#search { flex: 1; min-width: 0; }
#search-msg { color: #a33; font-size: 13px; margin: 2px 0; min-height: 1em; }
#results { list-style: none; margin: 0; padding: 0; }
#results button { display: block; width: 100%; text-align: left; border: 0; background: none;
  padding: 2px 4px; cursor: pointer; overflow-wrap: anywhere; }
#results button:hover, #results button:focus { background: #eef3fb; }
#results .hint { color: #777; font-size: 12px; margin-left: 6px; }
fieldset { border: 1px solid #ddd; border-radius: 4px; margin: 10px 0 0; padding: 4px 8px 6px; }
legend { font-size: 13px; color: #555; padding: 0 4px; }
.filter { display: flex; align-items: center; gap: 5px; font-size: 13px; line-height: 1.7; }
.filter .n { color: #888; margin-left: auto; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; flex: none; }
.line { display: inline-block; width: 18px; height: 0; border-top: 3px solid; flex: none; }
.line.dashed { border-top-style: dashed; border-top-width: 2px; }
#min-weight { width: 4.5em; }
.dates label { display: flex; justify-content: space-between; gap: 6px; font-size: 13px; margin: 3px 0; }
.help { color: #777; font-size: 12px; margin-top: 12px; }
#graph { flex: 1; min-width: 0; background: #fff; }
#panel { width: 340px; flex: none; overflow-y: auto; border-left: 1px solid #ddd;
  padding: 8px 12px; box-sizing: border-box; }
#panel h2 { font-size: 16px; margin: 4px 0 8px; overflow-wrap: anywhere; display: flex;
  align-items: center; gap: 6px; flex-wrap: wrap; }
#panel h3 { font-size: 14px; margin: 14px 0 4px; }
#panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
#panel dt { color: #666; }
#panel dd { margin: 0; overflow-wrap: anywhere; }
#panel ol, #panel ul { padding-left: 1.4em; margin: 4px 0; }
#panel li { margin-bottom: 6px; overflow-wrap: anywhere; }
#panel ul.edges { list-style: none; padding-left: 0; }
#panel ul.edges li { margin-bottom: 3px; }
#panel .doc, #panel .rule { display: block; color: #666; font-size: 12px; }
#panel .rule { color: #888; }
button.link { border: 0; background: none; padding: 0; color: #1a5fb4; cursor: pointer;
  text-align: left; overflow-wrap: anywhere; }
button.link:hover { text-decoration: underline; }
.kg-tip { max-width: 320px; white-space: normal; font-family: FONTS; }
""".replace("FONTS", FONT_STACK)

# The page script. Data is read from #kg-data and only ever reaches the DOM through
# textContent or as canvas labels; nothing is parsed as HTML.
_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes, E = data.edges, DOCS = data.docs, SENT = data.sentences;
  var TYPES = data.types, RELS = data.relations, COOC = RELS.length - 1;
  var LABEL_PX = 13, MAX_LABELS = 90, MAX_DOCS = 50, MAX_COOC = 15;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function swatch(color) {
    var s = el("span", null, "swatch");
    s.style.background = color;
    return s;
  }
  function label(i) { return N[i].label; }
  function docLine(i) {
    var d = DOCS[i], parts = [d[1] || d[0]];
    if (d[2]) { parts.push(d[2]); }
    if (d[1]) { parts.push(d[0]); }
    return parts.join(" \u00b7 ");
  }
  function width(e) {
    var w = Math.log2(Math.max(e.w, 1));
    return e.k === COOC ? Math.min(0.5 + 0.75 * w, 4) : Math.min(1.5 + 1.5 * w, 8);
  }
  var edgesOf = N.map(function () { return []; });
  E.forEach(function (e, j) {
    edgesOf[e.f].push(j);
    if (e.t !== e.f) { edgesOf[e.t].push(j); }
  });
  var byRank = N.map(function (n, i) { return i; });
  byRank.sort(function (a, b) { return N[a].rank - N[b].rank; });

  // ---- filters
  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll("input.type-filter"));
  var relBoxes = Array.prototype.slice.call(document.querySelectorAll("input.rel-filter"));
  var minWeight = $("min-weight"), hideIsolated = $("hide-isolated");
  var dateFrom = $("date-from"), dateTo = $("date-to");
  var nodeOn = [], edgeOn = [];

  function inRange(docs, f) {
    if (!f.dated) { return true; }
    for (var i = 0; i < docs.length; i++) {
      var iso = DOCS[docs[i]][3];
      if (iso && iso >= f.from && iso <= f.to) { return true; }
    }
    return false;
  }
  function filters() {
    var f = { types: [], rels: [], min: Math.max(1, parseInt(minWeight.value, 10) || 1) };
    typeBoxes.forEach(function (b) { f.types[+b.value] = b.checked; });
    relBoxes.forEach(function (b) { f.rels[+b.value] = b.checked; });
    f.from = dateFrom ? (dateFrom.value || dateFrom.min) : "";
    f.to = dateTo ? (dateTo.value || dateTo.max) : "";
    f.dated = !!dateFrom && (f.from > dateFrom.min || f.to < dateTo.max);
    return f;
  }
  function compute() {
    var f = filters();
    nodeOn = N.map(function (n) { return f.types[n.type] !== false && inRange(n.docs, f); });
    edgeOn = E.map(function (e) {
      return f.rels[e.k] !== false && e.w >= f.min && nodeOn[e.f] && nodeOn[e.t] && inRange(e.d, f);
    });
    if (hideIsolated.checked) {
      var linked = N.map(function () { return false; });
      edgeOn.forEach(function (on, j) { if (on) { linked[E[j].f] = true; linked[E[j].t] = true; } });
      nodeOn = nodeOn.map(function (on, i) { return on && (linked[i] || i === data.focus); });
    }
    var shownNodes = nodeOn.filter(Boolean).length, shownEdges = edgeOn.filter(Boolean).length;
    $("visible").textContent = shownNodes + " entities and " + shownEdges + " edges visible";
  }

  // ---- the network
  function nodeTip(n) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", TYPES[n.type][0] + " \u00b7 " + n.mentions + " mentions"));
    if (n.aliases.length) { box.appendChild(el("div", n.aliases.join(" | "))); }
    return box;
  }
  function edgeTip(e) {
    var box = el("div", null, "kg-tip");
    box.appendChild(el("strong", label(e.f) + " \u2014 " + RELS[e.k][0] + " \u2014 " + label(e.t)));
    box.appendChild(el("div", (e.k === COOC ? "sentences: " : "evidence: ") + e.w));
    return box;
  }
  compute();
  var nodes = new vis.DataSet(N.map(function (n, i) {
    var c = TYPES[n.type][1];
    return {
      id: i, label: n.label, x: n.x, y: n.y, size: n.size, title: nodeTip(n), hidden: !nodeOn[i],
      font: { size: 0 },
      color: { background: c, border: c, highlight: { background: c, border: "#111" },
               hover: { background: c, border: "#111" } }
    };
  }));
  var edges = new vis.DataSet(E.map(function (e, j) {
    var rel = RELS[e.k], cooc = e.k === COOC;
    return {
      id: j, from: e.f, to: e.t, width: width(e), title: edgeTip(e), hidden: !edgeOn[j],
      color: { color: rel[1], highlight: rel[1], hover: rel[1], opacity: cooc ? 0.7 : 0.9 },
      arrows: { to: { enabled: rel[2], scaleFactor: 0.5 } },
      dashes: cooc,
      smooth: cooc ? false : { enabled: true, type: "curvedCW", roundness: 0.12 }
    };
  }));
  var many = E.length > 4000;
  var network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: many, hideEdgesOnZoom: many },
    nodes: { shape: "dot", borderWidth: 1,
             font: { face: data.font, size: 0, strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { maxVisible: 20, drawThreshold: 5 } } },
    edges: { selectionWidth: 2, hoverWidth: 0.5 }
  });

  // ---- labels: the most important nodes in view whose labels do not overlap, at a
  // constant size on screen; picked again after every zoom, pan or filter change.
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = LABEL_PX + "px " + data.font;
  var textWidth = N.map(function (n) { return measure.measureText(n.label).width; });
  var fontOf = N.map(function () { return 0; });
  function relabel() {
    var scale = network.getScale(), unit = 1 / scale, size = LABEL_PX * unit;
    var rect = $("graph").getBoundingClientRect();
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: rect.width, y: rect.height });
    var selected = network.getSelectedNodes();
    var order = selected.concat(byRank.filter(function (i) { return selected.indexOf(i) < 0; }));
    var inView = byRank.filter(function (i) {
      var n = N[i];
      return nodeOn[i] && n.x >= a.x && n.x <= b.x && n.y >= a.y && n.y <= b.y;
    }).slice(0, 300);
    var boxes = [], want = N.map(function () { return 0; });
    function apart(p, q) { return p[2] < q[0] || p[0] > q[2] || p[3] < q[1] || p[1] > q[3]; }
    for (var j = 0; j < order.length && boxes.length < MAX_LABELS; j++) {
      var i = order[j], n = N[i];
      if (!nodeOn[i] || n.x < a.x || n.x > b.x || n.y < a.y || n.y > b.y) { continue; }
      var w = (textWidth[i] + 6) * unit, top = n.y + n.size, h = (LABEL_PX + 5) * unit;
      var box = [n.x - w / 2, top, n.x + w / 2, top + h];
      // A label may not cover another label, nor a more important node.
      var free = boxes.every(function (o) { return apart(box, o); }) && inView.every(function (k) {
        var m = N[k], r = m.size;
        return m.rank >= n.rank || apart(box, [m.x - r, m.y - r, m.x + r, m.y + r]);
      });
      if (free) { boxes.push(box); want[i] = size; }
    }
    var updates = [];
    want.forEach(function (s, i) {
      if (Math.abs(s - fontOf[i]) > 1e-9) { fontOf[i] = s; updates.push({ id: i, font: { size: s } }); }
    });
    if (updates.length) { nodes.update(updates); }
  }
  var pending = null;
  function relabelSoon() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; relabel(); }, 80);
  }
  network.on("zoom", relabelSoon);
  network.on("dragEnd", relabelSoon);
  network.on("resize", relabelSoon);

  function apply() {
    var before = { n: nodeOn, e: edgeOn };
    compute();
    var nu = [], eu = [];
    nodeOn.forEach(function (on, i) { if (on !== before.n[i]) { nu.push({ id: i, hidden: !on }); } });
    edgeOn.forEach(function (on, j) { if (on !== before.e[j]) { eu.push({ id: j, hidden: !on }); } });
    if (nu.length) { nodes.update(nu); }
    if (eu.length) { edges.update(eu); }
    relabel();
  }
  typeBoxes.concat(relBoxes, [hideIsolated]).forEach(function (b) { b.addEventListener("change", apply); });
  minWeight.addEventListener("input", apply);
  if (dateFrom) {
    dateFrom.addEventListener("change", apply);
    dateTo.addEventListener("change", apply);
    $("date-reset").addEventListener("click", function () {
      dateFrom.value = dateFrom.min;
      dateTo.value = dateTo.max;
      apply();
    });
  }

  // ---- details panel
  var details = $("details");
  function link(text, go) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", go);
    return b;
  }
  function field(dl, key, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", key));
    var dd = el("dd");
    if (typeof value === "object") { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function heading(parts) {
    var h = el("h2");
    parts.forEach(function (p) { h.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
    details.appendChild(h);
  }
  function selectNode(i) {
    network.selectNodes([i]);
    showNode(i);
    relabel();
  }
  function selectEdge(j) {
    network.selectEdges([j]);
    showEdge(j);
  }
  function showNode(i) {
    var n = N[i];
    clear(details);
    heading([swatch(TYPES[n.type][1]), n.label]);
    var dl = el("dl");
    field(dl, "type", TYPES[n.type][0]);
    field(dl, "aliases", n.aliases.join(" | "));
    field(dl, "mentions", n.mentions);
    field(dl, "documents", n.docs.length);
    field(dl, "id", n.id);
    n.attrs.forEach(function (kv) { field(dl, kv[0], kv[1]); });
    if (!nodeOn[i]) { field(dl, "shown", "no: hidden by the filters"); }
    details.appendChild(dl);
    var rel = edgesOf[i].filter(function (j) { return E[j].k !== COOC; });
    var co = edgesOf[i].filter(function (j) { return E[j].k === COOC; });
    [[rel, "Relations", rel.length], [co, "Co-occurs with", MAX_COOC]].forEach(function (group) {
      if (!group[0].length) { return; }
      group[0].sort(function (x, y) { return E[y].w - E[x].w || x - y; });
      var list = group[0].slice(0, group[2]);
      details.appendChild(el("h3", group[1] + " (" + (list.length < group[0].length ?
        list.length + " of " : "") + group[0].length + ")"));
      var ul = el("ul", null, "edges");
      list.forEach(function (j) {
        var e = E[j], out = e.f === i, other = out ? e.t : e.f;
        var text = e.k === COOC ? label(other) + " (" + e.w + ")" :
          (RELS[e.k][2] ? (out ? "\u2192 " : "\u2190 ") : "") + RELS[e.k][0] + " " + label(other) + " (" + e.w + ")";
        var li = el("li");
        li.appendChild(link(text, function () { selectEdge(j); }));
        ul.appendChild(li);
      });
      details.appendChild(ul);
    });
    var docs = n.docs.slice(0, MAX_DOCS);
    details.appendChild(el("h3", "Documents (" + (docs.length < n.docs.length ?
      "first " + docs.length + " of " : "") + n.docs.length + ")"));
    var ol = el("ol", null, "docs");
    docs.forEach(function (d) {
      var li = el("li");
      li.appendChild(el("span", DOCS[d][1] || DOCS[d][0], "title"));
      var meta = [DOCS[d][2], DOCS[d][1] ? DOCS[d][0] : ""].filter(Boolean).join(" \u00b7 ");
      if (meta) { li.appendChild(el("span", meta, "doc")); }
      ol.appendChild(li);
    });
    details.appendChild(ol);
  }
  function showEdge(j) {
    var e = E[j], rel = RELS[e.k];
    clear(details);
    heading([label(e.f) + (rel[2] ? " \u2192 " : " \u2014 ") + rel[0] + (rel[2] ? " \u2192 " : " \u2014 ") + label(e.t)]);
    var dl = el("dl");
    field(dl, "from", link(label(e.f), function () { selectNode(e.f); }));
    field(dl, "relation", rel[0]);
    field(dl, "to", link(label(e.t), function () { selectNode(e.t); }));
    if (e.k === COOC) {
      field(dl, "weight", e.w + " sentences");
      field(dl, "documents", e.docs);
      field(dl, "pmi", e.pmi);
      field(dl, "npmi", e.npmi);
    } else {
      field(dl, "weight", e.w + " evidence sentence" + (e.w === 1 ? "" : "s"));
      var rules = [];
      e.ev.forEach(function (p) { var r = data.rules[p[1]]; if (rules.indexOf(r) < 0) { rules.push(r); } });
      field(dl, "rules", rules.join(", "));
    }
    field(dl, "documents cited", e.d.length);
    details.appendChild(dl);
    details.appendChild(el("h3", "Evidence" + (e.ev.length < e.n ?
      " (first " + e.ev.length + " of " + e.n + ")" : " (" + e.n + ")")));
    var ol = el("ol", null, "evidence");
    e.ev.forEach(function (p) {
      var s = SENT[p[0]], li = el("li");
      li.appendChild(el("span", docLine(s[0]), "doc"));
      li.appendChild(el("span", s[1], "sentence"));
      if (e.k !== COOC) { li.appendChild(el("span", "rule: " + data.rules[p[1]], "rule")); }
      ol.appendChild(li);
    });
    details.appendChild(ol);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // ---- search over names and aliases
  var names = N.map(function (n) {
    return [n.label].concat(n.aliases).map(function (s) { return s.toLowerCase(); });
  });
  var search = $("search"), message = $("search-msg"), results = $("results");
  function find(query) {
    var q = query.trim().toLowerCase(), hits = [];
    if (!q) { return hits; }
    names.forEach(function (list, i) {
      var best = 9, via = null;
      list.forEach(function (s, k) {
        var at = s.indexOf(q), score = at < 0 ? 9 : (s === q ? 0 : at === 0 ? 2 : 4) + (k ? 1 : 0);
        if (score < best) { best = score; via = k ? N[i].aliases[k - 1] : null; }
      });
      if (best < 9) { hits.push({ node: i, score: best, alias: via }); }
    });
    hits.sort(function (x, y) {
      return x.score - y.score || N[y.node].mentions - N[x.node].mentions || x.node - y.node;
    });
    return hits.slice(0, 12);
  }
  function choose(i) {
    message.textContent = nodeOn[i] ? "" : N[i].label + " is hidden by the filters";
    if (nodeOn[i]) {
      network.focus(i, { scale: Math.max(network.getScale(), 1), animation: false });
    }
    selectNode(i);
  }
  function listResults() {
    var hits = find(search.value);
    clear(results);
    hits.forEach(function (h) {
      var li = el("li"), b = el("button", N[h.node].label);
      b.type = "button";
      b.appendChild(el("span", TYPES[N[h.node].type][0] + (h.alias ? " \u00b7 alias " + h.alias : ""), "hint"));
      b.addEventListener("click", function () { choose(h.node); });
      li.appendChild(b);
      results.appendChild(li);
    });
    message.textContent = search.value.trim() && !hits.length ? "no entity has this name" : "";
    return hits;
  }
  search.addEventListener("input", listResults);
  $("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var hits = listResults();
    if (hits.length) { choose(hits[0].node); }
  });

  // ---- first view
  network.fit({ animation: false });
  relabel();
  if (data.focus !== null) { selectNode(data.focus); }
  network.once("afterDrawing", function () { document.body.setAttribute("data-ready", "1"); });
  // Handles for scripts run against the page (the browser tests and bench/html_page.py).
  window.kg = { network: network, nodes: nodes, edges: edges, data: data, find: find, choose: choose,
                apply: apply, visible: function () { return { nodes: nodeOn.slice(), edges: edgeOn.slice() }; } };
})();
"""


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _controls(data: dict) -> str:
    """The filter boxes (entity types, relation types, weight, dates) as markup."""
    nodes, edges = data["nodes"], data["edges"]
    per_type = [0] * len(data["types"])
    for n in nodes:
        per_type[n["type"]] += 1
    per_rel = [0] * len(data["relations"])
    for e in edges:
        per_rel[e["k"]] += 1
    esc = html.escape
    types = "".join(
        f'<label class="filter"><input type="checkbox" class="type-filter" value="{i}" checked>'
        f'<span class="swatch" style="background:{esc(color)}"></span>{esc(name)}'
        f'<span class="n">{per_type[i]}</span></label>\n'
        for i, (name, color) in enumerate(data["types"])
    )
    rels = []
    for k, (name, color, _directed) in enumerate(data["relations"]):
        cooc = name == COOCCURS
        checked = " checked" if (COOCCURRENCE_SHOWN or not cooc) else ""
        extra = ' id="show-cooc"' if cooc else ""
        dashed = " dashed" if cooc else ""
        rels.append(
            f'<label class="filter"><input type="checkbox" class="rel-filter" value="{k}"{extra}{checked}>'
            f'<span class="line{dashed}" style="border-color:{esc(color)}"></span>{esc(name)}'
            f'<span class="n">{per_rel[k]}</span></label>\n'
        )
    isos = sorted({d[3] for d in data["docs"] if d[3]})
    dates = ""
    if isos:
        lo, hi = esc(isos[0]), esc(isos[-1])
        dates = (
            '<fieldset class="dates"><legend>Document dates</legend>\n'
            f'<label>from <input type="date" id="date-from" min="{lo}" max="{hi}" value="{lo}"></label>\n'
            f'<label>to <input type="date" id="date-to" min="{lo}" max="{hi}" value="{hi}"></label>\n'
            '<button type="button" id="date-reset">all dates</button>\n'
            "</fieldset>\n"
        )
    return (
        f'<fieldset id="types"><legend>Entity types</legend>\n{types}</fieldset>\n'
        f'<fieldset id="relations"><legend>Relations (edge colour)</legend>\n{"".join(rels)}</fieldset>\n'
        '<fieldset><legend>Weight</legend>\n<label class="filter">at least '
        '<input type="number" id="min-weight" min="1" step="1" value="1"> sentences</label>\n</fieldset>\n'
        f"{dates}"
        '<label class="filter"><input type="checkbox" id="hide-isolated"> hide entities without a visible edge'
        "</label>\n"
    )


def render_html(
    ex: Extraction, settings: Settings, *, focus: str | None = None, scope: str = "", title: str = ""
) -> str:
    """The page as a string (see ``write_html``)."""
    vis_js, vis_css = _vis_assets()
    data = page_data(ex, settings, focus=focus, scope=scope)
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    heading = "Knowledge graph" + (f": {title}" if title else "")
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading)}</title>
<style>
{vis_css}
</style>
<style>{_CSS}</style>
</head>
<body>
<aside id="controls">
<h1>{html.escape(heading)}</h1>
<p id="count">{html.escape(str(data["caption"]))}</p>
<form id="search-form" role="search">
<input id="search" type="search" placeholder="name or alias" aria-label="find an entity by name or alias"
 autocomplete="off">
<button type="submit">Find</button>
</form>
<p id="search-msg" role="status"></p>
<ol id="results"></ol>
{_controls(data)}<p id="visible"></p>
<p class="help">Node size: mentions. Edge width: evidence sentences. Scroll to zoom, drag to
move; labels of smaller entities appear as you zoom in. Click a node or an edge for its
documents and evidence.</p>
</aside>
<main id="graph"></main>
<aside id="panel"><div id="details">
<p>Click a node or an edge to see its details and evidence.</p>
</div></aside>
<script type="application/json" id="kg-data">{json_for_html(data)}</script>
<script>{vis_js}</script>
<script>{_JS}</script>
</body>
</html>
"""


def write_html(
    ex: Extraction,
    path: str | Path,
    settings: Settings,
    *,
    focus: str | None = None,
    scope: str = "",
    title: str = "",
) -> None:
    """Write the interactive graph page to ``path`` (UTF-8, self-contained, deterministic).

    Nodes are the ``settings.html_max_nodes`` most mentioned entities (with ``focus``,
    an entity id, the nearest to it first; the page then opens with it selected),
    coloured by type and sized by mentions; edges are the typed relations (coloured by
    type, arrows, width by evidence) and the co-occurrences (grey, dashed, off when the
    page opens) between them. The page filters by entity type, relation type, weight and
    document dates, finds entities by name or alias, and shows a node's documents or an
    edge's evidence sentences (at most ``settings.max_evidence``, fewer for a
    co-occurrence) on click. ``title``
    is added to the page heading, ``scope`` to the "showing N of M entities" line.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with open(p, "w", encoding="utf-8", newline="\n") as f:
        f.write(render_html(ex, settings, focus=focus, scope=scope, title=title))


def write_ego_html(
    ex: Extraction,
    name: str,
    path: str | Path,
    settings: Settings,
    *,
    depth: int = 1,
    cooccurrence: bool = True,
) -> tuple[Entity, Extraction]:
    """Write the page of the entity called ``name`` (name, alias or id; see
    ``find_entity``) and its neighbourhood (see ``ego_network``); return the entity and
    the neighbourhood. The page opens with the entity selected."""
    centre = find_entity(ex, name)
    sub = ego_network(ex, centre.id, depth, cooccurrence)
    steps = f"{depth} step{'' if depth == 1 else 's'}"
    through = "" if cooccurrence else " through typed relations"
    write_html(
        sub,
        path,
        settings,
        focus=centre.id,
        title=centre.name,
        scope=f"within {steps} of {centre.name}{through}",
    )
    return centre, sub
