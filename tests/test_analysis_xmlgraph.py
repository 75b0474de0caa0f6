"""Tests of kg.analysis.xmlgraph: the GEXF it writes has the structure GEXF 1.3 requires.

The GEXF 1.3 XSD is not on this machine (and there is no network), so instead of a schema
validation this checks, element by element, what the 1.3 schema requires of the parts we
write: the namespaces and version, ``meta`` then ``graph``, the graph's
``defaultedgetype``/``mode``/``timeformat``, ``attributes`` with ``class`` and typed
``attribute`` declarations that every ``attvalue`` refers to, unique node and edge ids,
edge ends that are nodes, ``start``/``end`` as ``xsd:date``, and the ``viz`` elements in
the viz namespace with values in range.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from kg.analysis.xmlgraph import GEXF_NS, GEXF_VIZ_NS, GraphData, gexf_document, graphml_document

G = f"{{{GEXF_NS}}}"
V = f"{{{GEXF_VIZ_NS}}}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
# attribute types of GEXF 1.3 (attrtype-type in the schema)
GEXF_TYPES = {
    "integer", "long", "double", "float", "boolean", "string", "liststring", "anyURI", "listboolean",
    "listinteger", "listlong", "listfloat", "listdouble", "byte", "short", "char", "date", "bigdecimal",
    "biginteger", "listbyte", "listshort", "listchar", "listdate", "listbigdecimal", "listbiginteger",
}  # fmt: skip
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_gexf_13(text: str) -> ET.Element:
    """Assert the GEXF 1.3 structure of ``text`` (see the module docstring); return the root."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert f'xmlns:viz="{GEXF_VIZ_NS}"' in text  # declared on the root, used by viz:*
    root = ET.fromstring(text)
    assert root.tag == f"{G}gexf" and root.get("version") == "1.3"
    assert root.get(f"{XSI}schemaLocation") == f"{GEXF_NS} {GEXF_NS}/gexf.xsd"
    assert [c.tag for c in root] == [f"{G}meta", f"{G}graph"]
    graph = root.find(f"{G}graph")
    assert graph.get("defaultedgetype") in {"directed", "undirected", "mutual"}
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    tags = [c.tag for c in graph]
    assert tags == [f"{G}attributes", f"{G}attributes", f"{G}nodes", f"{G}edges"]
    declared: dict[str, set[str]] = {}
    for block in graph.findall(f"{G}attributes"):
        assert block.get("class") in {"node", "edge"} and block.get("mode") in {"static", "dynamic"}
        ids = []
        for a in block:
            assert a.tag == f"{G}attribute" and a.get("title") and a.get("type") in GEXF_TYPES
            ids.append(a.get("id"))
        assert len(ids) == len(set(ids))
        declared[block.get("class")] = set(ids)
    assert set(declared) == {"node", "edge"}

    def check_common(element: ET.Element, cls: str) -> None:
        for key in ("start", "end"):
            if element.get(key) is not None:
                assert DATE.fullmatch(element.get(key)), element.get(key)
        if element.get("start") and element.get("end"):
            assert element.get("start") <= element.get("end")
        values = element.find(f"{G}attvalues")
        assert values is not None
        for v in values:
            assert v.tag == f"{G}attvalue" and v.get("for") in declared[cls] and v.get("value") is not None
        for c in element.findall(f"{V}color"):
            assert all(0 <= int(c.get(k)) <= 255 for k in "rgb") and 0.0 <= float(c.get("a")) <= 1.0
        for child in element:
            assert child.tag.startswith(G) or child.tag.startswith(V), child.tag

    node_ids = []
    for n in graph.find(f"{G}nodes"):
        assert n.tag == f"{G}node" and n.get("id") is not None and n.get("label") is not None
        node_ids.append(n.get("id"))
        check_common(n, "node")
        pos = n.find(f"{V}position")
        float(pos.get("x")), float(pos.get("y")), float(pos.get("z"))
        assert float(n.find(f"{V}size").get("value")) > 0
    assert len(node_ids) == len(set(node_ids))
    edge_ids = []
    for e in graph.find(f"{G}edges"):
        assert e.tag == f"{G}edge" and e.get("source") in node_ids and e.get("target") in node_ids
        edge_ids.append(e.get("id"))
        float(e.get("weight"))
        check_common(e, "edge")
    assert len(edge_ids) == len(set(edge_ids))
    return root


