"""Between pyoxigraph terms and rdflib: for ``to_rdf``, ``kg.sparql.validate`` and for writing an
rdflib graph."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, URIRef

from kg.export.rdf.vocab import PREFIXES

_XSD_STRING = ox.NamedNode(str(XSD.string))


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
