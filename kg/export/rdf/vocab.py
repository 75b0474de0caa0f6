"""The kg vocabulary, the export formats and the IRIs of entities, documents and evidence.

Everything here is shared by the export writers (``kg.export.rdf.text``, ``kg.export.rdf.jsonld``), the
reference writer of the benches and tests (``kg.export.rdf._reference``) and the readers of an
export (``kg.sparql.validate``, ``kg.sparql.store``); ``kg.export.rdf``'s docstring says what each term means.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO, DefinedNamespace

from kg.model import ENTITY_TYPES, RELATION_TYPES, Entity, Evidence, Extraction

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

_ID = str(ID)


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
    return hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


#: A run of characters that are not unreserved ASCII (letters, digits, ``-._~``): each
#: of its UTF-8 bytes is written ``%XX``, what ``urllib.parse.quote(text, safe="")`` gives.
_RESERVED_RUN = re.compile(r"[^A-Za-z0-9._~-]+")


def _percent(run: re.Match) -> str:
    return "%" + run.group().encode("utf-8").hex("%").upper()


#: An unreserved ASCII character.
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]")


def _enc(text: str) -> str:
    """Percent-encode everything but unreserved ASCII, so any text is one valid IRI path
    segment. A segment of dots only (``.``, ``..``) would be read as a relative step by
    any tool that resolves IRIs, so its dots are encoded too."""
    if _UNRESERVED.search(text) is None:  # one run (most Chinese names), or nothing
        return "%" + text.encode("utf-8").hex("%").upper() if text else ""
    out = _RESERVED_RUN.sub(_percent, text)
    if out and not out.strip("."):
        out = "%2E" * len(out)
    return out


#: Entity type → its IRI path segment (``Person`` → ``person``).
_TYPE_SEGMENT = {t: _enc(t.lower()) for t in ENTITY_TYPES}


def _place_segment(ref: str) -> tuple[str, str]:
    """The IRI path segment of a gazetteer place by its id, as (a fixed start, a code to
    percent-encode): ``cn:140700`` → (``cn-``, ``140700``), a world id (AE, US-CA,
    R-Arctic) → ("", the id in lowercase). The one rule for a place's IRI
    (``_place_iri_str``) and its table id (``_entity_claim``)."""
    if ref.startswith("cn:"):
        return "cn-", ref[3:]
    return "", ref.lower()


def _place_iri_str(ref: str) -> str:
    """The IRI of a gazetteer place by its id: ``cn:140700`` → ``id/place/cn-140700``, a
    world id (AE, US-CA, R-Arctic) → ``id/place/<id, lowercase>``, the same for any corpus."""
    start, code = _place_segment(ref)
    return f"{_ID}place/{start}{_enc(code)}"


def _entity_iri_str(entity: Entity) -> str:
    """The IRI an entity claims from its own attributes alone (see ``_entity_iri_strs``
    for namesakes)."""
    return _entity_claim(entity)[0]


def _entity_claim(entity: Entity) -> tuple[str, str]:
    """The IRI an entity claims from its own attributes alone, and its local part (after
    ``ID``) with the percent-encoding undone: both from the same parts, the second
    unencoded (``_enc`` encodes the UTF-8 bytes of a run, which decoding gives back
    exactly). A place with an adcode is the place ``cn:<adcode>`` of the gazetteer."""
    if entity.type == "Place" and entity.attrs:
        attrs = dict(entity.attrs)
        adcode = attrs.get("adcode")
        ref = f"cn:{adcode}" if adcode else attrs.get("ref")
        if ref:
            start, code = _place_segment(ref)
            return f"{_ID}place/{start}{_enc(code)}", f"place/{start}{code}"
    kind = entity.type.lower()
    return f"{_ID}{_TYPE_SEGMENT.get(entity.type) or _enc(kind)}/{_enc(entity.name)}", f"{kind}/{entity.name}"


def _claim_order(e: Entity) -> tuple:
    """Who keeps a claimed IRI among namesakes: a gazetteer place first, then the entity
    first named in the smallest document id (news ids mostly sort by date, so the
    earliest), then the entity id."""
    first = min(e.documents) if e.documents else None
    return (not e.attr("ref"), first is None, first or "", e.id)


def _entity_iri_strs(ex: Extraction) -> dict[str, str]:
    """Entity id → IRI (see ``_entity_ids``)."""
    return {eid: iri for eid, (_local, iri) in _entity_ids(ex).items()}


def _entity_ids(ex: Extraction) -> dict[str, tuple[str, str]]:
    """Entity id → (the IRI's local part after ``ID`` with the percent-encoding undone,
    the IRI): ``("person/习近平", "https://w3id.org/kg-news/id/person/%E4%B9%A0…")``, the
    ``id`` and ``iri`` of the tables (``kg.export.tables.table_ids``).

    Each IRI depends on the entity's own type, name, gazetteer code and, for a namesake,
    its first document, never on which other entities the corpus holds, so an entity
    keeps its IRI when the corpus grows."""
    claims: dict[str, list[tuple[Entity, str]]] = {}
    for e in ex.entities:
        iri, local = _entity_claim(e)
        claims.setdefault(iri, []).append((e, local))
    out: dict[str, tuple[str, str]] = {}
    taken = set(claims)
    for iri, group in sorted(claims.items()):
        if len(group) == 1:  # most IRIs: no namesake
            e, local = group[0]
            out[e.id] = (local, iri)
            continue
        group.sort(key=lambda pair: _claim_order(pair[0]))
        e, local = group[0]
        out[e.id] = (local, iri)
        for e, local in group[1:]:
            first = min(e.documents) if e.documents else ""
            # Suffix from the entity's first document; should two namesakes share it, from
            # all its documents, then its id. Never an IRI another entity holds.
            for parts in ((first,), (first, *sorted(e.documents)), (first, e.id)):
                suffix = f"--{_hash16(iri, *parts)[:8]}"
                alt = iri + suffix
                if alt not in taken:
                    break
            else:  # pragma: no cover - three 32-bit hash collisions in a row
                raise ValueError(f"cannot give entity {e.id!r} an IRI of its own")
            taken.add(alt)
            out[e.id] = (local + suffix, alt)
    return out


def _document_iri_str(doc_id: str) -> str:
    return f"{_ID}doc/{_enc(doc_id)}"


def _evidence_node(e: Evidence) -> str:
    """``<IRI>`` of evidence ``e`` (its N-Triples form), made at once: the export makes one
    per evidence."""
    # _hash16(e.doc, e.sentence, e.start, e.end, e.rule), spelt out
    text = f"{e.doc}|{e.sentence}|{e.start}|{e.end}|{e.rule}"
    return f"<{_ID}ev/{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}>"


def _evidence_iri_str(e: Evidence) -> str:
    return _evidence_node(e)[1:-1]


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


#: The JSON-LD context of ``graph.jsonld``, shipped as ``data/context.jsonld``.
CONTEXT_FILE = "context.jsonld"
#: The ontology (``data/ontology.ttl``): every kg: term with labels and alignments.
ONTOLOGY_FILE = "ontology.ttl"


def data_file(name: str) -> Path:
    """A vocabulary file shipped with kg (``ontology.ttl``, ``shapes.ttl``,
    ``context.jsonld``): from ``data/`` of a source checkout or the installed copy."""
    from kg.resources import default_data_dir

    return default_data_dir() / name
