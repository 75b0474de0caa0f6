"""The merged corpus a build keeps in its extraction store, and the views read from it.

A build with a store keeps what the merge returned (``kg.incremental.StoreRun.write_merged``),
under a key of the export key, kg's whole source and the merge's settings
(:func:`merged_key`), split so that :func:`built_view` reads one entity's neighbourhood
only: every entity (one row), each entity's neighbours (one row each), the relations and
co-occurrences of each pair of entities with their evidence (one row a pair) and each
document's entity ids (one row a document). ``kg view ENTITY -d OUT`` then reads the
entities, walks the neighbours ``depth`` steps, and reads the edges among them and the
documents they name, instead of loading and merging the whole corpus again (on the whole
benchmark corpus the merge alone took about 10 s). The page is the one
``write_ego_html`` makes from the whole merge: the edges and documents it reads are all
that ``ego_network`` keeps and the page looks at. The rows are kept per export folder
and keyed by entity numbers that last from build to build, and hold nothing that moves
with the whole corpus (a co-occurrence's measures are computed by the reader from the
entities' sentence counts in the head), so a build that adds a few stories writes only
the rows they change (see :func:`encode_merged`). The mention index of ``kg kwic -d``
is kept beside them (:func:`built_mentions`).
"""

from __future__ import annotations

import hashlib
import marshal
from array import array
from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import attrgetter, itemgetter
from pathlib import Path

from kg.config import Settings
from kg.corpus_list import document_of, read_corpus_list
from kg.errors import KGError, show_path
from kg.export.kwic import MentionIndex, decode_mentions
from kg.extraction_store import STORE_DIR, ExtractionStore
from kg.merge import association
from kg.model import Cooccurrence, Document, Entity, Evidence, Extraction, Relation, Sentence
from kg.progress import ProgressFn, begin, end
from kg.stored_doc import PackedDoc

__all__ = ["MERGE_SETTINGS", "LazyEvidence", "ViewDoc", "built_mentions", "built_view", "encode_merged", "kept_numbers",
           "merged_key", "owner_of", "store_folder"]

#: The settings the merge reads (``kg.merge``): a view whose settings differ in one of
#: them merges again instead of reading the build's merged corpus.
MERGE_SETTINGS = ("min_cooccurrence",)


def store_folder(outdir: str | Path, cache: str | Path | None = None) -> Path:
    """Where the store of the build in ``outdir`` is: ``cache`` if given, else ``OUT/.kg-store``."""
    return Path(cache) if cache else Path(outdir) / STORE_DIR


def owner_of(outdir: str | Path) -> str:
    """The export folder ``outdir`` as the store names it (what its merged corpus and
    merge summary are kept for)."""
    return str(Path(outdir).resolve())


