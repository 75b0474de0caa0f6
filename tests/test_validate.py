"""Tests of kg.sparql.validate: SHACL validation of the RDF export against data/shapes.ttl."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BEIJING, D1, XI, make_extraction
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.config import Settings
from kg.errors import InputError
from kg.export.rdf import GEO, KG, document_iri, entity_iris, serialize_rdf, to_rdf, write_rdf
from kg.resources import default_data_dir
from kg.sparql.validate import (
    EXPORT_FILES,
    MISSING_DIRECT,
    Report,
    Violation,
    find_export,
    load_export,
    report_lines,
    shapes_graph,
    short,
    validate_export,
    validate_graph,
)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    """The sample corpus built once, with a Turtle and an N-Quads export."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("sample-validate")
    build([default_data_dir() / "corpus"], out, Settings(rdf_formats=("turtle", "nquads")))
    return out


@pytest.fixture
def graph() -> Graph:
    return to_rdf(make_extraction(), Settings())


def _iri(eid: str) -> URIRef:
    return entity_iris(make_extraction())[eid]


@pytest.fixture(scope="module")
def sample_report(sample_out) -> Report:
    return validate_export(sample_out)


def test_the_sample_export_conforms(sample_out, sample_report):
    # 新华通讯社 is only ever credited (新华社…电) in the sample: it stays an entity of the
    # documents crediting it, with 0 mentions, and the shapes accept it
    g = Graph().parse(sample_out / "graph.ttl", format="turtle")
    (xinhua,) = g.subjects(SKOS.prefLabel, Literal("新华通讯社", lang="zh"))
    assert g.value(xinhua, KG.mentions).toPython() == 0
    assert len(set(g.objects(xinhua, KG.mentionedIn))) == 3
    assert sample_report.source == str(sample_out / "graph.ttl")
    assert sample_report.conforms, report_lines(sample_report)
    assert sample_report.violations == ()
    assert sample_report.triples > 10_000


def test_the_quad_export_conforms_as_the_union_of_its_graphs(sample_out, sample_report):
    report = validate_export(sample_out / "graph.nq")
    assert report.conforms, report_lines(report)
    assert report.triples == sample_report.triples


def test_the_fixture_graph_conforms(graph):
    report = validate_graph(graph)
    assert report.conforms, report_lines(report)


def _statement(g: Graph, prop: URIRef) -> URIRef:
    (stmt,) = g.subjects(RDF.predicate, prop)
    return stmt


def _cooc(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, KG.Cooccurrence))


def _evidence(g: Graph) -> URIRef:
    return min(g.subjects(RDF.type, KG.Evidence))


def _no_evidence(g):
    stmt = _statement(g, KG.met)
    g.remove((stmt, KG.evidence, None))
    return stmt


def _bad_adcode(g):
    g.set((_iri(BEIJING), KG.adcode, Literal("11000")))
    return _iri(BEIJING)


def _adcode_with_letters(g):
    g.set((_iri(BEIJING), KG.adcode, Literal("11000x")))
    return _iri(BEIJING)


def _no_label(g):
    g.remove((_iri(XI), RDFS.label, None))
    return _iri(XI)


def _english_label(g):
    g.set((_iri(XI), RDFS.label, Literal("Xi Jinping", lang="en")))
    return _iri(XI)


def _two_pref_labels(g):
    g.add((_iri(XI), SKOS.prefLabel, Literal("习主席", lang="zh")))
    return _iri(XI)


def _negative_mentions(g):
    g.set((_iri(XI), KG.mentions, Literal(-1)))
    return _iri(XI)


def _mentions_as_string(g):
    g.set((_iri(XI), KG.mentions, Literal("3")))
    return _iri(XI)


def _latitude_out_of_range(g):
    g.set((_iri(BEIJING), GEO.lat, Literal("95.5", datatype=XSD.decimal)))
    return _iri(BEIJING)


def _adcode_on_a_person(g):
    g.add((_iri(XI), KG.adcode, Literal("110000")))
    return _iri(XI)


