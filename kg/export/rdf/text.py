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
of each line (``"<predicate> object"``), all in N-Triples form (``kg.export.rdf.terms``).
Without ``by_document`` (Turtle, N-Triples, JSON-LD) it is one graph, where documents,
evidence, statement and co-occurrence nodes are records and entities lines; with
``by_document`` (TriG, N-Quads) it is lines only, the corpus's and each document's
named graph's.

The order they are written in (the same as before) is ``Statements.nodes()``'s
(``kg.export.rdf.statements``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from hashlib import sha256
from operator import attrgetter
from typing import Any

from kg.config import Settings
from kg.model import Cooccurrence, Document, Entity, Evidence, Extraction, Relation
from kg.export.rdf import shapes
from kg.export.rdf import terms as t
from kg.export.rdf.shapes import Record
from kg.export.rdf.statements import Statements
from kg.export.rdf.vocab import _ID, _document_iri_str, _entity_iri_strs, _evidence_iri_str, _hash16, _place_iri_str


# ---------------------------------------------------------------------- making the lines
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


class _Builder:
    """Makes the lines of one extraction with each document's graph (``by_document``),
    each recurring term and line once.

    ``about(s)`` is the list of what the corpus says about ``s``. What one document says
    (its description, ``mentionedIn`` links to it, its evidence nodes and the links to
    them) goes to ``said(d, s)``, the list of ``s`` in the named graph of document ``d``.
    ``_CorpusBuilder`` makes the single graph of the triple formats."""

    by_document = True

    def __init__(self, limit: int, nodes: dict[str, str]) -> None:
        self.out = Statements()
        corpus, graphs = self.out.corpus, self.out.graphs
        #: The lines of a subject in the corpus.
        self.about = corpus.__getitem__
        #: The lines of a subject in what document ``d`` says.
        self.said = lambda d, s: graphs[d][s]
        self.nodes = nodes
        self.limit = limit
        self._docs: dict[str, str] = {}
        self._ints: dict[int, str] = {}
        self._doubles: dict[float, str | None] = {}
        node = nodes.__getitem__
        # Lines by key, see _Lines: integers and doubles by value, entities by id,
        # documents by IRI, rules by name, dates as written.
        self.count, self.documents = (
            _Lines(t.KG_COUNT, self.integer),
            _Lines(t.KG_DOCUMENT_COUNT, self.integer),
        )
        self.pmi, self.npmi = _Lines(t.KG_PMI, self.double), _Lines(t.KG_NPMI, self.double)
        self.entity_a, self.entity_b = _Lines(t.KG_ENTITY_A, node), _Lines(t.KG_ENTITY_B, node)
        self.subject, self.object = _Lines(t.RDF_SUBJECT, node), _Lines(t.RDF_OBJECT, node)
        self.weight, self.mentions = _Lines(t.KG_WEIGHT, self.integer), _Lines(t.KG_MENTIONS, self.integer)
        self.index, self.start = _Lines(t.KG_SENTENCE_INDEX, self.integer), _Lines(t.KG_START, self.integer)
        self.end = _Lines(t.KG_END, self.integer)
        self.rule = _Lines(t.KG_RULE, t.quoted)
        self.mentioned_in = _Lines(t.KG_MENTIONED_IN, self.doc_iri)
        self.derived_from = _Lines(t.PROV_DERIVED, str)
        self.date = _Lines(t.DC_DATE, lambda text: self.typed(t.date(text)))
        # (doc, sentence, start, end, rule) → the line linking to its evidence node;
        # ``_described`` holds the evidence IRIs already described, since a sentence
        # naming k entities is the evidence of up to k(k-1)/2 co-occurrences.
        self._evidence: dict[tuple, str] = {}
        self._described: set[str] = set()

    def doc_iri(self, doc_id: str) -> str:
        node = self._docs.get(doc_id)
        if node is None:
            node = self._docs[doc_id] = t.iri(_document_iri_str(doc_id))
        return node

    def integer(self, value: int) -> str:
        lit = self._ints.get(value)
        if lit is None:
            lit, short = t.integer(value)
            self._ints[value] = lit
            self.out.turtle[lit] = short
        return lit

    def double(self, value: float | None) -> str | None:
        lit = self._doubles.get(value)
        if lit is None:
            forms = t.double(value)
            if forms is None:
                return None
            lit, short = forms
            self.out.turtle[lit] = short
            if value:  # 0.0 and -0.0 are equal keys but different literals
                self._doubles[value] = lit
        return lit

    def typed(self, literal: str | None) -> str | None:
        return literal if literal is None else self.out.typed(literal)

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
        if self.by_document:
            for doc_id in e.documents:
                self.said(self.doc_iri(doc_id), node).append(self.mentioned_in[doc_id])
        else:
            lines += map(self.mentioned_in.__getitem__, e.documents)

    def evidence(self, node: str, evidence: Sequence[Evidence]) -> None:
        """Link ``node`` to (at most ``limit`` of) its evidence, describing each once."""
        if len(evidence) > 1:
            evidence = _first_evidence(evidence, self.limit)
        known, docs, said = self._evidence, self._docs, self.said
        for e in evidence:
            key = (e.doc, e.sentence, e.start, e.end, e.rule)
            link = known.get(key) or self._describe(e, key)
            said(docs[e.doc], node).append(link)

    def _describe(self, e: Evidence, key: tuple) -> str:
        """The line linking to evidence ``e``, described unless another evidence with the
        same hash text was."""
        d = self.doc_iri(e.doc)
        text = _evidence_iri_str(e)
        ev = t.iri(text)
        link = self._evidence[key] = t.KG_EVIDENCE + ev
        if text not in self._described:
            self._described.add(text)
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


class _CorpusBuilder(_Builder):
    """Makes the one graph of the triple formats: entities as lines, and each document,
    evidence, statement and co-occurrence node as a record (``kg.export.rdf.shapes``):
    a tuple of the N-Triples forms of its objects, written whole."""

    by_document = False

    def __init__(self, limit: int, nodes: dict[str, str]) -> None:
        super().__init__(limit, nodes)
        # Objects by key (see _Lines, with no predicate): integers (their digits) and
        # doubles (their lexical form) by value, rules by name, dates as written.
        self.ints, self.doubles = _Lines("", _digits), _Lines("", t.double_text)
        self.quoted = _Lines("", t.quoted)
        self.dates = _Lines("", lambda text: self.typed(t.date(text)))
        self.document_nodes = _Lines("", self.doc_iri)
        self._put = self.out.corpus.setdefault
        self.out.records = True
        # id(evidence object) → its IRI. The merge shares one Evidence object between
        # every pair and relation of a sentence, so most are met again, and an id is
        # quicker to look up than the evidence's key (the extraction keeps every object,
        # and so its id, alive while the statements are made).
        self._seen: dict[int, str] = {}

    def put(self, s: str, record: Record) -> None:
        """Describe ``s`` by ``record``; a subject described twice gets the lines of both."""
        have = self._put(s, record)
        if have is not record:
            lines = have if have.__class__ is list else have[0].lines(have)
            self.out.corpus[s] = [*lines, *record[0].lines(record)]

    def document(self, doc: Document) -> None:
        quoted = t.quoted
        self.put(
            self.doc_iri(doc.id),
            (
                shapes.Document,
                self.dates[doc.date] if doc.date else None,
                quoted(doc.id),
                quoted(doc.source) if doc.source else None,
                t.zh(doc.title) if doc.title else None,
                quoted(doc.format) if doc.format else None,
                quoted(doc.path) if doc.path else None,
            ),
        )

    def entity(self, e: Entity, node: str) -> None:
        if e.type not in t.IS_ENTITY:
            raise ValueError(f"entity {e.id!r} has unknown type {e.type!r}")
        name = e.name
        alts = tuple(sorted({t.zh(alias) for alias in e.aliases if alias != name})) if e.aliases else ()
        attrs = dict(e.attrs)
        adcode = attrs.get("adcode")
        lat, lon = attrs.get("lat"), attrs.get("lon")
        if lat and lon:  # most entities have none: no exception to catch
            lat, lon = self.typed(t.decimal(lat)), self.typed(t.decimal(lon))
            if lat is None or lon is None:
                lat = lon = None
        else:
            lat = lon = None
        parent = attrs.get("parent")
        documents = list(map(self.document_nodes.__getitem__, e.documents))
        if len(documents) > 1:
            documents = sorted(set(documents))
        self.put(
            node,
            (
                shapes.Entity,
                e.type,
                t.zh(name),
                alts,
                lat,
                lon,
                t.quoted(adcode) if adcode else None,
                tuple(documents),
                self.ints[e.mentions],
                t.iri(_place_iri_str(parent)) if parent and e.type == "Place" else None,
                [],
            ),
        )

    def links(self, evidence: Sequence[Evidence]) -> tuple[str, ...]:
        """The IRIs of ``evidence`` (of the first ``limit`` in the canonical order when
        there are more, as ``_first_evidence`` chooses), sorted. An evidence met for the
        first time is described unless one with the same IRI was, in the canonical
        order, so the same evidence describes an IRI as when every list is sorted."""
        if len(evidence) > self.limit and len(evidence) > 1:
            evidence = _first_sorted(evidence, self.limit)
        seen = self._seen
        links = list(map(seen.get, map(id, evidence)))
        if None in links:
            new = [e for e, link in zip(evidence, links) if link is None]
            if len(new) > 1:
                new.sort(key=_EVIDENCE_ORDER)
            for e in new:
                seen.get(id(e)) or self.link(e)
            links = list(map(seen.__getitem__, map(id, evidence)))
        return tuple(sorted(set(links))) if len(links) > 1 else tuple(links)

    def link(self, e: Evidence) -> str:
        """The IRI of evidence ``e``, met for the first time: described unless an evidence
        with the same IRI (the same document, sentence, offsets and rule) was."""
        ev = self._seen[id(e)] = f"<{_evidence_iri_str(e)}>"
        corpus = self.out.corpus
        if ev not in corpus:
            ints = self.ints
            corpus[ev] = (
                shapes.Evidence,
                self._docs.get(e.doc) or self.doc_iri(e.doc),
                ints[e.end],
                self.quoted[e.rule] if e.rule else None,
                ints[e.sentence],
                t.zh(e.text),
                ints[e.start],
            )
        return ev

    def relation(self, r: Relation, iris: dict[str, str]) -> None:
        try:
            prop = t.RELATION_PREDICATE[r.type]
        except KeyError:
            raise ValueError(f"unknown relation type {r.type!r}") from None
        head, tail = self.nodes[r.head], self.nodes[r.tail]
        entity = self.out.corpus[head]  # a record (its list of direct triples last), or lines
        (entity if entity.__class__ is list else entity[-1]).append(prop + tail)
        stmt = t.iri(f"{_ID}stmt/{_hash16(iris[r.head], r.type, iris[r.tail])}")
        rules = tuple(sorted({self.quoted[e.rule] for e in r.evidence if e.rule}))
        links = self.links(r.evidence) if r.evidence else ()
        self.put(
            stmt, (shapes.Statement, tail, t.RELATION_IRI[r.type], head, links, rules, self.ints[r.weight])
        )

    def cooccurrences(self, cooccurrences: Iterable[Cooccurrence], iris: dict[str, str]) -> None:
        # The hot loop of a corpus: a co-occurrence per pair of entities in a sentence,
        # most with one sentence, whose link is looked up here. The pair's hash is of
        # the bytes of ``<IRI a>|<IRI b>`` (``_hash16``), each IRI encoded once.
        first = {eid: f"{iri}|".encode() for eid, iri in iris.items()}
        second = {eid: iri.encode() for eid, iri in iris.items()}
        put, links, seen, link = self._put, self.links, self._seen.get, self.link
        ints, doubles, node, cooc, kind = (
            self.ints,
            self.doubles,
            self.nodes,
            f"<{_ID}cooc/",
            shapes.Cooccurrence,
        )
        for c in cooccurrences:
            s = f"{cooc}{sha256(first[c.a] + second[c.b]).hexdigest()[:16]}>"
            evidence = c.evidence
            if len(evidence) == 1:
                e = evidence[0]
                evidence = (seen(id(e)) or link(e),)
            elif evidence:
                evidence = links(evidence)
            record = (
                kind,
                ints[c.count],
                ints[c.documents],
                node[c.a],
                node[c.b],
                evidence,
                doubles[c.npmi],
                doubles[c.pmi],
            )
            if put(s, record) is not record:
                self.put(s, record)


def _digits(value: int) -> str:
    return str(int(value))


#: The canonical order of evidence (``_first_evidence``), as a key.
_EVIDENCE_ORDER = attrgetter("doc", "sentence", "start", "end", "rule", "text")


def _first_sorted(evidence: Sequence[Evidence], limit: int) -> list[Evidence]:
    """``_first_evidence(evidence, limit)``, by one sort with a key made in C: quicker on
    the long lists of a corpus (the merge gives them sorted, which the sort only checks)."""
    out: list[Evidence] = []
    last = None
    for e in sorted(evidence, key=_EVIDENCE_ORDER):
        if len(out) == limit:
            break
        key = _EVIDENCE_ORDER(e)
        if key != last:
            out.append(e)
            last = key
    return out


def _first_evidence(evidence: Sequence[Evidence], limit: int) -> list[Evidence]:
    """``kg.graph.sorted_evidence(evidence, limit)``: the distinct evidence in (document,
    sentence, offsets, rule) order, at most ``limit``, with the text last in the order
    (two sentences at the same place under one rule are ordered by text, not by where
    hashing put them). Without hashing the Evidence objects themselves: their
    dataclass ``__hash__`` runs in Python, and this runs for every node with evidence."""
    distinct = {(e.doc, e.sentence, e.start, e.end, e.rule, e.text): e for e in evidence}
    return [distinct[k] for k in sorted(distinct)[:limit]]


def build(ex: Extraction, settings: Settings, by_document: bool = False) -> Statements:
    """The statements of ``ex`` (see the module docstring of ``kg.export.rdf`` for their shape);
    with ``by_document``, what each document says in its own graph.

    Raises:
        ValueError: an entity has a type outside ``ENTITY_TYPES``, or a relation a type
            outside ``RELATION_TYPES``.
        KeyError: a relation or co-occurrence names an entity id that is not an entity.
    """
    iris = _entity_iri_strs(ex)
    nodes = {eid: t.iri(text) for eid, text in iris.items()}
    if by_document:
        b = _Builder(settings.max_evidence, nodes)
    else:
        b = _CorpusBuilder(settings.max_evidence, nodes)
    for dx in ex.docs:
        b.document(dx.doc)
    for e in ex.entities:
        b.entity(e, nodes[e.id])
    for r in ex.relations:
        b.relation(r, iris)
    b.cooccurrences(ex.cooccurrences, iris)
    return b.out
