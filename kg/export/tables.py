"""Tabular exports: per-document JSONL, entity and relation CSVs, the run manifest.

Rows come in a fixed order with no timestamps, so the same extraction gives the same
bytes. CSVs are written as every table of kg (:mod:`kg.export.csvtext`): UTF-8, or with
``excel=True`` (``kg build --excel``) with a byte-order mark and ``\\r\\n``.

Every table of kg names things alike (:mod:`kg.analysis.write` uses the same names): an
entity table starts ``id,name,type``, an edge table ``source,target,relation``; ``id``
is the entity's id in the RDF export (the local part of its IRI, percent-encoding undone)
and ``iri`` the full IRI, so rows join with SPARQL results.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from json.encoder import encode_basestring
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from kg.config import Settings
from kg.export.csvtext import ROWS_PER_WRITE, CsvText, Made, open_text
from kg.export.csvtext import write_csv as write_csv  # kg's CSV writer, for the tables of other modules
from kg.export.rdf.vocab import _entity_ids
from kg.graph import relation_rank, sorted_evidence, type_rank
from kg.model import (
    COOCCURS,
    ENTITY_TYPES,
    RELATION_TYPES,
    DocEntity,
    DocExtraction,
    Entity,
    Evidence,
    Extraction,
    FileRecord,
    Relation,
)

ENTITY_COLUMNS = ("id", "name", "type", "iri", "aliases", "mentions", "documents", "adcode", "parent", "lon", "lat")
#: The first columns of every edge table of kg (relations.csv here, the analysis's
#: edges.csv and relations.csv), so that edge tables join and read alike.
EDGE_KEY_COLUMNS = ("source", "target", "relation", "source_name", "target_name")
RELATION_COLUMNS = (
    *EDGE_KEY_COLUMNS,
    "weight",
    "evidence_sentences",
    "documents",
    "pmi",
    "npmi",
    "rule",
    "first_evidence",
)
#: Columns of kg's tables that hold codes or ids: text, though many look like numbers
#: (an adcode ``500101``, a document id ``0012``); readers should not convert them.
CODE_COLUMNS = ("id", "iri", "source", "target", "adcode", "parent", "duplicate_of")


def table_ids(ex: Extraction) -> dict[str, tuple[str, str]]:
    """Entity id of the extraction -> (``id``, ``iri``) of the tables: the IRI the RDF
    export gives the entity and its local part with the percent-encoding undone
    (``person/习近平``, ``place/cn-140700``). It is the extraction's own id (graph.html's,
    ``kg view``'s) unless the RDF tells two namesakes apart with a suffix. The RDF export
    takes the IRIs from it too (``kg.export.rdf.write_exports(..., iris=)``)."""
    return _entity_ids(ex)


def _score(value: float | None) -> str:
    """A score with six decimals; empty when missing or not finite."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:.6f}"


class _Named(dict):
    """The CSV field of each entity's id or name by entity id; an id of no entity gives
    ``default(id)`` (the id itself, or no name)."""

    __slots__ = ("default",)

    def __init__(self, fields: Iterable[tuple[str, str]], default: Callable[[str], str]) -> None:
        super().__init__(fields)
        self.default = default

    def __missing__(self, eid: str) -> str:
        return self.default(eid)


class _Scores(dict):
    """``scores[value]``: ``_score(value)``, made once per value (most scores of a corpus
    recur: a pair met once in a sentence each of two entities met once has the same).
    0.0 and -0.0 are one key but two texts: not kept."""

    __slots__ = ()

    def __missing__(self, value: float | None) -> str:
        out = _score(value)
        if value or not isinstance(value, float):
            self[value] = out
        return out


_ENTITY_TYPE_RANK = {t: i for i, t in enumerate(ENTITY_TYPES)}
_RELATION_TYPE_RANK = {t: i for i, t in enumerate(RELATION_TYPES)}


def _entity_order(e: Entity) -> tuple:
    """(type order, type, name, id): ``type_rank`` by a lookup."""
    return (_ENTITY_TYPE_RANK.get(e.type, len(ENTITY_TYPES)), e.type, e.name, e.id)


def _relation_order(r: Relation) -> tuple:
    """(type order, type, head, tail): ``relation_rank`` by a lookup."""
    return (_RELATION_TYPE_RANK.get(r.type, len(RELATION_TYPES)), r.type, r.head, r.tail)


def _doc_entity_order(e: DocEntity) -> tuple:
    return (_ENTITY_TYPE_RANK.get(e.type, len(ENTITY_TYPES)), e.type, e.name)


_EVIDENCE_KEY = attrgetter("doc", "sentence", "start", "end", "rule")  # kg.graph.evidence_key
_PAIR = attrgetter("a", "b")
if Evidence._fields[:2] != ("doc", "sentence"):  # pragma: no cover - see many() in write_relations_csv
    raise RuntimeError("Evidence no longer orders by document and sentence first")
