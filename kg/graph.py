"""Extraction → networkx graph, and small helpers shared by the exporters.

The graph is a ``MultiDiGraph`` so a pair of entities can carry several typed relations
and a co-occurrence edge at once; the edge key is the relation type (``co_occurs_with``
for co-occurrences). Nodes and edges are inserted in sorted order, so iteration order (and
everything written from it) does not depend on the order of the input.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.model import COOCCURS, ENTITY_TYPES, RELATION_TYPES, Evidence, Extraction, Relation


def evidence_key(e: Evidence) -> tuple[str, int, int, int, str]:
    """Sort key of an evidence: document, sentence, offsets, rule."""
    return (e.doc, e.sentence, e.start, e.end, e.rule)


def sorted_evidence(evidence: Iterable[Evidence], limit: int | None = None) -> list[Evidence]:
    """Evidence in a deterministic order (document id, sentence, offsets, rule), duplicates
    removed, at most ``limit`` of them.

    >>> a = Evidence("d2", 0, 0, 3, "北京。", "r")
    >>> b = Evidence("d1", 4, 9, 12, "上海。", "r")
    >>> [e.doc for e in sorted_evidence([a, b, a])]
    ['d1', 'd2']
    >>> len(sorted_evidence([a, b], limit=1))
    1
    """
    if limit == 1:  # the first alone (relations.csv, documents.jsonl): no set, no sort
        first = min(evidence, key=evidence_key, default=None)
        return [] if first is None else [first]
    out = sorted(set(evidence), key=evidence_key)
    return out if limit is None else out[:limit]


def relation_rules(relation: Relation) -> list[str]:
    """The distinct rules behind a relation's evidence, sorted."""
    return sorted({e.rule for e in relation.evidence if e.rule})


def type_rank(entity_type: str) -> int:
    """Position of an entity type in ``ENTITY_TYPES``; unknown types sort last."""
    try:
        return ENTITY_TYPES.index(entity_type)
    except ValueError:
        return len(ENTITY_TYPES)


def relation_rank(relation_type: str) -> int:
    """Position of a relation type in ``RELATION_TYPES``; unknown types sort last."""
    try:
        return RELATION_TYPES.index(relation_type)
    except ValueError:
        return len(RELATION_TYPES)


def to_networkx(ex: Extraction) -> nx.MultiDiGraph:
    """One node per entity, one edge per typed relation and per co-occurrence.

    Node attributes: ``label``, ``type``, ``aliases`` (joined with ``|``), ``mentions``,
    ``documents`` (a count) and the entity's gazetteer attributes (``adcode``, ``lon``…;
    the fixed names win if an attribute has the same name). Relation edges have key and
    ``type`` = the relation type, ``weight`` = ``evidence`` = number of evidence sentences
    and ``rule`` (distinct rules joined with ``|``). Co-occurrence edges go from ``a`` to
    ``b`` with key and ``type`` = ``co_occurs_with``, ``weight`` = ``count``, ``documents``,
    ``pmi`` and ``npmi``. All values are strings or numbers, so the graph writes to GEXF or
    GraphML as is.
    """
    g = nx.MultiDiGraph()
    for e in sorted(ex.entities, key=lambda e: e.id):
        g.add_node(
            e.id,
            **{
                **dict(e.attrs),
                "label": e.name,
                "type": e.type,
                "aliases": "|".join(e.aliases),
                "mentions": e.mentions,
                "documents": len(e.documents),
            },
        )
    for r in sorted(ex.relations, key=lambda r: (r.head, relation_rank(r.type), r.type, r.tail)):
        g.add_edge(
            r.head,
            r.tail,
            key=r.type,
            type=r.type,
            weight=r.weight,
            evidence=len(r.evidence),
            rule="|".join(relation_rules(r)),
        )
    for c in sorted(ex.cooccurrences, key=lambda c: (c.a, c.b)):
        g.add_edge(
            c.a,
            c.b,
            key=COOCCURS,
            type=COOCCURS,
            weight=c.count,
            count=c.count,
            documents=c.documents,
            pmi=c.pmi,
            npmi=c.npmi,
        )
    return g
