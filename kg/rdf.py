"""The kg vocabulary and the RDF export (Turtle, N-Triples, JSON-LD, TriG, N-Quads).

Namespaces
----------

- ``kg:`` ``https://w3id.org/kg-news/vocab#``: our classes and properties (``KG``),
  described in ``data/ontology.ttl`` (labels in Chinese and English, comments, domains
  and ranges, alignment with schema.org, SKOS, Dublin Core and PROV-O);
- ``https://w3id.org/kg-news/id/`` (``ID``; no prefix in Turtle, ``id:`` in JSON-LD and
  in ``kg query``): resources: entities, documents, statements, evidence, co-occurrences;
- ``schema:`` (``https://schema.org/``) for class alignment, ``skos:`` for labels,
  ``prov:`` for ``wasDerivedFrom``, ``dcterms:`` for document metadata, ``geo:``
  (``http://www.w3.org/2003/01/geo/wgs84_pos#``) for ``lat``/``long``; ``xsd:``,
  ``rdfs:`` and ``rdf:`` as usual.

Terms of ``kg:`` (``KG`` is a closed namespace: a misspelt term raises AttributeError)
----------------------------------------------------------------------------------------

``data/ontology.ttl`` is the reference; tests check that it declares exactly the terms of
``KG``. In short:

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
withinDivision          place → the gazetteer unit that contains it (a province for a
                        city, a country for a province or state); an IRI of the same
                        ``id/place/`` form, described only when the corpus names it
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

- Entities: ``id/<type lowercase>/<percent-encoded name>``; gazetteer places by their
  code instead of their name, which depends on the forms a corpus happens to use:
  ``id/place/cn-<adcode>`` for Chinese divisions, ``id/place/<world id, lowercase>``
  (``id/place/fr``, ``id/place/us-ca``) for countries, regions and foreign cities.
- Namesakes (two entities of one type with one name, or one code): the gazetteer place,
  else the entity first named in the smallest document id, keeps the plain IRI; each
  other gets ``--<8 hex>`` from the hash of that IRI and its own first document. So an
  IRI depends on the entity's own type, name, code and documents only, never on what
  else the corpus holds: an entity keeps its IRI when documents are added, unless a
  namesake named in an earlier document comes with them.
- Names are percent-encoded as UTF-8 (everything but ASCII letters, digits and
  ``-._~``), so any name gives a valid IRI (and a valid IRI reference: a name of dots
  only is encoded too).
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

Named graphs (TriG, N-Quads)
----------------------------

The quad formats hold the same triples, split by who says them:

- the named graph of each document, its IRI the document's IRI, holds what the document
  says: its description (``dcterms:*``, ``kg:sourceFile``, ``kg:format``), the
  ``kg:mentionedIn`` links to it, its evidence nodes, the ``kg:evidence`` links from
  statements and co-occurrences to them, and the direct triple of every relation it
  states (``<head> kg:met <tail>``, also for evidence beyond ``max_evidence``);
- the default graph holds what the corpus says as a whole: entities (types, labels,
  mentions, adcode, coordinates), direct relation triples, statement nodes (weight,
  rules) and co-occurrence nodes (counts, PMI).

So ``GRAPH ?g { ?a kg:met ?b }`` gives the documents stating each meeting, and
``FROM NAMED <id/doc/…>`` limits a query to one source. The union of all graphs is the
Turtle export (a direct triple stated by several documents is in each of their graphs
and in the default graph). Statement and co-occurrence nodes are corpus-level, so a
query joins them with a document's graph through ``kg:evidence``.

Export
------

The triples are made once, as pyoxigraph terms, by ``rdf_triples(ex, settings)``: a list
without duplicates, sorted by the N-Triples form of each triple, so equal input gives
equal output in any process (``rdf_quads`` likewise, graph by graph). Everything else is
built from that list:

- ``write_rdf(ex, path, format, settings=...)`` serialises it: Turtle (default),
  N-Triples, TriG and N-Quads with pyoxigraph (Rust; on 2,000 news stories, 270,000
  triples, about 15-20 times faster than building an rdflib graph and writing it, see
  ``bench/rdf_speed.py``), JSON-LD with ``jsonld_bytes``: compact, with the context of
  ``data/context.jsonld`` embedded (short terms such as ``label``, ``mentions``,
  ``evidence``; ``id:`` for resources);
- ``write_exports(ex, outdir, settings)`` writes every format of
  ``Settings.rdf_formats`` (``graph.ttl``, ``graph.nt``, ``graph.jsonld``, ``graph.trig``,
  ``graph.nq``), making the triples and quads once; ``kg build --rdf-format`` sets them;
- ``to_rdf(ex, settings)`` loads it into an ``rdflib.Graph`` for code that wants rdflib's
  API or SPARQL (slower: rdflib's store adds each triple in Python).

``write_rdf`` also takes an ``rdflib.Graph`` (such as ``to_rdf``'s) and writes it with the
same writer in the same order, so ``write_rdf(to_rdf(ex, s), p)`` and
``write_rdf(ex, p, settings=s)`` give the same bytes. ``kg.validate`` checks an export
against the SHACL shapes of ``data/shapes.ttl``.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import gc
import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
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
    withinDivision: URIRef
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
_ID = str(ID)


# ---------------------------------------------------------------------- pyoxigraph terms
# Made once from the rdflib terms above (``str(KG.term)``), so the closed vocabulary still
# guards every term the export uses and both paths name the same IRIs.
def _nn(term: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_A = _nn(RDF.type)
_RDF_STATEMENT = _nn(RDF.Statement)
_RDF_SUBJECT = _nn(RDF.subject)
_RDF_PREDICATE = _nn(RDF.predicate)
_RDF_OBJECT = _nn(RDF.object)
_RDFS_LABEL = _nn(RDFS.label)
_SKOS_PREF = _nn(SKOS.prefLabel)
_SKOS_ALT = _nn(SKOS.altLabel)
_PROV_DERIVED = _nn(PROV.wasDerivedFrom)
_DC_IDENTIFIER = _nn(DCTERMS.identifier)
_DC_TITLE = _nn(DCTERMS.title)
_DC_DATE = _nn(DCTERMS.date)
_DC_SOURCE = _nn(DCTERMS.source)
_GEO_LAT = _nn(GEO.lat)
_GEO_LONG = _nn(GEO.long)
_XSD_INTEGER = _nn(XSD.integer)
_XSD_DOUBLE = _nn(XSD.double)
_XSD_DECIMAL = _nn(XSD.decimal)
_XSD_DATE = _nn(XSD.date)
_XSD_STRING = _nn(XSD.string)

_KG_DOCUMENT = _nn(KG.Document)
_KG_EVIDENCE_CLASS = _nn(KG.Evidence)
_KG_STATEMENT = _nn(KG.RelationStatement)
_KG_COOCCURRENCE = _nn(KG.Cooccurrence)
_KG_MENTIONS = _nn(KG.mentions)
_KG_MENTIONED_IN = _nn(KG.mentionedIn)
_KG_ADCODE = _nn(KG.adcode)
_KG_WITHIN = _nn(KG.withinDivision)
_KG_WEIGHT = _nn(KG.weight)
_KG_RULE = _nn(KG.rule)
_KG_EVIDENCE = _nn(KG.evidence)
_KG_SENTENCE_TEXT = _nn(KG.sentenceText)
_KG_SENTENCE_INDEX = _nn(KG.sentenceIndex)
_KG_START = _nn(KG.start)
_KG_END = _nn(KG.end)
_KG_ENTITY_A = _nn(KG.entityA)
_KG_ENTITY_B = _nn(KG.entityB)
_KG_COUNT = _nn(KG.count)
_KG_DOCUMENT_COUNT = _nn(KG.documentCount)
_KG_PMI = _nn(KG.pmi)
_KG_NPMI = _nn(KG.npmi)
_KG_SOURCE_FILE = _nn(KG.sourceFile)
_KG_FORMAT = _nn(KG.format)

_RELATION_NODE: dict[str, ox.NamedNode] = {t: _nn(p) for t, p in RELATION_PROPERTY.items()}
_CLASS_NODES: dict[str, tuple[ox.NamedNode, ...]] = {
    t: (_nn(ENTITY_CLASS[t]), *((_nn(SCHEMA_CLASS[t]),) if t in SCHEMA_CLASS else ())) for t in ENTITY_TYPES
}

#: Prefixes of Turtle output. pyoxigraph writes them in an order of its own, the same in
#: every process and for any order of this dict (tests/test_rdf.py checks the bytes).
_OX_PREFIXES: dict[str, str] = dict(
    sorted({**{k: str(v) for k, v in PREFIXES.items()}, "rdf": str(RDF)}.items())
)


class ExportFormat(NamedTuple):
    """One serialisation ``kg build --rdf-format`` can write."""

    name: str
    file: str
    syntax: ox.RdfFormat
    #: True for the formats with one named graph per document (TriG, N-Quads).
    quads: bool


#: The serialisations of ``write_exports``, by canonical name (``config.RDF_FORMAT_NAMES``).
EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("turtle", "graph.ttl", ox.RdfFormat.TURTLE, False),
        ExportFormat("ntriples", "graph.nt", ox.RdfFormat.N_TRIPLES, False),
        ExportFormat("jsonld", "graph.jsonld", ox.RdfFormat.JSON_LD, False),
        ExportFormat("trig", "graph.trig", ox.RdfFormat.TRIG, True),
        ExportFormat("nquads", "graph.nq", ox.RdfFormat.N_QUADS, True),
    )
}
#: Other names accepted for them (case-insensitive).
FORMAT_ALIASES: dict[str, str] = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "json-ld": "jsonld",
    "nq": "nquads",
    "n-quads": "nquads",
}
#: Every name ``write_rdf`` accepts → pyoxigraph format (the syntax of its parser too).
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    **{name: f.syntax for name, f in EXPORT_FORMATS.items()},
    **{alias: EXPORT_FORMATS[name].syntax for alias, name in FORMAT_ALIASES.items()},
}


# ---------------------------------------------------------------------- IRIs
def _hash16(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _enc(text: str) -> str:
    """Percent-encode everything but unreserved ASCII, so any text is one valid IRI path
    segment. A segment of dots only (``.``, ``..``) would be read as a relative step by
    any tool that resolves IRIs, so its dots are encoded too."""
    out = quote(text, safe="")
    if out and not out.strip("."):
        out = "%2E" * len(out)
    return out


def _place_iri_str(ref: str) -> str:
    """The IRI of a gazetteer place by its id: ``cn:140700`` → ``id/place/cn-140700``, a
    world id (AE, US-CA, R-Arctic) → ``id/place/<id, lowercase>``, the same for any corpus."""
    if ref.startswith("cn:"):
        return f"{_ID}place/cn-{_enc(ref[3:])}"
    return f"{_ID}place/{_enc(ref.lower())}"


def _entity_iri_str(entity: Entity) -> str:
    """The IRI an entity claims from its own attributes alone (see ``_entity_iri_strs``
    for namesakes)."""
    if entity.type == "Place":
        adcode = entity.attr("adcode")
        if adcode:
            return f"{_ID}place/cn-{_enc(adcode)}"
        ref = entity.attr("ref")
        if ref:
            return _place_iri_str(ref)
    return f"{_ID}{_enc(entity.type.lower())}/{_enc(entity.name)}"


def _claim_order(e: Entity) -> tuple:
    """Who keeps a claimed IRI among namesakes: a gazetteer place first, then the entity
    first named in the smallest document id (news ids mostly sort by date, so the
    earliest), then the entity id."""
    first = min(e.documents) if e.documents else None
    return (not e.attr("ref"), first is None, first or "", e.id)


def _entity_iri_strs(ex: Extraction) -> dict[str, str]:
    """Entity id → IRI. Each IRI depends on the entity's own type, name, gazetteer code
    and, for a namesake, its first document, never on which other entities the corpus
    holds, so an entity keeps its IRI when the corpus grows."""
    claims: dict[str, list[Entity]] = {}
    for e in ex.entities:
        claims.setdefault(_entity_iri_str(e), []).append(e)
    out: dict[str, str] = {}
    taken = set(claims)
    for iri, group in sorted(claims.items()):
        group.sort(key=_claim_order)
        out[group[0].id] = iri
        for e in group[1:]:
            first = min(e.documents) if e.documents else ""
            # Suffix from the entity's first document; should two namesakes share it, from
            # all its documents, then its id. Never an IRI another entity holds.
            for parts in ((first,), (first, *sorted(e.documents)), (first, e.id)):
                alt = f"{iri}--{_hash16(iri, *parts)[:8]}"
                if alt not in taken:
                    break
            else:  # pragma: no cover - three 32-bit hash collisions in a row
                raise ValueError(f"cannot give entity {e.id!r} an IRI of its own")
            taken.add(alt)
            out[e.id] = alt
    return out


def _document_iri_str(doc_id: str) -> str:
    return f"{_ID}doc/{_enc(doc_id)}"


def _evidence_iri_str(e: Evidence) -> str:
    return f"{_ID}ev/{_hash16(e.doc, e.sentence, e.start, e.end, e.rule)}"


def entity_iri(entity: Entity) -> URIRef:
    """The IRI of an entity: ``id/<type>/<name>``, or ``id/place/cn-<adcode>`` for places
    with an adcode. Names are percent-encoded, so any name gives a valid IRI.

    >>> str(entity_iri(Entity("x", "Place", "北京", attrs=(("adcode", "110000"),))))
    'https://w3id.org/kg-news/id/place/cn-110000'
    >>> str(entity_iri(Entity("y", "Person", "张 三")))
    'https://w3id.org/kg-news/id/person/%E5%BC%A0%20%E4%B8%89'
    """
    return URIRef(_entity_iri_str(entity))


def entity_iris(ex: Extraction) -> dict[str, URIRef]:
    """Entity id → IRI for every entity, with name clashes told apart by the entity id."""
    return {eid: URIRef(iri) for eid, iri in _entity_iri_strs(ex).items()}


def document_iri(doc_id: str) -> URIRef:
    """``id/doc/<percent-encoded document id>``."""
    return URIRef(_document_iri_str(doc_id))


def evidence_iri(e: Evidence) -> URIRef:
    """``id/ev/<hash of doc|sentence|start|end|rule>``."""
    return URIRef(_evidence_iri_str(e))


# ---------------------------------------------------------------------- literals
def _double(value: float) -> ox.Literal | None:
    if value is None or not math.isfinite(value):
        return None
    # Through repr of the rounded float, so the lexical form is the shortest one and stable.
    return ox.Literal(repr(round(float(value), 6)), datatype=_XSD_DOUBLE)


def _decimal(text: str) -> ox.Literal | None:
    try:
        d = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    if not d.is_finite():
        return None
    return ox.Literal(format(d, "f"), datatype=_XSD_DECIMAL)


def _date(text: str) -> ox.Literal:
    text = text.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            return ox.Literal(text)
        return ox.Literal(text, datatype=_XSD_DATE)
    return ox.Literal(text)


# ---------------------------------------------------------------------- triples
class _TripleBuilder:
    """Collects the triples of one extraction, making each repeated term once: IRIs of
    entities, documents and evidence, small integers and rule names recur thousands of
    times in a corpus.

    ``triples`` gets what the corpus says as a whole. What one document says (its
    description, ``mentionedIn`` links to it, its evidence nodes and the links to them)
    goes through ``said``: into ``triples`` as well, or, with ``by_document``, into
    ``doc_triples`` as (document node, triple) for the named graph of that document.
    """

    def __init__(self, limit: int, by_document: bool = False) -> None:
        self.triples: list[ox.Triple] = []
        self.doc_triples: list[tuple[ox.NamedNode, ox.Triple]] = []
        self.by_document = by_document
        if by_document:
            pairs = self.doc_triples.append
            self.said = lambda doc, triple: pairs((doc, triple))
        else:
            plain = self.triples.append
            self.said = lambda doc, triple: plain(triple)
        self.limit = limit
        self._docs: dict[str, ox.NamedNode] = {}
        self._ints: dict[int, ox.Literal] = {}
        self._plain: dict[str, ox.Literal] = {}
        # (doc, sentence, start, end, rule) → evidence node; ``_described`` holds the
        # IRIs already described, since a sentence naming k entities is the evidence of
        # up to k(k-1)/2 co-occurrences.
        self._evidence: dict[tuple, ox.NamedNode] = {}
        self._described: set[str] = set()

    def doc_node(self, doc_id: str) -> ox.NamedNode:
        node = self._docs.get(doc_id)
        if node is None:
            node = self._docs[doc_id] = ox.NamedNode(_document_iri_str(doc_id))
        return node

    def integer(self, value: int) -> ox.Literal:
        value = int(value)
        lit = self._ints.get(value)
        if lit is None:
            lit = self._ints[value] = ox.Literal(str(value), datatype=_XSD_INTEGER)
        return lit

    def plain(self, text: str) -> ox.Literal:
        lit = self._plain.get(text)
        if lit is None:
            lit = self._plain[text] = ox.Literal(text)
        return lit

    def document(self, doc: Document) -> None:
        T = ox.Triple
        d = self.doc_node(doc.id)

        def add(p, o):
            self.said(d, T(d, p, o))

        add(_A, _KG_DOCUMENT)
        add(_DC_IDENTIFIER, ox.Literal(doc.id))
        if doc.title:
            add(_DC_TITLE, ox.Literal(doc.title, language=_ZH))
        if doc.date:
            add(_DC_DATE, _date(doc.date))
        if doc.source:
            add(_DC_SOURCE, self.plain(doc.source))
        if doc.path:
            add(_KG_SOURCE_FILE, self.plain(doc.path))
        if doc.format:
            add(_KG_FORMAT, self.plain(doc.format))

    def entity(self, e: Entity, node: ox.NamedNode) -> None:
        add, T = self.triples.append, ox.Triple
        try:
            classes = _CLASS_NODES[e.type]
        except KeyError:
            raise ValueError(f"entity {e.id!r} has unknown type {e.type!r}") from None
        for cls in classes:
            add(T(node, _A, cls))
        label = ox.Literal(e.name, language=_ZH)
        add(T(node, _RDFS_LABEL, label))
        add(T(node, _SKOS_PREF, label))
        for alias in e.aliases:
            if alias != e.name:
                add(T(node, _SKOS_ALT, ox.Literal(alias, language=_ZH)))
        add(T(node, _KG_MENTIONS, self.integer(e.mentions)))
        attrs = dict(e.attrs)
        adcode = attrs.get("adcode", "")
        if adcode:
            add(T(node, _KG_ADCODE, ox.Literal(adcode)))
        lat, lon = _decimal(attrs.get("lat", "")), _decimal(attrs.get("lon", ""))
        if lat is not None and lon is not None:
            add(T(node, _GEO_LAT, lat))
            add(T(node, _GEO_LONG, lon))
        parent = attrs.get("parent", "")
        if parent and e.type == "Place":
            add(T(node, _KG_WITHIN, ox.NamedNode(_place_iri_str(parent))))
        said = self.said
        for doc_id in e.documents:
            d = self.doc_node(doc_id)
            said(d, T(node, _KG_MENTIONED_IN, d))

    def evidence(self, node: ox.NamedNode, evidence: Iterable[Evidence]) -> None:
        """Link ``node`` to (at most ``limit`` of) its evidence, describing each once."""
        said, T = self.said, ox.Triple
        for e in sorted_evidence(evidence, self.limit):
            key = (e.doc, e.sentence, e.start, e.end, e.rule)
            d = self.doc_node(e.doc)
            ev = self._evidence.get(key)
            if ev is None:
                iri = _evidence_iri_str(e)
                ev = self._evidence[key] = ox.NamedNode(iri)
                if iri in self._described:  # another key with the same hash text
                    said(d, T(node, _KG_EVIDENCE, ev))
                    continue
                self._described.add(iri)
                said(d, T(ev, _A, _KG_EVIDENCE_CLASS))
                said(d, T(ev, _KG_SENTENCE_TEXT, ox.Literal(e.text, language=_ZH)))
                said(d, T(ev, _KG_SENTENCE_INDEX, self.integer(e.sentence)))
                said(d, T(ev, _KG_START, self.integer(e.start)))
                said(d, T(ev, _KG_END, self.integer(e.end)))
                if e.rule:
                    said(d, T(ev, _KG_RULE, self.plain(e.rule)))
                said(d, T(ev, _PROV_DERIVED, d))
            said(d, T(node, _KG_EVIDENCE, ev))


def _build(ex: Extraction, settings: Settings, by_document: bool = False) -> _TripleBuilder:
    """Every triple of the export, in making order, possibly with duplicates."""
    b = _TripleBuilder(settings.max_evidence, by_document)
    add, T = b.triples.append, ox.Triple
    for dx in ex.docs:
        b.document(dx.doc)

    iris = _entity_iri_strs(ex)
    nodes = {eid: ox.NamedNode(iri) for eid, iri in iris.items()}
    for e in ex.entities:
        b.entity(e, nodes[e.id])

    for r in ex.relations:
        try:
            prop = _RELATION_NODE[r.type]
        except KeyError:
            raise ValueError(f"unknown relation type {r.type!r}") from None
        head, tail = nodes[r.head], nodes[r.tail]
        direct = T(head, prop, tail)
        add(direct)
        if by_document:  # each document that states the relation says the direct triple
            for doc_id in sorted({e.doc for e in r.evidence}):
                b.said(b.doc_node(doc_id), direct)
        stmt = ox.NamedNode(f"{_ID}stmt/{_hash16(iris[r.head], r.type, iris[r.tail])}")
        add(T(stmt, _A, _KG_STATEMENT))
        add(T(stmt, _A, _RDF_STATEMENT))
        add(T(stmt, _RDF_SUBJECT, head))
        add(T(stmt, _RDF_PREDICATE, prop))
        add(T(stmt, _RDF_OBJECT, tail))
        add(T(stmt, _KG_WEIGHT, b.integer(r.weight)))
        for rule in sorted({e.rule for e in r.evidence if e.rule}):
            add(T(stmt, _KG_RULE, b.plain(rule)))
        b.evidence(stmt, r.evidence)

    for c in ex.cooccurrences:
        a, z = nodes[c.a], nodes[c.b]
        node = ox.NamedNode(f"{_ID}cooc/{_hash16(iris[c.a], iris[c.b])}")
        add(T(node, _A, _KG_COOCCURRENCE))
        add(T(node, _KG_ENTITY_A, a))
        add(T(node, _KG_ENTITY_B, z))
        add(T(node, _KG_COUNT, b.integer(c.count)))
        add(T(node, _KG_DOCUMENT_COUNT, b.integer(c.documents)))
        for prop, value in ((_KG_PMI, c.pmi), (_KG_NPMI, c.npmi)):
            lit = _double(value)
            if lit is not None:
                add(T(node, prop, lit))
        b.evidence(node, c.evidence)
    return b


def _unsorted_triples(ex: Extraction, settings: Settings) -> list[ox.Triple]:
    """Every triple of the export, in making order, possibly with duplicates."""
    return _build(ex, settings).triples


class _Sorted(list):
    """A list of triples or quads already deduplicated and sorted by ``rdf_triples`` or
    ``rdf_quads``: the writers take it as it is."""


def _sorted_unique(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Triples without duplicates, sorted by their N-Triples line. The line starts with
    ``<subject> <predicate> ``, so the triples of a subject (and of a subject and a
    predicate) stay together and the Turtle writer can group them."""
    if isinstance(triples, _Sorted):
        return triples
    # dict.fromkeys drops duplicates by pyoxigraph's own hash and keeps the making order,
    # which is already partly sorted, so the sort below has long runs to merge.
    return _Sorted(sorted(dict.fromkeys(triples), key=str))


