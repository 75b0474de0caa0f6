"""Graph files: the co-occurrence graph of a layer and the typed knowledge graph, as
GEXF 1.3 (Gephi), GraphML (igraph, Cytoscape, networkx) and node-link JSON.

:func:`graph_tables` gives the heaviest ``export_max_edges`` kept co-occurrence edges and
their nodes with the type colour and a size growing with PageRank;
:func:`cooccurrence_data` adds positions. :func:`typed_data` gives the typed relations of
an analysis as a directed multigraph: one edge per relation type and direction, with the
evidence sentences, documents, first and last seen and the rules that found it. Positions
come from the graph page's layout (:func:`kg.export.html.layout`), so Gephi opens the file
laid out as the page is; y is turned upwards (the page's y grows downwards, Gephi's
upwards) so both show the same picture. :mod:`kg.analysis.xmlgraph` writes the XML.
"""

from __future__ import annotations

import math
from typing import Any

from kg.analysis.layers import Analysis, Layer
from kg.analysis.xmlgraph import GraphData, gexf_document, graphml_document
from kg.export.html import RELATION_COLORS, TYPE_COLORS, UNKNOWN_COLOR, layout, node_size

__all__ = [
    "GRAPH_EDGE_ATTRS",
    "GRAPH_NODE_ATTRS",
    "TYPED_EDGE_ATTRS",
    "TYPED_NODE_ATTRS",
    "cooccurrence_data",
    "gexf_text",
    "graph_tables",
    "graphml_text",
    "node_link",
    "typed_data",
    "typed_gexf_text",
    "typed_graphml_text",
]


