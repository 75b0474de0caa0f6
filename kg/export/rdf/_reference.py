"""The export as it was made before ``kg.export.rdf.text``: a pyoxigraph term object for each term
of each triple, the triples sorted by their N-Triples text, then pyoxigraph's writers.

Kept, unchanged, as the reference the text writer must match byte for byte: used only by
``bench/rdf_speed.py`` (the speed of both in one run) and by tests/test_rdf.py (the bytes
of both on fixtures with hostile text). Nothing in the build calls it.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.config import Settings
from kg.graph import sorted_evidence
from kg.model import ENTITY_TYPES, Document, Entity, Evidence, Extraction
from kg.export.rdf.export import _OX_PREFIXES, _gc_paused, _sorted_unique, _sorted_unique_quads
from kg.export.rdf.jsonld import jsonld_bytes
from kg.export.rdf.vocab import (
    _ID,
    ENTITY_CLASS,
    EXPORT_FORMATS,
    GEO,
    KG,
    RELATION_PROPERTY,
    SCHEMA_CLASS,
    _document_iri_str,
    _entity_iri_strs,
    _evidence_iri_str,
    _hash16,
    _place_iri_str,
    format_name,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ZH = "zh"


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


def reference_triples(ex: Extraction, settings: Settings) -> list[ox.Triple]:
    """The triples as the export made them before: sorted, without duplicates."""
    with _gc_paused():
        return _sorted_unique(_build(ex, settings).triples)


def reference_quads(ex: Extraction, settings: Settings) -> list[ox.Quad]:
    """The quads as the export made them before: the default graph first, then graph by
    graph, each sorted."""
    with _gc_paused():
        b = _build(ex, settings, by_document=True)
        Q = ox.Quad
        quads = [Q(t.subject, t.predicate, t.object) for t in b.triples]
        quads += [Q(t.subject, t.predicate, t.object, g) for g, t in b.doc_triples]
        del b
        return _sorted_unique_quads(quads)


def reference_bytes(ex: Extraction, format: str = "turtle", settings: Settings | None = None) -> bytes:
    """``ex`` in ``format`` as the export wrote it before ``kg.export.rdf.text``."""
    fmt = EXPORT_FORMATS[format_name(format)]
    settings = settings or Settings()
    items = reference_quads(ex, settings) if fmt.quads else reference_triples(ex, settings)
    if fmt.name == "jsonld":
        return jsonld_bytes(items)
    prefixes = None if fmt.syntax in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS) else _OX_PREFIXES
    return ox.serialize(items, format=fmt.syntax, prefixes=prefixes)


def write_reference(
    ex: Extraction, path: str | Path, format: str = "turtle", settings: Settings | None = None
) -> None:
    """Write ``reference_bytes`` to ``path``."""
    Path(path).write_bytes(reference_bytes(ex, format, settings))
