"""The data embedded in the page (``page_data``): nodes, edges, evidence and documents as
compact JSON-ready lists that refer to each other by index (see the package docstring)."""

from __future__ import annotations

import heapq
import math
from collections.abc import Container, Sequence

from kg.config import Settings
from kg.export.html.doctables import DOC_NAME_CHARS, DocTables, doc_name, iso_date, periods
from kg.export.html.kwicdata import kwic_data, page_concordance
from kg.export.html.labels import caption, relation_label, type_label, ui
from kg.export.html.neighbourhood import distances, split_entities
from kg.export.html.positions import layout
from kg.export.html.style import COOCCURRENCE_COLOR, FONT_STACK, RELATION_COLORS, TYPE_COLORS, UNKNOWN_COLOR
from kg.export.kwic import MentionIndex
from kg.model import (
    COOCCURS,
    ENTITY_TYPES,
    RELATION_TYPES,
    SYMMETRIC,
    Cooccurrence,
    Extraction,
    Relation,
)

# doc_name, iso_date, periods and DOC_NAME_CHARS live in doctables (the documents' side of
# the data), and are still read from here
__all__ = [
    "COOCCURRENCE_EDGES_PER_NODE",
    "COOCCURRENCE_EVIDENCE",
    "DOC_NAME_CHARS",
    "MORE_EDGE_FIELDS",
    "UNDRAWN_EDGES",
    "UNDRAWN_EVIDENCE",
    "doc_name",
    "iso_date",
    "node_size",
    "page_data",
    "periods",
]

#: At most this many co-occurrence edges per node on the page (the strongest); a large
#: corpus has tens of co-occurrences per entity and they would bury the typed relations.
COOCCURRENCE_EDGES_PER_NODE = 8

#: At most this many evidence sentences per co-occurrence edge on the page (a typed
#: relation keeps ``Settings.max_evidence``): co-occurrences are many, their sentences
#: would make most of a large page, and a few show what the pair is about.
COOCCURRENCE_EVIDENCE = 5

#: An entity that is not drawn still carries this many of its typed relations and this
#: many of its co-occurrences (the strongest of each), so that finding it on the page
#: can add it with its neighbours; more would make a large corpus's page several times
#: heavier, and the strongest few show where it belongs.
UNDRAWN_EDGES = 5

#: Evidence sentences carried per edge of an entity that is not drawn (a drawn edge keeps
#: ``Settings.max_evidence``); the panel says how many more the exports hold.
UNDRAWN_EVIDENCE = 1

#: The fields of a row of ``more_edges``, the edges of the entities not drawn: the keys of
#: an ``edges`` item as a list (``c`` is 0 when every document has one sentence, ``docs``,
#: ``pmi`` and ``npmi`` are 0 for a typed relation), a third of the size as objects.
MORE_EDGE_FIELDS = ("f", "t", "k", "w", "n", "ev", "d", "c", "docs", "pmi", "npmi")


def _finite(value: float | None) -> float | None:
    return round(float(value), 6) if value is not None and math.isfinite(value) else None


class _Finite(dict):
    """``_finite`` of each value asked for, worked out once: a PMI and an NPMI follow from
    three counts, so pairs share their values far more often than not."""

    def __missing__(self, value: float | None) -> float | None:
        got = self[value] = _finite(value)
        return got


def node_size(mentions: int) -> float:
    """Radius of a node: grows with the logarithm of the mentions.

    >>> node_size(0), node_size(1), node_size(7)
    (8.0, 12.0, 20.0)
    """
    return round(8.0 + 4.0 * math.log2(1 + max(mentions, 0)), 2)