def merged_key(export: str, settings: Settings, code: str | None = None) -> str:
    """The key of a build's merged corpus: its export key, kg's whole source as it is now
    (a view by a changed kg merges again) and the settings the merge reads. ``code``:
    ``code_fingerprint()`` when the caller has it already (the build, for its export key)."""
    from kg.extraction_store import code_fingerprint

    parts = [export, code or code_fingerprint(), *(f"{k}={getattr(settings, k)!r}" for k in MERGE_SETTINGS)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _dumps(value: object) -> bytes:
    """Plain tuples, lists, strings and numbers as bytes: marshal, which reads them back as
    fast as pickle (and writes them in about twice pickle's time, 0.1 s on 2,000 stories)
    but runs no code when reading (a shared ``--cache`` folder may be written by others)."""
    return marshal.dumps(value, 4)


def _row(value: object) -> bytes:
    """A row's value as bytes that depend on the value alone: marshal's layout 2, since
    from layout 3 on marshal marks objects referenced elsewhere and interned strings, so
    one value could give other bytes in another build, and a row would be written again
    for nothing (rows are compared byte for byte, see ``ExtractionStore.put_merged``)."""
    return marshal.dumps(value, 2)


def _loads(blob: bytes, folder: Path):
    try:
        return marshal.loads(blob)
    except (ValueError, EOFError, TypeError) as e:
        raise KGError(f"{show_path(folder)}: the kept merged corpus cannot be read ({e}); run kg build again") from e


def _ids(values) -> bytes:
    return array("I", sorted(values)).tobytes()


def kept_numbers(head: bytes | None) -> dict[str, int]:
    """Entity id -> number in the merged corpus ``head`` an earlier build kept ({} for
    none, or one that cannot be read: the numbers only spare rewriting rows)."""
    try:
        got = marshal.loads(head) if head is not None else {}
        return dict(zip((row[0] for row in got["entities"]), got["numbers"], strict=True))
    except (ValueError, EOFError, TypeError, KeyError, IndexError):
        return {}


def encode_merged(ex: Extraction, sentences: dict[str, int], numbers: dict[str, int] | None = None):
    """``ex`` as the rows the store keeps (see the module docstring): the head (every
    entity, its number and the sentences naming it, and the corpus's counts), adjacency
    rows (entity number, relation neighbours, co-occurrence neighbours, has a loop), pair
    rows (lower number, higher number, edges) and document rows (document id, its (name,
    entity id) pairs and its first sentence). Every value is made of plain tuples, which
    are written and read several times faster than the model's dataclasses.

    Rows are keyed by entity numbers that last from build to build (``numbers``: those of
    the last build; a new entity gets the next free one), and a pair's row holds its edges
    without their place in the corpus's lists or their association measures (the reader
    sorts them and computes the measures from ``sentences``, the counts of the merge): so
    an entity or a pair that one more day's stories leave alone keeps its row byte for
    byte, and the store writes only the rows that changed (``ExtractionStore.put_merged``)."""
    numbers = numbers or {}
    taken = set()
    own: list[int] = []
    for e in ex.entities:
        n = numbers.get(e.id)
        own.append(-1 if n is None or n in taken else n)
        taken.add(n)
    free = max(taken - {None}, default=-1) + 1
    for i, n in enumerate(own):
        if n < 0:
            own[i], free = free, free + 1
    index = {e.id: n for e, n in zip(ex.entities, own, strict=True)}
    head = _dumps({"entities": [_entity_row(e) for e in ex.entities], "numbers": own,
                    "sentences": [sentences.get(e.id, 0) for e in ex.entities],
                    "sentence_total": ex.sentence_total, "docs": [dx.doc.id for dx in ex.docs]})
    rel: dict[int, set[int]] = {}
    cooc: dict[int, set[int]] = {}
    loops: set[int] = set()
    # a pair of entity numbers (each below 2**32) as one integer that sorts as the pair
    pairs: dict[int, tuple[list, list]] = {}
    number = index.get
    for kind, nbrs, edges, ends, row in ((0, rel, ex.relations, _relation_ends, _relation_row),
                                         (1, cooc, ex.cooccurrences, _cooccurrence_ends, _cooccurrence_row)):
        for edge in edges:
            a, b = ends(edge)
            i, j = number(a), number(b)
            if i is None or j is None:  # no ego network reaches it
                continue
            if i == j:
                loops.add(i)
                key = i << 32 | i
            else:
                nbrs.setdefault(i, set()).add(j)
                nbrs.setdefault(j, set()).add(i)
                key = i << 32 | j if i < j else j << 32 | i
            got = pairs.get(key)
            if got is None:
                got = pairs[key] = ([], [])
            got[kind].append(row(edge))
    adjacency = [(i, _ids(rel.get(i, ())), _ids(cooc.get(i, ())), int(i in loops))
                 for i in sorted(rel.keys() | cooc.keys() | loops)]
    # encoded as the store writes them, not all at once: the rows of every pair of the whole
    # corpus held together were the build's peak of memory
    pair_rows = ((key >> 32, key & 0xFFFFFFFF, _row(pairs.pop(key))) for key in sorted(pairs))
    per_doc: dict[str, list[tuple[str, str]]] = {dx.doc.id: [] for dx in ex.docs}
    for (doc, name), eid in ex.entity_of.items():
        per_doc.setdefault(doc, []).append((name, eid))
    first = {dx.doc.id: _sentence_row(dx.first) for dx in ex.docs if getattr(dx, "first", None) is not None}
    # the (name, entity id) pairs as bytes of their own: a view reads every document's first
    # sentence, and its pairs only when it looks a mention's entity up (see _EntityOf)
    doc_rows = [(doc, _row((_row(rows), first.get(doc)))) for doc, rows in sorted(per_doc.items())]
    return head, adjacency, pair_rows, doc_rows


#: The fields of an entity, of an evidence and of a sentence as a tuple (in C, several
#: times faster than a generator over the attributes); an evidence and a sentence are
#: named tuples of those fields in that order, copied as tuples (faster still) while they are.
_entity_row = attrgetter("id", "type", "name", "aliases", "mentions", "documents", "attrs")
_EVIDENCE_FIELDS = ("doc", "sentence", "start", "end", "text", "rule")
_evidence_row = tuple if Evidence._fields == _EVIDENCE_FIELDS else attrgetter(*_EVIDENCE_FIELDS)
_SENTENCE_FIELDS = ("index", "start", "end", "text", "paragraph", "heading")
_sentence_row = tuple if Sentence._fields == _SENTENCE_FIELDS else attrgetter(*_SENTENCE_FIELDS)
_relation_ends = attrgetter("head", "tail")
_cooccurrence_ends = attrgetter("a", "b")


def _relation_row(r: Relation) -> tuple:
    return (r.head, r.type, r.tail, *_evidence_value(r.evidence))


def _cooccurrence_row(c: Cooccurrence) -> tuple:
    return (c.a, c.b, c.count, c.documents, *_evidence_value(c.evidence))


def _evidence_value(evidence) -> tuple[tuple[str, ...], bytes]:
    """An edge's evidence as kept: the document of each (read with the edge) and the
    evidence rows as bytes of their own, read only when the evidence is (``LazyEvidence``)."""
    rows = tuple(map(_evidence_row, evidence))
    return tuple(map(_first_field, rows)), _row(rows)


_first_field = itemgetter(0)


def _evidence(rows) -> tuple[Evidence, ...]:
    # tuple.__new__ over the rows, in C (Evidence(*e) runs a Python function per row: a
    # quarter of a million rows for 李强's neighbourhood in the benchmark corpus)
    return tuple(map(tuple.__new__, repeat(Evidence), rows))


class _EntityOf(Mapping):
    """``Extraction.entity_of`` of a view: (document, name) -> entity id, made from the
    documents' kept rows (``rows``: document -> (its pairs as bytes, its first sentence))
    when first read. The page of a build's view reads the kept mention index instead
    (``built_mentions``), so most views never make it: 李强's names 22,000 documents."""

    def __init__(self, rows: dict[str, tuple[bytes, tuple | None]], folder: Path) -> None:
        self._rows = rows
        self._folder = folder
        self._made: dict[tuple[str, str], str] | None = None

    def _dict(self) -> dict[tuple[str, str], str]:
        made = self._made
        if made is None:
            folder = self._folder
            made = self._made = {(doc, name): eid for doc, (pairs, _first) in sorted(self._rows.items())
                                 for name, eid in _loads(pairs, folder)}
        return made

    def __getitem__(self, key: tuple[str, str]) -> str:
        return self._dict()[key]

    def get(self, key, default=None):
        return self._dict().get(key, default)

    def __iter__(self):
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())

    def items(self):
        return self._dict().items()


