"""Making an export's statements as N-Triples lines: ``_Lines`` (each recurring line
made once) and ``Builder``, which makes what the corpus says and, in the named graph
of each document, what the document says (the quad formats: TriG, N-Quads).
``kg.export.rdf.corpus`` makes the one graph of the triple formats; ``kg.export.rdf.text``
chooses between them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from hashlib import sha256
from typing import Any

from kg.model import Cooccurrence, Document, Entity, Evidence, Relation
from kg.export.rdf import terms as t
from kg.export.rdf.statements import Statements
from kg.export.rdf.vocab import _ID, _document_iri_str, _evidence_node, _hash16, _place_iri_str


class _Lines(dict):
    """Lines ``predicate object`` by key, each made once: ``lines[key]`` is ``predicate +
    make(key)`` (None where ``make`` gives None). Most lines of a corpus recur (a count
    of 1, an entity as ``kg:entityA``, a link to a sentence shared by many pairs): 300,000
    lines are 60,000 strings, which the builder makes once and the sort and the writers
    read faster than as many equal copies."""

    __slots__ = ("make", "predicate")

    def __init__(self, predicate: str, make: Callable[[Any], str | None]) -> None:
        super().__init__()
        self.predicate, self.make = predicate, make

    def __missing__(self, key: Any) -> str | None:
        obj = self.make(key)
        line = None if obj is None else self.predicate + obj
        if key or not isinstance(key, float):  # 0.0 and -0.0 are one key, two literals
            self[key] = line
        return line


class _Terms:
    """The terms an export makes once each: documents' IRIs by id, integers and doubles
    by value (noting the Turtle form of each typed literal in the statements'
    ``turtle``), dates. The builders' tables of lines (``_Lines``) make their objects
    with these methods. They are kept apart from the builder so that nothing it holds
    refers back to it: the builder's own methods there would tie it in a reference cycle,
    which kept it and every statement it made alive until the next collection by the
    cycle collector, not freed as soon as the export was written."""

    __slots__ = ("docs", "doubles", "ints", "out")

    def __init__(self, out: Statements) -> None:
        self.out = out
        self.docs: dict[str, str] = {}
        self.ints: dict[int, str] = {}
        self.doubles: dict[float, str | None] = {}

    def doc_iri(self, doc_id: str) -> str:
        node = self.docs.get(doc_id)
        if node is None:
            node = self.docs[doc_id] = t.iri(_document_iri_str(doc_id))
        return node

    def integer(self, value: int) -> str:
        lit = self.ints.get(value)
        if lit is None:
            lit, short = t.integer(value)
            self.ints[value] = lit
            self.out.turtle[lit] = short
        return lit

    def double(self, value: float | None) -> str | None:
        lit = self.doubles.get(value)
        if lit is None:
            forms = t.double(value)
            if forms is None:
                return None
            lit, short = forms
            self.out.turtle[lit] = short
            if value:  # 0.0 and -0.0 are equal keys but different literals
                self.doubles[value] = lit
        return lit

    def typed(self, literal: str | None) -> str | None:
        return literal if literal is None else self.out.typed(literal)

    def date(self, text: str) -> str:
        return self.out.typed(t.date(text))


class Builder:
    """Makes the lines of one extraction with each document's graph (``by_document``),
    each recurring term and line once.

    ``about(s)`` is the list of what the corpus says about ``s``. What one document says
    (its description, ``mentionedIn`` links to it, its evidence nodes and the links to
    them) goes to ``said(d, s)``, the list of ``s`` in the named graph of document ``d``.
    ``kg.export.rdf.corpus.CorpusBuilder`` makes the single graph of the triple formats.
    Nothing a builder holds refers back to it (see ``_Terms``)."""

    def __init__(self, limit: int, nodes: dict[str, str]) -> None:
        self.out = Statements()
        corpus, graphs = self.out.corpus, self.out.graphs
        #: The lines of a subject in the corpus.
        self.about = corpus.__getitem__
        #: The lines of a subject in what document ``d`` says.
        self.said = lambda d, s: graphs[d][s]
        self.nodes = nodes
        self.limit = limit
        terms = self.terms = _Terms(self.out)
        self.doc_iri, self.integer, self.double, self.typed = terms.doc_iri, terms.integer, terms.double, terms.typed
        node = nodes.__getitem__
        # Lines by key, see _Lines: integers and doubles by value, entities by id,
        # documents by IRI, rules by name, dates as written.
        self.count, self.documents = (
            _Lines(t.KG_COUNT, terms.integer),
            _Lines(t.KG_DOCUMENT_COUNT, terms.integer),
        )
        self.pmi, self.npmi = _Lines(t.KG_PMI, terms.double), _Lines(t.KG_NPMI, terms.double)
        self.entity_a, self.entity_b = _Lines(t.KG_ENTITY_A, node), _Lines(t.KG_ENTITY_B, node)
        self.subject, self.object = _Lines(t.RDF_SUBJECT, node), _Lines(t.RDF_OBJECT, node)
        self.weight, self.mentions = _Lines(t.KG_WEIGHT, terms.integer), _Lines(t.KG_MENTIONS, terms.integer)
        self.index, self.start = _Lines(t.KG_SENTENCE_INDEX, terms.integer), _Lines(t.KG_START, terms.integer)
        self.end = _Lines(t.KG_END, terms.integer)
        self.rule = _Lines(t.KG_RULE, t.quoted)
        self.mentioned_in = _Lines(t.KG_MENTIONED_IN, terms.doc_iri)
        self.derived_from = _Lines(t.PROV_DERIVED, str)
        self.date = _Lines(t.DC_DATE, terms.date)
        # (doc, sentence, start, end, rule) → the line linking to its evidence node;
        # ``_described`` holds the evidence nodes already described, since a sentence
        # naming k entities is the evidence of up to k(k-1)/2 co-occurrences.
        self._evidence: dict[tuple, str] = {}
        self._described: set[str] = set()

    def document(self, doc: Document) -> None:
        d = self.doc_iri(doc.id)
        add = self.said(d, d).append
        add(t.IS_DOCUMENT)
        add(t.DC_IDENTIFIER + t.quoted(doc.id))
        if doc.title:
            add(t.DC_TITLE + t.zh(doc.title))
        if doc.date:
            add(self.date[doc.date])
        if doc.source:
            add(t.DC_SOURCE + t.quoted(doc.source))
        if doc.path:
            add(t.KG_SOURCE_FILE + t.quoted(doc.path))
        if doc.format:
            add(t.KG_FORMAT + t.quoted(doc.format))

    def entity(self, e: Entity, node: str) -> None:
        try:
            types = t.IS_ENTITY[e.type]
        except KeyError:
            raise ValueError(f"entity {e.id!r} has unknown type {e.type!r}") from None
        lines = self.about(node)
        lines += types
        add = lines.append
        label = t.zh(e.name)
        add(t.RDFS_LABEL + label)
        add(t.SKOS_PREF + label)
        for alias in e.aliases:
            if alias != e.name:
                add(t.SKOS_ALT + t.zh(alias))
        add(self.mentions[e.mentions])
        attrs = dict(e.attrs)
        adcode = attrs.get("adcode", "")
        if adcode:
            add(t.KG_ADCODE + t.quoted(adcode))
        lat, lon = attrs.get("lat"), attrs.get("lon")
        if lat and lon:  # most entities have none: no exception to catch
            lat, lon = self.typed(t.decimal(lat)), self.typed(t.decimal(lon))
            if lat is not None and lon is not None:
                add(t.GEO_LAT + lat)
                add(t.GEO_LONG + lon)
        parent = attrs.get("parent", "")
        if parent and e.type == "Place":
            add(t.KG_WITHIN + t.iri(_place_iri_str(parent)))
        for doc_id in e.documents:
            self.said(self.doc_iri(doc_id), node).append(self.mentioned_in[doc_id])

    def evidence(self, node: str, evidence: Sequence[Evidence]) -> None:
        """Link ``node`` to (at most ``limit`` of) its evidence, describing each once."""
        if len(evidence) > 1:
            evidence = _first_evidence(evidence, self.limit)
        known, docs, said = self._evidence, self.terms.docs, self.said
        for e in evidence:
            key = (e.doc, e.sentence, e.start, e.end, e.rule)
            link = known.get(key) or self._describe(e, key)
            said(docs[e.doc], node).append(link)

    def _describe(self, e: Evidence, key: tuple) -> str:
        """The line linking to evidence ``e``, described unless another evidence with the
        same hash text was."""
        d = self.doc_iri(e.doc)
        ev = _evidence_node(e)
        link = self._evidence[key] = t.KG_EVIDENCE + ev
        if ev not in self._described:
            self._described.add(ev)
            lines = self.said(d, ev)
            lines += (
                t.IS_EVIDENCE,
                t.KG_SENTENCE_TEXT + t.zh(e.text),
                self.index[e.sentence],
                self.start[e.start],
                self.end[e.end],
                self.derived_from[d],
            )
            if e.rule:
                lines.append(self.rule[e.rule])
        return link

    def relation(self, r: Relation, iris: dict[str, str]) -> None:
        """A relation's direct triple (in the corpus and in each document stating it)
        and its statement node."""
        try:
            prop = t.RELATION_PREDICATE[r.type]
        except KeyError:
            raise ValueError(f"unknown relation type {r.type!r}") from None
        head = self.nodes[r.head]
        direct = prop + self.nodes[r.tail]
        self.about(head).append(direct)
        for doc_id in sorted({e.doc for e in r.evidence}):
            self.said(self.doc_iri(doc_id), head).append(direct)
        stmt = t.iri(f"{_ID}stmt/{_hash16(iris[r.head], r.type, iris[r.tail])}")
        lines = self.about(stmt)
        lines += (
            t.IS_STATEMENT,
            t.IS_RDF_STATEMENT,
            self.subject[r.head],
            t.IS_RELATION[r.type],
            self.object[r.tail],
            self.weight[r.weight],
        )
        lines += (self.rule[rule] for rule in sorted({e.rule for e in r.evidence if e.rule}))
        self.evidence(stmt, r.evidence)

    def cooccurrences(self, cooccurrences: Iterable[Cooccurrence], iris: dict[str, str]) -> None:
        about, evidence = self.about, self.evidence
        count, documents, pmi, npmi = self.count, self.documents, self.pmi, self.npmi
        entity_a, entity_b, cooc = self.entity_a, self.entity_b, f"<{_ID}cooc/"
        for c in cooccurrences:
            node = f"{cooc}{sha256(f'{iris[c.a]}|{iris[c.b]}'.encode()).hexdigest()[:16]}>"  # _hash16
            lines = about(node)
            lines += (t.IS_COOCCURRENCE, count[c.count], documents[c.documents], entity_a[c.a], entity_b[c.b])
            evidence(node, c.evidence)
            scores = npmi[c.npmi], pmi[c.pmi]
            if None in scores:
                lines += (line for line in scores if line is not None)
            else:
                lines += scores


def _first_evidence(evidence: Sequence[Evidence], limit: int) -> list[Evidence]:
    """``kg.graph.sorted_evidence(evidence, limit)``: the distinct evidence in (document,
    sentence, offsets, rule) order, at most ``limit``, with the text last in the order
    (two sentences at the same place under one rule are ordered by text, not by where
    hashing put them). Without hashing the Evidence objects themselves: their
    dataclass ``__hash__`` runs in Python, and this runs for every node with evidence."""
    distinct = {(e.doc, e.sentence, e.start, e.end, e.rule, e.text): e for e in evidence}
    return [distinct[k] for k in sorted(distinct)[:limit]]
