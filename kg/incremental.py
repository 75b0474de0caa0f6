"""Builds that extract only what is new, and commands that read a build's extraction.

- :class:`StoreRun` is one ``kg build`` (or ``kg analyze`` of inputs) with an extraction
  store (:mod:`kg.extraction_store`): ``check`` tells whether the export in place is
  already the one these inputs and settings make (then nothing is extracted or written),
  ``extract`` takes stored results and extracts only the documents without one, storing
  them as they come, ``merge`` merges them from the summary the last build of the export
  kept when it still covers only documents of this one (:mod:`kg.kept_summary`), and
  ``write_list`` writes the export's corpus list (:mod:`kg.corpus_list`).
- :func:`load_built` rebuilds a build's documents and results from its corpus list and
  store, without the inputs, for ``kg analyze -d OUT`` (and ``kg view`` when the merged
  corpus below is not kept).
- The **merged corpus**: a build also keeps what the merge returned (``StoreRun.write_merged``),
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
  the rows they change (see :func:`encode_merged`).

Results are held packed (:class:`~kg.extraction_store.StoredDoc`) from extraction to the
end of the run, so memory follows the graph rather than the corpus's extractions.
"""

from __future__ import annotations

import hashlib
import marshal
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import replace
from operator import attrgetter
from pathlib import Path

from kg.config import Settings
from kg.corpus_list import CorpusList, export_key, read_corpus_list, up_to_date, write_corpus_list
from kg.errors import KGError, show_path
from kg.export.kwic import MentionIndex, decode_mentions, encode_mentions
from kg.extract.document import pack, unpack
from kg.extraction_store import STORE_DIR, ExtractionStore, StoredDoc, extraction_fingerprint, text_key, unpack_kept
from kg.kept_summary import Kept, entity_sentences, merged_summary, read_kept, summary_rows, summary_tag
from kg.merge import association
from kg.model import Cooccurrence, DocExtraction, Document, Entity, Evidence, Extraction, FileRecord, Relation, Sentence
from kg.progress import ProgressFn, begin, end

__all__ = ["StoreRun", "built_mentions", "built_view", "load_built", "merged_key", "prune", "store_folder"]

#: The settings the merge reads (``kg.merge``): a view whose settings differ in one of
#: them merges again instead of reading the build's merged corpus.
MERGE_SETTINGS = ("min_cooccurrence",)

#: Documents extracted between two writes to the store: a killed build keeps what the
#: finished chunks stored, and only one chunk's full results are in memory at a time.
CHUNK = 1000


def store_folder(outdir: str | Path, cache: str | Path | None = None) -> Path:
    """Where the store of the build in ``outdir`` is: ``cache`` if given, else ``OUT/.kg-store``."""
    return Path(cache) if cache else Path(outdir) / STORE_DIR


