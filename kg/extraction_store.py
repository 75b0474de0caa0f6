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
Beside the results, a build keeps its merged corpus (for ``kg view -d``) and its merge
summary (for the next build, :mod:`kg.kept_summary`), one of each per export folder.

Nothing here prints or exits.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

from kg.config import Settings
from kg.errors import KGError
from kg.extract.document import Packed

__all__ = [
    "DB_NAME",
    "STORE_DIR",
    "ExtractionStore",
    "StoreError",
    "code_fingerprint",
    "extraction_fingerprint",
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
#: Rows of the merged corpus written at once by ``_sync`` (the rest wait in a list).
_SYNC_BATCH = 4096
#: A build's merged corpus, kept so ``kg view -d`` reads a neighbourhood without merging
#: (written and read by :mod:`kg.incremental`): a head per build, each entity's neighbours,
#: the edges of each pair of entities, each document's entity ids, and the mention index
#: (:class:`kg.export.kwic.MentionIndex`: its head under the entity "", then one row an
#: entity), so a page's concordance reads only the entities it shows.
_MERGED_TABLES = (
    "merged(key TEXT PRIMARY KEY, owner TEXT NOT NULL, head BLOB NOT NULL)",
    "merged_adj(key TEXT NOT NULL, entity INTEGER NOT NULL, rel BLOB NOT NULL, cooc BLOB NOT NULL, "
    "loop INTEGER NOT NULL, PRIMARY KEY (key, entity)) WITHOUT ROWID",
    "merged_pairs(key TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, body BLOB NOT NULL, "
    "PRIMARY KEY (key, lo, hi)) WITHOUT ROWID",
    "merged_docs(key TEXT NOT NULL, doc TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID",
    "merged_mentions(key TEXT NOT NULL, entity TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (key, entity)) "
    "WITHOUT ROWID",
    # per slot and table, a digest of each row (see _sync), and the key of the merged
    # corpus whose rows they are (digests kept for other rows than there are are not used)
    "merged_sums(key TEXT NOT NULL, tab TEXT NOT NULL, head TEXT NOT NULL, body BLOB NOT NULL, "
    "PRIMARY KEY (key, tab)) WITHOUT ROWID",
)
_MERGED = ("merged", "merged_adj", "merged_pairs", "merged_docs", "merged_mentions", "merged_sums")
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
class ExtractionStore:
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
                for table in (*_MERGED_TABLES, _SUMMARY_TABLE):
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

    def missing(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` without a result of this fingerprint."""
        wanted = set(keys)
        have = set()
        try:
            for chunk in _chunks(sorted(wanted), 500):
                q = f"SELECT hash FROM results WHERE fingerprint = ? AND hash IN ({','.join('?' * len(chunk))})"
                have.update(h for (h,) in self.db.execute(q, (self.fingerprint, *chunk)))
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e
        return wanted - have

    def results(self, keys: Iterable[str]) -> dict[str, Packed]:
        """The stored results of ``keys`` (those it has)."""
        out: dict[str, Packed] = {}
        try:
            for chunk in _chunks(sorted(set(keys)), 500):
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
            for chunk in _chunks(sorted(set(keys)), 500):
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
            for chunk in _chunks(list(items), BATCH):
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

    # ------------------------------------------------------------------ merged corpus
    def put_merged(self, key: str, owner: str, head: bytes, adjacency: Iterable[tuple[int, bytes, bytes, int]],
                   pairs: Iterable[tuple[int, int, bytes]], docs: Iterable[tuple[str, bytes]],
                   mentions: tuple[bytes, Iterable[tuple[str, bytes]]] | None = None) -> int:
        """Keep a build's merged corpus under ``key`` (see :mod:`kg.incremental`), in
        one transaction, replacing what an earlier build for the same ``owner`` (the
        export folder) kept: a shared ``--cache`` holds one merged corpus per export.
        ``mentions``: the head and the entity rows of its mention index
        (:func:`kg.export.kwic.encode_mentions`).

        The rows are kept per owner (:func:`merged_slot`), not per key, and only those
        that differ from the rows the owner's last build kept are written (and those it
        no longer has deleted): a build of a few more stories changes few of them, and
        writing every row again (19 MB for 3,000 stories) cost more than telling which
        changed. They are told by a digest of each row kept beside them (``_sync``), so
        the old rows themselves are not read. The number of rows written or deleted."""
        slot = merged_slot(owner)
        index = [] if mentions is None else [("", mentions[0]), *mentions[1]]
        try:
            with self._transaction():
                old = {k for (k,) in self.db.execute("SELECT key FROM merged WHERE owner = ?", (owner,))}
                sums = self._sums(slot, old)
                self._drop_merged(sorted({*old, key}))  # and rows kept per key by an earlier kg
                n = 0
                for table, keys, values, rows in (("merged_adj", ("entity",), ("rel", "cooc", "loop"), adjacency),
                                                  ("merged_pairs", ("lo", "hi"), ("body",), pairs),
                                                  ("merged_docs", ("doc",), ("body",), docs),
                                                  ("merged_mentions", ("entity",), ("body",), index)):
                    written, kept = self._sync(table, keys, values, slot, rows, sums.get(table))
                    self.db.execute("INSERT OR REPLACE INTO merged_sums VALUES (?, ?, ?, ?)",
                                    (slot, table, key, marshal.dumps(kept, 4)))
                    n += written
                self.db.execute("INSERT INTO merged VALUES (?, ?, ?)", (key, owner, head))  # last: complete
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot write: {e}") from e
        return n

    def _sums(self, slot: str, old: set[str]) -> dict[str, dict]:
        """Table -> {row key: digest} of the rows of ``slot``, for the tables whose digests
        were written with the merged corpus kept now (``old``: its key); {} for others (an
        earlier kg kept the rows, or another kg wrote them since: they are written again)."""
        out: dict[str, dict] = {}
        if len(old) != 1:
            return out
        for table, head, body in self.db.execute("SELECT tab, head, body FROM merged_sums WHERE key = ?", (slot,)):
            if head in old:
                try:
                    got = marshal.loads(body)
                except (ValueError, EOFError, TypeError):  # damaged: as if none were kept
                    continue
                if isinstance(got, dict):
                    out[table] = got
        return out

    def _sync(self, table: str, keys: tuple[str, ...], values: tuple[str, ...], slot: str, rows: Iterable,
              old: dict | None) -> tuple[int, dict]:
        """Make the rows of ``slot`` in ``table`` (our own table and column names) be
        ``rows`` (key columns, then value columns), writing only those whose digest
        differs from the one in ``old`` (row key -> digest of the rows kept; None when
        unknown: every row is deleted and written). (rows written or deleted, the new
        row key -> digest.)"""
        nk = len(keys)
        marks = ", ".join("?" * (1 + len(keys) + len(values)))
        insert = f"INSERT OR REPLACE INTO {table} VALUES ({marks})"
        written = 0
        if old is None:
            written = self.db.execute(f"DELETE FROM {table} WHERE key = ?", (slot,)).rowcount
            old = {}
        kept: dict = {}
        write = []
        sha = hashlib.sha256
        for row in rows:
            k = row[0] if nk == 1 else row[0] << 32 | row[1]  # two entity numbers, each below 2**32
            v = row[nk:]
            # 8 bytes of a hash of the values (a changed row taken for unchanged, so not
            # written, is 1 in 2**64); a value of one byte string (most rows) as it is
            v = v[0] if len(v) == 1 and type(v[0]) is bytes else marshal.dumps(tuple(v), 2)
            kept[k] = digest = sha(v).digest()[:8]
            if old.pop(k, None) != digest:
                write.append((slot, *row))
                if len(write) >= _SYNC_BATCH:  # written as they come: rows may be made lazily
                    self.db.executemany(insert, write)
                    written += len(write)
                    write = []
        self.db.executemany(insert, write)
        where = " AND ".join(f"{k} = ?" for k in keys)
        gone = [(slot, k) if nk == 1 else (slot, k >> 32, k & 0xFFFFFFFF) for k in old]
        self.db.executemany(f"DELETE FROM {table} WHERE key = ? AND {where}", gone)
        return written + len(write) + len(gone), kept

    def _drop_merged(self, keys: list[str]) -> None:
        for table in _MERGED:
            self.db.executemany(f"DELETE FROM {table} WHERE key = ?", ((k,) for k in keys))

    def _slot(self, key: str) -> str | None:
        """The slot the rows of the merged corpus kept under ``key`` are in, None when none is kept."""
        row = self.db.execute("SELECT owner FROM merged WHERE key = ?", (key,)).fetchone()
        return None if row is None else merged_slot(row[0])

    def merged_head_of(self, owner: str) -> bytes | None:
        """The head of the merged corpus kept for ``owner``, whatever its key (None: none)."""
        return self._head("owner", owner)

    def merged_head(self, key: str) -> bytes | None:
        """The head of the merged corpus kept under ``key``, None when there is none."""
        return self._head("key", key)

    def _head(self, column: str, value: str) -> bytes | None:
        try:
            row = self.db.execute(f"SELECT head FROM merged WHERE {column} = ?", (value,)).fetchone()
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e
        return None if row is None else row[0]

    def merged_adjacency(self, key: str, entities: Iterable[int]) -> dict[int, tuple[bytes, bytes, int]]:
        """Entity index -> (relation neighbours, co-occurrence neighbours, has a loop)."""
        out: dict[int, tuple[bytes, bytes, int]] = {}
        try:
            slot = self._slot(key)
            for chunk in _chunks(sorted(set(entities)) if slot else [], 500):
                q = f"SELECT entity, rel, cooc, loop FROM merged_adj WHERE key = ? AND entity IN ({','.join('?' * len(chunk))})"
                out.update((i, (rel, cooc, loop)) for i, rel, cooc, loop in self.db.execute(q, (slot, *chunk)))
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e
        return out

    def merged_pairs(self, key: str, pairs: dict[int, list[int]]) -> list[bytes]:
        """The edge rows of the entity pairs ``lo -> [hi, ...]`` that have one."""
        out: list[bytes] = []
        try:
            slot = self._slot(key)
            for lo, his in sorted(pairs.items()) if slot else ():
                for chunk in _chunks(sorted(set(his)), 500):
                    q = f"SELECT body FROM merged_pairs WHERE key = ? AND lo = ? AND hi IN ({','.join('?' * len(chunk))})"
                    out.extend(body for (body,) in self.db.execute(q, (slot, lo, *chunk)))
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e
        return out

    def merged_docs(self, key: str, docs: Iterable[str]) -> dict[str, bytes]:
        return self._bodies("merged_docs", "doc", key, docs)

    def merged_mentions(self, key: str, entities: Iterable[str]) -> dict[str, bytes]:
        """The mention index rows of ``entities`` kept under ``key`` (those it has; the
        entity "" is the index's head)."""
        return self._bodies("merged_mentions", "entity", key, entities)

    def _bodies(self, table: str, column: str, key: str, names: Iterable[str]) -> dict[str, bytes]:
        """``name -> body`` of the rows of ``table`` kept under ``key`` whose ``column`` is
        one of ``names`` (our own table and column names, never a document's text)."""
        out: dict[str, bytes] = {}
        try:
            slot = self._slot(key)
            for chunk in _chunks(sorted(set(names)) if slot else [], 500):
                marks = ",".join("?" * len(chunk))
                q = f"SELECT {column}, body FROM {table} WHERE key = ? AND {column} IN ({marks})"
                out.update(self.db.execute(q, (slot, *chunk)))
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read: {e}") from e
        return out

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


def merged_slot(owner: str) -> str:
    """What the rows of ``owner``'s merged corpus are kept under (its ``key`` column): a
    short hash of the export folder, never equal to a merged corpus's key."""
    return "slot:" + hashlib.sha256(owner.encode()).hexdigest()[:16]


class _Transaction:
    """BEGIN … COMMIT, or ROLLBACK on an error (the connection is in autocommit mode)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_rest) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
