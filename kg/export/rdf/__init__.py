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

The statements are written as text, never as one RDF term object per triple
(``kg.export.rdf.text``), in the canonical order: the N-Triples lines of each graph (terms
and escaping in ``kg.export.rdf.terms``) deduplicated and sorted as strings. Each node of
the graph of the triple formats is one record written whole (``kg.export.rdf.shapes``;
as Turtle text as soon as it is made when Turtle is the only format written); the named
graphs of the quad formats are made as lines. Every format is written from them
(``kg.export.rdf.writer``), so equal input gives equal bytes in any process:

- ``write_rdf(ex, path, format, settings=...)`` writes one format: Turtle (default),
  N-Triples, TriG and N-Quads from the lines, JSON-LD with ``jsonld_bytes``: compact,
  with the context of ``data/context.jsonld`` embedded (short terms such as ``label``,
  ``mentions``, ``evidence``; ``id:`` for resources);
- ``write_exports(ex, outdir, settings)`` writes every format of
  ``Settings.rdf_formats`` (``graph.ttl``, ``graph.nt``, ``graph.jsonld``, ``graph.trig``,
  ``graph.nq``), making the statements once; ``kg build --rdf-format`` sets them;
- ``rdf_triples(ex, settings)`` and ``rdf_quads`` give the same statements as pyoxigraph
  terms (the N-Triples text read back by pyoxigraph), in the same order, and
  ``to_rdf(ex, settings)`` as an ``rdflib.Graph``, for code that wants rdflib's API or
  SPARQL (slower: rdflib's store adds each triple in Python).

The bytes are those the export had when it made pyoxigraph terms and wrote them with
pyoxigraph (``kg.export.rdf._reference`` keeps that path for ``bench/rdf_speed.py``, which
times both in one run, and for the tests that compare their bytes).

``write_rdf`` also takes an ``rdflib.Graph`` (such as ``to_rdf``'s) or pyoxigraph triples
and writes them with pyoxigraph in the same order, so ``write_rdf(to_rdf(ex, s), p)`` and
``write_rdf(ex, p, settings=s)`` give the same bytes. ``kg.sparql.validate`` checks an export
against the SHACL shapes of ``data/shapes.ttl``.
"""

from kg.export.rdf.convert import add_to_rdflib, new_graph
from kg.export.rdf.export import RdfSource, rdf_quads, rdf_triples, serialize_rdf, to_rdf, write_exports, write_rdf
from kg.export.rdf.jsonld import jsonld_bytes, jsonld_context
from kg.export.rdf.vocab import (
    CONTEXT_FILE,
    ENTITY_CLASS,
    EXPORT_FORMATS,
    FORMAT_ALIASES,
    GEO,
    ID,
    KG,
    ONTOLOGY_FILE,
    PREFIXES,
    RDF_FORMATS,
    RELATION_PROPERTY,
    SCHEMA_CLASS,
    VOCAB,
    ExportFormat,
    data_file,
    document_iri,
    entity_iri,
    entity_iris,
    evidence_iri,
    format_name,
    rdf_format,
)

__all__ = [
    "CONTEXT_FILE",
    "ENTITY_CLASS",
    "EXPORT_FORMATS",
    "FORMAT_ALIASES",
    "GEO",
    "ID",
    "KG",
    "ONTOLOGY_FILE",
    "PREFIXES",
    "RDF_FORMATS",
    "RELATION_PROPERTY",
    "SCHEMA_CLASS",
    "VOCAB",
    "ExportFormat",
    "RdfSource",
    "add_to_rdflib",
    "data_file",
    "document_iri",
    "entity_iri",
    "entity_iris",
    "evidence_iri",
    "format_name",
    "jsonld_bytes",
    "jsonld_context",
    "new_graph",
    "rdf_format",
    "rdf_quads",
    "rdf_triples",
    "serialize_rdf",
    "to_rdf",
    "write_exports",
    "write_rdf",
]