class StoreRun:
    """The store side of one run over inputs (see the module docstring)."""

    def __init__(self, folder: str | Path, outdir: str | Path | None, settings: Settings, data_dir: object) -> None:
        self.folder = Path(folder)
        self.outdir = outdir
        self.settings = settings
        self.data_dir = data_dir
        self.fingerprint = ""
        self.export = ""
        self.merged = ""
        self.keys: dict[str, str] = {}
        #: The corpus list of the export in place when it is up to date (nothing to do).
        self.current: CorpusList | None = None
        self.extracted = 0
        #: Mentions per entity rule of the documents ``extract`` returned, counted while each
        #: was unpacked (the manifest's ``entity_rules``: see ``kg.export.tables.mention_rules``).
        self.rules: Counter[str] = Counter()
        #: The merge summary kept by the last build of this export that ``extract`` found
        #: usable (:mod:`kg.kept_summary`), the mentions per rule of the documents it does
        #: not cover, and what ``merge`` leaves to keep for the next build.
        self.kept: Kept | None = None
        self.new_rules: Counter[str] = Counter()
        self._summary_rows: tuple[bool, list[tuple[bytes, bytes]]] | None = None
        #: Sentences naming each entity (the association measures' counts), kept with the merged corpus.
        self._sentences: dict[str, int] | None = None
        #: The results ``extract`` returned; see ``release``.
        self.held: list[HeldDoc] = []
        self._held_chars = 0

    def check(self, documents: Sequence[Document], files: Sequence[FileRecord]) -> bool:
        """Compute the keys; True when the export in ``outdir`` is already this build's
        and the store holds every result and the merged corpus (a removed store makes the
        build run again)."""
        self.fingerprint = extraction_fingerprint(self.settings, self.data_dir)
        self.keys = {d.id: text_key(d.text, d.content_hash) for d in documents}
        self.export = export_key(documents, [self.keys[d.id] for d in documents], files, self.settings,
                                 self.data_dir, self.fingerprint)
        # now, not when it is written: the source could change during a long build
        self.merged = merged_key(self.export, self.settings)
        if self.outdir is None:
            return False
        current = up_to_date(self.outdir, self.export)
        if current is not None:
            with ExtractionStore(self.folder, self.fingerprint) as store:
                if not store.missing(self.keys.values()) and store.merged_head(self.merged) is not None:
                    self.current = current
        return self.current is not None

    def extract(self, documents: Sequence[Document], tools, progress: Callable[[int, int], None] | None,
                failures: list[tuple[Document, str]]) -> list[StoredDoc]:
        """The results of ``documents`` in their order, packed: stored ones read back,
        the others extracted ``CHUNK`` at a time and stored (a failure is left out and
        reported in ``failures``, as ``extract_all`` does, and tried again next time)."""
        from kg.pipeline import Extractor

        n = len(documents)
        rules: Counter[str] = Counter()  # of the documents the kept summary does not cover
        self.rules = self.new_rules = rules
        if not n:  # nothing to keep: no store is made (an output folder is not created for it)
            return []
        with ExitStack() as stack:
            store = stack.enter_context(ExtractionStore(self.folder, self.fingerprint))
            stored = store.results(self.keys.values())
            if self.outdir is not None:
                self.kept = read_kept(store, _owner(self.outdir), summary_tag(self.fingerprint), self.keys, stored)
            covered = self.kept.covered if self.kept is not None else {}
            todo = [d for d in documents if self.keys[d.id] not in stored]
            fresh: dict[str, StoredDoc] = {}
            done = n - len(todo)
            if progress and done:
                progress(done, n)
            run = stack.enter_context(Extractor(tools))  # one pool or cluster for every chunk
            for start in range(0, len(todo), CHUNK):
                chunk = todo[start : start + CHUNK]
                base = done + start
                cb = (lambda i, _n, base=base: progress(base + i, n)) if progress else None
                for dx in run(chunk, cb, failures):
                    packed = pack(dx)
                    fresh[dx.doc.id] = self._held(dx, packed)
                    stored[self.keys[dx.doc.id]] = packed
                    rules.update(m.rule for m in dx.mentions)
                store.put((self.keys[d.id], d.text, stored[self.keys[d.id]]) for d in chunk if d.id in fresh)
            self.extracted = len(fresh)
        failed = {d.id for d, _reason in failures}
        out = []
        for d in documents:
            if d.id in fresh:
                out.append(fresh[d.id])
            elif d.id not in failed:
                packed = stored[self.keys[d.id]]
                dx = unpack(packed, d)  # as StoredDoc.of does, counting the mentions while unpacked
                if d.id not in covered:  # the kept summary has the others' counts
                    rules.update(m.rule for m in dx.mentions)
                out.append(self._held(dx, packed))
        self.new_rules = rules
        self.rules = rules + self.kept.rules if self.kept is not None else rules
        return out

    def merge(self, docs: Sequence[StoredDoc], res, settings: Settings) -> Extraction:
        """``kg.merge.merge(docs, res, settings)``, from the summary the last build kept and
        a summary of the documents it does not cover when ``extract`` found one (see
        :mod:`kg.kept_summary`); what to keep for the next build is made ready for
        ``write_merged``."""
        from kg.merge import finalize

        whole, new = merged_summary(self.kept, docs)
        if new is None and self.kept is not None:  # not used after all: its counts neither
            covered = self.kept.covered
            self.new_rules.update(m.rule for dx in docs if dx.doc.id in covered for m in dx.mentions)
            self.rules = self.new_rules
            self.kept = None
        ex = finalize(whole, res, settings, docs)
        self._sentences = entity_sentences(whole, ex.entity_of)
        if self.outdir is not None and docs:
            self._summary_rows = summary_rows(whole, new, self.kept, self.keys, self.rules, self.new_rules)
        return ex

    def _held(self, dx: DocExtraction, packed) -> StoredDoc:
        """``dx`` packed, and kept whole as well while the run holds fewer than ``HELD_CHARS``
        characters of text so (see :class:`HeldDoc`)."""
        keep = self._held_chars + len(dx.doc.text) <= HELD_CHARS
        if keep:
            self._held_chars += len(dx.doc.text)
        doc = HeldDoc(dx, packed, keep)
        self.held.append(doc)
        return doc

    def release(self) -> None:
        """Drop the whole results the run kept (see :class:`HeldDoc`); they unpack again when read."""
        for doc in self.held:
            doc.release()
        self.held = []
        self._held_chars = 0

    def write_merged(self, ex: Extraction, mentions: MentionIndex | None = None) -> None:
        """Keep the merged corpus of this build for ``kg view -d`` (see the module docstring),
        with its mention index ``mentions`` (``kg.export.html.kwicdata.page_mentions``) when given."""
        if self.outdir is None or not ex.docs:
            return
        owner = _owner(self.outdir)
        index = encode_mentions(mentions) if mentions is not None else None
        with ExtractionStore(self.folder, self.fingerprint) as store:
            numbers = _numbers(store.merged_head_of(owner))
            head, adjacency, pairs, docs = encode_merged(ex, self._sentences, numbers)
            store.put_merged(self.merged, owner, head, adjacency, pairs, docs, index)
            if self._summary_rows is not None:
                add, rows = self._summary_rows
                if rows or not add:
                    store.put_summary(_owner(self.outdir), summary_tag(self.fingerprint), rows, add=add)
                self._summary_rows = None

    def write_list(self, folder: Path, docs: Sequence[StoredDoc], files: Sequence[FileRecord]) -> str:
        write_corpus_list(folder, documents=[dx.doc for dx in docs], keys=self.keys, files=files,
                          settings=self.settings, data_dir=self.data_dir, fingerprint=self.fingerprint,
                          export=self.export)
        from kg.corpus_list import CORPUS_FILE

        return CORPUS_FILE


