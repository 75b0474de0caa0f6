"""Nodes of a fixed shape, kept as one tuple each and written whole.

Every subject of the graph the triple formats write has a shape known in advance: a
co-occurrence always has its type, two counts, its two entities, its evidence and its
scores; an evidence node its type, document, offsets, sentence and rule; a statement
node, a document and an entity the same. Making eight lines for each, sorting them and
taking them apart again to write Turtle cost most of the export's time. So that graph
(``kg.export.rdf.statements.Statements.corpus`` made by ``kg.export.rdf.corpus``; the
named graphs of the quad formats are made as lines) holds each node as a record: a tuple
whose first item is its shape, the other items the N-Triples form of each object, but
integers (``xsd:integer``) as their digits and doubles (``xsd:double``) as their lexical
form (``integer`` and ``double`` give their N-Triples form; the Turtle writers write
theirs without a lookup). The shape writes the record:

- ``lines(r)``: its lines (``"<predicate> object"``) in the canonical order, the order
  sorting them would give. The order of the predicates is fixed here and checked against
  a sort when this module is loaded; the objects of one predicate (evidence links,
  rules, other names, documents) are held sorted and without duplicates by the builder;
- ``turtle(s, r, short)``: the Turtle of the node with subject ``s``, as the line writer
  of ``kg.export.rdf.writer`` writes lines (``short`` gives an object's Turtle form where
  it differs: literals of ``xsd:decimal`` and ``xsd:date``, and vocabulary IRIs;
  resource IRIs, plain and ``@zh`` literals are written as they are).

The Turtle of a co-occurrence and of an evidence node is made by one function each
(``cooccurrence_turtle``, ``evidence_turtle``), from the Turtle of their parts: their
records' ``turtle`` calls it, and so does the Turtle-only build (``kg.export.rdf.corpus``),
which writes the most numerous nodes of a corpus without making their records. So their
layout, predicates included, is written down here alone.

A subject described twice (an extraction listing a co-occurrence or relation twice) has
its records' lines merged and sorted like any other subject's.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.export.rdf import terms as t

Record = tuple
Short = Callable[[str, str], str]

_NEXT = " ;\n\t"  # between two predicates of a subject in Turtle


def _p(predicate: str) -> str:
    """The Turtle form of a predicate (given with its trailing space)."""
    return t.TURTLE_PREDICATE[predicate.rstrip()]


def _o(iri: str) -> str:
    return t.TURTLE_IRI[iri]


def _then(predicate: str) -> str:
    """What comes before the object of ``predicate`` after another predicate's object."""
    return f"{_NEXT}{_p(predicate)} "


def _in_order(*lines: str) -> None:
    """Refuse, when loaded, a shape whose fixed order is not the sorted order of its
    lines (a vocabulary change that moves a predicate)."""
    if list(lines) != sorted(lines):
        raise RuntimeError(f"the fixed order of an RDF node shape is not sorted: {lines}")


def _more(predicate: str, objects: tuple[str, ...]) -> list[str]:
    return [predicate + o for o in objects]


def integer(digits: str) -> str:
    """The N-Triples form of the ``xsd:integer`` written ``digits``."""
    return f'"{digits}"^^{t.XSD_INTEGER}'


def double(text: str) -> str:
    """The N-Triples form of the ``xsd:double`` written ``text``."""
    return f'"{text}"^^{t.XSD_DOUBLE}'


_DOUBLE = "^^" + t.TURTLE_IRI[t.XSD_DOUBLE]


def _double_turtle(text: str) -> str:
    """Turtle writes a double bare only with an exponent: ``0.5`` alone is a decimal."""
    return text if "e" in text else f'"{text}"{_DOUBLE}'


# ---------------------------------------------------------------------- co-occurrence
class Cooccurrence:
    """``(Cooccurrence, count, documentCount, entityA, entityB, evidence IRIs, npmi,
    pmi)``; the scores None where missing. Its Turtle is ``cooccurrence_turtle``'s."""

    _in_order(t.IS_COOCCURRENCE, t.KG_COUNT, t.KG_DOCUMENT_COUNT, t.KG_ENTITY_A, t.KG_ENTITY_B)
    _in_order(t.KG_ENTITY_B, t.KG_EVIDENCE, t.KG_NPMI, t.KG_PMI)

    @staticmethod
    def lines(r: Record) -> list[str]:
        _, count, documents, a, b, links, npmi, pmi = r
        out = [t.IS_COOCCURRENCE, t.KG_COUNT + integer(count), t.KG_DOCUMENT_COUNT + integer(documents)]
        out += (t.KG_ENTITY_A + a, t.KG_ENTITY_B + b, *_more(t.KG_EVIDENCE, links))
        if npmi is not None:
            out.append(t.KG_NPMI + double(npmi))
        if pmi is not None:
            out.append(t.KG_PMI + double(pmi))
        return out

    @staticmethod
    def turtle(s: str, r: Record, short: Short) -> str:
        _, count, documents, a, b, links, npmi, pmi = r
        return cooccurrence_turtle(s, count, documents, a, b, " , ".join(links), npmi_turtle(npmi), pmi_turtle(pmi))