def page_data(
    ex: Extraction, settings: Settings, *, focus: str | None = None, scope: str = "", mentions: MentionIndex | None = None
) -> dict[str, object]:
    """Everything the page shows, as JSON-ready values (the content of ``#kg-data``).

    ``focus`` (an entity id) makes an ego page: the nearest entities are kept first and
    the page opens with that entity selected; ``scope`` ends the "showing N of M
    entities" line (e.g. "within 1 step of 习近平"; ``caption`` is in English, the page
    shows it in ``settings.lang``, see ``kg.export.html.labels.caption``). ``mentions``:
    the build's mention index, which the concordance tab is cut from (see
    ``kg.export.html.kwicdata``); without it the tab's mentions are found in ``ex``.
    """
    rank = distances(ex, focus) if focus is not None else None
    # The drawn entities, and the others most mentioned first: their index on the page
    # follows the drawn.
    shown, more = split_entities(ex, settings.html_max_nodes, rank)
    node_index = {e.id: i for i, e in enumerate(shown)}
    drawn = node_index.keys()
    index = dict(node_index)
    index.update((e.id, len(shown) + i) for i, e in enumerate(more))
    limit = settings.max_evidence
    tables = DocTables(ex)

    types = list(ENTITY_TYPES) + sorted({e.type for e in ex.entities} - set(ENTITY_TYPES))
    type_index = {t: i for i, t in enumerate(types)}
    rel_types = list(RELATION_TYPES) + sorted(
        {r.type for r in ex.relations if r.head in index and r.tail in index} - set(RELATION_TYPES)
    )
    rel_types.append(COOCCURS)
    rel_index = {t: i for i, t in enumerate(rel_types)}
    cooccurs = rel_index[COOCCURS]
    edge = tables.edge

    # The layout's weight of each linked pair of drawn entities, added up in the order of
    # the edges below (relations, then co-occurrences) as floats.
    weights: dict[tuple[str, str], float] = {}
    raw_edges: list[dict[str, object]] = []
    relations = sorted(
        (r for r in ex.relations if r.head in drawn and r.tail in drawn),
        key=lambda r: (r.head, rel_index[r.type], r.tail),
    )
    for r in relations:
        a, b, evidence = r.head, r.tail, r.evidence
        if a != b:
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0.0) + 2.0 * max(r.weight, 1)
        docs, counts, ev = edge(evidence, limit)
        row = {"f": index[a], "t": index[b], "k": rel_index[r.type], "w": r.weight, "n": len(evidence),
               "ev": ev, "d": docs}
        if counts:
            row["c"] = counts
        raw_edges.append(row)

    # The co-occurrences between drawn entities (the strongest within the budget) and
    # those of each entity not drawn, ranked by one strength key each (``_strength``).
    co = ex.cooccurrences
    between, undrawn_of = _ends(co, drawn)
    strength = _strength(co)
    finite = _Finite()
    cooc_total = len(between)
    budget = int(COOCCURRENCE_EDGES_PER_NODE * len(shown))
    if cooc_total > budget:
        between = sorted(between, key=strength.__getitem__)[:budget]
    coocs = [co[i] for i in between]
    cap = min(limit, COOCCURRENCE_EVIDENCE)
    for c in sorted(coocs, key=_pair):
        a, b, evidence = c.a, c.b, c.evidence
        if a != b:
            key = (a, b) if a < b else (b, a)
            weights[key] = weights.get(key, 0.0) + float(max(c.count, 1))
        docs, counts, ev = edge(evidence, cap)
        row = {"f": index[a], "t": index[b], "k": cooccurs, "w": c.count, "n": len(evidence), "ev": ev, "d": docs}
        if counts:
            row["c"] = counts
        row["docs"] = c.documents
        row["pmi"] = finite[c.pmi]
        row["npmi"] = finite[c.npmi]
        raw_edges.append(row)

    # The edges of the entities not drawn go to the page as rows of MORE_EDGE_FIELDS:
    # made as such, with the fields a relation lacks (c, docs, pmi, npmi) as 0.
    extra_relations = _undrawn_relations(ex.relations, drawn)
    extra_coocs = _undrawn_cooccurrences(co, undrawn_of, strength)
    cap = min(limit, UNDRAWN_EVIDENCE)
    extra_edges: list[list] = []
    for r in extra_relations:
        docs, counts, ev = edge(r.evidence, cap)
        extra_edges.append([index[r.head], index[r.tail], rel_index[r.type], r.weight, len(r.evidence),
                            ev, docs, counts or 0, 0, 0, 0])
    for c in extra_coocs:
        docs, counts, ev = edge(c.evidence, cap)
        extra_edges.append([index[c.a], index[c.b], cooccurs, c.count, len(c.evidence), ev, docs, counts or 0,
                            c.documents, finite[c.pmi], finite[c.npmi]])

    node_docs = [tables.docs(e.documents) for e in shown]
    more_docs = [tables.docs(e.documents) for e in more]
    kwic_rows, kwic_total = page_concordance(ex, shown, tables.rank, mentions)
    tables.add_docs(r[0] for rows in kwic_rows for r in rows)
    # every document list and evidence pair handed out above becomes indices here
    doc_rows, doc_index, sentences, rules = tables.finish()

    sizes = [node_size(e.mentions) for e in shown]
    ids = [e.id for e in shown]
    pos = layout(ids, weights, dict(zip(ids, sizes)))
    order = sorted(range(len(shown)), key=lambda i: (-shown[i].mentions, shown[i].id))
    if focus in node_index:
        order.remove(node_index[focus])
        order.insert(0, node_index[focus])
    rank_of = [0] * len(shown)
    for r_, i in enumerate(order):
        rank_of[i] = r_
    nodes = [
        {
            "id": e.id,
            "label": e.name,
            "type": type_index[e.type],
            "aliases": list(e.aliases),
            "mentions": e.mentions,
            "docs": docs,
            "attrs": [[k, v] for k, v in e.attrs],
            "size": size,
            "x": pos[e.id][0],
            "y": pos[e.id][1],
            "rank": rank_of[i],
        }
        for i, (e, docs, size) in enumerate(zip(shown, node_docs, sizes))
    ]
    lang = settings.lang
    kept = [len(coocs), cooc_total] if cooc_total > len(coocs) else None
    return {
        "caption": caption(len(shown), len(ex.entities), scope, kept, "en"),
        "lang": lang,
        "cooccurrences_kept": kept,
        "ui": ui(lang),
        "shown": len(shown),
        "total": len(ex.entities),
        "focus": node_index.get(focus) if focus is not None else None,
        "font": FONT_STACK,
        "types": [[t, TYPE_COLORS.get(t, UNKNOWN_COLOR), type_label(t, lang)] for t in types],
        "relations": [
            [
                t,
                RELATION_COLORS.get(t, COOCCURRENCE_COLOR if t == COOCCURS else UNKNOWN_COLOR),
                _directed(t),
                relation_label(t, lang),
            ]
            for t in rel_types
        ],
        "docs": doc_rows,
        "periods": periods([row[3] for row in doc_rows]),
        "sentences": sentences,
        "rules": rules,
        "nodes": nodes,
        "edges": raw_edges,
        "more": [
            [e.id, e.name, type_index[e.type], list(e.aliases), e.mentions, docs]
            for e, docs in zip(more, more_docs)
        ],
        "more_edges": extra_edges,
        "undrawn_edges": UNDRAWN_EDGES,
        "more_edge_fields": list(MORE_EDGE_FIELDS),
        "kwic": kwic_data(shown, kwic_rows, kwic_total, doc_index, lang),
    }