class LazyEvidence(Sequence):
    """The evidence of an edge read from the merged corpus: its length and documents known,
    its rows (sentence texts, most of the bytes) decoded when first read. ``kg view -d``
    reads every edge among the neighbourhood's entities, but the page looks at the evidence
    of a few thousand of them (those it draws, and a few strongest of each entity it does
    not): 李强's neighbourhood in the benchmark corpus has 23,000 pairs of entities and a
    quarter of a million evidence sentences. Equal to the tuple of its ``Evidence``, and
    hashed as it is."""

    __slots__ = ("_blob", "_folder", "_rows", "docs")

    def __init__(self, docs: tuple[str, ...], blob: bytes, folder: Path) -> None:
        self.docs = docs
        self._blob = blob
        self._folder = folder
        self._rows: tuple[Evidence, ...] | None = None

    def rows(self) -> tuple[Evidence, ...]:
        rows = self._rows
        if rows is None:
            rows = self._rows = _evidence(_loads(self._blob, self._folder))
        return rows

    def __len__(self) -> int:
        return len(self.docs)

    def __getitem__(self, i):
        return self.rows()[i]

    def __iter__(self):
        return iter(self.rows())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyEvidence):
            other = other.rows()
        return self.rows() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.rows())

    def __repr__(self) -> str:
        return repr(self.rows())


