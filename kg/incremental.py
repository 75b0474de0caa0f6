"""Builds that extract only what is new, and commands that read a build's extraction.

- :class:`StoreRun` is one ``kg build`` (or ``kg analyze`` of inputs) with an extraction
  store (:mod:`kg.extraction_store`): ``check`` tells whether the export in place is
  already the one these inputs and settings make (then nothing is extracted or written),
  ``extract`` takes stored results and extracts only the documents without one, storing
  them as they come, and ``write_list`` writes the export's corpus list
  (:mod:`kg.corpus_list`).
- :func:`load_built` rebuilds a build's documents and results from its corpus list and
  store, without the inputs, for ``kg analyze -d OUT`` and ``kg view ENTITY -d OUT``.

Results are held packed (:class:`~kg.extraction_store.StoredDoc`) from extraction to the
end of the run, so memory follows the graph rather than the corpus's extractions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from kg.config import Settings
from kg.corpus_list import CorpusList, export_key, read_corpus_list, up_to_date, write_corpus_list
from kg.errors import KGError, show_path
from kg.extract.document import pack
from kg.extraction_store import STORE_DIR, ExtractionStore, StoredDoc, extraction_fingerprint, text_key
from kg.model import Document, FileRecord

__all__ = ["StoreRun", "load_built", "prune", "store_folder"]

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
        self.keys: dict[str, str] = {}
        #: The corpus list of the export in place when it is up to date (nothing to do).
        self.current: CorpusList | None = None
        self.extracted = 0

    def check(self, documents: Sequence[Document], files: Sequence[FileRecord]) -> bool:
        """Compute the keys; True when the export in ``outdir`` is already this build's
        and the store holds every result (a removed store makes the build run again)."""
        self.fingerprint = extraction_fingerprint(self.settings, self.data_dir)
        self.keys = {d.id: text_key(d.text, d.content_hash) for d in documents}
        self.export = export_key(documents, [self.keys[d.id] for d in documents], files, self.settings,
                                 self.data_dir, self.fingerprint)
        if self.outdir is None:
            return False
        current = up_to_date(self.outdir, self.export)
        if current is not None:
            with ExtractionStore(self.folder, self.fingerprint) as store:
                if not store.missing(self.keys.values()):
                    self.current = current
        return self.current is not None

    def extract(self, documents: Sequence[Document], tools, progress: Callable[[int, int], None] | None,
                failures: list[tuple[Document, str]]) -> list[StoredDoc]:
        """The results of ``documents`` in their order, packed: stored ones read back,
        the others extracted ``CHUNK`` at a time and stored (a failure is left out and
        reported in ``failures``, as ``extract_all`` does, and tried again next time)."""
        from kg.pipeline import extract_all

        n = len(documents)
        if not n:  # nothing to keep: no store is made (an output folder is not created for it)
            return []
        with ExtractionStore(self.folder, self.fingerprint) as store:
            stored = store.results(self.keys.values())
            todo = [d for d in documents if self.keys[d.id] not in stored]
            fresh: dict[str, StoredDoc] = {}
            done = n - len(todo)
            if progress and done:
                progress(done, n)
            for start in range(0, len(todo), CHUNK):
                chunk = todo[start : start + CHUNK]
                base = done + start
                cb = (lambda i, _n, base=base: progress(base + i, n)) if progress else None
                for dx in extract_all(chunk, tools, cb, failures):
                    packed = pack(dx)
                    fresh[dx.doc.id] = StoredDoc(dx, packed)
                    stored[self.keys[dx.doc.id]] = packed
                store.put((self.keys[d.id], d.text, stored[self.keys[d.id]]) for d in chunk if d.id in fresh)
            self.extracted = len(fresh)
        failed = {d.id for d, _reason in failures}
        out = []
        for d in documents:
            if d.id in fresh:
                out.append(fresh[d.id])
            elif d.id not in failed:
                out.append(StoredDoc.of(stored[self.keys[d.id]], d))
        return out

    def write_list(self, folder: Path, docs: Sequence[StoredDoc], files: Sequence[FileRecord]) -> str:
        write_corpus_list(folder, documents=[dx.doc for dx in docs], keys=self.keys, files=files,
                          settings=self.settings, data_dir=self.data_dir, fingerprint=self.fingerprint,
                          export=self.export)
        from kg.corpus_list import CORPUS_FILE

        return CORPUS_FILE


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
        deleted = store.prune(key for _doc, key in cl.documents)
        kept, _every = store.counts()
    return deleted, kept
