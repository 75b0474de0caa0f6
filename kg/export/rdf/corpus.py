"""Making the one graph of the triple formats (Turtle, N-Triples, JSON-LD): documents,
entities, evidence, relation statements and co-occurrences as records
(``kg.export.rdf.shapes``), each written whole."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from hashlib import sha256
from operator import attrgetter

from kg.model import Cooccurrence, Document, Entity, Evidence, Relation
from kg.export.rdf import shapes
from kg.export.rdf import terms as t
from kg.export.rdf.lines import Builder, _Lines
from kg.export.rdf.shapes import Record
from kg.export.rdf.vocab import _ID, _evidence_node, _hash16, _place_iri_str


class Described(Exception):
    """A subject described twice while the builder writes Turtle as it goes: its two
    texts cannot be merged (``kg.export.rdf.text.build`` makes records instead)."""


class CorpusBuilder(Builder):
    """Makes the one graph of the triple formats: each document, entity, evidence,
    statement and co-occurrence node as a record (``kg.export.rdf.shapes``), a tuple of
    the N-Triples forms of its objects, written whole.

    With ``turtle`` (when Turtle is the only format to write), each record but an
    entity's (which gains its relations later) is written as its Turtle text at once: the
    writer then only joins the texts, and the objects are written while they are still in
    the processor's cache. A subject described twice then raises ``Described``."""

    def __init__(self, limit: int, nodes: dict[str, str], turtle: bool = False) -> None:
        super().__init__(limit, nodes)
        self.turtle = turtle
        self.short = self.out.turtle.get
        self.out.rendered = turtle
        # Objects by key (see _Lines, with no predicate): integers (their digits) and
        # doubles (their lexical form) by value, rules by name, dates as written.
        self.ints, self.doubles = _Lines("", _digits), _Lines("", t.double_text)
        self.quoted = _Lines("", t.quoted)
        # (made by self.terms, not by methods of the builder: see lines._Terms)
        self.dates = _Lines("", self.terms.date)
        self.document_nodes = _Lines("", self.terms.doc_iri)
        #: A rule → its part of an evidence node's Turtle (``shapes.rule_turtle``).
        self.rule_turtle = _Lines("", _rule_turtle)
        self._put = self.out.corpus.setdefault
        self.out.records = True
        # id(evidence object) → its IRI. The merge shares one Evidence object between
        # every pair and relation of a sentence, so most are met again, and an id is
        # quicker to look up than the evidence's key (the extraction keeps every object,
        # and so its id, alive while the statements are made).
        self._seen: dict[int, str] = {}

    def put(self, s: str, record: Record) -> None:
        """Describe ``s`` by ``record``; a subject described twice gets the lines of both.

        Raises:
            Described: ``s`` is described twice, one of them as Turtle text.
        """
        kind = record[0]
        value = kind.turtle(s, record, self.short) if self.turtle and kind is not shapes.Entity else record
        have = self._put(s, value)
        if have is not value:
            if have.__class__ is str or value.__class__ is str:
                raise Described(s)
            lines = have if have.__class__ is list else have[0].lines(have)
            lines = self.out.corpus[s] = [*lines, *kind.lines(record)]
            for line in lines:  # lines are written to Turtle with the forms of their objects
                self.out.typed(line.partition(" ")[2])

    def document(self, doc: Document) -> None:
        quoted = self.quoted  # by value: most documents share their file, format and source
        self.put(
            self.doc_iri(doc.id),
            (
                shapes.Document,
                self.dates[doc.date] if doc.date else None,
                t.quoted(doc.id),
                quoted[doc.source] if doc.source else None,
                t.zh(doc.title) if doc.title else None,
                quoted[doc.format] if doc.format else None,
                quoted[doc.path] if doc.path else None,
            ),
        )

    def entity(self, e: Entity, node: str) -> None:
        if e.type not in t.IS_ENTITY:
            raise ValueError(f"entity {e.id!r} has unknown type {e.type!r}")
        name = e.name
        alts = tuple(sorted({t.zh(alias) for alias in e.aliases if alias != name})) if e.aliases else ()
        adcode = lat = lon = parent = None
        if e.attrs:  # most entities have none
            attrs = dict(e.attrs)
            adcode, parent = attrs.get("adcode"), attrs.get("parent")
            lat, lon = attrs.get("lat"), attrs.get("lon")
            if lat and lon:
                lat, lon = self.typed(t.decimal(lat)), self.typed(t.decimal(lon))
                if lat is None or lon is None:
                    lat = lon = None
            else:
                lat = lon = None
        documents = list(map(self.document_nodes.__getitem__, e.documents))
        if len(documents) > 1:
            documents = sorted(set(documents))
        record = (
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
        )
        if self._put(node, record) is not record:  # described before: merged by put
            self.put(node, record)

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
        ev = self._seen[id(e)] = _evidence_node(e)
        corpus = self.out.corpus
        if ev not in corpus:
            ints = self.ints
            if self.turtle:  # the Turtle of the record below, made at once
                corpus[ev] = shapes.evidence_turtle(
                    ev,
                    self.document_nodes[e.doc],
                    ints[e.end],
                    self.rule_turtle[e.rule],
                    ints[e.sentence],
                    t.zh(e.text),
                    ints[e.start],
                )
                return ev
            corpus[ev] = (
                shapes.Evidence,
                self.document_nodes[e.doc],
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
        ints, doubles, node, cooc = self.ints, self.doubles, self.nodes, f"<{_ID}cooc/"
        kind = shapes.Cooccurrence
        if self.turtle:
            # The Turtle of each record (shapes.cooccurrence_turtle), made at once without
            # the record: the scores by value as their part of it, the evidence links
            # joined. In Turtle a subject met twice cannot be merged (Described).
            turtle, npmi, pmi = shapes.cooccurrence_turtle, _Scores(shapes.npmi_turtle), _Scores(shapes.pmi_turtle)
            for c in cooccurrences:
                s = f"{cooc}{sha256(first[c.a] + second[c.b]).hexdigest()[:16]}>"
                evidence = c.evidence
                if len(evidence) == 1:
                    e = evidence[0]
                    evidence = seen(id(e)) or link(e)
                else:
                    evidence = " , ".join(links(evidence)) if evidence else ""
                text = turtle(
                    s, ints[c.count], ints[c.documents], node[c.a], node[c.b], evidence, npmi[c.npmi], pmi[c.pmi]
                )
                if put(s, text) is not text:
                    raise Described(s)
            return
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


def _rule_turtle(rule: str) -> str:
    return shapes.rule_turtle(t.quoted(rule) if rule else None)


class _Scores(dict):
    """A score (``xsd:double``) by value → its part of a co-occurrence's Turtle, as
    ``make`` (``shapes.npmi_turtle`` or ``pmi_turtle``) gives it for the lexical form
    (None for a missing or infinite score). 0.0 and -0.0 are one key but two literals:
    not kept."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[str | None], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, value: float | None) -> str:
        out = self.make(t.double_text(value))
        if value or not isinstance(value, float):
            self[value] = out
        return out


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
