"""``analyze``: the tables and graph of the whole corpus and of each period.

For one slice of the corpus (a :class:`Layer`), pairs seen in fewer than ``min_count``
units are dropped, then the filters decide which edges the graph keeps: the disparity
filter keeps an edge when its significance ``alpha = (1 - w/s)^(k-1)`` from either end is
below the threshold (``w`` the edge weight, ``s`` the node's strength, ``k`` its degree;
from a node with one edge alpha is 1, so that edge stays only if the other end keeps it);
``top_k`` keeps each node's k heaviest edges (ties by the other end's id). Centrality and
communities are computed on the kept graph. Near-duplicate documents
(:mod:`kg.analysis.dedup`) count once: the earliest of a group is kept, the others are
left out of every count but ``mentions`` and listed in the result. ``mentions`` counts every
document, as ``entities.csv`` and the RDF do (one definition, :mod:`kg.extract.counted`);
``mentions_dedup`` counts a group of reprints once, as units, documents and pairs do. First and last seen (document dates)
are kept for every entity, co-occurrence edge and typed relation; with ``by`` = ``year``
or ``month`` the same tables and graphs are made per period.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from kg.analysis.centralities import centrality
from kg.analysis.counting import Prepared, count_prepared, date_key, prepare, text_for_duplicates
from kg.analysis.dedup import DuplicateGroup, near_duplicates
from kg.analysis.leiden import Community, communities
from kg.analysis.measures import dice, disparity_alpha, jaccard, log_likelihood, npmi, pmi
from kg.config import AnalysisSettings
from kg.graph import relation_rank
from kg.merge import typed_entity_of
from kg.model import Extraction
from kg.progress import ProgressFn, begin, end, stage

__all__ = ["DECIMALS", "Analysis", "Layer", "analyze"]

#: Decimals kept for scores in every export (the same bytes on every run).
DECIMALS = 6


@dataclass
class Layer:
    """Tables and graph for one slice of the corpus (the whole, or one period)."""

    name: str
    documents: int
    units: int
    #: one row per entity mentioned in the slice
    nodes: list[dict[str, Any]]
    #: co-occurrence pairs seen in at least ``min_count`` units, as columns (``EDGE_COLUMNS``)
    edges: dict[str, list[Any]]
    #: the kept edges (after backbone and top-k), nodes with ``label`` and ``type``
    graph: nx.Graph
    communities: list[Community]
    #: most edges in the graph files (0: all)
    export_max_edges: int = 0


@dataclass
class Analysis:
    """Everything ``kg analyze`` computes; :func:`write_analysis` writes it."""

    settings: AnalysisSettings
    whole: Layer
    periods: list[Layer]
    relations: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    duplicates: list[DuplicateGroup]
    #: entity id -> its mentions per period (``yyyy-mm``), for the time chart
    timeline: dict[str, dict[str, int]] = field(default_factory=dict)
    #: entity id -> ``name``, ``type`` and ``adcode`` ("" when none), for the typed graph files
    entities: dict[str, dict[str, str]] = field(default_factory=dict)


def analyze(
    ex: Extraction, settings: AnalysisSettings | None = None, *, progress: ProgressFn | None = None
) -> Analysis:
    """Co-occurrence statistics, backbone, centrality and communities of an extraction,
    for the whole corpus and (``settings.by``) for each period; see :mod:`kg.analysis`.

    ``progress`` is told of the stages (:mod:`kg.progress`): duplicates, prepare, pairs,
    centrality, communities and, with ``by``, periods."""
    settings = settings or AnalysisSettings()
    entities = sorted(ex.entities, key=lambda e: e.id)
    ids = [e.id for e in entities]
    index = {eid: i for i, eid in enumerate(ids)}

    duplicates: list[DuplicateGroup] = []
    if settings.duplicates > 0:
        begin(progress, "duplicates", None)
        duplicates = near_duplicates(
            [(dx.doc.id, date_key(dx.doc.date), text_for_duplicates(dx)) for dx in ex.docs],
            settings.duplicates,
            max_days=settings.duplicate_days,
        )
        end(progress, "duplicates", len(ex.docs))
    duplicate_of = {d: g.kept for g in duplicates for d in g.duplicates}
    # near-duplicates are prepared too: their mentions count in ``mentions`` (the count
    # entities.csv and the RDF give), and nothing else (``mentions_dedup`` and the rest)
    every = sorted(ex.docs, key=lambda dx: dx.doc.id)
    prepared = []
    typed = typed_entity_of(ex)
    with stage(progress, "prepare", len(every)) as step:
        for i, dx in enumerate(every, 1):
            p = prepare(dx, settings.window, ex.entity_of, index, typed)
            p.duplicate = dx.doc.id in duplicate_of
            prepared.append(p)
            step(i)
    whole = _layer("all", prepared, settings, entities, progress)
    periods: list[Layer] = []
    if settings.by:
        width = 4 if settings.by == "year" else 7
        by_period: dict[str, list[Prepared]] = defaultdict(list)
        for p in prepared:
            if p.date:
                by_period[p.date[:width]].append(p)
        with stage(progress, "periods", len(by_period)) as step:
            for name, docs in sorted(by_period.items()):
                periods.append(_layer(name, docs, settings, entities))
                step(len(periods))

    kept_docs = {p.id for p in prepared if not p.duplicate}
    dates = {dx.doc.id: date_key(dx.doc.date) for dx in ex.docs}
    names = {e.id: e.name for e in entities}
    relations = []
    for r in sorted(ex.relations, key=lambda r: (r.head, relation_rank(r.type), r.type, r.tail)):
        evidence = [v for v in r.evidence if v.doc in kept_docs]
        if not evidence:
            continue
        seen = sorted(d for d in {dates.get(v.doc, "") for v in evidence} if d)
        relations.append(
            {
                "head_id": r.head,
                "head": names.get(r.head, r.head),
                "type": r.type,
                "tail_id": r.tail,
                "tail": names.get(r.tail, r.tail),
                "evidence_sentences": len({(v.doc, v.sentence) for v in evidence}),
                "documents": len({v.doc for v in evidence}),
                "first_seen": seen[0] if seen else "",
                "last_seen": seen[-1] if seen else "",
                "rules": sorted({v.rule for v in evidence}),
            }
        )
    documents = []
    for dx in sorted(ex.docs, key=lambda dx: dx.doc.id):
        d = dx.doc
        documents.append(
            {
                "id": d.id,
                "date": date_key(d.date),
                "title": d.title,
                "source": d.source,
                "path": d.path,
                "characters": len(d.text),
                "duplicate_of": duplicate_of.get(d.id, ""),
            }
        )
    return Analysis(
        settings,
        whole,
        periods,
        relations,
        documents,
        duplicates,
        _timeline(prepared, ids, whole),
        {e.id: {"name": e.name, "type": e.type, "adcode": e.attr("adcode")} for e in entities},
    )


def _timeline(
    prepared: Sequence[Prepared], ids: Sequence[str], whole: Layer, top: int = 8
) -> dict[str, dict[str, int]]:
    """Documents per month (key "") and mentions per month of the most mentioned entities."""
    chosen = [row["id"] for row in sorted(whole.nodes, key=lambda r: (-r["mentions"], r["id"]))[:top]]
    wanted = {ids.index(c): c for c in chosen} if chosen else {}
    out: dict[str, dict[str, int]] = {"": defaultdict(int), **{c: defaultdict(int) for c in chosen}}
    for p in prepared:
        if not p.date or p.duplicate:
            continue
        month = p.date[:7]
        out[""][month] += 1
        for i, c in p.mentions.items():
            if i in wanted:
                out[wanted[i]][month] += c
    return {k: dict(sorted(v.items())) for k, v in out.items()}


def _rounded(x: np.ndarray) -> list[float]:
    """Scores rounded for export; NaN and infinities (only from empty counts) become 0."""
    return np.round(
        np.nan_to_num(np.asarray(x, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0), DECIMALS
    ).tolist()


def _r(x: float) -> float:
    x = float(x)
    return round(x, DECIMALS) if math.isfinite(x) else 0.0


def _layer(
    name: str,
    prepared: Sequence[Prepared],
    settings: AnalysisSettings,
    entities: Sequence[Any],
    progress: ProgressFn | None = None,
) -> Layer:
    n_entities = len(entities)
    ids = [e.id for e in entities]
    begin(progress, "pairs")
    c = count_prepared(prepared, n_entities, settings.max_entities)
    keep = c.count >= settings.min_count
    a, b = c.a[keep], c.b[keep]
    count, weight, docs = c.count[keep], c.weight[keep], c.pair_documents[keep]
    keep_list = keep.tolist()
    n_a, n_b, n = c.unit_count[a], c.unit_count[b], max(c.units, 1)
    strength = np.bincount(a, weights=weight, minlength=n_entities) + np.bincount(
        b, weights=weight, minlength=n_entities
    )
    degree = np.bincount(a, minlength=n_entities) + np.bincount(b, minlength=n_entities)
    alpha = np.minimum(
        np.asarray(disparity_alpha(weight, strength[a], degree[a]), dtype=np.float64).reshape(-1),
        np.asarray(disparity_alpha(weight, strength[b], degree[b]), dtype=np.float64).reshape(-1),
    )
    kept = alpha < settings.backbone if settings.backbone > 0 else np.ones(len(a), dtype=bool)
    if settings.top_k:
        kept &= _top_k(a, b, weight, kept, settings.top_k, ids)

    g = nx.Graph(name=name)
    in_graph = np.union1d(a[kept], b[kept]).tolist()
    g.add_nodes_from((ids[i], {"label": entities[i].name, "type": entities[i].type}) for i in in_graph)
    idx = np.flatnonzero(kept)
    g.add_edges_from(
        (ids[x], ids[y], {"weight": w, "count": k})
        for x, y, w, k in zip(a[idx].tolist(), b[idx].tolist(), _rounded(weight[idx]), count[idx].tolist())
    )
    end(progress, "pairs", len(a))
    with stage(progress, "centrality"):
        cent = centrality(g, settings.seed, settings.betweenness_sample)
    with stage(progress, "communities"):
        found = communities(g, settings.seed)
    community_of = {m: com.id for com in found for m in com.members}

    nodes = []
    for i, e in enumerate(entities):
        if not c.mentions[i] and not c.unit_count[i]:
            continue
        nodes.append(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "mentions": int(c.mentions[i]),
                "mentions_dedup": int(c.mentions_dedup[i]),
                "documents": int(c.documents[i]),
                "units": int(c.unit_count[i]),
                "first_seen": c.first[i],
                "last_seen": c.last[i],
                "degree": cent["degree"].get(e.id, 0),
                "weighted_degree": _r(cent["weighted_degree"].get(e.id, 0.0)),
                "betweenness": _r(cent["betweenness"].get(e.id, 0.0)),
                "pagerank": _r(cent["pagerank"].get(e.id, 0.0)),
                "community": community_of.get(e.id, 0),
            }
        )
    a_list, b_list = a.tolist(), b.tolist()
    edges: dict[str, list[Any]] = {
        "a": [ids[i] for i in a_list],
        "a_name": [entities[i].name for i in a_list],
        "b": [ids[i] for i in b_list],
        "b_name": [entities[i].name for i in b_list],
        "count": count.tolist(),
        "weight": _rounded(weight),
        "documents": docs.tolist(),
        "pmi": _rounded(pmi(count, n_a, n_b, n)),
        "npmi": _rounded(npmi(count, n_a, n_b, n)),
        "jaccard": _rounded(jaccard(count, n_a, n_b)),
        "dice": _rounded(dice(count, n_a, n_b)),
        "g2": _rounded(log_likelihood(count, n_a, n_b, n)),
        "alpha": _rounded(alpha),
        "kept": kept.astype(np.int64).tolist(),
        "first_seen": [x for x, k in zip(c.pair_first, keep_list) if k],
        "last_seen": [x for x, k in zip(c.pair_last, keep_list) if k],
    }
    return Layer(name, sum(not p.duplicate for p in prepared), c.units, nodes, edges, g, found, settings.export_max_edges)


def _top_k(
    a: np.ndarray, b: np.ndarray, weight: np.ndarray, eligible: np.ndarray, k: int, ids: Sequence[str]
) -> np.ndarray:
    """Edges among each node's ``k`` heaviest (ties: the other end's id); either end suffices."""
    by_node: dict[int, list[tuple[float, str, int]]] = defaultdict(list)
    for i in np.flatnonzero(eligible).tolist():
        x, y, w = int(a[i]), int(b[i]), float(weight[i])
        by_node[x].append((-w, ids[y], i))
        by_node[y].append((-w, ids[x], i))
    out = np.zeros(len(a), dtype=bool)
    for items in by_node.values():
        for _w, _other, i in sorted(items)[:k]:
            out[i] = True
    return out
