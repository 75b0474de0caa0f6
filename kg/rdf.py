"""The kg vocabulary and the RDF (Turtle) export.

Namespaces
----------

- ``kg:`` ``https://w3id.org/kg-news/vocab#``: our classes and properties (``KG``)
- ``https://w3id.org/kg-news/id/`` (``ID``, no prefix bound): resources: entities,
  documents, statements, evidence, co-occurrences
- ``schema:`` (``https://schema.org/``) for class alignment, ``skos:`` for labels,
  ``prov:`` for ``wasDerivedFrom``, ``dcterms:`` for document metadata, ``geo:``
  (``http://www.w3.org/2003/01/geo/wgs84_pos#``) for ``lat``/``long``; ``xsd:``,
  ``rdfs:`` and ``rdf:`` as usual.

Terms of ``kg:`` (``KG`` is a closed namespace: a misspelt term raises AttributeError)
----------------------------------------------------------------------------------------

======================  =========================================================
term                    meaning
======================  =========================================================
Person                  class; also ``schema:Person``
Place                   class; also ``schema:Place``
Organization            class; also ``schema:Organization``
Enterprise              class; also ``schema:Corporation``
Initiative              class (no schema.org counterpart is asserted)
Event                   class; also ``schema:Event``
Document                class of input documents
Evidence                class: one sentence of a document stating a relation
RelationStatement       class: a typed relation with its weight, rule and evidence
Cooccurrence            class: two entities named in the same sentences
holdsPosition …         the nine relation properties, camelCase of the relation type:
                        holdsPosition, locatedIn, partOf, visited, attended,
                        proposed, participatesIn, cooperatesWith, met
mentions                entity → number of mentions (xsd:integer)
mentionedIn             entity → a document naming it
adcode                  place → administrative division code (string)
weight                  statement → number of evidence sentences (xsd:integer)
rule                    statement/evidence → name of the extraction rule
evidence                statement/co-occurrence → an Evidence node
sentenceText            evidence → the sentence (``@zh``)
sentenceIndex           evidence → sentence number in the document (xsd:integer)
start, end              evidence → character offsets of the sentence (end exclusive)
entityA, entityB        co-occurrence → its two entities (ids sorted, A < B)
count                   co-occurrence → number of sentences (xsd:integer)
documentCount           co-occurrence → number of documents (xsd:integer)
pmi, npmi               co-occurrence → association scores (xsd:double, 6 decimals)
sourceFile              document → path of the input file
format                  document → input format (txt, md, html, jsonl…)
======================  =========================================================

Shape
-----

- Entities: ``id/<type lowercase>/<percent-encoded name>``; places with an adcode at
  ``id/place/cn-<adcode>``. If two entities of one type share a name, both get
  ``--<8 hex of the entity id>`` appended so neither shadows the other.
- ``<16 hex>`` below is the start of a SHA-256 over the ``|``-joined parts named.
- Each relation is a direct triple (``<head> kg:holdsPosition <tail>``) plus a statement
  node ``id/stmt/<16 hex>`` (hash of head IRI | relation type | tail IRI). The statement
  uses the RDF reification properties ``rdf:subject``, ``rdf:predicate`` and
  ``rdf:object`` rather than kg terms of our own, so generic tools understand it; it is
  typed both ``kg:RelationStatement`` and ``rdf:Statement``. Symmetric relations
  (``cooperatesWith``, ``met``) are stated once, head and tail in id order.
- Evidence nodes ``id/ev/<16 hex>`` (hash of doc | sentence | start | end | rule) point
  to their document with ``prov:wasDerivedFrom``. At most ``Settings.max_evidence`` per
  statement or co-occurrence, the first in (document id, sentence, offsets, rule) order.
- Co-occurrences ``id/cooc/<16 hex>`` (hash of the two entity IRIs).
- Documents ``id/doc/<percent-encoded id>`` with ``dcterms:title``, ``dcterms:date``
  (``xsd:date`` when the date is ISO ``YYYY-MM-DD``), ``dcterms:source``,
  ``dcterms:identifier``, ``kg:sourceFile`` and ``kg:format``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO, DefinedNamespace

from .config import Settings
from .graph import sorted_evidence
from .model import ENTITY_TYPES, RELATION_TYPES, Document, Entity, Evidence, Extraction

VOCAB = "https://w3id.org/kg-news/vocab#"
ID = Namespace("https://w3id.org/kg-news/id/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")


class KG(DefinedNamespace):
    """The closed kg vocabulary (see the module docstring for what each term means)."""

    _fail = True
    _NS = Namespace(VOCAB)

    # Classes
    Person: URIRef
    Place: URIRef
    Organization: URIRef
    Enterprise: URIRef
    Initiative: URIRef
    Event: URIRef
    Document: URIRef
    Evidence: URIRef
    RelationStatement: URIRef
    Cooccurrence: URIRef

    # Relation properties
    holdsPosition: URIRef
    locatedIn: URIRef
    partOf: URIRef
    visited: URIRef
    attended: URIRef
    proposed: URIRef
    participatesIn: URIRef
    cooperatesWith: URIRef
    met: URIRef

    # Other properties
    mentions: URIRef
    mentionedIn: URIRef
    adcode: URIRef
    weight: URIRef
    rule: URIRef
    evidence: URIRef
    sentenceText: URIRef
    sentenceIndex: URIRef
    start: URIRef
    end: URIRef
    entityA: URIRef
    entityB: URIRef
    count: URIRef
    documentCount: URIRef
    pmi: URIRef
    npmi: URIRef
    sourceFile: URIRef
    format: URIRef


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


#: Relation type → kg property.
RELATION_PROPERTY: dict[str, URIRef] = {t: KG[_camel(t)] for t in RELATION_TYPES}
#: Entity type → kg class.
ENTITY_CLASS: dict[str, URIRef] = {t: KG[t] for t in ENTITY_TYPES}
#: Entity type → schema.org class asserted alongside ours (Initiative has none).
SCHEMA_CLASS: dict[str, URIRef] = {
    "Person": SDO.Person,
    "Place": SDO.Place,
    "Organization": SDO.Organization,
    "Enterprise": SDO.Corporation,
    "Event": SDO.Event,
}

PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(VOCAB),
    "schema": SDO._NS,
    "skos": SKOS._NS,
    "prov": PROV._NS,
    "dcterms": DCTERMS._NS,
    "geo": GEO,
    "xsd": XSD._NS,
    "rdfs": RDFS._NS,
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ZH = "zh"


def _hash16(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _enc(text: str) -> str:
    return quote(text, safe="")


def entity_iri(entity: Entity) -> URIRef:
    """The IRI of an entity: ``id/<type>/<name>``, or ``id/place/cn-<adcode>`` for places
    with an adcode. Names are percent-encoded, so any name gives a valid IRI.

    >>> str(entity_iri(Entity("x", "Place", "北京", attrs=(("adcode", "110000"),))))
    'https://w3id.org/kg-news/id/place/cn-110000'
    >>> str(entity_iri(Entity("y", "Person", "张 三")))
    'https://w3id.org/kg-news/id/person/%E5%BC%A0%20%E4%B8%89'
    """
    adcode = entity.attr("adcode")
    if entity.type == "Place" and adcode:
        return ID[f"place/cn-{_enc(adcode)}"]
    return ID[f"{_enc(entity.type.lower())}/{_enc(entity.name)}"]


def entity_iris(ex: Extraction) -> dict[str, URIRef]:
    """Entity id → IRI for every entity, with name clashes told apart by the entity id."""
    first: dict[URIRef, list[Entity]] = {}
    for e in sorted(ex.entities, key=lambda e: e.id):
        first.setdefault(entity_iri(e), []).append(e)
    out: dict[str, URIRef] = {}
    for iri, group in first.items():
        if len(group) == 1:
            out[group[0].id] = iri
        else:
            for e in group:
                out[e.id] = URIRef(f"{iri}--{_hash16(e.id)[:8]}")
    return out


def document_iri(doc_id: str) -> URIRef:
    """``id/doc/<percent-encoded document id>``."""
    return ID[f"doc/{_enc(doc_id)}"]


def evidence_iri(e: Evidence) -> URIRef:
    """``id/ev/<hash of doc|sentence|start|end|rule>``."""
    return ID[f"ev/{_hash16(e.doc, e.sentence, e.start, e.end, e.rule)}"]


def _int(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def _double(value: float) -> Literal | None:
    if value is None or not math.isfinite(value):
        return None
    # Through repr of the rounded float, so the lexical form is the shortest one and stable.
    return Literal(repr(round(float(value), 6)), datatype=XSD.double)


def _decimal(text: str) -> Literal | None:
    try:
        d = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    if not d.is_finite():
        return None
    return Literal(format(d, "f"), datatype=XSD.decimal)


def _date(text: str) -> Literal:
    text = text.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            return Literal(text)
        return Literal(text, datatype=XSD.date)
    return Literal(text)


def _add_evidence(g: Graph, node: URIRef, evidence: list[Evidence], done: set[URIRef]) -> None:
    """Link ``node`` to its evidence; describe each evidence node once (``done``), since a
    sentence naming k entities is the evidence of up to k(k-1)/2 co-occurrences."""
    for e in evidence:
        ev = evidence_iri(e)
        g.add((node, KG.evidence, ev))
        if ev in done:
            continue
        done.add(ev)
        g.add((ev, RDF.type, KG.Evidence))
        g.add((ev, KG.sentenceText, Literal(e.text, lang=_ZH)))
        g.add((ev, KG.sentenceIndex, _int(e.sentence)))
        g.add((ev, KG.start, _int(e.start)))
        g.add((ev, KG.end, _int(e.end)))
        if e.rule:
            g.add((ev, KG.rule, Literal(e.rule)))
        g.add((ev, PROV.wasDerivedFrom, document_iri(e.doc)))


def _add_document(g: Graph, doc: Document) -> None:
    d = document_iri(doc.id)
    g.add((d, RDF.type, KG.Document))
    g.add((d, DCTERMS.identifier, Literal(doc.id)))
    if doc.title:
        g.add((d, DCTERMS.title, Literal(doc.title, lang=_ZH)))
    if doc.date:
        g.add((d, DCTERMS.date, _date(doc.date)))
    if doc.source:
        g.add((d, DCTERMS.source, Literal(doc.source)))
    if doc.path:
        g.add((d, KG.sourceFile, Literal(doc.path)))
    if doc.format:
        g.add((d, KG.format, Literal(doc.format)))


def _add_entity(g: Graph, e: Entity, iri: URIRef) -> None:
    try:
        g.add((iri, RDF.type, ENTITY_CLASS[e.type]))
    except KeyError:
        raise ValueError(f"entity {e.id!r} has unknown type {e.type!r}") from None
    if e.type in SCHEMA_CLASS:
        g.add((iri, RDF.type, SCHEMA_CLASS[e.type]))
    g.add((iri, RDFS.label, Literal(e.name, lang=_ZH)))
    g.add((iri, SKOS.prefLabel, Literal(e.name, lang=_ZH)))
    for alias in e.aliases:
        if alias != e.name:
            g.add((iri, SKOS.altLabel, Literal(alias, lang=_ZH)))
    g.add((iri, KG.mentions, _int(e.mentions)))
    adcode = e.attr("adcode")
    if adcode:
        g.add((iri, KG.adcode, Literal(adcode)))
    lat, lon = _decimal(e.attr("lat")), _decimal(e.attr("lon"))
    if lat is not None and lon is not None:
        g.add((iri, GEO.lat, lat))
        g.add((iri, GEO.long, lon))
    for doc_id in e.documents:
        g.add((iri, KG.mentionedIn, document_iri(doc_id)))


def new_graph() -> Graph:
    """An empty graph with the kg prefixes bound (and no others beyond rdflib's core)."""
    g = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def to_rdf(ex: Extraction, settings: Settings) -> Graph:
    """The extraction as an RDF graph (see the module docstring for its shape).

    Raises:
        ValueError: an entity has a type outside ``ENTITY_TYPES``, or a relation a type
            outside ``RELATION_TYPES``.
        KeyError: a relation or co-occurrence names an entity id that is not an entity.
    """
    g = new_graph()
    limit = settings.max_evidence
    done: set[URIRef] = set()
    for dx in ex.docs:
        _add_document(g, dx.doc)

    iris = entity_iris(ex)
    for e in ex.entities:
        _add_entity(g, e, iris[e.id])

    for r in ex.relations:
        try:
            prop = RELATION_PROPERTY[r.type]
        except KeyError:
            raise ValueError(f"unknown relation type {r.type!r}") from None
        head, tail = iris[r.head], iris[r.tail]
        g.add((head, prop, tail))
        stmt = ID[f"stmt/{_hash16(head, r.type, tail)}"]
        g.add((stmt, RDF.type, KG.RelationStatement))
        g.add((stmt, RDF.type, RDF.Statement))
        g.add((stmt, RDF.subject, head))
        g.add((stmt, RDF.predicate, prop))
        g.add((stmt, RDF.object, tail))
        g.add((stmt, KG.weight, _int(r.weight)))
        for rule in sorted({e.rule for e in r.evidence if e.rule}):
            g.add((stmt, KG.rule, Literal(rule)))
        _add_evidence(g, stmt, sorted_evidence(r.evidence, limit), done)

    for c in ex.cooccurrences:
        a, b = iris[c.a], iris[c.b]
        node = ID[f"cooc/{_hash16(a, b)}"]
        g.add((node, RDF.type, KG.Cooccurrence))
        g.add((node, KG.entityA, a))
        g.add((node, KG.entityB, b))
        g.add((node, KG.count, _int(c.count)))
        g.add((node, KG.documentCount, _int(c.documents)))
        for prop, value in ((KG.pmi, c.pmi), (KG.npmi, c.npmi)):
            lit = _double(value)
            if lit is not None:
                g.add((node, prop, lit))
        _add_evidence(g, node, sorted_evidence(c.evidence, limit), done)
    return g


def write_rdf(graph: Graph, path: str | Path, format: str = "turtle") -> None:
    """Serialise ``graph`` to ``path`` as UTF-8 bytes (Turtle by default).

    rdflib's Turtle writer sorts subjects, predicates and objects, so the same graph gives
    the same bytes on every run.
    """
    data = graph.serialize(format=format, encoding="utf-8")
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