def _quad_key(q: ox.Quad) -> tuple[str, str]:
    g = q.graph_name
    return ("" if isinstance(g, ox.DefaultGraph) else str(g), str(q))


def _sorted_unique_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads without duplicates, the default graph first, then graph by graph in IRI
    order, each sorted by N-Quads line (so the TriG writer opens each graph once)."""
    if isinstance(quads, _Sorted):
        return quads
    return _Sorted(sorted(dict.fromkeys(quads), key=_quad_key))


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a few hundred thousand terms and triples
    are made. They hold no reference cycles (reference counting frees them), but each
    young generation that fills up makes Python scan, and every few, rescan the whole
    heap: in a build that heap holds the extraction and the lexicons, and the scans took
    a third of the export's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def rdf_triples(ex: Extraction, settings: Settings) -> list[ox.Triple]:
    """The extraction as pyoxigraph triples (see the module docstring for their shape):
    no duplicates, sorted by N-Triples form, so the same extraction gives the same list.

    Raises:
        ValueError: an entity has a type outside ``ENTITY_TYPES``, or a relation a type
            outside ``RELATION_TYPES``.
        KeyError: a relation or co-occurrence names an entity id that is not an entity.
    """
    with _gc_paused():
        return _sorted_unique(_unsorted_triples(ex, settings))


def rdf_quads(ex: Extraction, settings: Settings) -> list[ox.Quad]:
    """The extraction as pyoxigraph quads: what the corpus says as a whole in the default
    graph, what each document says in the named graph of the document's IRI (see
    "Named graphs" in the module docstring). Without their graph names the quads are
    the triples of ``rdf_triples``. No duplicates; the default graph first, then graph
    by graph in IRI order, each sorted by N-Quads line.

    Raises:
        ValueError, KeyError: as ``rdf_triples``.
    """
    with _gc_paused():
        b = _build(ex, settings, by_document=True)
        Q = ox.Quad
        quads = [Q(t.subject, t.predicate, t.object) for t in b.triples]
        quads += [Q(t.subject, t.predicate, t.object, g) for g, t in b.doc_triples]
        del b
        return _sorted_unique_quads(quads)


# ---------------------------------------------------------------------- rdflib
def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype == _XSD_STRING:  # a plain literal, as rdflib writes "x"
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert {term!r} to rdflib")


def _from_rdflib(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot write {term!r} (a {type(term).__name__}) as an RDF term")


def _graph_triples(graph: Graph) -> list[ox.Triple]:
    cache: dict[object, object] = {}

    def conv(term: object):
        node = cache.get(term)
        if node is None:
            node = cache[term] = _from_rdflib(term)
        return node

    return [ox.Triple(conv(s), conv(p), conv(o)) for s, p, o in graph]


def new_graph() -> Graph:
    """An empty graph with the kg prefixes bound (and no others beyond rdflib's core)."""
    g = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def to_rdf(ex: Extraction, settings: Settings) -> Graph:
    """The extraction as an rdflib graph: the triples of ``rdf_triples``, for rdflib's API
    and SPARQL. For writing files, ``write_rdf(ex, path, settings=...)`` is much faster.

    Raises:
        ValueError: an entity has a type outside ``ENTITY_TYPES``, or a relation a type
            outside ``RELATION_TYPES``.
        KeyError: a relation or co-occurrence names an entity id that is not an entity.
    """
    g = new_graph()
    # rdflib's store drops duplicates itself, so no need to sort here.
    add_to_rdflib(g, _unsorted_triples(ex, settings))
    return g


def add_to_rdflib(graph: Graph, statements: Iterable[ox.Triple | ox.Quad]) -> Graph:
    """Add pyoxigraph triples (or the triples of quads) to an rdflib graph, converting each
    distinct term once (a term recurs in many triples), and return the graph."""
    cache: dict[object, object] = {}

    def conv(term):
        node = cache.get(term)
        if node is None:
            node = cache[term] = _to_rdflib(term)
        return node

    add = graph.add
    for t in statements:
        add((conv(t.subject), conv(t.predicate), conv(t.object)))
    return graph


# ---------------------------------------------------------------------- writing
#: What ``write_rdf`` and ``serialize_rdf`` take: an extraction (with its settings), an
#: rdflib graph, or pyoxigraph triples (or quads, for TriG and N-Quads).
RdfSource = Extraction | Graph | Iterable[ox.Triple] | Iterable[ox.Quad]


def format_name(name: str) -> str:
    """The canonical name (a key of ``EXPORT_FORMATS``) of a format name or alias.

    >>> format_name("NT"), format_name("json-ld"), format_name("trig")
    ('ntriples', 'jsonld', 'trig')
    """
    key = name.strip().lower()
    key = FORMAT_ALIASES.get(key, key)
    if key not in EXPORT_FORMATS:
        raise ValueError(f"unknown RDF format {name!r}: use one of {', '.join(sorted(RDF_FORMATS))}")
    return key


def rdf_format(name: str) -> ox.RdfFormat:
    """The pyoxigraph format for a name of ``RDF_FORMATS`` (case-insensitive).

    >>> rdf_format("nt") == rdf_format("ntriples")
    True
    """
    return EXPORT_FORMATS[format_name(name)].syntax


def _source_triples(source: RdfSource, settings: Settings | None) -> list[ox.Triple]:
    if isinstance(source, Extraction):
        return rdf_triples(source, settings or Settings())
    if isinstance(source, Graph):
        return _sorted_unique(_graph_triples(source))
    items = source if isinstance(source, _Sorted) else list(source)
    if any(isinstance(q, ox.Quad) for q in items):
        items = [q.triple for q in items]
    return _sorted_unique(items)


def _source_quads(source: RdfSource, settings: Settings | None) -> list[ox.Quad]:
    if isinstance(source, Extraction):
        return rdf_quads(source, settings or Settings())
    if isinstance(source, Graph):  # one graph: everything in the default graph
        return _sorted_unique_quads(ox.Quad(t.subject, t.predicate, t.object) for t in _graph_triples(source))
    return _sorted_unique_quads(
        q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in source
    )


def _serialize(
    source: RdfSource, fmt: ExportFormat, settings: Settings | None, output: Path | None
) -> bytes | None:
    with _gc_paused():
        items = _source_quads(source, settings) if fmt.quads else _source_triples(source, settings)
    if fmt.name == "jsonld":
        data = jsonld_bytes(items)
        if output is None:
            return data
        output.write_bytes(data)
        return None
    prefixes = None if fmt.syntax in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS) else _OX_PREFIXES
    if output is None:
        return ox.serialize(items, format=fmt.syntax, prefixes=prefixes)
    ox.serialize(items, output=output, format=fmt.syntax, prefixes=prefixes)
    return None