_SENTENCE, _DOC, _RULE = attrgetter("doc", "sentence"), attrgetter("doc"), attrgetter("rule")


# ---------------------------------------------------------------------- documents.jsonl
def document_record(dx: DocExtraction) -> dict[str, Any]:
    """One document in the scorer format, with document-level names.

    Entities are sorted by (type order, name); relations by where their first evidence
    sentence is, then type order, head and tail. A relation stated in several sentences
    appears once, with its first sentence as ``evidence`` and that sentence's ``rule``.
    """
    doc = dx.doc
    entities = [
        {"name": e.name, "type": e.type, "aliases": list(e.aliases)}
        for e in sorted(dx.entities, key=lambda e: (type_rank(e.type), e.type, e.name))
    ]
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for r in dx.relations:
        first = sorted_evidence(r.evidence, 1)
        ev = first[0] if first else None
        key = (
            (ev.sentence, ev.start) if ev else (-1, -1),
            relation_rank(r.type),
            r.type,
            r.head,
            r.tail,
        )
        rows.append(
            (
                key,
                {
                    "head": r.head,
                    "type": r.type,
                    "tail": r.tail,
                    "evidence": ev.text if ev else "",
                    "rule": ev.rule if ev else "",
                },
            )
        )
    rows.sort(key=lambda kv: kv[0])
    return {
        "doc": doc.id,
        "title": doc.title,
        "date": doc.date,
        "script": doc.script,
        "entities": entities,
        "relations": [row for _, row in rows],
    }