def built_view(outdir: str | Path, settings: Settings, query: str, depth: int = 1, cooccurrence: bool = True,
               *, cache: str | Path | None = None, progress: ProgressFn | None = None) -> Extraction | None:
    """What ``write_ego_html(ex, query, ..., depth=depth, cooccurrence=cooccurrence)`` needs
    of the build in ``outdir`` to draw the page it draws from the whole merged corpus: every
    entity, the relations and co-occurrences among the entities within ``depth`` steps of
    the one ``query`` names, and the documents they name, read from the build's merged
    corpus (see the module docstring). None when the store keeps no merged corpus for this
    export, kg and ``settings`` (then merge with :func:`kg.pipeline.built_corpus`).
    Raises ``QueryError`` as ``find_entity`` does for a name no entity or several have."""
    from kg.export.html.neighbourhood import find_entity

    folder = store_folder(outdir, cache)
    if not (folder / "extractions.sqlite").is_file():
        return None
    begin(progress, "read")
    cl = read_corpus_list(outdir, raw=True)  # rows: only the neighbourhood's are made documents
    key = merged_key(cl.export, settings)
    with ExtractionStore(folder, cl.fingerprint) as store:
        blob = store.merged_head(key)
        if blob is None:
            end(progress, "read")
            return None
        head = _loads(blob, folder)
        entities = tuple(Entity(*e) for e in head["entities"])
        centre = find_entity(Extraction((), entities, (), ()), query)
        index = {e.id: n for e, n in zip(entities, head["numbers"], strict=True)}  # id -> number (see encode_merged)
        of_number = {n: e for e, n in zip(entities, head["numbers"], strict=True)}
        sentences = dict(zip((e.id for e in entities), head["sentences"], strict=True))
        total = head["sentence_total"]
        # the entities within depth steps, as kg.export.html.neighbourhood.distances finds them
        seen = {index[centre.id]}
        frontier = [index[centre.id]]
        for _step in range(max(depth, 0)):
            adjacency = store.merged_adjacency(key, frontier)
            found = set()
            for i in frontier:
                rel, co, _loop = adjacency.get(i, (b"", b"", 0))
                found.update(array("I", rel))
                if cooccurrence:
                    found.update(array("I", co))
            frontier = sorted(found - seen)
            seen.update(frontier)
            if not frontier:
                break
        # every edge between two of them (ego_network keeps co-occurrences even when it walks relations only)
        wanted: dict[int, list[int]] = {}
        for i, (rel, co, loop) in store.merged_adjacency(key, seen).items():
            his = [j for j in (*array("I", rel), *array("I", co)) if j > i and j in seen]
            if loop:
                his.append(i)
            if his:
                wanted[i] = his
        relations: list[tuple[tuple[str, str, str], Relation]] = []
        coocs: list[tuple[tuple[str, str], Cooccurrence]] = []
        for body in store.merged_pairs(key, wanted):
            rels, cs = _loads(body, folder)
            relations += [((h, t, tl), Relation(h, t, tl, LazyEvidence(ev, blob, folder))) for h, t, tl, ev, blob in rels]
            # the measures as kg.merge computes them, from the counts kept in the head
            coocs += [((a, b), Cooccurrence(a, b, count, documents,
                                            *association(count, sentences[a], sentences[b], total),
                                            LazyEvidence(ev, blob, folder)))
                      for a, b, count, documents, ev, blob in cs]
        # the documents the page can name: the neighbourhood's and its evidence's
        named = {d for i in seen for d in of_number[i].documents}
        for _k, edge in relations:
            named.update(edge.evidence.docs)
        for _k, edge in coocs:
            named.update(edge.evidence.docs)
        listed = [(row, row[1]) for row in cl.documents if row[0] in named]  # (row, store key)
        keys = [k for _row, k in listed]
        absent = store.missing(keys)  # the results themselves are read when first unpacked
        texts = store.texts(keys)
        rows = {doc: _loads(body, folder) for doc, body in store.merged_docs(key, named).items()}
    entity_of = _EntityOf(rows, folder)
    lost = [row[0] for row, k in listed if k in absent or k not in texts or row[0] not in rows]
    if lost:
        raise KGError(f"{show_path(outdir)}: the store at {show_path(folder)} lacks {len(lost)} of the "
                      f"build's documents (pruned or removed?): run kg build again")
    results = _Results(folder, cl.fingerprint, keys)
    docs = tuple(ViewDoc(document_of(row, texts[k]), results, k, rows[row[0]][1]) for row, k in listed)
    end(progress, "read", len(docs))
    return Extraction(
        docs=docs,
        entities=entities,
        relations=tuple(r for _k, r in sorted(relations, key=lambda x: x[0])),  # the merge's order
        cooccurrences=tuple(c for _k, c in sorted(coocs, key=lambda x: x[0])),
        entity_of=entity_of,
        sentence_total=head["sentence_total"],
    )


