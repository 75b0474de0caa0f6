"""The RDF export written as text: each statement is made as its N-Triples line, and
N-Triples, N-Quads, Turtle and TriG are written from the sorted lines.

Why text: a corpus of 2,000 news stories makes about 300,000 triples. Making an RDF term
object for each term of each triple and sorting the triples by their text took most of
the export's time; a line is one string concatenation, and lines sort as strings. The
bytes are those of the pyoxigraph writer the export used before (``kg.export.rdf._reference``
keeps it, for ``bench/rdf_speed.py`` and the tests that compare the two).

``build(ex, settings, by_document)`` makes the ``Statements``: for the corpus, and with
``by_document`` for the named graph of each document, a dict subject → the rest of each
line (``"<predicate> object"``), all in N-Triples form (``kg.export.rdf.terms``).

The canonical order (the same as before): the lines of a graph without duplicates,
sorted as strings (by code point); the default graph first, then the named graphs by
``<graph IRI>``. Sorting subjects first and then each subject's ``"<predicate> object"``
gives that order, since an IRI ends at its ``>``, which no IRI holds: no subject's text
is the start of another's, so two lines with different subjects compare as their
subjects do.

- N-Triples: ``subject predicate object .`` per line; N-Quads the same with `` <graph>``
  before the dot for a named graph.
- Turtle: the prefixes (``terms.TURTLE_HEADER``) once there is a triple, then per
  subject ``subject predicate object`` with `` , object`` for another object of the same
  predicate, `` ;`` + newline + tab before the next predicate and `` .`` + newline at the
  end, in the same order.
- TriG: the default graph as Turtle, then each named graph as ``<graph> {`` + newline,
  its subjects as Turtle indented by one tab (two for continuation lines), ``}`` + newline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from hashlib import sha256
from itertools import islice
from operator import eq
from typing import Any, BinaryIO

from kg.config import Settings
from kg.model import Document, Entity, Evidence, Extraction
from kg.export.rdf import terms as t
from kg.export.rdf.vocab import _ID, _document_iri_str, _entity_iri_strs, _evidence_iri_str, _hash16, _place_iri_str

#: subject (``<iri>``) → the rest of its lines (``"<predicate> object"``).
Subjects = dict[str, list[str]]


class Statements:
    """Every statement of an export as text: ``corpus`` for what the corpus says as a whole
    (every statement, when made without documents' graphs), ``graphs`` the named graph
    of each document (``<document IRI>`` → its subjects) when made ``by_document``."""

    __slots__ = ("_canonical", "corpus", "graphs", "turtle")

    def __init__(self) -> None:
        self.corpus: Subjects = defaultdict(list)
        self.graphs: dict[str, Subjects] = defaultdict(lambda: defaultdict(list))
        #: The Turtle form of every object (and subject) whose form differs from its
        #: N-Triples form: the vocabulary IRIs and each typed literal the builder made.
        self.turtle: dict[str, str] = dict(t.TURTLE_IRI)
        self._canonical: dict[str | None, list[tuple[str, list[str]]]] = {}

    def typed(self, literal: str) -> str:
        """Note the Turtle form of a typed literal (``3`` for ``"3"^^xsd:integer``)."""
        short = t.turtle_object(literal)
        if short != literal:
            self.turtle[literal] = short
        return literal

    def __bool__(self) -> bool:
        return bool(self.corpus or self.graphs)

    def _union(self) -> Subjects:
        if not self.graphs:
            return self.corpus
        out: Subjects = {s: list(lines) for s, lines in self.corpus.items()}
        for graph in self.graphs.values():
            for s, lines in graph.items():
                mine = out.get(s)
                if mine is None:
                    out[s] = list(lines)
                else:
                    mine += lines
        return out

    def graph(self, name: str | None = None) -> list[tuple[str, list[str]]]:
        """A graph in the canonical order: its subjects sorted, each with its lines
        deduplicated and sorted. ``name`` is ``None`` for every statement (the union of
        the graphs), ``""`` for the default graph, else a document's ``<IRI>``. Each is
        sorted once; the sorted lists replace the made ones."""
        done = self._canonical.get(name)
        if done is None:
            subjects = self._union() if name is None else self.graphs[name] if name else self.corpus
            done = []
            for s in sorted(subjects):
                lines = subjects[s]
                lines.sort()
                if any(map(eq, lines, islice(lines, 1, None))):  # rare: drop duplicates
                    lines = subjects[s] = sorted(set(lines))
                done.append((s, lines))
            self._canonical[name] = done
        return done


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
    """Makes the lines of one extraction, each recurring term and line once.

    ``about(s)`` is the list of what the corpus says about ``s``. What one document says
    (its description, ``mentionedIn`` links to it, its evidence nodes and the links to
    them) goes to ``said(d, s)``: the same list, or with ``by_document`` the list of ``s``
    in the named graph of document ``d``."""

    def __init__(self, limit: int, by_document: bool, nodes: dict[str, str]) -> None:
        self.out = Statements()
        corpus, graphs = self.out.corpus, self.out.graphs
        #: The lines of a subject in the corpus.
        self.about = corpus.__getitem__
        #: The lines of a subject in what document ``d`` says.
        self.said = (lambda d, s: graphs[d][s]) if by_document else (lambda d, s: corpus[s])
        self.by_document = by_document
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
        known, docs = self._evidence, self._docs
        links = None if self.by_document else self.about(node)
        for e in evidence:
            key = (e.doc, e.sentence, e.start, e.end, e.rule)
            link = known.get(key) or self._describe(e, key)
            if links is None:
                self.said(docs[e.doc], node).append(link)
            else:
                links.append(link)

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
    b = _Builder(settings.max_evidence, by_document, nodes)
    for dx in ex.docs:
        b.document(dx.doc)
    for e in ex.entities:
        b.entity(e, nodes[e.id])

    for r in ex.relations:
        try:
            prop = t.RELATION_PREDICATE[r.type]
        except KeyError:
            raise ValueError(f"unknown relation type {r.type!r}") from None
        head = nodes[r.head]
        direct = prop + nodes[r.tail]
        b.about(head).append(direct)
        if by_document:  # each document that states the relation says the direct triple
            for doc_id in sorted({e.doc for e in r.evidence}):
                b.said(b.doc_iri(doc_id), head).append(direct)
        stmt = t.iri(f"{_ID}stmt/{_hash16(iris[r.head], r.type, iris[r.tail])}")
        lines = b.about(stmt)
        lines += (
            t.IS_STATEMENT,
            t.IS_RDF_STATEMENT,
            b.subject[r.head],
            t.IS_RELATION[r.type],
            b.object[r.tail],
            b.weight[r.weight],
        )
        lines += (b.rule[rule] for rule in sorted({e.rule for e in r.evidence if e.rule}))
        b.evidence(stmt, r.evidence)

    # The hot loop of a corpus: a co-occurrence per pair of entities in a sentence, most
    # with one sentence, whose link is looked up here.
    about, evidence, known = b.about, b.evidence, b._evidence
    count, documents, pmi, npmi = b.count, b.documents, b.pmi, b.npmi
    entity_a, entity_b, cooc = b.entity_a, b.entity_b, f"<{_ID}cooc/"
    for c in ex.cooccurrences:
        node = f"{cooc}{sha256(f'{iris[c.a]}|{iris[c.b]}'.encode()).hexdigest()[:16]}>"  # _hash16
        lines = about(node)
        lines += (t.IS_COOCCURRENCE, count[c.count], documents[c.documents], entity_a[c.a], entity_b[c.b])
        if len(c.evidence) == 1 and not by_document:
            e = c.evidence[0]
            key = (e.doc, e.sentence, e.start, e.end, e.rule)
            lines.append(known.get(key) or b._describe(e, key))
        else:
            evidence(node, c.evidence)
        scores = npmi[c.npmi], pmi[c.pmi]
        if None in scores:
            lines += (line for line in scores if line is not None)
        else:
            lines += scores
    return b.out


# ---------------------------------------------------------------------- writing the lines
#: Subjects per piece of text the writers give (a few hundred kilobytes).
_BATCH = 2000


def _ntriples(graph: list[tuple[str, list[str]]], name: str = "") -> Iterator[str]:
    end = f" {name} .\n" if name else " .\n"
    for i in range(0, len(graph), _BATCH):
        out = []
        for s, lines in graph[i : i + _BATCH]:
            head = s + " "
            out += (head, (end + head).join(lines), end)
        yield "".join(out)


def _turtle(graph: list[tuple[str, list[str]]], forms: dict[str, str], indent: str = "") -> Iterator[str]:
    """Turtle of one graph; ``forms`` gives the Turtle form of a term where it differs
    from the N-Triples form (``Statements.turtle``)."""
    short = forms.get
    # What goes before a predicate and its object: after the subject, or after another
    # predicate's object; and before another object of the same predicate.
    first = {p: f" {tp} " for p, tp in t.TURTLE_PREDICATE.items()}
    after = {p: f" ;\n\t{indent}{tp} " for p, tp in t.TURTLE_PREDICATE.items()}
    for i in range(0, len(graph), _BATCH):
        out = []
        add = out.append
        for s, lines in graph[i : i + _BATCH]:
            p, _, o = lines[0].partition(" ")  # no IRI holds a space
            add(f"{indent}{short(s, s)}{first.get(p) or f' {p} '}{short(o, o)}")
            last = p
            for line in islice(lines, 1, None):
                p, _, o = line.partition(" ")
                if p == last:
                    add(" , " + short(o, o))
                else:
                    add((after.get(p) or f" ;\n\t{indent}{p} ") + short(o, o))
                    last = p
            add(" .\n")
        yield "".join(out)


def chunks(st: Statements, syntax: str) -> Iterator[str]:
    """The text of ``st`` in ``syntax`` (``ntriples``, ``nquads``, ``turtle`` or ``trig``),
    in pieces. The triple syntaxes write every statement (``st.graph()``), the quad ones
    the default graph and then each document's graph."""
    if syntax in ("ntriples", "turtle"):
        graph = st.graph()
        if syntax == "ntriples":
            yield from _ntriples(graph)
        elif graph:
            yield t.TURTLE_HEADER
            yield from _turtle(graph, st.turtle)
        return
    default = st.graph("")
    names = sorted(st.graphs)
    if syntax == "nquads":
        yield from _ntriples(default)
        for name in names:
            yield from _ntriples(st.graph(name), name)
        return
    if syntax != "trig":
        raise ValueError(f"no text writer for {syntax!r}")
    if st:
        yield t.TURTLE_HEADER
    yield from _turtle(default, st.turtle)
    for name in names:
        yield f"{st.turtle.get(name, name)} {{\n"
        yield from _turtle(st.graph(name), st.turtle, "\t")
        yield "}\n"


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        start = text.rfind("\n", 0, e.start) + 1
        end = text.find("\n", e.end)
        line = text[start : end if end >= 0 else len(text)]
        raise ValueError(
            f"cannot write U+{ord(text[e.start]):04X}, a lone surrogate (no Unicode text), "
            f"in the RDF statement {line[:300]!r}"
        ) from None


def write_text(pieces: Iterable[str], out: BinaryIO) -> None:
    """Write ``pieces`` to ``out`` as UTF-8.

    Raises:
        ValueError: a piece holds a lone surrogate (the message shows its statement).
    """
    out.writelines(_utf8(piece) for piece in pieces)
