"""The extraction store: per-document results kept between runs, so a corpus is
extracted once.

``kg build`` extracts a document only when the store has no result for it; ``kg analyze
-d OUT`` and ``kg view ENTITY -d OUT`` read the build's results instead of extracting
again. What is kept and how:

- **Keys.** A result is keyed by the document's content hash (``Document.content_hash``,
  a hash of its cleaned text) and an *extraction fingerprint*: a hash of everything else
  that shapes the per-document step — kg's version and the source of the modules that
  read, clean and extract (``kg/extract``, ``kg/read``, ``kg/resources``, ``model``,
  ``config``, ``errors``), kg's own data (gazetteer, lexicon, rules), the resources'
  fingerprint (the ``--data-dir`` overlay and the user dictionaries, by content), the
  backend, the NER source, ``max_cooccurrence_entities`` and the segmenter's version.
  Reading settings (field names, the input size cap) are not in it: they change the text
  read, so its content hash. The document's id is not in it either: the packed form
  names the document only as "this document" (see :mod:`kg.extract.document`), so one
  text under two ids, or a renamed file, reuses one result.
- **Values.** The packed result (``pack``: about 1.8 bytes per input character; zlib at
  level 1 takes it to about 1.2, in 33 µs a document, so it is compressed when that
  saves a tenth or more) and the document's text (UTF-8, zlib level 1: 2.9 -> 1.7 bytes
  per character), enough with the corpus list below to rebuild every ``Document``
  without the inputs.
- **The corpus list** (:mod:`kg.corpus_list`): the export holds ``.kg-corpus.jsonl``,
  the documents of the build in order with their metadata and content hashes, written
  and replaced with the rest of the export, so it always describes the export beside it.

**Why SQLite.** (The comparison with one pickled file per shard on 2,000 stories that
the choice should rest on is not measured yet.) SQLite answers the questions a store
must answer without code of ours: a lookup of 10 changed documents reads 10 rows
instead of whole shards; a killed build leaves the transactions it committed and
nothing half-written (a shard file would need a write-rename protocol, and adding one
document to a shard means rewriting it); two builds sharing a ``--cache`` folder are
serialised by its locks; and it is in the standard library.

**Where.** By default ``OUT/.kg-store/`` (``STORE_DIR``), beside the export: kg.publish
carries every entry of an output folder that a build does not own into the new folder
after the swap, by rename, so the store survives the atomic replacement of ``OUT``
(the database is closed before the swap). ``--cache DIR`` puts it in ``DIR`` instead,
which several builds may share (give ``--cache DIR`` to ``kg analyze -d`` and ``kg view
-d`` too).

**What it keeps.** Results are never deleted by a build: a file removed from the inputs
drops out of the export (the export is made from the documents read), but its result
stays in the store, ready if it comes back. ``prune(keep)`` (``kg build --prune``) deletes
every result and text the given build does not use, and compacts the file.
Beside the results, a build keeps its merged corpus (for ``kg view -d``; its tables are in
:mod:`kg.merged_tables`) and its merge summary (for the next build, :mod:`kg.kept_summary`),
one of each per export folder.

Nothing here prints or exits.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from kg.config import Settings
from kg.errors import KGError
from kg.extract.packed import Packed
from kg.merged_tables import MERGED_TABLES, MergedTables, chunks, merged_slot

__all__ = [
    "DB_NAME",
    "STORE_DIR",
    "ExtractionStore",
    "StoreError",
    "code_fingerprint",
    "extraction_fingerprint",
    "merged_slot",
    "resources_fingerprint",
    "text_key",
]

#: The store's folder inside an output folder, and the database file in it.
STORE_DIR = ".kg-store"
DB_NAME = "extractions.sqlite"
#: Bumped when the layout of the tables or of a value changes.
SCHEMA = 1
#: Rows written per transaction: a killed build keeps every batch it committed.
BATCH = 256
#: A build's merge summary in parts, for the next build of the same export folder (written
#: and read by :mod:`kg.kept_summary`): each part a head (what it covers) and a body.
_SUMMARY_TABLE = ("summaries(owner TEXT NOT NULL, part INTEGER NOT NULL, tag TEXT NOT NULL, head BLOB NOT NULL, "
                  "body BLOB NOT NULL, PRIMARY KEY (owner, part))")
#: The sources and data that shape the per-document step (see the module docstring).
_EXTRACTION_CODE = ("extract", "read", "resources", "model.py", "config.py", "errors.py")
_EXTRACTION_DATA = ("gazetteer", "lexicon", "rules")


class StoreError(KGError):
    """The store cannot be opened, read or written (one line naming it)."""


# ---------------------------------------------------------------------- fingerprints
def code_fingerprint(parts: Iterable[str] | None = None, data: Iterable[str] | None = None) -> str:
    """A hash of kg's source files under ``parts`` of the package (all of it when None)
    and of kg's data folders ``data`` (all of them when None), by path and content.

    kg's version alone would not do in a checkout, where the code changes under one
    version; hashing is cheap (the package and its data are about 2 MB)."""
    from kg.resources import default_data_dir

    pkg = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for root, names in ((pkg, parts), (default_data_dir(), data)):
        tops = sorted(root.iterdir()) if names is None else [root / n for n in names]
        for top in tops:
            files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
            for p in files:
                if "__pycache__" in p.parts or p.suffix == ".pyc":
                    continue
                h.update(f"{p.relative_to(root).as_posix()}\0".encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def resources_fingerprint(data_dir: object = None, user_dict: str = "") -> str:
    """``Resources.fingerprint`` of ``load_resources(data_dir, user_dict)`` without loading
    them: a hash of the overlay's data files and the user dictionaries ("" for neither)."""
    from kg.resources import DataSource, default_data_dir
    from kg.resources.overlay import check_overlay, fingerprint

    source = DataSource.of(data_dir, user_dict or ())  # type: ignore[arg-type]
    if source.overlay and Path(source.overlay) == default_data_dir().resolve():
        source = DataSource("", source.user_dicts)
    if source == DataSource():
        return ""
    files = check_overlay(Path(source.overlay)) if source.overlay else []
    return fingerprint(source, files)