def _npmi_above_one(g):
    node = _cooc(g)
    g.set((node, KG.npmi, Literal("1.5", datatype=XSD.double)))
    return node


def _same_entity_twice(g):
    node = _cooc(g)
    g.set((node, KG.entityB, g.value(node, KG.entityA)))
    return node


def _more_documents_than_sentences(g):
    node = _cooc(g)
    g.set((node, KG.documentCount, Literal(99)))
    return node


def _start_after_end(g):
    ev = _evidence(g)
    g.set((ev, KG.start, Literal(500)))
    return ev


def _evidence_without_document(g):
    ev = _evidence(g)
    g.remove((ev, PROV.wasDerivedFrom, None))
    return ev


def _document_without_id(g):
    d = document_iri(D1)
    g.remove((d, DCTERMS.identifier, None))
    return d


def _weight_zero(g):
    stmt = _statement(g, KG.met)
    g.set((stmt, KG.weight, Literal(0)))
    return stmt


def _not_a_relation(g):
    stmt = _statement(g, KG.met)
    g.set((stmt, RDF.predicate, RDFS.seeAlso))
    g.add((g.value(stmt, RDF.subject), RDFS.seeAlso, g.value(stmt, RDF.object)))
    return stmt


def _direct_triple_missing(g):
    stmt = _statement(g, KG.met)
    g.remove((g.value(stmt, RDF.subject), KG.met, g.value(stmt, RDF.object)))
    return stmt


BROKEN = [
    (_no_evidence, "at least one kg:evidence"),
    (_bad_adcode, "six digits"),
    (_adcode_with_letters, "six digits"),
    (_no_label, "exactly one non-empty rdfs:label"),
    (_english_label, "rdfs:label in Chinese"),
    (_two_pref_labels, "exactly one skos:prefLabel"),
    (_negative_mentions, "at least 0"),
    (_mentions_as_string, "kg:mentions, an xsd:integer"),
    (_latitude_out_of_range, "geo:lat"),
    (_adcode_on_a_person, "only a kg:Place"),
    (_npmi_above_one, "from -1 to 1"),
    (_same_entity_twice, "another entity than its kg:entityB"),
    (_more_documents_than_sentences, "from 1 to its kg:count"),
    (_start_after_end, "below kg:end"),
    (_evidence_without_document, "exactly one kg:Document"),
    (_document_without_id, "dcterms:identifier"),
    (_weight_zero, "kg:weight"),
    (_not_a_relation, "nine kg relation properties"),
    (_direct_triple_missing, MISSING_DIRECT),
]


@pytest.mark.parametrize(("breakage", "message"), BROKEN, ids=[b.__name__.strip("_") for b, _m in BROKEN])
def test_a_broken_graph_does_not_conform(graph, breakage, message):
    focus = breakage(graph)
    report = validate_graph(graph, source="broken.ttl")
    assert not report.conforms
    hits = [v for v in report.violations if message in v.message]
    assert hits, [v.message for v in report.violations]
    assert str(focus) in {v.focus for v in hits}
    # one breakage, one kind of complaint (a label missing from rdfs:label also fails sh:equals)
    assert {v.focus for v in report.violations} == {str(focus)}


def test_violations_name_the_shape_path_and_value(graph):
    _bad_adcode(graph)
    (v,) = validate_graph(graph).violations
    assert v == Violation(
        focus=str(_iri(BEIJING)),
        path=str(KG.adcode),
        message="an adcode is six digits (GB/T 2260), one per place",
        value='"11000"',
        severity="Violation",
        shape="https://w3id.org/kg-news/shapes#PlaceShape",
    )