def serialize_rdf(source: RdfSource, format: str = "turtle", *, settings: Settings | None = None) -> bytes:
    """``source`` serialised as UTF-8 bytes (see ``write_rdf``)."""
    return _serialize(source, EXPORT_FORMATS[format_name(format)], settings, None)


def write_rdf(
    source: RdfSource,
    path: str | Path,
    format: str = "turtle",
    *,
    settings: Settings | None = None,
) -> None:
    """Write ``source`` to ``path`` as UTF-8 bytes.

    Args:
        source: An ``Extraction`` (its triples are made by ``rdf_triples``, or its quads
            by ``rdf_quads`` for TriG and N-Quads, with ``settings``, default
            ``Settings()``), an ``rdflib.Graph`` such as ``to_rdf`` returns, or pyoxigraph
            triples or quads.
        path: The file to write; missing parent directories are made.
        format: A name of ``RDF_FORMATS``: ``turtle`` (default), ``ntriples``, ``jsonld``,
            ``trig``, ``nquads`` or an alias (``ttl``, ``nt``, ``nq`` …).
        settings: Used with an extraction (``max_evidence``).

    Turtle, N-Triples, TriG and N-Quads are written by pyoxigraph (Rust), JSON-LD by
    ``jsonld_bytes``. The triples (quads) are deduplicated and sorted first, so equal
    input gives byte-identical files whatever the process or hash seed. A graph or
    triples written as TriG or N-Quads go to the default graph.
    """
    fmt = EXPORT_FORMATS[format_name(format)]
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    _serialize(source, fmt, settings, p)


