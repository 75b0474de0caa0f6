"""Tests of kg.analysis.xmlgraph: the GEXF it writes is valid GEXF 1.3.

Two checks. :func:`check_gexf_13` always runs: element by element, it asserts what the
GEXF 1.3 XML schema requires of the parts we write (closed sets of elements and attributes,
their order, the enumerations, ``xs:date`` for ``start``/``end`` with ``timeformat="date"``,
finite ``xs:double``/``xs:float`` numbers for ``weight`` and ``viz:*``, colour channels
0..255, alpha 0..1, sizes >= 0, the attribute types of 1.3) plus what the schema cannot
express and Gephi needs: every ``attvalue`` refers to a declared attribute, ids are unique,
edge ends are nodes. The second check validates against the official schema itself, with
lxml, when ``KG_GEXF13_XSD`` names a folder holding its ``gexf.xsd`` (with the
``dynamics.xsd`` and ``viz.xsd`` it loads); without it that test is skipped (no network
here, and the schema is another project's file, not ours to ship).

The published 1.3 XSD is converted from the RELAX NG source (gexf.rnc), and the conversion
lost the ``viz`` namespace: its viz.xsd has no target namespace and ``color``, ``position``
and ``size`` are declared in the main GEXF namespace, so even the GEXF project's own
examples, which write ``viz:color`` in ``http://gexf.net/1.3/viz`` as the specification,
Gephi and networkx do, fail it. We keep the viz namespace (readers look for it) and, when
the schema in the folder is of that kind, move the ``viz:*`` elements into the main
namespace before validating, so everything else, the viz attributes' types included, is
still checked by the schema. A schema whose viz.xsd declares the viz namespace is used as
it is.
"""

from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kg.analysis.xmlgraph import GEXF_NS, GEXF_VIZ_NS, GraphData, gexf_document, graphml_document