def test_report_lines_are_readable_capped_and_deterministic(graph):
    for breakage in (_bad_adcode, _negative_mentions, _npmi_above_one, _no_evidence, _direct_triple_missing):
        breakage(graph)
    report = validate_graph(graph, source="out/graph.ttl")
    assert len(report.violations) == 5
    lines = report_lines(report, limit=3)
    assert lines[0] == f"out/graph.ttl: does not conform: 5 results ({len(graph):,} triples)"
    assert len(lines) == 5 and lines[-1] == "  … and 2 more"
    assert report_lines(validate_graph(graph, source="out/graph.ttl"), limit=3) == lines
    full = "\n".join(report_lines(report))
    assert (
        'id:place/cn-110000  kg:adcode: an adcode is six digits (GB/T 2260), one per place  ["11000"]' in full
    )
    assert "id:person/%E4%B9%A0%E8%BF%91%E5%B9%B3 (习近平)  kg:mentions:" in full
    assert '["-1"^^xsd:integer]' in full
    assert report_lines(Report("x.ttl", 7, True)) == ["x.ttl: conforms (7 triples)"]


def test_short_names():
    assert short(str(KG.adcode)) == "kg:adcode"
    assert short(str(RDFS.label)) == "rdfs:label"
    assert short("http://example.org/x") == "http://example.org/x"
    assert (
        short("https://w3id.org/kg-news/id/doc/evil%20doc%20%233") == "id:doc/evil%20doc%20%233 (evil doc #3)"
    )


def test_rdfs_inference_with_the_ontology(graph):
    report = validate_graph(graph, inference="rdfs")
    assert report.conforms, report_lines(report)
    _bad_adcode(graph)
    assert not validate_graph(graph, inference="rdfs").conforms
    with pytest.raises(ValueError, match="inference"):
        validate_graph(graph, inference="owl")


def test_the_shapes_cover_every_class_of_the_export():
    from rdflib import Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    targets = set(shapes_graph().objects(None, sh.targetClass))
    for cls in ("Person", "Place", "Organization", "Enterprise", "Initiative", "Event"):
        assert KG[cls] in targets
    assert {KG.RelationStatement, KG.Evidence, KG.Cooccurrence, KG.Document} <= targets


# ---------------------------------------------------------------------- finding and reading
def test_find_export_prefers_turtle_then_the_others(tmp_path):
    with pytest.raises(InputError, match="no RDF export"):
        find_export(tmp_path)
    for name in reversed(EXPORT_FILES):
        (tmp_path / name).write_text("", encoding="utf-8")
        assert find_export(tmp_path) == tmp_path / name
    assert find_export(tmp_path / "graph.nq") == tmp_path / "graph.nq"
    with pytest.raises(InputError, match="no such file or directory"):
        find_export(tmp_path / "missing")


def test_an_empty_directory_is_a_one_line_error(tmp_path):
    with pytest.raises(InputError) as err:
        validate_export(tmp_path)
    message = str(err.value)
    assert message.startswith(f"{tmp_path}: no RDF export here")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("graph.ttl", "<a> <b> .\n", "not valid Turtle"),
        ("graph.nt", "<http://x/a> <http://x/b> <http://x/c>\n", "not valid N-Triples"),
        ("graph.jsonld", '{"@graph": [', "not valid JSON-LD"),
        ("graph.rdf", "<rdf:RDF/>", "not an RDF export"),
    ],
)
def test_a_malformed_export_is_a_one_line_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        validate_export(path)
    assert str(err.value).startswith(f"{path}: {reason}")
    assert "\n" not in str(err.value)


def test_load_export_reads_every_format_as_the_same_graph(tmp_path):
    ex, settings = make_extraction(), Settings()
    expected = set(to_rdf(ex, settings))
    for name, suffix in [
        ("turtle", "ttl"),
        ("ntriples", "nt"),
        ("jsonld", "jsonld"),
        ("trig", "trig"),
        ("nquads", "nq"),
    ]:
        path = tmp_path / f"graph.{suffix}"
        write_rdf(ex, path, name, settings=settings)
        assert set(load_export(path)) == expected, name


def test_a_broken_export_file_does_not_conform(tmp_path, graph):
    _no_evidence(graph)
    path = tmp_path / "graph.ttl"
    path.write_bytes(serialize_rdf(graph))
    report = validate_export(tmp_path)
    assert not report.conforms
    assert [v.message for v in report.violations] == [
        "a statement has at least one kg:evidence, a kg:Evidence node"
    ]
