"""Tests of kg.export.rdf: the closed vocabulary, the triples and the Turtle (and other) export."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, unquote

import pyoxigraph as ox
import pytest
from conftest import BEIJING, D1, D2, D3, EVIL, MACRON, XI, make_extraction
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SDO

import kg.export.rdf
from kg.config import RDF_FORMAT_NAMES, Settings
from kg.model import ENTITY_TYPES, Cooccurrence, Entity, Evidence, Relation
from kg.export.rdf import (
    EXPORT_FORMATS,
    GEO,
    ID,
    KG,
    RDF_FORMATS,
    RELATION_PROPERTY,
    SCHEMA_CLASS,
    _reference,
    document_iri,
    entity_iri,
    entity_iris,
    format_name,
    rdf_quads,
    rdf_triples,
    serialize_rdf,
    terms,
    text,
    to_rdf,
    writer,
    write_exports,
    write_rdf,
)
from kg.export.rdf.export import _OX_PREFIXES
from kg.resources import default_data_dir

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
DATA = default_data_dir()


@pytest.fixture
def graph(extraction, settings):
    return to_rdf(extraction, settings)


@pytest.fixture
def reparsed(graph, tmp_path):
    path = tmp_path / "kg.ttl"
    write_rdf(graph, path)
    back = Graph()
    back.parse(path, format="turtle")
    return back


def test_turtle_parses_back_to_the_same_graph(graph, reparsed):
    assert len(reparsed) == len(graph)
    assert isomorphic(graph, reparsed)


@pytest.mark.parametrize("entity_type", ENTITY_TYPES)
def test_typed_entity_counts(extraction, reparsed, entity_type):
    expected = sum(1 for e in extraction.entities if e.type == entity_type)
    assert len(set(reparsed.subjects(RDF.type, KG[entity_type]))) == expected


@pytest.mark.parametrize(
    ("entity_type", "schema_class"),
    [
        ("Person", SDO.Person),
        ("Place", SDO.Place),
        ("Organization", SDO.Organization),
        ("Enterprise", SDO.Corporation),
        ("Event", SDO.Event),
    ],
)
def test_schema_alignment(reparsed, entity_type, schema_class):
    ours = set(reparsed.subjects(RDF.type, KG[entity_type]))
    assert ours and ours <= set(reparsed.subjects(RDF.type, schema_class))


def test_initiative_has_no_schema_class(reparsed):
    (bri,) = reparsed.subjects(RDF.type, KG.Initiative)
    types = set(reparsed.objects(bri, RDF.type))
    assert types == {KG.Initiative}


def test_labels_and_aliases(extraction, reparsed):
    iri = entity_iris(extraction)[XI]
    assert reparsed.value(iri, RDFS.label) == Literal("习近平", lang="zh")
    assert reparsed.value(iri, SKOS.prefLabel) == Literal("习近平", lang="zh")
    assert set(reparsed.objects(iri, SKOS.altLabel)) == {Literal("习主席", lang="zh")}
    assert reparsed.value(iri, KG.mentions) == Literal(3, datatype=XSD.integer)
    assert reparsed.value(iri, KG.mentionedIn) == document_iri(D1)


def test_place_iri_adcode_and_coordinates(reparsed):
    bj = ID["place/cn-110000"]
    assert (bj, RDF.type, KG.Place) in reparsed
    assert reparsed.value(bj, KG.adcode) == Literal("110000")
    lat, lon = reparsed.value(bj, GEO.lat), reparsed.value(bj, GEO.long)
    assert lat.datatype == XSD.decimal and lon.datatype == XSD.decimal
    assert lat.toPython() == Decimal("39.904989")
    assert lon.toPython() == Decimal("116.405285")


def test_place_lies_within_its_gazetteer_unit(reparsed, extraction, settings):
    bj = ID["place/cn-110000"]
    assert reparsed.value(bj, KG.withinDivision) == ID["place/cn"]  # the country's world id
    # a prefecture inside its province, by the province's code
    jz = Entity("p:jz", "Place", "晋中市", (), 1, (D1,), (("adcode", "140700"), ("parent", "cn:140000")))
    g = to_rdf(dataclasses.replace(extraction, entities=(*extraction.entities, jz)), settings)
    assert g.value(ID["place/cn-140700"], KG.withinDivision) == ID["place/cn-140000"]
    # only places: no other entity has a containing division
    assert {s for s, _p, _o in reparsed.triples((None, KG.withinDivision, None))} <= set(
        reparsed.subjects(RDF.type, KG.Place)
    )


def test_direct_triple_and_statement_node(extraction, reparsed):
    iris = entity_iris(extraction)
    xi, macron = iris[XI], iris[MACRON]
    assert (xi, KG.met, macron) in reparsed
    (stmt,) = reparsed.subjects(RDF.predicate, KG.met)
    assert str(stmt).startswith(str(ID["stmt/"]))
    assert len(str(stmt).rsplit("/", 1)[1]) == 16
    assert (stmt, RDF.type, KG.RelationStatement) in reparsed
    assert reparsed.value(stmt, RDF.subject) == xi
    assert reparsed.value(stmt, RDF.object) == macron
    assert reparsed.value(stmt, KG.weight) == Literal(2, datatype=XSD.integer)
    assert set(reparsed.objects(stmt, KG.rule)) == {Literal("meet_context"), Literal("meet_verb")}
    evidence = set(reparsed.objects(stmt, KG.evidence))
    assert len(evidence) == 2
    for ev in evidence:
        assert (ev, RDF.type, KG.Evidence) in reparsed
        assert reparsed.value(ev, PROV.wasDerivedFrom) == document_iri(D1)
        assert reparsed.value(ev, KG.sentenceText).language == "zh"
        assert reparsed.value(ev, KG.start).datatype == XSD.integer
    assert {reparsed.value(ev, KG.sentenceIndex).toPython() for ev in evidence} == {0, 1}


def test_every_relation_has_its_direct_triple(extraction, reparsed):
    iris = entity_iris(extraction)
    for r in extraction.relations:
        assert (iris[r.head], RELATION_PROPERTY[r.type], iris[r.tail]) in reparsed
    assert len(set(reparsed.subjects(RDF.type, KG.RelationStatement))) == len(extraction.relations)


def test_evidence_capped_in_deterministic_order(extraction):
    g = to_rdf(extraction, Settings(max_evidence=1))
    (stmt,) = g.subjects(RDF.predicate, KG.met)
    (ev,) = g.objects(stmt, KG.evidence)
    # The fixture lists sentence 1 first; the export keeps the first in sentence order.
    assert g.value(ev, KG.sentenceIndex).toPython() == 0
    assert g.value(ev, KG.rule) == Literal("meet_verb")
    # The weight still counts every evidence sentence.
    assert g.value(stmt, KG.weight).toPython() == 2


def test_cooccurrence_nodes(extraction, reparsed):
    iris = entity_iris(extraction)
    nodes = set(reparsed.subjects(RDF.type, KG.Cooccurrence))
    assert len(nodes) == len(extraction.cooccurrences)
    (node,) = [
        n
        for n in nodes
        if (n, KG.entityA, iris[XI]) in reparsed and (n, KG.entityB, iris[MACRON]) in reparsed
    ]
    assert str(node).startswith(str(ID["cooc/"]))
    assert reparsed.value(node, KG.count).toPython() == 2
    assert reparsed.value(node, KG.documentCount).toPython() == 1
    pmi = reparsed.value(node, KG.pmi)
    assert pmi.datatype == XSD.double
    assert pmi.toPython() == pytest.approx(1.234568, abs=1e-12)
    assert reparsed.value(node, KG.npmi).toPython() == pytest.approx(0.512346, abs=1e-12)
    assert len(set(reparsed.objects(node, KG.evidence))) == 2


def test_documents(reparsed):
    d1 = document_iri(D1)
    assert (d1, RDF.type, KG.Document) in reparsed
    assert reparsed.value(d1, DCTERMS.date) == Literal("2024-11-05", datatype=XSD.date)
    assert reparsed.value(d1, DCTERMS.title) == Literal("习近平会见法国总统马克龙", lang="zh")
    assert reparsed.value(d1, DCTERMS.source) == Literal("新华社")
    assert reparsed.value(d1, DCTERMS.identifier) == Literal(D1)
    assert reparsed.value(d1, KG.sourceFile) == Literal("corpus/001.txt")
    assert reparsed.value(d1, KG.format) == Literal("txt")
    d3 = document_iri(D3)
    assert str(d3).endswith("/doc/evil%20doc%20%233")
    # A date that is not ISO stays a plain literal rather than an invalid xsd:date.
    assert reparsed.value(d3, DCTERMS.date) == Literal("2024年11月7日")


def test_script_survives_round_trip_as_a_literal(reparsed):
    assert (None, RDFS.label, Literal(EVIL, lang="zh")) in reparsed
    assert (None, DCTERMS.title, Literal(EVIL, lang="zh")) in reparsed
    texts = {str(o) for o in reparsed.objects(None, KG.sentenceText)}
    assert any("<script>alert(1)</script>" in t for t in texts)


# An IRI per RFC 3987 made of ASCII only: percent-encoded UTF-8 is an IRI and a URI.
_URI_PATH_SEGMENT = re.compile(r"(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-F]{2})+")


@pytest.mark.parametrize(
    "name",
    [
        "a b",
        "<x>",
        'say "hi"',
        "#1",
        EVIL,
        '北京 <大学> "#"',
        "%41",
        "%",
        "a/b?c=d&e",
        "50%/年",
        "😀 emoji 🇨🇳",
        "tab\tnew\nline",
        "back\\slash",
        "{braces}|^`",
        ".",
        "..",
        "...",
        "a.b",
        "~x-y_z",
        "\u2028",
        "\u00a0",
        "ＡＢＣ全角",
    ],
)
def test_entity_iri_is_valid_for_any_name(name):
    iri = entity_iri(Entity("id", "Organization", name))
    local = str(iri).rsplit("/", 1)[1]
    assert _URI_PATH_SEGMENT.fullmatch(local), local
    assert local.strip(".") != ""  # no "." or ".." segment that IRI resolution would drop
    assert unquote(local) == name  # nothing lost: the name can be read back from the IRI
    g = Graph()
    g.add((iri, RDFS.label, Literal(name)))
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert back.value(iri, RDFS.label) == Literal(name)
    # pyoxigraph checks IRIs strictly, when made and when parsed
    node = ox.NamedNode(str(iri))
    triple = ox.Triple(node, ox.NamedNode(str(RDFS.label)), ox.Literal(name))
    for fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        assert ox_triples(ox.serialize([triple], format=fmt), fmt=fmt) == [triple]


def test_same_name_same_type_gets_distinct_iris(extraction):
    twin = Entity("Person:习近平#2", "Person", "习近平", mentions=1)
    ex = dataclasses.replace(extraction, entities=(*extraction.entities, twin))
    iris = entity_iris(ex)
    assert iris[XI] != iris[twin.id]
    assert len(set(iris.values())) == len(ex.entities)


def test_unknown_entity_type_is_an_error(extraction, settings):
    odd = Entity("x", "Planet", "火星")
    ex = dataclasses.replace(extraction, entities=(*extraction.entities, odd))
    with pytest.raises(ValueError, match="Planet"):
        to_rdf(ex, settings)


def test_closed_vocabulary():
    assert KG.holdsPosition == URIRef("https://w3id.org/kg-news/vocab#holdsPosition")
    with pytest.raises(AttributeError):
        KG.holdsPositon  # noqa: B018
    with pytest.raises(AttributeError):
        KG["Persn"]


def test_every_term_is_documented():
    doc = kg.export.rdf.__doc__
    for term in KG.__annotations__:
        assert re.search(rf"\b{term}\b", doc), term


def test_relation_properties_are_camel_case():
    assert RELATION_PROPERTY["holds_position"] == KG.holdsPosition
    assert RELATION_PROPERTY["participates_in"] == KG.participatesIn
    assert RELATION_PROPERTY["met"] == KG.met


def test_prefixes(graph, tmp_path):
    path = tmp_path / "kg.ttl"
    write_rdf(graph, path)
    text = path.read_text(encoding="utf-8")
    for prefix in ("kg", "schema", "skos", "prov", "dcterms", "geo", "xsd", "rdfs"):
        assert f"@prefix {prefix}: " in text
    assert "@prefix ns1:" not in text
    assert "习近平" in text  # written as UTF-8, not \u escapes


def test_deterministic_bytes(extraction, settings, tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    write_rdf(to_rdf(extraction, settings), a)
    write_rdf(to_rdf(extraction, settings), b)
    assert a.read_bytes() == b.read_bytes()


_CHILD = """
import sys
sys.path[:0] = [{tests!r}, {root!r}]
from conftest import make_extraction
from kg.config import Settings
from kg.export.rdf import to_rdf, write_rdf
write_rdf(to_rdf(make_extraction(), Settings()), sys.argv[1])
"""


def test_deterministic_across_processes(tmp_path):
    code = _CHILD.format(tests=str(TESTS), root=str(TESTS.parent))
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


_CHILD_FAST = """
import sys
sys.path[:0] = [{tests!r}, {root!r}]
from conftest import make_extraction
from kg.config import Settings
from kg.export.rdf import write_rdf
write_rdf(make_extraction(), sys.argv[1], sys.argv[2], settings=Settings())
"""


# ---------------------------------------------------------------------- the fast path
# write_rdf(extraction, ...) makes pyoxigraph triples once and serialises them in Rust;
# to_rdf(...) is the rdflib view of the same triples. These tests hold the two together.


def ox_triples(data: bytes | None = None, *, path: Path | None = None, fmt=ox.RdfFormat.TURTLE) -> list:
    """Parse with pyoxigraph (which yields quads in the default graph) into triples."""
    quads = ox.parse(data, format=fmt) if path is None else ox.parse(path=path, format=fmt)
    return [q.triple for q in quads]


@pytest.fixture
def fast_ttl(extraction, settings, tmp_path):
    path = tmp_path / "fast" / "kg.ttl"  # the parent is made by write_rdf
    write_rdf(extraction, path, settings=settings)
    return path


def test_fast_turtle_is_isomorphic_to_to_rdf(graph, fast_ttl):
    back = Graph().parse(fast_ttl, format="turtle")
    assert len(back) == len(graph)
    assert isomorphic(graph, back)
    # No blank nodes, so isomorphic means equal: the same IRIs, datatypes and languages.
    assert set(back) == set(graph)


def test_fast_turtle_parses_with_pyoxigraph(extraction, settings, fast_ttl):
    parsed = ox_triples(path=fast_ttl)
    assert set(parsed) == set(rdf_triples(extraction, settings))
    assert len(parsed) == len(rdf_triples(extraction, settings))


def test_fast_turtle_has_prefixes_and_utf8(fast_ttl):
    text = fast_ttl.read_text(encoding="utf-8")
    for prefix in ("kg", "schema", "skos", "prov", "dcterms", "geo", "xsd", "rdfs", "rdf"):
        assert f"@prefix {prefix}: " in text
    assert "@prefix ns1:" not in text
    assert "习近平" in text


def test_graph_and_extraction_give_the_same_bytes(extraction, settings, graph, tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    write_rdf(extraction, a, settings=settings)
    write_rdf(graph, b)
    assert a.read_bytes() == b.read_bytes()
    assert serialize_rdf(extraction, settings=settings) == a.read_bytes()


def test_rdf_triples_sorted_and_unique(extraction, settings):
    triples = rdf_triples(extraction, settings)
    lines = [str(t) for t in triples]
    assert lines == sorted(set(lines))
    assert all(isinstance(t, ox.Triple) for t in triples)
    assert len(triples) == len(to_rdf(extraction, settings))


def test_rdf_triples_terms(extraction, settings):
    """Spot checks on the pyoxigraph terms themselves: datatypes and language tags."""
    by_pred: dict[str, list[ox.Triple]] = {}
    for t in rdf_triples(extraction, settings):
        by_pred.setdefault(t.predicate.value, []).append(t)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert {t.object.datatype.value for t in by_pred[str(KG.mentions)]} == {xsd + "integer"}
    assert {t.object.datatype.value for t in by_pred[str(KG.pmi)]} == {xsd + "double"}
    assert {t.object.datatype.value for t in by_pred[str(GEO.lat)]} == {xsd + "decimal"}
    assert {t.object.language for t in by_pred[str(RDFS.label)]} == {"zh"}
    assert {t.object.language for t in by_pred[str(KG.sentenceText)]} == {"zh"}
    sources = {t.object for t in by_pred[str(DCTERMS.source)]}
    assert ox.Literal("新华社") in sources  # a plain (xsd:string) literal


def test_input_order_does_not_change_the_bytes(extraction, settings):
    shuffled = dataclasses.replace(
        extraction,
        docs=extraction.docs[::-1],
        entities=extraction.entities[::-1],
        relations=extraction.relations[::-1],
        cooccurrences=extraction.cooccurrences[::-1],
    )
    assert serialize_rdf(shuffled, settings=settings) == serialize_rdf(extraction, settings=settings)


def test_duplicate_input_gives_no_duplicate_triples(extraction, settings):
    xi = extraction.entity(XI)
    doubled = dataclasses.replace(xi, aliases=xi.aliases * 2, documents=xi.documents * 2)
    ex = dataclasses.replace(
        extraction,
        entities=tuple(doubled if e.id == XI else e for e in extraction.entities),
    )
    triples = rdf_triples(ex, settings)
    assert len(triples) == len(set(triples)) == len(rdf_triples(extraction, settings))
    data = serialize_rdf(ex, "nt", settings=settings).decode("utf-8")
    assert len(data.splitlines()) == len(triples)


@pytest.mark.parametrize("fmt", ["nt", "ntriples", "n-triples"])
def test_ntriples_output(extraction, settings, graph, tmp_path, fmt):
    path = tmp_path / "kg.nt"
    write_rdf(extraction, path, fmt, settings=settings)
    data = path.read_bytes()
    # One line per triple, in rdf_triples order, in pyoxigraph's N-Triples form.
    assert data.decode("utf-8").splitlines() == [f"{t} ." for t in rdf_triples(extraction, settings)]
    assert isomorphic(Graph().parse(data=data, format="nt"), graph)
    assert set(ox_triples(data, fmt=ox.RdfFormat.N_TRIPLES)) == set(rdf_triples(extraction, settings))


@pytest.mark.skipif("jsonld" not in RDF_FORMATS, reason="this pyoxigraph writes no JSON-LD")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's parser
def test_jsonld_output(extraction, settings, graph, tmp_path):
    path = tmp_path / "kg.jsonld"
    write_rdf(extraction, path, "jsonld", settings=settings)
    assert isomorphic(Graph().parse(path, format="json-ld"), graph)


def test_unknown_format_is_an_error(extraction, settings, tmp_path):
    with pytest.raises(ValueError, match="unknown RDF format 'rdfa'"):
        write_rdf(extraction, tmp_path / "kg.html", "rdfa", settings=settings)
    assert not (tmp_path / "kg.html").exists()


def test_unknown_entity_type_is_an_error_on_the_fast_path(extraction, settings, tmp_path):
    odd = Entity("x", "Planet", "火星")
    ex = dataclasses.replace(extraction, entities=(*extraction.entities, odd))
    with pytest.raises(ValueError, match="Planet"):
        write_rdf(ex, tmp_path / "kg.ttl", settings=settings)


def test_fast_path_deterministic_bytes(extraction, settings, tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    write_rdf(extraction, a, settings=settings)
    write_rdf(extraction, b, settings=settings)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_fast_path_deterministic_across_processes(tmp_path, fmt):
    code = _CHILD_FAST.format(tests=str(TESTS), root=str(TESTS.parent))
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"{seed}.{fmt}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(out), fmt], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0] == serialize_rdf(make_extraction(), fmt, settings=Settings())


# Any text, including quotes, backslashes, control characters, U+2028 and astral-plane
# characters (surrogates cannot be encoded as UTF-8 and are no RDF text).
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_TEXT, alias=_TEXT, title=_TEXT, rule=_TEXT)
def test_round_trip_of_any_text(extraction, settings, name, alias, title, rule):
    org = Entity("Organization:hyp", "Organization", name, (alias,), 1, (D1,))
    docs = tuple(
        dataclasses.replace(dx, doc=dataclasses.replace(dx.doc, title=title)) if dx.doc.id == D1 else dx
        for dx in extraction.docs
    )
    relations = tuple(
        dataclasses.replace(r, evidence=tuple(e._replace(rule=rule) for e in r.evidence))
        for r in extraction.relations
    )
    ex = dataclasses.replace(extraction, entities=(*extraction.entities, org), docs=docs, relations=relations)
    expected = to_rdf(ex, settings)
    for fmt in ("turtle", "nt"):
        back = Graph().parse(data=serialize_rdf(ex, fmt, settings=settings), format=fmt)
        assert set(back) == set(expected)
    parsed = set(ox_triples(serialize_rdf(ex, settings=settings)))
    assert parsed == set(rdf_triples(ex, settings))
    # JSON-LD and the quad formats, through pyoxigraph's parsers
    triples = _nt_lines(rdf_triples(ex, settings))
    quads = {str(q) for q in rdf_quads(ex, settings)}
    for format_ in ("jsonld", "trig", "nquads"):
        fmt = EXPORT_FORMATS[format_]
        back = list(ox.parse(serialize_rdf(ex, format_, settings=settings), format=fmt.syntax))
        if fmt.quads:
            assert {str(q) for q in back} == quads, format_
        else:
            assert _nt_lines(q.triple for q in back) == triples, format_


def test_garbage_collector_state_is_restored(extraction, settings, tmp_path):
    assert gc.isenabled()
    write_rdf(extraction, tmp_path / "kg.ttl", settings=settings)
    assert gc.isenabled()
    odd = Entity("x", "Planet", "火星")
    with pytest.raises(ValueError):
        rdf_triples(dataclasses.replace(extraction, entities=(*extraction.entities, odd)), settings)
    assert gc.isenabled()
    gc.disable()
    try:
        rdf_triples(extraction, settings)
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


@pytest.mark.parametrize("formats", [("turtle",), ("ntriples",), tuple(EXPORT_FORMATS)])
def test_an_export_leaves_nothing_to_the_cycle_collector(extraction, tmp_path, formats):
    """The builder and its statements are freed by reference counting as soon as the
    export is written: a collection afterwards finds none of kg's objects (a builder whose
    tables of lines called its own methods was kept, with every statement, until one)."""
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds is kept in gc.garbage
    try:
        write_exports(extraction, tmp_path, Settings(rdf_formats=formats))
        gc.collect()
        found = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
    assert not [o for o in found if type(o).__module__.startswith("kg.")]
    if "jsonld" not in formats:  # the json module's encoder leaves a few of its own
        assert found == []


def test_the_turtle_only_build_writes_nodes_by_their_shapes_turtle(monkeypatch):
    """Co-occurrences and evidence written as Turtle at once take their text from the
    shapes' Turtle functions, which the records' Turtle uses too: a change there (a
    predicate added) reaches both."""
    from kg.export.rdf import shapes

    cooccurrence_turtle, evidence_turtle = shapes.cooccurrence_turtle, shapes.evidence_turtle
    monkeypatch.setattr(shapes, "cooccurrence_turtle", lambda *a: cooccurrence_turtle(*a) + "# co\n")
    monkeypatch.setattr(shapes, "evidence_turtle", lambda *a: evidence_turtle(*a) + "# ev\n")
    ex = make_extraction()
    st = text.build(ex, Settings(), turtle=True)
    assert st.rendered
    turtle = "".join(writer.chunks(st, "turtle"))
    records = "".join(writer.chunks(text.build(ex, Settings()), "turtle"))
    assert turtle == records
    assert turtle.count("# co\n") == len(ex.cooccurrences) and turtle.count("# co\n") == turtle.count("kg:Cooccurrence")
    assert turtle.count("# ev\n") == turtle.count("a kg:Evidence") > 0


# ---------------------------------------------------------------------- IRIs across corpora
def _person(eid: str, name: str, *docs: str, mentions: int = 1) -> Entity:
    return Entity(eid, "Person", name, (), mentions, docs)


def test_world_place_iri_is_its_gazetteer_id_whatever_name_the_corpus_uses():
    full = Entity(
        "place/ae", "Place", "阿拉伯联合酋长国", ("阿联酋",), attrs=(("kind", "country"), ("ref", "AE"))
    )
    short = dataclasses.replace(full, name="阿联酋", aliases=())
    assert entity_iri(full) == entity_iri(short) == ID["place/ae"]
    region = Entity("place/r-arctic", "Place", "北极", attrs=(("ref", "R-Arctic"),))
    assert entity_iri(region) == ID["place/r-arctic"]
    # a Chinese division by its adcode, from the attribute or from the reference
    assert entity_iri(Entity("p", "Place", "北京市", attrs=(("ref", "cn:110000"),))) == ID["place/cn-110000"]
    # a place the gazetteer does not know keeps its name
    assert entity_iri(Entity("p", "Place", "吕梁革命老区")) == ID["place/" + quote("吕梁革命老区")]


def test_namesakes_the_first_named_keeps_the_plain_iri():
    first = _person("person/张伟~1", "张伟", "2024-01-02-a", "2024-03-01-c")
    later = _person("person/张伟~2", "张伟", "2024-02-01-b", mentions=9)
    ex = make_extraction()
    both = dataclasses.replace(ex, entities=(*ex.entities, later, first))
    iris = entity_iris(both)
    assert iris[first.id] == ID["person/" + quote("张伟")]
    assert str(iris[later.id]).startswith(str(ID["person/" + quote("张伟")]) + "--")
    # alone, the first has the same IRI; a namesake named later takes nothing from it
    alone = dataclasses.replace(ex, entities=(*ex.entities, first))
    assert entity_iris(alone)[first.id] == iris[first.id]
    # the suffix depends on the entity's own first document, not on the other entities
    third = _person("person/张伟~3", "张伟", "2024-05-01-d")
    more = dataclasses.replace(ex, entities=(*ex.entities, third, later, first))
    more_iris = entity_iris(more)
    assert more_iris[first.id] == iris[first.id]
    assert more_iris[later.id] == iris[later.id]
    assert len(set(more_iris.values())) == len(more.entities)


def test_a_gazetteer_place_keeps_its_iri_before_a_namesake_without_code():
    known = Entity("place/fr", "Place", "法国", attrs=(("ref", "FR"),), documents=("z",))
    # an unknown place whose IRI would be the gazetteer place's (a lowercase "fr" name)
    unknown = Entity("place/fr~x", "Place", "fr", documents=("a",))
    assert _hash_free(entity_iri(unknown)) == _hash_free(entity_iri(known))
    ex = dataclasses.replace(make_extraction(), entities=(unknown, known))
    iris = entity_iris(ex)
    assert iris[known.id] == ID["place/fr"]
    assert iris[unknown.id] != ID["place/fr"]


def _hash_free(iri) -> str:
    return str(iri).split("--")[0]


@pytest.fixture(scope="module")
def fixture_corpus_docs():
    from helpers import tools

    from kg.pipeline import extract_all
    from kg.read.inputs import read_inputs

    documents, _records = read_inputs([TESTS / "fixtures" / "corpus"])
    t = tools()
    return {dx.doc.id: dx for dx in extract_all(documents, t)}, t


def _graphs(quads) -> dict[str, set]:
    out: dict[str, set] = {}
    for q in quads:
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        out.setdefault(g, set()).add(q.triple)
    return out


def test_two_corpora_sharing_documents_give_their_entities_the_same_iris(fixture_corpus_docs, settings):
    from kg.pipeline import merge

    docs, t = fixture_corpus_docs
    assert {"a_visit", "b_expo", "c_local"} <= set(docs)
    one = merge([docs["a_visit"], docs["b_expo"]], t.resources, settings)
    two = merge([docs["b_expo"], docs["c_local"]], t.resources, settings)
    iri_one, iri_two = entity_iris(one), entity_iris(two)
    shared = [e for e in one.entities if "b_expo" in e.documents]
    assert len(shared) >= 4
    by_iri_two = {iri_two[e.id]: e for e in two.entities}
    for e in shared:
        assert iri_one[e.id] in by_iri_two, (e.name, iri_one[e.id])
        assert by_iri_two[iri_one[e.id]].name == e.name
    # what the shared document says is the same graph in both exports
    g_one = _graphs(rdf_quads(one, settings))[str(document_iri("b_expo"))]
    g_two = _graphs(rdf_quads(two, settings))[str(document_iri("b_expo"))]
    assert g_one == g_two
    assert len(g_one) > 20


# ---------------------------------------------------------------------- named graphs
def test_quads_hold_the_triples_split_by_document(extraction, settings):
    quads = rdf_quads(extraction, settings)
    graphs = _graphs(quads)
    union = set().union(*graphs.values())
    assert union == set(rdf_triples(extraction, settings))
    assert set(graphs) == {"", *(str(document_iri(dx.doc.id)) for dx in extraction.docs)}
    assert len(quads) == len(set(quads))


def test_a_document_graph_holds_what_the_document_says(extraction, settings):
    graphs = _graphs(rdf_quads(extraction, settings))
    d1, d2 = document_iri(D1), document_iri(D2)
    g1 = graphs[str(d1)]
    node = ox.NamedNode(str(d1))
    a, kg_ = str(RDF.type), str(KG)
    iris = entity_iris(extraction)
    xi, macron = (ox.NamedNode(str(iris[k])) for k in (XI, MACRON))
    # the description of the document
    assert ox.Triple(node, ox.NamedNode(a), ox.NamedNode(kg_ + "Document")) in g1
    assert (
        ox.Triple(
            node, ox.NamedNode(str(DCTERMS.title)), ox.Literal("习近平会见法国总统马克龙", language="zh")
        )
        in g1
    )
    # who it mentions, and the relations it states as direct triples
    assert ox.Triple(xi, ox.NamedNode(kg_ + "mentionedIn"), node) in g1
    assert ox.Triple(xi, ox.NamedNode(kg_ + "met"), macron) in g1
    # its evidence, derived from it and from no other document
    evidence = {t.subject for t in g1 if t.predicate.value == str(PROV.wasDerivedFrom)}
    assert evidence and all(t.object == node for t in g1 if t.predicate.value == str(PROV.wasDerivedFrom))
    linked = {t.object for t in g1 if t.predicate.value == kg_ + "evidence"}
    assert linked == evidence
    # nothing of another document
    docs_named = {
        t.object.value for t in g1 if isinstance(t.object, ox.NamedNode) and "/doc/" in t.object.value
    }
    assert docs_named == {str(d1)}
    assert str(d2) not in {t.subject.value for t in g1}
    # the default graph: entities, statements, co-occurrences, but no document-level fact
    default = graphs[""]
    preds = {t.predicate.value for t in default}
    assert {kg_ + "mentions", kg_ + "weight", kg_ + "npmi", str(RDFS.label)} <= preds
    assert not preds & {kg_ + "mentionedIn", kg_ + "evidence", str(PROV.wasDerivedFrom), kg_ + "sentenceText"}
    assert ox.Triple(xi, ox.NamedNode(kg_ + "met"), macron) in default


def test_graph_queries_limit_to_a_source(extraction, settings):
    store = ox.Store()
    store.load(serialize_rdf(extraction, "trig", settings=settings), format=ox.RdfFormat.TRIG)
    met = "PREFIX kg: <https://w3id.org/kg-news/vocab#> SELECT ?g WHERE { GRAPH ?g { ?a kg:met ?b } }"
    assert [str(s["g"].value) for s in store.query(met)] == [str(document_iri(D1))]
    prefixes = (
        "PREFIX kg: <https://w3id.org/kg-news/vocab#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    )
    # one source's graph joined with the corpus-level labels of the default graph
    one = f"{prefixes} SELECT ?name WHERE {{ GRAPH <{document_iri(D2)}> {{ ?e kg:mentionedIn ?d }} ?e rdfs:label ?name }}"
    names = sorted(s["name"].value for s in store.query(one))
    assert names == sorted(e.name for e in extraction.entities if D2 in e.documents)
    # FROM NAMED: the dataset is that one graph
    named = f"{prefixes} SELECT DISTINCT ?e FROM NAMED <{document_iri(D2)}> WHERE {{ GRAPH ?g {{ ?e kg:mentionedIn ?g }} }}"
    iris = entity_iris(extraction)
    assert {s["e"].value for s in store.query(named)} == {
        str(iris[e.id]) for e in extraction.entities if D2 in e.documents
    }


# ---------------------------------------------------------------------- every format
ALL_FORMATS = tuple(EXPORT_FORMATS)


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory):
    """The sample corpus built once with every RDF format."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("sample-rdf")
    result = build([DATA / "corpus"], out, Settings(rdf_formats=ALL_FORMATS))
    return result, out