def write_exports(ex: Extraction, outdir: str | Path, settings: Settings) -> list[str]:
    """Write ``ex`` in each format of ``settings.rdf_formats`` into ``outdir``
    (``graph.ttl``, ``graph.nt``, ``graph.jsonld``, ``graph.trig``, ``graph.nq``); return
    the file names written, in ``EXPORT_FORMATS`` order. The triples are made once for
    all triple formats, the quads once for both quad formats.

    An export of a format not asked for this time (left by an earlier build) is removed,
    so every ``graph.*`` in ``outdir`` describes this build: ``kg query`` and
    ``kg validate`` read whichever they find."""
    out = Path(outdir)
    names = {format_name(n) for n in settings.rdf_formats}
    wanted = [f for name, f in EXPORT_FORMATS.items() if name in names]
    for name, f in EXPORT_FORMATS.items():
        if name not in names:
            (out / f.file).unlink(missing_ok=True)
    written: list[str] = []
    triples = quads = None
    for fmt in wanted:
        if fmt.quads:
            if quads is None:
                triples = None  # free the triples before the quads are made
                quads = rdf_quads(ex, settings)
            write_rdf(quads, out / fmt.file, fmt.name)
        else:
            if triples is None:
                triples = rdf_triples(ex, settings)
            write_rdf(triples, out / fmt.file, fmt.name)
        written.append(fmt.file)
    return written


