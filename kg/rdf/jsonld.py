"""The JSON-LD export: compact, with the context of ``data/context.jsonld`` embedded."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import RDF, XSD

from .vocab import CONTEXT_FILE, data_file

_XSD_STRING = ox.NamedNode(str(XSD.string))
_XSD_INTEGER = ox.NamedNode(str(XSD.integer))


class _Context:
    """The compaction rules read from a JSON-LD context of the restricted form kg ships:
    prefixes (a term whose IRI ends in ``/`` or ``#``), simple terms (a property or a
    class) and expanded terms with ``@id`` and one of ``@type`` (``@id``, ``@vocab`` or
    a datatype) or ``@language``."""

    def __init__(self, raw: dict, where: str) -> None:
        from ..errors import ResourceError

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

    def node_id(self, term) -> str:
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return self.compact_iri(term.value)

    def vocab(self, iri: str) -> str:
        """An IRI in a vocabulary position (``@type``, an ``@vocab`` term): its term if
        it has one."""
        term = self.simple.get(iri) or self.props.get(iri, ("",))[0]
        return term or self.compact_iri(iri)

    def value_object(self, o) -> dict:
        if not isinstance(o, ox.Literal):
            return {"@id": self.node_id(o)}
        if o.language:
            return {"@value": o.value, "@language": o.language}
        if o.datatype == _XSD_STRING:
            return {"@value": o.value}
        return {"@value": o.value, "@type": self.compact_iri(o.datatype.value)}

    def value(self, kind: str, arg: str, o):
        """``o`` in the compact form its term allows, else as an explicit object."""
        if isinstance(o, ox.Literal):
            if kind == "lang" and o.language == arg:
                return o.value
            if kind == "datatype" and not o.language and o.datatype.value == arg:
                return o.value
            if kind == "plain" and not o.language:
                if o.datatype == _XSD_STRING:
                    return o.value
                if o.datatype == _XSD_INTEGER and _canonical_int(o.value):
                    return int(o.value)  # a JSON number is read back as this xsd:integer
        elif kind == "id":
            return self.node_id(o)
        elif kind == "vocab" and isinstance(o, ox.NamedNode):
            return self.vocab(o.value)
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
    from ..errors import ResourceError

    path = data_file(CONTEXT_FILE)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ResourceError(f"{path}: cannot read: {e}") from e
    except json.JSONDecodeError as e:
        raise ResourceError(f"{path}:{e.lineno}: not JSON: {e.msg}") from e
    return _Context(raw, str(path))


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
    type_iri = str(RDF.type)
    nodes: dict[object, dict] = {}
    for t in triples:
        node = nodes.get(t.subject)
        if node is None:
            node = nodes[t.subject] = {"@id": ctx.node_id(t.subject)}
        p, o = t.predicate.value, t.object
        if p == type_iri and isinstance(o, ox.NamedNode):
            node.setdefault("@type", []).append(ctx.vocab(o.value))
            continue
        spec = ctx.props.get(p)
        if spec is None:
            key, value = ctx.compact_iri(p), ctx.value_object(o)
        else:
            key, value = spec[0], ctx.value(spec[1], spec[2], o)
        node.setdefault(key, []).append(value)
    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    lines = []
    for node in nodes.values():
        out = {"@id": node.pop("@id")}
        if "@type" in node:
            types = node.pop("@type")
            out["@type"] = types[0] if len(types) == 1 else types
        for key in sorted(node):
            values = node[key]
            out[key] = values[0] if len(values) == 1 else values
        lines.append("  " + dump(out))
    context = json.dumps(ctx.raw, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    graph = ",\n".join(lines)
    return f'{{\n  "@context": {context},\n  "@graph": [\n{graph}\n  ]\n}}\n'.encode()