_COOC_HEAD = f" {_p(t.A)} {_o(t.COOCCURRENCE)}{_NEXT}{_p(t.KG_COUNT)} "
_COOC_DOCS, _COOC_A, _COOC_B = _then(t.KG_DOCUMENT_COUNT), _then(t.KG_ENTITY_A), _then(t.KG_ENTITY_B)
_COOC_EVIDENCE, _COOC_NPMI, _COOC_PMI = _then(t.KG_EVIDENCE), _then(t.KG_NPMI), _then(t.KG_PMI)


def cooccurrence_turtle(s: str, count: str, documents: str, a: str, b: str, links: str, npmi: str, pmi: str) -> str:
    """The Turtle of co-occurrence ``s``: ``Cooccurrence.turtle`` of a record, and what
    the Turtle-only build (``kg.export.rdf.corpus``) writes at once without making one.
    ``links``: the evidence IRIs joined by `` , `` (empty for none); ``npmi`` and ``pmi``:
    what ``npmi_turtle`` and ``pmi_turtle`` give for the scores, which a caller may keep
    by value."""
    links = _COOC_EVIDENCE + links if links else ""
    return f"{s}{_COOC_HEAD}{count}{_COOC_DOCS}{documents}{_COOC_A}{a}{_COOC_B}{b}{links}{npmi}{pmi} .\n"


def npmi_turtle(text: str | None) -> str:
    """A co-occurrence's ``kg:npmi`` in its Turtle (``cooccurrence_turtle``), from the
    lexical form of the double: after the predicate before it; nothing for None."""
    return "" if text is None else _COOC_NPMI + _double_turtle(text)


def pmi_turtle(text: str | None) -> str:
    """A co-occurrence's ``kg:pmi`` in its Turtle, as ``npmi_turtle``."""
    return "" if text is None else _COOC_PMI + _double_turtle(text)


# ---------------------------------------------------------------------- evidence
class Evidence:
    """``(Evidence, document IRI, end, rule or None, sentenceIndex, sentenceText, start)``.
    Its Turtle is ``evidence_turtle``'s."""

    _in_order(t.IS_EVIDENCE, t.PROV_DERIVED, t.KG_END, t.KG_RULE, t.KG_SENTENCE_INDEX)
    _in_order(t.KG_SENTENCE_INDEX, t.KG_SENTENCE_TEXT, t.KG_START)

    @staticmethod
    def lines(r: Record) -> list[str]:
        _, doc, end, rule, index, text, start = r
        out = [t.IS_EVIDENCE, t.PROV_DERIVED + doc, t.KG_END + integer(end)]
        if rule is not None:
            out.append(t.KG_RULE + rule)
        out += (t.KG_SENTENCE_INDEX + integer(index), t.KG_SENTENCE_TEXT + text, t.KG_START + integer(start))
        return out

    @staticmethod
    def turtle(s: str, r: Record, short: Short) -> str:
        _, doc, end, rule, index, text, start = r
        return evidence_turtle(s, doc, end, rule_turtle(rule), index, text, start)


_EV_HEAD = f" {_p(t.A)} {_o(t.EVIDENCE)}{_NEXT}{_p(t.PROV_DERIVED)} "
_EV_END, _EV_RULE, _EV_INDEX = _then(t.KG_END), _then(t.KG_RULE), _then(t.KG_SENTENCE_INDEX)
_EV_TEXT, _EV_START = _then(t.KG_SENTENCE_TEXT), _then(t.KG_START)


def evidence_turtle(s: str, doc: str, end: str, rule: str, index: str, text: str, start: str) -> str:
    """The Turtle of evidence node ``s``: ``Evidence.turtle`` of a record, and what the
    Turtle-only build writes at once without making one. ``rule``: what
    ``rule_turtle`` gives for the rule, which a caller may keep by rule."""
    return (
        f"{s}{_EV_HEAD}{doc}{_EV_END}{end}{rule}{_EV_INDEX}{index}{_EV_TEXT}{text}{_EV_START}{start} .\n"
    )