# ---------------------------------------------------------------------- JSON-LD
#: The JSON-LD context of ``graph.jsonld``, shipped as ``data/context.jsonld``.
CONTEXT_FILE = "context.jsonld"
#: The ontology (``data/ontology.ttl``): every kg: term with labels and alignments.
ONTOLOGY_FILE = "ontology.ttl"


def data_file(name: str) -> Path:
    """A vocabulary file shipped with kg (``ontology.ttl``, ``shapes.ttl``,
    ``context.jsonld``): from ``data/`` of a source checkout or the installed copy."""
    from .resources import default_data_dir

    return default_data_dir() / name


class _Context:
    """The compaction rules read from a JSON-LD context of the restricted form kg ships:
    prefixes (a term whose IRI ends in ``/`` or ``#``), simple terms (a property or a
    class) and expanded terms with ``@id`` and one of ``@type`` (``@id``, ``@vocab`` or
    a datatype) or ``@language``."""

    def __init__(self, raw: dict, where: str) -> None:
        from .errors import ResourceError

        ctx = raw.get("@context") if isinstance(raw, dict) else None
        if not isinstance(ctx, dict) or set(raw) != {"@context"}:
            raise ResourceError(f'{where}: must be one object with a single "@context" object')
        self.raw = ctx
        self.prefixes: list[tuple[str, str]] = []  # (namespace, prefix), longest first
        for term, value in ctx.items():
            if isinstance(value, str) and value.endswith(("/", "#")) and "://" in value:
                self.prefixes.append((value, term))
        self.prefixes.sort(key=lambda p: (-len(p[0]), p[1]))
        self._compact: dict[str, str] = {}
        #: IRI → term, for classes in ``@type`` and ``@vocab`` values.
        self.simple: dict[str, str] = {}
        #: property IRI → (term, kind, argument): kind is "id", "vocab", "lang",
        #: "datatype" or "plain".
        self.props: dict[str, tuple[str, str, str]] = {}
        for term, value in ctx.items():
            if term.startswith("@"):
                raise ResourceError(f"{where}: keyword {term!r} is not used in kg's context")
            if isinstance(value, str):
                if (value, term) in self.prefixes:
                    continue
                iri = self.expand(value)
                self.simple.setdefault(iri, term)
                self.props.setdefault(iri, (term, "plain", ""))
                continue
            if (
                not isinstance(value, dict)
                or "@id" not in value
                or not set(value) <= {"@id", "@type", "@language"}
            ):
                raise ResourceError(
                    f'{where}: term {term!r}: expected a string or {{"@id", "@type"|"@language"}}'
                )
            if "@type" in value and "@language" in value:
                raise ResourceError(f"{where}: term {term!r}: both @type and @language")
            iri = self.expand(value["@id"])
            if "@language" in value:
                kind, arg = "lang", value["@language"]
            elif value.get("@type") in ("@id", "@vocab"):
                kind, arg = value["@type"][1:], ""
            elif "@type" in value:
                kind, arg = "datatype", self.expand(value["@type"])
            else:
                kind, arg = "plain", ""
            self.props.setdefault(iri, (term, kind, arg))

    def expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        if sep and not rest.startswith("//"):
            for ns, p in self.prefixes:
                if p == prefix:
                    return ns + rest
        return value

    def compact_iri(self, iri: str) -> str:
        short = self._compact.get(iri)
        if short is None:
            short = iri
            for ns, prefix in self.prefixes:
                if iri.startswith(ns) and not iri[len(ns) :].startswith("//"):
                    short = f"{prefix}:{iri[len(ns) :]}"
                    break
            if len(self._compact) < 1_000_000:  # entity and document IRIs recur
                self._compact[iri] = short
        return short

    def node_id(self, term) -> str:
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return self.compact_iri(term.value)

    def vocab(self, iri: str) -> str:
        """An IRI in a vocabulary position (``@type``, an ``@vocab`` term): its term if
        it has one."""
        term = self.simple.get(iri) or self.props.get(iri, ("",))[0]
        return term or self.compact_iri(iri)

    def value_object(self, o) -> dict:
        if not isinstance(o, ox.Literal):
            return {"@id": self.node_id(o)}
        if o.language:
            return {"@value": o.value, "@language": o.language}
        if o.datatype == _XSD_STRING:
            return {"@value": o.value}
        return {"@value": o.value, "@type": self.compact_iri(o.datatype.value)}

    def value(self, kind: str, arg: str, o):
        """``o`` in the compact form its term allows, else as an explicit object."""
        if isinstance(o, ox.Literal):
            if kind == "lang" and o.language == arg:
                return o.value
            if kind == "datatype" and not o.language and o.datatype.value == arg:
                return o.value
            if kind == "plain" and not o.language:
                if o.datatype == _XSD_STRING:
                    return o.value
                if o.datatype == _XSD_INTEGER and _canonical_int(o.value):
                    return int(o.value)  # a JSON number is read back as this xsd:integer
        elif kind == "id":
            return self.node_id(o)
        elif kind == "vocab" and isinstance(o, ox.NamedNode):
            return self.vocab(o.value)
        return self.value_object(o)


