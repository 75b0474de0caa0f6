"""Tabular exports: per-document JSONL, entity and relation CSVs, the run manifest.

Rows come in a fixed order with no timestamps, so the same extraction gives the same
bytes. CSVs are UTF-8 with ``\\n`` line ends, or, with ``excel=True`` (``kg build
--excel``), UTF-8 with a byte-order mark and ``\\r\\n``: without the mark, Excel on a
Chinese-language Windows reads the file as GBK and garbles every name.

Every table of kg names things alike (:mod:`kg.analysis.write` uses the same names): an
entity table starts ``id,name,type``, an edge table ``source,target,relation``; ``id``
is the entity's id in the RDF export (the local part of its IRI, percent-encoding undone)
and ``iri`` the full IRI, so rows join with SPARQL results.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from kg.config import Settings
from kg.export.rdf.vocab import ID, entity_iris
from kg.graph import relation_rank, sorted_evidence, type_rank
from kg.model import COOCCURS, ENTITY_TYPES, RELATION_TYPES, DocExtraction, Evidence, Extraction, FileRecord

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


def _open_text(path: str | Path, *, bom: bool = False):
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    # newline="" so the csv module's terminator and embedded newlines pass unchanged.
    return open(p, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")


def write_csv(path: str | Path, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, excel: bool = False) -> None:
    """A header and rows as CSV: UTF-8 and ``\\n``, or for Excel a BOM and ``\\r\\n``.

    A line break inside a value stays ``\\n`` either way (quoted, as CSV allows). Values
    are written as they come: codes are given as strings, so none turns into a float.
    """
    with _open_text(path, bom=excel) as f:
        w = csv.writer(f, lineterminator="\r\n" if excel else "\n")
        w.writerow(columns)
        w.writerows(rows)


def table_ids(ex: Extraction) -> dict[str, tuple[str, str]]:
    """Entity id of the extraction -> (``id``, ``iri``) of the tables: the IRI the RDF
    export gives the entity and its local part with the percent-encoding undone
    (``person/习近平``, ``place/cn-140700``). It is the extraction's own id (graph.html's,
    ``kg view``'s) unless the RDF tells two namesakes apart with a suffix."""
    base = str(ID)
    return {eid: (unquote(str(iri)[len(base):]), str(iri)) for eid, iri in entity_iris(ex).items()}


def _score(value: float | None) -> str:
    """A score with six decimals; empty when missing or not finite."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:.6f}"


def _first_evidence(evidence: Iterable[Evidence]) -> str:
    first = sorted_evidence(evidence, 1)
    return f"{first[0].doc}:{first[0].text}" if first else ""


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


def write_documents_jsonl(ex: Extraction, path: str | Path) -> None:
    """One JSON object per line per document, in document order (see ``document_record``)."""
    with _open_text(path) as f:
        for dx in ex.docs:
            f.write(json.dumps(document_record(dx), ensure_ascii=False, allow_nan=False))
            f.write("\n")


def write_entities_csv(
    ex: Extraction, path: str | Path, *, excel: bool = False, ids: Mapping[str, tuple[str, str]] | None = None
) -> None:
    """Columns ``ENTITY_COLUMNS``: ``id`` and ``iri`` as in the RDF (``table_ids``; ``ids``
    when the caller has them already), aliases joined with ``|``, documents a count;
    ``adcode`` and ``parent`` are codes (text). Rows by (type order, name, id)."""
    ids = table_ids(ex) if ids is None else ids
    rows = (
        (
            ids[e.id][0],
            e.name,
            e.type,
            ids[e.id][1],
            "|".join(e.aliases),
            e.mentions,
            len(e.documents),
            e.attr("adcode"),
            e.attr("parent"),
            e.attr("lon"),
            e.attr("lat"),
        )
        for e in sorted(ex.entities, key=lambda e: (type_rank(e.type), e.type, e.name, e.id))
    )
    write_csv(path, ENTITY_COLUMNS, rows, excel=excel)


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
    names = {e.id: e.name for e in ex.entities}
    ids = {eid: table_id for eid, (table_id, _iri) in (table_ids(ex) if ids is None else ids).items()}

    def rows():
        for r in sorted(ex.relations, key=lambda r: (relation_rank(r.type), r.type, r.head, r.tail)):
            yield (
                ids.get(r.head, r.head),
                ids.get(r.tail, r.tail),
                r.type,
                names.get(r.head, ""),
                names.get(r.tail, ""),
                r.weight,
                len({(e.doc, e.sentence) for e in r.evidence}),
                len({e.doc for e in r.evidence}),
                "",
                "",
                "|".join(sorted({e.rule for e in r.evidence if e.rule})),
                _first_evidence(r.evidence),
            )
        for c in sorted(ex.cooccurrences, key=lambda c: (c.a, c.b)):
            yield (
                ids.get(c.a, c.a),
                ids.get(c.b, c.b),
                COOCCURS,
                names.get(c.a, ""),
                names.get(c.b, ""),
                c.count,
                len({(e.doc, e.sentence) for e in c.evidence}),
                c.documents,
                _score(c.pmi),
                _score(c.npmi),
                "|".join(sorted({e.rule for e in c.evidence if e.rule})),
                _first_evidence(c.evidence),
            )

    write_csv(path, RELATION_COLUMNS, rows(), excel=excel)


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
    with _open_text(path) as f:
        # Streamed piece by piece (the same text json.dumps makes): ``files`` has an entry
        # per input path, which for a large corpus is no small string.
        json.dump(data, f, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
        f.write("\n")
