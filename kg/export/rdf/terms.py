"""RDF terms as text: IRIs, literals and the vocabulary in their N-Triples and Turtle forms.

The export writes each statement as the text of its N-Triples line, never as an RDF term
object, so the forms here are the whole contract with the readers of an export:

- an IRI is ``<iri>``; the IRIs kg makes are percent-encoded (``kg.export.rdf.vocab._enc``) or
  fixed vocabulary, so none needs escaping inside ``<>``;
- a literal is its lexical form between double quotes, with ``\\"``, ``\\\\``, ``\\b``,
  ``\\t``, ``\\n``, ``\\f`` and ``\\r`` escaped by name and every other control character
  (U+0000-U+001F, U+007F) and the noncharacters U+FFFE and U+FFFF as ``\\uXXXX`` with
  upper-case hex digits: the canonical N-Triples form (RDF 1.1 N-Triples; the form
  pyoxigraph writes, and the form every export so far has had). Anything else, U+2028,
  U+2029, ``<``, ``&`` and characters beyond the BMP included, is written as itself in
  UTF-8. A lone surrogate is no Unicode text: the writer refuses it (``kg.export.rdf.text``);
- then ``@zh`` for a language-tagged literal or ``^^<datatype>`` for a typed one other
  than ``xsd:string``.

Turtle (and TriG) use the same literal text, with two abbreviations: a vocabulary IRI
becomes ``prefix:local`` and ``rdf:type`` as a predicate ``a``; an ``xsd:integer``,
``xsd:decimal``, ``xsd:double`` or ``xsd:boolean`` literal whose lexical form matches
the Turtle grammar of its kind (``INTEGER``, ``DECIMAL``, ``DOUBLE``, ``true``/``false``)
is written bare (``kg:count 3``; ``"0.5"^^xsd:double`` keeps its quotes, since a bare
``0.5`` would be read as a decimal).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import Decimal, InvalidOperation

from rdflib import RDF, RDFS, SKOS, XSD
from rdflib.namespace import DCTERMS, PROV

from kg.model import ENTITY_TYPES
from kg.export.rdf.vocab import ENTITY_CLASS, GEO, ID, KG, PREFIXES, RELATION_PROPERTY, SCHEMA_CLASS

# ---------------------------------------------------------------------- literals
_ESCAPED = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
#: What a quoted literal cannot hold as itself.
_TO_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')


def _escape(match: re.Match) -> str:
    c = match.group()
    return _ESCAPED.get(c) or f"\\u{ord(c):04X}"


def quoted(text: str) -> str:
    """``text`` between double quotes, escaped as N-Triples and Turtle read it back.

    >>> print(quoted('说"是"\\n\\x01'))
    "说\\"是\\"\\n\\u0001"
    """
    if _TO_ESCAPE.search(text) is None:
        return f'"{text}"'
    return f'"{_TO_ESCAPE.sub(_escape, text)}"'


_ESCAPE_SEQUENCE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_UNESCAPED = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _UNESCAPED[match.group(3)]


def nt_term(term: str) -> tuple[str, str, str, str]:
    """An N-Triples term read back: (kind, value, language, datatype IRI), kind ``iri``,
    ``blank`` or ``literal``; the inverse of ``iri`` and ``quoted`` (+ ``@zh`` or a
    datatype).

    >>> nt_term('"说\\\\"是\\\\"\\\\u0001"@zh')
    ('literal', '说"是"\\x01', 'zh', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString')
    >>> nt_term("<https://w3id.org/kg-news/id/doc/a>")
    ('iri', 'https://w3id.org/kg-news/id/doc/a', '', '')
    """
    if term[0] == "<":
        return ("iri", term[1:-1], "", "")
    if term[0] == "_":
        return ("blank", term[2:], "", "")
    end = term.rindex('"')  # a language tag or datatype IRI holds no quote
    value = term[1:end]
    if "\\" in value:
        value = _ESCAPE_SEQUENCE.sub(_unescape, value)
    rest = term[end + 1 :]
    if rest[:1] == "@":
        return ("literal", value, rest[1:], LANG_STRING)
    if rest[:3] == "^^<":
        return ("literal", value, "", rest[3:-1])
    return ("literal", value, "", str(XSD.string))


def zh(text: str) -> str:
    """A literal tagged ``@zh``."""
    if _TO_ESCAPE.search(text) is None:
        return f'"{text}"@zh'
    return f'"{_TO_ESCAPE.sub(_escape, text)}"@zh'


def iri(term: object) -> str:
    """``<term>``, for IRIs kg makes itself (percent-encoded or vocabulary)."""
    return f"<{term}>"


LANG_STRING = str(RDF.langString)
XSD_INTEGER = iri(XSD.integer)
XSD_DOUBLE = iri(XSD.double)
XSD_DECIMAL = iri(XSD.decimal)
XSD_DATE = iri(XSD.date)
XSD_BOOLEAN = iri(XSD.boolean)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def integer(value: int) -> tuple[str, str]:
    """An ``xsd:integer``: its N-Triples and its Turtle form (bare digits)."""
    digits = str(int(value))
    return f'"{digits}"^^{XSD_INTEGER}', digits


def double(value: float | None) -> tuple[str, str] | None:
    """An ``xsd:double`` with six decimals at most, in N-Triples and Turtle form, or None
    for a missing or infinite value. Turtle writes it bare only with an exponent
    (``1e-06``): ``0.5`` alone would be read as a decimal."""
    text = double_text(value)
    if text is None:
        return None
    full = f'"{text}"^^{XSD_DOUBLE}'
    return full, text if "e" in text else f'"{text}"^^{TURTLE_IRI[XSD_DOUBLE]}'


def double_text(value: float | None) -> str | None:
    """The lexical form of ``double(value)``, or None."""
    if value is None or not math.isfinite(value):
        return None
    # Through repr of the rounded float, so the lexical form is the shortest one and stable.
    return repr(round(float(value), 6))


def decimal(text: str) -> str | None:
    """An ``xsd:decimal`` in plain notation, or None for text that is no finite number."""
    try:
        d = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    if not d.is_finite():
        return None
    return f"{quoted(format(d, 'f'))}^^{XSD_DECIMAL}"


def date(text: str) -> str:
    """An ``xsd:date`` for a valid ISO ``YYYY-MM-DD``, else a plain literal."""
    text = text.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            return quoted(text)
        return f"{quoted(text)}^^{XSD_DATE}"
    return quoted(text)


# ---------------------------------------------------------------------- vocabulary
# Each predicate with the space that follows it in a line, so a line is one concatenation.
# Made from the rdflib terms (``KG.term``), so the closed vocabulary still guards every
# term the export uses.
A = iri(RDF.type) + " "
RDF_SUBJECT = iri(RDF.subject) + " "
RDF_PREDICATE = iri(RDF.predicate) + " "
RDF_OBJECT = iri(RDF.object) + " "
RDFS_LABEL = iri(RDFS.label) + " "
SKOS_PREF = iri(SKOS.prefLabel) + " "
SKOS_ALT = iri(SKOS.altLabel) + " "
PROV_DERIVED = iri(PROV.wasDerivedFrom) + " "
DC_IDENTIFIER = iri(DCTERMS.identifier) + " "
DC_TITLE = iri(DCTERMS.title) + " "
DC_DATE = iri(DCTERMS.date) + " "
DC_SOURCE = iri(DCTERMS.source) + " "
GEO_LAT = iri(GEO.lat) + " "
GEO_LONG = iri(GEO.long) + " "
KG_MENTIONS = iri(KG.mentions) + " "
KG_MENTIONED_IN = iri(KG.mentionedIn) + " "
KG_ADCODE = iri(KG.adcode) + " "
KG_WITHIN = iri(KG.withinDivision) + " "
KG_WEIGHT = iri(KG.weight) + " "
KG_RULE = iri(KG.rule) + " "
KG_EVIDENCE = iri(KG.evidence) + " "
KG_SENTENCE_TEXT = iri(KG.sentenceText) + " "
KG_SENTENCE_INDEX = iri(KG.sentenceIndex) + " "
KG_START = iri(KG.start) + " "
KG_END = iri(KG.end) + " "
KG_ENTITY_A = iri(KG.entityA) + " "
KG_ENTITY_B = iri(KG.entityB) + " "
KG_COUNT = iri(KG.count) + " "
KG_DOCUMENT_COUNT = iri(KG.documentCount) + " "
KG_PMI = iri(KG.pmi) + " "
KG_NPMI = iri(KG.npmi) + " "
KG_SOURCE_FILE = iri(KG.sourceFile) + " "
KG_FORMAT = iri(KG.format) + " "

# Objects
DOCUMENT = iri(KG.Document)
EVIDENCE = iri(KG.Evidence)
STATEMENT = iri(KG.RelationStatement)
RDF_STATEMENT = iri(RDF.Statement)
COOCCURRENCE = iri(KG.Cooccurrence)

# Whole lines of the types of nodes
IS_DOCUMENT = A + DOCUMENT
IS_EVIDENCE = A + EVIDENCE
IS_STATEMENT = A + STATEMENT
IS_RDF_STATEMENT = A + RDF_STATEMENT
IS_COOCCURRENCE = A + COOCCURRENCE

#: Relation type → the kg property as an object (``rdf:predicate``) and, with its space,
#: as a predicate.
RELATION_IRI: dict[str, str] = {t: iri(p) for t, p in RELATION_PROPERTY.items()}
RELATION_PREDICATE: dict[str, str] = {t: f"{p} " for t, p in RELATION_IRI.items()}
#: Entity type → its classes (``kg:`` and, but for Initiative, schema.org).
CLASSES: dict[str, tuple[str, ...]] = {
    t: (iri(ENTITY_CLASS[t]), *((iri(SCHEMA_CLASS[t]),) if t in SCHEMA_CLASS else ())) for t in ENTITY_TYPES
}
#: Entity type → the lines typing an entity (``rdf:type`` and each class).
IS_ENTITY: dict[str, tuple[str, ...]] = {k: tuple(A + c for c in cs) for k, cs in CLASSES.items()}
#: Relation type → the line giving a statement's ``rdf:predicate``.
IS_RELATION: dict[str, str] = {k: RDF_PREDICATE + p for k, p in RELATION_IRI.items()}

# ---------------------------------------------------------------------- Turtle
#: The prefixes of Turtle and TriG, in the order of the header: longest namespace first
#: (the order the exports have always had, from pyoxigraph's writer).
TURTLE_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {**{k: str(v) for k, v in PREFIXES.items()}, "rdf": str(RDF)}.items(),
        key=lambda kv: (-len(kv[1]), kv[0]),
    )
)
TURTLE_HEADER = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in TURTLE_PREFIXES)
#: How every IRI of a resource (``id/…``) starts: no prefix covers them, so the Turtle
#: writer leaves them as they are.
RESOURCE = iri(ID)[:-1]
assert not any(RESOURCE[1:].startswith(ns) or ns.startswith(RESOURCE[1:]) for _, ns in TURTLE_PREFIXES)
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _prefixed(full: str) -> str:
    """``<iri>`` as ``prefix:local`` under the longest namespace whose remainder is a plain
    name, else unchanged. Only vocabulary IRIs are ever shortened: the resource IRIs under
    ``id/`` have no prefix."""
    value = full[1:-1]
    for name, ns in TURTLE_PREFIXES:
        if value.startswith(ns) and _LOCAL_NAME.fullmatch(value[len(ns) :]):
            return f"{name}:{value[len(ns) :]}"
    return full


_VOCABULARY = (
    *(
        p.rstrip()
        for p in (A, RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT, RDFS_LABEL, SKOS_PREF, SKOS_ALT, PROV_DERIVED)
    ),
    *(p.rstrip() for p in (DC_IDENTIFIER, DC_TITLE, DC_DATE, DC_SOURCE, GEO_LAT, GEO_LONG)),
    *(
        p.rstrip()
        for p in (KG_MENTIONS, KG_MENTIONED_IN, KG_ADCODE, KG_WITHIN, KG_WEIGHT, KG_RULE, KG_EVIDENCE)
    ),
    *(p.rstrip() for p in (KG_SENTENCE_TEXT, KG_SENTENCE_INDEX, KG_START, KG_END, KG_ENTITY_A, KG_ENTITY_B)),
    *(p.rstrip() for p in (KG_COUNT, KG_DOCUMENT_COUNT, KG_PMI, KG_NPMI, KG_SOURCE_FILE, KG_FORMAT)),
    *(DOCUMENT, EVIDENCE, STATEMENT, RDF_STATEMENT, COOCCURRENCE),
    *RELATION_IRI.values(),
    *(c for cs in CLASSES.values() for c in cs),
    *(XSD_INTEGER, XSD_DOUBLE, XSD_DECIMAL, XSD_DATE, XSD_BOOLEAN),
)
#: Vocabulary IRI → its Turtle form. An IRI not in it is written as it is.
TURTLE_IRI: dict[str, str] = {v: _prefixed(v) for v in _VOCABULARY}
#: Predicate → its Turtle form: ``a`` for ``rdf:type``.
TURTLE_PREDICATE: dict[str, str] = {**TURTLE_IRI, A.rstrip(): "a"}

_TURTLE_BARE = {
    XSD_INTEGER: re.compile(r"[+-]?[0-9]+"),
    XSD_DECIMAL: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD_DOUBLE: re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    XSD_BOOLEAN: re.compile(r"true|false"),
}


def turtle_object(term: str) -> str:
    """The Turtle form of an object in N-Triples form (see the module docstring)."""
    if term[0] == "<":
        return TURTLE_IRI.get(term, term)
    if term[-1] != ">":  # a plain or language-tagged literal
        return term
    cut = term.rindex('"^^<')
    datatype = term[cut + 3 :]
    bare = _TURTLE_BARE.get(datatype)
    if bare is not None and bare.fullmatch(term, 1, cut):
        return term[1:cut]
    return f"{term[: cut + 3]}{TURTLE_IRI.get(datatype, datatype)}"