#: A build keeps this many characters of its documents' results whole (unpacked) from the
#: moment they are read or extracted until the exports are written, about 29 bytes each (60
#: MB): the merge and the concordance read every document's co-occurrences and mentions,
#: which would otherwise unpack each document twice more (on 3,000 stories, 1.5 million
#: characters, each pass takes half a second). Beyond it the documents are unpacked when
#: read, so memory stays bounded whatever the corpus.
HELD_CHARS = 2_000_000


class HeldDoc(StoredDoc):
    """A ``StoredDoc`` that may keep its whole ``DocExtraction`` (``keep``) until ``release``,
    so reading its sentences, mentions or co-occurrences unpacks nothing. Pickled, it is a
    ``StoredDoc`` without the whole result (a worker does not need it sent)."""

    __slots__ = ("_whole",)

    def __init__(self, dx: DocExtraction, packed, keep: bool) -> None:
        super().__init__(dx, packed)
        self._whole = dx if keep else None

    def full(self) -> DocExtraction:
        whole = self._whole
        return whole if whole is not None else super().full()

    def release(self) -> None:
        self._whole = None

    def __reduce__(self):
        return _plain_stored, (tuple(getattr(self, name) for name in StoredDoc.__slots__),)


def _plain_stored(values: tuple) -> StoredDoc:
    """The ``StoredDoc`` a pickled ``HeldDoc`` becomes (its slots' values, in order)."""
    plain = StoredDoc.__new__(StoredDoc)
    for name, value in zip(StoredDoc.__slots__, values):
        setattr(plain, name, value)
    return plain


