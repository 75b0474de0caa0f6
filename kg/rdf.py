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

Export
------

The triples are made once, as pyoxigraph terms, by ``rdf_triples(ex, settings)``: a list
without duplicates, sorted by the N-Triples form of each triple, so equal input gives
equal output in any process. Everything else is built from that list:

- ``write_rdf(ex, path, settings=...)`` serialises it with pyoxigraph (Rust; Turtle by
  default, also N-Triples and JSON-LD): on 2,000 news stories (250,000 triples) about
  15-20 times faster than building an rdflib graph and writing it, see
  ``bench/rdf_speed.py``;
- ``to_rdf(ex, settings)`` loads it into an ``rdflib.Graph`` for code that wants rdflib's
  API or SPARQL (slower: rdflib's store adds each triple in Python).

``write_rdf`` also takes an ``rdflib.Graph`` (such as ``to_rdf``'s) and writes it with the
same writer in the same order, so ``write_rdf(to_rdf(ex, s), p)`` and
``write_rdf(ex, p, settings=s)`` give the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import hashlib
import math
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
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

#: Format names ``write_rdf`` accepts → pyoxigraph format.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "n-triples": ox.RdfFormat.N_TRIPLES,
}
if hasattr(ox.RdfFormat, "JSON_LD"):  # not in every pyoxigraph: checked, not assumed
    RDF_FORMATS["jsonld"] = RDF_FORMATS["json-ld"] = ox.RdfFormat.JSON_LD


# ---------------------------------------------------------------------- IRIs
def _hash16(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _enc(text: str) -> str:
    return quote(text, safe="")


def _entity_iri_str(entity: Entity) -> str:
    adcode = entity.attr("adcode")
    if entity.type == "Place" and adcode:
        return f"{_ID}place/cn-{_enc(adcode)}"
    return f"{_ID}{_enc(entity.type.lower())}/{_enc(entity.name)}"


def _entity_iri_strs(ex: Extraction) -> dict[str, str]:
    first: dict[str, list[Entity]] = {}
    for e in sorted(ex.entities, key=lambda e: e.id):
        first.setdefault(_entity_iri_str(e), []).append(e)
    out: dict[str, str] = {}
    for iri, group in first.items():
        if len(group) == 1:
            out[group[0].id] = iri
        else:
            for e in group:
                out[e.id] = f"{iri}--{_hash16(e.id)[:8]}"
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
    times in a corpus."""

    def __init__(self, limit: int) -> None:
        self.triples: list[ox.Triple] = []
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
        add, T = self.triples.append, ox.Triple
        d = self.doc_node(doc.id)
        add(T(d, _A, _KG_DOCUMENT))
        add(T(d, _DC_IDENTIFIER, ox.Literal(doc.id)))
        if doc.title:
            add(T(d, _DC_TITLE, ox.Literal(doc.title, language=_ZH)))
        if doc.date:
            add(T(d, _DC_DATE, _date(doc.date)))
        if doc.source:
            add(T(d, _DC_SOURCE, self.plain(doc.source)))
        if doc.path:
            add(T(d, _KG_SOURCE_FILE, self.plain(doc.path)))
        if doc.format:
            add(T(d, _KG_FORMAT, self.plain(doc.format)))

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
        for doc_id in e.documents:
            add(T(node, _KG_MENTIONED_IN, self.doc_node(doc_id)))

    def evidence(self, node: ox.NamedNode, evidence: Iterable[Evidence]) -> None:
        """Link ``node`` to (at most ``limit`` of) its evidence, describing each once."""
        add, T = self.triples.append, ox.Triple
        for e in sorted_evidence(evidence, self.limit):
            key = (e.doc, e.sentence, e.start, e.end, e.rule)
            ev = self._evidence.get(key)
            if ev is None:
                iri = _evidence_iri_str(e)
                ev = self._evidence[key] = ox.NamedNode(iri)
                if iri in self._described:  # another key with the same hash text
                    add(T(node, _KG_EVIDENCE, ev))
                    continue
                self._described.add(iri)
                add(T(ev, _A, _KG_EVIDENCE_CLASS))
                add(T(ev, _KG_SENTENCE_TEXT, ox.Literal(e.text, language=_ZH)))
                add(T(ev, _KG_SENTENCE_INDEX, self.integer(e.sentence)))
                add(T(ev, _KG_START, self.integer(e.start)))
                add(T(ev, _KG_END, self.integer(e.end)))
                if e.rule:
                    add(T(ev, _KG_RULE, self.plain(e.rule)))
                add(T(ev, _PROV_DERIVED, self.doc_node(e.doc)))
            add(T(node, _KG_EVIDENCE, ev))


def _unsorted_triples(ex: Extraction, settings: Settings) -> list[ox.Triple]:
    """Every triple of the export, in making order, possibly with duplicates."""
    b = _TripleBuilder(settings.max_evidence)
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
        add(T(head, prop, tail))
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
    return b.triples


def _sorted_unique(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Triples without duplicates, sorted by their N-Triples line. The line starts with
    ``<subject> <predicate> ``, so the triples of a subject (and of a subject and a
    predicate) stay together and the Turtle writer can group them."""
    # dict.fromkeys drops duplicates by pyoxigraph's own hash and keeps the making order,
    # which is already partly sorted, so the sort below has long runs to merge.
    return sorted(dict.fromkeys(triples), key=str)


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
    cache: dict[object, object] = {}

    def conv(term):
        node = cache.get(term)
        if node is None:
            node = cache[term] = _to_rdflib(term)
        return node

    add = g.add
    # rdflib's store drops duplicates itself, so no need to sort here.
    for t in _unsorted_triples(ex, settings):
        add((conv(t.subject), conv(t.predicate), conv(t.object)))
    return g


# ---------------------------------------------------------------------- writing
#: What ``write_rdf`` and ``serialize_rdf`` take: an extraction (with its settings), an
#: rdflib graph, or pyoxigraph triples.
RdfSource = Extraction | Graph | Iterable[ox.Triple]


def rdf_format(name: str) -> ox.RdfFormat:
    """The pyoxigraph format for a name of ``RDF_FORMATS`` (case-insensitive).

    >>> rdf_format("nt") == rdf_format("ntriples")
    True
    """
    try:
        return RDF_FORMATS[name.lower()]
    except KeyError:
        raise ValueError(
            f"unknown RDF format {name!r}: use one of {', '.join(sorted(RDF_FORMATS))}"
        ) from None


def _source_triples(source: RdfSource, settings: Settings | None) -> list[ox.Triple]:
    if isinstance(source, Extraction):
        return rdf_triples(source, settings or Settings())
    if isinstance(source, Graph):
        return _sorted_unique(_graph_triples(source))
    return _sorted_unique(source)


def serialize_rdf(source: RdfSource, format: str = "turtle", *, settings: Settings | None = None) -> bytes:
    """``source`` serialised as UTF-8 bytes (see ``write_rdf``)."""
    fmt = rdf_format(format)
    with _gc_paused():
        triples = _source_triples(source, settings)
    return ox.serialize(triples, format=fmt, prefixes=_OX_PREFIXES)


def write_rdf(
    source: RdfSource,
    path: str | Path,
    format: str = "turtle",
    *,
    settings: Settings | None = None,
) -> None:
    """Write ``source`` to ``path`` as UTF-8 bytes with pyoxigraph's writer.

    Args:
        source: An ``Extraction`` (its triples are made by ``rdf_triples`` with
            ``settings``, default ``Settings()``), an ``rdflib.Graph`` such as ``to_rdf``
            returns, or pyoxigraph triples.
        path: The file to write; missing parent directories are made.
        format: A name of ``RDF_FORMATS``: ``turtle`` (default), ``nt``/``ntriples``,
            ``jsonld``.
        settings: Used with an extraction (``max_evidence``).

    The triples are deduplicated and sorted by their N-Triples form first, so equal input
    gives byte-identical files whatever the process or hash seed.
    """
    fmt = rdf_format(format)
    with _gc_paused():
        triples = _source_triples(source, settings)
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    ox.serialize(triples, output=p, format=fmt, prefixes=_OX_PREFIXES)