#: Node attributes of the graph exports, with their GraphML/GEXF types.
GRAPH_NODE_ATTRS = (
    ("type", "string"),
    ("mentions", "int"),
    ("documents", "int"),
    ("units", "int"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("degree", "int"),
    ("weighted_degree", "double"),
    ("betweenness", "double"),
    ("pagerank", "double"),
    ("community", "int"),
    ("color", "string"),
    ("r", "int"),
    ("g", "int"),
    ("b", "int"),
    ("size", "double"),
)
#: Edge attributes of the graph exports (``weight`` is also the GEXF edge weight).
GRAPH_EDGE_ATTRS = (
    ("weight", "double"),
    ("count", "int"),
    ("documents", "int"),
    ("pmi", "double"),
    ("npmi", "double"),
    ("jaccard", "double"),
    ("dice", "double"),
    ("g2", "double"),
    ("alpha", "double"),
    ("first_seen", "string"),
    ("last_seen", "string"),
)
#: Node attributes of the typed graph files.
TYPED_NODE_ATTRS = (
    ("type", "string"),
    ("mentions", "int"),
    ("documents", "int"),
    ("adcode", "string"),
    ("first_seen", "string"),
    ("last_seen", "string"),
)
#: Edge attributes of the typed graph files (``evidence``: sentences; ``rules``: "|"-joined).
TYPED_EDGE_ATTRS = (
    ("relation", "string"),
    ("evidence", "int"),
    ("documents", "int"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("rules", "string"),
    ("weight", "double"),
)
#: Attributes of ``graph_tables`` rows that the GEXF writes as ``viz:`` elements instead.
_VIZ = ("color", "r", "g", "b", "size")


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def graph_tables(layer: Layer) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges of a layer's kept graph, with every attribute the exports write.

    At most ``export_max_edges`` edges, the heaviest. Nodes (those with such an edge, by id) get their type colour (``color`` and ``r``,
    ``g``, ``b``) and a ``size`` growing with the square root of PageRank.
    """
    keep = list(layer.edges["kept"])
    cap = layer.export_max_edges
    if cap and sum(keep) > cap:
        # the heaviest kept edges (then the most units, then ids), in table order
        cols = layer.edges
        ranked = sorted(
            (i for i, k in enumerate(keep) if k),
            key=lambda i: (-cols["weight"][i], -cols["count"][i], cols["a"][i], cols["b"][i]),
        )
        chosen = set(ranked[:cap])
        keep = [1 if i in chosen else 0 for i in range(len(keep))]
    linked = {x for col in ("a", "b") for x, k in zip(layer.edges[col], keep) if k}
    nodes = [row for row in layer.nodes if row["id"] in linked]
    top = max((row["pagerank"] for row in nodes), default=0.0) or 1.0
    out_nodes = []
    for row in nodes:
        color = TYPE_COLORS.get(row["type"], UNKNOWN_COLOR)
        r, g, b = _rgb(color)
        size = round(4.0 + 26.0 * math.sqrt(row["pagerank"] / top), 3)
        out_nodes.append({**row, "color": color, "r": r, "g": g, "b": b, "size": size})
    names = [name for name, _t in GRAPH_EDGE_ATTRS]
    edges = [
        {"source": a, "target": b, **dict(zip(names, values))}
        for a, b, k, *values in zip(
            layer.edges["a"], layer.edges["b"], keep, *(layer.edges[n] for n in names)
        )
        if k
    ]
    return out_nodes, edges


def _positioned(nodes: list[dict[str, Any]], weights: dict[tuple[str, str], float]) -> None:
    """Give each node row ``x`` and ``y`` from the page's layout (discs of radius ``size``)."""
    pos = layout([row["id"] for row in nodes], weights, {row["id"]: row["size"] for row in nodes})
    for row in nodes:
        x, y = pos[row["id"]]
        row["x"], row["y"] = float(x), float(-y)


def cooccurrence_data(layer: Layer) -> GraphData:
    """The co-occurrence graph of a layer (see :func:`graph_tables`), laid out."""
    nodes, edges = graph_tables(layer)
    weights: dict[tuple[str, str], float] = {}
    for e in edges:
        weights[(e["source"], e["target"])] = e["weight"]
    _positioned(nodes, weights)
    for row in nodes:
        row["label"] = row["name"]
    for i, e in enumerate(edges):
        e["id"] = str(i)
    return GraphData(
        name=layer.name,
        description=f"co-occurrence graph: {layer.name}",
        directed=False,
        node_attrs=[(n, t) for n, t in GRAPH_NODE_ATTRS if n not in _VIZ],
        edge_attrs=GRAPH_EDGE_ATTRS,
        nodes=nodes,
        edges=edges,
    )


def gexf_text(layer: Layer) -> str:
    """GEXF 1.3 of a layer's kept co-occurrence graph for Gephi: labels, attributes,
    ``viz:color`` (the type colour), ``viz:size``, ``viz:position`` and first/last seen as
    each node's and edge's time interval."""
    return gexf_document(cooccurrence_data(layer))


def graphml_text(layer: Layer) -> str:
    """GraphML of a layer's kept co-occurrence graph: ``label``, the attributes of the
    GEXF export, the position and the colour as ``color`` (#rrggbb) and ``r``, ``g``, ``b``."""
    return graphml_document(cooccurrence_data(layer))


def typed_data(an: Analysis) -> GraphData:
    """The typed relations of an analysis as a directed multigraph, laid out.

    Each row of ``an.relations`` (one per head, relation type and tail; the symmetric
    ``met`` and ``cooperates_with`` once, ends sorted) is an edge whose ``weight`` is its
    evidence sentences; its nodes are the entities at either end, with their mentions,
    documents and first/last seen from the whole-corpus counts (0 and "" for an entity
    the counts left out, such as one named only in a byline).
    """
    rows = {row["id"]: row for row in an.whole.nodes}
    edges: list[dict[str, Any]] = []
    weights: dict[tuple[str, str], float] = {}
    for i, r in enumerate(an.relations):
        edges.append(
            {
                "id": str(i),
                "source": r["head_id"],
                "target": r["tail_id"],
                "relation": r["type"],
                "evidence": r["evidence_sentences"],
                "documents": r["documents"],
                "first_seen": r["first_seen"],
                "last_seen": r["last_seen"],
                "rules": "|".join(r.get("rules", ())),
                "weight": float(r["evidence_sentences"]),
                "color": RELATION_COLORS.get(r["type"], UNKNOWN_COLOR),
            }
        )
        pair = (min(r["head_id"], r["tail_id"]), max(r["head_id"], r["tail_id"]))
        weights[pair] = weights.get(pair, 0.0) + r["evidence_sentences"]
    nodes = []
    for eid in sorted({e["source"] for e in edges} | {e["target"] for e in edges}):
        entity = an.entities.get(eid, {})
        row = rows.get(eid, {})
        etype = entity.get("type", row.get("type", ""))
        mentions = int(row.get("mentions", 0))
        nodes.append(
            {
                "id": eid,
                "label": entity.get("name", row.get("name", eid)),
                "type": etype,
                "mentions": mentions,
                "documents": int(row.get("documents", 0)),
                "adcode": entity.get("adcode", ""),
                "first_seen": row.get("first_seen", ""),
                "last_seen": row.get("last_seen", ""),
                "color": TYPE_COLORS.get(etype, UNKNOWN_COLOR),
                "size": node_size(mentions),
            }
        )
    _positioned(nodes, weights)
    return GraphData(
        name="typed",
        description="typed knowledge graph: one edge per relation type and direction",
        directed=True,
        node_attrs=TYPED_NODE_ATTRS,
        edge_attrs=TYPED_EDGE_ATTRS,
        nodes=nodes,
        edges=edges,
        kind_attr="relation",
    )


def typed_gexf_text(an: Analysis) -> str:
    """GEXF 1.3 of the typed graph: relation type as edge ``label`` and ``kind``, relation
    colours on the edges, node colours, positions and time intervals as in :func:`gexf_text`."""
    return gexf_document(typed_data(an))


def typed_graphml_text(an: Analysis) -> str:
    """GraphML of the typed graph (directed; parallel edges of different types kept apart by id)."""
    return graphml_document(typed_data(an))


def node_link(layer: Layer) -> dict[str, Any]:
    """The node-link form of a layer's kept graph; ``nx.node_link_graph(data, edges="edges")``
    reads it back."""
    nodes, edges = graph_tables(layer)
    return {
        "directed": False,
        "multigraph": False,
        "graph": {"name": layer.name},
        "nodes": [
            {"id": row["id"], "label": row["name"], **{n: row[n] for n, _t in GRAPH_NODE_ATTRS}}
            for row in nodes
        ],
        "edges": edges,
    }