G = f"{{{GEXF_NS}}}"
V = f"{{{GEXF_VIZ_NS}}}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
# attrtype-type of the GEXF 1.3 schema, exactly (1.3 has no "date" type)
GEXF_TYPES = {
    "integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger", "byte", "char",
    "short", "liststring", "listboolean", "listinteger", "listlong", "listfloat", "listdouble",
    "listbyte", "listshort", "listbigdecimal", "listbiginteger", "listchar", "string", "anyURI",
}  # fmt: skip
# the attributes the schema allows on each element we write (it allows no others)
_TIME = {"start", "end", "intervals", "timestamp", "timestamps"}
ALLOWED = {
    f"{G}gexf": {"version", "variant", f"{XSI}schemaLocation"},
    f"{G}meta": {"lastmodifieddate"},
    f"{G}graph": {"timeformat", "start", "end", "timestamp", "mode", "timerepresentation", "timezone",
                  "defaultedgetype", "idtype"},
    f"{G}attributes": {"class", "mode"},
    f"{G}attribute": {"id", "title", "type"},
    f"{G}node": {*_TIME, "id", "label", "pid"},
    f"{G}edge": {*_TIME, "id", "type", "label", "source", "target", "weight", "kind"},
    f"{G}attvalue": {"for", "value", "start", "end", "timestamp"},
    f"{V}color": {"r", "g", "b", "hex", "a"},
    f"{V}position": {"x", "y", "z"},
    f"{V}size": {"value"},
}  # fmt: skip
# what may be inside a node or an edge; each at most once (the RELAX NG source says optional)
NODE_CHILDREN = {f"{G}attvalues", f"{G}spells", f"{V}color", f"{V}position", f"{V}size", f"{V}shape"}
EDGE_CHILDREN = {f"{G}attvalues", f"{G}spells", f"{V}color", f"{V}thickness", f"{V}shape"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# a finite xs:double / xs:float ("nan" and "inf", as Python writes them, are not values)
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _is_date(text: str) -> bool:
    if not DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _number(element: ET.Element, key: str, minimum: float = -math.inf, maximum: float = math.inf) -> float:
    text = element.get(key)
    assert text is not None and NUMBER.fullmatch(text), (element.tag, key, text)
    assert minimum <= float(text) <= maximum, (element.tag, key, text)
    return float(text)


def check_gexf_13(text: str) -> ET.Element:
    """Assert the GEXF 1.3 structure of ``text`` (see the module docstring); return the root."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text)
    for element in root.iter():
        assert element.tag in ALLOWED or not element.attrib, element.tag
        if element.tag in ALLOWED:
            assert set(element.attrib) <= ALLOWED[element.tag], (element.tag, element.attrib)
    assert root.tag == f"{G}gexf" and root.get("version") == "1.3"
    assert root.get(f"{XSI}schemaLocation") == f"{GEXF_NS} {GEXF_NS}/gexf.xsd"
    assert [c.tag for c in root] == [f"{G}meta", f"{G}graph"]
    meta = root.find(f"{G}meta")
    assert {c.tag for c in meta} <= {f"{G}creator", f"{G}keywords", f"{G}description"}
    graph = root.find(f"{G}graph")
    assert graph.get("defaultedgetype") in {"directed", "undirected", "mutual"}
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    tags = [c.tag for c in graph]
    assert tags == [f"{G}attributes", f"{G}attributes", f"{G}nodes", f"{G}edges"]
    declared: dict[str, dict[str, str]] = {}
    for block in graph.findall(f"{G}attributes"):
        assert block.get("class") in {"node", "edge"} and block.get("mode") in {"static", "dynamic"}
        types = {}
        for a in block:
            assert a.tag == f"{G}attribute" and a.get("title") and a.get("type") in GEXF_TYPES, a.attrib
            assert a.get("id") not in types
            types[a.get("id")] = a.get("type")
        declared[block.get("class")] = types
    assert set(declared) == {"node", "edge"}

    def check_common(element: ET.Element, cls: str, allowed_children: set[str]) -> None:
        for key in ("start", "end"):  # timeformat="date": every time is an xs:date
            if element.get(key) is not None:
                assert _is_date(element.get(key)), element.get(key)
        if element.get("start") and element.get("end"):
            assert element.get("start") <= element.get("end")
        children = [child.tag for child in element]
        assert set(children) <= allowed_children and len(children) == len(set(children)), children
        values = element.find(f"{G}attvalues")
        assert values is not None
        for v in values:
            assert v.tag == f"{G}attvalue" and v.get("for") in declared[cls] and v.get("value") is not None
            kind = declared[cls][v.get("for")]
            if kind == "integer":  # what Gephi and networkx parse the value as
                int(v.get("value"))
            elif kind == "double":
                float(v.get("value"))
        for c in element.findall(f"{V}color"):
            for k in "rgb":
                assert re.fullmatch(r"\d+", c.get(k)) and int(c.get(k)) <= 255, c.attrib
            _number(c, "a", 0.0, 1.0)

    node_ids = []
    for n in graph.find(f"{G}nodes"):
        assert n.tag == f"{G}node" and n.get("id") is not None and n.get("label") is not None
        node_ids.append(n.get("id"))
        check_common(n, "node", NODE_CHILDREN)
        pos = n.find(f"{V}position")
        for key in "xyz":
            _number(pos, key)
        _number(n.find(f"{V}size"), "value", minimum=0.0)
    assert len(node_ids) == len(set(node_ids))
    edge_ids = []
    for e in graph.find(f"{G}edges"):
        assert e.tag == f"{G}edge" and e.get("source") in node_ids and e.get("target") in node_ids
        edge_ids.append(e.get("id"))
        _number(e, "weight")
        check_common(e, "edge", EDGE_CHILDREN)
    assert len(edge_ids) == len(set(edge_ids))
    return root


def _data(directed: bool = True) -> GraphData:
    nodes = [
        {"id": "a&b", "label": '<b>"甲"</b>\x01\udc80', "type": "Person", "n": 3, "first_seen": "2024-01-05",
         "last_seen": "2024-02-01", "x": 1, "y": -2.5, "size": 8.0, "color": "#e15759"},
        {"id": "c", "label": "丙", "type": "Place", "n": 0, "first_seen": "", "last_seen": "2024-02-30",
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
    text = gexf_document(_data(directed))
    root = check_gexf_13(text)
    text.encode("utf-8")  # nothing UTF-8 cannot carry (the lone surrogate was dropped)
    graph = root.find(f"{G}graph")
    assert graph.get("defaultedgetype") == ("directed" if directed else "undirected")
    a, c = graph.find(f"{G}nodes")
    assert a.get("label") == '<b>"甲"</b>'  # escaped by the writer; the control character dropped
    assert (a.get("start"), a.get("end")) == ("2024-01-05", "2024-02-01")
    # undated, and 30 February: no interval rather than one Gephi and the schema reject
    assert c.get("start") is None and c.get("end") is None
    first, second = graph.find(f"{G}edges")
    assert (first.get("label"), first.get("kind")) == ("visited", "visited")
    assert second.get("start") is None  # "2024-01" is not a date GEXF accepts
    assert a.find(f"{V}position").attrib == {"x": "1.0", "y": "-2.5", "z": "0.0"}


def _move_meta_after_graph(text: str) -> str:
    meta = re.search(r" <meta>.*?</meta>\n", text, re.DOTALL).group(0)
    return text.replace(meta, "").replace("</graph>\n", "</graph>\n" + meta)


#: Broken variants of a good document: each breaks one rule of the GEXF 1.3 schema that the
#: writer relies on keeping (the schema test feeds them to the official schema too).
BROKEN: dict[str, Callable[[str], str]] = {
    "version 1.2": lambda t: t.replace('version="1.3"', 'version="1.2"'),
    "timeformat outside the enumeration": lambda t: t.replace('timeformat="date"', 'timeformat="day"'),
    "graph mode outside the enumeration": lambda t: t.replace('mode="dynamic"', 'mode="live"'),
    "start not a date": lambda t: t.replace('start="2024-01-05"', 'start="5 Jan 2024"', 1),
    "start on 30 February": lambda t: t.replace('start="2024-01-05"', 'start="2024-02-30"', 1),
    "attribute type 1.3 lacks": lambda t: t.replace('type="integer"', 'type="date"', 1),
    "colour channel over 255": lambda t: t.replace('r="225"', 'r="300"', 1),
    "alpha over 1": lambda t: t.replace('a="1.0"', 'a="1.5"', 1),
    "negative size": lambda t: t.replace('<viz:size value="8.0"', '<viz:size value="-1.0"', 1),
    "position nan": lambda t: t.replace('x="1.0"', 'x="nan"', 1),
    "weight inf": lambda t: t.replace('weight="2.0"', 'weight="inf"', 1),
    "no edges element": lambda t: re.sub(r"\s*<edges>.*</edges>", "", t, flags=re.DOTALL),
    "meta after graph": _move_meta_after_graph,
    "attribute the node may not have": lambda t: t.replace('<node id="c"', '<node id="c" kind="x"', 1),
    "attvalue without value": lambda t: re.sub(r'(<attvalue for="0") value="[^"]*"', r"\1", t, count=1),
    "viz of another namespace": lambda t: t.replace(f'xmlns:viz="{GEXF_VIZ_NS}"', 'xmlns:viz="urn:other"'),
}
#: Broken variants the schema cannot see (it has no keys), which Gephi and networkx reject.
BROKEN_BEYOND_SCHEMA: dict[str, Callable[[str], str]] = {
    "edge to no node": lambda t: t.replace('target="c"', 'target="nowhere"', 1),
    "attvalue for an undeclared attribute": lambda t: t.replace('<attvalue for="1"', '<attvalue for="9"', 1),
    "integer attribute with a fraction": lambda t: t.replace('<attvalue for="1" value="3"', '<attvalue for="1" value="3.5"', 1),
    "duplicate edge id": lambda t: t.replace('<edge id="1"', '<edge id="0"', 1),
}  # fmt: skip


@pytest.mark.parametrize("name", [*BROKEN, *BROKEN_BEYOND_SCHEMA])
def test_structure_check_rejects_what_gexf_13_forbids(name: str) -> None:
    good = gexf_document(_data())
    check_gexf_13(good)
    bad = {**BROKEN, **BROKEN_BEYOND_SCHEMA}[name](good)
    assert bad != good, name  # the variant did change something
    with pytest.raises((AssertionError, ET.ParseError, ValueError)):
        check_gexf_13(bad)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("x", math.nan, "viz:position x"),
        ("y", math.inf, "viz:position y"),
        ("size", -1.0, "viz:size"),
        ("color", "#abc", "#rrggbb"),
    ],
)
def test_writer_refuses_node_values_gexf_cannot_hold(field: str, value: object, message: str) -> None:
    data = _data()
    data.nodes[0][field] = value
    with pytest.raises(ValueError, match=re.escape(message)):
        gexf_document(data)


def test_writer_refuses_an_infinite_weight() -> None:
    data = _data()
    data.edges[1]["weight"] = math.inf
    with pytest.raises(ValueError, match="edge weight"):
        gexf_document(data)


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


# --------------------------------------------------------------------------- the official schema
class OfficialSchema:
    """The GEXF 1.3 XSD of a folder, compiled by lxml, and how to validate against it."""

    def __init__(self, folder: Path) -> None:
        from lxml import etree

        self.etree = etree
        main = etree.parse(str(folder / "gexf.xsd"))
        namespace = main.getroot().get("targetNamespace")
        assert namespace == GEXF_NS, f"{folder / 'gexf.xsd'} is for {namespace}, not GEXF 1.3's {GEXF_NS}"
        self.schema = etree.XMLSchema(main)  # loads dynamics.xsd and viz.xsd beside it
        # the converted XSD declares the viz elements without their namespace (module docstring)
        declared = {etree.parse(str(p)).getroot().get("targetNamespace") for p in folder.glob("*.xsd")}
        self.viz_in_main_namespace = GEXF_VIZ_NS not in declared

    def errors(self, text: str) -> list[str]:
        """The schema's complaints about ``text`` (none: valid)."""
        tree = self.etree.fromstring(text.encode("utf-8")).getroottree()
        if self.viz_in_main_namespace:
            for element in tree.iter(f"{V}*"):
                element.tag = G + self.etree.QName(element).localname
        if self.schema.validate(tree):
            return []
        return [f"line {e.line}: {e.message}" for e in self.schema.error_log]


@pytest.fixture(scope="module")
def official() -> OfficialSchema:
    folder = os.environ.get("KG_GEXF13_XSD", "")
    if not folder:
        pytest.skip(
            "KG_GEXF13_XSD is not set: point it at a folder holding the official GEXF 1.3 schema "
            "(gexf.xsd, dynamics.xsd, viz.xsd; see README, Gephi section) to validate against it"
        )
    pytest.importorskip("lxml", reason="validating against the GEXF 1.3 XSD needs lxml (pip install lxml)")
    assert (Path(folder) / "gexf.xsd").is_file(), f"KG_GEXF13_XSD={folder} holds no gexf.xsd"
    return OfficialSchema(Path(folder))


def _exported_gexf(tmp: Path) -> dict[str, str]:
    """Every GEXF file of two real ``write_analysis`` exports (typed graph, co-occurrence
    graph, the graph of each month) and of the sample corpus's analysis."""
    from analysis_toy import sample_corpus_analysis, written_toy
    from typed_toy import written_typed

    from kg.analysis.graphfiles import gexf_text, typed_gexf_text

    texts = {}
    for name, (out, _an) in (("toy", written_toy(tmp / "toy")), ("typed", written_typed(tmp / "typed"))):
        for path in sorted((out / "analysis").rglob("*.gexf")):
            texts[f"{name}:{path.relative_to(out)}"] = path.read_text(encoding="utf-8")
    _ex, an = sample_corpus_analysis()
    texts["sample:graph.gexf"] = gexf_text(an.whole)
    texts["sample:typed_graph.gexf"] = typed_gexf_text(an)
    return texts


def test_exported_gexf_validates_against_the_official_gexf_13_schema(official, tmp_path) -> None:
    texts = {"unit directed": gexf_document(_data(True)), "unit undirected": gexf_document(_data(False))}
    texts |= _exported_gexf(tmp_path)
    assert any("periods" in name for name in texts) and len(texts) >= 6, sorted(texts)
    for name, text in texts.items():
        assert official.errors(text) == [], name


@pytest.mark.parametrize("name", list(BROKEN))
def test_official_schema_rejects_the_broken_variants(official, name: str) -> None:
    good = gexf_document(_data())
    assert official.errors(good) == []
    assert official.errors(BROKEN[name](good)) != [], name
