"""The RDF export made as text: each statement as its N-Triples line, or, for a node of
a fixed shape in the graph of the triple formats, as a record written whole
(``kg.export.rdf.shapes``); ``kg.export.rdf.writer`` writes N-Triples, N-Quads, Turtle
and TriG from them.

Why text: a corpus of 2,000 news stories makes about 300,000 triples. Making an RDF term
object for each term of each triple and sorting the triples by their text took most of
the export's time; a line is one string concatenation, and lines sort as strings. The
bytes are those of the pyoxigraph writer the export used before (``kg.export.rdf._reference``
keeps it, for ``bench/rdf_speed.py`` and the tests that compare the two).

``build(ex, settings, by_document)`` makes the ``Statements``: a dict subject → the rest
of each line (``"<predicate> object"``), all in N-Triples form (``kg.export.rdf.terms``),
or its record. Without ``by_document`` (Turtle, N-Triples, JSON-LD) it is one graph,
each node a record (``kg.export.rdf.corpus``); with ``by_document`` (TriG, N-Quads) it is
lines only, the corpus's and each document's named graph's (``kg.export.rdf.lines``).

The order they are written in (the same as before) is ``Statements.nodes()``'s
(``kg.export.rdf.statements``).
"""

from __future__ import annotations

from kg.config import Settings
from kg.model import Extraction
from kg.export.rdf import terms as t
from kg.export.rdf.corpus import CorpusBuilder, Described
from kg.export.rdf.lines import Builder, _first_evidence
from kg.export.rdf.statements import Statements
from kg.export.rdf.vocab import _entity_iri_strs

__all__ = ["Statements", "_first_evidence", "build"]


def build(
    ex: Extraction,
    settings: Settings,
    by_document: bool = False,
    turtle: bool = False,
    iris: dict[str, str] | None = None,
) -> Statements:
    """The statements of ``ex`` (see the module docstring of ``kg.export.rdf`` for their shape);
    with ``by_document``, what each document says in its own graph. With ``turtle`` (and
    not ``by_document``), made for Turtle alone: each record is written as its Turtle text
    as it is made (``kg.export.rdf.corpus.CorpusBuilder``). ``iris``: entity id → IRI, as
    ``kg.export.rdf.vocab._entity_iri_strs(ex)`` gives them, when the caller has them
    (``kg build`` makes them once for the tables, the RDF and the map).

    Raises:
        ValueError: an entity has a type outside ``ENTITY_TYPES``, or a relation a type
            outside ``RELATION_TYPES``.
        KeyError: a relation or co-occurrence names an entity id that is not an entity.
    """
    iris = _entity_iri_strs(ex) if iris is None else iris
    nodes = {eid: t.iri(text) for eid, text in iris.items()}
    if by_document:
        return _fill(Builder(settings.max_evidence, nodes), ex, iris)
    try:
        return _fill(CorpusBuilder(settings.max_evidence, nodes, turtle=turtle), ex, iris)
    except Described:  # a subject twice (an extraction listing a pair twice): as records
        return _fill(CorpusBuilder(settings.max_evidence, nodes), ex, iris)


def _fill(b: Builder, ex: Extraction, iris: dict[str, str]) -> Statements:
    for dx in ex.docs:
        b.document(dx.doc)
    for e in ex.entities:
        b.entity(e, b.nodes[e.id])
    for r in ex.relations:
        b.relation(r, iris)
    b.cooccurrences(ex.cooccurrences, iris)
    return b.out
