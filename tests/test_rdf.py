"""Tests of kg.rdf: the closed vocabulary, the triples and the Turtle (and other) export."""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import D1, D3, EVIL, MACRON, XI, make_extraction
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SDO

import kg.rdf
from kg.config import Settings
from kg.model import ENTITY_TYPES, Entity
from kg.rdf import (
    GEO,
    ID,
    KG,
    RDF_FORMATS,
    RELATION_PROPERTY,
    document_iri,
    entity_iri,
    entity_iris,
    rdf_triples,
    serialize_rdf,
    to_rdf,
    write_rdf,
)

TESTS = Path(__file__).resolve().parent


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


@pytest.mark.parametrize(
    "name",
    ["a b", "<x>", 'say "hi"', "#1", EVIL, '北京 <大学> "#"', "%41", "a/b?c=d&e"],
)
def test_entity_iri_is_valid_for_any_name(name):
    iri = entity_iri(Entity("id", "Organization", name))
    local = str(iri).rsplit("/", 1)[1]
    for bad in ' <>"#{}|\\^`/?&':
        assert bad not in local
    g = Graph()
    g.add((iri, RDFS.label, Literal(name)))
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert back.value(iri, RDFS.label) == Literal(name)


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
    doc = kg.rdf.__doc__
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
from kg.rdf import to_rdf, write_rdf
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
from kg.rdf import write_rdf
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
        dataclasses.replace(r, evidence=tuple(dataclasses.replace(e, rule=rule) for e in r.evidence))
        for r in extraction.relations
    )
    ex = dataclasses.replace(extraction, entities=(*extraction.entities, org), docs=docs, relations=relations)
    expected = to_rdf(ex, settings)
    for fmt in ("turtle", "nt"):
        back = Graph().parse(data=serialize_rdf(ex, fmt, settings=settings), format=fmt)
        assert set(back) == set(expected)
    parsed = set(ox_triples(serialize_rdf(ex, settings=settings)))
    assert parsed == set(rdf_triples(ex, settings))


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