def _json(value: Any) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, allow_nan=False)`` writes it."""
    if value.__class__ is str:
        return encode_basestring(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _document_line(dx: DocExtraction) -> str:
    """``json.dumps(document_record(dx), ensure_ascii=False, allow_nan=False)``, made as
    text: the json module's separators (``", "``, ``": "``), each string by its own
    encoder (``encode_basestring``). The names, types, aliases, texts and rules of the
    entities and relations are strings (``kg.model``)."""
    q, types = encode_basestring, _JSON_TYPES
    doc = dx.doc
    entities = dx.entities
    if len(entities) > 1:
        entities = sorted(entities, key=_doc_entity_order)
    entities = ", ".join(
        [
            f'{{"name": {q(e.name)}, "type": {types[e.type]}, '
            f'"aliases": [{", ".join(map(q, e.aliases)) if e.aliases else ""}]}}'
            for e in entities
        ]
    )
    rows = []
    for r in dx.relations:
        evidence = r.evidence
        ev = evidence[0] if len(evidence) == 1 else min(evidence, key=_EVIDENCE_KEY, default=None)
        where = (ev.sentence, ev.start) if ev else (-1, -1)
        rows.append((where, _RELATION_TYPE_RANK.get(r.type, len(RELATION_TYPES)), r.type, r.head, r.tail, ev))
    if len(rows) > 1:
        rows.sort(key=_FIRST_FIVE)
    relations = ", ".join(
        [
            f'{{"head": {q(head)}, "type": {q(kind)}, "tail": {q(tail)}, '
            f'"evidence": {q(ev.text if ev else "")}, "rule": {q(ev.rule if ev else "")}}}'
            for _where, _rank, kind, head, tail, ev in rows
        ]
    )
    return (
        f'{{"doc": {_json(doc.id)}, "title": {_json(doc.title)}, "date": {_json(doc.date)}, '
        f'"script": {_json(doc.script)}, "entities": [{entities}], "relations": [{relations}]}}\n'
    )


#: An entity type's JSON string, made once per type.
_JSON_TYPES: dict[str, str] = Made(encode_basestring)
_FIRST_FIVE = itemgetter(slice(0, 5))


def write_documents_jsonl(ex: Extraction, path: str | Path) -> None:
    """One JSON object per line per document, in document order (see ``document_record``;
    each line made by ``_document_line``, the same text)."""
    with open_text(path) as f:
        lines = map(_document_line, ex.docs)
        while batch := "".join(islice(lines, ROWS_PER_WRITE)):
            f.write(batch)


# ---------------------------------------------------------------------- entities.csv, relations.csv
def write_entities_csv(
    ex: Extraction, path: str | Path, *, excel: bool = False, ids: Mapping[str, tuple[str, str]] | None = None
) -> None:
    """Columns ``ENTITY_COLUMNS``: ``id`` and ``iri`` as in the RDF (``table_ids``; ``ids``
    when the caller has them already), aliases joined with ``|``, documents a count;
    ``adcode`` and ``parent`` are codes (text). Rows by (type order, name, id)."""
    ids = table_ids(ex) if ids is None else ids
    table = CsvText(excel)
    field, end, types = table.field, table.end, table.fields()

    def lines() -> Iterator[str]:
        for e in sorted(ex.entities, key=_entity_order):
            table_id, iri = ids[e.id]
            if e.attrs:
                attr = dict(e.attrs).get
                attrs = (
                    f"{field(attr('adcode', ''))},{field(attr('parent', ''))},"
                    f"{field(attr('lon', ''))},{field(attr('lat', ''))}"
                )
            else:  # most entities: no attributes, four empty fields
                attrs = ",,,"
            yield (  # mentions an int (kg.model): written as its str, as by the csv module
                f"{field(table_id)},{field(e.name)},{types[e.type]},{field(iri)},"
                f"{field('|'.join(e.aliases))},{e.mentions},{len(e.documents)},{attrs}{end}"
            )

    table.write(path, ENTITY_COLUMNS, lines(), excel=excel)


def write_relations_csv(
    ex: Extraction, path: str | Path, *, excel: bool = False, ids: Mapping[str, tuple[str, str]] | None = None
) -> None:
    """Typed relations, then co-occurrences, in one table (columns ``RELATION_COLUMNS``).

    ``source`` and ``target`` are the entities' ``id`` of entities.csv, ``relation`` the
    relation type (``co_occurs_with`` for a co-occurrence, whose source and target are in
    id order). For a typed relation ``weight`` is the number of evidence sentences,
    ``documents`` the number of distinct documents among them and ``pmi``/``npmi`` are
    empty. For a co-occurrence ``weight`` is its sentence count and ``documents`` its
    document count. ``evidence_sentences`` counts the evidence sentences recorded with
    the edge; ``rule`` joins the distinct rules with ``|``; ``first_evidence`` is
    ``doc:sentence`` of the first evidence in (document id, sentence) order. Relations
    are ordered by (type order, source, target), co-occurrences by (source, target).
    ``ids``: ``table_ids(ex)`` when the caller has them already.
    """
    ids = table_ids(ex) if ids is None else ids
    table = CsvText(excel)
    field, end = table.field, table.end
    # Each entity's id and name as fields, made once: an id that is no entity's stands
    # for itself, with no name.
    node = _Named(((eid, field(table_id)) for eid, (table_id, _iri) in ids.items()), field)
    name = _Named(((e.id, field(e.name)) for e in ex.entities), lambda _eid: "")
    types, rules, scores = table.fields(), table.fields(), _Scores()
    rules[""] = ""  # no rule: an empty field
    # id(evidence) → its first_evidence field (``doc:sentence``). The merge shares one
    # Evidence object between every pair of a sentence, most met several times; the
    # extraction keeps every object, and so its id, alive meanwhile.
    firsts: dict[int, str] = {}

    def first_of(e: Evidence) -> str:
        out = firsts[id(e)] = field(f"{e.doc}:{e.text}")
        return out

    def many(evidence: Sequence[Evidence]) -> tuple[int, str, str]:
        """``evidence_sentences``, ``rule`` and ``first_evidence`` of an edge (the first as
        ``kg.graph.sorted_evidence`` orders them), with keys made in C."""
        if not evidence:
            return 0, "", ""
        sentences = len(set(map(_SENTENCE, evidence)))
        names = set(map(_RULE, evidence))
        rule = rules[names.pop()] if len(names) == 1 else field("|".join(sorted([r for r in names if r])))
        # With each (document, sentence) once, the least evidence by its own order (its
        # fields: doc, sentence, …) is the least by _EVIDENCE_KEY, the two orders parting
        # only within a sentence: compared as they are, no key is made per evidence.
        first = min(evidence) if sentences == len(evidence) else min(evidence, key=_EVIDENCE_KEY)
        return sentences, rule, firsts.get(id(first)) or first_of(first)

    # The counts (weight, count, documents) are ints (kg.model), which a format writes as
    # their str, as the csv module does.
    def lines() -> Iterator[str]:
        for r in sorted(ex.relations, key=_relation_order):
            evidence = r.evidence
            sentences, rule, first = many(evidence)
            yield (
                f"{node[r.head]},{node[r.tail]},{types[r.type]},{name[r.head]},{name[r.tail]},{r.weight},"
                f"{sentences},{len(set(map(_DOC, evidence)))},,,{rule},{first}{end}"
            )
        co, first = types[COOCCURS], firsts.get
        for c in sorted(ex.cooccurrences, key=_PAIR):
            evidence = c.evidence
            if len(evidence) == 1:  # most pairs: one sentence, one rule
                e = evidence[0]
                yield (
                    f"{node[c.a]},{node[c.b]},{co},{name[c.a]},{name[c.b]},{c.count},1,{c.documents},"
                    f"{scores[c.pmi]},{scores[c.npmi]},{rules[e.rule]},{first(id(e)) or first_of(e)}{end}"
                )
            else:
                sentences, rule, first_evidence = many(evidence)
                yield (
                    f"{node[c.a]},{node[c.b]},{co},{name[c.a]},{name[c.b]},{c.count},{sentences},{c.documents},"
                    f"{scores[c.pmi]},{scores[c.npmi]},{rule},{first_evidence}{end}"
                )

    table.write(path, RELATION_COLUMNS, lines(), excel=excel)


def mention_rules(docs: Iterable[DocExtraction]) -> Counter[str]:
    """Mentions per entity rule (data/rules/entities.toml), which `kg rules` lists."""
    return Counter(m.rule for dx in docs for m in dx.mentions)


def _counts(ex: Extraction, rules: Mapping[str, int] | None = None) -> dict[str, Any]:
    entity_types = list(ENTITY_TYPES) + sorted({e.type for e in ex.entities} - set(ENTITY_TYPES))
    relation_types = list(RELATION_TYPES) + sorted({r.type for r in ex.relations} - set(RELATION_TYPES))
    entity_count = Counter(e.type for e in ex.entities)
    relation_count = Counter(r.type for r in ex.relations)
    # The merge counts the sentences (sentence_total); a document held packed would be
    # unpacked to count them again. An extraction made by hand may leave the total at 0.
    sentences = ex.sentence_total or sum(len(dx.sentences) for dx in ex.docs)
    return {
        "documents": len(ex.docs),
        "sentences": sentences,
        "entities": {t: entity_count[t] for t in entity_types},
        "entities_total": len(ex.entities),
        "relations": {t: relation_count[t] for t in relation_types},
        "relations_total": len(ex.relations),
        "cooccurrences": len(ex.cooccurrences),
        "scripts": dict(sorted(Counter(dx.doc.script or "simplified" for dx in ex.docs).items())),
        "entity_rules": dict(sorted((mention_rules(ex.docs) if rules is None else rules).items())),
    }


def _scripts(ex: Extraction) -> dict[str, list[str]]:
    """Ids of the documents not in simplified characters, by script (``traditional``:
    read through a simplified view; ``none``: no Chinese characters); every other
    document is simplified."""
    out: dict[str, list[str]] = {}
    for dx in ex.docs:
        if dx.doc.script and dx.doc.script != "simplified":
            out.setdefault(dx.doc.script, []).append(dx.doc.id)
    return {k: sorted(v) for k, v in sorted(out.items())}


def manifest(
    *,
    files: Iterable[FileRecord],
    ex: Extraction,
    settings: Settings,
    backend_info: Mapping[str, Any],
    versions: Mapping[str, Any],
    rules: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The manifest as a dict (see ``write_manifest``)."""
    return {
        "files": [
            {
                "path": f.path,
                "status": f.status,
                "reason": f.reason,
                "format": f.format,
                "encoding": f.encoding,
                "documents": f.documents,
                # the record fields used, and why records were read as text, when there are any
                **({"fields": dict(f.fields)} if f.fields else {}),
                **({"warning": f.warning} if f.warning else {}),
            }
            for f in sorted(files, key=lambda f: f.path)
        ],
        "counts": _counts(ex, rules),
        "scripts": _scripts(ex),
        "homonym_candidates": [
            {"entity": person, "documents": {doc: list(posts) for doc, posts in by_doc}}
            for person, by_doc in ex.homonym_candidates
        ],
        "settings": settings.as_dict(),
        "segmenter": dict(backend_info),
        "versions": dict(versions),
    }


