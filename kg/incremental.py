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
- The **merged corpus** a build also keeps for ``kg view -d`` and ``kg kwic -d``
  (``StoreRun.write_merged``) and the views read from it are in :mod:`kg.merged_corpus`.

Results are held packed (:class:`~kg.stored_doc.StoredDoc`) from extraction to the
end of the run, so memory follows the graph rather than the corpus's extractions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import replace
from operator import attrgetter
from pathlib import Path

from kg.config import Settings
from kg.corpus_list import CorpusList, export_key, read_corpus_list, up_to_date, write_corpus_list
from kg.errors import KGError, show_path
from kg.export.kwic import MentionIndex, mention_value, raw_mentions
from kg.extract.packed import pack, unpack
from kg.extraction_store import ExtractionStore, extraction_fingerprint, text_key
from kg.kept_summary import Kept, merged_summary, read_kept, summary_rows, summary_tag
from kg.merged_corpus import (  # built_view and built_mentions: for the commands that read a build
    built_mentions,
    built_view,
    encode_merged,
    kept_numbers,
    merged_key,
    owner_of,
    store_folder,
)
from kg.model import DocExtraction, Document, Extraction, FileRecord
from kg.stored_doc import StoredDoc, mention_fields, unpack_parts

__all__ = ["StoreRun", "built_mentions", "built_view", "load_built", "merged_key", "prune", "store_folder"]

#: Documents extracted between two writes to the store: a killed build keeps what the
#: finished chunks stored, and only one chunk's full results are in memory at a time.
CHUNK = 1000

_rule = attrgetter("rule")


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
        #: Mentions per entity rule of the documents ``extract`` returned, counted as each
        #: was extracted or unpacked (the manifest's ``entity_rules``: see
        #: ``kg.export.tables.mention_rules``).
        self.rules: Counter[str] = Counter()
        #: The merge summary kept by the last build of this export that ``extract`` found
        #: usable (:mod:`kg.kept_summary`).
        self.kept: Kept | None = None
        #: Sentences naming each entity (the association measures' counts, from the merge),
        #: kept with the merged corpus.
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
        from kg import extraction_store  # read when called, as export_key and merged_key do

        code = extraction_store.code_fingerprint()  # kg's whole source, hashed once for both keys
        self.export = export_key(documents, [self.keys[d.id] for d in documents], files, self.settings,
                                 self.data_dir, self.fingerprint, code)
        # now, not when it is written: the source could change during a long build
        self.merged = merged_key(self.export, self.settings, code)
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
        rules: Counter[str] = Counter()
        self.rules = rules
        if not n:  # nothing to keep: no store is made (an output folder is not created for it)
            return []
        with ExitStack() as stack:
            store = stack.enter_context(ExtractionStore(self.folder, self.fingerprint))
            stored = store.results(self.keys.values())
            if self.outdir is not None:
                self.kept = read_kept(store, owner_of(self.outdir), summary_tag(self.fingerprint), self.keys, stored)
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
                    rules.update(map(_rule, dx.mentions))
                store.put((self.keys[d.id], d.text, stored[self.keys[d.id]]) for d in chunk if d.id in fresh)
            self.extracted = len(fresh)
        failed = {d.id for d, _reason in failures}
        # with a kept summary the merge reads the stored documents' entities alone, and the
        # concordance their mentions from the packed bytes: the rest of them is not unpacked
        whole = self.kept is None
        out = []
        for d in documents:
            if d.id in fresh:
                out.append(fresh[d.id])
            elif d.id not in failed:
                packed = stored[self.keys[d.id]]
                if whole:
                    dx = unpack(packed, d)  # counting the mentions while unpacked
                    rules.update(map(_rule, dx.mentions))
                    out.append(self._held(dx, packed))
                else:
                    doc = HeldDoc.parts(packed, d, rules)
                    self.held.append(doc)
                    out.append(doc)
        return out

    def merge(self, docs: Sequence[StoredDoc], res, settings: Settings) -> Extraction:
        """``kg.merge.merge(docs, res, settings)``, from the summary the last build kept and
        a summary of the documents it does not cover when ``extract`` found one (see
        :mod:`kg.kept_summary`); the summary of this build is kept for the next one."""
        from kg.merge import finalize_counted

        whole, new = merged_summary(self.kept, docs)
        if new is None:  # not used after all
            self.kept = None
        if self.outdir is not None and docs:
            # kept now, before the graph is made, rather than held to the end of the build
            # (14 MB of bytes on the whole corpus): it is a summary of results, good for the
            # next build whatever becomes of this one's exports
            add, rows = summary_rows(whole, new, self.kept, self.keys)
            if rows or not add:
                with ExtractionStore(self.folder, self.fingerprint) as store:
                    store.put_summary(owner_of(self.outdir), summary_tag(self.fingerprint), rows, add=add)
        ex, self._sentences = finalize_counted(whole, res, settings, docs)
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
        owner = owner_of(self.outdir)
        index = raw_mentions(mentions) if mentions is not None else None
        with ExtractionStore(self.folder, self.fingerprint) as store:
            numbers = kept_numbers(store.merged_head_of(owner))
            head, adjacency, pairs, docs = encode_merged(ex, self._sentences, numbers)
            store.put_merged(self.merged, owner, head, adjacency, pairs, docs, index, mention_value)

    def write_list(self, folder: Path, docs: Sequence[StoredDoc], files: Sequence[FileRecord]) -> str:
        write_corpus_list(folder, documents=[dx.doc for dx in docs], keys=self.keys, files=files,
                          settings=self.settings, data_dir=self.data_dir, fingerprint=self.fingerprint,
                          export=self.export)
        from kg.corpus_list import CORPUS_FILE

        return CORPUS_FILE