def load_built(outdir: str | Path, settings: Settings, cache: str | Path | None = None):
    """The documents, results, file records, settings and data source of the build in
    ``outdir``, from its corpus list and store: (docs, files, settings, data_dir).

    ``settings`` give what does not shape extraction (merge and page options); the
    extraction's own (backend, NER, user dictionary, overlay) are the build's. A store
    that lacks a result, or results made by another kg or with resources changed since
    (an edited user dictionary), is an error that says to build again."""
    from kg.resources import DataSource

    cl = read_corpus_list(outdir)
    folder = store_folder(outdir, cache)
    shown = show_path(outdir)
    settings = replace(settings, **cl.settings)
    data_dir = DataSource(cl.data_dir["overlay"], tuple(cl.data_dir["user_dicts"])) if cl.data_dir else None
    if not (folder / "extractions.sqlite").is_file():
        raise KGError(f"{shown}: no extraction store at {show_path(folder)}"
                      + ("" if cache else " (built with --cache DIR? give the same --cache)"))
    try:
        fp = extraction_fingerprint(settings, data_dir)
    except KGError as e:
        raise KGError(f"{shown}: the build's resources cannot be read again: {e}") from e
    if fp != cl.fingerprint:
        raise KGError(f"{shown}: was built by another kg or with other resources than there are now "
                      f"(an edited --user-dict or --data-dir file); run kg build again")
    keys = [key for _doc, key in cl.documents]
    with ExtractionStore(folder, fp) as store:
        results = store.results(keys)
        texts = store.texts(keys)
    lost = [doc.id for doc, key in cl.documents if key not in results or key not in texts]
    if lost:
        raise KGError(f"{shown}: the store at {show_path(folder)} lacks {len(lost)} of the build's "
                      f"{len(keys)} documents (pruned or removed?): run kg build again")
    docs = [StoredDoc.of(results[key], replace(doc, text=texts[key], script="")) for doc, key in cl.documents]
    return docs, cl.files, settings, data_dir


def _owner(outdir: str | Path) -> str:
    return str(Path(outdir).resolve())


def merged_key(export: str, settings: Settings) -> str:
    """The key of a build's merged corpus: its export key, kg's whole source as it is now
    (a view by a changed kg merges again) and the settings the merge reads."""
    from kg.extraction_store import code_fingerprint

    parts = [export, code_fingerprint(), *(f"{k}={getattr(settings, k)!r}" for k in MERGE_SETTINGS)]
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


def _numbers(head: bytes | None) -> dict[str, int]:
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
    pairs: dict[tuple[int, int], tuple[list, list]] = {}
    edges = [(0, r.head, r.tail, r) for r in ex.relations]
    edges += [(1, c.a, c.b, c) for c in ex.cooccurrences]
    for kind, a, b, edge in edges:
        if a not in index or b not in index:  # no ego network reaches it
            continue
        i, j = index[a], index[b]
        if i == j:
            loops.add(i)
        else:
            nbrs = cooc if kind else rel
            nbrs.setdefault(i, set()).add(j)
            nbrs.setdefault(j, set()).add(i)
        pairs.setdefault((min(i, j), max(i, j)), ([], []))[kind].append(_edge_row(edge))
    adjacency = [(i, _ids(rel.get(i, ())), _ids(cooc.get(i, ())), int(i in loops))
                 for i in sorted(rel.keys() | cooc.keys() | loops)]
    pair_rows = [(lo, hi, _row(body)) for (lo, hi), body in sorted(pairs.items())]
    per_doc: dict[str, list[tuple[str, str]]] = {dx.doc.id: [] for dx in ex.docs}
    for (doc, name), eid in ex.entity_of.items():
        per_doc.setdefault(doc, []).append((name, eid))
    first = {dx.doc.id: _sentence_row(dx.first) for dx in ex.docs if getattr(dx, "first", None) is not None}
    doc_rows = [(doc, _row((rows, first.get(doc)))) for doc, rows in sorted(per_doc.items())]
    return head, adjacency, pair_rows, doc_rows