def _data(directed: bool = True) -> GraphData:
    nodes = [
        {"id": "a&b", "label": '<b>"甲"</b>\x01', "type": "Person", "n": 3, "first_seen": "2024-01-05",
         "last_seen": "2024-02-01", "x": 1, "y": -2.5, "size": 8.0, "color": "#e15759"},
        {"id": "c", "label": "丙", "type": "Place", "n": 0, "first_seen": "", "last_seen": "",
         "x": 0, "y": 0, "size": 8.0, "color": "#4e79a7"},
    ]  # fmt: skip
    edges = [
        {"id": "0", "source": "a&b", "target": "c", "rel": "visited", "weight": 2.0,
         "first_seen": "2024-01-05", "last_seen": "2024-01-05", "color": "#9467bd"},
        {"id": "1", "source": "a&b", "target": "c", "rel": "met", "weight": 1.0,
         "first_seen": "2024-01", "last_seen": "", "color": "#555555"},
    ]  # fmt: skip
    return GraphData(
        "g", "test", directed, [("type", "string"), ("n", "int")], [("rel", "string"), ("weight", "double")],
        nodes, edges, kind_attr="rel",
    )  # fmt: skip


@pytest.mark.parametrize("directed", [True, False])
def test_gexf_has_the_structure_of_gexf_13(directed: bool) -> None:
    root = check_gexf_13(gexf_document(_data(directed)))
    graph = root.find(f"{G}graph")
    assert graph.get("defaultedgetype") == ("directed" if directed else "undirected")
    a, c = graph.find(f"{G}nodes")
    assert a.get("label") == '<b>"甲"</b>'  # escaped by the writer; the control character dropped
    assert (a.get("start"), a.get("end")) == ("2024-01-05", "2024-02-01")
    assert c.get("start") is None and c.get("end") is None  # undated: no interval rather than a bad one
    first, second = graph.find(f"{G}edges")
    assert (first.get("label"), first.get("kind")) == ("visited", "visited")
    assert second.get("start") is None  # "2024-01" is not a date GEXF accepts
    assert a.find(f"{V}position").attrib == {"x": "1.0", "y": "-2.5", "z": "0.0"}


def test_structure_check_rejects_what_gexf_13_forbids() -> None:
    good = gexf_document(_data())
    check_gexf_13(good)
    for bad in (
        good.replace('version="1.3"', 'version="1.2"'),
        good.replace('timeformat="date"', 'timeformat="day"'),
        good.replace('target="c"', 'target="nowhere"', 1),
        good.replace('<attvalue for="1"', '<attvalue for="9"', 1),
        good.replace('start="2024-01-05"', 'start="5 Jan 2024"', 1),
        good.replace("xmlns:viz=", "xmlns:vis=").replace("viz:", "vis:"),
    ):
        with pytest.raises((AssertionError, ET.ParseError)):
            check_gexf_13(bad)


def test_graphml_escapes_and_repeats_the_id_as_name() -> None:
    text = graphml_document(_data())
    root = ET.fromstring(text)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = {k.get("id"): k.get("attr.name") for k in root.findall(f"{ns}key")}
    node = root.find(f"{ns}graph/{ns}node")
    values = {keys[d.get("key")]: d.text for d in node}
    assert node.get("id") == "a&b" and values["name"] == "a&b" and values["label"] == '<b>"甲"</b>'
    assert (values["r"], values["g"], values["b"]) == ("225", "87", "89")
    assert [e.get("id") for e in root.iter(f"{ns}edge")] == ["0", "1"]
