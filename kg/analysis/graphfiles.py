"""The kept graph of a layer as GEXF (Gephi), GraphML and node-link JSON.

The three writers share :func:`graph_tables`: the heaviest ``export_max_edges`` kept
edges, their nodes with the type colour and a size growing with PageRank. The XML is
written directly, without the date stamp of networkx's writers, so the bytes depend on
the input only.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

from kg.analysis.layers import Layer
from kg.export.html import TYPE_COLORS, UNKNOWN_COLOR

__all__ = ["GRAPH_EDGE_ATTRS", "GRAPH_NODE_ATTRS", "gexf_text", "graph_tables", "graphml_text", "node_link"]


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
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(value: object) -> str:
    """Text or attribute value for XML: characters XML 1.0 forbids dropped, the rest escaped."""
    return html.escape(_NOT_XML.sub("", str(value)), quote=True)


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


def gexf_text(layer: Layer) -> str:
    """GEXF 1.2 of a layer's kept graph for Gephi: node labels, attributes, ``viz:color``
    (the type colour) and ``viz:size``; edge weights and attributes. Written directly (no
    date stamp, unlike networkx's writer, so the bytes depend on the input only)."""
    nodes, edges = graph_tables(layer)
    node_attrs = [(n, t) for n, t in GRAPH_NODE_ATTRS if n not in ("color", "r", "g", "b", "size")]
    gexf_type = {"int": "integer", "double": "double", "string": "string"}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">',
        f"  <meta><creator>kg</creator><description>{_x('co-occurrence graph: ' + layer.name)}</description></meta>",
        '  <graph defaultedgetype="undirected" mode="static">',
        '    <attributes class="node" mode="static">',
        *(
            f'      <attribute id="{i}" title="{n}" type="{gexf_type[t]}"/>'
            for i, (n, t) in enumerate(node_attrs)
        ),
        "    </attributes>",
        '    <attributes class="edge" mode="static">',
        *(
            f'      <attribute id="{i}" title="{n}" type="{gexf_type[t]}"/>'
            for i, (n, t) in enumerate(GRAPH_EDGE_ATTRS)
        ),
        "    </attributes>",
        "    <nodes>",
    ]
    for row in nodes:
        values = "".join(
            f'<attvalue for="{i}" value="{_x(row[n])}"/>' for i, (n, _t) in enumerate(node_attrs)
        )
        out.append(
            f'      <node id="{_x(row["id"])}" label="{_x(row["name"])}"><attvalues>{values}</attvalues>'
            f'<viz:color r="{row["r"]}" g="{row["g"]}" b="{row["b"]}" a="1.0"/><viz:size value="{row["size"]}"/></node>'
        )
    out.append("    </nodes>")
    out.append("    <edges>")
    for i, e in enumerate(edges):
        values = "".join(
            f'<attvalue for="{j}" value="{_x(e[n])}"/>' for j, (n, _t) in enumerate(GRAPH_EDGE_ATTRS)
        )
        out.append(
            f'      <edge id="{i}" source="{_x(e["source"])}" target="{_x(e["target"])}" weight="{e["weight"]}">'
            f"<attvalues>{values}</attvalues></edge>"
        )
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out)


def graphml_text(layer: Layer) -> str:
    """GraphML of a layer's kept graph: ``label`` and the attributes of the GEXF export;
    the colour as ``color`` (#rrggbb) and ``r``, ``g``, ``b``, which Gephi reads as the
    node colour."""
    nodes, edges = graph_tables(layer)
    node_keys = [("label", "string"), *GRAPH_NODE_ATTRS]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
        ),
        *(
            f'  <key id="n{i}" for="node" attr.name="{n}" attr.type="{t}"/>'
            for i, (n, t) in enumerate(node_keys)
        ),
        *(
            f'  <key id="e{i}" for="edge" attr.name="{n}" attr.type="{t}"/>'
            for i, (n, t) in enumerate(GRAPH_EDGE_ATTRS)
        ),
        f'  <graph id="{_x(layer.name)}" edgedefault="undirected">',
    ]
    for row in nodes:
        row = {**row, "label": row["name"]}
        data = "".join(f'<data key="n{i}">{_x(row[n])}</data>' for i, (n, _t) in enumerate(node_keys))
        out.append(f'    <node id="{_x(row["id"])}">{data}</node>')
    for e in edges:
        data = "".join(f'<data key="e{i}">{_x(e[n])}</data>' for i, (n, _t) in enumerate(GRAPH_EDGE_ATTRS))
        out.append(f'    <edge source="{_x(e["source"])}" target="{_x(e["target"])}">{data}</edge>')
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)


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