#: A build keeps this many characters of its documents' results whole (unpacked) from the
#: moment they are extracted, or read from the store when no kept summary serves the merge,
#: until the exports are written, about 29 bytes each (60 MB): the merge reads every such
#: document's co-occurrences and sentences, which would otherwise unpack it once more (on
#: 3,000 stories, 1.5 million characters, half a second). Beyond it the documents are
#: unpacked when read, so memory stays bounded whatever the corpus. The documents a kept
#: summary covers are only unpacked in part (``HeldDoc.parts``): the merge does not read
#: them, and the concordance reads their mentions from the packed bytes.
HELD_CHARS = 2_000_000


class HeldDoc(StoredDoc):
    """A ``StoredDoc`` that may keep its whole ``DocExtraction`` (``keep``) until ``release``,
    so reading its sentences, mentions or co-occurrences unpacks nothing. Pickled, it is a
    ``StoredDoc`` without the whole result (a worker does not need it sent)."""

    __slots__ = ("_whole",)

    def __init__(self, dx: DocExtraction, packed, keep: bool) -> None:
        super().__init__(dx, packed)
        self._whole = dx if keep else None

    @classmethod
    def parts(cls, packed, doc: Document, rules: Counter[str] | None = None) -> HeldDoc:
        """A ``HeldDoc`` that keeps no whole result, made as ``StoredDoc.of`` makes one."""
        self = cls.__new__(cls)
        self.doc, self.entities, self.relations, self.sentence_counts, self.first = unpack_parts(packed, doc, rules)
        self.packed = packed
        self._whole = None
        return self

    def mention_fields(self):
        """``kg.stored_doc.mention_fields`` of the whole result when it is kept, else of the packed one."""
        whole = self._whole
        return super().mention_fields() if whole is None else mention_fields(whole)

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


def prune(outdir: str | Path, cache: str | Path | None = None) -> tuple[int, int]:
    """Delete from the store of ``outdir``'s build (``cache``, else ``OUT/.kg-store``)
    every result and text that build does not use: (results deleted, results kept)."""
    cl = read_corpus_list(outdir)
    with ExtractionStore(store_folder(outdir, cache), cl.fingerprint) as store:
        deleted = store.prune((key for _doc, key in cl.documents), owners=[owner_of(outdir)])
        kept, _every = store.counts()
    return deleted, kept