def _nt_lines(triples) -> set[str]:
    return {str(t) for t in triples}


def _rdflib_quads(path: Path, fmt: str) -> set[tuple]:
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(path, format=fmt)
    default = ds.default_graph.identifier
    return {(s, p, o, None if g == default else g) for s, p, o, g in ds.quads((None, None, None, None))}


def test_sample_export_writes_every_format(sample_export):
    result, out = sample_export
    for f in EXPORT_FORMATS.values():
        assert f.file in result.outputs
        assert (out / f.file).stat().st_size > 1000


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's parsers
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("name", ALL_FORMATS)
def test_every_format_parses_to_the_same_graph(sample_export, name):
    """rdflib and pyoxigraph read every export back as the same set of triples: the
    triples of the Turtle export, the one pyoxigraph writes and rdflib parses."""
    result, out = sample_export
    settings = Settings()
    expected = rdf_triples(result.extraction, settings)
    fmt = EXPORT_FORMATS[name]
    path = out / fmt.file
    by_ox = [q.triple for q in ox.parse(path=path, format=fmt.syntax)]
    assert _nt_lines(by_ox) == _nt_lines(expected)
    rdflib_name = {
        "turtle": "turtle",
        "ntriples": "nt",
        "jsonld": "json-ld",
        "trig": "trig",
        "nquads": "nquads",
    }[name]
    if fmt.quads:
        quads = _rdflib_quads(path, rdflib_name)
        back = {(s, p, o) for s, p, o, _g in quads}
    else:
        back = set(Graph().parse(path, format=rdflib_name))
    assert back == set(to_rdf(result.extraction, settings))


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("name", ["trig", "nquads"])
def test_quad_formats_parse_to_the_same_quads(sample_export, name):
    result, out = sample_export
    fmt = EXPORT_FORMATS[name]
    expected = rdf_quads(result.extraction, Settings())
    by_ox = list(ox.parse(path=out / fmt.file, format=fmt.syntax))
    assert {str(q) for q in by_ox} == {str(q) for q in expected}
    graphs = {q.graph_name.value for q in by_ox if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert graphs == {str(document_iri(dx.doc.id)) for dx in result.extraction.docs}
    rdflib_quads = _rdflib_quads(out / fmt.file, "trig" if name == "trig" else "nquads")
    assert {g for *_t, g in rdflib_quads} == {None, *(URIRef(g) for g in graphs)}
    assert len(rdflib_quads) == len(expected)


def test_export_bytes_are_those_of_serialize_rdf(sample_export):
    result, out = sample_export
    for name, f in EXPORT_FORMATS.items():
        assert (out / f.file).read_bytes() == serialize_rdf(result.extraction, name, settings=Settings()), (
            name
        )


_CHILD_ALL = """
import sys
sys.path[:0] = [{tests!r}, {root!r}]
from conftest import make_extraction
from kg.config import Settings
from kg.export.rdf import write_exports
write_exports(make_extraction(), sys.argv[1], Settings(rdf_formats={formats!r}))
"""


def test_every_format_is_byte_identical_across_processes(tmp_path):
    code = _CHILD_ALL.format(tests=str(TESTS), root=str(TESTS.parent), formats=ALL_FORMATS)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert sorted(outputs[0]) == sorted(f.file for f in EXPORT_FORMATS.values())
    assert outputs[0] == outputs[1]
    for name, f in EXPORT_FORMATS.items():
        assert outputs[0][f.file] == serialize_rdf(make_extraction(), name, settings=Settings())


def test_write_exports_writes_the_formats_asked_and_removes_the_others(extraction, tmp_path):
    (tmp_path / "graph.nq").write_text("stale", encoding="utf-8")
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    written = write_exports(extraction, tmp_path, Settings(rdf_formats=("trig", "turtle")))
    assert written == ["graph.ttl", "graph.trig"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig", "graph.ttl", "keep.txt"]
    assert write_exports(extraction, tmp_path, Settings()) == ["graph.ttl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "keep.txt"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("TriG, turtle", ("turtle", "trig")),
        (["nquads", "jsonld", "nquads"], ("jsonld", "nquads")),
        (("ntriples",), ("ntriples",)),
    ],
)
def test_rdf_formats_setting_is_normalised(given, expected):
    assert Settings(rdf_formats=given).rdf_formats == expected


@pytest.mark.parametrize("given", [(), "", ["ttl"], ["turtle", "rdfxml"], 3])
def test_rdf_formats_setting_rejects_unknown_names(given):
    from kg.errors import ConfigError

    with pytest.raises(ConfigError, match="rdf_formats"):
        Settings(rdf_formats=given)


def test_format_names_agree_with_the_settings():
    assert tuple(EXPORT_FORMATS) == RDF_FORMAT_NAMES
    for alias, name in [
        ("ttl", "turtle"),
        ("NT", "ntriples"),
        ("json-ld", "jsonld"),
        ("nq", "nquads"),
        ("TriG", "trig"),
    ]:
        assert format_name(alias) == name
    with pytest.raises(ValueError, match="unknown RDF format 'rdfxml'"):
        format_name("rdfxml")


# ---------------------------------------------------------------------- JSON-LD
def test_jsonld_is_compact_with_the_shipped_context(sample_export):
    _result, out = sample_export
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    shipped = json.loads((DATA / "context.jsonld").read_text(encoding="utf-8"))
    assert set(doc) == {"@context", "@graph"}
    assert doc["@context"] == shipped["@context"]
    nodes = doc["@graph"]
    keys = {k for node in nodes for k in node}
    # every property has a short term: no full or prefixed IRI as a key
    assert not [k for k in keys if ":" in k], keys
    ids = [node["@id"] for node in nodes]
    assert all(i.startswith("id:") for i in ids)
    assert len(ids) == len(set(ids))
    xi = next(node for node in nodes if node.get("label") == "习近平")
    assert xi["@type"] == ["Person", "schema:Person"] or sorted(xi["@type"]) == ["Person", "schema:Person"]
    assert isinstance(xi["mentions"], int) and xi["mentions"] >= 1
    stmt = next(node for node in nodes if "predicate" in node)
    assert stmt["predicate"] in {
        "holdsPosition",
        "locatedIn",
        "partOf",
        "visited",
        "attended",
        "proposed",
        "participatesIn",
        "cooperatesWith",
        "met",
    }
    assert stmt["subject"].startswith("id:")
    cooc = next(node for node in nodes if node.get("@type") == "Cooccurrence")
    assert isinstance(cooc["npmi"], str) and -1 <= float(cooc["npmi"]) <= 1


def test_context_has_a_term_for_every_kg_property():
    ctx = json.loads((DATA / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    iris = {}
    for term, value in ctx.items():
        iri = value if isinstance(value, str) else value["@id"]
        prefix, _, rest = iri.partition(":")
        if prefix in ctx and isinstance(ctx[prefix], str):
            iri = ctx[prefix] + rest
        iris[iri] = term
    for term in KG.__annotations__:
        assert str(KG[term]) in iris, term
        assert iris[str(KG[term])] == term  # the short term is the kg local name


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_keeps_values_its_terms_do_not_cover():
    s, p = ox.NamedNode("https://w3id.org/kg-news/id/x"), ox.NamedNode(str(RDFS.label))
    odd = [
        ox.Triple(s, p, ox.Literal("English", language="en")),  # label is @zh by default
        ox.Triple(s, p, ox.Literal("no language")),
        ox.Triple(
            s, ox.NamedNode(str(KG.mentions)), ox.Literal("007", datatype=ox.NamedNode(str(XSD.integer)))
        ),
        ox.Triple(
            s,
            ox.NamedNode(str(KG.mentions)),
            ox.Literal("99999999999999999999", datatype=ox.NamedNode(str(XSD.integer))),
        ),
        ox.Triple(s, ox.NamedNode(str(KG.count)), ox.Literal("-0", datatype=ox.NamedNode(str(XSD.integer)))),
        ox.Triple(s, ox.NamedNode(str(KG.count)), ox.Literal("-12", datatype=ox.NamedNode(str(XSD.integer)))),
        ox.Triple(s, ox.NamedNode(str(DCTERMS.date)), ox.Literal("2024年")),
        ox.Triple(s, ox.NamedNode(str(KG.evidence)), ox.Literal("not an IRI")),
        ox.Triple(s, ox.NamedNode("http://example.org/other#p"), ox.NamedNode("http://example.org/o")),
        ox.Triple(s, ox.NamedNode(str(RDF.type)), ox.NamedNode("http://example.org/Class")),
        ox.Triple(
            ox.BlankNode("b1"),
            ox.NamedNode(str(KG.weight)),
            ox.Literal("1.5", datatype=ox.NamedNode(str(XSD.decimal))),
        ),
    ]
    data = serialize_rdf(odd, "jsonld")
    parsed = [q.triple for q in ox.parse(data, format=ox.RdfFormat.JSON_LD)]
    named = [t for t in parsed if not isinstance(t.subject, ox.BlankNode)]
    assert _nt_lines(named) == _nt_lines(odd[:-1])
    (blank,) = [t for t in parsed if isinstance(t.subject, ox.BlankNode)]  # blank node ids are renamed
    assert (blank.predicate, blank.object) == (odd[-1].predicate, odd[-1].object)
    back = Graph().parse(data=data, format="json-ld")
    assert len(back) == len(odd)
    assert (URIRef(s.value), RDFS.label, Literal("English", lang="en")) in back
    assert (URIRef(s.value), KG.mentions, Literal("007", datatype=XSD.integer)) in back
    assert (URIRef(s.value), DCTERMS.date, Literal("2024年")) in back


# ---------------------------------------------------------------------- the ontology
OWL = "http://www.w3.org/2002/07/owl#"
_DECLARED = {
    OWL + "Class",
    OWL + "ObjectProperty",
    OWL + "DatatypeProperty",
    OWL + "AnnotationProperty",
    str(RDF.Property),
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(DATA / "ontology.ttl", format="turtle")


def _declared(ontology: Graph) -> set[str]:
    return {
        str(s) for s, o in ontology.subject_objects(RDF.type) if str(o) in _DECLARED and isinstance(s, URIRef)
    }


def test_ontology_parses_in_both_libraries(ontology):
    assert len(ontology) > 300
    by_ox = list(ox.parse(path=DATA / "ontology.ttl", format=ox.RdfFormat.TURTLE))
    assert len(by_ox) == len(ontology)
    header = URIRef("https://w3id.org/kg-news/vocab")
    assert (header, RDF.type, URIRef(OWL + "Ontology")) in ontology
    assert ontology.value(header, URIRef(OWL + "versionInfo")) is not None


def test_ontology_declares_every_kg_term_with_labels_and_a_comment(ontology):
    for term in KG.__annotations__:
        iri = KG[term]
        assert str(iri) in _declared(ontology), term
        labels = {lit.language for lit in ontology.objects(iri, RDFS.label)}
        assert {"zh", "en"} <= labels, term
        comments = {lit.language for lit in ontology.objects(iri, RDFS.comment)}
        assert "en" in comments, term
        assert ontology.value(iri, RDFS.isDefinedBy) == URIRef("https://w3id.org/kg-news/vocab"), term


def test_ontology_declares_no_kg_term_the_code_lacks(ontology):
    ours = {s for s in _declared(ontology) if s.startswith(str(KG))}
    assert ours == {str(KG[t]) for t in KG.__annotations__}
    used = {str(t) for t in ontology.all_nodes() if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    assert used <= ours  # no undeclared kg: term is even mentioned


def test_ontology_declares_every_term_the_export_uses(sample_export, ontology):
    result, _out = sample_export
    g = to_rdf(result.extraction, Settings())
    declared = _declared(ontology)
    assert {str(p) for p in g.predicates()} - {str(RDF.type)} <= declared
    assert {str(c) for c in g.objects(None, RDF.type)} <= declared


@pytest.mark.parametrize(
    ("entity_type", "schema_class"),
    [
        ("Person", SDO.Person),
        ("Place", SDO.Place),
        ("Organization", SDO.Organization),
        ("Enterprise", SDO.Corporation),
        ("Event", SDO.Event),
    ],
)
def test_ontology_aligns_classes_with_schema_org(ontology, entity_type, schema_class):
    assert (KG[entity_type], RDFS.subClassOf, schema_class) in ontology
    assert SCHEMA_CLASS[entity_type] == schema_class  # the export asserts the same class


def test_ontology_alignments(ontology):
    assert (KG.Evidence, RDFS.subClassOf, PROV.Entity) in ontology
    assert (KG.RelationStatement, RDFS.subClassOf, RDF.Statement) in ontology
    assert (KG.partOf, RDFS.subPropertyOf, SDO.containedInPlace) in ontology
    assert (KG.locatedIn, RDFS.subPropertyOf, SDO.location) in ontology
    for symmetric in (KG.met, KG.cooperatesWith):
        assert (symmetric, RDF.type, URIRef(OWL + "SymmetricProperty")) in ontology


def _classes(ontology: Graph, node) -> set[str]:
    """A class or an owl:unionOf of classes, as local names."""
    from rdflib.collection import Collection

    union = ontology.value(node, URIRef(OWL + "unionOf"))
    members = list(Collection(ontology, union)) if union is not None else [node]
    return {str(m).rsplit("#", 1)[-1] for m in members}


def test_relation_domains_and_ranges_allow_what_the_rules_find(ontology):
    """Every head and tail type data/rules/relations.toml allows is in the domain and
    range the ontology gives the relation (reverse rules swap them; symmetric relations
    may store either way round)."""
    import tomllib

    from kg.model import SYMMETRIC

    rules = tomllib.loads((DATA / "rules" / "relations.toml").read_text(encoding="utf-8"))["rule"]
    for rule in rules:
        prop = RELATION_PROPERTY[rule["relation"]]
        heads, tails = set(rule["head"]), set(rule["tail"])
        if rule.get("reverse"):
            heads, tails = tails, heads
        if rule["relation"] in SYMMETRIC:
            heads = tails = heads | tails
        domain, rng = ontology.value(prop, RDFS.domain), ontology.value(prop, RDFS.range)
        assert heads <= _classes(ontology, domain), (rule["id"], heads)
        assert tails <= _classes(ontology, rng), (rule["id"], tails)


# ---------------------------------------------------------------------- the text writer
# kg.export.rdf.text writes the lines directly; kg.export.rdf._reference is the writer it replaced (a
# pyoxigraph term per term, sorted by str(), pyoxigraph's serialisers). Same bytes.

#: Every character an escaper can get wrong: quotes, backslashes, each named escape,
#: other controls, DEL, the line and paragraph separators, a BOM, the two noncharacters
#: N-Triples escapes, an astral character, markup, and the syntax of the formats.
HOSTILE = (
    '"quoted" \\back\\slash\\u0041 \n\r\t\b\f \x00\x01\x0b\x1f\x7f \u2028\u2029\ufeff\ufffe\uffff \U0001f600 '
    '<script>alert(1)</script> </script> & @zh ^^<x> """ \' ; , . # % {}'
)


def hostile_extraction(text_: str = HOSTILE):
    """The fixture with ``text_`` in every place text reaches the export: a name, an
    alias, a document id, title, source, path and date, a sentence, a rule."""
    ex = make_extraction()
    hostile_doc = f"hostile {text_}"
    doc = dataclasses.replace(
        ex.docs[0].doc, id=hostile_doc, title=text_, source=text_, path=f"dir/{text_}.txt", date=f" {text_} "
    )
    dx = dataclasses.replace(ex.docs[0], doc=doc)
    e = Evidence(hostile_doc, 0, 0, len(text_), text_, text_)
    org = Entity("Organization:hostile", "Organization", text_, (f"{text_}别名", text_), 2, (hostile_doc, D3))
    place = Entity(
        "Place:hostile",
        "Place",
        f"{text_}村",
        (),
        1,
        (hostile_doc,),
        (("lat", "-0.5"), ("lon", "1E+2"), ("parent", "cn:140700")),
    )
    return dataclasses.replace(
        ex,
        docs=(*ex.docs, dx),
        entities=(*ex.entities, org, place),
        relations=(*ex.relations, Relation(org.id, "located_in", place.id, (e,))),
        cooccurrences=(
            *ex.cooccurrences,
            Cooccurrence(org.id, place.id, 1, 1, 1e-9, float("nan"), (e,)),
            Cooccurrence(XI, org.id, 3, 2, 1.5e-06, -0.0, (e, *ex.cooccurrences[0].evidence)),
        ),
    )


@pytest.mark.parametrize("max_evidence", [1, 20])
@pytest.mark.parametrize("name", ALL_FORMATS)
def test_text_writer_gives_the_bytes_of_the_old_writer(name, max_evidence):
    settings = Settings(max_evidence=max_evidence)
    for ex in (make_extraction(), hostile_extraction()):
        assert serialize_rdf(ex, name, settings=settings) == _reference.reference_bytes(ex, name, settings), (
            name
        )
    if name in ("ntriples", "nquads", "turtle", "trig"):  # the hostile text is there, escaped
        data = serialize_rdf(hostile_extraction(), name, settings=settings).decode()
        assert '\\"quoted\\" \\\\back\\\\slash\\\\u0041 \\n\\r\\t\\b\\f \\u0000\\u0001\\u000B' in data
        assert "\\u007F \u2028\u2029\ufeff\\uFFFE\\uFFFF \U0001f600 <script>" in data


@hyp_settings(max_examples=40, deadline=None)
@given(text_=_TEXT)
def test_text_writer_matches_the_old_writer_on_any_text(text_):
    ex = hostile_extraction(text_)
    for name in ("turtle", "trig", "jsonld"):
        assert serialize_rdf(ex, name) == _reference.reference_bytes(ex, name), name


def test_literal_escaping_is_pyoxigraphs_for_every_character():
    """All of Unicode but surrogates, in one literal: the text escaping is the canonical
    N-Triples form pyoxigraph writes, and reads back as the same text."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert terms.quoted(every) == str(ox.Literal(every))
    assert terms.zh(every) == str(ox.Literal(every, language="zh"))
    assert terms.nt_term(terms.quoted(every))[1] == every
    escaped = terms.quoted("".join(map(chr, range(0x80))) + "\u2028\ufffe\uffff")
    assert "\\u0000" in escaped and "\\u007F" in escaped and "\\uFFFE" in escaped and "\\uFFFF" in escaped
    assert "\\n" in escaped and '\\"' in escaped and "\\\\" in escaped and "\u2028" in escaped


def test_turtle_forms_of_the_vocabulary_are_pyoxigraphs():
    s = ox.NamedNode(str(ID) + "x")
    for nt, short in terms.TURTLE_IRI.items():
        node = ox.NamedNode(nt[1:-1])
        data = ox.serialize([ox.Triple(s, node, node)], format=ox.RdfFormat.TURTLE, prefixes=_OX_PREFIXES)
        expected = "a" if short == "a" else short
        assert data.decode().splitlines()[-1] == f"<{s.value}> {terms.TURTLE_PREDICATE[nt]} {expected} .", nt
    header = ox.serialize([ox.Triple(s, s, s)], format=ox.RdfFormat.TURTLE, prefixes=_OX_PREFIXES).decode()
    assert header.startswith(terms.TURTLE_HEADER)


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [
        ("3", "integer"),
        ("-0", "integer"),
        ("+7", "integer"),
        ("007", "integer"),
        ("x", "integer"),
        ("1.5", "decimal"),
        ("-.5", "decimal"),
        ("1", "decimal"),
        ("1.", "decimal"),
        ("1e-06", "double"),
        ("0.5", "double"),
        ("-1.5E+16", "double"),
        (".5e1", "double"),
        ("1.e5", "double"),
        ("NaN", "double"),
        ("true", "boolean"),
        ("0", "boolean"),
        ("2024-01-05", "date"),
    ],
)
def test_turtle_form_of_typed_literals_is_pyoxigraphs(lexical, datatype):
    s = ox.NamedNode(str(ID) + "x")
    lit = ox.Literal(lexical, datatype=ox.NamedNode(str(XSD) + datatype))
    data = ox.serialize([ox.Triple(s, s, lit)], format=ox.RdfFormat.TURTLE, prefixes=_OX_PREFIXES).decode()
    assert data.splitlines()[-1] == f"<{s.value}> <{s.value}> {terms.turtle_object(str(lit))} ."


@pytest.mark.parametrize(("triples_name", "quads_name"), [("ntriples", "turtle"), ("nquads", "trig")])
def test_turtle_and_trig_are_pyoxigraphs_writing_of_the_same_lines(triples_name, quads_name):
    """Independent of the old writer: pyoxigraph, given the N-Triples (N-Quads) text of
    the new writer, writes the new writer's Turtle (TriG) byte for byte."""
    for ex in (make_extraction(), hostile_extraction()):
        lines = serialize_rdf(ex, triples_name)
        fmt = EXPORT_FORMATS[triples_name].syntax
        items = list(ox.parse(lines, format=fmt))
        if triples_name == "ntriples":
            items = [q.triple for q in items]
        again = ox.serialize(items, format=EXPORT_FORMATS[quads_name].syntax, prefixes=_OX_PREFIXES)
        assert serialize_rdf(ex, quads_name) == again


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("name", ALL_FORMATS)
def test_hostile_text_round_trips_through_every_format(name, tmp_path):
    """rdflib and pyoxigraph read each format back as the graph rdf_triples gives; the
    quad formats also keep the graph of each document."""
    ex = hostile_extraction()
    fmt = EXPORT_FORMATS[name]
    path = tmp_path / fmt.file
    write_rdf(ex, path, name, settings=Settings())
    by_ox = list(ox.parse(path=path, format=fmt.syntax))
    assert _nt_lines(q.triple for q in by_ox) == _nt_lines(rdf_triples(ex, Settings()))
    if fmt.quads:
        assert {str(q) for q in by_ox} == {str(q) for q in rdf_quads(ex, Settings())}
    rdflib_name = {
        "turtle": "turtle",
        "ntriples": "nt",
        "jsonld": "json-ld",
        "trig": "trig",
        "nquads": "nquads",
    }
    if fmt.quads:
        back = {(s, p, o) for s, p, o, _g in _rdflib_quads(path, rdflib_name[name])}
    else:
        back = set(Graph().parse(path, format=rdflib_name[name]))
    assert back == set(to_rdf(ex, Settings()))
    assert isomorphic(Graph().parse(data=serialize_rdf(ex, "nt"), format="nt"), to_rdf(ex, Settings()))


def test_statements_are_made_once_for_every_format(tmp_path):
    """write_exports makes the statements once (with the documents' graphs) and every
    file is what serialize_rdf gives for its format alone."""
    ex = hostile_extraction()
    settings = Settings(rdf_formats=ALL_FORMATS)
    write_exports(ex, tmp_path, settings)
    for name, f in EXPORT_FORMATS.items():
        assert (tmp_path / f.file).read_bytes() == serialize_rdf(ex, name, settings=settings), name


def test_hostile_text_is_byte_identical_across_processes(tmp_path):
    code = (
        f"import sys; sys.path[:0] = [{str(TESTS)!r}, {str(REPO)!r}]\n"
        "from test_rdf import hostile_extraction\n"
        "from kg.config import Settings\nfrom kg.export.rdf import write_exports\n"
        f"write_exports(hostile_extraction(), sys.argv[1], Settings(rdf_formats={ALL_FORMATS!r}))\n"
    )
    outputs = []
    for seed in ("3", "4"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-c", code, str(out)], check=True, env={**os.environ, "PYTHONHASHSEED": seed}
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(EXPORT_FORMATS)


def tangled_extraction(tie: bool = True):
    """The fixture with everything the record writers (kg.export.rdf.corpus) must merge or
    choose: a document, an entity, a relation and a co-occurrence listed twice (a subject
    described twice); evidence lists out of order, with repeats, and longer than the
    limit; an entity without documents and with coordinates that are no number; relations
    from an entity. With ``tie``, two sentences at one place under one rule, met first in
    the order that sorts last: the one first in the canonical order (by text) describes
    the node, where the old writer let hashing choose."""
    ex = make_extraction()
    xi = ex.entity(XI)
    doubled = dataclasses.replace(xi, aliases=(*xi.aliases, "别名", *xi.aliases), documents=(D2, *xi.documents) * 2)
    later = Evidence(D1, 0, 0, 5 if tie else 6, "第二句", "r")
    first = Evidence(D1, 0, 0, 5, "第一句", "r")  # the same place and rule: sorts before ``later``
    many = tuple(Evidence(D2, i, i * 10, i * 10 + 5, f"第{i}句", "many") for i in range(25, 0, -1))
    lone = Entity("Place:lone", "Place", "无名地", (), 0, (), (("lat", "x"), ("lon", "1.5")))
    return dataclasses.replace(
        ex,
        docs=ex.docs * 2,
        entities=(*(doubled if e.id == XI else e for e in ex.entities), lone),
        relations=(
            *ex.relations * 2,
            Relation(XI, "visited", BEIJING, (later, *many, first, later)),
            Relation(MACRON, "met", XI, many[::-1]),
        ),
        cooccurrences=(
            Cooccurrence(XI, BEIJING, 3, 1, 0.1, 0.2, (later, first)),
            *ex.cooccurrences * 2,
            Cooccurrence(XI, lone.id, 30, 2, 1e-7, None, (*many, later, *many)),
            Cooccurrence(MACRON, lone.id, 1, 1, float("inf"), 0.0, ()),
        ),
    )


@pytest.mark.parametrize("max_evidence", [1, 2, 20])
def test_records_merged_and_chosen_give_the_bytes_of_the_old_writer(max_evidence):
    settings = Settings(max_evidence=max_evidence)
    ex = tangled_extraction(tie=False)
    for name in ALL_FORMATS:
        assert serialize_rdf(ex, name, settings=settings) == _reference.reference_bytes(ex, name, settings), name
    # Subjects described twice: the Turtle-only build falls back to records, whose lines merge.
    assert not text.build(ex, settings, turtle=True).rendered
    assert text.build(make_extraction(), settings, turtle=True).rendered


@pytest.mark.parametrize("max_evidence", [1, 20])
def test_two_sentences_at_one_place_describe_it_by_the_first_text_whatever_the_lists_order(max_evidence):
    settings = Settings(max_evidence=max_evidence)
    ex = tangled_extraction()
    reverse = dataclasses.replace(
        ex,
        relations=tuple(dataclasses.replace(r, evidence=r.evidence[::-1]) for r in ex.relations),
        cooccurrences=tuple(dataclasses.replace(c, evidence=c.evidence[::-1]) for c in ex.cooccurrences),
    )
    for name in ALL_FORMATS:
        data = serialize_rdf(ex, name, settings=settings)
        assert data == serialize_rdf(reverse, name, settings=settings), name
        assert "第一句".encode() in data and "第二句".encode() not in data, name


def test_statements_made_as_turtle_text_refuse_other_syntaxes():
    st = text.build(make_extraction(), Settings(), turtle=True)
    assert st.rendered and any(v.__class__ is str for _s, v in st.nodes())
    with pytest.raises(ValueError, match="Turtle text"):
        st.graph()
    with pytest.raises(ValueError, match="cannot be written as ntriples"):
        list(writer.chunks(st, "ntriples"))
    assert "".join(writer.chunks(st, "turtle")).encode() == serialize_rdf(make_extraction(), "turtle")


def test_a_shape_whose_fixed_order_is_not_sorted_is_refused():
    from kg.export.rdf import shapes

    shapes._in_order(terms.KG_COUNT, terms.KG_PMI)
    with pytest.raises(RuntimeError, match="not sorted"):
        shapes._in_order(terms.KG_PMI, terms.KG_COUNT)


def test_evidence_at_one_place_is_ordered_by_text_whatever_the_input_order():
    a = Evidence(D1, 0, 0, 5, "第一句", "r")
    b = Evidence(D1, 0, 0, 5, "第二句", "r")  # the same place and rule, another text
    c = Evidence(D1, 1, 6, 9, "第三句", "r")
    assert text._first_evidence((b, c, a, b), 20) == text._first_evidence((c, a, b), 20) == [a, b, c]
    assert text._first_evidence((c, b, a), 2) == [a, b]


def test_a_lone_surrogate_is_one_clear_error_and_leaves_no_file(tmp_path):
    ex = hostile_extraction()
    xi = ex.entity(XI)
    bad = dataclasses.replace(
        ex,
        entities=tuple(dataclasses.replace(e, aliases=("习\ud800",)) if e is xi else e for e in ex.entities),
    )
    for name in ("turtle", "nquads"):
        path = tmp_path / f"graph.{name}"
        with pytest.raises(ValueError, match=r"U\+D800, a lone surrogate") as err:
            write_rdf(bad, path, name)
        assert "\n" not in str(err.value) and "altLabel" in str(err.value)
        assert not path.exists()


def test_statements_in_canonical_order_without_duplicates():
    ex = make_extraction()
    xi = ex.entity(XI)
    doubled = dataclasses.replace(xi, aliases=xi.aliases * 2, documents=xi.documents * 2)
    ex = dataclasses.replace(
        ex,
        entities=tuple(doubled if e.id == XI else e for e in ex.entities),
        cooccurrences=ex.cooccurrences * 2,
        relations=ex.relations * 2,
    )
    st = text.build(ex, Settings(), by_document=True)
    for name in (None, "", *st.graphs):
        graph = st.graph(name)
        subjects = [s for s, _lines in graph]
        assert subjects == sorted(set(subjects))
        for _s, lines in graph:
            assert lines == sorted(set(lines))
    full = [f"{s} {line}" for s, lines in st.graph() for line in lines]
    assert full == sorted(full) == [str(t_) for t_ in _reference.reference_triples(ex, Settings())]


def test_iri_segments_are_percent_encoded_as_urllib_does():
    from kg.export.rdf.vocab import _enc

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert _enc(every) == quote(every, safe="")
    # text without any unreserved character is one run: every character encoded
    reserved = "".join(c for c in every if quote(c, safe="") != c)
    for text_ in (reserved, reserved[::-1], "习近平", "张 三/", "%", "😀\x00", ""):
        assert _enc(text_) == quote(text_, safe=""), text_[:20]
    assert _enc("张 三/..") == "%E5%BC%A0%20%E4%B8%89%2F.."
    assert _enc("..") == "%2E%2E"


def test_turtle_made_at_once_gives_the_records_bytes_for_every_score_and_evidence():
    """The Turtle-only build writes co-occurrences and evidence as text at once
    (kg.export.rdf.corpus): the bytes of the records' Turtle and of the old writer, for
    scores missing, infinite, not a number, zeros of both signs and tiny, and evidence
    with and without a rule, one or many, shared with relations."""
    ex = make_extraction()
    odd = Evidence(D1, 0, 0, 5, '第一句"引号"\\\n', "")
    scores = [None, float("nan"), float("inf"), -0.0, 0.0, 1e-5, -0.0, 0.5, 0.0, 1e-7]
    extra = tuple(
        Cooccurrence(e.id, f"Z:{i}", i + 1, 1, scores[i % len(scores)], scores[(i + 4) % len(scores)], evidence)
        for i, (e, evidence) in enumerate(
            zip(ex.entities, [(odd,), (), ex.relations[0].evidence, (odd, *ex.relations[3].evidence)] * 3)
        )
    )
    ex = dataclasses.replace(
        ex,
        entities=(*ex.entities, *(Entity(f"Z:{i}", "Person", f"某{i}") for i in range(len(extra)))),
        cooccurrences=(*ex.cooccurrences, *extra),
    )
    st = text.build(ex, Settings(), turtle=True)
    assert st.rendered
    turtle = "".join(writer.chunks(st, "turtle")).encode()
    assert turtle == serialize_rdf(ex, "turtle") == _reference.reference_bytes(ex, "turtle")
    records = text.build(ex, Settings())
    assert not records.rendered and "".join(writer.chunks(records, "turtle")).encode() == turtle
    assert b'"-0.0"^^xsd:double' in turtle and b'"0.0"^^xsd:double' in turtle and b"kg:pmi 1e-05" in turtle


def test_the_iris_given_are_the_iris_made(extraction, tmp_path):
    from kg.export.rdf.vocab import _entity_iri_strs

    settings = Settings(rdf_formats=ALL_FORMATS)
    write_exports(extraction, tmp_path / "a", settings)
    write_exports(extraction, tmp_path / "b", settings, iris=_entity_iri_strs(extraction))
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(files) == len(EXPORT_FORMATS)
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