def write_manifest(
    path: str | Path,
    *,
    files: list[FileRecord],
    ex: Extraction,
    settings: Settings,
    backend_info: dict[str, Any],
    versions: dict[str, Any],
    rules: Mapping[str, int] | None = None,
) -> None:
    """Write the run manifest as JSON (indent 2, keys sorted, UTF-8, no timestamps).

    ``files`` lists every input path (path, status, reason, format, encoding, documents,
    and ``fields`` — role to record field used — and ``warning`` where the file has them),
    sorted by path; ``counts`` has documents, sentences, entities and relations per type
    (every known type, zeros included) and co-occurrences; ``settings`` is
    ``Settings.as_dict()``; ``segmenter`` is ``backend_info``; ``versions`` is
    ``versions``. Values must be JSON-serialisable.

    ``rules``: ``mention_rules(ex.docs)`` when the caller counted them already (a build
    with a store counts them as it reads each stored result, instead of unpacking every
    document again here).
    """
    data = manifest(files=files, ex=ex, settings=settings, backend_info=backend_info, versions=versions,
                    rules=rules)
    with open_text(path) as f:
        # Streamed piece by piece (the same text json.dumps makes): ``files`` has an entry
        # per input path, which for a large corpus is no small string.
        json.dump(data, f, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
        f.write("\n")