def _canonical_int(text: str) -> bool:
    """``text`` is how JSON-LD writes an integer back (no sign, zeros or exponent to
    lose) and small enough for any JSON reader to keep exact."""
    digits = text.removeprefix("-")
    if digits == "0":
        return text == "0"
    return digits.isascii() and digits.isdigit() and len(digits) < 16 and digits[0] != "0"


@functools.cache
def jsonld_context() -> _Context:
    """The context of ``data/context.jsonld``, checked when loaded.

    Raises:
        ResourceError: the file is missing, not JSON, or uses a form kg does not write.
    """
    from .errors import ResourceError

    path = data_file(CONTEXT_FILE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ResourceError(f"{path}: cannot read: {e}") from e
    except json.JSONDecodeError as e:
        raise ResourceError(f"{path}:{e.lineno}: not JSON: {e.msg}") from e
    return _Context(raw, str(path))


def jsonld_bytes(triples: Iterable[ox.Triple]) -> bytes:
    """Compact JSON-LD: ``{"@context": …, "@graph": [node, …]}`` with the context of
    ``data/context.jsonld`` embedded (the file opens without fetching anything), one
    node object per subject and per line, in the order of the (sorted) triples, ``@id``
    and ``@type`` first, then the properties by term name; a property with one value
    has it bare.
    Values take the short form their term allows (``"label": "北京"`` for an ``@zh``
    label, ``"mentions": 3``), any other value an explicit object, so parsing gives back
    exactly the same triples."""
    ctx = jsonld_context()
    type_iri = _A.value
    nodes: dict[object, dict] = {}
    for t in triples:
        node = nodes.get(t.subject)
        if node is None:
            node = nodes[t.subject] = {"@id": ctx.node_id(t.subject)}
        p, o = t.predicate.value, t.object
        if p == type_iri and isinstance(o, ox.NamedNode):
            node.setdefault("@type", []).append(ctx.vocab(o.value))
            continue
        spec = ctx.props.get(p)
        if spec is None:
            key, value = ctx.compact_iri(p), ctx.value_object(o)
        else:
            key, value = spec[0], ctx.value(spec[1], spec[2], o)
        node.setdefault(key, []).append(value)
    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    lines = []
    for node in nodes.values():
        out = {"@id": node.pop("@id")}
        if "@type" in node:
            types = node.pop("@type")
            out["@type"] = types[0] if len(types) == 1 else types
        for key in sorted(node):
            values = node[key]
            out[key] = values[0] if len(values) == 1 else values
        lines.append("  " + dump(out))
    context = json.dumps(ctx.raw, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    graph = ",\n".join(lines)
    return f'{{\n  "@context": {context},\n  "@graph": [\n{graph}\n  ]\n}}\n'.encode()