def extraction_fingerprint(settings: Settings, data_dir: object = None) -> str:
    """The hash every stored result of a run with ``settings`` and ``data_dir`` is keyed by."""
    from kg import __version__

    parts = [
        f"schema={SCHEMA}",
        f"kg={__version__}",
        f"code={code_fingerprint(_EXTRACTION_CODE, _EXTRACTION_DATA)}",
        f"resources={resources_fingerprint(data_dir, settings.user_dict)}",
        f"backend={settings.backend}",
        f"ner={settings.ner}",
        f"max_cooccurrence_entities={settings.max_cooccurrence_entities}",
        f"segmenter={_version('rjieba')}/{_version('jieba')}",
        # the packed integers are machine arrays: a store shared between machines must
        # not hand one's bytes to another
        f"arrays={sys.byteorder}/{array('L').itemsize}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


def text_key(text: str, content_hash: str = "") -> str:
    """The key of a document's text: its content hash, computed when not given."""
    return content_hash or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------- values
def encode_packed(packed: Packed) -> bytes:
    """``packed`` as one byte string, compressed when that saves a tenth or more."""
    codes, wide, narrow, extra = packed
    raw = b"".join((codes.encode("ascii"), struct.pack("<II", len(wide), len(narrow)), wide, narrow,
                    extra.encode("utf-8")))
    small = zlib.compress(raw, 1)
    return b"z" + small if len(small) * 10 <= len(raw) * 9 else b"r" + raw


def decode_packed(blob: bytes) -> Packed:
    raw = zlib.decompress(blob[1:]) if blob[:1] == b"z" else blob[1:]
    codes = raw[:2].decode("ascii")
    n_wide, n_narrow = struct.unpack_from("<II", raw, 2)
    at = 10
    wide = raw[at : at + n_wide]
    narrow = raw[at + n_wide : at + n_wide + n_narrow]
    return codes, wide, narrow, raw[at + n_wide + n_narrow :].decode("utf-8")


def encode_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def decode_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


# ---------------------------------------------------------------------- the store
class ExtractionStore(MergedTables):
    """An open store: ``get``/``put`` results of one fingerprint, and the texts.

    Use as a context manager; it is closed at the end of the block (the database must
    be closed before kg.publish moves the folder holding it)."""

    def __init__(self, folder: str | Path, fingerprint: str) -> None:
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.path = self.folder / DB_NAME
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            with self._transaction():
                self.db.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                self.db.execute(
                    "CREATE TABLE IF NOT EXISTS texts(hash TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID")
                self.db.execute(
                    "CREATE TABLE IF NOT EXISTS results(hash TEXT NOT NULL, fingerprint TEXT NOT NULL, "
                    "body BLOB NOT NULL, PRIMARY KEY (hash, fingerprint)) WITHOUT ROWID")
                for table in (*MERGED_TABLES, _SUMMARY_TABLE):
                    self.db.execute(f"CREATE TABLE IF NOT EXISTS {table}")
                row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None:
                    self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
                elif row[0] != str(SCHEMA):
                    raise StoreError(f"{self.path}: a store of another kg (schema {row[0]}, this kg "
                                     f"reads {SCHEMA}); remove the folder or give another --cache")
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open the extraction store: {e}") from e

    def __enter__(self) -> ExtractionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _transaction(self):
        return _Transaction(self.db)

    def failed(self, doing: str, e: Exception) -> StoreError:
        """The error to raise when ``doing`` (cannot read, cannot write) met ``e``."""
        return StoreError(f"{self.path}: {doing}: {e}")

    def missing(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` without a result of this fingerprint."""
        wanted = set(keys)
        have = set()
        try:
            for chunk in chunks(sorted(wanted), 500):
                q = f"SELECT hash FROM results WHERE fingerprint = ? AND hash IN ({','.join('?' * len(chunk))})"
                have.update(h for (h,) in self.db.execute(q, (self.fingerprint, *chunk)))
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e
        return wanted - have

    def results(self, keys: Iterable[str]) -> dict[str, Packed]:
        """The stored results of ``keys`` (those it has)."""
        out: dict[str, Packed] = {}
        try:
            for chunk in chunks(sorted(set(keys)), 500):
                q = (f"SELECT hash, body FROM results WHERE fingerprint = ? "
                     f"AND hash IN ({','.join('?' * len(chunk))})")
                for h, body in self.db.execute(q, (self.fingerprint, *chunk)):
                    out[h] = decode_packed(body)
        except (sqlite3.Error, zlib.error, ValueError, struct.error) as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e
        return out

    def texts(self, keys: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        try:
            for chunk in chunks(sorted(set(keys)), 500):
                q = f"SELECT hash, body FROM texts WHERE hash IN ({','.join('?' * len(chunk))})"
                out.update((h, decode_text(body)) for h, body in self.db.execute(q, chunk))
        except (sqlite3.Error, zlib.error, UnicodeDecodeError) as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e
        return out

    def put(self, items: Iterable[tuple[str, str, Packed]]) -> int:
        """Store (key, text, packed result) triples, ``BATCH`` to a transaction; the
        number stored. A result already there is kept (it is the same)."""
        n = 0
        try:
            for chunk in chunks(list(items), BATCH):
                with self._transaction():
                    self.db.executemany("INSERT OR IGNORE INTO texts VALUES (?, ?)",
                                        ((k, encode_text(t)) for k, t, _p in chunk))
                    self.db.executemany("INSERT OR IGNORE INTO results VALUES (?, ?, ?)",
                                        ((k, self.fingerprint, encode_packed(p)) for k, _t, p in chunk))
                n += len(chunk)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot write: {e}") from e
        return n

    def prune(self, keep: Iterable[str], owners: Iterable[str] = ()) -> int:
        """Delete every result and text but those of the keys ``keep`` under this
        fingerprint, and every merged corpus but those kept for the export folders
        ``owners``, then compact the file; the number of results deleted."""
        try:
            with self._transaction():
                self.db.execute("CREATE TEMP TABLE keep(hash TEXT PRIMARY KEY) WITHOUT ROWID")
                self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
                n = self.db.execute(
                    "DELETE FROM results WHERE fingerprint != ? OR hash NOT IN (SELECT hash FROM keep)",
                    (self.fingerprint,)).rowcount
                self.db.execute("DELETE FROM texts WHERE hash NOT IN (SELECT hash FROM keep)")
                self.db.execute("DROP TABLE keep")
                wanted = set(owners)
                dropped = [(k, o) for k, o in self.db.execute("SELECT key, owner FROM merged") if o not in wanted]
                self._drop_merged([k for k, _o in dropped] + [merged_slot(o) for _k, o in dropped])
                self.db.executemany("DELETE FROM summaries WHERE owner = ?",
                                    [(o,) for (o,) in self.db.execute("SELECT DISTINCT owner FROM summaries")
                                     if o not in wanted])
            self.db.execute("VACUUM")
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot prune: {e}") from e
        return n

    # ------------------------------------------------------------------ merge summary
    def summary_parts(self, owner: str) -> list[tuple[str, bytes, bytes]]:
        """The parts of the merge summary kept for the export folder ``owner``, in the
        order they were added: (tag, head, body) each."""
        try:
            return list(self.db.execute("SELECT tag, head, body FROM summaries WHERE owner = ? ORDER BY part",
                                        (owner,)))
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e

    def put_summary(self, owner: str, tag: str, parts: Iterable[tuple[bytes, bytes]], *, add: bool = False) -> None:
        """Keep (head, body) ``parts`` of the merge summary of ``owner``'s build under
        ``tag``: after the parts kept (``add``), else instead of them, in one transaction."""
        try:
            with self._transaction():
                if not add:
                    self.db.execute("DELETE FROM summaries WHERE owner = ?", (owner,))
                (n,) = self.db.execute("SELECT coalesce(max(part) + 1, 0) FROM summaries WHERE owner = ?",
                                       (owner,)).fetchone()
                self.db.executemany("INSERT INTO summaries VALUES (?, ?, ?, ?, ?)",
                                    ((owner, n + i, tag, head, body) for i, (head, body) in enumerate(parts)))
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot write: {e}") from e

    def counts(self) -> tuple[int, int]:
        """(results of this fingerprint, results of every fingerprint)."""
        with closing(self.db.cursor()) as c:
            mine = c.execute("SELECT count(*) FROM results WHERE fingerprint = ?", (self.fingerprint,)).fetchone()[0]
            every = c.execute("SELECT count(*) FROM results").fetchone()[0]
        return mine, every


class _Transaction:
    """BEGIN … COMMIT, or ROLLBACK on an error (the connection is in autocommit mode)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_rest) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