def _ends(coocs: Sequence[Cooccurrence], drawn: Container[str]) -> tuple[list[int], dict[str, list[int]]]:
    """The co-occurrences (as places in ``coocs``) between two drawn entities, and those of
    each entity that is not drawn (to any entity)."""
    between: list[int] = []
    undrawn_of: dict[str, list[int]] = {}
    for i, c in enumerate(coocs):
        a, b = c.a, c.b
        in_a, in_b = a in drawn, b in drawn
        if in_a and in_b:
            between.append(i)
            continue
        if not in_a:
            got = undrawn_of.get(a)
            if got is None:
                undrawn_of[a] = [i]
            else:
                got.append(i)
        if not in_b and b != a:
            got = undrawn_of.get(b)
            if got is None:
                undrawn_of[b] = [i]
            else:
                got.append(i)
    return between, undrawn_of


def _strength(coocs: Sequence[Cooccurrence]) -> list[tuple[int, float, str, str]]:
    """The sort key of each co-occurrence, strongest first: most sentences, then highest
    NPMI (undefined last), then ids. Made once, as plain tuples (the NPMI's part once per
    value: a corpus has a few thousand values among tens of thousands of pairs)."""
    isfinite = math.isfinite
    of_npmi: dict[object, float] = {}
    keys = []
    for c in coocs:
        npmi = c.npmi
        part = of_npmi.get(npmi)
        if part is None:
            part = of_npmi[npmi] = -round(float(npmi), 6) if npmi is not None and isfinite(npmi) else 2.0
        keys.append((-c.count, part, c.a, c.b))
    return keys


def _undrawn_relations(relations: Sequence[Relation], drawn: Container[str]) -> list[Relation]:
    """The typed relations an entity that is not drawn brings when it is added: its
    ``UNDRAWN_EDGES`` heaviest (a relation between two drawn entities is already among the
    drawn edges), in the order of their keys."""
    rel_of: dict[str, list[Relation]] = {}
    for r in relations:
        head, tail = r.head, r.tail
        if head not in drawn:
            rel_of.setdefault(head, []).append(r)
        if tail not in drawn and tail != head:
            rel_of.setdefault(tail, []).append(r)
    # An entity with at most UNDRAWN_EDGES edges brings them all: no ranking needed.
    chosen: dict[tuple[str, str, str], Relation] = {}
    for rels in rel_of.values():
        if len(rels) > UNDRAWN_EDGES:
            rels = heapq.nsmallest(UNDRAWN_EDGES, rels, key=_heaviest)
        for r in rels:
            chosen[(r.head, r.type, r.tail)] = r
    return [chosen[k] for k in sorted(chosen)]


def _undrawn_cooccurrences(
    coocs: Sequence[Cooccurrence], undrawn_of: dict[str, list[int]], strength: Sequence[tuple]
) -> list[Cooccurrence]:
    """The co-occurrences an entity that is not drawn brings: its ``UNDRAWN_EDGES``
    strongest (``undrawn_of``: each such entity's, as places in ``coocs``), by ids."""
    chosen: set[int] = set()
    key = strength.__getitem__
    for places in undrawn_of.values():
        if len(places) > UNDRAWN_EDGES:
            places = heapq.nsmallest(UNDRAWN_EDGES, places, key=key)
        chosen.update(places)
    by_ids = {(coocs[i].a, coocs[i].b): coocs[i] for i in chosen}
    return [by_ids[k] for k in sorted(by_ids)]


def _heaviest(r: Relation) -> tuple[float, str, str, str]:
    """Sort key of typed relations: most evidence first, then type and ids."""
    return (-r.weight, r.type, r.head, r.tail)


def _pair(c: Cooccurrence) -> tuple[str, str]:
    return (c.a, c.b)


def _directed(relation_type: str) -> bool:
    return relation_type != COOCCURS and relation_type not in SYMMETRIC