def rule_turtle(rule: str | None) -> str:
    """An evidence node's ``kg:rule`` in its Turtle (``evidence_turtle``), from the
    N-Triples form of the rule's literal: after the predicate before it; nothing for
    None (no rule)."""
    return "" if rule is None else _EV_RULE + rule


# ---------------------------------------------------------------------- relation statement
class Statement:
    """``(Statement, object, predicate, subject, evidence IRIs, rules, weight)``: the
    statement node of a relation (``rdf:object`` first: ``rdf:`` terms sort before
    ``rdf:type``, whose two classes follow)."""

    _in_order(t.RDF_OBJECT, t.RDF_PREDICATE, t.RDF_SUBJECT, t.IS_RDF_STATEMENT, t.IS_STATEMENT)
    _in_order(t.IS_STATEMENT, t.KG_EVIDENCE, t.KG_RULE, t.KG_WEIGHT)
    _HEAD = f" {_p(t.RDF_OBJECT)} "
    _PREDICATE = _then(t.RDF_PREDICATE)
    _SUBJECT = _then(t.RDF_SUBJECT)
    _TYPES = f"{_NEXT}{_p(t.A)} {_o(t.RDF_STATEMENT)} , {_o(t.STATEMENT)}"
    _EVIDENCE = _then(t.KG_EVIDENCE)
    _RULE = _then(t.KG_RULE)
    _WEIGHT = _then(t.KG_WEIGHT)

    @staticmethod
    def lines(r: Record) -> list[str]:
        _, obj, predicate, subject, links, rules, weight = r
        out = [t.RDF_OBJECT + obj, t.RDF_PREDICATE + predicate, t.RDF_SUBJECT + subject]
        out += (t.IS_RDF_STATEMENT, t.IS_STATEMENT, *_more(t.KG_EVIDENCE, links), *_more(t.KG_RULE, rules))
        out.append(t.KG_WEIGHT + integer(weight))
        return out

    @classmethod
    def turtle(cls, s: str, r: Record, short: Short) -> str:
        _, obj, predicate, subject, links, rules, weight = r
        predicate = short(predicate, predicate)
        text = f"{s}{cls._HEAD}{obj}{cls._PREDICATE}{predicate}{cls._SUBJECT}{subject}{cls._TYPES}"
        if links:
            text += cls._EVIDENCE + " , ".join(links)
        if rules:
            text += cls._RULE + " , ".join(rules)
        return f"{text}{cls._WEIGHT}{weight} .\n"


# ---------------------------------------------------------------------- document
class Document:
    """``(Document, date, identifier, source, title, format, sourceFile)``, each but the
    identifier None where the document has none (``dcterms:`` sorts before ``rdf:type``)."""

    _in_order(
        t.DC_DATE, t.DC_IDENTIFIER, t.DC_SOURCE, t.DC_TITLE, t.IS_DOCUMENT, t.KG_FORMAT, t.KG_SOURCE_FILE
    )
    _DATE, _IDENTIFIER = f"{_p(t.DC_DATE)} ", f"{_p(t.DC_IDENTIFIER)} "
    _SOURCE, _TITLE = f"{_p(t.DC_SOURCE)} ", f"{_p(t.DC_TITLE)} "
    _TYPE = f"{_p(t.A)} {_o(t.DOCUMENT)}"
    _FORMAT, _FILE = f"{_p(t.KG_FORMAT)} ", f"{_p(t.KG_SOURCE_FILE)} "

    @staticmethod
    def lines(r: Record) -> list[str]:
        _, date, identifier, source, title, form, path = r
        out = [] if date is None else [t.DC_DATE + date]
        out.append(t.DC_IDENTIFIER + identifier)
        if source is not None:
            out.append(t.DC_SOURCE + source)
        if title is not None:
            out.append(t.DC_TITLE + title)
        out.append(t.IS_DOCUMENT)
        if form is not None:
            out.append(t.KG_FORMAT + form)
        if path is not None:
            out.append(t.KG_SOURCE_FILE + path)
        return out

    @classmethod
    def turtle(cls, s: str, r: Record, short: Short) -> str:
        _, date, identifier, source, title, form, path = r
        return (
            f"{s} {'' if date is None else f'{cls._DATE}{short(date, date)}{_NEXT}'}{cls._IDENTIFIER}{identifier}"
            f"{'' if source is None else f'{_NEXT}{cls._SOURCE}{source}'}"
            f"{'' if title is None else f'{_NEXT}{cls._TITLE}{title}'}{_NEXT}{cls._TYPE}"
            f"{'' if form is None else f'{_NEXT}{cls._FORMAT}{form}'}"
            f"{'' if path is None else f'{_NEXT}{cls._FILE}{path}'} .\n"
        )