#: The fields of an entity and of an evidence sentence as a tuple (in C, several times
#: faster than a generator over the attributes).
_entity_row = attrgetter("id", "type", "name", "aliases", "mentions", "documents", "attrs")
_evidence_row = attrgetter("doc", "sentence", "start", "end", "text", "rule")
_sentence_row = attrgetter("index", "start", "end", "text", "paragraph", "heading")


def _evidence_rows(evidence: Sequence[Evidence]) -> tuple:
    return tuple(map(_evidence_row, evidence))


def _edge_row(edge: Relation | Cooccurrence) -> tuple:
    if isinstance(edge, Relation):
        return (edge.head, edge.type, edge.tail, _evidence_rows(edge.evidence))
    return (edge.a, edge.b, edge.count, edge.documents, _evidence_rows(edge.evidence))


def _evidence(rows) -> tuple[Evidence, ...]:
    return tuple(Evidence(*e) for e in rows)


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
    cl = read_corpus_list(outdir)
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
            relations += [((h, t, tl), Relation(h, t, tl, _evidence(ev))) for h, t, tl, ev in rels]
            # the measures as kg.merge computes them, from the counts kept in the head
            coocs += [((a, b), Cooccurrence(a, b, count, documents,
                                            *association(count, sentences[a], sentences[b], total), _evidence(ev)))
                      for a, b, count, documents, ev in cs]
        # the documents the page can name: the neighbourhood's and its evidence's
        named = {d for i in seen for d in of_number[i].documents}
        named.update(e.doc for _k, r in relations for e in r.evidence)
        named.update(e.doc for _k, c in coocs for e in c.evidence)
        listed = [(doc, k) for doc, k in cl.documents if doc.id in named]
        keys = [k for _doc, k in listed]
        absent = store.missing(keys)  # the results themselves are read when first unpacked
        texts = store.texts(keys)
        rows = {doc: _loads(body, folder) for doc, body in store.merged_docs(key, named).items()}
    entity_of = {(doc, name): eid for doc, (pairs, _first) in sorted(rows.items()) for name, eid in pairs}
    lost = [doc.id for doc, k in listed if k in absent or k not in texts or doc.id not in rows]
    if lost:
        raise KGError(f"{show_path(outdir)}: the store at {show_path(folder)} lacks {len(lost)} of the "
                      f"build's documents (pruned or removed?): run kg build again")
    results = _Results(folder, cl.fingerprint, keys)
    with_text = _with_text()
    docs = tuple(ViewDoc(with_text(doc, texts[k]), results, k, rows[doc.id][1]) for doc, k in listed)
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


def _with_text():
    """``doc`` with ``text``: ``dataclasses.replace`` without its per-call look at the fields
    (a view makes one a document, 22,000 for 李强's page)."""
    from dataclasses import fields

    names = [f.name for f in fields(Document)]
    at = names.index("text")
    values = attrgetter(*names)

    def with_text(doc: Document, text: str) -> Document:
        row = list(values(doc))
        row[at] = text
        return Document(*row)

    return with_text


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


class ViewDoc:
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

    def full(self):
        return unpack_kept(self)

    @property
    def sentences(self):
        return _Sentences(self)

    @property
    def mentions(self):
        return self.full().mentions

    @property
    def entities(self):
        return self.full().entities

    @property
    def relations(self):
        return self.full().relations

    @property
    def cooccurrences(self):
        return self.full().cooccurrences

    @property
    def sentence_counts(self):
        return self.full().sentence_counts



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


def prune(outdir: str | Path, cache: str | Path | None = None) -> tuple[int, int]:
    """Delete from the store of ``outdir``'s build (``cache``, else ``OUT/.kg-store``)
    every result and text that build does not use: (results deleted, results kept)."""
    cl = read_corpus_list(outdir)
    with ExtractionStore(store_folder(outdir, cache), cl.fingerprint) as store:
        deleted = store.prune((key for _doc, key in cl.documents), owners=[_owner(outdir)])
        kept, _every = store.counts()
    return deleted, kept
