"""The RDF export written as text: each statement is made as its N-Triples line, and
N-Triples, N-Quads, Turtle and TriG are written from the sorted lines.

Why text: a corpus of 2,000 news stories makes about 300,000 triples. Making an RDF term
object for each term of each triple and sorting the triples by their text took most of
the export's time; a line is one string concatenation, and lines sort as strings. The
bytes are those of the pyoxigraph writer the export used before (``kg.rdf._reference``
keeps it, for ``bench/rdf_speed.py`` and the tests that compare the two).

``build(ex, settings, by_document)`` makes the ``Statements``: for the corpus, and with
``by_document`` for the named graph of each document, a dict subject → the rest of each
line (``"<predicate> object"``), all in N-Triples form (``kg.rdf.terms``).

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
from collections.abc import Iterable, Iterator, Sequence
from hashlib import sha256
from itertools import islice
from operator import eq
from typing import BinaryIO

from ..config import Settings
from ..model import Document, Entity, Evidence, Extraction
from . import terms as t
from .vocab import _ID, _document_iri_str, _entity_iri_strs, _evidence_iri_str, _hash16, _place_iri_str

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
class _Builder:
    """Makes the lines of one extraction, making each repeated term once: IRIs of
    documents and evidence, small integers and rule names recur thousands of times in a
    corpus.

    ``about(s)`` is the list of what the corpus says about ``s``. What one document says
    (its description, ``mentionedIn`` links to it, its evidence nodes and the links to
    them) goes to ``said(d, s)``: the same list, or with ``by_document`` the list of ``s``
    in the named graph of document ``d``."""

    def __init__(self, limit: int, by_document: bool) -> None:
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
        self._plain: dict[str, str] = {}
        self._doubles: dict[float, str | None] = {}
        # (doc, sentence, start, end, rule) → evidence IRI; ``_described`` holds the IRIs
        # already described, since a sentence naming k entities is the evidence of up to
        # k(k-1)/2 co-occurrences.
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

    def plain(self, text: str) -> str:
        lit = self._plain.get(text)
        if lit is None:
            lit = self._plain[text] = t.quoted(text)
        return lit

    def document(self, doc: Document) -> None:
        d = self.doc_iri(doc.id)
        add = self.said(d, d).append
        add(t.IS_DOCUMENT)
        add(t.DC_IDENTIFIER + t.quoted(doc.id))
        if doc.title:
            add(t.DC_TITLE + t.zh(doc.title))
        if doc.date:
            add(t.DC_DATE + self.typed(t.date(doc.date)))
        if doc.source:
            add(t.DC_SOURCE + self.plain(doc.source))
        if doc.path:
            add(t.KG_SOURCE_FILE + self.plain(doc.path))
        if doc.format:
            add(t.KG_FORMAT + self.plain(doc.format))

    def entity(self, e: Entity, node: str) -> None:
        try:
            classes = t.CLASSES[e.type]
        except KeyError:
            raise ValueError(f"entity {e.id!r} has unknown type {e.type!r}") from None
        add = self.about(node).append
        for cls in classes:
            add(t.A + cls)
        label = t.zh(e.name)
        add(t.RDFS_LABEL + label)
        add(t.SKOS_PREF + label)
        for alias in e.aliases:
            if alias != e.name:
                add(t.SKOS_ALT + t.zh(alias))
        add(t.KG_MENTIONS + self.integer(e.mentions))
        attrs = dict(e.attrs)
        adcode = attrs.get("adcode", "")
        if adcode:
            add(t.KG_ADCODE + t.quoted(adcode))
        lat, lon = self.typed(t.decimal(attrs.get("lat", ""))), self.typed(t.decimal(attrs.get("lon", "")))
        if lat is not None and lon is not None:
            add(t.GEO_LAT + lat)
            add(t.GEO_LONG + lon)
        parent = attrs.get("parent", "")
        if parent and e.type == "Place":
            add(t.KG_WITHIN + t.iri(_place_iri_str(parent)))
        for doc_id in e.documents:
            d = self.doc_iri(doc_id)
            self.said(d, node).append(t.KG_MENTIONED_IN + d)

    def evidence(self, node: str, evidence: Sequence[Evidence]) -> None:
        """Link ``node`` to (at most ``limit`` of) its evidence, describing each once."""
        if len(evidence) > 1:
            evidence = _first_evidence(evidence, self.limit)
        known, docs = self._evidence, self._docs
        links = None if self.by_document else self.about(node)
        for e in evidence:
            key = (e.doc, e.sentence, e.start, e.end, e.rule)
            d = docs.get(e.doc) or self.doc_iri(e.doc)
            ev = known.get(key) or self._describe(e, key, d)
            (links if links is not None else self.said(d, node)).append(t.KG_EVIDENCE + ev)

    def _describe(self, e: Evidence, key: tuple, d: str) -> str:
        """The IRI of evidence ``e`` of document ``d``, described unless another evidence
        with the same hash text was."""
        text = _evidence_iri_str(e)
        ev = self._evidence[key] = t.iri(text)
        if text not in self._described:
            self._described.add(text)
            ints, integer = self._ints.get, self.integer
            lines = self.said(d, ev)
            lines += (
                t.IS_EVIDENCE,
                t.KG_SENTENCE_TEXT + t.zh(e.text),
                t.KG_SENTENCE_INDEX + (ints(e.sentence) or integer(e.sentence)),
                t.KG_START + (ints(e.start) or integer(e.start)),
                t.KG_END + (ints(e.end) or integer(e.end)),
                t.PROV_DERIVED + d,
            )
            if e.rule:
                lines.append(t.KG_RULE + self.plain(e.rule))
        return ev


def _first_evidence(evidence: Sequence[Evidence], limit: int) -> list[Evidence]:
    """``kg.graph.sorted_evidence(evidence, limit)``: the distinct evidence in (document,
    sentence, offsets, rule) order, at most ``limit``, with the text last in the order
    (two sentences at the same place under one rule are ordered by text, not by where
    hashing put them). Without hashing the Evidence objects themselves: their
    dataclass ``__hash__`` runs in Python, and this runs for every node with evidence."""
    distinct = {(e.doc, e.sentence, e.start, e.end, e.rule, e.text): e for e in evidence}
    return [distinct[k] for k in sorted(distinct)[:limit]]


def build(ex: Extraction, settings: Settings, by_document: bool = False) -> Statements:
    """The statements of ``ex`` (see the module docstring of ``kg.rdf`` for their shape);
    with ``by_document``, what each document says in its own graph.

    Raises:
        ValueError: an entity has a type outside ``ENTITY_TYPES``, or a relation a type
            outside ``RELATION_TYPES``.
        KeyError: a relation or co-occurrence names an entity id that is not an entity.
    """
    b = _Builder(settings.max_evidence, by_document)
    for dx in ex.docs:
        b.document(dx.doc)

    iris = _entity_iri_strs(ex)
    nodes = {eid: t.iri(text) for eid, text in iris.items()}
    for e in ex.entities:
        b.entity(e, nodes[e.id])

    for r in ex.relations:
        try:
            prop = t.RELATION_PREDICATE[r.type]
        except KeyError:
            raise ValueError(f"unknown relation type {r.type!r}") from None
        head, tail = nodes[r.head], nodes[r.tail]
        direct = prop + tail
        b.about(head).append(direct)
        if by_document:  # each document that states the relation says the direct triple
            for doc_id in sorted({e.doc for e in r.evidence}):
                b.said(b.doc_iri(doc_id), head).append(direct)
        stmt = t.iri(f"{_ID}stmt/{_hash16(iris[r.head], r.type, iris[r.tail])}")
        lines = b.about(stmt)
        lines += (
            t.IS_STATEMENT,
            t.IS_RDF_STATEMENT,
            t.RDF_SUBJECT + head,
            t.RDF_PREDICATE + t.RELATION_IRI[r.type],
            t.RDF_OBJECT + tail,
            t.KG_WEIGHT + b.integer(r.weight),
        )
        lines += (t.KG_RULE + b.plain(rule) for rule in sorted({e.rule for e in r.evidence if e.rule}))
        b.evidence(stmt, r.evidence)

    # The hot loop of a corpus (a co-occurrence per pair of entities in a sentence): the
    # caches are read directly, the builder's methods called on a miss only.
    about, evidence, cooc = b.about, b.evidence, f"<{_ID}cooc/"
    ints, integer, doubles, double = b._ints.get, b.integer, b._doubles.get, b.double
    for c in ex.cooccurrences:
        node = f"{cooc}{sha256(f'{iris[c.a]}|{iris[c.b]}'.encode()).hexdigest()[:16]}>"  # _hash16
        lines = about(node)
        lines += (
            t.IS_COOCCURRENCE,
            t.KG_COUNT + (ints(c.count) or integer(c.count)),
            t.KG_DOCUMENT_COUNT + (ints(c.documents) or integer(c.documents)),
            t.KG_ENTITY_A + nodes[c.a],
            t.KG_ENTITY_B + nodes[c.b],
        )
        evidence(node, c.evidence)
        pmi, npmi = doubles(c.pmi) or double(c.pmi), doubles(c.npmi) or double(c.npmi)
        if npmi is not None:
            lines.append(t.KG_NPMI + npmi)
        if pmi is not None:
            lines.append(t.KG_PMI + pmi)
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