# ---------------------------------------------------------------------- entity
class Entity:
    """``(Entity, type, label, altLabels, lat, long, adcode, documents, mentions,
    withinDivision, related)``: the classes of the type; the ``@zh`` label (also
    ``skos:prefLabel``); the other names, sorted; the coordinates (both or None); the
    adcode or None; the IRIs of the documents naming it (``kg:mentionedIn``), sorted;
    ``kg:mentions``; the division containing it or None; and ``related``, a list the
    relations add their direct triples to (``"<kg:relation> <tail>"`` lines, in any
    order, duplicates allowed). The ``kg:`` terms come last, in the order of their
    predicates, relations among them."""

    _in_order(t.A, t.RDFS_LABEL, t.GEO_LAT, t.GEO_LONG, t.SKOS_ALT, t.SKOS_PREF, t.KG_ADCODE)
    _in_order(t.KG_ADCODE, t.KG_MENTIONED_IN, t.KG_MENTIONS, t.KG_WITHIN)
    #: Type → its ``rdf:type`` lines, in order; and their Turtle.
    _TYPES = {k: tuple(sorted(lines)) for k, lines in t.IS_ENTITY.items()}
    _TURTLE_TYPES = {
        k: f"{_p(t.A)} " + " , ".join(_o(line[len(t.A) :]) for line in lines) for k, lines in _TYPES.items()
    }
    _LABEL, _LAT, _LONG = _then(t.RDFS_LABEL), _then(t.GEO_LAT), _then(t.GEO_LONG)
    _ALT, _PREF = _then(t.SKOS_ALT), _then(t.SKOS_PREF)
    _ADCODE, _MENTIONED_IN = _then(t.KG_ADCODE), _then(t.KG_MENTIONED_IN)
    _MENTIONS, _WITHIN = _then(t.KG_MENTIONS), _then(t.KG_WITHIN)

    @classmethod
    def lines(cls, r: Record) -> list[str]:
        _, kind, label, alts, lat, lon = r[:6]
        out = [*cls._TYPES[kind], t.RDFS_LABEL + label]
        if lat is not None:
            out += (t.GEO_LAT + lat, t.GEO_LONG + lon)
        out += _more(t.SKOS_ALT, alts)
        out.append(t.SKOS_PREF + label)
        return out + cls._kg(r)

    @staticmethod
    def _kg(r: Record) -> list[str]:
        """The ``kg:`` lines, relations among them, in order."""
        adcode, documents, mentions, within, related = r[6:]
        kg = [] if adcode is None else [t.KG_ADCODE + adcode]
        kg += _more(t.KG_MENTIONED_IN, documents)
        kg.append(t.KG_MENTIONS + integer(mentions))
        if within is not None:
            kg.append(t.KG_WITHIN + within)
        return sorted({*kg, *related}) if related else kg

    @classmethod
    def turtle(cls, s: str, r: Record, short: Short) -> str:
        _, kind, label, alts, lat, lon, adcode, documents, mentions, within, related = r
        text = f"{s} {cls._TURTLE_TYPES[kind]}{cls._LABEL}{label}"
        if lat is not None:
            text += f"{cls._LAT}{short(lat, lat)}{cls._LONG}{short(lon, lon)}"
        if alts:
            text += cls._ALT + " , ".join(alts)
        text += cls._PREF + label
        if related:  # relations among the kg: terms, grouped by predicate
            groups = {} if adcode is None else {t.KG_ADCODE: [adcode]}
            if documents:
                groups[t.KG_MENTIONED_IN] = documents
            groups[t.KG_MENTIONS] = [mentions]
            if within is not None:
                groups[t.KG_WITHIN] = [within]
            for line in sorted(set(related)):
                p, _, o = line.partition(" ")
                groups.setdefault(p + " ", []).append(o)
            kg = "".join(f"{_NEXT}{_p(p)} {' , '.join(o)}" for p, o in sorted(groups.items()))
            return f"{text}{kg} .\n"
        kg = "" if adcode is None else cls._ADCODE + adcode
        if documents:
            kg += cls._MENTIONED_IN + " , ".join(documents)
        kg += cls._MENTIONS + mentions
        if within is not None:
            kg += cls._WITHIN + within
        return f"{text}{kg} .\n"