def built_mentions(outdir: str | Path, settings: Settings, *, cache: str | Path | None = None) -> MentionIndex | None:
    """The mention index kept with the build's merged corpus (see :func:`built_view`), read
    an entity at a time when asked for (``kg view -d`` and ``kg kwic -d`` then read only the
    mentions of the entities they show); None when the store keeps none for this export,
    kg and ``settings``."""
    folder = store_folder(outdir, cache)
    if not (folder / "extractions.sqlite").is_file():
        return None
    cl = read_corpus_list(outdir, header_only=True)
    key = merged_key(cl.export, settings)
    with ExtractionStore(folder, cl.fingerprint) as store:
        if store.merged_head(key) is None:
            return None
        head = store.merged_mentions(key, [""]).get("")
    if head is None:
        return None

    def fetch(entities: list[str]) -> dict[str, bytes]:
        with ExtractionStore(folder, cl.fingerprint) as store:
            return store.merged_mentions(key, entities)

    return decode_mentions(head, fetch, show_path(folder))


class _Results:
    """The packed results of a view's documents, read from the store in one go when the
    first of them is unpacked: the page reads only the first sentences (kept with the merged
    corpus) and the mentions (from the mention index), so most views read none."""

    def __init__(self, folder: Path, fingerprint: str, keys: list[str]) -> None:
        self.folder, self.fingerprint, self.keys = folder, fingerprint, keys
        self._got: dict | None = None

    def __getitem__(self, key: str):
        if self._got is None:
            with ExtractionStore(self.folder, self.fingerprint) as store:
                self._got = store.results(self.keys)
        return self._got[key]


class ViewDoc(PackedDoc):
    """A document of :func:`built_view`: it reads as a ``DocExtraction``, unpacked only
    when its sentences (but the first), mentions or entities are read.

    The page reads every document's first sentence (an untitled document is named by it),
    and its concordance tab the build's mention index: the first sentence kept with the
    merged corpus spares one unpacking of each document, the most of the page's time when
    the neighbourhood reaches most of the corpus (李强's, through 中国, 22,000 of 24,100
    stories), and the packed results are read only when a document is unpacked."""

    __slots__ = ("doc", "_results", "_key", "_first")

    def __init__(self, doc: Document, results: _Results, key: str, first: tuple | None) -> None:
        self.doc = doc
        self._results = results
        self._key = key
        self._first = first

    @property
    def packed(self):
        return self._results[self._key]

    @property
    def sentences(self):
        return _Sentences(self)


class _Sentences(Sequence):
    """A document's sentences: the first without unpacking the document, the rest with."""

    def __init__(self, owner: ViewDoc) -> None:
        self.owner = owner

    def __bool__(self) -> bool:
        return self.owner._first is not None

    def __getitem__(self, i):
        if i == 0 and self.owner._first is not None:
            return Sentence(*self.owner._first)
        return self.owner.full().sentences[i]

    def __len__(self) -> int:
        return len(self.owner.full().sentences)

    def __iter__(self):
        return iter(self.owner.full().sentences)
