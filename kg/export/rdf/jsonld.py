"""The JSON-LD export: compact, with the context of ``data/context.jsonld`` embedded."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDF, XSD

from kg.export.rdf.terms import nt_term
from kg.export.rdf.vocab import CONTEXT_FILE, data_file

_XSD_STRING = str(XSD.string)
_XSD_INTEGER = str(XSD.integer)
_RDF_TYPE = str(RDF.type)

#: An RDF term as JSON-LD needs it: (kind, value, language, datatype), kind ``iri``,
#: ``blank`` or ``literal`` (language and datatype empty but for literals).
Term = tuple[str, str, str, str]


class _Context:
    """The compaction rules read from a JSON-LD context of the restricted form kg ships:
    prefixes (a term whose IRI ends in ``/`` or ``#``), simple terms (a property or a
    class) and expanded terms with ``@id`` and one of ``@type`` (``@id``, ``@vocab`` or
    a datatype) or ``@language``."""

    def __init__(self, raw: dict, where: str) -> None:
        from kg.errors import ResourceError

        ctx = raw.get("@context") if isinstance(raw, dict) else None
        if not isinstance(ctx, dict) or set(raw) != {"@context"}:
            raise ResourceError(f'{where}: must be one object with a single "@context" object')
        self.raw = ctx
        self.prefixes: list[tuple[str, str]] = []  # (namespace, prefix), longest first
        for term, value in ctx.items():
            if isinstance(value, str) and value.endswith(("/", "#")) and "://" in value:
                self.prefixes.append((value, term))
        self.prefixes.sort(key=lambda p: (-len(p[0]), p[1]))
        self._compact: dict[str, str] = {}
        #: IRI → term, for classes in ``@type`` and ``@vocab`` values.
        self.simple: dict[str, str] = {}
        #: property IRI → (term, kind, argument): kind is "id", "vocab", "lang",
        #: "datatype" or "plain".
        self.props: dict[str, tuple[str, str, str]] = {}
        for term, value in ctx.items():
            if term.startswith("@"):
                raise ResourceError(f"{where}: keyword {term!r} is not used in kg's context")
            if isinstance(value, str):
                if (value, term) in self.prefixes:
                    continue
                iri = self.expand(value)
                self.simple.setdefault(iri, term)
                self.props.setdefault(iri, (term, "plain", ""))
                continue
            if (
                not isinstance(value, dict)
                or "@id" not in value
                or not set(value) <= {"@id", "@type", "@language"}
            ):
                raise ResourceError(
                    f'{where}: term {term!r}: expected a string or {{"@id", "@type"|"@language"}}'
                )
            if "@type" in value and "@language" in value:
                raise ResourceError(f"{where}: term {term!r}: both @type and @language")
            iri = self.expand(value["@id"])
            if "@language" in value:
                kind, arg = "lang", value["@language"]
            elif value.get("@type") in ("@id", "@vocab"):
                kind, arg = value["@type"][1:], ""
            elif "@type" in value:
                kind, arg = "datatype", self.expand(value["@type"])
            else:
                kind, arg = "plain", ""
            self.props.setdefault(iri, (term, kind, arg))

    def expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        if sep and not rest.startswith("//"):
            for ns, p in self.prefixes:
                if p == prefix:
                    return ns + rest
        return value

    def compact_iri(self, iri: str) -> str:
        short = self._compact.get(iri)
        if short is None:
            short = iri
            for ns, prefix in self.prefixes:
                if iri.startswith(ns) and not iri[len(ns) :].startswith("//"):
                    short = f"{prefix}:{iri[len(ns) :]}"
                    break
            if len(self._compact) < 1_000_000:  # entity and document IRIs recur
                self._compact[iri] = short
        return short

    def vocab(self, iri: str) -> str:
        """An IRI in a vocabulary position (``@type``, an ``@vocab`` term): its term if
        it has one."""
        term = self.simple.get(iri) or self.props.get(iri, ("",))[0]
        return term or self.compact_iri(iri)

    def node_id(self, o: Term) -> str:
        return f"_:{o[1]}" if o[0] == "blank" else self.compact_iri(o[1])

    def value_object(self, o: Term) -> dict:
        kind, value, language, datatype = o
        if kind != "literal":
            return {"@id": self.node_id(o)}
        if language:
            return {"@value": value, "@language": language}
        if datatype == _XSD_STRING:
            return {"@value": value}
        return {"@value": value, "@type": self.compact_iri(datatype)}

    def value(self, kind: str, arg: str, o: Term):
        """``o`` in the compact form its term allows, else as an explicit object."""
        if o[0] == "literal":
            _, value, language, datatype = o
            if kind == "lang" and language == arg:
                return value
            if kind == "datatype" and not language and datatype == arg:
                return value
            if kind == "plain" and not language:
                if datatype == _XSD_STRING:
                    return value
                if datatype == _XSD_INTEGER and _canonical_int(value):
                    return int(value)  # a JSON number is read back as this xsd:integer
        elif kind == "id":
            return self.node_id(o)
        elif kind == "vocab" and o[0] == "iri":
            return self.vocab(o[1])
        return self.value_object(o)


def _canonical_int(text: str) -> bool:
    """``text`` is how JSON-LD writes an integer back (no sign, zeros or exponent to
    lose) and small enough for any JSON reader to keep exact."""
    digits = text.removeprefix("-")
    if digits == "0":
        return text == "0"
    return digits.isascii() and digits.isdigit() and len(digits) < 16 and digits[0] != "0"


@functools.cache
def jsonld_context() -> _Context:
    """The context of ``data/context.jsonld``, checked when loaded.

    Raises:
        ResourceError: the file is missing, not JSON, or uses a form kg does not write.
    """
    from kg.errors import ResourceError

    path = data_file(CONTEXT_FILE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ResourceError(f"{path}: cannot read: {e}") from e
    except json.JSONDecodeError as e:
        raise ResourceError(f"{path}:{e.lineno}: not JSON: {e.msg}") from e
    return _Context(raw, str(path))


def _ox_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Term:
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.language or "", term.datatype.value)
    return ("blank" if isinstance(term, ox.BlankNode) else "iri", term.value, "", "")


def jsonld_bytes(triples: Iterable[ox.Triple]) -> bytes:
    """Compact JSON-LD: ``{"@context": …, "@graph": [node, …]}`` with the context of
    ``data/context.jsonld`` embedded (the file opens without fetching anything), one
    node object per subject and per line, in the order of the (sorted) triples, ``@id``
    and ``@type`` first, then the properties by term name; a property with one value
    has it bare.
    Values take the short form their term allows (``"label": "北京"`` for an ``@zh``
    label, ``"mentions": 3``), any other value an explicit object, so parsing gives back
    exactly the same triples."""
    ctx = jsonld_context()
    terms: dict[object, Term] = {}
    subjects: dict[object, list[tuple[str | None, object]]] = {}
    for t in triples:
        o = terms.get(t.object)
        if o is None:
            o = terms[t.object] = _ox_term(t.object)
        entries = subjects.get(t.subject)
        if entries is None:
            entries = subjects[t.subject] = []
        entries.append(_entry(ctx, t.predicate.value, o))
    return _document(ctx, ((ctx.node_id(_ox_term(s)), entries) for s, entries in subjects.items()))


def jsonld_text(graph: Iterable[tuple[str, list[str]]]) -> bytes:
    """``jsonld_bytes`` of a graph of N-Triples lines in the canonical order
    (``kg.export.rdf.statements.Statements.lines()``), read once, without making RDF term
    objects."""
    ctx = jsonld_context()
    known: dict[str, tuple[str | None, object]] = {}  # a line with an IRI or typed literal recurs

    def entries(lines: list[str]) -> Iterator[tuple[str | None, object]]:
        for line in lines:
            entry = known.get(line) if line[-1] == ">" else None
            if entry is None:
                p, _, o = line.partition(" ")
                entry = _entry(ctx, p[1:-1], nt_term(o))
                if line[-1] == ">":
                    known[line] = entry
            yield entry

    return _document(ctx, ((ctx.node_id(nt_term(s)), entries(lines)) for s, lines in graph))


def _entry(ctx: _Context, p: str, o: Term) -> tuple[str | None, object]:
    """The key and value of a statement in its subject's node object: no key (None) for
    the term of a class in ``@type``."""
    if o[0] == "iri" and p == _RDF_TYPE:
        return None, ctx.vocab(o[1])
    spec = ctx.props.get(p)
    if spec is None:
        return ctx.compact_iri(p), ctx.value_object(o)
    return spec[0], ctx.value(spec[1], spec[2], o)


def _document(ctx: _Context, subjects: Iterable[tuple[str, Iterable[tuple[str | None, object]]]]) -> bytes:
    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    lines = []
    for sid, entries in subjects:
        node: dict[str, list] = {}
        types: list = []
        for key, value in entries:
            if key is None:
                types.append(value)
                continue
            values = node.get(key)
            if values is None:
                node[key] = [value]
            else:
                values.append(value)
        out: dict[str, object] = {"@id": sid}
        if types:
            out["@type"] = types[0] if len(types) == 1 else types
        for key in sorted(node):
            values = node[key]
            out[key] = values[0] if len(values) == 1 else values
        lines.append("  " + dump(out))
    context = json.dumps(ctx.raw, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    graph = ",\n".join(lines)
    return f'{{\n  "@context": {context},\n  "@graph": [\n{graph}\n  ]\n}}\n'.encode()
