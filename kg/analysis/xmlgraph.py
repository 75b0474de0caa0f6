"""GEXF 1.3 and GraphML documents of a graph given as plain tables (:class:`GraphData`).

Both the co-occurrence graph and the typed knowledge graph go through here, so they share
one way of writing XML: elements built with :mod:`xml.etree.ElementTree`, whose serialiser
escapes every text and attribute value (names from documents may hold ``<``, ``&`` or
quotes). Characters XML 1.0 cannot carry at all (most C0 controls) are dropped first,
because no escaping can represent them. Nothing depends on the clock (networkx's GEXF
writer stamps the date), attributes keep their insertion order and numbers are written
with ``repr``, so the bytes depend on the input only.

GEXF is written for Gephi: ``mode="dynamic"`` with ``timeformat="date"`` and a ``start``
and ``end`` per node and edge (first and last seen) so the timeline works, ``viz:color``,
``viz:position`` and ``viz:size`` per node, and for a multigraph ``kind`` (the relation
type) beside ``label``, which is how GEXF 1.3 tells parallel edges of different kinds
apart. GraphML is written for igraph, Cytoscape and networkx: the same attributes as
``<key>`` declarations, edges with ids so parallel edges stay distinct.

The GEXF validates against the GEXF 1.3 XML schema (gexf.xsd with dynamics.xsd and
viz.xsd; tests/test_analysis_xmlgraph.py runs it when ``KG_GEXF13_XSD`` names the folder).
What that schema checks and the data could break is made safe here rather than left to
chance: ``start``/``end`` are written only when they are real calendar dates
(``xs:date``: "2024-02-30" matches the pattern but is no date), and ``weight``,
``viz:position`` and ``viz:size`` must be finite numbers (``repr`` gives ``nan`` and
``inf``, which are not ``xs:double``/``xs:float`` values; the size must not be negative),
so a bad layout or weight raises here instead of writing a file Gephi rejects. The
``viz:*`` elements stay in the viz namespace (``http://gexf.net/1.3/viz``), as the GEXF
1.3 specification, Gephi and networkx have them; the published XSD, converted from the
RELAX NG source by a tool that lost that namespace, declares them in the main GEXF
namespace instead, so the test moves them there before validating (see the test).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["GEXF_NS", "GEXF_VIZ_NS", "GraphData", "gexf_document", "graphml_document"]

GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# C0 controls but tab, newline and carriage return; lone surrogates (UTF-8 cannot encode
# them); U+FFFE and U+FFFF: none is an XML 1.0 character
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_GEXF_TYPES = {"int": "integer", "double": "double", "string": "string"}


@dataclass
class GraphData:
    """A graph as the XML writers read it.

    ``nodes``: dicts with ``id``, ``label``, ``x``, ``y``, ``size``, ``color`` (#rrggbb)
    and the ``node_attrs``; ``first_seen``/``last_seen`` (``yyyy-mm-dd`` or "") give the
    GEXF spell. ``edges``: dicts with ``id``, ``source``, ``target``, ``weight``, the
    ``edge_attrs`` and ``first_seen``/``last_seen``; with ``kind_attr`` set, that
    attribute's value is also the GEXF edge ``label`` and ``kind``. Attribute types are
    ``int``, ``double`` or ``string`` (GraphML's names).
    """

    name: str
    description: str
    directed: bool
    node_attrs: Sequence[tuple[str, str]]
    edge_attrs: Sequence[tuple[str, str]]
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    kind_attr: str = ""


def _s(value: object) -> str:
    """A value as XML text: floats by ``repr`` (exact, stable), XML-forbidden characters dropped."""
    if isinstance(value, float):
        return repr(value)
    return _NOT_XML.sub("", str(value))


def _rgb(color: str) -> tuple[int, int, int]:
    """The channels of a ``#rrggbb`` colour (each 0..255, as ``viz:color`` requires)."""
    if not _COLOR.fullmatch(str(color)):
        raise ValueError(f"colour {color!r} is not #rrggbb")
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _number(value: object, what: str, minimum: float | None = None) -> str:
    """A finite number as ``xs:double``/``xs:float`` text (``repr``, exact and stable).

    ``repr`` writes infinities and NaN as ``inf`` and ``nan``, which neither the schema nor
    Gephi's parser accepts, so they are refused with the element they were meant for.
    """
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number) or (minimum is not None and number < minimum):
        least = "" if minimum is None else f" of at least {minimum!r}"
        raise ValueError(f"GEXF {what} must be a finite number{least}, not {value!r}")
    return repr(number)


def _date(value: object) -> str:
    """``value`` if it is a calendar date ``yyyy-mm-dd`` (an ``xs:date``), else ""."""
    text = str(value)
    if not _DATE.fullmatch(text):
        return ""
    try:
        date.fromisoformat(text)
    except ValueError:  # 2024-02-30, 2024-13-01: the right shape, no such day
        return ""
    return text


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _spell(element: ET.Element, row: dict[str, Any]) -> None:
    """``start``/``end`` from first and last seen, when they are calendar dates (the graph's
    ``timeformat`` is ``date``, so anything else would be a wrong time, not a coarser one)."""
    first, last = _date(row.get("first_seen", "")), _date(row.get("last_seen", ""))
    if first:
        element.set("start", first)
    if last:
        element.set("end", last)


def _attvalues(parent: ET.Element, attrs: Sequence[tuple[str, str]], row: dict[str, Any]) -> None:
    values = ET.SubElement(parent, "attvalues")
    for i, (name, _t) in enumerate(attrs):
        ET.SubElement(values, "attvalue", {"for": str(i), "value": _s(row[name])})


def gexf_document(data: GraphData) -> str:
    """The GEXF 1.3 text of ``data`` (see the module docstring for what Gephi gets)."""
    root = ET.Element(
        "gexf",
        {
            "xmlns": GEXF_NS,
            "xmlns:viz": GEXF_VIZ_NS,
            "xmlns:xsi": _XSI_NS,
            "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd",
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "kg"
    ET.SubElement(meta, "description").text = _s(data.description)
    graph = ET.SubElement(
        root,
        "graph",
        {
            "defaultedgetype": "directed" if data.directed else "undirected",
            "mode": "dynamic",
            "timeformat": "date",
        },
    )
    for cls, attrs in (("node", data.node_attrs), ("edge", data.edge_attrs)):
        decl = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
        for i, (name, kind) in enumerate(attrs):
            ET.SubElement(decl, "attribute", {"id": str(i), "title": name, "type": _GEXF_TYPES[kind]})
    nodes = ET.SubElement(graph, "nodes")
    for row in data.nodes:
        node = ET.SubElement(nodes, "node", {"id": _s(row["id"]), "label": _s(row["label"])})
        _spell(node, row)
        _attvalues(node, data.node_attrs, row)
        r, g, b = _rgb(row["color"])
        ET.SubElement(node, "viz:color", {"r": str(r), "g": str(g), "b": str(b), "a": "1.0"})
        x, y = _number(row["x"], "viz:position x"), _number(row["y"], "viz:position y")
        ET.SubElement(node, "viz:position", {"x": x, "y": y, "z": "0.0"})
        ET.SubElement(node, "viz:size", {"value": _number(row["size"], "viz:size", minimum=0.0)})
    edges = ET.SubElement(graph, "edges")
    for e in data.edges:
        attrs = {"id": _s(e["id"]), "source": _s(e["source"]), "target": _s(e["target"])}
        if data.kind_attr:
            attrs["label"] = attrs["kind"] = _s(e[data.kind_attr])
        attrs["weight"] = _number(e["weight"], "edge weight")
        edge = ET.SubElement(edges, "edge", attrs)
        _spell(edge, e)
        _attvalues(edge, data.edge_attrs, e)
        if e.get("color"):
            r, g, b = _rgb(e["color"])
            ET.SubElement(edge, "viz:color", {"r": str(r), "g": str(g), "b": str(b), "a": "1.0"})
    return _serialise(root)


def graphml_document(data: GraphData) -> str:
    """The GraphML text of ``data``: node ``name`` (the id again), ``label``, the node
    attributes, ``x``, ``y``, ``size``, ``color`` (#rrggbb) and ``r``, ``g``, ``b`` (which
    Gephi reads as the node colour); the edge attributes and ``weight``; edges carry ids.

    The id is repeated as ``name`` because igraph keeps an escaped ``&`` in an id attribute
    as ``&#38;`` (element text it decodes), and ``name`` is igraph's own vertex name, so
    ``g.vs.find(name=entity_id)`` works for every id.
    """
    node_keys = [("name", "string"), ("label", "string"), *data.node_attrs, ("x", "double"), ("y", "double")]
    node_keys += [("size", "double"), ("color", "string"), ("r", "int"), ("g", "int"), ("b", "int")]
    edge_keys = [*data.edge_attrs]
    if "weight" not in {n for n, _t in edge_keys}:
        edge_keys.append(("weight", "double"))
    root = ET.Element(
        "graphml",
        {
            "xmlns": _GRAPHML_NS,
            "xmlns:xsi": _XSI_NS,
            "xsi:schemaLocation": f"{_GRAPHML_NS} {_GRAPHML_NS}/1.0/graphml.xsd",
        },
    )
    for prefix, cls, keys in (("n", "node", node_keys), ("e", "edge", edge_keys)):
        for i, (name, kind) in enumerate(keys):
            ET.SubElement(
                root, "key", {"id": f"{prefix}{i}", "for": cls, "attr.name": name, "attr.type": kind}
            )
    graph = ET.SubElement(
        root, "graph", {"id": _s(data.name), "edgedefault": "directed" if data.directed else "undirected"}
    )
    for row in data.nodes:
        node = ET.SubElement(graph, "node", {"id": _s(row["id"])})
        row = {**row, "name": row["id"], **dict(zip("rgb", _rgb(row["color"])))}
        for i, (name, _t) in enumerate(node_keys):
            ET.SubElement(node, "data", {"key": f"n{i}"}).text = _s(row[name])
    for e in data.edges:
        edge = ET.SubElement(
            graph, "edge", {"id": _s(e["id"]), "source": _s(e["source"]), "target": _s(e["target"])}
        )
        for i, (name, _t) in enumerate(edge_keys):
            ET.SubElement(edge, "data", {"key": f"e{i}"}).text = _s(e[name])
    return _serialise(root)
